"""GitHub-flavoured Markdown tables inside a paragraph's content.

newslint's Markdown reader (CommonMark) reads a table as a paragraph of `|` lines; Vale's
(GFM) reads header and body cells, each linted on its own (scopes `table.header`,
`table.cell`). A paragraph's content is split here the way GFM splits it: a delimiter
row (`| --- | :-: |`) under a header row with as many cells makes a table; lines before
the header stay a paragraph; every later line is a body row.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


class Piece(NamedTuple):
    kind: str  # "paragraph", "header" or "cell"
    start: int
    end: int


def table_pieces(content: str) -> list[Piece] | None:
    """The pieces of a paragraph's content holding a table, in order; None without one."""
    if "|" not in content or "-" not in content:
        return None
    lines = content.split("\n")
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    for i in range(1, len(lines)):
        row = lines[i]
        if "-" not in row or _DELIMITER_ROW.fullmatch(row) is None:
            continue
        if "|" not in row and "|" not in lines[i - 1]:
            continue
        header = _cells(lines[i - 1], offsets[i - 1])
        if len(header) != len(_cells(row, offsets[i])):
            continue
        pieces: list[Piece] = []
        if i > 1:
            pieces.append(Piece("paragraph", 0, offsets[i - 1] - 1))
        pieces.extend(Piece("header", a, b) for a, b in header if b > a)
        for k in range(i + 1, len(lines)):
            pieces.extend(Piece("cell", a, b) for a, b in _cells(lines[k], offsets[k])[: len(header)] if b > a)
        return pieces
    return None


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    """The (trimmed) spans of a row's cells, in content offsets; a leading and a trailing
    pipe are edges, not empty cells."""
    start = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    if start < end and line[start] == "|":
        start += 1
    if end > start and line[end - 1] == "|" and (end < 2 or line[end - 2] != "\\"):
        end -= 1
    edges = [start - 1, *(m.start() for m in _CELL_SPLIT.finditer(line, start, end)), end]
    cells = []
    for k in range(len(edges) - 1):
        a, b = edges[k] + 1, edges[k + 1]
        while a < b and line[a] in " \t":
            a += 1
        while b > a and line[b - 1] in " \t":
            b -= 1
        cells.append((offset + a, offset + b))
    return cells
