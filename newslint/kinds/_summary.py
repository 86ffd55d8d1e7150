"""What Vale's summary-scoped kinds (metric, readability) look at: the article's prose
blocks (paragraphs, list items, block quotations; not headings or the title), each
block's text then a blank line, as Vale writes its summary (internal/lint/ast.go), and
the count of each kind of block (Vale's `f.Metrics`)."""

from __future__ import annotations

import regex

from newslint.document import Document
from newslint.kinds._readability import Stats, statistics

SUMMARY_KINDS = frozenset({"paragraph", "list", "blockquote"})
_ATX = regex.compile(r"[ ]{0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT = regex.compile(r"[ ]{0,3}(=+|-+)[ \t]*$")
_FENCE = regex.compile(r"^[ ]{0,3}(`{3,}|~{3,})", regex.MULTILINE)


def summary_text(doc: Document) -> str:
    parts = [doc.prose[r.start : r.end].strip() for r in doc.regions if r.kind in SUMMARY_KINDS]
    return "".join(part + "\n\n" for part in parts if part)


def summary_stats(doc: Document) -> Stats:
    return doc.memo("summary.stats", lambda d: statistics(summary_text(d)))


def heading_level(doc: Document, start: int) -> int:
    """1-6 for the heading whose text starts at `start` (ATX `#`s, or a setext underline)."""
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", start)
    line_end = len(doc.text) if line_end < 0 else line_end
    atx = _ATX.match(doc.text, line_start, line_end)
    if atx:
        return len(atx.group(1))
    after = doc.text.find("\n", line_end + 1)
    underline = doc.text[line_end + 1 : len(doc.text) if after < 0 else after].rstrip("\r")
    setext = _SETEXT.match(underline)
    if setext:
        return 1 if setext.group(1).startswith("=") else 2
    return 1


def block_counts(doc: Document) -> dict[str, float]:
    """heading_h1 ... heading_h6, list, blockquote, pre (code blocks), as Vale counts them."""
    counts = {f"heading_h{n}": 0.0 for n in range(1, 7)}
    counts.update(list=0.0, blockquote=0.0, pre=0.0)
    for region in doc.regions:
        if region.kind == "heading":
            counts[f"heading_h{heading_level(doc, region.start)}"] += 1
        elif region.kind in ("list", "blockquote"):
            counts[region.kind] += 1
    counts["pre"] = float(len(_FENCE.findall(doc.text)) // 2)
    return counts
