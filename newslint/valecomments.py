"""Vale's comments in Markdown: `<!-- vale off -->`, `<!-- vale on -->`,
`<!-- vale Style.Rule = NO -->` / `= YES`, and `<!-- vale Style = NO -->` / `= YES`.

They become Directives with actions of their own (VALE_ACTIONS) because Vale's state is
not newslint's: `vale on` ends `vale off` but leaves a rule switched off by name off (Vale's
File.QueryComments), and neither touches what newslint's own comments switched. A rule
or style a Vale comment names that this run does not know is passed over in silence, as
Vale does (selectors.check_document), not reported as `newslint.unknown-rule`.
"""

from __future__ import annotations

import re

from newslint.document import Directive, LineIndex

VALE_ACTIONS = ("vale-off", "vale-on", "vale-disable", "vale-enable")
# The comment's text is trimmed, as Vale's HTML walker trims it; the name holds no `>`.
_VALE_COMMENT = re.compile(r"<!--[ \t\r\n]*vale[ \t]+(?:(?P<switch>off|on)|(?P<name>[^\s=>]+)[ \t]*=[ \t]*(?P<value>YES|NO))"
                           r"[ \t\r\n]*-->")


def vale_directives(text: str, lines: LineIndex, skip_lines: set[int]) -> list[Directive]:
    """Every Vale comment of `text` outside the lines in `skip_lines` (code)."""
    found = []
    for m in _VALE_COMMENT.finditer(text):
        line, _ = lines.position(m.start())
        if line in skip_lines:
            continue
        if m.group("switch"):
            found.append(Directive(m.start(), line, f"vale-{m.group('switch')}", ()))
        else:
            action = "vale-disable" if m.group("value") == "NO" else "vale-enable"
            found.append(Directive(m.start(), line, action, (m.group("name"),)))
    return found
