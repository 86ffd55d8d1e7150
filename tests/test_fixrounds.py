"""--fix applies a rule's fix once per run, even when its replacement matches its own pattern.

Linter.fix_text fixes in rounds (overlapping fixes wait for the next one); a rule whose
replacement its own pattern matches again (`b: bb`, `colour: bright colour`) was applied in
every round, ten times, doubling text each time (1,024 b's from one).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.config import Config
from newslint.finding import Edit, Finding, Fix, Level
from newslint.fix import apply_edits
from newslint.fixrounds import Spans, after_round, choose
from newslint.linter import Linter, Selection
from tests.helpers import run_cli

RULES = {
    "Double.yml": "extends: substitution\nmessage: \"Use '%s'.\"\nnonword: true\nswap:\n  'b': 'bb'\n"
                  "examples: {flag: [b], pass: [c]}\n",
    "Bright.yml": "extends: substitution\nmessage: \"Use '%s'.\"\nswap:\n  colour: bright colour\n"
                  "examples: {flag: [colour], pass: [hue]}\n",
    "Dont.yml": "extends: substitution\nmessage: \"Use '%s'.\"\nswap:\n  dont: don't\nexamples: {flag: [dont], pass: [do]}\n",
    "Color.yml": "extends: substitution\nmessage: \"Use '%s'.\"\nswap:\n  colour: color\nexamples: {flag: [colour], pass: [color]}\n",
    "Colour.yml": "extends: substitution\nmessage: \"Use '%s'.\"\nswap:\n  color: colour\nexamples: {flag: [color], pass: [colour]}\n",
}


@pytest.fixture
def house(tmp_path: Path) -> Path:
    pack = tmp_path / "rules" / "House"
    pack.mkdir(parents=True)
    for name, body in RULES.items():
        (pack / name).write_text(body, encoding="utf-8")
    return tmp_path


def linter(house: Path, *rules: str) -> Linter:
    return Linter(Config(extends="none", rule_dirs=(house / "rules",)), Selection(rules))


@pytest.mark.parametrize(("rule", "text", "fixed"), [
    ("House.Double", "The cab and the bob.\n", "The cabb and the bbobb.\n"),
    ("House.Bright", "The colour of the colour.\n", "The bright colour of the bright colour.\n"),
])
def test_a_fix_matching_its_own_pattern_is_applied_once_per_run(house: Path, rule: str, text: str, fixed: str) -> None:
    result, applied = linter(house, rule).fix_text(text, "a.txt")
    assert result == fixed
    assert applied == fixed.count("bb") + fixed.count("bright")


def test_a_fix_another_rule_completes_still_converges_in_one_run(house: Path) -> None:
    # "dont" becomes "don't", whose straight apostrophe the article's curly majority fixes.
    fixing = linter(house, "House.Dont", "News.Apostrophes")
    text = "Headline\n\nIt\u2019s here, Kyiv\u2019s plan, and they dont agree.\n"
    once, applied = fixing.fix_text(text, "a.md")
    assert once == "Headline\n\nIt\u2019s here, Kyiv\u2019s plan, and they don\u2019t agree.\n"
    assert applied == 2
    assert fixing.fix_text(once, "a.md") == (once, 0)


def test_two_rules_undoing_each_other_stop(house: Path) -> None:
    result, applied = linter(house, "House.Color", "House.Colour").fix_text("The colour.\n", "a.txt")
    assert (result, applied) == ("The colour.\n", 2)  # colour -> color -> colour, and no more


def test_the_command_line_applies_a_self_matching_fix_once(house: Path) -> None:
    (house / ".newslint.yaml").write_text("extends: none\nrule_dirs: [rules]\nselect: [House.Double]\n", encoding="utf-8")
    (house / "a.md").write_text("Headline\n\nThe cab.\n", encoding="utf-8")
    result = run_cli("check", "--fix", "a.md", cwd=house)
    assert (house / "a.md").read_text(encoding="utf-8") == "Headline\n\nThe cabb.\n"
    assert "newslint: applied 1 fix.\n" in result.stderr


def finding(rule: str, start: int, end: int, replacement: str) -> Finding:
    return Finding(rule=rule, kind="substitution", level=Level.WARNING, path="a", line=1, column=start + 1, end_line=1,
                   end_column=end + 1, offset=start, end_offset=end, match="", message="m", link=None,
                   suggestions=(replacement,), fix=Fix((Edit(start, end, replacement),), safe=True))


def test_spans_overlap() -> None:
    spans = Spans([(2, 4), (4, 6), (9, 9)])
    assert spans.spans == [(2, 6), (9, 9)]
    assert spans.overlaps(5, 7) and spans.overlaps(3, 3) and spans.overlaps(8, 10) and spans.overlaps(9, 9)
    assert not spans.overlaps(6, 9) and not spans.overlaps(0, 2) and not spans.overlaps(2, 2) and not spans.overlaps(9, 12)


def test_choose_skips_overlaps_and_a_rules_own_text() -> None:
    a, b, c = finding("R", 0, 3, "x"), finding("S", 2, 5, "y"), finding("R", 6, 8, "z")
    assert choose([c, b, a], {}) == [a, c]
    assert choose([a, b, c], {"R": Spans([(7, 7)]), "S": Spans([(0, 1)])}) == [a]


_edit_sets = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 4), st.text("xyz", max_size=4)), max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.text("abcde ", min_size=40, max_size=40), _edit_sets, _edit_sets)
def test_written_text_is_followed_through_later_edits(text: str, first: list, second: list) -> None:
    """The spans hold the text each round's fixes wrote, and keep holding it through a
    later round's edits that do not fall inside them."""
    round_one = choose([finding("R", s, min(s + n, len(text)), r) for s, n, r in first], {})
    text_one, _ = apply_edits(text, round_one)
    written = after_round({}, round_one)
    assert wrote(text_one, written, "R") == "".join(f.suggestions[0] for f in round_one)
    size = len(text_one)
    round_two = choose([finding("S", min(s, size), min(s + n, size), r) for s, n, r in second], written)
    text_two, _ = apply_edits(text_one, round_two)
    moved = after_round(written, round_two)
    assert wrote(text_two, moved, "S") == "".join(f.suggestions[0] for f in round_two)
    for start, end in written.get("R", Spans()).spans:
        [(new_start, new_end)] = after_round({"R": Spans([(start, end)])}, round_two)["R"].spans
        if not any(Spans([(start, end)]).overlaps(f.offset, f.end_offset) for f in round_two):
            assert text_two[new_start:new_end] == text_one[start:end]


def wrote(text: str, written: dict[str, Spans], rule: str) -> str:
    return "".join(text[s:e] for s, e in written.get(rule, Spans()).spans)


def test_a_span_grows_over_another_rules_edit_inside_it() -> None:
    written = {"R": Spans([(2, 6), (10, 12)])}
    moved = after_round(written, [finding("S", 3, 4, "xyz"), finding("S", 8, 8, "++")])
    assert moved["R"].spans == [(2, 8), (14, 16)]
    assert moved["S"].spans == [(3, 6), (10, 12)]
