"""Command line: argument parsing and exit status; the linting itself lives in the library."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, NoReturn, Sequence, TextIO

from newslint import __version__
from newslint.config import Config
from newslint.errors import ConfigError
from newslint.finding import FileResult, Level
from newslint.formats import FORMAT_MODULES, Summary, make_formatter

if TYPE_CHECKING:
    from newslint.discovery import Configs, Linters
    from newslint.files import Reader
    from newslint.linter import Linter
    from newslint.overview import Progress
    from newslint.reports import ReportFile

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors exit 2 with one line, as DESIGN.md says
        self.exit(EXIT_ERROR, f"newslint: error: {message}\n")


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {value[:40]!r}") from None
    if not 0 < seconds <= 86400:
        raise argparse.ArgumentTypeError("expected a number of seconds above 0 and at most 86400")
    return seconds


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


_CHECK_EPILOG = """\
exit status:
  0  no finding at or above the fail level (or --exit-zero)
  1  a finding at or above the fail level; also when the reader of standard
     output stops early (`newslint check | head`): the findings decide, not
     the pipe
  2  a usage or config error, an unreadable file, or a fix that could not be
     written

A file of a type newslint does not read (page.html), named on the command
line, is skipped with a notice on standard error; it changes nothing in the
exit status.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newslint", description="The copy desk's linter for news articles.")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="check files, folders or standard input ('-')", epilog=_CHECK_EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                       help="a file, a folder (searched for .md, .markdown and .txt files, leaving out what .gitignore "
                            "and --exclude leave out) or '-' for standard input; default: the working folder")
    check.add_argument("--format", action="append", type=_format_spec, metavar="FORMAT[:FILE]",
                       help=f"report format ({', '.join(sorted(FORMAT_MODULES))}; default text); repeat it to write "
                            "several reports in one run, e.g. --format json:report.json --format text")
    check.add_argument("--output", metavar="FILE", help="write the report of the --format given without a FILE to FILE instead of standard output")
    check.add_argument("--config", metavar="FILE", help="use this config file for every file instead of each file's nearest")
    check.add_argument("--show-config", metavar="FILE", help="print the settings that apply to FILE and where each "
                                                              "comes from, then exit")
    check.add_argument("--select", type=_csv, action="extend", metavar="IDS", help="only these rules or packs (comma-separated prefixes)")
    check.add_argument("--extend-select", type=_csv, action="extend", default=[], metavar="IDS", help="add rules or packs to the selection")
    check.add_argument("--ignore", type=_csv, action="extend", default=[], metavar="IDS", help="skip these rules or packs")
    check.add_argument("--fail-level", choices=["error", "warning", "suggestion"],
                       help="the lowest level of finding that makes the exit status 1 (default: the config's "
                            "fail_level, else warning)")
    check.add_argument("--min-level", choices=["error", "warning", "suggestion"],
                       help="report only findings at this level or above (the rest are neither shown nor counted)")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when there are findings (still 2 for an error)")
    check.add_argument("--statistics", action="store_true",
                       help="instead of the findings, print how often each rule reported (reports written to "
                            "files stay whole)")
    check.add_argument("-q", "--quiet", action="count", default=0,
                       help="the findings only: no summary line, notice or progress bar; -qq: nothing on "
                            "standard output either (reports written to files stay whole)")
    check.add_argument("--exclude", type=_csv, action="extend", metavar="PATTERNS",
                       help="glob patterns of files and folders to leave out, instead of the config's exclude")
    check.add_argument("--extend-exclude", type=_csv, action="extend", default=[], metavar="PATTERNS",
                       help="glob patterns to leave out, besides the config's exclude")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; change nothing")
    check.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: number of cores)")
    check.add_argument("--no-cache", action="store_true", help="check every file again; neither read nor write .newslint_cache/")
    check.add_argument("--stdin-filename", metavar="NAME", help="name to report for '-' (its suffix picks the format)")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                       help="colour the text report (default auto: on a terminal whose TERM is not 'dumb'; "
                            "NO_COLOR turns it off, FORCE_COLOR on)")
    _add_trust_flags(check)
    check.add_argument("--file-timeout", type=_seconds, metavar="SECONDS",
                       help="time the parse and all rules together may take on one file before it gets a newslint.timeout finding (default 8)")

    rules = sub.add_parser("rules", help="list every rule with its id, kind, level and description")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    rules.add_argument("--config", metavar="FILE")
    rules.add_argument("--all", action="store_true", help="list every available rule, not only the selected ones")
    _add_trust_flags(rules)

    explain = sub.add_parser("explain", help="show a rule's description, examples and link")
    explain.add_argument("rule", metavar="RULE")
    explain.add_argument("--config", metavar="FILE")
    _add_trust_flags(explain)

    server = sub.add_parser("server", help="run the language server (LSP) over standard input and output, for editors")
    server.add_argument("--stdio", action="store_true", help="accepted for editors that pass it; stdio is the only transport")
    _add_trust_flags(server)

    init = sub.add_parser("init", help="write a commented starter .newslint.yaml in the current folder")
    init.add_argument("--style", choices=["ap", "uk"], default="ap", help="house style preset (default: ap)")
    init.add_argument("--force", action="store_true", help="overwrite an existing config")
    init.add_argument("--from-vale", nargs="?", const="", default=None, metavar="PATH",
                      help="write the .newslint.yaml equivalent to a .vale.ini (default: the one Vale would find here)")
    return parser


def _add_trust_flags(parser: argparse.ArgumentParser) -> None:
    """The flags that widen what a run may read (README, "Threat model")."""
    parser.add_argument("--isolated", action="store_true",
                        help="ignore every config file (and the findings cache): the defaults only, for untrusted trees")
    parser.add_argument("--follow-symlinks", action="store_true",
                        help="read articles, config and rule files through symbolic links that lead out of the checked tree")
    parser.add_argument("--allow-external-rule-dirs", action="store_true",
                        help="let the config's rule_dirs load packs from outside its repository")


def _configs(args: argparse.Namespace) -> Configs:
    """Each file's config: its nearest, or --config's for all, or none with --isolated."""
    from newslint.discovery import ConfigChoice, Configs

    return Configs(ConfigChoice(args.config, args.isolated, args.follow_symlinks, args.allow_external_rule_dirs,
                                getattr(args, "exclude", None), tuple(getattr(args, "extend_exclude", ()) or ()),
                                getattr(args, "file_timeout", None)))


def _config(args: argparse.Namespace) -> Config:
    """The working folder's config (or --config's), for the commands that check no file."""
    return _configs(args).working()


def entry() -> NoReturn:
    """The console script: `main()`, then an exit that skips tearing the interpreter down.

    Freeing every module, compiled pattern and rule object one by one is a tenth of a
    one-article run, and a commit hook is run often. By then every file the run wrote is
    closed and the cache saved; the standard streams are flushed here.
    """
    _answer_sigterm()
    try:
        code = main()
    except SystemExit as exc:  # --help, --version and usage errors, from argparse
        if exc.code is not None and not isinstance(exc.code, int):
            raise
        code = exc.code or 0
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # `newslint check | head`: the reader has gone, as main() allows
        pass
    try:
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that the run unwinds as on Ctrl-C: worker
    processes are stopped and files are left whole (not an Exception: nothing else catches it)."""


def _answer_sigterm() -> None:
    # _signal is what `signal` wraps in enums, which would cost a one-article run 0.7 ms.
    import _signal

    def terminate(signum: int, frame: object) -> None:
        raise Terminated

    _signal.signal(_signal.SIGTERM, terminate)


def main(argv: Sequence[str] | None = None) -> int:
    _printable_streams()
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "init":
            return _init(args)
        if args.command == "server":
            from newslint.discovery import ConfigChoice
            from newslint.server import serve  # pygls and lsprotocol: only the server pays for them

            return serve(ConfigChoice(None, args.isolated, args.follow_symlinks, args.allow_external_rule_dirs))
        return _explain(args)
    except ConfigError as exc:
        sys.stderr.write(f"newslint: error: {exc}\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("newslint: interrupted\n")
        return 130
    except Terminated:
        sys.stderr.write("newslint: terminated\n")
        return 143
    except OSError as exc:  # e.g. --output in a missing folder, a fix that cannot be written
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"newslint: error: {where}{exc.strerror or exc}\n")
        return EXIT_ERROR
    except Exception as exc:  # last resort: a CI log gets one line and exit 2, never a traceback
        sys.stderr.write(f"newslint: error: internal error: {type(exc).__name__}: {exc} (please report this)\n")
        return EXIT_ERROR


def _printable_streams() -> None:
    """A string the output encoding cannot carry (a lone surrogate in a hostile rule's
    message) is shown escaped rather than ending the report with an error halfway."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or detached stream: nothing to print anyway
                pass


def _check(args: argparse.Namespace) -> int:
    from newslint.discovery import Linters
    from newslint.formats.columns import terminal_width
    from newslint.linter import Selection
    from newslint.overview import summary_line, write_statistics

    linters = Linters(_configs(args), Selection(args.select, tuple(args.extend_select), tuple(args.ignore)), lazy=True)
    if args.show_config is not None:
        from newslint.showconfig import describe

        sys.stdout.write(describe(linters, args.show_config, args))
        return EXIT_OK
    if _stdin_of_unread_type(args):  # as a file of that name would be: skipped, not passed as clean
        if not args.quiet:
            sys.stderr.write(f"newslint: warning: {_printable(args.stdin_filename)}: skipped: not a file type newslint reads "
                             f"(.md, .markdown, .txt)\n")
        if args.fix and not args.diff:  # an editor's buffer comes back as it was, not emptied
            sys.stdout.buffer.write(sys.stdin.buffer.read())
            sys.stdout.flush()
        args.paths, args.stdin_skipped = [p for p in args.paths if p != "-"], True
    reader, planned = linters.plan(args.paths, args.stdin_filename)  # every config checked before any output
    if not args.quiet:  # keys of a .vale.ini read but not acted on: said once a run
        for warning in dict.fromkeys(w for linter in linters.all for w in linter.config.warnings):
            sys.stderr.write(f"newslint: warning: {_printable(warning)}\n")
    # --isolated trusts nothing of the tree, so neither a committed findings cache.
    use_cache = not (args.no_cache or args.fix or args.diff or args.isolated)
    for linter in linters.all:
        if not use_cache or not linters.cache_for(linter).rules_compiled:
            # Compile now so that a bad rule is an error before any output. The cache's signed
            # marker for this exact rule set proves it compiled, so a warm run compiles only on a miss.
            linter.engine  # noqa: B018
    fail_level = Level.parse(args.fail_level) if args.fail_level else None  # else each file's config's
    min_level = Level.parse(args.min_level) if args.min_level else None
    outputs = _outputs(args)
    _refuse_unsafe_targets(outputs)  # before anything is written
    if not args.quiet:
        _notice_skipped(args.paths)
        if not planned:  # as ruff's "No Python files found": an empty folder is not a clean one
            for path in args.paths:
                if path != "-" and os.path.isdir(path):
                    sys.stderr.write(f"newslint: warning: {_printable(path)}: no articles found "
                                     f"(.md, .markdown, .txt, leaving out ignored and excluded files)\n")
    stdout = _PipeSafe(sys.stdout)
    streams: list[ReportFile] = []
    summary = Summary()
    rules = {s.id: s for linter in linters.all for s in linter.specs}
    failing = False  # a finding at or above its file's fail level
    committed = False
    progress = None
    run: Iterator[FileResult] = iter(())  # the run itself, closed whatever wraps it
    try:
        formatters = []
        on_streams = False  # a report is shown on standard output or error
        for name, target in outputs:
            if target is None and (args.statistics or args.quiet > 1):
                continue  # replaced by the statistics, or silenced
            out = _open_output(target, args, streams, stdout)
            on_stream = target is None
            on_streams = on_streams or on_stream
            formatters.append(make_formatter(name, out, color=_color(args.color, out, on_stream), rules=rules,
                                             width=terminal_width(out, None) if on_stream else None, quiet=bool(args.quiet)))
        if args.fix or args.diff:
            run = _fix_paths(reader, planned, args, summary, stdout)
        else:
            run = linters.run(reader, planned, args.jobs, stdin_name=args.stdin_filename, use_cache=use_cache)
        results: Iterable[tuple[FileResult, Linter]] = run
        if min_level is not None or any(linter.config.min_level is not None for linter in linters.all):
            results = _at_or_above(results, min_level)
        progress = _progress(args, len(planned))
        if progress is not None:
            results = progress.track(results, shares_terminal=any(t is None for _, t in outputs) and stdout.isatty())
        for result, linter in results:
            summary.add(result)
            if not failing and result.findings:
                failing = max(f.level for f in result.findings) >= (fail_level if fail_level is not None else linter.config.fail_level)
            for formatter in formatters:
                formatter.file(result)
        if progress is not None:
            progress.close()
            progress = None
        for formatter in formatters:
            formatter.finish(summary)
        if args.statistics and not args.quiet > 1:
            write_statistics(stdout, summary, rules, terminal_width(stdout, None))
        if not args.quiet:
            if not on_streams:  # every report went to a file, or --statistics replaced it
                sys.stderr.write(summary_line(summary))
            elif args.fix and summary.fixed:
                sys.stderr.write(f"newslint: applied {summary.fixed} fix{'es' if summary.fixed != 1 else ''}.\n")
        for stream in streams:
            stream.commit()
        committed = True
    finally:
        getattr(run, "close", lambda: None)()  # interrupted: the run's workers stop here
        if progress is not None:
            progress.close()
        if not committed:  # a run that failed leaves any earlier report as it was
            for stream in streams:
                stream.discard()
    if summary.errors or summary.unfixed:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    # A reader that stopped early (`| head`) changes nothing: the findings decide, as in grep.
    return EXIT_FINDINGS if failing else EXIT_OK


class _PipeSafe:
    """Standard output for the reports: once its reader has gone (`newslint check | head`),
    the rest is thrown away, the run goes on (reports to files are written whole) and the
    exit status is still the findings'."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.broken = False

    def write(self, text: str) -> int:
        if not self.broken:
            try:
                return self.stream.write(text)
            except BrokenPipeError:
                self._gone()
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._gone()

    def isatty(self) -> bool:
        return not self.broken and self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def _gone(self) -> None:
        self.broken = True
        try:  # what is still buffered would fail again when the interpreter flushes it
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass


def _color(choice: str, out: TextIO, on_stream: bool) -> bool:
    """--color, then NO_COLOR (no-color.org), FORCE_COLOR (force-color.org; a report file is
    not coloured by it), TERM=dumb, then whether `out` is a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "").lower() not in ("", "0", "false"):  # "0" asks for none, as in Node
        return on_stream
    if os.environ.get("TERM") == "dumb":
        return False
    return out.isatty()


def _at_or_above(results: Iterable[tuple[FileResult, Linter]], level: Level | None) -> Iterator[tuple[FileResult, Linter]]:
    """--min-level (else the config's `min_level`, Vale's MinAlertLevel): the findings below
    it are left out, as if their rules were off."""
    for result, linter in results:
        floor = level if level is not None else linter.config.min_level
        if floor is None:
            yield result, linter
            continue
        kept = [f for f in result.findings if f.level >= floor]
        yield (result if len(kept) == len(result.findings) else FileResult(result.path, kept, result.error, result.text)), linter


def _printable(path: str) -> str:
    from newslint.trees import printable

    return printable(path)


def _stdin_of_unread_type(args: argparse.Namespace) -> bool:
    """Whether standard input is checked under a name (--stdin-filename) whose type newslint
    does not read (`page.html`)."""
    from newslint.files import READABLE_SUFFIXES, STDIN

    if STDIN not in args.paths or not args.stdin_filename:
        return False
    suffix = os.path.splitext(os.path.basename(args.stdin_filename))[1].lower()
    return bool(suffix) and suffix not in READABLE_SUFFIXES


def _notice_skipped(paths: Sequence[str]) -> None:
    """One line for each file named on the command line whose type newslint does not read:
    skipped, as ruff skips a file it cannot read, rather than passed as clean."""
    from newslint.files import unreadable_type
    from newslint.trees import printable

    for path in paths:
        if unreadable_type(path):
            sys.stderr.write(f"newslint: warning: {printable(path)}: skipped: not a file type newslint reads "
                             f"(.md, .markdown, .txt)\n")


def _progress(args: argparse.Namespace, total: int) -> Progress | None:
    """A bar for a long run watched on a terminal: standard error a terminal (never a CI
    log), not --quiet, and more than PROGRESS_MIN_FILES files (the run's plan counts them)."""
    if args.quiet or "-" in args.paths or not _isatty(sys.stderr):
        return None
    from newslint.overview import PROGRESS_MIN_FILES, Progress

    return Progress(total, sys.stderr) if total > PROGRESS_MIN_FILES else None


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _format_spec(value: str) -> tuple[str, str | None]:
    """`json` or `json:report.json` (split at the first colon only after a format name,
    so that a Windows path such as C:\\out.json stays whole)."""
    name, sep, target = value.partition(":")
    if name not in FORMAT_MODULES:
        raise argparse.ArgumentTypeError(f"unknown format {name!r} (choose from {', '.join(sorted(FORMAT_MODULES))})")
    if sep and not target:
        raise argparse.ArgumentTypeError(f"{value!r}: no file after the colon")
    return name, target or None


def _outputs(args: argparse.Namespace) -> list[tuple[str, str | None]]:
    """(format, file or None for standard output) for each report to write."""
    specs: list[tuple[str, str | None]] = args.format or [("text", None)]
    unnamed = [i for i, (_, target) in enumerate(specs) if target is None]
    if args.output is not None:
        if len(unnamed) != 1:
            raise ConfigError("--output names one file, but more than one --format has no file; write each as FORMAT:FILE")
        specs = [(name, args.output if target is None else target) for name, target in specs]
    elif len(unnamed) > 1:
        raise ConfigError("only one --format can write to standard output; give the others a file, as FORMAT:FILE")
    targets = [t for _, t in specs if t is not None]
    if len(set(targets)) != len(targets):
        raise ConfigError("two reports name the same file")
    return specs


def _refuse_unsafe_targets(outputs: list[tuple[str, str | None]]) -> None:
    from newslint.reports import report_target_problem
    from newslint.trees import printable

    for _, target in outputs:
        problem = report_target_problem(target) if target is not None else None
        if problem is not None:
            raise ConfigError(f"{printable(target)}: {problem}; no report written")


def _open_output(target: str | None, args: argparse.Namespace, streams: list[ReportFile], stdout: _PipeSafe) -> TextIO:
    if target is not None:
        from newslint.reports import ReportFile

        stream = ReportFile(target)  # written beside the target, renamed over it at the end
        streams.append(stream)
        return stream  # type: ignore[return-value]  # the part of TextIO the formats use
    # With --diff, and with --fix on standard input, standard output carries the patch or
    # the fixed text, so the report goes to standard error.
    if args.diff or (args.fix and ("-" in args.paths or getattr(args, "stdin_skipped", False))):
        return sys.stderr
    return stdout  # type: ignore[return-value]  # the part of TextIO the formats use


def _fix_paths(reader: Reader, planned: list[tuple[str, Linter]], args: argparse.Namespace,
               summary: Summary, stdout: _PipeSafe) -> Iterator[tuple[FileResult, Linter]]:
    """Fix file by file. A file that cannot be fixed (a link, read-only, changed since it was
    read, its folder not writable) is named in one line on standard error, still checked and
    reported as it is, and the run goes on; it exits 2."""
    from newslint.files import STDIN, Source
    from newslint.fixwrite import NotFixed, remove_stale_temps, write_fix
    from newslint.trees import printable
    from newslint.finding import FileError
    from newslint.fix import unified_diff

    swept: set[str] = set()
    for path, linter in planned:  # each file with its own config's rules
        source = reader.read(path, sys.stdin.buffer if path == STDIN else None)
        display = (args.stdin_filename or "<stdin>") if path == STDIN else path
        if isinstance(source, FileError):
            yield FileResult(display, error=source), linter
            continue
        if args.fix and path != STDIN and (folder := os.path.dirname(path)) not in swept:
            swept.add(folder)
            remove_stale_temps(folder)  # what a killed --fix left behind
        fixed, applied = linter.fix_text(source.text, display, unsafe=args.unsafe_fixes)
        if args.diff:
            stdout.write(unified_diff(display, source.text, fixed))
        elif path == STDIN:
            stdout.write(fixed)  # the text goes on down the pipe, fixed or not
        elif fixed != source.text:
            try:
                write_fix(source, source.encode(fixed), reader.confinement(path))
            except NotFixed as why:
                sys.stderr.write(f"newslint: not fixed: {printable(path)} {why}\n")
                summary.unfixed += 1
                fixed = source.text
        if not args.diff and fixed != source.text:
            summary.fixed += applied
        final = source.text if args.diff else fixed
        yield linter.lint_source(Source(display, final, source.encoding, source.bom)), linter


def _rules(args: argparse.Namespace) -> int:
    from newslint.config import available_rule_files, read_rule_bytes, select_rules
    from newslint.formats import visible
    from newslint.formats.columns import fit, terminal_width
    from newslint.rules import load_rule_spec

    config = _config(args)
    if args.all:
        specs = [load_rule_spec(p, None, read_rule_bytes(config, p)) for _, p in sorted(available_rule_files(config).items())]
    else:
        specs = select_rules(config)
    if args.format == "json":
        rows = [{"id": s.id, "pack": s.pack, "kind": s.kind, "level": s.level.label, "description": s.description,
                 "link": s.link} for s in specs]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    else:
        # One block per pack, so that a desk sees which house style each rule belongs to.
        # On a terminal each description is cut at a word to fit its line (or, beside a
        # long id such as Proselint's, put on a line of its own); piped, it is whole.
        columns = terminal_width(sys.stdout, None)
        packs = sorted({s.pack for s in specs})
        for pack in packs:
            members = [s for s in specs if s.pack == pack]
            width = max(len(s.id) for s in members)
            room = None if columns is None else columns - (2 + width + 2 + 15 + 11)
            sys.stdout.write(f"{'' if pack == packs[0] else chr(10)}{pack} ({len(members)} rule{'' if len(members) == 1 else 's'})\n")
            for s in members:
                text = visible(s.description or s.message)
                row = f"  {s.id:<{width}}  {s.kind:<14} {s.level.label:<10} "
                if room is None:
                    sys.stdout.write(f"{row}{text.split(chr(10))[0]}\n")
                elif room >= 20:
                    sys.stdout.write(f"{row}{fit(text, room)}\n")
                else:
                    sys.stdout.write(f"  {s.id}\n      {s.kind:<14} {s.level.label:<10} {fit(text, max(columns - 32, 20))}\n")
        if not args.all:
            others = sorted({rid.split(".", 1)[0] for rid in available_rule_files(config)} - set(packs))
            if others:
                sys.stdout.write(f"\nNot selected: {', '.join(others)}\n(see 'newslint rules --all'; "
                                 "pick a house style with 'extends')\n")
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from newslint.init import write_config

    if args.from_vale is not None:
        from newslint.initvale import write_from_vale

        target, source, notes = write_from_vale(Path.cwd(), args.from_vale or None, args.force)
        for note in notes:
            sys.stderr.write(f"newslint: warning: {_printable(note)}\n")
        sys.stdout.write(f"Wrote {target.name} from {source}. Run 'newslint rules' to see what it selects.\n")
        return EXIT_OK
    target = write_config(Path.cwd(), args.style, args.force)
    sys.stdout.write(f"Wrote {target.name} (house style: {args.style}). Run 'newslint rules' to see what it selects.\n")
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from newslint.config import available_rule_files, read_rule_bytes
    from newslint.rules import load_rule_spec

    config = _config(args)
    available = available_rule_files(config)
    rule = args.rule
    from newslint.explain import explain_own, explain_spec

    own = explain_own(rule)
    if own is not None:  # an id a report shows, though no rule file has it
        sys.stdout.write(own + "\n")
        return EXIT_OK
    if rule not in available:
        from newslint.selectors import Catalogue

        catalogue = Catalogue(available)
        same = [rid for rid in available if rid.lower() == rule.lower()]  # `ap.toward` is AP.Toward
        if len(same) != 1:
            close = catalogue.suggestion(rule)
            hint = f"did you mean {close!r}?" if close in available else "see 'newslint rules --all'"
            raise ConfigError(f"unknown rule {rule!r} ({hint})")
        rule = same[0]
    s = load_rule_spec(available[rule], None, read_rule_bytes(config, available[rule]))
    from newslint.formats import visible  # a hostile pack's description must not drive the terminal

    sys.stdout.write(visible(explain_spec(s)) + "\n")
    return EXIT_OK
