"""Every format shows a file's path as given: never resolved through a link, and a name
that is not UTF-8 shown with \\xNN escapes (a SARIF URI: %NN) instead of crashing the report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.trees import printable
from newslint.formats.sarif import artifact_uri

FORMATS = ("text", "parsable", "json", "sarif", "github")
BAD = b"caf\xe9.md"  # Latin-1, not UTF-8


def _run(cwd: Path, *args: bytes | str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")
    return subprocess.run([os.fsencode(sys.executable), b"-m", b"newslint", *[os.fsencode(a) for a in args]],
                          cwd=cwd, capture_output=True, env=env, timeout=120)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    (tmp_path / ".newslint.yaml").write_text("extends: ap\n")
    with open(os.path.join(os.fsencode(tmp_path), BAD), "wb") as out:
        out.write(b"Near Kiev.\n")
    (tmp_path / "z.md").write_text("In Kiev.\n")
    return tmp_path


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_name_that_is_not_utf8_gives_a_full_report(desk: Path, fmt: str) -> None:
    result = _run(desk, "check", "--no-cache", "--format", fmt, ".")
    out = result.stdout.decode("utf-8")  # the report itself is valid UTF-8
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr
    assert "z.md" in out  # the files after it are in the report too
    assert ("caf%E9.md" if fmt == "sarif" else "caf\\xe9.md") in out.replace("\\\\", "\\")
    if fmt in ("json", "sarif"):
        json.loads(out)


def test_a_name_that_is_not_utf8_can_be_fixed(desk: Path) -> None:
    result = _run(desk, "check", "--fix", os.fsdecode(BAD))
    assert result.returncode == 0, result.stderr
    with open(os.path.join(os.fsencode(desk), BAD), "rb") as handle:
        assert handle.read() == b"Near Kyiv.\n"


def test_a_report_file_takes_a_name_that_is_not_utf8(desk: Path) -> None:
    result = _run(desk, "check", "--no-cache", "--format", "json", "--output", "r.json", ".")
    assert result.returncode == 1, result.stderr
    assert "caf\\\\xe9.md" in (desk / "r.json").read_text(encoding="utf-8")


def test_printable_escapes_only_undecodable_bytes() -> None:
    assert printable("plain/a.md") == "plain/a.md"
    assert printable("Kyiv’s.md") == "Kyiv’s.md"
    assert printable(os.fsdecode(b"caf\xe9.md")) == "caf\\xe9.md"


def test_sarif_uses_the_path_as_given_not_the_links_target(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.md").write_text("Near Kiev.\n")
    (tmp_path / "alias.md").symlink_to(tmp_path / "real" / "a.md")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert artifact_uri("alias.md") == "alias.md"
        assert artifact_uri("linked/a.md") == "linked/a.md"
        assert artifact_uri("./sub/../alias.md") == "alias.md"
    finally:
        os.chdir(cwd)
    result = _run(tmp_path, "check", "--no-cache", "--format", "sarif", "alias.md", "linked/a.md")
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(result.stdout)["runs"][0]["results"]]
    assert uris == ["alias.md", "linked/a.md"]


def test_sarif_outside_the_working_folder_is_an_unresolved_file_uri(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("x\n")
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    uri = artifact_uri(str(tmp_path / "link.md"))
    assert uri.startswith("file://") and uri.endswith("/link.md")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_rule_message_with_a_lone_surrogate_does_not_cut_the_report(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "styles" / "House").mkdir(parents=True)
    (tmp_path / "styles" / "House" / "Odd.yml").write_text(
        'extends: existence\nmessage: "odd \\udce9 message"\ntokens: [Near]\n')
    (tmp_path / ".newslint.yaml").write_text("rule_dirs: [styles]\nselect: [House]\n")
    (tmp_path / "a.md").write_text("Near it.\n")
    (tmp_path / "b.md").write_text("Near it too.\n")
    result = _run(tmp_path, "check", "--no-cache", "--format", fmt, ".")
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1 and b"internal error" not in result.stderr, result.stderr
    assert "b.md" in out
