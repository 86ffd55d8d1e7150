"""newslint.overlaps: one finding per problem, through the real CLI and on built findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Config
from newslint.finding import Finding, Level
from newslint.linter import Linter
from newslint.overlaps import one_per_problem, same_text
from tests.helpers import builtin_specs, run_cli


def check(tmp_path: Path, preset: str, text: str) -> list[str]:
    (tmp_path / ".newslint.yaml").write_text(f"extends: {preset}\n", encoding="utf-8")
    (tmp_path / "story.md").write_text(text, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--format", "parsable", "story.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("preset, house", [("ap", "AP.DateNumeric"), ("uk", "UK.DateNumeric")])
def test_ambiguous_date_is_reported_once_by_the_house_rule(tmp_path: Path, preset: str, house: str) -> None:
    lines = check(tmp_path, preset, "The hearing is on 03/04/2024, officials said.\n")
    assert len(lines) == 1 and lines[0].endswith(f"[{house}]"), lines


@pytest.mark.parametrize("preset", ["ap", "uk"])
def test_percentages_get_one_piece_of_advice(tmp_path: Path, preset: str) -> None:
    # The article's majority is "per cent"; the house writes "%". The News rule would call
    # the one "15%" the odd one out, contradicting the house rule's advice on the others.
    lines = check(tmp_path, preset, "Prices rose 10 per cent in March and 15 per cent in April, but wages rose 15%.\n")
    assert [line.rsplit("[", 1)[1] for line in lines] == [f"{preset.upper()}.Numerals]"] * 2, lines
    assert all("Write '1" in line and "%'" in line for line in lines)


def test_two_house_rules_on_one_time_keep_the_wider(tmp_path: Path) -> None:
    lines = check(tmp_path, "ap", "The meeting starts at 10.38am on Monday.\n")
    assert len(lines) == 1 and lines[0].endswith("[AP.TimeAmPm]"), lines


def test_news_rules_speak_where_no_house_rule_does(tmp_path: Path) -> None:
    lines = check(tmp_path, "uk", "About 10,000 people marched, and 15000 more gathered outside.\n")
    assert len(lines) == 1 and lines[0].endswith("[News.NumberForms]"), lines


def finding(rule: str, start: int, end: int, level: Level = Level.WARNING, kind: str = "existence") -> Finding:
    return Finding(rule=rule, kind=kind, level=level, path="a.md", line=1, column=start + 1, end_line=1,
                   end_column=end + 1, offset=start, end_offset=end, match="x" * (end - start), message=rule)


def test_same_text_needs_half_of_the_longer_span() -> None:
    assert same_text(finding("A.X", 0, 10), finding("B.Y", 0, 10))
    assert same_text(finding("A.X", 0, 12), finding("B.Y", 4, 12))  # "two per cent" / "per cent"
    assert not same_text(finding("A.X", 0, 300), finding("B.Y", 40, 46))  # a name inside a quotation
    assert not same_text(finding("A.X", 0, 5), finding("B.Y", 5, 9))
    assert same_text(finding("A.X", 3, 3), finding("B.Y", 3, 3))
    assert not same_text(finding("A.X", 3, 3), finding("B.Y", 2, 5))


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in one_per_problem(findings)]


def test_house_rule_wins_over_news_whatever_the_level() -> None:
    assert rules_of([finding("News.A", 0, 10, Level.ERROR, "numbers"), finding("House.B", 0, 10)]) == ["House.B"]


def test_between_house_rules_level_then_width_then_id() -> None:
    assert rules_of([finding("A.Low", 0, 10), finding("B.High", 0, 10, Level.ERROR)]) == ["B.High"]
    assert rules_of([finding("A.Narrow", 0, 6), finding("B.Wide", 0, 8)]) == ["B.Wide"]
    assert rules_of([finding("B.Same", 0, 8), finding("A.Same", 0, 8)]) == ["A.Same"]


def test_untouched_suggestions_same_rule_and_own_findings() -> None:
    kept = [finding("A.X", 0, 10), finding("B.Y", 0, 10, Level.SUGGESTION), finding("A.X", 2, 10),
            finding("newslint.internal-error", 0, 10, Level.ERROR)]
    assert one_per_problem(kept) == kept


def test_news_rule_defers_to_a_house_rule_of_its_kind_in_the_article() -> None:
    findings = [finding("UK.Numerals", 0, 5, kind="numbers"), finding("News.NumberForms", 50, 55, kind="numbers"),
                finding("News.QuoteAttribution", 60, 90, kind="attribution")]
    assert rules_of(findings) == ["UK.Numerals", "News.QuoteAttribution"]


def test_a_house_finding_inside_a_quotation_silences_no_news_rule() -> None:
    # The quotation spans 0-20: UK.Numerals there (quotes: house) says nothing about the
    # narrative the News rule compared.
    findings = [finding("UK.Numerals", 5, 7, kind="numbers"), finding("News.NumberForms", 50, 55, kind="numbers")]
    kept = one_per_problem(findings, lambda start, end: start < 20)
    assert [f.rule for f in kept] == ["UK.Numerals", "News.NumberForms"]
    assert rules_of(findings) == ["UK.Numerals"]


def test_news_rule_speaks_beside_a_house_numeral_in_a_quotation(tmp_path: Path) -> None:
    text = ('Sales reached 150,000 cars and 400000 vans.\n\n'
            '"The market is growing over 12 percent every year," he said.\n')
    lines = check(tmp_path, "uk", text)
    assert any("[UK.Numerals]" in line and ":3:" in line for line in lines), lines
    assert any("[News.NumberForms]" in line and "400000" in line for line in lines), lines


def test_a_crlf_counts_as_one_character_when_spans_are_compared() -> None:
    # Hypothesis found it: 'Kiev."\nKiev "' is a curly-quotes finding sharing half its text
    # with the house rule's 'Kiev'; with CRLF the wider span kept both.
    linter = Linter(Config(), specs=builtin_specs())
    article = 'Kiev."\nKiev "We will".\n'
    lf = [(f.rule, f.line, f.column) for f in linter.lint_text(article, "a.md")]
    assert [(f.rule, f.line, f.column) for f in linter.lint_text(article.replace("\n", "\r\n"), "a.md")] == lf
