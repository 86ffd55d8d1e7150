"""A rule from a Vale style means every match: newslint's `quotes: skip` default is for
newslint's own rules (the shipped packs, and rules that use a key only newslint has)."""

from __future__ import annotations

from pathlib import Path

from newslint.rules import is_vale_rule
from tests.helpers.vale_rules import run, vale_rule

WEASEL = "extends: existence\nmessage: \"'%s' is a weasel word\"\ntokens:\n  - very\n"
TEXT = 'He said: "It is very good." It is very cold.\n'


def test_a_vale_rule_reports_inside_quotations(tmp_path: Path) -> None:
    assert [f.column for f in run(vale_rule(tmp_path, WEASEL), TEXT)] == [17, 35]


def test_a_rule_with_newslint_keys_skips_quotations_by_default(tmp_path: Path) -> None:
    own = WEASEL + "examples:\n  flag: ['It is very cold.']\n  pass: ['It is cold.']\n"
    assert [f.column for f in run(vale_rule(tmp_path, own), TEXT)] == [35]


def test_quotes_skip_can_be_asked_for(tmp_path: Path) -> None:
    assert [f.column for f in run(vale_rule(tmp_path, WEASEL + "quotes: skip\n"), TEXT)] == [35]


def test_which_rules_are_vale_rules() -> None:
    assert is_vale_rule("existence", ["extends", "message", "tokens"], builtin=False)
    assert not is_vale_rule("existence", ["extends", "message", "tokens"], builtin=True)
    assert not is_vale_rule("existence", ["extends", "message", "tokens", "quotes"], builtin=False)
    assert not is_vale_rule("names", ["extends", "message"], builtin=False)
