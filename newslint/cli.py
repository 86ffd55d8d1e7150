"""Command line: argument parsing and exit status; the linting itself lives in the library."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, NoReturn, Sequence, TextIO

from newslint import __version__
from newslint.config import Config, find_config, load_config
from newslint.errors import ConfigError
from newslint.finding import FileResult, Level
from newslint.formats import FORMAT_MODULES, Summary, make_formatter

if TYPE_CHECKING:
    from newslint.linter import Linter

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors exit 2 with one line, as DESIGN.md says
        self.exit(EXIT_ERROR, f"newslint: error: {message}\n")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newslint", description="The copy desk's linter for news articles.")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="check files, folders or standard input ('-')")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    check.add_argument("--format", action="append", type=_format_spec, metavar="FORMAT[:FILE]",
                       help=f"report format ({', '.join(sorted(FORMAT_MODULES))}; default text); repeat it to write "
                            "several reports in one run, e.g. --format json:report.json --format text")
    check.add_argument("--output", metavar="FILE", help="write the report of the --format given without a FILE to FILE instead of standard output")
    check.add_argument("--config", metavar="FILE", help="use this config file instead of searching for one")
    check.add_argument("--select", type=_csv, action="extend", metavar="IDS", help="only these rules or packs (comma-separated prefixes)")
    check.add_argument("--extend-select", type=_csv, action="extend", default=[], metavar="IDS", help="add rules or packs to the selection")
    check.add_argument("--ignore", type=_csv, action="extend", default=[], metavar="IDS", help="skip these rules or packs")
    check.add_argument("--fail-level", choices=["error", "warning", "suggestion"])
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; change nothing")
    check.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: number of cores)")
    check.add_argument("--no-cache", action="store_true", help="check every file again; neither read nor write .newslint_cache/")
    check.add_argument("--stdin-filename", metavar="NAME", help="name to report for '-' (its suffix picks the format)")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")

    rules = sub.add_parser("rules", help="list every rule with its id, kind, level and description")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    rules.add_argument("--config", metavar="FILE")
    rules.add_argument("--all", action="store_true", help="list every available rule, not only the selected ones")

    explain = sub.add_parser("explain", help="show a rule's description, examples and link")
    explain.add_argument("rule", metavar="RULE")
    explain.add_argument("--config", metavar="FILE")

    init = sub.add_parser("init", help="write a commented starter .newslint.yaml in the current folder")
    init.add_argument("--style", choices=["ap", "uk"], default="ap", help="house style preset (default: ap)")
    init.add_argument("--force", action="store_true", help="overwrite an existing config")
    return parser


def _config(path: str | None) -> Config:
    if path is not None:
        if not os.path.isfile(path):
            raise ConfigError(f"{path}: config file not found")
        return load_config(Path(path))
    return load_config(find_config())


def entry() -> NoReturn:
    """The console script: `main()`, then an exit that skips tearing the interpreter down.

    Freeing every module, compiled pattern and rule object one by one is a tenth of a
    one-article run, and a commit hook is run often. By then every file the run wrote is
    closed and the cache saved; the standard streams are flushed here.
    """
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "init":
            return _init(args)
        return _explain(args)
    except ConfigError as exc:
        sys.stderr.write(f"newslint: error: {exc}\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # e.g. --output in a missing folder, a fix that cannot be written
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"newslint: error: {where}{exc.strerror or exc}\n")
        return EXIT_ERROR
    except Exception as exc:  # last resort: a CI log gets one line and exit 2, never a traceback
        sys.stderr.write(f"newslint: error: internal error: {type(exc).__name__}: {exc} (please report this)\n")
        return EXIT_ERROR


def _check(args: argparse.Namespace) -> int:
    from newslint.linter import Linter, Selection

    config = _config(args.config)
    linter = Linter(config, Selection(args.select, tuple(args.extend_select), tuple(args.ignore)), lazy=True)
    cache = None
    if not (args.no_cache or args.fix or args.diff):
        from newslint.cache import Cache

        cache = Cache.for_run(config, linter.specs)
    if cache is None or not cache.rules_compiled:
        # Compile now so that a bad rule is an error before any output. The cache's signed
        # marker for this exact rule set proves it compiled, so a warm run compiles only on a miss.
        linter.engine  # noqa: B018
    fail_level = Level.parse(args.fail_level) if args.fail_level else config.fail_level
    outputs = _outputs(args)
    streams: list[TextIO] = []
    summary = Summary()
    try:
        formatters = []
        for name, target in outputs:
            out = _open_output(target, args, streams)
            color = args.color == "always" or (args.color == "auto" and out.isatty() and "NO_COLOR" not in os.environ)
            formatters.append(make_formatter(name, out, color=color, rules={s.id: s for s in linter.specs}))
        if args.fix or args.diff:
            results = _fix_paths(linter, args, summary)
        else:
            results = linter.lint_paths(args.paths, args.jobs, stdin_name=args.stdin_filename, cache=cache)
        for result in results:
            summary.add(result)
            for formatter in formatters:
                formatter.file(result)
        for formatter in formatters:
            formatter.finish(summary)
        if args.fix and summary.fixed:
            sys.stderr.write(f"newslint: applied {summary.fixed} fix{'es' if summary.fixed != 1 else ''}.\n")
    finally:
        for stream in streams:
            stream.close()
    if summary.errors:
        return EXIT_ERROR
    worst = summary.worst()
    return EXIT_FINDINGS if worst is not None and worst >= fail_level else EXIT_OK


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


def _open_output(target: str | None, args: argparse.Namespace, streams: list[TextIO]) -> TextIO:
    if target is not None:
        stream = open(target, "w", encoding="utf-8")
        streams.append(stream)
        return stream
    # With --diff, and with --fix on standard input, standard output carries the patch or
    # the fixed text, so the report goes to standard error.
    if args.diff or (args.fix and "-" in args.paths):
        return sys.stderr
    return sys.stdout


def _fix_paths(linter: Linter, args: argparse.Namespace, summary: Summary) -> Iterator[FileResult]:
    from newslint.files import STDIN, Source, discover, read_source
    from newslint.finding import FileError
    from newslint.files import write_atomically
    from newslint.fix import unified_diff

    for path in discover(args.paths, linter.config.exclude):
        source = read_source(path)
        display = (args.stdin_filename or "<stdin>") if path == STDIN else path
        if isinstance(source, FileError):
            yield FileResult(display, error=source)
            continue
        fixed, applied = linter.fix_text(source.text, display, unsafe=args.unsafe_fixes)
        if args.diff:
            sys.stdout.write(unified_diff(display, source.text, fixed))
        elif path == STDIN:
            sys.stdout.write(fixed)  # the text goes on down the pipe, fixed or not
        elif fixed != source.text:
            write_atomically(path, source.encode(fixed))
        if not args.diff and fixed != source.text:
            summary.fixed += applied
        final = source.text if args.diff else fixed
        yield linter.lint_source(Source(display, final, source.encoding, source.bom))


def _rules(args: argparse.Namespace) -> int:
    from newslint.config import available_rule_files, select_rules
    from newslint.rules import load_rule_spec

    config = _config(args.config)
    if args.all:
        specs = [load_rule_spec(p) for _, p in sorted(available_rule_files(config).items())]
    else:
        specs = select_rules(config)
    if args.format == "json":
        rows = [{"id": s.id, "pack": s.pack, "kind": s.kind, "level": s.level.label, "description": s.description,
                 "link": s.link} for s in specs]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    else:
        # One block per pack, so that a desk sees which house style each rule belongs to.
        width = max((len(s.id) for s in specs), default=10)
        packs = sorted({s.pack for s in specs})
        for pack in packs:
            members = [s for s in specs if s.pack == pack]
            sys.stdout.write(f"{'' if pack == packs[0] else chr(10)}{pack} ({len(members)} rule{'' if len(members) == 1 else 's'})\n")
            for s in members:
                summary = s.description.split("\n")[0] if s.description else s.message
                sys.stdout.write(f"  {s.id:<{width}}  {s.kind:<14} {s.level.label:<10} {summary}\n")
        if not args.all:
            others = sorted({rid.split(".", 1)[0] for rid in available_rule_files(config)} - set(packs))
            if others:
                sys.stdout.write(f"\nNot selected: {', '.join(others)} (see 'newslint rules --all'; pick a house style with 'extends')\n")
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from newslint.init import write_config

    target = write_config(Path.cwd(), args.style, args.force)
    sys.stdout.write(f"Wrote {target.name} (house style: {args.style}). Run 'newslint rules' to see what it selects.\n")
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from newslint.config import available_rule_files
    from newslint.rules import load_rule_spec

    config = _config(args.config)
    available = available_rule_files(config)
    if args.rule not in available:
        raise ConfigError(f"unknown rule {args.rule!r} (see 'newslint rules --all')")
    s = load_rule_spec(available[args.rule])
    lines = [f"{s.id} ({s.kind}, {s.level.label})", "", s.description or s.message, ""]
    if s.examples.flag:
        lines += ["Flagged:"] + [f"  - {e!r}" for e in s.examples.flag] + [""]
    if s.examples.pass_:
        lines += ["Not flagged:"] + [f"  - {e!r}" for e in s.examples.pass_] + [""]
    if s.link:
        lines.append(f"See: {s.link}")
    sys.stdout.write("\n".join(lines).rstrip() + "\n")
    return EXIT_OK
