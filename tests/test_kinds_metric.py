"""metric and readability: Vale's counts and formulas, with flag and pass examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.kinds._readability import coleman_liau, flesch_kincaid, flesch_reading_ease, gunning_fog, lix, smog, \
    automated_readability, statistics, syllables
from newslint.rules import RuleError
from tests.helpers.vale_rules import lines, run, vale_rule

# The paragraphs of Vale's Readability fixture are of this kind; figures below were worked
# out by hand from twine's definitions (words, sentences, syllables...).
EASY = "The cat sat on the mat. It was a good cat.\n"
HARD = ("Organizational considerations necessitate comprehensive institutional reconfiguration, "
        "notwithstanding unprecedented administrative complications.\n")

LIX = """extends: metric
message: "Try to keep the LIX score (%s) below 35."
formula: |
  (words / sentences) + ((long_words * 100) / words)
condition: "> 35"
"""
GRADE = """extends: readability
message: "Grade level (%s) too high!"
grade: 8
metrics:
  - Flesch-Kincaid
  - Gunning Fog
"""


@pytest.mark.parametrize("word, count", [
    ("cat", 1), ("people", 2), ("readability", 5), ("created", 2), ("beautiful", 3), ("hyperbole", 4),
    ("likely", 2), ("biology", 4), ("a", 1), ("", 0),
])
def test_syllables_as_vale_counts_them(word: str, count: int) -> None:
    assert syllables(word) == count


def test_counts_of_a_text() -> None:
    s = statistics(EASY)
    assert (s.words, s.sentences, s.syllables, s.characters, s.long_words) == (11, 2, 11, 30, 0)
    assert flesch_kincaid(s) == pytest.approx(0.39 * 5.5 + 11.8 - 15.59)
    assert lix(s) == pytest.approx(5.5)
    assert flesch_reading_ease(s) == pytest.approx(206.835 - 1.015 * 5.5 - 84.6)
    for formula in (gunning_fog, smog, automated_readability, coleman_liau):
        assert isinstance(formula(s), float)


def test_metric_flags_hard_text_and_passes_easy_text(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, LIX)
    assert run(rule, "# Title\n\n" + EASY) == []
    [finding] = run(rule, "# Title\n\n" + HARD)
    assert (finding.line, finding.column) == (1, 1)
    assert finding.message == "Try to keep the LIX score (110.00) below 35."


def test_metric_counts_blocks(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, 'extends: metric\nmessage: "%s H2s"\nformula: heading.h2 + list\ncondition: "> 2"\n')
    assert lines(run(rule, "# A\n\n## B\n\nText.\n\n- one\n- two\n")) == ["1:1:3.00 H2s"]
    assert run(rule, "# A\n\n## B\n\nText.\n") == []


def test_readability_flags_hard_text_and_passes_easy_text(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, GRADE)
    assert run(rule, EASY) == []
    [finding] = run(rule, HARD)
    assert finding.message.startswith("Grade level (") and float(finding.message[13:18]) > 8


def test_no_words_no_finding(tmp_path: Path) -> None:
    assert run(vale_rule(tmp_path, LIX), "# Only a heading\n") == []


@pytest.mark.parametrize("formula, message", [
    ("__import__('os').system('x')", "may be called"),
    ("words.__class__", "not allowed"),
    ("nonsense + 1", "unknown variable"),
    ("'text'", "only numbers"),
    ("math", "unknown variable"),
    ("math.sqrt(words) + math.e", "not allowed"),
    ("(words", "cannot read"),
])
def test_a_formula_is_arithmetic_only(tmp_path: Path, formula: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        vale_rule(tmp_path, f'extends: metric\nmessage: x\nformula: "{formula}"\ncondition: "> 1"\n')


def test_unknown_readability_metric(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="unknown metric"):
        vale_rule(tmp_path, "extends: readability\nmessage: x\ngrade: 8\nmetrics: [Fleshc-Kincaid]\n")


def test_vale_condition_syntax(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, 'extends: metric\nmessage: "%s"\nformula: words\ncondition: "> 5 && words < 100"\n')
    assert lines(run(rule, EASY)) == ["1:1:11.00"]


FIXTURE_RULES = sorted((Path(__file__).parent / "fixtures").glob("*/rules/Vale/*.yml"))


@pytest.mark.parametrize("path", [p for p in FIXTURE_RULES if p.parts[-4] in ("metric", "readability")],
                         ids=lambda p: p.stem)
def test_fixture_rule_examples(path: Path) -> None:
    from newslint.rules import compile_rule, load_rule_spec

    rule = compile_rule(load_rule_spec(path))
    assert rule.spec.examples.flag and rule.spec.examples.pass_
    for text in rule.spec.examples.flag:
        assert run(rule, text), text
    for text in rule.spec.examples.pass_:
        assert run(rule, text) == [], text
