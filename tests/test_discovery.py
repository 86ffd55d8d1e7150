"""Each checked file gets its nearest config, as ruff finds it (the real command line)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import run_cli

# "toward" is AP's spelling and UK.Towards' finding; "Kiev" is reported by both houses' packs.
ARTICLE = "He walked toward the border near Kiev.\n"


def _rules(stdout: str) -> dict[str, set[str]]:
    report = json.loads(stdout)
    return {f["path"]: {x["rule"] for x in f["findings"]} for f in report["files"]}


def _packs(rules: set[str]) -> set[str]:
    return {r.split(".")[0] for r in rules}


@pytest.fixture()
def newsroom(tmp_path: Path) -> Path:
    """outer/ (no config, no repository) holding newsroom/, a repository with extends: uk."""
    outer = tmp_path / "outer"
    articles = outer / "newsroom" / "articles"
    articles.mkdir(parents=True)
    (outer / "newsroom" / ".git").mkdir()
    (outer / "newsroom" / ".newslint.yaml").write_text("extends: uk\n")
    (articles / "a.md").write_text(ARTICLE)
    return outer


def test_file_gets_its_own_config_from_the_folder_above(newsroom: Path) -> None:
    result = run_cli("check", "--format", "json", "newsroom/articles/a.md", cwd=newsroom)
    assert result.returncode == 1, result.stderr
    rules = _rules(result.stdout)["newsroom/articles/a.md"]
    assert "UK.Towards" in rules and _packs(rules) <= {"UK", "News"}


def test_files_under_two_configs_in_one_run(newsroom: Path) -> None:
    (newsroom / ".newslint.yaml").write_text("extends: ap\n")
    (newsroom / "b.md").write_text(ARTICLE)
    result = run_cli("check", "--format", "json", ".", cwd=newsroom)
    rules = _rules(result.stdout)
    assert list(rules) == ["b.md", "newsroom/articles/a.md"]
    assert _packs(rules["b.md"]) == {"AP"} and "UK.Towards" in rules["newsroom/articles/a.md"]
    # Each config has its own findings cache beside it; a warm run gives the same report.
    assert (newsroom / ".newslint_cache").is_dir() and (newsroom / "newsroom" / ".newslint_cache").is_dir()
    assert run_cli("check", "--format", "json", ".", cwd=newsroom).stdout == result.stdout


def test_walk_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text("extends: uk\n")  # above the repository: not its config
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "a.md").write_text(ARTICLE)
    rules = _rules(run_cli("check", "--format", "json", "a.md", cwd=repo).stdout)["a.md"]
    assert _packs(rules) == {"AP"}


def test_file_without_a_config_gets_the_working_folders(tmp_path: Path) -> None:
    here = tmp_path / "here"
    (here / ".git").mkdir(parents=True)
    (here / ".newslint.yaml").write_text("extends: uk\n")
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / ".git").mkdir(parents=True)
    (elsewhere / "a.md").write_text(ARTICLE)
    rules = _rules(run_cli("check", "--format", "json", str(elsewhere / "a.md"), cwd=here).stdout)
    assert "UK.Towards" in rules[str(elsewhere / "a.md")]


def test_config_flag_overrides_every_files_config(newsroom: Path) -> None:
    (newsroom / "mine.yaml").write_text("select: [AP.HouseSpellings]\n")
    (newsroom / "b.md").write_text(ARTICLE)
    rules = _rules(run_cli("check", "--format", "json", "--config", "mine.yaml", ".", cwd=newsroom).stdout)
    assert rules == {"b.md": {"AP.HouseSpellings"}, "newsroom/articles/a.md": {"AP.HouseSpellings"}}


def test_isolated_ignores_every_config(newsroom: Path) -> None:
    rules = _rules(run_cli("check", "--format", "json", "--isolated", "newsroom", cwd=newsroom).stdout)
    assert _packs(rules["newsroom/articles/a.md"]) == {"AP"}


def test_stdin_uses_the_working_folder_or_the_stdin_filename(newsroom: Path) -> None:
    plain = run_cli("check", "--format", "json", "-", cwd=newsroom, stdin=ARTICLE.encode())
    assert _packs(_rules(plain.stdout)["<stdin>"]) == {"AP"}
    named = run_cli("check", "--format", "json", "--stdin-filename", "newsroom/articles/new.md", "-",
                    cwd=newsroom, stdin=ARTICLE.encode())
    assert "UK.Towards" in _rules(named.stdout)["newsroom/articles/new.md"]
    inside = run_cli("check", "--format", "json", "-", cwd=newsroom / "newsroom", stdin=ARTICLE.encode())
    assert "UK.Towards" in _rules(inside.stdout)["<stdin>"]


def test_patterns_are_relative_to_their_config(newsroom: Path) -> None:
    (newsroom / "newsroom" / ".newslint.yaml").write_text(
        "extends: uk\nper_file_ignores: {'articles/*.md': [UK.Towards]}\nexclude: ['drafts']\n")
    (newsroom / "newsroom" / "drafts").mkdir()
    (newsroom / "newsroom" / "drafts" / "d.md").write_text(ARTICLE)
    rules = _rules(run_cli("check", "--format", "json", "newsroom", cwd=newsroom).stdout)
    assert list(rules) == ["newsroom/articles/a.md"]
    assert "UK.Towards" not in rules["newsroom/articles/a.md"] and rules["newsroom/articles/a.md"]


def test_fail_level_is_each_files_configs(newsroom: Path) -> None:
    (newsroom / "newsroom" / ".newslint.yaml").write_text("extends: uk\nfail_level: error\n")
    assert run_cli("check", "newsroom/articles/a.md", cwd=newsroom).returncode == 0
    (newsroom / "b.md").write_text(ARTICLE)
    assert run_cli("check", "newsroom/articles/a.md", "b.md", cwd=newsroom).returncode == 1


def test_fix_uses_each_files_config(newsroom: Path) -> None:
    (newsroom / "b.md").write_text(ARTICLE)
    result = run_cli("check", "--fix", ".", cwd=newsroom)
    assert result.returncode in (0, 1), result.stderr
    assert (newsroom / "newsroom" / "articles" / "a.md").read_text() == "He walked towards the border near Kyiv.\n"
    assert (newsroom / "b.md").read_text() == "He walked toward the border near Kyiv.\n"  # AP: "toward" stays


def test_a_bad_nested_config_stops_the_run_before_output(newsroom: Path) -> None:
    (newsroom / "b.md").write_text(ARTICLE)
    (newsroom / "newsroom" / ".newslint.yaml").write_text("extends: uk\nignore: [UK.Toward]\n")
    result = run_cli("check", ".", cwd=newsroom)
    assert result.returncode == 2 and result.stdout == ""
    config = newsroom / "newsroom" / ".newslint.yaml"
    assert result.stderr == (f"newslint: error: {config.resolve()}:2:10: unknown rule or pack 'UK.Toward' "
                             "(did you mean 'UK.Towards'?) [ignore]\n")


def test_nested_config_linked_out_of_its_repository_is_refused(tmp_path: Path) -> None:
    decoy = tmp_path / "decoy"  # stands in for a file such as /etc/passwd
    decoy.mkdir()
    (decoy / "passwd").write_text("root:x:0:0:SECRET-LINE\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "desk").mkdir()
    (repo / "desk" / "a.md").write_text(ARTICLE)
    os.symlink(decoy / "passwd", repo / "desk" / ".newslint.yaml")
    result = run_cli("check", "desk/a.md", cwd=repo)
    assert result.returncode == 2 and "SECRET" not in result.stdout + result.stderr
    assert "leads outside the checked tree" in result.stderr and "Traceback" not in result.stderr


def test_many_files_under_two_configs_in_parallel_keep_their_order_and_configs(newsroom: Path) -> None:
    (newsroom / ".newslint.yaml").write_text("extends: ap\n")
    for i in range(20):
        (newsroom / f"b{i:02}.md").write_text(ARTICLE)
        (newsroom / "newsroom" / "articles" / f"c{i:02}.md").write_text(ARTICLE)
    parallel = run_cli("check", "--format", "json", "--no-cache", "--jobs", "2", ".", cwd=newsroom).stdout
    assert parallel == run_cli("check", "--format", "json", "--no-cache", "--jobs", "1", ".", cwd=newsroom).stdout
    rules = _rules(parallel)
    assert len(rules) == 41 and list(rules) == sorted(rules)
    assert all(_packs(r) == {"AP"} for p, r in rules.items() if p.startswith("b"))
    assert all("UK.Towards" in r for p, r in rules.items() if p.startswith("newsroom/"))


def test_a_folder_linked_out_of_the_repository_has_no_config_read_beyond_the_link(tmp_path: Path) -> None:
    # `desk -> ~/other-project`: the file in it is refused as a link out, and the config
    # beside it out there is not read either (its error would quote its lines).
    other = tmp_path / "other-project"  # stands in for a folder of the user's elsewhere
    other.mkdir()
    (other / ".newslint.yaml").write_text("select: [ghp_SECRET_TOKEN]\n")
    (other / "a.md").write_text(ARTICLE)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    os.symlink(other, repo / "desk")
    for args, stdin in ((("check", "desk/a.md"), None), (("check", "-", "--stdin-filename", "desk/a.md"), ARTICLE.encode())):
        result = run_cli(*args, cwd=repo, stdin=stdin)
        assert "SECRET" not in result.stdout + result.stderr, args
        assert "Traceback" not in result.stderr
    assert "symlink-outside" in run_cli("check", "desk/a.md", cwd=repo).stdout
    # the flag reads through the link, and then the config found there applies
    followed = run_cli("check", "--follow-symlinks", "desk/a.md", cwd=repo)
    assert followed.returncode == 2 and "ghp_SECRET_TOKEN" in followed.stderr


@pytest.mark.parametrize("kind", ["fifo", "dangling", "device"])
def test_a_config_that_is_a_pipe_device_or_dangling_link_is_an_error_not_skipped(tmp_path: Path, kind: str) -> None:
    # Skipped, the run went on with the folder above's settings (or the defaults), exit 0.
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "desk").mkdir()
    (repo / "desk" / "a.md").write_text("Nothing to see here.\n")
    config = repo / "desk" / ".newslint.yaml"
    if kind == "fifo":
        os.mkfifo(config)
    else:
        os.symlink("/dev/null" if kind == "device" else repo / "nowhere.yaml", config)
    result = run_cli("check", "desk/a.md", cwd=repo, timeout=30)
    assert result.returncode == 2, result.stdout + result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("newslint: error: ") and ".newslint.yaml: cannot read config" in line
