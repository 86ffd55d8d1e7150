"""Vale's scopes: which blocks of a document a rule applies to.

A rule's `scope` is a list of selectors; a block is selected when any one selects it. A
selector is one or more parts joined by `&`, all of which must hold; a part is a dotted
name (`heading.h2`, `table.cell`, `text`), which holds for a block whose scope has every
one of its sections (`heading.h2` holds for "text.heading.h2.md"), or a negated one
(`~blockquote`), which holds for a block whose scope lacks them, but never for the
document-sized `raw` and `summary` blocks. So `heading & ~heading.h1` is every heading
but the top one, and `[heading.h1, heading.h2]` the top two levels.

The sections of newslint's blocks (see newslint.blocks) are Vale's: "text" with
"heading" and "h1".."h6", "list", "blockquote", "table" with "header", "cell" or
"caption", "figure" with "caption", "attr" with "alt", and newslint's "title" (the
headline); "paragraph" and "sentence" are the paragraphs and sentences of the plain
paragraphs (not headings, list items, quotes or cells, as in Vale); "raw" the file as
it is; "summary" the paragraphs, list items and blockquotes read as one text. Each also
has its format ("md" or "txt"), so `text.md` selects Markdown only.
"""

from __future__ import annotations

import functools
from typing import Iterable, NamedTuple

# The first section a selector may name (Vale's list, with newslint's `title`).
SCOPE_NAMES = frozenset({"text", "heading", "table", "figure", "list", "paragraph", "sentence", "alt", "title",
                         "blockquote", "summary", "raw"})
# Scopes Vale no longer supports (it says to use `raw` and match the markup instead).
RETIRED_SCOPES = frozenset({"code", "link", "strong", "emphasis"})
_SIZED = frozenset({"raw", "summary"})


class ScopeError(ValueError):
    """A scope that cannot be used; str() says why."""


class Part(NamedTuple):
    sections: frozenset[str]
    negated: bool


class Selection:
    """A parsed `scope`: selectors of parts (see the module's docstring)."""

    __slots__ = ("selectors", "key")

    def __init__(self, selectors: tuple[tuple[Part, ...], ...], key: str) -> None:
        self.selectors = selectors
        self.key = key

    def __repr__(self) -> str:
        return f"Selection({self.key!r})"

    def selects(self, sections: frozenset[str]) -> bool:
        """True when a block of these sections is selected (Vale's Scope.Matches)."""
        return any(_holds(parts, sections) for parts in self.selectors)

    def names(self, section: str) -> bool:
        """True when some part asks for `section` (not negated): the blocks that exist only
        when asked for (sentences, paragraphs, raw, summary) are built only then."""
        return any(section in p.sections and not p.negated for parts in self.selectors for p in parts)


def _holds(parts: tuple[Part, ...], sections: frozenset[str]) -> bool:
    for part in parts:
        has = part.sections <= sections
        if part.negated:
            if has or not _SIZED.isdisjoint(sections):
                return False
        elif not has:
            return False
    return True


def parse_scope(items: Iterable[str]) -> Selection:
    """The selection of a rule's `scope` list; ScopeError for a selector Vale refuses."""
    return _parse(tuple(items))


@functools.lru_cache(maxsize=512)
def _parse(items: tuple[str, ...]) -> Selection:
    """parse_scope, once per scope list in a run: a pack's rules share a few."""
    selectors = []
    names = []
    for item in items:
        parts = []
        for raw in item.split("&"):
            text = raw.strip()
            negated = text.startswith("~")
            text = text[1:].strip() if negated else text
            sections = [s.strip() for s in text.split(".")]
            if not sections[0] or any(not s for s in sections):
                raise ScopeError(f"empty scope in {item!r}")
            if sections[0] in RETIRED_SCOPES:
                raise ScopeError(f"scope {sections[0]!r} is no longer supported (as in Vale); use 'raw' and match the markup")
            if sections[0] not in SCOPE_NAMES:
                raise ScopeError(f"unknown scope {item!r}")
            parts.append(Part(frozenset(sections), negated))
        selectors.append(tuple(parts))
        names.append(" & ".join(("~" if p.negated else "") + ".".join(sorted(p.sections)) for p in parts))
    if not selectors:
        selectors, names = [(Part(frozenset({"text"}), False),)], ["text"]
    return Selection(tuple(selectors), "|".join(names))
