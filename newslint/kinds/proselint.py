"""proselint: proselint's checks, loaded from the installed package and run by newslint's engine.

A rule names one proselint check path (`check: typography.symbols.curly_quotes`); every
proselint Check registered under that path runs. The checks are proselint's data (term
lists, preferred forms, existence patterns) and proselint's regex engines (RE2 for its
"Fast" checks, `re` for its "Fancy" ones), so a match here is a match there; what newslint
changes is how they run:

- everything is compiled once, in compile_rule, instead of looked up per file;
- the batches proselint splits a long list into (150 entries each) are combined into one
  set per rule, so a document is scanned once per rule rather than once per batch;
- the padded text and proselint's quotation spans are computed once per document and
  shared by every proselint rule (Document.memo);
- the one check whose alternation is slow in `re` (uncomparables, 2 x 37 branches that each
  start with a lookbehind) is factored into an equivalent pattern.

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
Matcher = Callable[[str], Iterable[Result]]


@functools.cache
def registered_checks() -> tuple[ProseCheck, ...]:
    """Every Check the installed proselint registers (immutable data, so cached)."""
    from proselint.checks import __register__

    return tuple(__register__)


def check_paths() -> list[str]:
    """The distinct check paths, in proselint's registration order."""
    return list(dict.fromkeys(c.path for c in registered_checks()))


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
        size = len(doc.text)
        for program in programs:
            results = program.matcher(padded)
            if program.ppm_threshold:
                results = _over_threshold(results, program.ppm_threshold, len(padded))
            for start, end, message, replacement in results:
                if not program.allow_quotes and bisect.bisect_left(bounds, start) % 2 == 1:
                    continue
                first = min(max(start - 1, 0), size)
                last = min(max(end - 1, first), size)
                if skip_quoted and doc.quoted.overlaps(first, max(last, first + 1)):
                    continue
                suggestions, fix = _suggest(doc.text, first, last, replacement, (start, end) == (first + 1, last + 1))
                yield Hit(first, last, message, suggestions, fix)

    return check


def _padded(doc: Document) -> str:
    # proselint pads the text with a line break on each side so that its patterns can
    # anchor on "\n" at the first and last line.
    return f"\n{doc.prose}\n"


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
    return lambda text: ((r.span[0], r.span[1], r.message, r.replacements) for r in first.check(text))


def _term_set(c: ProseCheck, terms: list[str]) -> Callable[[str], set[int] | None]:
    """Which of `terms` occur in a text, in one RE2 pass (None: cannot tell, read them all)."""
    from proselint.registry.checks.engine import Fast

    if not isinstance(c.engine, Fast):
        return lambda _: None
    import re2

    matcher = re2.Set.SearchSet(c.engine.opts.re2_opts)
    for term in terms:
        matcher.Add(term)
    matcher.Compile()
    return lambda text: set(matcher.Match(text) or ())


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


def _existence(c: ProseCheck, items: list[str], padding: Any, exceptions: tuple[str, ...]) -> Matcher:
    match_set = _compiled_set(c, padding, items)
    excepted = _exceptions(c, padding, exceptions)
    message, (lead, trail) = c.message, c.offset

    def run(text: str) -> Iterator[Result]:
        for m in match_set.finditer(text):
            found = m.group(0).strip()
            if not excepted(found):
                yield m.start() + lead, m.end() + trail, message.format(found), None

    return run


def _existence_simple(c: ProseCheck, pattern: str, exceptions: tuple[str, ...]) -> Matcher:
    from proselint.registry.checks.engine import Padding

    compiled = c.engine.compiled_pattern(pattern)
    excepted = _exceptions(c, Padding.RAW, exceptions)
    message, (lead, trail) = c.message, c.offset

    def run(text: str) -> Iterator[Result]:
        for m in compiled.finditer(text):
            found = m.group(0).strip()
            if not excepted(found):
                yield m.start() + lead, m.end() + trail, message.format(found), None

    return run


def _preferred_simple(c: ProseCheck, items: dict[str, str], padding: Any) -> Matcher:
    match_set = _compiled_set(c, padding, tuple(items))
    fold = c.engine.opts.case_insensitive
    message, (lead, trail) = c.message, c.offset

    def run(text: str) -> Iterator[Result]:
        for m in match_set.finditer(text):
            original = m.group(0).strip()
            replacement = items.get(original.lower() if fold else original)
            yield m.start() + lead, m.end() + trail, message.format(replacement, original), replacement

    return run


def _preferred(c: ProseCheck, items: dict[str, str], padding: Any) -> Matcher:
    compiled = [(c.engine.compiled_pattern(padding.format(original)), replacement) for original, replacement in items.items()]
    message, (lead, trail) = c.message, c.offset

    def run(text: str) -> Iterator[Result]:
        for pattern, replacement in compiled:
            for m in pattern.finditer(text):
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
    present = _term_set(c, [term for pair in pairs for term in pair])

    def run(text: str) -> Iterator[Result]:
        found = present(text)
        for index, (pair, patterns) in enumerate(compiled):
            if found is not None and not (2 * index in found and 2 * index + 1 in found):
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

    def run(text: str) -> Iterator[Result]:
        for m in compiled.finditer(text):
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

        def run(text: str) -> Iterator[Result]:
            for m in compiled.finditer(text):
                yield m.start() + lead, m.end() + trail, message.format(m.group(0).strip()), None

        return run
    return None
