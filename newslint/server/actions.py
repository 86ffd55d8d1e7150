"""Code actions: a finding's fix as a quick fix (safe fixes preferred, unsafe ones said to
be), a comment that switches the finding's rule off for its line (Markdown), and
`source.fixAll.newslint`, every safe fix at once as `--fix` applies them."""

from __future__ import annotations

import re
from typing import Sequence

from lsprotocol import types

from newslint.engine import FRONT_MATTER, INTERNAL_ERROR, TIMEOUT
from newslint.finding import Finding
from newslint.server.diagnostics import diagnostic, lsp_range
from newslint.server.positions import LineIndex

FIX_ALL = "source.fixAll.newslint"
# Findings of newslint itself: no comment switches them off (engine._OWN).
_UNSUPPRESSIBLE = frozenset({FRONT_MATTER, INTERNAL_ERROR, TIMEOUT})
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)
_SHOWN = 40  # characters of a match or replacement a title shows


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether the client asked for actions of `kind` (`only` names kinds or their parents)."""
    return not only or any(kind == o or kind.startswith(o + ".") for o in only)


class Target:
    """The document the actions edit, and how the client takes a workspace edit."""

    def __init__(self, uri: str, version: int | None, index: LineIndex, versioned: bool) -> None:
        self.uri = uri
        self.version = version
        self.index = index
        self.versioned = versioned  # the client takes documentChanges (edits for one version)

    def edit(self, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        if self.versioned:
            document = types.OptionalVersionedTextDocumentIdentifier(uri=self.uri, version=self.version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])
        return types.WorkspaceEdit(changes={self.uri: edits})


def quick_fixes(target: Target, findings: list[Finding], markdown: bool) -> list[types.CodeAction]:
    """For each finding: its fix, then the comment that switches its rule off on its line."""
    actions = []
    for finding in findings:
        if finding.fix is not None:
            edits = [types.TextEdit(lsp_range(target.index, e.start, e.end), e.replacement) for e in finding.fix.edits]
            title = _fix_title(target.index.text, finding)
            if not finding.fix.safe:
                title += " (unsafe fix: check the result)"
            actions.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                                            diagnostics=[diagnostic(target.index, finding)],
                                            is_preferred=finding.fix.safe, edit=target.edit(edits)))
        if markdown and finding.rule not in _UNSUPPRESSIBLE:
            edit = _disable_edit(target.index, finding)
            if edit is not None:
                actions.append(types.CodeAction(title=f"Disable {finding.rule} for this line",
                                                kind=types.CodeActionKind.QuickFix,
                                                diagnostics=[diagnostic(target.index, finding)],
                                                edit=target.edit([edit])))
    return actions


def fix_all(target: Target, fixed: str) -> types.CodeAction | None:
    edit = replacement(target.index, fixed)
    if edit is None:
        return None
    return types.CodeAction(title="Fix all safe newslint findings", kind=FIX_ALL, edit=target.edit([edit]))


def replacement(index: LineIndex, new: str) -> types.TextEdit | None:
    """One edit turning the index's text into `new`: the span between what both share at
    the start and at the end (never between a CR and its LF, where no position points)."""
    old = index.text
    if old == new:
        return None
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    if 0 < prefix < len(old) and old[prefix - 1] == "\r" and old[prefix] == "\n":
        prefix -= 1
    old_end = len(old) - suffix
    if 0 < old_end < len(old) and old[old_end - 1] == "\r" and old[old_end] == "\n":
        suffix -= 1
        old_end += 1
    return types.TextEdit(lsp_range(index, prefix, old_end), new[prefix : len(new) - suffix])


def _fix_title(text: str, finding: Finding) -> str:
    assert finding.fix is not None
    edits = finding.fix.edits
    if len(edits) != 1:
        return f"Fix: {_short(finding.message)} ({finding.rule})"
    edit = edits[0]
    old = text[edit.start : edit.end]
    if not edit.replacement:
        return f"Delete “{_short(old)}” ({finding.rule})"
    if not old:
        return f"Insert “{_short(edit.replacement)}” ({finding.rule})"
    return f"Replace “{_short(old)}” with “{_short(edit.replacement)}” ({finding.rule})"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _disable_edit(index: LineIndex, finding: Finding) -> types.TextEdit | None:
    """`<!-- newslint-disable-next-line RULE -->` on a line of its own before a line that
    starts a block; inside a paragraph or list, where a comment line would split it in
    two when rendered, `<!-- newslint-disable-line RULE -->` at the end of the line.
    None inside front matter, where a comment would change the YAML."""
    text = index.text
    front = _FRONT_MATTER.match(text)
    if front is not None and finding.offset < front.end():
        return None
    line, _ = index.position(finding.offset)
    start = index.starts[line]
    end = index.starts[line + 1] if line + 1 < len(index.starts) else len(text)
    content = text[start:end].rstrip("\r\n")
    previous = text[index.starts[line - 1] : start] if line > 0 else ""
    after_front = front is not None and line > 0 and index.starts[line - 1] < front.end() <= start
    if line == 0 or not previous.strip() or after_front:
        newline = previous[len(previous.rstrip("\r\n")):] or "\n"
        indent = content[: len(content) - len(content.lstrip(" \t"))]
        comment = f"{indent}<!-- newslint-disable-next-line {finding.rule} -->{newline}"
        return types.TextEdit(lsp_range(index, start, start), comment)
    at = start + len(content)
    return types.TextEdit(lsp_range(index, at, at), f" <!-- newslint-disable-line {finding.rule} -->")
