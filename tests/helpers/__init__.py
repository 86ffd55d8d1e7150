"""Helpers shared by the tests: one place to lint text, files and fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

from newslint.config import Config, available_rule_files
from newslint.finding import Finding
from newslint.formats.parsable import format_finding
from newslint.linter import Linter, Selection
from newslint.rules import RuleSpec, load_rule_spec

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
SEEDS = ROOT / "seeds"


@lru_cache(maxsize=None)
def builtin_specs() -> tuple[RuleSpec, ...]:
    """Every shipped rule of every pack."""
    return tuple(load_rule_spec(p) for _, p in sorted(available_rule_files(Config()).items()))


@lru_cache(maxsize=None)
def linter_for(select: tuple[str, ...] | None = None, extends: str = "ap") -> Linter:
    return Linter(Config(extends=extends), Selection(select))


def lint(text: str, select: Sequence[str] | None = None, path: str = "article.md", extends: str = "ap") -> list[Finding]:
    return linter_for(tuple(select) if select is not None else None, extends).lint_text(text, path)


def rules_of_kind(kind: str) -> tuple[str, ...]:
    return tuple(s.id for s in builtin_specs() if s.kind == kind)


def parsable(findings: Sequence[Finding]) -> str:
    return "".join(format_finding(f) + "\n" for f in findings)


def fixture_output(path: Path) -> str:
    """What the fixture article gives with every built-in rule of its folder's kind, or,
    when the folder has its own `rules/` (Vale-style packs), with exactly those rules."""
    kind = path.parent.name
    text = path.read_text(encoding="utf-8")
    own_rules = path.parent / "rules"
    if own_rules.is_dir():
        linter = Linter(Config(rule_dirs=(own_rules,)), Selection(tuple(p.name for p in own_rules.iterdir() if p.is_dir())))
    else:
        # Pack by pack: two packs' rules on one text would stand one another down
        # (newslint/overlaps.py), and each rule's own output is what a fixture shows.
        packs = sorted({rule.split(".")[0] for rule in rules_of_kind(kind)})
        findings = [f for pack in packs
                    for f in linter_for(tuple(r for r in rules_of_kind(kind) if r.startswith(pack + "."))).lint_text(text, path.name)]
        return parsable(sorted(findings, key=Finding.sort_key))
    return parsable(linter.lint_text(text, path.name))


def fixture_articles() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/*") if p.suffix in (".md", ".txt"))


def run_cli(*args: str, cwd: Path | str | None = None, stdin: bytes | None = None, timeout: float = 120,
            env: Mapping[str, str | None] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess. `env`: variables to set, or (None) to unset."""
    base = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")
    base.pop("COLUMNS", None)  # the width of the terminal pytest runs in is not the test's
    for name, value in (env or {}).items():
        if value is None:
            base.pop(name, None)
        else:
            base[name] = value
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        cwd=cwd, input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True, text=True, env=base, timeout=timeout,
    )


def lint_seeds() -> str:
    """`newslint check --format parsable seeds/` run from the repository root."""
    result = run_cli("check", "--format", "parsable", "seeds/", cwd=ROOT)
    return result.stdout
