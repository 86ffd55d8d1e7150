"""Word and phrase lists matched fast: the verbs and nouns of the attribution rules.

A list of hundreds of phrases compiled as one case-insensitive alternation costs
milliseconds to compile and to scan with; `phrase_pattern` compiles the phrases of one
first word when an article first holds that word and tries them only where it stands
(`Words` finds those places with bytes methods). `LazyRegex` compiles a pattern when first
used.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable, Iterator

from newslint.kinds._prefilter import UNLIKE_CASE
from newslint.schema import OptionError


def phrase_pattern(key: str, phrases: list[str]) -> PhrasePattern:
    """Words and phrases, any of them, as whole words; spaces match any run of spaces."""
    if not phrases:
        raise OptionError(key, f"'{key}' needs at least one word or phrase")
    kept = [p for p in phrases if p.strip()]
    sources = {p: r"\s+".join(re.escape(w) for w in p.split()) for p in kept}
    source = _BEFORE_PHRASE + "(?:" + "|".join(sorted(sources.values(), key=len, reverse=True)) + ")" + _AFTER_PHRASE
    firsts = [(_RUN.match(p.split()[0]), p) for p in kept]
    by_first: dict[str, list[str]] = {}
    for m, p in firsts:
        if m is not None:
            by_first.setdefault(m.group().lower(), []).append(sources[p])
    usable = all(m is not None for m, _ in firsts) and all(w.isascii() for w in by_first)
    return PhrasePattern(source, {w: "|".join(sorted(s, key=len, reverse=True)) for w, s in by_first.items()} if usable else None)


_RUN = re.compile(r"[^\W_]+")
_BEFORE_PHRASE = r"(?<![\w'\u2019-])"
_AFTER_PHRASE = r"(?![\w-])"


class PhrasePattern:
    """A phrase pattern that is tried only where one of its first words stands.

    A match starts where no word character precedes, at the first letter of a phrase, so
    at the start of a word (a run of letters and digits) that is the phrase's first word.
    Trying there the phrases that start with that word, in order and each at or after the
    end of the last match, gives what `finditer` of the whole alternation over the text
    gives; scanning every position with a long case-insensitive alternation costs several
    times more, and so does compiling it (a few milliseconds of a cold run for a list of
    hundreds of phrases): the phrases of one first word are compiled when an article first
    holds that word. A word with a letter that case-insensitive matching equates with an
    ASCII letter unlike lower() (the dotless i, the long s, the Kelvin sign) is tried with
    the whole alternation.
    """

    def __init__(self, source: str, by_first: dict[str, str] | None) -> None:
        self.pattern = source
        self._by_first = by_first
        self._compiled: dict[str, re.Pattern[str] | None] = {}
        self.first_words = frozenset(by_first) if by_first is not None else None
        self.first_bytes = frozenset(w.encode("ascii") for w in by_first) if by_first is not None else None

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        """The whole alternation."""
        return re.compile(self.pattern, re.IGNORECASE)

    def _match_at(self, text: str, start: int) -> re.Match[str] | None:
        word = _RUN.match(text, start)
        if word is None:
            return None
        w = word.group()
        if not w.isascii():
            return self.regex.match(text, start)
        key = w.lower()
        try:
            compiled = self._compiled[key]
        except KeyError:
            assert self._by_first is not None
            phrases = self._by_first.get(key)
            compiled = self._compiled[key] = (
                re.compile(_BEFORE_PHRASE + "(?:" + phrases + ")" + _AFTER_PHRASE, re.IGNORECASE) if phrases else None)
        return compiled.match(text, start) if compiled is not None else None

    def finditer(self, text: str, words: Words | None = None) -> Iterator[re.Match[str]]:
        """The matches in `text`; `words`, the words of `text`, finds the places to try."""
        if self.first_words is None:
            yield from self.regex.finditer(text)
            return
        starts = words.starts_of(self.first_bytes) if words is not None and self.first_bytes is not None else self._starts(text)
        end = 0
        for start in starts:
            if start < end:
                continue
            m = self._match_at(text, start)
            if m is not None:
                end = m.end()
                yield m

    def _starts(self, text: str) -> Iterator[int]:
        first = self.first_words
        assert first is not None
        for word in _RUN.finditer(text):
            w = word.group()
            if w.lower() in first or not w.isascii():
                yield word.start()


# Bytes of an ASCII-encoded text: letters lowered, digits kept, every other character a
# space (`re`'s [^\W_] is str.isalnum, so "_" goes too).
_WORD_BYTES = bytes(ord(chr(b).lower()) if chr(b).isalnum() else 0x20 for b in range(128)) + bytes(range(128, 256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_OTHER = 0x80  # a letter or digit outside ASCII
_OTHER_BYTE = bytes([_OTHER])


class Words:
    """The words of one text (`_RUN`: runs of letters and digits), found with bytes
    methods rather than a regex, to say where a phrase's first word may stand.

    The text becomes one byte per character: ASCII letters lowered, digits kept, other
    letters and digits `_OTHER`, everything else a space. Its words are then what
    `split` gives, at the same offsets as in the text.
    """

    def __init__(self, text: str) -> None:
        data = bytearray(text.encode("ascii", "replace").translate(_WORD_BYTES))
        for m in _NON_ASCII.finditer(text):
            data[m.start()] = _OTHER if m.group().isalnum() else 0x20
        self.data = bytes(data)
        self.words = frozenset(self.data.split())
        # Words with a letter that matches an ASCII one only ignoring case (UNLIKE_CASE) are
        # tried by every pattern; other letters outside ASCII start no ASCII phrase.
        unlike = _OTHER_BYTE in self.data and UNLIKE_CASE.search(text) is not None
        self.others = _offsets(self.data, [w for w in self.words if not w.isascii()]) if unlike else []

    def starts_of(self, first_words: frozenset[bytes]) -> list[int]:
        """Sorted offsets of the words that are one of `first_words` (lower case), or
        have a character outside ASCII."""
        present = first_words & self.words
        if not present:
            return self.others
        return sorted(_offsets(self.data, present) + self.others)


def _offsets(data: bytes, words: Iterable[bytes]) -> list[int]:
    """Where each of `words` stands as a whole word in `data` (words between spaces)."""
    found: list[int] = []
    last = len(data)
    for word in words:
        size = len(word)
        pos = data.find(word)
        while pos != -1:
            after = pos + size
            if (pos == 0 or data[pos - 1] == 0x20) and (after == last or data[after] == 0x20):
                found.append(pos)
            pos = data.find(word, after)
    return found


def words_alternation(phrases: list[str]) -> str:
    parts = sorted((r"\s+".join(re.escape(w) for w in p.split()) for p in phrases if p.strip()), key=len, reverse=True)
    return "|".join(parts)


class LazyRegex:
    """A case-insensitive regular expression compiled when first used: most articles need
    only the verbs of speech, and a cold run should not pay for compiling the rest."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text)

    def search(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        return self.regex.search(text, pos, endpos)

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        return self.regex.match(text, pos)
