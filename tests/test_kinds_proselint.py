"""The proselint kind: proselint's checks, same findings as proselint, run by newslint."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import PRESETS, Config, available_rule_files
from newslint.errors import ConfigError
from newslint.kinds.proselint import check_paths, registered_checks
from newslint.linter import Linter, Selection
from newslint.rules import load_rule_spec
from tests.helpers import ROOT, builtin_specs, run_cli

PACK = ROOT / "rules" / "Proselint"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config(), Selection(("Proselint",)))


def proselint_positions(text: str) -> set[tuple[int, int, str]]:
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    return {(r.pos[0], r.pos[1], r.check_result.check_path) for r in LintFile("article.txt", text).lint()}


def newslint_positions(linter: Linter, text: str) -> set[tuple[int, int, str]]:
    return {(f.line, f.column, f.rule.removeprefix("Proselint.")) for f in linter.lint_text(text, "article.txt")}


def test_the_pack_has_one_rule_per_check_path_except_restricted() -> None:
    shipped = {p.stem for p in PACK.glob("*.yml")}
    assert shipped == {p for p in check_paths() if not p.startswith("restricted")}
    assert len({c.path for c in registered_checks()}) == len(check_paths())
    assert "Proselint.typography.symbols.curly_quotes" in available_rule_files(Config())


def test_the_pack_is_off_by_default() -> None:
    assert all("Proselint" not in packs for packs in PRESETS.values())
    assert not any(s.pack == "Proselint" for s in Linter(Config()).specs)
    assert not any(s.pack == "Proselint" for s in Linter(Config(extends="uk")).specs)


def test_same_lines_columns_and_checks_as_proselint_on_every_example(linter: Linter, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every flag example of the pack, one paragraph each, after a line with non-ASCII
    # letters, so that lines, code-point columns and the padding all have to agree.
    # The kind against proselint: without the engine's last step, which keeps one of two
    # checks that flag the same words ("past history") as it does for every pack.
    monkeypatch.setattr("newslint.engine.one_per_problem", lambda findings, *_: findings)
    examples = [e for s in builtin_specs() if s.pack == "Proselint" for e in s.examples.flag if "\n" not in e]
    text = "Zoë’s café — naïve «test».\n\n" + "\n\n".join(examples) + "\n"
    theirs = proselint_positions(text)
    assert len(theirs) > 150
    assert newslint_positions(linter, text) == theirs


@pytest.mark.parametrize("text", [
    'He said "this is very good" and left.\n',      # inside quotation marks: proselint skips
    "It was very good, very unique.\nBut very.\n",  # repeated, first line, line starts
    "\n\nBut then it was all very good!!\n",        # leading blank lines: the padding
    "Wax poetically. The 90's were great...\n",
    "That is an echo is an echo.\n\nDon't miss the biggest illusion miss the biggest illusion.\n",
    "We saw the us the us-led plan and x9a a 9b 9b, then Gone gone.\n",   # lookarounds, tails of tokens
    "ΣΑΣ σας και İi ii KELVIN \u212aelvin kelvin.\n",                     # case-folding traps
])
def test_same_as_proselint_on_edge_cases(linter: Linter, text: str) -> None:
    assert newslint_positions(linter, text) == proselint_positions(text)


def test_uncomparables_faster_form_finds_what_proselints_finds(linter: Linter) -> None:
    text = ("It was the most unique plan, the least possible outcome, most\tcomplete, at most unique, "
            "Most Perfect, almost unique, most uniquely, least   entire.\n")
    theirs = {k for k in proselint_positions(text) if k[2] == "uncomparables"}
    assert len(theirs) >= 4
    assert {k for k in newslint_positions(linter, text) if k[2] == "uncomparables"} == theirs


def test_replacements_are_suggestions_and_unsafe_fixes(linter: Linter) -> None:
    findings = [f for f in linter.lint_text("The test was good irregardless.\n", "a.txt") if f.rule == "Proselint.nonwords"]
    assert len(findings) == 1
    assert findings[0].suggestions == ("regardless",)
    assert findings[0].fix is not None and findings[0].fix.safe is False
    assert findings[0].fix.edits[0].replacement == "regardless"


def test_unknown_check_is_a_rule_error_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / "P").mkdir()
    rule = tmp_path / "P" / "x.yml"
    rule.write_text("extends: proselint\nmessage: m\ncheck: no.such.check\n", encoding="utf-8")
    from newslint.rules import compile_rule

    with pytest.raises(ConfigError, match=r"x\.yml:3:1: .*no\.such\.check.*\[check\]"):
        compile_rule(load_rule_spec(rule))


def test_select_proselint_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The test was good irregardless.\n", encoding="utf-8")
    result = run_cli("check", "--select", "Proselint", "--format", "parsable", "a.txt", cwd=tmp_path)
    assert result.stdout == ("a.txt:1:19: warning: Nonword - try 'regardless'. [Proselint.nonwords]\n")
    assert "Proselint" not in run_cli("check", "--format", "parsable", "a.txt", cwd=tmp_path).stdout
