"""The text report's excerpt fits the terminal and keeps the caret under the match, counting
wide characters as two columns and tabs to their stops; `newslint rules` cuts at a word."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.helpers import run_cli


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _excerpt(stdout: str) -> tuple[str, str]:
    """The excerpt line and the caret line under the first finding."""
    lines = stdout.splitlines()
    carets = next(i for i, line in enumerate(lines) if line.strip() and set(line.strip()) == {"^"})
    return lines[carets - 1], lines[carets]


def _under_carets(shown: str, carets: str) -> str:
    """The characters of `shown` whose columns the carets cover."""
    first, last = len(carets) - len(carets.lstrip()), len(carets)
    column, picked = 0, []
    for char in shown:
        width = _columns(char)
        if column >= first and column + width <= last:
            picked.append(char)
        column += width
    return "".join(picked)


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_a_long_line_is_cut_to_the_terminal_with_the_caret_under_the_match(tmp_path: Path, columns: int) -> None:
    line = " ".join(f"word{i}" for i in range(60)) + " alot " + " ".join(f"more{i}" for i in range(60))
    (tmp_path / "a.md").write_text(line + "\n", encoding="utf-8")
    result = run_cli("check", "--select", "AP.ALot", "a.md", cwd=tmp_path, env={"COLUMNS": str(columns)})
    shown, carets = _excerpt(result.stdout)
    assert _columns(shown) <= columns
    assert shown.lstrip().startswith("\u2026") and shown.endswith("\u2026")
    assert _under_carets(shown, carets) == "alot"


def test_wide_characters_count_two_columns(tmp_path: Path) -> None:
    line = "東京の記者は" * 20 + " alot " + "大阪" * 30
    (tmp_path / "a.md").write_text(line + "\n", encoding="utf-8")
    result = run_cli("check", "--select", "AP.ALot", "a.md", cwd=tmp_path, env={"COLUMNS": "80"})
    shown, carets = _excerpt(result.stdout)
    assert _columns(shown) <= 80
    assert _under_carets(shown, carets) == "alot"


def test_a_short_line_with_wide_characters_and_tabs_is_shown_whole(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("東京\tSaid it was alot.\n", encoding="utf-8")
    result = run_cli("check", "--select", "AP.ALot", "a.md", cwd=tmp_path, env={"COLUMNS": "80"})
    shown, carets = _excerpt(result.stdout)
    assert "\t" not in shown and shown.strip().startswith("東京")
    assert _under_carets(shown, carets) == "alot"


def test_a_report_file_keeps_the_wide_window(tmp_path: Path) -> None:
    line = "x " * 300 + "alot" + " y" * 300
    (tmp_path / "a.md").write_text(line + "\n", encoding="utf-8")
    run_cli("check", "--select", "AP.ALot", "--format", "text:r.txt", "a.md", cwd=tmp_path, env={"COLUMNS": "80"})
    shown, carets = _excerpt((tmp_path / "r.txt").read_text(encoding="utf-8"))
    assert 150 < len(shown) <= 204
    assert _under_carets(shown, carets) == "alot"


def test_control_characters_in_an_excerpt_are_not_sent_to_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Bell\x07 and \x1b[31m red: alot\n", encoding="utf-8")
    result = run_cli("check", "--select", "AP.ALot", "a.md", cwd=tmp_path)
    shown, carets = _excerpt(result.stdout)
    assert "\x1b" not in shown and "\x07" not in shown
    assert _under_carets(shown, carets) == "alot"


def test_rules_descriptions_are_cut_at_a_word_to_the_terminal(tmp_path: Path) -> None:
    listing = run_cli("rules", "--isolated", cwd=tmp_path, env={"COLUMNS": "100"}).stdout
    rows = [line for line in listing.splitlines() if line.startswith("  ")]
    whole = {line.split()[0]: line for line in run_cli("rules", "--isolated", cwd=tmp_path).stdout.splitlines()
             if line.startswith("  ")}
    cut = [line for line in rows if line.endswith("\u2026")]
    assert cut and all(_columns(line) <= 100 for line in rows)
    for line in cut:
        kept = line[:-1].rstrip()
        full = whole[line.split()[0]]
        assert full.startswith(kept)
        assert full[len(kept)] in " ,;:.", (kept, full)  # the word before the ellipsis is whole


def test_rules_piped_without_columns_are_whole(tmp_path: Path) -> None:
    listing = run_cli("rules", "--isolated", cwd=tmp_path).stdout
    assert "\u2026" not in listing.replace("...", "")


def test_an_excerpt_of_a_long_line_is_the_same_as_measuring_the_whole_line() -> None:
    from newslint.formats import columns

    line = ("a界 b" * 5000)[:19_999]
    for start, end in ((0, 3), (9_000, 9_007), (9_000, 19_000), (19_990, 19_999)):
        assert columns.excerpt(line, start, end, 80) == columns._excerpt(line, start, end, 80)


def test_a_thousand_findings_on_one_long_line_are_shown_in_bounded_time(tmp_path: Path) -> None:
    # Each excerpt measured the whole line: 1,000 findings on a 4 MB line took hours.
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.md").write_text("Headline\n\n" + "The the cat. " * 80_000 + "\n")
    result = run_cli("check", "--no-cache", "--select", "News.DoubledWords", "a.md", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("News.DoubledWords") == 1000
    assert result.stdout.count("\u2026") >= 1000  # each a window of the line, cut with an ellipsis
