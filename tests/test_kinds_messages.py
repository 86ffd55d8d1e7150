"""Messages name the words they flag, counts agree with their noun, and the doubled-word
rule: through the real CLI where the user sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.kinds._pattern import format_message
from tests.helpers import run_cli


def check(tmp_path: Path, preset: str, text: str, *options: str) -> list[str]:
    (tmp_path / ".newslint.yaml").write_text(f"extends: {preset}\n", encoding="utf-8")
    (tmp_path / "story.md").write_text(text, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--format", "parsable", *options, "story.md", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("preset, text, line, fixed", [
    ("ap", "The union organised a strike.\n", "story.md:1:11: warning: AP spells it 'organized', with -ize or -ization, not 'organised'. [AP.IzeSpellings]",
     "The union organized a strike.\n"),
    ("uk", "Privatization was delayed.\n", "story.md:1:1: warning: British spelling: 'Privatisation', with -ise or -isation, not 'Privatization'. [UK.IseSpellings]",
     "Privatisation was delayed.\n"),
])
def test_spelling_rules_mark_and_name_the_whole_word(tmp_path: Path, preset: str, text: str, line: str, fixed: str) -> None:
    assert check(tmp_path, preset, text) == [line]
    run_cli("check", "--no-cache", "--fix", "story.md", cwd=tmp_path)
    assert (tmp_path / "story.md").read_text(encoding="utf-8") == fixed


def test_money_message_quotes_the_text_not_only_an_example(tmp_path: Path) -> None:
    lines = check(tmp_path, "ap", "It raised £1.2bn last year.\n")
    assert lines == ["story.md:1:11: warning: '£1.2bn': AP spells out million and billion with money (as in '$5 million'). [AP.MoneyAbbreviations]"]


def test_time_message_names_the_time(tmp_path: Path) -> None:
    assert "'10am'" in check(tmp_path, "ap", "The meeting starts at 10am on Monday.\n")[0]


@pytest.mark.parametrize("count, words", [("1", "1 time"), ("2", "2 times"), ("11", "11 times")])
def test_times_agrees_with_its_count(count: str, words: str) -> None:
    assert format_message("spelt '{expected}' elsewhere ({times}).", expected="Harwood", count=count) == \
        f"spelt 'Harwood' elsewhere ({words})."


@pytest.mark.parametrize("preset", ["ap", "uk"])
def test_doubled_word_in_both_presets_with_an_unsafe_fix(tmp_path: Path, preset: str) -> None:
    text = "The the minister said that that was the end.\n\nPolice arrested a man in in Leeds.\n"
    lines = check(tmp_path, preset, text)
    assert [line for line in lines if "News.DoubledWords" in line] == [
        "story.md:1:1: warning: 'the' is written twice in a row. [News.DoubledWords]",
        "story.md:3:23: warning: 'in' is written twice in a row. [News.DoubledWords]",
    ]
    run_cli("check", "--no-cache", "--fix", "story.md", cwd=tmp_path)
    assert "in in" in (tmp_path / "story.md").read_text(encoding="utf-8")  # not a safe fix
    run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", "--select", "News.DoubledWords", "story.md", cwd=tmp_path)
    assert (tmp_path / "story.md").read_text(encoding="utf-8") == text.replace("The the", "The").replace("in in", "in")
