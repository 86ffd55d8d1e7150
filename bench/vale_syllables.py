"""Do Python syllable counters agree with Vale's? (why newslint ports Vale's counter)

    python bench/vale_syllables.py [--corpus bbc|lee|DIR]   # needs: pip install syllables pyphen textstat

Vale's readability and metric rules count syllables with twine's summarize.Syllables;
newslint/kinds/_readability.py ports it. This script counts the syllables of every
distinct word of the corpus with the port and with each library that is installed, and
prints how often each library gives the same count (by distinct word and by running word).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.outside import corpus_folder  # noqa: E402
from newslint.kinds._readability import _WORD, syllables  # noqa: E402


def counters() -> dict[str, Callable[[str], int]]:
    found: dict[str, Callable[[str], int]] = {}
    try:
        import syllables as syllables_lib

        found["syllables"] = syllables_lib.estimate
    except ImportError:
        pass
    try:
        import pyphen

        dic = pyphen.Pyphen(lang="en_US")
        found["pyphen"] = lambda w: len(dic.positions(w)) + 1
    except ImportError:
        pass
    try:
        import textstat

        found["textstat"] = textstat.syllable_count
    except ImportError:
        pass
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default="bbc")
    args = parser.parse_args(argv)
    words: Counter[str] = Counter()
    for path in sorted(Path(corpus_folder(args.corpus)).glob("*.txt")):
        words.update(w for w in _WORD.findall(path.read_text(encoding="utf-8", errors="replace")) if w.isalpha())
    vale = {w: syllables(w) for w in words}
    total = sum(words.values())
    print(f"{len(words):,} distinct words, {total:,} running words")
    for name, count in counters().items():
        try:
            count("readability")
        except Exception as exc:  # a library that needs data it does not ship (textstat: NLTK's cmudict)
            print(f"{name:<10} not usable here: {type(exc).__name__}")
            continue
        same = [w for w in words if count(w) == vale[w]]
        running = sum(words[w] for w in same)
        print(f"{name:<10} agrees on {len(same) / len(words):6.1%} of distinct words, {running / total:6.1%} of running words")
        differing = sorted((w for w in words if count(w) != vale[w]), key=lambda w: -words[w])[:8]
        print("           e.g. " + ", ".join(f"{w} {vale[w]}/{count(w)}" for w in differing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
