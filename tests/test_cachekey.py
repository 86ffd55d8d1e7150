"""The cache key: made private on the first run, and refused (both caches off, the run
otherwise the same) unless it is a private regular file of the user in a folder of theirs."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable, Iterator

import pytest

from newslint import cachekey
from newslint.cache import CACHE_DIR
from tests.helpers import run_cli

DEFECT = "Kiev talks\n\nOfficials met in Kiev on Monday, the ministry said.\n"


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """XDG_CONFIG_HOME for this test alone; the key is read again after it."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    cachekey.user_key.cache_clear()
    yield home
    cachekey.user_key.cache_clear()


def test_the_first_run_makes_a_private_key_and_later_runs_read_it(config_home: Path) -> None:
    key = cachekey.user_key()
    assert key is not None and len(key) == cachekey.KEY_BYTES
    file = config_home / "newslint" / "cache-key"
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert stat.S_IMODE(file.parent.stat().st_mode) == 0o700
    assert file.read_bytes() == key
    assert sorted(os.listdir(file.parent)) == ["cache-key"]  # no temporary file left
    cachekey.user_key.cache_clear()
    assert cachekey.user_key() == key


def test_signatures_depend_on_key_purpose_and_every_part() -> None:
    key, other = b"k" * 32, b"o" * 32
    mac = cachekey.sign(key, b"a", b"x", b"yz")
    assert cachekey.verify(key, b"a", mac, b"x", b"yz")
    assert not cachekey.verify(other, b"a", mac, b"x", b"yz")
    assert not cachekey.verify(key, b"b", mac, b"x", b"yz")
    assert not cachekey.verify(key, b"a", mac, b"xy", b"z")  # parts are delimited by their lengths


def _mode(mode: int) -> Callable[[Path, Path], None]:
    def damage(file: Path, decoy: Path) -> None:
        file.chmod(mode)

    return damage


def _link(file: Path, decoy: Path) -> None:
    decoy.write_bytes(file.read_bytes())
    decoy.chmod(0o600)
    file.unlink()
    file.symlink_to(decoy)


def _fifo(file: Path, decoy: Path) -> None:
    file.unlink()
    os.mkfifo(file, 0o600)


def _short(file: Path, decoy: Path) -> None:
    file.write_bytes(b"short")


def _folder_mode(mode: int) -> Callable[[Path, Path], None]:
    def damage(file: Path, decoy: Path) -> None:
        file.parent.chmod(mode)

    return damage


def _owner(which: str) -> Callable[[Path, Path], None]:
    def damage(file: Path, decoy: Path) -> None:
        if os.geteuid() != 0:
            pytest.skip("only root can give a file to another user")
        os.chown(file if which == "file" else file.parent, 4242, -1)

    return damage


UNSAFE = {
    "group-readable": _mode(0o640),
    "world-readable": _mode(0o604),
    "group-writable": _mode(0o620),
    "a link": _link,
    "a FIFO": _fifo,
    "the wrong size": _short,
    "in a group-writable folder": _folder_mode(0o770),
    "in a world-writable folder": _folder_mode(0o707),
    "another user's": _owner("file"),
    "in another user's folder": _owner("folder"),
}


@pytest.mark.parametrize("damage", UNSAFE.values(), ids=UNSAFE.keys())
def test_an_unsafe_key_turns_both_caches_off_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     damage: Callable[[Path, Path], None]) -> None:
    config_home, rule_cache, repo = tmp_path / "config", tmp_path / "rule-cache", tmp_path / "repo"
    repo.mkdir()
    (repo / "a.md").write_text(DEFECT)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(rule_cache))
    expected = run_cli("check", "--format", "json", "--no-cache", "a.md", cwd=repo)
    assert list(rule_cache.glob("rules-*"))  # with the key it made, the rule cache was written
    for leftover in rule_cache.glob("rules-*"):
        leftover.unlink()
    key_file = config_home / "newslint" / "cache-key"
    damage(key_file, tmp_path / "decoy-key")
    before = os.lstat(key_file)
    for _ in range(2):
        result = run_cli("check", "--format", "json", "a.md", cwd=repo, timeout=60)
        assert (result.returncode, result.stdout, result.stderr) == (1, expected.stdout, "")
    assert not list(rule_cache.glob("rules-*")) and not (repo / CACHE_DIR).exists()
    after = os.lstat(key_file)  # refused, not repaired or replaced
    assert (after.st_ino, after.st_mode, after.st_uid, after.st_size) == (before.st_ino, before.st_mode, before.st_uid, before.st_size)


def test_no_folder_for_the_key_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "rule-cache"))
    (tmp_path / "a.md").write_text(DEFECT)
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "")
    assert not (tmp_path / CACHE_DIR).exists() and not list((tmp_path / "rule-cache").glob("rules-*"))


def test_without_xdg_config_home_the_key_is_in_the_home_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cachekey.key_folder() == tmp_path / "home" / ".config" / "newslint"
