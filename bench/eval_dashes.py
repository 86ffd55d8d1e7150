"""Evaluate News.Dashes (issue 16): recall on a minority dash planted in copy of one dash
style, and false alarms on untouched and on restyled copy.

    python bench/eval_dashes.py [--corpus bbc|lee|DIR] [--show-misses N] [--show-alarms N] [--limit N]

Both sets write their dash as a spaced hyphen ("the vote - held on Tuesday - passed").
This script finds those dashes itself, not with the rule: a hyphen with a space either side
in prose (the headline too: a restyled article is restyled throughout), between two characters that are neither spaces nor hyphens and not both
figures ("won 2 - 1" stays a score).

1. Untouched copy: findings of warning level or above per 1,000 body words.
2. Restyled copy: every article with two or more dashes has all of them rewritten in one
   style, taken in turn per article: em dash ("vote\u2014held"), spaced em dash
   ("vote \u2014 held"), double hyphen ("vote -- held") or spaced en dash ("vote \u2013 held").
   Findings on that copy are false alarms too (hyphens left alone: scores, ranges,
   compounds), per 1,000 body words of the restyled articles.
3. Recall, "hyphen in restyled copy": in the restyled copy, one dash chosen at random is
   written back as a spaced hyphen (one against one is a tie, which the typeset style
   wins). Found when a finding overlaps it.
4. Recall, "dash in hyphen copy": in the untouched copy of an article with three or more
   dashes, one of them becomes an em dash. Found when a finding overlaps it.

Bar (issue 16): recall >= 0.90, false alarms <= 0.05 per 1,000 words on both sets.
"""

from __future__ import annotations

import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.planted import arguments, context, overlaps, serious, texts  # noqa: E402
from newslint.config import Config  # noqa: E402
from newslint.linter import Linter, Selection  # noqa: E402

RULE = "News.Dashes"
SEED = 16
_HYPHEN_DASH = re.compile(r"(?<=[^\s-]) - (?=[^\s-])")
STYLES = ("\u2014", " \u2014 ", " -- ", " \u2013 ")


def dash_sites(linter: Linter, text: str, name: str) -> list[tuple[int, int]]:
    doc = linter.parse(text, name)
    found = []
    for m in _HYPHEN_DASH.finditer(text):
        s, e = m.span()
        if text[s - 1].isdigit() and text[e].isdigit():
            continue
        region = doc.region_at(s)
        if region is not None and e <= region.end:
            found.append((s, e))
    return found


def rewrite(text: str, sites: list[tuple[int, int]], style: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` with every site written in `style`, and where each now stands."""
    parts, moved, last, shift = [], [], 0, 0
    for s, e in sites:
        parts += [text[last:s], style]
        moved.append((s + shift, s + shift + len(style)))
        shift += len(style) - (e - s)
        last = e
    parts.append(text[last:])
    return "".join(parts), moved


def main() -> int:
    args = arguments(__doc__.split("\n")[0]).parse_args()
    loaded, words = texts(args.corpus, args.limit)
    linter = Linter(Config(extends=args.preset), Selection((RULE,)))
    started = time.perf_counter()
    print(f"corpus: {args.corpus}, {len(loaded)} articles, {words:,} body words; preset {args.preset}, rule {RULE}")

    alarms: list[tuple[str, str, int, int]] = []  # copy, text, start, end
    for name, text in loaded:
        alarms += [(name, text, f.offset, f.end_offset) for f in serious(linter.lint_text(text, name))]
    print(f"false alarms (untouched copy): {len(alarms)} = {1000 * len(alarms) / max(words, 1):.3f} per 1,000 words")

    rng = random.Random(SEED)
    restyled_alarms: list[tuple[str, str, int, int]] = []
    restyled_words = 0
    results: dict[str, list[bool]] = {"hyphen in restyled copy": [], "dash in hyphen copy": []}
    by_style: Counter[str] = Counter()
    missed_by_style: Counter[str] = Counter()
    misses: list[str] = []
    for index, (name, text) in enumerate(loaded):
        sites = dash_sites(linter, text, name)
        if len(sites) < 2:
            continue
        style = STYLES[index % len(STYLES)]
        restyled, moved = rewrite(text, sites, style)
        restyled_words += len(restyled.split("\n", 1)[1].split()) if "\n" in restyled else 0
        restyled_alarms += [(f"{name} ({style.strip()!r})", restyled, f.offset, f.end_offset)
                            for f in serious(linter.lint_text(restyled, name))]
        # A spaced hyphen planted among the restyled dashes.
        s, e = rng.choice(moved)
        planted = restyled[:s] + " - " + restyled[e:]
        found = overlaps(serious(linter.lint_text(planted, name)), s, s + 3)
        results["hyphen in restyled copy"].append(found)
        by_style[style] += 1
        if not found:
            missed_by_style[style] += 1
            misses.append(f"  {name} (style {style.strip()!r}): ...{context(planted, s, s + 3)}...")
        if len(sites) < 3:
            continue  # one em dash against one hyphen is a tie, not a minority
        # An em dash planted among the spaced hyphens.
        s, e = rng.choice(sites)
        planted = text[:s] + "\u2014" + text[e:]
        found = overlaps(serious(linter.lint_text(planted, name)), s, s + 1)
        results["dash in hyphen copy"].append(found)
        if not found:
            misses.append(f"  {name} (em dash in hyphen copy): ...{context(planted, s, s + 1)}...")
    print(f"false alarms (restyled copy): {len(restyled_alarms)} over {restyled_words:,} words = "
          f"{1000 * len(restyled_alarms) / max(restyled_words, 1):.3f} per 1,000 words")
    for name, text, s, e in (alarms + restyled_alarms)[: args.show_alarms]:
        print(f"  {name}: {text[s:e]!r} in ...{context(text, s, e)}...")
    for kind, r in results.items():
        print(f"recall ({kind}): {sum(r)}/{len(r)} = {sum(r) / max(len(r), 1):.3f}")
    print("  hyphen in restyled copy, by style: " + ", ".join(
        f"{style!r} {n - missed_by_style[style]}/{n}" for style, n in by_style.items()))
    for line in misses[: args.show_misses]:
        print(line)
    print(f"time: {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
