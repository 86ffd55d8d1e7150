"""Vale's case styles for `capitalization` rules from a Vale style, ported from Vale
(internal/check/capitalization.go, variables.go) and the case converters it uses
(github.com/jdkato/twine v0.10.1, strcase/sentence.go and title.go).

One difference: Vale's AP title case asks a part-of-speech tagger whether "to" is an
infinitive's (capitalised) or a preposition before a noun (lower case); newslint has no
tagger and takes "to" as the lower-case word inside a title.
"""

from __future__ import annotations

from typing import Callable

import regex

_TOKEN = r"[\p{N}\p{L}*]+[^\s]*"
_SPLIT = regex.compile(r"[\p{N}\p{L}]+[^\s\-/]*")
_NUMBER_LIST = regex.compile(r"\d+\.")
_SANITIZE = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-",
                           "\u2014": "-", "\u2026": "..."})
_SMALL_WORDS = frozenset("a an and as at but by en for if in nor of on or per the to vs vs. via v v.".split())
_PREPOSITIONS = frozenset(
    "with from into during including until against among throughout despite towards upon concerning "
    "about over through before between after since without under within along following across beyond "
    "around down near above".split())

Indicator = Callable[[str, int], bool]


def indicator_of(indicators: list[str]) -> Indicator:
    """Vale's wasIndicator: a word ending in one of `indicators`, or a list number
    ("1.") first, makes the next word start a sentence."""
    suffixes = tuple(indicators)

    def indicator(word: str, index: int) -> bool:
        return (bool(suffixes) and word.endswith(suffixes)) or (index == 0 and _NUMBER_LIST.search(word) is not None)

    return indicator


def go_title(word: str) -> str:
    """Go's strings.Title: every letter after a separator upper-cased."""
    out = []
    previous = " "
    for c in word:
        out.append(c.upper() if _is_separator(previous) else c)
        previous = c
    return "".join(out)


def _is_separator(c: str) -> bool:
    if c.isascii():
        return not (c.isalnum() or c == "_")
    if c.isalpha() or c.isdigit():
        return False
    return c.isspace()


def _to_title(word: str, strict: bool) -> str:
    """twine's internal.ToTitle: the first letter upper-cased, the rest lower-cased when strict."""
    return word[:1].upper() + (word[1:].lower() if strict else word[1:])


def _in_vocab(vocab: list[str], word: str) -> str:
    for token in vocab:
        if token.lower() == word.lower():
            return token
        try:
            if regex.search(token, word):
                return word
        except regex.error:
            continue
    return ""


def _strip_prefix(prefix: str, text: str) -> tuple[str, str]:
    if not prefix:
        return "", text
    try:
        found = regex.search(prefix, text)
    except regex.error:
        return "", text
    if found is None:
        return "", text
    head = found.group()
    return (head, text[len(head):]) if text.startswith(head) else (head, text)


def sentence_case(text: str, vocab: list[str], indicator: Indicator, prefix: str) -> str:
    """twine's SentenceConverter.Convert."""
    head, text = _strip_prefix(prefix, text)
    pattern = _TOKEN
    if vocab:
        pattern = f"\\b(?:{'|'.join(vocab)})\\b|{pattern}"
    try:
        tokens = _all("(?i)" + pattern, text)
    except regex.error:
        tokens = _all(_TOKEN, text)
    made = []
    for i, token in enumerate(tokens):
        previous = tokens[i - 1] if i else ""
        entry = _in_vocab(vocab, token)
        if entry:
            made.append(entry)
        elif i == 0 or indicator(previous, i - 1):
            made.append(_to_title(token, True))
        else:
            made.append(token.lower())
    return head + " ".join(made)


def title_case(text: str, vocab: list[str], prefix: str, chicago: bool) -> str:
    """twine's TitleConverter.Convert (AP or Chicago)."""
    head, text = _strip_prefix(prefix, text)
    sanitized = text.translate(_SANITIZE)
    end = len(sanitized)
    state = {"idx": 0}

    def at(i: int) -> str:
        return sanitized[i] if 0 <= i < len(sanitized) else sanitized[:1]

    def convert(m: regex.Match[str]) -> str:
        word = m.group()
        lower = word.lower()
        found = sanitized.find(word, state["idx"])
        pos = found if found >= 0 else state["idx"] - 1
        size = len(word)
        state["idx"] = pos + size
        entry = _in_vocab(vocab, lower)
        if entry:
            return entry
        bounding = pos == 0 or state["idx"] == end
        small = lower in _SMALL_WORDS or (chicago and lower in _PREPOSITIONS)
        if (not bounding and small and at(pos - 1) in " -/" and at(pos - 2) not in ":-"
                and (at(pos + size) != "-" or at(pos - 1) == "-")):
            return lower
        return _to_title(word, False)

    return head + _SPLIT.sub(convert, text)


def _all(pattern: str, text: str) -> list[str]:
    # Whole matches (findall would give an exception's groups).
    return [m.group() for m in regex.finditer(pattern, text)]


def _tokens(source: str, text: str) -> list[str]:
    pattern = f"{source}|{_TOKEN}" if source else _TOKEN
    try:
        return _all(pattern, text)
    except regex.error:
        return _all(_TOKEN, text)


def _search(source: str, text: str) -> bool:
    if not source:
        return False
    try:
        return regex.search(source, text) is not None
    except regex.error:
        return False


def title_conforms(text: str, expected: str, source: str, threshold: float) -> bool:
    """Vale's title(): the share of words as title case has them (or all capitals)."""
    wanted = _tokens(source, expected)
    count = words = 0
    for i, word in enumerate(_tokens(source, text)):
        if i >= len(wanted) or word == wanted[i] or _search(source, word) or word == word.upper():
            count += 1
        words += 1
    return words == 0 or count / words >= threshold


def sentence_conforms(text: str, expected: str, source: str, threshold: float) -> bool:
    """Vale's sentence(): a first word that is not capitalised fails outright; otherwise
    the share of words as sentence case has them."""
    wanted = _tokens(source, expected)
    count = words = 0
    for i, word in enumerate(_tokens(source, text)):
        if i >= len(wanted) or word == wanted[i] or _search(source, word):
            count += 1
        elif i == 0 and word != go_title(word.lower()):
            return False
        words += 1
    return words == 0 or count / words >= threshold
