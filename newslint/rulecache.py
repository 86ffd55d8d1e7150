"""Loaded rule files kept between runs, as Python keeps bytecode: parsing the YAML and
analysing the patterns of a hundred rules costs more than checking an article.

A cache file holds the validated specs of one set of rule files, each with what its kind
prepared at load time (a pattern rule's word prefilter), as plain data (strings, numbers,
tuples, lists, dicts, frozensets) in `marshal`'s format, which builds values and never runs
code; the specs and the kinds' values are rebuilt from it field by field, from a fixed
list of types. Its name is a digest of everything that decides them: the files' paths and
contents, newslint's version and source code, the Python version and the installed
versions of newslint's dependencies. So a changed rule file, a new release or an edited
kind is a new name and the old file is never read. The file is signed with the user's
cache key (see cachekey): a file that anyone else wrote, or that was made for another name,
is ignored and replaced, as is an unreadable, damaged, oversized or special (link, FIFO,
device) file. Rules that do not load are never cached: their error is reported as it is
without a cache.

The folder is `$NEWSLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/newslint`, else
`~/.cache/newslint`. A folder that cannot be written, or a cache key that cannot be had,
only makes every run a first run.
"""

from __future__ import annotations

import functools
import importlib.util
import marshal
import os
import sys
import time
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Sequence

from newslint import __version__, cachefs
from newslint.cachekey import MAC_BYTES, sign, user_key, verify
from newslint.finding import LEVEL_BY_VALUE
from newslint.rules import Examples, RuleSpec, StoredPrepared, blake2b

_MAGIC = b"newslint-rules-3\n"
_PERSON = b"newslint-rules"
_SUFFIX = ".bin"
_OLD_SUFFIXES = (_SUFFIX, ".pickle")  # .pickle: the files of earlier releases, never read
# Far above a rule set's size (the shipped packs: 0.2 MB); a larger file is not read.
_MAX_BYTES = 64 * 1024 * 1024
# When a rule set is written, others not loaded for this long are deleted, and all but
# the most recently used this many.
_KEEP_SECONDS = 30 * 86400
_KEEP_FILES = 32
# newslint's dependencies, by distribution and top-level module: a new release of one can
# change what a rule loads to (yaml) or finds (the others), so it is a new cache.
DEPENDENCIES = (("regex", "regex"), ("pyyaml", "yaml"), ("markdown_it_py", "markdown_it"),
                ("proselint", "proselint"), ("google_re2", "re2"), ("rapidfuzz", "rapidfuzz"))


def cache_folder() -> Path:
    explicit = os.environ.get("NEWSLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newslint"


@functools.cache
def code_digest() -> str:
    """newslint's own source: a changed kind must not be answered from an old cache, even
    when the version number has not moved (a checkout under development). Like Python's
    bytecode check, a source file counts as changed when its size or time stamp does."""
    h = blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                h.update(f"{os.path.relpath(path, package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@functools.cache
def dependency_versions() -> str:
    """The installed release of each dependency, without importing it (a run answered from
    the findings cache imports none of them) nor importlib.metadata (a tenth of a one-article
    run): the version in the name of its `.dist-info` folder, and the size and time stamp of
    its module file, for a build that kept its version number."""
    listings: dict[str, list[str]] = {}
    parts = []
    for distribution, module in DEPENDENCIES:
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None and spec.origin else ""
        if not origin:
            parts.append(f"{distribution}=absent")
            continue
        folder = os.path.dirname(origin)
        site = os.path.dirname(folder) if spec is not None and spec.submodule_search_locations is not None else folder
        if site not in listings:
            try:
                listings[site] = [n.lower() for n in os.listdir(site) if n.endswith(".dist-info")]
            except OSError:
                listings[site] = []
        releases = ",".join(sorted(n for n in listings[site] if n.startswith(distribution + "-")))
        try:
            stat = os.stat(origin)
            built = f"{stat.st_size}:{stat.st_mtime_ns}"
        except OSError:
            built = ""
        parts.append(f"{distribution}={releases}:{origin}:{built}")
    return "\0".join(parts)


def load_specs(files: Sequence[tuple[Path, bytes]], load: Callable[[Path, bytes], RuleSpec],
               folder: Path | None = None) -> list[RuleSpec]:
    """`load(path, content)` for each rule file, answered from the cache when it can be.

    What a kind prepared is kept as plain data inside each spec (see RuleSpec.prepared)
    until the rule is compiled, so a run that the findings cache answers never imports the kinds.
    """
    key = user_key()
    root = cachefs.open_root(folder or cache_folder(), create=True, mode=0o700) if key is not None else None
    if key is None or root is None:
        return [load(path, content) for path, content in files]
    try:
        h = blake2b(_MAGIC, digest_size=20)
        for part in (__version__, sys.version, dependency_versions(), code_digest()):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        for path, content in files:
            h.update(str(path).encode("utf-8", "surrogatepass") + b"\0")
            h.update(len(content).to_bytes(8, "little") + content)
        name = f"rules-{h.hexdigest()}{_SUFFIX}"
        cached = _read(root, name, key, len(files))
        if cached is not None:
            return cached
        specs = [load(path, content) for path, content in files]
        _write(root, name, key, specs)
        return specs
    finally:
        os.close(root)


def _read(root: int, name: str, key: bytes, count: int) -> list[RuleSpec] | None:
    data = cachefs.read_file(root, name, _MAX_BYTES, refresh_before=time.time() - 86400)
    if data is None or not data.startswith(_MAGIC):
        return None
    mac, body = data[len(_MAGIC) : len(_MAGIC) + MAC_BYTES], data[len(_MAGIC) + MAC_BYTES :]
    if not verify(key, _PERSON, mac, name.encode("ascii"), body):
        return None  # written by someone else, or for another rule set: never decoded
    try:
        records = marshal.loads(body)
        if type(records) is not list or len(records) != count:
            return None
        return [_spec(record) for record in records]
    except (TypeError, ValueError, KeyError, EOFError):
        return None


def _write(root: int, name: str, key: bytes, specs: list[RuleSpec]) -> None:
    """Write the rule set; one holding a value outside the plain types is not cached."""
    try:
        body = marshal.dumps([_record(spec) for spec in specs])
    except (TypeError, ValueError):
        return
    if cachefs.write_file(root, name, _MAGIC + sign(key, _PERSON, name.encode("ascii"), body) + body, 0o600):
        _prune(root, name)


def _ours(name: str) -> bool:
    stem, dot, suffix = name.rpartition(".")
    return (name.startswith("rules-") and f".{suffix}" in _OLD_SUFFIXES and len(stem) == 46
            and all(c in "0123456789abcdef" for c in stem[6:]))


def _prune(root: int, keep: str) -> None:
    cutoff = time.time() - _KEEP_SECONDS
    others: list[tuple[float, str]] = []
    for other in cachefs.names(root):
        if other != keep and _ours(other):
            when = cachefs.modified(root, other)
            if when is not None:
                others.append((when, other))
    others.sort(reverse=True)
    # The oldest beyond the count are removed as if they were older than the cut-off.
    doomed = {other for rank, (when, other) in enumerate(others, start=1) if when < cutoff or rank >= _KEEP_FILES}
    if doomed:
        cachefs.remove_old_files(root, doomed.__contains__, float("inf"), len(doomed))


# The plain form of a spec, field by field in RuleSpec's order; `_spec` is its inverse.

def _record(spec: RuleSpec) -> tuple[Any, ...]:
    _require_plain(spec.options)
    _require_plain(spec.positions)
    prepared = spec.prepared
    if prepared is not None and not isinstance(prepared, StoredPrepared):
        prepared = StoredPrepared(plain_prepared(prepared))
    return (spec.id, spec.kind, spec.message, int(spec.level), spec.path, spec.description, spec.link,
            tuple(spec.scope), spec.quotes, spec.limit, (tuple(spec.examples.flag), tuple(spec.examples.pass_)),
            dict(spec.options), dict(spec.positions), spec.builtin, spec.source,
            None if prepared is None else prepared.plain, spec.vale)


def _spec(record: Any) -> RuleSpec:
    (id_, kind, message, level, path, description, link, scope, quotes, limit, (flag, pass_),
     options, positions, builtin, source, prepared, vale) = record
    if (type(id_) is not str or type(kind) is not str or type(message) is not str or type(path) is not str
            or type(description) is not str or (link is not None and type(link) is not str)
            or type(scope) is not tuple or type(quotes) is not str or (limit is not None and type(limit) is not int)
            or type(flag) is not tuple or type(pass_) is not tuple or type(options) is not dict
            or type(positions) is not dict or type(builtin) is not bool or type(source) is not str
            or type(vale) is not bool):
        raise TypeError("malformed cached rule")
    return RuleSpec(id_, kind, message, LEVEL_BY_VALUE[level], path, description, link, scope, quotes, limit,
                    Examples(flag, pass_), options, positions, builtin, source,
                    None if prepared is None else StoredPrepared(prepared), vale)


_PLAIN_LEAVES = (str, int, float, bool, type(None))


def _require_plain(value: Any) -> None:
    """Raise TypeError unless `value` is made only of the types the cache rebuilds."""
    kind = type(value)
    if kind in _PLAIN_LEAVES:
        return
    if kind in (list, tuple, frozenset):
        for item in value:
            _require_plain(item)
        return
    if kind is dict or kind is MappingProxyType:
        for k, v in value.items():
            if type(k) is not str:
                raise TypeError("a mapping key that is not a string")
            _require_plain(v)
        return
    raise TypeError(f"{kind.__name__} is not kept in the rule cache")


def plain_prepared(value: Any) -> tuple[Any, ...]:
    """What a pattern kind prepared (kinds._pattern.Prepared), as plain tuples; TypeError
    for anything else (that rule set is then not cached)."""
    from newslint.kinds._pattern import Prepared
    from newslint.kinds._prefilter import Alternatives, Prefilter

    def prefilter(p: Any) -> tuple[Any, ...] | None:
        if p is None:
            return None
        if type(p) is not Prefilter:
            raise TypeError("not a Prefilter")
        plain = (frozenset(p.words), tuple(p.prefixes), None if p.offsets is None else tuple(p.offsets), bool(p.fold))
        _require_plain(plain)
        return plain

    if type(value) is not Prepared:
        raise TypeError(f"{type(value).__name__} is not kept in the rule cache")
    filters = value.filters
    if filters is not None:
        if type(filters) is not Alternatives:
            raise TypeError("not Alternatives")
        filters = (tuple(prefilter(f) for f in filters.filters), bool(filters.fold))
    required = value.required
    if required is not None:
        required = frozenset(required)
        _require_plain(required)
    return (filters, prefilter(value.prefilter), required)


_INT = frozenset({int})


def rebuild_prepared(plain: Any) -> Any:
    """The inverse of plain_prepared; None (the kind prepares the rule again) for anything malformed."""
    from newslint.kinds._pattern import Prepared
    from newslint.kinds._prefilter import Alternatives, Prefilter

    def strings(value: Any, kind: type) -> Any:
        # str.join checks every member in C (a loop here cost a one-article run milliseconds);
        # marshal builds no subclass of str, so a member it accepts is a str.
        if type(value) is not kind:
            raise TypeError("expected strings")
        "".join(value)
        return value

    def prefilter(p: Any) -> Prefilter | None:
        if p is None:
            return None
        words, prefixes, offsets, fold = p
        if offsets is not None and (type(offsets) is not tuple or not set(map(type, offsets)) <= _INT):
            raise TypeError("malformed offsets")
        if type(fold) is not bool:
            raise TypeError("malformed fold")
        return Prefilter(strings(words, frozenset), strings(prefixes, tuple), offsets, fold)

    try:
        filters, single, required = plain
        alternatives = None
        if filters is not None:
            members, fold = filters
            if type(members) is not tuple or type(fold) is not bool or None in members:
                raise TypeError("malformed alternatives")
            alternatives = Alternatives(tuple(prefilter(p) for p in members), fold)  # type: ignore[misc]
        return Prepared(alternatives, prefilter(single), None if required is None else strings(required, frozenset))
    except (TypeError, ValueError):
        return None
