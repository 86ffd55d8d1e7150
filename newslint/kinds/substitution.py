"""substitution: a token and what to write instead (Vale semantics), with a fix."""

from __future__ import annotations

from typing import Iterator

from newslint import schema
from newslint.document import Document
from newslint.finding import Edit, Fix, Hit
from newslint.kinds._pattern import Deferred, Scope, compile_pattern, format_message, match_case, search
from newslint.kinds._prefilter import analyse
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

OPTIONS = {
    "swap": schema.string_map,
    "ignorecase": schema.boolean,
    "nonword": schema.boolean,
    "exceptions": schema.string_list,
    "capitalize": schema.boolean,
    "append": schema.boolean,
    "pos": schema.string,
}


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
    swap: dict[str, str] = opts.get("swap", {})
    if not swap:
        raise OptionError("swap", "a substitution rule needs a non-empty 'swap' mapping")
    fold = opts.get("ignorecase", False)
    groups = []
    for i, key in enumerate(swap):
        inner = compile_pattern("swap", key, fold)
        if inner.groups:
            raise OptionError("swap", f"capture groups are not supported in {key!r}; use (?:...)")
        groups.append(f"(?P<s{i}>{key})")
    body = "|".join(groups)
    source = body if opts.get("nonword") else f"(?:\\b|_)(?:{body})(?:\\b|_)"
    replacements = [[r.strip() for r in value.split("|")] for value in swap.values()]
    exceptions = {e.casefold() if fold else e for e in opts.get("exceptions", [])}
    scope = Scope(spec)
    prefilter = analyse(list(swap), fold, bounded=not opts.get("nonword", False))
    # Keys the prefilter reads are plain enough to combine safely, so their union can wait.
    pattern = compile_pattern("swap", source, fold) if prefilter is None else Deferred("swap", source, fold)

    def check(doc: Document) -> Iterator[Hit]:
        for m in search(pattern, doc, scope, prefilter):
            # Keys have no groups of their own, so the one group that took part is the key's.
            index = int(m.lastgroup[1:])
            start, end = m.span(f"s{index}")
            observed = m.group(f"s{index}")
            options = replacements[index]
            if (observed.casefold() if fold else observed) in exceptions:
                continue
            if any(observed == o or (fold and observed.casefold() == o.casefold()) for o in options):
                continue
            suggestions = tuple(match_case(observed, o) for o in options)
            fix = Fix((Edit(start, end, suggestions[0]),), safe=True) if len(options) == 1 else None
            expected = " or ".join(suggestions)
            message = format_message(spec.message, (expected, observed), match=observed, replacement=expected)
            yield Hit(start, end, message, suggestions, fix)

    return check
