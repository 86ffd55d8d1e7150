"""repetition: the same token twice in a row ("the the"), Vale semantics."""

from __future__ import annotations

from typing import Iterator

from newslint import schema
from newslint.document import Document
from newslint.finding import Edit, Fix, Hit
from newslint.kinds._pattern import Scope, compile_pattern, finditer, format_message
from newslint.rules import Check, RuleSpec

OPTIONS = {
    "tokens": schema.string_list,
    "ignorecase": schema.boolean,
    "alpha": schema.boolean,
    "exceptions": schema.string_list,
}


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
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
