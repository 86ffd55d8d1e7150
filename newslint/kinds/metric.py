"""metric: a formula over the article's counts, reported when its condition holds (Vale's `metric`).

    extends: metric
    message: "Try to keep the Flesch-Kincaid grade level (%s) below 8."
    formula: (0.39 * (words / sentences)) + (11.8 * (syllables / words)) - 15.59
    condition: "> 8"

Variables (as Vale names them): words, sentences, syllables, characters, complex_words,
long_words, polysyllabic_words, paragraphs, and the count of each kind of block:
heading.h1 ... heading.h6 (or heading_h1 ...), list, blockquote, pre. The counts are of
the summary (see _summary.py and _readability.py). One finding at the start of the
article, its %s the formula's value to two decimals; nothing for an article without words.
"""

from __future__ import annotations

import re
from typing import Iterator

from newslint import schema
from newslint.document import Document
from newslint.finding import Hit
from newslint.kinds import _formula
from newslint.kinds._pattern import format_message
from newslint.kinds._summary import block_counts, summary_stats
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

OPTIONS = {
    "formula": schema.string,
    "condition": schema.string,
}
DEFAULT_QUOTES = "include"
STATS = ("words", "sentences", "syllables", "characters", "complex_words", "long_words", "polysyllabic_words",
         "paragraphs")
VARIABLES = frozenset(STATS + tuple(f"heading_h{n}" for n in range(1, 7)) + ("list", "blockquote", "pre"))
_HEADING = re.compile(r"heading\.(h[1-6])")


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
    for key in ("formula", "condition"):
        if not opts.get(key, "").strip():
            raise OptionError(key, f"a metric rule needs '{key}'")
    formula = _formula.parse("formula", _HEADING.sub(r"heading_\1", opts["formula"]), VARIABLES)
    condition_source = opts["condition"]
    _formula.parse("condition", "0 " + condition_source, VARIABLES)

    def check(doc: Document) -> Iterator[Hit]:
        stats = summary_stats(doc)
        if stats.words == 0:
            return
        values = dict(block_counts(doc))
        values.update(zip(STATS, (stats.words, stats.sentences, stats.syllables, stats.characters,
                                  stats.complex_words, stats.long_words, stats.polysyllabic_words,
                                  stats.paragraphs - 1)))
        try:
            result = float(_formula.evaluate(formula, values))
            # As Vale: the value printed with six decimals, then the condition after it.
            condition = _formula.parse("condition", f"{result:f} {condition_source}", VARIABLES)
            holds = _formula.evaluate(condition, values)
        except (_formula.FormulaError, OptionError):
            return
        if holds is True:
            value = f"{result:.2f}"
            yield Hit(0, 0, format_message(spec.message, (value,), value=value))

    return check
