"""Offsets into a document's text <-> LSP positions, in the encoding the client negotiated.

An LSP position is a line and a character on it. Lines end at "\\n", "\\r\\n" or "\\r" only
(not at the other breaks str.splitlines knows: U+2028, form feed...), and the character
counts code units of the negotiated encoding: UTF-16 (the default; a character outside the
BMP, an emoji, is two), UTF-8 (one to four) or UTF-32 (code points, as Python counts). A
finding carries code-point offsets into the text it was found in, so a position is worked
out from the offset alone, never by searching the text.
"""

from __future__ import annotations

import bisect
import re

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"

_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """How many code units of `encoding` `text` takes."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class LineIndex:
    """Where each line of one text starts, to convert in both directions."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of a code-point offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, units(self.text[self.starts[line] : offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of a position. A line past the end is the end of the text;
        a character past the end of its line is the line's end (as the protocol says), and
        one inside a character's code units is that character's end."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        content = self.text[start:end].rstrip("\r\n")
        if self.encoding == UTF32 or content.isascii():
            return start + max(0, min(character, len(content)))
        counted = 0
        for index, char in enumerate(content):
            if counted >= character:
                return start + index
            counted += units(char, self.encoding)
        return start + len(content)
