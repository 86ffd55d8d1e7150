"""Timing a tool as its users run it: a separate process, wall and CPU seconds."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import ROOT

# The console scripts of the environment the bench runs in (newslint, proselint).
BIN = Path(sys.executable).parent

# Both tools run with their bytecode cached, as an installed package has it (pip compiles
# proselint's at install; an editable newslint writes its own on the first run), even when
# the bench's own environment says not to write .pyc files.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and everything it waited for); `env` is
    added to the environment."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, check=False,
                   env={**ENV, **(env or {})})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
