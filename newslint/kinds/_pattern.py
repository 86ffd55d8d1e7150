"""What the Vale-style pattern kinds share: compiling, scoping, quote skipping, messages."""

from __future__ import annotations

import bisect
import re as _re
from functools import cached_property
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence

import regex

from newslint.deadline import Deadline
from newslint.blocks import BlockText, Selected, select
from newslint.document import Document, Span
from newslint.kinds._prefilter import UNLIKE_CASE, WORD_INDEX, Alternatives, Prefilter, WordIndex
from newslint.finding import Hit
from newslint.rules import Check, RuleSpec
from newslint.scopes import ScopeError, parse_scope
from newslint.schema import OptionError, shown

# One pathological pattern must not hang a run: every call of a pattern gets what is left
# of its rule's time on the document (`doc.deadline`, see deadline.py) as its timeout,
# and the engine reports the rule that ran out.
# A prefiltered pattern is tried at each place it can start, unless there is more than one
# such place in this many characters (a scan of the text is then quicker, same matches).
SCAN_EVERY = 400
_PLACEHOLDER = _re.compile(r"%s|\{(\w+)\}")
_REGION_SCOPES = {
    "text": None, "summary": None, "sentence": None,
    "paragraph": frozenset({"paragraph"}), "heading": frozenset({"heading"}),
    "title": frozenset({"title"}), "blockquote": frozenset({"blockquote"}),
    "list": frozenset({"list"}),
}
ALL_PROSE = frozenset({"title", "heading", "paragraph", "blockquote", "list"})


# `regex` copies a counted repeat's body as many times as its least count when it compiles
# it: "(?:a{1000}){1000}" took 274 MB, "(?:a{60000}){60000}" filled memory before any
# timeout could apply.
MAX_EXPANSION = 100_000
_PIECE = _re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\((?:\?(?:P?<\w+>|<[=!]|[:=!>|]|[\w-]*:?))?|\)|\{(\d+)(?:,(\d*))?\}|.", _re.DOTALL)


def check_expansion(key: str, pattern: str) -> None:
    """OptionError when counted repeats (nested ones multiply) would have `regex` copy a
    piece of the pattern more than MAX_EXPANSION times."""
    if "{" not in pattern:
        return
    sums = [0]  # the expanded size of each open group so far
    last = 0  # the expanded size of the piece a quantifier would repeat
    for m in _PIECE.finditer(pattern):
        piece = m.group()
        if piece.startswith("("):
            sums.append(0)
            last = 0
        elif piece == ")" and len(sums) > 1:
            last = max(sums.pop(), 1)
            sums[-1] += last
        elif m.group(1) is not None:
            times = int(m.group(1)[:7])
            if last * times > MAX_EXPANSION:
                raise OptionError(key, f"a counted repeat too large in {shown(pattern)} "
                                       f"(it would copy part of the pattern over {MAX_EXPANSION:,} times)")
            sums[-1] += last * max(times - 1, 0)
            last *= max(times, 1)
        else:
            last = 1
            sums[-1] += 1


def compile_pattern(key: str, pattern: str, ignorecase: bool = False) -> regex.Pattern[str]:
    flags = regex.MULTILINE | (regex.IGNORECASE if ignorecase else 0)
    check_expansion(key, pattern)
    try:
        return regex.compile(pattern, flags)
    except (regex.error, TypeError, ValueError, OverflowError) as exc:
        raise OptionError(key, f"invalid regular expression {shown(pattern)}: {exc}") from None


class Prepared(NamedTuple):
    """What a pattern rule (existence, substitution) works out when it loads: where its
    matches can start, per token or key or for the whole pattern (see _prefilter), and
    the strings one of which every match holds."""

    filters: Alternatives | None
    prefilter: Prefilter | None
    required: frozenset[str] | None = None


class Deferred:
    """A rule's full pattern, compiled on first use: with a word prefilter, most rules are
    never needed on a short run (its parts were compiled, and so checked, when loading)."""

    def __init__(self, key: str, source: str, ignorecase: bool) -> None:
        self.key, self.source, self.ignorecase = key, source, ignorecase

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        return compile_pattern(self.key, self.source, self.ignorecase)


def word_pattern(tokens: list[str], nonword: bool, raw: str = "", append: bool = False) -> str:
    """An existence rule's pattern: its tokens (between word boundaries unless `nonword`),
    after its `raw` pattern, or before it with `append` (Vale's makeRegexp)."""
    body = "|".join(tokens)
    if not body:
        return raw
    words = f"(?:{body})" if nonword else f"(?:\\b(?:{body})\\b)"
    return words + raw if append else raw + words


class ProseScope:
    """Which characters of the masked prose a news kind (numbers, dates) looks at."""

    def __init__(self, spec: RuleSpec) -> None:
        include: set[str] = set()
        exclude: set[str] = set()
        self.raw = False
        for item in spec.scope:
            negate = item.startswith("~")
            name = item.lstrip("~").split(".")[0]
            if name == "raw":
                self.raw = not negate
                continue
            kinds = _REGION_SCOPES.get(name, frozenset())
            target = exclude if negate else include
            target.update(ALL_PROSE if kinds is None else kinds)
        if not include and not self.raw:
            include = set(ALL_PROSE)
        self.kinds = frozenset(include - exclude)
        self.everything = self.kinds == ALL_PROSE
        self.skip_quotes = spec.quotes == "skip"

    def text(self, doc: Document) -> str:
        return doc.text if self.raw else doc.prose

    def allows(self, doc: Document, start: int, end: int) -> bool:
        """True when a match is inside one region of the scope (and outside quotations)."""
        if self.skip_quotes and doc.quoted.overlaps(start, end):
            return False
        if self.raw:
            return True
        region = doc.region_at(start)
        return region is not None and region.kind in self.kinds and end <= region.end


class Scope:
    """Which blocks of a document a pattern rule matches (Vale's scopes, newslint.scopes),
    and the text it matches them in.

    A pattern kind works in the offsets of `text(doc)`: the selected blocks' visible
    text laid end to end (newslint.blocks.BlockText; the file itself for `raw`). It
    matches each of `units(doc)` as if it were the whole text (`search`, `Union.search`,
    `finditer` with the unit's bounds): a match never runs from one block into the next,
    and `^` and `$` hold at a block's ends (blocks are laid out with a line break between
    them; a lookbehind can still see the block before, where Vale sees nothing). Its hits are in those offsets too; `located` (applied to every pattern rule by
    rules.compile_rule) moves them to the source, and drops a fix whose text is not
    the source's own (an edit over markup would break it).
    """

    def __init__(self, spec: RuleSpec) -> None:
        try:
            self.selection = parse_scope(spec.scope)
        except ScopeError as exc:  # a spec from a rule cache written before the check
            raise OptionError("scope", str(exc)) from None
        self.memo_key = "blocks.scope:" + self.selection.key
        self.skip_quotes = spec.quotes == "skip"
        names = self.selection.names
        only_raw = names("raw") and not any(
            not p.negated and not p.sections <= {"raw", "md", "txt"} for parts in self.selection.selectors for p in parts)
        # The words the gate looks for are those of the visible text (True: of the file);
        # None when the scope takes both, so that no gate applies.
        self.raw: bool | None = True if only_raw else (None if names("raw") else False)

    def selected(self, doc: Document) -> Selected:
        """The text this scope matches in and the units of it that it selects."""
        return doc.memo(self.memo_key, self._select)

    def _select(self, doc: Document) -> Selected:
        return select(doc, self.selection)

    def text(self, doc: Document) -> str:
        return self.selected(doc).text.text

    def units(self, doc: Document, sentence: bool = False) -> list[Span]:
        """The spans of `text(doc)` that counting kinds (occurrence, repetition) count
        within: the selected blocks (or sentences, when the scope names `sentence`)."""
        return [Span(a, b) for a, b in self.selected(doc).units]

    def to_source(self, doc: Document, start: int, end: int) -> tuple[int, int] | None:
        """The source span of text(doc)[start:end], when it lies in one block."""
        return self.selected(doc).text.span_to_source(start, end)

    def quoted(self, doc: Document, start: int, end: int) -> bool:
        """True when text(doc)[start:end] overlaps a quotation of the source."""
        if not doc.quoted:
            return False
        span = self.to_source(doc, start, end)
        return span is not None and doc.quoted.overlaps(*span)

    def allows(self, doc: Document, start: int, end: int) -> bool:
        """True unless the scope skips quotations and text(doc)[start:end] overlaps one."""
        return not (self.skip_quotes and self.quoted(doc, start, end))


def finditer(pattern: regex.Pattern[str], text: str, deadline: Deadline, start: int = 0,
             end: int | None = None) -> Iterator[regex.Match[str]]:
    """Every match of `pattern` in text[start:end], as if the text ended at `end` (a unit
    of a Scope is matched as on its own: `$` and a lookahead at its end see the end)."""
    return pattern.finditer(text, start, len(text) if end is None else end, timeout=deadline.left())


def search(pattern: regex.Pattern[str] | Deferred, doc: Document, scope: Scope,
           prefilter: Prefilter | None = None) -> Iterator[regex.Match[str]]:
    """Every non-empty match of `pattern` in the scope's units that the scope allows, in
    `scope.text(doc)` offsets.

    With a prefilter (see _prefilter.py) the pattern is tried only where a match can start,
    which gives the same matches: most rules' words are absent from most articles.
    """
    selected = scope.selected(doc)
    if not selected.units:
        return
    text = selected.text.text
    starts = None if prefilter is None else prefilter.starts(_words(doc, selected))
    if starts == []:
        return
    if isinstance(pattern, Deferred):
        pattern = pattern.pattern
    deadline = doc.deadline
    if starts is None:
        matches: Iterable[regex.Match[str]] = (m for a, b in selected.units for m in finditer(pattern, text, deadline, a, b))
    else:
        matches = _matches_at(pattern, text, starts, selected.units, deadline)
    for m in matches:
        if m.end() > m.start() and scope.allows(doc, m.start(), m.end()):
            yield m


def _unit_of(units: list[tuple[int, int]], starts: list[int], offset: int) -> int:
    """The index of the unit holding `offset` (its end included), or -1."""
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 and offset <= units[i][1] else -1


def _matches_at(pattern: regex.Pattern[str], text: str, starts: Sequence[int], units: list[tuple[int, int]],
                deadline: Deadline) -> Iterator[regex.Match[str]]:
    """What finditer gives over every unit, trying only `starts` (sorted, holding every
    match start)."""
    left = deadline.left
    unit_starts = [a for a, _ in units]
    end = 0
    for start in starts:
        if start < end:
            continue
        i = _unit_of(units, unit_starts, start)
        if i < 0:
            continue
        m = pattern.match(text, start, units[i][1], timeout=left())
        if m is not None and m.end() > m.start():
            end = m.end()
            yield m


def _words(doc: Document, selected: Selected) -> WordIndex:
    return doc.memo(selected.key, lambda d: WordIndex(selected.text.text))


class Union:
    """Alternatives (a rule's tokens or swap keys) matched as their alternation would match
    them, each compiled on its own the first time a text has a word it can begin with.

    At each offset where some alternative can start, the alternatives that can start there
    are tried in their order and the first that matches wins, as in a regex alternation;
    offsets before the end of the last match are skipped, as `finditer` skips them. Every
    alternative's prefilter reads a word first, so no match begins with "_", and Vale's
    "(?:\\b|_)" wrapper takes the same branch here as in the alternation.
    """

    def __init__(self, key: str, sources: list[str], fold: bool, filters: Alternatives) -> None:
        self.key, self.sources, self.fold, self.filters = key, sources, fold, filters
        self._compiled: list[regex.Pattern[str] | None] = [None] * len(sources)

    def pattern(self, i: int) -> regex.Pattern[str]:
        compiled = self._compiled[i]
        if compiled is None:
            compiled = self._compiled[i] = compile_pattern(self.key, self.sources[i], self.fold)
        return compiled

    def search(self, doc: Document, scope: Scope) -> Iterator[tuple[int, regex.Match[str]]]:
        """(alternative, match) for every non-empty match that the scope allows, in
        `scope.text(doc)` offsets."""
        selected = scope.selected(doc)
        if not selected.units:
            return
        candidates = self.filters.candidates(_words(doc, selected))
        if not candidates:
            return
        text = selected.text.text
        units = selected.units
        unit_starts = [a for a, _ in units]
        left = doc.deadline.left
        end = 0
        tried_at = -1
        for start, i in candidates:
            if start < end or start == tried_at:
                continue
            unit = _unit_of(units, unit_starts, start)
            if unit < 0:
                continue
            m = self.pattern(i).match(text, start, units[unit][1], timeout=left())
            if m is None:
                continue
            tried_at = start  # the alternation takes this alternative, even an empty match
            if m.end() > m.start():
                end = m.end()
                if scope.allows(doc, m.start(), m.end()):
                    yield i, m


def located(check: Check, spec: RuleSpec) -> Check:
    """A pattern rule's check with its hits moved from `scope.text(doc)` offsets to the
    source's; a fix is kept only where every edit is over the source's own text.

    A rule from a Vale style (`spec.vale`) is placed as Vale places it: Vale finds a
    match again by searching the source for its text, and a match whose text is not in
    the source as written (it runs over markup: "in](url) in", "*another* heading") is
    put at the start of its line, the whole line its span."""
    scope = Scope(spec)
    vale_places = bool(getattr(spec, "vale", False))

    def source_check(doc: Document) -> Iterable[Hit]:
        hits = check(doc)
        if hits == ():  # a gated rule whose words the text lacks: most rules, most articles
            return hits
        return _moved(hits, scope.selected(doc).text, doc.text if vale_places else None)

    return source_check


def _moved(hits: Iterable[Hit], text: BlockText, vale_source: str | None = None) -> Iterator[Hit]:
    """`hits` in `text` offsets, moved to the source's (see located); a hit at the same
    place as one before it is left out (a scope of both paragraphs and their sentences)."""
    seen = set()
    for hit in hits:
        span = text.span_to_source(hit.start, hit.end) or _loose_span(text, hit.start, hit.end)
        if vale_source is not None and hit.end > hit.start and _over_markup(vale_source, span, text.text[hit.start : hit.end]):
            span = _line_of(vale_source, span[0])
        if (span, hit.message) in seen:
            continue
        seen.add((span, hit.message))
        fix = hit.fix
        if fix is not None:
            edits = []
            for edit in fix.edits:
                edit_span = text.span_to_source(edit.start, edit.end) if text.is_verbatim(edit.start, edit.end) else None
                if edit_span is None:
                    edits = []
                    break
                edits.append(edit._replace(start=edit_span[0], end=edit_span[1]))
            fix = fix._replace(edits=tuple(edits)) if edits else None
        yield hit._replace(start=span[0], end=span[1], fix=fix)


def _over_markup(source: str, span: tuple[int, int], visible: str) -> bool:
    """True when the visible text of a match is not its source as written (line breaks
    read alike)."""
    written = source[span[0] : span[1]]
    if "\r" in written:
        written = written.replace("\r\n", "\n").replace("\r", "\n")
    return written != visible


def _line_of(source: str, offset: int) -> tuple[int, int]:
    """The span of the line holding `offset`, without its line break."""
    start = max(source.rfind("\n", 0, offset), source.rfind("\r", 0, offset)) + 1
    ends = [i for i in (source.find("\n", offset), source.find("\r", offset)) if i != -1]
    return start, min(ends) if ends else len(source)


def _loose_span(text: BlockText, start: int, end: int) -> tuple[int, int]:
    """The source span from the block of `start` to the block of `end` (a hit that is
    not inside one block: a count over a whole summary)."""
    first = text.locate(start) or text.locate(start + 1)
    last = text.locate(end) or text.locate(max(end - 1, 0))
    begin = first[0].to_source(start - first[1]) if first else 0
    finish = last[0].map.source_end(end - last[1]) if last else begin
    return begin, max(begin, finish)


def gated(check: Check, prefilter: Prefilter | None, raw: bool | None, required: frozenset[str] | None = None) -> Check:
    """`check`, not even started on a text without a word its matches can begin with, or
    without any of the strings every match holds (see _prefilter.required_strings): most
    rules' words are absent from most articles, and a run asks a hundred rules."""
    if (prefilter is None and required is None) or raw is None:
        return check
    needs = tuple(required or ())
    # Looked up once here: the gate runs for every rule on every article.
    words_key, build_words = WORD_INDEX[raw]
    lower_key, build_lower = ("pattern.lower.raw", _lowered_text) if raw else ("pattern.lower", _lowered_visible)
    first_words = prefilter.words if prefilter is not None else frozenset()
    fold = prefilter is not None and prefilter.fold
    prefixes = prefilter is not None and bool(prefilter.prefixes)

    def gated_check(doc: Document) -> Iterable[Hit]:
        if prefilter is not None:
            index = doc.memo(words_key, build_words)
            if first_words.isdisjoint(index.folded_words if fold else index.exact_words) and (
                    not prefixes or prefilter.absent(index)):
                return ()
        if needs:
            lowered = doc.memo(lower_key, build_lower)
            if lowered is not None and not any(map(lowered.__contains__, needs)):
                return ()
        return check(doc)

    return gated_check


def _lowered(text: str) -> str | None:
    """The text in lower case, or None when it has letters that a pattern ignoring case
    takes for ASCII ones and lower() does not (then every rule scans it)."""
    return None if UNLIKE_CASE.search(text) else text.lower()


def _lowered_visible(doc: Document) -> str | None:
    return _lowered(doc.block_text.text)


def _lowered_text(doc: Document) -> str | None:
    return _lowered(doc.text)


def format_message(template: str, positional: tuple[str, ...] = (), **named: str) -> str:
    """Fill Vale's `%s` placeholders in order and `{name}` fields by name. A kind that
    gives `count` also gives `{times}`, its count with the noun in agreement ("1 time")."""
    values = iter(positional)
    if "count" in named and "times" not in named:
        named["times"] = "1 time" if named["count"] == "1" else f"{named['count']} times"

    def fill(m: _re.Match[str]) -> str:
        if m.group(0) == "%s":
            return next(values, "")
        name = m.group(1)
        return named[name] if name in named else m.group(0)

    return _PLACEHOLDER.sub(fill, template)


def match_case(observed: str, replacement: str) -> str:
    """Keep a capital at the start of what is replaced ("Kiev" -> "Kyiv", "kiev" at a
    sentence start stays as the writer cased it)."""
    if observed[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def cap_first(text: str) -> str:
    """Vale's core.CapFirst: the first character upper-cased, the rest as it is."""
    return text[:1].upper() + text[1:]


def vale_message(message: str) -> str:
    """Vale's convertMessage: where a message quotes both placeholders ('%s' ... '%s'), the
    first loses its quotes, because the alternatives of `action: replace` come quoted."""
    for spec in ("'%s'", '"%s"'):
        if message.count(spec) == 2:
            message = message.replace(spec, "%s", 1)
    return message


def exception_source(exceptions: list[str]) -> str:
    """Vale's exceptions as one regular expression (updateExceptions): longest first, each
    matching case unless it starts with (?i), between word boundaries; "" for none."""
    if not exceptions:
        return ""
    terms = sorted(exceptions, key=len, reverse=True)
    return "(?m)\\b(?:" + "|".join(t if t.startswith("(?i)") else f"(?-i:{t})" for t in terms) + ")\\b"


def exceptions_matcher(exceptions: list[str]) -> Callable[[str], bool]:
    """Vale's isMatch(exceptRe, observed): a match is excepted when one of the exceptions
    is found in it."""
    source = exception_source(exceptions)
    if not source:
        return lambda observed: False
    pattern = compile_pattern("exceptions", source)
    return lambda observed: pattern.search(observed) is not None
