"""For people: findings grouped by file, the source line with a caret under the match."""

from __future__ import annotations

from typing import Mapping, TextIO

from newslint.document import split_lines
from newslint.trees import printable
from newslint.finding import FileResult, Finding, Level
from newslint.formats import Summary, inert, visible
from newslint.formats.columns import excerpt
from newslint.rules import RuleSpec

_COLORS = {Level.ERROR: "\x1b[31m", Level.WARNING: "\x1b[33m", Level.SUGGESTION: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
# Columns of a long source line shown around a finding when the report is not read on a
# terminal (a file, a CI log); on a terminal, its width.
_SHOWN = 200
_INDENT = "    "


class TextFormatter:
    def __init__(self, out: TextIO, color: bool, width: int | None = None, quiet: bool = False) -> None:
        self.out = out
        self.color = color
        self.width = max(width or _SHOWN + len(_INDENT), 40)
        self.quiet = quiet  # no summary line

    def _paint(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def file(self, result: FileResult) -> None:
        if result.error is None and not result.findings:
            return
        self.out.write(self._paint(_BOLD, inert(printable(result.path))) + "\n")
        if result.error is not None:
            self.out.write(f"  {self._paint(_COLORS[Level.ERROR], 'error')}: {visible(result.error.message)} [newslint.{result.error.code}]\n")
        lines = split_lines(result.text or "")  # the lines LineIndex counts: LF, CRLF or CR
        for finding in result.findings:
            self._finding(finding, lines)
        self.out.write("\n")

    def _finding(self, f: Finding, lines: list[str]) -> None:
        level = self._paint(_COLORS[f.level], f.level.label)
        self.out.write(f"  {f.line}:{f.column}  {level}  {visible(' '.join(f.message.split()))}  {self._paint(_DIM, f.rule)}\n")
        if 0 < f.line <= len(lines):
            source = lines[f.line - 1]
            column = f.column - 1
            end = f.end_column - 1 if f.end_line == f.line else len(source)
            # A long line (one paragraph a line) is shown as a window around the match that
            # fits the terminal, so the caret stays under the match and the output grows with
            # the findings, not with findings times line length.
            shown = excerpt(source, column, end, self.width - len(_INDENT))
            self.out.write(f"{inert(_INDENT + shown.line)}\n{_INDENT}{' ' * shown.pad}{self._paint(_COLORS[f.level], '^' * shown.carets)}\n")
        if f.suggestions:
            self.out.write(f"    suggestion: {visible(' / '.join(f.suggestions)).replace(chr(10), ' ')}\n")

    def finish(self, summary: Summary) -> None:
        if self.quiet:
            return
        if summary.errors and not summary.findings:  # no "0 findings (none) in 0 files"
            checked = summary.files - summary.errors
            self.out.write(f"No findings in {checked:,} file{'s' if checked != 1 else ''} checked; "
                           f"{summary.errors:,} file{'s' if summary.errors != 1 else ''} not checked.\n")
        elif summary.findings or summary.errors:
            parts = [f"{n:,} {level}{'s' if n != 1 else ''}" for level, n in summary.by_level.items() if n]
            errors = f", {summary.errors:,} file{'s' if summary.errors != 1 else ''} not checked" if summary.errors else ""
            among = f" of {summary.files:,} checked" if summary.files_with_findings != summary.files else ""
            self.out.write(f"{summary.findings:,} finding{'s' if summary.findings != 1 else ''} ({', '.join(parts) or 'none'}) "
                           f"in {summary.files_with_findings:,} file{'s' if summary.files_with_findings != 1 else ''}{among}{errors}.\n")
        else:
            self.out.write(f"No findings in {summary.files:,} file{'s' if summary.files != 1 else ''}.\n")


def make(out: TextIO, *, color: bool, rules: Mapping[str, RuleSpec], width: int | None = None,
         quiet: bool = False) -> TextFormatter:
    return TextFormatter(out, color, width, quiet)
