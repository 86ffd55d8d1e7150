"""One article of the HTML report: its text as a reader sees it, each finding marked at its span.

The article is parsed again with newslint's own parser (markdown-it-py's blocks, newslint's
inline markup scanner), the one the rules read: each prose region becomes a block (headline,
heading, paragraph, quotation, list item) showing the characters the parser kept as prose,
so markup (emphasis marks, link targets, HTML, code) and front matter are not shown as
prose. Text outside every prose region is shown only where a finding falls, as a source
excerpt, so every finding has its place.

Findings are placed by their offsets into the original text, never by searching for their
text. Highlights that overlap are nested; where two cross (or a finding runs from one
block into the next) the later one is split, and only its first piece carries the
`data-rule`, `data-level`, `data-line` and `data-column` attributes, so that the page has
exactly one such element per finding. Every character of the article, of a message or of
a rule pack goes through `escape`.
"""

from __future__ import annotations

import bisect
import html
import re
from typing import NamedTuple, Sequence

from newslint.finding import Finding
from newslint.formats import visible

_HEADING_MARKS = re.compile(r"[ \t]{0,3}(#{1,6})(?=[ \t]|$)")
_SETEXT = re.compile(r"[ \t]{0,3}(=+|-+)[ \t]*$")
# The class of each kind of block's element (a paragraph is a plain <p>, a heading its <hN>).
_CLASSES = {"title": "", "heading": "", "paragraph": "", "blockquote": ' class="q"', "list": ' class="li"',
            "source": ' class="src"'}
_CONTEXT = 24  # characters of the words around a fix shown with it, at most, each side
_EXCERPT = 300  # characters of a long line shown around a finding outside the prose, at most, each side
# An article longer than this (no edited article comes near it; files up to 4 MiB are
# checked) is not parsed again for the report, which would take seconds: its findings are
# shown in source excerpts of their lines.
LARGE = 256 * 1024


def escape(text: str) -> str:
    """`text` as HTML text or an attribute value: markup characters and quotes escaped, and
    control characters (which HTML cannot show and a terminal-minded reader would not
    expect) as U+FFFD."""
    return html.escape(visible(text), quote=True)


def safe_link(link: str | None) -> str | None:
    """A rule's link as an href, only when it is a web address: a hostile pack's
    `javascript:` link must not be one click from running in the report."""
    if link and re.match(r"https?://[^\s\"'<>]+$", link, re.IGNORECASE):
        return link
    return None


class Block(NamedTuple):
    """A run of the text shown as one unit: a prose region or a source excerpt."""

    start: int
    end: int
    kind: str  # title, heading, paragraph, blockquote, list, source
    tag: str  # the element it is shown in (h1..h6, p, pre)


class Piece(NamedTuple):
    """One element inside a block, [start, end) of the text: a piece of a finding's
    highlight, or (`style` set, `finding` -1) emphasis or a link's text."""

    start: int
    end: int
    finding: int  # index into the article's findings
    first: bool  # the finding's first piece: the element that carries its data attributes
    style: str = ""  # a key of _STYLES

    def order(self) -> tuple[int, int, int, int]:
        """Outer first: the earlier start, then the longer piece, then emphasis before highlights."""
        return (self.start, -self.end, 0 if self.style else 1, self.finding)


# How Markdown's inline markup is shown: emphasis, and a link's text (never its target).
_STYLES = {"em": ("<em>", "</em>"), "strong": ("<strong>", "</strong>"),
           "strong em": ("<strong><em>", "</em></strong>"), "link": ('<span class="a">', "</span>")}
_EMPHASIS = {1: "em", 2: "strong", 3: "strong em"}


class Article(NamedTuple):
    body: str  # the article's HTML
    title: str  # its headline as plain text (for the file list)


def render_article(file_id: int, path: str, text: str, findings: Sequence[Finding]) -> Article:
    """The article's HTML: one row per block, the block's text beside the notes of the
    findings whose highlight starts in it. `file_id` makes element ids unique in the page."""
    large = len(text) > LARGE
    regions, prose = ([], " " * len(text)) if large else _parse(text, path)
    blocks = _blocks(text, regions, findings)
    pieces = _pieces(blocks, findings, len(text))
    reveal = [not _has_visible(prose, _clamp(f.offset, text), _clamp(f.end_offset, text)) for f in findings]
    by_block: list[list[Piece]] = [[] for _ in blocks]
    block_starts = [b.start for b in blocks]
    for piece in pieces:
        by_block[_block_of(blocks, block_starts, piece)].append(piece)
    parts: list[str] = []
    for index, block in enumerate(blocks):
        pieces_here = by_block[index]
        if block.kind != "source" and prose[block.start:block.end] != text[block.start:block.end]:
            pieces_here = sorted(pieces_here + _inline_styles(text, prose, block), key=Piece.order)
        body = _BlockWriter(file_id, text, prose, block, findings, reveal).write(pieces_here)
        parts.append(f'<div class="r"><{block.tag}{_CLASSES.get(block.kind, "")}>{body}</{block.tag}>')
        notes = [p.finding for p in by_block[index] if p.first]
        if notes:
            parts.append('<ol class="notes">' + "".join(_note(file_id, i, findings[i], text) for i in notes) + "</ol>")
        parts.append("</div>")
    if large:
        parts.insert(0, f'<p class="empty">Too long to show whole ({len(text):,} characters): '
                        'each finding is shown in its line.</p>')
    elif not blocks:
        parts.append('<p class="empty">(no text)</p>')
    return Article("".join(parts), _title(text, prose, regions))


def _clamp(offset: int, text: str) -> int:
    return min(max(0, offset), len(text))


def _parse(text: str, path: str) -> tuple[list[tuple[int, int, str]], str]:
    """The prose regions of `text` and its masked prose, from the parser the rules read."""
    from newslint.parse import parse_document

    try:
        doc = parse_document(text, path)
    except Exception:  # noqa: BLE001  the report still shows the findings, as source
        return [], " " * len(text)
    regions: list[tuple[int, int, str]] = []
    last = 0
    for region in sorted(doc.regions, key=lambda r: r.start):
        if region.start >= last and region.end > region.start:  # regions never overlap; if they did, the first wins
            regions.append((region.start, region.end, region.kind))
            last = region.end
    if len(doc.prose) != len(text):  # the Document's promise; without it no offset could be trusted
        return [], " " * len(text)
    return regions, doc.prose


def _blocks(text: str, regions: list[tuple[int, int, str]], findings: Sequence[Finding]) -> list[Block]:
    """The prose regions, and a source excerpt (its whole lines, within the gap between
    regions) for each finding that no region holds."""
    blocks = [Block(s, e, kind, _tag(text, s, kind)) for s, e, kind in regions]
    starts = [b.start for b in blocks]
    excerpts: list[tuple[int, int]] = []
    length = len(text)
    for f in findings:
        start, end = min(max(0, f.offset), length), min(max(0, f.end_offset), length)
        if _in_some_block(blocks, starts, start, end):
            continue
        gap_start, gap_end = _gap_around(blocks, starts, start, length)
        line_start = text.rfind("\n", max(0, start - _EXCERPT), start) + 1 or max(0, start - _EXCERPT)
        line_end = _line_end(text, end, end + _EXCERPT)
        excerpts.append((max(gap_start, line_start, start - _EXCERPT), min(gap_end, max(line_end, end), end + _EXCERPT)))
    for start, end in _merge(excerpts):
        blocks.append(Block(start, end, "source", "pre"))
    blocks.sort(key=lambda b: (b.start, b.end))
    return blocks


def _in_some_block(blocks: list[Block], starts: list[int], start: int, end: int) -> bool:
    """Whether a prose block holds part of [start, end) (a point: whether one holds it)."""
    i = bisect.bisect_right(starts, start) - 1
    if start == end:
        return (i >= 0 and start <= blocks[i].end) or (i + 1 < len(blocks) and blocks[i + 1].start == start)
    if i >= 0 and start < blocks[i].end:
        return True
    return i + 1 < len(blocks) and blocks[i + 1].start < end


def _gap_around(blocks: list[Block], starts: list[int], offset: int, length: int) -> tuple[int, int]:
    i = bisect.bisect_right(starts, offset) - 1
    gap_start = blocks[i].end if i >= 0 else 0
    gap_end = blocks[i + 1].start if i + 1 < len(blocks) else length
    return gap_start, gap_end


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _line_end(text: str, offset: int, stop: int | None = None) -> int:
    """Where the line holding `offset` ends (looked for up to `stop`: a hostile line is 4 MB)."""
    stop = len(text) if stop is None else min(stop, len(text))
    ends = [at for at in (text.find("\n", offset, stop), text.find("\r", offset, stop)) if at != -1]
    return min(ends) if ends else stop


def _line_of(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    return text[start:_line_end(text, start)]


def _tag(text: str, start: int, kind: str) -> str:
    if kind == "title":
        return "h1"
    if kind != "heading":
        return "p"
    marks = _HEADING_MARKS.match(_line_of(text, start))
    if marks:
        return f"h{min(6, len(marks.group(1)) + 1)}"  # h1 is the headline
    after = _line_end(text, start)
    underline = _SETEXT.match(_line_of(text, min(len(text), after + 1))) if after < len(text) else None
    return "h2" if underline and underline.group(1)[0] == "=" else "h3"


def _pieces(blocks: list[Block], findings: Sequence[Finding], length: int) -> list[Piece]:
    """Each finding cut at the blocks it runs through; the first piece is its element."""
    starts = [b.start for b in blocks]
    pieces: list[Piece] = []
    for index, f in enumerate(findings):
        start, end = min(max(0, f.offset), length), min(max(0, f.end_offset), length)
        i = max(0, bisect.bisect_right(starts, start) - 1)
        first = True
        if start == end or not blocks:
            pieces.append(Piece(start, start, index, True))
            continue
        while i < len(blocks) and blocks[i].start < end:
            block = blocks[i]
            lo, hi = max(start, block.start), min(end, block.end)
            if lo < hi:
                pieces.append(Piece(lo, hi, index, first))
                first = False
            i += 1
        if first:  # only spaces between blocks: a point where it starts
            pieces.append(Piece(start, start, index, True))
    pieces.sort(key=Piece.order)
    return pieces


def _block_of(blocks: list[Block], starts: list[int], piece: Piece) -> int:
    if not blocks:
        return 0
    i = bisect.bisect_right(starts, piece.start) - 1
    if i < 0:
        return 0
    if piece.start == piece.end and piece.start >= blocks[i].end and i + 1 < len(blocks) and blocks[i + 1].start == piece.start:
        return i + 1
    return i


def _has_visible(prose: str, start: int, end: int) -> bool:
    """Whether [start, end) holds prose a reader sees: the masked prose is blank elsewhere."""
    return not prose[start:end].isspace() and start < end


class _BlockWriter:
    """Writes one block's text with its pieces as nested elements. A piece that would cross
    one still open (it started inside it and ends after it) is closed with it and opened
    again after it, as a continuation."""

    def __init__(self, file_id: int, text: str, prose: str, block: Block, findings: Sequence[Finding],
                 reveal: list[bool]) -> None:
        self.file_id, self.text, self.prose, self.block = file_id, text, prose, block
        self.findings, self.reveal = findings, reveal
        self.out: list[str] = []
        self.stack: list[Piece] = []  # open pieces, innermost last
        self.pos = block.start

    def write(self, pieces: list[Piece]) -> str:
        low, high = self.block.start, self.block.end
        for piece in pieces:
            if not low <= piece.start <= piece.end <= high:  # never text from outside the block
                piece = piece._replace(start=min(max(piece.start, low), high), end=min(max(piece.end, low), high))
            self._close_until(piece.start)
            self._emit(piece.start)
            self._open(piece)
            if piece.end == piece.start:
                self._close(self.stack.pop())
        self._close_until(self.block.end)
        self._emit(self.block.end)
        return "".join(self.out)

    def _emit(self, upto: int) -> None:
        if upto > self.pos:
            shown = self.block.kind == "source" or any(self.reveal[p.finding] for p in self.stack if not p.style)
            self.out.append(escape(_visible_text(self.text, self.prose, self.pos, upto, shown)))
            self.pos = upto

    def _open(self, piece: Piece) -> None:
        if piece.style:
            self.out.append(_STYLES[piece.style][0])
        else:
            depth = sum(1 for p in self.stack if not p.style)
            self.out.append(_open_tag(self.file_id, piece.finding, self.findings[piece.finding], piece.first, depth))
        self.stack.append(piece)

    def _close(self, piece: Piece) -> None:
        self.out.append(_STYLES[piece.style][1] if piece.style else "</mark>")

    def _close_until(self, at: int) -> None:
        """Close every open piece that ends at or before `at`, earliest end first."""
        stack = self.stack
        while stack:
            ending = min(range(len(stack)), key=lambda k: (stack[k].end, -k))
            piece = stack[ending]
            if piece.end > at:
                return
            self._emit(piece.end)
            inner = stack[ending + 1 :]
            for closing in reversed(stack[ending:]):
                self._close(closing)
            del stack[ending:]
            for rest in inner:  # crossing: what is left of each goes on after the one that ended
                self._open(Piece(piece.end, rest.end, rest.finding, False, rest.style))


_EMPHASIS_RUN = re.compile(r"\*{1,3}|_{1,3}")


def _inline_styles(text: str, prose: str, block: Block) -> list[Piece]:
    """Emphasis and link text in a block, from the markup the parser hid: a run of hidden
    `*` or `_` opens emphasis before a visible character and closes it after one (paired
    as they nest), a hidden `[` opens a link's text and a hidden `](` or `][` ends it."""
    runs: list[tuple[int, int]] = []
    i, end = block.start, block.end
    while i < end:
        if text[i] != prose[i] and text[i] not in "\r\n":
            j = i + 1
            while j < end and text[j] != prose[j] and text[j] not in "\r\n":
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    pieces: list[Piece] = []
    open_marks: list[tuple[str, int]] = []  # (marker, where its text starts)
    links: list[int] = []
    for start, stop in runs:
        run = text[start:stop]
        if run == "[":
            links.append(stop)
        elif run.startswith(("](", "][")):  # with the link's target or label
            if links:
                pieces.append(Piece(links.pop(), start, -1, False, "link"))
        elif _EMPHASIS_RUN.fullmatch(run):
            before = text[start - 1] if start > block.start else " "
            after = text[stop] if stop < end else " "
            closes = not before.isspace() and any(m == run for m, _ in open_marks)
            if closes:
                while open_marks:
                    mark, begin = open_marks.pop()
                    if mark == run:
                        pieces.append(Piece(begin, start, -1, False, _EMPHASIS[len(run)]))
                        break
            elif not after.isspace():
                open_marks.append((run, stop))
    return [p for p in pieces if p.end > p.start]


def _visible_text(text: str, prose: str, start: int, end: int, shown: bool) -> str:
    """The characters of [start, end) a reader sees: the prose the parser kept (markup left
    out), line breaks as spaces; `shown`: every character, markup set apart."""
    chunk = text[start:end]
    if shown:
        return chunk.replace("\r", "")
    kept = prose[start:end]
    if kept == chunk:
        return chunk.replace("\r", "")
    return "".join(char for i, char in enumerate(chunk) if (char == kept[i] and char != "\r") or char == "\n")


def _open_tag(file_id: int, index: int, f: Finding, first: bool, depth: int) -> str:
    level = f.level.label
    if not first:
        return f'<mark class="hl cont d{min(depth, 3)}" data-of="{file_id}-{index}" data-r="{escape(f.rule)}" data-lv="{level}">'
    return (f'<mark class="hl d{min(depth, 3)}" id="h{file_id}-{index}" tabindex="0" data-n="{index + 1}" '
            f'data-rule="{escape(f.rule)}" data-level="{level}" data-line="{f.line}" data-column="{f.column}" '
            f'data-end-line="{f.end_line}" data-end-column="{f.end_column}">')


def _note(file_id: int, index: int, f: Finding, text: str) -> str:
    link = safe_link(f.link)
    rule = escape(f.rule)
    rule_html = (f'<a class="rule" href="{escape(link)}" target="_blank">{rule}</a>'
                 if link else f'<span class="rule">{rule}</span>')
    parts = [f'<li class="note" id="n{file_id}-{index}" data-r="{rule}" data-lv="{f.level.label}" value="{index + 1}">',
             f'<span class="lv">{f.level.label}</span> <span class="msg">{escape(f.message)}</span> {rule_html}',
             f' <span class="pos">line {f.line}, column {f.column}</span>']
    if f.suggestions:
        parts.append('<div class="sug">Suggestion: ' + " / ".join(f'<span class="s">{escape(s)}</span>' for s in f.suggestions) + "</div>")
    fixed = fixed_text(text, f)
    if fixed is not None:
        before, after = fixed
        label = "Fix" if f.fix is not None and f.fix.safe else "Unsafe fix"
        parts.append(f'<div class="fix">{label}: <del>{escape(before)}</del> \u2192 <ins>{escape(after)}</ins></div>')
    parts.append("</li>")
    return "".join(parts)


def fixed_text(text: str, f: Finding) -> tuple[str, str] | None:
    """(the text the fix changes, that text fixed), over the finding's span and its edits."""
    if f.fix is None or not f.fix.edits:
        return None
    edits = sorted(f.fix.edits, key=lambda e: e.start)
    lo = _clamp(min(f.offset, edits[0].start), text)
    hi = _clamp(max(f.end_offset, max(e.end for e in edits)), text)
    # Out to the ends of the words around it: "Moscow's -> Moscow’s" reads, "' -> ’" hardly does.
    stop = max(0, lo - _CONTEXT)
    while lo > stop and not text[lo - 1].isspace():
        lo -= 1
    stop = min(len(text), hi + _CONTEXT)
    while hi < stop and not text[hi].isspace():
        hi += 1
    out, pos = [], lo
    for edit in edits:
        start, end = _clamp(edit.start, text), _clamp(edit.end, text)
        if start < pos:  # overlapping edits are never applied together; show the first
            continue
        out.append(text[pos:start])
        out.append(edit.replacement)
        pos = end
    out.append(text[pos:hi])
    return text[lo:hi], "".join(out)


def _title(text: str, prose: str, regions: list[tuple[int, int, str]]) -> str:
    for kinds in (("title",), ("heading",), ("paragraph", "list", "blockquote")):
        for start, end, kind in regions:
            if kind in kinds:
                return visible(" ".join(_visible_text(text, prose, start, end, False).split())[:160])
    return ""
