"""Run newslint's property tests at scale: 100,000 examples in total, on every core.

    python bench/fuzz.py                      # 100,000 examples, one worker per core
    python bench/fuzz.py --examples 2000 --jobs 1 --seed 7

The properties are the ones CI runs a few hundred times each (tests/test_property.py and
tests/test_files.py), with every built-in rule, plus one that CI cannot run: real articles
from the dev corpus (../shared/corpus/dev, never copied into the repo) with random damage
(fragments spliced in, CRLF, truncation). The budget is split by the weights below, in
chunks with their own seeds; a failure prints its falsifying example and the run goes on.

An engine example runs every built-in rule two or three times (30-60 ms; a corpus article
~400 ms); a file example takes microseconds. The weights (per 1,000) keep 100,000 examples
within the order of ten CPU-minutes: 10,400 engine examples, 89,600 file examples.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests import test_files, test_property  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
CHUNK = 500


def _corpus_texts() -> list[str]:
    if not CORPUS.is_dir():
        return []
    duplicates = set()
    listing = CORPUS / "duplicates.tsv"
    if listing.is_file():
        for line in listing.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) > 1:
                duplicates.add(cells[1].strip())
    files = sorted(p for p in CORPUS.glob("*.txt") if p.name not in duplicates)
    return [p.read_text(encoding="utf-8") for p in files]


def _damage(text: str, splices: list[tuple[float, str]], crlf: bool, cut: float) -> str:
    for where, fragment in splices:
        at = int(where * len(text))
        text = text[:at] + fragment + text[at:]
    if crlf:
        text = text.replace("\n", "\r\n")
    return text[: max(1, int(cut * len(text)))]


_CORPUS: list[str] = []


def _corpus_strategy() -> st.SearchStrategy[str]:
    return st.builds(
        _damage,
        st.integers(0, max(len(_CORPUS) - 1, 0)).map(lambda i: _CORPUS[i] if _CORPUS else ""),
        st.lists(st.tuples(st.floats(0, 1), st.sampled_from(test_property.FRAGMENTS)), max_size=12),
        st.booleans(),
        st.one_of(st.just(1.0), st.floats(0, 1)),
    )


def _check_corpus(text: str, path: str) -> None:
    test_property.check_sound(text, path)
    test_property.check_fix(text, path, unsafe=False)


@dataclass(frozen=True)
class Property:
    name: str
    weight: int
    strategies: Callable[[], tuple[Any, ...]]
    check: Callable[..., None]


PROPERTIES = (
    Property("engine: sound and deterministic", 50, lambda: (test_property.TEXTS, test_property.PATHS),
             test_property.check_deterministic),
    Property("engine: fix idempotent, edits only", 50, lambda: (test_property.TEXTS, test_property.PATHS, st.booleans()),
             test_property.check_fix),
    Property("engine: damaged corpus articles", 4, lambda: (_corpus_strategy(), test_property.PATHS), _check_corpus),
    Property("files: any bytes decode", 546, lambda: (test_files.BYTES,), test_files.check_decode),
    Property("files: encodings round-trip", 350, lambda: test_files.ENCODED, test_files.check_round_trip),
)


def _run_chunk(job: tuple[int, int, int]) -> tuple[int, int, str | None, float]:
    index, examples, chunk_seed = job
    prop = PROPERTIES[index]
    calls = 0

    def body(args: tuple[Any, ...]) -> None:
        nonlocal calls
        calls += 1
        prop.check(*args)

    test = seed(chunk_seed)(settings(
        max_examples=examples, deadline=None, database=None, phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )(given(st.tuples(*prop.strategies()))(body)))
    started = time.process_time()
    failure = None
    try:
        test()
    except Exception as exc:  # a falsified property: report it, keep fuzzing the rest
        notes = "\n".join(getattr(exc, "__notes__", []))
        failure = f"{type(exc).__name__}: {exc}\n{notes}".strip()
    return index, calls, failure, time.process_time() - started


def _init_worker() -> None:
    _CORPUS[:] = _corpus_texts()
    test_property.linter()  # compile every rule once per worker
    test_property.linter(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    master = args.seed if args.seed is not None else random.randrange(1 << 31)
    rng = random.Random(master)
    total_weight = sum(p.weight for p in PROPERTIES)
    jobs: list[tuple[int, int, int]] = []
    quotas = [args.examples * p.weight // total_weight for p in PROPERTIES]
    quotas[-1] += args.examples - sum(quotas)
    for index, quota in enumerate(quotas):
        while quota > 0:
            jobs.append((index, min(CHUNK, quota), rng.randrange(1 << 31)))
            quota -= CHUNK
    rng.shuffle(jobs)  # every property makes progress from the start
    print(f"fuzz: {args.examples} examples, {len(jobs)} chunks, {args.jobs} workers, seed {master}", flush=True)
    counts = [0] * len(PROPERTIES)
    cpu = [0.0] * len(PROPERTIES)
    failures: list[tuple[str, str]] = []
    started = time.monotonic()
    with multiprocessing.Pool(args.jobs, initializer=_init_worker) as pool:
        for done, (index, calls, failure, seconds) in enumerate(pool.imap_unordered(_run_chunk, jobs), 1):
            counts[index] += calls
            cpu[index] += seconds
            if failure:
                failures.append((PROPERTIES[index].name, failure))
                print(f"FAILURE in {PROPERTIES[index].name}:\n{failure}\n", flush=True)
            if done % 10 == 0 or done == len(jobs):
                print(f"  {done}/{len(jobs)} chunks, {sum(counts)} examples, {time.monotonic() - started:.0f}s", flush=True)
    print(f"\n{'property':<38} {'examples':>9} {'cpu s':>8}")
    for prop, count, seconds in zip(PROPERTIES, counts, cpu):
        print(f"{prop.name:<38} {count:>9} {seconds:>8.0f}")
    print(f"{'total':<38} {sum(counts):>9} {sum(cpu):>8.0f}")
    print(f"failures: {len(failures)}; wall time {time.monotonic() - started:.0f}s; seed {master}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
