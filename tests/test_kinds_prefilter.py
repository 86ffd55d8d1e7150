"""The pattern kinds' word prefilter: what it reads from a pattern, and that it never changes a match."""

from __future__ import annotations

import pytest
import regex

from newslint.kinds._pattern import Deferred, Scope, compile_pattern, search, word_pattern
from newslint.kinds._prefilter import Prefilter, analyse
from newslint.parse import parse_document
from newslint.rules import RuleSpec
from newslint.finding import Level
from tests.helpers import builtin_specs, fixture_articles

LOOKBEHIND_CAPITAL = "(?:t|T(?<=(?:^|[.!?:]['\"\u2019\u201d)]?\\s)T))ravelling"


@pytest.mark.parametrize(("alternatives", "fold", "bounded", "words", "prefixes", "offsets"), [
    (["[Oo]rganise", "organisation"], False, True, {"organise", "Organise", "organisation"}, (), (0, 1)),
    ([LOOKBEHIND_CAPITAL], False, True, {"travelling", "Travelling"}, (), (0, 1)),
    (["\\bSt(?= \\p{Lu})"], False, False, {"St"}, (), (0,)),
    (["(?<=\\b\\p{Lu}\\p{Ll}+, )Wyo\\.(?!\\w)"], False, False, {"Wyo"}, (), (0,)),
    (["(?<=\\b(?:Recogni|Apologi))s(?=(?:e|ed)\\b)"], True, False, set(), ("apologis", "recognis"), (-7,)),
    (["e-?mail"], True, True, {"e", "email"}, (), (0, 1)),
    (["[Ss]mart[ -]phones"], False, True, {"smart", "Smart"}, (), (0, 1)),
    (["\\bprinc\\w+"], False, False, set(), ("princ",), (0,)),
])
def test_the_words_a_match_must_begin_with(alternatives: list[str], fold: bool, bounded: bool, words: set[str],
                                           prefixes: tuple[str, ...], offsets: tuple[int, ...]) -> None:
    assert analyse(alternatives, fold, bounded) == Prefilter(frozenset(words), prefixes, offsets, fold)


@pytest.mark.parametrize("pattern", [".*foo", "St(?!\\d)", "\\d+ years", "(?i)kiev", "caf\u00e9", "[^a]bc", "(a)\\1", "\\w+ly"])
def test_patterns_it_does_not_understand_get_no_prefilter(pattern: str) -> None:
    assert analyse([pattern], False, False) is None


def _spec(kind: str, **options: object) -> RuleSpec:
    return RuleSpec(id="T.Rule", kind=kind, message="%s", level=Level.WARNING, path="T/Rule.yml", options=options)


TRICKY = [
    "Kiev, kiev and KIEV; _Kiev_ and Kiev_x, xKiev, Kiev2 and Kiev\u00b2.\n",
    "The \u212aiev talks (Kelvin sign) and \u017ftreet; Kie\u0301v with a combining mark.\r\nKiev\r\n",
    "\"Kiev,\" he said. 'Kiev' she wrote. Kiev-based, co-operate, e-mail and email.\n",
    "Recognised, recognising, Apologise and apologises; travelling, Travelling. travelling\n",
]


@pytest.mark.parametrize(("kind", "options"), [
    ("substitution", {"swap": {"[Kk]iev": "Kyiv", "co-?operate": "cooperate", "e-mail": "email"}}),
    ("substitution", {"swap": {"kiev": "Kyiv"}, "ignorecase": True}),
    ("substitution", {"swap": {"(?<=\\b(?:Recogni|Apologi))s(?=(?:e|ed|es|ing)\\b)": "z"}, "nonword": True, "ignorecase": True}),
    ("substitution", {"swap": {LOOKBEHIND_CAPITAL: "traveling"}}),
    ("existence", {"tokens": ["kiev", "street"], "ignorecase": True}),
    ("existence", {"tokens": ["\\bKiev(?=\\W)", "\\bKiev_"], "nonword": True}),
])
def test_same_matches_as_a_full_scan(kind: str, options: dict[str, object]) -> None:
    spec = _spec(kind, **options)
    fold = bool(options.get("ignorecase"))
    keys = list(options["swap"]) if kind == "substitution" else list(options["tokens"])  # type: ignore[call-overload]
    body = "|".join(f"(?:{k})" for k in keys)
    nonword = bool(options.get("nonword"))
    if kind == "substitution":
        source = body if nonword else f"(?:\\b|_)(?:{body})(?:\\b|_)"
    else:
        source = word_pattern(keys, nonword)
    pattern = compile_pattern("k", source, fold)
    prefilter = analyse(keys, fold, bounded=not nonword)
    assert prefilter is not None
    for text in TRICKY:
        for path in ("a.md", "a.txt"):
            doc = parse_document(text, path)
            scope = Scope(spec)
            assert [m.span() for m in search(pattern, doc, scope, prefilter)] == [m.span() for m in search(pattern, doc, scope)]


def _compiled_parts(spec: RuleSpec) -> tuple[regex.Pattern[str], Scope, Prefilter | None]:
    from newslint.rules import compile_rule

    check = compile_rule(spec).check
    cells = [c.cell_contents for c in check.__closure__ or ()]  # type: ignore[attr-defined]
    pattern = next(c.pattern if isinstance(c, Deferred) else c for c in cells if isinstance(c, (regex.Pattern, Deferred)))
    scope = next(c for c in cells if isinstance(c, Scope))
    return pattern, scope, next((c for c in cells if isinstance(c, Prefilter)), None)


def test_every_shipped_pattern_rule_finds_the_same_with_its_prefilter() -> None:
    specs = [s for s in builtin_specs() if s.kind in ("existence", "substitution")]
    texts = TRICKY + [p.read_text(encoding="utf-8") for p in fixture_articles()]
    for s in specs:
        texts += [*s.examples.flag, *s.examples.pass_]
    docs = [parse_document(t, "a.md" if i % 2 else "a.txt") for i, t in enumerate(texts)]
    with_prefilter = 0
    for spec in specs:
        pattern, scope, prefilter = _compiled_parts(spec)
        if prefilter is None:
            continue
        with_prefilter += 1
        for doc in docs:
            fast = [m.span() for m in search(pattern, doc, scope, prefilter)]
            assert fast == [m.span() for m in search(pattern, doc, scope)], (spec.id, doc.text[:80])
    assert with_prefilter >= len(specs) // 2
