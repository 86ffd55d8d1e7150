"""existence: report every match of a list of tokens (Vale semantics)."""

from __future__ import annotations

from typing import Iterator

from newslint import schema
from newslint.document import Document
from newslint.finding import Hit
from newslint.kinds._pattern import Deferred, Scope, compile_pattern, format_message, search, word_pattern
from newslint.kinds._prefilter import analyse
from newslint.rules import Check, RuleSpec

OPTIONS = {
    "tokens": schema.string_list,
    "ignorecase": schema.boolean,
    "nonword": schema.boolean,
    "raw": schema.string_list,
    "exceptions": schema.string_list,
    "append": schema.boolean,
}


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
    tokens = opts.get("tokens", [])
    raw = "".join(opts.get("raw", []))
    if not tokens and not raw:
        from newslint.schema import OptionError

        raise OptionError("tokens", "an existence rule needs 'tokens' or 'raw'")
    for token in tokens:
        compile_pattern("tokens", token)
    source = word_pattern(tokens, opts.get("nonword", False), raw)
    fold = opts.get("ignorecase", False)
    exceptions = {e.casefold() if fold else e for e in opts.get("exceptions", [])}
    scope = Scope(spec)
    if raw:
        prefilter = None if tokens else analyse([raw], fold, bounded=False)
    else:
        prefilter = analyse(tokens, fold, bounded=not opts.get("nonword", False))
    # Tokens were each compiled above, so their union can wait until a text needs it; a raw
    # pattern is compiled now, so that an error in it is reported when the rule loads.
    pattern = Deferred("tokens", source, fold) if prefilter is not None and not raw else compile_pattern("tokens", source, fold)

    def check(doc: Document) -> Iterator[Hit]:
        for m in search(pattern, doc, scope, prefilter):
            text = m.group()
            if (text.casefold() if fold else text) in exceptions:
                continue
            yield Hit(m.start(), m.end(), format_message(spec.message, (text,), match=text))

    return check
