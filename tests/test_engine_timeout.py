"""newslint.engine: one time budget per file for all rules together (newslint.deadline).

The rules here spend time by asking the document's deadline how much is left until it says
none, as a kind's pattern calls do (each gets `timeout=deadline.left()`).
"""

from __future__ import annotations

import re
import time
from typing import Iterator

from newslint.document import Document
from newslint.engine import TIMEOUT, Engine
from newslint.finding import Finding, Hit, Level
from newslint.parse import parse_document
from newslint.rules import Rule, RuleSpec

TEXT = "Headline\n\nOne paragraph of text.\n"


def _rule(rule_id: str, check) -> Rule:  # type: ignore[no-untyped-def]
    spec = RuleSpec(id=rule_id, kind="existence", message="m", level=Level.WARNING, path=f"{rule_id}.yml")
    return Rule(spec, check)


def _spins(doc: Document) -> Iterator[Hit]:
    """A rule whose pattern never finishes: it runs until its time is up."""
    while True:
        doc.deadline.left()
    yield Hit(0, 0, "never")  # pragma: no cover


def _fine(doc: Document) -> Iterator[Hit]:
    yield Hit(10, 13, "fine")


def _run(engine: Engine, text: str = TEXT) -> list[Finding]:
    return engine.check(parse_document(text, "a.md"))


def test_when_the_file_budget_is_spent_the_other_rules_are_skipped_with_one_timeout_finding() -> None:
    engine = Engine([_rule("T.A", _fine), _rule("T.Spin", _spins), _rule("T.B", _fine), _rule("T.C", _fine)],
                    budget=0.3, rule_limit=5.0)
    findings = _run(engine)
    assert [f.rule for f in findings] == [TIMEOUT, "T.A"]
    timeout = findings[0]
    assert timeout.level is Level.ERROR and (timeout.line, timeout.column) == (1, 1)
    assert re.fullmatch(r"checking stopped at this file's time budget of 0\.3 s: 2 rules not run; "
                        r"slowest rule T\.Spin \(0\.\d s\); out of time: T\.Spin", timeout.message), timeout.message


def test_a_rule_over_its_share_loses_its_own_findings_only() -> None:
    engine = Engine([_rule("T.Spin", _spins), _rule("T.Spin2", _spins), _rule("T.B", _fine)], budget=5.0, rule_limit=0.1)
    findings = _run(engine)
    assert [f.rule for f in findings] == [TIMEOUT, "T.B"]
    assert findings[0].message.startswith("rules T.Spin, T.Spin2 ran out of time on this file "
                                          "(limits: 0.1 s a rule, 5 s a file;")


def test_every_document_gets_a_budget_of_its_own() -> None:
    engine = Engine([_rule("T.Spin", _spins), _rule("T.B", _fine)], budget=0.2, rule_limit=0.2)
    for _ in range(2):
        assert [f.rule for f in _run(engine)] == [TIMEOUT]  # T.B skipped each time, never T.Spin alone


def test_no_comment_in_the_article_switches_the_timeout_finding_off() -> None:
    engine = Engine([_rule("T.Spin", _spins)], budget=0.1)
    text = "<!-- newslint-disable -->\n\nHeadline\n\nOne paragraph of text.\n"
    assert [f.rule for f in _run(engine, text)] == [TIMEOUT]


def test_a_fast_run_has_no_timeout_finding() -> None:
    assert [f.rule for f in _run(Engine([_rule("T.B", _fine)], budget=0.5))] == ["T.B"]


def test_one_rule_reports_at_most_a_thousand_findings_a_file() -> None:
    from newslint.engine import MAX_FINDINGS_PER_RULE

    asked = []

    def endless(doc: Document) -> Iterator[Hit]:
        while True:
            asked.append(1)
            yield Hit(10, 13, "again")

    findings = Engine([_rule("T.Many", endless)]).check(parse_document(TEXT, "a.md"))
    assert len(findings) == 1  # the same span and message: one finding after deduplication
    assert len(asked) == MAX_FINDINGS_PER_RULE  # and the rule was not asked for more


def _counts_words(doc: Document) -> Iterator[Hit]:
    """A rule that walks the text in pure Python, a tick an item, as the shared scans do."""
    while True:
        doc.deadline.tick()
    yield Hit(0, 0, "never")  # pragma: no cover


def test_a_pure_python_loop_that_ticks_stops_at_the_rule_limit() -> None:
    findings = _run(Engine([_rule("T.Loop", _counts_words), _rule("T.Fine", _fine)], budget=5.0, rule_limit=0.2))
    [timeout] = [f for f in findings if f.rule == TIMEOUT]
    assert "T.Loop" in timeout.message and "0.2 s a rule" in timeout.message
    assert [f.rule for f in findings if f.rule != TIMEOUT] == ["T.Fine"]


def test_the_budget_counts_from_when_the_file_was_started_so_its_parse_is_inside_it() -> None:
    engine = Engine([_rule("T.Fine", _fine)], budget=1.0)
    doc = parse_document(TEXT, "a.md")
    # A file whose clock started 5 s ago (a slow parse) has no time left for its rules.
    [timeout] = engine.check(doc, started=time.monotonic() - 5.0)
    assert timeout.rule == TIMEOUT and "1 rule not run" in timeout.message
    assert [f.rule for f in engine.check(doc)] == ["T.Fine"]


scans: list[str] = []


def _slow_scan(doc: Document) -> None:
    scans.append(doc.path)
    next(_counts_words(doc))


def _shares_a_slow_scan(doc: Document) -> Iterator[Hit]:
    """A rule that needs a shared scan (`doc.memo`) which never finishes."""
    doc.memo("slow scan", _slow_scan)
    yield Hit(0, 0, "never")  # pragma: no cover


def test_a_shared_scan_that_ran_out_of_time_is_not_run_again_by_the_next_rule() -> None:
    scans.clear()
    engine = Engine([_rule("T.First", _shares_a_slow_scan), _rule("T.Second", _shares_a_slow_scan)], budget=5.0,
                    rule_limit=0.2)
    [timeout] = _run(engine)
    assert "T.First, T.Second" in timeout.message
    assert len(scans) == 1  # the second rule stopped at once instead of spending its share again
