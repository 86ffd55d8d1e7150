"""A hostile checked tree (README, "Threat model"): no symbolic link makes newslint read a
file outside the tree or write anywhere through a link. Every decoy lives in tmp_path."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newslint.files import Reader, read_source
from newslint.reports import report_target_problem
from newslint.trees import open_regular
from newslint.finding import FileError
from tests.helpers import run_cli

SECRET = "SECRET-LINE Kiev colour"  # matched by AP rules, so a leak would show in a finding
FORMATS = ("text", "parsable", "json", "sarif", "github")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """tmp_path/repo (a repository: it holds .git) beside tmp_path/outside with decoys."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(f"root:x:0:0:root:/root:/bin/bash\n{SECRET}\n")
    (outside / "bashrc").write_text("export PS1='$ '\n")
    (outside / "config").write_text("[core]\n\tbare = false\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".newslint.yaml").write_text("extends: ap\n")
    (repo / "story.md").write_text("Near Kiev.\n")
    return repo


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_article_linked_out_of_the_tree_is_not_read_in_any_format(repo: Path, fmt: str) -> None:
    (repo / "leak.md").symlink_to(repo.parent / "outside" / "passwd")
    result = run_cli("check", "--no-cache", "--format", fmt, ".", cwd=repo)
    assert result.returncode == 2, result.stderr
    assert "SECRET-LINE" not in result.stdout and "root:x" not in result.stdout
    assert "symlink-outside" in result.stdout and "leak.md" in result.stdout
    assert "story.md" in result.stdout  # the other files are checked


def test_the_error_names_the_link_and_not_its_target(repo: Path) -> None:
    (repo / "leak.md").symlink_to(repo.parent / "outside" / "passwd")
    report = json.loads(run_cli("check", "--no-cache", "--format", "json", "leak.md", cwd=repo).stdout)
    error = report["files"][0]["error"]
    assert error["code"] == "symlink-outside"
    assert "leak.md" in error["message"] and "passwd" not in error["message"] and "outside" in error["message"]


def test_a_folder_on_the_way_that_links_out_is_refused_and_named(repo: Path) -> None:
    (repo / "docs").symlink_to(repo.parent / "outside")
    (repo.parent / "outside" / "notes.md").write_text(f"{SECRET}\n")
    named = run_cli("check", "--no-cache", "--format", "parsable", "docs/notes.md", cwd=repo)
    assert named.returncode == 2 and "SECRET" not in named.stdout
    assert "symbolic link docs leads outside" in named.stdout
    # A folder argument that links out is not walked: its file names are not listed either.
    walked = run_cli("check", "--no-cache", "--format", "parsable", "docs", cwd=repo)
    assert walked.returncode == 2 and "notes.md" not in walked.stdout and "[newslint.symlink-outside]" in walked.stdout


def test_links_inside_the_tree_still_work(repo: Path) -> None:
    (repo / "sub").mkdir()
    (repo / "sub" / "alias.md").symlink_to(repo / "story.md")
    result = run_cli("check", "--no-cache", "--format", "parsable", "sub/alias.md", cwd=repo)
    assert result.returncode == 1 and result.stdout.startswith("sub/alias.md:1:6: warning:"), result.stdout


def test_follow_symlinks_reads_a_link_out_of_the_tree(repo: Path) -> None:
    (repo / "shared.md").symlink_to(repo.parent / "outside" / "passwd")
    result = run_cli("check", "--no-cache", "--follow-symlinks", "--format", "parsable", "shared.md", cwd=repo)
    assert result.returncode == 1 and "shared.md:2:" in result.stdout, result.stdout + result.stderr


def test_a_path_outside_the_working_tree_is_its_own_tree(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    (other / "sub").mkdir(parents=True)
    (other / "a.md").write_text("Near Kiev.\n")
    (other / "sub" / "b.md").symlink_to(other / "a.md")  # inside its own tree: read
    (other / "c.md").symlink_to(tmp_path / "outside" / "passwd")  # out of it: not read
    result = run_cli("check", "--no-cache", "--format", "json", str(other), cwd=repo)
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["b.md"]["error"] is None and files["b.md"]["findings"]
    assert files["c.md"]["error"]["code"] == "symlink-outside"
    assert "SECRET" not in result.stdout


def test_the_working_tree_is_the_repository_of_the_working_folder(repo: Path) -> None:
    (repo / "desk").mkdir()
    (repo / "desk" / "up.md").symlink_to(repo / "story.md")  # leaves desk/, stays in the repo
    result = run_cli("check", "--no-cache", "--format", "parsable", "up.md", cwd=repo / "desk")
    assert result.returncode == 1 and "up.md:1:6:" in result.stdout, result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_named_or_linked_is_refused_without_blocking(repo: Path) -> None:
    os.mkfifo(repo / "pipe.md")
    (repo / "via.md").symlink_to(repo / "pipe.md")
    result = run_cli("check", "--no-cache", "--format", "parsable", "pipe.md", "via.md", cwd=repo, timeout=60)
    assert result.returncode == 2
    assert result.stdout.count("not a regular file") == 2, result.stdout


def test_a_device_linked_with_follow_symlinks_is_refused(repo: Path) -> None:
    (repo / "zero.md").symlink_to("/dev/zero")
    result = run_cli("check", "--no-cache", "--follow-symlinks", "--format", "parsable", "zero.md", cwd=repo, timeout=60)
    assert result.returncode == 2 and "not a regular file" in result.stdout


def test_a_link_swapped_in_after_the_check_is_not_followed(repo: Path) -> None:
    # open_regular walks from the tree's root with O_NOFOLLOW: a folder that became a link
    # between resolving the path and opening it fails to open.
    (repo / "d").mkdir()
    (repo / "d" / "f.md").write_text("x\n")
    real = os.path.realpath(repo / "d" / "f.md")
    os.rename(repo / "d", repo / "d-moved")
    (repo / "d").symlink_to(repo.parent / "outside")
    (repo.parent / "outside" / "f.md").write_text(SECRET)
    from newslint.trees import _open_beneath

    with pytest.raises(OSError):
        _open_beneath(str(repo), real, os.O_RDONLY)


def test_library_reads_are_confined_by_default(repo: Path) -> None:
    (repo / "leak.md").symlink_to(repo.parent / "outside" / "passwd")
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        assert isinstance(read_source("leak.md"), FileError)
        assert read_source("leak.md").code == "symlink-outside"  # type: ignore[union-attr]
        assert Reader(["."]).read("leak.md").code == "symlink-outside"  # type: ignore[union-attr]
        with pytest.raises(OSError):
            open_regular("leak.md", str(repo))
    finally:
        os.chdir(cwd)


# --- configs and rule packs reached through links ------------------------------------------

def test_a_config_linked_out_of_the_repository_is_an_error_that_quotes_nothing(repo: Path) -> None:
    (repo / ".newslint.yaml").unlink()
    (repo / ".newslint.yaml").symlink_to(repo.parent / "outside" / "passwd")
    result = run_cli("check", "--no-cache", "story.md", cwd=repo)
    assert result.returncode == 2
    assert "SECRET" not in result.stderr and "root:x" not in result.stderr
    assert ".newslint.yaml" in result.stderr and "outside the checked tree" in result.stderr


def test_a_rule_file_linked_to_a_decoy_is_not_read(repo: Path) -> None:
    (repo / ".newslint.yaml").write_text("rule_dirs: [styles]\nextend_select: [House]\n")
    (repo / "styles" / "House").mkdir(parents=True)
    (repo / "styles" / "House" / "Leak.yml").symlink_to(repo.parent / "outside" / "passwd")
    for args in (["check", "--no-cache", "story.md"], ["rules", "--all"], ["explain", "House.Leak"]):
        result = run_cli(*args, cwd=repo)
        assert result.returncode == 2, args
        assert "SECRET" not in result.stdout + result.stderr and "root:x" not in result.stdout + result.stderr
        assert "Leak.yml" in result.stderr and "outside the checked tree" in result.stderr


def test_a_pack_folder_linked_out_of_the_repository_is_not_read(repo: Path) -> None:
    pack = repo.parent / "outside" / "Evil"
    pack.mkdir()
    (pack / "Rule.yml").write_text(f"extends: existence\nmessage: '{SECRET}'\ntokens: [x]\n")
    (repo / ".newslint.yaml").write_text("rule_dirs: [styles]\nextend_select: [Evil]\n")
    (repo / "styles").mkdir()
    (repo / "styles" / "Evil").symlink_to(pack)
    result = run_cli("check", "--no-cache", "story.md", cwd=repo)
    assert result.returncode == 2 and "styles/Evil" in result.stderr and "SECRET" not in result.stderr


# --- reports and init: never written through a link --------------------------------------

@pytest.mark.parametrize("how", [["--format", "text:report.txt"], ["--format", "json", "--output", "report.txt"]])
def test_a_report_that_is_a_link_is_refused_before_anything_is_written(repo: Path, how: list[str]) -> None:
    bashrc = repo.parent / "outside" / "bashrc"
    before = bashrc.read_bytes()
    (repo / "report.txt").symlink_to(bashrc)
    (repo / "other.json").write_text("old report\n")
    result = run_cli("check", "--no-cache", *how, "--format", "sarif:other.json", "story.md", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "report.txt" in result.stderr and "symbolic link" in result.stderr
    assert bashrc.read_bytes() == before and (repo / "report.txt").is_symlink()
    assert (repo / "other.json").read_text() == "old report\n"  # nothing written at all
    assert not [p for p in repo.iterdir() if p.name.startswith(".newslint-")]


def test_a_report_in_a_folder_linked_out_of_the_tree_is_refused(repo: Path) -> None:
    (repo / "results").symlink_to(repo.parent / "outside")
    result = run_cli("check", "--no-cache", "--format", "json:results/r.json", "story.md", cwd=repo)
    assert result.returncode == 2 and "results" in result.stderr
    assert not (repo.parent / "outside" / "r.json").exists()


def test_a_report_replaces_a_hard_linked_file_without_writing_into_the_other_name(repo: Path) -> None:
    bashrc = repo.parent / "outside" / "bashrc"
    before = bashrc.read_bytes()
    os.link(bashrc, repo / "report.txt")
    result = run_cli("check", "--no-cache", "--format", "text:report.txt", "story.md", cwd=repo)
    assert result.returncode == 1
    assert bashrc.read_bytes() == before and "Kiev" in (repo / "report.txt").read_text()


def test_a_report_can_go_to_a_device(repo: Path) -> None:
    result = run_cli("check", "--no-cache", "--output", os.devnull, "story.md", cwd=repo)
    assert result.returncode == 1 and result.stdout == "", result.stderr


def test_report_target_problem() -> None:
    assert report_target_problem(os.devnull) is None


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_init_never_writes_through_a_linked_config(tmp_path: Path, force: list[str]) -> None:
    bashrc = tmp_path / "bashrc"
    bashrc.write_text("export PS1='$ '\n")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / ".newslint.yaml").symlink_to(bashrc)
    result = run_cli("init", *force, cwd=tmp_path / "desk")
    assert result.returncode == 2 and "symbolic link" in result.stderr
    assert bashrc.read_text() == "export PS1='$ '\n"


def test_init_does_not_create_the_target_of_a_dangling_link(tmp_path: Path) -> None:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / ".newslint.yaml").symlink_to(tmp_path / "created")
    result = run_cli("init", "--force", cwd=tmp_path / "desk")
    assert result.returncode == 2 and not (tmp_path / "created").exists()


# --- the repository's .git folder is not part of the checked tree --------------------------

def test_a_link_into_dot_git_is_refused_for_reading_and_fixing(repo: Path) -> None:
    config = repo / ".git" / "config"
    config.write_text("[http]\n\textraheader = AUTHORIZATION: basic SECRET-TOKEN Kiev\n")
    before = config.read_bytes()
    (repo / "notes.md").symlink_to(config)
    (repo / "gitdir").symlink_to(repo / ".git")
    for fmt in FORMATS:
        result = run_cli("check", "--no-cache", "--format", fmt, "notes.md", "gitdir/config", cwd=repo)
        assert result.returncode == 2 and "SECRET-TOKEN" not in result.stdout, fmt
        assert result.stdout.count("symlink-outside") >= 2 or fmt == "sarif" and "symlink-outside" in result.stdout
    fixed = run_cli("check", "--fix", "notes.md", cwd=repo)
    assert fixed.returncode == 2 and config.read_bytes() == before


def test_a_rule_file_linked_into_dot_git_is_not_read(repo: Path) -> None:
    (repo / ".git" / "config").write_text("SECRET-TOKEN: [x\n")
    (repo / ".newslint.yaml").write_text("rule_dirs: [styles]\nextend_select: [House]\n")
    (repo / "styles" / "House").mkdir(parents=True)
    (repo / "styles" / "House" / "Git.yml").symlink_to(repo / ".git" / "config")
    result = run_cli("check", "--no-cache", "story.md", cwd=repo)
    assert result.returncode == 2 and "SECRET" not in result.stderr and "Git.yml" in result.stderr
