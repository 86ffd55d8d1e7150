"""capitalization: a scope (usually headings) must follow a case style (Vale semantics).

`match` is `$title`, `$sentence`, `$lower`, `$upper` or a regular expression.
"""

from __future__ import annotations

from typing import Iterator

import regex

from newslint import schema
from newslint.deadline import Deadline
from newslint.document import Document
from newslint.finding import Hit
from newslint.kinds._pattern import Scope, compile_pattern, exception_source, format_message
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

OPTIONS = {
    "match": schema.string,
    "style": schema.one_of("AP", "Chicago"),
    "exceptions": schema.string_list,
    "indicators": schema.string_list,
    "threshold": schema.number,
    "prefix": schema.string,
}
DEFAULT_QUOTES = "include"
_SMALL_WORDS = frozenset(
    "a an and as at but by for if in nor of on or so the to up via yet vs".split()
)
_AP_SMALL_WORDS = frozenset("a an and at but by for in nor of on or so the to up yet".split())
_WORD = regex.compile(r"[\p{L}][\p{L}\p{N}'’.-]*")


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
    if "match" not in opts:
        raise OptionError("match", "a capitalization rule needs 'match'")
    style = opts["match"]
    exceptions = set(opts.get("exceptions", []))
    indicators = tuple(opts.get("indicators", [":"]))
    threshold = opts.get("threshold", 0.8)
    small = _AP_SMALL_WORDS if opts.get("style", "AP") == "AP" else _SMALL_WORDS
    custom = None if style.startswith("$") else compile_pattern("match", style)
    if style.startswith("$") and style not in ("$title", "$sentence", "$lower", "$upper"):
        raise OptionError("match", f"unknown case style {style!r}")
    scope = Scope(spec)
    if spec.vale:
        return _vale_check(spec, scope)

    def conforms(text: str, deadline: Deadline) -> bool:
        if custom is not None:
            return custom.fullmatch(text, timeout=deadline.left()) is not None
        if style == "$lower":
            return text == text.lower()
        if style == "$upper":
            return text == text.upper()
        words = _WORD.findall(text)
        if not words:
            return True
        if style == "$title":
            good = sum(
                1 for i, w in enumerate(words)
                if w in exceptions or w[0].isupper() or (0 < i < len(words) - 1 and w.lower() in small)
            )
            return good / len(words) >= threshold
        good, starts_sentence = 0, True
        for w in words:
            if w in exceptions:
                good += 1
            elif starts_sentence:
                good += w[0].isupper()
            else:
                good += not w[0].isupper() or (len(w) > 1 and w.isupper())
            starts_sentence = w.endswith(indicators)
        return good / len(words) >= threshold

    def check(doc: Document) -> Iterator[Hit]:
        text = scope.text(doc)
        for unit in scope.units(doc, sentence=False):
            body = text[unit.start : unit.end].strip()
            if body and not conforms(body, doc.deadline):
                yield Hit(unit.start, unit.end, format_message(spec.message, (body,), match=body))

    return check


def _vale_check(spec: RuleSpec, scope: Scope) -> Check:
    """Vale's capitalization (internal/check/capitalization.go; see _casing.py): the
    message's second %s is the text as the style would write it."""
    from newslint.kinds import _casing
    from newslint.kinds._action import action_of, fix_for, suggestions

    opts = spec.options
    style = opts["match"]
    # Longest first, as Vale sorts them (UsingVocab), so "Axon Server" wins over "Axon".
    exceptions = sorted(opts.get("exceptions", []), key=len, reverse=True)
    threshold = opts.get("threshold") or 0.8
    prefix = opts.get("prefix", "")
    if prefix:
        compile_pattern("prefix", prefix)
    source = exception_source(exceptions)
    if source:
        compile_pattern("exceptions", source)
    indicator = _casing.indicator_of(opts.get("indicators", []))
    chicago = opts.get("style", "AP") == "Chicago"
    custom = None if style.startswith("$") else compile_pattern("match", style)
    action = action_of(opts)

    def judge(text: str, deadline: Deadline) -> tuple[str, bool]:
        if custom is not None:
            return style, custom.search(text, timeout=deadline.left()) is not None or _casing._search(source, text)
        if style == "$lower":
            return text.lower(), text == text.lower() or _casing._search(source, text)
        if style == "$upper":
            return text.upper(), text == text.upper() or _casing._search(source, text)
        if style == "$title":
            expected = _casing.title_case(text, exceptions, prefix, chicago)
            return expected, _casing.title_conforms(text, expected, source, threshold)
        expected = _casing.sentence_case(text, exceptions, indicator, prefix)
        return expected, _casing.sentence_conforms(text, expected, source, threshold)

    def check(doc: Document) -> Iterator[Hit]:
        text = scope.text(doc)
        for unit in scope.units(doc, sentence=False):
            raw = text[unit.start : unit.end]
            body = raw.strip()
            if not body:
                continue
            expected, ok = judge(body, doc.deadline)
            if not ok:
                start = unit.start + len(raw) - len(raw.lstrip())
                offered: tuple[str, ...] = ()
                fix = None
                if action is not None:
                    # Vale offers the text in the style's case for $title and $sentence.
                    cased = (expected,) if style in ("$title", "$sentence") else ()
                    offered = suggestions(action, body, cased)
                    fix = fix_for(action, start, start + len(body), offered)
                    if fix is not None:  # a re-cased heading needs a look (no tagger, names)
                        fix = fix._replace(safe=False)
                yield Hit(start, start + len(body), format_message(spec.message, (body, expected), match=body),
                          offered, fix)

    return check
