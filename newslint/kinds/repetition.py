"""repetition: the same token twice in a row ("the the"), Vale semantics."""

from __future__ import annotations

from typing import Iterator

from newslint import schema
from newslint.document import Document
from newslint.finding import Edit, Fix, Hit
from newslint.kinds._action import action_of, fix_for, suggestions
from newslint.kinds._pattern import Scope, compile_pattern, exceptions_matcher, finditer, format_message
from newslint.rules import Check, RuleSpec

OPTIONS = {
    "max": schema.integer,
    "tokens": schema.string_list,
    "ignorecase": schema.boolean,
    "alpha": schema.boolean,
    "exceptions": schema.string_list,
}


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
    if spec.vale:
        return _vale_check(spec)
    tokens = opts.get("tokens") or [r"[^\s]+"]
    fold = opts.get("ignorecase", False)
    pattern = compile_pattern("tokens", r"\b(?:" + "|".join(tokens) + r")\b" if opts.get("tokens") else r"[^\s]+", fold)
    alpha = opts.get("alpha", False)
    exceptions = {e.casefold() for e in opts.get("exceptions", [])}
    scope = Scope(spec)

    def check(doc: Document) -> Iterator[Hit]:
        text = scope.text(doc)
        for unit in scope.units(doc, sentence=False):
            previous = None
            for m in finditer(pattern, text, doc.deadline, unit.start, unit.end):
                doc.deadline.tick()
                word = m.group()
                key = word.casefold() if fold else word
                if (
                    previous is not None
                    and previous[2] == key
                    and not text[previous[1] : m.start()].strip()
                    and (not alpha or word.isalpha())
                    and key.casefold() not in exceptions
                    and scope.allows(doc, previous[0], m.end())
                ):
                    fix = Fix((Edit(previous[1], m.end(), ""),), safe=False)
                    yield Hit(previous[0], m.end(), format_message(spec.message, (word,), match=word), (word,), fix)
                previous = (m.start(), m.end(), key)

    return check


def _vale_check(spec: RuleSpec) -> Check:
    """Vale's repetition (internal/check/repetition.go): consecutive matches of the tokens
    (no word boundaries added) within a block that are the same (ignoring case with
    `ignorecase`; letters only with `alpha`), on one line, reported from the first to the
    second once more than `max` such pairs have been seen in the block."""
    opts = spec.options
    fold = opts.get("ignorecase", False)
    pattern = compile_pattern("tokens", "(" + "|".join(opts.get("tokens", [])) + ")", fold)
    alpha = opts.get("alpha", False)
    most = opts.get("max", 0)
    excepted = exceptions_matcher(opts.get("exceptions", []))
    action = action_of(opts)
    scope = Scope(spec)

    def check(doc: Document) -> Iterator[Hit]:
        text = scope.text(doc)
        for unit in scope.units(doc, sentence=False):
            previous, previous_start, count = "", -1, 0
            for m in finditer(pattern, text, doc.deadline, unit.start, unit.end):
                doc.deadline.tick()
                current = m.group().strip()
                hit = current != "" and (current.casefold() == previous.casefold() if fold else current == previous)
                hit = hit and (not alpha or current.isalpha())
                if hit:
                    count += 1
                if hit and count > most:
                    span = text[previous_start : m.end()]
                    if "\n" not in span and not excepted(span) and scope.allows(doc, previous_start, m.end()):
                        offered = suggestions(action, span) if action is not None else ()
                        yield Hit(previous_start, m.end(), format_message(spec.message, (current,), match=current),
                                  offered, fix_for(action, previous_start, m.end(), offered))
                        count = 0
                previous, previous_start = current, m.start()

    return check
