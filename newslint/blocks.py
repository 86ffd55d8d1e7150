"""The blocks of a document and their visible text: what the pattern kinds match.

Vale matches each block of a document on its own, on the text a reader sees: a
paragraph, a heading (with its level), a list item, a blockquote, a table's header and
body cells, an image's alt text, the text of an HTML block. `Document.blocks` gives
them in document order, each a `Block`:

- `block.scope`: Vale's name for it, e.g. "text.heading.h2", "text.list", "text" (a plain
  paragraph), "text.table.cell", "text.attr.alt", "text.title" (newslint's headline);
  `block.sections` its parts plus the format ("md" or "txt"), which scopes select on.
- `block.text`: its visible text (see newslint.parse.visible: markup taken out, inline code
  and URLs read as `*`s, a CRLF read as one line break).
- `block.to_source(i)`, `block.span_to_source(a, b)`: offsets in `doc.text`;
  `block.start`/`block.end`: the source span from its first visible character to its last.
- `block.tags`: the HTML elements it sits in (what Vale's SkippedScopes name).

`BlockText` lays a list of blocks end to end, one "\\n" between each (`offsets`: where
each block starts in it): the text the pattern kinds match and the word prefilter
indexes. `select(doc, selection)` is what a rule's scope selects in it. Nothing here is built
until a rule asks (`Document.blocks` is computed once, on first use).
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import TYPE_CHECKING, Any, Callable

from newslint.offsets import MapBuilder, OffsetMap, identity

if TYPE_CHECKING:
    from newslint.document import Document
    from newslint.parse.visible import Options
    from newslint.scopes import Selection


class BlockOptions:
    """What a document's blocks leave out: the HTML elements whose content is not read
    (Vale's SkippedScopes), the inline ones read as `*`s (IgnoredScopes) and the classes
    whose elements are one or the other (IgnoredClasses); the defaults are Vale's. Set
    `Document.block_options` before the first rule runs to change them.

    `token_ignores` and `block_ignores` are spans of `doc.text` (Vale's TokenIgnores and
    BlockIgnores, their patterns run over the file by whoever sets the options): the
    characters of a token span read as `*`s, as inline code does; those of a block span
    are not read at all, as a code block is not."""

    __slots__ = ("skipped_tags", "ignored_tags", "ignored_classes", "token_ignores", "block_ignores")

    def __init__(self, skipped_tags: frozenset[str] = frozenset({"script", "style", "pre", "figure", "noscript", "iframe"}),
                 ignored_tags: frozenset[str] = frozenset({"tt", "code", "kbd"}),
                 ignored_classes: frozenset[str] = frozenset({"problematic", "pre", "code"}),
                 token_ignores: tuple[tuple[int, int], ...] = (),
                 block_ignores: tuple[tuple[int, int], ...] = ()) -> None:
        self.skipped_tags = skipped_tags
        self.ignored_tags = ignored_tags
        self.ignored_classes = ignored_classes
        self.token_ignores = token_ignores
        self.block_ignores = block_ignores


DEFAULT_BLOCK_OPTIONS = BlockOptions()
# What can start markup (see parse/inline.py), an entity or a URL: a block with none of
# these reads as it is written, and the Markdown readers are not even loaded for it.
_MARKUP = re.compile(r"[`<!\[\]\\~*_&]|://")
_TASK_MARKERS = frozenset({"[ ] ", "[x] ", "[X] "})
_SCOPE_OF_KIND = {"title": "text.title", "paragraph": "text", "list": "text.list", "blockquote": "text.blockquote"}


class Block:
    """One block of text: its scope, visible text and map back to the source."""

    __slots__ = ("scope", "sections", "text", "map", "tags", "start", "end")

    def __init__(self, scope: str, text: str, mapping: OffsetMap, tags: tuple[str, ...] = (), fmt: str = "md") -> None:
        self.scope = scope
        self.sections = _sections(scope, fmt)
        self.text = text
        self.map = mapping
        self.tags = tags
        self.start, self.end = mapping.span_to_source(0, len(text))

    def __repr__(self) -> str:
        return f"Block({self.scope!r}, {self.text!r}, start={self.start}, end={self.end})"

    def to_source(self, offset: int) -> int:
        """The offset in `doc.text` of visible character `offset` (or of the block's end)."""
        return self.map.to_source(offset)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """The span of `doc.text` that visible text[start:end] was read from."""
        return self.map.span_to_source(start, end)

    def is_verbatim(self, start: int, end: int) -> bool:
        """True when text[start:end] is its source span character for character."""
        return self.map.is_verbatim(start, end)


@functools.lru_cache(maxsize=256)
def _sections(scope: str, fmt: str) -> frozenset[str]:
    """A scope's sections with the format, one set per scope (a file has thousands of blocks)."""
    return frozenset((*scope.split("."), fmt))


class BlockText:
    """Blocks laid end to end, `separator` between each: one text to index words in and
    match patterns on, with where each block starts in it (`offsets`)."""

    __slots__ = ("text", "blocks", "offsets")

    def __init__(self, blocks: list[Block], separator: str = "\n") -> None:
        offsets = []
        at = 0
        for block in blocks:
            offsets.append(at)
            at += len(block.text) + len(separator)
        self.text = separator.join(b.text for b in blocks)
        self.blocks = blocks
        self.offsets = offsets

    def locate(self, offset: int) -> tuple[Block, int] | None:
        """The block holding `offset` of `text` (its end counts) and where it starts; None
        in a separator."""
        i = bisect.bisect_right(self.offsets, offset) - 1
        if i < 0:
            return None
        block, start = self.blocks[i], self.offsets[i]
        return (block, start) if offset <= start + len(block.text) else None

    def span_to_source(self, start: int, end: int) -> tuple[int, int] | None:
        """The source span of text[start:end], when it lies in one block."""
        found = self.locate(start)
        if found is None:
            return None
        block, base = found
        if end > base + len(block.text):
            return None
        return block.span_to_source(start - base, end - base)

    def is_verbatim(self, start: int, end: int) -> bool:
        """True when text[start:end] lies in one block and is its source character for character."""
        found = self.locate(start)
        if found is None:
            return False
        block, base = found
        return end <= base + len(block.text) and block.is_verbatim(start - base, end - base)


def build_blocks(doc: Document) -> list[Block]:
    """Every block of text in `doc`, in document order, blank ones left out."""
    options: BlockOptions = getattr(doc, "block_options", None) or DEFAULT_BLOCK_OPTIONS
    blocks = _plain_blocks(doc) if doc.source_blocks is None else _markdown_blocks(doc, options)
    if options.token_ignores or options.block_ignores:
        blocks = _ignoring(blocks, options)
    return blocks


def _ignoring(blocks: list[Block], options: BlockOptions) -> list[Block]:
    """The blocks with the token spans read as `*`s and the block spans taken out."""
    spans = sorted([(a, b, True) for a, b in options.token_ignores] + [(a, b, False) for a, b in options.block_ignores])
    out = []
    for block in blocks:
        text, mapping = block.text, block.map
        for a, b, masked in spans:
            if b <= block.start or a >= block.end:
                continue
            i, j = _visible_at(mapping, a), _visible_at(mapping, b)
            if j <= i:
                continue
            runs = MapBuilder()
            runs.extend(mapping.slice(0, i))
            if masked:
                runs.extend(_unverbatim(mapping.slice(i, j)))
                text = text[:i] + "*" * (j - i) + text[j:]
            else:
                text = text[:i] + text[j:]
            runs.extend(mapping.slice(j, len(mapping)))
            mapping = runs.build()
        if text.strip():
            block_out = Block(block.scope, text, mapping, block.tags)
            block_out.sections = block.sections
            out.append(block_out)
    return out


def _visible_at(mapping: OffsetMap, offset: int) -> int:
    """The first visible offset whose source offset is `offset` or after it."""
    low, high = 0, len(mapping)
    while low < high:
        mid = (low + high) // 2
        if mapping.to_source(mid) < offset:
            low = mid + 1
        else:
            high = mid
    return low


def _unverbatim(mapping: OffsetMap) -> OffsetMap:
    return OffsetMap(mapping.starts, mapping.lengths, mapping.sources, mapping.source_lengths, [False] * len(mapping.starts))


def _markdown_blocks(doc: Document, options: BlockOptions) -> list[Block]:
    """The blocks of a Markdown document, from what its parser recorded (source_blocks)."""
    assert doc.source_blocks is not None
    from newslint.document import lone_cr_as_lf

    source = lone_cr_as_lf(doc.text)
    inline = (options.ignored_tags, options.ignored_classes)
    blocks: list[Block] = []
    for sb in doc.source_blocks:
        if options.skipped_tags.intersection(sb.containers):
            continue
        content, content_map = _content(source, doc.text, sb.spans)
        if sb.kind == "html":
            from newslint.parse.htmltext import html_blocks

            for hb in html_blocks(content, _inline_options(inline), options.skipped_tags, doc.deadline.tick):
                if not options.skipped_tags.intersection(hb.tags):
                    _add(blocks, hb.scope, hb.text, hb.map.compose(content_map), (*sb.containers, *hb.tags))
            continue
        if sb.kind == "title":
            _add(blocks, "text.title", content, content_map, ())
            continue
        if sb.kind == "list" and content[:4] in _TASK_MARKERS:
            # A task list item's box (GFM) is a checkbox to a reader, not text.
            content, content_map = content[4:], content_map.slice(4, len(content))
        scope = f"text.heading.h{sb.level}" if sb.kind == "heading" else _SCOPE_OF_KIND.get(sb.kind, "text")
        tag = f"h{sb.level}" if sb.kind == "heading" else "p"
        pieces = _table_pieces(content) if sb.kind != "heading" and "|" in content and "-" in content else None
        if pieces is None:
            _add_inline(blocks, scope, content, content_map, (*sb.containers, tag), inline, doc.deadline.tick)
            continue
        for piece in pieces:
            piece_map = content_map.slice(piece.start, piece.end)
            piece_text = content[piece.start : piece.end]
            if piece.kind == "paragraph":
                _add_inline(blocks, scope, piece_text, piece_map, (*sb.containers, tag), inline, doc.deadline.tick)
            else:
                cell = "th" if piece.kind == "header" else "td"
                _add_inline(blocks, f"text.table.{piece.kind}", piece_text, piece_map,
                            (*sb.containers, "table", "tr", cell), inline, doc.deadline.tick)
    if "alt" in options.skipped_tags:
        blocks = [b for b in blocks if b.scope != "text.attr.alt"]
    blocks.sort(key=lambda b: b.start)
    return blocks


def _table_pieces(content: str) -> list[Any] | None:
    from newslint.parse.tables import table_pieces

    return table_pieces(content)


def _inline_options(options: tuple[frozenset[str], frozenset[str]]) -> Options:
    from newslint.parse.visible import Options

    return Options(*options)


def _add_inline(blocks: list[Block], scope: str, content: str, content_map: OffsetMap,
                tags: tuple[str, ...], options: tuple[frozenset[str], frozenset[str]],
                tick: Callable[[], None]) -> None:
    if _MARKUP.search(content) is None:  # most paragraphs of an article: no reader needed
        _add(blocks, scope, content, content_map, tags)
        return
    from newslint.parse.visible import Alt, visible_text

    alts: list[Alt] = []
    text, mapping = visible_text(content, _inline_options(options), alts, tick)
    _add(blocks, scope, text, mapping.compose(content_map), tags)
    for alt in alts:
        _add(blocks, "text.attr.alt", alt.text, alt.map.compose(content_map), (*tags, "img"))


def _add(blocks: list[Block], scope: str, text: str, mapping: OffsetMap, tags: tuple[str, ...], fmt: str = "md") -> None:
    """Append the block, without the white space at either end; nothing when blank."""
    begin = len(text) - len(text.lstrip())
    if begin == len(text):
        return
    finish = len(text.rstrip())
    if begin or finish < len(text):
        text, mapping = text[begin:finish], mapping.slice(begin, finish)
    blocks.append(Block(scope, text, mapping, tags, fmt))


def _content(source: str, original: str, spans: tuple[tuple[int, int], ...]) -> tuple[str, OffsetMap]:
    """A block's content (its spans joined by "\\n") and its map back to the source.

    `source` is the text with each lone CR read as LF (as the parser read it); a line
    break that is a CR or CRLF in `original` reads as "\\n", not character for character."""
    runs = MapBuilder()
    parts: list[str] = []
    previous_end = -1
    for start, end in spans:
        if previous_end >= 0:
            brk = source.find("\n", previous_end, start)
            if brk == -1:
                brk = previous_end
                runs.add(1, brk, 0, False)
            elif brk > 0 and source[brk - 1] == "\r" and brk - 1 >= previous_end:
                runs.add(1, brk - 1, 2, False)
            else:
                runs.add(1, brk, 1, original[brk] == "\n")
            parts.append("\n")
        piece = source[start:end]
        if "\n" in piece and "\r" in original[start:end]:
            _add_lines(runs, parts, piece, original, start)
        else:
            runs.add(end - start, start, end - start, True)
            parts.append(piece)
        previous_end = end
    return "".join(parts), runs.build()


def _add_lines(runs: MapBuilder, parts: list[str], piece: str, original: str, start: int) -> None:
    """A piece whose "\\n"s may be lone CRs in `original`: those read as "\\n", not verbatim."""
    at = 0
    while True:
        brk = piece.find("\n", at)
        if brk == -1:
            break
        runs.add(brk - at, start + at, brk - at, True)
        runs.add(1, start + brk, 1, original[start + brk] == "\n")
        at = brk + 1
    runs.add(len(piece) - at, start + at, len(piece) - at, True)
    parts.append(piece)


def _plain_blocks(doc: Document) -> list[Block]:
    """A plain-text document's regions as blocks: their text, each CRLF read as "\\n"."""
    text = doc.text
    blocks: list[Block] = []
    for region in doc.regions:
        piece = text[region.start : region.end]
        if "\r" not in piece:
            mapping = identity(region.start, len(piece))
            visible = piece
        else:
            runs = MapBuilder()
            parts = []
            at = 0
            while at < len(piece):
                cr = piece.find("\r", at)
                if cr == -1:
                    cr = len(piece)
                runs.add(cr - at, region.start + at, cr - at, True)
                parts.append(piece[at:cr])
                if cr < len(piece):
                    width = 2 if piece.startswith("\r\n", cr) else 1
                    runs.add(1, region.start + cr, width, False)
                    parts.append("\n")
                    cr += width
                at = cr
            mapping, visible = runs.build(), "".join(parts)
        _add(blocks, _SCOPE_OF_KIND.get(region.kind, "text"), visible, mapping, (), "txt")
    return blocks


class Selected:
    """What a scope selects in a document: the text it is matched in, the spans of that
    text it selects (sorted, none inside another) and the memo key of its word index."""

    __slots__ = ("text", "units", "key")

    def __init__(self, text: BlockText, units: list[tuple[int, int]], key: str) -> None:
        self.text, self.units, self.key = text, units, key


_SUMMARY_SCOPES = frozenset({"text", "text.list", "text.blockquote"})


def select(doc: Document, selection: Selection) -> Selected:
    """The blocks (and sentences, paragraphs, raw text, summary) `selection` selects."""
    fmt = "txt" if doc.format == "plaintext" else "md"
    parts: list[tuple[str, BlockText, list[tuple[int, int]]]] = []
    visible = doc.block_text
    spans = [(start, start + len(block.text)) for block, start in zip(visible.blocks, visible.offsets)
             if selection.selects(block.sections)]
    if selection.names("paragraph") and selection.selects(frozenset({"paragraph", fmt})):
        spans.extend((start, start + len(block.text)) for block, start in zip(visible.blocks, visible.offsets)
                     if block.scope == "text")
    if spans:
        parts.append(("visible", visible, _outermost(spans)))
    if selection.names("sentence") and selection.selects(frozenset({"sentence", fmt})):
        sentences = doc.memo("blocks.sentences", _sentences)
        parts.append(("sentences", sentences, [(start, start + len(b.text)) for b, start in zip(sentences.blocks, sentences.offsets)]))
    if selection.names("raw") and selection.selects(frozenset({"raw", fmt})):
        raw = doc.memo("blocks.raw", _raw)
        parts.append(("raw", raw, [(0, len(raw.text))]))
    if selection.names("summary") and selection.selects(frozenset({"summary", fmt})):
        summary = doc.memo("blocks.summary", _summary)
        if summary.text:
            parts.append(("summary", summary, [(0, len(summary.text))]))
    if not parts:
        return Selected(visible, [], "blocks.words.visible")
    if len(parts) == 1:
        name, text, units = parts[0]
        return Selected(text, units, f"blocks.words.{name}")
    blocks: list[Block] = []
    units = []
    for _, text, part_units in parts:
        shift = sum(len(b.text) + 1 for b in blocks)
        blocks.extend(text.blocks)
        units.extend((a + shift, b + shift) for a, b in part_units)
    return Selected(BlockText(blocks), units, "blocks.words." + "+".join(name for name, _, _ in parts))


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans sorted, without those inside another (a sentence of a selected paragraph)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and end <= out[-1][1]:
            continue
        out.append((start, end))
    return out


def _sentences(doc: Document) -> BlockText:
    """The sentences of the plain paragraphs, each a block of its own (so that `^` holds
    at a sentence's start, as in Vale, which matches each sentence alone)."""
    from newslint.sentences import split_sentences
    from newslint.spans import Region

    visible = doc.block_text
    regions = [Region(start, start + len(block.text), "paragraph")
               for block, start in zip(visible.blocks, visible.offsets) if block.scope == "text"]
    sentences = []
    for span in split_sentences(visible.text, regions, doc.deadline):
        found = visible.locate(span.start)
        if found is None:
            continue
        block, base = found
        a, b = span.start - base, min(span.end - base, len(block.text))
        part = Block("sentence", block.text[a:b], block.map.slice(a, b), block.tags)
        part.sections = frozenset(("sentence", *(s for s in block.sections if s in ("md", "txt"))))
        sentences.append(part)
    return BlockText(sentences)


def _raw(doc: Document) -> BlockText:
    return BlockText([Block("raw", doc.text, identity(0, len(doc.text)), (), "txt" if doc.format == "plaintext" else "md")])


def _summary(doc: Document) -> BlockText:
    """Vale's summary: the plain paragraphs, list items and blockquotes as one block,
    a blank line between each."""
    parts: list[str] = []
    runs = MapBuilder()
    for block in doc.blocks:
        if block.scope not in _SUMMARY_SCOPES:
            continue
        if parts:
            parts.append("\n\n")
            runs.add(2, runs.last_source_end(), 0, False)
        parts.append(block.text)
        runs.extend(block.map)
    text = "".join(parts)
    return BlockText([Block("summary", text, runs.build(), (), "txt" if doc.format == "plaintext" else "md")] if text else [])
