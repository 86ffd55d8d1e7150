"""Markdown nested deeper than markdown-it reads (its nesting limit) is checked anyway.

markdown-it stops at 20 levels (a blockquote is one, a list two) and skips what is below:
a 20-deep blockquote was never checked, and a list item ten levels down swallowed the
rest of the document, all with exit 0. The lines of such containers are read again with
their markers stripped, in one linear pass.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from newslint.parse import parse_document
from tests.helpers import lint, run_cli

KIEV = "Fighting near Kiev went on."


def kyiv_findings(text: str) -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in lint(text, select=["AP.HouseSpellings"]) if f.match == "Kiev"]


@pytest.mark.parametrize("depth", [19, 20, 30, 200])
def test_deep_blockquote_is_checked(depth: str) -> None:
    prefix = "> " * depth
    text = f"Headline\n\n{prefix}{KIEV}\n\nAfter.\n"
    assert kyiv_findings(text) == [(3, len(prefix) + 15)]
    doc = parse_document(text, "a.md")
    assert [r.kind for r in doc.regions] == ["paragraph", "blockquote", "paragraph"]


@pytest.mark.parametrize("depth", [9, 10, 25])
def test_deep_list_is_checked_and_the_rest_of_the_article_too(depth: int) -> None:
    items = "".join("  " * level + f"- item {level}\n" for level in range(depth))
    deepest = "  " * depth + f"- {KIEV}\n"
    text = f"Headline\n\n{items}{deepest}\nThe end near Kiev.\n"
    assert kyiv_findings(text) == [(3 + depth, 2 * depth + 17), (5 + depth, 14)]
    doc = parse_document(text, "a.md")
    assert doc.regions[-1].kind == "paragraph"  # the paragraph after the list is not a list item
    assert doc.region_at(text.index(KIEV)).kind == "list"  # type: ignore[union-attr]


def test_one_line_list_of_25_levels() -> None:
    text = "Headline\n\n" + "- " * 25 + KIEV + "\n"
    assert kyiv_findings(text) == [(3, 50 + 15)]


def test_code_in_a_deep_blockquote_stays_code() -> None:
    prefix = "> " * 30
    text = f"Headline\n\n{prefix}```\n{prefix}Kiev in code\n{prefix}```\n{prefix}Kiev after code.\n"
    assert kyiv_findings(text) == [(6, 61)]


def test_lazy_lines_of_a_deep_quote_in_a_deep_list() -> None:
    # Lines 4 and 5 continue the deep paragraph lazily (CommonMark), line 6 opens a fence.
    text = "Headline\n\n" + "> - " * 15 + KIEV + "\n" + "  " * 40 + "```\n  Kiev again\n```\nKiev in code.\n"
    assert kyiv_findings(text) == [(3, 60 + 15), (5, 3)]


def test_deep_nesting_is_reported_by_the_command_line(tmp_path) -> None:
    (tmp_path / "deep.md").write_text("Headline\n\n" + "> " * 30 + KIEV + "\n", encoding="utf-8")
    result = run_cli("check", "--select", "AP.HouseSpellings", "--no-cache", "--format", "parsable", "deep.md", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout == "deep.md:3:75: warning: Use 'Kyiv' instead of 'Kiev'. [AP.HouseSpellings]\n"


_HUGE = r"""
import sys, time
from newslint.parse import parse_document
piece = sys.argv[1]
text = "Headline\n\n" + piece * 100_000 + "Fighting near Kiev went on.\n"
started = time.process_time()
doc = parse_document(text, "a.md")
assert "Kiev" in doc.prose, "the deepest text was not read"
print(round(time.process_time() - started, 2))
"""


@pytest.mark.parametrize("piece", ["> ", "- ", "> - ", "1. ", "* > "])
def test_100000_levels_finish_quickly(piece: str) -> None:
    # Measured at 0.1-0.4 s of CPU on the 2-core development machine; 30 s is a hang bound.
    result = subprocess.run([sys.executable, "-c", _HUGE, piece], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
