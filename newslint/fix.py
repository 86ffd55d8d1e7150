"""Apply fixes: non-overlapping edits, repeated until stable (fixwrite.write_fix writes them)."""

from __future__ import annotations

from typing import Iterable

from newslint.finding import Edit, Finding


def fixable(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    return [f for f in findings if f.fix is not None and (f.fix.safe or unsafe)]


def apply_edits(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """Apply every fix whose edits overlap no earlier one; returns (text, fixes applied)."""
    chosen: list[Edit] = []
    taken: list[tuple[int, int]] = []
    applied = 0
    for finding in sorted(findings, key=Finding.sort_key):
        assert finding.fix is not None
        edits = sorted(finding.fix.edits, key=lambda e: e.start)
        if any(_overlap(e, taken) for e in edits):
            continue
        chosen.extend(edits)
        taken.extend((e.start, e.end) for e in edits)
        applied += 1
    pieces, cursor = [], 0
    for edit in sorted(chosen, key=lambda e: e.start):
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), applied


def _overlap(edit: Edit, taken: list[tuple[int, int]]) -> bool:
    return any(edit.start < end and start < edit.end or edit.start == start == edit.end == end for start, end in taken)


def unified_diff(path: str, before: str, after: str) -> str:
    """A patch that `git apply` and `patch -p1` take: lines are split at "\\n" only (a form
    feed or U+2028 inside a paragraph is not a line break to them), and a last line without
    a line break carries the "\\ No newline at end of file" marker."""
    import difflib  # only --diff needs it

    out = []
    for line in difflib.unified_diff(_lines(before), _lines(after), fromfile=f"a/{path}", tofile=f"b/{path}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines
