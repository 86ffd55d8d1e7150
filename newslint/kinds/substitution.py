"""substitution: a token and what to write instead (Vale semantics), with a fix."""

from __future__ import annotations

from typing import Callable, Iterator

import regex

from newslint import schema
from newslint.document import Document
from newslint.finding import Edit, Fix, Hit
from newslint.kinds._action import action_of, fix_for, go_template, to_sentence
from newslint.kinds._pattern import (Deferred, Prepared, Scope, Union, cap_first, compile_pattern, exceptions_matcher,
                                     format_message, gated, match_case, search, vale_message)
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


# An opening parenthesis that starts a capture group (Vale's convertCaptureGroups).
_CAPTURE = regex.compile(r"(?<!\\)\((?!\?)")
# A replacement that is plain words (Vale's core.IsPhrase): compared as it is, not as a regex.
_PHRASE = regex.compile(r"[\p{L}\p{N} -]*")


def swap_keys(spec: RuleSpec) -> list[str]:
    """The keys in the order they are tried: a Vale rule tries the longest first (Vale
    sorts them so, for greedy alternation); newslint's own rules keep the file's order."""
    keys = list(spec.options.get("swap", {}))
    return sorted(keys, key=len, reverse=True) if spec.vale else keys


def non_capturing(key: str) -> str:
    """`key` with its capture groups made non-capturing, as Vale does: the key's groups
    are used only to fill `$1` in its replacement."""
    return _CAPTURE.sub("(?:", key)


def prepare(spec: RuleSpec) -> Prepared:
    keys = [non_capturing(k) for k in swap_keys(spec)]
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
    originals = swap_keys(spec)
    keys = [non_capturing(k) for k in originals]
    if not spec.builtin:
        for key in originals:
            compile_pattern("swap", key, fold)
    if opts.get("nonword"):
        wrap = "{}"
    else:
        wrap = "\\b(?:{})\\b" if spec.vale else "(?:\\b|_)(?:{})(?:\\b|_)"
    groups = [f"(?P<s{i}>{key})" for i, key in enumerate(keys)]
    values = [swap[k] for k in originals]
    scope = Scope(spec)
    prepared = spec.prepared if isinstance(spec.prepared, Prepared) else prepare(spec)
    matches = _matcher(spec, prepared, groups, wrap, fold, scope)
    if spec.vale:
        return gated(_vale_check(spec, matches, originals, values), _gate(prepared), scope.raw, prepared.required)
    replacements = [[r.strip() for r in value.split("|")] for value in values]
    exceptions = {e.casefold() if fold else e for e in opts.get("exceptions", [])}
    whole_word = opts.get("span", "match") == "word"

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

    return gated(check, _gate(prepared), scope.raw, prepared.required)


def _gate(prepared: Prepared) -> object:
    return prepared.filters.union if prepared.filters is not None else prepared.prefilter


def _vale_check(spec: RuleSpec, matches: Callable[[Document], Iterator[tuple[int, regex.Match[str]]]],
                originals: list[str], values: list[str]) -> Check:
    """Vale's substitution (internal/check/substitution.go): the text is right only when it
    is the replacement exactly (a replacement of plain words) or matches it as a regular
    expression (`^(?:replacement)$`), whatever `ignorecase` says; `$1` in a replacement is
    the key's group; `capitalize` capitalises the replacement of a capitalised match."""
    opts = spec.options
    fold = opts.get("ignorecase", False)
    capitalize = opts.get("capitalize", False)
    excepted = exceptions_matcher(opts.get("exceptions", []))
    action = action_of(opts)
    replace = action is not None and action.name == "replace" and not action.params
    message = vale_message(spec.message) if replace else spec.message
    keyed: dict[int, regex.Pattern[str]] = {}

    def expected_for(index: int, observed: str) -> str:
        expected = values[index]
        if capitalize and observed == cap_first(observed):
            expected = cap_first(expected)
        if "$" in expected and regex.search(r"\$\d", expected):
            if index not in keyed:
                keyed[index] = compile_pattern("swap", originals[index], fold)
            try:
                expected = keyed[index].sub(go_template(expected), observed)
            except (regex.error, IndexError):
                pass
        return expected

    def check(doc: Document) -> Iterator[Hit]:
        for index, m in matches(doc):
            start, end = m.span(f"s{index}")
            observed = m.group(f"s{index}").strip()
            expected = expected_for(index, observed)
            if _is_right(expected, observed) or excepted(observed):
                continue
            offered = tuple(expected.split("|"))
            shown = expected
            if replace:
                if capitalize and observed == cap_first(observed):
                    offered = tuple(cap_first(p) for p in offered)
                shown = to_sentence(offered)
            elif action is not None and action.params:
                offered = action.params
            fix = fix_for(action, start, end, offered)
            text = format_message(message, (shown, observed), match=observed, replacement=shown)
            yield Hit(start, end, text, offered if action is not None else (), fix)

    return check


def _is_right(expected: str, observed: str) -> bool:
    """Vale's matchToken(expected, observed, false): plain words are compared as they are,
    anything else is a regular expression the whole of `observed` must match (case counts)."""
    if _PHRASE.fullmatch(expected):
        return expected == observed
    try:
        return regex.fullmatch(f"(?:{expected})", observed) is not None
    except regex.error:
        return expected == observed


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
