"""The findings cache: a file whose text, path and rule set have not changed is not checked again.

One cache file per effective rule set, `.newslint_cache/<version>/<fingerprint>.json`,
maps a path to the hash of the text last checked there and that text's findings. The
fingerprint covers newslint's version and source code, the Python version, the
configuration and the selected rule files' contents and levels: change any of them and
the run starts from an empty cache. The file carries a checksum of its body; a file that
does not parse, does not match its checksum or belongs to another rule set is ignored,
and an entry that does not decode into findings is a miss. Writes are atomic (a temporary
file, then a rename), so a crash or two runs at once never leave half a file behind.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

from newslint import __version__
from newslint.config import Config
from newslint.files import write_atomically
from newslint.finding import LEVEL_BY_VALUE, Edit, Finding, Fix
from newslint.rulecache import code_digest
from newslint.rules import RuleSpec, blake2b

CACHE_DIR = ".newslint_cache"
_FORMAT = 2
# Entries not used for this many days are dropped when the cache is written, and cache
# files of other rule sets untouched for as long are deleted.
_KEEP_DAYS = 30
_GITIGNORE = "# Written by newslint: this folder is a cache.\n*\n"
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by newslint.\n"


def fingerprint(config: Config, specs: Sequence[RuleSpec]) -> str:
    """A digest of everything besides an article's path and text that decides its findings."""
    h = blake2b(digest_size=16)
    for part in (__version__, sys.version, repr(config)):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for spec in specs:
        h.update(f"{spec.id}\0{spec.level.value}\0".encode("utf-8", "surrogatepass"))
        if spec.source:
            h.update(spec.source.encode("ascii"))
        else:  # a spec built in code rather than loaded from a file
            h.update(repr(spec).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    h.update(code_digest().encode("ascii"))
    return h.hexdigest()


def text_digest(text: str) -> str:
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Cache:
    """Findings by path, valid while the path's text hashes the same."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self.file = folder / __version__ / f"{key}.json"
        self.today = int(time.time() // 86400)
        self.entries: dict[str, list[Any]] = _load(self.file, key)
        self.dirty = False

    @classmethod
    def for_run(cls, config: Config, specs: Sequence[RuleSpec], folder: Path | None = None) -> Cache:
        return cls(folder if folder is not None else config.root / CACHE_DIR, fingerprint(config, specs))

    def get(self, path: str, text: str) -> list[Finding] | None:
        """The findings cached for `path` when its text is the one they were found in."""
        entry = self.entries.get(path)
        if entry is None:
            return None
        try:
            digest, day, records = entry
            if digest != text_digest(text):
                return None
            findings = [_decode(path, r) for r in records]
        except (TypeError, ValueError, KeyError):
            del self.entries[path]  # corrupt: never trusted, replaced on the next store
            self.dirty = True
            return None
        if day != self.today:
            entry[1] = self.today
            self.dirty = True
        return findings

    def put(self, path: str, text: str, findings: Iterable[Finding]) -> None:
        self.entries[path] = [text_digest(text), self.today, [_encode(f) for f in findings]]
        self.dirty = True

    def save(self) -> None:
        """Write the cache if anything changed; a cache that cannot be written is skipped."""
        if not self.dirty:
            return
        oldest = self.today - _KEEP_DAYS
        live = {p: e for p, e in self.entries.items() if isinstance(e[1], int) and e[1] >= oldest}
        body = json.dumps(live, ensure_ascii=False, separators=(",", ":"))
        header = json.dumps({"newslint_cache": _FORMAT, "version": __version__, "fingerprint": self.key,
                             "checksum": blake2b(body.encode("utf-8", "surrogatepass")).hexdigest()})
        try:
            _prepare(self.folder)
            self.file.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.file, (header + "\n" + body).encode("utf-8", "surrogatepass"), durable=False)
            _prune(self.file.parent, keep=self.file.name)
        except OSError:
            pass  # a read-only checkout still gets its findings, only not cached
        self.dirty = False


def _prepare(folder: Path) -> None:
    """Create the cache folder with a .gitignore inside, so that git ignores it unasked."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        target = folder / name
        if not target.exists():
            target.write_text(content, encoding="utf-8")


def _prune(folder: Path, keep: str) -> None:
    """Delete other rule sets' cache files that nobody has used for a while."""
    limit = time.time() - _KEEP_DAYS * 86400
    for entry in os.scandir(folder):
        if entry.name != keep and entry.name.endswith(".json"):
            try:
                if entry.stat().st_mtime < limit or entry.name.startswith(".tmp-"):
                    os.unlink(entry.path)
            except OSError:
                pass


def _load(file: Path, key: str) -> dict[str, list[Any]]:
    """The entries of a cache file, or none when it is missing, corrupt or another rule set's."""
    try:
        raw = file.read_bytes()
        header_line, _, body = raw.partition(b"\n")
        header = json.loads(header_line)
        if (not isinstance(header, dict) or header.get("newslint_cache") != _FORMAT
                or header.get("version") != __version__ or header.get("fingerprint") != key
                or header.get("checksum") != blake2b(body).hexdigest()):
            return {}
        entries = json.loads(body.decode("utf-8", "surrogatepass"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {p: e for p, e in entries.items() if isinstance(e, list) and len(e) == 3}


def _encode(f: Finding) -> list[Any]:
    fix = None if f.fix is None else [f.fix.safe, [[e.start, e.end, e.replacement] for e in f.fix.edits], f.fix.marks_only]
    return [f.rule, f.kind, int(f.level), f.line, f.column, f.end_line, f.end_column,
            f.offset, f.end_offset, f.match, f.message, f.link, list(f.suggestions), fix]


def _decode(path: str, record: Any) -> Finding:
    """A cached finding, every field checked: a malformed record raises, it is never half-used."""
    (rule, kind, level, line, column, end_line, end_column, offset, end_offset,
     match, message, link, suggestions, fix) = record
    # `type(x) is int`, not isinstance: JSON's true is a bool, and a cached offset of true
    # is corruption, not 1. One expression: a warm run decodes every finding of every file.
    if (type(rule) is not str or type(kind) is not str or type(match) is not str or type(message) is not str
            or type(level) is not int or type(line) is not int or type(column) is not int or type(end_line) is not int
            or type(end_column) is not int or type(offset) is not int or type(end_offset) is not int
            or (link is not None and type(link) is not str) or type(suggestions) is not list
            or any(type(x) is not str for x in suggestions)):
        raise TypeError("malformed cached finding")
    decoded_fix = None
    if fix is not None:
        safe, edits, marks_only = fix
        _expect(safe, bool)
        _expect(edits, list)
        _expect(marks_only, bool)
        decoded = []
        for start, end, replacement in edits:
            _expect(start, int)
            _expect(end, int)
            _expect(replacement, str)
            decoded.append(Edit(start, end, replacement))
        decoded_fix = Fix(tuple(decoded), safe=safe, marks_only=marks_only)
    # Positional, in Finding's field order: a warm run builds every cached finding.
    return Finding(rule, kind, LEVEL_BY_VALUE[level], path, line, column, end_line, end_column, offset, end_offset,
                   match, message, link, tuple(suggestions), decoded_fix)


def _expect(value: Any, kind: type) -> None:
    # bool is an int to isinstance; a cached offset of `true` is corruption, not 1.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"expected {kind.__name__}")
