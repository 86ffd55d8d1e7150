"""Every shipped rule carries flag and pass examples, and they behave as they say."""

from __future__ import annotations

import pytest

from newslint.linter import Linter
from newslint.rules import compile_rule
from tests.helpers import builtin_specs

SPECS = builtin_specs()


def _check(spec, text: str) -> list:
    linter = Linter(specs=[spec])
    return linter.lint_text(text, "example.md")


def test_there_are_rules() -> None:
    assert len(SPECS) >= 4


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_rule_has_both_kinds_of_example(spec) -> None:
    assert spec.examples.flag, f"{spec.id} has no 'flag' examples"
    assert spec.examples.pass_, f"{spec.id} has no 'pass' examples"
    assert spec.description, f"{spec.id} has no description"


@pytest.mark.parametrize(
    "spec,text", [(s, t) for s in SPECS for t in s.examples.flag], ids=lambda v: getattr(v, "id", None) or v[:40]
)
def test_flag_example_is_flagged(spec, text: str) -> None:
    findings = [f for f in _check(spec, text) if f.rule == spec.id]
    assert findings, f"{spec.id} should flag: {text!r}"


@pytest.mark.parametrize(
    "spec,text", [(s, t) for s in SPECS for t in s.examples.pass_], ids=lambda v: getattr(v, "id", None) or v[:40]
)
def test_pass_example_is_not_flagged(spec, text: str) -> None:
    findings = [f for f in _check(spec, text) if f.rule == spec.id]
    assert not findings, f"{spec.id} should not flag {text!r}: {[f.message for f in findings]}"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_rule_compiles(spec) -> None:
    assert callable(compile_rule(spec).check)
