"""The JSON report of DESIGN.md: one object, files streamed as they are checked."""

from __future__ import annotations

import json
from typing import Any, Mapping, TextIO

from newslint import __version__
from newslint.trees import printable
from newslint.finding import FileResult, Finding, Fix
from newslint.formats import Summary
from newslint.rules import RuleSpec


def fix_to_json(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "applicability": "safe" if fix.safe else "unsafe",
        "edits": [{"offset": e.start, "end_offset": e.end, "replacement": e.replacement} for e in fix.edits],
    }


def finding_to_json(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule, "kind": f.kind, "level": f.level.label,
        "line": f.line, "column": f.column, "end_line": f.end_line, "end_column": f.end_column,
        "offset": f.offset, "end_offset": f.end_offset, "match": f.match,
        "message": f.message, "link": f.link, "suggestions": list(f.suggestions),
        "fix": fix_to_json(f.fix),
    }


def result_to_json(result: FileResult) -> dict[str, Any]:
    error = None if result.error is None else {"code": result.error.code, "message": result.error.message}
    return {"path": printable(result.path), "error": error, "findings": [finding_to_json(f) for f in result.findings]}


class JsonFormatter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0
        # One encoder for the run: json.dumps with options builds a new one for every call.
        self._encode = json.JSONEncoder(ensure_ascii=False).encode
        tool = json.dumps({"name": "newslint", "version": __version__}, ensure_ascii=False)
        self.out.write(f'{{"version": 1,\n "tool": {tool},\n "files": [')

    def file(self, result: FileResult) -> None:
        self.out.write(("," if self.count else "") + "\n  " + self._encode(result_to_json(result)))
        self.count += 1

    def finish(self, summary: Summary) -> None:
        body = {"files": summary.files, "files_with_findings": summary.files_with_findings, "findings": summary.findings,
                "errors": summary.errors, "by_level": summary.by_level,
                "by_rule": dict(sorted(summary.by_rule.items()))}
        self.out.write(("\n " if self.count else "") + f'],\n "summary": {json.dumps(body)}}}\n')


def make(out: TextIO, *, color: bool, rules: Mapping[str, RuleSpec]) -> JsonFormatter:
    return JsonFormatter(out)
