"""Inline markup in one Markdown block, found in time linear in the block's length.

What is found (the spans a parser blanks so that only prose is left): code spans, HTML
comments, autolinks, HTML tags, images, the brackets and targets of links, backslash
escapes and hard breaks, strike-through and emphasis markers.

A single regular expression once did this, and a block an attacker writes made it
cubic: at a run of backticks it tried every shorter run and scanned on for each (2,000
backticks took 74 s), and every `[`, `![`, `](` or `<!--` scanned up to 2 KB for its
closing mark (a 4 MB line of them, hours). Here each closing mark is looked up in a list
of its positions made once per block, and the places a match can start are visited once,
left to right, trying the kinds of markup in the order the expression tried them.
Backtick runs pair as CommonMark pairs them: a run is closed by the next run of the same
length, however far. The expression's other bounds (2,048 characters between a mark and
its closing mark) are kept, so that the same text is read as prose as before.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterator

# The longest text between an opening and a closing mark that is still read as markup.
_BOUND = 2048
_CANDIDATE = re.compile(r"[`<!\[\]\\~*_]")
_TICKS = re.compile(r"`+")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
# What `</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][^<>]*?)?\s*/?>` matches, for a text that
# ends at the first `>` and holds no `<` after the first character: the same language,
# without the lazy scan that was quadratic in a run of spaces.
_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s*/?|\s+[A-Za-z_:][^<>]*)>")
_ANGLE = re.compile(r"[<>]")
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_EMPH = re.compile(
    r"(?<![\w*])\*{1,3}(?=[^\s*])|(?<=[^\s*])\*{1,3}(?![\w*])|(?<![\w_])_{1,3}(?=[^\s_])|(?<=[^\s_])_{1,3}(?![\w_])"
)
_SPACES = re.compile(r"\s*")
_URL_STOP = re.compile(r"[)\s]")


class _Positions:
    """Where a mark (a character, or `-->`) stands in a block, for "the first one at or after i"."""

    __slots__ = ("offsets",)

    def __init__(self, text: str, mark: str) -> None:
        offsets = []
        find = text.find
        pos = find(mark)
        while pos != -1:
            offsets.append(pos)
            pos = find(mark, pos + 1)
        self.offsets = offsets

    def next(self, at: int) -> int:
        """The first offset >= `at`, or -1."""
        offsets = self.offsets
        i = bisect.bisect_left(offsets, at)
        return offsets[i] if i < len(offsets) else -1


class _Block:
    """One block and the positions of the marks its markup closes with, found lazily."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._marks: dict[str, _Positions] = {}
        self._space_end: dict[int, int] = {}
        self._url_end: dict[int, int] = {}
        self._code: list[tuple[int, int]] | None = None
        self._code_starts: list[int] = []

    def closing(self, char: str, at: int, bound: int = _BOUND) -> int:
        """The first `char` at or after `at`, no more than `bound` characters on; -1 if none."""
        marks = self._marks.get(char)
        if marks is None:
            marks = self._marks[char] = _Positions(self.text, char)
        found = marks.next(at)
        return found if found != -1 and found - at <= bound else -1

    def spaces_end(self, at: int) -> int:
        """The end of the run of white space starting at `at` (memoised: runs are shared)."""
        end = self._space_end.get(at)
        if end is None:
            m = _SPACES.match(self.text, at)
            end = self._space_end[at] = m.end() if m else at
        return end

    def url_end(self, at: int) -> int:
        """The end of the longest run (at most _BOUND) of characters other than `)` and white space."""
        end = self._url_end.get(at)
        if end is None:
            m = _URL_STOP.search(self.text, at, at + _BOUND + 1)
            end = m.start() if m else min(len(self.text), at + _BOUND)
            end = self._url_end[at] = min(end, at + _BOUND)
        return end

    def code_span(self, at: int) -> tuple[int, int] | None:
        """The code span starting at `at`, if one does."""
        if self._code is None:
            self._code = _code_spans(self.text)
            self._code_starts = [s for s, _ in self._code]
        i = bisect.bisect_left(self._code_starts, at)
        if i < len(self._code) and self._code_starts[i] == at:
            return self._code[i]
        return None


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Each backtick run with the next run of the same length after it, left to right:
    an opener and its closer, the text between them code (CommonMark's pairing)."""
    runs = [(m.start(), m.end() - m.start()) for m in _TICKS.finditer(text)]
    # closer[i]: the index of the next run of the same length as run i.
    closer: list[int] = [-1] * len(runs)
    latest: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1]
        closer[i] = latest.get(length, -1)
        latest[length] = i
    spans = []
    i = 0
    while i < len(runs):
        j = closer[i]
        if j == -1:
            i += 1
            continue
        spans.append((runs[i][0], runs[j][0] + runs[j][1]))
        i = j + 1
    return spans


def inline_markup(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each piece of inline markup in `text`, in order, not overlapping."""
    block = _Block(text)
    size = len(text)
    candidates = _CANDIDATE.search
    pos = 0
    while True:
        found = candidates(text, pos)
        if found is None:
            return
        p = found.start()
        end = _match_at(block, text, p, size)
        if end > p:
            yield p, end
            pos = end
        else:
            pos = p + 1


def _match_at(block: _Block, text: str, p: int, size: int) -> int:
    """Where the markup starting at `p` ends, or -1 when none starts there."""
    c = text[p]
    if c == "`":
        span = block.code_span(p)
        return span[1] if span is not None else -1
    if c == "<":
        if text.startswith("<!--", p):
            close = block.closing("-->", p + 4)
            if close != -1:
                return close + 3
        m = _AUTOLINK.match(text, p)
        if m is not None:
            return m.end()
        angle = _ANGLE.search(text, p + 1)
        if angle is not None and angle.group() == ">":
            m = _HTML.fullmatch(text, p, angle.end())
            if m is not None:
                return m.end()
        return -1
    if c == "!":
        if p + 1 < size and text[p + 1] == "[":
            return _image(block, text, p, size)
        return -1
    if c == "[":
        close = block.closing("]", p + 1)
        if close != -1 and close + 1 < size and text[close + 1] in "([":
            return p + 1
        return -1
    if c == "]":
        return _link_close(block, text, p, size)
    if c == "\\":
        if p + 1 < size and (text[p + 1] in _ESCAPABLE or text[p + 1] == "\n"
                             or (text[p + 1] == "\r" and p + 2 < size and text[p + 2] == "\n")):
            return p + 1
        return -1
    if c == "~":
        return p + 2 if text.startswith("~~", p) else -1
    m = _EMPH.match(text, p)
    return m.end() if m is not None else -1


def _image(block: _Block, text: str, p: int, size: int) -> int:
    """`![alt]`, optionally followed by `(target)` or `[label]`."""
    close = block.closing("]", p + 2)
    if close == -1:
        return -1
    after = close + 1
    if after < size and text[after] == "(":
        end = block.closing(")", after + 1)
        if end != -1:
            return end + 1
    elif after < size and text[after] == "[":
        end = block.closing("]", after + 1)
        if end != -1:
            return end + 1
    return after


def _link_close(block: _Block, text: str, p: int, size: int) -> int:
    """`](target "title")` or `][label]` after a link's text."""
    after = p + 1
    if after >= size:
        return -1
    if text[after] == "[":
        end = block.closing("]", after + 1)
        return end + 1 if end != -1 else -1
    if text[after] != "(":
        return -1
    start = after + 1
    if start < size and text[start] == "<":
        close = block.closing(">", start + 1)
        if close != -1:
            end = _target_tail(block, text, close + 1, size)
            if end != -1:
                return end
    return _target_tail(block, text, block.url_end(start), size)


def _target_tail(block: _Block, text: str, at: int, size: int) -> int:
    """After a link target: an optional title after white space, white space, then `)`."""
    spaced = block.spaces_end(at)
    if spaced > at and spaced < size:
        opener = text[spaced]
        closer = {'"': '"', "'": "'", "(": ")"}.get(opener)
        if closer is not None:
            close = block.closing(closer, spaced + 1)
            if close != -1:
                end = block.spaces_end(close + 1)
                if end < size and text[end] == ")":
                    return end + 1
    end = block.spaces_end(at)
    return end + 1 if end < size and text[end] == ")" else -1
