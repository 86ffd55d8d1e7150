"""`newslint check --show-config FILE`: the settings for one file and where each comes from."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_cli


def _newsroom(tmp_path: Path) -> Path:
    desk = tmp_path / "newsroom"
    (desk / ".git").mkdir(parents=True)
    (desk / "articles").mkdir()
    (desk / "articles" / "a.md").write_text("Text.\n")
    (desk / ".newslint.yaml").write_text("# house settings\nextends: uk\nignore:\n  - News.Dashes\n"
                                         "per_file_ignores: {'articles/*.md': [UK.Towards]}\n")
    return tmp_path


def test_show_config_names_the_source_of_each_setting(tmp_path: Path) -> None:
    root = _newsroom(tmp_path)
    result = run_cli("check", "--show-config", "newsroom/articles/a.md", "--ignore", "uk.serialcomma", cwd=root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["file: newsroom/articles/a.md", "config: newsroom/.newslint.yaml (the nearest to the file)"]
    rows = {line.split(":")[0]: line for line in lines[2:]}
    assert rows["extends"].startswith("extends: uk ") and rows["extends"].endswith("# newsroom/.newslint.yaml:2:1")
    assert rows["select"].startswith("select: [News, UK] ") and rows["select"].endswith("# preset uk")
    assert rows["fail_level"].endswith("# default")
    assert "ignore: [News.Dashes]" in result.stdout and "# newsroom/.newslint.yaml:3:1" in result.stdout
    assert any(line.startswith("ignore: [UK.SerialComma]") and line.endswith("# command line (--ignore)") for line in lines)
    assert "ignored for this file (per_file_ignores): UK.Towards" in lines
    assert lines[-1].startswith("rules: ") and "UK " in lines[-1]


def test_show_config_with_config_isolated_and_no_config(tmp_path: Path) -> None:
    root = _newsroom(tmp_path)
    (root / "mine.yaml").write_text("fail_level: error\n")
    given = run_cli("check", "--show-config", "newsroom/articles/a.md", "--config", "mine.yaml", cwd=root)
    assert "config: mine.yaml (--config)" in given.stdout and "# mine.yaml:1:1" in given.stdout
    isolated = run_cli("check", "--show-config", "newsroom/articles/a.md", "--isolated", cwd=root)
    assert "config: none (--isolated)" in isolated.stdout and "select: [News, AP]" in isolated.stdout
    (root / "b.md").write_text("Text.\n")
    (root / ".git").mkdir()
    none = run_cli("check", "--show-config", "b.md", cwd=root)
    assert none.returncode == 0 and "config: none found (the defaults)" in none.stdout


def test_show_config_of_a_bad_config_is_the_usual_error(tmp_path: Path) -> None:
    root = _newsroom(tmp_path)
    (root / "newsroom" / ".newslint.yaml").write_text("extends: uk\nlevels: {UK.Towrds: error}\n")
    result = run_cli("check", "--show-config", "newsroom/articles/a.md", cwd=root)
    assert result.returncode == 2 and result.stdout == ""
    assert "newsroom/.newslint.yaml:2:10: unknown rule or pack 'UK.Towrds' (did you mean 'UK.Towards'?) [levels]" in result.stderr
