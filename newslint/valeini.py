"""Read the INI dialect of a `.vale.ini` as Vale's INI library (go-ini, with shadows)
reads it: sections in order, every value of a key written more than once, and where each
key is, for errors that name the file, line and key.

What it reads: `#` and `;` comment lines; `[section]` headers; `key = value` (or
`key: value`); a ` #` or ` ;` comment after a value; a value continued on the next line
by a trailing backslash; a value in double quotes, backquotes or triple double quotes
(which may span lines). Keys before the first header are in the section "".
"""

from __future__ import annotations

import re
from typing import NamedTuple


class IniError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


class IniKey(NamedTuple):
    name: str
    values: tuple[str, ...]  # one per time the key is written (go-ini's shadows)
    line: int  # where it is first written
    column: int


class IniSection(NamedTuple):
    name: str
    line: int
    keys: dict[str, IniKey]


_INLINE_COMMENT = re.compile(r"[ \t][#;]")


def parse_ini(text: str) -> list[IniSection]:
    """The sections of `text` in file order (a section written twice is one, as in go-ini)."""
    sections: dict[str, IniSection] = {"": IniSection("", 1, {})}
    current = sections[""]
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        number = index + 1
        line = lines[index].rstrip("\r").strip()
        index += 1
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            end = line.find("]")
            if end < 0:
                raise IniError(number, f"section header {line!r} has no closing ']'")
            name = line[1:end].strip()
            if name == "DEFAULT":
                name = ""
            current = sections.get(name) or sections.setdefault(name, IniSection(name, number, {}))
            continue
        at = min((i for i in (line.find("="), line.find(":")) if i >= 0), default=-1)
        if at <= 0:
            raise IniError(number, f"expected 'key = value', got {line[:60]!r}")
        key = line[:at].strip()
        column = lines[number - 1].find(key) + 1
        value = line[at + 1 :].strip()
        if value.startswith('"""'):
            body = value[3:]
            while '"""' not in body:
                if index >= len(lines):
                    raise IniError(number, f"the value of {key!r} opens '\"\"\"' and never closes it")
                body += "\n" + lines[index].rstrip("\r")
                index += 1
            value = body[: body.find('"""')]
        else:
            while value.endswith("\\") and index < len(lines):  # continued on the next line
                value = value[:-1] + lines[index].rstrip("\r").strip()
                index += 1
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"`":
                value = value[1:-1]
            else:
                comment = _INLINE_COMMENT.search(value)
                if comment:
                    value = value[: comment.start()].rstrip()
        known = current.keys.get(key)
        if known is None:
            current.keys[key] = IniKey(key, (value,), number, max(column, 1))
        else:
            current.keys[key] = known._replace(values=known.values + (value,))
    return [s for s in sections.values() if s.name or s.keys]


def split_list(values: tuple[str, ...]) -> tuple[str, ...]:
    """Every comma-separated item of every value (`\\,` is a comma inside an item), trimmed,
    empty ones and repeats left out: what Vale's mergeValues makes of a list key."""
    items: list[str] = []
    for value in values:
        for item in re.split(r"(?<!\\),", value):
            item = item.replace("\\,", ",").strip()
            if item and item not in items:
                items.append(item)
    return tuple(items)
