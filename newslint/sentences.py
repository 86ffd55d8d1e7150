"""Split the prose of each region into sentences, once per document."""

from __future__ import annotations

import re
from typing import Callable

from newslint.deadline import Deadline
from newslint.spans import Region, Span

# A sentence ends at . ! ? (with closing quotes or brackets after it) before a space and
# a capital, digit or opening quote. Abbreviations and initials do not end one.
_END = re.compile(
    r"""(?<=[.!?])['"\u2019\u201d)\]]*(?=\s+['"\u2018\u201c(\[]?[A-Z0-9\u00c0-\u024f])"""
)
# Where `_END` can match just after: a mark followed by closers and a space. A run of "!["
# or "..." has two million marks and none of them (the sentence split took seconds).
_STOP = re.compile(r"""[.!?](?=['"\u2019\u201d)\]]*\s)""")
_ABBREVIATION = re.compile(
    r"""(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Rev|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Maj|Supt|Insp|
    St|Mt|Ft|Jr|Sr|No|Nos|Vol|Co|Corp|Inc|Ltd|Bros|vs|etc|approx|est|
    Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|
    Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|
    Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Vt|Va|Wash|Wis|Wyo)
    |\b[A-Z]|(?:\b[A-Za-z]\.){1,3}[A-Za-z]|\be\.g|\bi\.e)\.$""",
    re.VERBOSE,
)


def split_sentences(prose: str, regions: list[Region], deadline: Deadline | None = None) -> list[Span]:
    sentences: list[Span] = []
    tick = deadline.tick if deadline is not None else _no_tick
    for region in regions:
        start = region.start
        for m in _ends(prose, region, tick):
            tick()
            head = prose[max(region.start, m.start() - 12) : m.start()].rstrip("'\"\u2019\u201d)]")
            if _ABBREVIATION.search(head):
                continue
            sentences.append(_trimmed(prose, start, m.end()))
            start = m.end()
        if start < region.end:
            sentences.append(_trimmed(prose, start, region.end))
    return [s for s in sentences if s.end > s.start]


def _no_tick() -> None:
    pass


def _ends(prose: str, region: Region, tick: Callable[[], None] = _no_tick) -> list[re.Match[str]]:
    """What `_END.finditer` finds in the region, tried only just after a . ! or ? that
    closers and a space follow (`_STOP`), where its lookbehind and lookahead let a match
    start (a match holds no such mark, so none overlap)."""
    stops = [m.start() for m in _STOP.finditer(prose, max(region.start - 1, 0), region.end) if m.start() < region.end - 1]
    found = []
    for p in stops:
        tick()
        m = _END.match(prose, p + 1, region.end)
        if m is not None:
            found.append(m)
    return found


def _trimmed(prose: str, start: int, end: int) -> Span:
    while start < end and prose[start].isspace():
        start += 1
    while end > start and prose[end - 1].isspace():
        end -= 1
    return Span(start, end)
