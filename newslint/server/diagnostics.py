"""Findings as LSP diagnostics: the range from the finding's offsets, the severity from its
level, the rule id as the code with the rule's link, and the whole message."""

from __future__ import annotations

import re

from lsprotocol import types

from newslint.finding import Finding, Level
from newslint.server.positions import LineIndex

SOURCE = "newslint"
# A pack's `link` may be any text ("the style guide, p. 4"); only a URI is given as one.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+\Z")

_SEVERITY = {
    Level.ERROR: types.DiagnosticSeverity.Error,
    Level.WARNING: types.DiagnosticSeverity.Warning,
    Level.SUGGESTION: types.DiagnosticSeverity.Information,
}


def lsp_range(index: LineIndex, start: int, end: int) -> types.Range:
    line, character = index.position(start)
    end_line, end_character = index.position(end)
    return types.Range(types.Position(line, character), types.Position(end_line, end_character))


def diagnostic(index: LineIndex, finding: Finding) -> types.Diagnostic:
    return types.Diagnostic(
        range=lsp_range(index, finding.offset, finding.end_offset),
        message=finding.message,
        severity=_SEVERITY[finding.level],
        code=finding.rule,
        code_description=types.CodeDescription(href=finding.link) if finding.link and _URI.match(finding.link) else None,
        source=SOURCE,
    )


def diagnostics(index: LineIndex, findings: list[Finding]) -> list[types.Diagnostic]:
    return [diagnostic(index, f) for f in findings]
