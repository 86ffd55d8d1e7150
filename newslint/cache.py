"""The findings cache: a file whose text, path and rule set have not changed is not checked again.

Entries are kept in 256 shard files per rule set,
`.newslint_cache/<version>/<fingerprint>/<2 hex>`, the shard chosen by a digest of the
path: each line holds a path's digest, the day it was written, the digest of the text
checked there and that text's findings. A run reads only the shards of the files it checks,
so one file costs about the same however many the cache holds, and a run that checks
everything creates 256 files, not one per article. The fingerprint covers newslint's
version and source code, the Python version, the versions of newslint's dependencies, the
configuration and the selected rule files' contents and levels: change any of them and
the run starts from an empty cache.

A repository is not trusted, and neither is its cache: every shard is signed with the
user's cache key (see cachekey) over the rule set, the shard's name and its content, so a
shard that someone committed, copied from elsewhere or edited is ignored, and an entry that
does not decode into findings is a miss. Nothing is followed or read through a link: the
cache folder, the version and rule-set folders and every shard are opened without
following links (see cachefs), a FIFO, device or oversized file is ignored, writes create a
new file and rename it into place, and pruning unlinks only regular files with the cache's
own names, inside the cache folder.

Pruning is bounded work: a shard being rewritten drops its entries written more than 30
days ago, and a run that wrote removes up to a few hundred files of one other rule set
unused for that long.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

from newslint import __version__, cachefs
from newslint.cachekey import sign, user_key, verify
from newslint.config import Config
from newslint.finding import LEVEL_BY_VALUE, Edit, Finding, Fix
from newslint.rulecache import code_digest, dependency_versions
from newslint.rules import RuleSpec, blake2b

CACHE_DIR = ".newslint_cache"
_FORMAT = 4
_PERSON = b"newslint-shard"
_MARKER_PERSON = b"newslint-ruleset"
# In each rule set's folder: signed proof that the rule set compiled, and when it was last used.
_MARKER = "ruleset"
# Entries written this many days ago are dropped when their shard is written again (an
# unchanged file is then checked once more); rule sets unused as long are pruned.
_KEEP_DAYS = 30
_TOUCH_SECONDS = 86400
# Files removed per run at most; the largest shard read or written; how many bytes of new
# entries a run holds before writing them out (memory stays flat on a long run).
_PRUNE_BUDGET = 512
_MAX_SHARD_BYTES = 64 * 1024 * 1024
_FLUSH_BYTES = 16 * 1024 * 1024
_HEX = frozenset("0123456789abcdef")
_GITIGNORE = b"# Written by newslint: this folder is a cache.\n*\n"
_CACHEDIR_TAG = b"Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by newslint.\n"
_UNSET: Any = object()


def fingerprint(config: Config, specs: Sequence[RuleSpec]) -> str:
    """A digest of everything besides an article's path and text that decides its findings."""
    h = blake2b(digest_size=16)
    for part in (str(_FORMAT), __version__, sys.version, dependency_versions(), repr(config)):
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


def entry_name(path: str) -> str:
    """The digest a path's entry is found by; its first two digits name the shard."""
    return blake2b(path.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _is_hex(name: str, size: int) -> bool:
    return len(name) == size and _HEX.issuperset(name)


def _signed_key(fingerprint: str, name: str) -> bytes:
    """What a signature covers besides the content: the format, version, rule set and the
    shard's name (a shard copied to another name or rule set is ignored)."""
    return f"{_FORMAT}\0{__version__}\0{fingerprint}\0{name}".encode("utf-8", "surrogatepass")


def signed_shard(secret: bytes, fingerprint: str, shard: str, body: bytes) -> bytes:
    """The bytes of a shard file: the hex signature on one line, then the entries, one a
    line: `<path digest> <day> <JSON: the text's digest and its findings>`."""
    return sign(secret, _PERSON, _signed_key(fingerprint, shard), body).hex().encode("ascii") + b"\n" + body


def _day_of(line: bytes) -> int:
    try:
        return int(line[33 : line.index(b" ", 33)])
    except ValueError:
        return -1


class Cache:
    """Findings by path, valid while the path's text hashes the same.

    `secret`: the key shards are signed with; by default the user's (cachekey.user_key),
    and with None (no key to be had) the cache answers nothing and writes nothing.
    """

    def __init__(self, folder: Path, key: str, secret: bytes | None = _UNSET) -> None:
        self.folder = folder
        self.key = key
        self.secret: bytes | None = user_key() if secret is _UNSET else secret
        self.now = time.time()
        self.today = int(self.now // 86400)
        self.wrote = False
        self._top: int | None = None  # .newslint_cache
        self._parent: int | None = None  # the rule sets of this version
        self._base: int | None = None  # this rule set's folder
        self._refused = False  # a folder on the way is a link, not a folder, or cannot be made
        self._loaded: dict[str, dict[str, bytes]] = {}  # shard -> entry name -> line, as read
        self._pending: dict[str, dict[str, bytes]] = {}  # shard -> entry name -> line, to write
        self._pending_bytes = 0
        if self.secret is not None:
            self._open(create=False)
        # A signed marker for this exact rule set proves that it compiled (the CLI then
        # compiles only on a miss).
        self.rules_compiled = self._base is not None and self._marker_valid()

    @classmethod
    def for_run(cls, config: Config, specs: Sequence[RuleSpec], folder: Path | None = None) -> Cache:
        return cls(folder if folder is not None else config.root / CACHE_DIR, fingerprint(config, specs))

    def _open(self, create: bool) -> bool:
        """Open (or create) the folders down to this rule set's; False when one is a link,
        not a folder, or cannot be made."""
        if self._base is not None:
            return True
        if self._refused:
            return False
        above = cachefs.open_root(self.folder.parent, create=create)
        if above is None:
            self._refused = create
            return False
        chain = [above]
        try:
            for name in (self.folder.name, __version__, self.key):
                fd = cachefs.open_folder(chain[-1], name, create)
                if fd is None:
                    self._refused = create  # tried once per run, not once per file
                    return False
                chain.append(fd)
                if create and len(chain) == 2:
                    for special, content in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
                        cachefs.create_file(fd, special, content)
            self._top, self._parent, self._base = chain[-3:]
            del chain[-3:]
            return True
        finally:
            for fd in chain:
                os.close(fd)

    def _read_shard(self, shard: str) -> dict[str, bytes]:
        """A shard's entries by name; none when it is missing, unsigned or damaged."""
        if self._base is None or self.secret is None:
            return {}
        data = cachefs.read_file(self._base, shard, _MAX_SHARD_BYTES)
        if data is None or data[64:65] != b"\n":
            return {}
        body = data[65:]
        try:
            if not verify(self.secret, _PERSON, bytes.fromhex(data[:64].decode("ascii")), _signed_key(self.key, shard), body):
                return {}  # not written by this user for this rule set and shard: never decoded
        except ValueError:
            return {}
        return {line[:32].decode("ascii", "replace"): line for line in body.split(b"\n") if line}

    def get(self, path: str, text: str) -> list[Finding] | None:
        """The findings cached for `path` when its text is the one they were found in."""
        if self._base is None:
            return None
        name = entry_name(path)
        shard = name[:2]
        entries = self._loaded.get(shard)
        if entries is None:
            entries = self._loaded[shard] = self._read_shard(shard)
        line = entries.get(name)
        if line is None:
            return None
        try:
            digest, records = json.loads(line[line.index(b" ", 33) + 1 :].decode("utf-8", "surrogatepass"))
            if digest != text_digest(text):
                return None
            return [_decode(path, r) for r in records]
        except (TypeError, ValueError, KeyError, RecursionError):
            return None  # corrupt: a miss, replaced when the file is checked

    def put(self, path: str, text: str, findings: Iterable[Finding]) -> None:
        """Keep the entry for `path`, to be written with its shard (a failure only leaves it uncached)."""
        if self.secret is None or self._refused:
            return
        name = entry_name(path)
        body = json.dumps([text_digest(text), [_encode(f) for f in findings]], ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8", "surrogatepass")
        line = f"{name} {self.today} ".encode("ascii") + body  # JSON has no raw newline
        if len(line) >= _MAX_SHARD_BYTES // 4:
            return
        self._pending.setdefault(name[:2], {})[name] = line
        self._pending_bytes += len(line)
        if self._pending_bytes > _FLUSH_BYTES:
            self._flush()

    def _flush(self) -> None:
        """Write every shard with new entries: what is on disk now (another run may have
        written since), less entries older than _KEEP_DAYS, plus the new ones."""
        pending, self._pending, self._pending_bytes = self._pending, {}, 0
        if not pending or self.secret is None or not self._open(create=True):
            return
        oldest = self.today - _KEEP_DAYS
        for shard, new in pending.items():
            entries = {n: line for n, line in self._read_shard(shard).items() if _day_of(line) >= oldest}
            entries.update(new)
            body = b"".join(line + b"\n" for line in entries.values())
            if len(body) + 65 > _MAX_SHARD_BYTES:
                continue
            assert self._base is not None
            if cachefs.write_file(self._base, shard, signed_shard(self.secret, self.key, shard, body)):
                self.wrote = True
                if shard in self._loaded:
                    self._loaded[shard] = entries

    def save(self) -> None:
        """Write the new entries; after a run that wrote, mark the rule set as compiled and
        in use, and prune a bounded part of the cache. Then let go of the open folders."""
        try:
            self._flush()
            if self.wrote and self._base is not None and self.secret is not None:
                if not self.rules_compiled:
                    marker = sign(self.secret, _MARKER_PERSON, _signed_key(self.key, _MARKER))
                    cachefs.write_file(self._base, _MARKER, marker)
                    self.rules_compiled = True
                self._prune()
        finally:
            self.close()

    def close(self) -> None:
        for fd in (self._base, self._parent, self._top):
            if fd is not None:
                os.close(fd)
        self._base = self._parent = self._top = None
        self._loaded.clear()

    def _marker_valid(self) -> bool:
        assert self._base is not None and self.secret is not None
        data = cachefs.read_file(self._base, _MARKER, 64, refresh_before=self.now - _TOUCH_SECONDS)
        return data is not None and verify(self.secret, _MARKER_PERSON, data, _signed_key(self.key, _MARKER))

    def _prune(self) -> None:
        """Bounded work: temporary files a killed run left in this rule set's folder, then
        up to _PRUNE_BUDGET files of one other rule set (of this version or of another one)
        unused for _KEEP_DAYS."""
        assert self._base is not None and self._parent is not None and self._top is not None
        cutoff = self.now - _KEEP_DAYS * 86400
        cachefs.remove_old_files(self._base, lambda n: False, cutoff, _PRUNE_BUDGET)
        versions = [n for n in cachefs.names(self._top) if n not in (__version__, ".gitignore", "CACHEDIR.TAG")]
        if versions and _pick(2) == 0:  # every other run: another version's folder
            version = versions[_pick(len(versions))]
            folder = cachefs.open_folder(self._top, version, create=False)
            if folder is not None:
                try:
                    _prune_rule_sets(folder, None, cutoff)
                finally:
                    os.close(folder)
                cachefs.remove_folder(self._top, version)
        else:
            _prune_rule_sets(self._parent, self.key, cutoff)


def _pick(count: int) -> int:
    """A random index below `count` (the `random` module is a slower import)."""
    return int.from_bytes(os.urandom(4), "little") % count


def _prune_rule_sets(version: int, current: str | None, cutoff: float) -> None:
    """In one version's folder: the cache files of formats before this one (never read
    again), then one random rule set other than `current`, if it is stale."""
    budget = _PRUNE_BUDGET
    names = cachefs.names(version)
    old_format = {n for n in names if n.endswith(".json") and _is_hex(n[:-5], 32)}
    if old_format:
        budget -= cachefs.remove_old_files(version, old_format.__contains__, float("inf"), budget)
    others = [n for n in names if n != current and _is_hex(n, 32)]
    if others and budget > 0:
        _prune_rule_set(version, others[_pick(len(others))], cutoff, budget)


def _prune_rule_set(parent: int, name: str, cutoff: float, budget: int) -> None:
    """Remove up to `budget` shards of a rule set unused since `cutoff`, then its folder once empty."""
    base = cachefs.open_folder(parent, name, create=False)
    if base is None:
        return
    try:
        used = max(cachefs.modified(base, _MARKER) or 0.0, cachefs.modified(parent, name) or 0.0)
        if used >= cutoff:
            return
        cachefs.remove_old_files(base, lambda n: _is_hex(n, 2) or n == _MARKER, float("inf"), budget)
    finally:
        os.close(base)
    cachefs.remove_folder(parent, name)


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
