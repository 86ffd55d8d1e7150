"""--fix's writes: a fixed file replaces its original only while it is still the file that
was read, never through a link, never a read-only file, keeping hard links and owners;
and the temporary files a killed run left are cleared."""

from __future__ import annotations

import os
import stat

from newslint.files import BACKUP_SUFFIX, MAX_FILE_BYTES, STALE_TEMP_SECONDS, TEMP_PREFIX, TEMP_SUFFIX, Source, unlink_quietly, write_temp
from newslint.trees import BINARY, CLOEXEC, NOFOLLOW, NONBLOCK, OutsideTree, open_folder, printable


class NotFixed(Exception):
    """A fix that was not written; str() says why, in a few words after the file's name."""


def write_fix(source: Source, data: bytes, tree: str | None = None) -> None:
    """Write the fixed bytes of a file read by `read_source`, or raise NotFixed.

    Left alone, each with its reason: a symbolic link (never written through, even inside
    the tree), a file that is no longer the one read or whose bytes changed since, a file
    marked read-only (no write permission bit, or not writable by this user), and a file
    whose folder cannot be written. A file with other hard links, or owned by someone else,
    is rewritten in place (see `_write_in_place`); any other through a new file renamed over
    it, so a crash leaves the old text or the new one.
    """
    folder, name = os.path.split(source.path)
    try:
        folder_fd = open_folder(folder, tree)
    except OutsideTree:
        raise NotFixed("its folder is reached through a symbolic link out of the checked tree") from None
    except OSError as exc:
        raise NotFixed(f"cannot open its folder: {exc.strerror or exc}") from None
    try:
        current = _still_as_read(source, name, folder_fd)
        if not current.st_mode & 0o222 or not os.access(name, os.W_OK, dir_fd=folder_fd, follow_symlinks=False):
            raise NotFixed("is read-only; left as it is")
        if current.st_nlink > 1 or current.st_uid != os.geteuid():
            _write_in_place(source, name, folder_fd, data)
        else:
            _write_by_rename(source, name, folder_fd, data, current)
    finally:
        os.close(folder_fd)


def _still_as_read(source: Source, name: str, folder_fd: int) -> os.stat_result:
    """The file's status now, if it is the regular file that was read, with the same bytes."""
    try:
        current = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
    except FileNotFoundError:
        raise NotFixed("was removed after it was read") from None
    if stat.S_ISLNK(current.st_mode):
        raise NotFixed("is a symbolic link; a fix is never written through a link (fix the file it points to)")
    if not stat.S_ISREG(current.st_mode):
        raise NotFixed("is not a regular file")
    before = source.stat
    if before is None or (before.st_dev, before.st_ino, before.st_size, before.st_mtime_ns) != (
            current.st_dev, current.st_ino, current.st_size, current.st_mtime_ns):
        raise NotFixed("changed after it was read; not overwritten (run --fix again)")
    # The same size and time can hide an edit made within the clock's resolution: compare bytes.
    try:
        fd = os.open(name, os.O_RDONLY | NOFOLLOW | NONBLOCK | CLOEXEC | BINARY, dir_fd=folder_fd)
        with open(fd, "rb") as handle:
            now = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise NotFixed(f"cannot read it again before writing: {exc.strerror or exc}") from None
    if now != source.encode(source.text):
        raise NotFixed("changed after it was read; not overwritten (run --fix again)")
    return current


def _write_by_rename(source: Source, name: str, folder_fd: int, data: bytes, current: os.stat_result) -> None:
    try:
        temp, written = write_temp(folder_fd, data, durable=True, mode=stat.S_IMODE(current.st_mode))
    except OSError as exc:
        raise NotFixed(f"cannot write in its folder: {exc.strerror or exc}") from None
    try:
        if written.st_gid != current.st_gid:
            try:  # keep the file's group; where that is not allowed, write in place instead
                os.chown(temp, -1, current.st_gid, dir_fd=folder_fd, follow_symlinks=False)
            except OSError:
                unlink_quietly(temp, folder_fd)
                _write_in_place(source, name, folder_fd, data)
                return
        _still_as_read(source, name, folder_fd)  # last look, just before the rename
        os.replace(temp, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except NotFixed:
        unlink_quietly(temp, folder_fd)
        raise
    except OSError as exc:
        unlink_quietly(temp, folder_fd)
        raise NotFixed(f"cannot replace it: {exc.strerror or exc}") from None


def _write_in_place(source: Source, name: str, folder_fd: int, data: bytes) -> None:
    """Rewrite the file's own bytes, keeping its inode. A rename would give the name a new
    file: the other names of a hard link would keep the old text, and a file owned by
    someone else would become the runner's. In place, every name shows the new text and
    owner, group and mode stay. Not atomic, so the old bytes are first written to a backup
    `.newslint-*.bak` beside it, removed once the new bytes are on disk: a run killed in
    between leaves the backup (never removed by newslint) to restore from."""
    original = source.encode(source.text)
    try:
        backup, _ = write_temp(folder_fd, original, durable=True, mode=None, suffix=BACKUP_SUFFIX)
    except OSError as exc:
        raise NotFixed(f"cannot write a backup in its folder: {exc.strerror or exc}") from None
    try:
        fd = os.open(name, os.O_WRONLY | NOFOLLOW | NONBLOCK | CLOEXEC | BINARY, dir_fd=folder_fd)
    except OSError as exc:
        unlink_quietly(backup, folder_fd)
        raise NotFixed(f"cannot open it for writing: {exc.strerror or exc}") from None
    try:
        opened = os.fstat(fd)
        if source.stat is None or (opened.st_dev, opened.st_ino) != (source.stat.st_dev, source.stat.st_ino):
            unlink_quietly(backup, folder_fd)
            raise NotFixed("changed after it was read; not overwritten (run --fix again)")
        view, offset = memoryview(data), 0
        while offset < len(data):
            offset += os.pwrite(fd, view[offset:], offset)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    except OSError as exc:
        raise NotFixed(f"writing it failed ({exc.strerror or exc}); its old text is in {printable(backup)}") from None
    finally:
        os.close(fd)
    unlink_quietly(backup, folder_fd)


def remove_stale_temps(folder: str) -> int:
    """Remove the temporary files a killed run left in `folder`: only names of newslint's
    own pattern (`.newslint-*.tmp`), only regular files (a link is never followed or
    removed), only the runner's own, only those older than STALE_TEMP_SECONDS (a running
    --fix renames its own within milliseconds). Returns how many were removed."""
    import time

    removed = 0
    limit = time.time() - STALE_TEMP_SECONDS
    try:
        entries = os.scandir(folder or os.curdir)
    except OSError:
        return 0
    with entries:
        for entry in entries:
            if not (entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)):
                continue
            try:
                status = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(status.st_mode) and status.st_uid == os.geteuid() and status.st_mtime < limit:
                    os.unlink(entry.path)  # unlink removes the name itself, whatever it became
                    removed += 1
            except OSError:
                continue
    return removed
