"""The `quotes` key as the engine applies it: skip, include (reported, fix withdrawn inside a
quotation) and house (reported and fixed there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli


@pytest.mark.parametrize("quotes,reported,fixed", [("skip", False, False), ("include", True, False), ("house", True, True)])
def test_quotes_key_on_a_house_spelling_rule(tmp_path: Path, quotes: str, reported: bool, fixed: bool) -> None:
    pack = tmp_path / "rules" / "House"
    pack.mkdir(parents=True)
    (pack / "Spelling.yml").write_text(
        "extends: substitution\nmessage: \"Use '%s' rather than '%s'.\"\nlevel: warning\n"
        f"quotes: {quotes}\nswap:\n  organize: organise\n", encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("rule_dirs: [rules]\nselect: [House]\n", encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text('"We will organize a vote," she said.\n', encoding="utf-8")
    result = run_cli("check", "--format", "parsable", "a.md", cwd=tmp_path)
    assert ("[House.Spelling]" in result.stdout) == reported, result.stdout + result.stderr
    run_cli("check", "--fix", "a.md", cwd=tmp_path)
    assert ("organise" in article.read_text(encoding="utf-8")) == fixed
