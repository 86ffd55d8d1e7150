"""What a run shows besides its findings: --statistics, --quiet, --min-level, --exit-zero,
the summary line, the progress bar, the exit status through a broken pipe, colour."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli

# One error (AP.ALot, raised by the config), one warning (News.Apostrophes), one suggestion
# (AP.Numerals, lowered by the config).
ARTICLE = "Kyiv’s plan met Russia's demands and Lviv’s. It cost 5 percent and alot.\n"
CONFIG = "levels:\n  AP.ALot: error\n  AP.Numerals: suggestion\n"
SELECT = ("--select", "AP.ALot,AP.Numerals,News.Apostrophes")


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    (tmp_path / ".newslint.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text(ARTICLE.replace("alot", "a lot"), encoding="utf-8")
    (tmp_path / "clean.md").write_text("Nothing to see.\n", encoding="utf-8")
    return tmp_path


def test_statistics_count_each_rule_most_frequent_first_with_the_fixable_marker(desk: Path) -> None:
    result = run_cli("check", *SELECT, "--statistics", ".", cwd=desk)
    assert result.returncode == 1
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(count.strip(), rule.strip()) for count, rule, _ in rows] == [
        ("2", "AP.Numerals"), ("2", "News.Apostrophes"), ("1", "AP.ALot")]
    markers = {rule.strip(): about[:3] for _, rule, about in rows}
    assert markers == {"AP.ALot": "[*]", "AP.Numerals": "[ ]", "News.Apostrophes": "[*]"}
    assert "a.md" not in result.stdout  # the statistics replace the findings
    assert result.stderr == "newslint: 3 files checked, 5 findings in 2 files (1 error, 2 warnings, 2 suggestions)\n"


def test_statistics_describe_newslints_own_findings_too(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\nnewslint: {disabel: [AP]}\n---\n<!-- newslint-disable AP.Tward -->\n",
                                   encoding="utf-8")
    result = run_cli("check", "--isolated", "--statistics", "a.md", cwd=tmp_path)
    rows = {rule.strip(): about for _, rule, about in (line.split("\t") for line in result.stdout.splitlines())}
    assert rows == {"newslint.front-matter": "[ ] Front matter that newslint cannot read.",
                    "newslint.unknown-rule": "[ ] A disable comment or front matter naming no rule, or a misspelt comment."}


@pytest.mark.parametrize("rule", ["newslint.unknown-rule", "newslint.front-matter", "newslint.timeout",
                                  "newslint.internal-error", "Newslint.Unknown-Rule"])
def test_explain_knows_newslints_own_ids(tmp_path: Path, rule: str) -> None:
    """A report shows these ids; `newslint explain` on one is not 'unknown rule'."""
    result = run_cli("explain", rule, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{rule.lower()} (newslint's own finding, ")
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_statistics_leave_a_report_written_to_a_file_whole(desk: Path) -> None:
    result = run_cli("check", *SELECT, "--statistics", "--format", "parsable:r.txt", ".", cwd=desk)
    assert result.returncode == 1
    assert len((desk / "r.txt").read_text(encoding="utf-8").splitlines()) == 5
    assert result.stdout.count("\t") == 6


def test_summary_line_on_standard_error_when_every_report_goes_to_a_file(desk: Path) -> None:
    result = run_cli("check", *SELECT, "--format", "json:r.json", "--format", "sarif:r.sarif", ".", cwd=desk)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == "newslint: 3 files checked, 5 findings in 2 files (1 error, 2 warnings, 2 suggestions)\n"
    clean = run_cli("check", *SELECT, "--format", "json:r.json", "clean.md", cwd=desk)
    assert (clean.returncode, clean.stderr) == (0, "newslint: 1 file checked, no findings\n")


def test_summary_counts_thousands_with_separators(tmp_path: Path) -> None:
    for i in range(1001):
        (tmp_path / f"s{i:04}.md").write_text("alot\n", encoding="utf-8")
    result = run_cli("check", "--select", "AP.ALot", "--format", "json:r.json", "--no-cache", ".", cwd=tmp_path)
    assert result.stderr == "newslint: 1,001 files checked, 1,001 findings in 1,001 files (1,001 warnings)\n"


def test_text_summary_says_how_many_files_have_findings(desk: Path) -> None:
    result = run_cli("check", *SELECT, ".", cwd=desk)
    assert result.stdout.endswith("\n5 findings (1 error, 2 warnings, 2 suggestions) in 2 files of 3 checked.\n")
    assert result.stderr == ""


def test_quiet_prints_the_findings_and_nothing_else(desk: Path) -> None:
    (desk / "page.html").write_text("<p>alot</p>\n", encoding="utf-8")
    result = run_cli("check", *SELECT, "-q", "a.md", "clean.md", "page.html", cwd=desk)
    assert result.returncode == 1
    assert "a.md\n" in result.stdout and "AP.ALot" in result.stdout
    assert "finding" not in result.stdout.splitlines()[-1] and result.stderr == ""
    to_file = run_cli("check", *SELECT, "--quiet", "--format", "json:r.json", ".", cwd=desk)
    assert (to_file.returncode, to_file.stdout, to_file.stderr) == (1, "", "")


def test_qq_prints_nothing_but_writes_the_report_files(desk: Path) -> None:
    result = run_cli("check", *SELECT, "-qq", "--format", "text", "--format", "parsable:r.txt", ".", cwd=desk)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", "")
    assert len((desk / "r.txt").read_text(encoding="utf-8").splitlines()) == 5


@pytest.mark.parametrize("level, rules, status", [
    ("error", {"AP.ALot"}, 1),
    ("warning", {"AP.ALot", "News.Apostrophes"}, 1),
    ("suggestion", {"AP.ALot", "News.Apostrophes", "AP.Numerals"}, 1),
])
def test_min_level_reports_only_findings_at_or_above_it(desk: Path, level: str, rules: set[str], status: int) -> None:
    result = run_cli("check", *SELECT, "--min-level", level, "--format", "parsable", ".", cwd=desk)
    assert result.returncode == status
    assert {line.rsplit("[", 1)[1].rstrip("]") for line in result.stdout.splitlines()} == rules


def test_min_level_decides_the_exit_status_with_what_it_reports(desk: Path) -> None:
    # b.md has a warning and a suggestion, no error: nothing at error level is reported.
    result = run_cli("check", *SELECT, "--min-level", "error", "b.md", cwd=desk)
    assert (result.returncode, result.stdout) == (0, "No findings in 1 file.\n")


def test_exit_zero_exits_0_with_findings_but_2_on_an_error(desk: Path) -> None:
    assert run_cli("check", *SELECT, "--exit-zero", ".", cwd=desk).returncode == 0
    (desk / "broken.md").write_bytes(b"caf\xe9 alot\n")
    result = run_cli("check", *SELECT, "--exit-zero", ".", cwd=desk)
    assert result.returncode == 2 and "not valid UTF-8" in result.stdout


def test_a_reader_that_stops_early_leaves_the_exit_status_to_the_findings(tmp_path: Path) -> None:
    # Far more report than a pipe holds, and the reader gone before the first byte.
    (tmp_path / "long.md").write_text("It was alot.\n\n" * 20000, encoding="utf-8")
    (tmp_path / "clean.md").write_text("Nothing to see.\n" * 20000, encoding="utf-8")
    for name, status in (("long.md", 1), ("clean.md", 0)):
        process = subprocess.Popen([sys.executable, "-m", "newslint", "check", "--select", "AP.ALot",
                                    "--format", "json:r.json", "--format", "text", name],
                                   cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=dict(os.environ, NO_COLOR="1"))
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        error = process.stderr.read().decode()
        assert process.wait(timeout=120) == status, error
        assert "Traceback" not in error and "Broken pipe" not in error
        # The report to a file was written whole all the same.
        whole = run_cli("check", "--select", "AP.ALot", "--format", "json", name, cwd=tmp_path).stdout
        assert (tmp_path / "r.json").read_text(encoding="utf-8") == whole
        assert whole.count('"rule"') == (1000 if status else 0)  # a rule's cap of findings a file


@pytest.mark.parametrize("env, color", [
    ({"NO_COLOR": None}, False),  # not a terminal
    ({"NO_COLOR": None, "FORCE_COLOR": "1"}, True),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ({"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "dumb"}, True),  # forced wins over dumb
    ({"NO_COLOR": None, "FORCE_COLOR": "0"}, False),
])
def test_colour_follows_no_color_and_force_color(desk: Path, env: dict[str, str | None], color: bool) -> None:
    result = run_cli("check", *SELECT, "a.md", cwd=desk, env=env)
    assert ("\x1b[" in result.stdout) is color


def test_force_color_does_not_colour_a_report_file(desk: Path) -> None:
    run_cli("check", *SELECT, "--format", "text:r.txt", "a.md", cwd=desk, env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert "\x1b[" not in (desk / "r.txt").read_text(encoding="utf-8")


def _run_on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, bytes]:
    """The command line with standard output and error on a pseudo-terminal of 80 columns."""
    fcntl = pytest.importorskip("fcntl")  # POSIX terminals only
    termios = pytest.importorskip("termios")
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "newslint", *args], cwd=cwd, stdout=follower, stderr=follower,
                               stdin=subprocess.DEVNULL, env=env)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process has gone
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return process.wait(timeout=120), shown


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    for i in range(150):
        (tmp_path / f"s{i:03}.md").write_text("It was alot.\n" if i % 50 == 0 else "Nothing to see.\n", encoding="utf-8")
    return tmp_path


def test_terminal_run_over_many_files_shows_a_progress_bar(newsroom: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "FORCE_COLOR")}
    status, shown = _run_on_terminal(["check", "--select", "AP.ALot", "--no-cache", "."], newsroom, env)
    assert status == 1
    assert b"/150 [" in shown, shown[-500:]
    assert b"s000.md" in shown and b"3 findings (3 warnings) in 3 files of 150 checked." in shown


def test_no_progress_bar_when_quiet_or_few_files(newsroom: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    _, quiet = _run_on_terminal(["check", "--select", "AP.ALot", "--no-cache", "-q", "."], newsroom, env)
    _, few = _run_on_terminal(["check", "--select", "AP.ALot", "--no-cache", "s000.md", "s001.md"], newsroom, env)
    assert b"/150 [" not in quiet and b"s000.md" in quiet
    assert b"/2 [" not in few and b"%|" not in few


def test_no_progress_bar_in_a_log(newsroom: Path) -> None:
    result = run_cli("check", "--select", "AP.ALot", "--no-cache", ".", cwd=newsroom)
    assert "%|" not in result.stderr and result.stderr == ""


@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("rules", "--help"), ("explain", "--help"),
                                  ("init", "--help"), ("rules",), ("rules", "--all")])
def test_help_and_rules_fit_an_80_column_terminal(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / ".newslint.yaml").write_text("extends: uk\n", encoding="utf-8")  # AP and Proselint not selected
    result = run_cli(*args, cwd=tmp_path, env={"COLUMNS": "80"})
    assert result.returncode == 0
    too_wide = [line for line in result.stdout.splitlines() if len(line) > 80]
    assert too_wide == []


def test_help_names_every_argument_and_the_exit_codes() -> None:
    result = run_cli("check", "--help", env={"COLUMNS": "200"})
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for needle in ("PATH a file, a folder", "--fail-level {error,warning,suggestion} the lowest level",
                   "--color {auto,always,never} colour the text report", "exit status: 0 no finding",
                   "1 a finding at or above the fail level", "2 a usage or config error"):
        assert needle in text, needle


@pytest.mark.parametrize("term, color", [("xterm-256color", True), ("dumb", False)])
def test_a_dumb_terminal_is_not_coloured(desk: Path, term: str, color: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "FORCE_COLOR")}
    status, shown = _run_on_terminal(["check", *SELECT, "a.md"], desk, dict(env, TERM=term))
    assert status == 1 and b"AP.ALot" in shown
    assert (b"\x1b[" in shown) is color


def test_json_summary_counts_files_with_findings_and_each_rule(desk: Path) -> None:
    import json

    result = run_cli("check", *SELECT, "--format", "json", ".", cwd=desk)
    summary = json.loads(result.stdout)["summary"]
    assert summary["files"] == 3 and summary["files_with_findings"] == 2
    assert summary["by_rule"] == {"AP.ALot": 1, "AP.Numerals": 2, "News.Apostrophes": 2}


def test_a_run_with_no_findings_but_unreadable_files_says_both(tmp_path: Path) -> None:
    (tmp_path / "clean.md").write_text("Nothing to see.\n", encoding="utf-8")
    (tmp_path / "broken.md").write_bytes(b"caf\xe9\n")
    result = run_cli("check", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.rstrip().endswith("No findings in 1 file checked; 1 file not checked.")
