"""Find the files to check and read them without losing anything: encoding, BOM, newlines."""

from __future__ import annotations

import codecs
import fnmatch
import os
import sys
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator

from newslint.finding import FileError

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
STDIN = "-"
_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", ".venv"})


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False

    def encode(self, text: str) -> bytes:
        """Bytes for `text` written the way this file was: same encoding, same BOM."""
        if self.encoding == "utf-16":
            return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
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
                if name.lower().endswith(ARTICLE_SUFFIXES) and not _excluded(path, patterns):
                    yield path


def _excluded(path: str, patterns: tuple[str, ...]) -> bool:
    norm = os.path.normpath(path)
    return any(fnmatch.fnmatch(norm, p) or fnmatch.fnmatch(os.path.basename(norm), p) for p in patterns)


def read_source(path: str, stdin: BinaryIO | None = None) -> Source | FileError:
    try:
        if path == STDIN:
            data = (stdin or sys.stdin.buffer).read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except FileNotFoundError:
        return FileError("not-found", "no such file or folder")
    except IsADirectoryError:
        return FileError("unreadable", "is a folder")
    except OSError as exc:
        return FileError("unreadable", f"cannot read: {exc.strerror or exc}")
    return decode(path, data)


def decode(path: str, data: bytes) -> Source | FileError:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Source(path, data.decode("utf-16"), encoding="utf-16", bom=True)
        except UnicodeDecodeError as exc:
            return FileError("decode", f"invalid UTF-16 at byte {exc.start}")
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8) :]
    if b"\x00" in data:
        return FileError("binary", f"binary file (NUL byte at offset {data.index(0)})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return FileError("decode", f"not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line}")
    return Source(path, text, bom=bom)
