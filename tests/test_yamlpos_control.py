"""A character YAML does not allow (BEL, NUL, ESC, DEL, a C1 control) is a configuration
error naming file, line and column, in a config or a rule file, and a front-matter finding
in an article; PyYAML's reader once raised it as an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.yamlpos import YamlError, control_character, load_yaml
from tests.helpers import run_cli

CONTROLS = ["\x07", "\x00", "\x01", "\x1b", "\x7f", "\x9b", "\ufffe"]


@pytest.mark.parametrize("char", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_load_yaml_names_line_and_column(char: str) -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml(f"extends: ap\nignore: [News.{char}Dashes]\n")
    assert (caught.value.line, caught.value.column) == (2, 15)
    assert caught.value.message == f"malformed YAML: control character U+{ord(char):04X} is not allowed"


@pytest.mark.parametrize("text", ["a: 1\tb\n", "a: caf\u00e9 \U0001f600\r\nb: \x85\n", "a: '\u2028'\n"])
def test_characters_yaml_allows_pass(text: str) -> None:
    assert control_character(text) is None
    load_yaml(text)


@pytest.mark.parametrize("char", ["\x07", "\x00", "\x1b"], ids=["bel", "nul", "esc"])
def test_control_character_in_config_is_a_config_error(tmp_path: Path, char: str) -> None:
    (tmp_path / ".newslint.yaml").write_text(f"extends: ap\n# note {char}\nignore: [News.Dashes]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Headline\n\nFine text.\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"newslint: error: {tmp_path / '.newslint.yaml'}:2:8: malformed YAML: control character U+{ord(char):04X} is not allowed\n"
    )


def test_control_character_in_rule_file_is_a_config_error(tmp_path: Path) -> None:
    pack = tmp_path / "styles" / "House"
    pack.mkdir(parents=True)
    (pack / "Bell.yml").write_text(
        'extends: existence\nmessage: "Ring\x07"\ntokens: [bell]\nexamples: {flag: [bell], pass: [ring]}\n', encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("rule_dirs: [styles]\nextend_select: [House]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Headline\n\nFine text.\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "Bell.yml:2:15: malformed YAML: control character U+0007 is not allowed" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_control_character_in_front_matter_is_a_finding(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text('---\ntitle: "Talks\x07 resume"\n---\nNear Kiev, they said.\n', encoding="utf-8")
    result = run_cli("check", "--no-cache", "--format", "parsable", "--select", "AP.HouseSpellings", "a.md", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "a.md:2:14: error: malformed front matter: control character U+0007 is not allowed [newslint.front-matter]",
        "a.md:4:6: warning: Use 'Kyiv' instead of 'Kiev'. [AP.HouseSpellings]",
    ]
