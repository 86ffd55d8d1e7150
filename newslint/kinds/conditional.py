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
from newslint.kinds._pattern import Scope, compile_pattern, format_message, search
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
