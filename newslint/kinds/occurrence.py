"""occurrence: too many (or too few) matches of a token in one scope unit (Vale semantics)."""

from __future__ import annotations

from typing import Iterator

import regex

from newslint import schema
from newslint.document import Document
from newslint.finding import Hit
from newslint.kinds._pattern import Scope, compile_pattern, finditer, format_message
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

_CODE_LIKE = regex.compile(r"[*@]*")

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
            # As Vale: a bound of 0 is no bound.
            if (most and count > most) or (least and count < least):
                message = format_message(spec.message, (str(count),), count=str(count))
                if not matches:
                    # Nothing to point at: Vale marks the unit's first character.
                    yield Hit(unit.start, min(unit.start + 1, unit.end), message)
                    continue
                # Vale reports the first match that is not blank or code-like ("**", "@").
                first = next((m for m in matches if m.group().strip() and not _CODE_LIKE.fullmatch(m.group())), None)
                if first is not None:
                    yield Hit(first.start(), first.end(), message)

    return check
