"""dates: dates a reader can take two ways, weekdays that contradict their date, and
relative days that only the publication date can resolve.

One kind, several checks; a rule picks one with `check`:

- `ambiguous`: a d/m/y or m/d/y date (with /, . or -) whose two readings are both real,
  different dates ("03/04/2022"). Year-first ISO dates are never ambiguous.
- `numeric`: every numeric date, for a house that writes dates in words; the fix spells
  out a date that has one reading, in the rule's `format`.
- `two-digit-year`: a numeric date whose year has two digits ("3/4/22").
- `weekday`: "Tuesday, March 7, 2024" when March 7, 2024 was a Thursday. The year comes
  from the date, else from the publication date; with neither, nothing is checked.
- `relative`: "yesterday", "last Friday", "next Friday", resolved against the publication
  date; the suggestion is the resolved date (ISO 8601). No publication date, no finding.
- `distant-weekday`: a weekday written with a date more than `days` (default 7) from the
  publication date ("Friday, March 22" in a story of March 6).

The detection is ours and strict on purpose: a date library would silently pick one
reading of "03/04/2022" and accept a wrong weekday. Only the standard calendar is used.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Callable, Iterator, NamedTuple

import regex

from newslint import schema
from newslint.deadline import Deadline
from newslint.document import Document
from newslint.finding import Edit, Fix, Hit
from newslint.kinds._pattern import ProseScope as Scope, finditer, format_message
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError

CHECKS = ("ambiguous", "numeric", "two-digit-year", "weekday", "relative", "distant-weekday")
OPTIONS = {
    "check": schema.one_of(*CHECKS),
    "format": schema.string,
    "days": schema.integer,
}
# Dates are facts, not wording: a wrong weekday inside a quotation is still wrong.
# Rules that would rewrite a source's words (relative) set `quotes: skip`.
DEFAULT_QUOTES = "include"
DEFAULT_FORMAT = "{day} {month} {year}"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# AP's forms of a month written with a day.
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
             "Nov.", "Dec.")
_MONTH_NUMBER = {name.lower(): i + 1 for i, name in enumerate(MONTHS)} | {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12}
_WEEKDAY_NUMBER = {name.lower(): i for i, name in enumerate(WEEKDAYS)} | {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6}
_FIELDS = ("day", "month", "mon", "year", "weekday", "iso")

_SPACE = r"[^\S\n]+"
_MONTH = (r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October"
          r"|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)")
# Bare "Sun", "Sat", "Wed" are words too often (The Sun); abbreviations need their full stop.
_WEEKDAY = (r"(?P<weekday>\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
            r"|\b(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
# A year is four digits that are not the start of a bigger number ("2,000", "2005.5").
_YEAR = rf"(?:,?{_SPACE}(?P<year>1[6-9]\d\d|2[01]\d\d)(?!\d|[.,]\d))?"
_WEEKDAY_DATES = (
    rf"{_WEEKDAY},?{_SPACE}{_MONTH}{_SPACE}{_DAY}{_YEAR}",
    rf"{_WEEKDAY},?{_SPACE}(?:the{_SPACE})?{_DAY}(?:{_SPACE}of)?{_SPACE}{_MONTH}{_YEAR}",
)

# d/m/y or m/d/y, or year first. The boundaries keep out versions (1.2.10.4), ratios and
# odds (4/1), times (10.30), cricket figures (10-2-35-3) and phone numbers.
_NUMERIC = (
    r"(?<![\w.,/:+])(?<!\d-)"
    r"(?:(?P<iy>1\d{3}|2\d{3})(?P<isep>[/.\-])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2}))"
    r"(?![\w/\-]|[.,:]\d)"
)
# Words after which three dotted or dashed numbers are a version, a reference or a score.
_NOT_DATE_BEFORE = frozenset({
    "version", "versions", "v", "ver", "release", "build", "kernel", "firmware", "update",
    "patch", "linux", "ios", "android", "windows", "x", "chapter", "section", "sections",
    "rule", "paragraph", "clause", "article", "page", "pages", "pp", "p", "no", "number",
    "figure", "fig", "table", "tel", "phone", "ref", "reference", "code", "isbn", "score",
    "scores", "formation", "odds", "figures", "ip"})
_PREVIOUS_WORD = r"(\w+)[^\w\n]{0,3}\Z"  # on the same line; \Z: "$" would also match before a final newline

_RELATIVE = (
    r"(?<!\b[Tt]he\s+)\b(?:(?P<dir>[Ll]ast|[Nn]ext)\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday)|(?P<word>[Tt]he day before yesterday|[Tt]he day after tomorrow"
    r"|[Yy]esterday|[Tt]omorrow))\b"
)
# The patterns above are compiled the first time a text has what they need: these cheap
# tests pass on every text a pattern can match (a weekday and a month; two separators
# between digits; the words of a relative date), and skip most others.
# (Plain substring tests: `in` runs in C, where an alternation is tried at every character.)
_WEEKDAY_HINTS = (*WEEKDAYS, "Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thur.", "Thurs.", "Fri.", "Sat.", "Sun.")
_MONTH_HINTS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NUMERIC_HINT = re.compile(r"\d[/.\-]\d\d?[/.\-]\d")
_RELATIVE_HINT = re.compile(r"esterday|omorrow|[Ll]ast\s|[Nn]ext\s")


@functools.cache
def _compiled(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)


_RELATIVE_DAYS = {"the day before yesterday": -2, "yesterday": -1, "tomorrow": 1, "the day after tomorrow": 2}


class NumericDate(NamedTuple):
    start: int
    end: int
    year_start: int
    two_digit_year: bool
    # Distinct real dates the text can mean: month-first (US) reading first.
    readings: tuple[dt.date, ...]


class WeekdayDate(NamedTuple):
    start: int
    end: int
    weekday: int
    weekday_end: int  # where the date proper starts (after the weekday and its comma)
    day: int
    month: int
    year: int | None


def compile_rule(spec: RuleSpec) -> Check:
    check = spec.options.get("check")
    if check is None:
        raise OptionError("check", f"a dates rule needs 'check' (one of {', '.join(CHECKS)})")
    fmt = _checked_format(spec.options.get("format", DEFAULT_FORMAT))
    days = spec.options.get("days", 7)
    if days < 0:
        raise OptionError("days", "expected a number of days, 0 or more")
    scope = Scope(spec)

    def write(date: dt.date) -> str:
        return format_date(date, fmt)

    builders: dict[str, Callable[[], Check]] = {
        "ambiguous": lambda: _ambiguous(spec, scope, write),
        "numeric": lambda: _numeric(spec, scope, write),
        "two-digit-year": lambda: _two_digit_year(spec, scope),
        "weekday": lambda: _weekday(spec, scope, write),
        "relative": lambda: _relative(spec, scope, write),
        "distant-weekday": lambda: _distant_weekday(spec, scope, write, days),
    }
    return builders[check]()


# A field's format spec may pad or cut it ("{day:02}"), but not to a size that fills
# memory: "{day:99999999999}" asked for 93 GB.
_MAX_WIDTH = 32
_MAX_FORMAT = 200
_NUMBERS_IN_SPEC = re.compile(r"\d+")


def _checked_format(fmt: str) -> str:
    """The rule's date format, if it uses only the known fields with small format specs."""
    import string

    shown = repr(fmt) if len(fmt) <= 60 else repr(fmt[:57] + "...")
    fields = ", ".join(_FIELDS)
    if len(fmt) > _MAX_FORMAT:
        raise OptionError("format", f"date format too long ({len(fmt)} characters; at most {_MAX_FORMAT})")
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError as exc:
        raise OptionError("format", f"bad date format {shown}: use the fields {fields} ({exc})") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in _FIELDS:
            raise OptionError("format", f"bad date format {shown}: unknown field {name[:40]!r} (use {fields})")
        if conversion or "{" in (spec or ""):
            raise OptionError("format", f"bad date format {shown}: a field takes no conversion or nested field")
        if any(int(n) > _MAX_WIDTH for n in _NUMBERS_IN_SPEC.findall(spec or "")):
            raise OptionError("format", f"bad date format {shown}: a width or precision over {_MAX_WIDTH}")
    try:
        format_date(dt.date(2000, 1, 1), fmt)
    except (KeyError, IndexError, ValueError, TypeError) as exc:
        raise OptionError("format", f"bad date format {shown}: use the fields {fields} ({exc})") from None
    return fmt


def format_date(date: dt.date, fmt: str = DEFAULT_FORMAT) -> str:
    return fmt.format(day=date.day, month=MONTHS[date.month - 1], mon=AP_MONTHS[date.month - 1],
                      year=date.year, weekday=WEEKDAYS[date.weekday()], iso=date.isoformat())


# --- checks -------------------------------------------------------------------------------

def _ambiguous(spec: RuleSpec, scope: Scope, write: Callable[[dt.date], str]) -> Check:
    def check(doc: Document) -> Iterator[Hit]:
        for d in _numeric_dates(doc, scope):
            if len(d.readings) < 2:
                continue
            us, uk = (write(r) for r in d.readings)
            match = doc.text[d.start:d.end]
            message = format_message(spec.message, (match, us, uk), match=match, first=us, second=uk)
            yield Hit(d.start, d.end, message, (us, uk))

    return check


def _numeric(spec: RuleSpec, scope: Scope, write: Callable[[dt.date], str]) -> Check:
    def check(doc: Document) -> Iterator[Hit]:
        for d in _numeric_dates(doc, scope):
            written = tuple(write(r) for r in d.readings)
            match = doc.text[d.start:d.end]
            expected = " or ".join(written)
            message = format_message(spec.message, (match, expected), match=match, expected=expected)
            fix = Fix((Edit(d.start, d.end, written[0]),), safe=True) if len(written) == 1 else None
            yield Hit(d.start, d.end, message, written, fix)

    return check


def _two_digit_year(spec: RuleSpec, scope: Scope) -> Check:
    def check(doc: Document) -> Iterator[Hit]:
        for d in _numeric_dates(doc, scope):
            if not d.two_digit_year:
                continue
            match = doc.text[d.start:d.end]
            digits = doc.text[d.year_start:d.end]
            # With a publication date the century is the one nearest it; without, no guess.
            suggestions: tuple[str, ...] = ()
            if doc.published is not None:
                suggestions = (str(_nearest_century(int(digits), doc.published.year)),)
            message = format_message(spec.message, (match,), match=match, year=digits)
            yield Hit(d.start, d.end, message, suggestions)

    return check


def _weekday(spec: RuleSpec, scope: Scope, write: Callable[[dt.date], str]) -> Check:
    def check(doc: Document) -> Iterator[Hit]:
        for w in _weekday_dates(doc, scope):
            date, from_publication = _resolve(w, doc.published)
            if date is None:
                # 2000 was a leap year: without a year only impossible days are reported.
                if not _valid(w.year or 2000, w.month, w.day):
                    match = doc.text[w.start:w.end]
                    year = f" {w.year}" if w.year else ""
                    yield Hit(w.start, w.end, f"'{match}': there is no {w.day} {MONTHS[w.month - 1]}{year}.")
                continue
            if date.weekday() == w.weekday:
                continue
            match = doc.text[w.start:w.end]
            actual = WEEKDAYS[date.weekday()]
            stated = WEEKDAYS[w.weekday]
            written = write(date) + (" (the year of publication)" if from_publication else "")
            message = format_message(spec.message, (match, written, actual), match=match, date=written,
                                     actual=actual, stated=stated)
            yield Hit(w.start, w.end, message, (actual,))

    return check


def _relative(spec: RuleSpec, scope: Scope, write: Callable[[dt.date], str]) -> Check:
    def check(doc: Document) -> Iterator[Hit]:
        published = doc.published
        if published is None:
            return
        if not _RELATIVE_HINT.search(scope.text(doc)):
            return
        for m in _search(_compiled(_RELATIVE), doc, scope):
            if _is_a_title(doc, m.start()):
                continue
            if m.group("word"):
                date = published + dt.timedelta(days=_RELATIVE_DAYS[m.group("word").lower()])
            else:
                target = _WEEKDAY_NUMBER[m.group("weekday").lower()]
                # Never the publication day itself: "last Wednesday" in a Wednesday story is a week ago.
                if m.group("dir").lower() == "next":
                    date = published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
                else:
                    date = published - dt.timedelta(days=(published.weekday() - target) % 7 or 7)
            match = m.group()
            written = f"{WEEKDAYS[date.weekday()]}, {write(date)}"
            message = format_message(spec.message, (match, written), match=match, date=written,
                                     iso=date.isoformat())
            yield Hit(m.start(), m.end(), message, (date.isoformat(),))

    return check


def _distant_weekday(spec: RuleSpec, scope: Scope, write: Callable[[dt.date], str], days: int) -> Check:
    def check(doc: Document) -> Iterator[Hit]:
        published = doc.published
        if published is None:
            return
        for w in _weekday_dates(doc, scope):
            date, _ = _resolve(w, published)
            if date is None or abs((date - published).days) <= days:
                continue
            match = doc.text[w.start:w.end]
            rest = doc.text[w.weekday_end:w.end]
            message = format_message(spec.message, (match, rest), match=match, date=rest,
                                     days=str(abs((date - published).days)))
            yield Hit(w.start, w.end, message, (rest,), Fix((Edit(w.start, w.weekday_end, ""),), safe=False))

    return check


# --- finding dates (shared between rules through doc.memo) ----------------------------------

def _search(pattern: regex.Pattern[str], doc: Document, scope: Scope) -> Iterator[regex.Match[str]]:
    for m in finditer(pattern, scope.text(doc), doc.deadline):
        if scope.allows(doc, m.start(), m.end()):
            yield m


def _numeric_dates(doc: Document, scope: Scope) -> Iterator[NumericDate]:
    found = doc.memo("dates.numeric.raw" if scope.raw else "dates.numeric", lambda d: _find_numeric(scope.text(d), d.deadline))
    return (n for n in found if scope.allows(doc, n.start, n.end))


def _weekday_dates(doc: Document, scope: Scope) -> Iterator[WeekdayDate]:
    found = doc.memo("dates.weekday.raw" if scope.raw else "dates.weekday", lambda d: _find_weekday_dates(scope.text(d), d.deadline))
    return (w for w in found if scope.allows(doc, w.start, w.end))


def _find_numeric(text: str, deadline: Deadline) -> list[NumericDate]:
    out: list[NumericDate] = []
    if not _NUMERIC_HINT.search(text):
        return out
    previous_word = _compiled(_PREVIOUS_WORD)
    for m in finditer(_compiled(_NUMERIC), text, deadline):
        deadline.tick()
        previous = previous_word.search(text, max(0, m.start() - 30), m.start())
        if previous and previous.group(1).lower() in _NOT_DATE_BEFORE:
            continue
        if m.group("iy"):
            date = _date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
            if date is not None:
                out.append(NumericDate(m.start(), m.end(), m.start("iy"), False, (date,)))
            continue
        if _link_stamp(text, m.start(), m.end()):
            continue
        a, b, year_text, sep = m.group("a"), m.group("b"), m.group("y"), m.group("sep")
        two_digit = len(year_text) == 2
        # "2.6.11" is a version and "4-4-22" a tally; dotted and dashed dates with a short
        # year are written with two-digit days and months.
        if two_digit and sep != "/" and (len(a) < 2 or len(b) < 2):
            continue
        year = (2000 + int(year_text) if int(year_text) < 50 else 1900 + int(year_text)) if two_digit else int(year_text)
        if not two_digit and not 1000 <= year <= 2999:
            continue
        readings = tuple(dict.fromkeys(r for r in (_date(year, int(a), int(b)), _date(year, int(b), int(a))) if r))
        if readings:
            out.append(NumericDate(m.start(), m.end(), m.start("y"), two_digit, readings))
    return out


# The words of a related-link line: a headline, not a sentence.
_MAX_LINK_WORDS = 20


def _link_stamp(text: str, start: int, end: int) -> bool:
    """A date alone in brackets at the end of a short line that is no sentence: the date
    stamp of a list of related links ("Merkel meets Putin in Sochi (03.02.2017)"), the
    outlet's furniture rather than prose to edit."""
    if text[start - 1 : start] != "(" or text[end : end + 1] != ")":
        return False
    line_end = text.find("\n", end)
    if text[end + 1 : line_end if line_end != -1 else len(text)].strip():
        return False
    line_start = text.rfind("\n", 0, start) + 1
    title = text[line_start : start - 1].rstrip()
    return bool(title) and title[-1] not in ".!?;:," and len(title.split()) <= _MAX_LINK_WORDS


def _find_weekday_dates(text: str, deadline: Deadline) -> list[WeekdayDate]:
    found: dict[int, WeekdayDate] = {}
    if not any(w in text for w in _WEEKDAY_HINTS) or not any(m in text for m in _MONTH_HINTS):
        return []
    for pattern in _WEEKDAY_DATES:
        for m in finditer(_compiled(pattern), text, deadline):
            deadline.tick()
            month = _MONTH_NUMBER[m.group("month").rstrip(".").lower()]
            day = int(m.group("day"))
            if day == 0:
                continue
            year = int(m.group("year")) if m.group("year") else None
            weekday_end = m.end("weekday")
            while weekday_end < m.end() and text[weekday_end] in ", \t\u00a0":
                weekday_end += 1
            w = WeekdayDate(m.start(), m.end(), _WEEKDAY_NUMBER[m.group("weekday").rstrip(".").lower()],
                            weekday_end, day, month, year)
            if m.start() not in found or found[m.start()].end < w.end:
                found[m.start()] = w
    return [found[k] for k in sorted(found)]


def _is_a_title(doc: Document, offset: int) -> bool:
    """A capital mid-sentence ("Tomorrow's World", "Next Friday Club") is a name, not a day."""
    if not doc.text[offset].isupper():
        return False
    region = doc.region_at(offset)
    before = doc.prose[region.start if region else 0:offset].rstrip(" \t\u00a0\"'\u201c\u2018(")
    return bool(before) and before[-1] not in ".!?:"


# --- calendar --------------------------------------------------------------------------------

def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _valid(year: int, month: int, day: int) -> bool:
    return _date(year, month, day) is not None


def _nearest_century(two_digits: int, around: int) -> int:
    return min((c + two_digits for c in range(around // 100 * 100 - 100, around // 100 * 100 + 200, 100)),
               key=lambda y: abs(y - around))


def _resolve(w: WeekdayDate, published: dt.date | None) -> tuple[dt.date | None, bool]:
    """The date a weekday phrase names, and whether its year came from the publication date."""
    if w.year is not None:
        return _date(w.year, w.month, w.day), False
    if published is None:
        return None, False
    # A story of late December that mentions "Friday, January 3" means next January.
    candidates = [d for y in (published.year - 1, published.year, published.year + 1)
                  if (d := _date(y, w.month, w.day)) is not None]
    if not candidates:
        return None, True
    return min(candidates, key=lambda d: abs((d - published).days)), True
