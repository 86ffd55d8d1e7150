"""How long the parse and the rules may still take on one file.

A file has one time budget for its parse and all its rules together (`budget`, 8 s unless
the user who runs newslint says otherwise; the clock starts before the parse, so a file
slow to parse leaves its rules less), and each rule at most `RULE_LIMIT` of it, so that
one rule whose pattern backtracks costs its own findings on that file, not every later
rule's. The engine starts the clock of each rule; a kind passes `left()` as the timeout of
every pattern call it makes (the `regex` module's `timeout=`), so no call outlives the
rule's share, however many calls the rule makes. A pure-Python loop over the text calls
`tick()` once an item, which asks the clock every `TICKS` items, so that such a loop too
stops within a fraction of a second of the rule's end (a loop over 300,000 figures of a
4 MiB article once ran 10 s past it).

8 s: an ordinary article takes a few milliseconds; every article of bench/worst_case.py
(4 MiB each, built to be slow) finishes, start-up and report included, in under 10 s on a
loaded 2-core machine, some with a few rules out of time or not run; a pre-commit hook or
a CI job over a thousand files stays within minutes even if every file hits a trap. At
1 s a rule, rules that need 1-2 s on 4 MiB of prose (doubled words) lost their findings;
the budget bounds the total either way.
"""

from __future__ import annotations

from time import monotonic

DEFAULT_BUDGET = 8.0
# The most one rule may take on one file (was each pattern call's own timeout).
RULE_LIMIT = 2.0
# How many items of a pure-Python loop pass between two looks at the clock: at a few
# microseconds an item, a few milliseconds.
TICKS = 1024


class Deadline:
    """The end of one file's budget and of the share of the rule running now."""

    __slots__ = ("budget", "end", "rule_limit", "rule_end", "ticks")

    def __init__(self, budget: float = DEFAULT_BUDGET, rule_limit: float = RULE_LIMIT, start: float | None = None) -> None:
        self.budget = budget
        self.end = (monotonic() if start is None else start) + budget
        self.rule_limit = min(rule_limit, budget)
        self.rule_end = self.end
        self.ticks = 0

    def start_rule(self, now: float) -> None:
        self.rule_end = min(self.end, now + self.rule_limit)

    def left(self) -> float:
        """Seconds the running rule may still take; TimeoutError when it has none left."""
        left = self.rule_end - monotonic()
        if left <= 0:
            raise TimeoutError("the rule ran out of time on this file")
        return left

    def tick(self) -> None:
        """One item of a pure-Python loop done: every `TICKS` items, `left()`."""
        self.ticks += 1
        if not self.ticks % TICKS:
            self.left()
