"""BlockIgnores and TokenIgnores (ignores.py): what their patterns match is not prose, and
every other position stays exact; a pattern that backtracks for ever is stopped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newslint.config import Config
from newslint.linter import Linter, Selection
from tests.helpers import run_cli

NO_ENV = {"VALE_CONFIG_PATH": None}


def _rules(tmp_path: Path) -> Path:
    pack = tmp_path / "styles" / "Plain"
    pack.mkdir(parents=True)
    (pack / "Very.yml").write_text("extends: existence\nmessage: \"Remove '%s'\"\nignorecase: true\ntokens: [very]\n",
                                   encoding="utf-8")
    return tmp_path / "styles"


def test_block_and_token_ignores_from_a_vale_ini(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _rules(tmp_path)
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\n[*.md]\nBasedOnStyles = Plain\nBlockIgnores = (?s)\\{< output >\\}.*?\\{< /output >\\}\n"
        "TokenIgnores = \\$very\\$\n", encoding="utf-8")
    text = ("Very first.\n\n{< output >}\nvery long\noutput very\n{< /output >}\n\n"
            "Inline $very$ math and very real.\n")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result = run_cli("check", "--format", "json", "--no-cache", "a.md", "a.txt", cwd=tmp_path, env=NO_ENV)
    files = json.loads(result.stdout)["files"]
    assert [(f["line"], f["column"]) for f in files[0]["findings"]] == [(1, 1), (8, 24)]
    assert files[1]["findings"] == []  # [*.md] sets both the styles and the patterns: not for .txt


def test_ignores_in_a_newslint_config_keep_positions(tmp_path: Path) -> None:
    styles = _rules(tmp_path)
    config = Config(extends="none", rule_dirs=(styles,), select=("Plain",), block_ignores=(r"(?s)<x>.*?</x>",),
                    token_ignores=(r"\{\{[^}]*\}\}",))
    linter = Linter(config, Selection())
    text = "Start {{ very }} then very.\n\n<x>\nvery\n</x>\n\nVery last.\n"
    found = linter.lint_text(text, "a.md")
    assert [(f.line, f.column, f.match) for f in found] == [(1, 23, "very"), (7, 1, "Very")]


def test_a_bad_pattern_in_newslint_yaml_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text("token_ignores: ['(unclosed']\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    result = run_cli("check", "a.md", cwd=tmp_path, env=NO_ENV)
    assert result.returncode == 2 and ".newslint.yaml:1:1: invalid regular expression" in result.stderr


def test_a_pattern_that_backtracks_for_ever_is_stopped(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text("block_ignores: ['(a|aa)+c']\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("a" * 60 + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "newslint", "check", "--file-timeout", "2", "--no-cache", "a.md"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "BlockIgnores pattern" in result.stdout and "ran out of time" in result.stdout
    assert "newslint.timeout" in result.stdout and result.returncode == 1


def test_spans_and_scopes_reach_the_block_model(tmp_path: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("newslint.blocks") is None:
        import pytest

        pytest.skip("no block model (newslint.blocks) on this branch: the scopes are recorded, not applied")
    from newslint.ignores import honour
    from newslint.parse import parse_document

    doc = parse_document("Text **bold** $x$.\n\n<x>\nhidden\n</x>\n", "a.md")
    honour(doc, Config(ignored_scopes=("strong",), skipped_scopes=("blockquote",), token_ignores=(r"\$x\$",),
                       block_ignores=(r"(?s)<x>.*?</x>",)), "a.md")
    options = doc.block_options
    assert options.ignored_tags == frozenset({"strong"}) and options.skipped_tags == frozenset({"blockquote"})
    assert options.token_ignores == ((14, 17),) and options.block_ignores == ((20, 35),)


def test_scopes_are_read_from_a_vale_ini(tmp_path: Path) -> None:
    (tmp_path / ".vale.ini").write_text("IgnoredScopes = code, strong\nSkippedScopes = script, pre\n[*]\n"
                                        "BasedOnStyles = Vale\n", encoding="utf-8")
    from newslint.config import load_config

    config = load_config(tmp_path / ".vale.ini")
    assert config.ignored_scopes == ("code", "strong") and config.skipped_scopes == ("script", "pre")
