from __future__ import annotations

from newslint.parse import parse_document


def sentences(text: str) -> list[str]:
    doc = parse_document(text, "a.md")
    return [text[s.start : s.end] for s in doc.sentences]


def test_split_on_terminal_punctuation() -> None:
    assert sentences('He left. "We won," she said. Why? Yes!') == ["He left.", '"We won," she said.', "Why?", "Yes!"]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Mr. Smith met Dr. Jones on Sept. 5 in the U.S. capital. J. K. Rowling wrote."
    assert sentences(text) == ["Mr. Smith met Dr. Jones on Sept. 5 in the U.S. capital.", "J. K. Rowling wrote."]


def test_regions_bound_sentences() -> None:
    assert sentences("# Heading without stop\n\nBody sentence.") == ["Heading without stop", "Body sentence."]
