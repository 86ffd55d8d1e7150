"""One article checked where the findings cache holds the whole dev corpus, against the same
check where it holds nothing else: the cost of one file must not grow with the cache.

    python bench/cache_scale.py [--rounds 15]

Two scratch repositories share one rule cache and cache key (in the scratch folder, not the
user's). The first run of the script fills the big one's `.newslint_cache/` by checking the
~2,200 dev articles from inside it. Then, interleaved, each repository runs two checks of
one article, each a new process as a commit hook runs it:

- hit: an article whose entry is in the cache (the warm path: read one entry);
- miss: an article whose text changes every round (checked, and its entry written, which
  also prunes a bounded part of the cache).

Medians of wall time are compared (target: big / empty at most 1.10) and each process's
own peak memory (from wait4) is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import CORPUS  # noqa: E402
from bench.timing import ENV  # noqa: E402

ARTICLE = CORPUS / "bbc-business-001.txt"


def run(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak resident MiB) of one `python -m newslint` process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "newslint", *args], cwd=cwd, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = 0  # reaped above
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newslint-scale-") as tmp:
        scratch = Path(tmp)
        env = {**ENV, "NEWSLINT_CACHE_DIR": str(scratch / "rule-cache"), "XDG_CONFIG_HOME": str(scratch / "config")}
        repos = {"empty": scratch / "empty", "big": scratch / "big"}
        for repo in repos.values():
            repo.mkdir()
        start = time.perf_counter()
        run(["check", "--format", "json", str(CORPUS)], repos["big"], env)
        entries = sum(1 for p in (repos["big"] / ".newslint_cache").rglob("*") if p.is_file())
        print(f"big repository: {entries} cache files after checking the corpus ({time.perf_counter() - start:.1f} s)")
        changing = scratch / "changing.txt"
        base_text = ARTICLE.read_text(encoding="utf-8")
        checks = {"hit": ["check", "--format", "json", str(ARTICLE)],
                  "miss": ["check", "--format", "json", str(changing)]}
        for repo in repos.values():  # untimed: the hit's entry, the rule cache, bytecode
            changing.write_text(base_text, encoding="utf-8")
            for check in checks.values():
                run(check, repo, env)
        results: dict[tuple[str, str], list[tuple[float, float]]] = {(c, r): [] for c in checks for r in repos}
        for round_no in range(args.rounds):
            order = list(repos) if round_no % 2 == 0 else list(reversed(list(repos)))
            for name in order:
                changing.write_text(f"{base_text}\nRound {round_no} of the bench, in {name}.\n", encoding="utf-8")
                for check, argv in checks.items():
                    results[(check, name)].append(run(argv, repos[name], env))
        print(f"{args.rounds} interleaved rounds; one article: {ARTICLE.name}")
        for check in checks:
            medians = {}
            for name in repos:
                values = results[(check, name)]
                medians[name] = statistics.median(w for w, _ in values)
                peak = max(m for _, m in values)
                print(f"  {check:<4} {name:<5} median wall {medians[name] * 1000:6.1f} ms  peak memory {peak:5.1f} MiB")
            print(f"  {check:<4} big / empty: {medians['big'] / medians['empty']:.3f} (target: at most 1.10)")


if __name__ == "__main__":
    main()
