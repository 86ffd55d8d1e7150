"""proselint: proselint's checks, loaded from the installed package and run by newslint's engine.

A rule names one proselint check path (`check: typography.symbols.curly_quotes`); every
proselint Check registered under that path runs. The checks are proselint's data (term
lists, preferred forms, existence patterns) and proselint's regex engines (RE2 for its
"Fast" checks, `re` for its "Fancy" ones), so a match here is a match there; what newslint
changes is how they run:

- everything is compiled once, in compile_rule, instead of looked up per file;
- the RE2 patterns of all the checks are combined into a few sets (_Gate), matched once
  per document and shared by every rule, instead of one set per check and batch; a rule
  reads only the patterns that occur;
- the padded text and proselint's quotation spans are computed once per document and
  shared by every proselint rule (Document.memo);
- the slow `re` checks run only where they can match: a long alternation of literal
  entries is cut to the entries present (misc.preferred_forms), uncomparables' 74
  lookbehind branches are factored and gated by one RE2 search, and lexical_illusions is
  gated by a necessary condition on repeated tokens.

Positions. proselint lints "\\n" + text + "\\n" and reports 1-based lines and 1-based
code-point columns of a match's start in that padded text; here a span in the padded text
is shifted back by one, so the engine's line index (1-based lines and code-point columns
in the original) gives the same line and column. A match that starts or ends in the
padding is clamped to the text.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from itertools import chain, zip_longest
from math import ceil
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from newslint import schema
from newslint.deadline import Deadline
from newslint.document import Document
from newslint.finding import Edit, Fix, Hit
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

if TYPE_CHECKING:
    from proselint.registry.checks import Check as ProseCheck

OPTIONS = {"check": schema.string}
# proselint decides itself which matches inside quotation marks to drop (most checks drop
# them; curly_quotes keeps them); `quotes: skip` also drops those in newslint's quotations.
DEFAULT_QUOTES = "include"

# (start, end, message, replacement) in the padded text.
Result = tuple[int, int, str, "str | None"]
Matcher = Callable[["_Scan"], Iterable[Result]]
# The combined sets hold at most as many patterns as proselint's own (larger RE2 sets
# outgrow RE2's default DFA memory).
_SET_SIZE = 150


@functools.cache
def registered_checks() -> tuple[ProseCheck, ...]:
    """Every Check the installed proselint registers (immutable data, so cached)."""
    from proselint.checks import __register__

    return tuple(__register__)


def check_paths() -> list[str]:
    """The distinct check paths, in proselint's registration order."""
    return list(dict.fromkeys(c.path for c in registered_checks()))


class _Gate:
    """Which of proselint's RE2 ("Fast") patterns occur in a text, for every rule at once.

    Each proselint check runs its own RE2 set over the text, about a hundred passes a
    document; here every pattern of every Fast check with the same options goes into a few
    combined sets, matched once per document and shared by all rules (Document.memo). A
    rule then reads only its patterns that occur. Whether a pattern occurs does not depend
    on the set it is in, so each rule gets the answer its own set would give.
    """

    def __init__(self, opts: Any, patterns: list[str]) -> None:
        import re2

        self.index = {pattern: i for i, pattern in enumerate(dict.fromkeys(patterns))}
        ordered = list(self.index)
        self.sets = []
        for base in range(0, len(ordered), _SET_SIZE):
            matcher = re2.Set.SearchSet(opts.re2_opts)
            for pattern in ordered[base : base + _SET_SIZE]:
                matcher.Add(pattern)
            matcher.Compile()
            self.sets.append((base, matcher))

    def match(self, text: str) -> frozenset[int]:
        encoded = text.encode("utf-8")  # once, not once a set
        found: set[int] = set()
        for base, matcher in self.sets:
            found.update(base + i for i in matcher.Match(encoded) or ())
        return frozenset(found)


@functools.cache
def _gate(opts: Any) -> _Gate:
    """The combined sets for one set of regex options (built from immutable proselint data)."""
    from proselint.registry.checks import types
    from proselint.registry.checks.engine import Fast

    patterns: list[str] = []
    for c in registered_checks():
        t = c.check_type
        if not isinstance(c.engine, Fast) or c.engine.opts != opts:
            continue
        if isinstance(t, (types.Existence, types.PreferredFormsSimple, types.PreferredForms)):
            patterns += [t.padding.format(item) for item in t.items]
        elif isinstance(t, types.ExistenceSimple):
            patterns.append(t.pattern)
        elif isinstance(t, types.Consistency):
            patterns += [term for pair in t.term_pairs for term in pair]
    return _Gate(opts, patterns)


@dataclass
class _Scan:
    """One document as proselint sees it: the padded text, and the gate's answers."""

    doc: Document
    text: str

    def present(self, opts: Any) -> frozenset[int]:
        key = f"proselint.present.{int(opts.case_insensitive)}{int(opts.multi_line)}"
        return self.doc.memo(key, lambda _: _gate(opts).match(self.text))


@dataclass(frozen=True)
class _Program:
    matcher: Matcher
    ppm_threshold: int
    allow_quotes: bool


def compile_rule(spec: RuleSpec) -> Check:
    path = spec.options.get("check")
    if not path:
        raise OptionError("check", "a proselint rule needs 'check', a proselint check path such as typography.symbols.curly_quotes")
    checks = [c for c in registered_checks() if c.path == path]
    if not checks:
        raise OptionError("check", f"the installed proselint has no check {path!r}")
    programs = [_Program(_compile(group), group[0].flags.ppm_threshold, group[0].flags.allow_quotes)
                for group in _combine(checks)]
    skip_quoted = spec.quotes == "skip"

    def check(doc: Document) -> Iterator[Hit]:
        padded = doc.memo("proselint.padded", _padded)
        bounds = doc.memo("proselint.quote_bounds", _quote_bounds)
        scan = _Scan(doc, padded)
        size = len(padded) - 2
        crs = doc.memo("proselint.crlf", _crlf_gaps)
        for program in programs:
            results = program.matcher(scan)
            if program.ppm_threshold:
                results = _over_threshold(results, program.ppm_threshold, len(padded))
            for start, end, message, replacement in results:
                if not program.allow_quotes and bisect.bisect_left(bounds, start) % 2 == 1:
                    continue
                first = min(max(start - 1, 0), size)
                last = min(max(end - 1, first), size)
                exact = (start, end) == (first + 1, last + 1)
                if crs:  # back to offsets in the text, past the CRs proselint did not see
                    first, last = first + bisect.bisect_right(crs, first), last + bisect.bisect_left(crs, last)
                if skip_quoted and doc.quoted.overlaps(first, max(last, first + 1)):
                    continue
                suggestions, fix = _suggest(doc.text, first, last, replacement, exact)
                yield Hit(first, last, message, suggestions, fix)

    return check


def _padded(doc: Document) -> str:
    # proselint pads the text with a line break on each side so that its patterns can
    # anchor on "\n" at the first and last line. It reads a file with universal newlines,
    # so a CRLF's CR (a space in prose) is left out: "\n\nBut" sees a CRLF paragraph too.
    prose = doc.prose
    crs = doc.memo("proselint.crlf", _crlf_gaps)
    if crs:
        cuts = [cr + k for k, cr in enumerate(crs)]  # where each CR is in the prose
        prose = "".join(prose[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(prose)]))
    return f"\n{prose}\n"


def _crlf_gaps(doc: Document) -> tuple[int, ...]:
    """For each CRLF, the offset of its LF in the text without those CRs (ascending)."""
    if "\r\n" not in doc.text:
        return ()
    return tuple(m.start() - k for k, m in enumerate(re.finditer("\r\n", doc.text)))


def _quote_bounds(doc: Document) -> tuple[int, ...]:
    from proselint.tools import QUOTE_PATTERN, check_matching_quotes, find_spans

    padded = doc.memo("proselint.padded", _padded)
    return tuple(chain.from_iterable(find_spans(padded, QUOTE_PATTERN, check_matching_quotes)))


def _suggest(text: str, start: int, end: int, replacement: str | None, exact: bool) -> tuple[tuple[str, ...], Fix | None]:
    """proselint's replacement as a suggestion, and as an unsafe fix when it is one plain
    alternative for exactly the matched words (not "during / throughout")."""
    if not replacement:
        return (), None
    matched = text[start:end]
    if not exact or matched != matched.strip() or "/" in replacement or matched == replacement:
        return (replacement,), None
    if matched[:1].isupper() and replacement[:1].islower():
        replacement = replacement[0].upper() + replacement[1:]
    return (replacement,), Fix((Edit(start, end, replacement),), safe=False)


def _over_threshold(results: Iterable[Result], threshold: int, length: int) -> Iterator[Result]:
    """proselint's ppm flag: one result, the n-th, once there are more than the text allows."""
    wanted = max(ceil((threshold / 1e6) * max(length, 1000)), 2)
    for index, (start, end, message, _) in enumerate(results, 1):
        if index == wanted:
            yield start, end, f"{message} Surpassed {threshold} ppm.", None
            return


def _combine(checks: list[ProseCheck]) -> list[list[ProseCheck]]:
    """Group a path's Checks: consecutive batches of one list become one group."""
    groups: list[list[ProseCheck]] = []
    for c in checks:
        if groups and _batch_key(groups[-1][-1]) is not None and _batch_key(groups[-1][-1]) == _batch_key(c):
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _batch_key(c: ProseCheck) -> tuple[Any, ...] | None:
    from proselint.registry.checks import types

    t = c.check_type
    if c.flags.ppm_threshold or not isinstance(t, (types.Existence, types.PreferredFormsSimple)):
        return None
    exceptions = getattr(t, "exceptions", ())
    return (type(t), t.padding, type(c.engine), c.engine.opts, c.message, c.offset, c.flags, exceptions)


def _compile(group: list[ProseCheck]) -> Matcher:
    from proselint.registry.checks import types

    first = group[0]
    t = first.check_type
    if first.path == "lexical_illusions" and isinstance(t, types.ExistenceSimple):
        return _lexical_illusions(first, t.pattern, t.exceptions)
    if isinstance(t, types.Existence):
        return _existence(first, [i for c in group for i in c.check_type.items], t.padding, t.exceptions)
    if isinstance(t, types.PreferredFormsSimple):
        items: dict[str, str] = {}
        for c in group:
            items.update(c.check_type.items)
        return _preferred_simple(first, items, t.padding)
    if isinstance(t, types.ExistenceSimple):
        return _existence_simple(first, t.pattern, t.exceptions)
    if isinstance(t, types.PreferredForms):
        return _preferred(first, t.items, t.padding)
    if isinstance(t, types.Consistency):
        return _consistency(first, t.term_pairs)
    if isinstance(t, types.ReverseExistence):
        return _reverse_existence(first, t.allowed, t.TOKENIZER)
    fast = _fast_function(first)
    if fast is not None:
        return fast
    # A check written as a function: run it as proselint does.
    return lambda scan: ((r.span[0], r.span[1], r.message, r.replacements) for r in first.check(scan.text))


_LITERAL = re.compile(r"[A-Za-z0-9' -]+")


class _GatedFancySet:
    """proselint's Fancy (`re`) alternation of literal entries, run only on the entries present.

    `re` tries every branch at every position (the padding's lookbehind defeats its prefix
    scan), which is slow for a long list. An RE2 set of the bare literals says which entries
    occur in the text at all; the alternation of those entries, in their original order,
    finds exactly what the whole alternation finds, because a branch that cannot match
    anywhere changes no match. Compiled alternations are kept per set of entries.
    """

    def __init__(self, c: ProseCheck, padding: Any, items: tuple[str, ...]) -> None:
        import re2

        self.engine, self.padding, self.items = c.engine, padding, items
        self.present = re2.Set.SearchSet(c.engine.opts.re2_opts)
        for item in items:
            self.present.Add(re2.escape(item))
        self.present.Compile()
        self.compiled: dict[tuple[int, ...], Any] = {}

    def finditer(self, text: str) -> Iterator[Any]:
        from proselint.registry.checks.engine import Padding

        found = tuple(sorted(self.present.Match(text) or ()))
        if not found:
            return iter(())
        pattern = self.compiled.get(found)
        if pattern is None:
            joined = self.padding.format(Padding.safe_join([self.items[i] for i in found]))
            pattern = self.compiled[found] = self.engine.compiled_pattern(joined)
        return pattern.finditer(text)  # type: ignore[no-any-return]


def _compiled_set(c: ProseCheck, padding: Any, patterns: Iterable[str], anchor: Any = None) -> Any:
    """proselint's own match set, built now, with every pattern compiled now."""
    from proselint.registry.checks.engine import Anchor, Fancy, FastSet

    patterns = tuple(patterns)
    if isinstance(c.engine, Fancy) and anchor is None and patterns and all(_LITERAL.fullmatch(p) for p in patterns):
        return _GatedFancySet(c, padding, patterns)
    match_set = c.engine.make_set(padding, patterns, anchor if anchor is not None else Anchor.UNANCHORED)
    if isinstance(match_set, FastSet):
        for pattern in patterns:
            c.engine.compiled_pattern(padding.format(pattern))
    return match_set


def _exceptions(c: ProseCheck, padding: Any, exceptions: tuple[str, ...]) -> Callable[[str], bool]:
    from proselint.registry.checks.engine import Anchor

    if not exceptions and type(c.engine).__name__ == "Fast":
        return lambda _: False
    return _compiled_set(c, padding, exceptions, Anchor.ANCHOR_BOTH).exists_in  # type: ignore[no-any-return]


def _gated(c: ProseCheck, patterns: list[str]) -> Callable[[_Scan], Callable[[int], bool]]:
    """For a Fast check: scan -> "does pattern i (of `patterns`) occur?", from the gate.
    For a Fancy one, every pattern may occur."""
    from proselint.registry.checks.engine import Fast

    if not isinstance(c.engine, Fast):
        return lambda scan: lambda i: True
    opts = c.engine.opts
    indices = [_gate(opts).index[p] for p in patterns]
    return lambda scan: (lambda present: lambda i: indices[i] in present)(scan.present(opts))


def _set_finditer(c: ProseCheck, padding: Any, items: Iterable[str]) -> Callable[[_Scan], Iterator[Any]]:
    """The matches of a list of entries, as proselint's match set finds them.

    For RE2, proselint's set says which entries occur with their padding (\\b...\\b), and
    then it reads the matches of each such entry *without* the padding (so "cafe" is also
    found inside "cafeteria" once "cafe" occurs on its own); the gate plays the set's part.
    For `re`, it is one alternation of the padded entries.
    """
    from proselint.registry.checks.engine import Fast

    items = tuple(items)
    if not isinstance(c.engine, Fast):
        fancy = _compiled_set(c, padding, items)
        return lambda scan: fancy.finditer(scan.text)  # type: ignore[no-any-return]
    compiled = [c.engine.compiled_pattern(item) for item in items]
    occurs = _gated(c, [padding.format(item) for item in items])

    def finditer(scan: _Scan) -> Iterator[Any]:
        present = occurs(scan)
        for i, pattern in enumerate(compiled):
            if present(i):
                yield from pattern.finditer(scan.text)

    return finditer


def _existence(c: ProseCheck, items: list[str], padding: Any, exceptions: tuple[str, ...]) -> Matcher:
    finditer = _set_finditer(c, padding, items)
    excepted = _exceptions(c, padding, exceptions)
    message, (lead, trail) = c.message, c.offset

    def run(scan: _Scan) -> Iterator[Result]:
        for m in finditer(scan):
            found = m.group(0).strip()
            if not excepted(found):
                yield m.start() + lead, m.end() + trail, message.format(found), None

    return run


def _existence_simple(c: ProseCheck, pattern: str, exceptions: tuple[str, ...]) -> Matcher:
    from proselint.registry.checks.engine import Padding

    compiled = c.engine.compiled_pattern(pattern)
    excepted = _exceptions(c, Padding.RAW, exceptions)
    message, (lead, trail) = c.message, c.offset
    occurs = _gated(c, [pattern])

    def run(scan: _Scan) -> Iterator[Result]:
        if not occurs(scan)(0):
            return
        for m in compiled.finditer(scan.text):
            found = m.group(0).strip()
            if not excepted(found):
                yield m.start() + lead, m.end() + trail, message.format(found), None

    return run


def _preferred_simple(c: ProseCheck, items: dict[str, str], padding: Any) -> Matcher:
    finditer = _set_finditer(c, padding, items)
    fold = c.engine.opts.case_insensitive
    message, (lead, trail) = c.message, c.offset

    def run(scan: _Scan) -> Iterator[Result]:
        for m in finditer(scan):
            original = m.group(0).strip()
            replacement = items.get(original.lower() if fold else original)
            yield m.start() + lead, m.end() + trail, message.format(replacement, original), replacement

    return run


def _preferred(c: ProseCheck, items: dict[str, str], padding: Any) -> Matcher:
    patterns = [padding.format(original) for original in items]
    compiled = [(c.engine.compiled_pattern(p), replacement) for p, replacement in zip(patterns, items.values())]
    message, (lead, trail) = c.message, c.offset
    occurs = _gated(c, patterns)

    def run(scan: _Scan) -> Iterator[Result]:
        present = occurs(scan)
        for i, (pattern, replacement) in enumerate(compiled):
            if not present(i):
                continue
            for m in pattern.finditer(scan.text):
                yield m.start() + lead, m.end() + trail, message.format(replacement, m.group(0).strip()), replacement

    return run


def _consistency(c: ProseCheck, pairs: tuple[tuple[str, str], ...]) -> Matcher:
    """The minority spelling of each pair, as proselint's Consistency type reports it:
    matches of the two terms are read in step, and reading stops one step after the
    first step where either term has run out."""
    compiled = [(pair, [c.engine.compiled_pattern(term) for term in pair]) for pair in pairs]
    message, (lead, trail) = c.message, c.offset
    # A pair reports only when both of its spellings occur, so one pass of a set of every
    # term picks the pairs worth reading.
    occurs = _gated(c, [term for pair in pairs for term in pair])

    def run(scan: _Scan) -> Iterator[Result]:
        text = scan.text
        present = occurs(scan)
        for index, (pair, patterns) in enumerate(compiled):
            if not (present(2 * index) and present(2 * index + 1)):
                continue
            steps = []
            previous = True
            for step in zip_longest(*(p.finditer(text) for p in patterns)):
                current = all(step)
                if not previous and not current:
                    break
                steps.append(step)
                previous = current
            if not steps:
                continue
            columns = list(zip(*steps))
            minority = columns[1][-1] is None
            majority = pair[not minority]
            for m in columns[minority]:
                if m is not None:
                    yield m.start() + lead, m.end() + trail, message.format(majority, m.group(0)), majority

    return run


def _reverse_existence(c: ProseCheck, allowed: set[str], tokenizer: str) -> Matcher:
    compiled = c.engine.compiled_pattern(tokenizer)
    fold = c.engine.opts.case_insensitive
    message, (lead, trail) = c.message, c.offset

    def run(scan: _Scan) -> Iterator[Result]:
        for m in compiled.finditer(scan.text):
            word = m.group(0)
            if (word.lower() if fold else word) not in allowed:
                yield m.start() + lead + 1, m.end() + trail, message.format(word), None

    return run


def _fast_function(c: ProseCheck) -> Matcher | None:
    """An equivalent, faster form of a function check whose own form is slow."""
    from proselint.checks import uncomparables

    if c.check_type is uncomparables._check_fancy_uncomparables:
        # proselint joins one branch per (comparator, adjective), each beginning with a
        # lookbehind, so `re` tries all 74 at every position. Grouping the branches by
        # comparator keeps their order and meaning (at most one comparator can match at a
        # position, and an adjective must start where the whitespace ends) and lets `re`
        # fail at the first letter.
        adjectives = "|".join(uncomparables.UNCOMPARABLES)
        branches = "|".join(rf"{comp}\s+(?:{adjectives})\b" for comp in uncomparables.FANCY_COMPARATORS)
        compiled = c.engine.compiled_pattern(rf"(?<!at\s)\b(?:{branches})")
        message, (lead, trail) = c.message, c.offset
        # Most texts have no comparator before an uncomparable at all: one RE2 search for
        # the same words without the lookbehind and word boundaries (so it finds a superset;
        # its whitespace class is Python's \s) lets them skip `re` altogether.
        import re2

        python_space = r"[\t\n\x{0b}\x{0c}\r\x{1c}-\x{1f}\x{85}\p{Z}]"
        comparators = "|".join(uncomparables.FANCY_COMPARATORS)
        gate = re2.compile(f"(?:{comparators}){python_space}+(?:{adjectives})", _re2_options(ignorecase=True))

        def run(scan: _Scan) -> Iterator[Result]:
            text = scan.text
            if gate.search(text) is None:
                return
            for m in compiled.finditer(text):
                yield m.start() + lead, m.end() + trail, message.format(m.group(0).strip()), None

        return run
    return None


def _re2_options(ignorecase: bool) -> Any:
    import re2

    options = re2.Options()
    options.case_sensitive = not ignorecase
    options.never_capture = True
    return options


# Characters whose lowercase is not one character of the same kind (İ; the Kelvin sign,
# which lowercases to an ASCII letter) or depends on its place (Σ, final ς): in a text
# with one of them, the token test below could differ from `re`, so it is not used.
_CASE_TRAPS = frozenset("\u0130\u212a\u03a3\u03c2\u03c3")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'-")


def _lexical_illusions(c: ProseCheck, pattern: str, exceptions: tuple[str, ...]) -> Matcher:
    """proselint's repeated-phrase pattern, run only on texts that can match it.

    The pattern is `(?<![A-Za-z'-])(\\w+(?:\\s+\\w+){0,3})(\\s+\\1)+(?![A-Za-z'-])` (case-
    insensitive): a phrase of n = 1 to 4 words, then the same phrase again. `re` tries it
    at every word, which makes it the slowest check. A match needs, with t the text's
    whitespace-separated tokens, lowercased, and t[i] the token the phrase starts in:
    for n = 1, one word repeated, which a simpler `re` search for `(\\w+)\\s+\\1` with the
    same lookarounds finds; for n >= 2, t[i] ends with t[i+n] (the phrase's first word,
    starting where the lookbehind allows) and t[i+n+1] starts with t[i+1] (its second).
    its middle words and last word follow again the same way. A text with none of this
    cannot match, and most texts have none.
    """
    run_all = _existence_simple(c, pattern, exceptions)
    one_word = c.engine.compiled_pattern(r"(?<![A-Za-z'-])(\w+)\s+\1(?![A-Za-z'-])")

    def may_match(text: str, deadline: Deadline) -> bool:
        # Each whole-text step below takes a tenth of a second on 4 MiB: the clock is
        # asked between them, so a rule started at the end of the budget stops there.
        if one_word.search(text) is not None or not _CASE_TRAPS.isdisjoint(text):
            return True
        deadline.left()
        tokens = text.lower().split()
        deadline.left()
        tick = deadline.tick
        for n in (2, 3, 4):
            for i, (first, again) in enumerate(zip(tokens, tokens[n:])):
                tick()  # a million words, three times over: seconds
                if first.endswith(again) and (len(first) == len(again) or first[-len(again) - 1] not in _LETTERS) \
                        and _repeats(tokens, i, n):
                    return True
        return False

    def run(scan: _Scan) -> Iterable[Result]:
        if _LONG_WORD.search(scan.text) is not None:
            # `\w+` backtracks over every start in a word and every length: a word of 30,000
            # digits took 13 s, of a million, hours. No phrase of prose repeats a word that
            # long, so such words are blanked (same length, no word characters) first.
            scan = _Scan(scan.doc, _LONG_WORD.sub(_blank_word, scan.text))
        scan.doc.deadline.left()
        return run_all(scan) if may_match(scan.text, scan.doc.deadline) else ()

    return run


# A run of word characters no repeated phrase of prose holds.
_LONG_WORD = re.compile(r"\w{200,}")


def _blank_word(m: re.Match[str]) -> str:
    return "\x00" * (m.end() - m.start())


def _repeats(tokens: list[str], i: int, n: int) -> bool:
    """Whether the n-word phrase starting in tokens[i] (its first word, a tail of tokens[i],
    already found again as tokens[i+n]) goes on repeating: its middle words again whole,
    its last word again at the start of a token and not followed by a letter."""
    last = i + 2 * n - 1
    if last >= len(tokens) or any(tokens[i + n + k] != tokens[i + k] for k in range(1, n - 1)):
        return False
    word, token = tokens[i + n - 1], tokens[last]
    return token.startswith(word) and (len(token) == len(word) or token[len(word)] not in _LETTERS)
