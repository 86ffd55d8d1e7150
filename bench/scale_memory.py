"""20,000 articles (the dev corpus repeated): peak memory, and time against the number of articles.

    python bench/scale_memory.py [--total 20000] [--steps 4000,10000,20000] [--jobs N]

The articles are symbolic links to the dev corpus files in a temporary folder, in groups
of 2,000 per subfolder. Each step runs `newslint check --no-cache --format json` over the
first groups (a cold run: every article checked; the report goes to /dev/null as it is
streamed). While it runs, the whole process tree (newslint and its workers) is sampled
from /proc every 20 ms: the peak of its summed proportional set size (PSS: a page shared
by forked workers is counted once) is the memory figure; the largest single process's
peak RSS is printed too. Time per 1,000 articles should not grow with the number of
articles.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import CORPUS  # noqa: E402
from bench.timing import BIN, ENV  # noqa: E402
GROUP = 2000


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(c) for c in handle.read().split())
    except OSError:
        pass
    return found


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(_children(p))
    return out


def _memory_kb(pid: int) -> int:
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}") as handle:
                for line in handle:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def run(paths: list[Path], jobs: int) -> tuple[float, float, int, int]:
    """(wall s, cpu s, peak summed PSS of the tree in KB, peak RSS of the largest process in KB)."""
    cmd = [str(BIN / "newslint"), "check", "--no-cache", "--format", "json", "--jobs", str(jobs), *map(str, paths)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL, env=ENV)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, sum(_memory_kb(p) for p in _tree(proc.pid)))
            time.sleep(0.02)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak, after.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--total", type=int, default=20000)
    parser.add_argument("--steps", default="4000,10000,20000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    articles = sorted(p for p in CORPUS.iterdir() if p.suffix == ".txt")
    steps = [int(s) for s in args.steps.split(",")]
    with tempfile.TemporaryDirectory(prefix="newslint-scale-") as tmp:
        groups: list[Path] = []
        for i in range(args.total):
            if i % GROUP == 0:
                groups.append(Path(tmp) / f"g{i // GROUP:03}")
                groups[-1].mkdir()
            source = articles[i % len(articles)]
            (groups[-1] / f"{i:05}-{source.name}").symlink_to(source)
        print(f"{args.total} articles ({len(articles)} distinct, repeated) in {len(groups)} folders; --jobs {args.jobs}")
        rates = []
        for step in steps:
            wall, cpu, peak_kb, largest_kb = run(groups[: max(1, step // GROUP)], args.jobs)
            count = min(step, args.total)
            rates.append(wall / count * 1000)
            print(f"{count:6d} articles: wall {wall:7.2f} s  cpu {cpu:7.2f} s  {wall / count * 1000:6.3f} s per 1,000 (wall), "
                  f"{cpu / count * 1000:6.3f} s per 1,000 (cpu)  peak memory {peak_kb / 1024:6.1f} MB (tree PSS), "
                  f"largest process {largest_kb / 1024:5.1f} MB", flush=True)
        print(f"time per 1,000 articles, largest step / smallest: {rates[-1] / rates[0]:.2f} (linear: about 1.00); target peak memory < 200 MB")


if __name__ == "__main__":
    main()
