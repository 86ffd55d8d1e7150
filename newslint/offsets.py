"""Offset maps: where each character of a derived text came from in the source.

A block's visible text (what a reader sees: `**bold**` read as `bold`, a link's text
without its target) is shorter than its source and has characters the source spells
otherwise (an entity `&amp;` read as `&`, a CRLF read as one line break, inline code
read as `*`s). An OffsetMap takes an offset in the derived text back to the source, so
that a finding found in the derived text is reported at its exact line and column.

A map is a list of runs. A run is `length` derived characters starting at `start`,
taken from `source_length` source characters starting at `source_start`: either one for
one (`source_length == length`; `verbatim` when the characters are the source's own) or
one derived character standing for several (a decoded entity, a CRLF) or for none (a
separator added between blocks). A module of its own, importing nothing of newslint, so
that the parsers, the Document and the kinds all import it one way.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple


class Run(NamedTuple):
    start: int  # in the derived text
    length: int
    source_start: int
    source_length: int
    verbatim: bool  # the derived characters are source[source_start:source_start + length]


class OffsetMap:
    """Derived offsets -> source offsets, for a derived text of `len(self)` characters.

    `to_source(i)` is the source offset of derived character i (and, for i == len, the
    source offset just past the last character); `span_to_source(a, b)` the source span
    of derived text[a:b]. Offsets only grow: a later character never maps before an
    earlier one. The runs are kept as parallel lists of ints (a hostile block has a
    million runs: tuples of them cost seconds and hundreds of megabytes).
    """

    __slots__ = ("starts", "lengths", "sources", "source_lengths", "verbatim", "length")

    def __init__(self, starts: list[int], lengths: list[int], sources: list[int], source_lengths: list[int],
                 verbatim: list[bool]) -> None:
        self.starts, self.lengths, self.sources = starts, lengths, sources
        self.source_lengths, self.verbatim = source_lengths, verbatim
        self.length = starts[-1] + lengths[-1] if starts else 0

    @classmethod
    def of_runs(cls, runs: list[Run]) -> OffsetMap:
        return cls([r.start for r in runs], [r.length for r in runs], [r.source_start for r in runs],
                   [r.source_length for r in runs], [r.verbatim for r in runs])

    @property
    def runs(self) -> list[Run]:
        return [Run(*run) for run in zip(self.starts, self.lengths, self.sources, self.source_lengths, self.verbatim)]

    def __len__(self) -> int:
        return self.length

    def __repr__(self) -> str:
        return f"OffsetMap({self.runs!r})"

    def _index(self, i: int) -> int:
        return max(bisect.bisect_right(self.starts, i) - 1, 0)

    def to_source(self, i: int) -> int:
        """The source offset of derived character `i` (0 <= i <= len)."""
        if not self.starts:
            return 0
        if i >= self.length:
            return self.sources[-1] + self.source_lengths[-1]
        k = self._index(i)
        if self.lengths[k] == self.source_lengths[k]:
            return self.sources[k] + (i - self.starts[k])
        return self.sources[k]

    def source_end(self, j: int) -> int:
        """The source offset just past derived character j - 1 (the end of a span ending at j)."""
        if j <= 0 or not self.starts:
            return self.to_source(0)
        k = self._index(j - 1)
        if self.lengths[k] == self.source_lengths[k]:
            return self.sources[k] + (min(j, self.starts[k] + self.lengths[k]) - self.starts[k])
        return self.sources[k] + self.source_lengths[k]

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span of derived text[start:end]; an empty span maps to an empty one."""
        begin = self.to_source(start)
        return (begin, max(begin, self.source_end(end))) if end > start else (begin, begin)

    def is_verbatim(self, start: int, end: int) -> bool:
        """True when derived text[start:end] is one unbroken piece of the source, character
        for character (so an edit of its source span changes exactly that text)."""
        if end <= start:
            return True
        k = self._index(start)
        return self.verbatim[k] and end <= self.starts[k] + self.lengths[k]

    def from_source(self, offset: int) -> int | None:
        """The derived offset of source character `offset`, when a one-for-one run holds it."""
        k = bisect.bisect_right(self.sources, offset) - 1
        for i in range(max(k - 1, 0), min(k + 2, len(self.starts))):
            if self.lengths[i] == self.source_lengths[i] and self.sources[i] <= offset < self.sources[i] + self.lengths[i]:
                return self.starts[i] + offset - self.sources[i]
        return None

    def slice(self, start: int, end: int) -> OffsetMap:
        """The map of derived text[start:end], as a text of its own (offsets from 0)."""
        out = MapBuilder()
        for k in range(self._index(start), len(self.starts)):
            run_start, length = self.starts[k], self.lengths[k]
            if run_start >= end:
                break
            a, b = max(run_start, start), min(run_start + length, end)
            if b <= a:
                continue
            if length == self.source_lengths[k]:
                out.add(b - a, self.sources[k] + a - run_start, b - a, self.verbatim[k])
            else:
                out.add(b - a, self.sources[k], self.source_lengths[k], False)
        return out.build()

    def shifted(self, by: int) -> OffsetMap:
        """This map with every source offset `by` further on."""
        return OffsetMap(self.starts, self.lengths, [s + by for s in self.sources], self.source_lengths, self.verbatim)

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """This map (derived -> middle) followed by `inner` (middle -> source)."""
        if len(inner.starts) == 1 and inner.lengths[0] == inner.source_lengths[0] and inner.starts[0] == 0:
            # `inner` is one piece of the source (a one-line block): only a shift.
            shifted = self.shifted(inner.sources[0])
            if not inner.verbatim[0]:
                shifted.verbatim = [False] * len(shifted.verbatim)
            return shifted
        out = MapBuilder()
        for k in range(len(self.starts)):
            length, middle_start, middle_length = self.lengths[k], self.sources[k], self.source_lengths[k]
            if length == middle_length:
                # One for one: split the run where `inner`'s runs split it.
                at = 0
                while at < length:
                    middle = middle_start + at
                    j = inner._index(middle)
                    inside = middle < inner.length
                    room = inner.starts[j] + inner.lengths[j] - middle if inside else length - at
                    take = max(1, min(room, length - at))
                    if inside and inner.lengths[j] == inner.source_lengths[j]:
                        out.add(take, inner.to_source(middle), take, self.verbatim[k] and inner.verbatim[j])
                    else:
                        begin, finish = inner.span_to_source(middle, middle + take)
                        out.add(take, begin, finish - begin, False)
                    at += take
            else:
                begin, finish = inner.span_to_source(middle_start, middle_start + middle_length)
                if middle_length == 0:
                    begin = finish = inner.to_source(middle_start)
                out.add(length, begin, finish - begin, False)
        return out.build()


class MapBuilder:
    """Builds an OffsetMap run by run, merging one-for-one runs that continue each other."""

    __slots__ = ("starts", "lengths", "sources", "source_lengths", "verbatim", "length")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.lengths: list[int] = []
        self.sources: list[int] = []
        self.source_lengths: list[int] = []
        self.verbatim: list[bool] = []
        self.length = 0

    def add(self, length: int, source_start: int, source_length: int, verbatim: bool) -> None:
        if length <= 0:
            return
        if self.starts and length == source_length:
            k = len(self.starts) - 1
            if (self.lengths[k] == self.source_lengths[k] and self.verbatim[k] == verbatim
                    and self.sources[k] + self.source_lengths[k] == source_start):
                self.lengths[k] += length
                self.source_lengths[k] += length
                self.length += length
                return
        self.starts.append(self.length)
        self.lengths.append(length)
        self.sources.append(source_start)
        self.source_lengths.append(source_length)
        self.verbatim.append(verbatim)
        self.length += length

    def extend(self, other: OffsetMap) -> None:
        for k in range(len(other.starts)):
            self.add(other.lengths[k], other.sources[k], other.source_lengths[k], other.verbatim[k])

    def last_source_end(self) -> int:
        """The source offset just past the last run (0 when there is none)."""
        return self.sources[-1] + self.source_lengths[-1] if self.starts else 0

    def build(self) -> OffsetMap:
        return OffsetMap(self.starts, self.lengths, self.sources, self.source_lengths, self.verbatim)


def identity(source_start: int, length: int) -> OffsetMap:
    """The map of a text that is source[source_start:source_start + length] itself."""
    return OffsetMap([0], [length], [source_start], [length], [True]) if length > 0 else OffsetMap([], [], [], [], [])
