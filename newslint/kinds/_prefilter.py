"""Word prefilter for the pattern kinds: look for a rule's matches only where they can start.

Most house-style patterns begin with a known word ("[Oo]rganise", "(?:t|T(?<=...))ravelling",
"\\bSt(?= \\p{Lu})"). From a pattern we work out, without running it, the words every match
must begin with, and how far before that word a match may start. A document is split into
words once (with the `regex` module's own idea of a word character, so that `\\b` agrees);
a rule whose words are absent cannot match and is skipped, and otherwise its pattern is
tried only at the few offsets where a match can start. The matches are exactly those of a
scan of the whole text: every match starts at one of those offsets, and the offsets are
tried in order, each at or after the end of the previous match, as `finditer` does.

A pattern this analysis does not understand (`.`, `\\w+`, an unbounded run before the
first word, inline flags...) gets no prefilter, and its rule scans the whole text.
"""

from __future__ import annotations

import bisect
import functools
import operator
from functools import cached_property
from typing import Any, Callable, Iterator, Sequence

import regex

from newslint.deadline import Deadline
from newslint.document import Document

_WORD = regex.compile(r"[^\W_]+")
_WORD_CHAR = regex.compile(r"[^\W_]")
# Words this short are looked up with a regex rather than str.find (see _occurrences).
_SHORT_WORD = 3
# Word beginnings are first looked up by their first letters (see Prefilter.first_words).
_HEAD = 3
_head = operator.itemgetter(slice(0, _HEAD))
_IS_WORD = regex.compile(r"\w")
_MAX_PATHS = 4096
_SPECIAL = set(".^$*+?{}[]\\|()")

# Parse tree nodes: ("set", chars) one ASCII letter or digit out of chars; ("nonword",) one
# character that is not a word character; ("any",) one unknown character; ("zw", kind) a
# zero-width assertion: "b" word boundary, "nwa" no word character follows, "nwb" none
# precedes, "other" anything else; ("rep", node, min, max); ("alt", [seq, ...]);
# ("unknown",) anything else (it stops the analysis where it matters).
Node = tuple


class Unsupported(Exception):
    """A pattern uses syntax the analysis does not read."""


class WordIndex:
    """The words of one text. Where a word occurs is worked out only when a rule asks: a
    document has hundreds of distinct words, and the rules ask about a few dozen."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.exact_words = frozenset(_WORD.findall(text))
        self._exact_positions: dict[str, list[int]] = {}
        self._folded_positions: dict[str, list[int]] = {}

    @cached_property
    def folded_words(self) -> frozenset[str]:
        return frozenset(map(str.casefold, self.exact_words))

    @cached_property
    def _spellings(self) -> dict[str, list[str]]:
        """Case-folded word -> the ways the text writes it."""
        spellings: dict[str, list[str]] = {}
        for word in self.exact_words:
            spellings.setdefault(word.casefold(), []).append(word)
        return spellings

    @cached_property
    def _exact_heads(self) -> frozenset[str]:
        return frozenset(map(_head, self.exact_words))

    @cached_property
    def _folded_heads(self) -> frozenset[str]:
        return frozenset(map(_head, self.folded_words))

    def heads(self, fold: bool) -> frozenset[str]:
        """The first letters (up to _HEAD) of the words."""
        return self._folded_heads if fold else self._exact_heads

    @cached_property
    def _exact_sorted(self) -> list[str]:
        return sorted(self.exact_words)

    @cached_property
    def _folded_sorted(self) -> list[str]:
        return sorted(self.folded_words)

    def words(self, fold: bool) -> frozenset[str]:
        return self.folded_words if fold else self.exact_words

    def sorted_words(self, fold: bool) -> list[str]:
        return self._folded_sorted if fold else self._exact_sorted

    def positions(self, word: str, fold: bool) -> list[int]:
        """Sorted start offsets of `word` (one of `words(fold)`) as a whole word."""
        if not fold:
            found = self._exact_positions.get(word)
            if found is None:
                found = self._exact_positions[word] = _occurrences(self.text, word)
            return found
        found = self._folded_positions.get(word)
        if found is None:
            found = self._folded_positions[word] = self._folded_occurrences(word)
        return found

    @cached_property
    def _folded_text(self) -> str | None:
        """The text case-folded, when that keeps every offset (no "ß" -> "ss")."""
        folded = self.text.casefold()
        return folded if len(folded) == len(self.text) else None

    def _folded_occurrences(self, word: str) -> list[int]:
        folded = self._folded_text
        if folded is not None:
            # Each character folded to one, so offsets agree; a place counts when the text
            # there is one of its words with no word character either side.
            size, words, text = len(word), self.exact_words, self.text
            return [i for i in _occurrences(folded, word, text) if text[i : i + size] in words]
        spellings = self._spellings[word]
        return sorted(p for spelling in spellings for p in self.positions(spelling, False))


def _occurrences(text: str, word: str, original: str | None = None) -> list[int]:
    """Where `word` stands in `text` as a whole word of _WORD (no word character either side,
    in `original` when `text` is its case-folded copy)."""
    if len(word) <= _SHORT_WORD:
        # "a" or "in" is inside most words: let `regex` skip those in C.
        finder = _short_word_finder(word)
        if original is None:
            return [m.start() for m in finder.finditer(text)]
        return [m.start() for m in finder.finditer(text) if _whole(original, m.start(), m.end())]
    out: list[int] = []
    size = len(word)
    around = text if original is None else original
    find = text.find
    i = find(word)
    while i != -1:
        if _whole(around, i, i + size):
            out.append(i)
        i = find(word, i + 1)
    return out


@functools.lru_cache(maxsize=1024)
def _short_word_finder(word: str) -> regex.Pattern[str]:
    """A pattern for `word` as a whole word; rules begin with few short words, so a run
    compiles each once."""
    return regex.compile(f"(?<![^\\W_]){regex.escape(word)}(?![^\\W_])")


def _whole(text: str, start: int, end: int) -> bool:
    """No word character of _WORD just before `start` or at `end`."""
    if start:
        c = text[start - 1]
        if c.isalnum() if c.isascii() else _WORD_CHAR.match(c) is not None:
            return False
    if end < len(text):
        c = text[end]
        if c.isalnum() if c.isascii() else _WORD_CHAR.match(c) is not None:
            return False
    return True


def _visible_words(doc: Document) -> WordIndex:
    return WordIndex(doc.block_text.text)


def _raw_words(doc: Document) -> WordIndex:
    return WordIndex(doc.text)


# The memo key and builder of a document's word index, for the visible text of its blocks
# (newslint.blocks) and for the raw text; the keys are those of blocks.select's texts.
WORD_INDEX: dict[bool, tuple[str, Callable[[Document], WordIndex]]] = {
    False: ("blocks.words.visible", _visible_words),
    True: ("blocks.words.raw", _raw_words),
}


def word_index(doc: Document, raw: bool) -> WordIndex:
    return doc.memo(*WORD_INDEX[raw])


class _Value:
    """Equality, hashing and repr by the fields in `_fields`, for the plain (not dataclass:
    its import and code generation are a visible part of a one-article run) value classes
    below, which keep cached properties in their __dict__."""

    _fields: tuple[str, ...] = ()

    def _key(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in self._fields)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{f}={getattr(self, f)!r}' for f in self._fields)})"


class Prefilter(_Value):
    """Where a rule's matches can start: whole words, word beginnings, offsets before them."""

    _fields = ("words", "prefixes", "offsets", "fold")

    def __init__(self, words: frozenset[str], prefixes: tuple[str, ...], offsets: tuple[int, ...] | None,
                 fold: bool) -> None:
        self.words = words  # a match's first word is one of these
        self.prefixes = prefixes  # ... or begins with one of these
        self.offsets = offsets  # characters from a match's start to that word; None: unbounded
        self.fold = fold

    def first_words(self, index: WordIndex) -> list[str]:
        """The words of the text that a match can begin with."""
        found = list(self.words & index.words(self.fold))
        if self.prefixes:
            keys = index.sorted_words(self.fold)
            heads = self._heads
            for head in [*(heads.keys() & index.heads(self.fold)), ""]:
                for prefix in heads.get(head, ()):
                    i = bisect.bisect_left(keys, prefix)
                    while i < len(keys) and keys[i].startswith(prefix):
                        if keys[i] not in self.words:
                            found.append(keys[i])
                        i += 1
        return found

    @cached_property
    def _heads(self) -> dict[str, tuple[str, ...]]:
        """The prefixes by their first letters, most of which a text lacks ("": the short
        prefixes, always looked up)."""
        heads: dict[str, list[str]] = {}
        for prefix in self.prefixes:
            heads.setdefault(prefix[:_HEAD] if len(prefix) >= _HEAD else "", []).append(prefix)
        return {head: tuple(group) for head, group in heads.items()}

    def absent(self, index: WordIndex) -> bool:
        """True when the text has no word a match can begin with."""
        if not self.words.isdisjoint(index.words(self.fold)):
            return False
        return not self.prefixes or not self.first_words(index)

    def starts(self, index: WordIndex) -> list[int] | None:
        """Sorted offsets where a match may start; None when only a full scan can tell."""
        first = self.first_words(index)
        if not first:
            return []
        if self.offsets is None:
            return None
        return sorted({p - k for word in first for p in index.positions(word, self.fold) for k in self.offsets if p >= k})


def matches_at(pattern: regex.Pattern[str], text: str, starts: Sequence[int], deadline: Deadline) -> Iterator[regex.Match[str]]:
    """What `pattern.finditer(text)` gives, trying only `starts` (sorted), which hold every
    match start; every try within what is left of the rule's time, not a timeout each."""
    left = deadline.left
    end = 0
    for start in starts:
        if start < end:
            continue
        m = pattern.match(text, start, timeout=left())
        if m is not None and m.end() > m.start():
            end = m.end()
            yield m


class Alternatives(_Value):
    """A prefilter per alternative of a union (a rule's tokens or swap keys), so that a text
    tries, and a run compiles, only the alternatives whose first words the text has."""

    _fields = ("filters", "fold")

    def __init__(self, filters: tuple[Prefilter, ...], fold: bool) -> None:
        self.filters = filters
        self.fold = fold

    @classmethod
    def of(cls, alternatives: Sequence[str], fold: bool, bounded: bool) -> Alternatives | None:
        """None unless every alternative has a prefilter with bounded offsets."""
        filters = []
        for alternative in alternatives:
            found = analyse([alternative], fold, bounded)
            if found is None or found.offsets is None:
                return None
            filters.append(found)
        return cls(tuple(filters), fold)

    @cached_property
    def union(self) -> Prefilter:
        """One prefilter for all the alternatives: where any of them can start."""
        return Prefilter(frozenset().union(*(f.words for f in self.filters)),
                         tuple(sorted({p for f in self.filters for p in f.prefixes})), (), self.fold)

    @cached_property
    def _by_word(self) -> dict[str, list[int]]:
        by_word: dict[str, list[int]] = {}
        for i, f in enumerate(self.filters):
            for word in f.words:
                by_word.setdefault(word, []).append(i)
        return by_word

    def candidates(self, index: WordIndex) -> list[tuple[int, int]]:
        """Sorted (offset, alternative) pairs: where each alternative's matches can start."""
        first = self.union.first_words(index)
        if not first:
            return []
        pairs: set[tuple[int, int]] = set()
        for word in first:
            positions = index.positions(word, self.fold)
            for i in self._alternatives_for(word):
                for k in self.filters[i].offsets or ():
                    pairs.update((p - k, i) for p in positions if p >= k)
        return sorted(pairs)

    @cached_property
    def _with_prefixes(self) -> list[tuple[int, tuple[str, ...]]]:
        return [(i, f.prefixes) for i, f in enumerate(self.filters) if f.prefixes]

    def _alternatives_for(self, word: str) -> list[int]:
        found = self._by_word.get(word, [])
        if self._with_prefixes:
            found = sorted({*found, *(i for i, prefixes in self._with_prefixes if word.startswith(prefixes))})
        return found


def analyse(alternatives: Sequence[str], flags_fold: bool, bounded: bool) -> Prefilter | None:
    """The prefilter of a pattern made of `alternatives` (each a regex), or None.

    `bounded`: the pattern is wrapped so that a match starts and ends at a word boundary
    (Vale's `nonword: false`); otherwise each alternative must show its own boundaries.
    """
    words: set[str] = set()
    prefixes: set[str] = set()
    offsets: set[int] = set()
    unbounded = False
    try:
        for alternative in alternatives:
            tree = PatternParser(alternative).parse()
            # The words a match consumes are the telling ones ("license", not the "the" of a
            # lookbehind); the words of a leading lookbehind serve when the match has none.
            found_all = [_first_word(path, bounded) for path in _paths_with_start(tree, False)]
            if any(f is None or f[2] is None for f in found_all):
                behind = [_first_word(path, bounded) for path in _paths_with_start(tree, True)]
                if None in found_all or not any(f is None or f[2] is None for f in behind):
                    found_all = behind
            for found in found_all:
                if found is None:
                    return None
                word_set, complete, offset = found
                for word in word_set:
                    word = word.lower() if flags_fold else word
                    (words if complete else prefixes).add(word)
                if offset is None:
                    unbounded = True
                else:
                    offsets.add(offset)
                    if bounded:
                        offsets.add(offset + 1)  # Vale's wrapper may take a "_" first
    except (Unsupported, RecursionError, IndexError, ValueError):  # a pattern's errors are reported when it compiles
        return None
    if not words and not prefixes:
        return None
    return Prefilter(frozenset(words), tuple(sorted(prefixes)), None if unbounded else tuple(sorted(offsets)), flags_fold)


def _paths_with_start(tree: list[Node], read_behind: bool) -> list[list[Node]]:
    """Paths with a ("start",) node where the match starts: after the text of a leading
    lookbehind (its words count too: "(?<=\\bRecogni)s" begins inside "Recognise")."""
    top = tree[0]
    out: list[list[Node]] = []
    for branch in top[1] if top[0] == "alt" else [tree]:
        head = branch[0] if branch else None
        if read_behind and head is not None and head[0] == "zw" and len(head) > 2:
            for before in _paths([head[2]]):
                out.extend(before + [("start",)] + rest for rest in _paths(branch[1:]))
        else:
            out.extend([("start",)] + rest for rest in _paths(branch))
        if len(out) > _MAX_PATHS:
            raise Unsupported
    return out


def _first_word(path: list[Node], bounded: bool) -> tuple[set[str], bool, int | None] | None:
    """The words a match's first word can be, whether they are whole words (else word
    beginnings), and the distance from the match's start to that word (None: unbounded)."""
    left = False
    width: int | None = 0  # characters consumed so far along the path
    start: int | None = None
    i = 0
    while i < len(path):
        node = path[i]
        kind = node[0]
        if kind == "set":
            break
        if kind == "start":
            start = width
            left = left or bounded
        elif kind == "nonword":
            left = True
            width = None if width is None else width + 1
        elif kind == "nonword*":
            width = None
        elif kind == "zw":
            if node[1] in ("b", "nwb"):
                left = True
        else:
            return None  # an unknown character before the first word
        i += 1
    else:
        return None  # no word at all
    if not left:
        return None  # the word may continue to the left of the match
    word_at = width
    words = {""}
    while i < len(path):
        node = path[i]
        kind = node[0]
        if kind == "start":
            start = width
        elif kind == "set":
            words = {w + c for w in words for c in node[1]}
            width = None if width is None else width + 1
            if len(words) > _MAX_PATHS:
                return None
        elif kind in ("nonword", "nonword*"):
            return _word_result(path, i, words, kind == "nonword", word_at, start, width)
        elif kind == "zw":
            if node[1] in ("b", "nwa"):
                return _word_result(path, i, words, True, word_at, start, width)
        else:
            return _word_result(path, i, words, False, word_at, start, width)
        i += 1
    return _word_result(path, i, words, bounded, word_at, start, width)


def _word_result(path: list[Node], i: int, words: set[str], complete: bool, word_at: int | None,
                 start: int | None, width: int | None) -> tuple[set[str], bool, int | None]:
    if start is None:  # the word ends inside a leading lookbehind: find where the match starts
        for node in path[i:]:
            if node[0] == "start":
                start = width
                break
            if node[0] in ("set", "nonword", "any", "wordchar"):
                width = None if width is None else width + 1
            elif node[0] != "zw":
                width = None
    if word_at is None or start is None:
        return words, complete, None
    return words, complete, word_at - start


def _paths(seq: list[Node]) -> list[list[Node]]:
    """Every sequence of simple nodes the parse tree allows (bounded repeats unrolled)."""
    paths: list[list[Node]] = [[]]
    for node in seq:
        kind = node[0]
        if kind == "alt":
            options = [p for branch in node[1] for p in _paths(branch)]
        elif kind == "rep":
            options = _repeat(node)
        else:
            options = [[node]]
        paths = [p + o for p in paths for o in options]
        if len(paths) > _MAX_PATHS:
            raise Unsupported
    return paths


def _repeat(node: Node) -> list[list[Node]]:
    _, inner, low, high = node
    inner_paths = _paths([inner])
    if all(len(p) == 1 and p[0][0] in ("nonword", "nonword*") for p in inner_paths):
        if high is None or high > 1:
            return [[("nonword*",)]] if low == 0 else [[("nonword",), ("nonword*",)]]
        return ([[]] if low == 0 else []) + inner_paths
    if all(all(n[0] == "zw" for n in p) for p in inner_paths):
        return [[]]
    if high is None or high > 3:
        # One occurrence for sure, then an unknown stretch: enough to know how a word begins.
        return [inner_paths[0] + [("unknown",)]] if low >= 1 and len(inner_paths) == 1 else [[("unknown",)]]
    out: list[list[Node]] = []
    for count in range(low, high + 1):
        combos: list[list[Node]] = [[]]
        for _ in range(count):
            combos = [c + p for c in combos for p in inner_paths]
            if len(combos) > _MAX_PATHS:
                raise Unsupported
        out.extend(combos)
    return out


# Letters that `re.IGNORECASE` matches to an ASCII letter while lower() does not map them
# to it: dotted capital I, dotless i, long s, Kelvin sign.
UNLIKE_CASE = regex.compile("[\u0130\u0131\u017f\u212a]")


def required_strings(pattern: str) -> frozenset[str] | None:
    """Lower-case strings one of which every match of `pattern` holds (whether or not it
    ignores case), to be looked for in the lower-cased text; None when the pattern needs
    no word or the analysis does not understand it. A text with UNLIKE_CASE letters must
    be scanned whatever it holds."""
    try:
        return _required(PatternParser(pattern).parse())
    except (Unsupported, RecursionError, IndexError, ValueError):
        return None


def _required(seq: list[Node]) -> frozenset[str] | None:
    """What a sequence of parse nodes needs: the most telling of its runs of letters and
    digits, of its groups that must match, and of its repeats that must occur."""
    best: frozenset[str] | None = None
    run = ""
    for node in [*seq, ("end",)]:
        letters = {c.lower() for c in node[1]} if node[0] == "set" else set()
        if len(letters) == 1:
            run += letters.pop()
            continue
        options: frozenset[str] | None = frozenset({run}) if run else None
        run = ""
        if node[0] == "alt":
            branches = [_required(branch) for branch in node[1]]
            if all(b is not None for b in branches):
                options = _telling(options, frozenset().union(*branches))  # type: ignore[arg-type]
        elif node[0] == "rep" and node[2] >= 1:
            options = _telling(options, _required([node[1]]))
        best = _telling(best, options)
    return best


def _telling(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """Of two requirements, the one whose shortest string is longer (it is rarer)."""
    if a is None or b is None:
        return a if b is None else b
    return a if min(map(len, a)) >= min(map(len, b)) else b


class PatternParser:
    """A recursive-descent parser for the part of regex syntax the analysis needs."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def parse(self) -> list[Node]:
        node = self._alternation()
        if self.i != len(self.p):
            raise Unsupported
        return [node]

    def _alternation(self) -> Node:
        branches = [self._sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self._sequence())
        return ("alt", branches)

    def _sequence(self) -> list[Node]:
        seq: list[Node] = []
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            atom = self._atom()
            seq.append(self._quantified(atom))
        return seq

    def _quantified(self, atom: Node) -> Node:
        p = self.p
        if self.i >= len(p):
            return atom
        c = p[self.i]
        low: int
        high: int | None
        if c == "?":
            low, high = 0, 1
        elif c == "*":
            low, high = 0, None
        elif c == "+":
            low, high = 1, None
        elif c == "{":
            close = p.find("}", self.i)
            body = p[self.i + 1 : close] if close != -1 else ""
            parts = body.split(",")
            if close == -1 or len(parts) > 2 or not all(x.strip().isdigit() or (x == "" and k == 1) for k, x in enumerate(parts)):
                return atom  # a literal "{"... is not something Vale's rules write; keep it simple
            low = int(parts[0])
            high = low if len(parts) == 1 else (int(parts[1]) if parts[1] else None)
            self.i = close
        else:
            return atom
        self.i += 1
        if self.i < len(p) and p[self.i] in "?+":
            self.i += 1
        if atom[0] == "zw":
            return atom if low >= 1 else ("zw", "other")
        return ("rep", atom, low, high)

    def _atom(self) -> Node:
        p = self.p
        c = p[self.i]
        self.i += 1
        if c == "(":
            return self._group()
        if c == "[":
            return self._class()
        if c == "\\":
            return self._escape()
        if c == ".":
            return ("any",)
        if c == "^":
            return ("zw", "nwb")
        if c == "$":
            return ("zw", "nwa")
        if c in "*+?{":
            raise Unsupported
        return _char(c)

    def _group(self) -> Node:
        p = self.p
        kind = "group"
        if p.startswith("?:", self.i) or p.startswith("?>", self.i):
            self.i += 2
        elif p.startswith("?P<", self.i) or (p.startswith("?<", self.i) and not p.startswith(("?<=", "?<!"), self.i)):
            close = p.index(">", self.i)
            self.i = close + 1
        elif p.startswith(("?=", "?!"), self.i):
            kind = "ahead" if p[self.i + 1] == "=" else "not-ahead"
            self.i += 2
        elif p.startswith(("?<=", "?<!"), self.i):
            kind = "behind" if p[self.i + 2] == "=" else "not-behind"
            self.i += 3
        elif p.startswith("?#", self.i):
            self.i = p.index(")", self.i) + 1
            return ("zw", "other")
        elif p.startswith("?", self.i):
            raise Unsupported  # inline flags, conditionals, branch resets...
        body = self._alternation()
        if self.i >= len(p) or p[self.i] != ")":
            raise Unsupported
        self.i += 1
        if kind == "group":
            return body
        if kind == "behind":  # kept, so that a leading lookbehind can be read as text
            return ("zw", _lookaround(kind, body), body)
        return ("zw", _lookaround(kind, body))

    def _escape(self) -> Node:
        p = self.p
        c = p[self.i]
        self.i += 1
        if c in "sWntrfv":
            return ("nonword",)
        if c == "b":
            return ("zw", "b")
        if c in "BAZzG":
            return ("zw", "other")
        if c in "pP":
            if self.i < len(p) and p[self.i] == "{":
                self.i = p.index("}", self.i) + 1
            else:
                self.i += 1
            return ("any",)
        if c.isalnum():
            if c.isdigit():
                raise Unsupported  # a back reference
            return ("wordchar",) if c == "w" else ("any",)  # \d \S \x.. \N{...}: not spelt out
        return _char(c)

    def _class(self) -> Node:
        p = self.p
        negated = p.startswith("^", self.i)
        if negated:
            self.i += 1
        chars: set[str] = set()
        classes: set[str] = set()
        first = True
        while True:
            c = p[self.i]
            self.i += 1
            if c == "]" and not first:
                break
            first = False
            if c == "\\":
                e = p[self.i]
                self.i += 1
                if e in "sSwWdDpP":
                    if e in "pP":
                        if p.startswith("{", self.i):
                            self.i = p.index("}", self.i) + 1
                        else:
                            self.i += 1
                    classes.add(e)
                    continue
                c = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}.get(e, e)
                if e.isalnum() and e not in "ntrfv":
                    raise Unsupported
            elif c == "[":
                raise Unsupported  # nested sets (a `regex` V1 feature)
            if p.startswith("-", self.i) and not p.startswith("-]", self.i):
                end = p[self.i + 1]
                if end == "\\":
                    raise Unsupported
                self.i += 2
                if ord(end) - ord(c) > 128 or ord(end) < ord(c):
                    raise Unsupported
                chars.update(chr(x) for x in range(ord(c), ord(end) + 1))
            else:
                chars.add(c)
        if negated:
            # [^\S\n] and the like: only whitespace is left, and no whitespace is a word character.
            return ("nonword",) if "S" in classes else ("any",)
        if classes - {"s", "W"}:
            return ("any",)
        words = {c for c in chars if _IS_WORD.match(c)}
        if not words:
            return ("nonword",)
        if all(c.isascii() and c.isalnum() for c in words):
            if len(words) == len(chars) and not classes:
                return ("set", frozenset(words))
            return ("alt", [[("set", frozenset(words))], [("nonword",)]])
        return ("any",)


def _char(c: str) -> Node:
    if c.isascii() and c.isalnum():
        return ("set", frozenset(c))
    if _IS_WORD.match(c):
        return ("any",)  # a non-ASCII letter, or "_": no prefilter through it
    return ("nonword",)


def _lookaround(kind: str, body: Node) -> str:
    """What a lookaround tells about the characters next to it."""
    if kind in ("not-ahead", "not-behind"):
        inner = _paths([body])
        if inner and all(len(p) == 1 and p[0][0] == "wordchar" for p in inner):
            return "nwa" if kind == "not-ahead" else "nwb"  # (?!\w), (?<!\w)
        return "other"
    paths = _paths([body])
    if kind == "ahead":
        firsts = [_first_consumed(p) for p in paths]
        return "nwa" if firsts and all(f in ("nonword", "nwa") for f in firsts) else "other"
    lasts = [_first_consumed(list(reversed(p))) for p in paths]
    return "nwb" if lasts and all(f in ("nonword", "nwb") for f in lasts) else "other"


def _first_consumed(path: list[Node]) -> str:
    for node in path:
        if node[0] == "zw":
            if node[1] in ("nwa", "nwb"):
                return node[1]
            continue
        return node[0]
    return "empty"
