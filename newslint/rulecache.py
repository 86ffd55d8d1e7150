"""Loaded rule files kept between runs, as Python keeps bytecode: parsing the YAML and
analysing the patterns of a hundred rules costs more than checking an article.

A cache file holds the validated specs of one set of rule files, each with what its kind
prepared at load time (a pattern rule's word prefilter). Its name is a digest of
everything that decides them: the files' paths and contents, newslint's version and
source code, and the Python and `regex` versions. So a changed rule file, a new release or
an edited kind is a new name and the old file is never read; an unreadable or damaged file
is ignored and replaced. Rules that do not load are never cached: their error is reported
as it is without a cache.

The folder is `$NEWSLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/newslint`, else
`~/.cache/newslint`. A folder that cannot be written only makes every run a first run.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

from newslint import __version__
from newslint.files import write_atomically
from newslint.rules import PickledPrepared, RuleSpec, blake2b

_FORMAT = b"newslint-rules-2"
# When a rule set is written, others not loaded for this long are deleted, and all but
# the most recently used this many.
_KEEP_SECONDS = 30 * 86400
_KEEP_FILES = 32


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


def load_specs(files: Sequence[tuple[Path, bytes]], load: Callable[[Path, bytes], RuleSpec],
               folder: Path | None = None) -> list[RuleSpec]:
    """`load(path, content)` for each rule file, answered from the cache when it can be.

    What a kind prepared is kept pickled inside each spec (see RuleSpec.prepared) until the
    rule is compiled, so a run that the findings cache answers never imports the kinds.
    """
    h = blake2b(_FORMAT, digest_size=20)
    for part in (__version__, sys.version, _regex_build(), code_digest()):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for path, content in files:
        h.update(str(path).encode("utf-8", "surrogatepass") + b"\0")
        h.update(len(content).to_bytes(8, "little") + content)
    target = (folder or cache_folder()) / f"rules-{h.hexdigest()}.pickle"
    cached = _read(target, len(files))
    if cached is not None:
        return cached
    specs = [load(path, content) for path, content in files]
    _write(target, [s if s.prepared is None else s._replace(prepared=PickledPrepared(pickle.dumps(s.prepared)))
                    for s in specs])
    return specs


def _regex_build() -> str:
    """Which `regex` is installed (its idea of a word character shapes the prefilters),
    without importing it: a run answered from the findings cache does not need it."""
    spec = importlib.util.find_spec("regex")
    origin = spec.origin if spec is not None and spec.origin else ""
    try:
        stat = os.stat(origin)
    except OSError:
        return origin
    return f"{origin}\0{stat.st_size}\0{stat.st_mtime_ns}"


def _read(target: Path, count: int) -> list[RuleSpec] | None:
    try:
        with open(target, "rb") as handle:
            if handle.read(len(_FORMAT)) != _FORMAT:
                return None
            specs = pickle.load(handle)
            if time.time() - os.fstat(handle.fileno()).st_mtime > 86400:
                os.utime(target)  # in use: not one for _prune to delete
    except Exception:  # missing, unreadable, truncated, or pickled by other code: a miss
        return None
    if not isinstance(specs, list) or len(specs) != count or not all(isinstance(s, RuleSpec) for s in specs):
        return None
    return specs


def _write(target: Path, specs: list[RuleSpec]) -> None:
    """Write the rule set (atomically); a failure only skips the cache."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, _FORMAT + pickle.dumps(specs, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
        _prune(target)
    except Exception:
        return


def _prune(keep: Path) -> None:
    cutoff = time.time() - _KEEP_SECONDS
    others: list[tuple[float, Path]] = []
    for other in keep.parent.glob("rules-*.pickle"):
        try:
            if other != keep:
                others.append((other.stat().st_mtime, other))
        except OSError:
            continue
    others.sort(reverse=True)
    for rank, (mtime, other) in enumerate(others, start=1):
        if mtime < cutoff or rank >= _KEEP_FILES:
            try:
                other.unlink()
            except OSError:
                continue
