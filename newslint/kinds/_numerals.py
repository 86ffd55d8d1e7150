"""Find every number in a document's prose once, and judge where figures are the rule.

A figure ("1,500", "3") or a spelled-out number ("three", "twenty-one") becomes a Mention
with the reason, if any, that figures are right there whatever the house spells out:
ages, money, percentages, units, times, dates, scores, ratios, decimals, addresses,
designators ("No 10", "page 4"), names ("Nord Stream 2", "Radio 4", "G8") and ranges. The
reasons come from a few words either side, never beyond the paragraph; where the context is
unclear a figure is given a reason rather than reported (precision first). Four-digit
figures from 1000 to 2099 are read as years unless the context counts something.
"""

from __future__ import annotations

import math
import re
import string
from typing import Iterable, Iterator, NamedTuple, Sequence

from newslint.document import Document

_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_SMALL)}
WORD_VALUES.update({w: 10 + i for i, w in enumerate(_TEENS)})
WORD_VALUES.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})

# A figure not preceded by a digit, "." or ",": the lookbehind comes after the first digit so
# that the pattern opens with a character class, which `re` skips to in C (the same matches
# as r"(?<![\d.,])\d+(?:[.,:/]\d+)*", three times faster).
_FIGURE = re.compile(r"\d(?<![\d.,]\d)\d*(?:[.,:/]\d+)*")
_WORD = re.compile(
    r"\b(?:(?:%s)(?:[-\u2010 ](?:%s)\b)?|%s|%s)\b" % ("|".join(_TENS), "|".join(_SMALL[1:]), "|".join(_TEENS), "|".join(_SMALL[1:])),
    re.IGNORECASE,
)
# The non-ASCII letters that re.IGNORECASE matches to an ASCII letter ("\u017f", long s, is an
# "s"); tests/test_kinds_numbers.py checks this against every code point.
ASCII_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _word_gate(words: Iterable[str]) -> re.Pattern[str]:
    """A quick first pass for r"\b(?:words)\b" under re.IGNORECASE: it matches wherever that
    does, and at a few mixes of one word's first letter with another's rest ("tne"), so
    `gated_finditer` confirms each start with the full pattern.

    An IGNORECASE pattern, or one that opens with \b, is tried at every character; this one
    opens with a plain class of the words' first letters, which `re` skips to in C, and
    checks the word boundary with a lookbehind once past that letter.
    """
    initials = sorted({w[0].lower() for w in words})
    letters = "".join(c + c.upper() + ASCII_FOLDS.get(c, "") for c in initials)
    rest = _trie([w[1:].lower() for w in words])
    return re.compile(rf"[{letters}](?<!\w.)(?i:{rest})\b")


def _trie(words: Iterable[str]) -> str:
    """A pattern for any of `words` as a tree of shared beginnings ("e(?:n|ven(?:t(?:een|y))?)"):
    re tries the alternatives of an IGNORECASE alternation one by one, a tree a letter at a time."""
    branches: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        branches.setdefault(word[:1], []).append(word[1:])
    ends = branches.pop("", None) is not None  # a word ends here
    alternatives = [re.escape(first) + _trie(rests) for first, rests in sorted(branches.items())]
    if not alternatives:
        return ""
    if len(alternatives) == 1 and not ends:
        return alternatives[0]
    return "(?:%s)%s" % ("|".join(alternatives), "?" if ends else "")


def gated_finditer(pattern: re.Pattern[str], text: str, starts: Sequence[int],
                   endpos: int | None = None) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text, starts[0], endpos)` gives, trying `pattern` only at
    `starts` (ascending), which must hold every offset where it can match; `pattern` must
    not match the empty string."""
    stop = len(text) if endpos is None else endpos
    end = -1
    for start in starts:
        if start < end:
            continue  # inside the previous match, as finditer never overlaps
        m = pattern.match(text, start, stop)
        if m is not None:
            end = m.end()
            yield m


# Every place a spelled-out number can start: a number word, whole.
_WORD_GATE = _word_gate(_SMALL[1:] + _TEENS + _TENS)
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# A figure beside another figure with only a space between: a phone number or a code.
_PHONE_AFTER = re.compile(r"\s\d")
_PHONE_BEFORE = re.compile(r"\d\s$")
# "between 2200 and 0700": the leading zero makes both a 24-hour time.
_TIME_RANGE_BEFORE = re.compile(r"\b0\d{3}\s*(?:and|to|-|\u2013)\s*$")
# Capitalised words after a figure name something ("6 Music", "2 Wikid Records label"),
# unless the run ends in a plural ("2 Golden Globes", "4 Britons") or goes on to a
# lowercase plural ("2 Texas bank accounts"): those are counts.
_TITLE_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'\u2019&-]*(?:\.[\w'\u2019&-]+)*(?![\w'\u2019&-]))+(?!\s+[A-Z])(?<![^s\W]s)(?<!men)"
    r"(?!\s+(?:[a-z-]+\s+){0,2}[a-z]+(?:[^s\W]s|men|people|staff)\b)")
_TITLE_BEFORE = re.compile(r"[A-Z][\w'\u2019-]*\s+$")
_CURRENCY_BEFORE = re.compile(r"(?:[£$€¥₹]|\b(?:US|A|C|NZ|HK|S)\$|\b(?:Rs|EUR|USD|GBP)\.?\s?)$")
_PERCENT_AFTER = re.compile(r"(%)|\s?(per cent|percent)\b|-(per-cent|percent)\b", re.IGNORECASE)
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_MONTH = re.compile(rf"(?:{_MONTHS})\.?$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'\u2019]*(?:\.[A-Za-z]+)*\.?)")
_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z'\u2019]*)(\.?)\s+$")
_PREV_WORD_CHARS = string.ascii_letters + "'\u2019"
# Words after a figure that make figures right whatever the house spells out.
_UNIT_AFTER = frozenset("""
    km kms kilometre kilometres kilometer kilometers mile miles metre metres meter meters
    m cm mm ft foot feet inch inches yard yards yd yds kg kgs kilo kilos kilogram kilograms
    g gram grams lb lbs pound pounds oz ounce ounces stone st tonne tonnes ton tons litre litres
    liter liters gallon gallons pint pints mph kph kmh knots degree degrees c f acre acres
    hectare hectares sq square cubic gb mb kb tb ghz mhz khz mbps kbps gbps megapixel megapixels
    megabit megabits megabyte megabytes gigabyte gigabytes terabyte terabytes bit bits
    watt watts kw mw kwh volt volts v carat carats calories cc bhp hp rpm
    p pence penny cent cents euro euros dollar dollars yen franc francs rupee rupees rouble roubles
    yuan won krona kronor peso pesos quid
    million millions billion billions trillion trillions bn m tn k
    min mins sec secs hr hrs h s
    x percentage basis bp bps
""".split())
# "per" makes a unit only before one ("5 per kg", "3 per 1,000"); "4 per year" is a rate,
# a count that the house's numeral style covers.
_PER_UNIT = re.compile(r"\s*per\s+(?:\d|([A-Za-z]+))")
_TIME_AFTER = frozenset("am pm a.m. p.m. gmt bst et est pst cet utc o'clock hrs".split())
_TIME_RANGE = re.compile(r"\s*(?:and|to|-|\u2013)\s*0\d{3}\b|\s+local\s+time\b")
# Words before a figure that make it a designator, an age or a date.
_DESIGNATOR_BEFORE = frozenset("""
    no nos number numbers page pages chapter chapters room vol volume level grade category size
    step platform row gate junction route game round seed stage section article clause flight
    heat track lane tier version rule part phase lap hole court division class exhibit
    series season act scene verse paragraph item question option channel figure table type
    mark model formula pc aged age ages par wave window bus ward box floor unit block zone
    ranked rank plus minus edition magnitude
""".split())
_AGE_AFTER = re.compile(r"(?:\s+|-)(?:years?|months?|weeks?)(?:\s+|-)old\b|-year-old|\s+year-old", re.IGNORECASE)
# "who is 36", "she turned 40": an age, though no "years old" follows.
_AGE_BEFORE = re.compile(r"\b(?:who|he|she)\s+(?:is|was|turns|turned|will\s+turn|will\s+be|would\s+have\s+been)\s+$",
                         re.IGNORECASE)
_AGE_VERBS = frozenset("is was turns turned turn be been".split())
_CLAUSE_END = re.compile(r"\s*(?:[.,;:)]|$|(?:and|but|when|on|in|next|this|last)\b)")
_UNIT_COMPOUND = re.compile(
    r"-(?:inch|foot|feet|ft|mile|metre|meter|km|kilometre|yard|pound|ton|tonne|litre|gallon|"
    r"acre|hectare|storey|story|under|over|nil|all|love|wood|iron|seater|door|speed|wheel|"
    r"megapixel|bit|megabit|point|pointer|ball|day-old|to-\d|for-\d|up)\b",
    re.IGNORECASE,
)
# The second part of a measurement: "5 feet 9", "2 hours 23 minutes".
_MEASURE_BEFORE = re.compile(
    r"\d\s*(?:feet|foot|ft|stone|st|hours?|hrs?|minutes?|mins?|lbs?|pounds|kg|metres?|m|secs?|seconds?)\s+$")
_STREET = re.compile(
    r"\s+[A-Z][a-z]+\s+(?:Street|Road|Avenue|Lane|Drive|Square|Place|Way|Close|Court|"
    r"Gardens|Terrace|Crescent|Row|Hill|Park)\b"
)
# "5 to 12", "3-1", "2 or 3", "1 in 5", "7 out of 10", "4 x 4": a range, score or ratio.
# "3 for 89": a cricket score (wickets for runs); the runs only after a verb or "at" that
# names a score ("were 3 for 89"; "FTSE 100 for 7 years" is no score). Searched only
# after "for ", which few figures follow.
_SCORE_FOR_BEFORE = re.compile(r"\b(?:at|to|were|was|are|is|took|finished)\s+\d{1,2}\s+for\s+$")
_RANGE_AFTER = re.compile(
    r"\s*(?:-|\u2013|to|and|or|x|\u00d7)\s*[£$€]?\d|\s+(?:in|out of|for)\s+\d", re.IGNORECASE)
_RANGE_BEFORE = re.compile(
    r"\d%?\s*(?:-|\u2013|to|and|or|x|\u00d7)\s*[£$€]?$|(?<![\d.,%])\d+\s+(?:in|out of)\s+$",
    re.IGNORECASE)
_VOTES_TO_BEFORE = re.compile(
    r"\d\s+(?:votes?|goals?|seats?|points?|runs?|wickets?|games?|sets?|frames?|legs?|matches|tries)\s+to\s+$")
_VOTES_TO = re.compile(
    r"\s+(?:votes?|goals?|seats?|points?|runs?|wickets?|games?|sets?|frames?|legs?|matches|tries)"
    r"\s+to\s+\d")
_WORD_RATIO = re.compile(r"\s+(?:in|out of|to|of every|or|and|by|x)\s+(?:\d|(?:%s)\b)" % "|".join(WORD_VALUES), re.IGNORECASE)
_WORD_RATIO_BEFORE = re.compile(r"\b(?:(?:%s)|\d+)\s+(?:in|out of|to|or|and|by)\s+$" % "|".join(WORD_VALUES), re.IGNORECASE)
_LARGER_BEFORE = re.compile(r"\b(?:hundred|thousand)(?:\s+and)?\s+$", re.IGNORECASE)
_LARGE_AFTER = re.compile(r"\s*-?(?:hundred|thousand|million|billion|trillion|m|bn)\b", re.IGNORECASE)
# "trillion" has no common abbreviation, so it says nothing about a house's money style.
_MONEY_WORD = re.compile(r"\s+(million|billion)\b", re.IGNORECASE)
_MONEY_ABBR = re.compile(r"(m|bn|tn)\b")
_COUNT_SIGNAL_BEFORE = re.compile(
    r"\b(?:about|around|some|nearly|almost|approximately|roughly|estimated|another|extra|additional|"
    r"(?:more|fewer|less) than|at least|up to|as many as|as much as|total of|over)\s+$",
    re.IGNORECASE,
)
_COUNT_NOUN_AFTER = re.compile(
    r"\s+(?:(?i:more|new|extra|additional|other|full-time|part-time|young|local|foreign|british|"
    r"american)\s+)?(?:people|jobs|workers|staff|employees|homes|houses|troops|soldiers|"
    r"members|fans|visitors|students|children|users|customers|subscribers|votes|signatures|"
    r"copies|units|cars|residents|pupils|patients|cases|officers|police|passengers|volunteers|"
    r"euros|dollars|pounds|yen|miles|km|tonnes|barrels|shares|sites|stores|shops|branches|"
    r"posts|places|beds|deaths|applications|complaints|calls|emails|e-mails|messages|viruses|"
    r"titles|games|songs|films|tracks|words|pages|metres|feet|runs|seats|fishermen|men|women|"
    r"firefighters|doctors|nurses|teachers|families|victims|refugees|migrants|prisoners|"
    r"journalists|delegates|athletes|players|runners|viewers|listeners|readers|died|"
    r"million|billion|trillion)\b"
)
# A plural after a four-digit figure makes it a count ("2500 volunteers") unless the plural
# is one that years qualify (_YEAR_NOUNS: "2004 results").
_PLURAL_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?([a-z]+(?:[^s\W]s|men)|[A-Z]+s)\b")
# After these a four-digit figure is a year ("in 1989", "the 2004 results", "autumn 2006").
_YEAR_BEFORE = frozenset("""
    in of since until till by during before after the a an its their his her this that on at for early
    late mid season fiscal financial spring summer autumn winter christmas year circa c
""".split())
# These join a year to a year as often as a count to a count: the partner decides.
_RANGE_WORDS = frozenset("from to between and".split())
_YEAR_NOUNS = frozenset("""
    earnings results levels figures sales profits accounts elections prices rates forecasts budgets
    exams games championships finals awards nominations targets losses revenues estimates numbers
    statistics returns olympics polls models editions versions
""".split())
# A range whose other end has a thousands comma counts: "1,000 to 2000 files".
_GROUPED_PARTNER_BEFORE = re.compile(r"\d,\d{3}\s*(?:to|and|or|-|\u2013)\s*$")
_GROUPED_PARTNER_AFTER = re.compile(r"\s*(?:to|and|or|-|\u2013)\s*\d{1,3},\d{3}")
_ATTACHED_UNIT = re.compile(r"(?:m|km|kg|mm|cm|ft|lbs?|bn|tn|p|mph|kph|mw|kw|gb|mb)\b", re.IGNORECASE)
# After "about", "at least" and the like a year is still a year when a clause follows it.
_CLAUSE_AFTER = re.compile(r"\s*(?:[^\w\s]|$|(?:until|when|and|or|to|the|a|in|on|at|for|as|after|before|with|but|if)\b)")
# A capitalised word that may open a sentence before a figure without naming anything.
_OPENERS = frozenset("""
    in on at for by with about only some all of after over around nearly almost just the a and but
    then another those these his her their its our my your up down more than although though while
    when if as because since despite yet so however meanwhile also even both each every many most
    several there here it they we he she last next this that what roughly until unless once where
""".split())
_TIME_NOUNS = frozenset("years months weeks days hours minutes times seasons decades".split())


class Mention(NamedTuple):
    """One number in the prose: a figure ("1,500", "3") or words ("three", "twenty-one")."""

    start: int
    end: int
    text: str
    value: float | None  # None when the figure is not one number ("5:30", "3/4")
    word: bool
    grouped: bool  # written with thousands commas
    exception: str | None  # why figures (or words) are right here whatever the house style
    sentence_start: bool
    year: bool  # a four-digit figure that reads as a year
    percent: tuple[int, int, str] | None  # span and form ("%", "percent", "per cent") of its sign
    money: str | None  # "abbreviated" (£5m), "words" (£5 million) or "figures" (£5,000,000)


def mentions(doc: Document) -> list[Mention]:
    """Every number in the document's prose, classified once and shared by the rules."""
    return doc.memo("numbers.mentions", _scan)


def word_starts(doc: Document) -> list[int]:
    """Ascending offsets in the prose where a whole word is a number word from "one" to
    "ninety" in any case ("two", "Twenty"), and a few near-misses ("tne"): every place a
    spelled-out number or a list head can start."""
    return doc.memo("numbers.word_starts", lambda d: [g.start() for g in _WORD_GATE.finditer(d.prose)])


def _scan(doc: Document) -> list[Mention]:
    prose = doc.prose
    starts = doc.sentence_starts
    tick = doc.deadline.tick  # pure Python for each number: a 4 MiB article holds 300,000
    found = []
    for m in _FIGURE.finditer(prose):
        tick()
        found.append(_figure(m, starts, _context(doc, m)))
    for m in gated_finditer(_WORD, prose, word_starts(doc)):
        tick()
        found.append(_word(m, starts, _context(doc, m)))
    found.sort(key=lambda m: m.start)
    # A small figure with a possessive is a name throughout the article (the operator "3").
    names = {m.text for m in found if not m.word and len(m.text) == 1 and m.exception == "unit, ordinal, code or measurement"
             and prose[m.end : m.end + 2] in ("'s", "\u2019s") and not _TITLE_BEFORE.search(prose, max(0, m.start - 40), m.start)}
    if names:
        found = [m._replace(exception="name") if m.text in names and m.exception is None else m for m in found]
    return found


def _context(doc: Document, m: re.Match[str]) -> tuple[str, str]:
    """Up to 60 characters either side of a number, never beyond its paragraph."""
    region = doc.region_at(m.start())
    low, high = (region.start, region.end) if region is not None else (0, len(doc.prose))
    return doc.prose[max(low, m.start() - 60) : m.start()], doc.prose[m.end() : min(high, m.end() + 60)]


def _figure(m: re.Match[str], starts: frozenset[int], context: tuple[str, str]) -> Mention:
    s, e, text = m.start(), m.end(), m.group()
    before, after = context
    grouped = bool(_GROUPED.fullmatch(text))
    plain = text.replace(",", "") if grouped else text
    value: float | None
    try:
        value = float(plain)
    except ValueError:
        value = None
    if value is not None and not math.isfinite(value):
        value = None  # hundreds of digits: a code, not a quantity
    percent = None
    pm = _PERCENT_AFTER.match(after)
    if pm:
        form = pm.group(1) or (pm.group(2) or pm.group(3) or "").lower().replace("-", " ")
        percent = (e + pm.start(pm.lastindex or 0), e + pm.end(pm.lastindex or 0), form)
    currency = bool(_ends_with(_CURRENCY_BEFORE, before, 6))
    money = _money_form(after, value, grouped) if currency else None
    exception = _exception(s, text, before, after, value, grouped, currency, percent, starts)
    year = (
        not grouped and value is not None and len(text) == 4 and 1000 <= value <= 2099
        and not currency and percent is None and not _counted(before, after)
    )
    return Mention(s, e, text, value, False, grouped, exception, s in starts, year, percent, money)


def _ends_with(pattern: re.Pattern[str], before: str, longest: int) -> re.Match[str] | None:
    """`pattern.search(before)` for a pattern anchored by `$` whose matches are at most
    `longest` characters long (a final newline included): searched from where one can
    start, not from every character of the context."""
    return pattern.search(before, max(0, len(before) - longest))


def _prev_word(before: str) -> re.Match[str] | None:
    """`_PREV_WORD.search(before)`, searched from where its match can start: a match is the
    context's last word, an optional "." and whitespace, so it starts no earlier than what
    stripping those leaves (a search from the start tries every letter of the context)."""
    start = len(before.rstrip().rstrip(".").rstrip(_PREV_WORD_CHARS))
    return _PREV_WORD.search(before, start)


def _money_form(after: str, value: float | None, grouped: bool) -> str | None:
    if _MONEY_ABBR.match(after):
        return "abbreviated"
    if _MONEY_WORD.match(after):
        return "words"
    if grouped and value is not None and value >= 1_000_000:
        return "figures"
    return None


def _counted(before: str, after: str) -> bool:
    """A four-digit figure from 1000 to 2099 that counts something rather than naming a year."""
    if _COUNT_NOUN_AFTER.match(after):
        return True
    pw = _prev_word(before)
    prev_word = pw.group(1).lower() if pw else ""
    if prev_word in _YEAR_BEFORE or prev_word.endswith(("'s", "s'", "\u2019s")) or _MONTH.fullmatch(prev_word):
        return False
    if _GROUPED_PARTNER_BEFORE.search(before) or _GROUPED_PARTNER_AFTER.match(after):
        return True  # "1,000 to 2000 music files", "from 2000 to 30,000"
    if prev_word in _RANGE_WORDS:
        return False
    if before[-1:] in "-\u2013/" or _COUNT_SIGNAL_BEFORE.search(before):
        return not _CLAUSE_AFTER.match(after)
    plural = _PLURAL_AFTER.match(after)
    return plural is not None and plural.group(1) not in _YEAR_NOUNS


def _exception(s: int, text: str, before: str, after: str, value: float | None, grouped: bool,
               currency: bool, percent: tuple[int, int, str] | None, starts: frozenset[int]) -> str | None:
    if currency:
        return "money"
    if percent is not None:
        return "percentage"
    if value is None or not (grouped or text.isdigit()):
        return "time, ratio, fraction or decimal" if ("." in text or ":" in text or "/" in text) else "list of figures"
    if text.startswith("0") and len(text) > 1:
        return "name or code"  # "007", a dialling code
    # A space stands in for the edge of the text so that `in` tests never see "".
    prev = before[-1:] or " "
    nxt = after[:1] or " "
    if prev.isalpha() or prev == "-" and before[-2:-1].isalpha() or prev in "#+=_&@'\u2019":
        return "name or code"
    if nxt.isalpha() or nxt in "+=_@\u00b0'\u2019\"\u2032\u2033":
        return "unit, ordinal, code or measurement"  # "5m", "3G", "2+2", 5' 10"
    if prev.isdigit() or _PHONE_AFTER.match(after) or _ends_with(_PHONE_BEFORE, before, 3):
        return "phone number or code"  # "0800 028 9276"
    if _TIME_RANGE.match(after) or _TIME_RANGE_BEFORE.search(before):
        return "time"  # "between 2200 and 0700", "2100 local time"
    if prev in "-\u2013/:" or nxt in "/:" or _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
        return "range, score or ratio"
    if before.endswith("for ") and _ends_with(_SCORE_FOR_BEFORE, before, 30):
        return "range, score or ratio"
    if nxt in "-\u2013":
        if _AGE_AFTER.match(after):
            return "age"
        if _UNIT_COMPOUND.match(after):
            return "measurement or score"
        if after[1:2].isupper():
            return "name"  # "3-Series"
        return None
    if nxt == ")":
        return "list marker"  # "1) If ..."
    if _AGE_AFTER.match(after):
        return "age"
    if _MEASURE_BEFORE.search(before):
        return "measurement"
    if _VOTES_TO.match(after) or _VOTES_TO_BEFORE.search(before):
        return "score or result"
    if _STREET.match(after):
        return "address"
    nw = _NEXT_WORD.match(after)
    next_word = nw.group(1) if nw else ""
    if s in starts and next_word[:1].isupper():
        return "name"  # "50 Cent", "1 Roger Federer (Switzerland)"
    if next_word.lower() in _TIME_AFTER:
        return "time"
    if next_word.lower().rstrip(".") in _UNIT_AFTER or next_word.lower() in _UNIT_AFTER:
        return "unit or money"
    if next_word.lower() == "per":
        per = _PER_UNIT.match(after)
        if per is not None and (per.group(1) is None or per.group(1).lower() in _UNIT_AFTER):
            return "unit or money"
    if _MONTH.match(next_word):
        return "date"
    if _TITLE_AFTER.match(after):
        return "name"  # "6 Music", "2 Wikid Records label"
    pw = _prev_word(before)
    prev_word = pw.group(1) if pw else ""
    if prev_word:
        lower = prev_word.lower()
        if lower in _DESIGNATOR_BEFORE:
            return "designator or age"
        if lower in _AGE_VERBS and _age_after_verb(before, after):
            return "age"  # "the driver, who is 36, ..."
        if _MONTH.fullmatch(prev_word + (pw.group(2) if pw else "")):
            return "date"
        if (any(c.isupper() for c in prev_word) and not prev_word.endswith(("'s", "\u2019s")) and lower not in _OPENERS
                and next_word.lower().rstrip("'\u2019") not in _TIME_NOUNS):
            return "name"  # "Nord Stream 2", "Apollo 11", "Radio 4"; not "Lisbon 5 years ago"
    if nxt in ",)" and re.search(r"[A-Za-z][a-z'\u2019-]*,\s$", before):
        return "age"  # "John Smith, 8, was ...", "the girl, 4, ..."
    if before.endswith("(") and nxt == ")":
        return "list marker or age"
    return None


def _age_after_verb(before: str, after: str) -> bool:
    """"who is 36", "she turned 40,": asked only after one of the verbs."""
    if not _ends_with(_AGE_BEFORE, before, 40):
        return False
    return not after or after[0] in ".,;:)" or after[0].isspace() and _CLAUSE_END.match(after) is not None


def _word(m: re.Match[str], starts: frozenset[int], context: tuple[str, str]) -> Mention:
    s, e, text = m.start(), m.end(), m.group()
    parts = re.split(r"[-\u2010 ]", text.lower())
    value = float(sum(WORD_VALUES[p] for p in parts))
    before, after = context
    exception = _word_exception(text, before, after, s in starts)
    percent = None
    pm = _PERCENT_AFTER.match(after)
    if pm:
        form = pm.group(1) or (pm.group(2) or pm.group(3) or "").lower().replace("-", " ")
        percent = (e + pm.start(pm.lastindex or 0), e + pm.end(pm.lastindex or 0), form)
        exception = exception or "percentage"
    return Mention(s, e, text, value, True, False, exception, s in starts, False, percent, None)


def _word_exception(text: str, before: str, after: str, at_start: bool) -> str | None:
    prev, nxt = before[-1:] or " ", after[:1] or " "
    if prev in "-\u2013/" or prev.isalnum() or nxt == "-" or nxt.isalnum():
        return "part of a compound"
    if text[0].isupper() and not at_start:
        return "name"
    pw = _prev_word(before)
    prev_word = pw.group(1).lower() if pw else ""
    if prev_word == "point":
        return "decimal in words"  # "one point three per cent"
    if _LARGER_BEFORE.search(before):
        return "part of a larger number"  # "two hundred and thirty canoes"
    if _LARGE_AFTER.match(after) or _PERCENT_AFTER.match(after):
        return "large number or percentage"
    if _WORD_RATIO.match(after) or _WORD_RATIO_BEFORE.search(before):
        return "ratio or range"
    if _AGE_AFTER.match(after):
        return "age"
    if re.match(r"\s+times\b", after):
        return "multiplier"  # "ten times more": an idiom houses leave in words
    if prev_word in {"top", "a", "number", "no", "chapter", "page", "aged"}:
        return "idiom or designator"  # "the top ten", "a twenty" (a note), "page ten"
    return None


def money_end(doc: Document, m: Mention) -> int:
    """Where a sum of money ends: past "m", "bn", "million" or "billion" after the figure."""
    after = doc.prose[m.end : m.end + 20]
    found = _MONEY_ABBR.match(after) or _MONEY_WORD.match(after)
    return m.end + found.end() if found else m.end


def attached_unit(doc: Document, m: Mention) -> bool:
    """A unit written onto the figure: "10000m", "£5000m"."""
    return bool(_ATTACHED_UNIT.match(doc.prose, m.end))


def spell(n: int) -> str | None:
    """English words for 0-999 ("twenty-one", "three hundred and five"); None beyond."""
    if n < 0 or n > 999:
        return None
    if n < 10:
        return _SMALL[n]
    if n < 20:
        return _TEENS[n - 10]
    if n < 100:
        tens, units = divmod(n, 10)
        return _TENS[tens - 2] + (f"-{_SMALL[units]}" if units else "")
    hundreds, rest = divmod(n, 100)
    head = f"{_SMALL[hundreds]} hundred"
    return head if not rest else f"{head} and {spell(rest)}"
