"""Which Linter checks an open document, as `newslint check` would pick it: the nearest
config to the document's file (newslint.discovery), loaded once and dropped when a config
or rule file changes, so that an edit to them applies without a restart."""

from __future__ import annotations

import os
from typing import NamedTuple

from newslint.discovery import ConfigChoice, Configs, Linters, _excluded
from newslint.files import STDIN
from newslint.finding import Finding
from newslint.linter import Linter, Selection
from newslint.parse import format_for_path

# What an editor calls the documents newslint reads (LSP language ids), and their parser.
LANGUAGES = {"markdown": "markdown", "plaintext": "plaintext", "text": "plaintext"}
_SUFFIXES = (".md", ".markdown", ".txt")


class Checked(NamedTuple):
    """One version of a document and what the linter found in it."""

    version: int | None
    text: str
    findings: list[Finding]
    linter: Linter
    fmt: str


def document_format(path: str | None, language_id: str | None) -> str | None:
    """The parser for a document (markdown or plaintext), or None for one newslint does not
    read (a YAML or Python file a generic client sends along)."""
    if path is not None and path.lower().endswith(_SUFFIXES):
        return format_for_path(path)  # as `newslint check` reads the file
    return LANGUAGES.get(language_id or "")


class Linting:
    """The configs and linters of one server, rebuilt on `reload`."""

    def __init__(self, choice: ConfigChoice) -> None:
        self.choice = choice
        self.linters = Linters(Configs(choice), Selection())
        self._stamps: dict[str, tuple[int, int] | None] = {}

    def reload(self) -> None:
        """Forget every config and compiled rule: the next check reads them again."""
        self.linters = Linters(Configs(self.choice), Selection())
        self._stamps = {}

    def linter_for(self, path: str | None) -> Linter:
        """The document's linter (raises ConfigError for a broken config or rule file).
        A document with no file (untitled) takes the working folder's config."""
        target = STDIN if path is None else path
        config = self.linters.configs.path_for(target)
        if config is not None and str(config) not in self._stamps:  # stamped before it loads: a broken one too
            self._stamps[str(config)] = _stamp(str(config))
        return self.linters.for_file(target)

    def changed_on_disk(self) -> bool:
        """Whether a config file this server loaded has changed since: a fallback for
        clients that do not watch files for it (one stat a config)."""
        # a copy: the worker thread adds configs while the server's thread asks
        return any(_stamp(path) != stamp for path, stamp in list(self._stamps.items()))

    def check(self, path: str | None, text: str, fmt: str, version: int | None) -> Checked:
        linter = self.linter_for(path)
        if path is not None and _excluded(linter.config, path):
            return Checked(version, text, [], linter, fmt)  # the config's `exclude` names it
        findings = linter.lint_text(text, _display(path, fmt), fmt)
        return Checked(version, text, findings, linter, fmt)

    def fix_all(self, checked: Checked, path: str | None) -> str:
        """The text with every safe fix applied, in as many rounds as `--fix` takes."""
        new_text, _ = checked.linter.fix_text(checked.text, _display(path, checked.fmt))
        return new_text


def _display(path: str | None, fmt: str) -> str:
    """The path findings are checked under; an untitled document's tells its format."""
    if path is not None:
        return path
    return "<untitled>.txt" if fmt == "plaintext" else "<untitled>.md"


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size
