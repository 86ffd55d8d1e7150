"""Which paths of a folder scan a git work tree's `.gitignore` files leave out.

As ruff does (and git itself): only inside a git work tree, every `.gitignore` from the top
of the work tree down to the file, the deepest deciding (so a `!pattern` below re-includes
what a pattern above left out). `.git/info/exclude` and the user's global excludes are not
read: the repository's metadata and the home folder are outside the checked tree.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

from newslint.trees import inside

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

# A .gitignore longer than this is not a list of patterns a person wrote; it is not read.
_MAX_BYTES = 1024 * 1024


class GitIgnore:
    """The `.gitignore` files of one scan, each read once, when the scan first needs it."""

    def __init__(self, top: str, scanned: str | None = None) -> None:
        self.top = top  # the highest folder whose .gitignore is read (resolved)
        # The folder named on the command line (resolved): searched even if it, or a folder
        # above it, is ignored, as ripgrep and ruff search a folder they are given; the
        # patterns still apply to what is inside it.
        self.scanned = scanned
        self._specs: dict[str, GitIgnoreSpec | None] = {}

    @classmethod
    def for_folder(cls, folder: str, tree: str | None = None) -> GitIgnore | None:
        """The ignores for a scan of `folder`, or None outside a git work tree. `.gitignore`
        files are read no higher than `tree`, the checked tree the scan is confined to."""
        real = os.path.realpath(folder)
        here = real
        while not os.path.lexists(os.path.join(here, ".git")):
            parent = os.path.dirname(here)
            if parent == here:
                return None
            here = parent
        if tree is not None:
            tree = os.path.realpath(tree)
            if not inside(here, tree):  # the work tree's top lies above the checked tree
                here = tree if inside(real, tree) else real
        return cls(here, real)

    def ignored(self, real_path: str, is_folder: bool) -> bool:
        """Whether the resolved `real_path` under `top` is ignored."""
        relative = os.path.relpath(real_path, self.top)
        if relative.startswith(os.pardir):
            return False
        parts = relative.split(os.sep)
        for depth in range(len(parts) - 1, -1, -1):
            spec = self._spec(os.path.join(self.top, *parts[:depth]))
            if spec is None:
                continue
            decided = spec.check_file("/".join(parts[depth:]) + ("/" if is_folder else "")).include
            if decided is not None:
                return decided
        return False

    def _spec(self, folder: str) -> GitIgnoreSpec | None:
        if folder not in self._specs:
            spec = _read(os.path.join(folder, ".gitignore"))
            if spec is not None and self.scanned is not None and folder != self.scanned and inside(self.scanned, folder):
                spec = _without_patterns_on_the_way(spec, os.path.relpath(self.scanned, folder))
            self._specs[folder] = spec
        return self._specs[folder]


def _without_patterns_on_the_way(spec: GitIgnoreSpec, scanned: str) -> GitIgnoreSpec:
    """`spec` less the patterns that match the scanned folder or a folder between it and the
    spec's own (`drafts/` when `drafts` itself is scanned): they would ignore it whole."""
    from pathspec import GitIgnoreSpec

    parts = scanned.split(os.sep)
    on_the_way = ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
    kept = [p for p in spec.patterns if not (p.include and any(p.match_file(d) is not None for d in on_the_way))]
    return spec if len(kept) == len(spec.patterns) else GitIgnoreSpec(kept)


def _read(path: str) -> GitIgnoreSpec | None:
    """The patterns of one .gitignore; a link, a special file or a huge file is not read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > _MAX_BYTES:
            return None
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(_MAX_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)
    from pathspec import GitIgnoreSpec  # only a scan that meets a .gitignore pays for it

    return GitIgnoreSpec.from_lines(data.decode("utf-8", "replace").splitlines())
