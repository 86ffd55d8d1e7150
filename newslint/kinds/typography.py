"""typography: one style of marks per article, and no invisible characters inside words.

For each kind of mark (apostrophes, quotation marks, dashes, ellipses) the article's
majority style wins unless the rule sets `prefer`; every mark in the other style is a
finding with a fix. Marks are typography, not words, so quotations are included.

`mark: invisible` reports zero-width characters and soft hyphens inside a word ("al\u200blot"
reads as "allot" but no word rule matches it), with a fix that removes them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator, NamedTuple

from newslint import schema
from newslint.document import Document
from newslint.finding import Edit, Fix, Hit
from newslint.kinds._pattern import format_message
from newslint.quotes import DOUBLE_CLOSE, DOUBLE_OPEN, SINGLE_CLOSE, SINGLE_OPEN, quotation_marks
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

if TYPE_CHECKING:
    import regex

OPTIONS = {
    "mark": schema.one_of("apostrophe", "quote", "dash", "ellipsis", "invisible"),
    "prefer": schema.string,
}
DEFAULT_QUOTES = "include"

_STYLES = {
    "apostrophe": ("straight", "curly"),
    "quote": ("straight", "curly"),
    "dash": ("hyphen", "double", "en", "em"),
    "ellipsis": ("dots", "character"),
}
_LABELS = {
    ("apostrophe", "straight"): "straight apostrophe (')",
    ("apostrophe", "curly"): "curly apostrophe (\u2019)",
    ("quote", "straight"): "straight quotation mark",
    ("quote", "curly"): "curly quotation mark",
    ("dash", "hyphen"): "spaced hyphen ( - )",
    ("dash", "double"): "double hyphen (--)",
    ("dash", "en"): "spaced en dash ( \u2013 )",
    ("dash", "em"): "em dash (\u2014)",
    ("ellipsis", "dots"): "three dots (...)",
    ("ellipsis", "character"): "ellipsis character (\u2026)",
}
_SINGLE = re.compile("['\u2018\u2019]")
_DOUBLE = re.compile('["\u201c\u201d]')
_SINGLE_OPEN = re.compile("\u2018")
# A dash between words: a spaced hyphen or en dash, a double hyphen (spaced, or between two
# letters as typewriter copy writes it; never three or more, a table or a rule), an em dash
# (its spaces, where it has them, belong to it so that a fix keeps the text's spacing).
_DASH = re.compile(
    "(?P<spaced>(?<=[^\\s-]) (?P<mark>-|--|\u2013|\u2014) (?=[^\\s-]))"
    "|(?<=[^\\W\\d_])--(?=[^\\W\\d_])|\u2014")
# A spaced hyphen or en dash between two figures is a range, a score or a sum ("10 - 12",
# "won 2 - 1", "£5 - £10"), not a dash.
_FIGURE_BEFORE = frozenset("0123456789%")
_FIGURE_AFTER = frozenset("0123456789£$€")
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)|\u2026")
# Per style, characters without which a text has no mark of that style: a text that can
# hold only one style needs no closer look when the majority decides.
_TELLTALES: dict[str, dict[str, tuple[str, ...]]] = {
    "apostrophe": {"straight": ("'",), "curly": ("\u2019",)},
    "quote": {"straight": ('"', "'"), "curly": ("\u201c", "\u201d", "\u2018", "\u2019")},
    "dash": {"hyphen": (" - ",), "double": ("--",), "en": (" \u2013 ",), "em": ("\u2014",)},
    "ellipsis": {"dots": ("...",), "character": ("\u2026",)},
}


class Mark(NamedTuple):
    start: int
    end: int
    style: str
    replacements: dict[str, str]  # style -> text that writes this mark in that style


def compile_rule(spec: RuleSpec) -> Check:
    mark_kind = spec.options.get("mark")
    if mark_kind is None:
        raise OptionError("mark", "a typography rule needs 'mark' (apostrophe, quote, dash, ellipsis or invisible)")
    prefer = spec.options.get("prefer", "majority")
    if mark_kind == "invisible":
        if prefer != "majority":
            raise OptionError("prefer", "invisible characters have no style to prefer")
        return _invisible_check(spec)
    if prefer != "majority" and prefer not in _STYLES[mark_kind]:
        raise OptionError("prefer", f"expected majority or one of {', '.join(_STYLES[mark_kind])}")
    collect = {"apostrophe": _apostrophes, "quote": _quote_marks, "dash": _dashes, "ellipsis": _ellipses}[mark_kind]
    safe = True  # every fix writes the same mark in the majority style

    telltales = _TELLTALES[mark_kind]

    def check(doc: Document) -> Iterator[Hit]:
        if prefer == "majority" and _styles_possible(doc.prose, telltales) < 2:
            return
        marks = list(collect(doc))
        counts = {style: 0 for style in _STYLES[mark_kind]}
        for m in marks:
            counts[m.style] += 1
        used = [s for s, n in counts.items() if n]
        if prefer == "majority":
            if len(used) < 2:
                return
            expected = _majority(doc, mark_kind, counts)
        else:
            expected = prefer
        for m in marks:
            if m.style == expected or expected not in m.replacements:
                continue
            replacement = m.replacements[expected]
            message = format_message(
                spec.message,
                (_LABELS[mark_kind, m.style], _LABELS[mark_kind, expected]),
                found=_LABELS[mark_kind, m.style],
                expected=_LABELS[mark_kind, expected],
                replacement=replacement,
            )
            yield Hit(m.start, m.end, message, (replacement,), Fix((Edit(m.start, m.end, replacement),), safe=safe, marks_only=True))

    return check


def _majority(doc: Document, mark_kind: str, counts: dict[str, int]) -> str:
    """The style most marks use. A tie (few marks: one curly pair against one straight
    pair) goes to the style of the article's other marks, apostrophes for quotation marks
    and quotation marks for apostrophes, which the same keyboard or typesetter wrote;
    failing that, to the later style in _STYLES, the typeset form."""
    top = max(counts.values())
    tied = [s for s in reversed(_STYLES[mark_kind]) if counts[s] == top]
    other = {"apostrophe": ("quote", _quote_marks), "quote": ("apostrophe", _apostrophes)}.get(mark_kind)
    if len(tied) > 1 and other is not None:
        other_counts = dict.fromkeys(_STYLES[other[0]], 0)
        for m in other[1](doc):
            other_counts[m.style] += 1
        best = max(tied, key=lambda s: other_counts[s])
        if sum(other_counts[s] == other_counts[best] for s in tied) == 1:
            return best
    return tied[0]


def _styles_possible(text: str, telltales: dict[str, tuple[str, ...]]) -> int:
    return sum(1 for marks in telltales.values() if any(m in text for m in marks))


def _apostrophes(doc: Document) -> Iterator[Mark]:
    prose = doc.prose
    quote_marks = quotation_marks(doc.quotations)
    for m in _SINGLE.finditer(prose):
        pos = m.start()
        if pos in quote_marks or m.group() == SINGLE_OPEN:
            continue
        before = prose[pos - 1] if pos else " "
        after = prose[pos + 1] if pos + 1 < len(prose) else " "
        if not (before.isalnum() or after.isalnum()):
            continue
        style = "straight" if m.group() == "'" else "curly"
        yield Mark(pos, pos + 1, style, {"straight": "'", "curly": SINGLE_CLOSE})


def _quote_marks(doc: Document) -> Iterator[Mark]:
    prose = doc.prose
    opening = {q.start for q in doc.quotations}
    closing = {q.end - 1 for q in doc.quotations if q.closed}
    singles = {q.start for q in doc.quotations if q.open_mark in "'\u2018"} | {
        q.end - 1 for q in doc.quotations if q.closed and q.close_mark in "'\u2019"
    }
    for m in _DOUBLE.finditer(prose):
        pos, char = m.start(), m.group()
        if char == '"':
            opens = pos in opening or (pos not in closing and (pos == 0 or prose[pos - 1].isspace()))
            yield Mark(pos, pos + 1, "straight", {"curly": DOUBLE_OPEN if opens else DOUBLE_CLOSE})
        else:
            yield Mark(pos, pos + 1, "curly", {"straight": '"'})
    # A left single quotation mark is never an apostrophe: a curly mark even where no
    # quotation pairs it (a straight apostrophe cannot be told from a stray straight mark).
    strays = {m.start() for m in _SINGLE_OPEN.finditer(prose)} - opening
    for pos in sorted(singles | strays):
        char = prose[pos]
        if char == "'":
            yield Mark(pos, pos + 1, "straight", {"curly": SINGLE_OPEN if pos in opening else SINGLE_CLOSE})
        else:
            yield Mark(pos, pos + 1, "curly", {"straight": "'"})


_DASH_STYLES = {"-": "hyphen", "--": "double", "\u2013": "en", "\u2014": "em"}


def _dashes(doc: Document) -> Iterator[Mark]:
    prose = doc.prose
    found: list[tuple[int, int, str, bool]] = []  # start, end, style, spaced
    for m in _DASH.finditer(prose):
        spaced = m.group("spaced") is not None
        style = _DASH_STYLES[m.group("mark") if spaced else m.group()]
        if spaced and style in ("hyphen", "en") and prose[m.start() - 1] in _FIGURE_BEFORE and prose[m.end()] in _FIGURE_AFTER:
            continue
        found.append((m.start(), m.end(), style, spaced))
    # An em dash or double hyphen is written with spaces or without, as the article mostly does.
    texts = {"hyphen": " - ", "en": " \u2013 "}
    for style, mark in (("em", "\u2014"), ("double", "--")):
        spacing = [spaced for _, _, s, spaced in found if s == style]
        texts[style] = f" {mark} " if 2 * sum(spacing) > len(spacing) else mark
    for start, end, style, _ in found:
        yield Mark(start, end, style, texts)


def _ellipses(doc: Document) -> Iterator[Mark]:
    for m in _ELLIPSIS.finditer(doc.prose):
        style = "character" if m.group() == "\u2026" else "dots"
        yield Mark(m.start(), m.end(), style, {"dots": "...", "character": "\u2026"})


# Characters that show nothing yet split a word for every rule (and for search and spelling):
# zero-width space, non-joiner and joiner, word joiner, a byte order mark inside the text,
# and the soft hyphen (a hyphenation hint). Each has its use: ZWJ joins emoji, ZWNJ and ZWJ
# shape Persian, Arabic and Indic letters, ZWSP marks word breaks in Thai or Khmer. So one is
# reported only between letters or digits of Latin, Greek or Cyrillic words, where it has none.
_INVISIBLE_NAMES = {
    "\u00ad": "soft hyphen (U+00AD)",
    "\u200b": "zero-width space (U+200B)",
    "\u200c": "zero-width non-joiner (U+200C)",
    "\u200d": "zero-width joiner (U+200D)",
    "\u2060": "word joiner (U+2060)",
    "\ufeff": "zero-width no-break space (U+FEFF)",
}
_WORD_CHARACTER = r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Nd}]"


@lru_cache(maxsize=1)
def _invisible_run() -> regex.Pattern[str]:
    """Compiled on the first article that has one of the characters (few have any)."""
    import regex

    # A letter may carry combining marks (e\u0301) before the invisible run.
    return regex.compile(f"(?<={_WORD_CHARACTER}\\p{{M}}*)[{''.join(_INVISIBLE_NAMES)}]+(?={_WORD_CHARACTER})")


def _invisible_check(spec: RuleSpec) -> Check:
    invisible = "".join(_INVISIBLE_NAMES)

    def check(doc: Document) -> Iterator[Hit]:
        prose = doc.prose
        if not any(c in prose for c in invisible):  # the common case: none at all
            return
        for m in _invisible_run().finditer(prose):
            found = ", ".join(dict.fromkeys(_INVISIBLE_NAMES[c] for c in m.group()))
            message = format_message(spec.message, (found,), found=found, expected="", replacement="")
            yield Hit(m.start(), m.end(), message, (), Fix((Edit(m.start(), m.end(), ""),), safe=True, marks_only=True))

    return check
