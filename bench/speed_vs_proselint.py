"""newslint (default rule set) and `proselint check` over the dev corpus, side by side.

    python bench/speed_vs_proselint.py [--rounds 3] [--jobs N]

Both tools run as their users run them, in a fresh process each time, interleaved round by
round so that both see the same machine load; the medians are compared. newslint runs with
--no-cache (a cold run: every article is checked). Wall time is what the issue asks for;
CPU time (user + system, the process and its workers) is printed too, because on a shared
machine it moves less with other people's load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import CORPUS  # noqa: E402
from bench.timing import BIN, timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    articles = sum(1 for p in CORPUS.iterdir() if p.suffix == ".txt")
    tools = {
        "newslint": [str(BIN / "newslint"), "check", "--no-cache", "--format", "json", "--jobs", str(args.jobs), str(CORPUS)],
        "proselint": [str(BIN / "proselint"), "check", str(CORPUS)],
    }
    print(f"corpus: {CORPUS} ({articles} articles); {os.cpu_count()} cores; newslint --jobs {args.jobs}")
    for cmd in tools.values():  # one untimed run each: the OS file cache, .pyc files, the rule cache
        timed(cmd)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in tools}
    for round_no in range(1, args.rounds + 1):
        order = list(tools) if round_no % 2 else list(reversed(tools))
        for name in order:
            wall, cpu = timed(tools[name])
            results[name].append((wall, cpu))
            print(f"round {round_no}: {name:<9} wall {wall:6.2f} s  cpu {cpu:6.2f} s", flush=True)
    medians = {name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)) for name, runs in results.items()}
    for name, (wall, cpu) in medians.items():
        print(f"median {name:<9} wall {wall:6.2f} s  cpu {cpu:6.2f} s  ({wall / articles * 1000:.2f} ms/article wall)")
    ratio = medians["proselint"][0] / medians["newslint"][0]
    cpu_ratio = medians["proselint"][1] / medians["newslint"][1]
    print(f"newslint is {ratio:.2f}x faster than proselint (wall), {cpu_ratio:.2f}x (cpu); target: 5x wall")


if __name__ == "__main__":
    main()
