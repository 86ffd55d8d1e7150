"""conditional: the existence of `first` implies the existence of `second` (Vale semantics).

The classic use: an abbreviation (`first`, e.g. `\b([A-Z]{3,5})\b`) must be defined
somewhere by `second` (e.g. "World Health Organization (WHO)"); group 1 of each pattern
is the term that links them.
"""

from __future__ import annotations

from typing import Iterator

from newslint import schema
from newslint.document import Document
from newslint.finding import Hit
from newslint.kinds._pattern import Scope, compile_pattern, exceptions_matcher, finditer, format_message, search
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

OPTIONS = {
    "first": schema.string,
    "second": schema.string,
    "exceptions": schema.string_list,
    "ignorecase": schema.boolean,
}


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
    if "first" not in opts or "second" not in opts:
        raise OptionError("first", "a conditional rule needs 'first' and 'second'")
    if spec.vale:
        return _vale_check(spec)
    fold = opts.get("ignorecase", False)
    first = compile_pattern("first", opts["first"], fold)
    second = compile_pattern("second", opts["second"], fold)
    exceptions = set(opts.get("exceptions", []))
    scope = Scope(spec)

    def check(doc: Document) -> Iterator[Hit]:
        defined = {m.group(1) if second.groups else m.group() for m in search(second, doc, scope)}
        group = 1 if first.groups else 0
        for m in search(first, doc, scope):
            term = m.group(group)
            if term is None or term in defined or term in exceptions:
                continue
            start, end = m.span(group)
            yield Hit(start, end, format_message(spec.message, (term,), match=term))

    return check


def _vale_check(spec: RuleSpec) -> Check:
    """Vale's conditional (internal/check/conditional.go): block by block in document
    order, every non-empty group of every match of `second` is a defined term from then
    on; a whole match of `first` that is not defined yet (nor an exception) is reported.
    Vale compiles both patterns as written (`ignorecase` does not apply)."""
    first = compile_pattern("first", spec.options["first"])
    second = compile_pattern("second", spec.options["second"])
    excepted = exceptions_matcher(spec.options.get("exceptions", []))
    scope = Scope(spec)

    def check(doc: Document) -> Iterator[Hit]:
        text = scope.text(doc)
        defined: set[str] = set()
        for unit in scope.units(doc, sentence=False):
            for m in finditer(second, text, doc.deadline, unit.start, unit.end):
                defined.update(g for g in m.groups() if g)
            for m in finditer(first, text, doc.deadline, unit.start, unit.end):
                term = m.group()
                if not term or term in defined or excepted(term) or not scope.allows(doc, m.start(), m.end()):
                    continue
                yield Hit(m.start(), m.end(), format_message(spec.message, (term,), match=term))

    return check
