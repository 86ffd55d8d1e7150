"""--format github: one workflow command a finding, escaped as the Actions runner expects."""

from __future__ import annotations

import re
from pathlib import Path

from newslint.finding import FileError, FileResult, Finding, Level
from newslint.formats.github import GithubFormatter, escape_data, escape_property, format_finding
from tests.helpers import run_cli

COMMAND = re.compile(r"::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^,:]+::.+")


def finding(level: Level, message: str = "Bad.", path: str = "a.md") -> Finding:
    return Finding("News.Apostrophes", "typography", level, path, 3, 5, 3, 6, 40, 41, "'", message, suggestions=("’",))


def test_cli_prints_one_command_per_finding(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kyiv’s plan met Russia's demands and Lviv’s.\n", encoding="utf-8")
    result = run_cli("check", "--format", "github", "--select", "News.Apostrophes", "a.txt", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines == ["::warning file=a.txt,line=1,col=23,endLine=1,endColumn=24,title=News.Apostrophes::"
                     "straight apostrophe (') in an article that uses the curly apostrophe (’). Suggestion: ’."]
    assert all(COMMAND.fullmatch(line) for line in lines)


def test_levels_map_to_error_warning_notice() -> None:
    assert format_finding(finding(Level.ERROR)).startswith("::error ")
    assert format_finding(finding(Level.WARNING)).startswith("::warning ")
    assert format_finding(finding(Level.SUGGESTION)).startswith("::notice ")


def test_values_are_escaped_so_one_finding_stays_one_annotation() -> None:
    line = format_finding(finding(Level.WARNING, "100% sure,\nreally", path="desk/a,b:c.md"))
    assert "\n" not in line
    assert "file=desk/a%2Cb%3Ac.md," in line
    assert line.endswith("::100%25 sure, really Suggestion: ’.")  # messages are one line anyway
    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_unreadable_file_is_an_error_annotation(tmp_path: Path) -> None:
    import io

    out = io.StringIO()
    GithubFormatter(out).file(FileResult("gone.md", error=FileError("not-found", "no such file or folder")))
    assert out.getvalue() == "::error file=gone.md,title=newslint.not-found::no such file or folder\n"
