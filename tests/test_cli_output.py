"""--format FORMAT[:FILE], repeated, and --output: several reports from one run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

ARTICLE = "Kyiv’s plan met Russia's demands and Lviv’s.\n"


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_json_to_a_file_sarif_to_another_and_text_to_the_log(desk: Path) -> None:
    result = run_cli("check", "--select", "News.Apostrophes", "--format", "json:report.json",
                     "--format", "sarif:report.sarif", "--format", "text", "a.txt", cwd=desk)
    assert result.returncode == 1
    assert "1 finding (1 warning) in 1 file." in result.stdout
    assert json.loads((desk / "report.json").read_text(encoding="utf-8"))["summary"]["findings"] == 1
    sarif = json.loads((desk / "report.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "News.Apostrophes"


def test_output_is_the_file_of_the_format_given_without_one(desk: Path) -> None:
    result = run_cli("check", "--select", "News.Apostrophes", "--format", "json", "--output", "r.json",
                     "--format", "github:r.github", "a.txt", cwd=desk)
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads((desk / "r.json").read_text(encoding="utf-8"))["summary"]["findings"] == 1
    assert (desk / "r.github").read_text(encoding="utf-8").startswith("::warning file=a.txt,line=1,col=23,")


@pytest.mark.parametrize("args, message", [
    (["--format", "json", "--format", "text"], "only one --format can write to standard output"),
    (["--format", "json", "--format", "text", "--output", "x"], "--output names one file"),
    (["--format", "json:x", "--format", "sarif:x"], "two reports name the same file"),
    (["--format", "yaml"], "unknown format 'yaml'"),
    (["--format", "json:"], "no file after the colon"),
])
def test_ambiguous_or_unknown_outputs_are_usage_errors(desk: Path, args: list[str], message: str) -> None:
    result = run_cli("check", *args, "a.txt", cwd=desk)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (desk / "x").exists()
