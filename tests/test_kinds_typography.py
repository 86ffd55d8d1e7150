"""The typography kind: dashes (with the double hyphen), and quotation marks or apostrophes
when an article has few of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import lint, run_cli

DASHES = "News.Dashes"
QUOTES = "News.QuotationMarks"
APOSTROPHES = "News.Apostrophes"


def findings(text: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.match, f.suggestions) for f in lint(text, [rule], extends="uk") if f.rule == rule]


# -- dashes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        # A spaced hyphen among em dashes: the em dash is written as the article writes it.
        ("The vote\u2014held on Tuesday\u2014passed. The mayor\u2014who opposed it\u2014left - quietly.",
         [(" - ", ("\u2014",))]),
        ("The vote \u2014 held on Tuesday \u2014 passed. The mayor - who opposed it \u2014 left.",
         [(" - ", (" \u2014 ",))]),
        ("The vote -- held on Tuesday -- passed. The mayor - who opposed it -- left.", [(" - ", (" -- ",))]),
        ("The vote--held on Tuesday--passed. The mayor - who opposed it--left.", [(" - ", ("--",))]),
        ("The vote \u2013 held on Tuesday \u2013 passed. The mayor - who opposed it \u2013 left.",
         [(" - ", (" \u2013 ",))]),
        # The reverse: an em dash in copy of spaced hyphens.
        ("The vote - held on Tuesday - passed. The mayor \u2014 who opposed it - left.", [(" \u2014 ", (" - ",))]),
    ],
)
def test_the_minority_dash_is_a_warning_with_a_safe_fix(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert findings(text, DASHES) == expected
    [finding] = [f for f in lint(text, [DASHES], extends="uk") if f.rule == DASHES]
    assert finding.level.name == "WARNING" and finding.fix is not None and finding.fix.safe


@pytest.mark.parametrize(
    "text",
    [
        "The vote \u2014 held on Tuesday \u2014 passed 52 - 48, and Chelsea won 2 - 1.",
        "The vote \u2014 held on Tuesday \u2014 cost \u00a35 - \u00a310m from 2024 - 2026, up 5% - 10%.",
        "The well-known vote \u2014 held on Tuesday \u2014 set pre- and post-war rules; it fell to -5C.",
        "The vote \u2014 held on Tuesday \u2014 passed.\n\n- one item\n- another item\n",
        "The vote \u2014 held on Tuesday \u2014 passed.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        "The vote \u2014 held on Tuesday \u2014 passed; run `newslint --fix` or `a -- b`.",
        "The vote \u2014 held on Tuesday \u2014 passed ---- and that was all.",
    ],
)
def test_hyphens_that_are_not_dashes_are_left_alone(text: str) -> None:
    assert findings(text, DASHES) == []


def test_a_double_hyphen_before_an_option_in_plain_text_is_not_a_dash() -> None:
    text = "The vote \u2014 held on Tuesday \u2014 passed. Run newslint --fix to apply it.\n"
    assert lint(text, [DASHES], path="a.txt", extends="uk") == []


def test_fix_writes_the_majority_dash(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("The vote \u2014 held on Tuesday \u2014 passed - narrowly - in the end.\n", encoding="utf-8")
    result = run_cli("check", "--fix", "--select", DASHES, "a.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert article.read_text(encoding="utf-8") == "The vote \u2014 held on Tuesday \u2014 passed \u2014 narrowly \u2014 in the end.\n"


# -- quotation marks and apostrophes with few marks ---------------------------------


@pytest.mark.parametrize(
    "text,minority",
    [
        # One pair against two, both ways, double and single marks.
        ("\u201cWe stay,\u201d she said. \u201cWe\u2019re home,\u201d he said. The mayor said \"no\".", '"'),
        ("\"We stay,\" she said. \"We're home,\" he said. The mayor said \u201cno\u201d.", "\u201c\u201d"),
        ("\u2018We stay,\u2019 she said. \u2018We\u2019re home,\u2019 he said. The mayor said 'no'.", "'"),
        ("'We stay,' she said. 'We're home,' he said. The mayor said \u2018no\u2019.", "\u2018\u2019"),
    ],
)
def test_one_pair_in_the_other_style_is_reported_both_ways(text: str, minority: str) -> None:
    marks = [match for match, _ in findings(text, QUOTES)]
    assert len(marks) == 2 and set("".join(marks)) <= set(minority)


@pytest.mark.parametrize(
    "text,minority",
    [
        # One pair each: the apostrophes say which style the article is typed in.
        ("\"We stay,\" she said, and the mayor's answer was \u201cno\u201d. It's the town's.", "\u201c\u201d"),
        ("\u201cWe stay,\u201d she said, and the mayor\u2019s answer was \"no\". It\u2019s the town\u2019s.", '"'),
    ],
)
def test_a_tie_goes_to_the_style_of_the_apostrophes(text: str, minority: str) -> None:
    marks = [match for match, _ in findings(text, QUOTES)]
    assert len(marks) == 2 and set("".join(marks)) <= set(minority)


def test_a_tie_of_apostrophes_goes_to_the_style_of_the_quotation_marks() -> None:
    text = "\"We stay,\" she said. \"We won,\" he said. It's the mayor\u2019s town."
    assert findings(text, APOSTROPHES) == [("\u2019", ("'",))]


def test_a_stray_left_single_mark_is_a_curly_mark() -> None:
    text = "\"We stay,\" she said. \"We won,\" he said. \"It is ours,\" they said of the \u2018town."
    assert findings(text, QUOTES) == [("\u2018", ("'",))]


def test_straight_pair_closing_after_a_curly_apostrophe_is_reported() -> None:
    text = ("\u2018We stay,\u2019 she said. \u2018We won,\u2019 he said. "
            "'The contractors\u2019 costs are unpaid,' the mayor said.")
    assert [match for match, _ in findings(text, QUOTES)] == ["'", "'"]

