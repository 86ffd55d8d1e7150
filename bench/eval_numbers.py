"""Evaluate the numbers rules on a corpus: recall on injected defects and false alarms on
untouched copy.

    /tmp/venv/bin/python bench/eval_numbers.py [--corpus bbc|lee|DIR] [--show-misses N]
        [--show-alarms N] [--limit N]

1. False alarms: every distinct article (duplicates.tsv column 2 skipped) is linted with
   only the rules of kind `numbers` selected, once with the UK preset (News + UK: the
   corpus is BBC copy) and once with the AP preset (News + AP); findings of warning level
   or above are counted per 1,000 body words (whitespace tokens, headline line excluded),
   the News rules and the house pack apart. For the BBC corpus a second line gives the
   rate over all 2,225 files as shipped (842,910 body words), each exact copy counted with
   its original's findings.
2. Recall, two injected defects, at most one of each per copy of an article:
   - "figure": a spelled-out number two to nine in running text becomes a figure
     ("two firms" -> "2 firms"). Sites are chosen by this script, not by the rule: a
     lowercase word, in a paragraph, outside quotations, not the first word of its
     sentence, not joined by a hyphen or slash, and not where the figure is itself right
     (before "million", "per cent", "%", "year-old", "years old" or a unit of measure, or
     an age after "who is", "she was").
   - "comma": in an article with two or more comma-grouped figures outside quotations, one
     of them loses its commas ("25,000" -> "25000").
   A defect is found when a finding of warning level or above overlaps the changed text,
   with the UK preset's numbers rules, or with the News numbers rules alone: in an article
   where the house rule reports anything, the News rules stand down until it is fixed
   (newslint/overlaps.py), so a defect they find speaks on the next run.

Bar (issue 5): recall >= 0.90 and at most 0.3 findings of warning level or above per
1,000 words of untouched copy.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import body_words, distinct_articles, repeats  # noqa: E402
from bench.outside import corpus_folder  # noqa: E402
from newslint.config import Config  # noqa: E402
from newslint.finding import Finding, Level  # noqa: E402
from newslint.linter import Linter, Selection  # noqa: E402

SEED = 5
_SMALL_WORD = re.compile(r"\b(two|three|four|five|six|seven|eight|nine)\b")
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)")
# After these a figure is right in every house, so turning the word into one is no defect.
_FIGURE_RIGHT_AFTER = re.compile(
    r"\s*(?:million|billion|trillion|per\s?cent|percent|%|year-old|years?\s+old|months?\s+old|"
    r"percentage|stone|gigabytes?|megabytes?|megabits?|megapixels?|miles?|metres?|feet|foot|inch|inches|km|kilometres?|kg|pounds|tonnes|degrees|yards|litres|"
    r"hectares|acres|mph|pm|am|o'clock|euros|dollars|pence|cents|yen|rupees|yuan)\b",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(r"\b(?:who|he|she)\s+(?:is|was|turns|turned)\s+$", re.IGNORECASE)
_NUMBER_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)"
# "two or three", "one in five", "two to one": a range or ratio of words, changed as a pair.
_PAIRED = re.compile(rf"\s+(?:or|to|in|out of|and|by)\s+{_NUMBER_WORDS}\b", re.IGNORECASE)
_PAIRED_BEFORE = re.compile(rf"\b{_NUMBER_WORDS}\s+(?:or|to|in|out of|and|by)\s+$|\b(?:number|No\.?)\s+$", re.IGNORECASE)


corpus_files = distinct_articles


def numbers_rule_ids(packs: tuple[str, ...]) -> tuple[str, ...]:
    """Ids of the rules of kind `numbers` in the given packs (read from the files, so that a
    broken rule of another kind cannot stop the evaluation)."""
    ids = []
    for pack in packs:
        for path in sorted((ROOT / "rules" / pack).glob("*.yml")):
            if re.search(r"^extends:\s*numbers\s*$", path.read_text(encoding="utf-8"), re.MULTILINE):
                ids.append(f"{pack}.{path.stem}")
    return tuple(ids)


def linter_for(preset: str) -> Linter:
    packs = {"uk": ("News", "UK"), "ap": ("News", "AP")}[preset]
    return Linter(Config(extends=preset), Selection(numbers_rule_ids(packs)))


def serious(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.level >= Level.WARNING]


def figure_sites(linter: Linter, text: str, path: str) -> list[tuple[int, int]]:
    doc = linter.parse(text, path)
    starts = set()
    for s in doc.sentences:
        pos = s.start
        while pos < s.end and doc.prose[pos] in "\"'(":
            pos += 1
        starts.add(pos)
    sites = []
    for m in _SMALL_WORD.finditer(doc.prose):
        s, e = m.span()
        region = doc.region_at(s)
        if region is None or region.kind != "paragraph" or s in starts or doc.quoted.overlaps(s, e):
            continue
        if text[s - 1 : s] in "-/" or text[e : e + 1] in "-/":
            continue
        if _AGE_BEFORE.search(text, max(0, s - 30), s) and re.match(r"[.,;]", text[e : e + 1]):
            continue  # "when she was eight," is an age: a figure is right there
        if _FIGURE_RIGHT_AFTER.match(text, e) or _PAIRED.match(text, e) or _PAIRED_BEFORE.search(text[max(0, s - 20) : s]):
            continue
        sites.append((s, e))
    return sites


def comma_sites(linter: Linter, text: str, path: str) -> list[tuple[int, int]]:
    doc = linter.parse(text, path)
    sites = []
    for m in _GROUPED.finditer(doc.prose):
        s, e = m.span()
        region = doc.region_at(s)
        if region is None or region.kind != "paragraph" or doc.quoted.overlaps(s, e):
            continue
        sites.append((s, e))
    return sites if len(sites) >= 2 else []


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--show-alarms", type=int, default=0)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--corpus", default="bbc", help="bbc (the dev corpus), lee (the second set) or a folder")
    args = parser.parse_args()
    corpus = corpus_folder(args.corpus)
    files = corpus_files(corpus)
    if args.limit:
        files = files[: args.limit]
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in files]
    words = sum(body_words(t) for _, t in texts)
    started = time.perf_counter()

    uk = linter_for("uk")
    print(f"corpus {args.corpus}: {len(texts)} distinct articles, {words:,} body words")
    print(f"rules (uk): {', '.join(s.id for s in uk.specs)}")
    for preset, linter in (("uk", uk), ("ap", linter_for("ap"))):
        alarms: list[tuple[str, Finding]] = []
        for name, text in texts:
            alarms += [(name, f) for f in serious(linter.lint_text(text, name))]
        by_rule = Counter(f.rule for _, f in alarms)
        rate = 1000 * len(alarms) / words
        print(f"false alarms ({preset}): {len(alarms)} findings of warning+ = {rate:.3f} per 1,000 words; "
              f"by rule: {dict(sorted(by_rule.items()))}")
        news = sum(n for r, n in by_rule.items() if r.startswith("News."))
        print(f"  News rules: {news} = {1000 * news / words:.3f} per 1,000 words; house pack: "
              f"{len(alarms) - news} = {1000 * (len(alarms) - news) / words:.3f} per 1,000 words")
        copies = repeats(corpus)
        if not args.limit and copies:
            # The whole corpus as shipped, exact copies included (each gives what its original gives).
            per_file = Counter(name for name, _ in alarms)
            all_alarms = sum(per_file[n] for n, _ in texts) + sum(per_file[orig] for orig in copies.values())
            all_words = words + sum(body_words((corpus / c).read_text(encoding="utf-8")) for c in copies)
            print(f"  all {len(texts) + len(copies)} files, copies included: {all_alarms} findings over "
                  f"{all_words:,} body words = {1000 * all_alarms / all_words:.3f} per 1,000 words")
        for name, f in alarms[: args.show_alarms]:
            text = dict(texts)[name]
            context = text[max(text.rfind("\n", 0, f.offset) + 1, f.offset - 50) : f.end_offset + 40].replace("\n", " ")
            print(f"  {name}:{f.line}:{f.column}: [{f.rule}] {f.match!r} in ...{context}...")

    news_only = Linter(Config(extends="uk"), Selection(numbers_rule_ids(("News",))))
    rng = random.Random(SEED)
    results: dict[str, list[bool]] = {"figure": [], "comma": []}
    misses: list[str] = []
    for name, text in texts:
        for kind, sites_of in (("figure", figure_sites), ("comma", comma_sites)):
            sites = sites_of(uk, text, name)
            if not sites:
                continue
            s, e = rng.choice(sites)
            old = text[s:e]
            new = str("two three four five six seven eight nine".split().index(old) + 2) if kind == "figure" else old.replace(",", "")
            mutated = text[:s] + new + text[e:]
            end = s + len(new)
            found = any(f.offset < end and f.end_offset > s for linter in (uk, news_only)
                        for f in serious(linter.lint_text(mutated, name)))
            results[kind].append(found)
            if not found:
                line_start = mutated.rfind("\n", 0, s) + 1
                context = mutated[max(line_start, s - 60) : end + 40].replace("\n", " ")
                misses.append(f"  {kind} {name}: {old!r} -> {new!r}: ...{context}...")
    total_found = sum(sum(r) for r in results.values())
    total = sum(len(r) for r in results.values())
    for kind, r in results.items():
        print(f"recall ({kind}): {sum(r)}/{len(r)} = {sum(r) / max(len(r), 1):.3f}")
    print(f"recall (both): {total_found}/{total} = {total_found / max(total, 1):.3f}")
    for line in misses[: args.show_misses]:
        print(line)
    print(f"time: {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
