"""The hook with the real pre-commit in a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")


def git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def snapshot_of_this_repo(tmp_path: Path) -> tuple[Path, str]:
    """A git repository holding the working tree as it is now, so the hook under test is
    this code, committed or not."""
    hook_repo = tmp_path / "hook-repo"
    shutil.copytree(ROOT, hook_repo, ignore=shutil.ignore_patterns(
        ".git", ".ci-venv", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", ".hypothesis", "build", "dist", ".newslint_cache"))
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "snapshot"]):
        git(*args, cwd=hook_repo)
    rev = git("rev-parse", "HEAD", cwd=hook_repo).stdout.strip()
    return hook_repo, rev


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("precommit")
    hook_repo, rev = snapshot_of_this_repo(tmp_path)
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: newslint\n"
    )
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"))
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install-hooks"], cwd=repo, env=env,
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stdout + install.stderr
    return repo


def commit(repo: Path, name: str, text: str) -> subprocess.CompletedProcess[str]:
    (repo / name).write_text(text, encoding="utf-8")
    git("add", name, ".pre-commit-config.yaml", cwd=repo)
    env = dict(os.environ, PRE_COMMIT_HOME=str(repo.parent / "cache"))
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--files", name],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )


def test_defect_blocks_the_commit(newsroom: Path) -> None:
    result = commit(newsroom, "bad.md", "The mayor’s plan and the council’s vote met the union's anger.\n")
    assert result.returncode == 1, result.stdout
    assert "bad.md" in result.stdout and "News.Apostrophes" in result.stdout


def test_clean_article_goes_through(newsroom: Path) -> None:
    result = commit(newsroom, "good.md", "The mayor’s plan met the council’s vote on Tuesday.\n")
    assert result.returncode == 0, result.stdout
    assert "Passed" in result.stdout


def test_real_git_commit_is_blocked(newsroom: Path) -> None:
    env = dict(os.environ, PRE_COMMIT_HOME=str(newsroom.parent / "cache"))
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=newsroom, env=env, capture_output=True, check=True)
    (newsroom / "story.md").write_text("Officials said Russia’s and Ukraine's talks failed.\n", encoding="utf-8")
    git("add", "story.md", cwd=newsroom)
    blocked = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-m", "story"],
                             cwd=newsroom, env=env, capture_output=True, text=True, timeout=600)
    assert blocked.returncode != 0
    assert "HEAD" not in git("log", "--oneline", cwd=newsroom).stdout or git("log", "--oneline", cwd=newsroom).returncode != 0
