"""newslint.engine: one broken rule becomes one finding for that file; the run goes on."""

from __future__ import annotations

from typing import Iterator

from newslint.document import Document
from newslint.engine import INTERNAL_ERROR, TIMEOUT, Engine
from newslint.finding import Hit, Level
from newslint.parse import parse_document
from newslint.rules import Rule, RuleSpec

TEXT = "Headline\n\nOne paragraph of text.\n"


def _rule(rule_id: str, check) -> Rule:  # type: ignore[no-untyped-def]
    spec = RuleSpec(id=rule_id, kind="existence", message="m", level=Level.WARNING, path=f"{rule_id}.yml")
    return Rule(spec, check)


def _fine(doc: Document) -> Iterator[Hit]:
    yield Hit(10, 13, "fine")


def _raises(doc: Document) -> Iterator[Hit]:
    yield Hit(0, 1, "before the crash")
    raise ZeroDivisionError("division by zero")


def _times_out(doc: Document) -> Iterator[Hit]:
    raise TimeoutError("regex timed out")


def _outside(doc: Document) -> Iterator[Hit]:
    yield Hit(5, len(doc.text) + 3, "past the end")


def _check(*rules: Rule) -> list[tuple[str, Level, int, int, str]]:
    doc = parse_document(TEXT, "a.md")
    return [(f.rule, f.level, f.line, f.column, f.message) for f in Engine(list(rules)).check(doc)]


def test_an_exception_in_one_rule_is_one_internal_error_and_others_still_run() -> None:
    assert _check(_rule("T.Broken", _raises), _rule("T.Fine", _fine)) == [
        (INTERNAL_ERROR, Level.ERROR, 1, 1, "rule T.Broken failed: ZeroDivisionError: division by zero"),
        ("T.Fine", Level.WARNING, 3, 1, "fine"),
    ]


def test_a_timeout_names_the_rule() -> None:
    [(rule, level, line, column, message)] = _check(_rule("T.Slow", _times_out))
    assert (rule, level, line, column) == (TIMEOUT, Level.ERROR, 1, 1)
    assert message.startswith("rule T.Slow ran out of time on this file (limits: 2 s a rule, 8 s a file;")


def test_a_span_outside_the_text_is_an_internal_error_not_a_bad_position() -> None:
    assert _check(_rule("T.Outside", _outside)) == [
        (INTERNAL_ERROR, Level.ERROR, 1, 1, "rule T.Outside reported a span outside the text"),
    ]


def test_an_exception_on_one_document_does_not_reach_the_next() -> None:
    calls = []

    def flaky(doc: Document) -> Iterator[Hit]:
        calls.append(doc.path)
        if len(calls) == 1:
            raise RuntimeError("first time only")
        yield from _fine(doc)

    engine = Engine([_rule("T.Flaky", flaky)])
    first = engine.check(parse_document(TEXT, "a.md"))
    second = engine.check(parse_document(TEXT, "b.md"))
    assert [f.rule for f in first] == [INTERNAL_ERROR] and first[0].path == "a.md"
    assert [f.rule for f in second] == ["T.Flaky"]
