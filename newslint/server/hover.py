"""Hover on a flagged span: each finding's message, then what `newslint explain` prints for
its rule (description, examples, link)."""

from __future__ import annotations

from lsprotocol import types

from newslint.explain import explain_own, explain_spec
from newslint.finding import Finding
from newslint.linter import Linter
from newslint.server.diagnostics import lsp_range
from newslint.server.positions import LineIndex


def findings_at(findings: list[Finding], offset: int) -> list[Finding]:
    """The findings whose span holds `offset` (its end included: the cursor just after a
    word is still on it, and a finding of no width has only that place)."""
    return [f for f in findings if f.offset <= offset <= f.end_offset]


def explanation(linter: Linter, rule: str) -> str:
    own = explain_own(rule)
    if own is not None:
        return own
    for spec in linter.specs:
        if spec.id == rule:
            return explain_spec(spec)
    return rule


def hover(index: LineIndex, findings: list[Finding], offset: int, linter: Linter) -> types.Hover | None:
    here = findings_at(findings, offset)
    if not here:
        return None
    parts: list[str] = []
    explained: set[str] = set()
    for finding in here:
        parts.append(f"{finding.message} [{finding.rule}]")
        if finding.rule not in explained:
            explained.add(finding.rule)
            parts.append(explanation(linter, finding.rule))
    start = min(f.offset for f in here)
    end = max(f.end_offset for f in here)
    # Plain text: exactly what `newslint explain` prints, with nothing a hostile pack's
    # description could turn into markup or links.
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.PlainText, value="\n\n".join(parts)),
                       range=lsp_range(index, start, end))
