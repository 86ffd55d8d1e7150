"""Find the files to check, read them without losing anything (encoding, BOM, newlines),
each confined to its checked tree (newslint.trees), and write files so that a crash never
leaves half of one and a symbolic link is never written through."""

from __future__ import annotations

import codecs
import fnmatch
import os
import stat
import sys
from typing import BinaryIO, Iterable, Iterator, NamedTuple, Sequence

from newslint.finding import FileError
from newslint.trees import (BINARY, CLOEXEC, NOFOLLOW, OutsideTree, default_tree, inside, open_folder, open_regular,
                            reaches_outside, working_root)

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")  # what a folder scan picks up
# What a file named explicitly may be: the suffixes the parsers read (newslint.parse).
READABLE_SUFFIXES = frozenset({*ARTICLE_SUFFIXES, ".mdown", ".mkd", ".text"})
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


def discover(paths: Iterable[str], exclude: Iterable[str] = (), *, tree: str | None = None,
             gitignore: bool = True) -> Iterator[str]:
    """Files to check, in a stable order; folders are searched for articles recursively.

    Symlinked folders are not followed, so a link loop cannot trap the walk. A path that
    does not exist is still yielded, so that it is reported as an error. A file named
    explicitly whose type newslint does not read (`unreadable_type`) is left out; the
    command line says so. In a git work tree a folder scan leaves out what `.gitignore`
    files ignore (newslint.gitignore), reading them no higher than `tree`; a file named
    explicitly is checked even so, as ruff does.
    """
    patterns = tuple(exclude)
    for given in paths:
        if given == STDIN or not os.path.isdir(given):
            if not _excluded(given, patterns) and not unreadable_type(given):
                yield given
            continue
        ignores = None
        if gitignore:
            from newslint.gitignore import GitIgnore

            ignores = GitIgnore.for_folder(given, tree)
        real_given = os.path.realpath(given)
        for folder, dirs, names in os.walk(given):
            real_folder = os.path.normpath(os.path.join(real_given, os.path.relpath(folder, given)))
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS
                             and not _excluded(os.path.join(folder, d), patterns)
                             and not (ignores and ignores.ignored(os.path.join(real_folder, d), True)))
            for name in sorted(names):
                path = os.path.normpath(os.path.join(folder, name))
                if (name.lower().endswith(ARTICLE_SUFFIXES) and not _excluded(path, patterns) and not _special(path)
                        and not (ignores and ignores.ignored(os.path.join(real_folder, name), False))):
                    yield path


def unreadable_type(path: str) -> bool:
    """Whether `path` is an existing file whose suffix names a type newslint does not read
    (`page.html`, `story.docx`): such a file is skipped, not parsed as Markdown and passed
    as clean. A name without a suffix (`STORY`) is read as Markdown, as before; a path that
    does not exist is reported as missing."""
    if path == STDIN or not os.path.lexists(path) or os.path.isdir(path):
        return False
    suffix = os.path.splitext(os.path.basename(path))[1].lower()
    return bool(suffix) and suffix not in READABLE_SUFFIXES


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
            yield from discover([given], patterns, tree=None if self.follow_symlinks else self.tree_for(given))

    def read(self, path: str, stdin: BinaryIO | None = None) -> Source | FileError:
        return read_source(path, stdin, tree=self.confinement(path), follow_symlinks=self.follow_symlinks)


TEMP_PREFIX, TEMP_SUFFIX, BACKUP_SUFFIX = ".newslint-", ".tmp", ".bak"
# A temporary file lives for the milliseconds between its write and its rename; one this old
# was left by a run that was killed, and the next --fix in its folder removes it.
STALE_TEMP_SECONDS = 60


def write_temp(folder_fd: int, data: bytes, *, durable: bool, mode: int | None, suffix: str = TEMP_SUFFIX) -> tuple[str, os.stat_result]:
    """A new file in the folder holding `data` (created exclusively, never through a link);
    returns its name and status."""
    while True:
        name = f"{TEMP_PREFIX}{os.urandom(6).hex()}{suffix}"
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC | BINARY, 0o600, dir_fd=folder_fd)
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
        unlink_quietly(name, folder_fd)
        raise


def unlink_quietly(name: str, folder_fd: int) -> None:
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
        folder_fd = open_folder(folder)
        try:
            try:
                current = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
                mode: int | None = stat.S_IMODE(current.st_mode) if stat.S_ISREG(current.st_mode) else None
            except FileNotFoundError:
                mode = None  # a new file keeps the temporary file's mode: its owner's only
            temp, _ = write_temp(folder_fd, data, durable=durable, mode=mode)
            try:
                os.replace(temp, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
            except BaseException:
                unlink_quietly(temp, folder_fd)
                raise
        finally:
            os.close(folder_fd)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), path) from None
