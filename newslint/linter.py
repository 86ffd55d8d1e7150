"""The library's front door: rules compiled once, files parsed and checked, in order."""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterable, Iterator, Sequence

from newslint.config import Config, ignored_for_path, select_rules
from newslint.document import Document
from newslint.engine import Engine
from newslint.files import STDIN, Source, discover, read_source
from newslint.finding import FileError, FileResult, Finding
from newslint.fix import apply_edits, fixable
from newslint.parse import parse_document
from newslint.rules import RuleSpec, compile_rule

# Below this many files a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 16


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


class Linter:
    """Compiles the selected rules once; checks texts and files with them."""

    def __init__(self, config: Config | None = None, selection: Selection = Selection(),
                 specs: Sequence[RuleSpec] | None = None) -> None:
        self.config = config or Config()
        self.selection = selection
        self.specs = list(specs) if specs is not None else select_rules(
            self.config, selection.select, selection.extend_select, selection.ignore)
        self.engine = Engine([compile_rule(s) for s in self.specs])

    def parse(self, text: str, path: str, fmt: str | None = None) -> Document:
        doc = parse_document(text, path, fmt)
        doc.published = publication_date(doc.metadata.get(self.config.date_key))
        return doc

    def lint_text(self, text: str, path: str = "<text>", fmt: str | None = None) -> list[Finding]:
        doc = self.parse(text, path, fmt)
        return self.engine.check(doc, ignored_for_path(self.config, path))

    def lint_source(self, source: Source, fmt: str | None = None) -> FileResult:
        findings = self.lint_text(source.text, source.path, fmt)
        return FileResult(source.path, findings, text=source.text)

    def lint_path(self, path: str, stdin: BinaryIO | None = None, stdin_name: str | None = None) -> FileResult:
        display = (stdin_name or "<stdin>") if path == STDIN else path
        source = read_source(path, stdin)
        if isinstance(source, FileError):
            return FileResult(display, error=source)
        if path == STDIN:
            source = Source(display, source.text, source.encoding, source.bom)
        return self.lint_source(source)

    def fix_text(self, text: str, path: str, unsafe: bool = False, rounds: int = 10) -> tuple[str, int]:
        """Apply fixes until none is left to apply; returns (new text, fixes applied)."""
        total = 0
        for _ in range(rounds):
            candidates = fixable(self.lint_text(text, path), unsafe)
            if not candidates:
                break
            text, applied = apply_edits(text, candidates)
            total += applied
            if not applied:
                break
        return text, total

    def lint_paths(self, paths: Iterable[str], jobs: int | None = None,
                   stdin: BinaryIO | None = None, stdin_name: str | None = None) -> Iterator[FileResult]:
        """Results file by file, in the order of discovery, whatever the number of jobs."""
        files = list(discover(paths, self.config.exclude))
        jobs = jobs or os.cpu_count() or 1
        if jobs <= 1 or len(files) < _PARALLEL_THRESHOLD or STDIN in files:
            for path in files:
                yield self.lint_path(path, stdin, stdin_name)
            return
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                 initargs=(self.config, self.specs)) as pool:
            yield from pool.map(_lint_in_worker, files, chunksize=max(1, min(64, len(files) // (jobs * 8) or 1)))


_worker: Linter | None = None


def _init_worker(config: Config, specs: list[RuleSpec]) -> None:
    global _worker
    _worker = Linter(config, specs=specs)


def _lint_in_worker(path: str) -> FileResult:
    assert _worker is not None
    return _worker.lint_path(path)


def publication_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            return None
    return None
