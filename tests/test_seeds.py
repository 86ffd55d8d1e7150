"""The seed article, end to end through the real command line, against its expected output."""

from __future__ import annotations

from tests.helpers import SEEDS, lint_seeds, run_cli, ROOT


def test_seed_output_matches_expected() -> None:
    assert lint_seeds() == (SEEDS / "000_33b53aac4152c815.expected").read_text(encoding="utf-8")


def test_seed_findings_are_the_straight_apostrophes() -> None:
    lines = lint_seeds().splitlines()
    warnings = [l for l in lines if ": warning: " in l or ": error: " in l]
    assert {l.split(":")[1] for l in warnings} == {"5", "9", "23", "26"}
    assert all(l.endswith("[News.Apostrophes]") for l in warnings)


def test_seed_check_exits_1_for_warnings() -> None:
    assert run_cli("check", "seeds/", cwd=ROOT).returncode == 1


def test_expected_output_is_not_linted_as_an_article() -> None:
    out = run_cli("check", "seeds/", cwd=ROOT).stdout
    assert out.rstrip().endswith("in 1 file.")
