"""Inline comments and front matter switch rules off; the engine applies them."""

from __future__ import annotations

from tests.helpers import lint

KIEV = "Fighting near Kiev went on."


def kyiv_lines(text: str) -> list[int]:
    return [f.line for f in lint(text, select=["AP"]) if f.match == "Kiev"]


def test_unsuppressed() -> None:
    assert kyiv_lines(f"{KIEV}\n\n{KIEV}\n") == [1, 3]


def test_disable_next_line() -> None:
    text = f"{KIEV}\n\n<!-- newslint-disable-next-line AP -->\n{KIEV}\n\n{KIEV}\n"
    assert kyiv_lines(text) == [1, 6]


def test_disable_and_enable_block() -> None:
    text = f"<!-- newslint-disable AP -->\n{KIEV}\n\n<!-- newslint-enable -->\n{KIEV}\n"
    assert kyiv_lines(text) == [5]


def test_disable_everything() -> None:
    assert kyiv_lines(f"<!-- newslint-disable -->\n{KIEV}\n") == []


def test_disable_other_rule_keeps_this_one() -> None:
    assert kyiv_lines(f"<!-- newslint-disable News.Dashes -->\n{KIEV}\n") == [2]


def test_front_matter_disable() -> None:
    text = f"---\nnewslint:\n  disable: [AP]\n---\n{KIEV}\n"
    assert kyiv_lines(text) == []


def test_directive_in_code_is_ignored() -> None:
    text = f"```\n<!-- newslint-disable -->\n```\n\n{KIEV}\n"
    assert kyiv_lines(text) == [5]
