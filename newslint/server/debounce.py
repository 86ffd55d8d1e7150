"""When a changed document is checked: at once after a quiet spell, then, while changes
keep coming (typing), once they pause for `delay` seconds (a leading and trailing
debounce), so that an isolated edit is answered at once and a burst costs one check."""

from __future__ import annotations

import asyncio
from typing import Callable


class Debouncer:
    def __init__(self, delay: float, run: Callable[[str], None]) -> None:
        self.delay = delay
        self.run = run
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._quiet_at: dict[str, float] = {}  # when the last burst of changes to a key ends

    def changed(self, key: str) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.cancel()
        if timer is None and now >= self._quiet_at.get(key, 0.0):
            self.run(key)  # the first change after a quiet spell
        else:
            self._timers[key] = loop.call_later(self.delay, self._fire, key)
        self._quiet_at[key] = now + self.delay

    def _fire(self, key: str) -> None:
        self._timers.pop(key, None)
        self.run(key)

    def forget(self, key: str) -> None:
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.cancel()
        self._quiet_at.pop(key, None)
