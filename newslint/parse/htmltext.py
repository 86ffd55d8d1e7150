"""The text of an HTML block inside a Markdown document, as Vale reads it: prose.

The block's text nodes are split into blocks at every tag that is not an inline one (as
Vale's HTML walker ends a block at each such tag); each block's scope comes from the
elements around it (`<th>` table.header, `<td>` table.cell, `<caption>` table.caption,
`<li>` list, `<blockquote>` blockquote, `<h1>`..`<h6>` heading.hN, `<figcaption>`
figure.caption, anything else plain text). The contents of skipped elements (`<script>`,
`<style>`, `<pre>`, `<figure>`, `<noscript>`, `<iframe>`, or BlockOptions.skipped_tags)
are not read; ignored inline elements (`<code>`...) and elements of an ignored class
read as `*`s. An `<img>`'s alt attribute is an alt block.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from newslint.offsets import MapBuilder, OffsetMap
from newslint.parse.visible import DEFAULT_OPTIONS, Options, _no_tick, attributes, decode_entity

_TOKEN = re.compile(r"<!--.*?(?:-->|\Z)|<[!?][^>]*>|<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.DOTALL)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
INLINE_TAGS = frozenset("b big i small abbr acronym cite dfn em kbd strong a br img span sub sup code tt del".split())
_SCOPES = {"th": "text.table.header", "td": "text.table.cell", "caption": "text.table.caption",
           "li": "text.list", "blockquote": "text.blockquote", "figcaption": "text.figure.caption",
           **{f"h{n}": f"text.heading.h{n}" for n in range(1, 7)}}
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "area", "base", "col", "embed", "source", "track"})


class HtmlBlock(NamedTuple):
    scope: str
    tags: tuple[str, ...]
    text: str
    map: OffsetMap  # back to the content string


class _Element(NamedTuple):
    name: str
    skipped: bool  # its content is not read
    masked: bool  # its content reads as `*`s


def html_blocks(content: str, options: Options = DEFAULT_OPTIONS,
                skipped_tags: frozenset[str] = frozenset({"script", "style", "pre", "figure", "noscript", "iframe"}),
                tick: Callable[[], None] = _no_tick) -> list[HtmlBlock]:
    """The blocks of text in `content` (an HTML block's source, container markers removed)."""
    blocks: list[HtmlBlock] = []
    stack: list[_Element] = []
    parts: list[str] = []
    runs = MapBuilder()

    def flush() -> None:
        nonlocal parts, runs
        text = "".join(parts)
        if text.strip():
            mapping = runs.build()
            begin = len(text) - len(text.lstrip())
            finish = len(text.rstrip())
            names = tuple(e.name for e in stack)
            scope = next((_SCOPES[n] for n in names if n in _SCOPES), "text")
            blocks.append(HtmlBlock(scope, names, text[begin:finish], mapping.slice(begin, finish)))
        parts, runs = [], MapBuilder()

    def write(start: int, end: int) -> None:
        if end <= start or any(e.skipped for e in stack):
            return
        if any(e.masked for e in stack):
            piece = content[start:end]
            stars = "".join("*" if not c.isspace() else c for c in piece)
            parts.append(stars)
            runs.add(end - start, start, end - start, False)
            return
        at = start
        for m in _ENTITY.finditer(content, start, end):
            decoded = decode_entity(m.group())
            if decoded == m.group():
                continue
            parts.append(content[at : m.start()])
            runs.add(m.start() - at, at, m.start() - at, True)
            parts.append(decoded)
            runs.add(len(decoded), m.start(), m.end() - m.start(), False)
            at = m.end()
        parts.append(content[at:end])
        runs.add(end - at, at, end - at, True)

    at = 0
    for m in _TOKEN.finditer(content):
        tick()
        write(at, m.start())
        at = m.end()
        name = (m.group(2) or "").lower()
        if not name:
            continue  # a comment, doctype or processing instruction
        inline = name in INLINE_TAGS
        if not inline:
            flush()
        attrs = attributes(m.group(3) or "")
        if name == "img" and attrs.get("alt") and not any(e.skipped for e in stack) and "alt" not in skipped_tags:
            _alt(content, m, blocks, stack)
        if m.group(1):  # closing: up to its opener
            for k in range(len(stack) - 1, -1, -1):
                if stack[k].name == name:
                    del stack[k:]
                    break
        elif name not in _VOID and not (m.group(3) or "").rstrip().endswith("/"):
            classes = set(attrs.get("class", "").split())
            ignored_class = bool(classes & options.ignored_classes)
            stack.append(_Element(name, name in skipped_tags or (ignored_class and not inline),
                                  inline and (name in options.ignored_tags or ignored_class)))
    write(at, len(content))
    flush()
    return blocks


def _alt(content: str, tag: re.Match[str], blocks: list[HtmlBlock], stack: list[_Element]) -> None:
    m = re.search(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", tag.group(3))
    if m is None:
        return
    group = 1 if m.group(1) is not None else 2
    begin, end = tag.start(3) + m.start(group), tag.start(3) + m.end(group)
    if content[begin:end].strip():
        runs = MapBuilder()
        runs.add(end - begin, begin, end - begin, True)
        blocks.append(HtmlBlock("text.attr.alt", (*(e.name for e in stack), "img"), content[begin:end], runs.build()))
