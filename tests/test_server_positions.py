"""newslint.server.positions and the fix-all edit: offsets <-> LSP positions in each encoding."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol", reason="the language server needs lsprotocol (a dependency of newslint)")

from newslint.server.actions import replacement  # noqa: E402
from newslint.server.positions import UTF8, UTF16, UTF32, LineIndex, units  # noqa: E402


def test_units_in_each_encoding() -> None:
    assert [units("a😀é", e) for e in (UTF8, UTF16, UTF32)] == [1 + 4 + 2, 1 + 2 + 1, 3]
    assert units("e\u0301", UTF16) == 2  # a combining accent is a character of its own
    assert units("\ud800", UTF16) == 1 and units("\ud800", UTF8) == 3  # a lone surrogate, as the client sent it


@pytest.mark.parametrize("encoding, character", [(UTF16, 3), (UTF8, 5), (UTF32, 2)])
def test_position_after_an_emoji_and_back(encoding: str, character: int) -> None:
    index = LineIndex("first\n😀x it's\n", encoding)
    assert index.position(8) == (1, character)  # "x" follows the emoji
    assert index.offset(1, character) == 8


def test_lines_end_at_lf_crlf_and_cr_only() -> None:
    text = "a\r\nb\rc\nd\u2028e\x0cf\x85g"
    index = LineIndex(text)
    assert index.starts == [0, 3, 5, 7]
    assert index.position(len(text)) == (3, len("d\u2028e\x0cf\x85g"))
    assert index.offset(1, 0) == 3 and index.offset(2, 0) == 5


def test_positions_out_of_range_are_clamped() -> None:
    index = LineIndex("ab\ncd", UTF16)
    assert index.offset(0, 99) == 2  # past the end of a line: its end, not the next line
    assert index.offset(7, 0) == 5 and index.offset(-1, 0) == 0
    assert index.position(99) == (1, 2)


def test_a_character_inside_a_surrogate_pair_is_after_it() -> None:
    index = LineIndex("😀b", UTF16)
    assert index.offset(0, 1) == 1 and index.offset(0, 2) == 1 and index.offset(0, 3) == 2


def test_the_fix_all_edit_spans_only_what_changed() -> None:
    index = LineIndex("It's 😀 here.\nAnd it's there.\n", UTF16)
    edit = replacement(index, "It’s 😀 here.\nAnd it’s there.\n")
    assert edit is not None and edit.new_text == "’s 😀 here.\nAnd it’"
    assert (edit.range.start.line, edit.range.start.character, edit.range.end.line, edit.range.end.character) == (0, 2, 1, 7)
    assert replacement(index, index.text) is None


def test_the_fix_all_edit_never_splits_a_crlf() -> None:
    index = LineIndex("a\r\nb", UTF16)
    edit = replacement(index, "a\r\r\nb")  # a CR inserted before the CRLF
    assert edit is not None
    start, end = edit.range.start, edit.range.end
    # applied by position, the edit gives the new text
    lines = ["a\r\n", "b"]
    offset = lambda p: sum(len(x) for x in lines[: p.line]) + p.character  # noqa: E731
    assert "a\r\nb"[: offset(start)] + edit.new_text + "a\r\nb"[offset(end) :] == "a\r\r\nb"
    assert (start.line, start.character) != (0, 2)  # not between the CR and the LF
