"""One article, cold process: `newslint check` against `proselint check` on the same file.

    python bench/cold_single.py [ARTICLE] [--rounds 10]

Each run is a new Python process (start-up, imports, rule loading and compiling included);
newslint runs with --no-cache so that nothing is answered from an earlier run. The runs
are interleaved and the medians compared.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import CORPUS  # noqa: E402
from bench.timing import BIN, timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("article", nargs="?", default=str(CORPUS / "bbc-business-001.txt"))
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    tools = {
        "newslint": [str(BIN / "newslint"), "check", "--no-cache", "--format", "json", args.article],
        "proselint": [str(BIN / "proselint"), "check", args.article],
    }
    for cmd in tools.values():  # one untimed run each: the OS file cache, .pyc files
        timed(cmd)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in tools}
    for round_no in range(args.rounds):
        for name in (tools if round_no % 2 == 0 else reversed(list(tools))):
            runs[name].append(timed(tools[name]))
    print(f"article: {args.article}; {args.rounds} interleaved rounds")
    medians = {}
    for name, values in runs.items():
        medians[name] = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        print(f"median {name:<9} wall {medians[name] * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms  "
              f"(min wall {min(w for w, _ in values) * 1000:.1f} ms)")
    print(f"newslint / proselint wall: {medians['newslint'] / medians['proselint']:.2f} (target: at most 1.00)")


if __name__ == "__main__":
    main()
