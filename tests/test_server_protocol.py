"""Pieces of newslint.server tested in this process: the debounce, and the workaround for
pygls keeping every notification's future."""

from __future__ import annotations

import asyncio
from concurrent.futures import Future

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (a dependency of newslint)")

from newslint.discovery import ConfigChoice  # noqa: E402
from newslint.server.debounce import Debouncer  # noqa: E402
from newslint.server.protocol import NewslintServer  # noqa: E402


def test_done_notification_futures_are_dropped_and_pending_requests_kept() -> None:
    protocol = NewslintServer(ConfigChoice(isolated=True)).protocol
    done: Future[None] = Future()
    done.set_result(None)
    pending: Future[None] = Future()
    protocol._request_futures.update({"notification": done, 7: pending})
    protocol._handle_notification("$/newslintTest", None)  # no handler: ignored, then the sweep
    assert protocol._request_futures == {7: pending}  # a cancel request can still reach it


def test_the_first_change_runs_at_once_and_a_burst_once_it_pauses() -> None:
    async def scenario() -> list[str]:
        runs: list[str] = []
        debouncer = Debouncer(60.0, runs.append)
        debouncer.changed("a")  # after a quiet spell: at once
        debouncer.changed("a")  # within the delay: waits
        debouncer.changed("a")
        debouncer.changed("b")  # another document has its own spell
        await asyncio.sleep(0.01)
        assert runs == ["a", "b"]
        debouncer.forget("a")  # closed: its pending run goes
        debouncer.delay = 0.0
        debouncer.changed("b")  # still in b's spell: it waits the delay, now none
        await asyncio.sleep(0.05)
        return runs

    assert asyncio.run(scenario()) == ["a", "b", "b"]
