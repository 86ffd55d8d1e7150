"""Linter.lint_paths: order, parallel workers, a bounded window of files in flight."""

from __future__ import annotations

from pathlib import Path

import pytest

import newslint.linter as linter_module
from newslint.cache import Cache
from newslint.config import Config
from newslint.finding import FileResult
from newslint.linter import Linter
from tests.helpers import run_cli

DEFECT = "Kiev talks\n\nOfficials met in Kiev on Monday, the ministry said.\n"
CLEAN = "Kyiv talks\n\nOfficials met in Kyiv on Monday, the ministry said.\n"


def _summary(results: list[FileResult]) -> list[tuple[str, str | None, list[tuple[str, int, str]]]]:
    return [(r.path, r.error.code if r.error else None, [(f.rule, f.offset, f.message) for f in r.findings])
            for r in results]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Config())


def _articles(folder: Path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        path = folder / f"{i:03}.md"
        # Different texts, so that a result in the wrong place shows.
        path.write_bytes(b"bad \xc3\x28 byte" if i % 17 == 5 else (DEFECT if i % 3 else CLEAN).replace("Monday", f"day {i}").encode())
        paths.append(str(path))
    return paths


def test_parallel_results_come_in_input_order(linter: Linter, tmp_path: Path) -> None:
    paths = _articles(tmp_path, 90)
    given = paths + [str(tmp_path / "missing.md")] + paths[:3]
    serial = _summary(list(linter.lint_paths(given, jobs=1)))
    parallel = _summary(list(linter.lint_paths(given, jobs=2)))
    assert parallel == serial
    assert [p for p, _, _ in parallel] == given
    assert {e for _, e, _ in parallel} == {None, "decode", "not-found"}
    defective = [i for i in (*range(90), 0, 1, 2) if i % 17 != 5 and i % 3]
    assert sum(1 for _, _, f in parallel if any(rule == "AP.HouseSpellings" for rule, _, _ in f)) == len(defective)


def test_files_are_read_as_the_results_are_taken(linter: Linter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory stays flat: the run never reads far ahead of what the caller has taken."""
    paths = _articles(tmp_path, 400)
    reads: list[str] = []
    real = linter_module.read_source

    def counting(path: str, stdin=None, **confinement):  # type: ignore[no-untyped-def]
        reads.append(path)
        return real(path, stdin, **confinement)

    monkeypatch.setattr(linter_module, "read_source", counting)
    results = linter.lint_paths(paths, jobs=2)
    first = next(results)
    assert first.path == paths[0]
    window = linter_module._BATCH * linter_module._BATCHES_PER_JOB * 2
    assert len(reads) <= window + 1 < len(paths)
    rest = list(results)
    assert len(rest) == len(paths) - 1 and len(reads) == len(paths)


def test_a_cache_answers_and_is_filled_in_order(linter: Linter, tmp_path: Path) -> None:
    paths = _articles(tmp_path, 40)
    cache = Cache(tmp_path / "cache", "key")
    cold = _summary(list(linter.lint_paths(paths, jobs=2, cache=cache)))
    written = Cache(tmp_path / "cache", "key")
    texts = [Path(p).read_bytes().decode("utf-8", "replace") for p in paths]
    assert sum(written.get(p, t) is not None for p, t in zip(paths, texts)) == sum(1 for _, e, _ in cold if e is None)
    written.close()
    # A half-warm run: some files changed, the rest answered from the cache.
    for path in paths[::4]:
        Path(path).write_text(CLEAN)
    warm_cache = Cache(tmp_path / "cache", "key")
    warm = _summary(list(linter.lint_paths(paths, jobs=2, cache=warm_cache)))
    assert warm == _summary(list(linter.lint_paths(paths, jobs=1)))
    assert warm != cold


def test_lazy_linter_compiles_on_first_use() -> None:
    lazy = Linter(Config(), lazy=True)
    assert "engine" not in vars(lazy)
    assert lazy.lint_text(DEFECT, "a.md")
    assert "engine" in vars(lazy)


def test_a_file_that_ran_out_of_time_is_not_kept_in_the_findings_cache(tmp_path: Path) -> None:
    # A timeout depends on the machine's load, not only on the text and the rules: the
    # file must be checked again next run, not answered from the cache with the timeout.
    from newslint.cache import CACHE_DIR, entry_name

    (tmp_path / ".git").mkdir()
    (tmp_path / "packs" / "Slow").mkdir(parents=True)
    (tmp_path / "packs" / "Slow" / "Rule.yml").write_text("extends: existence\nmessage: '%s'\nraw: ['(?:a|aa)+$']\n")
    (tmp_path / ".newslint.yaml").write_text("extends: none\nrule_dirs: [packs]\nselect: [Slow]\n")
    (tmp_path / "slow.md").write_text("a" * 60 + "!\n")
    (tmp_path / "fine.md").write_text("Nothing to see.\n")

    def cached() -> set[str]:
        shards = [p for p in (tmp_path / CACHE_DIR).glob("*/*/*") if p.is_file() and len(p.name) == 2]
        return {line[:32].decode() for p in shards for line in p.read_bytes().split(b"\n")[1:] if line}

    for _ in range(2):
        result = run_cli("check", "--jobs", "1", "--file-timeout", "0.3", "slow.md", "fine.md", cwd=tmp_path)
        assert result.returncode == 1 and "newslint.timeout" in result.stdout, result.stdout + result.stderr
        assert entry_name("fine.md") in cached()
        assert entry_name("slow.md") not in cached()


def test_fix_rounds_share_the_files_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each round lints the whole text again: ten rounds of a hostile 4 MB article were ten
    # budgets. One clock for every round: once the first round has spent the budget, no
    # second round runs.
    import newslint.deadline
    import newslint.engine
    from newslint.linter import Selection

    text = "Kiev talks\n\n" + "Officials met in Kiev. " * 1500 + "\n"  # 1,000 findings a rule a round
    fixer = Linter(Config(file_timeout=10.0), Selection(("AP.HouseSpellings",)))
    assert fixer.fix_text(text, "a.md")[1] == 1501  # two rounds with time to spare
    now = [1000.0]
    for module in (linter_module, newslint.deadline, newslint.engine):
        monkeypatch.setattr(module, "monotonic", lambda: now[0], raising=False)
    real_apply = linter_module.apply_edits

    def slow_apply(*args, **kwargs):  # type: ignore[no-untyped-def]
        now[0] += 100.0  # the first round took the whole budget
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(linter_module, "apply_edits", slow_apply)
    fixed, applied = fixer.fix_text(text, "a.md")
    assert applied == 1000 and fixed.count("Kiev") == 501
