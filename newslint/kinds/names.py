"""names: one person or place spelt one way per article.

A rule of this kind does one of three checks (`check`):

- `variants`: two capitalised names that differ by a small edit (a swapped, doubled,
  dropped or changed letter, diacritics, a transliteration listed in `variants`) and that
  the article's own evidence says are the same name. The minority spelling is reported
  with the majority one as the suggestion.
- `first_reference`: the first mention of a person is the bare surname and the full
  name only comes later.
- `house`: preferred spellings from `spellings` (Kyiv, not Kiev), with exception
  contexts and a safe fix.

Names in direct quotations count as mentions, but a quoted spelling is never reported
when the same spelling also stands outside quotations (the writer's copy is the place
to fix it, and a source's words are not rewritten).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain
import unicodedata
from typing import Any, Callable, Iterator, Mapping, NamedTuple

import regex

from newslint import schema
from newslint.deadline import Deadline
from newslint.document import Document, Region
from newslint.finding import Edit, Fix, Hit
from newslint.kinds._pattern import Deferred, compile_pattern, format_message
from newslint.rules import Check, RuleSpec
from newslint.schema import OptionError


def _name_groups(key: str) -> schema.Validator:
    """A list of groups (lists of two or more spellings): known-distinct pairs, same-name sets."""

    def check(value: Any) -> list[list[str]]:
        if not isinstance(value, list):
            raise OptionError(key, "expected a list of lists of names")
        groups = []
        for item in value:
            if not isinstance(item, list) or len(item) < 2 or not all(isinstance(v, str) and v.strip() for v in item):
                raise OptionError(key, f"expected a list of two or more names, got {schema.shown(item)}")
            groups.append([v.strip() for v in item])
        return groups

    return check


def _spellings(value: Any) -> dict[str, tuple[list[str], list[str]]]:
    """`Preferred: [variants]` or `Preferred: {variants: [...], exceptions: [...]}`."""
    if not isinstance(value, dict) or not value:
        raise OptionError("spellings", "expected a mapping of preferred spellings to their variants")
    out: dict[str, tuple[list[str], list[str]]] = {}
    for preferred, entry in value.items():
        if isinstance(entry, dict):
            unknown = set(entry) - {"variants", "exceptions"}
            if unknown:
                raise OptionError("spellings", f"unknown key {schema.shown(sorted(map(str, unknown))[0])} under "
                                               f"{schema.shown(preferred)} (expected variants, exceptions)")
            variants, exceptions = entry.get("variants"), entry.get("exceptions", [])
        else:
            variants, exceptions = entry, []
        try:
            variant_list = schema.string_list(variants)
            exception_list = schema.string_list(exceptions)
        except ValueError as exc:
            raise OptionError("spellings", f"{schema.shown(preferred)}: {exc}") from None
        if not variant_list:
            raise OptionError("spellings", f"{schema.shown(preferred)} needs at least one variant")
        out[str(preferred)] = (variant_list, exception_list)
    return out


OPTIONS: Mapping[str, schema.Validator] = {
    "check": schema.one_of("variants", "first_reference", "house"),
    # variants
    "max_distance": schema.integer,
    "min_length": schema.integer,
    "min_majority": schema.integer,
    "same_initial": schema.boolean,
    "distinct": _name_groups("distinct"),
    "variants": _name_groups("variants"),
    "transliterations": schema.string_map,
    "suffixes": schema.string_list,
    "min_length_changed": schema.integer,
    "min_length_titled": schema.integer,
    "not_names": schema.string_list,
    "known_names": schema.string_list,
    # variants and first_reference
    "titles": schema.string_list,
    # first_reference
    "speech_verbs": schema.string_list,
    "not_given_names": schema.string_list,
    # house
    "spellings": _spellings,
}
_KEYS_OF = {
    "variants": frozenset({"max_distance", "min_length", "min_length_changed", "min_length_titled", "min_majority",
                           "same_initial",
                           "distinct", "variants", "transliterations", "suffixes", "not_names", "known_names",
                           "titles", "not_given_names"}),
    "first_reference": frozenset({"titles", "speech_verbs", "not_given_names", "not_names", "min_length"}),
    "house": frozenset({"spellings"}),
}
# Quoted names are mentions; which of them may be reported is decided here, not by the engine.
DEFAULT_QUOTES = "include"

# A capitalised word: O'Brien and Lloyd-Webber are one name; "Peskov's" is "Peskov". A word
# after "#" or "@" is a hashtag or a handle of an embedded post, not a name (#NorthKorea).
_TOKEN = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_'\u2019#@])\p{Lu}[\p{L}\p{M}]*(?:['\u2019]\p{Lu}[\p{L}\p{M}]*|-\p{Lu}[\p{L}\p{M}]*)*"
)
# The lower-case syllable of a hyphenated given name ("Kim Jong-un", "Kim Dong-yub"): Jong-un
# and Dong-yub are two names, not "Jong" and "Dong" one letter apart.
_SYLLABLE = regex.compile(r"-\p{Ll}[\p{L}\p{M}]*(?![\p{L}\p{M}\p{N}_-])")
# Titles that go before a surname, not a first name.
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx"})
_FORMER_NAME = regex.compile(r"\b(?:formerly|previously|known as|called)\s+(?:known as\s+|called\s+)?\Z", regex.IGNORECASE)
_LOWER_RUN = regex.compile(r"\p{Ll}[\p{L}\p{M}]*")
_LETTER = regex.compile(r"[\p{L}\p{M}]")
# A capitalised word longer than this is no one's name (the longest in the BBC dev corpus,
# an album title, has 31 letters); comparing such words letter by letter would cost their
# length squared (a 4 MB "Aaaa..." asked for terabytes).
_LONGEST_NAME = 60


class Mention:
    """One capitalised word and what stands around it. A plain class with slots: an
    article has dozens of mentions, and nothing changes a mention once made."""

    __slots__ = ("start", "end", "form", "prev", "next", "initial", "quoted", "headline", "index",
                 "initial_of_given", "region", "syllable")

    def __init__(self, start: int, end: int, form: str, prev: str | None, next: str | None, initial: bool,
                 quoted: bool, headline: bool, index: int, initial_of_given: str | None = None,
                 region: Region | None = None, syllable: str | None = None) -> None:
        self.start = start
        self.end = end
        self.form = form
        self.prev = prev  # the capitalised word just before (first name or title), same block
        self.next = next  # the capitalised word just after (when this one is a first name)
        self.initial = initial  # first word of a sentence
        self.quoted = quoted
        self.headline = headline
        self.index = index  # position among all mentions
        self.initial_of_given = initial_of_given  # "M" in "M Horan"
        self.region = region  # the block it stands in
        self.syllable = syllable  # "-un" of "Jong-un"


class LowercaseWords:
    """Whether a word stands in the article in lower case (a run of letters and marks that
    begins with a lower-case letter), asked one word at a time. An article asks about a
    few dozen words; collecting every lower-case word of it first costs far more."""

    def __init__(self, prose: str) -> None:
        self._prose = prose
        self._known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        found = self._known.get(word)
        if found is None:
            found = self._known[word] = self._stands_alone(word)
        return found

    def _stands_alone(self, word: str) -> bool:
        if _LOWER_RUN.fullmatch(word) is None:
            return False
        prose, size = self._prose, len(word)
        pos = prose.find(word)
        while pos != -1:
            after = pos + size
            if not (pos and _is_letter(prose[pos - 1])) and not (after < len(prose) and _is_letter(prose[after])):
                return True
            pos = prose.find(word, pos + 1)
        return False


def _is_letter(char: str) -> bool:
    """A letter or mark, as `regex` sees them (\\p{L}, \\p{M}); ASCII without the regex."""
    return char.isalpha() if char.isascii() else _LETTER.match(char) is not None


class Mentions(NamedTuple):
    items: list[Mention]
    lowercase_words: LowercaseWords


def _mentions(doc: Document) -> Mentions:
    """Every capitalised word of the prose, with what stands around it (computed once)."""
    prose = doc.prose
    starts = doc.sentence_starts
    lowercase = LowercaseWords(prose)
    raw = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(prose)]
    regions = [doc.region_at(start) for start, _, _ in raw]
    # linked[i]: words i - 1 and i may form one name (the same block is checked apart:
    # a word looks back only within its block, but forward past it).
    tick = doc.deadline.tick  # pure Python for each word: a 4 MiB article holds a million
    linked = [False]
    for i in range(1, len(raw)):
        tick()
        linked.append(_linked(prose, raw[i - 1][1], raw[i][0], starts))
    linked.append(False)
    quoted = doc.quoted.contains
    items: list[Mention] = []
    for i, (start, end, form) in enumerate(raw):
        tick()
        region = regions[i]
        prev = given_initial = None
        if linked[i] and regions[i - 1] is region:
            before = raw[i - 1][2]
            # "But" opening a sentence is not a first name; an initial (T Bowe) names no one.
            if len(before) > 1:
                if not (raw[i - 1][0] in starts and _lower_first(before) in lowercase):
                    prev = before
            else:
                given_initial = before
        syllable = _SYLLABLE.match(prose, end) if prose.startswith("-", end) else None
        items.append(Mention(
            start, end, form, prev, raw[i + 1][2] if linked[i + 1] else None, start in starts, quoted(start),
            region is not None and region.kind in ("title", "heading"), i, given_initial, region,
            syllable.group() if syllable is not None else None,
        ))
    return Mentions(items, lowercase)


def _is_roster(prose: str, region: Region, cache: dict[int, bool]) -> bool:
    """A block of six or more words, hardly any of them in lower case: a team sheet or a
    list of names, where two similar names are two people far more often than one misspelt."""
    if region.start not in cache:
        words = prose[region.start : region.end].split()
        lower = sum(1 for w in words if w[:1].islower())
        cache[region.start] = len(words) >= 6 and lower <= 0.25 * len(words)
    return cache[region.start]


def _lower_first(word: str) -> str:
    return word[:1].lower() + word[1:]


def _linked(prose: str, end: int, start: int, starts: frozenset[int]) -> bool:
    """Two words form one name when only spaces (one line break at most) or the full stop
    of "Mr." stand between them and the second does not open a sentence."""
    gap = prose[end:start]
    if gap.startswith("."):
        gap = gap[1:]
    return bool(gap) and gap.isspace() and gap.count("\n") <= 1 and start not in starts


def _fold(word: str, transliterations: list[tuple[regex.Pattern[str], str]], deadline: Deadline) -> str:
    """Casefolded, without diacritics, with listed transliteration endings made one (each
    pattern within what is left of the rule's time: they are the user's)."""
    if word.isascii():
        text = word.lower()  # what casefolding and decomposing come to in ASCII
    else:
        text = unicodedata.normalize("NFKD", word.casefold())
        text = "".join(c for c in text if not unicodedata.combining(c))
    for pattern, replacement in transliterations:
        text = pattern.sub(replacement, text, timeout=deadline.left())
    return text


def compile_rule(spec: RuleSpec) -> Check:
    check = spec.options.get("check")
    if check is None:
        raise OptionError("check", "a names rule needs 'check' (variants, first_reference or house)")
    compilers: dict[str, Callable[[RuleSpec], Check]] = {
        "variants": _compile_variants, "first_reference": _compile_first_reference, "house": _compile_house,
    }
    for key in spec.options:
        if key != "check" and key not in _KEYS_OF[check]:
            raise OptionError(key, f"{key!r} does not apply to check: {check}")
    return compilers[check](spec)


# --- variants ---------------------------------------------------------------------------


class _Form:
    """One spelling in one article and what the article says around it."""

    __slots__ = ("form", "folded", "mentions", "given", "titles", "followed", "as_given", "initials")

    def __init__(self, form: str, folded: str, mentions: list[Mention], given: frozenset[str],
                 titles: frozenset[str], followed: frozenset[str], as_given: int, initials: frozenset[str]) -> None:
        self.form = form
        self.folded = folded
        self.mentions = mentions
        self.given = given  # first names seen before it
        self.titles = titles  # titles seen before it
        self.followed = followed  # surnames seen after it (when it is a first name)
        self.as_given = as_given  # how many of its mentions have a surname after them
        self.initials = initials  # initials seen before it ("M Horan")

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def first(self) -> int:
        return self.mentions[0].index


def _compile_variants(spec: RuleSpec) -> Check:
    opts = spec.options
    max_distance = opts.get("max_distance", 1)
    min_length = opts.get("min_length", 4)
    min_majority = opts.get("min_majority", 2)
    same_initial = opts.get("same_initial", True)
    titles = frozenset(opts.get("titles", []))
    not_names = frozenset(w.casefold() for w in opts.get("not_names", []))
    # Words that stand before a name without being a first name or a title: a place's
    # qualifier ("North Koera" is not the Koera of someone called North).
    not_given = frozenset(w.casefold() for w in opts.get("not_given_names", []))
    known = frozenset(w.casefold() for w in opts.get("known_names", []))
    # Each ending is a pattern matched after the shorter spelling: "(?<=a)n" is an n after
    # an a (Russia, Russian; but Gibson, Gibso is a typo).
    endings = [compile_pattern("suffixes", e) for e in opts.get("suffixes", [])]
    min_length_changed = opts.get("min_length_changed", min_length)
    # A shorter name is compared only when the same title or first name stands before
    # both spellings (Mr Fox, Mr Fx; Gavin Cox, Gavin Cop).
    min_length_titled = min(opts.get("min_length_titled", min_length), min_length)
    # A typo that drops a letter of the shortest names is one letter shorter still.
    shortest = max(1, min_length_titled - 1)
    translit = [(compile_pattern("transliterations", k), v) for k, v in opts.get("transliterations", {}).items()]
    # The listed pairs are folded with the user's patterns, so on the first document, within
    # its rule's time, not when the rule loads (where nothing bounds them).
    pairs: dict[str, set[frozenset[str]]] = {}

    def listed(key: str, deadline: Deadline) -> set[frozenset[str]]:
        found = pairs.get(key)
        if found is None:
            folded = [[_fold(name, translit, deadline) for name in group] for group in opts.get(key, [])]
            found = pairs[key] = {frozenset((a, b)) for group in folded for a in group for b in group if a != b}
        return found
    if max_distance < 0 or min_length < 1 or min_majority < 1:
        raise OptionError("max_distance" if max_distance < 0 else "min_length" if min_length < 1 else "min_majority",
                          "expected a positive number")

    def spellings(doc: Document) -> list[tuple[str, list[Mention]]]:
        """Each name-like spelling of the article with its mentions, in order of first use."""
        found = doc.memo("names.mentions", _mentions)
        by_form: dict[str, list[Mention]] = {}
        for m in found.items:
            by_form.setdefault(m.form, []).append(m)
        # A word seen only at sentence starts that the article also writes in lower
        # case is a word, not a name ("Many" against "Mary").
        return [(form, mentions) for form, mentions in by_form.items()
                if not (len(form) < shortest or len(form) > _LONGEST_NAME or form.isupper() or form.casefold() in not_names or form in titles
                        or all(m.initial for m in mentions) and _lower_first(form) in found.lowercase_words)]

    def form_of(form: str, mentions: list[Mention], folded: str) -> _Form:
        given: set[str] = set()
        title_set: set[str] = set()
        after: list[str] = []
        initials: set[str] = set()
        for m in mentions:
            if m.prev is not None:
                if m.prev in titles:
                    title_set.add(m.prev)
                elif m.prev.casefold() not in not_names and m.prev.casefold() not in not_given:
                    given.add(m.prev)
            # A word after Mr is a surname, whatever stands after it ("Mr Peskow Kremlin
            # aides"); a first name stands alone or after a title ("Home Secretary David").
            if m.next and m.prev not in _HONORIFICS and surname_like(m.next):
                after.append(m.next)
            if m.initial_of_given:
                initials.add(m.initial_of_given)
        return _Form(form, folded, mentions, frozenset(given), frozenset(title_set), frozenset(after), len(after),
                     frozenset(initials))

    def surname_like(word: str) -> bool:
        return not word.isupper() and word not in titles and word.casefold() not in not_names

    def derived(a: str, b: str, deadline: Deadline) -> bool:
        """One is the other plus an ending (Russia/Russian, Israel/Israeli): not a typo.
        A doubled last letter (Mandelsonn) is a typo, not an ending."""
        short, long = sorted((a, b), key=len)
        ending = long[len(short):]
        return (long.startswith(short) and ending != short[-1:]
                and any(e.fullmatch(long, len(short), timeout=deadline.left()) for e in endings))

    def two_syllables(a: _Form, b: _Form) -> bool:
        """Both always written with a hyphenated syllable, never the same one: two given
        names of a family that shares a surname (Kim Jong-un, Kim Dong-yub)."""
        ours = {m.syllable for m in a.mentions}
        theirs = {m.syllable for m in b.mentions}
        return None not in ours and None not in theirs and not ours & theirs

    def short_typo(form: _Form, other: _Form, lowercase: LowercaseWords) -> bool:
        """A name of `min_length` letters or more that lost a letter once, against three or
        more uses of the name (Duf beside Duff), where the shorter form is no word the
        article writes in lower case (Has beside Haas)."""
        return (len(other.form) >= min_length and form.count == 1 and other.count >= 3
                and len(form.form) == len(other.form) - 1 and _lower_first(form.form) not in lowercase
                and not form.mentions[0].initial)

    def plural_of_stem(a: str, b: str) -> bool:
        """A known plural or people of a stem the other word extends (Scots beside Scott),
        not a typo; Collins beside Collina is one."""
        return (len(a) == len(b) and a[:-1] == b[:-1]
                and any(x.endswith("s") and x in known for x in (a, b)))

    def at_fault(form: _Form, other: _Form) -> bool:
        """Of two spellings of one name, `form` is the wrong one."""
        shared = form.given & other.given
        if shared and form.given != other.given:
            # A spelling that also goes with a first name the other never has is partly
            # another person (Mark Johnston beside Boris Johnson and Boris Johnston; Cherie
            # Blair beside Tony Blair and Tony Balir): the mentions with the shared first
            # name decide, the more of them and then the first one.
            mine = [m.index for m in form.mentions if m.prev in shared]
            theirs = [m.index for m in other.mentions if m.prev in shared]
            return (len(theirs), -theirs[0]) > (len(mine), -mine[0])
        # A known place or word is the right spelling even when the article's typo
        # outnumbers it (four "Koera" against one "Korea"), unless the other is a person's
        # name (a first name or title before it: Greene against Greece).
        known_form, known_other = form.form.casefold() in known, other.form.casefold() in known
        short, long = sorted((form.folded, other.folded), key=len)
        if known_form != known_other and not long.startswith(short):  # Somali, Somalia: two words
            if known_other and not form.given and not form.titles:
                return True
            if known_form and not other.given and not other.titles:
                return False
        return (other.count, -other.first) > (form.count, -form.first)

    def changed_letter(a: str, b: str) -> bool:
        return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1

    def related(a: _Form, b: _Form, same: set[frozenset[str]], distinct: set[frozenset[str]], deadline: Deadline) -> bool:
        """The evidence says `a` and `b` are one name spelt two ways."""
        pair = frozenset((a.folded, b.folded))
        if pair in same or a.folded == b.folded:
            return True
        if {a.form, b.form} <= titles or two_syllables(a, b):
            return False
        # The same first name before both (or surname after both) is the strongest sign;
        # it outweighs the list of pairs that are usually two people.
        shared_person = bool(a.given & b.given or a.followed & b.followed)
        # A first name and a surname are two names (David Davis; Tony and Tory).
        first_and_surname = bool({a.as_given, b.as_given} & {0}) and (a.as_given == a.count or b.as_given == b.count)
        # The same title before both (Mr Greenspan, Mr Greenspa) outweighs an ending:
        # places and peoples (Russia, Russian) take no title.
        two_people = not shared_person and bool(a.given and b.given or a.followed and b.followed)
        if a.titles & b.titles and not first_and_surname and not two_people and pair not in distinct:
            return True
        if derived(a.folded, b.folded, deadline) or plural_of_stem(a.folded, b.folded):
            return False
        if shared_person:
            return True
        if pair in distinct:
            return False
        # Two first names that go with different surnames, or two surnames that go with
        # different first names, are two people (Boris Johnson and Mark Johnston).
        if a.given and b.given or a.followed and b.followed or a.initials and b.initials and not a.initials & b.initials:
            return False
        if first_and_surname:
            return False
        if same_initial and a.folded[:1] != b.folded[:1]:
            return False
        if a.titles & b.titles:
            return True
        # In short words one changed letter makes another word (Bill, Bell, Ball).
        if len(a.folded) < min_length_changed and changed_letter(a.folded, b.folded):
            return False
        low, high = sorted((a, b), key=lambda f: f.count)
        return low.count == 1 and high.count >= min_majority

    def check(doc: Document) -> Iterator[Hit]:
        spelt = spellings(doc)
        if len(spelt) < 2:
            return
        lowercase = doc.memo("names.mentions", _mentions).lowercase_words

        deadline = doc.deadline
        same, distinct = listed("variants", deadline), listed("distinct", deadline)
        folded = [_fold(form, translit, deadline) for form, _ in spelt]
        by_folded: dict[str, list[int]] = {}
        for i, f in enumerate(folded):
            by_folded.setdefault(f, []).append(i)
        # The evidence around a spelling is gathered only for spellings that have a near
        # neighbour: most names of an article have none.
        built: dict[int, _Form] = {}

        def form_at(i: int) -> _Form:
            if i not in built:
                built[i] = form_of(spelt[i][0], spelt[i][1], folded[i])
            return built[i]

        better: dict[int, _Form] = {}
        for i, (key, near) in enumerate(zip(folded, _neighbours(folded, max_distance))):
            candidates = set(j for j in by_folded[key] if j != i)
            candidates.update(j for j in near if j != i)
            if not candidates:
                continue
            form = form_at(i)
            for j in candidates:
                other = form_at(j)
                if other.form == form.form:
                    continue
                # Only the spelling at fault is reported.
                if not at_fault(form, other):
                    continue
                if len(other.form) < min_length_titled or not related(form, other, same, distinct, deadline):
                    continue
                if min(len(other.form), len(form.form)) < min_length and not (
                        form.titles & other.titles or form.given & other.given or short_typo(form, other, lowercase)):
                    continue
                if i not in better or (other.count, -other.first) > (better[i].count, -better[i].first):
                    better[i] = other
        rosters: dict[int, bool] = {}
        for i in sorted(better, key=lambda k: built[k].first):
            form, expected = built[i], better[i]
            if form.form.casefold() in known and frozenset((form.folded, expected.folded)) not in same:
                continue  # a correctly spelt place or word (Greece against Greene)
            # A spelling that also goes with a first name the other never has is partly
            # another person (Mark Johnston beside Boris Johnston): report only the
            # mentions that share the first name.
            mentions = form.mentions
            if form.given & expected.given and form.given - expected.given:
                mentions = [m for m in mentions if m.prev in expected.given]
            outside = any(not m.quoted for m in mentions)
            for m in mentions:
                if m.quoted and outside or m.region is not None and _is_roster(doc.prose, m.region, rosters):
                    continue
                message = format_message(spec.message, (m.form, expected.form), match=m.form,
                                         expected=expected.form, count=str(expected.count))
                yield Hit(m.start, m.end, message, (expected.form,),
                          Fix((Edit(m.start, m.end, expected.form),), safe=False))

    return check


# --- first reference ----------------------------------------------------------------------


def _compile_first_reference(spec: RuleSpec) -> Check:
    opts = spec.options
    titles = frozenset(opts.get("titles", []))
    not_given = frozenset(w.casefold() for w in opts.get("not_given_names", []))
    not_names = frozenset(w.casefold() for w in opts.get("not_names", []))
    min_length = opts.get("min_length", 3)
    verbs = opts.get("speech_verbs", [])
    spoke = compile_pattern("speech_verbs", r"[\s,]*(?:" + "|".join(regex.escape(v) for v in verbs) + r")\b") if verbs else None

    def given_name(word: str, lowercase: LowercaseWords) -> bool:
        """Could be a first name: not an acronym, an initial, a listed word (December,
        North) or a word the article also writes in lower case (But, This, Often)."""
        return (not word.isupper() and len(word) > 1 and word.casefold() not in not_given
                and _lower_first(word) not in lowercase)

    def check(doc: Document) -> Iterator[Hit]:
        found = doc.memo("names.mentions", _mentions)
        full: dict[str, Mention] = {}  # surname -> first mention with a first name before it
        given_of: dict[str, str] = {}
        for m in found.items:
            if (m.prev and m.prev not in titles and m.next is None and m.form not in full
                    and given_name(m.prev, found.lowercase_words)):
                full[m.form] = m
                given_of[m.form] = m.prev
        if not full:
            return
        person: dict[str, bool] = {}  # asked only of the few surnames that could be reported
        reported: set[str] = set()
        for m in found.items:
            first_full = full.get(m.form)
            if (first_full is None or m.index >= first_full.index or m.form in reported or m.headline or m.quoted
                    or m.next is not None or (m.prev is not None and m.prev not in titles)
                    or len(m.form) < min_length or m.form.isupper() or m.form.casefold() in not_names):
                continue
            if m.form not in person:
                person[m.form] = is_person(doc, found.items, m.form)
            if not person[m.form]:
                continue
            reported.add(m.form)
            name = f"{given_of[m.form]} {m.form}"
            line = doc.lines.position(first_full.start)[0]
            message = format_message(spec.message, (m.form, name), match=m.form, name=name, line=str(line))
            yield Hit(m.start, m.end, message, (name,))

    def is_person(doc: Document, items: list[Mention], form: str) -> bool:
        """Somewhere in the article the word has a title before it or a speech verb after it."""
        prose = doc.prose
        for m in items:
            if m.form == form and (m.prev in titles or spoke is not None
                                   and spoke.match(prose, m.end, min(len(prose), m.end + 40), timeout=doc.deadline.left())):
                return True
        return False

    return check


# --- house spellings ---------------------------------------------------------------------


def _compile_house(spec: RuleSpec) -> Check:
    spellings = spec.options.get("spellings")
    if not spellings:
        raise OptionError("spellings", "a house-spelling rule needs 'spellings'")
    preferred_of: dict[str, str] = {}
    exceptions: list[str] = []
    for preferred, (variants, excepted) in spellings.items():
        for variant in variants:
            if variant in preferred_of and preferred_of[variant] != preferred:
                raise OptionError("spellings", f"{schema.shown(variant)} is listed under both "
                                               f"{schema.shown(preferred_of[variant])} and {schema.shown(preferred)}")
            preferred_of[variant] = preferred
        exceptions.extend(excepted)
    alternatives = "|".join(regex.escape(v) for v in sorted(preferred_of, key=len, reverse=True))
    # Built from escaped words, so nothing can be wrong with them: compiled when an
    # article first holds a variant.
    # Not in a hashtag or a handle of an embedded post (#Kiev, @KievPost): those are spelt
    # as their owner chose.
    pattern = Deferred("spellings", rf"(?<![\p{{L}}\p{{M}}\p{{N}}_#@])(?:{alternatives})(?![\p{{L}}\p{{M}}\p{{N}}_])", False)
    excepted_pattern = (
        Deferred("spellings", "|".join(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(e)}(?![\p{{L}}\p{{M}}])" for e in exceptions), False)
        if exceptions else None
    )
    skip_quotes = spec.quotes == "skip"
    # Every match is one of the variants as written, and most articles hold none: a plain
    # search for them (no lookarounds, so the engine skips ahead on first letters) is a
    # tenth of the cost of the full scan.
    present = re.compile("|".join(re.escape(v) for v in sorted(preferred_of, key=len, reverse=True)))

    def check(doc: Document) -> Iterator[Hit]:
        prose = doc.prose
        if present.search(prose) is None:
            return
        left = doc.deadline.left
        excepted_spans = [m.span() for m in excepted_pattern.pattern.finditer(prose, timeout=left())] if excepted_pattern else []
        for m in pattern.pattern.finditer(prose, timeout=left()):
            start, end = m.span()
            if skip_quotes and doc.quoted.overlaps(start, end):
                continue
            if any(s <= start and end <= e for s, e in excepted_spans):
                continue
            observed = m.group()
            preferred = preferred_of[observed]
            # "Mumbai (Bombay)", "formerly Bombay": the old name given as the old name.
            if _FORMER_NAME.search(prose, max(0, start - 40), start) or prose.endswith(f"{preferred} (", 0, start):
                continue
            message = format_message(spec.message, (preferred, observed), match=observed, expected=preferred)
            yield Hit(start, end, message, (preferred,), Fix((Edit(start, end, preferred),), safe=True))

    return check


def _neighbours(words: list[str], max_distance: int) -> list[list[int]]:
    """For each word, the indices of the words at most `max_distance` edits from it (optimal
    string alignment: insert, delete, substitute, or swap two neighbouring letters), the
    nearest first and then in order, as rapidfuzz's `process.extract` lists them."""
    if max_distance != 1:
        from rapidfuzz import process  # a house setting; the shipped rule allows one edit
        from rapidfuzz.distance import OSA

        return [[j for _, _, j in process.extract(w, words, scorer=OSA.distance, score_cutoff=max_distance, limit=None)]
                for w in words]
    # Two words one edit apart are equal once each loses at most one letter (a swap of
    # neighbours included: "Jonhson" and "Johnson" both give "Jonson"). Most words share
    # no such form with another and are their own only neighbour; the others are compared
    # letter by letter, in Python and without loading rapidfuzz.
    forms = [[w, *[w[:k] + w[k + 1:] for k in range(len(w))]] for w in words]
    shared = Counter(chain.from_iterable(forms))
    # A word sharing a form is compared with the words it shares one with (they share it
    # too, so they are in this index as well).
    by_form: dict[str, list[int]] = {}
    sharing = [max(map(shared.__getitem__, own)) > 1 for own in forms]
    for j, own in enumerate(forms):
        if sharing[j]:
            for form in own:
                by_form.setdefault(form, []).append(j)
    out = []
    for i, (w, own) in enumerate(zip(words, forms)):
        if not sharing[i]:
            out.append([i])
            continue
        near = sorted({j for form in own for j in by_form[form]})
        out.append([j for j in near if words[j] == w] + [j for j in near if words[j] != w and _one_edit(w, words[j])])
    return out


def _one_edit(a: str, b: str) -> bool:
    """True when two different words are one edit apart (see _neighbours)."""
    if len(a) == len(b):
        diffs = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    if abs(len(a) - len(b)) != 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    k = 0
    while k < len(a) and a[k] == b[k]:
        k += 1
    return a[k:] == b[k + 1:]
