"""Findings: what a rule reports, before and after the engine stamps it."""

from __future__ import annotations

import enum
from typing import NamedTuple


class Level(enum.IntEnum):
    """Severity of a finding; ordered so that comparisons mean "at least as severe"."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Level:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown level {name!r} (expected error, warning or suggestion)"
            ) from None

    @property
    def label(self) -> str:
        return _LABELS[self]  # an enum's `name` is a slow descriptor, and reports ask per finding


_LABELS = {level: level.name.lower() for level in Level}
# By value, for decoding: calling Level(n) goes through the enum machinery each time.
LEVEL_BY_VALUE = {int(level): level for level in Level}


class Edit(NamedTuple):
    """Replace text[start:end] with `replacement` (offsets into the original text)."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    edits: tuple[Edit, ...]
    safe: bool = True
    # True when the edits change only typographic marks (a straight apostrophe to a curly
    # one), never words: such a fix may touch a quotation; any other fix there is withdrawn.
    marks_only: bool = False


class Hit(NamedTuple):
    """What a kind reports: a span of the document and what is wrong with it.

    Kinds know nothing of paths, rule ids or line numbers; the engine stamps those.
    `level` overrides the rule's level for kinds that report several sorts of thing
    from one rule (e.g. a vague source at suggestion level).
    """

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    level: Level | None = None


class Finding(NamedTuple):
    rule: str
    kind: str
    level: Level
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    end_offset: int
    match: str
    message: str
    link: str | None = None
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.offset, self.end_offset, self.rule, self.message)


class FileError(NamedTuple):
    """A file that could not be checked at all (unreadable, undecodable)."""

    code: str
    message: str


class FileResult:
    """One file's findings, or why it could not be checked."""

    def __init__(self, path: str, findings: list[Finding] | None = None, error: FileError | None = None,
                 text: str | None = None) -> None:
        self.path = path
        self.findings: list[Finding] = [] if findings is None else findings
        self.error = error
        # The text the findings refer to; formats show source lines from it and --fix edits it.
        self.text = text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileResult):
            return NotImplemented
        return (self.path, self.findings, self.error, self.text) == (other.path, other.findings, other.error, other.text)

    __hash__ = None  # type: ignore[assignment]  # mutable: never a key

    def __repr__(self) -> str:
        return f"FileResult(path={self.path!r}, findings={self.findings!r}, error={self.error!r})"
