"""Evaluate the names rules on a corpus: recall on planted misspellings and false alarms on
untouched copy.

    /tmp/venv/bin/python bench/eval_names.py [--corpus bbc|lee|DIR] [--preset uk|ap]
        [--show-misses N] [--show-alarms N] [--seed N]

1. False alarms: every distinct article (duplicates.tsv column 2 skipped) is linted with
   only the rules of kind `names` of the preset selected (News + its house pack, `uk` by
   default: both evaluation sets are British-style copy); findings of warning level or
   above are counted per 1,000 body words (whitespace tokens, headline line excluded),
   the News rules and the house pack apart. Suggestion-level findings are counted apart.
2. Recall: in each article with a surname used at least three times in the body, one
   later mention (not the first) of one such surname is misspelt by one edit: two
   adjacent letters swapped, a letter doubled, dropped or changed to another lowercase
   letter. Surnames are chosen by this script, not by the rule (see `surnames`): a
   capitalised word after Mr, Mrs, Ms, Dr or Sir, or after a first name when it also
   stands alone or before "said", never written in lower case in the article. The
   misspelt mention is in running text: lines where most words are capitalised (team
   sheets, lists of names) are not planting sites. The edit never touches the first
   letter (a name's capital is the letter writers get right; a changed capital makes a
   different word, Brown/Crown, which no speller can call a typo). The site, surname,
   edit and position come from a seeded random generator, so runs are repeatable.
   A planted misspelling is found when a finding of News.NameVariants covers it, with that
   rule alone selected: with the house pack's names rule beside it, the News rule stands
   down in every article where the house rule reports (Burma, Kiev; overlaps.py), which
   would count as misses plants that the rule finds.

Bar (issue 4): recall >= 0.85 and at most 0.3 findings of warning level or above per
1,000 words of untouched copy.
"""

from __future__ import annotations

import argparse
import random
import re
import string
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import body_words, distinct_articles  # noqa: E402
from bench.outside import corpus_folder  # noqa: E402
from newslint.config import Config  # noqa: E402
from newslint.finding import Finding, Level  # noqa: E402
from newslint.linter import Linter, Selection  # noqa: E402
from tests.helpers import builtin_specs  # noqa: E402

RULE = "News.NameVariants"
_WORD = re.compile(r"(?<![\w'-])[A-Z][a-z]*(?:'?[A-Z][a-z]+)*(?<=[a-z])")
_LOWER = re.compile(r"(?<![\w'-])[a-z]+")
_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "Sir"})
_SPEECH = re.compile(r"(?:'s)?,? (?:said|says|told)\b")
# Capitalised words that are never a first name before a surname.
_NOT_FIRST = frozenset("""The This That These Those There They Then When What Where Which While With
    But And For Its His Her Our Their In On At By To Of As If So Or Not No Yes All Some Many Most
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Mr Mrs Ms Dr Sir""".split())
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"]? +|\n)['\"]?\Z")


articles = distinct_articles


def body_start(text: str) -> int:
    return text.index("\n") + 1 if "\n" in text else len(text)


def surnames(text: str, common: frozenset[str] = frozenset()) -> dict[str, tuple[int, list[tuple[int, int]]]]:
    """Surnames used three or more times in the body: how often, and the spans of their
    later mentions (all but the first) in running text.

    A surname stands at least once after Mr, Mrs, Ms, Dr or Sir, or after a first name
    (a capitalised word not at a sentence start and never written in lower case) when it
    also stands alone (no capitalised word on either side) in at least half of its uses
    or before "said", "says" or "told" (so Carling Cup and Air India are not surnames). It
    is used mid-sentence at least once and never in lower case (Bank, Group, President).
    Running text leaves out lines where most words are capitalised: team sheets and lists
    of names, which are not prose. A word never after a title that is a common word of
    the corpus (`common`: written in lower case once in 40,000 words or more across it,
    at least twice; 20 times in the BBC corpus) names an
    organisation, not a person (Vestey Group, Royal Mail, Christian Aid, Swiss Re said).
    """
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, body_start(text))]
    lower = set(_LOWER.findall(text))
    spans: dict[str, list[tuple[int, int]]] = {}
    titled: set[str] = set()
    after_first: set[str] = set()
    alone: Counter[str] = Counter()
    speaking: set[str] = set()
    mid_sentence: set[str] = set()

    def joined(i: int) -> bool:  # tokens i and i + 1 are one name
        return 0 <= i < len(tokens) - 1 and text[tokens[i][1] : tokens[i + 1][0]] in (" ", ". ")

    for i, (start, end, word) in enumerate(tokens):
        spans.setdefault(word, []).append((start, end))
        if not _at_sentence_start(text, start):
            mid_sentence.add(word)
        prev = tokens[i - 1][2] if joined(i - 1) else None
        if (prev is None or prev in _TITLES) and not joined(i):
            alone[word] += 1
        if _SPEECH.match(text, end):
            speaking.add(word)
        if prev in _TITLES:
            titled.add(word)
        elif prev is not None:
            prev_start, prev_end = tokens[i - 1][:2]
            if (text[prev_end] == " " and not _at_sentence_start(text, prev_start)
                    and prev.lower() not in lower and prev not in _NOT_FIRST):
                after_first.add(word)
    chosen = {}
    for word, found in spans.items():
        person = word in titled or (word in after_first and (word in speaking or 2 * alone[word] >= len(found))
                                    and word.lower() not in common and not word[1:2].isupper())
        if (person and word in mid_sentence and word.lower() not in lower and word not in _NOT_FIRST
                and len(found) >= 3):
            later = [span for span in found[1:] if _running_text(text, span[0])]
            if later:
                chosen[word] = (len(found), later)
    return chosen


def _running_text(text: str, offset: int) -> bool:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    words = text[start : end if end != -1 else len(text)].split()
    # "(Cardiff)," is a capitalised word of a team sheet too.
    return len(words) < 6 or sum(1 for w in words if w.lstrip("(\"'[")[:1].isupper()) < 0.6 * len(words)


def _at_sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text, max(0, start - 4), start))


def misspell(word: str, rng: random.Random) -> tuple[str, str]:
    """One letter typo; the apostrophe of O'Gara is no letter to double or change."""
    while True:
        op = rng.choice(("swap", "double", "drop", "change"))
        if op == "swap" and len(word) >= 3:
            i = rng.randrange(1, len(word) - 1)
            new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif op == "double":
            i = rng.randrange(1, len(word))
            new = word[: i + 1] + word[i] + word[i + 1 :]
        elif op == "drop" and len(word) >= 3:
            i = rng.randrange(1, len(word))
            new = word[:i] + word[i + 1 :]
        elif op == "change":
            i = rng.randrange(1, len(word))
            new = word[:i] + rng.choice([c for c in string.ascii_lowercase if c != word[i]]) + word[i + 1 :]
        else:
            continue
        if new != word and new.replace("'", "") != word.replace("'", "") and new.count("'") == word.count("'"):
            return op, new


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--show-alarms", type=int, default=0)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--corpus", default="bbc", help="bbc (the dev corpus), lee (the second set) or a folder")
    parser.add_argument("--preset", choices=("uk", "ap"), default="uk")
    args = parser.parse_args()

    house = args.preset.upper()
    names_rules = tuple(s.id for s in builtin_specs() if s.kind == "names" and s.pack in ("News", house))
    linter = Linter(Config(extends=args.preset), Selection(names_rules))
    variants_only = Linter(Config(extends=args.preset), Selection((RULE,)))
    rng = random.Random(args.seed)
    files = articles(corpus_folder(args.corpus))
    lower_counts: Counter[str] = Counter()
    for path in files:
        lower_counts.update(_LOWER.findall(path.read_text(encoding="utf-8")))
    all_words = sum(body_words(path.read_text(encoding="utf-8")) for path in files)
    common = frozenset(w for w, n in lower_counts.items() if n >= max(2, all_words / 40_000))
    t0 = time.perf_counter()

    words = 0
    alarms: list[tuple[str, Finding]] = []
    suggestions = Counter()
    planted = found = 0
    by_op = Counter()
    found_by_op = Counter()
    misses: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        words += body_words(text)
        for f in linter.lint_text(text, path.name):
            if f.level >= Level.WARNING:
                alarms.append((path.name, f))
            else:
                suggestions[f.rule] += 1
        candidates = surnames(text, common)
        if not candidates:
            continue
        word = rng.choice(sorted(candidates))
        uses, later = candidates[word]
        start, end = rng.choice(later)
        op, wrong = misspell(word, rng)
        changed = text[:start] + wrong + text[end:]
        planted += 1
        by_op[op] += 1
        hit = any(f.rule == RULE and f.offset <= start and start + len(wrong) <= f.end_offset
                  for f in variants_only.lint_text(changed, path.name))
        if hit:
            found += 1
            found_by_op[op] += 1
        else:
            line = changed[: start].count("\n") + 1
            context = changed[max(changed.rfind("\n", 0, start) + 1, start - 60) : start + len(wrong) + 40]
            misses.append(f"{path.name}:{line}: {word} -> {wrong} ({op}, {uses} uses): ...{context!r}...")

    elapsed = time.perf_counter() - t0
    per_rule = Counter(f.rule for _, f in alarms)
    news = sum(n for r, n in per_rule.items() if r.startswith("News."))
    print(f"corpus {args.corpus}, preset {args.preset}: {len(files)} distinct articles, {words} body words, "
          f"rules: {', '.join(names_rules)}")
    print(f"untouched copy: {len(alarms)} findings of warning level or above = "
          f"{1000 * len(alarms) / words:.3f} per 1,000 words "
          f"({', '.join(f'{r} {n}' for r, n in sorted(per_rule.items())) or 'none'})")
    print(f"  News rules: {news} = {1000 * news / words:.3f} per 1,000 words; house pack ({house}): "
          f"{len(alarms) - news} = {1000 * (len(alarms) - news) / words:.3f} per 1,000 words")
    print(f"untouched copy: {sum(suggestions.values())} suggestion-level findings "
          f"({', '.join(f'{r} {n}' for r, n in sorted(suggestions.items())) or 'none'})")
    print(f"planted misspellings: {planted}, found {found}: recall {found / max(planted, 1):.3f} "
          f"({', '.join(f'{op} {found_by_op[op]}/{by_op[op]}' for op in sorted(by_op))})")
    print(f"time: {elapsed:.1f} s")
    for name, f in alarms[: args.show_alarms]:
        print(f"ALARM {name}:{f.line}:{f.column}: {f.match!r}: {f.message} [{f.rule}]")
    for line in misses[: args.show_misses]:
        print(f"MISS {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
