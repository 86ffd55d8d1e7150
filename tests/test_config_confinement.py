"""rule_dirs stays inside the config's repository; --isolated ignores every config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.config import load_config
from newslint.errors import ConfigError
from tests.helpers import run_cli

RULE = "extends: existence\nmessage: 'Evil rule fired on %s.'\nlevel: error\ntokens: [Near]\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    evil = tmp_path / "elsewhere" / "Evil"
    evil.mkdir(parents=True)
    (evil / "Fire.yml").write_text(RULE)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "story.md").write_text("Near the river.\n")
    return repo


@pytest.mark.parametrize("entry", ["../elsewhere", "{outside}"])
def test_rule_dirs_outside_the_repository_is_a_config_error_naming_file_line_and_key(repo: Path, entry: str) -> None:
    entry = entry.format(outside=repo.parent / "elsewhere")
    (repo / ".newslint.yaml").write_text(f"extends: ap\nrule_dirs: ['{entry}']\nextend_select: [Evil]\n")
    result = run_cli("check", "--no-cache", "story.md", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.startswith("newslint: error: ")
    assert ".newslint.yaml:2:1:" in result.stderr and result.stderr.rstrip().endswith("[rule_dirs]"), result.stderr
    assert "Evil rule fired" not in result.stdout


def test_a_rule_dirs_link_out_of_the_repository_is_refused(repo: Path) -> None:
    (repo / "styles").symlink_to(repo.parent / "elsewhere")
    (repo / ".newslint.yaml").write_text("rule_dirs: [styles]\nextend_select: [Evil]\n")
    result = run_cli("check", "--no-cache", "story.md", cwd=repo)
    assert result.returncode == 2 and "[rule_dirs]" in result.stderr


def test_allow_external_rule_dirs_loads_them(repo: Path) -> None:
    (repo / ".newslint.yaml").write_text("rule_dirs: [../elsewhere]\nextend_select: [Evil]\n")
    for command in (["check", "--no-cache", "story.md"], ["rules"], ["explain", "Evil.Fire"]):
        result = run_cli(*command[:1], "--allow-external-rule-dirs", *command[1:], cwd=repo)
        assert result.returncode in (0, 1), result.stderr
        assert "Evil" in result.stdout


def test_rule_dirs_inside_the_repository_above_the_config_folder_is_fine(repo: Path) -> None:
    (repo / "styles" / "House").mkdir(parents=True)
    (repo / "styles" / "House" / "Fire.yml").write_text(RULE)
    (repo / "desk").mkdir()
    (repo / "desk" / ".newslint.yaml").write_text("rule_dirs: [../styles]\nextend_select: [House]\n")
    (repo / "desk" / "story.md").write_text("Near the river.\n")
    result = run_cli("check", "--no-cache", "--format", "parsable", "story.md", cwd=repo / "desk")
    assert result.returncode == 1 and "[House.Fire]" in result.stdout, result.stderr


def test_without_a_repository_the_config_folder_is_the_limit(tmp_path: Path) -> None:
    (tmp_path / "styles" / "House").mkdir(parents=True)
    (tmp_path / "styles" / "House" / "Fire.yml").write_text(RULE)
    (tmp_path / "desk").mkdir()
    config = tmp_path / "desk" / ".newslint.yaml"
    config.write_text("rule_dirs: [../styles]\n")
    with pytest.raises(ConfigError, match=r"\.newslint\.yaml:1:1: .*\[rule_dirs\]"):
        load_config(config)
    assert load_config(config, allow_external_rule_dirs=True).rule_dirs == ((tmp_path / "styles").resolve(),)


def test_a_config_given_with_config_is_confined_to_its_own_repository(repo: Path, tmp_path: Path) -> None:
    trusted = tmp_path / "base"
    trusted.mkdir()
    (trusted / "ci.yaml").write_text("rule_dirs: [../elsewhere]\n")
    result = run_cli("check", "--no-cache", "--config", str(trusted / "ci.yaml"), "story.md", cwd=repo)
    assert result.returncode == 2 and "ci.yaml:1:1:" in result.stderr and "[rule_dirs]" in result.stderr


def test_isolated_ignores_the_config_of_the_tree(repo: Path) -> None:
    (repo / "styles" / "House").mkdir(parents=True)
    (repo / "styles" / "House" / "Fire.yml").write_text(RULE)
    (repo / ".newslint.yaml").write_text("rule_dirs: [styles]\nselect: [House]\nfail_level: error\n")
    plain = run_cli("check", "--no-cache", "--format", "parsable", "story.md", cwd=repo)
    assert "[House.Fire]" in plain.stdout
    isolated = run_cli("check", "--isolated", "--format", "parsable", "story.md", cwd=repo)
    assert isolated.returncode == 0 and "House" not in isolated.stdout, isolated.stdout + isolated.stderr
    rules = run_cli("rules", "--isolated", "--format", "json", cwd=repo)
    assert rules.returncode == 0 and not any(r["pack"] == "House" for r in json.loads(rules.stdout))
    explain = run_cli("explain", "--isolated", "House.Fire", cwd=repo)
    assert explain.returncode == 2 and "unknown rule" in explain.stderr


def test_isolated_ignores_a_broken_config_and_pyproject(repo: Path) -> None:
    (repo / ".newslint.yaml").write_text("extends: [broken\n")
    assert run_cli("check", "--no-cache", "story.md", cwd=repo).returncode == 2
    assert run_cli("check", "--isolated", "story.md", cwd=repo).returncode == 0


def test_isolated_does_not_use_a_committed_findings_cache(repo: Path) -> None:
    run_cli("check", "--isolated", "story.md", cwd=repo)
    assert not (repo / ".newslint_cache").exists()


def test_isolated_and_config_together_are_a_usage_error(repo: Path) -> None:
    (repo / "c.yaml").write_text("extends: ap\n")
    result = run_cli("check", "--isolated", "--config", "c.yaml", "story.md", cwd=repo)
    assert result.returncode == 2 and "--isolated" in result.stderr
