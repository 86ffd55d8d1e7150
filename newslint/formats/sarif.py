"""SARIF 2.1.0, as GitHub code scanning reads it: one run, the rules that appear, results.

Columns are code points (`columnKind: unicodeCodePoints`), as everywhere in newslint;
`endColumn` is exclusive in SARIF as it is in newslint. Paths under the working folder are
relative URIs against `%SRCROOT%` (what GitHub matches to the repository); others are
absolute file URIs. A file that could not be checked is a tool execution notification, not
a result. The whole log is written at the end, so results stream in memory only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Mapping, TextIO
from urllib.parse import quote

from newslint import __version__
from newslint.document import LineIndex
from newslint.engine import FRONT_MATTER, INTERNAL_ERROR
from newslint.finding import FileResult, Finding, Fix, Level
from newslint.formats import Summary
from newslint.rules import RuleSpec

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/newslint/newslint"
LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "note"}
# Findings the engine itself makes; they have no rule file.
_BUILTIN = {
    INTERNAL_ERROR: "A rule failed or timed out on this file; the other rules still ran.",
    FRONT_MATTER: "The file's front matter could not be read.",
}


def artifact_uri(path: str) -> str:
    """Relative to the working folder when inside it (forward slashes), else a file URI.

    The path is the path as given, never resolved: a link is reported as the link, and a
    report does not tell where it leads. A name that is not UTF-8 is percent-encoded byte
    for byte (os.fsencode), as a file URI is.
    """
    if path in ("-", "<stdin>"):
        return quote(path)
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute == cwd or absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return quote(os.fsencode(os.path.relpath(absolute, cwd).replace(os.sep, "/")))
    return "file://" + quote(os.fsencode(absolute.replace(os.sep, "/")))


class SarifFormatter:
    def __init__(self, out: TextIO, rules: Mapping[str, RuleSpec]) -> None:
        self.out = out
        self.specs = rules
        self.rule_index: dict[str, int] = {}
        self.descriptors: list[dict[str, Any]] = []
        self.results: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []

    def file(self, result: FileResult) -> None:
        uri = artifact_uri(result.path)
        if result.error is not None:
            self.notifications.append({
                "level": "error",
                "message": {"text": f"{result.error.message} [newslint.{result.error.code}]"},
                "locations": [{"physicalLocation": {"artifactLocation": _artifact(uri)}}],
            })
            return
        lines = LineIndex(result.text) if result.text is not None else None
        for finding in result.findings:
            self.results.append(self._result(finding, uri, lines))

    def _rule(self, finding: Finding) -> int:
        if finding.rule in self.rule_index:
            return self.rule_index[finding.rule]
        spec = self.specs.get(finding.rule)
        if spec is not None:
            full = spec.description or spec.message
            descriptor: dict[str, Any] = {
                "id": spec.id,
                "shortDescription": {"text": _first_sentence(full)},
                "fullDescription": {"text": full},
                "defaultConfiguration": {"level": LEVELS[spec.level]},
                "properties": {"kind": spec.kind, "tags": [spec.pack, spec.kind]},
            }
            if spec.link:
                descriptor["helpUri"] = spec.link
                descriptor["help"] = {"text": f"{full}\n\nSee {spec.link}"}
            else:
                descriptor["help"] = {"text": full}
        else:
            text = _BUILTIN.get(finding.rule, finding.message)
            descriptor = {
                "id": finding.rule,
                "shortDescription": {"text": text},
                "fullDescription": {"text": text},
                "help": {"text": text},
                "defaultConfiguration": {"level": LEVELS[finding.level]},
            }
        self.rule_index[finding.rule] = len(self.descriptors)
        self.descriptors.append(descriptor)
        return self.rule_index[finding.rule]

    def _result(self, f: Finding, uri: str, lines: LineIndex | None) -> dict[str, Any]:
        region: dict[str, Any] = {
            "startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
            "charOffset": f.offset, "charLength": f.end_offset - f.offset,
        }
        if f.match:
            region["snippet"] = {"text": f.match}
        message = " ".join(f.message.split())
        if f.suggestions:
            message += f" Suggestion: {' / '.join(f.suggestions)}."
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": self._rule(f),
            "level": LEVELS[f.level],
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(uri), "region": region}}],
        }
        if f.fix is not None and lines is not None:
            result["fixes"] = [_fix(f.fix, uri, lines)]
        return result

    def finish(self, summary: Summary) -> None:
        run: dict[str, Any] = {
            "tool": {"driver": {
                "name": "newslint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": self.descriptors,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": not self.notifications,
                "toolExecutionNotifications": self.notifications,
            }],
            "results": self.results,
        }
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        self.out.write(json.dumps(log, indent=2, ensure_ascii=False) + "\n")


def _artifact(uri: str) -> dict[str, str]:
    if uri.startswith("file:"):
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": "%SRCROOT%"}


def _fix(fix: Fix, uri: str, lines: LineIndex) -> dict[str, Any]:
    replacements = []
    for edit in sorted(fix.edits, key=lambda e: e.start):
        start_line, start_column = lines.position(edit.start)
        end_line, end_column = lines.position(edit.end)
        replacements.append({
            "deletedRegion": {"startLine": start_line, "startColumn": start_column,
                              "endLine": end_line, "endColumn": end_column,
                              "charOffset": edit.start, "charLength": edit.end - edit.start},
            "insertedContent": {"text": edit.replacement},
        })
    return {
        "description": {"text": "Safe fix" if fix.safe else "Unsafe fix (review it: applied only with --unsafe-fixes)"},
        "artifactChanges": [{"artifactLocation": _artifact(uri), "replacements": replacements}],
    }


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    end = flat.find(". ")
    return flat if end == -1 else flat[: end + 1]


def make(out: TextIO, *, color: bool, rules: Mapping[str, RuleSpec]) -> SarifFormatter:
    return SarifFormatter(out, rules)

