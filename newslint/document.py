"""The Document every kind reads: original text, masked prose, regions, quotations, lines,
and the blocks of visible text.

`prose` has exactly the length of `text`; everything that is not prose is blanked with
spaces (line breaks are kept), so an offset found in `prose` is an offset in `text`. The
news kinds read it. The pattern kinds (Vale's) read `blocks` instead: each block's text
as a reader sees it, with a map back to `text` (see newslint.blocks).
"""

from __future__ import annotations

import bisect
import datetime
import re
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterator, NamedTuple, TypeVar

from newslint.deadline import Deadline
from newslint.spans import Quotation, Region, SourceBlock, Span, SpanSet

if TYPE_CHECKING:
    from newslint.blocks import Block, BlockOptions, BlockText

T = TypeVar("T")
# What `Document.memo` holds for a computation that ran out of time.
_OUT_OF_TIME = object()

REGION_KINDS = ("title", "heading", "paragraph", "blockquote", "list")
_SENTENCE_OPENERS = "\"'\u201c\u2018([ \t"


class Directive(NamedTuple):
    """An inline `<!-- newslint-... -->` comment: action and the rule ids it names."""

    offset: int
    line: int
    action: str  # "disable", "enable" or "disable-next-line"
    rules: tuple[str, ...]


# The line endings newslint reads, as CommonMark (and so markdown-it) defines them: LF,
# CRLF and a lone CR. U+2028, U+2029, NEL, form feed and vertical tab are characters
# inside a line, as they are to CommonMark, git and diff (Python's str.splitlines is not).
LINE_BREAK = re.compile(r"\r\n?|\n")
_LONE_CR = re.compile(r"\r(?!\n)")


def split_lines(text: str) -> list[str]:
    """The lines of `text`, without their line endings."""
    return LINE_BREAK.split(text) if "\r" in text else text.split("\n")


def lone_cr_as_lf(text: str) -> str:
    """`text` with each lone CR written as LF: the same length and offsets, and line
    breaks that the parsers (which look for LF) see where markdown-it and LineIndex do."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def prose_line_breaks(prose: str) -> str:
    """Masked prose whose line breaks are all LF, as Vale reads text: a CRLF's CR becomes a
    space (a lone CR is already LF, see lone_cr_as_lf), so that `$` and `[ \\t]` in a
    rule's pattern see a CRLF line as they see an LF line."""
    return prose.replace("\r", " ") if "\r" in prose else prose


class LineIndex:
    """Maps offsets to 1-based (line, column); columns count code points.

    LF, CRLF and a lone CR end a line (LINE_BREAK). A CRLF's "\\r" is the last character
    of its line, so it never shifts a column.
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        if "\r" in text:
            starts.extend(m.end() for m in LINE_BREAK.finditer(text))
        else:
            find = text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
        self.starts = starts
        self.length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of 1-based `line`, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else self.length
        return start, end

    def __len__(self) -> int:
        return len(self.starts)


class Document:
    """One article, parsed; what the rules share about it is computed once (`memo` and the
    cached properties)."""

    def __init__(self, path: str, text: str, prose: str, regions: list[Region], *,
                 metadata: dict[str, Any] | None = None, directives: list[Directive] | None = None,
                 format: str = "markdown", problems: list[tuple[int, str]] | None = None,
                 disabled: tuple[str, ...] = (), published: datetime.date | None = None,
                 source_blocks: list[SourceBlock] | None = None) -> None:
        self.path = path
        self.text = text
        self.prose = prose
        self.regions = regions
        self.metadata: dict[str, Any] = {} if metadata is None else metadata
        self.directives: list[Directive] = [] if directives is None else directives
        self.format = format
        # (offset, message) pairs for input that is wrong but not fatal, e.g. bad front matter.
        self.problems: list[tuple[int, str]] = [] if problems is None else problems
        # Rule ids switched off for the whole file by front matter `newslint: {disable: [...]}`.
        self.disabled = disabled
        # The publication date from front matter (the key the config names), if any.
        self.published = published
        # The blocks as the parser found them (Markdown); None: the regions are the blocks.
        self.source_blocks = source_blocks
        # What the blocks leave out (Vale's SkippedScopes, IgnoredScopes, IgnoredClasses);
        # None: Vale's defaults. Set it before the first rule reads `blocks`.
        self.block_options: BlockOptions | None = None
        # Segmentations computed once and shared by every rule (see `memo`).
        self._memo: dict[str, Any] = {}
        # The rules' time on this document; the engine sets a fresh one when it checks it.
        self.deadline = Deadline()

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, format={self.format!r}, characters={len(self.text)}, regions={len(self.regions)})"

    def memo(self, key: str, factory: Callable[[Document], T]) -> T:
        """Compute `factory(self)` once per document; kinds share tokens, names, numbers.

        A factory that runs out of its rule's time is not run again: every rule that shares
        it would spend its own share the same way (five numbers rules, 2 s each, on one
        scan of 300,000 figures), so they stop at once with a TimeoutError instead."""
        try:
            value = self._memo[key]
        except KeyError:
            try:
                value = self._memo[key] = factory(self)
            except TimeoutError:
                self._memo[key] = _OUT_OF_TIME
                raise
            return value
        if value is _OUT_OF_TIME:
            raise TimeoutError(f"{key} ran out of time on this file")
        return value  # type: ignore[no-any-return]

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def quotations(self) -> list[Quotation]:
        from newslint.quotes import find_quotations

        return find_quotations(self.prose, self.regions)

    @cached_property
    def quoted(self) -> "SpanSet":
        """The inside of every direct quotation, marks included."""
        return SpanSet([(q.start, q.end) for q in self.quotations])

    @cached_property
    def sentences(self) -> list[Span]:
        from newslint.sentences import split_sentences

        return self.memo("sentences", lambda d: split_sentences(d.prose, d.regions, d.deadline))

    @cached_property
    def sentence_starts(self) -> frozenset[int]:
        """Where each sentence's first word begins: past any opening quote, bracket or space."""
        prose = self.prose
        starts = set()
        for s in self.sentences:
            pos = s.start
            while pos < s.end and prose[pos] in _SENTENCE_OPENERS:
                pos += 1
            starts.add(pos)
        return frozenset(starts)

    @property
    def blocks(self) -> list[Block]:
        """Every block of text, in document order, with its scope, visible text and map
        back to `text` (newslint.blocks.Block); built on first use, once."""
        return self.memo("blocks", _build_blocks)

    @property
    def block_text(self) -> BlockText:
        """`blocks` laid end to end, "\\n" between each (newslint.blocks.BlockText)."""
        return self.memo("blocks.text", _build_block_text)

    def regions_of(self, kinds: frozenset[str]) -> Iterator[Region]:
        return (r for r in self.regions if r.kind in kinds)

    def region_at(self, offset: int) -> Region | None:
        starts = self._region_starts
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset < self.regions[i].end:
            return self.regions[i]
        return None

    @cached_property
    def _region_starts(self) -> list[int]:
        return [r.start for r in self.regions]


def _build_blocks(doc: Document) -> list[Block]:
    from newslint.blocks import build_blocks

    return build_blocks(doc)


def _build_block_text(doc: Document) -> BlockText:
    from newslint.blocks import BlockText

    return BlockText(doc.blocks)
