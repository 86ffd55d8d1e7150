"""Vale's vocabularies: `Vocab = Name` (or `vocab:` in .newslint.yaml) reads accept.txt and
reject.txt; Vale.Terms reports an accepted term in other capitals, Vale.Avoid a rejected
one, accepted terms are exceptions of the other pattern rules; Vale.Repetition; as Vale's
testdata/features/misc.feature ("Vocab", "Multiple Vocabs") shows them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import run_cli

NO_ENV = {"VALE_CONFIG_PATH": None}


def vocab(styles: Path, name: str, accept: str = "", reject: str = "", old: bool = False) -> None:
    folder = styles / "Vocab" / name if old else styles / "config" / "vocabularies" / name
    folder.mkdir(parents=True)
    if accept:
        (folder / "accept.txt").write_text(accept, encoding="utf-8")
    if reject:
        (folder / "reject.txt").write_text(reject, encoding="utf-8")


def check(tmp_path: Path, text: str, ini: str, name: str = "test.md") -> list[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(ini, encoding="utf-8")
    result = run_cli("check", "--format", "json", "--no-cache", name, cwd=tmp_path, env=NO_ENV)
    assert result.returncode in (0, 1), result.stderr
    return [f"{f['line']}:{f['column']}:{f['rule']}:{f['message']}"
            for f in json.loads(result.stdout)["files"][0]["findings"]]


@pytest.fixture()
def styles(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    folder = tmp_path / "styles"
    folder.mkdir()
    return folder


INI = "StylesPath = styles\nMinAlertLevel = suggestion\nVocab = {}\n\n[*.md]\nBasedOnStyles = Vale\n"


def test_terms_report_an_accepted_term_in_other_capitals_and_avoid_a_rejected_one(tmp_path: Path, styles: Path) -> None:
    vocab(styles, "Desk", accept="# comment line\nKyiv\nJavaScript\nABC-DEF\n[pP]y.*\\b\n", reject="Mac OS X\n")
    text = "# Notes\n\nThe Mac OS X port.\n\nWe wrote javascript in kyiv.\n\nKyiv and JavaScript are right.\n\nabc-def and Pyyaml\n"
    assert check(tmp_path, text, INI.format("Desk")) == [
        "3:5:Vale.Avoid:Avoid using 'Mac OS X'.",
        "5:10:Vale.Terms:Use 'JavaScript' instead of 'javascript'.",
        "5:24:Vale.Terms:Use 'Kyiv' instead of 'kyiv'.",
        "9:1:Vale.Terms:Use 'ABC-DEF' instead of 'abc-def'.",  # a regex entry ([pP]y.*) is no term
    ]


def test_a_later_vocabulary_spells_a_shared_term(tmp_path: Path, styles: Path) -> None:
    vocab(styles, "First", accept="definately\n")
    vocab(styles, "Second", accept="Definately\nIDEA\n")
    text = "I've definately done it.\n\nDefinately a good idea.\n"
    assert check(tmp_path, text, INI.format("First, Second")) == [
        "1:6:Vale.Terms:Use 'Definately' instead of 'definately'.",
        "3:19:Vale.Terms:Use 'IDEA' instead of 'idea'.",
    ]


def test_vale_2s_vocab_folder_is_read_too(tmp_path: Path, styles: Path) -> None:
    vocab(styles, "Legacy", accept="Kyiv\n", old=True)
    assert check(tmp_path, "From kyiv.\n", INI.format("Legacy")) == ["1:6:Vale.Terms:Use 'Kyiv' instead of 'kyiv'."]


def test_accepted_terms_are_exceptions_of_a_styles_rules(tmp_path: Path, styles: Path) -> None:
    vocab(styles, "Desk", accept="Zelensky\n")
    (styles / "House").mkdir()
    (styles / "House" / "Names.yml").write_text(
        "extends: existence\nmessage: \"Check '%s'\"\ntokens: ['Zel\\w+']\n", encoding="utf-8")
    (styles / "House" / "Own.yml").write_text(
        "extends: existence\nmessage: \"Own '%s'\"\nlevel: suggestion\nvocab: false\ntokens: ['Zel\\w+']\n", encoding="utf-8")
    ini = INI.format("Desk").replace("BasedOnStyles = Vale", "BasedOnStyles = House")
    assert check(tmp_path, "Zelensky and Zelenskyy spoke.\n", ini) == [
        "1:1:House.Own:Own 'Zelensky'",  # vocab: false keeps the rule's own judgement
        "1:14:House.Names:Check 'Zelenskyy'",
        "1:14:House.Own:Own 'Zelenskyy'",
    ]


def test_repetition(tmp_path: Path, styles: Path) -> None:
    ini = "StylesPath = styles\n[*]\nBasedOnStyles = Vale\n"
    assert check(tmp_path, "It is is here. The the end.\n", ini) == ["1:4:Vale.Repetition:'is' is repeated!"]


def test_vale_style_needs_no_styles_path(tmp_path: Path) -> None:
    assert check(tmp_path, "It is is here.\n", "[*]\nBasedOnStyles = Vale\n") == ["1:4:Vale.Repetition:'is' is repeated!"]


def test_vale_rule_levels_and_switches(tmp_path: Path, styles: Path) -> None:
    vocab(styles, "Desk", accept="Kyiv\n", reject="Kiev\n")
    ini = ("StylesPath = styles\nVocab = Desk\n[*]\nBasedOnStyles = Vale\nVale.Avoid = NO\nVale.Terms = warning\n"
           "Vale.Spelling = NO\n")
    assert check(tmp_path, "Kiev or kyiv.\n", ini) == ["1:9:Vale.Terms:Use 'Kyiv' instead of 'kyiv'."]


def test_vocab_in_a_newslint_config(tmp_path: Path, styles: Path) -> None:
    vocab(styles, "Desk", accept="Kyiv\n")
    (tmp_path / ".newslint.yaml").write_text("extends: none\nrule_dirs: [styles]\nvocab: [Desk]\nselect: [Vale.Terms]\n",
                                            encoding="utf-8")
    (tmp_path / "a.md").write_text("From kyiv.\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", "--no-cache", "a.md", cwd=tmp_path, env=NO_ENV)
    assert [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["Vale.Terms"]


@pytest.mark.parametrize(("accept", "expected"), [
    (None, ".vale.ini:2:1: no vocabulary 'Missing'"),
    ("(unclosed\n", "accept.txt:1:1: invalid regular expression"),
])
def test_a_bad_vocabulary_is_a_config_error(tmp_path: Path, styles: Path, accept: str | None, expected: str) -> None:
    name = "Missing" if accept is None else "Desk"
    if accept is not None:
        vocab(styles, "Desk", accept=accept)
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(INI.format(name).replace("MinAlertLevel = suggestion\n", ""), encoding="utf-8")
    result = run_cli("check", "a.md", cwd=tmp_path, env=NO_ENV)
    assert result.returncode == 2 and expected in result.stderr, result.stderr


def test_a_vocabulary_linked_out_of_the_tree_is_not_read(tmp_path: Path, styles: Path) -> None:
    decoy = tmp_path.parent / f"{tmp_path.name}-passwd"
    decoy.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = styles / "config" / "vocabularies" / "Desk"
    folder.mkdir(parents=True)
    os.symlink(decoy, folder / "accept.txt")
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(INI.format("Desk"), encoding="utf-8")
    result = run_cli("check", "a.md", cwd=tmp_path, env=NO_ENV)
    assert result.returncode == 2 and "leads outside the checked tree" in result.stderr
    assert "root:x" not in result.stdout + result.stderr


def test_vale_rules_set_without_a_vocabulary_are_no_error(tmp_path: Path, styles: Path) -> None:
    ini = "[*]\nBasedOnStyles = Vale\nVale.Terms = YES\nVale.Avoid = warning\n"
    assert check(tmp_path, "It is is here.\n", ini) == ["1:4:Vale.Repetition:'is' is repeated!"]
