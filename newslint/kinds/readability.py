"""readability: the article's grade level, by one or more formulas, above `grade` (Vale's `readability`).

    extends: readability
    message: "Grade level (%s) too high!"
    grade: 8
    metrics: [Flesch-Kincaid, Gunning Fog]

`metrics` are Vale's: Flesch-Kincaid, Gunning Fog, Coleman-Liau, SMOG, Automated
Readability; the grade is their mean over the article's summary (paragraphs, list items
and block quotations; see _summary.py and _readability.py), one finding at the start of
the article with the grade to two decimals. For Flesch reading ease (a score, higher is
easier) use a `metric` rule: `formula: 206.835 - 1.015 * (words / sentences) - 84.6 *
(syllables / words)`, `condition: "< 60"`.
"""

from __future__ import annotations

from typing import Iterator

from newslint import schema
from newslint.document import Document
from newslint.finding import Hit
from newslint.kinds._pattern import format_message
from newslint.kinds._readability import METRICS
from newslint.kinds._summary import summary_stats
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

GRADE_METRICS = tuple(name for name in METRICS if name != "Flesch Reading Ease")
OPTIONS = {
    "metrics": schema.string_list,
    "grade": schema.number,
}
DEFAULT_QUOTES = "include"


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
    metrics = opts.get("metrics", [])
    if not metrics:
        raise OptionError("metrics", f"a readability rule needs 'metrics', some of {', '.join(GRADE_METRICS)}")
    for name in metrics:
        if name not in GRADE_METRICS:
            raise OptionError("metrics", f"unknown metric {name!r} (expected some of {', '.join(GRADE_METRICS)})")
    if "grade" not in opts:
        raise OptionError("grade", "a readability rule needs 'grade'")
    grade = opts["grade"]
    formulas = [METRICS[name] for name in metrics]

    def check(doc: Document) -> Iterator[Hit]:
        stats = summary_stats(doc)
        if stats.words == 0 or stats.sentences == 0:
            return
        level = sum(f(stats) for f in formulas) / len(formulas)
        if level > grade:
            value = f"{level:.2f}"
            yield Hit(0, 0, format_message(spec.message, (value,), value=value))

    return check
