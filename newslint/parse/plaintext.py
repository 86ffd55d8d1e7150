"""Plain-text articles: an optional front matter, a headline line, paragraphs.

A block of lines without blank lines between them is one hard-wrapped paragraph when
its lines are short; when they are long (one paragraph a line, as many newsroom
exports are) each line is its own paragraph. Lines starting with a bullet are list items.
"""

from __future__ import annotations

import re

from newslint.document import Document, LineIndex, Region, lone_cr_as_lf, prose_line_breaks
from newslint.parse.common import Mask, find_directives, front_matter_disables
from newslint.parse.frontmatter import split_front_matter

_BLOCK = re.compile(r"(?:[^\S\n]*\S[^\n]*(?:\n|\Z))+")
_LINE = re.compile(r"[^\n]*\S[^\n]*")
_BULLET = re.compile(r"[ \t]*(?:[-*\u2022]|\d{1,3}[.)])[ \t]+")
_WRAP_WIDTH = 100


def parse_plaintext(text: str, path: str) -> Document:
    original = text
    # A lone CR ends a line as LF does (LineIndex); read as LF, with the same offsets.
    text = lone_cr_as_lf(text)
    front = split_front_matter(text)
    lines = LineIndex(text)
    mask = Mask(text, blank_all=False)
    mask.blank(0, front.end)
    regions: list[Region] = []
    if front.title:
        mask.reveal(*front.title)
        regions.append(Region(front.title[0], front.title[1], "title"))
    first = True
    for block in _BLOCK.finditer(text, front.end):
        block_lines = [m.span() for m in _LINE.finditer(text, block.start(), block.end())]
        if first and not front.title and len(block_lines) == 1 and not _ends_sentence(text, block_lines[0]):
            regions.append(Region(*_trim(text, block_lines[0]), "title"))
            first = False
            continue
        first = False
        wrapped = len(block_lines) > 1 and all(e - s <= _WRAP_WIDTH for s, e in block_lines[:-1])
        bullets = [_BULLET.match(text, s) for s, _ in block_lines]
        if wrapped and not any(bullets):
            regions.append(Region(*_trim(text, (block_lines[0][0], block_lines[-1][1])), "paragraph"))
            continue
        for (start, end), bullet in zip(block_lines, bullets):
            if bullet:
                mask.blank(start, bullet.end())
                regions.append(Region(*_trim(text, (bullet.end(), end)), "list"))
            else:
                regions.append(Region(*_trim(text, (start, end)), "paragraph"))
    regions.sort(key=lambda r: r.start)
    return Document(
        path=path,
        text=original,
        prose=prose_line_breaks(mask.result()),
        regions=[r for r in regions if r.end > r.start],
        metadata=front.data,
        directives=find_directives(text, lines, set()),
        format="plaintext",
        problems=[front.error] if front.error else [],
        disabled=front_matter_disables(front),
    )


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _ends_sentence(text: str, span: tuple[int, int]) -> bool:
    stripped = text[span[0] : span[1]].rstrip()
    return stripped.endswith((".", "!", "?", ".\"", ".'", ".\u201d"))
