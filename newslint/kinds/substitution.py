"""substitution: a token and what to write instead (Vale semantics), with a fix."""

from __future__ import annotations

from typing import Callable, Iterator

import regex

from newslint import schema
from newslint.document import Document
from newslint.finding import Edit, Fix, Hit
from newslint.kinds._pattern import Deferred, Prepared, Scope, Union, compile_pattern, format_message, gated, match_case, search
from newslint.kinds._prefilter import Alternatives, analyse, required_strings
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

OPTIONS = {
    "swap": schema.string_map,
    "ignorecase": schema.boolean,
    "nonword": schema.boolean,
    "exceptions": schema.string_list,
    "capitalize": schema.boolean,
    "append": schema.boolean,
    "pos": schema.string,
    # newslint's own: `word` reports the whole word around a match inside a word (a rule
    # that swaps one letter, "organi[s]e") and fixes it whole, so the message can name it.
    "span": schema.one_of("match", "word"),
}


def prepare(spec: RuleSpec) -> Prepared:
    keys = list(spec.options.get("swap", {}))
    fold = spec.options.get("ignorecase", False)
    bounded = not spec.options.get("nonword", False)
    filters = Alternatives.of(keys, fold, bounded)
    if filters is not None:
        return Prepared(filters, None)
    return Prepared(None, analyse(keys, fold, bounded), required_strings("|".join(f"(?:{k})" for k in keys)))


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
    swap: dict[str, str] = opts.get("swap", {})
    if not swap:
        raise OptionError("swap", "a substitution rule needs a non-empty 'swap' mapping")
    fold = opts.get("ignorecase", False)
    if not spec.builtin:
        for key in swap:
            if compile_pattern("swap", key, fold).groups:
                raise OptionError("swap", f"capture groups are not supported in {key!r}; use (?:...)")
    wrap = "{}" if opts.get("nonword") else "(?:\\b|_)(?:{})(?:\\b|_)"
    groups = [f"(?P<s{i}>{key})" for i, key in enumerate(swap)]
    replacements = [[r.strip() for r in value.split("|")] for value in swap.values()]
    exceptions = {e.casefold() if fold else e for e in opts.get("exceptions", [])}
    whole_word = opts.get("span", "match") == "word"
    scope = Scope(spec)
    prepared = spec.prepared if isinstance(spec.prepared, Prepared) else prepare(spec)
    matches = _matcher(spec, prepared, groups, wrap, fold, scope)

    def check(doc: Document) -> Iterator[Hit]:
        for index, m in matches(doc):
            start, end = m.span(f"s{index}")
            observed = m.group(f"s{index}")
            options = replacements[index]
            if (observed.casefold() if fold else observed) in exceptions:
                continue
            if any(observed == o or (fold and observed.casefold() == o.casefold()) for o in options):
                continue
            suggestions = tuple(match_case(observed, o) for o in options)
            if whole_word:
                text = scope.text(doc)
                word_start, word_end = _word_bounds(text, start, end)
                observed = text[word_start:start] + observed + text[end:word_end]
                suggestions = tuple(text[word_start:start] + s + text[end:word_end] for s in suggestions)
                start, end = word_start, word_end
            fix = Fix((Edit(start, end, suggestions[0]),), safe=True) if len(options) == 1 else None
            expected = " or ".join(suggestions)
            message = format_message(spec.message, (expected, observed), match=observed, replacement=expected)
            yield Hit(start, end, message, suggestions, fix)

    return gated(check, prepared.filters.union if prepared.filters is not None else prepared.prefilter, scope.raw,
                 prepared.required)


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The word (letters, digits, inner apostrophes and hyphens excluded) around text[start:end]."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _matcher(spec: RuleSpec, prepared: Prepared, groups: list[str], wrap: str, fold: bool,
             scope: Scope) -> Callable[[Document], Iterator[tuple[int, regex.Match[str]]]]:
    """(key index, match) for each match of the rule's keys in a document."""
    filters, prefilter = prepared.filters, prepared.prefilter
    if filters is not None:
        union = Union("swap", [wrap.format(g) for g in groups], fold, filters)

        def by_key(doc: Document) -> Iterator[tuple[int, regex.Match[str]]]:
            return union.search(doc, scope)

        return by_key
    source = wrap.format("|".join(groups))
    # Keys the prefilter reads are plain enough to combine safely, so their union can wait.
    pattern = Deferred("swap", source, fold) if prefilter is not None or spec.builtin else compile_pattern("swap", source, fold)

    def whole(doc: Document) -> Iterator[tuple[int, regex.Match[str]]]:
        # Keys have no groups of their own, so the one group that took part is the key's.
        return ((int(m.lastgroup[1:]), m) for m in search(pattern, doc, scope, prefilter))  # type: ignore[index]

    return whole
