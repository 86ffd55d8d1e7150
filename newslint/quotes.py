"""Find direct quotations once per document; every kind shares the result.

Double marks (straight or curly) pair within a paragraph. A paragraph that ends inside
a quotation and is followed by one that opens with a quotation mark continues it (the
multi-paragraph convention); so does an opening mark after a sentence end inside an open
quotation, which is the same convention in copy whose paragraphs were run together. An
opening mark mid-sentence inside an open quotation starts a nested one (double marks
where single ones belong). Single marks count as quotation marks only where one opens
after a space or the start of a block (before a letter, a figure, an editor's bracket or
an ellipsis) and a matching one closes before a space or punctuation; every other single
mark is an apostrophe.
"""

from __future__ import annotations

import re

from newslint.spans import Quotation, Region

DOUBLE_OPEN = "\u201c"
DOUBLE_CLOSE = "\u201d"
SINGLE_OPEN = "\u2018"
SINGLE_CLOSE = "\u2019"
_DOUBLE = re.compile('["\u201c\u201d]')
_SINGLE_OPENER = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[\u2014\u2013\"\u201c-]))['\u2018](?=[^\W\d_]|\d(?!\ds\b)|[\[(]|\.\.\.|\u2026)(?!(?:em|n|tis|twas)\b)",
    re.IGNORECASE,
)
_SINGLE_CLOSER = re.compile(r"(?<=[^\s'\u2018])['\u2019](?=$|[\s.,;:!?)\]\"\u201d\u2014\u2013-])")
_PROSE_KINDS = frozenset({"paragraph", "blockquote", "list", "heading", "title"})
_BEFORE_OPEN = frozenset(" \t\r\n([{\u2014\u2013-/'\u2018")


def find_quotations(prose: str, regions: list[Region]) -> list[Quotation]:
    quotations: list[Quotation] = []
    carried: tuple[int, str] | None = None  # an open quotation continuing from the last region
    blocks = [r for r in regions if r.kind in _PROSE_KINDS]
    for index, region in enumerate(blocks):
        open_at: tuple[int, str] | None = None
        nested: list[tuple[int, str]] = []  # double marks inside double marks, a common slip
        for m in _DOUBLE.finditer(prose, region.start, region.end):
            pos, mark = m.start(), m.group()
            if carried is not None and pos == _first_visible(prose, region):
                open_at, carried = carried, None  # continuation mark of a quoted paragraph
                continue
            if open_at is None:
                if _opens(prose, pos, mark, region):
                    open_at = (pos, mark)
            elif _reopens(prose, pos, mark, region):
                continue  # the convention again, inside one block: paragraphs run together
            elif _opens_inside(prose, pos, mark, region):
                nested.append((pos, mark))
            elif _closes(prose, pos, mark, region):
                if nested:
                    inner_start, inner_mark = nested.pop()
                    quotations.append(Quotation(inner_start, pos + 1, inner_mark, mark))
                    continue
                quotations.append(Quotation(open_at[0], pos + 1, open_at[1], mark))
                open_at = None
        if carried is not None:
            quotations.append(Quotation(carried[0], _last_visible(prose, blocks[index - 1]), carried[1], "", closed=False))
            carried = None
        if open_at is not None:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and prose[_first_visible(prose, following)] in '"\u201c':
                carried = open_at
            else:
                quotations.append(Quotation(open_at[0], region.end, open_at[1], "", closed=False))
        quotations.extend(_single_quotations(prose, region))
    if carried is not None:
        quotations.append(Quotation(carried[0], blocks[-1].end, carried[1], "", closed=False))
    quotations.sort(key=lambda q: (q.start, -q.end))
    return quotations


def _first_visible(prose: str, region: Region) -> int:
    pos = region.start
    while pos < region.end - 1 and prose[pos].isspace():
        pos += 1
    return pos


def _last_visible(prose: str, region: Region) -> int:
    return region.end


def _opens(prose: str, pos: int, mark: str, region: Region) -> bool:
    if mark == DOUBLE_CLOSE:
        return False
    if mark == DOUBLE_OPEN:
        return True
    if pos == region.start or prose[pos - 1] in _BEFORE_OPEN:
        return True
    # Glued to what follows ('said:"We'), but not after a word and before punctuation
    # ('terrorists".'), which is a closing mark with nothing open.
    following = prose[pos + 1] if pos + 1 < region.end else " "
    return not following.isspace() and not (prose[pos - 1].isalnum() and not following.isalnum())


def _reopens(prose: str, pos: int, mark: str, region: Region) -> bool:
    """An opening mark after a sentence end while a quotation is open: the next paragraph of
    the same quotation, run into this block (many exports join a story's paragraphs)."""
    if mark == DOUBLE_CLOSE or pos + 1 >= region.end or prose[pos + 1].isspace():
        return False
    before = pos - 1
    if before < region.start or not prose[before].isspace():
        return False
    while before > region.start and prose[before].isspace():
        before -= 1
    # ... 'that's interesting.' "My personal view ...: a nested quotation may end the sentence.
    while before > region.start and prose[before] in "'\u2019)]":
        before -= 1
    return prose[before] in ".?!"


def _opens_inside(prose: str, pos: int, mark: str, region: Region) -> bool:
    """An opening mark inside an open quotation, mid-sentence: a quotation nested in double
    marks (' "... you "had stuff to do" ..." '), not the end of the outer one."""
    if mark == DOUBLE_CLOSE or pos + 1 >= region.end or not (prose[pos + 1].isalnum() or prose[pos + 1] in "'\u2018"):
        return False
    return pos > region.start and prose[pos - 1] in _BEFORE_OPEN


def _closes(prose: str, pos: int, mark: str, region: Region) -> bool:
    return mark != DOUBLE_OPEN or pos + 1 >= region.end or prose[pos + 1].isspace()


def _single_quotations(prose: str, region: Region) -> list[Quotation]:
    found: list[Quotation] = []
    openers = _matches_at(_SINGLE_OPENER, prose, region, "'\u2018")
    if not openers:
        return found
    closers = [m.start() for m in _matches_at(_SINGLE_CLOSER, prose, region, "'\u2019")]
    used: set[int] = set()
    for index, opener in enumerate(openers):
        start = opener.start()
        free = [c for c in closers if c > start + 1 and c not in used]
        if not free:
            continue
        # A closer in the opener's own style before the next opener wins over an earlier
        # mark of the other style: in copy of mixed marks that one is an apostrophe
        # ("'Its contractors’ costs are unpaid,' he said").
        same = SINGLE_CLOSE if opener.group() == SINGLE_OPEN else "'"
        limit = openers[index + 1].start() if index + 1 < len(openers) else region.end
        close = next((c for c in free if c < limit and prose[c] == same), free[0])
        used.add(close)
        found.append(Quotation(start, close + 1, opener.group(), prose[close]))
    return found


def _matches_at(pattern: re.Pattern[str], prose: str, region: Region, marks: str) -> list[re.Match[str]]:
    """The matches of a one-mark pattern in the region, tried only at its marks: the same as
    a scan (a match is one of `marks`, and the lookarounds see past `pos` as they would),
    without testing its lookbehinds at every character."""
    found = []
    for mark in marks:
        pos = prose.find(mark, region.start, region.end)
        while pos != -1:
            m = pattern.match(prose, pos, region.end)
            if m is not None:
                found.append(m)
            pos = prose.find(mark, pos + 1, region.end)
    if len(marks) > 1:
        found.sort(key=lambda m: m.start())
    return found


def quotation_marks(quotations: list[Quotation]) -> set[int]:
    """Offsets of every quotation mark (so that the remaining single marks are apostrophes)."""
    marks: set[int] = set()
    for q in quotations:
        marks.add(q.start)
        if q.closed:
            marks.add(q.end - 1)
    return marks


def stray_marks(prose: str, regions: list[Region], quotations: list[Quotation]) -> list[int]:
    """Offsets of double quotation marks that neither open nor close a quotation, nor carry
    one into a new paragraph (the multi-paragraph convention); inch marks (6'2") excepted."""
    used = quotation_marks(quotations)
    doubles = [q for q in quotations if q.open_mark in '"\u201c']
    stray: list[int] = []
    for region in regions:
        if region.kind not in _PROSE_KINDS:
            continue
        first = _first_visible(prose, region)
        for m in _DOUBLE.finditer(prose, region.start, region.end):
            pos = m.start()
            if pos in used or (m.group() == '"' and pos > 0 and prose[pos - 1].isdigit()):
                continue
            if (pos == first or _reopens(prose, pos, m.group(), region)) and any(q.start < pos < q.end for q in doubles):
                continue  # the continuation mark of a quoted paragraph
            stray.append(pos)
    return stray
