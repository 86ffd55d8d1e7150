"""The development corpus, as every bench script reads it.

The BBC News articles live in ../shared/corpus/dev beside the repository and are never
copied into it. duplicates.tsv names exact repeats (column 2) of another article (column 1);
counts per article skip them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def repeats(corpus: Path = CORPUS) -> dict[str, str]:
    """Each exact copy (duplicates.tsv column 2) -> the article it repeats (column 1)."""
    copies: dict[str, str] = {}
    listing = corpus / "duplicates.tsv"
    if listing.is_file():
        for line in listing.read_text(encoding="utf-8").splitlines()[1:]:
            columns = line.split("\t")
            if len(columns) >= 2:
                copies[columns[1].strip()] = columns[0].strip()
    return copies


def distinct_articles(corpus: Path = CORPUS) -> list[Path]:
    """Every article once, in name order."""
    copies = repeats(corpus)
    return sorted(p for p in corpus.glob("*.txt") if p.name not in copies)


def all_articles(corpus: Path = CORPUS) -> list[Path]:
    return sorted(corpus.glob("*.txt"))


def body_words(text: str) -> int:
    """Whitespace-separated words after the headline line (SOURCE.md's count)."""
    return len(text.split("\n", 1)[1].split()) if "\n" in text else 0
