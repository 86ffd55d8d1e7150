"""--fix on files it must not replace: read-only files, hard links, files of another owner,
read-only folders, files changed after they were read, and what a killed run left."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslint.files import STALE_TEMP_SECONDS, Source, read_source
from newslint.fixwrite import NotFixed, remove_stale_temps, write_fix
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    (tmp_path / ".newslint.yaml").write_text("extends: ap\n")
    (tmp_path / "a.md").write_text("Near Kiev.\n")
    (tmp_path / "b.md").write_text("In Kiev.\n")
    return tmp_path


def test_a_read_only_file_is_left_alone_and_named_and_the_run_goes_on(desk: Path) -> None:
    (desk / "a.md").chmod(0o444)
    before = os.stat(desk / "a.md")
    result = run_cli("check", "--fix", "--format", "parsable", "a.md", "b.md", cwd=desk)
    assert result.returncode == 2
    assert "newslint: not fixed: a.md is read-only" in result.stderr
    assert (desk / "a.md").read_text() == "Near Kiev.\n" and (desk / "b.md").read_text() == "In Kyiv.\n"
    after = os.stat(desk / "a.md")
    assert (after.st_ino, after.st_uid, after.st_mode) == (before.st_ino, before.st_uid, before.st_mode)
    assert "a.md:1:6: warning:" in result.stdout  # still checked and reported


def test_both_names_of_a_hard_link_show_the_fixed_text(desk: Path) -> None:
    os.link(desk / "a.md", desk / "twin.md")
    inode = os.stat(desk / "a.md").st_ino
    result = run_cli("check", "--fix", "a.md", cwd=desk)
    assert result.returncode == 0, result.stderr
    assert (desk / "a.md").read_text() == (desk / "twin.md").read_text() == "Near Kyiv.\n"
    assert os.stat(desk / "a.md").st_ino == inode == os.stat(desk / "twin.md").st_ino
    assert not [p for p in desk.iterdir() if p.name.startswith(".newslint-")]  # the backup is gone


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_file_of_another_owner_keeps_its_owner(desk: Path) -> None:
    os.chown(desk / "a.md", 65534, 65534)
    (desk / "a.md").chmod(0o666)
    result = run_cli("check", "--fix", "a.md", cwd=desk)
    assert result.returncode == 0, result.stderr
    status = os.stat(desk / "a.md")
    assert (status.st_uid, status.st_gid) == (65534, 65534) and (desk / "a.md").read_text() == "Near Kyiv.\n"


def _unprivileged() -> list[str]:
    """A command prefix that runs without the power to ignore permissions: nothing for a
    normal user; for root, setpriv dropping the capabilities that bypass them."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


def test_a_file_in_a_read_only_folder_is_named_and_the_run_goes_on(desk: Path) -> None:
    (desk / "locked").mkdir()
    (desk / "locked" / "c.md").write_text("Near Kiev.\n")
    (desk / "locked").chmod(0o555)
    try:
        result = subprocess.run(
            [*_unprivileged(), sys.executable, "-m", "newslint", "check", "--fix", "--format", "parsable",
             "locked/c.md", "b.md"],
            cwd=desk, capture_output=True, text=True, timeout=120,
            env=dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8"))
    finally:
        (desk / "locked").chmod(0o755)
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if "not fixed" in line]
    assert lines == ["newslint: not fixed: locked/c.md cannot write in its folder: Permission denied"]
    assert ".tmp" not in result.stderr and "Traceback" not in result.stderr
    assert (desk / "b.md").read_text() == "In Kyiv.\n"
    assert (desk / "locked" / "c.md").read_text() == "Near Kiev.\n"


def test_a_file_changed_after_it_was_read_is_not_overwritten(desk: Path) -> None:
    path = str(desk / "a.md")
    source = read_source(path)
    assert isinstance(source, Source)
    (desk / "a.md").write_text("Rewritten by the reporter.\n")
    with pytest.raises(NotFixed, match="changed after it was read"):
        write_fix(source, source.encode("Near Kyiv.\n"))
    assert (desk / "a.md").read_text() == "Rewritten by the reporter.\n"


def test_an_edit_that_keeps_size_and_time_is_still_seen(desk: Path) -> None:
    path = str(desk / "a.md")
    source = read_source(path)
    assert isinstance(source, Source) and source.stat is not None
    with open(path, "r+b") as handle:  # same inode, same size, and the time put back
        handle.write(b"Near Rome.\n")
    os.utime(path, ns=(source.stat.st_atime_ns, source.stat.st_mtime_ns))
    with pytest.raises(NotFixed, match="changed after it was read"):
        write_fix(source, source.encode("Near Kyiv.\n"))
    assert (desk / "a.md").read_text() == "Near Rome.\n"


def test_a_file_replaced_by_a_link_after_it_was_read_is_not_written_through(desk: Path) -> None:
    decoy = desk / "decoy"
    decoy.write_text("keep\n")
    source = read_source(str(desk / "a.md"))
    assert isinstance(source, Source)
    (desk / "a.md").unlink()
    (desk / "a.md").symlink_to(decoy)
    with pytest.raises(NotFixed, match="symbolic link"):
        write_fix(source, b"Near Kyiv.\n")
    assert decoy.read_text() == "keep\n"


def test_stale_temporary_files_are_removed_by_the_next_fix(desk: Path) -> None:
    old = time.time() - STALE_TEMP_SECONDS - 10
    stale = desk / ".newslint-dead01.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (old, old))
    fresh = desk / ".newslint-live01.tmp"  # maybe another run's, mid-write
    fresh.write_bytes(b"busy")
    other = desk / ".newslint-notes.txt"  # not our pattern
    other.write_bytes(b"mine")
    os.utime(other, (old, old))
    decoy = desk / "decoy.tmp"
    decoy.write_bytes(b"decoy")
    link = desk / ".newslint-link.tmp"
    link.symlink_to(decoy)
    os.utime(link, (old, old), follow_symlinks=False)
    result = run_cli("check", "--fix", "a.md", cwd=desk)
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert fresh.exists() and other.exists() and link.is_symlink() and decoy.read_bytes() == b"decoy"


def test_remove_stale_temps_counts_and_spares_folders(tmp_path: Path) -> None:
    old = time.time() - STALE_TEMP_SECONDS - 10
    (tmp_path / ".newslint-x.tmp").mkdir()
    os.utime(tmp_path / ".newslint-x.tmp", (old, old))
    assert remove_stale_temps(str(tmp_path)) == 0 and (tmp_path / ".newslint-x.tmp").is_dir()


def test_a_fix_error_names_the_file_not_a_temporary_file(desk: Path) -> None:
    source = read_source(str(desk / "a.md"))
    assert isinstance(source, Source)
    os.rename(desk / "a.md", desk / "moved.md")
    with pytest.raises(NotFixed) as caught:
        write_fix(source, b"x")
    assert ".tmp" not in str(caught.value)
