"""The `dates` kind: ambiguous numeric dates, two-digit years, weekdays against their dates,
relative days resolved against the publication date, and what is not a date; and the AP and
UK house date rules (pattern rules) on their fixture articles in tests/fixtures/dates/house/.

Every expected file here, the house fixtures' too, is rewritten by
`python -m tests.regenerate_fixtures` (review the diff).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.config import Config
from newslint.finding import Level
from newslint.linter import Linter, Selection
from newslint.rules import RuleError, compile_rule, load_rule_spec
from tests.helpers import FIXTURES, SEEDS, lint, parsable, rules_of_kind, run_cli

NEWS_DATES = ("News.AmbiguousDates", "News.TwoDigitYears", "News.WeekdayMismatch", "News.RelativeDates",
              "News.WeekdayWithDistantDate")


def dated(body: str, date: str = "2024-03-06", key: str = "date") -> str:
    """An article with a publication date in its front matter (2024-03-06 is a Wednesday)."""
    return f"---\n{key}: {date}\n---\n\n{body}\n"


def found(text: str, rule: str, extends: str = "ap") -> list:
    return [f for f in lint(text, select=[rule], extends=extends) if f.rule == rule]


# --- ambiguous numeric dates ---------------------------------------------------------------

def test_ambiguous_date_gives_both_readings() -> None:
    [f] = found("The deal was signed on 03/04/2022 in Geneva.", "News.AmbiguousDates")
    assert f.match == "03/04/2022" and f.level == Level.WARNING
    assert "4 March 2022" in f.message and "3 April 2022" in f.message
    assert f.suggestions == ("4 March 2022", "3 April 2022")


@pytest.mark.parametrize("date", ["03/04/2022", "3.4.2022", "03-04-2022", "03.04.22", "3/4/22", "11/10/2024"])
def test_separators_and_short_years_are_ambiguous(date: str) -> None:
    assert len(found(f"It happened on {date}, police said.", "News.AmbiguousDates")) == 1


@pytest.mark.parametrize("date", ["25/12/2022", "12/25/2022", "05/05/2022", "2022-03-04", "2022/03/04", "31/02/2022"])
def test_one_reading_or_none_is_not_ambiguous(date: str) -> None:
    assert found(f"It happened on {date}, police said.", "News.AmbiguousDates") == []


@pytest.mark.parametrize("text", [
    "He won 3/4 of the vote.",
    "The helpline is open 24/7.",
    "A 9/11 memorial was unveiled.",
    "The horse is the 4/1 favourite.",
    "Flintoff took 10-2-35-3 and the side switched to 4-4-2.",
    "The phone runs kernel 2.6.11 under version 10.12.15.",
    "See pages 10-12 and the table on page 1/2/3.",
    "The server at 192.168.10.11 went down at 10.30.",
    "The price fell 1.5.10 times; the ratio was 3:4:22.",
])
def test_not_dates(text: str) -> None:
    assert [f.match for f in lint(text, select=list(NEWS_DATES))] == []


def test_ambiguous_date_inside_a_quotation_is_still_reported() -> None:
    assert len(found('"We signed it on 03/04/2022," she said.', "News.AmbiguousDates")) == 1


# --- two-digit years -----------------------------------------------------------------------

def test_two_digit_year_without_publication_date_guesses_nothing() -> None:
    [f] = found("Records dated 25/12/99 were lost.", "News.TwoDigitYears")
    assert f.match == "25/12/99" and f.suggestions == ()


def test_two_digit_year_takes_the_century_nearest_publication() -> None:
    [old] = found(dated("Records dated 25/12/99 were lost."), "News.TwoDigitYears")
    [new] = found(dated("Records dated 25/12/22 were lost."), "News.TwoDigitYears")
    assert old.suggestions == ("1999",) and new.suggestions == ("2022",)


def test_four_digit_year_is_fine() -> None:
    assert found("Records dated 25/12/1999 were lost.", "News.TwoDigitYears") == []


# --- weekdays ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,actual", [
    ("The vote is on Tuesday, March 7, 2024.", "Thursday"),
    ("He resigned on Monday 12 February 2017.", "Sunday"),
    ("She left on Friday the 3rd of June 2021.", "Thursday"),
    ("Polls open on Wed. Sept. 3, 2024.", "Tuesday"),
])
def test_weekday_mismatch(text: str, actual: str) -> None:
    [f] = found(text, "News.WeekdayMismatch")
    assert f.suggestions == (actual,) and f"is a {actual}" in f.message


@pytest.mark.parametrize("text", [
    "The vote is on Thursday, March 7, 2024.",
    "Polls open on Tues. Sept. 3, 2024.",
    "She left on Friday the 3rd of June 2022.",
    "He resigned on Sunday, 12th February 2017.",
])
def test_weekday_that_matches(text: str) -> None:
    assert found(text, "News.WeekdayMismatch") == []


def test_weekday_without_year_uses_the_publication_year() -> None:
    [f] = found(dated("The vote is on Tuesday, March 7."), "News.WeekdayMismatch")
    assert "is a Thursday" in f.message and "year of publication" in f.message
    assert found(dated("The vote is on Thursday, March 7."), "News.WeekdayMismatch") == []


def test_weekday_year_is_the_one_nearest_publication() -> None:
    # 3 January 2025 is a Friday; a story of late December 2024 means next January.
    assert found(dated("Talks resume on Friday 3 January.", "2024-12-28"), "News.WeekdayMismatch") == []
    assert len(found(dated("Talks resume on Thursday 3 January.", "2024-12-28"), "News.WeekdayMismatch")) == 1


def test_weekday_without_any_year_guesses_nothing() -> None:
    assert found("The vote is on Tuesday, March 7.", "News.WeekdayMismatch") == []


def test_impossible_day_is_reported_even_without_a_year() -> None:
    [f] = found("The match is on Saturday 31 June.", "News.WeekdayMismatch")
    assert "no 31 June" in f.message


def test_year_must_be_a_year() -> None:
    # "2,000" is a crowd, not a year: the date has no year and nothing is guessed.
    assert found("On Saturday 12 March 2,000 fans marched.", "News.WeekdayMismatch") == []


def test_config_date_key_names_the_publication_date() -> None:
    text = dated("The vote is on Tuesday, March 7.", key="published")
    custom = Linter(Config(date_key="published"), Selection(("News.WeekdayMismatch",)))
    default = Linter(Config(), Selection(("News.WeekdayMismatch",)))
    assert len(custom.lint_text(text, "a.md")) == 1
    assert default.lint_text(text, "a.md") == []


# --- weekday with a distant date -----------------------------------------------------------

def test_weekday_more_than_a_week_from_publication() -> None:
    text = dated("The summit opens on Friday, March 22.")
    [f] = found(text, "News.WeekdayWithDistantDate")
    assert f.level == Level.SUGGESTION and f.suggestions == ("March 22",) and "16 days" in f.message
    assert f.fix is not None and not f.fix.safe
    edit = f.fix.edits[0]
    assert text[: edit.start] + edit.replacement + text[edit.end :] == dated("The summit opens on March 22.")


def test_weekday_within_a_week_or_without_publication_date() -> None:
    assert found(dated("The summit opens on Friday, March 8."), "News.WeekdayWithDistantDate") == []
    assert found("The summit opens on Friday, March 22.", "News.WeekdayWithDistantDate") == []


# --- relative dates ------------------------------------------------------------------------

@pytest.mark.parametrize("phrase,resolved", [
    ("yesterday", "2024-03-05"),
    ("tomorrow", "2024-03-07"),
    ("last Friday", "2024-03-01"),
    ("next Friday", "2024-03-08"),
    ("last Wednesday", "2024-02-28"),
    ("next Wednesday", "2024-03-13"),
    ("the day before yesterday", "2024-03-04"),
])
def test_relative_dates_resolve_against_publication(phrase: str, resolved: str) -> None:
    [f] = found(dated(f"The minister spoke {phrase} about it."), "News.RelativeDates")
    assert f.level == Level.SUGGESTION and f.suggestions == (resolved,) and f.match == phrase


def test_relative_dates_need_a_publication_date() -> None:
    assert found("The minister resigned yesterday and leaves next Friday.", "News.RelativeDates") == []


def test_relative_dates_skip_quotations_and_narrative_time() -> None:
    text = dated('"I signed it yesterday," he said. He returned the next Friday.')
    assert found(text, "News.RelativeDates") == []


def test_capitalised_mid_sentence_is_a_title() -> None:
    text = dated("She watched Tomorrow's World. Yesterday the show was cut.")
    assert [f.match for f in found(text, "News.RelativeDates")] == ["Yesterday"]


def test_json_finding_carries_the_resolved_date(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text(dated("The report came out last Friday."), encoding="utf-8")
    result = run_cli("check", "--format", "json", "--select", "News.RelativeDates", "story.md", cwd=tmp_path)
    [finding] = json.loads(result.stdout)["files"][0]["findings"]
    assert finding["rule"] == "News.RelativeDates" and finding["kind"] == "dates"
    assert finding["level"] == "suggestion" and finding["suggestions"] == ["2024-03-01"]
    assert finding["match"] == "last Friday" and "Friday, 1 March 2024" in finding["message"]
    assert result.returncode == 0  # a suggestion does not fail the run


# --- house styles that forbid numeric dates ------------------------------------------------

@pytest.mark.parametrize("rule,written", [("AP.DateNumeric", "Dec. 25, 2022"), ("UK.DateNumeric", "25 December 2022")])
def test_numeric_date_is_spelled_out_in_house_style(rule: str, written: str) -> None:
    [f] = found("The law took effect on 25/12/2022.", rule, extends=rule.split(".")[0].lower())
    assert f.suggestions == (written,) and f.fix is not None and f.fix.edits[0].replacement == written


def test_ambiguous_numeric_date_gets_no_fix() -> None:
    [f] = found("The law took effect on 03/04/2022.", "AP.DateNumeric")
    assert f.fix is None and f.suggestions == ("March 4, 2022", "April 3, 2022")


def test_fix_rewrites_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("The law took effect on 2022-03-04.\n", encoding="utf-8")
    run_cli("check", "--fix", "--select", "UK.DateNumeric", "a.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "The law took effect on 4 March 2022.\n"


# --- house date style (pattern rules of the AP and UK packs) ------------------------------

HOUSE = {"ap.md": ("ap", ("AP.Date*", "AP.Month*")), "uk.txt": ("uk", ("UK.Date*",)),
         # A list of related links: dotted date stamps in brackets, not prose (issue 16).
         "links.md": ("uk", ("UK.Date*", "News.AmbiguousDates"))}


def house_output(name: str) -> str:
    extends, rules = HOUSE[name]
    text = (FIXTURES / "dates" / "house" / name).read_text(encoding="utf-8")
    return parsable(lint(text, select=rules, path=name, extends=extends))


@pytest.mark.parametrize("name", sorted(HOUSE))
def test_house_date_style_fixture(name: str) -> None:
    expected = (FIXTURES / "dates" / "house" / name).with_suffix(".expected")
    assert house_output(name) == expected.read_text(encoding="utf-8")


# --- rule files ----------------------------------------------------------------------------

@pytest.mark.parametrize("body,key", [
    ("extends: dates\nmessage: x\n", "check"),
    ("extends: dates\nmessage: x\ncheck: sometimes\n", "check"),
    ("extends: dates\nmessage: x\ncheck: numeric\nformat: '{fortnight}'\n", "format"),
    ("extends: dates\nmessage: x\ncheck: distant-weekday\ndays: -1\n", "days"),
])
def test_bad_rule_file_names_the_key(tmp_path: Path, body: str, key: str) -> None:
    path = tmp_path / "Pack" / "Rule.yml"
    path.parent.mkdir()
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        compile_rule(load_rule_spec(path))
    assert info.value.key == key and f"[{key}]" in str(info.value)


def test_every_dates_rule_is_in_a_builtin_pack() -> None:
    assert set(NEWS_DATES) | {"AP.DateNumeric", "UK.DateNumeric"} == set(rules_of_kind("dates"))


# --- the seed article ----------------------------------------------------------------------

def test_seed_has_no_dates_warning() -> None:
    # The seed is AP copy (no publication date, weekdays only): the default preset's date
    # rules must stay quiet on it. (UK.DateOrder rightly objects to its "July 31".)
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    findings = lint(text, select=[*NEWS_DATES, "AP.Date*", "AP.Month*"], path="seed.txt")
    assert [f for f in findings if f.level >= Level.WARNING] == []


# --- robustness ----------------------------------------------------------------------------

DATEISH = ["Monday", "Tues.", "March", "Sept.", "Feb", "the", "of", "last", "next", "yesterday", "2024", "1999",
           "29", "31", "12", "3", "07", "22", "/", ".", "-", ",", " ", " ", "\n", "\n\n", '"', "v", "2,000"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(DATEISH), max_size=40), st.sampled_from([None, "2024-02-29", "2024-12-31"]))
def test_any_dateish_text_gives_spans_inside_the_text(parts: list[str], published: str | None) -> None:
    body = "".join(parts)
    text = dated(body, published) if published else body
    linter = Linter(Config(), Selection(tuple(rules_of_kind("dates"))))
    for f in linter.lint_text(text, "a.md"):
        assert f.rule != "newslint.internal-error", f.message
        assert 0 <= f.offset <= f.end_offset <= len(text)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_word_on_the_line_before_does_not_hide_a_date(tmp_path: Path, newline: str) -> None:
    """'No' is "number" only right before the date ("No. 12/03/05"): a line ending
    '"No".' does not make the next line's date a reference number, with LF as with CRLF
    (a regex `$` matched before the line's newline, so only LF articles lost the finding)."""
    (tmp_path / "a.md").write_bytes("\u201cNo\u201d.\"\n12/03/05.\n".replace("\n", newline).encode())
    result = run_cli("check", "--isolated", "--select", "AP.DateNumeric", "--format", "parsable", "a.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("a.md:2:1: warning: Write the date in words:")


# --- issue 16: related-link lines -------------------------------------------------------------

@pytest.mark.parametrize("rule,extends", [("UK.DateNumeric", "uk"), ("AP.DateNumeric", "ap"),
                                          ("News.AmbiguousDates", "uk")])
def test_date_stamp_of_a_related_link_is_not_prose(rule: str, extends: str) -> None:
    links = "Related:\n\n- Merkel meets Putin in Sochi (03.02.2017)\n- Deal under strain (28.01.2017)\n"
    assert [f.match for f in lint(links, select=[rule], extends=extends)] == []
    prose = "The treaty took effect on 03.02.2017, officials said.\n"
    assert [f.match for f in lint(prose, select=[rule], extends=extends)] == ["03.02.2017"]
    sentence = "The treaty took effect in Berlin, officials said (03.02.2017).\n"
    assert [f.match for f in lint(sentence, select=[rule], extends=extends)] == ["03.02.2017"]
