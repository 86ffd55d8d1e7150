"""newslint: the copy desk's linter for news articles.

The library takes the settings the command line does. Each function finds the nearest
config to the path it is given (walking up to the repository root, else the working
folder's) unless it is given `config`: a Config, or the path of a config file. `preset`
("ap", "uk", "none") sets the config's `extends` and sets its `select` aside. Selectors
are a list of rule ids, packs or prefixes; a string is one selector (or several, comma-
separated), never read letter by letter. A bad config or selector raises ConfigError.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, Iterator, Union

from newslint.errors import ConfigError
from newslint.finding import FileResult, Finding, Level

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.discovery import Configs
    from newslint.linter import Linter, Selection

__version__ = "0.1.0"
__all__ = ["ConfigError", "Finding", "FileResult", "Level", "fix_text", "lint_paths", "lint_text", "__version__"]

Selectors = Union[str, Iterable[str], None]
ConfigArg = Union["Config", str, "os.PathLike[str]", None]


def lint_text(text: str, path: str = "<text>", *, config: ConfigArg = None, preset: str | None = None,
              select: Selectors = None, extend_select: Selectors = (), ignore: Selectors = (),
              fmt: str | None = None) -> list[Finding]:
    """Check one article given as text; `path` names it in findings, picks its format by
    its suffix and, without `config`, where to look for one."""
    return _linter(path, config, preset, select, extend_select, ignore).lint_text(text, path, fmt)


def fix_text(text: str, path: str = "<text>", *, config: ConfigArg = None, preset: str | None = None,
             select: Selectors = None, extend_select: Selectors = (), ignore: Selectors = (),
             unsafe: bool = False) -> tuple[str, int]:
    """Apply the fixes of the selected rules, as `check --fix` does (safe ones only unless
    `unsafe`); returns the fixed text and how many fixes were applied."""
    return _linter(path, config, preset, select, extend_select, ignore).fix_text(text, path, unsafe=unsafe)


def lint_paths(paths: Iterable[str], *, config: ConfigArg = None, preset: str | None = None,
               select: Selectors = None, extend_select: Selectors = (), ignore: Selectors = (),
               jobs: int | None = None) -> Iterator[FileResult]:
    """Check files and folders, each file with its nearest config unless `config` is
    given; yields one FileResult per file, in a stable order. The configs and selectors
    are checked before the first file is read (ConfigError)."""
    from newslint.discovery import Linters

    linters = Linters(_configs(config, preset), _selection(select, extend_select, ignore))
    reader, planned = linters.plan([os.fspath(p) for p in ([paths] if isinstance(paths, str) else paths)])
    return (result for result, _ in linters.run(reader, planned, jobs))


def _linter(path: str, config: ConfigArg, preset: str | None, select: Selectors, extend_select: Selectors,
            ignore: Selectors) -> Linter:
    from newslint.discovery import Linters

    return Linters(_configs(config, preset), _selection(select, extend_select, ignore)).for_file(path)


def _configs(config: ConfigArg, preset: str | None) -> Configs:
    from newslint.config import Config
    from newslint.discovery import ConfigChoice, Configs

    if config is None:
        return Configs(preset=preset)
    if isinstance(config, Config):
        return Configs(fixed=config, preset=preset)
    if isinstance(config, (str, os.PathLike)):
        return Configs(ConfigChoice(config_file=config), preset=preset)
    raise TypeError(f"config must be a Config, a path to a config file or None, not {type(config).__name__}")


def _selection(select: Selectors, extend_select: Selectors, ignore: Selectors) -> Selection:
    from newslint.linter import Selection

    return Selection(None if select is None else _selectors(select), _selectors(extend_select), _selectors(ignore),
                     ("select", "extend_select", "ignore"))


def _selectors(value: Selectors) -> tuple[str, ...]:
    """A string is one selector, or several separated by commas, as on the command line."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return tuple(value)
