"""The numbers kind: numeral style, mixed forms, counts against lists, percentage points."""

from __future__ import annotations

import random
import re
import string
import sys
from pathlib import Path

import pytest

from newslint.config import Config
from newslint.finding import Level
from newslint.kinds import _numerals, numbers
from newslint.kinds._numerals import ASCII_FOLDS, gated_finditer, mentions, spell
from newslint.linter import Linter, Selection
from newslint.parse import parse_document
from tests.helpers import ROOT, SEEDS, lint, run_cli

STYLE = ("AP.Numerals", "UK.Numerals")
FORMS = "News.NumberForms"


def found(text: str, rule: str, extends: str = "ap") -> list[str]:
    """The matched text of every finding of `rule` in `text`."""
    return [f.match for f in lint(text, [rule], extends=extends) if f.rule == rule]


def write_rule(tmp_path: Path, body: str) -> None:
    """A pack `House` with one rule of kind numbers, `House.Style`, written for the test."""
    pack = tmp_path / "House"
    pack.mkdir(exist_ok=True)
    (pack / "Style.yml").write_text(
        "extends: numbers\nmessage: \"Write '{expected}' for '{match}'.\"\nlevel: warning\n"
        "description: test rule\n" + body, encoding="utf-8")


def custom_linter(tmp_path: Path, body: str) -> Linter:
    write_rule(tmp_path, body)
    return Linter(Config(rule_dirs=(tmp_path,)), Selection(("House",)))


# -- numeral style ------------------------------------------------------------------


@pytest.mark.parametrize("rule", STYLE)
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police arrested 3 men after the match.", ["3"]),
        ("The council has twelve members.", ["twelve"]),
        ("It took twenty-five years.", ["twenty-five"]),
        ("15 people were hurt in the crash.", ["15"]),
        ("They met on Tuesday.\n\n15 staff will go.", ["15"]),
        ("The last 2 years were hard.", ["2"]),
        ("It signed a 3-year deal.", ["3"]),
        ("The firm has 2 Texas bank accounts and won 2 Golden Globes.", ["2", "2"]),
    ],
)
def test_numeral_style_is_reported(rule: str, text: str, expected: list[str]) -> None:
    assert found(text, rule) == expected


EXCEPTIONS = {
    "age": "The 5-year-old boy, his sister, aged 7, and John Smith, 8, were there; he was 6 years old.",
    "percentage": "Prices rose 5% last year.",
    "money": "It cost $5, then £3m and 2p, and later $1.5 million.",
    "measurement": "The lorry carried 4 tonnes over 6 miles at 5mph with a 3kg parcel and a 2-inch gap.",
    "time": "They met at 5pm, not at 4:30 or 7.30am, and again at 9 a.m.",
    "date": "The truce began on 1 January and ended on Feb. 3 and on March 9.",
    "score": "Chelsea won 3-0, then 2-1, and the vote went by 6 votes to 3.",
    "address": "He lives at 9 Elm Road near 10 Downing Street.",
    "no": "No 10 said the No. 3 seed would play on court 2.",
    "ratio": "Nearly 1 in 5 voters agreed, and 7 out of 10 doctors, at a ratio of 3:1.",
    "decimal": "Growth was 2.5 and inflation 0.7 this year.",
    "name": "The Nord Stream 2 pipeline, Apollo 11, Formula 1, Radio 4 and the G8 featured.",
    "model": "Windows XP, the MP3 player and the PlayStation 2 sold well.",
    "range": "Between 5 and 12 people applied; 3 or 4 were picked and 7-8 more were turned down.",
    "year at start": "2004 was a good year.",
    "list marker": "He gave two reasons: 1) cost and 2) time.",
    "sentence start words": "Twelve men and Fifteen women.",
    "ten times": "Profits were ten times higher.",
    "one in ten": "Nine out of ten dentists and one in twenty patients agreed.",
    "large numbers": "Twenty million people and forty thousand homes were hit.",
    "possessive name": "The operator 3 said 3's network was ready.",
    "phone": "Call 0800 8 505 505 now.",
    "products": "The iPhone 6, Windows 7 and a magnitude 6 quake.",
    "second part of a measure": "He is 5 feet 9 and weighs 12 stone 4.",
    "sports": "He hit a 3-pointer and went 1-for-3.",
}


@pytest.mark.parametrize("rule", STYLE)
@pytest.mark.parametrize("case", sorted(EXCEPTIONS))
def test_exception_is_not_reported(rule: str, case: str) -> None:
    assert found(EXCEPTIONS[case], rule) == []


def test_headline_is_not_checked() -> None:
    assert found("# Council cuts 3 jobs\n\nThe council cut three jobs.\n", "AP.Numerals") == []


def test_percent_wording_follows_the_house_sign() -> None:
    assert found("Prices rose 5 percent and 3 per cent.", "AP.Numerals") == ["5 percent", "3 per cent"]
    assert found("Prices rose 5% and 3%.", "UK.Numerals", extends="uk") == []


def test_suggestion_is_the_other_form() -> None:
    (finding,) = lint("They closed 3 libraries.", ["AP.Numerals"])
    assert finding.suggestions == ("three",)
    assert "three" in finding.message and finding.level == Level.WARNING


def test_spell_out_threshold_is_an_option(tmp_path: Path) -> None:
    linter = custom_linter(tmp_path, "check: style\nspell_out_below: 11\nfigures_from: 11\n")
    matches = [f.match for f in linter.lint_text("They closed 10 libraries and ten parks.", "a.md")]
    assert matches == ["10"]


def test_figures_from_zero_leaves_words_alone(tmp_path: Path) -> None:
    linter = custom_linter(tmp_path, "check: style\nfigures_from: 0\n")
    assert [f.match for f in linter.lint_text("They closed twelve parks and 3 libraries.", "a.md")] == ["3"]


def test_per_cent_house(tmp_path: Path) -> None:
    linter = custom_linter(tmp_path, "check: style\npercent: per cent\n")
    findings = linter.lint_text("Prices rose 5% and wages 3 per cent.", "a.md")
    assert [(f.match, f.suggestions) for f in findings] == [("5%", ("5 per cent",))]


def test_sentence_start_can_be_switched_off(tmp_path: Path) -> None:
    linter = custom_linter(tmp_path, "check: style\nsentence_start: false\n")
    assert linter.lint_text("15 people were hurt.", "a.md") == []


def test_quotations_are_checked_when_the_rule_says_so(tmp_path: Path) -> None:
    linter = custom_linter(tmp_path, "check: style\nquotes: include\n")
    assert [f.match for f in linter.lint_text('"We saw 3 men," he said.', "a.md")] == ["3"]


@pytest.mark.parametrize(
    "body,key",
    [
        ("spell_out_below: 10\n", "check"),
        ("check: sums\n", "check"),
        ("check: forms\nspell_out_below: 10\n", "spell_out_below"),
        ("check: style\nforms: [grouping]\n", "forms"),
        ("check: forms\nforms: [grouping, colours]\n", "forms"),
        ("check: style\nspell_out_below: -1\n", "spell_out_below"),
        ("check: style\npercent: pct\n", "percent"),
    ],
)
def test_bad_options_are_configuration_errors(tmp_path: Path, body: str, key: str) -> None:
    write_rule(tmp_path, body)
    (tmp_path / ".newslint.yaml").write_text("rule_dirs: ['.']\nselect: [House]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("They closed 3 libraries.\n", encoding="utf-8")
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "Style.yml:" in result.stderr and f"[{key}]" in result.stderr


# -- mixed forms --------------------------------------------------------------------


def test_grouping_minority_is_reported() -> None:
    text = "About 10,000 people marched and 15000 more gathered, against 2,500 last year."
    assert found(text, FORMS) == ["15000"]


def test_years_times_and_codes_are_not_grouping_errors() -> None:
    text = ("About 10,000 people marched in 2004, at 2200 GMT, with a Nokia 7610, "
            "calling 0800 028 9276, and the 1500m race was run.")
    assert found(text, FORMS) == []


def test_four_digit_figures_may_go_ungrouped_throughout() -> None:
    # Some houses group only from 10,000; the article's own four-digit figures decide.
    text = "There were 1500 entries and 2500 visitors, against 25,000 last year."
    assert found(text, FORMS) == []


def test_percent_money_and_word_forms() -> None:
    assert found("Pay rose 3% and 4 per cent, while prices rose 5%.", FORMS) == ["4 per cent"]
    assert found("It paid £5m, then £6 million and £2m.", FORMS) == []  # the house packs set money's form
    assert found("Two depots and three offices shut, and 4 warehouses.", FORMS) == ["4"]


def test_a_tie_goes_to_the_form_used_first() -> None:
    assert found("Pay rose 3% and then 4 per cent.", FORMS) == ["4 per cent"]


def test_sentence_start_words_do_not_count_as_a_form() -> None:
    assert found("Forty per cent agreed, and 5% did not care.", FORMS) == []


def test_forms_can_be_chosen(tmp_path: Path) -> None:
    linter = custom_linter(tmp_path, "check: forms\nforms: [percent]\n")
    findings = linter.lint_text("Pay rose 3% and 4 per cent; 10,000 and 15000 marched.", "a.md")
    assert [f.match for f in findings] == ["4 per cent"]


# -- counts against lists -------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Russia annexed three regions: Kherson, Zaporizhzhia, Luhansk and Donetsk.", ["three regions"]),
        ("Russia annexed four regions: Kherson, Zaporizhzhia, Luhansk and Donetsk.", []),
        ("The two finalists (Spain, Italy and France) meet.", ["two finalists"]),
        ("The three ministers - Cleverly, Colonna, Baerbock and Blinken - met.", ["three ministers"]),
        ("The 3 firms: Shell, BP and Total.", []),
        ("One of the four banks - Alfa or Sber - will pay.", []),
        ("He named three priorities: education, education and education.", []),
        ("Three agencies - Standard & Poor's, Moody's and Fitch - cut it.", []),
        ("The two leaders: Macron and\nScholz.", []),
    ],
)
def test_list_count(text: str, expected: list[str]) -> None:
    assert found(text, "News.ListCount") == expected


# -- percentage points ----------------------------------------------------------------


def test_percentage_points() -> None:
    assert found("Unemployment rose 2% from 4% to 6%.", "News.PercentagePoints") == ["2%"]
    assert found("The share fell to 30% from 35%, a drop of 5%.", "News.PercentagePoints") == ["5%"]
    assert found("Unemployment rose 2 percentage points from 4% to 6%.", "News.PercentagePoints") == []
    assert found("Sales rose 50% from 4% to 6% of the market.", "News.PercentagePoints") == []
    (finding,) = lint("Unemployment rose 2% from 4% to 6%.", ["News.PercentagePoints"])
    assert finding.level == Level.SUGGESTION and finding.suggestions == ("2 percentage points",)


# -- shared scan and the seed ---------------------------------------------------------


def test_mentions_are_scanned_once_per_document() -> None:
    doc = parse_document("They closed 3 libraries and twelve parks in 2004.", "a.md", None)
    first = mentions(doc)
    assert mentions(doc) is first
    assert [(m.text, m.word, m.year) for m in first] == [("3", False, False), ("twelve", True, False), ("2004", False, True)]


def test_spell() -> None:
    assert [spell(n) for n in (0, 7, 13, 40, 42, 305)] == [
        "zero", "seven", "thirteen", "forty", "forty-two", "three hundred and five"]
    assert spell(1000) is None


def test_seed_article_has_no_numbers_warning() -> None:
    seed = next(SEEDS.glob("000_*.txt"))
    for extends, packs in (("ap", ("News", "AP")), ("uk", ("News", "UK"))):
        rules = [f"{p}.{f.stem}" for p in packs for f in (ROOT / "rules" / p).glob("*.yml")
                 if "extends: numbers" in f.read_text(encoding="utf-8")]
        findings = lint(seed.read_text(encoding="utf-8"), rules, path=seed.name, extends=extends)
        assert [f for f in findings if f.level >= Level.WARNING] == []


def test_percentages_in_words_take_figures_mid_sentence() -> None:
    assert found("Only five per cent of staff and 3% of managers agreed.", "UK.Numerals", extends="uk") == ["five per cent"]
    assert found("Forty per cent agreed.", "UK.Numerals", extends="uk") == []
    assert found("Sales fell one point three per cent.", "UK.Numerals", extends="uk") == []
    (finding,) = lint("Only five per cent agreed.", ["UK.Numerals"], extends="uk")
    assert finding.suggestions == ("5%",)


def test_fixes_are_offered_but_unsafe() -> None:
    (finding,) = lint("They closed 3 libraries.", ["AP.Numerals"])
    assert finding.fix is not None and not finding.fix.safe
    assert [(e.start, e.end, e.replacement) for e in finding.fix.edits] == [(12, 13, "three")]
    (grouping,) = lint("About 10,000 marched and 15000 more.", [FORMS])
    assert grouping.fix is not None and grouping.fix.edits[0].replacement == "15,000"


def test_money_forms_when_a_rule_asks_for_them(tmp_path: Path) -> None:
    linter = custom_linter(tmp_path, "check: forms\nforms: [money]\n")
    assert [f.match for f in linter.lint_text("It paid £5m, then £6 million and £2m.", "a.md")] == ["6 million"]
    assert [f.match for f in linter.lint_text("It paid $1.5 million, and later $1,500,000.", "b.md")] == ["1,500,000"]


@pytest.mark.parametrize("text", ["9" * 400 + " people", "1" + "0" * 400 + "% from 4% to 6%", "£" + "9" * 350 + "m and £5 million"])
def test_absurdly_long_figures_do_not_break_a_rule(text: str) -> None:
    rules = ["AP.Numerals", "UK.Numerals", FORMS, "News.ListCount", "News.PercentagePoints"]
    assert [f.message for f in lint(text, rules) if f.rule.startswith("newslint")] == []


def test_millions_are_a_house_setting() -> None:
    text = "The virus killed five million people and 3 million animals, costing £2 million and 4 million euros."
    assert found(text, "AP.Numerals") == ["five"]
    assert found(text, "UK.Numerals", extends="uk") == ["3"]
    assert found("Five million people and 2.5 million animals.", "UK.Numerals", extends="uk") == []


# -- the quick first passes -----------------------------------------------------------


def test_ascii_folds_are_every_letter_ignorecase_adds() -> None:
    """`_word_gate` lists a word's first letter in every form re.IGNORECASE matches."""
    for letter in string.ascii_lowercase:
        pattern = re.compile(letter, re.IGNORECASE)
        extra = "".join(c for c in map(chr, range(sys.maxunicode + 1))
                        if c not in (letter, letter.upper()) and pattern.fullmatch(c))
        assert extra == ASCII_FOLDS.get(letter, ""), letter


GATE_TEXTS = [
    "Twenty-one, TWENTY\u2010two and twenty three; \u017fix, \u017fixteen, Seven_ seventeen seventy",
    "one_two _one 1.5 ,3 12,345.6:7 3/4 \u0663 people, 99 banks: 7 x 2",
    "often tennis Tone phone nine-ty ninety-nine\tfifty\none",
    "The three regions: A, B and C. Twelve 12 banks (X and Y) - 4 firms \u2013 P and Q",
    "",
]


def random_texts(count: int) -> list[str]:
    """Texts of number words, near-misses, figures and separators run together at random."""
    rng = random.Random(7)
    tokens = ["one", "TWO", "\u017fix", "Twenty", "seventeen", "niNety", "ten", "often", "Tone", "fifty",
              "12", "3", "1.5", "\u0663", "banks", "firms", "A", "B", "and", ":", "(", " ", " ", " ", "-",
              "\u2010", "\u2013 ", "_", "\n", ",", "\u0130", "\u212a", "x"]
    return ["".join(rng.choice(tokens) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def test_gated_scans_find_what_a_full_scan_finds() -> None:
    """Number words and list heads (within a sentence's bounds) tried only where a gate
    matches, and the class-first figure pattern, find what the plain scans find."""
    words, figure, head = _numerals._WORD, _numerals._FIGURE, numbers._LIST_HEAD
    plain_figure = re.compile(r"(?<![\d.,])\d+(?:[.,:/]\d+)*")
    for text in GATE_TEXTS + random_texts(3000):
        starts = [m.start() for m in _numerals._WORD_GATE.finditer(text)]
        assert [m.span() for m in gated_finditer(words, text, starts)] == [m.span() for m in words.finditer(text)]
        assert [m.span() for m in figure.finditer(text)] == [m.span() for m in plain_figure.finditer(text)]
        heads = sorted(starts + [m.start() for m in numbers._LIST_DIGITS.finditer(text)])
        for start, end in ((0, len(text)), (0, len(text) // 2), (len(text) // 3, len(text))):
            expected = [m.span() for m in head.finditer(text, start, end)]
            assert [m.span() for m in gated_finditer(head, text, [s for s in heads if start <= s < end], end)] == expected


def test_searches_from_the_end_find_what_a_full_search_finds() -> None:
    rng = random.Random(11)
    tokens = ["word", "Mr", "No", "'tis", "o\u2019", "don't", ".", "..", " ", "  ", "\n", "\t", "$", "US", "US$", "\u00a3",
              "EUR", "Rs", "GBP", "7", "0", "-", ",", "\u0663", "\u00e9t\u00e9", "x"]
    texts = ["".join(rng.choice(tokens) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for before in texts:
        prev = _numerals._prev_word(before)
        full = _numerals._PREV_WORD.search(before)
        assert (prev and (prev.span(), prev.groups())) == (full and (full.span(), full.groups())), before
        for pattern, longest in ((_numerals._CURRENCY_BEFORE, 6), (_numerals._PHONE_BEFORE, 3)):
            assert bool(_numerals._ends_with(pattern, before, longest)) == bool(pattern.search(before)), before


def test_house_quotes_checks_and_fixes_inside_quotations(tmp_path: Path) -> None:
    # `quotes: house`: the desk writes a speaker's numbers in house style, so the fix stays.
    linter = custom_linter(tmp_path, "check: style\nquotes: house\n")
    [finding] = linter.lint_text('"We have three or 4 generations here," she said.', "a.md")
    assert finding.match == "4" and finding.fix is not None
    assert [e.replacement for e in finding.fix.edits] == ["four"]


def test_include_reports_inside_quotations_but_withdraws_the_fix(tmp_path: Path) -> None:
    linter = custom_linter(tmp_path, "check: style\nquotes: include\n")
    [finding] = linter.lint_text('"We have three or 4 generations here," she said.', "a.md")
    assert finding.match == "4" and finding.fix is None


@pytest.mark.parametrize("rule,extends", [("AP.Numerals", "ap"), ("UK.Numerals", "uk")])
def test_house_numerals_apply_inside_quotations(rule: str, extends: str) -> None:
    text = "\u201cThere were twelve of us and 6 were pensioners,\u201d he said. 'I saw 3 men,' she said."
    assert found(text, rule, extends) == ["twelve", "6", "3"]
    assert found('"There were 12 of us and six were pensioners, and my son, 7, cried," he said.', rule, extends) == []


def test_unsafe_fix_rewrites_a_numeral_inside_a_quotation(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text("extends: uk\nselect: [UK.Numerals]\n", encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text('"We have three or 4 generations here," she said.\n', encoding="utf-8")
    result = run_cli("check", "--fix", "--unsafe-fixes", "a.md", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert article.read_text(encoding="utf-8") == '"We have three or four generations here," she said.\n'


# --- issue 16: copy from other outlets ----------------------------------------------------

# Each holds figures where figures are the rule beside counts in words: no inconsistency.
OUTSIDE_CONSISTENT = {
    "compound adjective": "She took a 30-year mortgage and a 20-year loan, and twenty friends helped.",
    "small compound adjective": "They agreed a 5-point plan. Two firms and three banks signed it.",
    "year before a noun": "He got a 2016 bonus. The firm has 25,000 staff and 12,000 contractors.",
    "age after who is": "The driver, who is 36, saw forty birds and fifty cats.",
    "age after she turned": "She turned 40 last week. Forty guests and fifty friends came.",
    "basis points": "Rates rose 25 basis points. Twenty banks and thirty lenders followed.",
    "larger number in words": "Two hundred and thirty canoes left, and ten more followed. Twenty stayed.",
    "cricket score": "England were 3 for 89 at lunch. Two wickets fell and three batsmen were out.",
    "spelled-out number opening a quotation": "\"Three people came,\" he said. He had 3 cats and 4 dogs and 5 birds.",
}


@pytest.mark.parametrize("case", sorted(OUTSIDE_CONSISTENT))
def test_outside_false_alarms_are_gone(case: str) -> None:
    assert found(OUTSIDE_CONSISTENT[case], FORMS, extends="uk") == []


def test_a_rate_is_a_count_not_a_unit() -> None:
    """'4 per year' is no unit of measure: the house style and the article's own form apply."""
    text = "Staff get 4 per year. He saw three birds, two cats and five dogs."
    assert found(text, FORMS, extends="uk") == ["4"]
    assert found("Staff get 4 per year.", "UK.Numerals", extends="uk") == ["4"]
    assert found("It costs 5 per kg and 3 per 1,000 people.", "UK.Numerals", extends="uk") == []


def test_a_number_after_a_score_like_phrase_is_still_a_count() -> None:
    text = "The FTSE 100 for 7 years left two firms and three banks out."
    assert found(text, FORMS, extends="uk") == ["7"]


def test_a_number_word_inside_a_larger_number_is_not_a_figure_to_write() -> None:
    assert found("Two hundred and thirty canoes left.", "UK.Numerals", extends="uk") == []
    assert found("Thirty canoes left and thirty more came.", "UK.Numerals", extends="uk") == ["thirty"]
