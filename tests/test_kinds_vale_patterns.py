"""occurrence, conditional, consistency, repetition and existence for rules from a Vale
style, and Vale's `limit`, `append` and `action` keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.rules import RuleError
from tests.helpers.vale_rules import lines, run, vale_rule


def test_occurrence_over_max_is_reported_at_the_first_match(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, "extends: occurrence\nmessage: More than 3 commas!\nscope: sentence\nmax: 3\ntoken: ','\n")
    assert lines(run(rule, "One, two, three, four, five.\n")) == ["1:4:More than 3 commas!"]


def test_occurrence_under_min_points_at_the_first_match_or_the_start(tmp_path: Path) -> None:
    short = vale_rule(tmp_path, "extends: occurrence\nmessage: Too short.\nscope: raw\nmin: 10\ntoken: \\b(\\w+)\\b\n",
                      "Test.Short")
    intro = vale_rule(tmp_path, "extends: occurrence\nmessage: No intro\nscope: raw\nmin: 1\ntoken: '# Introduction'\n",
                      "Test.Intro")
    assert lines(run([short, intro], "# Intro\n")) == ["1:1:No intro", "1:3:Too short."]


def test_conditional_uses_every_group_of_second(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, """extends: conditional
message: "'%s' has no definition"
first: '\\b([A-Z]{3,5})\\b'
second: '([A-Z]{3,5}): (?:\\b[A-Z][a-z]+ )+|(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'
exceptions:
  - ABC
""")
    text = ("The WHO: World Health Organization is here. WHO again.\n\n"
            "The National Basketball Association (NBA) plays. NBA again.\n\nThe NFL and ABC.\n")
    assert lines(run(rule, text)) == ["5:5:'NFL' has no definition"]


def test_conditional_use_before_the_definition_block_is_reported(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, "extends: conditional\nmessage: '%s'\nfirst: '\\b[A-Z]{3}\\b'\n"
                               "second: '(?:[A-Z][a-z]+ )+\\(([A-Z]{3})\\)'\n")
    assert lines(run(rule, "The NBA plays.\n\nNational Basketball Association (NBA).\n")) == ["1:5:NBA"]


def test_consistency_reports_each_block_once_both_forms_are_seen(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, "extends: consistency\nmessage: \"Inconsistent spelling of '%s'\"\n"
                               "either:\n  center: centre\n")
    text = "The center.\n\nThe centre and the center and the centre.\n\nA center.\n"
    assert lines(run(rule, text)) == ["3:35:Inconsistent spelling of 'centre'", "5:3:Inconsistent spelling of 'center'"]


def test_repetition_pairs_consecutive_matches_on_one_line(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, """extends: repetition
message: "'%s' is repeated!"
alpha: true
tokens:
  - '[^\\s]+'
action:
  name: edit
  params:
    - truncate
    - " "
""")
    found = run(rule, "It is is fine and 42 42 is not alpha.\nthe\nthe end.\n")
    assert lines(found) == ["1:4:'is' is repeated!"]
    assert found[0].fix is not None and not found[0].fix.safe and found[0].fix.edits[0].replacement == "is"


def test_existence_exceptions_append_and_remove(tmp_path: Path) -> None:
    appended = vale_rule(tmp_path, """extends: existence
message: "Don't end a sentence with '%s'"
append: true
tokens:
  - of
  - by
raw:
  - '[.?!]'
""", "Test.Ending")
    assert lines(run(appended, "What is it made of. Made by hand.\n")) == ["1:17:Don't end a sentence with 'of.'"]
    removal = vale_rule(tmp_path, """extends: existence
message: "Remove '%s'"
ignorecase: true
tokens: ['very \\w+']
exceptions: ['(?i)very large']
action:
  name: remove
""", "Test.Very")
    found = run(removal, "A very good Very Large Array.\n")
    assert lines(found) == ["1:3:Remove 'very good'"]
    assert found[0].fix is not None and found[0].fix.edits[0].replacement == "" and not found[0].fix.safe


@pytest.mark.parametrize("limit, expected", [(0, 3), (2, 2), (-1, 3)])
def test_limit_keeps_the_first_findings(tmp_path: Path, limit: int, expected: int) -> None:
    rule = vale_rule(tmp_path, f"extends: existence\nmessage: '%s'\nlimit: {limit}\ntokens: [TODO]\n")
    found = run(rule, "TODO one. TODO two.\n\nTODO three.\n")
    assert [f.line for f in found] == [1, 1, 3][:expected]


def test_two_vale_rules_on_the_same_text_both_report(tmp_path: Path) -> None:
    a = vale_rule(tmp_path, "extends: existence\nmessage: a\nlevel: error\ntokens: [TODO]\n", "Test.A")
    b = vale_rule(tmp_path, "extends: existence\nmessage: b\nlevel: error\ntokens: [TODO]\n", "Test.B")
    assert [f.rule for f in run([a, b], "TODO here.\n")] == ["Test.A", "Test.B"]


def test_a_bad_action_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="action"):
        vale_rule(tmp_path, "extends: existence\nmessage: x\ntokens: [a]\naction:\n  name: explode\n")
    with pytest.raises(RuleError, match="edit"):
        vale_rule(tmp_path, "extends: existence\nmessage: x\ntokens: [a]\naction:\n  name: edit\n  params: [regex, x]\n")
