"""Plain text: a headline, one paragraph a line or hard-wrapped blocks, bullet lists."""

from __future__ import annotations

from newslint.parse import parse_document


def test_bbc_layout() -> None:
    text = "Headline here\n\nFirst paragraph is long enough.\n\nSecond one.\n - a list item\n - another\n"
    doc = parse_document(text, "a.txt")
    kinds = [(r.kind, text[r.start : r.end]) for r in doc.regions]
    assert kinds == [
        ("title", "Headline here"),
        ("paragraph", "First paragraph is long enough."),
        ("paragraph", "Second one."),
        ("list", "a list item"),
        ("list", "another"),
    ]
    assert doc.prose[text.index("- a list")] == " "


def test_hard_wrapped_block_is_one_paragraph() -> None:
    text = "This is a hard-wrapped paragraph that goes on\nand on across lines.\n"
    doc = parse_document(text, "a.txt")
    assert [(r.kind, r.start, r.end) for r in doc.regions] == [("paragraph", 0, len(text) - 1)]


def test_long_lines_are_paragraphs_each() -> None:
    line = "word " * 30
    text = f"{line.strip()}.\n{line.strip()}.\n"
    doc = parse_document(text, "a.txt")
    assert [r.kind for r in doc.regions] == ["paragraph", "paragraph"]


def test_front_matter_in_plain_text() -> None:
    doc = parse_document("---\ndate: 2024-03-06\n---\nBody.\n", "a.txt")
    assert str(doc.metadata["date"]) == "2024-03-06"
    assert doc.prose.startswith(" " * 3 + "\n")
