"""A `.vale.ini` read as a config: found as Vale finds it, its keys, sections and levels as
Vale applies them (Vale's testdata/features/config.feature), and every key it cannot honour
said in one line naming file, line and key. Real files in tmp_path, the real CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newslint.config import load_config
from newslint.errors import ConfigError
from tests.helpers import run_cli

NO_ENV = {"VALE_CONFIG_PATH": None}

# A sentence for each rule of the styles below.
ARTICLE = "This is a very important sentence. We utilize it. There is a sentence here too.\n"


def make_styles(root: Path) -> Path:
    """A StylesPath with two styles of our own: Plain (Very, Utilize) and Good (ThereIs)."""
    styles = root / "styles"
    (styles / "Plain").mkdir(parents=True)
    (styles / "Good").mkdir(parents=True)
    (styles / "Plain" / "Very.yml").write_text(
        "extends: existence\nmessage: \"Consider removing '%s'\"\nlevel: warning\nignorecase: true\ntokens: [very]\n",
        encoding="utf-8")
    (styles / "Plain" / "Utilize.yml").write_text(
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: suggestion\nswap:\n  utilize: use\n",
        encoding="utf-8")
    (styles / "Good" / "ThereIs.yml").write_text(
        "extends: existence\nmessage: \"Don't start a sentence with '%s'\"\nlevel: error\ntokens: ['There is']\n",
        encoding="utf-8")
    return styles


def project(tmp_path: Path, ini: str, name: str = ".vale.ini") -> Path:
    (tmp_path / ".git").mkdir()
    make_styles(tmp_path)
    (tmp_path / name).write_text(ini, encoding="utf-8")
    (tmp_path / "test.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "test.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def findings(tmp_path: Path, *paths: str, args: tuple[str, ...] = ()) -> tuple[list[str], int, str]:
    result = run_cli("check", "--format", "json", "--no-cache", *args, *paths, cwd=tmp_path, env=NO_ENV)
    assert result.returncode != 2 or not result.stdout, result.stderr
    if not result.stdout:
        return [], result.returncode, result.stderr
    report = json.loads(result.stdout)
    rows = [f"{file['path']}:{f['line']}:{f['column']}:{f['rule']}:{f['level']}"
            for file in report["files"] for f in file["findings"]]
    return rows, result.returncode, result.stderr


def test_min_alert_level_warning_hides_suggestions_and_warnings_do_not_fail(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\nMinAlertLevel = warning\n\n[*]\nBasedOnStyles = Plain\n")
    rows, status, _ = findings(tmp_path, "test.md")
    assert rows == ["test.md:1:11:Plain.Very:warning"]  # the suggestion (Utilize) is below MinAlertLevel
    assert status == 0  # Vale exits 1 on errors only


def test_min_alert_level_defaults_to_warning_as_in_vale(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Plain\n")
    rows, _, _ = findings(tmp_path, "test.md")
    assert rows == ["test.md:1:11:Plain.Very:warning"]


def test_min_level_on_the_command_line_replaces_min_alert_level(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\nMinAlertLevel = error\n[*]\nBasedOnStyles = Plain\n")
    rows, _, _ = findings(tmp_path, "test.md", args=("--min-level", "suggestion"))
    assert rows == ["test.md:1:11:Plain.Very:warning", "test.md:1:39:Plain.Utilize:suggestion"]


def test_each_of_vales_config_names_is_found(tmp_path: Path) -> None:
    for number, name in enumerate((".vale", "_vale", "vale.ini", ".vale.ini", "_vale.ini")):
        folder = tmp_path / f"desk{number}"
        folder.mkdir()
        project(folder, "StylesPath = styles\n[*]\nBasedOnStyles = Good\n", name)
        rows, status, _ = findings(folder, "test.md")
        assert rows == ["test.md:1:51:Good.ThereIs:error"] and status == 1, name


def test_found_from_the_working_folder_up_to_the_repository_root(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Good\n")
    desk = tmp_path / "desk" / "today"
    desk.mkdir(parents=True)
    (desk / "a.md").write_text(ARTICLE, encoding="utf-8")
    rows, _, _ = findings(desk, "a.md")
    assert rows == ["a.md:1:51:Good.ThereIs:error"]


def test_not_found_beyond_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".vale.ini").write_text("[*]\nBasedOnStyles = Vale\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "a.md").write_text("It is is here.\n", encoding="utf-8")
    result = run_cli("check", "--show-config", "a.md", cwd=repo, env=NO_ENV)
    assert "config: none found (the defaults)" in result.stdout
    inside = run_cli("check", "--show-config", "a.md", cwd=tmp_path, env=NO_ENV)  # from above, it is found
    assert "a Vale config" in inside.stdout


def test_a_newslint_config_wins_over_a_vale_ini(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Good\n")
    (tmp_path / ".newslint.yaml").write_text("extends: none\nrule_dirs: [styles]\nselect: [Plain.Very]\n", encoding="utf-8")
    rows, _, _ = findings(tmp_path, "test.md")
    assert rows == ["test.md:1:11:Plain.Very:warning"]


def test_vale_config_path_names_the_ini(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Good\n", name="house.ini")
    result = run_cli("check", "--format", "json", "--no-cache", "test.md", cwd=tmp_path,
                     env={"VALE_CONFIG_PATH": str(tmp_path / "house.ini")})
    assert [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["Good.ThereIs"]


def test_config_flag_takes_a_vale_ini(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Good\n", name="house.ini")
    rows, _, _ = findings(tmp_path, "test.md", args=("--config", "house.ini"))
    assert rows == ["test.md:1:51:Good.ThereIs:error"]


def test_a_section_applies_only_to_the_files_its_glob_matches(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\n[*.md]\nBasedOnStyles = Plain\n[*.txt]\nBasedOnStyles = Good\n")
    rows, _, _ = findings(tmp_path, "test.md", "test.txt")
    assert rows == ["test.md:1:11:Plain.Very:warning", "test.txt:1:51:Good.ThereIs:error"]


def test_brace_globs_and_a_later_section_overriding_an_earlier_one(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Plain, Good\nPlain.Very = NO\n"
                      "[{*.md,*.txt}]\nGood.ThereIs = NO\n[test.txt]\nPlain.Very = YES\n")
    rows, _, _ = findings(tmp_path, "test.md", "test.txt")
    assert rows == ["test.txt:1:11:Plain.Very:warning"]


def test_a_section_replaces_the_global_styles(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Plain\n[*.txt]\nBasedOnStyles = Good\n")
    rows, _, _ = findings(tmp_path, "test.md", "test.txt")
    assert rows == ["test.md:1:11:Plain.Very:warning", "test.txt:1:51:Good.ThereIs:error"]


def test_a_rule_switched_on_alone_and_a_level_changed(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\nMinAlertLevel = suggestion\n[*]\nGood.ThereIs = YES\nPlain.Utilize = error\n")
    rows, status, _ = findings(tmp_path, "test.md")
    assert rows == ["test.md:1:39:Plain.Utilize:error", "test.md:1:51:Good.ThereIs:error"]
    assert status == 1


def test_a_negated_glob(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\n[!drafts/**]\nBasedOnStyles = Good\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(ARTICLE, encoding="utf-8")
    rows, _, _ = findings(tmp_path, "test.md", "drafts/a.md")
    assert rows == ["test.md:1:51:Good.ThereIs:error"]


@pytest.mark.parametrize(("ini", "expected"), [
    ("StylesPath = styles\nColour = red\n", ".vale.ini:2:1: unknown key 'Colour'"),
    ("StylesPath = styles\n[*]\nBasedOnStyle = Plain\n", ".vale.ini:3:1: unknown key 'BasedOnStyle' (did you mean 'BasedOnStyles'?)"),
    ("StylesPath = styles\n[*]\nPlain.Very = maybe\n", ".vale.ini:3:1: a rule is set to YES, NO, suggestion, warning or error"),
    ("StylesPath = styles\nMinAlertLevel = loud\n", ".vale.ini:2:1: MinAlertLevel must be"),
    ("StylesPath = styles\n[*]\nMinAlertLevel = error\n", ".vale.ini:3:1: 'MinAlertLevel' is a core option"),
    ("StylesPath = styles\nBasedOnStyles = Plain\n", ".vale.ini:2:1: 'BasedOnStyles' is a syntax-specific option"),
    ("StylesPath = styles\n[*]\nBasedOnStyles = Fancy\n", ".vale.ini:3:1: style 'Fancy' does not exist in StylesPath"),
    ("StylesPath = styles\n[*]\nPlain.Nope = YES\n", ".vale.ini:3:1: no rule 'Plain.Nope' in StylesPath"),
    ("StylesPath = nowhere\n", ".vale.ini:1:1: StylesPath 'nowhere' is not a folder"),
    ("[*]\nBasedOnStyles = Plain\n", "no StylesPath is set"),
    ("StylesPath = styles\n[*.{md]\nBasedOnStyles = Plain\n", ".vale.ini:2:1: the section's glob pattern cannot be compiled"),
    ("StylesPath = styles\n[*]\nTokenIgnores = (unclosed\n", ".vale.ini:3:1: invalid regular expression"),
])
def test_a_bad_ini_is_one_line_naming_file_line_and_key(tmp_path: Path, ini: str, expected: str) -> None:
    project(tmp_path, ini)
    result = run_cli("check", "test.md", cwd=tmp_path, env=NO_ENV)
    assert result.returncode == 2
    assert result.stderr.startswith("newslint: error: ") and expected in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_keys_newslint_cannot_honour_are_warnings_naming_the_line(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\nPackages = Microsoft\nWordTemplate = \\b(?:%s)\\b\n"
                      "[formats]\nmdx = md\n[*]\nBasedOnStyles = Good\nPlain.Gone = NO\nVale.Spelling = YES\n")
    rows, status, stderr = findings(tmp_path, "test.md")
    assert rows == ["test.md:1:51:Good.ThereIs:error"]
    assert ".vale.ini:2:1: newslint does not download packages" in stderr
    assert ".vale.ini:3:1: WordTemplate is not supported" in stderr
    assert ".vale.ini:5:1: newslint reads Markdown" in stderr
    assert ".vale.ini:8:1: no rule 'Plain.Gone'" in stderr
    assert ".vale.ini:9:1: Vale.Spelling is not supported" in stderr
    assert all(line.startswith("newslint: warning: ") for line in stderr.splitlines())


def test_styles_path_outside_the_repository_is_refused_unless_allowed(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    make_styles(outside)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".git").mkdir()
    (repo / ".vale.ini").write_text("StylesPath = ../elsewhere/styles\n[*]\nBasedOnStyles = Good\n", encoding="utf-8")
    (repo / "a.md").write_text(ARTICLE, encoding="utf-8")
    refused = run_cli("check", "a.md", cwd=repo, env=NO_ENV)
    assert refused.returncode == 2 and "outside the repository" in refused.stderr and "[StylesPath]" in refused.stderr
    allowed = run_cli("check", "--allow-external-rule-dirs", "a.md", cwd=repo, env=NO_ENV)
    assert allowed.returncode == 1 and "Good.ThereIs" in allowed.stdout


def test_styles_path_through_a_link_out_of_the_tree_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "home"
    make_styles(outside)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    os.symlink(outside / "styles", repo / "styles")
    (repo / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = Good\n", encoding="utf-8")
    (repo / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("check", "a.md", cwd=repo, env=NO_ENV)
    assert result.returncode == 2 and "outside the repository" in result.stderr


def test_styles_path_to_the_home_folder_is_refused(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = ~/styles\n")
    result = run_cli("check", "test.md", cwd=tmp_path, env=NO_ENV)
    assert result.returncode == 2 and "StylesPath may not start with '~'" in result.stderr


def test_a_vale_ini_linked_out_of_the_tree_is_not_read(tmp_path: Path) -> None:
    decoy = tmp_path / "decoy-bashrc"
    decoy.write_text("export SECRET=hunter2\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    os.symlink(decoy, repo / ".vale.ini")
    (repo / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("check", "a.md", cwd=repo, env=NO_ENV)
    assert result.returncode == 2 and "hunter2" not in result.stdout + result.stderr


def test_isolated_ignores_a_vale_ini(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Good\n")
    result = run_cli("check", "--isolated", "--format", "json", "test.md", cwd=tmp_path,
                     env={"VALE_CONFIG_PATH": str(tmp_path / ".vale.ini")})
    assert "Good." not in result.stdout


def test_ini_syntax_comments_continuations_quotes_and_repeated_keys(tmp_path: Path) -> None:
    project(tmp_path, "# a comment\n; another\nStylesPath = styles ; trailing comment\n"
                      "MinAlertLevel = \"suggestion\"\n[*]\nBasedOnStyles = Plain, \\\n  Good\n"
                      "BlockIgnores = (?s)<x>.*?</x>\nBlockIgnores = (?s)<y>.*?</y>\n")
    config = load_config(tmp_path / ".vale.ini")
    assert config.select == ("Plain", "Good")
    assert config.min_level is not None and config.min_level.label == "suggestion"
    assert config.block_ignores == ("(?s)<x>.*?</x>", "(?s)<y>.*?</y>")
    assert config.fail_level.label == "error" and config.extends == "none"


def test_show_config_names_the_vale_ini_and_what_its_sections_switch_off(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Plain, Good\n[*.txt]\nGood.ThereIs = NO\n")
    result = run_cli("check", "--show-config", "test.txt", cwd=tmp_path, env=NO_ENV)
    assert result.returncode == 0, result.stderr
    assert ".vale.ini" in result.stdout and "Good.ThereIs" in result.stdout.split("ignored for this file")[1]


def test_a_bad_vale_ini_raises_config_error_in_the_library(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\nColour = red\n")
    with pytest.raises(ConfigError, match=r"\.vale\.ini:2:1: unknown key 'Colour'"):
        load_config(tmp_path / ".vale.ini")


def test_rules_of_kinds_newslint_lacks_are_skipped_with_one_warning(tmp_path: Path) -> None:
    project(tmp_path, "StylesPath = styles\n[*]\nBasedOnStyles = Good\n")
    (tmp_path / "styles" / "Good" / "Spelling.yml").write_text("extends: spelling\nmessage: \"Did you mean '%s'?\"\n",
                                                              encoding="utf-8")
    (tmp_path / "styles" / "Good" / "Tagged.yml").write_text("extends: sequence\nmessage: x\n", encoding="utf-8")
    rows, status, stderr = findings(tmp_path, "test.md")
    assert rows == ["test.md:1:51:Good.ThereIs:error"] and status == 1
    assert "2 rules of kinds newslint does not have skipped: Good.Spelling (spelling), Good.Tagged (sequence)" in stderr


@pytest.mark.parametrize("classes,expected_lines", [("", [2, 5, 7]), ("IgnoredClasses = nop\n", [7])])
def test_ignored_classes_leave_out_html_elements_of_those_classes(
        tmp_path: Path, classes: str, expected_lines: list[int]) -> None:
    project(tmp_path, f"StylesPath = styles\n{classes}[*]\nBasedOnStyles = Plain\n")
    (tmp_path / "test.md").write_text(
        '<p class="nop bar">\nThis is a very odd line.\n</p>\n\n'
        '<span class="nop">very</span> odd.\n\nThis is very plain.\n', encoding="utf-8")
    rows, _, stderr = findings(tmp_path, "test.md")
    assert [int(row.split(":")[1]) for row in rows] == expected_lines, stderr
    assert "IgnoredClasses" not in stderr


@pytest.mark.parametrize("scopes,expected_lines", [("", [1, 3, 5]), ("IgnoredScopes = code, tt, strong\n", [1, 5]),
                                                   ("IgnoredScopes = em\n", [1, 3])])
def test_ignored_scopes_strong_and_em_leave_out_markdown_emphasis(
        tmp_path: Path, scopes: str, expected_lines: list[int]) -> None:
    # Vale reads **bold** as <strong> and *it* as <em>: IgnoredScopes names those tags.
    project(tmp_path, f"StylesPath = styles\n{scopes}[*]\nBasedOnStyles = Plain\n")
    (tmp_path / "test.md").write_text(
        "This is very plain.\n\nThis is **very bold** text.\n\nThis is *very* slanted.\n", encoding="utf-8")
    rows, _, stderr = findings(tmp_path, "test.md")
    assert [int(row.split(":")[1]) for row in rows] == expected_lines, stderr
