"""What the issue-16 evaluation scripts share: the corpus (`--corpus bbc|lee|DIR`), the
texts and their word counts, and how a planted defect counts as found.

Each script plants one defect per copy of an article at a site it chooses itself (never
from a rule's own logic) and measures recall; it lints untouched copy for false alarms,
counted per 1,000 body words (whitespace tokens after the headline line).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import body_words, distinct_articles  # noqa: E402
from bench.outside import corpus_folder  # noqa: E402
from newslint.finding import Finding, Level  # noqa: E402


def arguments(description: str, presets: tuple[str, ...] = ("uk",)) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", default="bbc", help="bbc (the dev corpus), lee (the second set) or a folder")
    parser.add_argument("--preset", choices=presets, default=presets[0])
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--show-alarms", type=int, default=0)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    return parser


def texts(corpus: str, limit: int = 0) -> tuple[list[tuple[str, str]], int]:
    """(name, text) of every distinct article, and their body words."""
    files = distinct_articles(corpus_folder(corpus))
    if limit:
        files = files[:limit]
    loaded = [(p.name, p.read_text(encoding="utf-8")) for p in files]
    return loaded, sum(body_words(t) for _, t in loaded)


def serious(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.level >= Level.WARNING]


def overlaps(findings: list[Finding], start: int, end: int) -> bool:
    return any(f.offset < max(end, start + 1) and f.end_offset > start for f in findings)


def context(text: str, start: int, end: int, before: int = 60, after: int = 40) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    return text[max(line_start, start - before) : end + after].replace("\n", " ")
