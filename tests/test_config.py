"""Config files are found by walking up, validated strictly, and decide which rules run."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Config, find_config, ignored_for_path, load_config, select_rules
from newslint.errors import ConfigError
from newslint.finding import Level


def test_walks_up_to_the_nearest_config(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text("extends: ap\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config(nested) == tmp_path / ".newslint.yaml"


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nignore = ["News.Dashes"]\nfail_level = "error"\n')
    path = find_config(tmp_path)
    config = load_config(path)
    assert config.ignore == ("News.Dashes",) and config.fail_level is Level.ERROR


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(tmp_path) in (None,) or find_config(tmp_path) != tmp_path / "pyproject.toml"


@pytest.mark.parametrize(
    "body,fragment",
    [
        ("extends: chicago\n", ":1:1: expected one of"),
        ("selct: [AP]\n", ":1:1: unknown key 'selct'"),
        ("ignore: [AP]\nlevels: {AP: loud}\n", ":2:14: unknown level"),  # at the level written
        ("ignore: [a\n", "malformed YAML"),
    ],
)
def test_bad_config_is_one_line_with_position(tmp_path: Path, body: str, fragment: str) -> None:
    path = tmp_path / ".newslint.yaml"
    path.write_text(body)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert fragment in str(caught.value) and str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_select_ignore_and_levels() -> None:
    base = {s.id for s in select_rules(Config())}
    assert any(r.startswith("News.") for r in base) and any(r.startswith("AP.") for r in base)
    only_news = select_rules(Config(select=("News",)))
    assert {s.id.split(".")[0] for s in only_news} == {"News"}
    ignored = {s.id for s in select_rules(Config(), ignore=["News.Apostrophes"])}
    assert ignored == base - {"News.Apostrophes"}
    loud = select_rules(Config(levels={"News": Level.ERROR}), select=["News.Apostrophes"])
    assert loud[0].level is Level.ERROR


def test_unknown_selector_is_an_error() -> None:
    with pytest.raises(ConfigError, match="unknown rule or pack 'Nope'"):
        select_rules(Config(), select=["Nope"])


def test_rule_dirs_add_vale_packs(tmp_path: Path) -> None:
    pack = tmp_path / "styles" / "House"
    pack.mkdir(parents=True)
    (pack / "NoFoo.yml").write_text("extends: existence\nmessage: \"Avoid '%s'.\"\ntokens: [foo]\n")
    (tmp_path / ".newslint.yaml").write_text("rule_dirs: [styles]\nextend_select: [House]\n")
    config = load_config(tmp_path / ".newslint.yaml")
    assert "House.NoFoo" in {s.id for s in select_rules(config)}


def test_duplicate_rule_ids_are_an_error(tmp_path: Path) -> None:
    pack = tmp_path / "styles" / "House"
    pack.mkdir(parents=True)
    (pack / "NoFoo.yml").write_text("extends: existence\nmessage: x\ntokens: [foo]\n")
    (pack / "NoFoo.yaml").write_text("extends: existence\nmessage: x\ntokens: [foo]\n")
    config = Config(rule_dirs=(tmp_path / "styles",))
    with pytest.raises(ConfigError, match="duplicate rule id House.NoFoo"):
        select_rules(config)


def test_per_file_ignores() -> None:
    config = Config(per_file_ignores={"archive/*.md": ("AP",)})
    assert ignored_for_path(config, "archive/old.md") == ("AP",)
    assert ignored_for_path(config, "news/new.md") == ()


@pytest.mark.parametrize("name, text, where", [
    (".newslint.yaml", "extends: uk\nlevels:\n  UK.Numerals: warning\n  UK.Email: eror\n", "4:13"),
    ("pyproject.toml", '[tool.newslint]\nextends = "uk"\n[tool.newslint.levels]\n"UK.Email" = "eror"\n', "4:15"),
])
def test_a_misspelt_level_is_reported_where_it_is_written_with_the_closest(tmp_path: Path, name: str, text: str,
                                                                           where: str) -> None:
    from tests.helpers import run_cli

    (tmp_path / ".git").mkdir()
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "a.md").write_text("Fine.\n", encoding="utf-8")
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (f"newslint: error: {tmp_path.resolve() / name}:{where}: unknown level 'eror' (expected "
                             "error, warning or suggestion) (did you mean 'error'?) [levels]\n")
