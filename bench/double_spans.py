"""Spans reported by two rules at warning level or above, over the dev corpus, per preset.

    python bench/double_spans.py                 # both presets, counts per pair of rules
    python bench/double_spans.py --extends uk --show 20

One problem should give one finding (README, "How it works": one finding per problem). A
"double span" is a pair of findings of two different rules, both at warning or above, on
the same text: spans overlapping by at least half of the longer one (newslint/overlaps.py).
The target is 0 for every preset. Pairs whose spans merely touch (a misspelt name inside
a long unattributed quotation: two problems) are counted too, as "any overlap".
`--without-standing-down` counts what the rules report before the engine's overlap step.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import CORPUS, distinct_articles  # noqa: E402
from newslint.config import Config  # noqa: E402
from newslint.finding import Finding, Level  # noqa: E402
from newslint.linter import Linter  # noqa: E402
from newslint.overlaps import same_text  # noqa: E402

PRESETS = ("ap", "uk")


def overlap(a: Finding, b: Finding) -> bool:
    if a.offset == a.end_offset or b.offset == b.end_offset:
        return a.offset == b.offset or (a.offset < b.offset < a.end_offset) or (b.offset < a.offset < b.end_offset)
    return a.offset < b.end_offset and b.offset < a.end_offset


def double_spans(findings: list[Finding], touching: bool = False) -> list[tuple[Finding, Finding]]:
    """Pairs of findings of different rules at warning or above on the same text (or, with
    `touching`, on overlapping spans)."""
    loud = sorted((f for f in findings if f.level >= Level.WARNING), key=lambda f: (f.offset, f.end_offset))
    pairs = []
    for i, a in enumerate(loud):
        for b in loud[i + 1 :]:
            if b.offset > max(a.end_offset, a.offset):
                break
            if a.rule != b.rule and (overlap(a, b) if touching else same_text(a, b)):
                pairs.append((a, b))
    return pairs


def count(preset: str, files: list[Path], jobs: int | None, show: int) -> tuple[Counter[tuple[str, str]], int]:
    linter = Linter(Config(extends=preset))
    by_pair: Counter[tuple[str, str]] = Counter()
    touching = 0
    for result in linter.lint_paths([str(p) for p in files], jobs):
        touching += len(double_spans(result.findings, touching=True))
        for a, b in double_spans(result.findings):
            pair = tuple(sorted((a.rule, b.rule)))
            by_pair[pair] += 1  # type: ignore[index]
            if by_pair[pair] <= show:  # type: ignore[index]
                print(f"  {Path(result.path).name}:{a.line}: [{a.match}] {a.rule}: {a.message}  |  [{b.match}] {b.rule}: {b.message}")
    return by_pair, touching


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--extends", choices=PRESETS, action="append", help="a preset (default: both)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N pairs of each kind in context")
    parser.add_argument("--without-standing-down", action="store_true",
                        help="count the rules' findings before the engine's overlap step (the figure before it existed)")
    args = parser.parse_args(argv)
    if args.without_standing_down:
        import newslint.engine

        newslint.engine.one_per_problem = lambda findings: findings  # type: ignore[assignment]
    files = distinct_articles(args.corpus)
    if not files:
        parser.error(f"no articles in {args.corpus}")
    for preset in args.extends or PRESETS:
        by_pair, touching = count(preset, files, args.jobs, args.show)
        print(f"preset: {preset}  articles: {len(files)}  double spans at warning or above: {sum(by_pair.values())}"
              f"  (any overlap: {touching})")
        for (a, b), n in sorted(by_pair.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:5}  {a} + {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
