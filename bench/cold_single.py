"""One article, cold process: `newslint check` against `proselint check` on the same file.

    python bench/cold_single.py [ARTICLE] [--rounds 10]

Each run is a new Python process (start-up, imports, rule loading and compiling included);
newslint runs with --no-cache so that no finding is answered from an earlier run. Its
loaded rule files are kept between runs (the rule cache, like Python's bytecode: see the
README), so a third line times newslint's first run after an install or a rule edit, with
an empty rule cache each time, and a fourth times it as a commit hook runs it: the
findings cache on, in a new folder each round (a miss, then the cache written). The runs
are interleaved and the medians compared.
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
    # As a commit hook runs it on a changed article: the findings cache on, a miss, then
    # written (each round in a new folder, so the cache holds nothing for the article).
    name = Path(args.article).name
    tools["newslint, cache on"] = [str(BIN / "newslint"), "check", "--format", "json", name]
    runs: dict[str, list[tuple[float, float]]] = {tool: [] for tool in tools}
    with tempfile.TemporaryDirectory() as scratch:
        def folder(tool: str, round_no: int) -> Path:
            if "cache on" not in tool:
                return ROOT
            here = Path(scratch) / f"repo-{round_no}"
            here.mkdir(exist_ok=True)
            (here / name).write_bytes(Path(args.article).read_bytes())
            return here

        for tool, cmd in tools.items():  # one untimed run each: the OS file cache, .pyc files, the rule cache
            timed(cmd, cwd=folder(tool, -1))
        for round_no in range(args.rounds):
            for tool in (tools if round_no % 2 == 0 else reversed(list(tools))):
                env = {"NEWSLINT_CACHE_DIR": str(Path(scratch) / f"empty-{round_no}")} if "first" in tool else None
                runs[tool].append(timed(tools[tool], cwd=folder(tool, round_no), env=env))
    print(f"article: {args.article}; {args.rounds} interleaved rounds")
    medians = {}
    for tool, values in runs.items():
        medians[tool] = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        print(f"median {tool:<20} wall {medians[tool] * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms  "
              f"(min wall {min(w for w, _ in values) * 1000:.1f} ms)")
    print(f"newslint / proselint wall: {medians['newslint'] / medians['proselint']:.2f} (target: at most 1.00)")
    print(f"newslint with the findings cache on / proselint wall: "
          f"{medians['newslint, cache on'] / medians['proselint']:.2f} (target: at most 1.00)")


if __name__ == "__main__":
    main()
