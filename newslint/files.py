"""Find the files to check, read them without losing anything (encoding, BOM, newlines) and
write files so that a crash never leaves half of one.

Everything inside the checked tree may be hostile (README, "Threat model"), so reading is
confined to it: a path whose real location lies outside its tree (through a symbolic link
anywhere on the way) is not opened, and a file is opened component by component from the
tree's root with O_NOFOLLOW, so a link swapped in after the check is not followed either.
Writing never goes through a link: a new file is written and renamed over the name.
"""

from __future__ import annotations

import codecs
import errno
import fnmatch
import os
import stat
import sys
from typing import BinaryIO, Iterable, Iterator, NamedTuple, Sequence

from newslint.finding import FileError

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
STDIN = "-"
_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", ".venv"})
# No article is this long; a file that is (a data dump, a log) is refused with an error
# rather than checked for minutes. 4 MiB still takes a 1 MB single-line paragraph.
MAX_FILE_BYTES = 4 * 1024 * 1024


class Source(NamedTuple):
    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    # The file as it was opened: --fix writes only if it is still the same file, unchanged.
    stat: os.stat_result | None = None

    def encode(self, text: str) -> bytes:
        """Bytes for `text` written the way this file was: same encoding, same BOM."""
        if self.encoding in ("utf-16", "utf-16-le"):
            return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
        if self.encoding == "utf-16-be":
            return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


def discover(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[str]:
    """Files to check, in a stable order; folders are searched for articles recursively.

    Symlinked folders are not followed, so a link loop cannot trap the walk. A path that
    does not exist is still yielded, so that it is reported as an error.
    """
    patterns = tuple(exclude)
    for given in paths:
        if given == STDIN or not os.path.isdir(given):
            if not _excluded(given, patterns):
                yield given
            continue
        for folder, dirs, names in os.walk(given):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS
                             and not _excluded(os.path.join(folder, d), patterns))
            for name in sorted(names):
                path = os.path.normpath(os.path.join(folder, name))
                if name.lower().endswith(ARTICLE_SUFFIXES) and not _excluded(path, patterns) and not _special(path):
                    yield path


def _special(path: str) -> bool:
    """A pipe, socket or device found in a folder: opening a FIFO would block for ever.
    A path whose stat fails (a dangling link, a link loop) is kept so that it is reported."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _excluded(path: str, patterns: tuple[str, ...]) -> bool:
    norm = os.path.normpath(path)
    return any(fnmatch.fnmatch(norm, p) or fnmatch.fnmatch(os.path.basename(norm), p) for p in patterns)


def read_source(path: str, stdin: BinaryIO | None = None, *, tree: str | None = None,
                follow_symlinks: bool = False) -> Source | FileError:
    """The file's text, or why it cannot be checked. Unless `follow_symlinks`, the file is
    read only if its real path lies inside `tree` (default: `default_tree(path)`)."""
    try:
        if path == STDIN:
            data = (stdin or sys.stdin.buffer).read(MAX_FILE_BYTES + 1)
            status = None
        else:
            confine = None if follow_symlinks else (tree or default_tree(path))
            with open(open_regular(path, confine), "rb") as handle:
                status = os.fstat(handle.fileno())
                if status.st_size > MAX_FILE_BYTES:
                    return _too_large(status.st_size)
                data = handle.read(MAX_FILE_BYTES + 1)
    except OutsideTree as exc:
        return FileError("symlink-outside", str(exc))
    except FileNotFoundError:
        return FileError("not-found", "no such file or folder")
    except IsADirectoryError:
        return FileError("unreadable", "is a folder")
    except OSError as exc:
        return FileError("unreadable", f"cannot read: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:  # a pipe or stdin says nothing of its size in advance
        return _too_large(len(data), exact=False)
    source = decode(path, data)
    return source if status is None or isinstance(source, FileError) else source._replace(stat=status)


def _too_large(size: int, exact: bool = True) -> FileError:
    mib = MAX_FILE_BYTES // (1024 * 1024)
    amount = f"{size / (1024 * 1024):.1f} MiB" if exact else f"more than {mib} MiB"
    return FileError("too-large", f"file too large to check ({amount}; the limit is {mib} MiB)")


def decode(path: str, data: bytes) -> Source | FileError:
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                return FileError("decode", f"not valid UTF-16: bytes at offset {exc.start + len(bom)}")
            if "\x00" in text:  # UTF-32, or binary data behind a BOM-like start
                return FileError("binary", f"binary file (NUL character at offset {text.index(chr(0))})")
            # Written back with the byte order it came in, so a fix changes only the edits.
            return Source(path, text, encoding=encoding, bom=True)
    has_bom = data.startswith(codecs.BOM_UTF8)
    if has_bom:
        data = data[len(codecs.BOM_UTF8) :]
    if b"\x00" in data:
        return FileError("binary", f"binary file (NUL byte at offset {data.index(0)})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return FileError("decode", f"not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line}")
    return Source(path, text, bom=has_bom)




# --- Where a file may be read from -------------------------------------------------------

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_BENEATH = os.open in os.supports_dir_fd and bool(_NOFOLLOW)
FOLLOW_HINT = "--follow-symlinks reads it"


class OutsideTree(OSError):
    """A path whose real location is outside the tree it may be read from; str() names the
    link, never its target (a report must not disclose what lies outside the tree)."""

    def __init__(self, path: str) -> None:
        link = first_link(path) or path
        super().__init__(errno.EACCES, f"symbolic link {printable(link)} leads outside the checked tree; not read ({FOLLOW_HINT})")

    def __str__(self) -> str:
        return str(self.strerror)


def printable(path: str) -> str:
    """`path` as text any report can carry: the bytes of a name that is not UTF-8 (kept by
    Python as surrogate escapes) are shown as \\xNN."""
    if path.isascii():
        return path
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def inside(path: str, tree: str) -> bool:
    """Whether the absolute `path` is `tree` or lies under it (both normalised)."""
    return path == tree or path.startswith(tree if tree.endswith(os.sep) else tree + os.sep)


def reaches_outside(path: str, real: str, tree: str) -> bool:
    """Whether `path` (as given), whose resolved path is `real`, leads out of `tree`: outside
    it, or through a link into a `.git` folder in it. The repository's own metadata is not
    part of the checked tree: `.git/config` can hold the credentials a CI checkout uses, so
    `story.md -> .git/config` is refused like a link out (naming `.git/...` itself is not)."""
    if not inside(real, tree):
        return True
    if os.sep + ".git" + os.sep not in real[len(tree.rstrip(os.sep)):] + os.sep:
        return False
    given = os.path.abspath(path)
    return os.sep + ".git" + os.sep not in given + os.sep


def repository_root(folder: str) -> str:
    """The nearest ancestor of `folder` (resolved) holding `.git`; else `folder`, resolved."""
    real = os.path.realpath(folder)
    here = real
    while True:
        if os.path.lexists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return real
        here = parent


def working_root() -> str:
    """The checked tree of a path under the working folder: the working folder's repository
    (nearest ancestor holding `.git`), else the working folder itself."""
    return repository_root(os.getcwd())


def default_tree(path: str) -> str:
    """The tree of a path on its own: the working tree when the path lies in it, else the
    path's own folder."""
    absolute = os.path.abspath(path)
    root = working_root()
    return root if inside(absolute, root) else os.path.realpath(os.path.dirname(absolute))


def first_link(path: str) -> str | None:
    """The first symbolic link along `path` as written (for a message naming it)."""
    current = ""
    for part in os.path.normpath(path).split(os.sep):
        current = os.path.join(current, part) if current else (part or os.sep)
        if os.path.islink(current):
            return current
    return None


def open_regular(path: str, tree: str | None) -> int:
    """A read-only descriptor of the regular file at `path`. With a `tree`, the file's real
    path must lie inside it (else OutsideTree), and it is opened from the tree's root one
    component at a time without following any link, so a link put in its way after the
    check fails to open rather than leading elsewhere. Pipes and devices are refused
    without blocking (opened non-blocking, then fstat)."""
    if tree is None:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY)
    else:
        real = os.path.realpath(path)
        if reaches_outside(path, real, tree):
            raise OutsideTree(path)
        fd = _open_beneath(tree, real, os.O_RDONLY | _NONBLOCK | _BINARY)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", path)
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, socket or device)", path)
        if _NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open_beneath(tree: str, real: str, flags: int) -> int:
    """Open `real` (a resolved path inside the resolved `tree`) with no link followed below
    the tree's root."""
    if real == tree:
        raise IsADirectoryError(errno.EISDIR, "is a folder", real)
    if not _BENEATH:  # pragma: no cover - no openat here: the realpath check stands alone
        return os.open(real, flags | _NOFOLLOW | _CLOEXEC)
    parts = os.path.relpath(real, tree).split(os.sep)
    folder = os.open(tree, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        for part in parts[:-1]:
            inner = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=folder)
            os.close(folder)
            folder = inner
        return os.open(parts[-1], flags | _NOFOLLOW | _CLOEXEC, dir_fd=folder)
    finally:
        os.close(folder)


def read_confined(path: str, tree: str | None) -> bytes:
    """The bytes of a config or rule file, confined to `tree` as `open_regular` is (None:
    follow links). Raises OSError (OutsideTree for a link out of the tree)."""
    with open(open_regular(path, tree), "rb") as handle:
        return handle.read()


class Reader:
    """Reads the files of one run, each confined to its checked tree.

    The tree of a path under the working tree (the working folder's repository) is that
    tree; a path given on the command line that lies elsewhere is the root of its own tree
    (a file: its folder). `follow_symlinks` lifts the confinement.
    """

    def __init__(self, paths: Sequence[str], follow_symlinks: bool = False) -> None:
        self.paths = list(paths)
        self.follow_symlinks = follow_symlinks
        self.root = working_root()
        outside = []
        for given in self.paths:
            if given == STDIN:
                continue
            absolute = os.path.abspath(given)
            if not inside(absolute, self.root):
                folder = absolute if os.path.isdir(absolute) else os.path.dirname(absolute)
                outside.append((absolute, os.path.realpath(folder)))
        # The longest argument first, so that a path is given the tree of its nearest one.
        self.outside = sorted(outside, key=lambda pair: len(pair[0]), reverse=True)

    def tree_for(self, path: str) -> str:
        absolute = os.path.abspath(path)
        if inside(absolute, self.root):
            return self.root
        for given, tree in self.outside:
            if inside(absolute, given):
                return tree
        return os.path.realpath(os.path.dirname(absolute))

    def confinement(self, path: str) -> str | None:
        """The tree `path` must stay in, or None when links may be followed anywhere."""
        return None if self.follow_symlinks else self.tree_for(path)

    def discover(self, exclude: Iterable[str] = ()) -> Iterator[str]:
        """As `discover`, except that a folder argument that is a link out of its tree is not
        walked (its file names would tell what lies outside): it is yielded as it is, and
        reading it reports the link."""
        patterns = tuple(exclude)
        for given in self.paths:
            if (not self.follow_symlinks and given != STDIN and os.path.isdir(given)
                    and reaches_outside(given, os.path.realpath(given), self.tree_for(given))):
                if not _excluded(given, patterns):
                    yield given
                continue
            yield from discover([given], patterns)

    def read(self, path: str, stdin: BinaryIO | None = None) -> Source | FileError:
        return read_source(path, stdin, tree=self.confinement(path), follow_symlinks=self.follow_symlinks)


# --- Writing -----------------------------------------------------------------------------

TEMP_PREFIX, TEMP_SUFFIX, BACKUP_SUFFIX = ".newslint-", ".tmp", ".bak"
# A temporary file lives for the milliseconds between its write and its rename; one this old
# was left by a run that was killed, and the next --fix in its folder removes it.
STALE_TEMP_SECONDS = 60


def _open_folder(folder: str, tree: str | None = None) -> int:
    if tree is not None and _BENEATH:
        real = os.path.realpath(folder or os.curdir)
        if not inside(real, tree):
            raise OutsideTree(folder)
        if real == tree:
            return os.open(tree, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
        return _open_beneath(tree, real, os.O_RDONLY | _DIRECTORY)
    return os.open(folder or os.curdir, os.O_RDONLY | _DIRECTORY | _CLOEXEC)


def _write_temp(folder_fd: int, data: bytes, *, durable: bool, mode: int | None, suffix: str = TEMP_SUFFIX) -> tuple[str, os.stat_result]:
    """A new file in the folder holding `data` (created exclusively, never through a link);
    returns its name and status."""
    while True:
        name = f"{TEMP_PREFIX}{os.urandom(6).hex()}{suffix}"
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY, 0o600, dir_fd=folder_fd)
            break
        except FileExistsError:
            continue
    try:
        with open(fd, "wb") as out:
            out.write(data)
            out.flush()
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            if durable:
                os.fsync(out.fileno())
            return name, os.fstat(out.fileno())
    except BaseException:
        _unlink_quietly(name, folder_fd)
        raise


def _unlink_quietly(name: str, folder_fd: int) -> None:
    try:
        os.unlink(name, dir_fd=folder_fd)
    except OSError:
        pass


def write_atomically(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Write through a temporary file in the same folder and rename it over `path`, so a
    crash leaves the old file or the new one. A symbolic link at `path` is replaced by the
    file, never written through. An existing file keeps its mode. `durable`: flush the data
    to disk before the rename; the caches, which a later run can rebuild, skip that.
    An error names `path`, not the temporary file."""
    path = os.fspath(path)
    folder, name = os.path.split(path)
    try:
        folder_fd = _open_folder(folder)
        try:
            try:
                current = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
                mode: int | None = stat.S_IMODE(current.st_mode) if stat.S_ISREG(current.st_mode) else None
            except FileNotFoundError:
                mode = None  # a new file keeps the temporary file's mode: its owner's only
            temp, _ = _write_temp(folder_fd, data, durable=durable, mode=mode)
            try:
                os.replace(temp, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
            except BaseException:
                _unlink_quietly(temp, folder_fd)
                raise
        finally:
            os.close(folder_fd)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), path) from None


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
        folder_fd = _open_folder(folder, tree)
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
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY, dir_fd=folder_fd)
        with open(fd, "rb") as handle:
            now = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise NotFixed(f"cannot read it again before writing: {exc.strerror or exc}") from None
    if now != source.encode(source.text):
        raise NotFixed("changed after it was read; not overwritten (run --fix again)")
    return current


def _write_by_rename(source: Source, name: str, folder_fd: int, data: bytes, current: os.stat_result) -> None:
    try:
        temp, written = _write_temp(folder_fd, data, durable=True, mode=stat.S_IMODE(current.st_mode))
    except OSError as exc:
        raise NotFixed(f"cannot write in its folder: {exc.strerror or exc}") from None
    try:
        if written.st_gid != current.st_gid:
            try:  # keep the file's group; where that is not allowed, write in place instead
                os.chown(temp, -1, current.st_gid, dir_fd=folder_fd, follow_symlinks=False)
            except OSError:
                _unlink_quietly(temp, folder_fd)
                _write_in_place(source, name, folder_fd, data)
                return
        _still_as_read(source, name, folder_fd)  # last look, just before the rename
        os.replace(temp, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
    except NotFixed:
        _unlink_quietly(temp, folder_fd)
        raise
    except OSError as exc:
        _unlink_quietly(temp, folder_fd)
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
        backup, _ = _write_temp(folder_fd, original, durable=True, mode=None, suffix=BACKUP_SUFFIX)
    except OSError as exc:
        raise NotFixed(f"cannot write a backup in its folder: {exc.strerror or exc}") from None
    try:
        fd = os.open(name, os.O_WRONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY, dir_fd=folder_fd)
    except OSError as exc:
        _unlink_quietly(backup, folder_fd)
        raise NotFixed(f"cannot open it for writing: {exc.strerror or exc}") from None
    try:
        opened = os.fstat(fd)
        if source.stat is None or (opened.st_dev, opened.st_ino) != (source.stat.st_dev, source.stat.st_ino):
            _unlink_quietly(backup, folder_fd)
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
    _unlink_quietly(backup, folder_fd)


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


def report_target_problem(target: str) -> str | None:
    """Why a report must not be written to `target`, or None. A link is refused (a committed
    `report.txt -> ~/.bashrc` must not receive the report), as is a folder on the way that is
    a link from inside the working tree to outside it."""
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        return f"cannot use it: {exc.strerror or exc}"
    if status is not None:
        if stat.S_ISLNK(status.st_mode):
            return "is a symbolic link; a report is never written through a link (name the file itself)"
        if stat.S_ISDIR(status.st_mode):
            return "is a folder"
        if not (stat.S_ISREG(status.st_mode) or stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode)):
            return "is not a regular file"
    folder = os.path.dirname(os.path.abspath(target))
    root = working_root()
    if inside(folder, root) and not inside(os.path.realpath(folder), root):
        return f"its folder is reached through a symbolic link ({printable(first_link(folder) or folder)}) out of the checked tree"
    return None


class ReportFile:
    """A report written to a new file in the target's folder and renamed over the target
    when the run completes (`commit`); `discard` drops it, leaving any old report whole. A
    device or pipe named as the target (`/dev/null`) is written directly."""

    def __init__(self, target: str) -> None:
        self.target = target
        folder, self.name = os.path.split(target)
        self.temp: str | None = None
        self.folder_fd: int | None = None
        try:
            existing = os.lstat(target)
        except FileNotFoundError:
            existing = None
        try:
            if existing is not None and (stat.S_ISCHR(existing.st_mode) or stat.S_ISFIFO(existing.st_mode)):
                fd = os.open(target, os.O_WRONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
                os.set_blocking(fd, True)
            else:
                self.folder_fd = _open_folder(folder)
                mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
                name, _ = _write_temp(self.folder_fd, b"", durable=False, mode=mode)
                self.temp = name
                fd = os.open(name, os.O_WRONLY | _NOFOLLOW | _CLOEXEC | _BINARY, dir_fd=self.folder_fd)
        except OSError as exc:
            self._close_folder()
            raise OSError(exc.errno, exc.strerror or str(exc), target) from None
        self.stream = open(fd, "w", encoding="utf-8", errors="backslashreplace")

    def write(self, text: str) -> int:
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    def commit(self) -> None:
        try:
            self.stream.close()
            if self.temp is not None and self.folder_fd is not None:
                os.replace(self.temp, self.name, src_dir_fd=self.folder_fd, dst_dir_fd=self.folder_fd)
                self.temp = None
        except OSError as exc:
            self.discard()
            raise OSError(exc.errno, exc.strerror or str(exc), self.target) from None
        finally:
            self._close_folder()

    def discard(self) -> None:
        try:
            self.stream.close()
        except OSError:
            pass
        if self.temp is not None and self.folder_fd is not None:
            _unlink_quietly(self.temp, self.folder_fd)
            self.temp = None
        self._close_folder()

    def _close_folder(self) -> None:
        if self.folder_fd is not None:
            os.close(self.folder_fd)
            self.folder_fd = None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
