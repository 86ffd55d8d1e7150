"""One finding per problem: where rules overlap at warning level or above, one speaks.

The News pack's kinds are style-neutral (a figure written two ways, a date read two
ways); the house packs (AP, UK, a desk's own, Proselint) say what the house writes. When
both see the same text, the house rule keeps its message and fix and the News rule stands
down. The engine calls `one_per_problem` on a document's sorted findings, last.

Two findings report the same text when their spans overlap by at least half of the longer
span (two empty spans: the same offset). That joins "03/04/2024" of two date rules and
"two per cent" with "per cent", but not a word inside a quotation reported for lacking a
speaker: that is a second problem. Among findings of different rules on the same text,
the one kept is, in order: a house rule's over a News rule's, the higher level, the wider
span (it names the whole problem: "10.38am", not "10.38"), the smaller rule id.

A News finding also stands down in an article where a house rule of the same kind
(numbers, dates, names) reports at warning or above: the house's advice comes first, and
the News check, which only compares the article with itself, could contradict it ("10 per
cent ... 15%" gets "%" from the house and "per cent" from the article's majority). Once the
house's findings are fixed, the News rule speaks again on the next run. A house finding
inside a direct quotation (`quotes: house`) does not count: the News rules skip quotations.

Suggestions, findings of the same rule, newslint's own findings, and those of the rules
`apart` (rules from a Vale style, which report as Vale does, every rule for itself) are
never touched.
"""

from __future__ import annotations

import bisect
from typing import Callable

from newslint.finding import Finding, Level

NEUTRAL_PACK = "News."
OWN = "newslint."


Width = Callable[[int, int], int]


def _plain_width(start: int, end: int) -> int:
    return end - start


def line_ending_width(text: str) -> Width:
    """Characters between two offsets, a CRLF counted as one: the same article gives the same
    verdicts whatever its line endings."""
    if "\r\n" not in text:
        return _plain_width
    crs: list[int] = []
    at = text.find("\r\n")
    while at >= 0:
        crs.append(at)
        at = text.find("\r\n", at + 2)

    def width(start: int, end: int) -> int:
        return end - start - (bisect.bisect_left(crs, end) - bisect.bisect_left(crs, start))
    return width


def same_text(a: Finding, b: Finding, width: Width = _plain_width) -> bool:
    """The two spans overlap by at least half of the longer one."""
    if a.offset == a.end_offset or b.offset == b.end_offset:
        return a.offset == b.offset and a.end_offset == b.end_offset
    start, end = max(a.offset, b.offset), min(a.end_offset, b.end_offset)
    shared = width(start, end) if end > start else 0
    longer = max(width(a.offset, a.end_offset), width(b.offset, b.end_offset))
    return shared > 0 and 2 * shared >= longer


def _precedence(f: Finding) -> tuple[bool, int, int, str, int]:
    """Sort key, best first."""
    return (f.rule.startswith(NEUTRAL_PACK), -f.level, f.offset - f.end_offset, f.rule, f.offset)


def one_per_problem(findings: list[Finding], quoted: Callable[[int, int], bool] | None = None,
                    apart: frozenset[str] = frozenset(), width: Width = _plain_width) -> list[Finding]:
    """`findings` without those that another rule's finding already reports (module doc).
    `quoted(start, end)`: whether a span is inside a direct quotation; `apart`: rules that
    never stand down (rules from a Vale style); `width(start, end)`: how many characters a
    span holds (`line_ending_width`)."""
    loud = [i for i, f in enumerate(findings)
            if f.level >= Level.WARNING and not f.rule.startswith(OWN) and f.rule not in apart]
    if len(loud) < 2:
        return findings
    dropped: set[int] = set()
    # A house finding inside a quotation (`quotes: house`) silences no News rule: those skip
    # quotations, so the two cannot disagree about the same words.
    house_kinds = {findings[i].kind for i in loud if not findings[i].rule.startswith(NEUTRAL_PACK)
                   and not (quoted is not None and quoted(findings[i].offset, findings[i].end_offset))}
    if house_kinds:
        for i in loud:
            f = findings[i]
            if f.rule.startswith(NEUTRAL_PACK) and f.kind in house_kinds:
                dropped.add(i)
    for cluster in _clusters([i for i in loud if i not in dropped], findings):
        kept: list[Finding] = []
        for i in sorted(cluster, key=lambda i: _precedence(findings[i])):
            f = findings[i]
            if any(k.rule != f.rule and same_text(k, f, width) for k in kept):
                dropped.add(i)
            else:
                kept.append(f)
    if not dropped:
        return findings
    return [f for i, f in enumerate(findings) if i not in dropped]


def _clusters(indices: list[int], findings: list[Finding]) -> list[list[int]]:
    """Groups of findings whose spans touch one another (a sweep by start offset); a
    finding alone in its group shares its text with nothing."""
    ordered = sorted(indices, key=lambda i: (findings[i].offset, findings[i].end_offset))
    clusters: list[list[int]] = []
    current: list[int] = []
    reach = -1
    for i in ordered:
        f = findings[i]
        if current and f.offset > reach:
            if len(current) > 1:
                clusters.append(current)
            current = []
        current.append(i)
        reach = max(reach, f.end_offset) if len(current) > 1 else f.end_offset
    if len(current) > 1:
        clusters.append(current)
    return clusters
