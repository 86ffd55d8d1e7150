"""Helpers shared by the parsers: masking, directives, front matter problems."""

from __future__ import annotations

import re

from newslint.document import Directive, LineIndex
from newslint.parse.frontmatter import FrontMatter

_DIRECTIVE = re.compile(
    r"<!--\s*newslint-(?P<action>disable-next-line|disable|enable)\b(?P<rules>[^>]*?)-->"
)


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
    for m in _DIRECTIVE.finditer(text):
        line, _ = lines.position(m.start())
        if line in skip_lines:
            continue
        rules = tuple(r for r in re.split(r"[\s,]+", m.group("rules").strip()) if r)
        found.append(Directive(m.start(), line, m.group("action"), rules))
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
