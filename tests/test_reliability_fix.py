"""--fix through the real command line: atomic writes that survive a kill at any moment,
files written back exactly as they were read, a second run that changes nothing, and
output that does not depend on the process (hash seed)."""

from __future__ import annotations

import codecs
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import SEEDS, run_cli
from tests.test_property import FRAGMENTS
from tests.test_reliability_cli import _project

FILES = 200


def _articles(folder: Path) -> dict[str, bytes]:
    """Articles with "Kiev" (fixed to "Kyiv" by the project's Test.Kiev rule) in several places."""
    folder.mkdir(parents=True)
    originals = {}
    for i in range(FILES):
        text = f"Story {i} from Kiev\n\nTroops left Kiev on day {i}.\n\nIn Kiev, {i * 7} people met; Kiev is calm.\n"
        if i % 3 == 1:
            text = text.replace("\n", "\r\n")
        data = text.encode("utf-16-be") if i % 50 == 7 else text.encode()
        if i % 50 == 7:
            data = codecs.BOM_UTF16_BE + data
        elif i % 10 == 3:
            data = codecs.BOM_UTF8 + data
        (folder / f"story{i:03d}.md").write_bytes(data)
        originals[f"story{i:03d}.md"] = data
    return originals


def _fixed(data: bytes) -> bytes:
    """The completely fixed bytes, worked out without newslint."""
    if data.startswith(codecs.BOM_UTF16_BE):
        return codecs.BOM_UTF16_BE + data[2:].decode("utf-16-be").replace("Kiev", "Kyiv").encode("utf-16-be")
    return data.replace(b"Kiev", b"Kyiv")


def _fix_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "newslint", "check", "--fix", "--format", "parsable", str(folder)]


def test_a_fix_run_killed_at_random_moments_leaves_every_file_whole(tmp_path: Path) -> None:
    _project(tmp_path)
    template = tmp_path / "template"
    originals = _articles(template)
    expected = {name: _fixed(data) for name, data in originals.items()}
    # One complete run: every file fixed, and how long a run takes here.
    full = tmp_path / "full"
    shutil.copytree(template, full)
    started = time.monotonic()
    done = subprocess.run(_fix_command(full), cwd=tmp_path, capture_output=True, text=True, timeout=300)
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stdout + done.stderr
    assert {p.name: p.read_bytes() for p in full.iterdir()} == expected

    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    partial_runs = 0
    for attempt in range(5):
        folder = tmp_path / f"run{attempt}"
        shutil.copytree(template, folder)
        process = subprocess.Popen(_fix_command(folder), cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.15, 0.95) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        fixed = 0
        for path in folder.iterdir():
            if path.name.startswith(".newslint-") and path.name.endswith(".tmp"):
                continue  # a temporary file the kill left behind: hidden, and never checked
            data = path.read_bytes()
            assert data in (originals[path.name], expected[path.name]), (
                f"{path.name} is neither untouched nor completely fixed (seed {seed}, attempt {attempt})")
            fixed += data == expected[path.name] != originals[path.name]
        assert len([p for p in folder.iterdir() if p.suffix == ".md"]) == FILES
        partial_runs += 0 < fixed < FILES
    # Not a vacuous test: at least one kill landed while files were being written.
    assert partial_runs >= 1, f"no kill landed mid-run (seed {seed}, a run takes {duration:.2f}s)"


def test_fix_keeps_encoding_bom_and_line_breaks_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    _project(tmp_path)
    originals = {
        "utf16.md": codecs.BOM_UTF16_BE + "Near Kiev.\r\n\r\nIn Kiev.\r\n".encode("utf-16-be"),
        "bom.md": codecs.BOM_UTF8 + b"Near Kiev.\n",
        "crlf.txt": b"Headline\r\n\r\nNear Kiev, \xe2\x80\x9cKiev\xe2\x80\x9d they said.\r\n",  # a source's words stay
        "clean.md": b"Near Kyiv.\n",
    }
    for name, data in originals.items():
        (tmp_path / name).write_bytes(data)
    before = {name: os.stat(tmp_path / name) for name in originals}
    first = run_cli("check", "--fix", "--format", "parsable", *sorted(originals), cwd=tmp_path)
    assert (first.returncode, first.stdout) == (0, ""), first.stderr
    assert "Traceback" not in first.stderr
    assert (tmp_path / "utf16.md").read_bytes() == codecs.BOM_UTF16_BE + "Near Kyiv.\r\n\r\nIn Kyiv.\r\n".encode("utf-16-be")
    assert (tmp_path / "bom.md").read_bytes() == codecs.BOM_UTF8 + b"Near Kyiv.\n"
    assert (tmp_path / "crlf.txt").read_bytes() == b"Headline\r\n\r\nNear Kyiv, \xe2\x80\x9cKiev\xe2\x80\x9d they said.\r\n"
    after_first = {name: os.stat(tmp_path / name) for name in originals}
    # A file with nothing to fix is never rewritten.
    assert after_first["clean.md"].st_mtime_ns == before["clean.md"].st_mtime_ns
    assert after_first["clean.md"].st_ino == before["clean.md"].st_ino
    second = run_cli("check", "--fix", "--format", "parsable", *sorted(originals), cwd=tmp_path)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    for name in originals:
        now = os.stat(tmp_path / name)
        assert (now.st_ino, now.st_mtime_ns) == (after_first[name].st_ino, after_first[name].st_mtime_ns), name


def test_fix_keeps_the_file_mode_and_skips_a_symlink_naming_it(tmp_path: Path) -> None:
    _project(tmp_path)
    real = tmp_path / "real.md"
    real.write_text("Near Kiev.\n")
    real.chmod(0o640)
    (tmp_path / "link.md").symlink_to(real)
    result = run_cli("check", "--fix", "--format", "parsable", "link.md", cwd=tmp_path)
    # Never written through, even inside the tree; still checked and reported; exit 2.
    assert result.returncode == 2, result.stdout + result.stderr
    assert "newslint: not fixed: link.md is a symbolic link" in result.stderr
    assert "link.md:1:6:" in result.stdout
    assert (tmp_path / "link.md").is_symlink() and real.read_text() == "Near Kiev.\n"
    result = run_cli("check", "--fix", "real.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert real.read_text() == "Near Kyiv.\n"
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".newslint-")) == []


def _generated_articles(folder: Path, count: int) -> None:
    rng = random.Random(20050312)
    fragments = [f.strip("\n") for f in FRAGMENTS if f.strip("\n") and "\x00" not in f]
    folder.mkdir()
    for i in range(count):
        paragraphs = [" ".join(rng.choice(fragments) for _ in range(rng.randint(5, 40)))
                      for _ in range(rng.randint(1, 5))]
        (folder / f"a{i:02d}{'.md' if i % 2 else '.txt'}").write_text("Headline\n\n" + "\n\n".join(paragraphs) + "\n")
    shutil.copy(SEEDS / "000_33b53aac4152c815.txt", folder / "seed.txt")


def test_output_does_not_depend_on_the_hash_seed_or_the_number_of_jobs(tmp_path: Path) -> None:
    _generated_articles(tmp_path / "articles", 40)
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    outputs = []
    for hash_seed, jobs in (("1", "1"), ("2", "1"), ("3", "2")):
        result = subprocess.run(
            [sys.executable, "-m", "newslint", "check", "--select", "ALL", "--format", "json", "--jobs", jobs, "articles"],
            cwd=tmp_path, capture_output=True, env=dict(env, PYTHONHASHSEED=hash_seed), timeout=300)
        assert result.returncode in (0, 1), result.stderr.decode()
        assert b"newslint.internal-error" not in result.stdout
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
