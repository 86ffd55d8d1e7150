"""Quotation detection: double and single marks, nesting, the multi-paragraph convention."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newslint.document import Region
from newslint.parse import parse_document
from newslint.quotes import _SINGLE_CLOSER, _SINGLE_OPENER, _matches_at, stray_marks


def quoted(text: str, path: str = "a.md") -> list[str]:
    doc = parse_document(text, path)
    return [text[q.start : q.end] for q in doc.quotations]


def strays(text: str, path: str = "a.md") -> list[int]:
    doc = parse_document(text, path)
    return stray_marks(doc.prose, doc.regions, doc.quotations)


def test_straight_and_curly_double_quotes_pair() -> None:
    assert quoted('"We won," she said. \u201cWe will win again.\u201d') == ['"We won,"', "\u201cWe will win again.\u201d"]


def test_multi_paragraph_convention_is_one_quotation() -> None:
    text = '\u201cWe waited ten years.\n\n\u201cNow the work can begin,\u201d she said.\n'
    doc = parse_document(text, "a.md")
    assert [(q.start, q.end, q.closed) for q in doc.quotations] == [(0, text.index(" she"), True)]
    assert strays(text) == []


def test_paragraphs_run_together_keep_the_convention() -> None:
    # Many exports join a story's paragraphs: the open mark after a full stop continues.
    text = '"The wall had to be built. "The town knows that," said Mayor Ruiz.'
    assert quoted(text, "a.txt") == ['"The wall had to be built. "The town knows that,"']
    assert strays(text, "a.txt") == []


def test_convention_after_a_nested_quotation_ends_the_sentence() -> None:
    text = '"It made me say \'wow - that is interesting.\' "My own view is different," he said.'
    assert quoted(text, "a.txt")[0] == text[: text.index(" he said")]
    assert strays(text, "a.txt") == []


def test_double_marks_nested_in_double_marks() -> None:
    text = '"You lie; you stay home because you "had stuff to do", you skip dinner," he wrote.'
    assert quoted(text, "a.txt") == [text[: text.index(" he wrote")], '"had stuff to do"']
    assert strays(text, "a.txt") == []


def test_nested_quotation_leaves_the_outer_one_unclosed() -> None:
    text = 'He said productivity "would need "significant" changes.'
    doc = parse_document(text, "a.txt")
    assert [(text[q.start : q.end], q.closed) for q in doc.quotations] == [
        ('"would need "significant" changes.', False),
        ('"significant"', True),
    ]


def test_mark_after_a_word_before_punctuation_does_not_open() -> None:
    text = 'It could be "a recruiting sergeant" for terrorists". His party disagreed.'
    assert quoted(text, "a.txt") == ['"a recruiting sergeant"']
    assert strays(text, "a.txt") == [text.index('".')]


def test_unclosed_quotation_at_paragraph_end() -> None:
    doc = parse_document('"We have the votes, she said.\n\nThe vote is next week.', "a.md")
    assert [q.closed for q in doc.quotations] == [False]


def test_british_single_quotes_in_a_headline() -> None:
    assert quoted("Blair 'will not quit' over row\n\nBody text here.", "a.txt") == ["'will not quit'"]


def test_nested_single_quotes_inside_double() -> None:
    text = '"He told me \'go away now\' and left," she said.'
    assert quoted(text) == [text[: text.index(" she")], "'go away now'"]


def test_apostrophes_are_not_quotation_marks() -> None:
    assert quoted("The players' union said it's the '90s all over again and rock 'n' roll won't die.") == []


def test_inch_marks_are_not_stray() -> None:
    assert strays('He is 6ft 2" tall.') == []


def test_closing_mark_with_nothing_open_is_stray() -> None:
    text = "The plan was dead\u201d by Friday."
    assert strays(text) == [text.index("\u201d")]


@given(st.text(alphabet="ab1 \n'\u2018\u2019\"\u201c\u201d-(.", max_size=60), st.integers(0, 5), st.integers(0, 5))
def test_single_marks_found_at_their_marks_as_a_scan_finds_them(text: str, cut_start: int, cut_end: int) -> None:
    region = Region(min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end))
    for pattern, marks in ((_SINGLE_OPENER, "'\u2018"), (_SINGLE_CLOSER, "'\u2019")):
        scanned = [m.span() for m in pattern.finditer(text, region.start, region.end)]
        assert [m.span() for m in _matches_at(pattern, text, region, marks)] == scanned


def test_a_single_mark_quotation_may_open_before_an_editors_bracket_or_an_ellipsis() -> None:
    text = "'[Oil prices] will weigh on us,' he said. '...and then nothing,' she said."
    assert quoted(text, "a.txt") == ["'[Oil prices] will weigh on us,'", "'...and then nothing,'"]


def test_a_single_mark_pairs_with_a_closer_of_its_own_style() -> None:
    # In mixed copy the curly mark after "contractors" is an apostrophe, not the closer.
    text = "'The contractors\u2019 costs are unpaid,' he said."
    assert quoted(text, "a.txt") == ["'The contractors\u2019 costs are unpaid,'"]
    text = "\u2018The contractors' costs are unpaid,\u2019 he said."
    assert quoted(text, "a.txt") == ["\u2018The contractors' costs are unpaid,\u2019"]
    # With no closer of its own style, the first closer still closes it.
    assert quoted("\u2018We won,' she said.", "a.txt") == ["\u2018We won,'"]
