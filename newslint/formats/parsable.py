"""`path:line:col: level: message [Rule.Id]`, one finding a line, for grep and editors."""

from __future__ import annotations

from typing import Mapping, TextIO

from newslint.trees import printable
from newslint.finding import FileResult, Finding
from newslint.formats import Summary, inert, visible
from newslint.rules import RuleSpec


def format_finding(finding: Finding) -> str:
    return f"{inert(printable(finding.path))}:{finding.line}:{finding.column}: {finding.level.label}: {_one_line(finding.message)} [{finding.rule}]"


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))


class ParsableFormatter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def file(self, result: FileResult) -> None:
        if result.error is not None:
            self.out.write(f"{inert(printable(result.path))}:1:1: error: {_one_line(result.error.message)} [newslint.{result.error.code}]\n")
        for finding in result.findings:
            self.out.write(format_finding(finding) + "\n")

    def finish(self, summary: Summary) -> None:
        pass


def make(out: TextIO, *, color: bool, rules: Mapping[str, RuleSpec]) -> ParsableFormatter:
    return ParsableFormatter(out)
