"""Output formats: each renders FileResults as they arrive, then a summary."""

from __future__ import annotations

import importlib
import re
from types import MappingProxyType
from typing import Mapping, Protocol, TextIO

from newslint.finding import FileResult, Level
from newslint.rules import RuleSpec

FORMAT_MODULES = MappingProxyType(
    {
        "text": "newslint.formats.text",
        "parsable": "newslint.formats.parsable",
        "json": "newslint.formats.json",
        "sarif": "newslint.formats.sarif",
        "github": "newslint.formats.github",
        "html": "newslint.formats.html",
    }
)


# C0 controls but tab and newline, DEL and C1 controls: what a terminal acts on. A hostile
# rule's message, description or replacement (or an article's text it quotes) could carry
# ESC sequences that rewrite the report on the terminal or CI log it is read on.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with every control character a terminal would act on shown as U+FFFD."""
    return text if text.isprintable() else _CONTROL.sub("\ufffd", text)


def inert(line: str) -> str:
    """`line` as a CI runner will not take for a command: GitHub Actions acts on any log
    line that starts with `::` after its indentation (`::error file=...::`, `::add-mask::`,
    `::stop-commands::`), so an article line or file name shown in a text or parsable
    report could forge annotations. A zero-width space between the colons shows the same."""
    stripped = line.lstrip()
    if not stripped.startswith("::"):
        return line
    at = len(line) - len(stripped) + 1
    return line[:at] + "\u200b" + line[at:]


class Summary:
    """Counts over a run, for the formats' last lines and the exit status."""

    def __init__(self) -> None:
        self.files = 0
        self.findings = 0
        self.errors = 0
        self.by_level: dict[str, int] = {"error": 0, "warning": 0, "suggestion": 0}
        self.fixed = 0
        self.unfixed = 0  # files --fix had fixes for but could not write (exit 2)
        self.files_with_findings = 0
        self.by_rule: dict[str, int] = {}  # for --statistics
        self.fixable_rules: set[str] = set()  # rules with at least one safe fix

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error is not None:
            self.errors += 1
        if result.findings:
            self.files_with_findings += 1
        for finding in result.findings:
            self.findings += 1
            self.by_level[finding.level.label] += 1
            self.by_rule[finding.rule] = self.by_rule.get(finding.rule, 0) + 1
            if finding.fix is not None and finding.fix.safe:
                self.fixable_rules.add(finding.rule)

    def worst(self) -> Level | None:
        for level in (Level.ERROR, Level.WARNING, Level.SUGGESTION):
            if self.by_level[level.label]:
                return level
        return None


class Formatter(Protocol):
    def file(self, result: FileResult) -> None: ...

    def finish(self, summary: Summary) -> None: ...


def make_formatter(name: str, out: TextIO, *, color: bool = False,
                   rules: Mapping[str, RuleSpec] | None = None, width: int | None = None,
                   quiet: bool = False) -> Formatter:
    """`width`: the columns the report is read in (None: not a terminal); `quiet`: no
    summary line. Formats for machines ignore both."""
    module = importlib.import_module(FORMAT_MODULES[name])
    if name == "text":
        return module.make(out, color=color, rules=rules or {}, width=width, quiet=quiet)
    return module.make(out, color=color, rules=rules or {})
