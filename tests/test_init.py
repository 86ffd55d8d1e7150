"""`newslint init`: a commented starter config that loads, selects its pack, and is never clobbered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.config import available_rule_files, load_config, select_rules
from newslint.init import starter_config
from tests.helpers import run_cli


def _rule_ids(cwd: Path) -> set[str]:
    result = run_cli("rules", "--format", "json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return {row["id"] for row in json.loads(result.stdout)}


def test_init_uk_writes_a_config_that_selects_the_uk_pack(tmp_path: Path) -> None:
    result = run_cli("init", "--style", "uk", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / ".newslint.yaml"
    assert load_config(written).extends == "uk"
    assert "\n# " in written.read_text(encoding="utf-8")  # commented for the desk
    ids = _rule_ids(tmp_path)
    assert any(i.startswith("UK.") for i in ids) and any(i.startswith("News.") for i in ids)
    assert not any(i.startswith("AP.") for i in ids)


def test_init_defaults_to_ap(tmp_path: Path) -> None:
    assert run_cli("init", cwd=tmp_path).returncode == 0
    assert load_config(tmp_path / ".newslint.yaml").extends == "ap"
    assert any(i.startswith("AP.") for i in _rule_ids(tmp_path))


@pytest.mark.parametrize("existing", [".newslint.yaml", ".newslint.yml"])
def test_init_refuses_to_overwrite_without_force(tmp_path: Path, existing: str) -> None:
    (tmp_path / existing).write_text("extends: ap\n", encoding="utf-8")
    result = run_cli("init", "--style", "uk", cwd=tmp_path)
    assert result.returncode == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert (tmp_path / existing).read_text(encoding="utf-8") == "extends: ap\n"


def test_init_force_overwrites(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text("extends: ap\n", encoding="utf-8")
    assert run_cli("init", "--style", "uk", "--force", cwd=tmp_path).returncode == 0
    assert load_config(tmp_path / ".newslint.yaml").extends == "uk"


def test_unknown_style_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("init", "--style", "chicago", cwd=tmp_path)
    assert result.returncode == 2
    assert not (tmp_path / ".newslint.yaml").exists()


@pytest.mark.parametrize("style", ["ap", "uk"])
def test_commented_examples_work_when_uncommented(tmp_path: Path, style: str) -> None:
    """The ids the comments suggest are real rules: uncommenting ignore and levels gives a valid config."""
    text = starter_config(style)
    for commented, live in (("\n# ignore:", "\nignore:"), ("\n# levels:\n#   ", "\nlevels:\n  ")):
        assert commented in text
        text = text.replace(commented, live, 1)
    path = tmp_path / ".newslint.yaml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert config.ignore and config.levels
    ignored = config.ignore[0]
    assert ignored in available_rule_files(config)
    selected = {s.id: s for s in select_rules(config)}
    assert ignored not in selected
    (leveled, level), = config.levels.items()
    assert selected[leveled].level == level
