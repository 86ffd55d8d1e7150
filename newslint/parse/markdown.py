"""CommonMark documents: block structure from markdown-it-py, prose masked in place.

markdown-it-py gives each block its source lines. Inside a prose block we keep the
characters of its inline content and blank inline markup (code spans, HTML, link
targets, emphasis markers) so that offsets never move.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

from newslint.document import Document, LineIndex, Region
from newslint.parse.common import Mask, find_directives, front_matter_disables
from newslint.parse.frontmatter import split_front_matter
from newslint.parse.inline import inline_markup

_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Only the block structure is used (each block's lines and inline content; inline markup
    # is blanked by parse.inline): markdown-it's inline pass built children nobody read, and
    # took a minute on a 4 MB line of "[" (15 us a bracket).
    return MarkdownIt("commonmark").disable(["inline", "text_join"])


def parse_markdown(text: str, path: str) -> Document:
    front = split_front_matter(text)
    lines = LineIndex(text)
    front_lines = text.count("\n", 0, front.end)
    # Blank lines in place of the front matter keep markdown-it's line numbers ours.
    source = "\n" * front_lines + text[front.end :]
    tokens = _parser().parse(source)
    mask = Mask(text, blank_all=True)
    regions: list[Region] = []
    code_lines: set[int] = set()
    containers: list[str] = []
    heading = False
    for token in tokens:
        if token.type in ("blockquote_open", "list_item_open"):
            containers.append(token.type)
        elif token.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type in ("fence", "code_block") and token.map:
            code_lines.update(range(token.map[0] + 1, token.map[1] + 1))
        elif token.type == "inline" and token.map:
            if heading:
                kind = "heading"
            elif "blockquote_open" in containers:
                kind = "blockquote"
            elif "list_item_open" in containers:
                kind = "list"
            else:
                kind = "paragraph"
            span = _reveal_inline(text, lines, mask, token.map, token.content, heading)
            if span and not mask.is_blank(*span):
                regions.append(Region(span[0], span[1], kind))
    if front.title:
        mask.reveal(*front.title)
        regions.append(Region(front.title[0], front.title[1], "title"))
    regions.sort(key=lambda r: r.start)
    return Document(
        path=path,
        text=text,
        prose=mask.result(),
        regions=regions,
        metadata=front.data,
        directives=find_directives(text, lines, code_lines),
        format="markdown",
        problems=[front.error] if front.error else [],
        disabled=front_matter_disables(front),
    )


def _reveal_inline(
    text: str,
    lines: LineIndex,
    mask: Mask,
    line_range: list[int],
    content: str,
    heading: bool,
) -> tuple[int, int] | None:
    """Reveal the inline content of one block, then blank its inline markup."""
    content_lines = content.split("\n")
    first_line, last_line = line_range[0] + 1, line_range[1]
    start_offset = end_offset = None
    for i, line_no in enumerate(range(first_line, last_line + 1)):
        if i >= len(content_lines) or line_no > len(lines):
            break
        line_start, line_end = lines.line_span(line_no)
        source_line = text[line_start:line_end].rstrip("\r")
        wanted = content_lines[i].strip()
        if not wanted:
            continue
        if heading:
            trimmed = _ATX_CLOSE.sub("", source_line) if source_line.lstrip().startswith("#") else source_line
            at = trimmed.rfind(wanted)
        else:
            stripped = source_line.rstrip()
            at = len(stripped) - len(wanted) if stripped.endswith(wanted) else source_line.find(wanted)
        if at < 0:
            continue
        begin, finish = line_start + at, line_start + at + len(wanted)
        mask.reveal(begin, finish)
        start_offset = begin if start_offset is None else start_offset
        end_offset = finish
    if start_offset is None or end_offset is None:
        return None
    block = "".join(mask.chars[start_offset:end_offset])
    for start, end in inline_markup(block):
        mask.blank(start_offset + start, start_offset + end)
    return start_offset, end_offset
