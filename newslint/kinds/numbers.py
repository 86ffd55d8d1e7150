"""numbers: numeral style, one form per kind of figure, counts that match their lists.

One scan per document (`_numerals.mentions`, shared through `doc.memo`) finds every
figure and spelled-out number and decides where figures are the rule whatever the house
style. The rule's `check` option picks what is reported:

- `style`: a figure below `spell_out_below` in running text, a spelled-out number from
  `figures_from` up, a figure that starts a sentence (years excepted), a percentage not
  written the house's way (`percent`), and "5 million" against "five million" (`millions`).
- `forms`: the same kind of figure written two ways in one article (thousands commas,
  "%" against "per cent", "£5m" against "£5 million", "3" against "three"); the
  article's majority form wins.
- `list-count`: "three regions: A, B, C and D".
- `percentage-points`: "rose 2% from 4% to 6%".

Precision comes first: where the context is unclear the number is left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Iterator, NamedTuple, Sequence

from newslint import schema
from newslint.document import Document
from newslint.finding import Edit, Fix, Hit
from newslint.kinds._numerals import (WORD_VALUES, Mention, attached_unit, gated_finditer, mentions, money_end, spell,
                                      word_starts)
from newslint.kinds._pattern import ProseScope as Scope, format_message
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

OPTIONS = {
    "check": schema.one_of("style", "forms", "list-count", "percentage-points"),
    "spell_out_below": schema.integer,
    "figures_from": schema.integer,
    "sentence_start": schema.boolean,
    "percent": schema.one_of("%", "percent", "per cent", "any"),
    "millions": schema.one_of("figures", "words", "any"),
    "forms": schema.string_list,
}
FORMS = ("grouping", "percent", "money", "range")


def compile_rule(spec: RuleSpec) -> Check:
    opts = spec.options
    check = opts.get("check")
    if check is None:
        raise OptionError("check", "a numbers rule needs 'check' (style, forms, list-count or percentage-points)")
    scope = Scope(spec)
    if check == "style":
        if "forms" in opts:
            raise OptionError("forms", "'forms' applies to check: forms only")
        below = opts.get("spell_out_below", 10)
        from_ = opts.get("figures_from", below)
        if below < 0 or from_ < 0:
            raise OptionError("spell_out_below" if below < 0 else "figures_from", "expected 0 or more")
        style = _Style(below, from_, opts.get("sentence_start", True), opts.get("percent", "any"), opts.get("millions", "any"))
        return _style_check(spec, scope, style)
    for key in ("spell_out_below", "figures_from", "sentence_start", "percent", "millions"):
        if key in opts:
            raise OptionError(key, f"{key!r} applies to check: style only")
    if check == "forms":
        forms = opts.get("forms", list(FORMS))
        unknown = [f for f in forms if f not in FORMS]
        if unknown:
            raise OptionError("forms", f"unknown form {unknown[0]!r}; expected some of {', '.join(FORMS)}")
        return _forms_check(spec, scope, frozenset(forms))
    if "forms" in opts:
        raise OptionError("forms", "'forms' applies to check: forms only")
    if check == "list-count":
        return _list_check(spec, scope)
    return _points_check(spec, scope)


# -- checks -------------------------------------------------------------------------


def _allowed(doc: Document, scope: Scope) -> list[Mention]:
    """The mentions in the scope; shared by the rules of one scope (the presets' numbers
    rules all look at paragraphs and lists)."""
    key = f"numbers.allowed:{sorted(scope.kinds)}:{scope.raw}:{scope.skip_quotes}"
    return doc.memo(key, lambda d: [m for m in mentions(d) if scope.allows(d, m.start, m.end)])


class _Style(NamedTuple):
    """A house's numeral style: the options of a `check: style` rule."""

    below: int  # spell out figures below this
    from_: int  # use figures for spelled-out numbers from this up (0: never)
    sentence_start: bool  # a figure may not start a sentence
    percent: str  # "%", "percent", "per cent" or "any"
    millions: str  # "figures" (AP: 5 million people), "words" (BBC: five million people) or "any"


_MILLION_AFTER = re.compile(
    r"\s+(?:million|billion|trillion)\b(?!\s+(?:euros|dollars|pounds|yen|yuan|rupees|roubles|francs|kronor|rand|won|"
    r"pesos|riyals|naira|rials)\b)", re.IGNORECASE)


def _style_check(spec: RuleSpec, scope: Scope, style: _Style) -> Check:
    def check(doc: Document) -> Iterator[Hit]:
        for m in _allowed(doc, scope):
            if m.value is None:
                continue
            hit = _style_hit(spec, doc, m, style)
            if hit is not None:
                yield hit

    return check


def _style_hit(spec: RuleSpec, doc: Document, m: Mention, style: _Style) -> Hit | None:
    value = m.value
    assert value is not None
    below, from_, percent = style.below, style.from_, style.percent
    if m.percent is not None:
        # Percentages take figures in every house; only a sentence may start with words.
        sign = m.percent[2] if percent == "any" else percent
        if m.word and (m.sentence_start or m.exception != "large number or percentage"):
            return None  # "Forty per cent said ...", "one point three per cent"
        if not m.word and sign == m.percent[2]:
            return None
        figure = m.text if not m.word else str(int(value))
        joined = f"{figure}{sign}" if sign == "%" else f"{figure} {sign}"
        return _style(spec, m.start, m.percent[1], doc.text[m.start : m.percent[1]], joined,
                      f"this house writes percentages as '{joined}'")
    if style.millions != "any" and m.money is None and not m.sentence_start and _MILLION_AFTER.match(doc.prose, m.end):
        return _millions_hit(spec, m, value, style)
    if m.word:
        if m.sentence_start or m.exception is not None:
            return None
        if from_ and value >= from_:
            figure = str(int(value))
            return _style(spec, m.start, m.end, m.text, figure, f"this house uses figures from {from_}")
        return None
    if m.sentence_start and style.sentence_start:
        if m.year or m.exception is not None:
            return None
        words = spell(int(value)) if value == int(value) and not m.grouped else None
        if words is None:
            return None
        return _style(spec, m.start, m.end, m.text, words.capitalize(),
                      "spell out a number that starts a sentence, or rewrite it")
    if m.exception is not None or m.grouped or m.year:
        return None
    if below and 1 <= value < below and value == int(value):
        return _style(spec, m.start, m.end, m.text, spell(int(value)) or m.text,
                      f"this house spells out numbers below {below}")
    return None


def _millions_hit(spec: RuleSpec, m: Mention, value: float, style: _Style) -> Hit | None:
    """'five million people' in a house of figures, '5 million people' in a house of words."""
    if m.exception not in (None, "unit or money", "large number or percentage"):
        return None  # "1.5 million-2 million", "Five Million" in a title
    if m.word and style.millions == "figures":
        return _style(spec, m.start, m.end, m.text, str(int(value)),
                      "this house writes millions and billions with a figure")
    if (not m.word and style.millions == "words" and value == int(value) and 1 <= value < style.below
            and not m.grouped and m.text.isdigit()):
        return _style(spec, m.start, m.end, m.text, spell(int(value)) or m.text,
                      f"this house spells out numbers below {style.below} before million or billion, except for money")
    return None


def _style(spec: RuleSpec, start: int, end: int, match: str, expected: str, reason: str) -> Hit:
    message = format_message(spec.message, (expected, match), match=match, expected=expected, reason=reason)
    # Unsafe: the exceptions are judged from a few words of context and can be wrong.
    return Hit(start, end, message, (expected,), Fix((Edit(start, end, expected),), safe=False))


def _forms_check(spec: RuleSpec, scope: Scope, forms: frozenset[str]) -> Check:
    def check(doc: Document) -> Iterator[Hit]:
        found = _allowed(doc, scope)
        hits: list[Hit] = []
        if "grouping" in forms:
            hits += _grouping(spec, doc, found)
        if "percent" in forms:
            # "Forty per cent said ..." is how a sentence must start, whatever the house sign.
            # The whole figure ("15%", "ten per cent"), so the message names what it flags.
            groups = [(m.start, m.percent[1], m.percent[2]) for m in found
                      if m.percent is not None and not (m.word and m.sentence_start)]
            hits += _minority(spec, doc, groups, "a percentage", _PERCENT_LABELS)
        if "money" in forms:
            groups = [(m.start, money_end(doc, m), m.money) for m in found if m.money is not None]
            hits += _minority(spec, doc, groups, "a sum of money", _MONEY_LABELS)
        if "range" in forms:
            hits += _ranges(spec, doc, found)
        hits.sort(key=lambda h: h.start)
        yield from hits

    return check


_PERCENT_LABELS = {"%": "with '%'", "percent": "with 'percent'", "per cent": "with 'per cent'"}
_MONEY_LABELS = {
    "abbreviated": "abbreviated ('£5m', '$1.5bn')",
    "words": "in words ('£5 million')",
    "figures": "in full figures ('£5,000,000')",
}




def _minority(spec: RuleSpec, doc: Document, items: Sequence[tuple[int, int, str | None]], what: str,
              labels: dict[str, str]) -> list[Hit]:
    """Each item in a form other than the article's majority (ties: the first form used)."""
    counts: dict[str, int] = {}
    for _, _, form in items:
        if form is not None:
            counts[form] = counts.get(form, 0) + 1
    if len(counts) < 2:
        return []
    first = {form: i for i, (_, _, form) in reversed(list(enumerate(items))) if form is not None}
    majority = max(counts, key=lambda f: (counts[f], -first[f]))
    hits = []
    for start, end, form in items:
        if form is None or form == majority:
            continue
        match = doc.text[start:end]
        message = format_message(spec.message, (match,), match=match, what=what, found=labels[form],
                                 expected=labels[majority], count=str(counts[majority]))
        hits.append(Hit(start, end, message))
    return hits


def _grouping(spec: RuleSpec, doc: Document, found: list[Mention]) -> list[Hit]:
    """Figures from 1,000 written without the thousands comma the article uses elsewhere.

    Four-digit figures are judged against four-digit figures first: some houses group only
    from 10,000, and there "1500" beside "25,000" is right.
    """
    candidates = [m for m in found if m.value is not None and m.value >= 1000 and m.value == int(m.value)
                  and "." not in m.text and (m.grouped or m.text.isdigit())]
    counted = [m for m in candidates if m.grouped or _ungrouped_count(doc, m)]
    grouped = [m for m in counted if m.grouped]
    if not grouped:
        return []
    four_grouped = any(m.value is not None and m.value < 10_000 for m in grouped)
    four_plain = [m for m in counted if not m.grouped and m.value is not None and m.value < 10_000]
    hits = []
    for m in counted:
        if m.grouped:
            continue
        assert m.value is not None
        if m.value < 10_000 and not four_grouped and len(four_plain) > 1:
            continue  # the article consistently writes four-digit figures without a comma
        example = grouped[0].text
        message = format_message(spec.message, (m.text,), match=m.text, what="a figure from 1,000",
                                 found="without a thousands comma", expected=f"with one (as '{example}')",
                                 count=str(len(grouped)))
        grouped_text = f"{int(m.value):,}"
        hits.append(Hit(m.start, m.end, message, (grouped_text,), Fix((Edit(m.start, m.end, grouped_text),), safe=False)))
    return hits


def _ungrouped_count(doc: Document, m: Mention) -> bool:
    """An ungrouped figure that counts something: not a year, name, code, time or address."""
    if m.year or m.sentence_start:
        return False
    if m.exception == "unit, ordinal, code or measurement":
        # "10000m" beside "5,000m"; but "1500m" is how athletics names its events.
        return m.value is not None and m.value >= 10_000 and attached_unit(doc, m)
    return m.exception in (None, "money", "unit or money", "range, score or ratio") and len(m.text) <= 11


_COMPOUND_AFTER = re.compile(r"-[a-z]")


def _ranges(spec: RuleSpec, doc: Document, found: list[Mention]) -> list[Hit]:
    """'3' and 'three' (or '12' and 'twelve') as counts in one article: the minority form."""
    hits: list[Hit] = []
    for low, high in ((2, 9), (10, 99)):
        items = []
        for m in found:
            if m.value is None or not low <= m.value <= high or m.value != int(m.value):
                continue
            if m.exception is not None or m.sentence_start or m.year or m.grouped:
                continue
            if _COMPOUND_AFTER.match(doc.prose, m.end):
                continue  # "a 30-year mortgage", "a 5-point plan": a compound adjective, not a count
            items.append((m.start, m.end, "words" if m.word else "figures"))
        labels = {"words": "in words", "figures": "as a figure"}
        what = "a number from two to nine" if low == 2 else "a number from 10 to 99"
        hits += _minority(spec, doc, items, what, labels)
    return hits


_LIST_HEAD = re.compile(
    r"\b(?P<num>%s|\d{1,2})\s+(?P<noun>(?:[A-Za-z-]+\s+){0,3}?[a-z-]*[a-z]s)"
    r"\s*(?P<sep>:|\s-\s|\s?\u2013\s|\u2014|\()\s*"
    % "|".join(w for w in WORD_VALUES if w not in ("zero", "one")),
    re.IGNORECASE,
)
# Where a list head can start: a number word (`word_starts`) or this, one or two digits at
# a word's start before a space.
_LIST_DIGITS = re.compile(r"\d(?<!\w.)\d?\s")
# Only "and" closes a full list: "one of the four banks - A or B" names some, not all.
_ITEM_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
_ITEM = re.compile(r"[A-Z0-9][\w'\u2019.&-]*(?:\s+(?:(?:of|the|de|du|la|von|van|al|bin|upon|on|&)\s+)*[A-Z0-9][\w'\u2019.&-]*){0,4}")


def _list_check(spec: RuleSpec, scope: Scope) -> Check:
    def check(doc: Document) -> Iterator[Hit]:
        prose = doc.prose
        starts = sorted(word_starts(doc) + [m.start() for m in _LIST_DIGITS.finditer(prose)])
        if not starts:
            return
        for sentence in doc.sentences:
            # The heads in this sentence, trying the pattern only where a number starts.
            first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
            if first == last:
                continue
            for m in gated_finditer(_LIST_HEAD, prose, starts[first:last], sentence.end):
                if not scope.allows(doc, m.start(), m.end()):
                    continue
                count = _count_value(m.group("num"))
                if count is None or count < 2:
                    continue
                items = _list_items(prose, m.end(), sentence.end, m.group("sep"))
                if items is None or len(items) < 2 or len(items) == count:
                    continue
                match = prose[m.start("num") : m.end("noun")]
                message = format_message(spec.message, (match,), match=match, count=str(count),
                                         items=str(len(items)), listed=", ".join(items))
                yield Hit(m.start("num"), m.end("noun"), message)

    return check


def _count_value(text: str) -> int | None:
    lower = text.lower()
    if lower.isdigit():
        return int(lower)
    return WORD_VALUES.get(lower)


def _list_items(prose: str, start: int, end: int, sep: str) -> list[str] | None:
    """The items of a list of names after a colon, dash or bracket; None when it is not
    plainly such a list (lowercase phrases, a clause, no 'and'/'or' before the last)."""
    stop = prose.find(")", start, end) if sep == "(" else -1
    if stop == -1:
        dash = re.search(r"\s[-\u2013]\s|\u2014|;|\.(?=\s|$)|:", prose[start:end])
        stop = start + dash.start() if dash else end
    text = prose[start:stop].rstrip(" .")
    items: list[str] = []
    pos = 0
    joined = False
    while pos < len(text):
        item = _ITEM.match(text, pos)
        if not item:
            return None
        items.append(item.group())
        pos = item.end()
        if pos >= len(text):
            break
        glue = _ITEM_SPLIT.match(text, pos)
        if not glue:
            if joined:
                break  # the sentence goes on after the last item
            return None
        if "and" in glue.group():
            if joined:
                return None  # "and" twice: nested lists, not one
            joined = True
        pos = glue.end()
    return items if joined else None


_FROM_TO = re.compile(
    r"\bfrom\s+(?P<a>\d+(?:\.\d+)?)(?:\s?(?:%|per\s?cent|percent))?\s+to\s+"
    r"(?P<b>\d+(?:\.\d+)?)\s?(?:%|per\s?cent|percent)"
    r"|\bto\s+(?P<b2>\d+(?:\.\d+)?)\s?(?:%|per\s?cent|percent)\s*,?\s+from\s+"
    r"(?P<a2>\d+(?:\.\d+)?)\s?(?:%|per\s?cent|percent)",
    re.IGNORECASE,
)
_POINTS = re.compile(r"percentage\s+points?|points?\b", re.IGNORECASE)


def _points_check(spec: RuleSpec, scope: Scope) -> Check:
    def check(doc: Document) -> Iterator[Hit]:
        prose = doc.prose
        percents = [m for m in _allowed(doc, scope) if m.percent is not None and not m.word and m.value is not None]
        if not percents:
            return
        starts = [m.start for m in percents]  # ascending, as mentions are
        for sentence in doc.sentences:
            # Only a percentage in the sentence can be reported.
            first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
            if first == last:
                continue
            for ft in _FROM_TO.finditer(prose, sentence.start, sentence.end):
                a = float(ft.group("a") or ft.group("a2"))
                b = float(ft.group("b") or ft.group("b2"))
                if _POINTS.search(prose, sentence.start, sentence.end):
                    continue
                for m in percents[first:last]:
                    if ft.start() <= m.start < ft.end():
                        continue
                    assert m.value is not None and m.percent is not None
                    if abs(abs(b - a) - m.value) < 1e-9 and m.value not in (a, b) or (
                            abs(abs(b - a) - m.value) < 1e-9 and m.start < ft.start()):
                        match = doc.text[m.start : m.percent[1]]
                        message = format_message(spec.message, (match,), match=match,
                                                 points=_trim_float(m.value), first=_trim_float(a), second=_trim_float(b))
                        yield Hit(m.start, m.percent[1], message, (f"{_trim_float(m.value)} percentage points",))

    return check


def _trim_float(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)
