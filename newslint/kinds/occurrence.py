"""occurrence: too many (or too few) matches of a token in one scope unit (Vale semantics)."""

from __future__ import annotations

from typing import Iterator

from newslint import schema
from newslint.document import Document
from newslint.finding import Hit
from newslint.kinds._pattern import Scope, compile_pattern, finditer, format_message
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

OPTIONS = {
    "token": schema.string,
    "max": schema.integer,
    "min": schema.integer,
    "ignorecase": schema.boolean,
}


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
    if "token" not in opts:
        raise OptionError("token", "an occurrence rule needs 'token'")
    if "max" not in opts and "min" not in opts:
        raise OptionError("max", "an occurrence rule needs 'max' or 'min'")
    pattern = compile_pattern("token", opts["token"], opts.get("ignorecase", False))
    most, least = opts.get("max"), opts.get("min")
    scope = Scope(spec)
    by_sentence = "sentence" in spec.scope

    def check(doc: Document) -> Iterator[Hit]:
        text = scope.text(doc)
        for unit in scope.units(doc, by_sentence):
            if scope.skip_quotes and scope.quoted(doc, unit.start, unit.end):
                matches = [m for m in finditer(pattern, text, doc.deadline, unit.start, unit.end) if not scope.quoted(doc, m.start(), m.end())]
            else:
                matches = list(finditer(pattern, text, doc.deadline, unit.start, unit.end))
            count = len(matches)
            if most is not None and count > most:
                start, end = matches[most].start(), matches[-1].end()
                yield Hit(start, end, format_message(spec.message, (str(count),), count=str(count)))
            elif least is not None and count < least:
                yield Hit(unit.start, unit.end, format_message(spec.message, (str(count),), count=str(count)))

    return check
