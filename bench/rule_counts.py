"""Findings per rule over the dev corpus for one preset, and warning-or-above findings per 1,000 words.

    python bench/rule_counts.py --extends uk
    python bench/rule_counts.py --extends ap --show AP.Toward --limit 20

The corpus (BBC News, 2004-05, British house style, professionally edited) is read from
../shared/corpus/dev relative to the repository root and never copied into the repo. Files in
column 2 of its duplicates.tsv repeat another article and are skipped. A rule whose findings
here are mostly wrong is a defect: --show prints its matches in context so a person can judge.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import CORPUS, distinct_articles  # noqa: E402
from newslint.config import PRESETS, Config  # noqa: E402
from newslint.engine import rule_matches  # noqa: E402
from newslint.finding import Finding, Level  # noqa: E402
from newslint.linter import Linter, Selection  # noqa: E402

DEFAULT_CORPUS = CORPUS


corpus_files = distinct_articles


def context(text: str, f: Finding, width: int = 50) -> str:
    before = text[max(0, f.offset - width) : f.offset].replace("\n", " ")
    after = text[f.end_offset : f.end_offset + width].replace("\n", " ")
    return f"{before}[{f.match}]{after}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--extends", choices=sorted(p for p in PRESETS if p != "none"), default="uk")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--select", metavar="IDS", help="only these rules or packs (comma-separated), for a quick look")
    parser.add_argument("--show", metavar="IDS", help="print these rules' matches in context (comma-separated)")
    parser.add_argument("--limit", type=int, default=40, help="at most this many matches for --show")
    args = parser.parse_args(argv)

    files = corpus_files(args.corpus)
    if not files:
        parser.error(f"no articles in {args.corpus}")
    select = tuple(args.select.split(",")) if args.select else None
    linter = Linter(Config(extends=args.extends), Selection(select))
    show = set(args.show.split(",")) if args.show else set()
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    by_rule: Counter[str] = Counter()
    files_with: Counter[str] = Counter()
    levels: dict[str, str] = {s.id: s.level.label for s in linter.specs}
    warning_plus = 0
    shown: Counter[str] = Counter()
    for result in linter.lint_paths([str(p) for p in files], args.jobs):
        if result.error is not None:
            print(f"{result.path}: {result.error.message}", file=sys.stderr)
            continue
        for rule in {f.rule for f in result.findings}:
            files_with[rule] += 1
        for f in result.findings:
            by_rule[f.rule] += 1
            levels.setdefault(f.rule, f.level.label)
            if f.level >= Level.WARNING:
                warning_plus += 1
            if show and rule_matches(f.rule, show) and shown[f.rule] < args.limit:
                shown[f.rule] += 1
                print(f"{f.rule} {Path(f.path).name}:{f.line}: {context(result.text or '', f)}")
    if show:
        print()

    chosen = f" (selected: {args.select})" if args.select else ""
    print(f"preset: {args.extends}{chosen}  rules: {len(linter.specs)}  articles: {len(files)}  words: {words:,}")
    print()
    print("| rule | level | findings | articles |")
    print("| --- | --- | ---: | ---: |")
    for rule, count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"| {rule} | {levels[rule]} | {count} | {files_with[rule]} |")
    print(f"| **total** | | **{sum(by_rule.values())}** | |")
    print()
    print(f"warning-or-above findings: {warning_plus}  per 1,000 words: {1000 * warning_plus / words:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
