"""existence: report every match of a list of tokens (Vale semantics)."""

from __future__ import annotations

from typing import Callable, Iterator

import regex

from newslint import schema
from newslint.document import Document
from newslint.finding import Hit
from newslint.kinds._action import action_of, fix_for, suggestions, to_sentence
from newslint.kinds._pattern import (Deferred, Prepared, Scope, Union, compile_pattern, exceptions_matcher, format_message,
                                     gated, search, word_pattern)
from newslint.kinds._prefilter import Alternatives, analyse, required_strings
from newslint.rules import Check, RuleSpec

OPTIONS = {
    "tokens": schema.string_list,
    "ignorecase": schema.boolean,
    "nonword": schema.boolean,
    "raw": schema.string_list,
    "exceptions": schema.string_list,
    "append": schema.boolean,
}


def _tokens(spec: RuleSpec) -> list[str]:
    # Vale leaves out blank tokens (an empty alternative would match everywhere).
    tokens = spec.options.get("tokens", [])
    return [t for t in tokens if t.strip()] if spec.vale else tokens


def prepare(spec: RuleSpec) -> Prepared:
    opts = spec.options
    tokens = _tokens(spec)
    raw = "".join(opts.get("raw", []))
    if raw and opts.get("append"):
        return Prepared(None, None, required_strings(word_pattern(tokens, not opts.get("nonword", False), raw, True)))
    fold = opts.get("ignorecase", False)
    bounded = not opts.get("nonword", False)
    if raw:
        return Prepared(None, None if tokens else analyse([raw], fold, bounded=False),
                        required_strings(word_pattern(tokens, not bounded, raw)))
    filters = Alternatives.of(tokens, fold, bounded)
    if filters is not None:
        return Prepared(filters, None)
    return Prepared(None, analyse(tokens, fold, bounded), required_strings(word_pattern(tokens, not bounded)))


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
    tokens = _tokens(spec)
    raw = "".join(opts.get("raw", []))
    if not tokens and not raw:
        from newslint.schema import OptionError

        raise OptionError("tokens", "an existence rule needs 'tokens' or 'raw'")
    nonword = opts.get("nonword", False)
    fold = opts.get("ignorecase", False)
    if not spec.builtin:
        for token in tokens:
            compile_pattern("tokens", token)
    exceptions = {e.casefold() if fold else e for e in opts.get("exceptions", [])}
    append = opts.get("append", False)
    scope = Scope(spec)
    prepared = spec.prepared if isinstance(spec.prepared, Prepared) else prepare(spec)
    filters, prefilter = prepared.filters, prepared.prefilter
    matches: Callable[[Document], Iterator[regex.Match[str]]]
    if filters is not None:
        union = Union("tokens", [word_pattern([t], nonword) for t in tokens], fold, filters)

        def matches(doc: Document) -> Iterator[regex.Match[str]]:
            return (m for _, m in union.search(doc, scope))
    else:
        source = word_pattern(tokens, nonword, raw, append)
        # Tokens were each compiled above, and a shipped rule's patterns by the tests, so the
        # union can wait until a text needs it; a user's raw pattern is compiled now, so that
        # an error in it is reported when the rule loads.
        deferred = spec.builtin or (prefilter is not None and not raw)
        pattern = Deferred("tokens", source, fold) if deferred else compile_pattern("tokens", source, fold)

        def matches(doc: Document) -> Iterator[regex.Match[str]]:
            return search(pattern, doc, scope, prefilter)

    def check(doc: Document) -> Iterator[Hit]:
        for m in matches(doc):
            text = m.group()
            if (text.casefold() if fold else text) in exceptions:
                continue
            yield Hit(m.start(), m.end(), format_message(spec.message, (text,), match=text))

    if spec.vale:
        check = _vale_check(spec, matches)

    return gated(check, filters.union if filters is not None else prefilter, scope.raw, prepared.required)


def _vale_check(spec: RuleSpec, matches: Callable[[Document], Iterator[regex.Match[str]]]) -> Check:
    """Vale's existence: a match is excepted when an exception is found in it (as a regular
    expression, case-sensitive unless it starts with (?i)); with an `action`, the fix it
    gives is the message's second %s (Vale's makeAlert)."""
    excepted = exceptions_matcher(spec.options.get("exceptions", []))
    action = action_of(spec.options)

    def check(doc: Document) -> Iterator[Hit]:
        for m in matches(doc):
            text = m.group()
            if excepted(text.strip()):
                continue
            if action is None:
                yield Hit(m.start(), m.end(), format_message(spec.message, (text,), match=text))
                continue
            offered = suggestions(action, text)
            shown = (offered[0] if len(offered) == 1 else to_sentence(offered)) if offered else text
            yield Hit(m.start(), m.end(), format_message(spec.message, (text, shown), match=text), offered,
                      fix_for(action, m.start(), m.end(), offered))

    return check
