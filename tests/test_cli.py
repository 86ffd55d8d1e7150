"""The real command line in a subprocess: outputs, stdin, folders and exit status."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import ROOT, run_cli

DEFECT = "Fighting near Kiev went on, officials said.\n"
CLEAN = "Fighting near Kyiv went on, officials said.\n"


def test_clean_file_exits_0(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(CLEAN)
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings in 1 file" in result.stdout


def test_defect_exits_1_with_parsable_line(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    result = run_cli("check", "--format", "parsable", "a.md", cwd=tmp_path)
    assert result.returncode == 1
    assert "a.md:1:15: warning: " in result.stdout and "Kyiv" in result.stdout


def test_fail_level_error_lets_warnings_pass(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    assert run_cli("check", "--fail-level", "error", "a.md", cwd=tmp_path).returncode == 0


def test_text_format_shows_source_and_caret(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    lines = run_cli("check", "a.md", cwd=tmp_path).stdout.splitlines()
    source = lines.index("    " + DEFECT.strip())
    assert lines[source + 1] == "    " + " " * 14 + "^^^^"


def test_json_report_shape(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    (tmp_path / "b.md").write_text(CLEAN)
    report = json.loads(run_cli("check", "--format", "json", ".", cwd=tmp_path).stdout)
    assert report["version"] == 1 and report["tool"]["name"] == "newslint"
    assert [f["path"] for f in report["files"]] == ["a.md", "b.md"]
    finding = report["files"][0]["findings"][0]
    assert set(finding) == {"rule", "kind", "level", "line", "column", "end_line", "end_column", "offset",
                            "end_offset", "match", "message", "link", "suggestions", "fix"}
    assert finding["match"] == "Kiev" and DEFECT[finding["offset"] : finding["end_offset"]] == "Kiev"
    assert report["files"][1] == {"path": "b.md", "error": None, "findings": []}
    assert report["summary"]["files"] == 2 and report["summary"]["by_level"]["warning"] >= 1


def test_output_is_deterministic(tmp_path: Path) -> None:
    for i in range(20):
        (tmp_path / f"{i:02}.md").write_text(DEFECT)
    first = run_cli("check", "--format", "json", "--jobs", "2", ".", cwd=tmp_path).stdout
    second = run_cli("check", "--format", "json", "--jobs", "1", ".", cwd=tmp_path).stdout
    assert first == second and first.count('"path"') == 20


def test_stdin(tmp_path: Path) -> None:
    result = run_cli("check", "--format", "parsable", "--stdin-filename", "story.md", "-", cwd=tmp_path, stdin=DEFECT.encode())
    assert result.returncode == 1 and result.stdout.startswith("story.md:1:15:")


def test_missing_path_exits_2_and_others_still_checked(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    result = run_cli("check", "--format", "parsable", "nope.md", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "nope.md:1:1: error: no such file or folder [newslint.not-found]" in result.stdout
    assert "a.md:1:15:" in result.stdout
    assert "Traceback" not in result.stderr


def test_folder_recursion_picks_articles_only(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.markdown").write_text(DEFECT)
    (tmp_path / "sub" / "b.txt").write_text(DEFECT)
    (tmp_path / "sub" / "c.py").write_text(DEFECT)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.md").write_text(DEFECT)
    out = run_cli("check", "--format", "parsable", cwd=tmp_path).stdout
    assert sorted(l.split(":")[0] for l in out.splitlines()) == ["sub/a.markdown", "sub/b.txt"]


def test_select_and_ignore(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    assert run_cli("check", "--ignore", "AP", "a.md", cwd=tmp_path).returncode == 0
    assert run_cli("check", "--select", "News", "a.md", cwd=tmp_path).returncode == 0


def test_bad_config_exits_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text("bogus: 1\n")
    (tmp_path / "a.md").write_text(CLEAN)
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "unknown key 'bogus'" in result.stderr


def test_usage_error_exits_2(tmp_path: Path) -> None:
    result = run_cli("check", "--format", "xml", cwd=tmp_path)
    assert result.returncode == 2 and "unknown format" in result.stderr and result.stderr.count("\n") == 1


def test_rules_and_explain() -> None:
    listing = json.loads(run_cli("rules", "--format", "json", cwd=ROOT).stdout)
    assert {"id", "kind", "level", "description"} <= set(listing[0])
    assert any(r["id"] == "News.Apostrophes" for r in listing)
    explained = run_cli("explain", "News.Apostrophes", cwd=ROOT)
    assert explained.returncode == 0 and "Flagged:" in explained.stdout and "Not flagged:" in explained.stdout
    assert run_cli("explain", "No.Such", cwd=ROOT).returncode == 2


def test_selectors_repeat_and_add_up(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("The mayor’s plan met the union's anger near Kiev.\n")
    out = run_cli("check", "--format", "parsable", "--select", "News.Apostrophes", "--select", "AP", "a.md", cwd=tmp_path).stdout
    assert "[News.Apostrophes]" in out and "[AP." in out
    out = run_cli("check", "--format", "parsable", "--ignore", "AP", "--ignore", "News.Apostrophes", "a.md", cwd=tmp_path).stdout
    assert "[News.Apostrophes]" not in out and "[AP." not in out
