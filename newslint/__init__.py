"""newslint: the copy desk's linter for news articles."""

from __future__ import annotations

from typing import Iterable, Iterator

from newslint.finding import FileResult, Finding, Level

__version__ = "0.1.0"
__all__ = ["Finding", "FileResult", "Level", "lint_text", "lint_paths", "__version__"]


def lint_text(text: str, path: str = "<text>", *, select: Iterable[str] | None = None,
              ignore: Iterable[str] = (), fmt: str | None = None) -> list[Finding]:
    """Check one article given as text, with the configuration found from the working folder."""
    from newslint.config import find_config, load_config
    from newslint.linter import Linter, Selection

    linter = Linter(load_config(find_config()), Selection(tuple(select) if select is not None else None, (), tuple(ignore)))
    return linter.lint_text(text, path, fmt)


def lint_paths(paths: Iterable[str], *, select: Iterable[str] | None = None,
               ignore: Iterable[str] = (), jobs: int | None = None) -> Iterator[FileResult]:
    """Check files and folders; yields one FileResult per file, in a stable order."""
    from newslint.config import find_config, load_config
    from newslint.linter import Linter, Selection

    linter = Linter(load_config(find_config()), Selection(tuple(select) if select is not None else None, (), tuple(ignore)))
    return linter.lint_paths(list(paths), jobs)
