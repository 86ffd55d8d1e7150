"""Caches written by someone else: a committed findings cache, a rule cache in a folder
others can write, links, FIFOs and devices where cache files belong. None of them may hide
a finding, run code, hang the run, or make newslint read, write or delete outside the cache."""

from __future__ import annotations

import json
import marshal
import os
import pickle
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from newslint import __version__, cache as cache_module
from newslint.cache import CACHE_DIR, Cache, entry_name
from newslint.cachekey import sign
from tests.helpers import run_cli
from tests.test_cache import DEFECT, cache_entries, rule_set, user_key

OLD = time.time() - 90 * 86400


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    path = tmp_path / "repo"
    path.mkdir()
    (path / "a.md").write_text(DEFECT)
    return path


def expected_report(repo: Path) -> str:
    result = run_cli("check", "--format", "json", "--no-cache", "a.md", cwd=repo)
    assert result.returncode == 1 and "Kyiv" in result.stdout
    return result.stdout


def check_finds(repo: Path, expected: str, runs: int = 2) -> None:
    """Each run completes quickly (a hung read would hit the timeout), with every finding."""
    for _ in range(runs):
        result = run_cli("check", "--format", "json", "a.md", cwd=repo, timeout=60)
        assert (result.returncode, result.stdout, result.stderr) == (1, expected, "")


def make_decoy(folder: Path) -> Path:
    """A folder outside the repository that looks like cache content at every level, old
    enough for any pruning to delete, standing in for a user's files."""
    folder.mkdir()
    (folder / "notes.txt").write_text("the user's own file\n")
    (folder / ("0" * 32 + ".json")).write_text("{}")  # an old-format cache file's name
    (folder / "ruleset").write_bytes(b"x" * 32)
    for n in range(256):
        if n < 128:  # a shard's name, as a file
            (folder / f"{n:02x}").write_text("a shard's name")
        else:  # and as a folder, with shard and entry names in it
            (folder / f"{n:02x}").mkdir()
            (folder / f"{n:02x}" / "00").write_text("a shard's name")
            (folder / f"{n:02x}" / ("a" * 32)).write_text("an entry's name")
    (folder / ("b" * 32)).mkdir()  # another rule set's name
    (folder / ("b" * 32) / "00").write_text("a shard of it")
    for path in [*folder.rglob("*"), folder]:
        os.utime(path, (OLD, OLD))
    return folder


def snapshot(folder: Path) -> dict[str, tuple[bool, bytes, int]]:
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        found[str(path.relative_to(folder))] = (path.is_symlink(), path.read_bytes() if path.is_file() else b"", info.st_mtime_ns)
    return found


def test_a_committed_cache_saying_an_article_is_clean_is_ignored(repo: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    expected = expected_report(repo)
    # The contributor runs newslint on their own machine (their own key) and plants an
    # entry that says a.md, as committed, has no findings.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "contributor-config"))
    run_cli("check", "a.md", cwd=repo)
    contributor_key = (tmp_path / "contributor-config" / "newslint" / "cache-key").read_bytes()
    forged = Cache(repo / CACHE_DIR, rule_set(repo), secret=contributor_key)
    forged.put("a.md", DEFECT, [])
    forged.save()
    assert run_cli("check", "a.md", cwd=repo).returncode == 0  # believed by the key that signed it
    monkeypatch.undo()
    check_finds(repo, expected)  # ... and by nobody else


def test_a_committed_cache_in_the_old_unkeyed_format_is_never_read(repo: Path) -> None:
    expected = expected_report(repo)
    run_cli("check", "a.md", cwd=repo)
    old_format = repo / CACHE_DIR / __version__ / (rule_set(repo) + ".json")
    header = {"newslint_cache": 2, "version": __version__, "fingerprint": rule_set(repo), "checksum": ""}
    old_format.write_text(json.dumps(header) + "\n" + json.dumps({"a.md": ["", 0, []]}))
    for entry in cache_entries(repo):
        entry.unlink()
    check_finds(repo, expected)
    assert not old_format.exists()  # a name of the cache's own: removed by the run that wrote entries


def _link_at(level: str) -> Callable[[Path, Path], None]:
    """Replace the cache's folder (or file) at `level` with a link to the decoy."""

    def plant(repo: Path, decoy: Path) -> None:
        top = repo / CACHE_DIR
        fingerprint = rule_set(repo)
        version, rules = top / __version__, top / __version__ / fingerprint
        target = {"cache": top, "version": version, "rule set": rules, "shard": rules / entry_name("a.md")[:2],
                  "other version": top / "0.0.1", "other rule set": version / ("b" * 32),
                  "marker": rules / "ruleset", "gitignore": top / ".gitignore"}[level]
        if target.is_dir():
            import shutil

            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        target.symlink_to(decoy / "notes.txt" if level in ("shard", "marker", "gitignore") else decoy)
        os.utime(target, (OLD, OLD), follow_symlinks=False)  # as stale as can be

    return plant


LEVELS = ["cache", "version", "rule set", "shard", "other version", "other rule set", "marker", "gitignore"]


@pytest.mark.parametrize("level", LEVELS)
def test_a_link_in_the_cache_is_never_followed(repo: Path, tmp_path: Path, level: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    expected = expected_report(repo)
    run_cli("check", "a.md", cwd=repo)
    fingerprint = rule_set(repo)
    decoy = make_decoy(tmp_path / "decoy")
    _link_at(level)(repo, decoy)
    before = snapshot(decoy)
    check_finds(repo, expected)
    # In process, with every random choice of the pruning landing on the link, and with a
    # miss to write so that pruning runs.
    monkeypatch.setattr(cache_module, "_pick", lambda count: int(entry_name("a.md")[:2], 16) % count)
    for _ in range(2):
        cache = Cache(repo / CACHE_DIR, fingerprint)
        cache.get("a.md", DEFECT)
        cache.put("a.md", DEFECT, [])
        cache.put("new.md", "new text", [])
        cache.save()
    assert snapshot(decoy) == before


@pytest.mark.parametrize("where", ["shard", "marker", "cache"])
@pytest.mark.parametrize("what", ["fifo", "dev-zero"])
def test_a_fifo_or_device_in_the_cache_neither_hangs_nor_is_read(repo: Path, where: str, what: str) -> None:
    expected = expected_report(repo)
    run_cli("check", "a.md", cwd=repo)
    rules = repo / CACHE_DIR / __version__ / rule_set(repo)
    target = {"shard": rules / entry_name("a.md")[:2], "marker": rules / "ruleset",
              "cache": repo / CACHE_DIR}[where]
    if target.is_dir():
        import shutil

        shutil.rmtree(target)
    else:
        target.unlink()
    if what == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    check_finds(repo, expected)


class _Decoy:
    """Loading this pickle creates the file named: proof that it ran."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (self.path, "w"))


def test_a_planted_rule_cache_never_runs(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rule_cache = tmp_path / "shared-rule-cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(rule_cache))
    expected = expected_report(repo)
    (written,) = rule_cache.glob("rules-*.bin")
    ran = tmp_path / "code-ran"
    payload = pickle.dumps(_Decoy(ran))
    assert not ran.exists()
    # Where this rule set's file is, and the name and format earlier releases used, with
    # their headers: a pickle, and a marshal body under a signature made without the key.
    written.write_bytes(b"newslint-rules-3\n" + bytes(32) + payload)
    written.with_suffix(".pickle").write_bytes(b"newslint-rules-2" + payload)
    for _ in range(2):
        result = run_cli("check", "--format", "json", "--no-cache", "a.md", cwd=repo)
        assert (result.returncode, result.stdout, result.stderr) == (1, expected, "")
        assert not ran.exists()
    pickle.loads(payload)  # the test's own check that the payload does what it says
    assert ran.exists()


def test_a_rule_cache_signed_by_another_key_is_ignored_and_one_signed_by_the_users_is_used(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rule_cache = tmp_path / "rule-cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(rule_cache))
    expected_report(repo)
    (written,) = rule_cache.glob("rules-*.bin")
    magic = b"newslint-rules-3\n"
    body = written.read_bytes()[len(magic) + 32 :]
    specs = marshal.loads(body)
    specs = [(s[:2] + ("Planted message.",) + s[3:]) if s[0] == "AP.HouseSpellings" else s for s in specs]
    planted = marshal.dumps(specs)
    for key, believed in ((os.urandom(32), False), (user_key(), True)):
        written.write_bytes(magic + sign(key, b"newslint-rules", written.name.encode(), planted) + planted)
        result = run_cli("check", "--format", "parsable", "--no-cache", "a.md", cwd=repo)
        assert ("Planted message." in result.stdout) is believed


@pytest.mark.parametrize("what", ["fifo", "dev-zero", "link"])
def test_a_special_rule_cache_file_neither_hangs_nor_is_followed(repo: Path, tmp_path: Path, what: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    rule_cache = tmp_path / "rule-cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(rule_cache))
    expected = expected_report(repo)
    (written,) = rule_cache.glob("rules-*.bin")
    decoy = tmp_path / "decoy"
    decoy.write_bytes(written.read_bytes())  # a genuine rule cache, elsewhere
    written.unlink()
    if what == "fifo":
        os.mkfifo(written)
    else:
        written.symlink_to("/dev/zero" if what == "dev-zero" else decoy)
    before = decoy.read_bytes()
    for _ in range(2):
        result = run_cli("check", "--format", "json", "--no-cache", "a.md", cwd=repo, timeout=60)
        assert (result.returncode, result.stdout, result.stderr) == (1, expected, "")
    assert decoy.read_bytes() == before
    assert written.is_file() and not written.is_symlink()  # replaced by a file of its own


def test_rule_cache_pruning_removes_only_its_own_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, repo: Path) -> None:
    rule_cache = tmp_path / "rule-cache"
    rule_cache.mkdir()
    decoy = make_decoy(tmp_path / "decoy")
    old_name = "rules-" + "d" * 40
    (rule_cache / f"{old_name}.bin").write_bytes(b"old")
    (rule_cache / f"{old_name}.pickle").write_bytes(b"old")
    (rule_cache / ("rules-" + "e" * 40 + ".bin")).symlink_to(decoy / "notes.txt")
    (rule_cache / "rules-notes.bin").write_text("not a name of ours")
    for path in rule_cache.iterdir():
        os.utime(path, (OLD, OLD), follow_symlinks=False)
    before = snapshot(decoy)
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(rule_cache))
    expected_report(repo)
    names = sorted(p.name for p in rule_cache.iterdir())
    assert f"{old_name}.bin" not in names and f"{old_name}.pickle" not in names
    assert "rules-notes.bin" in names and "rules-" + "e" * 40 + ".bin" in names
    assert snapshot(decoy) == before
