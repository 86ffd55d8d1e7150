"""The checked tree: where a file may be read from, and opening it there safely.

Everything inside the checked tree may be hostile (README, "The checked tree"), so reading
is confined to it: a path whose real location lies outside its tree (through a symbolic
link anywhere on the way) is not opened, and a file is opened component by component from
the tree's root with O_NOFOLLOW, so a link swapped in after the check is not followed.
"""

from __future__ import annotations

import errno
import os
import re
import stat

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_BENEATH = os.open in os.supports_dir_fd and bool(_NOFOLLOW)
NOFOLLOW, NONBLOCK, CLOEXEC, BINARY = _NOFOLLOW, _NONBLOCK, _CLOEXEC, _BINARY
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
    Python as surrogate escapes) are shown as \\xNN, and so are control characters (a
    committed file named with a newline would forge a line of the parsable report, one with
    ESC sequences would rewrite the terminal the report is read on)."""
    if path.isprintable():
        return path
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        path = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", path)


# C0 controls, DEL and C1 controls: what a terminal acts on rather than shows.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


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


# Config and rule files are small; a committed multi-gigabyte (or sparse) one must not be
# read into memory before the YAML or TOML parser gets to refuse it.
MAX_CONFIG_BYTES = 1 << 20


def read_confined(path: str, tree: str | None, limit: int = MAX_CONFIG_BYTES) -> bytes:
    """The bytes of a config or rule file, confined to `tree` as `open_regular` is (None:
    follow links), at most `limit` of them. Raises OSError (OutsideTree for a link out of
    the tree; EFBIG for a larger file)."""
    with open(open_regular(path, tree), "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"file too large (over {limit:,} bytes; a config or rule file is at most {limit:,})", path)
    return data


def open_folder(folder: str, tree: str | None = None) -> int:
    if tree is not None and _BENEATH:
        real = os.path.realpath(folder or os.curdir)
        if not inside(real, tree):
            raise OutsideTree(folder)
        if real == tree:
            return os.open(tree, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
        return _open_beneath(tree, real, os.O_RDONLY | _DIRECTORY)
    return os.open(folder or os.curdir, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
