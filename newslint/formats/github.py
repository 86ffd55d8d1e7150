"""GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` line a finding.

GitHub turns each line into an annotation on the pull request's diff. Values are escaped
as the runner expects ("%", CR and LF everywhere; also ":" and "," in properties), so a
message with a newline or a comma stays one annotation.
"""

from __future__ import annotations

from typing import Mapping, TextIO

from newslint.trees import printable
from newslint.finding import FileResult, Finding, Level
from newslint.formats import Summary, visible
from newslint.rules import RuleSpec

COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "notice"}


def escape_data(text: str) -> str:
    # and an ESC sequence in a CI log is acted on, not shown
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_finding(f: Finding) -> str:
    props = {
        "file": printable(f.path), "line": f.line, "col": f.column,
        "endLine": f.end_line, "endColumn": f.end_column, "title": f.rule,
    }
    message = " ".join(f.message.split())
    if f.suggestions:
        message += f" Suggestion: {' / '.join(f.suggestions)}."
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{COMMANDS[f.level]} {fields}::{escape_data(message)}"


class GithubFormatter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def file(self, result: FileResult) -> None:
        if result.error is not None:
            fields = f"file={escape_property(printable(result.path))},title={escape_property('newslint.' + result.error.code)}"
            self.out.write(f"::error {fields}::{escape_data(result.error.message)}\n")
        for finding in result.findings:
            self.out.write(format_finding(finding) + "\n")

    def finish(self, summary: Summary) -> None:
        pass


def make(out: TextIO, *, color: bool, rules: Mapping[str, RuleSpec]) -> GithubFormatter:
    return GithubFormatter(out)
