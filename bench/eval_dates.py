"""Evaluate the `dates` rules on the dev corpus: recall on planted defects, false alarms on
untouched copy.

    python bench/eval_dates.py [--corpus bbc|lee|DIR] [--show-misses] [--show-alarms]

1. Recall, ambiguous numeric dates: every "12 March" / "March 12" (with or without a year)
   whose day and month could swap (day 1-12, not the month's own number) is rewritten as a
   numeric date in the writer's order (d/m/y for day-first copy, m/d/y for month-first),
   cycling through separators, padding and two- or four-digit years; a date with no year
   gets 2005, the corpus's year. A plant counts as found when a News.AmbiguousDates
   finding overlaps it.
2. Recall, weekdays: every full date ("12 March 2005", "March 12, 2005") gets a wrong
   weekday in front (an existing weekday is replaced by a wrong one). Found when a
   News.WeekdayMismatch finding overlaps it.
3. False alarms: the untouched articles (repeats in duplicates.tsv skipped) with the date
   rules only (the News rules of kind `dates`, and the Date*/Month* rules of the preset's
   house pack), for each preset; findings of warning level or above per 1,000 body words
   (headline excluded).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import body_words, repeats  # noqa: E402
from bench.outside import corpus_folder  # noqa: E402
from newslint.config import Config, available_rule_files  # noqa: E402
from newslint.finding import Finding, Level  # noqa: E402
from newslint.linter import Linter, Selection  # noqa: E402
from newslint.rules import load_rule_spec  # noqa: E402

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_M = "|".join(MONTHS)
_WD = "|".join(WEEKDAYS)
# Ranges ("9-10 July", "8/9 January") are not single dates and are left alone.
DAY_FIRST = re.compile(rf"(?<![\d.,£$/])(?<!\d[-\u2013])\b(?P<day>\d{{1,2}}) (?P<month>{_M})\b(?:,? (?P<year>(?:19|20)\d\d)\b(?![\d,]))?")
MONTH_FIRST = re.compile(rf"\b(?P<month>{_M}) (?P<day>\d{{1,2}})\b(?![\d.,]\d|st|nd|rd|th|[-\u2013/]\d)(?:,? (?P<year>(?:19|20)\d\d)\b(?![\d,]))?")
WEEKDAY_BEFORE = re.compile(rf"\b(?:{_WD}),? $")
# The writer's order is kept: a British writer's 12 March becomes 12/03/2005.
DAY_FIRST_FORMS = ("{d}/{m}/{Y}", "{d:02}/{m:02}/{Y}", "{d:02}.{m:02}.{Y}", "{d:02}-{m:02}-{Y}",
                   "{d}/{m}/{y:02}", "{d:02}.{m:02}.{y:02}")
MONTH_FIRST_FORMS = ("{m}/{d}/{Y}", "{m:02}/{d:02}/{Y}", "{m}-{d}-{Y}", "{m}/{d}/{y:02}")
DEFAULT_YEAR = 2005


@dataclass(frozen=True)
class Plant:
    path: str
    start: int
    end: int
    text: str
    original: str


def date_rule_ids(pack: str) -> tuple[str, ...]:
    ids = []
    for rid, path in sorted(available_rule_files(Config()).items()):
        p, name = rid.split(".", 1)
        if p == "News" and load_rule_spec(path).kind == "dates":
            ids.append(rid)
        elif p == pack and name.startswith(("Date", "Month")):
            ids.append(rid)
    return tuple(ids)


def rewrite(text: str, edits: list[tuple[int, int, str]], path: str) -> tuple[str, list[Plant]]:
    """Apply non-overlapping edits; return the new text and where each one landed."""
    out, plants, last, shift = [], [], 0, 0
    for start, end, new in sorted(edits):
        if start < last:
            continue
        out.append(text[last:start])
        plants.append(Plant(path, start + shift, start + shift + len(new), new, text[start:end]))
        out.append(new)
        shift += len(new) - (end - start)
        last = end
    out.append(text[last:])
    return "".join(out), plants


def _dates(text: str) -> Iterator[tuple[re.Match[str], bool]]:
    for pattern, day_first in ((DAY_FIRST, True), (MONTH_FIRST, False)):
        for m in pattern.finditer(text):
            yield m, day_first


def plant_numeric(text: str, path: str, counter: Iterator[int]) -> tuple[str, list[Plant]]:
    edits = []
    for m, day_first in _dates(text):
        if m.start() < text.find("\n"):
            continue  # leave the headline alone
        day, month = int(m.group("day")), MONTHS.index(m.group("month")) + 1
        if not 1 <= day <= 12 or day == month:
            continue
        year = int(m.group("year") or DEFAULT_YEAR)
        forms = DAY_FIRST_FORMS if day_first else MONTH_FIRST_FORMS
        form = forms[next(counter) % len(forms)]
        edits.append((m.start(), m.end(), form.format(d=day, m=month, Y=year, y=year % 100)))
    return rewrite(text, edits, path)


def plant_weekday(text: str, path: str, rng: random.Random) -> tuple[str, list[Plant]]:
    edits = []
    for m, _ in _dates(text):
        if not m.group("year") or m.start() < text.find("\n"):
            continue
        try:
            date = dt.date(int(m.group("year")), MONTHS.index(m.group("month")) + 1, int(m.group("day")))
        except ValueError:
            continue
        wrong = WEEKDAYS[(date.weekday() + rng.randint(1, 6)) % 7]
        before = WEEKDAY_BEFORE.search(text, max(0, m.start() - 12), m.start())
        start = before.start() if before else m.start()
        comma = ", " if rng.random() < 0.5 else " "
        edits.append((start, m.end(), f"{wrong}{comma}{m.group()}"))
    return rewrite(text, edits, path)


def recall(linter: Linter, rule: str, articles: list[tuple[str, str]],
           plant: Callable[[str, str], tuple[str, list[Plant]]], show: bool) -> tuple[int, int]:
    found = total = 0
    for path, text in articles:
        new, plants = plant(text, path)
        if not plants:
            continue
        hits = [f for f in linter.lint_text(new, path) if f.rule == rule]
        for p in plants:
            total += 1
            if any(f.offset < p.end and p.start < f.end_offset for f in hits):
                found += 1
            elif show:
                print(f"  missed {p.path}: {p.original!r} -> {p.text!r}")
    return found, total


def alarms(linter: Linter, articles: list[tuple[str, str]], show: bool) -> dict[str, list[Finding]]:
    """Every finding, by file."""
    out = {}
    for path, text in articles:
        out[path] = linter.lint_text(text, path)
        if show:
            for f in out[path]:
                if f.level >= Level.WARNING:
                    print(f"  {_where(f)}: {f.level.label}: {f.message} [{f.rule}]")
    return out


def tally(findings: dict[str, list[Finding]], paths: list[str]) -> tuple[Counter[str], int]:
    loud: Counter[str] = Counter()
    quiet = 0
    for path in paths:
        for f in findings[path]:
            if f.level >= Level.WARNING:
                loud[f.rule] += 1
            else:
                quiet += 1
    return loud, quiet


def _where(f: Finding) -> str:
    return f"{Path(f.path).name}:{f.line}:{f.column}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=corpus_folder, default="bbc",
                        help="bbc (the dev corpus), lee (the second set) or a folder")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--show-alarms", action="store_true")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"no articles in {args.corpus}", file=sys.stderr)
        return 2
    texts = {str(p): p.read_text(encoding="utf-8") for p in files}
    skip = repeats(args.corpus)
    distinct = [str(p) for p in files if p.name not in skip]
    articles = [(p, texts[p]) for p in distinct]
    words = sum(body_words(texts[p]) for p in distinct)
    all_words = sum(body_words(t) for t in texts.values())
    print(f"corpus: {args.corpus}: {len(files)} files, {all_words:,} body words; "
          f"{len(distinct)} distinct articles (repeats in duplicates.tsv skipped), {words:,} body words")

    news = Linter(Config(extends="uk"), Selection(("News.AmbiguousDates", "News.WeekdayMismatch")))
    counter = iter(range(10**9))
    found, total = recall(news, "News.AmbiguousDates", articles,
                          lambda t, p: plant_numeric(t, p, counter), args.show_misses)
    print(f"recall, ambiguous numeric dates (News.AmbiguousDates): {found}/{total} = {found / max(total, 1):.3f}")
    rng = random.Random(6)
    found_w, total_w = recall(news, "News.WeekdayMismatch", articles,
                              lambda t, p: plant_weekday(t, p, rng), args.show_misses)
    print(f"recall, wrong weekday before a full date (News.WeekdayMismatch): {found_w}/{total_w} = {found_w / max(total_w, 1):.3f}")
    overall = (found + found_w) / max(total + total_w, 1)
    print(f"recall, both: {found + found_w}/{total + total_w} = {overall:.3f}")

    worst = 0.0
    for preset, pack in (("ap", "AP"), ("uk", "UK")):
        ids = date_rule_ids(pack)
        linter = Linter(Config(extends=preset), Selection(ids))
        findings = alarms(linter, list(texts.items()), args.show_alarms)
        print(f"untouched copy, preset {preset}, date rules only: {', '.join(ids)}")
        for label, paths, n_words in (("distinct articles", distinct, words), ("whole corpus", list(texts), all_words)):
            loud, quiet = tally(findings, paths)
            rate = 1000 * sum(loud.values()) / n_words
            worst = max(worst, rate)
            detail = ", ".join(f"{r} {n}" for r, n in sorted(loud.items())) or "none"
            news = sum(n for r, n in loud.items() if r.startswith("News."))
            print(f"  {label}: {sum(loud.values())} findings of warning level or above in {n_words:,} words "
                  f"= {rate:.4f} per 1,000 words ({detail}); {quiet} suggestions; News rules "
                  f"{1000 * news / n_words:.4f}, house pack {1000 * (sum(loud.values()) - news) / n_words:.4f}")
    passed = min(found / max(total, 1), found_w / max(total_w, 1)) >= 0.95 and worst <= 0.1
    print(f"bar (recall >= 0.95 on each, <= 0.1 per 1,000 words): {'met' if passed else 'NOT met'}")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
