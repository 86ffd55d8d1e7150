"""Test-wide setup: runs of the CLI and the library keep their caches and cache key out of the user's."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _caches_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Every test writes rule files of its own, each set a new cache file; the subprocesses
    # the tests start inherit the variables. The cache key lives in XDG_CONFIG_HOME.
    os.environ["NEWSLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("rule-cache"))
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path_factory.mktemp("config-home"))
