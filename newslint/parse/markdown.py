"""CommonMark documents: block structure from markdown-it-py, prose masked in place.

markdown-it-py gives each block its source lines. Inside a prose block we keep the
characters of its inline content and blank inline markup (code spans, HTML, link
targets, emphasis markers) so that offsets never move.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from newslint.document import Document, LineIndex, Region, lone_cr_as_lf, prose_line_breaks, split_lines
from newslint.spans import SourceBlock
from newslint.parse.common import Mask, find_directives, front_matter_disables
from newslint.parse.frontmatter import split_front_matter
from newslint.parse.inline import inline_markup

_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")


# markdown-it stops reading blocks nested deeper than this (and ten nested lists reach it,
# as each list adds two levels): everything below a cut container (for a list item, the
# rest of the document) would be dropped unchecked. Such lines are read again with their
# container markers stripped (_Blocks.read_cut), rather than raising the limit: the parse
# is linear in lines times depth, so a higher limit multiplies the time of every file.
_MAX_NESTING = 20
_CONTAINERS = ("blockquote_open", "list_item_open")
# Leading container markers of a line: blockquote marks, bullets, ordered-list numbers.
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$)))*[ \t]*")


# The characters each of these block rules can open on, where a line's text starts: on
# any other the rule returns False straight away. markdown-it asks all of them, one call
# each, whether a paragraph ends at each of its lines: 15 us a line, and 2 million
# one-letter lines took 30 s. One rule asks only those that can open on the line's first
# character instead (the answer is the same: any one saying yes ends the paragraph).
_OPENING_CHARS = {"fence": "`~", "blockquote": ">", "hr": "*-_", "list": "*-+0123456789", "html_block": "<",
                  "heading": "#"}
_BlockRule = Callable[[StateBlock, int, int, bool], bool]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Only the block structure is used (each block's content and lines), so the inline
    # parser, whose unclosed-bracket scans grow with the nesting limit, is not run.
    md = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).disable(["inline", "text_join"])
    ruler = md.block.ruler
    by_char: dict[str, list[_BlockRule]] = {}
    for rule in ruler.__rules__:
        if rule.enabled and rule.name in _OPENING_CHARS and "paragraph" in rule.alt:
            rule.alt = [alt for alt in rule.alt if alt != "paragraph"]
            for char in _OPENING_CHARS[rule.name]:
                by_char.setdefault(char, []).append(rule.fn)
    ruler.before("fence", "newslint_paragraph_end", _paragraph_end(by_char), {"alt": ["paragraph"]})
    for rule in ruler.__rules__:
        if rule.name == "lheading":
            rule.fn = _setext_gate(rule.fn)
    ruler.__cache__ = None
    return md


# From a line to the next blank one (spaces and tabs only): no paragraph runs past it.
_TO_BLANK_LINE = re.compile(r"[^\n]*(?:\n(?![ \t]*(?:\n|$))[^\n]*)*")


def _setext_gate(lheading: _BlockRule) -> _BlockRule:
    """markdown-it's setext heading rule, which walks a paragraph's lines for a "==" or
    "--" underline before the paragraph rule walks them again: not called when no "=" or
    "-" stands in the lines up to the next blank line, where it would find none."""

    def gated(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if start_line + 1 < state.lineMax and not state.is_code_block(start_line):
            start = state.bMarks[start_line + 1]
            lines = _TO_BLANK_LINE.match(state.src, start)
            stop = lines.end() if lines else len(state.src)
            if state.src.find("=", start, stop) == -1 and state.src.find("-", start, stop) == -1:
                state.parentType = "paragraph"  # as the rule leaves it when it finds no underline
                return False
        return lheading(state, start_line, end_line, silent)

    return gated


def _paragraph_end(by_char: dict[str, list[_BlockRule]]) -> _BlockRule:
    """A rule that only answers "does this line end a paragraph?" (silent), asking the
    rules in `by_char` that can open on the line's first character."""
    nothing: list[_BlockRule] = []

    def ends(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if not silent:
            return False
        pos = state.bMarks[start_line] + state.tShift[start_line]
        if pos >= state.eMarks[start_line]:
            return False  # a blank line: the paragraph rule stops before asking
        for rule in by_char.get(state.src[pos], nothing):
            if rule(state, start_line, end_line, silent):
                return True
        return False

    return ends


class _Blocks:
    """What a walk over markdown-it's tokens collects: regions, code lines and the line
    ranges of containers too deep for markdown-it to have read."""

    def __init__(self, text: str, lines: LineIndex, mask: Mask) -> None:
        self.text, self.lines, self.mask = text, lines, mask
        self.regions: list[Region] = []
        self.code_lines: set[int] = set()
        self.cut: list[tuple[int, int]] = []  # (first line, end line), 0-based
        # Every block with text, as Document.blocks reads it (see SourceBlock).
        self.source_blocks: list[SourceBlock] = []

    def walk(self, tokens: list[Token], kinds: dict[int, str] | None = None) -> None:
        """Reveal every prose block; `kinds` (by first line) overrides the containers'."""
        containers: list[str] = []
        heading = False
        level = 0
        for token in tokens:
            if token.type in _CONTAINERS:
                containers.append(token.type)
                if token.level >= _MAX_NESTING - 1 and token.map:  # its content was not read
                    self.cut.append((token.map[0], token.map[1]))
            elif token.type in ("blockquote_close", "list_item_close"):
                containers.pop()
            elif token.type == "heading_open":
                heading = True
                level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
            elif token.type == "heading_close":
                heading = False
            elif token.type in ("fence", "code_block") and token.map:
                self.code_lines.update(range(token.map[0] + 1, token.map[1] + 1))
            elif token.type == "html_block" and token.map and not _only_a_comment(token.content):
                spans = _content_spans(self.text, self.lines, token.map, token.content, False)
                if spans:
                    self.source_blocks.append(SourceBlock("html", spans, 0, _container_tags(containers)))
            elif token.type == "inline" and token.map:
                if heading:
                    kind = "heading"
                elif kinds is not None:
                    kind = kinds.get(token.map[0], "paragraph")
                elif "blockquote_open" in containers:
                    kind = "blockquote"
                elif "list_item_open" in containers:
                    kind = "list"
                else:
                    kind = "paragraph"
                spans = _content_spans(self.text, self.lines, token.map, token.content, heading)
                if not spans:
                    continue
                self.source_blocks.append(SourceBlock(kind, spans, level if heading else 0, _container_tags(containers)))
                span = _reveal_inline(self.mask, spans)
                if not self.mask.is_blank(*span):
                    self.regions.append(Region(span[0], span[1], kind))

    def read_cut(self, source_lines: list[str]) -> None:
        """Read the lines of too-deep containers as blocks of their own, once: with every
        leading container marker stripped, nothing in them nests (a stripped line cannot
        open a container), so markdown-it reads them in one linear pass. A block's kind
        comes from the markers its first line had: a list item that is cut swallows the
        rest of the document, and a paragraph there without markers is a paragraph."""
        cut, self.cut = self.cut, []
        flat = [""] * len(source_lines)
        kinds: dict[int, str] = {}
        for first, end in cut:
            for i in range(first, min(end, len(source_lines))):
                line = source_lines[i]
                prefix = _CONTAINER_PREFIX.match(line).end()  # type: ignore[union-attr]
                flat[i] = line[prefix:]
                kinds[i] = "blockquote" if ">" in line[:prefix] else "list" if prefix else "paragraph"
        self.walk(_parser().parse("\n".join(flat)), kinds)


def parse_markdown(text: str, path: str) -> Document:
    # A lone CR ends a line for markdown-it and LineIndex; read as LF (same offsets), the
    # front matter, the source lines and the masked prose see it too.
    source_text = lone_cr_as_lf(text)
    front = split_front_matter(source_text)
    lines = LineIndex(source_text)
    front_lines = source_text.count("\n", 0, front.end)
    # Blank lines in place of the front matter keep markdown-it's line numbers ours.
    source = "\n" * front_lines + source_text[front.end :]
    mask = Mask(source_text, blank_all=True)
    blocks = _Blocks(source_text, lines, mask)
    blocks.walk(_parser().parse(source))
    if blocks.cut:
        blocks.read_cut(split_lines(source))
    regions = blocks.regions
    if front.title:
        mask.reveal(*front.title)
        regions.append(Region(front.title[0], front.title[1], "title"))
        blocks.source_blocks.insert(0, SourceBlock("title", (front.title,)))
    regions.sort(key=lambda r: r.start)
    return Document(
        path=path,
        text=text,
        prose=prose_line_breaks(mask.result()),
        regions=regions,
        metadata=front.data,
        directives=find_directives(source_text, lines, blocks.code_lines),
        format="markdown",
        problems=[front.error] if front.error else [],
        disabled=front_matter_disables(front),
        source_blocks=blocks.source_blocks,
    )


def _only_a_comment(html: str) -> bool:
    """True for an HTML block that is one comment (a directive): it has no text to read."""
    stripped = html.strip()
    return stripped.startswith("<!--") and stripped.endswith("-->") and stripped.find("-->") == len(stripped) - 3


def _container_tags(containers: list[str]) -> tuple[str, ...]:
    """The HTML elements the containers stand for (what Vale's SkippedScopes name)."""
    return tuple("blockquote" if c == "blockquote_open" else "li" for c in containers) if containers else ()


def _content_spans(text: str, lines: LineIndex, line_range: list[int], content: str,
                   heading: bool) -> tuple[tuple[int, int], ...]:
    """Where the content of one block stands in the source: one span per line with
    content (its text without the container markers and indentation before it or the
    spaces after it), or a single span over whole lines when they are the content
    exactly (see _verbatim: the line breaks inside it are the content's own)."""
    content_lines = content.split("\n")
    first_line, last_line = line_range[0] + 1, line_range[1]
    span = None if heading else _verbatim(text, lines, content, content_lines, first_line, last_line)
    if span is not None:  # what the loop below finds, line by line, in one step
        return (span,)
    spans = []
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
        spans.append((line_start + at, line_start + at + len(wanted)))
    return tuple(spans)


def _reveal_inline(mask: Mask, spans: tuple[tuple[int, int], ...]) -> tuple[int, int]:
    """Reveal the inline content of one block (its content spans), then blank its inline
    markup; the span from its first character to its last."""
    for begin, finish in spans:
        mask.reveal(begin, finish)
    start_offset, end_offset = spans[0][0], spans[-1][1]
    block = "".join(mask.chars[start_offset:end_offset])
    for start, end in inline_markup(block):
        mask.blank(start_offset + start, start_offset + end)
    return start_offset, end_offset


def _verbatim(text: str, lines: LineIndex, content: str, content_lines: list[str], first_line: int,
              last_line: int) -> tuple[int, int] | None:
    """The span of a block whose source lines are its content exactly, none blank and none
    with spaces at either end (most paragraphs), so that revealing it line by line reveals
    all of it but the line breaks, which the mask keeps; None for any other block. A
    paragraph of 2 million lines took seconds line by line."""
    last = first_line + len(content_lines) - 1
    if last > last_line or last > len(lines):
        return None
    start, end = lines.line_span(first_line)[0], lines.line_span(last)[1]
    if text[start:end] != content or [line.strip() for line in content_lines] != content_lines or not all(content_lines):
        return None
    return start, end
