from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newslint.document import Region
from newslint.parse import parse_document
from newslint.sentences import _END, _ends


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


@given(st.text(alphabet="aA1 \n.!?'\"\u2019\u201d)]([\u201c", max_size=60), st.integers(0, 5), st.integers(0, 5))
def test_sentence_ends_found_after_marks_as_a_scan_finds_them(text: str, cut_start: int, cut_end: int) -> None:
    region = Region(min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end))
    scanned = [m.span() for m in _END.finditer(text, region.start, region.end)]
    assert [m.span() for m in _ends(text, region)] == scanned
