"""Do newslint's Proselint rules find what proselint finds, and how much faster?

    python bench/proselint_agreement.py [CORPUS] [--runs N]   (default: ../shared/corpus/dev, 2)

Runs `proselint check -o json` and `newslint check --select Proselint --format json` over
the corpus articles (the repeats listed in column 2 of duplicates.tsv are left out), as
separate processes, timed by wall clock. A finding is (file, line, column, check): proselint's
`pos` is already a 1-based line and a 1-based code-point column, as newslint's are, and
newslint's rule id is Proselint.<check path>. Agreement is |both| / |either|.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
Key = tuple[str, int, int, str]


def articles(corpus: Path) -> list[Path]:
    repeats = set()
    dupes = corpus / "duplicates.tsv"
    if dupes.is_file():
        for row in dupes.read_text(encoding="utf-8").splitlines()[1:]:
            if "\t" in row:
                repeats.add(row.split("\t")[1].strip())
    return sorted(p for p in corpus.glob("*.txt") if p.name not in repeats)


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """Wall time of one run, in an empty temporary folder: no config, and a cold findings
    cache (newslint keeps one in the working folder), so nothing is reused between runs."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=folder)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, cpu, done.stdout


def proselint_findings(output: str) -> set[Key]:
    found = set()
    for uri, body in json.loads(output)["result"].items():
        name = Path(unquote(urlparse(uri).path)).name
        for d in body.get("diagnostics", []):
            found.add((name, d["pos"][0], d["pos"][1], d["check_path"]))
    return found


def newslint_findings(output: str) -> set[Key]:
    found = set()
    for entry in json.loads(output)["files"]:
        name = Path(entry["path"]).name
        for f in entry["findings"]:
            found.add((name, f["line"], f["column"], f["rule"].removeprefix("Proselint.")))
    return found


def best_of(runs: int, cmd: list[str]) -> tuple[float, float, str]:
    """Wall and CPU time (user + system, of the process and its workers) of the fastest of
    `runs` runs: the least disturbed by whatever else the machine does."""
    results = [timed(cmd) for _ in range(runs)]
    return min(r[0] for r in results), min(r[1] for r in results), results[0][2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT / ".." / "shared" / "corpus" / "dev")
    parser.add_argument("--runs", type=int, default=2, help="time each command this many times; report the fastest")
    args = parser.parse_args()
    files = [str(p.resolve()) for p in articles(args.corpus)]
    print(f"corpus: {args.corpus} ({len(files)} articles, repeats left out); best of {args.runs} runs; load average {os.getloadavg()[0]:.1f}")
    prose_time, prose_cpu, prose_out = best_of(args.runs, [str(BIN / "proselint"), "check", "-o", "json", *files])
    newslint = [str(BIN / "newslint"), "check", "--select", "Proselint", "--format", "json"]
    ours_time, ours_cpu, ours_out = best_of(args.runs, [*newslint, "--jobs", "1", *files])
    jobs_time, jobs_cpu, jobs_out = best_of(args.runs, [*newslint, *files])
    theirs, ours = proselint_findings(prose_out), newslint_findings(ours_out)
    if newslint_findings(jobs_out) != ours:
        print("warning: --jobs 1 and the default number of jobs disagree")
    both, either = theirs & ours, theirs | ours
    print(f"proselint findings: {len(theirs)}   newslint findings: {len(ours)}   in both: {len(both)}")
    print(f"agreement (|both| / |either|): {len(both) / max(len(either), 1):.4f}")
    for label, extra in (("only proselint", theirs - ours), ("only newslint", ours - theirs)):
        if extra:
            print(f"{label}: {len(extra)}, by check: {dict(Counter(k[3] for k in extra).most_common(8))}")
            for key in sorted(extra)[:5]:
                print(f"  {key[0]}:{key[1]}:{key[2]} {key[3]}")
    print(f"proselint: {prose_time:.2f} s wall, {prose_cpu:.2f} s CPU")
    print(f"newslint --jobs 1: {ours_time:.2f} s wall ({prose_time / ours_time:.1f}x faster), "
          f"{ours_cpu:.2f} s CPU ({prose_cpu / ours_cpu:.1f}x less)")
    print(f"newslint (default jobs, {os.cpu_count()} cores): {jobs_time:.2f} s wall ({prose_time / jobs_time:.1f}x faster), "
          f"{jobs_cpu:.2f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
