"""Which fixes a round of --fix applies, so that a run applies each rule's fix once.

Linter.fix_text lints and fixes in rounds until nothing is left, because fixes that overlap
wait for the next round. A rule whose replacement matches its own pattern (a house rule
`swap: {colour: colours}`, or `a: aa`) would then rewrite its own output every round. So
the text each fix wrote is remembered, per rule, through the later rounds' edits, and a
fix that would rewrite what its own rule wrote in this run is skipped. Another rule may
still fix that text ("dont" made "don't", then the apostrophe made curly), so a well-behaved
set of rules still leaves nothing for a second run.
"""

from __future__ import annotations

import bisect
from typing import Iterable

from newslint.finding import Edit, Finding


class Spans:
    """Half-open intervals, sorted and disjoint (touching ones merged), with overlap
    queries: [a, b) overlaps [s, e) when a < e and s < b, so an insertion overlaps a span
    it falls strictly inside, and a span of no width (a deletion) the edits around it; an
    insertion at the same place as an insertion or deletion overlaps it too."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged:
                last_start, last_end = merged[-1]
                # A span of no width keeps its place beside a span it touches (it stands for
                # a deletion there); one inside a span is covered by it.
                if start < last_end or (start == last_end and start < end and last_start < last_end):
                    merged[-1] = (last_start, max(end, last_end))
                    continue
                if (start, end) == merged[-1]:
                    continue
            merged.append((start, end))
        self.spans = merged

    def overlaps(self, start: int, end: int) -> bool:
        spans = self.spans
        before = bisect.bisect_left(spans, (end, -1))  # spans starting before `end`
        if before and spans[before - 1][1] > start:
            return True
        if start == end:  # the same point: an insertion where this run already inserted or deleted
            at = bisect.bisect_left(spans, (start, -1))
            return at < len(spans) and spans[at] == (start, start)
        return False

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none (as `overlaps` says) of those already here."""
        bisect.insort(self.spans, (start, end))


def choose(candidates: Iterable[Finding], written: dict[str, Spans]) -> list[Finding]:
    """The fixes of one round, in the order of the findings: none overlapping an earlier
    one (it waits for the next round), and none rewriting text its own rule wrote."""
    taken = Spans()
    chosen = []
    for finding in sorted(candidates, key=Finding.sort_key):
        assert finding.fix is not None
        own = written.get(finding.rule)
        edits = finding.fix.edits
        if any(taken.overlaps(e.start, e.end) or (own is not None and own.overlaps(e.start, e.end)) for e in edits):
            continue
        for e in edits:
            taken.add(e.start, e.end)
        chosen.append(finding)
    return chosen


def after_round(written: dict[str, Spans], chosen: list[Finding]) -> dict[str, Spans]:
    """`written` moved through the edits of `chosen` (as fix.apply_edits applies them), with
    the text those edits wrote added under their rules."""
    edits: list[tuple[Edit, str]] = []
    for finding in chosen:
        assert finding.fix is not None
        edits.extend((e, finding.rule) for e in sorted(finding.fix.edits, key=lambda e: e.start))
    edits.sort(key=lambda pair: pair[0].start)
    starts = [e.start for e, _ in edits]
    ends = [e.end for e, _ in edits]
    shift = [0]  # shift[k]: how far the first k edits move the text after them
    for e, _ in edits:
        shift.append(shift[-1] + len(e.replacement) - (e.end - e.start))

    def new_start(pos: int) -> int:
        k = bisect.bisect_right(ends, pos)  # edits wholly before pos (an insertion at pos too)
        if k < len(edits) and starts[k] < pos < ends[k]:  # inside an edit: from its start
            return starts[k] + shift[k]
        return pos + shift[k]

    def new_end(pos: int) -> int:
        k = bisect.bisect_left(starts, pos)  # edits starting before pos
        if k and ends[k - 1] > pos:  # inside an edit: to its end
            return starts[k - 1] + shift[k - 1] + len(edits[k - 1][0].replacement)
        return pos + shift[k]

    moved: dict[str, list[tuple[int, int]]] = {}
    for rule, spans in written.items():
        for start, end in spans.spans:
            begin = new_start(start)
            moved.setdefault(rule, []).append((begin, max(begin, new_end(end))))
    for k, (e, rule) in enumerate(edits):
        begin = e.start + shift[k]
        moved.setdefault(rule, []).append((begin, begin + len(e.replacement)))
    return {rule: Spans(spans) for rule, spans in moved.items()}
