"""The text statistics behind Vale's `metric` and `readability` kinds.

Ported from the Go library Vale uses (github.com/jdkato/twine v0.10.1, summarize/):
the syllable counter (summarize/syllables.go, itself a port of the `syllable` npm
package), the word tokenizer (`(?:[A-Z]\\.){2,}|[\\p{N}\\p{L}']+`) and the counts and
formulas of summarize.go and readability.go. A port rather than a library: of the Python
syllable counters, none gives Vale's counts (bench/vale_syllables.py compares them on
the corpus's words), and a grade that differs from Vale's by a syllable here and there
fires a rule Vale does not.

One approximation: Vale splits sentences with a Punkt model trained on English; newslint
uses its own splitter (newslint/sentences.py: a sentence ends at . ! or ? before a
capital, digit or quotation mark, abbreviations and initials excepted).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import regex

from newslint.sentences import split_sentences
from newslint.spans import Region

_WORD = regex.compile(r"(?:[A-Z]\.){2,}|[\p{N}\p{L}']+")
_CORNER_CASES = {
    "abalone": 4, "abare": 3, "abed": 2, "abruzzese": 4, "abbruzzese": 4, "aborigine": 5, "aborigines": 5,
    "acreage": 3, "adame": 3, "adieu": 2, "adobe": 3, "anemone": 4, "apache": 3, "aphrodite": 4,
    "apostrophe": 4, "ariadne": 4, "cafe": 2, "cafes": 2, "calliope": 4, "catastrophe": 4, "chile": 2,
    "chloe": 2, "circe": 2, "coyote": 3, "epitome": 4, "facsimile": 4, "forever": 3, "gethsemane": 4,
    "guacamole": 4, "hyperbole": 4, "jesse": 2, "jukebox": 2, "karate": 3, "machete": 3, "maybe": 2,
    "people": 2, "recipe": 3, "sesame": 3, "shoreline": 2, "simile": 3, "syncope": 3, "tamale": 3,
    "yosemite": 4, "daphne": 2, "eurydice": 4, "euterpe": 3, "hermione": 4, "penelope": 4,
    "persephone": 4, "phoebe": 2, "zoe": 2,
}
_MONO_ONE = regex.compile(
    "cia(l|$)|tia|cius|cious|[^aeiou]giu|[aeiouy][^aeiouy]ion|iou|sia$|eous$|[oa]gue$|"
    ".[^aeiuoycgltdb]{2,}ed$|.ely$|^jua|uai|eau|^busi$|"
    "([aeiouy](b|c|ch|dg|f|g|gh|gn|k|l|lch|ll|lv|m|mm|n|nc|ng|nch|nn|p|r|rc|rn|rs|rv|s|sc|sk|sl|squ|ss|th|v|y|z)ed$)|"
    "([aeiouy](b|ch|d|f|gh|gn|k|l|lch|ll|lv|m|mm|n|nch|nn|p|r|rn|rs|rv|s|sc|sk|sl|squ|ss|st|t|th|v|y)es$)")
_MONO_TWO = regex.compile(
    "[aeiouy](b|c|ch|d|dg|f|g|gh|gn|k|l|ll|lv|m|mm|n|nc|ng|nn|p|r|rc|rn|rs|rv|s|sc|sk|sl|squ|ss|st|t|th|v|y|z)e$")
_DOUBLE_ONE = regex.compile(
    "(?:[^aeiouy]ie(r|st|t)|[aeiouym]bl|eo|ism|asm|thm|dnt|uity|dea|gean|oa|ua|eings?|[aeiouy]sh?e[rsd])$")
_DOUBLE_TWO = regex.compile("[^gq]ua[^auieo]|[aeiou]{3}|^(ia|mc|coa[dglx].)")
_DOUBLE_THREE = regex.compile(
    "[^aeiou]y[ae]|[^l]lien|riet|dien|iu|io|ii|uen|real|iell|eo[^aeiou]|[aeiou]y[aeiou]")
_DOUBLE_FOUR = regex.compile("[^s]ia")
_VOWELS = regex.compile("[aeiouy]+")
_PREFIXES = (
    ("above", "anti", "ante", "counter", "hyper", "afore", "agri", "infra", "intra", "inter", "over", "semi",
     "ultra", "under", "extra", "dia", "micro", "mega", "kilo", "pico", "nano", "macro"),
    ("un", "fore", "ware", "none", "non", "out", "post", "sub", "pre", "pro", "dis", "side"),
)
_SUFFIXES = (
    ("ology", "ologist", "onomy", "onomist"),
    ("fully", "berry", "woman", "women"),
    ("ly", "less", "some", "ful", "er", "ers", "ness", "cian", "cians", "ment", "ments", "ette", "ettes",
     "ville", "villes", "ships", "ship", "side", "sides", "port", "ports", "shire", "shires", "tion", "tioned"),
)


def _clear(word: str, options: tuple[tuple[str, ...], ...], prefix: bool) -> tuple[str, int]:
    """twine's clearPart: strip the first affix found, group by group; a stripped affix of
    group i counts len(groups) - i syllables."""
    for i, group in enumerate(options):
        for affix in group:
            if word.startswith(affix) if prefix else word.endswith(affix):
                return (word[len(affix):] if prefix else word[: len(word) - len(affix)]), len(options) - i
    return word, 0


def _count(pattern: regex.Pattern[str], text: str) -> int:
    # Go's FindAllString: non-overlapping matches, an empty one not right after another.
    return sum(1 for _ in pattern.finditer(text))


def syllables(word: str) -> int:
    """twine's summarize.Syllables."""
    if len(word) < 1:
        return 0
    if len(word) < 3:
        return 1
    word = word.lower()
    if word in _CORNER_CASES:
        return _CORNER_CASES[word]
    text, prefix = _clear(word, _PREFIXES, True)
    text, suffix = _clear(text, _SUFFIXES, False)
    count = prefix + suffix + _count(_VOWELS, text)
    count -= _count(_MONO_ONE, text) + _count(_MONO_TWO, text)
    count += _count(_DOUBLE_ONE, text) + _count(_DOUBLE_TWO, text) + _count(_DOUBLE_THREE, text)
    count += _count(_DOUBLE_FOUR, text)
    return max(count, 1)


class Stats(NamedTuple):
    """twine's summarize.Document counts, as floats as Go keeps them."""

    words: float = 0.0
    sentences: float = 0.0
    syllables: float = 0.0
    characters: float = 0.0
    complex_words: float = 0.0
    long_words: float = 0.0
    polysyllabic_words: float = 0.0
    paragraphs: float = 0.0


def statistics(text: str) -> Stats:
    words = sentences = syllable_count = characters = complex_words = long_words = polysyllabic = 0
    paragraphs = 0
    for paragraph in text.split("\n\n"):
        paragraphs += 1
        for span in split_sentences(paragraph, [Region(0, len(paragraph))]):
            sentence = paragraph[span.start : span.end]
            if not sentence.strip():
                continue
            sentences += 1
            for word in _WORD.findall(sentence):
                word = word.strip()
                if not word:
                    continue
                characters += sum(1 for c in word if c.isalpha() or c.isnumeric())
                if len(word.encode("utf-8")) > 6:  # Go's len() counts bytes
                    long_words += 1
                count = syllables(word)
                syllable_count += count
                if count > 2:
                    polysyllabic += 1
                if count - word.endswith(("es", "ed", "ing")) > 2:
                    complex_words += 1
                words += 1
    return Stats(float(words), float(sentences), float(syllable_count), float(characters), float(complex_words),
                 float(long_words), float(polysyllabic), float(paragraphs))


def flesch_kincaid(s: Stats) -> float:
    return 0.39 * s.words / s.sentences + 11.8 * s.syllables / s.words - 15.59


def flesch_reading_ease(s: Stats) -> float:
    return 206.835 - 1.015 * s.words / s.sentences - 84.6 * s.syllables / s.words


def gunning_fog(s: Stats) -> float:
    return 0.4 * (s.words / s.sentences + 100.0 * (s.complex_words / s.words))


def lix(s: Stats) -> float:
    return s.words / s.sentences + (s.long_words * 100) / s.words


def smog(s: Stats) -> float:
    return 1.0430 * math.sqrt(s.polysyllabic_words * 30.0 / s.sentences) + 3.1291


def automated_readability(s: Stats) -> float:
    return 4.71 * (s.characters / s.words) + 0.5 * (s.words / s.sentences) - 21.43


def coleman_liau(s: Stats) -> float:
    return 0.0588 * (s.characters / s.words) * 100 - 0.296 * (s.sentences / s.words) * 100 - 15.8


# The names a `readability` rule's `metrics` take (Vale's readabilityMetrics), and Flesch
# reading ease, which newslint adds (a score, not a grade: higher is easier).
METRICS = {
    "Gunning Fog": gunning_fog,
    "Coleman-Liau": coleman_liau,
    "Flesch-Kincaid": flesch_kincaid,
    "SMOG": smog,
    "Automated Readability": automated_readability,
    "Flesch Reading Ease": flesch_reading_ease,
}
