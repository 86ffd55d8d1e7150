"""Vale's section globs (valeglob.py), with the cases of Vale's own glob tests and its docs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newslint.valeglob import GlobError, compile_glob


@pytest.mark.parametrize(("pattern", "path", "matches"), [
    ("*.md", "a.md", True), ("*.md", "docs/a.md", True), ("*.md", "a.txt", False),
    ("*.{md,txt}", "a.txt", True), ("{*.md,*.txt}", "x/a.md", True), ("*.{md,py}", "a.rst", False),
    ("docs/**", "docs/a.md", True), ("docs/**", "docs/info/b.py", True), ("docs/**", "info/c.cc", False),
    ("!docs/**", "docs/a.md", False), ("!docs/**", "info/c.cc", True),
    ("!**/*.min.js", "a/b/c/foo.py", True), ("!**/*.min.js", "a/b/c/foo.min.js", False),
    ("docs/**/*.md", "docs/a.md", True), ("docs/**/*.md", "docs/info/b.md", True), ("docs/**/*.md", "docs/c.cc", False),
    ("{documentation,website}/content/{ja,zh-tw}/**/*.adoc", "website/content/zh-tw/where.adoc", True),
    ("test.py", "test.py", True), ("test.py", "testxpy", False), ("t?st.md", "test.md", True),
    ("[ab].md", "a.md", True), ("[!ab].md", "a.md", False), ("[a-c].md", "b.md", True), ("\\*.md", "*.md", True),
])
def test_vale_glob(pattern: str, path: str, matches: bool) -> None:
    assert compile_glob(pattern).match(path) is matches


@pytest.mark.parametrize("pattern", ["*.{md", "[abc.md", "a\\", "[].md"])
def test_a_bad_glob_is_an_error(pattern: str) -> None:
    with pytest.raises(GlobError):
        compile_glob(pattern)


def test_a_glob_that_backtracks_is_matched_in_linear_time(tmp_path: Path) -> None:
    # A hostile .vale.ini section against a long file name: Python's engine backtracks for
    # hours on it; RE2 answers at once. Run in a subprocess with a generous bound.
    script = ("from newslint.valeglob import compile_glob\n"
              f"g = compile_glob({'*a' * 12 + 'b'!r})\n"
              "print(g.match('a' * 100000), g.match('a' * 99 + 'b'))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_an_invalid_range_is_one_error_line_and_nothing_on_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(GlobError, match="invalid character class range"):
        compile_glob("[z-a].md")
    assert capfd.readouterr().err == ""


def test_a_name_with_undecodable_bytes_still_matches() -> None:
    assert compile_glob("*.md").match("docs/\udcffname.md")
