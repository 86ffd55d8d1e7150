"""consistency: two accepted forms must not both appear in one document (Vale semantics).

The less frequent form is reported wherever it occurs, with the other as the suggestion.
"""

from __future__ import annotations

from typing import Iterator

from newslint import schema
from newslint.document import Document
from newslint.finding import Hit
from newslint.kinds._pattern import Scope, compile_pattern, finditer, format_message, search
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
    if spec.vale:
        return _vale_check(spec, either)
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


def _vale_check(spec: RuleSpec, either: dict[str, str]) -> Check:
    """Vale's consistency (internal/check/consistency.go): block by block in document
    order, each pair remembers which of its two forms the article has used so far; a block
    with a match of the pair, once both forms have been seen, gets one finding, at its
    last match."""
    fold = spec.options.get("ignorecase", False)
    template = "(?:{})" if spec.options.get("nonword") else "\\b(?:{})\\b"
    pairs = [compile_pattern("either", template.format(f"(?P<a>{a})|(?P<b>{b})"), fold) for a, b in either.items()]
    scope = Scope(spec)

    def check(doc: Document) -> Iterator[Hit]:
        text = scope.text(doc)
        seen = [set() for _ in pairs]
        for unit in scope.units(doc, sentence=False):
            for i, pattern in enumerate(pairs):
                last = None
                for m in finditer(pattern, text, doc.deadline, unit.start, unit.end):
                    if not scope.allows(doc, m.start(), m.end()):
                        continue
                    side = "a" if m.group("a") is not None else "b"
                    seen[i].add(side)
                    last = m.span(side)
                if last is not None and len(seen[i]) == 2:
                    observed = text[last[0] : last[1]]
                    yield Hit(last[0], last[1], format_message(spec.message, (observed,), match=observed))

    return check
