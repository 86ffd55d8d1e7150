"""The hooks see articles only: with the real pre-commit, a commit holding a config, a
Python file and a JSON file beside the articles passes only the articles to newslint."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from newslint.files import ARTICLE_SUFFIXES
from tests.helpers import ROOT
from tests.test_precommit import git, snapshot_of_this_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")

# A straight apostrophe among curly ones: News.Apostrophes reports it in any file it reads.
DEFECT = "The mayor’s plan and the council’s vote met the union's anger.\n"
CLEAN = "The mayor’s plan met the council’s vote on Tuesday.\n"


def hooks() -> list[dict[str, object]]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("hook", hooks(), ids=lambda h: str(h["id"]))
def test_files_pattern_is_the_suffixes_newslint_reads(hook: dict[str, object]) -> None:
    pattern = re.compile(str(hook["files"]))
    for suffix in ARTICLE_SUFFIXES:
        for name in (f"story{suffix}", f"desk/Story{suffix.upper()}"):
            assert pattern.search(name), name
    for name in (".newslint.yaml", "pyproject.toml", "tool.py", "data.json", "page.html", "notes.md.bak", "md"):
        assert not pattern.search(name), name
    assert "types_or" not in hook  # identify tags YAML, Python and JSON as `text`


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PRE_COMMIT_HOME=str(repo.parent / "cache"),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with the UK starter config, a script and a data file, each holding the
    defect an article would be blocked for."""
    tmp_path = tmp_path_factory.mktemp("articles-only")
    hook_repo, rev = snapshot_of_this_repo(tmp_path)
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    init = subprocess.run([sys.executable, "-m", "newslint", "init", "--style", "uk"], cwd=repo,
                          capture_output=True, text=True, timeout=120)
    assert init.returncode == 0, init.stderr
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: newslint\n", encoding="utf-8")
    (repo / "tool.py").write_text(f"# {DEFECT}print('the union\\'s anger')\n", encoding="utf-8")
    (repo / "data.json").write_text(f'{{"headline": "{DEFECT.strip()}"}}\n', encoding="utf-8")
    install = run(repo, "install-hooks")
    assert install.returncode == 0, install.stdout + install.stderr
    return repo


def commit_all(repo: Path, articles: dict[str, str]) -> subprocess.CompletedProcess[str]:
    for old in repo.glob("articles/*"):
        old.unlink()
    for name, text in articles.items():
        (repo / name).parent.mkdir(exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git("add", "-A", cwd=repo)
    return run(repo, "run", "--all-files")


def test_config_script_and_data_are_not_checked(newsroom: Path) -> None:
    # The starter config alone gave 22 findings when newslint read it. Named on the command
    # line, such files are now skipped with a notice; the hook does not even pass them.
    direct = subprocess.run([sys.executable, "-m", "newslint", "check", ".newslint.yaml", "tool.py", "data.json"],
                            cwd=newsroom, capture_output=True, text=True, timeout=120)
    assert direct.returncode == 0, direct.stdout
    assert direct.stderr.count(": skipped: not a file type newslint reads") == 3, direct.stderr
    result = commit_all(newsroom, {"articles/good.md": CLEAN, "articles/good.txt": CLEAN})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
    assert not {".newslint.yaml", "tool.py", "data.json"} & set(result.stdout.split())


def test_articles_of_every_suffix_are_checked(newsroom: Path) -> None:
    result = commit_all(newsroom, {"articles/a.md": DEFECT, "articles/b.markdown": DEFECT,
                                   "articles/c.txt": DEFECT, "articles/D.MD": DEFECT})
    assert result.returncode == 1, result.stdout + result.stderr
    reported = set(re.findall(r"^(articles/\S+)$", result.stdout, re.MULTILINE))  # the text format's file headings
    assert reported == {"articles/a.md", "articles/b.markdown", "articles/c.txt", "articles/D.MD"}, result.stdout
