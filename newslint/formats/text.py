"""For people: findings grouped by file, the source line with a caret under the match."""

from __future__ import annotations

from typing import Mapping, TextIO

from newslint.document import split_lines
from newslint.trees import printable
from newslint.finding import FileResult, Finding, Level
from newslint.formats import Summary
from newslint.rules import RuleSpec

_COLORS = {Level.ERROR: "\x1b[31m", Level.WARNING: "\x1b[33m", Level.SUGGESTION: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_SHOWN = 200  # characters of a long source line shown around a finding


class TextFormatter:
    def __init__(self, out: TextIO, color: bool) -> None:
        self.out = out
        self.color = color

    def _paint(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def file(self, result: FileResult) -> None:
        if result.error is None and not result.findings:
            return
        self.out.write(self._paint(_BOLD, printable(result.path)) + "\n")
        if result.error is not None:
            self.out.write(f"  {self._paint(_COLORS[Level.ERROR], 'error')}: {result.error.message} [newslint.{result.error.code}]\n")
        lines = split_lines(result.text or "")  # the lines LineIndex counts: LF, CRLF or CR
        for finding in result.findings:
            self._finding(finding, lines)
        self.out.write("\n")

    def _finding(self, f: Finding, lines: list[str]) -> None:
        level = self._paint(_COLORS[f.level], f.level.label)
        self.out.write(f"  {f.line}:{f.column}  {level}  {' '.join(f.message.split())}  {self._paint(_DIM, f.rule)}\n")
        if 0 < f.line <= len(lines):
            source = lines[f.line - 1]
            column = f.column - 1
            width = (f.end_column - f.column) if f.end_line == f.line else len(source) - column
            # A long line (one paragraph a line) is shown as a window around the match, so
            # the output grows with the findings, not with findings times line length.
            start, end = 0, len(source)
            if len(source) > _SHOWN:
                start = max(0, min(column - _SHOWN // 3, len(source) - _SHOWN))
                end = start + _SHOWN
                width = min(width, end - column)
            shown = ("\u2026" if start else "") + source[start:end] + ("\u2026" if end < len(source) else "")
            # Tabs are shown as they are so the caret stays under the same characters.
            pad = "".join("\t" if c == "\t" else " " for c in shown[: column - start + (1 if start else 0)])
            self.out.write(f"    {shown}\n    {pad}{self._paint(_COLORS[f.level], '^' * max(1, width))}\n")
        if f.suggestions:
            self.out.write(f"    suggestion: {' / '.join(f.suggestions)}\n")

    def finish(self, summary: Summary) -> None:
        if summary.findings or summary.errors:
            parts = [f"{n} {level}{'s' if n != 1 else ''}" for level, n in summary.by_level.items() if n]
            errors = f", {summary.errors} file{'s' if summary.errors != 1 else ''} not checked" if summary.errors else ""
            self.out.write(f"{summary.findings} finding{'s' if summary.findings != 1 else ''} ({', '.join(parts) or 'none'}) in {summary.files} file{'s' if summary.files != 1 else ''}{errors}.\n")
        else:
            self.out.write(f"No findings in {summary.files} file{'s' if summary.files != 1 else ''}.\n")


def make(out: TextIO, *, color: bool, rules: Mapping[str, RuleSpec]) -> TextFormatter:
    return TextFormatter(out, color)
