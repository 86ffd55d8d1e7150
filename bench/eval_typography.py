"""Evaluate News.QuotationMarks and News.Apostrophes with few marks (issue 16): one pair of
quotation marks in the other style, planted both ways, with double and with single marks.

    python bench/eval_typography.py [--corpus bbc|lee|DIR] [--show-misses N] [--show-alarms N] [--limit N]

Both sets are typed with straight marks. From each article this script makes, itself (not
with the rules), copy in four styles: straight double quotes (the article as it is),
curly double quotes (every quotation's marks and every apostrophe curly), straight single
quotes and curly single quotes (each double-quoted quotation's marks written as single
ones). A quotation here is one newslint's parser finds, closed, in a paragraph.

1. False alarms: findings of warning level or above on the untouched copy, and on each of
   the three restyled copies, per 1,000 body words.
2. Recall: in every article with three or more quotations (so that one pair stays a
   minority), one quotation chosen at random gets its two marks in the other style of the
   same shape: a straight pair in curly copy, a curly pair in straight copy, for double and
   for single marks. Found when a finding overlaps either mark; "both" when each mark is
   reported.

Bar (issue 16): every direction caught as reliably as the others.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.planted import arguments, context, overlaps, serious, texts  # noqa: E402
from newslint.config import Config  # noqa: E402
from newslint.linter import Linter, Selection  # noqa: E402
from newslint.spans import Quotation  # noqa: E402

RULES = ("News.QuotationMarks", "News.Apostrophes")
SEED = 16
# shape -> (open, close) per style
MARKS = {
    ("double", "straight"): ('"', '"'), ("double", "curly"): ("\u201c", "\u201d"),
    ("single", "straight"): ("'", "'"), ("single", "curly"): ("\u2018", "\u2019"),
}


def quotations(linter: Linter, text: str, name: str) -> list[Quotation]:
    doc = linter.parse(text, name)
    found = []
    for q in doc.quotations:
        region = doc.region_at(q.start)
        if q.closed and q.open_mark == '"' and q.close_mark == '"' and region is not None and region.kind == "paragraph":
            found.append(q)
    return found


def restyle(text: str, quoted: list[Quotation], shape: str, style: str) -> str:
    """Every quotation's marks in (shape, style); curly copy gets curly apostrophes too."""
    chars = list(text)
    opener, closer = MARKS[shape, style]
    for q in quoted:
        chars[q.start], chars[q.end - 1] = opener, closer
    if style == "curly":
        marks = {q.start for q in quoted} | {q.end - 1 for q in quoted}
        for i, c in enumerate(chars):
            if i in marks:
                continue
            before = chars[i - 1] if i else " "
            if c == "'":
                chars[i] = "\u2018" if before.isspace() and i + 1 < len(chars) and chars[i + 1].isalnum() else "\u2019"
            elif c == '"':
                chars[i] = "\u201c" if before.isspace() or before in "([" or not i else "\u201d"
    return "".join(chars)


def main() -> int:
    args = arguments(__doc__.split("\n")[0]).parse_args()
    loaded, words = texts(args.corpus, args.limit)
    linter = Linter(Config(extends=args.preset), Selection(RULES))
    started = time.perf_counter()
    print(f"corpus: {args.corpus}, {len(loaded)} articles, {words:,} body words; preset {args.preset}, "
          f"rules {', '.join(RULES)}")
    rng = random.Random(SEED)
    copies = (("double", "straight"), ("double", "curly"), ("single", "straight"), ("single", "curly"))
    alarms: dict[tuple[str, str], list[tuple[str, str, int, int]]] = {c: [] for c in copies}
    results: dict[tuple[str, str], list[tuple[bool, bool]]] = {c: [] for c in copies}
    misses: list[str] = []
    for name, text in loaded:
        quoted = quotations(linter, text, name)
        for shape, style in copies:
            copy = text if (shape, style) == ("double", "straight") else restyle(text, quoted, shape, style)
            alarms[shape, style] += [(name, copy, f.offset, f.end_offset) for f in serious(linter.lint_text(copy, name))]
            if len(quoted) < 3:
                continue
            q = rng.choice(quoted)
            other = MARKS[shape, "straight" if style == "curly" else "curly"]
            chars = list(copy)
            chars[q.start], chars[q.end - 1] = other
            planted = "".join(chars)
            findings = serious(linter.lint_text(planted, name))
            opening, closing = overlaps(findings, q.start, q.start + 1), overlaps(findings, q.end - 1, q.end)
            results[shape, style].append((opening or closing, opening and closing))
            if not (opening and closing):
                misses.append(f"  {name} ({'curly' if style == 'straight' else 'straight'} {shape} pair in {style} copy; "
                              f"{'opening' if opening else 'closing' if closing else 'neither'} reported): "
                              f"...{context(planted, q.start, q.end, 30, 10)}...")
    for (shape, style), found in alarms.items():
        label = "untouched copy" if (shape, style) == ("double", "straight") else f"{style} {shape} copy"
        print(f"false alarms ({label}): {len(found)} = {1000 * len(found) / max(words, 1):.3f} per 1,000 words")
        for name, copy, s, e in found[: args.show_alarms]:
            print(f"  {name}: {copy[s:e]!r} in ...{context(copy, s, e)}...")
    for (shape, style), r in results.items():
        planted_style = "curly" if style == "straight" else "straight"
        either, both = sum(a for a, _ in r), sum(b for _, b in r)
        print(f"recall ({planted_style} {shape} pair in {style} copy): {either}/{len(r)} = {either / max(len(r), 1):.3f}"
              f" (both marks {both / max(len(r), 1):.3f})")
    for line in misses[: args.show_misses]:
        print(line)
    print(f"time: {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
