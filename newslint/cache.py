"""The findings cache: a file whose text, path and rule set have not changed is not checked again.

One small file per checked path and rule set:
`.newslint_cache/<version>/<fingerprint>/<2 hex>/<digest of the path>`, holding the digest
of the text last checked there and that text's findings, so a run reads only the entries
of the files it checks and one file costs the same however many the cache holds. The
fingerprint covers newslint's version and source code, the Python version, the versions
of newslint's dependencies, the configuration and the selected rule files' contents and
levels: change any of them and the run starts from an empty cache.

A repository is not trusted, and neither is its cache: every entry is signed with the
user's cache key (see cachekey) over the rule set, the path and the content, so an entry
that someone committed, copied from elsewhere or edited is a miss, as is one that does not
decode into findings. Nothing is followed or read through a link: the cache folder, the
version, rule-set and shard folders and every entry are opened without following links
(see cachefs), a FIFO, device or oversized file is ignored, writes create a new file and
rename it into place, and pruning unlinks only regular files with the cache's own names,
inside the cache folder.

Pruning is bounded work: a run that wrote entries removes the stale entries (unused for
30 days) of one random shard of its rule set, and part of one rule set unused for that
long, a few hundred files at a time.
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
_FORMAT = 3
_PERSON = b"newslint-finding"
_MARKER_PERSON = b"newslint-ruleset"
# In each rule set's folder: signed proof that the rule set compiled, and when it was last used.
_MARKER = "ruleset"
# Entries and rule sets not used for this long are pruned; an entry read this long after
# it was last touched is touched again.
_KEEP_SECONDS = 30 * 86400
_TOUCH_SECONDS = 86400
# Files removed per run at most, and the largest entry read or written (a file of findings
# this large would come from an article that is itself refused).
_PRUNE_BUDGET = 512
_MAX_ENTRY_BYTES = 16 * 1024 * 1024
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
    return blake2b(path.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _is_hex(name: str, size: int) -> bool:
    return len(name) == size and _HEX.issuperset(name)


def _signed_key(fingerprint: str, path: str) -> bytes:
    """What an entry's signature covers besides its body: the format, version, rule set and
    path it was written for (an entry copied to another path or rule set is a miss)."""
    return f"{_FORMAT}\0{__version__}\0{fingerprint}\0{path}".encode("utf-8", "surrogatepass")


def signed_entry(secret: bytes, fingerprint: str, path: str, body: bytes) -> bytes:
    """The bytes of an entry file: the hex signature on one line, then the body (JSON:
    the text's digest and its findings)."""
    return sign(secret, _PERSON, _signed_key(fingerprint, path), body).hex().encode("ascii") + b"\n" + body


class Cache:
    """Findings by path, valid while the path's text hashes the same.

    `secret`: the key entries are signed with; by default the user's (cachekey.user_key),
    and with None (no key to be had) the cache answers nothing and writes nothing.
    """

    def __init__(self, folder: Path, key: str, secret: bytes | None = _UNSET) -> None:
        self.folder = folder
        self.key = key
        self.secret: bytes | None = user_key() if secret is _UNSET else secret
        self.now = time.time()
        self.wrote = False
        self._top: int | None = None  # .newslint_cache
        self._parent: int | None = None  # the rule sets of this version
        self._base: int | None = None  # this rule set's folder
        self._refused = False  # a folder on the way is a link, not a folder, or cannot be made
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

    def _shard(self, name: str, create: bool) -> int | None:
        """A shard's folder, for the caller to close: kept open, 256 of them would be more
        than some systems allow a process (256 files in all on macOS)."""
        return None if self._base is None else cachefs.open_folder(self._base, name, create)

    def get(self, path: str, text: str) -> list[Finding] | None:
        """The findings cached for `path` when its text is the one they were found in."""
        if self._base is None or self.secret is None:
            return None
        name = entry_name(path)
        shard = self._shard(name[:2], create=False)
        if shard is None:
            return None
        try:
            data = cachefs.read_file(shard, name, _MAX_ENTRY_BYTES, refresh_before=self.now - _TOUCH_SECONDS)
        finally:
            os.close(shard)
        if data is None:
            return None
        mac, body = data[:64], data[65:]
        try:
            if not verify(self.secret, _PERSON, bytes.fromhex(mac.decode("ascii")), _signed_key(self.key, path), body):
                return None  # not written by this user for this rule set and path: never decoded
            digest, records = json.loads(body.decode("utf-8", "surrogatepass"))
            if digest != text_digest(text):
                return None
            return [_decode(path, r) for r in records]
        except (TypeError, ValueError, KeyError, RecursionError):
            return None  # corrupt: a miss, replaced when the file is checked

    def put(self, path: str, text: str, findings: Iterable[Finding]) -> None:
        """Write the entry for `path` now (one small file); a failure only leaves it uncached."""
        if self.secret is None or (self._base is None and not self._open(create=True)):
            return
        name = entry_name(path)
        body = json.dumps([text_digest(text), [_encode(f) for f in findings]], ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8", "surrogatepass")
        if len(body) > _MAX_ENTRY_BYTES - 65:
            return
        shard = self._shard(name[:2], create=True)
        if shard is None:
            return
        try:
            if cachefs.write_file(shard, name, signed_entry(self.secret, self.key, path, body)):
                self.wrote = True
        finally:
            os.close(shard)

    def save(self) -> None:
        """After a run that wrote entries: mark the rule set as compiled and in use, and
        prune a bounded part of the cache. Then let go of the open folders."""
        try:
            if self.wrote and self._base is not None and self.secret is not None:
                if not self.rules_compiled:
                    marker = sign(self.secret, _MARKER_PERSON, _signed_key(self.key, ""))
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

    def _marker_valid(self) -> bool:
        assert self._base is not None and self.secret is not None
        data = cachefs.read_file(self._base, _MARKER, 64, refresh_before=self.now - _TOUCH_SECONDS)
        return data is not None and verify(self.secret, _MARKER_PERSON, data, _signed_key(self.key, ""))

    def _prune(self) -> None:
        """Bounded work: the stale entries of one random shard of this rule set, then up to
        _PRUNE_BUDGET files of one other rule set (of this version or of another one) that
        has not been used for _KEEP_SECONDS."""
        assert self._base is not None and self._parent is not None and self._top is not None
        cutoff = self.now - _KEEP_SECONDS
        shard = self._shard(f"{_pick(256):02x}", create=False)
        if shard is not None:
            try:
                cachefs.remove_old_files(shard, _is_entry, cutoff, _PRUNE_BUDGET)
            finally:
                os.close(shard)
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


def _is_entry(name: str) -> bool:
    return _is_hex(name, 32)


def _prune_rule_sets(version: int, current: str | None, cutoff: float) -> None:
    """In one version's folder: the cache files of the format before this one (never read
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
    """Remove up to `budget` entries of a rule set unused since `cutoff`, then its folders once empty."""
    base = cachefs.open_folder(parent, name, create=False)
    if base is None:
        return
    try:
        used = max(cachefs.modified(base, _MARKER) or 0.0, cachefs.modified(parent, name) or 0.0)
        if used >= cutoff:
            return
        for shard_name in cachefs.names(base):
            if budget <= 0:
                return
            if not _is_hex(shard_name, 2):
                continue
            shard = cachefs.open_folder(base, shard_name, create=False)
            if shard is None:
                continue
            try:
                budget -= cachefs.remove_old_files(shard, _is_entry, float("inf"), budget)
            finally:
                os.close(shard)
            cachefs.remove_folder(base, shard_name)
        cachefs.remove_old_files(base, _MARKER.__eq__, float("inf"), 1)
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
