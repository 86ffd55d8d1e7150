"""The library: lint_text, lint_paths and fix_text with a config, a preset or selectors."""

from __future__ import annotations

from pathlib import Path

import pytest

import newslint
from newslint.config import Config

ARTICLE = "He walked towards the border near Kiev.\n"


@pytest.fixture()
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder (AP, no config) above a newsroom repository with extends: uk."""
    desk = tmp_path / "newsroom"
    (desk / ".git").mkdir(parents=True)
    (desk / ".newslint.yaml").write_text("extends: uk\n")
    (desk / "a.md").write_text(ARTICLE)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b.md").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _rules(findings: list[newslint.Finding]) -> set[str]:
    return {f.rule for f in findings}


def test_exports() -> None:
    assert {"lint_text", "lint_paths", "fix_text", "ConfigError", "Finding", "FileResult", "Level"} <= set(newslint.__all__)
    assert issubclass(newslint.ConfigError, Exception)


def test_lint_text_uses_the_nearest_config_to_its_path(newsroom: Path) -> None:
    assert _rules(newslint.lint_text(ARTICLE, "newsroom/a.md")) == {"UK.HouseSpellings"}
    assert _rules(newslint.lint_text(ARTICLE, "b.md")) == {"AP.Toward", "AP.HouseSpellings"}
    assert _rules(newslint.lint_text(ARTICLE)) == {"AP.Toward", "AP.HouseSpellings"}  # the working folder's


def test_config_as_a_path_an_object_or_a_preset(newsroom: Path) -> None:
    (newsroom / "mine.yaml").write_text("select: [AP.Toward]\n")
    assert _rules(newslint.lint_text(ARTICLE, "newsroom/a.md", config="mine.yaml")) == {"AP.Toward"}
    assert _rules(newslint.lint_text(ARTICLE, "newsroom/a.md", config=newsroom / "mine.yaml")) == {"AP.Toward"}
    assert _rules(newslint.lint_text(ARTICLE, "b.md", config=Config(extends="uk"))) == {"UK.HouseSpellings"}
    assert _rules(newslint.lint_text(ARTICLE, "b.md", preset="uk")) == {"UK.HouseSpellings"}
    assert _rules(newslint.lint_text(ARTICLE, "newsroom/a.md", preset="AP")) == {"AP.Toward", "AP.HouseSpellings"}


def test_a_string_selector_is_one_selector_not_its_letters(newsroom: Path) -> None:
    assert _rules(newslint.lint_text(ARTICLE, "b.md", select="AP")) == {"AP.Toward", "AP.HouseSpellings"}
    assert _rules(newslint.lint_text(ARTICLE, "b.md", select="AP", ignore="AP.Toward")) == {"AP.HouseSpellings"}
    assert _rules(newslint.lint_text(ARTICLE, "b.md", select=["ap"], ignore=("ap.toward",))) == {"AP.HouseSpellings"}
    assert _rules(newslint.lint_text(ARTICLE, "b.md", select="AP.Toward,AP.HouseSpellings")) == {"AP.Toward",
                                                                                                  "AP.HouseSpellings"}


def test_unknown_selectors_and_bad_configs_raise_config_error(newsroom: Path) -> None:
    with pytest.raises(newslint.ConfigError, match=r"unknown rule or pack 'AP.Tward' \(did you mean 'AP.Toward'\?\)"):
        newslint.lint_text(ARTICLE, "b.md", select=["AP.Tward"])
    (newsroom / "newsroom" / ".newslint.yaml").write_text("extends: uk\nignore: [UK.Towrds]\n")
    with pytest.raises(newslint.ConfigError, match=r"\.newslint\.yaml:2:10: unknown rule or pack 'UK.Towrds'"):
        list(newslint.lint_paths(["newsroom"]))
    with pytest.raises(newslint.ConfigError, match="unknown preset"):
        newslint.lint_text(ARTICLE, "b.md", preset="chicago")


def test_lint_paths_gives_each_file_its_config(newsroom: Path) -> None:
    results = {r.path: _rules(r.findings) for r in newslint.lint_paths(["."])}
    assert results == {"b.md": {"AP.Toward", "AP.HouseSpellings"}, "newsroom/a.md": {"UK.HouseSpellings"}}
    assert [r.path for r in newslint.lint_paths("b.md")] == ["b.md"]  # one path as a string
    only = {r.path: _rules(r.findings) for r in newslint.lint_paths(["."], preset="uk", select="News")}
    assert only == {"b.md": set(), "newsroom/a.md": set()}


def test_fix_text(newsroom: Path) -> None:
    assert newslint.fix_text(ARTICLE, "newsroom/a.md") == ("He walked towards the border near Kyiv.\n", 1)
    assert newslint.fix_text(ARTICLE, "b.md", select="AP.HouseSpellings") == ("He walked towards the border near Kyiv.\n", 1)
    assert newslint.fix_text(ARTICLE, "b.md", select="AP.Toward") == ("He walked toward the border near Kiev.\n", 1)
    assert newslint.fix_text("Clean text.\n", "b.md") == ("Clean text.\n", 0)


def test_an_unknown_selector_error_names_the_argument_not_a_flag(newsroom: Path) -> None:
    """The library has no --select: its error names the keyword argument given."""
    for argument, source in (("select", "select"), ("extend_select", "extend_select"), ("ignore", "ignore")):
        with pytest.raises(newslint.ConfigError) as raised:
            newslint.lint_text(ARTICLE, "b.md", **{argument: ["AP.Tward"]})
        assert str(raised.value).endswith(f"(did you mean 'AP.Toward'?) [{source}]")
    with pytest.raises(newslint.ConfigError, match=r"\[ignore\]$"):
        newslint.fix_text(ARTICLE, "b.md", ignore="AP.Tward")
    with pytest.raises(newslint.ConfigError, match=r"\[select\]$"):
        list(newslint.lint_paths(["b.md"], select="AP.Tward"))
