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
_FOREVER = 1 << 62
# Where markup can start, and cheap necessary conditions for it, tried by the regex
# engine rather than in Python: a `<` that is a comment or is closed by a `>` before any
# other `<`; a backtick run's first backtick; the two characters that open an image or
# end a link's text; an escape; emphasis markers in full.
_ALTERNATIVES = {
    "`": r"(?<!`)`",
    "<": r"<(?:!--|(?=[^<>]*>))",
    "!": r"!\[",
    "[": r"\[",
    "]": r"\][(\[]",
    "\\": r"\\[!-/:-@\[-`{-~\r\n]",
    "~": r"~~",
    "emph": r"(?P<emph>(?<![\w*])\*{1,3}(?=[^\s*])|(?<=[^\s*])\*{1,3}(?![\w*])"
            r"|(?<![\w_])_{1,3}(?=[^\s_])|(?<=[^\s_])_{1,3}(?![\w_]))",
}
_TICKS = re.compile(r"`+")
AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
# What `</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][^<>]*?)?\s*/?>` matches, for a text that
# ends at the first `>` and holds no `<` after the first character: the same language,
# without the lazy scan that was quadratic in a run of spaces.
_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s*/?|\s+[A-Za-z_:][^<>]*)>")
_ANGLE = re.compile(r"[<>]")
_SPACES = re.compile(r"\s*")
_URL_STOP = re.compile(r"[)\s]")


_CANDIDATES = re.compile("|".join(_ALTERNATIVES.values()))


class _Positions:
    """Where a mark (a character class, or `-->`) stands in a block, for "the first one
    at or after i"."""

    __slots__ = ("offsets",)

    def __init__(self, text: str, mark: str) -> None:
        self.offsets = [m.start() for m in re.finditer(mark, text)]

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
        self._code: list[tuple[int, int]] | None = None
        self._code_starts: list[int] = []
        # opening ("[", "![", "](") -> the offset before which markup starting with it
        # cannot match: a run of them then costs one look-up each, not a search each
        self.dead: dict[str, int] = {}

    def next_mark(self, pattern: str, at: int) -> int:
        """The first match of `pattern` (a mark) at or after `at`, or -1."""
        marks = self._marks.get(pattern)
        if marks is None:
            marks = self._marks[pattern] = _Positions(self.text, pattern)
        return marks.next(at)

    def closing(self, char: str, at: int, bound: int = _BOUND) -> int:
        """The first `char` at or after `at`, no more than `bound` characters on; -1 if none."""
        found = self.next_mark(re.escape(char), at)
        return found if found != -1 and found - at <= bound else -1

    def spaces_end(self, at: int) -> int:
        """The end of the run of white space starting at `at` (memoised: runs are shared)."""
        end = self._space_end.get(at)
        if end is None:
            m = _SPACES.match(self.text, at)
            end = self._space_end[at] = m.end() if m else at
        return end

    def url_stop(self, at: int) -> int:
        """The first `)` or white space at or after `at`, or -1."""
        return self.next_mark(_URL_STOP.pattern, at)

    def kill(self, kind: str, until: int, at: int) -> None:
        """Markup of `kind` cannot start before `until` (found at `at`)."""
        if until > at + 1:
            self.dead[kind] = until

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
    dead = block.dead
    size = len(text)
    search = _CANDIDATES.search
    pos = 0
    while True:
        found = search(text, pos)
        if found is None:
            return
        p = found.start()
        if found.lastgroup == "emph":
            end = found.end()
        elif dead and dead.get(found.group(), 0) > p:
            end = -1  # a "[" or "](" whose closing mark is known not to come in time
        else:
            end = _match_at(block, text, p, size)
        if end > p:
            yield p, end
            pos = end
        else:
            pos = p + 1


def _match_at(block: _Block, text: str, p: int, size: int) -> int:
    """Where the markup starting at `p` ends, or -1 when none starts there (a candidate
    from `_candidates`: its first characters are known)."""
    c = text[p]
    if c == "`":
        span = block.code_span(p)
        return span[1] if span is not None else -1
    if c == "<":
        if text.startswith("<!--", p):
            close = block.next_mark("-->", p + 4)
            if close != -1 and close - (p + 4) <= _BOUND:
                return close + 3
        m = AUTOLINK.match(text, p)
        if m is not None:
            return m.end()
        angle = _ANGLE.search(text, p + 1)
        if angle is not None and angle.group() == ">":
            m = _HTML.fullmatch(text, p, angle.end())
            if m is not None:
                return m.end()
        return -1
    if c == "!":
        return _image(block, text, p, size)
    if c == "[":
        close = block.next_mark(r"\]", p + 1)
        if close == -1:
            block.kill("[", _FOREVER, p)
        elif close - (p + 1) > _BOUND:
            block.kill("[", close - _BOUND - 1, p)  # every "[" before it is as far from it
        elif close + 1 < size and text[close + 1] in "([":
            return p + 1
        else:
            block.kill("[", close, p)  # every "[" before it has this "]" next
        return -1
    if c == "]":
        return _link_close(block, text, p, size)
    if c == "\\":
        if text[p + 1] != "\r" or text.startswith("\n", p + 2):
            return p + 1
        return -1
    return p + 2  # "~~"


def _image(block: _Block, text: str, p: int, size: int) -> int:
    """`![alt]`, optionally followed by `(target)` or `[label]`."""
    close = block.next_mark(r"\]", p + 2)
    if close == -1 or close - (p + 2) > _BOUND:
        block.kill("![", _FOREVER if close == -1 else close - _BOUND - 2, p)
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
    if text[after] == "[":
        end = block.closing("]", after + 1)
        return end + 1 if end != -1 else -1
    start = after + 1
    if start < size and text[start] == "<":
        close = block.closing(">", start + 1)
        if close != -1:
            end = _target_tail(block, text, close + 1, size)
            if end != -1:
                return end
    # The target is the longest run of up to _BOUND characters other than ")" and white
    # space, taken whole (the expression matched it atomically).
    stop = block.url_stop(start)
    if stop == -1 or stop - start > _BOUND:
        end = min(size, start + _BOUND)
        found = _target_tail(block, text, end, size)
        if found == -1 and (stop == -1 or end < stop):
            # Every "](" from here until its target can reach the stop fails the same way.
            block.kill("](", _FOREVER if stop == -1 else stop - _BOUND - 2, p)
        return found
    found = _target_tail(block, text, stop, size)
    if found == -1 and text.find("](<", p + 1, stop) == -1:
        block.kill("](", stop, p)  # every "](" before the stop has this target's end and tail
    return found


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
