"""Control characters from the checked tree never reach the terminal or CI log as such.

A committed file name, a hostile rule's message, description or replacement, and the
article text a message quotes could carry ESC sequences (which rewrite or hide lines of
the report on the terminal it is read on) or newlines (which forge a line of the parsable
report). Paths show them as \\xNN, messages as U+FFFD; JSON and SARIF escape them anyway.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli

ESC = "\x1b"
NAME = f"x{ESC}[2Ky\nforged.md:1:1: error: fake [X].md"
RULE = (
    "extends: substitution\n"
    'message: "bad %s\\n::error file=forged.md::INJECTED\\x1b[2J\\x1b]0;TITLE\\x07"\n'
    'description: "desc \\x1b[31mRED\\x1b[0m"\n'
    'swap: {cat: "d\\x1bog"}\n'
)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "packs" / "Evil").mkdir(parents=True)
    (tmp_path / "packs" / "Evil" / "Esc.yml").write_text(RULE)
    (tmp_path / ".newslint.yaml").write_text("extends: none\nrule_dirs: [packs]\nselect: [Evil]\n")
    (tmp_path / NAME).write_text(f"The cat {ESC}[2K sat.\n")
    return tmp_path


@pytest.mark.parametrize("form", ["text", "parsable", "github"])
def test_no_control_character_of_the_tree_reaches_a_report(repo: Path, form: str) -> None:
    result = run_cli("check", "--format", form, ".", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert ESC not in result.stdout and "\x07" not in result.stdout
    assert "x\\x1b[2Ky\\x0aforged.md" in result.stdout  # the path, escaped
    if form == "parsable":
        assert [line.startswith("x\\x1b") for line in result.stdout.splitlines()] == [True]
    if form == "github":
        assert all(line.startswith("::warning file=") for line in result.stdout.splitlines())


def test_rules_and_explain_show_a_description_without_its_control_characters(repo: Path) -> None:
    for args in (("rules",), ("explain", "Evil.Esc")):
        result = run_cli(*args, cwd=repo)
        assert result.returncode == 0, result.stderr
        assert "RED" in result.stdout and ESC not in result.stdout


def test_a_rule_named_with_a_control_character_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    pack = tmp_path / "packs" / f"E{ESC}[2J"
    pack.mkdir(parents=True)
    (pack / "Rule.yml").write_text("extends: existence\nmessage: x\ntokens: [cat]\n")
    (tmp_path / ".newslint.yaml").write_text("extends: none\nrule_dirs: [packs]\nextend_select: [News]\n")
    (tmp_path / "a.md").write_text("The cat.\n")
    for args in (("check", "a.md"), ("rules", "--all")):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 2 and ESC not in result.stdout + result.stderr
        assert "E\\x1b[2J" in result.stderr and "cannot name a rule" in result.stderr


@pytest.mark.parametrize("form", ["text", "parsable"])
def test_no_line_of_a_report_is_a_ci_workflow_command(tmp_path: Path, form: str) -> None:
    # GitHub Actions acts on a log line starting with `::` after its indentation: an article
    # line or a file name shown in the report must not forge an annotation or mask.
    (tmp_path / ".git").mkdir()
    (tmp_path / "::warning::forged.md").write_text("Headline\n\n::error file=x.md,line=1::it was was forged\n")
    result = run_cli("check", "--format", form, ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "forged" in result.stdout
    assert not [line for line in result.stdout.splitlines() if line.lstrip().startswith("::")]
