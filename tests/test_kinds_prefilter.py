"""The pattern kinds' word prefilter: what it reads from a pattern, and that it never changes a match."""

from __future__ import annotations

import pytest

from newslint.kinds import existence, substitution
from newslint.kinds._pattern import Scope, Union, compile_pattern, search, word_pattern
from newslint.kinds._prefilter import Alternatives, Prefilter, analyse
from newslint.rules import compile_rule
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


SAME_MATCH_CASES = [
    ("substitution", {"swap": {"[Kk]iev": "Kyiv", "co-?operate": "cooperate", "e-mail": "email"}}),
    ("substitution", {"swap": {"kiev": "Kyiv"}, "ignorecase": True}),
    ("substitution", {"swap": {"(?<=\\b(?:Recogni|Apologi))s(?=(?:e|ed|es|ing)\\b)": "z"}, "nonword": True, "ignorecase": True}),
    ("substitution", {"swap": {LOOKBEHIND_CAPITAL: "traveling"}}),
    ("existence", {"tokens": ["kiev", "street"], "ignorecase": True}),
    ("existence", {"tokens": ["\\bKiev(?=\\W)", "\\bKiev_"], "nonword": True}),
]


@pytest.mark.parametrize(("kind", "options"), SAME_MATCH_CASES)
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


@pytest.mark.parametrize(("kind", "options"), SAME_MATCH_CASES)
def test_alternatives_one_at_a_time_match_as_their_alternation(kind: str, options: dict[str, object]) -> None:
    spec = _spec(kind, **options)
    fold = bool(options.get("ignorecase"))
    nonword = bool(options.get("nonword"))
    keys = list(options["swap"]) if kind == "substitution" else list(options["tokens"])  # type: ignore[call-overload]
    wrap = "{}" if nonword else ("(?:\\b|_)(?:{})(?:\\b|_)" if kind == "substitution" else "\\b(?:{})\\b")
    filters = Alternatives.of(keys, fold, bounded=not nonword)
    assert filters is not None
    union = Union("k", [wrap.format(k) for k in keys], fold, filters)
    alternation = compile_pattern("k", wrap.format("|".join(f"(?:{k})" for k in keys)), fold)
    for text in TRICKY:
        for path in ("a.md", "a.txt"):
            doc = parse_document(text, path)
            scope = Scope(spec)
            assert [m.span() for _, m in union.search(doc, scope)] == [m.span() for m in search(alternation, doc, scope)]


def _no_alternatives(alternatives: list[str], fold: bool, bounded: bool) -> None:
    return None


def _nothing_required(pattern: str) -> None:
    return None


def test_every_shipped_pattern_rule_finds_the_same_with_its_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    specs = [s for s in builtin_specs() if s.kind in ("existence", "substitution")]
    texts = TRICKY + [p.read_text(encoding="utf-8") for p in fixture_articles()]
    for s in specs:
        texts += [*s.examples.flag, *s.examples.pass_]
    docs = [parse_document(t, "a.md" if i % 2 else "a.txt") for i, t in enumerate(texts)]
    fast = [compile_rule(s) for s in specs]
    with monkeypatch.context() as patch:
        for module in (existence, substitution):
            patch.setattr(module.Alternatives, "of", _no_alternatives)
            patch.setattr(module, "analyse", _no_alternatives)
            patch.setattr(module, "required_strings", _nothing_required)
        full_scans = [compile_rule(s._replace(prepared=None)) for s in specs]
    for quick, slow in zip(fast, full_scans):
        for doc in docs:
            assert list(quick.check(doc)) == list(slow.check(doc)), (quick.spec.id, doc.text[:80])
    filtered = sum(1 for s in specs if _keys(s) is not None and Alternatives.of(*_keys(s)) is not None)  # type: ignore[misc]
    assert filtered >= len(specs) // 2


def _keys(spec: RuleSpec) -> tuple[list[str], bool, bool] | None:
    opts = spec.options
    if opts.get("raw"):
        return None
    keys = list(opts["swap"]) if spec.kind == "substitution" else list(opts.get("tokens", []))
    return keys, bool(opts.get("ignorecase")), not opts.get("nonword", False)
