"""Find the files to check, read them without losing anything (encoding, BOM, newlines) and
write files so that a crash never leaves half of one."""

from __future__ import annotations

import codecs
import fnmatch
import os
import stat
import sys
from typing import BinaryIO, Iterable, Iterator, NamedTuple

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


def read_source(path: str, stdin: BinaryIO | None = None) -> Source | FileError:
    try:
        if path == STDIN:
            data = (stdin or sys.stdin.buffer).read(MAX_FILE_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > MAX_FILE_BYTES:
                    return _too_large(size)
                data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return FileError("not-found", "no such file or folder")
    except IsADirectoryError:
        return FileError("unreadable", "is a folder")
    except OSError as exc:
        return FileError("unreadable", f"cannot read: {exc.strerror or exc}")
    if len(data) > MAX_FILE_BYTES:  # a pipe or stdin says nothing of its size in advance
        return _too_large(len(data), exact=False)
    return decode(path, data)


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


def write_atomically(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Write through a temporary file in the same folder and rename it over `path` (through
    a symbolic link, to its target), so a crash leaves the old file or the new one. An
    existing file keeps its mode. `durable`: flush the data to disk before the rename; the
    caches, which a later run can rebuild, skip that."""
    import tempfile  # only runs that write files need it

    target = os.path.realpath(path)
    try:
        mode: int | None = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = None  # a new file keeps the temporary file's mode: its owner's only
    handle, temp = tempfile.mkstemp(prefix=".newslint-", suffix=".tmp", dir=os.path.dirname(target) or ".")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
