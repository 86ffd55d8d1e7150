"""Cache files opened as if someone else wrote them: no link followed, no FIFO waited on,
no oversized file read, nothing removed but the caller's own regular files."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Iterator

import pytest

from newslint import cachefs


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    path = tmp_path / "cache"
    path.mkdir()
    fd = cachefs.open_root(path, create=False)
    assert fd is not None
    yield path, fd
    os.close(fd)


@pytest.fixture
def decoy(tmp_path: Path) -> Path:
    """A file outside the cache folder, standing in for ~/.bashrc."""
    path = tmp_path / "bashrc"
    path.write_text("export SAFE=1\n")
    return path


def _age(path: Path, days: float) -> None:
    then = time.time() - days * 86400
    os.utime(path, (then, then), follow_symlinks=False)


def test_a_regular_file_is_read_and_refreshed_when_old(folder: tuple[Path, int]) -> None:
    path, fd = folder
    (path / "entry").write_bytes(b"data")
    _age(path / "entry", 2)
    assert cachefs.read_file(fd, "entry", 100, refresh_before=time.time() - 86400) == b"data"
    assert (path / "entry").stat().st_mtime > time.time() - 60


def test_a_link_is_never_read_or_written_through(folder: tuple[Path, int], decoy: Path) -> None:
    path, fd = folder
    (path / "entry").symlink_to(decoy)
    assert cachefs.read_file(fd, "entry", 100) is None
    assert cachefs.write_file(fd, "entry", b"new")
    assert decoy.read_text() == "export SAFE=1\n"  # the link was replaced, its target left alone
    assert not (path / "entry").is_symlink() and (path / "entry").read_bytes() == b"new"
    (path / "sub").symlink_to(decoy.parent, target_is_directory=True)
    assert cachefs.open_folder(fd, "sub", create=True) is None


def test_a_link_to_dev_zero_a_fifo_and_an_oversized_file_are_ignored(folder: tuple[Path, int]) -> None:
    path, fd = folder
    (path / "zero").symlink_to("/dev/zero")
    os.mkfifo(path / "fifo")
    with open(path / "big", "wb") as big:
        big.truncate(101)
    os.mkfifo(path / "fifo-folder")
    start = time.monotonic()
    for name in ("zero", "fifo", "big"):
        assert cachefs.read_file(fd, name, 100) is None
    assert cachefs.open_folder(fd, "fifo-folder", create=True) is None
    assert time.monotonic() - start < 10  # generous: a FIFO opened for reading would block for ever


def test_create_file_leaves_anything_already_there(folder: tuple[Path, int], decoy: Path) -> None:
    path, fd = folder
    (path / ".gitignore").symlink_to(decoy)
    cachefs.create_file(fd, ".gitignore", b"*\n")
    cachefs.create_file(fd, "CACHEDIR.TAG", b"tag\n")
    assert decoy.read_text() == "export SAFE=1\n"
    assert (path / "CACHEDIR.TAG").read_bytes() == b"tag\n"


def test_removal_takes_only_old_regular_files_of_the_callers_names(folder: tuple[Path, int], decoy: Path,
                                                                   tmp_path: Path) -> None:
    path, fd = folder
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "old-entry").write_text("keep me")
    _age(outside / "old-entry", 90)
    (path / "old-entry").write_text("x")
    (path / "new-entry").write_text("x")
    (path / "old-other").write_text("x")
    (path / "old-link-entry").symlink_to(decoy)
    (path / "old-folder-entry").symlink_to(outside, target_is_directory=True)
    (path / "old-dir-entry").mkdir()
    crashed, writing, foreign = ".newslint-tmp-" + "0" * 16, ".newslint-tmp-" + "1" * 16, ".tmp-another-program"
    for name in (crashed, writing, foreign):
        (path / name).write_text("x")
    for name in ("old-entry", "old-other", "old-link-entry", "old-dir-entry", crashed, foreign):
        _age(path / name, 90)
    _age(decoy, 90)
    removed = cachefs.remove_old_files(fd, lambda n: n.endswith("entry"), time.time() - 30 * 86400, 10)
    assert removed == 2
    assert sorted(os.listdir(path)) == sorted([writing, foreign, "new-entry", "old-dir-entry", "old-folder-entry",
                                               "old-link-entry", "old-other"])
    assert decoy.read_text() == "export SAFE=1\n" and (outside / "old-entry").read_text() == "keep me"


def test_removal_stops_at_its_budget(folder: tuple[Path, int]) -> None:
    path, fd = folder
    for n in range(5):
        (path / f"e{n}").write_text("x")
        _age(path / f"e{n}", 90)
    assert cachefs.remove_old_files(fd, lambda n: True, time.time(), 3) == 3
    assert len(os.listdir(path)) == 2


def test_a_folder_is_removed_only_when_empty_and_never_through_a_link(folder: tuple[Path, int], tmp_path: Path) -> None:
    path, fd = folder
    empty_outside = tmp_path / "empty-outside"
    empty_outside.mkdir()
    (path / "link").symlink_to(empty_outside, target_is_directory=True)
    (path / "full").mkdir()
    (path / "full" / "f").write_text("x")
    (path / "empty").mkdir()
    for name in ("link", "full", "empty"):
        cachefs.remove_folder(fd, name)
    assert sorted(os.listdir(path)) == ["full", "link"] and empty_outside.is_dir()
