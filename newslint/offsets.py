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
from typing import Iterator, NamedTuple


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
    earlier one.
    """

    __slots__ = ("runs", "_starts", "length")

    def __init__(self, runs: list[Run]) -> None:
        self.runs = runs
        self._starts = [r.start for r in runs]
        self.length = runs[-1].start + runs[-1].length if runs else 0

    def __len__(self) -> int:
        return self.length

    def __repr__(self) -> str:
        return f"OffsetMap({self.runs!r})"

    def _run(self, i: int) -> Run:
        k = bisect.bisect_right(self._starts, i) - 1
        return self.runs[max(k, 0)]

    def to_source(self, i: int) -> int:
        """The source offset of derived character `i` (0 <= i <= len)."""
        if not self.runs:
            return 0
        if i >= self.length:
            last = self.runs[-1]
            return last.source_start + last.source_length
        run = self._run(i)
        if run.length == run.source_length:
            return run.source_start + (i - run.start)
        return run.source_start

    def source_end(self, j: int) -> int:
        """The source offset just past derived character j - 1 (the end of a span ending at j)."""
        if j <= 0 or not self.runs:
            return self.to_source(0)
        run = self._run(j - 1)
        if run.length == run.source_length:
            return run.source_start + (j - run.start)
        return run.source_start + run.source_length

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span of derived text[start:end]; an empty span maps to an empty one."""
        begin = self.to_source(start)
        return (begin, max(begin, self.source_end(end))) if end > start else (begin, begin)

    def is_verbatim(self, start: int, end: int) -> bool:
        """True when derived text[start:end] is one unbroken piece of the source, character
        for character (so an edit of its source span changes exactly that text)."""
        if end <= start:
            return True
        run = self._run(start)
        return run.verbatim and end <= run.start + run.length

    def from_source(self, offset: int) -> int | None:
        """The derived offset of source character `offset`, when a one-for-one run holds it."""
        for run in self._runs_near(offset):
            if run.length == run.source_length and run.source_start <= offset < run.source_start + run.length:
                return run.start + offset - run.source_start
        return None

    def _runs_near(self, offset: int) -> Iterator[Run]:
        k = bisect.bisect_right(self.runs, offset, key=_source_start) - 1
        for i in range(max(k - 1, 0), min(k + 2, len(self.runs))):
            yield self.runs[i]

    def slice(self, start: int, end: int) -> OffsetMap:
        """The map of derived text[start:end], as a text of its own (offsets from 0)."""
        out: list[Run] = []
        for run in self.runs[max(bisect.bisect_right(self._starts, start) - 1, 0):]:
            if run.start >= end:
                break
            a, b = max(run.start, start), min(run.start + run.length, end)
            if b <= a:
                continue
            if run.length == run.source_length:
                out.append(Run(a - start, b - a, run.source_start + a - run.start, b - a, run.verbatim))
            else:
                out.append(Run(a - start, b - a, run.source_start, run.source_length, False))
        return OffsetMap(out)

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """This map (derived -> middle) followed by `inner` (middle -> source)."""
        if len(inner.runs) == 1 and inner.runs[0].length == inner.runs[0].source_length and inner.runs[0].start == 0:
            # `inner` is one piece of the source (a one-line block): only a shift.
            only = inner.runs[0]
            shift = only.source_start
            return OffsetMap([Run(r.start, r.length, r.source_start + shift, r.source_length, r.verbatim and only.verbatim)
                              for r in self.runs])
        out = MapBuilder()
        for run in self.runs:
            if run.length == run.source_length:
                # One for one: split the run where `inner`'s runs split it.
                at = 0
                while at < run.length:
                    middle = run.source_start + at
                    inner_run = inner._run(middle)
                    room = inner_run.start + inner_run.length - middle if middle < inner.length else run.length - at
                    take = max(1, min(room, run.length - at))
                    if inner_run.length == inner_run.source_length and middle < inner.length:
                        out.add(take, inner.to_source(middle), take, run.verbatim and inner_run.verbatim)
                    else:
                        begin, finish = inner.span_to_source(middle, middle + take)
                        out.add(take, begin, finish - begin, False)
                    at += take
            else:
                begin, finish = inner.span_to_source(run.source_start, run.source_start + run.source_length)
                if run.source_length == 0:
                    begin = finish = inner.to_source(run.source_start)
                out.add(run.length, begin, finish - begin, False)
        return out.build()


def _source_start(run: Run) -> int:
    return run.source_start


class MapBuilder:
    """Builds an OffsetMap run by run, merging one-for-one runs that continue each other."""

    __slots__ = ("runs", "length")

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self.length = 0

    def add(self, length: int, source_start: int, source_length: int, verbatim: bool) -> None:
        if length <= 0:
            return
        runs = self.runs
        if runs and length == source_length:
            last = runs[-1]
            if (last.length == last.source_length and last.verbatim == verbatim
                    and last.source_start + last.source_length == source_start):
                runs[-1] = Run(last.start, last.length + length, last.source_start, last.source_length + length, verbatim)
                self.length += length
                return
        runs.append(Run(self.length, length, source_start, source_length, verbatim))
        self.length += length

    def extend(self, other: OffsetMap) -> None:
        for run in other.runs:
            self.add(run.length, run.source_start, run.source_length, run.verbatim)

    def build(self) -> OffsetMap:
        return OffsetMap(self.runs)


def identity(source_start: int, length: int) -> OffsetMap:
    """The map of a text that is source[source_start:source_start + length] itself."""
    return OffsetMap([Run(0, length, source_start, length, True)] if length > 0 else [])
