"""--fix, --unsafe-fixes and --diff through the real command line, and newslint.fix itself."""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.finding import Edit, Finding, Fix, Level
from newslint.files import write_atomically
from newslint.fix import apply_edits
from tests.helpers import run_cli

RULE = """extends: substitution
message: "Use '%s' instead of '%s'."
swap:
  Kiev: Kyiv
description: House spelling.
examples: {flag: ["Kiev"], pass: ["Kyiv"]}
"""
CONFIG = "extends: none\nrule_dirs: [rules]\nselect: [House, News.Apostrophes]\n"
# Kiev twice in narrative (fixable), once inside a quotation (a source's words: never rewritten),
# and one straight apostrophe among curly ones (a typography mark: fixed even in a quotation).
ARTICLE = "Kiev’s mayor spoke.\n\nKiev’s plan and Lviv’s answer met Russia's demands.\n\n\u201cKiev will stand,\u201d he said.\n"
FIXED = "Kyiv’s mayor spoke.\n\nKyiv’s plan and Lviv’s answer met Russia’s demands.\n\n\u201cKiev will stand,\u201d he said.\n"


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    (tmp_path / "rules" / "House").mkdir(parents=True)
    (tmp_path / "rules" / "House" / "Kyiv.yml").write_text(RULE, encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def fix(desk: Path, *args: str) -> str:
    result = run_cli("check", "--fix", *args, cwd=desk)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout + result.stderr


def test_fix_rewrites_narrative_but_never_the_words_of_a_quotation(desk: Path) -> None:
    (desk / "a.txt").write_text(ARTICLE, encoding="utf-8")
    output = fix(desk, "a.txt")
    assert (desk / "a.txt").read_text(encoding="utf-8") == FIXED
    assert "applied 3 fixes" in output


def test_running_fix_twice_changes_nothing_the_second_time(desk: Path) -> None:
    article = desk / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    fix(desk, "a.txt")
    first = article.read_bytes()
    before = os.stat(article).st_mtime_ns
    output = fix(desk, "a.txt")
    assert article.read_bytes() == first
    assert os.stat(article).st_mtime_ns == before  # not even rewritten
    assert "applied" not in output


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_keeps_encoding_bom_and_line_endings(desk: Path, encoding: str, bom: bytes, newline: str) -> None:
    article = desk / "a.txt"
    article.write_bytes(bom + ARTICLE.replace("\n", newline).encode(encoding))
    fix(desk, "a.txt")
    assert article.read_bytes() == bom + FIXED.replace("\n", newline).encode(encoding)


def test_fix_keeps_the_file_mode_and_leaves_no_temporary_file(desk: Path) -> None:
    article = desk / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    article.chmod(0o640)
    fix(desk, "a.txt")
    assert stat.S_IMODE(os.stat(article).st_mode) == 0o640
    assert sorted(p.name for p in desk.iterdir() if p.name.startswith(".newslint-")) == []


def test_diff_prints_a_patch_and_changes_nothing(desk: Path) -> None:
    article = desk / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("check", "--diff", "a.txt", cwd=desk)
    assert article.read_text(encoding="utf-8") == ARTICLE
    assert result.stdout.startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert "-Kiev’s mayor spoke.\n+Kyiv’s mayor spoke.\n" in result.stdout
    assert "+\u201cKyiv will stand" not in result.stdout
    # The report goes to standard error, so that standard output is a clean patch.
    assert "House.Kyiv" in result.stderr
    assert result.returncode == 1


def test_a_house_spelling_with_two_options_has_no_fix(desk: Path) -> None:
    (desk / "rules" / "House" / "Kyiv.yml").write_text(RULE.replace("Kiev: Kyiv", "Kiev: Kyiv|Kyyiv"), encoding="utf-8")
    article = desk / "a.txt"
    article.write_text("Kiev is a city.\n", encoding="utf-8")
    fix(desk, "a.txt")
    assert article.read_text(encoding="utf-8") == "Kiev is a city.\n"  # two options: no fix at all


def test_unsafe_fixes_are_applied_only_with_the_flag(desk: Path) -> None:
    # proselint's replacements are unsafe fixes: a reviewer should see them first.
    (desk / ".newslint.yaml").write_text("extends: none\nselect: [Proselint.nonwords]\n", encoding="utf-8")
    article = desk / "a.txt"
    article.write_text("The test was good irregardless.\n", encoding="utf-8")
    fix(desk, "a.txt")
    assert article.read_text(encoding="utf-8") == "The test was good irregardless.\n"
    diff = run_cli("check", "--diff", "--unsafe-fixes", "a.txt", cwd=desk).stdout
    assert "+The test was good regardless.\n" in diff
    fix(desk, "--unsafe-fixes", "a.txt")
    assert article.read_text(encoding="utf-8") == "The test was good regardless.\n"


def test_fix_on_standard_input_writes_the_text_even_when_nothing_changes(desk: Path) -> None:
    result = run_cli("check", "--fix", "-", cwd=desk, stdin="Lviv is a city.\n".encode())
    assert result.stdout == "Lviv is a city.\n"
    result = run_cli("check", "--fix", "-", cwd=desk, stdin="Kiev is a city.\n".encode())
    assert result.stdout == "Kyiv is a city.\n"


def finding(start: int, end: int, replacement: str, rule: str = "T.R") -> Finding:
    return Finding(rule, "substitution", Level.WARNING, "a", 1, start + 1, 1, end + 1, start, end, "", "m",
                   fix=Fix((Edit(start, end, replacement),)))


def test_overlapping_edits_are_never_both_applied() -> None:
    text = "abcdef"
    fixed, applied = apply_edits(text, [finding(0, 3, "X"), finding(2, 4, "Y"), finding(4, 4, "+"), finding(4, 4, "-"), finding(5, 6, "Z")])
    assert (fixed, applied) == ("Xd+eZ", 3)


def test_write_atomically_replaces_a_symlink_and_never_writes_through_it(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomically(str(link), b"new")
    assert not link.is_symlink() and link.read_bytes() == b"new"
    assert target.read_bytes() == b"old"


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
def test_diff_is_a_patch_git_apply_takes(desk: Path, ending: str) -> None:
    article = desk / "a.txt"
    original = ("Kiev’s mayor spoke.\x0cStill the same line." + ending + ending + "Kiev’s plan" + ending).encode()
    article.write_bytes(original)
    # Bytes, not run_cli's text: a CRLF file's patch must keep its "\r".
    patch = subprocess.run([sys.executable, "-m", "newslint", "check", "--diff", "a.txt"], cwd=desk, capture_output=True,
                           env=dict(os.environ, PYTHONIOENCODING="utf-8")).stdout
    assert patch.count(b"@@ ") == 1
    (desk / "fix.patch").write_bytes(patch)
    applied = subprocess.run(["git", "apply", "fix.patch"], cwd=desk, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert article.read_bytes() == original.replace("Kiev".encode(), "Kyiv".encode())
