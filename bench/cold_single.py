"""One article, cold process: `newslint check` against `proselint check` on the same file.

    python bench/cold_single.py [ARTICLE] [--rounds 10]

Each run is a new Python process (start-up, imports, rule loading and compiling included);
newslint runs with --no-cache so that no finding is answered from an earlier run. Its
loaded rule files are kept between runs (the rule cache, like Python's bytecode: see the
README), so a third line times newslint's first run after an install or a rule edit, with
an empty rule cache each time. The runs are interleaved and the medians compared.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
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
    tools["newslint, first run"] = tools["newslint"]
    for cmd in tools.values():  # one untimed run each: the OS file cache, .pyc files, the rule cache
        timed(cmd)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in tools}
    with tempfile.TemporaryDirectory() as scratch:
        for round_no in range(args.rounds):
            for name in (tools if round_no % 2 == 0 else reversed(list(tools))):
                env = {"NEWSLINT_CACHE_DIR": str(Path(scratch) / f"empty-{round_no}")} if "first" in name else None
                runs[name].append(timed(tools[name], env=env))
    print(f"article: {args.article}; {args.rounds} interleaved rounds")
    medians = {}
    for name, values in runs.items():
        medians[name] = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        print(f"median {name:<20} wall {medians[name] * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms  "
              f"(min wall {min(w for w, _ in values) * 1000:.1f} ms)")
    print(f"newslint / proselint wall: {medians['newslint'] / medians['proselint']:.2f} (target: at most 1.00)")


if __name__ == "__main__":
    main()
