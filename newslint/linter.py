"""The library's front door: rules compiled once, files parsed and checked, in order."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections import deque
from functools import cached_property
from time import monotonic
from typing import TYPE_CHECKING, Any, BinaryIO, Iterable, Iterator, NamedTuple, Sequence

from newslint.config import Config, available_rule_files, configure, ignored_for_path
from newslint.document import Document
from newslint.engine import Engine
from newslint.files import STDIN, Reader, Source, read_source
from newslint.finding import FileError, FileResult, Finding
from newslint.fix import apply_edits, fixable
from newslint.parse import parse_document
from newslint.rules import RuleSpec, compile_rule
from newslint.selectors import Catalogue, check_document

if TYPE_CHECKING:  # the cache and the pool are imported only by the runs that use them
    from concurrent.futures import Future, ProcessPoolExecutor

    from newslint.cache import Cache

# Below this many files a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 16


class Selection(NamedTuple):
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # how an unknown selector's error names where it came from: the command line's flags,
    # or the library's argument names
    sources: tuple[str, str, str] = ("--select", "--extend-select", "--ignore")


class Linter:
    """Compiles the selected rules once; checks texts and files with them."""

    def __init__(self, config: Config | None = None, selection: Selection = Selection(),
                 specs: Sequence[RuleSpec] | None = None, lazy: bool = False) -> None:
        self.config = config or Config()
        self.selection = selection
        self._catalogue: Catalogue | None = None
        if specs is not None:
            self.specs = list(specs)
        else:  # every selector checked, and spelt as the rules are (`ap` -> `AP`)
            self.config, self.specs, self._catalogue = configure(
                self.config, selection.select, selection.extend_select, selection.ignore, selection.sources)
        if not lazy:  # lazy: compiled on the first file the cache cannot answer
            self.engine  # noqa: B018  (a bad rule is reported before any output)

    @cached_property
    def engine(self) -> Engine:
        return Engine([compile_rule(s) for s in self.specs], self.config.file_timeout)

    @cached_property
    def _rule_ids(self) -> list[str]:
        return [s.id for s in self.specs]

    def parse(self, text: str, path: str, fmt: str | None = None) -> Document:
        doc = parse_document(text, path, fmt)
        doc.published = publication_date(doc.metadata.get(self.config.date_key))
        config = self.config
        if config.block_ignores or config.token_ignores or config.ignored_scopes or config.skipped_scopes or config.ignored_classes or \
                config.vale is not None:
            from newslint.ignores import honour

            honour(doc, config, path)
        return doc

    @property
    def catalogue(self) -> Catalogue:
        """Every rule id the config could name, for the ids an article names."""
        if self._catalogue is None:
            self._catalogue = Catalogue(available_rule_files(self.config))
        return self._catalogue

    def lint_text(self, text: str, path: str = "<text>", fmt: str | None = None,
                  started: float | None = None) -> list[Finding]:
        """`started`: when this file's time budget began (default now, after the rules are
        compiled, so that it covers the parse)."""
        engine = self.engine  # compiled before the file's clock starts: its budget covers its parse
        if started is None:
            started = monotonic()
        doc = self.parse(text, path, fmt)
        named = check_document(doc, self.catalogue) if doc.directives or doc.disabled or "newslint" in doc.metadata else []
        findings = engine.check(doc, ignored_for_path(self.config, path, self._rule_ids), started)
        if "ignore_timeouts" in doc.__dict__:  # a BlockIgnores/TokenIgnores pattern out of time (ignores.py)
            from newslint.engine import TIMEOUT, _stamp
            from newslint.finding import Hit, Level

            findings = sorted(findings + [_stamp(doc, TIMEOUT, "internal", Level.ERROR, None, Hit(0, 0, message))
                                          for message in doc.__dict__["ignore_timeouts"]], key=Finding.sort_key)
        return sorted(findings + named, key=Finding.sort_key) if named else findings

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
        """Apply fixes until none is left to apply; returns (new text, fixes applied).

        Each round applies the fixes that overlap neither each other nor the text their own
        rule wrote in an earlier round (fixrounds), so a rule whose replacement matches its
        own pattern is applied once per run, not once per round."""
        from newslint.fixrounds import Spans, after_round, choose

        total = 0
        written: dict[str, Spans] = {}
        # The rounds share the file's time budget: each lints the whole text again, and
        # ten rounds of a hostile 4 MB article were ten budgets (100 s). Past it, what is
        # left unfixed is reported, and the next --fix goes on.
        self.engine  # noqa: B018  (compiled before the clock starts, as lint_text has it)
        started = monotonic()
        ends = started + self.config.file_timeout
        for _ in range(rounds):
            chosen = choose(fixable(self.lint_text(text, path, started=started), unsafe), written)
            if not chosen:
                break
            text, applied = apply_edits(text, chosen)
            total += applied
            written = after_round(written, chosen)
            if monotonic() >= ends:
                break
        return text, total

    def lint_paths(self, paths: Iterable[str], jobs: int | None = None, stdin: BinaryIO | None = None,
                   stdin_name: str | None = None, cache: Cache | None = None,
                   reader: Reader | None = None) -> Iterator[FileResult]:
        """Results file by file, in the order of discovery, whatever the number of jobs.

        Files are read here, answered from the cache when it can, and the rest are checked
        in this process until there are enough of them to pay for a pool of workers. At
        most a bounded window of files is in flight, so memory stays flat however many
        files there are.
        """
        run = _OrderedRun(self, jobs or os.cpu_count() or 1, cache)
        if reader is None:
            reader = Reader(list(paths), self.config.follow_symlinks)  # each file confined to its tree
            found: Iterable[str] = reader.discover(self.config.excluded)
        else:  # files the run's reader found already (newslint.discovery: files grouped by config)
            found = paths
        try:
            for path in found:
                if path == STDIN:
                    run.ready(self.lint_path(path, stdin, stdin_name))
                else:
                    source = read_source(path, tree=reader.confinement(path), follow_symlinks=reader.follow_symlinks)
                    if isinstance(source, FileError):
                        run.ready(FileResult(path, error=source))
                    elif cache is not None and (cached := cache.get(path, source.text)) is not None:
                        run.ready(FileResult(path, cached, text=source.text))
                    else:
                        run.miss(source)
                yield from run.take(run.window_size)
            yield from run.take(0)
        except BaseException:  # Ctrl-C, SIGTERM (cli), or the reader gone: stop the workers now
            run.close(abort=True)
            raise
        finally:
            run.close()
        if cache is not None:
            cache.save()


# Files sent to a worker at a time, and how many such batches each worker may have queued.
_BATCH = 16
_BATCHES_PER_JOB = 4


class _Slot:
    """One file's place in the output order: its result, or the batch that will give it."""

    __slots__ = ("result", "source", "batch", "future")

    def __init__(self, result: FileResult | None = None, source: Source | None = None) -> None:
        self.result = result
        self.source = source
        self.batch: list[_Slot] = []
        self.future: Future[list[list[Finding]]] | None = None


class _OrderedRun:
    """Results in input order from a process pool fed a bounded window of batches."""

    def __init__(self, linter: Linter, jobs: int, cache: Cache | None) -> None:
        self.linter = linter
        self.jobs = jobs
        self.cache = cache
        self.window: deque[_Slot] = deque()
        self.batch: list[_Slot] = []
        self.pool: ProcessPoolExecutor | None = None
        self.misses = 0
        self.window_size = _BATCH * _BATCHES_PER_JOB * max(1, jobs)

    def ready(self, result: FileResult) -> None:
        self.window.append(_Slot(result))

    def miss(self, source: Source) -> None:
        self.misses += 1
        if self.pool is None and (self.jobs <= 1 or self.misses < _PARALLEL_THRESHOLD):
            self.window.append(_Slot(self._finish(source, self.linter.lint_text(source.text, source.path))))
            return
        if self.pool is None:
            self.pool = _start_pool(self.linter, self.jobs)
        slot = _Slot(source=source)
        self.batch.append(slot)
        self.window.append(slot)
        if len(self.batch) >= _BATCH:
            self._submit()

    def _submit(self) -> None:
        batch, self.batch = self.batch, []
        assert self.pool is not None
        future = self.pool.submit(_lint_in_worker, [(s.source.path, s.source.text) for s in batch if s.source])
        for slot in batch:
            slot.batch, slot.future = batch, future

    def take(self, keep: int) -> Iterator[FileResult]:
        """Yield finished results from the front; wait for the front while more than `keep` wait."""
        window = self.window
        while window and (window[0].result is not None or len(window) > keep):
            slot = window[0]
            if slot.result is None:
                if slot.future is None:
                    self._submit()
                assert slot.future is not None
                for member, findings in zip(slot.batch, slot.future.result()):
                    assert member.source is not None
                    member.result = self._finish(member.source, findings)
                    member.source, member.batch, member.future = None, [], None
            window.popleft()
            assert slot.result is not None
            yield slot.result

    def _finish(self, source: Source, findings: list[Finding]) -> FileResult:
        # A file that ran out of time (or met a rule's failure) is checked again next run:
        # the answer depends on the machine's load, not only on the text and the rules.
        if self.cache is not None and not any(f.rule in _NOT_CACHED for f in findings):
            self.cache.put(source.path, source.text, findings)
        return FileResult(source.path, findings, text=source.text)

    def close(self, abort: bool = False) -> None:
        """Shut the pool down; `abort`: an interrupted run ends its workers at once rather
        than after the batches they hold (the executor has no public way to, before 3.14)."""
        global _worker
        pool, self.pool = self.pool, None
        if pool is None:
            return
        if abort:
            # Not shutdown(wait=True): a worker ended while it wrote a result leaves half a
            # message in the result pipe, and the executor's thread then waits for the rest
            # for ever. The workers are ended and reaped here instead.
            processes = list((getattr(pool, "_processes", None) or {}).values())
            for process in processes:
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.join(timeout=2)
                if process.is_alive():
                    process.kill()
                    process.join(timeout=2)
        else:
            pool.shutdown(wait=True, cancel_futures=True)
        _worker = None


_NOT_CACHED = frozenset({"newslint.timeout", "newslint.internal-error"})
_worker: Linter | None = None


def _start_pool(linter: Linter, jobs: int) -> ProcessPoolExecutor:
    """Workers forked from this process inherit its compiled rules (the pool forks them at
    its first batch, so `_worker` stays set until the run closes the pool); where there is
    no fork they compile their own."""
    global _worker
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Fork only where it is the platform's own default (Linux): macOS made spawn its default
    # because system libraries can crash in a forked child.
    if multiprocessing.get_start_method(allow_none=True) in (None, "fork") and sys.platform.startswith("linux"):
        linter.engine  # noqa: B018  (compiled once, before the fork)
        _worker = linter
        return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_worker_signals, initargs=(os.getpid(),))
    return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(linter.config, linter.specs, os.getpid()))


def _init_worker(config: Config, specs: list[RuleSpec], parent: int) -> None:
    global _worker
    _worker_signals(parent)
    _worker = Linter(config, specs=specs)


def _worker_signals(parent: int) -> None:
    """A worker ends with its run. Ctrl-C reaches the whole process group, but only the main
    process answers it (it stops the workers; a worker would print a traceback); SIGTERM
    ends a worker at once, not through a handler a forked worker inherits; and on Linux the
    kernel ends a worker whose main process dies, even by SIGKILL."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass  # no prctl (another libc): the main process still stops its workers
    if os.getppid() != parent:  # the main process died before the line above took effect
        os._exit(1)


def _lint_in_worker(batch: list[tuple[str, str]]) -> list[list[Finding]]:
    assert _worker is not None
    return [_worker.lint_text(text, path) for path, text in batch]


def publication_date(value: Any) -> dt.date | None:
    date = _as_date(value)
    # Kinds reckon a week and a year either side of it; at the ends of the calendar
    # (0001-01-01, 9999-12-31) that overflows, and no article is dated there.
    return date if date is not None and 2 <= date.year <= 9998 else None


def _as_date(value: Any) -> dt.date | None:
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
