"""Files in a cache folder that someone else may have written: opened relative to an open
folder, never through a link, never blocking, never read past a size limit.

A cache folder is trusted no more than its content. Every folder below the cache's root and
every file is opened with O_NOFOLLOW (a link is refused, not followed), a file must be a
regular file (a FIFO, a device or a socket is ignored: it is opened non-blocking, so a FIFO
cannot hang the run) and no larger than the caller's limit. Writes go to a new file created
with O_EXCL and renamed into place inside the same open folder, so they never write through
a link and never leave half a file. Removal lists one open folder, unlinks only regular
files whose names the caller recognises as its own, and never leaves that folder.
"""

from __future__ import annotations

import os
import stat
import time
from typing import Callable

# O_NONBLOCK on folders too: whatever the kernel checks first, a FIFO never blocks an open.
_ROOT_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_DIR_FLAGS = _ROOT_FLAGS | getattr(os, "O_NOFOLLOW", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_CREATE_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
# Temporary files are named TEMP_PREFIX and 16 hex digits: only those are cleaned up, so a
# shared folder's other temporary files are never touched.
TEMP_PREFIX = ".newslint-tmp-"
# A temporary file this old was left by a run that was killed.
_TEMP_SECONDS = 3600
# At most this many names of one folder are looked at: a folder someone filled with a
# million files costs no more than that.
SCAN_LIMIT = 4096


def open_root(path: str | os.PathLike[str], create: bool, mode: int = 0o777) -> int | None:
    """The cache's root folder, as the user named it (a link there is the user's choice)."""
    try:
        if create:
            os.makedirs(path, mode=mode, exist_ok=True)
        return os.open(path, _ROOT_FLAGS)
    except OSError:
        return None


def open_folder(parent: int, name: str, create: bool, mode: int = 0o777) -> int | None:
    """A folder inside `parent`; None when it is missing (and not created), a link, or not a folder."""
    try:
        return os.open(name, _DIR_FLAGS, dir_fd=parent)
    except FileNotFoundError:
        if not create:
            return None
    except OSError:  # a link (ELOOP), a file (ENOTDIR)...
        return None
    try:
        os.mkdir(name, mode, dir_fd=parent)
    except FileExistsError:
        pass  # another run made it; opened below like any other
    except OSError:
        return None
    try:
        return os.open(name, _DIR_FLAGS, dir_fd=parent)
    except OSError:
        return None


def read_file(folder: int, name: str, limit: int, refresh_before: float | None = None) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes, or None. A file last modified
    before `refresh_before` has its time stamp set to now: it is in use, not one to prune."""
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=folder)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        # One byte more than the size: a file that grew since fstat is refused, not cut short.
        data = os.read(fd, info.st_size + 1)
        if len(data) != info.st_size:
            return None
        if refresh_before is not None and info.st_mtime < refresh_before:
            try:
                os.utime(fd)
            except OSError:
                pass
        return data
    except OSError:
        return None
    finally:
        os.close(fd)


def write_file(folder: int, name: str, data: bytes, mode: int = 0o666) -> bool:
    """Replace `name` in `folder` with a file holding `data`; False when that cannot be done."""
    temp = f"{TEMP_PREFIX}{os.urandom(8).hex()}"
    try:
        fd = os.open(temp, _CREATE_FLAGS, mode, dir_fd=folder)
    except OSError:
        return False
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        # rename() replaces a link at `name` itself, never what it points to.
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
        return True
    except OSError:
        try:
            os.unlink(temp, dir_fd=folder)
        except OSError:
            pass
        return False


def create_file(folder: int, name: str, data: bytes) -> None:
    """Write `name` unless something by that name is there already (whatever it is)."""
    try:
        fd = os.open(name, _CREATE_FLAGS, 0o666, dir_fd=folder)
    except OSError:
        return
    try:
        os.write(fd, data)
    except OSError:
        pass
    finally:
        os.close(fd)


def names(folder: int, limit: int = SCAN_LIMIT) -> list[str]:
    """Up to `limit` names in `folder`."""
    found: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                found.append(entry.name)
                if len(found) >= limit:
                    break
    except OSError:
        pass
    return found


def remove_old_files(folder: int, ours: Callable[[str], bool], older_than: float, budget: int) -> int:
    """Unlink, in `folder` only, regular files that `ours` recognises and that were last
    modified before `older_than` (temporary files: an hour ago), at most `budget` of them;
    returns how many were unlinked. Links, folders and files of other names are left alone."""
    removed = 0
    temp_cutoff = time.time() - _TEMP_SECONDS
    for name in names(folder):
        if removed >= budget:
            break
        temp = _is_temp(name)
        if not (temp or ours(name)):
            continue
        try:
            info = os.stat(name, dir_fd=folder, follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and info.st_mtime < (temp_cutoff if temp else older_than):
            try:
                os.unlink(name, dir_fd=folder)  # unlink never follows a link: it removes the name
                removed += 1
            except OSError:
                continue
    return removed


def _is_temp(name: str) -> bool:
    suffix = name[len(TEMP_PREFIX):]
    return name.startswith(TEMP_PREFIX) and len(suffix) == 16 and all(c in "0123456789abcdef" for c in suffix)


def remove_folder(parent: int, name: str) -> None:
    """Remove an empty folder (a link or a folder with anything left in it stays)."""
    try:
        os.rmdir(name, dir_fd=parent)
    except OSError:
        pass


def modified(folder: int, name: str) -> float | None:
    """When `name` (not followed) was last modified, or None when it is missing."""
    try:
        return os.stat(name, dir_fd=folder, follow_symlinks=False).st_mtime
    except OSError:
        return None
