"""Positions come from offsets: CRLF, a BOM, tabs and non-ASCII never shift a column."""

from __future__ import annotations

import pytest

from newslint.document import LineIndex, SpanSet
from newslint.files import decode
from tests.helpers import lint


def test_line_index_positions() -> None:
    index = LineIndex("ab\ncd\r\nef")
    assert index.position(0) == (1, 1)
    assert index.position(3) == (2, 1)
    assert index.position(5) == (2, 3)  # the "\r" is the last character of line 2
    assert index.position(7) == (3, 1)
    assert index.line_span(2) == (3, 6)


@pytest.mark.parametrize(
    "prefix",
    ["", "\t\t", "Zaporizhzhia \u2014 ", "\U0001f600 caf\u00e9 ", "\u00e9\u0301 "],
    ids=["plain", "tabs", "dash", "astral", "combining"],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_finding_columns_are_code_points(prefix: str, newline: str) -> None:
    text = f"First line.{newline}{prefix}Fighting near Kiev went on.{newline}"
    findings = [f for f in lint(text, select=["AP"]) if f.match == "Kiev"]
    assert len(findings) == 1
    f = findings[0]
    assert (f.line, f.column) == (2, len(prefix) + len("Fighting near ") + 1)
    assert (f.end_line, f.end_column) == (2, f.column + 4)
    assert text[f.offset : f.end_offset] == "Kiev"


def test_bom_is_not_a_column() -> None:
    source = decode("a.md", "\ufeffKiev is large.".encode("utf-8"))
    assert not isinstance(source, type(None)) and source.bom
    f = [f for f in lint(source.text, select=["AP"]) if f.match == "Kiev"][0]
    assert (f.line, f.column) == (1, 1)


def test_spanset_overlaps() -> None:
    spans = SpanSet([(5, 10), (8, 12), (20, 25)])
    assert spans.spans == [(5, 12), (20, 25)]
    assert spans.overlaps(11, 13) and spans.overlaps(0, 6) and spans.overlaps(24, 30)
    assert not spans.overlaps(12, 20) and not spans.overlaps(0, 5)
    assert spans.contains(5) and not spans.contains(12)
