"""`newslint init --from-vale [PATH]`: the .newslint.yaml it writes gives the findings the
.vale.ini gives, on Markdown and plain text, and it is never written through a link."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newslint.config import load_config
from tests.helpers import run_cli

NO_ENV = {"VALE_CONFIG_PATH": None}
ARTICLE = "This is a very important sentence. We utilize it. There is a sentence here too. It is is.\n"


def setup(tmp_path: Path, ini: str) -> None:
    (tmp_path / ".git").mkdir()
    styles = tmp_path / "styles"
    for pack, rule, body in (
        ("Plain", "Very", "extends: existence\nmessage: \"Remove '%s'\"\nignorecase: true\ntokens: [very]\n"),
        ("Plain", "Utilize", "extends: substitution\nmessage: \"Use '%s' not '%s'.\"\nlevel: suggestion\n"
                             "swap:\n  utilize: use\n"),
        ("Good", "ThereIs", "extends: existence\nmessage: \"Not '%s'\"\nlevel: error\ntokens: ['There is']\n"),
    ):
        (styles / pack).mkdir(parents=True, exist_ok=True)
        (styles / pack / f"{rule}.yml").write_text(body, encoding="utf-8")
    words = styles / "config" / "vocabularies" / "Desk"
    words.mkdir(parents=True)
    (words / "accept.txt").write_text("Sentence\n", encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(ini, encoding="utf-8")
    for name in ("a.md", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")


def findings(tmp_path: Path) -> list[tuple[str, str, int, str]]:
    result = run_cli("check", "--format", "json", "--no-cache", "a.md", "b.txt", cwd=tmp_path, env=NO_ENV)
    assert result.returncode in (0, 1), result.stderr
    return [(file["path"], f["rule"], f["column"], f["level"])
            for file in json.loads(result.stdout)["files"] for f in file["findings"]]


INIS = [
    "StylesPath = styles\nMinAlertLevel = suggestion\nVocab = Desk\n[*]\nBasedOnStyles = Plain, Vale\n"
    "Plain.Very = error\n",
    "StylesPath = styles\n[*.md]\nBasedOnStyles = Plain\nPlain.Very = NO\nGood.ThereIs = YES\n"
    "[*.txt]\nBasedOnStyles = Good, Vale\n",
    "StylesPath = styles\nMinAlertLevel = suggestion\n[*]\nBasedOnStyles = Plain, Good\n[*.txt]\nPlain.Utilize = NO\n",
]


@pytest.mark.parametrize("ini", INIS)
def test_the_written_config_gives_the_findings_the_ini_gives(tmp_path: Path, ini: str) -> None:
    setup(tmp_path, ini)
    from_ini = findings(tmp_path)
    assert from_ini  # each ini reports something
    result = run_cli("init", "--from-vale", cwd=tmp_path, env=NO_ENV)
    assert result.returncode == 0, result.stderr
    assert "Wrote .newslint.yaml from .vale.ini" in result.stdout
    load_config(tmp_path / ".newslint.yaml")  # a valid newslint config
    os.remove(tmp_path / ".vale.ini")  # only the written config is left to apply
    assert findings(tmp_path) == from_ini


def test_a_named_ini_in_another_folder(tmp_path: Path) -> None:
    setup(tmp_path, INIS[0])
    (tmp_path / ".vale.ini").rename(tmp_path / "styles" / "vale.ini")
    (tmp_path / "styles" / "vale.ini").write_text(INIS[0].replace("StylesPath = styles", "StylesPath = ."),
                                                 encoding="utf-8")
    result = run_cli("init", "--from-vale", "styles/vale.ini", cwd=tmp_path, env=NO_ENV)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / ".newslint.yaml").read_text(encoding="utf-8")
    assert 'rule_dirs: ["styles"]' in text and 'vocab: ["Desk"]' in text and "min_level: suggestion" in text


def test_a_section_naming_folders_is_a_note(tmp_path: Path) -> None:
    setup(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Plain\n[docs/*.md]\nBasedOnStyles = Good\n")
    result = run_cli("init", "--from-vale", cwd=tmp_path, env=NO_ENV)
    assert result.returncode == 0
    assert "newslint: warning: .vale.ini: section [docs/*.md] names folders" in result.stderr.replace(str(tmp_path) + "/", "")


def test_no_vale_ini_is_an_error(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    result = run_cli("init", "--from-vale", cwd=tmp_path, env=NO_ENV)
    assert result.returncode == 2 and result.stderr.startswith("newslint: error: no Vale config")
    assert not (tmp_path / ".newslint.yaml").exists()


def test_an_existing_config_is_kept_and_a_link_never_written_through(tmp_path: Path) -> None:
    setup(tmp_path, INIS[0])
    (tmp_path / ".newslint.yaml").write_text("extends: uk\n", encoding="utf-8")
    kept = run_cli("init", "--from-vale", cwd=tmp_path, env=NO_ENV)
    assert kept.returncode == 2 and "already exists" in kept.stderr
    assert (tmp_path / ".newslint.yaml").read_text(encoding="utf-8") == "extends: uk\n"
    decoy = tmp_path.parent / f"{tmp_path.name}-bashrc"
    decoy.write_text("alias ls='ls'\n", encoding="utf-8")
    os.remove(tmp_path / ".newslint.yaml")
    os.symlink(decoy, tmp_path / ".newslint.yaml")
    linked = run_cli("init", "--from-vale", "--force", cwd=tmp_path, env=NO_ENV)
    assert linked.returncode == 2 and "symbolic link" in linked.stderr
    assert decoy.read_text(encoding="utf-8") == "alias ls='ls'\n"
