"""Which files a run checks: .gitignore in folder scans, --exclude / --extend-exclude, and
files of a type newslint does not read, skipped with a notice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import run_cli

DEFECT = "It was alot.\n"


def _checked(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {line.split(":", 1)[0] for line in result.stdout.splitlines()}


def _write(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(DEFECT, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A work tree: `.git` is what marks one (a worktree's `.git` is a file)."""
    root = tmp_path / "newsroom"
    (root / ".git").mkdir(parents=True)
    _write(root, "published/a.md", "drafts/b.md", "published/c.tmp.md", "published/keep.tmp.md",
           "published/sub/d.md", "published/sub/e.md", "notes.md")
    (root / ".gitignore").write_text("drafts/\n*.tmp.md\n# a comment\n/notes.md\n", encoding="utf-8")
    (root / "published" / ".gitignore").write_text("!keep.tmp.md\n", encoding="utf-8")
    (root / "published" / "sub" / ".gitignore").write_text("e.md\n", encoding="utf-8")
    return root


def test_a_folder_scan_leaves_out_what_gitignore_ignores(repo: Path) -> None:
    result = run_cli("check", "--select", "AP.ALot", "--format", "parsable", ".", cwd=repo)
    assert _checked(result) == {"published/a.md", "published/keep.tmp.md", "published/sub/d.md"}


def test_gitignore_files_above_the_scanned_folder_apply(repo: Path) -> None:
    result = run_cli("check", "--select", "AP.ALot", "--format", "parsable", "published", cwd=repo)
    assert _checked(result) == {"published/a.md", "published/keep.tmp.md", "published/sub/d.md"}


def test_a_file_named_explicitly_is_checked_even_if_ignored(repo: Path) -> None:
    result = run_cli("check", "--select", "AP.ALot", "--format", "parsable", "drafts/b.md", cwd=repo)
    assert _checked(result) == {"drafts/b.md"}


def test_a_folder_named_explicitly_is_searched_even_if_ignored(repo: Path) -> None:
    """As ripgrep and ruff search a folder they are given: `drafts/` in .gitignore leaves
    drafts out of a scan of the repository, not out of `newslint check drafts`; the
    patterns still apply inside it."""
    _write(repo, "drafts/c.tmp.md", "drafts/deep/e.md")
    result = run_cli("check", "--select", "AP.ALot", "--format", "parsable", "drafts", cwd=repo)
    assert _checked(result) == {"drafts/b.md", "drafts/deep/e.md"}
    inside = run_cli("check", "--select", "AP.ALot", "--format", "parsable", cwd=repo / "drafts" / "deep")
    assert _checked(inside) == {"e.md"}
    assert "drafts/b.md" not in _checked(run_cli("check", "--select", "AP.ALot", "--format", "parsable", ".", cwd=repo))


def test_outside_a_git_work_tree_gitignore_is_not_read(repo: Path) -> None:
    (repo / ".git").rmdir()
    result = run_cli("check", "--select", "AP.ALot", "--format", "parsable", ".", cwd=repo)
    assert "drafts/b.md" in _checked(result) and "notes.md" in _checked(result)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_selection_is_the_one_git_makes(repo: Path) -> None:
    (repo / ".git").rmdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    tracked = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "*.md"], cwd=repo,
                             capture_output=True, text=True, check=True).stdout.split()
    result = run_cli("check", "--select", "AP.ALot", "--format", "parsable", ".", cwd=repo)
    assert _checked(result) == set(tracked)


def test_a_gitignore_that_is_a_link_is_not_read(tmp_path: Path) -> None:
    decoy = tmp_path / "home" / "patterns"  # stands in for a file elsewhere on the machine
    decoy.parent.mkdir()
    decoy.write_text("*.md\n", encoding="utf-8")
    root = tmp_path / "newsroom"
    (root / ".git").mkdir(parents=True)
    _write(root, "a.md")
    (root / ".gitignore").symlink_to(decoy)
    result = run_cli("check", "--select", "AP.ALot", "--format", "parsable", ".", cwd=root)
    assert _checked(result) == {"a.md"}


def test_gitignore_above_the_checked_tree_is_not_read(tmp_path: Path) -> None:
    """A folder outside the working folder's repository is a tree of its own: a .gitignore
    above it is not read (it lies outside what the run may read)."""
    outer = tmp_path / "outer"
    (outer / ".git").mkdir(parents=True)
    (outer / ".gitignore").write_text("*.md\n", encoding="utf-8")
    _write(outer, "desk/a.md")
    work = tmp_path / "work"
    work.mkdir()
    result = run_cli("check", "--select", "AP.ALot", "--format", "parsable", str(outer / "desk"), cwd=work)
    assert len(result.stdout.splitlines()) == 1 and result.returncode == 1


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    _write(tmp_path, "a.md", "archive/old.md", "wire/feed.md", "b.md")
    (tmp_path / ".newslint.yaml").write_text("exclude: [\"archive/*\"]\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("flags, checked", [
    ((), {"a.md", "b.md", "wire/feed.md"}),
    (("--exclude", "wire/*"), {"a.md", "b.md", "archive/old.md"}),  # replaces the config's
    (("--extend-exclude", "wire/*"), {"a.md", "b.md"}),  # adds to it
    (("--extend-exclude", "wire/*,b.md"), {"a.md"}),
    (("--exclude", "a.md", "--extend-exclude", "b.md"), {"archive/old.md", "wire/feed.md"}),
])
def test_exclude_replaces_and_extend_exclude_adds(desk: Path, flags: tuple[str, ...], checked: set[str]) -> None:
    result = run_cli("check", "--select", "AP.ALot", "--format", "parsable", *flags, ".", cwd=desk)
    assert _checked(result) == checked


@pytest.mark.parametrize("flags, checked", [
    ((), {"a.md", "b.md"}),
    (("--exclude", "b.md"), {"a.md", "archive/old.md"}),  # replaces `exclude`, keeps `extend_exclude`
    (("--extend-exclude", "b.md"), {"a.md"}),
])
def test_the_config_key_extend_exclude_adds_and_outlives_exclude(tmp_path: Path, flags: tuple[str, ...],
                                                                  checked: set[str]) -> None:
    _write(tmp_path, "a.md", "archive/old.md", "wire/feed.md", "b.md")
    (tmp_path / ".newslint.yaml").write_text('exclude: ["archive/*"]\nextend_exclude: ["wire/*"]\n',
                                             encoding="utf-8")
    result = run_cli("check", "--select", "AP.ALot", "--format", "parsable", *flags, ".", cwd=tmp_path)
    assert _checked(result) == checked
    shown = run_cli("check", "--show-config", "a.md", cwd=tmp_path)
    assert "extend_exclude: [wire/*]  # .newslint.yaml:2:1" in shown.stdout


@pytest.mark.parametrize("name", ["page.html", "story.docx", "notes.rst", "story.md.bak"])
def test_a_file_of_another_type_is_skipped_with_a_notice(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("<p>It was alot.</p>\n", encoding="utf-8")
    result = run_cli("check", "--select", "AP.ALot", name, cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr == f"newslint: warning: {name}: skipped: not a file type newslint reads (.md, .markdown, .txt)\n"
    assert "No findings in 0 files." in result.stdout


def test_a_skipped_file_leaves_the_others_checked(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", "page.html")
    result = run_cli("check", "--select", "AP.ALot", "--format", "parsable", "a.md", "page.html", cwd=tmp_path)
    assert result.returncode == 1 and _checked(result) == {"a.md"}
    assert "page.html: skipped" in result.stderr


@pytest.mark.parametrize("name", ["story.markdown", "story.txt", "STORY.MD", "story.mdown", "story.text", "STORY"])
def test_the_types_newslint_reads_are_checked(tmp_path: Path, name: str) -> None:
    _write(tmp_path, name)
    result = run_cli("check", "--select", "AP.ALot", "--format", "parsable", name, cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == ""


def test_a_missing_file_of_another_type_is_still_an_error(tmp_path: Path) -> None:
    result = run_cli("check", "gone.html", cwd=tmp_path)
    assert result.returncode == 2 and "no such file" in result.stdout


@pytest.mark.parametrize("name", ["page.html", "notes.RST"])
def test_standard_input_named_as_another_type_is_skipped_with_a_notice(tmp_path: Path, name: str) -> None:
    text = b"<p>It was alot, the the end.</p>\n"
    result = run_cli("check", "--stdin-filename", name, "-", cwd=tmp_path, stdin=text)
    assert result.returncode == 0
    assert result.stderr == f"newslint: warning: {name}: skipped: not a file type newslint reads (.md, .markdown, .txt)\n"
    assert "No findings in 0 files." in result.stdout
    # --fix on standard input gives the text back (an editor's buffer is not emptied)
    fixed = run_cli("check", "--fix", "--stdin-filename", name, "-", cwd=tmp_path, stdin=text)
    assert fixed.returncode == 0 and fixed.stdout == text.decode()
    # the other paths of the run are still checked
    _write(tmp_path, "a.md")
    both = run_cli("check", "--select", "AP.ALot", "--format", "parsable", "--stdin-filename", name, "-", "a.md",
                   cwd=tmp_path, stdin=text)
    assert both.returncode == 1 and _checked(both) == {"a.md"}


def test_a_folder_with_no_articles_says_so(repo: Path) -> None:
    """An empty result from a folder is not a clean one (ruff: "No Python files found")."""
    _write(repo, "web/page.html", "web/notes.rst")
    _write(repo, "published/old/x.tmp.md")
    for folder in ("web", "published/old"):  # nothing of a type newslint reads; all ignored by .gitignore
        result = run_cli("check", folder, cwd=repo)
        assert result.returncode == 0 and "No findings in 0 files." in result.stdout
        assert result.stderr == (f"newslint: warning: {folder}: no articles found (.md, .markdown, .txt, "
                                 "leaving out ignored and excluded files)\n")
    assert run_cli("check", "-q", "web", cwd=repo).stderr == ""
    assert run_cli("check", "web", "published/a.md", cwd=repo).stderr == ""  # the run checked a file
