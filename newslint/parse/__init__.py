"""Turn the text of one file into a Document; one module per input format."""

from __future__ import annotations

from newslint.document import Document

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
PLAINTEXT_SUFFIXES = frozenset({".txt", ".text"})


def format_for_path(path: str) -> str:
    lowered = path.lower()
    if any(lowered.endswith(s) for s in PLAINTEXT_SUFFIXES):
        return "plaintext"
    return "markdown"


def parse_document(text: str, path: str = "<text>", fmt: str | None = None) -> Document:
    """Parse `text` (already decoded, BOM removed) as Markdown or plain text."""
    fmt = fmt or format_for_path(path)
    if fmt == "plaintext":
        from newslint.parse.plaintext import parse_plaintext

        return parse_plaintext(text, path)
    from newslint.parse.markdown import parse_markdown

    return parse_markdown(text, path)
