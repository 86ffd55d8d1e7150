"""consistency: two accepted forms must not both appear in one document (Vale semantics).

The less frequent form is reported wherever it occurs, with the other as the suggestion.
"""

from __future__ import annotations

from typing import Iterator

from newslint import schema
from newslint.document import Document
from newslint.finding import Hit
from newslint.kinds._pattern import Scope, compile_pattern, format_message, search
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

OPTIONS = {
    "either": schema.string_map,
    "ignorecase": schema.boolean,
    "nonword": schema.boolean,
}


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
    either = opts.get("either", {})
    if not either:
        raise OptionError("either", "a consistency rule needs an 'either' mapping")
    fold = opts.get("ignorecase", False)
    wrap = (lambda p: p) if opts.get("nonword") else (lambda p: rf"\b(?:{p})\b")
    pairs = [
        (compile_pattern("either", wrap(a), fold), compile_pattern("either", wrap(b), fold))
        for a, b in either.items()
    ]
    scope = Scope(spec)

    def check(doc: Document) -> Iterator[Hit]:
        for first, second in pairs:
            a = list(search(first, doc, scope))
            b = list(search(second, doc, scope))
            if not a or not b:
                continue
            minority, majority = (b, a) if len(b) < len(a) or (len(b) == len(a) and b[0].start() > a[0].start()) else (a, b)
            preferred = majority[0].group()
            for m in minority:
                yield Hit(m.start(), m.end(), format_message(spec.message, (m.group(), preferred), match=m.group(), preferred=preferred), (preferred,))

    return check
