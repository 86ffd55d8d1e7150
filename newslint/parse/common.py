"""Helpers shared by the parsers: masking, directives, front matter problems."""

from __future__ import annotations

import re

from newslint.document import Directive, LineIndex
from newslint.parse.frontmatter import FrontMatter

# A directive is `<!--\s*newslint-ACTION\b RULES -->`, RULES holding no `>`. Its end is
# found with str.find from the head, not by a lazy `[^>]*?-->` (20,000 unclosed heads
# made that quadratic: 44 s): the first `>` after the head closes it, or nothing does.
# ACTION is read whole (`disable-line` is not `disable` with a rule `-line`); an action
# newslint does not know is kept, so that the article is told (selectors.check_document).
_DIRECTIVE_HEAD = re.compile(r"<!--\s*newslint-(?P<action>[A-Za-z][\w-]*)")
ACTIONS = ("disable", "enable", "disable-next-line", "disable-line")


class Mask:
    """A mutable copy of the text in which non-prose characters are blanked."""

    def __init__(self, text: str, *, blank_all: bool) -> None:
        self.text = text
        if blank_all:
            self.chars = [c if c in "\r\n" else " " for c in text]
        else:
            self.chars = list(text)

    def blank(self, start: int, end: int) -> None:
        chars = self.chars
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "

    def is_blank(self, start: int, end: int) -> bool:
        return all(c.isspace() for c in self.chars[start:end])

    def reveal(self, start: int, end: int) -> None:
        self.chars[start:end] = self.text[start:end]

    def result(self) -> str:
        return "".join(self.chars)


def find_directives(text: str, lines: LineIndex, skip_lines: set[int]) -> list[Directive]:
    found = []
    done = 0  # the end of the last directive: a head inside it is part of its rule list
    close = -2  # the first ">" at or after the last head, -1 when there is none (found once)
    for m in _DIRECTIVE_HEAD.finditer(text):
        head_end = m.end()
        if m.start() < done:
            continue
        if close != -1 and close < head_end:
            close = text.find(">", head_end)
        if close == -1:
            break
        if close - 2 < head_end or not text.startswith("-->", close - 2):
            continue
        done = close + 1
        line, _ = lines.position(m.start())
        if line in skip_lines:
            continue
        rules = tuple(r for r in re.split(r"[\s,]+", text[head_end : close - 2].strip()) if r)
        found.append(Directive(m.start(), line, m.group("action"), rules))
    if "<!--" in text and "vale" in text:  # Vale's own comments, <!-- vale off --> ... (valecomments.py)
        from newslint.valecomments import vale_directives

        found = sorted(found + vale_directives(text, lines, skip_lines), key=lambda d: d.offset)
    return found


def front_matter_disables(front: FrontMatter) -> tuple[str, ...]:
    block = front.data.get("newslint")
    if isinstance(block, dict):
        disabled = block.get("disable")
        if isinstance(disabled, str):
            return (disabled,)
        if isinstance(disabled, list):
            return tuple(str(d) for d in disabled)
    return ()
