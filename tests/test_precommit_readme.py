"""The README's pre-commit section works as written, with the real pre-commit: the remote
hook pinned by `pre-commit autoupdate --freeze`, and both `repo: local` forms. Only the
URL is replaced, by a local clone of this project, so the test runs offline."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT
from tests.test_precommit import snapshot_of_this_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")

README_URL = "https://git.example.org/newsroom/newslint"
DEFECT = "The mayor’s plan and the council’s vote met the union's anger.\n"
CLEAN = "The mayor’s plan met the council’s vote on Tuesday.\n"


def git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False, env=env, timeout=900)


def section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("### pre-commit\n")
    return text[start : text.index("\n### ", start + 1)]


def fenced_blocks(language: str) -> list[str]:
    """The section's fenced blocks with this info string ("" for a plain block), in order."""
    blocks: list[tuple[str, str]] = []
    info: str | None = None
    lines: list[str] = []
    for line in section().splitlines(keepends=True):
        if not line.startswith("```"):
            lines.append(line)
        elif info is None:
            info, lines = line[3:].strip(), []
        else:
            blocks.append((info, "".join(lines)))
            info = None
    return [text for kind, text in blocks if kind == language]


def yaml_blocks() -> list[str]:
    return fenced_blocks("yaml")


def commands() -> list[str]:
    """The shell lines of the section's command block, comments dropped."""
    block = fenced_blocks("")[0]
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_the_section_shows_the_three_forms() -> None:
    blocks = [yaml.safe_load(b) for b in yaml_blocks()]
    assert [b["repos"][0]["repo"] for b in blocks] == [README_URL, "local", "local"]
    assert [b["repos"][0]["hooks"][0].get("language") for b in blocks[1:]] == ["system", "python"]
    assert commands() == ["pre-commit autoupdate --freeze", "pre-commit install", "pre-commit run --all-files"]


@pytest.fixture()
def hook_repo(tmp_path: Path) -> tuple[Path, str]:
    return snapshot_of_this_repo(tmp_path)


def newsroom(tmp_path: Path, config: str) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (repo / "tool.py").write_text(f"# {DEFECT}", encoding="utf-8")
    (repo / "good.md").write_text(CLEAN, encoding="utf-8")
    git("add", "-A", cwd=repo)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    return repo, env


def pre_commit(repo: Path, env: dict[str, str], command: str) -> subprocess.CompletedProcess[str]:
    args = command.split()
    assert args[0] == "pre-commit"
    return subprocess.run([sys.executable, "-m", "pre_commit", *args[1:]], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)


def blocks_a_bad_article(repo: Path, env: dict[str, str]) -> None:
    """`git commit` runs the hook: a bad article stops it; without it the commit (holding a
    script with the same defect) goes through."""
    (repo / "bad.md").write_text(DEFECT, encoding="utf-8")
    git("add", "-A", cwd=repo)
    blocked = git("commit", "-qm", "story", cwd=repo, env=env)
    assert blocked.returncode != 0 and "News.Apostrophes" in blocked.stdout + blocked.stderr, blocked.stdout + blocked.stderr
    assert git("rev-parse", "--verify", "HEAD", cwd=repo).returncode != 0
    git("rm", "-q", "--cached", "bad.md", cwd=repo)
    passed = git("commit", "-qm", "story", cwd=repo, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_remote_hook_pinned_by_autoupdate(tmp_path: Path, hook_repo: tuple[Path, str]) -> None:
    path, head = hook_repo
    repo, env = newsroom(tmp_path, yaml_blocks()[0].replace(README_URL, str(path)))
    for command in commands():
        result = pre_commit(repo, env, command)
        assert result.returncode == 0, command + "\n" + result.stdout + result.stderr
        if command.startswith("pre-commit autoupdate"):
            pinned = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
            assert pinned["repos"][0]["rev"] == head  # an untagged repository: HEAD's full SHA
    blocks_a_bad_article(repo, env)


def test_remote_hook_pinned_to_a_tag(tmp_path: Path, hook_repo: tuple[Path, str]) -> None:
    path, head = hook_repo
    git("tag", "v9.9.9", cwd=path)
    repo, env = newsroom(tmp_path, yaml_blocks()[0].replace(README_URL, str(path)))
    assert pre_commit(repo, env, "pre-commit autoupdate --freeze").returncode == 0
    config = (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f"rev: {head}  # frozen: v9.9.9" in config


def test_local_system_hook(tmp_path: Path) -> None:
    # The newslint of this test's environment is on PATH, as in a desk's virtualenv.
    repo, env = newsroom(tmp_path, yaml_blocks()[1])
    for command in commands()[1:]:
        result = pre_commit(repo, env, command)
        assert result.returncode == 0, command + "\n" + result.stdout + result.stderr
    blocks_a_bad_article(repo, env)


def test_local_python_hook(tmp_path: Path, hook_repo: tuple[Path, str]) -> None:
    path, head = hook_repo
    config = yaml_blocks()[2].replace(f"{README_URL}@main", f"file://{path}@{head}")
    assert config != yaml_blocks()[2]
    repo, env = newsroom(tmp_path, config)
    for command in commands()[1:]:
        result = pre_commit(repo, env, command)
        assert result.returncode == 0, command + "\n" + result.stdout + result.stderr
    blocks_a_bad_article(repo, env)
