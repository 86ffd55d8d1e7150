"""The spans of text every part shares: a plain span, a region of prose, a quotation, and a
set of spans with overlap queries. A module of their own, so that the Document and the
segmenters that fill it (quotes, sentences) import them one way, not each other."""

from __future__ import annotations

import bisect
from typing import NamedTuple


class Span(NamedTuple):
    start: int
    end: int

    def __contains__(self, offset: object) -> bool:  # type: ignore[override]
        return isinstance(offset, int) and self.start <= offset < self.end


class Region(NamedTuple):
    """A block of prose: title, heading, paragraph, blockquote or list (item); a span of
    the text like Span, with its kind."""

    start: int
    end: int
    kind: str = "paragraph"

    def __contains__(self, offset: object) -> bool:  # type: ignore[override]
        return isinstance(offset, int) and self.start <= offset < self.end


class SourceBlock(NamedTuple):
    """A block of text as a parser found it in the source, before its visible text is
    worked out (newslint.blocks does that, only when a rule needs it).

    `kind`: "title", "heading", "paragraph", "list", "blockquote" (the kind of its
    Region) or "html" (an HTML block, whose text nodes are prose). `spans`: where its
    content stands, one span per source line without the container markers, indentation
    and trailing spaces; or a single span over whole lines whose line breaks are part of
    the content. `level`: a heading's level (1-6). `containers`: the HTML elements it sits
    in, outermost first ("blockquote", "li").
    """

    kind: str
    spans: tuple[tuple[int, int], ...]
    level: int = 0
    containers: tuple[str, ...] = ()


class Quotation(NamedTuple):
    """A direct quotation: `start` is its opening mark, `end` is just past its closing mark.

    A quotation carried over paragraphs by the convention (open mark at the start of each
    paragraph, one close at the end) is one Quotation; `closed` is False when no closing
    mark was found.
    """

    start: int
    end: int
    open_mark: str
    close_mark: str
    closed: bool = True

    @property
    def inner(self) -> Span:
        return Span(self.start + 1, self.end - (1 if self.closed else 0))


class SpanSet:
    """Sorted, non-overlapping half-open intervals with fast overlap queries."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self.spans = merged
        self._starts = [s for s, _ in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, max(start, end - 1)) - 1
        return i >= 0 and self.spans[i][1] > start and self.spans[i][0] < max(end, start + 1)

    def contains(self, offset: int) -> bool:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self.spans[i][1]

    def __bool__(self) -> bool:
        return bool(self.spans)
