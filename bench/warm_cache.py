"""A warm-cache re-run against the cold run that filled the cache, over the dev corpus.

    python bench/warm_cache.py [--rounds 3]

Each round empties a private cache folder, runs `newslint check` (cold: every article is
checked and the cache written) and runs it again (warm: every article answered from the
cache). The reports of the two runs must be the same bytes. Medians are compared.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import CORPUS  # noqa: E402
from bench.timing import BIN, ENV  # noqa: E402


def timed(cmd: list[str], cwd: Path, report: Path) -> tuple[float, float, bytes]:
    """Run with the report written to a file (a pipe read by this script would time the
    script's reading too), then return the report's bytes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(report, "wb") as sink:
        subprocess.run(cmd, stdout=sink, stderr=subprocess.DEVNULL, cwd=cwd, check=False, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), report.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cmd = [str(BIN / "newslint"), "check", "--format", "json", str(CORPUS)]
    cold: list[tuple[float, float]] = []
    warm: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="newslint-warm-") as tmp:
        work = Path(tmp)  # no config above it: the default rule set, and its own .newslint_cache/
        for round_no in range(1, args.rounds + 1):
            shutil.rmtree(work / ".newslint_cache", ignore_errors=True)
            c_wall, c_cpu, c_out = timed(cmd, work, work / "cold.json")
            w_wall, w_cpu, w_out = timed(cmd, work, work / "warm.json")
            if c_out != w_out:
                sys.exit("the warm run's report differs from the cold run's")
            cold.append((c_wall, c_cpu))
            warm.append((w_wall, w_cpu))
            print(f"round {round_no}: cold wall {c_wall:6.2f} s cpu {c_cpu:6.2f} s | warm wall {w_wall:6.3f} s cpu {w_cpu:6.3f} s", flush=True)
    cold_wall, warm_wall = statistics.median(w for w, _ in cold), statistics.median(w for w, _ in warm)
    cold_cpu, warm_cpu = statistics.median(c for _, c in cold), statistics.median(c for _, c in warm)
    print(f"median cold wall {cold_wall:.2f} s cpu {cold_cpu:.2f} s; warm wall {warm_wall:.3f} s cpu {warm_cpu:.3f} s")
    print(f"warm / cold: {warm_wall / cold_wall:.3f} wall, {warm_cpu / cold_cpu:.3f} cpu (target: at most 0.100); reports identical")


if __name__ == "__main__":
    main()
