"""SIGTERM or Ctrl-C during a run with a pool of workers ends the workers with the run.

Before, the main process died and its two workers lived on (still there ten minutes later).
The run is a real subprocess in a session of its own, so that every process it starts is in
its process group and is found through /proc; whatever survives is killed at the end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

PARAGRAPH = "Near Kiev, it was 'great' and Moscow\u2019s plan, said Mr Blair on 12/03/05 in the U.S. " * 12


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group, from /proc."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (command) "
        state, group = fields[0], int(fields[2])
        if group == pgid and state not in "ZX":
            members.append(int(entry))
    return members


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


@pytest.mark.parametrize(("signum", "status", "line"), [
    (signal.SIGTERM, 143, "newslint: terminated"),
    (signal.SIGINT, 130, "newslint: interrupted"),
], ids=["sigterm", "sigint"])
def test_signal_ends_the_workers_with_the_run(tmp_path: Path, signum: int, status: int, line: str) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(200):
        (articles / f"a{i:03}.md").write_text(f"Headline {i}\n\n" + (PARAGRAPH + "\n\n") * 8, encoding="utf-8")
    stderr = tmp_path / "stderr.txt"
    with open(tmp_path / "stdout.txt", "wb") as out, open(stderr, "wb") as err:
        run = subprocess.Popen([sys.executable, "-m", "newslint", "check", "--jobs", "2", "--no-cache", "articles"],
                               cwd=tmp_path, stdout=out, stderr=err, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(children(run.pid)) < 2:  # the pool has started its two workers
            assert run.poll() is None, "the run ended before its pool started"
            assert time.monotonic() < deadline, "no pool of workers after 60 s"
            time.sleep(0.05)
        workers = children(run.pid)
        time.sleep(0.3)  # let them take their first batches
        os.kill(run.pid, signum)  # the main process only: the harder case than a terminal's Ctrl-C
        assert run.wait(timeout=10) == status
        deadline = time.monotonic() + 5
        while group_members(run.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert group_members(run.pid) == [], f"workers {workers} outlived the run"
        assert stderr.read_text(encoding="utf-8") == line + "\n"
    finally:
        if run.poll() is None:
            run.kill()
        for pid in group_members(run.pid):
            os.kill(pid, signal.SIGKILL)


def test_workers_end_when_the_main_process_is_killed(tmp_path: Path) -> None:
    """SIGKILL cannot be answered: the kernel ends the workers (PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux's")
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(200):
        (articles / f"a{i:03}.md").write_text(f"Headline {i}\n\n" + (PARAGRAPH + "\n\n") * 8, encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "newslint", "check", "--jobs", "2", "--no-cache", "articles"],
                           cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(children(run.pid)) < 2:
            assert run.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(0.3)
        run.kill()
        run.wait(timeout=10)
        deadline = time.monotonic() + 5
        while group_members(run.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert group_members(run.pid) == []
    finally:
        for pid in group_members(run.pid):
            os.kill(pid, signal.SIGKILL)
