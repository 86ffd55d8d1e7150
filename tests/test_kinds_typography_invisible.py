"""News.InvisibleCharacters: zero-width characters and soft hyphens inside words.

"al\\u200blot" or "Ki\\u00adev" read as one word but slipped past every rule; legitimate
joiners (emoji sequences, Persian, Indic scripts) and Thai word breaks are left alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Config, select_rules
from tests.helpers import lint, run_cli

RULE = "News.InvisibleCharacters"


def invisible(text: str) -> list[str]:
    return [f.match for f in lint(text, select=[RULE])]


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_each_invisible_character_inside_a_word_is_found(char: str) -> None:
    assert invisible(f"Headline\n\nThe minister said al{char}lot of things.\n") == [char]


@pytest.mark.parametrize("text", [
    "The family \U0001F468\u200D\U0001F469\u200D\U0001F467 and the flag \U0001F3F3\uFE0F\u200D\U0001F308.",
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 and \u0646\u0627\u0645\u0647\u200c\u0647\u0627",  # Persian
    "\u0915\u094d\u200d\u0937 and \u0d7b\u200d\u0d31",  # Devanagari, Malayalam
    "\u0e20\u0e32\u0e29\u0e32\u200b\u0e44\u0e17\u0e22",  # Thai word break
    "A break\u200b between words, a word at the end\u200b.",
    "Soft\u00ad hyphen before a space, and \u00adbefore a word.",
])
def test_legitimate_uses_are_not_reported(text: str) -> None:
    assert invisible(f"Headline\n\n{text}\n") == []


def test_a_run_is_one_finding_with_each_character_named() -> None:
    [finding] = lint("Headline\n\nA zero\u200c\u200d\u200cwidth run.\n", select=[RULE])
    assert finding.match == "\u200c\u200d\u200c" and (finding.line, finding.column) == (3, 7)
    assert "zero-width non-joiner (U+200C), zero-width joiner (U+200D)" in finding.message


def test_code_is_not_prose() -> None:
    assert invisible("Headline\n\n```\nal\u200blot\n```\n\nText `al\u200blot` here.\n") == []


def test_on_in_both_presets() -> None:
    for preset in ("ap", "uk"):
        assert RULE in [s.id for s in select_rules(Config(extends=preset))]


def test_prefer_is_a_configuration_error(tmp_path: Path) -> None:
    pack = tmp_path / "styles" / "House"
    pack.mkdir(parents=True)
    (pack / "Hidden.yml").write_text("extends: typography\nmark: invisible\nprefer: curly\nmessage: x\n"
                                     "examples: {flag: [\"a\\u200bb\"], pass: [ab]}\n", encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("rule_dirs: [styles]\nselect: [House]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "Hidden.yml" in result.stderr and "prefer" in result.stderr and len(result.stderr.splitlines()) == 1


def test_fix_removes_them_and_then_the_word_is_checked(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("Headline\n\nFighting near Ki\u00adev, al\u200blot of \u201cKi\u200bev\u201d.\n", encoding="utf-8")
    result = run_cli("check", "--fix", "--select", f"{RULE},AP.HouseSpellings", "a.md", cwd=tmp_path)
    # The soft hyphen goes, then the house spelling applies; inside the quotation only the
    # invisible character goes (a mark, not the source's word).
    assert article.read_text(encoding="utf-8") == "Headline\n\nFighting near Kyiv, allot of \u201cKiev\u201d.\n"
    assert "applied 4 fixes" in result.stderr
    again = run_cli("check", "--fix", "--select", f"{RULE},AP.HouseSpellings", "a.md", cwd=tmp_path)
    assert "applied" not in again.stderr
    assert article.read_text(encoding="utf-8") == "Headline\n\nFighting near Kyiv, allot of \u201cKiev\u201d.\n"
