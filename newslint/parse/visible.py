"""The visible text of one Markdown block: what a reader sees, as Vale reads it.

From a block's inline content (the source lines of a paragraph, heading, list item or
table cell, container markers removed), the markup is taken out rather than blanked:
`**bold**` reads `bold`, `[text](target)` reads `text`, `\\*` reads `*`, `&amp;` reads
`&`, an HTML tag or comment reads nothing. What Vale does not lint is replaced by a `*`
for each character, as Vale does, so that the words either side stay apart and a rule
does not see them as neighbours: inline code (and `<code>`, `<tt>`, `<kbd>`, or the
elements BlockOptions.ignored_tags names), a URL written as its own link text (an
autolink `<https://...>`, a bare `https://...`), an element of an ignored class. An
image is taken out of the text; its alt text is a block of its own (scope `alt`).

Each result comes with an OffsetMap back to the content string, so that positions in it
are exact.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from newslint.offsets import MapBuilder, OffsetMap, identity
from newslint.parse.inline import AUTOLINK, inline_markup

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A URL that GitHub-flavoured Markdown (and so Vale's Markdown reader) turns into a link
# of its own text; the trailing punctuation it leaves out of the link is left out here.
_BARE_URL = re.compile(r"(?<![\w/])(?:https?|ftp)://[^\s<>]*[^\s<>?!.,:*_~'\")\]]")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"([A-Za-z_:][-\w:.]*)\s*(?:=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
# What can start markup (see inline.py), an entity or a URL: a block without any reads as it is.
_MARKUP = re.compile(r"[`<!\[\]\\~*_&]|://")
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "area", "base", "col", "embed", "source", "track"})


class Options(NamedTuple):
    """What is not prose inside a block (Vale's IgnoredScopes and IgnoredClasses)."""

    ignored_tags: frozenset[str] = frozenset({"tt", "code", "kbd"})
    ignored_classes: frozenset[str] = frozenset({"problematic", "pre", "code"})


DEFAULT_OPTIONS = Options()


class Alt(NamedTuple):
    """An image's alt text: its visible text and map back to the content string."""

    text: str
    map: OffsetMap


def _no_tick() -> None:
    pass


def attributes(raw: str) -> dict[str, str]:
    """The attributes of a tag (the text after its name), entities left as written."""
    found: dict[str, str] = {}
    for m in _ATTRIBUTE.finditer(raw):
        value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4) or ""
        found.setdefault(m.group(1).lower(), value)
    return found


def decode_entity(entity: str) -> str:
    import html  # only a block with an entity needs it

    decoded = html.unescape(entity)
    return entity if decoded == entity else decoded


class _Writer:
    """Visible characters and their map back to the content string."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.map = MapBuilder()

    def copy(self, content: str, start: int, end: int, masked: bool) -> None:
        """content[start:end] as prose (entities decoded, bare URLs masked), or all `*`."""
        if end <= start:
            return
        if masked:
            self.parts.append("*" * (end - start))
            self.map.add(end - start, start, end - start, False)
            return
        piece = content[start:end]
        if "&" not in piece and "://" not in piece:  # most text between two marks
            self.parts.append(piece)
            self.map.add(end - start, start, end - start, True)
            return
        at = start
        if "&" in content[start:end]:
            for m in _ENTITY.finditer(content, start, end):
                decoded = decode_entity(m.group())
                if decoded == m.group():
                    continue
                self._prose(content, at, m.start())
                self.parts.append(decoded)
                self.map.add(len(decoded), m.start(), m.end() - m.start(), False)
                at = m.end()
        self._prose(content, at, end)

    def _prose(self, content: str, start: int, end: int) -> None:
        if end <= start:
            return
        at = start
        if "://" in content[start:end]:
            for m in _BARE_URL.finditer(content, start, end):
                self._verbatim(content, at, m.start())
                self.copy(content, m.start(), m.end(), True)
                at = m.end()
        self._verbatim(content, at, end)

    def _verbatim(self, content: str, start: int, end: int) -> None:
        if end > start:
            self.parts.append(content[start:end])
            self.map.add(end - start, start, end - start, True)

    def result(self) -> tuple[str, OffsetMap]:
        return "".join(self.parts), self.map.build()


def visible_text(content: str, options: Options = DEFAULT_OPTIONS, alts: list[Alt] | None = None,
                 tick: Callable[[], None] = _no_tick) -> tuple[str, OffsetMap]:
    """The visible text of `content` (one block's inline content) and its map back to
    `content`; each image's alt text is appended to `alts` when given. `tick` is called
    once a piece of markup (Deadline.tick: a hostile block has a million)."""
    if _MARKUP.search(content) is None:  # most paragraphs of an article
        return content, identity(0, len(content))
    out = _Writer()
    at = 0
    # Inline HTML elements open around the text: (name, masked).
    open_tags: list[tuple[str, bool]] = []
    masked = False
    link_open: tuple[int, int] | None = None  # (content offset after "[", visible length then)
    escaped = -1  # the character after a backslash: text, whatever it would open
    # Emphasis open around the text ("strong", "em"), followed only when IgnoredScopes names
    # its tags: Vale reads **bold** as <strong>, which `IgnoredScopes = strong` leaves out.
    emphasis: list[str] = []
    emphasis_ignored = bool(options.ignored_tags & _EMPHASIS_TAGS)
    for start, end in inline_markup(content):
        tick()
        if start < at:
            continue
        if start == escaped:
            out.copy(content, at, start + 1, masked)
            at = start + 1
            continue
        out.copy(content, at, start, masked)
        at = end
        first = content[start]
        if first == "\\":
            escaped = end
            continue
        if first == "`":
            inner_start, inner_end = _code_inner(content, start, end)
            if "code" in options.ignored_tags:
                out.copy(content, inner_start, inner_end, True)
            else:
                out.copy(content, inner_start, inner_end, masked)
        elif first == "<":
            if content.startswith("<!--", start):
                at = _one_space(out, content, at)
                continue
            tag = None if AUTOLINK.fullmatch(content, start, end) else _TAG.fullmatch(content, start, end)
            if tag is None:  # an autolink
                target = content[start + 1 : end - 1]
                out.copy(content, start + 1, end - 1, masked or ":" in target)
                continue
            name = tag.group(2).lower()
            if name == "br":  # a line break, as a reader sees it
                out.parts.append("\n")
                out.map.add(1, start, end - start, False)
                continue
            attrs = attributes(tag.group(3))
            if name == "img" and alts is not None and attrs.get("alt"):
                _html_alt(content, tag, alts, options)
            if tag.group(1):  # a closing tag: close up to its opener
                for k in range(len(open_tags) - 1, -1, -1):
                    if open_tags[k][0] == name:
                        del open_tags[k:]
                        break
            elif name not in _VOID and not tag.group(3).rstrip().endswith("/"):
                classes = set(attrs.get("class", "").split())
                open_tags.append((name, name in options.ignored_tags or bool(classes & options.ignored_classes)))
            masked = any(m for _, m in open_tags) or any(_emphasis_tags[k] & options.ignored_tags for k in emphasis)
        elif first == "!":
            close = content.find("]", start + 2)
            if alts is not None and close != -1 and close < end:
                text, mapping = visible_text(content[start + 2 : close], options)
                if text.strip():
                    alts.append(Alt(text, mapping.shifted(start + 2)))
            at = _one_space(out, content, at)
        elif first == "[":
            link_open = (end, out.map.length)
        elif first == "]":
            if link_open is not None and content[start + 1 : start + 2] == "(":
                _mask_self_link(out, content, link_open, start, end)
            link_open = None
        elif first in "*_" and emphasis_ignored:
            _toggle_emphasis(content, start, end, emphasis)
            masked = any(m for _, m in open_tags) or any(_emphasis_tags[k] & options.ignored_tags for k in emphasis)
        # escapes, emphasis and strike-through markers: nothing to read
        # ("\\" is one character of markup: the character it escapes is read as text)
    out.copy(content, at, len(content), masked)
    return out.result()


_emphasis_tags = {"strong": frozenset({"strong", "b"}), "em": frozenset({"em", "i"})}
_EMPHASIS_TAGS = frozenset({"strong", "b", "em", "i"})


def _toggle_emphasis(content: str, start: int, end: int, emphasis: list[str]) -> None:
    """Open or close the emphasis a marker run stands for: `**` strong, `*` em, `***` both.
    A run with text right after it and none right before opens; any other closes."""
    kinds = {1: ["em"], 2: ["strong"]}.get(end - start, ["strong", "em"])
    before = content[start - 1] if start else " "
    after = content[end] if end < len(content) else " "
    if not after.isspace() and (before.isspace() or not before.isalnum()) and not (
            emphasis and emphasis[-1] in kinds and not before.isspace()):
        emphasis.extend(kinds)
        return
    for kind in reversed(kinds):
        for k in range(len(emphasis) - 1, -1, -1):
            if emphasis[k] == kind:
                del emphasis[k]
                break


def _one_space(out: _Writer, content: str, at: int) -> int:
    """Past the space after something taken out of the text (an image, a comment) when a
    space is before it too: "a ![x](y) b" reads "a b", not "a  b"."""
    if at < len(content) and content[at] in " \t" and out.parts and out.parts[-1][-1:] in (" ", "\t"):
        return at + 1
    return at


def _code_inner(content: str, start: int, end: int) -> tuple[int, int]:
    """A code span's content: inside its backtick runs, without the space either side."""
    ticks = 0
    while start + ticks < end and content[start + ticks] == "`":
        ticks += 1
    inner_start, inner_end = start + ticks, end - ticks
    while inner_start < inner_end and content[inner_start] in " \n":
        inner_start += 1
    while inner_end > inner_start and content[inner_end - 1] in " \n":
        inner_end -= 1
    return inner_start, inner_end


def _mask_self_link(out: _Writer, content: str, link_open: tuple[int, int], close: int, end: int) -> None:
    """A link whose text is its own target (`[https://x.org](https://x.org)`) reads as
    `*`s, as Vale reads a link whose text equals its href."""
    text_start, visible_at = link_open
    target = content[close + 2 : end - 1].strip().split()[0] if content[close + 2 : end - 1].strip() else ""
    target = target.strip("<>")
    if target and content[text_start:close] == target:
        text, _ = out.result()
        out.parts = [text[:visible_at], "*" * (len(text) - visible_at)]
        mapping = out.map.build().slice(0, visible_at)
        out.map = MapBuilder()
        out.map.extend(mapping)
        out.map.add(close - text_start, text_start, close - text_start, False)


def _html_alt(content: str, tag: re.Match[str], alts: list[Alt], options: Options) -> None:
    """The alt attribute of an inline `<img>`, as an alt block."""
    m = re.search(r"\balt\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", tag.group(3))
    if m is None:
        return
    group = 1 if m.group(1) is not None else 2
    begin = tag.start(3) + m.start(group)
    value = content[begin : tag.start(3) + m.end(group)]
    out = _Writer()
    out.copy(value, 0, len(value), False)
    text, mapping = out.result()
    if text.strip():
        alts.append(Alt(text, mapping.shifted(begin)))
