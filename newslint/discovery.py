"""Which config applies to each checked file, as ruff decides it: the nearest config file
walking up from the file's folder to its repository root (else the working folder's), one
Linter per config, its rules compiled once and its findings cached apart."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Iterator, NamedTuple, Sequence

from newslint.config import Config, find_config, find_vale_config, load_config, nearest_config
from newslint.errors import ConfigError
from newslint.files import STDIN, Reader
from newslint.finding import FileResult
from newslint.trees import inside, reaches_outside, working_root

if TYPE_CHECKING:
    from newslint.cache import Cache
    from newslint.linter import Linter, Selection


class ConfigChoice(NamedTuple):
    """How a run picks its configs: `config_file` (--config) for every file, `isolated`
    (--isolated) none at all, else each file's nearest."""

    config_file: str | os.PathLike[str] | None = None
    isolated: bool = False
    follow_symlinks: bool = False
    allow_external_rule_dirs: bool = False
    # Command-line settings laid over every config: --exclude replaces a config's
    # `exclude`, --extend-exclude adds to it (as in ruff), --file-timeout sets the budget.
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    file_timeout: float | None = None


class Configs:
    """Each file's config, found once per folder and loaded once per config file."""

    def __init__(self, choice: ConfigChoice = ConfigChoice(), *, fixed: Config | None = None,
                 preset: str | None = None) -> None:
        """`fixed`: one Config object for every file (the library's `config=`); `preset`:
        every config's `extends`, its own `select` set aside (the library's `preset=`)."""
        self.choice = choice
        self.preset = preset
        self._folders: dict[Path, Path | None] = {}
        self._loaded: dict[Path | None, Config] = {}
        self._working: list[Path | None] = []  # the working folder's config file, once found
        self._root: list[str] = []  # the working tree, once found
        self.fixed: Config | None = None  # the one config of --config or --isolated
        if fixed is not None:
            self.fixed = self._preset(fixed)
        elif choice.isolated:
            if choice.config_file is not None:
                raise ConfigError("--isolated ignores every config file; it cannot be combined with --config")
            self.fixed = self._preset(Config(follow_symlinks=choice.follow_symlinks))
        elif choice.config_file is not None:
            if not os.path.isfile(choice.config_file):
                raise ConfigError(f"{os.fspath(choice.config_file)}: config file not found")
            self.fixed = self._load(Path(choice.config_file))

    def _load(self, path: Path | None) -> Config:
        config = self._loaded.get(path)
        if config is None:
            config = self._loaded[path] = self._preset(load_config(
                path, follow_symlinks=self.choice.follow_symlinks, allow_external_rule_dirs=self.choice.allow_external_rule_dirs))
        return config

    def _preset(self, config: Config) -> Config:
        choice = self.choice
        if choice.exclude is not None or choice.extend_exclude:
            exclude = choice.exclude if choice.exclude is not None else config.exclude
            config = config._replace(exclude=tuple(exclude) + tuple(choice.extend_exclude))
        if choice.file_timeout is not None:
            config = config._replace(file_timeout=choice.file_timeout)
        if self.preset is None:
            return config
        from newslint.config import PRESETS

        preset = self.preset.lower()
        if preset not in PRESETS:
            raise ConfigError(f"unknown preset {self.preset!r} (expected one of {', '.join(PRESETS)})")
        return config._replace(extends=preset, select=None)

    def working(self) -> Config:
        """The working folder's config: for stdin, and for a file with none of its own."""
        if self.fixed is not None:
            return self.fixed
        return self._load(self._working_path())

    def _working_path(self) -> Path | None:
        if not self._working:
            found = find_config()
            if found is None:  # no newslint config: a .vale.ini, found as Vale finds it
                found = find_vale_config(Path.cwd().resolve())
            self._working.append(found)
        return self._working[0]

    def path_for(self, path: str, stdin_name: str | None = None) -> Path | None:
        """The config file that applies to `path` (None: the defaults)."""
        if self.fixed is not None:
            return self.fixed.path
        own = self.own_config(path, stdin_name)
        return own if own is not None else self._working_path()

    def own_config(self, path: str, stdin_name: str | None = None) -> Path | None:
        """The nearest config walking up from the file's folder to its repository root
        (stdin: from the folder of `stdin_name`, else the working folder)."""
        if path == STDIN:
            if stdin_name is None:
                return self._working_path()
            path = stdin_name
        folder = os.path.abspath(path)
        if not os.path.isdir(folder):
            folder = os.path.dirname(folder)
        try:
            start = Path(folder).resolve()
        except (OSError, RuntimeError):  # a link loop: the file is reported unreadable anyway
            return None
        if not self.choice.follow_symlinks and self._leads_out(folder, str(start)):
            # A folder linked out of the checked tree (`desk -> ~/other-project`): the file is
            # reported as a link out and not read, and no config beyond the link is read
            # either (a YAML error would quote its lines).
            return None
        return nearest_config(start, self._folders)

    def _leads_out(self, folder: str, real: str) -> bool:
        """Whether the absolute `folder` reaches its real path `real` through a link out of
        the working tree (or into a `.git` folder); a folder elsewhere is a tree of its own."""
        if not self._root:
            self._root.append(working_root())
        root = self._root[0]
        return inside(folder, root) and reaches_outside(folder, real, root)

    def for_file(self, path: str, stdin_name: str | None = None) -> Config:
        if self.fixed is not None:
            return self.fixed
        return self._load(self.path_for(path, stdin_name))


class Linters:
    """One Linter per config of a run, built when a file first needs it."""

    def __init__(self, configs: Configs, selection: Selection, *, lazy: bool = False) -> None:
        self.configs = configs
        self.selection = selection
        self.lazy = lazy
        self._by_config: dict[Path | None, Linter] = {}
        self._caches: dict[Path | None, Cache] = {}

    def for_file(self, path: str, stdin_name: str | None = None) -> Linter:
        return self._linter(self.configs.for_file(path, stdin_name))

    def _linter(self, config: Config) -> Linter:
        linter = self._by_config.get(config.path)
        if linter is None:
            from newslint.linter import Linter

            linter = self._by_config[config.path] = Linter(config, self.selection, lazy=self.lazy)
        return linter

    @property
    def all(self) -> list[Linter]:
        return list(self._by_config.values())

    def plan(self, paths: Sequence[str], stdin_name: str | None = None) -> tuple[Reader, list[tuple[str, Linter]]]:
        """Every file to check with its Linter, in the order of discovery. Each config is
        loaded and its selectors checked here, before anything is read or printed. A file
        its own config excludes (`exclude`, relative to the config's folder too) is left out."""
        base = self.configs.working()
        reader = Reader(list(paths), base.follow_symlinks)  # each file confined to its tree
        planned = []
        for path in reader.discover(base.excluded):
            linter = self.for_file(path, stdin_name)
            if linter.config.path != base.path and path != STDIN and _excluded(linter.config, path):
                continue
            planned.append((path, linter))
        if not planned:
            self._linter(base)  # an empty run still checks the working folder's config
        return reader, planned

    def cache_for(self, linter: Linter) -> Cache:
        """The findings cache of one config (beside its file), opened once per run."""
        cache = self._caches.get(linter.config.path)
        if cache is None:
            from newslint.cache import Cache

            cache = self._caches[linter.config.path] = Cache.for_run(linter.config, linter.specs)
        return cache

    def run(self, reader: Reader, planned: list[tuple[str, Linter]], jobs: int | None = None, *,
            stdin: BinaryIO | None = None, stdin_name: str | None = None,
            use_cache: bool = False) -> Iterator[tuple[FileResult, Linter]]:
        """Results in the order of `planned`: each run of files under one config is checked
        by that config's Linter (a folder's files under one config are one run)."""
        index = 0
        while index < len(planned):
            linter = planned[index][1]
            end = index
            while end < len(planned) and planned[end][1] is linter:
                end += 1
            files = [path for path, _ in planned[index:end]]
            cache = self.cache_for(linter) if use_cache else None
            for result in linter.lint_paths(files, jobs, stdin, stdin_name, cache=cache, reader=reader):
                yield result, linter
            index = end


def _excluded(config: Config, path: str) -> bool:
    """Whether the config's `exclude` names the file: its path as given, its name, or the
    path (or a folder on it) relative to the config's folder."""
    if not config.excluded:
        return False
    candidates = [os.path.normpath(path), os.path.basename(path)]
    if config.path is not None:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(config.path.parent))
        if not relative.startswith(os.pardir):
            parts = relative.split(os.sep)
            candidates += [os.sep.join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatch.fnmatch(c, p) for c in candidates for p in config.excluded)
