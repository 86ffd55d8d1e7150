"""Text measured in terminal columns: wide East Asian characters take two, combining marks
none, a tab runs to the next stop. Used to fit excerpts and listings to the terminal."""

from __future__ import annotations

import os
import unicodedata
from typing import NamedTuple, TextIO

ELLIPSIS = "\u2026"
TAB_STOP = 8


def char_width(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200b\u200c\u200d\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def terminal_width(out: TextIO, fallback: int | None) -> int | None:
    """The columns `out` can show: $COLUMNS, else the terminal's width when `out` is a
    terminal, else `fallback` (a report file or a CI log is not cut to a terminal)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    # What shutil.get_terminal_size() does, asked of `out` itself; importing shutil would
    # cost a one-article run 4 ms.
    try:
        if out.isatty():
            return os.get_terminal_size(out.fileno()).columns or fallback
    except (AttributeError, ValueError, OSError):
        pass
    return fallback


class Excerpt(NamedTuple):
    line: str  # what to print: tabs expanded, cut with ellipses
    pad: int  # columns before the first caret
    carets: int  # at least 1


# Characters of a line looked at around a match, per column of the excerpt: a character
# takes at least one column but for combining marks, zero-width characters and tabs, and
# measuring a whole 4 MB line for each of its 1,000 findings took hours.
_REACH_PER_COLUMN = 4


def excerpt(source: str, start: int, end: int, width: int) -> Excerpt:
    """The part of `source` (one line) around the characters `start:end` that fits in
    `width` columns, and where the carets go under it. The match starts a third of the way
    in, so that the reader sees what comes before it too."""
    reach = _REACH_PER_COLUMN * max(width, 8)
    start = min(max(start, 0), len(source))
    if len(source) <= 2 * reach:
        return _excerpt(source, start, end, width)
    low = max(start - reach, 0)
    high = min(start + reach, len(source))
    return _excerpt(source[low:high], start - low, min(end, high) - low, width, low > 0, high < len(source))


def _excerpt(source: str, start: int, end: int, width: int, cut_left: bool = False, cut_right: bool = False) -> Excerpt:
    cells: list[tuple[str, int]] = []  # (text shown, columns) for each character of source
    column = 0
    for char in source:
        if char == "\t":
            shown = " " * (TAB_STOP - column % TAB_STOP)
            cells.append((shown, len(shown)))
        else:
            cells.append((char if char.isprintable() or char == " " else "\ufffd", char_width(char)))
        column += cells[-1][1]
    start = min(max(start, 0), len(cells))
    end = min(max(end, start), len(cells))
    offsets = [0]
    for _, w in cells:
        offsets.append(offsets[-1] + w)
    total = offsets[-1]
    match_from, match_to = offsets[start], offsets[end]
    if total <= width and not (cut_left or cut_right):
        return Excerpt("".join(t for t, _ in cells), match_from, max(1, match_to - match_from))
    room = max(width - 2, 8)  # two columns for the ellipses
    first = start
    # Walk left from the match until a third of the room is used (or the line starts).
    while first > 0 and match_from - offsets[first - 1] <= room // 3:
        first -= 1
    last = first
    while last < len(cells) and offsets[last + 1] - offsets[first] <= room:
        last += 1
    # Near the end of the line: use the room left over for more of what comes before.
    while first > 0 and last == len(cells) and offsets[last] - offsets[first - 1] <= room:
        first -= 1
    left = first > 0 or cut_left
    shown = (ELLIPSIS if left else "") + "".join(t for t, _ in cells[first:last]) + (ELLIPSIS if last < len(cells) or cut_right else "")
    lead = 1 if left else 0
    pad = lead + match_from - offsets[first]
    carets = min(match_to, offsets[last]) - match_from
    return Excerpt(shown, pad, max(1, carets))


def fit(text: str, width: int | None) -> str:
    """`text` on one line, cut at a word boundary with an ellipsis to fit `width` columns."""
    text = " ".join(text.split())
    if width is None or text_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += char_width(char)
        if used > width - 1:
            break
        kept.append(char)
    cut = "".join(kept)
    if " " in cut and not text[len(cut)].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + ELLIPSIS
