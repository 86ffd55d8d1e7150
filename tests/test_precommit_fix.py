"""The newslint-fix hook with the real pre-commit: the commit fails, the file is fixed for review."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")

BEFORE = "Kyiv’s plan and Lviv’s answer met Russia's demands.\n"
AFTER = "Kyiv’s plan and Lviv’s answer met Russia’s demands.\n"


def git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False, env=env, timeout=600)


def test_fix_hook_fails_the_commit_and_leaves_the_fixed_file(tmp_path: Path) -> None:
    # The hook repository is a clone of this project at HEAD, as a team's config would pin it.
    hook_repo = tmp_path / "hook-repo"
    assert git("clone", "-q", str(ROOT), str(hook_repo), cwd=tmp_path).returncode == 0
    rev = git("rev-parse", "HEAD", cwd=hook_repo).stdout.strip()
    repo = tmp_path / "newsroom"
    repo.mkdir()
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t", PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: newslint-fix\n", encoding="utf-8")
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install", "--install-hooks"], cwd=repo, env=env,
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stdout + install.stderr
    (repo / "story.md").write_text(BEFORE, encoding="utf-8")
    git("add", "story.md", ".pre-commit-config.yaml", cwd=repo)

    first = git("commit", "-qm", "story", cwd=repo, env=env)
    assert first.returncode != 0, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout + first.stderr
    assert (repo / "story.md").read_text(encoding="utf-8") == AFTER
    assert git("rev-parse", "--verify", "HEAD", cwd=repo).returncode != 0  # nothing committed
    assert git("diff", "--name-only", cwd=repo).stdout.split() == ["story.md"]  # the fix waits for review

    git("add", "story.md", cwd=repo)
    second = git("commit", "-qm", "story", cwd=repo, env=env)
    assert second.returncode == 0, second.stdout + second.stderr
