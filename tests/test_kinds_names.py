"""The names kind: name variants, first reference, house spellings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newslint.config import Config
from newslint.errors import ConfigError
from newslint.finding import Level
from newslint.linter import Linter, Selection
from newslint.kinds.names import _neighbours
from newslint.rules import compile_rule, load_rule_spec
from tests.helpers import SEEDS, lint, run_cli

VARIANTS = ["News.NameVariants"]
FIRST = ["News.FirstReference"]
HOUSE = ["AP.HouseSpellings"]


def matches(text: str, select: list[str]) -> list[str]:
    return [f.match for f in lint(text, select=select)]


# --- variants -------------------------------------------------------------------------


def test_minority_spelling_is_reported_with_the_majority_as_suggestion() -> None:
    text = "Dmitry Peskov spoke. Peskov said no. Later Peskov left. By evening Peskow was back.\n"
    [finding] = lint(text, select=VARIANTS)
    assert finding.match == "Peskow" and finding.suggestions == ("Peskov",)
    assert finding.level is Level.WARNING
    assert finding.fix is not None and not finding.fix.safe  # it may be two people


@pytest.mark.parametrize("typo", ["Pesokv", "Peskkov", "Pekov", "Peskow"])
def test_each_kind_of_one_letter_typo_is_found(typo: str) -> None:
    text = f"Dmitry Peskov spoke. Peskov said no. Later Peskov left. On Monday {typo} returned.\n"
    assert matches(text, VARIANTS) == [typo]


def test_every_line_of_the_minority_spelling_is_reported() -> None:
    text = "Anna Kowalska spoke.\n\nAnna Kowalsky left.\n\nKowalska said so. Anna Kowalsky agreed.\n"
    findings = lint(text, select=VARIANTS)
    assert [(f.line, f.match) for f in findings] == [(3, "Kowalsky"), (5, "Kowalsky")]


def test_possessive_and_line_break_keep_the_first_name_evidence() -> None:
    text = "Boris Johnson arrived. Later Boris\nJohnston's aide spoke.\n"
    [finding] = lint(text, select=VARIANTS)
    assert (finding.line, finding.column, finding.match) == (2, 1, "Johnston")


def test_name_at_sentence_start_is_found() -> None:
    text = "Dmitry Peskov spoke. He said Peskov would stay and Peskov did. Peskow said nothing more.\n"
    assert matches(text, VARIANTS) == ["Peskow"]


@pytest.mark.parametrize(
    "text",
    [
        # Two people: different first names.
        "Boris Johnson met Mark Johnston. Johnson spoke first and Johnson left; Johnston stayed.\n",
        # Known-distinct pair, no first name for one of them.
        "Hillary Clinton visited. Clinton said so and Clinton left. Residents of Clifton cheered.\n",
        # A name and its derived form.
        "Russia sent troops. Russia denied it. A Russian diplomat spoke.\n",
        # A common word at a sentence start is not a name (Many, Mary).
        "Mary Jones spoke. Mary said it was over. Many agreed that many would leave.\n",
        # A first name and a surname (David Davis) are two names.
        "David Davis spoke. David Davis said so. Mr Davis left.\n",
        # Different initials in a team sheet are two players.
        "Ireland: G Murphy, S Horgan, B O'Driscoll, K Maggs, M Horan, D Humphreys. Horgan scored. Horgan left.\n",
        # Consistent names.
        "Kremlin spokesman Dmitry Peskov spoke. Peskov's deputy agreed. Peskov left.\n",
    ],
)
def test_not_reported(text: str) -> None:
    assert matches(text, VARIANTS) == []


def test_same_first_name_outweighs_the_known_distinct_list() -> None:
    text = "Boris Johnson met Mark Johnston. Johnson spoke; Johnston stayed. Later Boris Johnston left.\n"
    findings = lint(text, select=VARIANTS)
    # Only the mention with Boris before it: Mark Johnston is another man.
    assert [(f.match, f.column) for f in findings] == [("Johnston", text.rindex("Johnston") + 1)]


def test_transliterations_listed_as_one_name() -> None:
    text = "Volodymyr Zelenskyy spoke. Zelenskyy said so. Zelenskyy left. Zelenskiy returned.\n"
    assert matches(text, VARIANTS) == ["Zelenskiy"]


def test_quoted_spelling_is_not_reported_when_it_also_stands_outside() -> None:
    text = ("Anna Kowalska resigned. Kowalska said so. \"Kowalsky did nothing wrong,\" an aide said.\n\n"
            "Anna Kowalsky left at noon.\n")
    findings = lint(text, select=VARIANTS)
    assert [(f.line, f.match) for f in findings] == [(3, "Kowalsky")]


def test_spelling_only_inside_a_quotation_is_reported_without_a_fix() -> None:
    text = "Jan Nowicki spoke. \"Nowicky should go,\" he said. Nowicki left and Nowicki's party voted.\n"
    [finding] = lint(text, select=VARIANTS)
    assert finding.match == "Nowicky"
    assert finding.fix is None  # a source's words are never rewritten


def test_majority_spelling_in_quotations_counts() -> None:
    text = "\"Peskov is right, Peskov is wise, Peskov knows,\" she said. Dmitry Peskow nodded.\n"
    assert matches(text, VARIANTS) == ["Peskow"]


# --- first reference ------------------------------------------------------------------


def test_bare_surname_before_the_full_name_is_a_suggestion() -> None:
    text = "Peskov said the vote was fair. Later, spokesman Dmitry Peskov repeated it. Peskov left.\n"
    [finding] = lint(text, select=FIRST)
    assert finding.match == "Peskov" and finding.column == 1
    assert finding.level is Level.SUGGESTION and finding.suggestions == ("Dmitry Peskov",)


@pytest.mark.parametrize(
    "text",
    [
        "Spokesman Dmitry Peskov said the vote was fair. Peskov repeated it.\n",
        "# Peskov defends vote\n\nSpokesman Dmitry Peskov said the vote was fair.\n",  # headlines are short
        "Madrid said the deal was done. Later Real Madrid confirmed it.\n",  # not a person
        "\"Peskov is right,\" she said. Dmitry Peskov smiled.\n",  # a source's words
    ],
)
def test_first_reference_not_reported(text: str) -> None:
    assert matches(text, FIRST) == []


# --- house spellings --------------------------------------------------------------------


def test_house_spelling_with_safe_fix() -> None:
    linter = Linter(Config(), Selection(tuple(HOUSE)))
    text = "Residents of Kiev and Odessa sheltered. Kiev's mayor spoke.\n"
    findings = linter.lint_text(text, "a.md")
    assert [(f.match, f.suggestions) for f in findings] == [("Kiev", ("Kyiv",)), ("Odessa", ("Odesa",)), ("Kiev", ("Kyiv",))]
    assert all(f.fix is not None and f.fix.safe for f in findings)
    fixed, applied = linter.fix_text(text, "a.md")
    assert applied == 3 and fixed == "Residents of Kyiv and Odesa sheltered. Kyiv's mayor spoke.\n"


@pytest.mark.parametrize(
    "text",
    [
        "He ordered chicken Kiev in Kyiv.\n",
        "The history of Kievan Rus is disputed.\n",
        "Protests in Mumbai (Bombay) went on.\n",
        "The city, formerly known as Bombay, grew.\n",
        "He ate Peking duck in Beijing.\n",
        "\"We left Kiev at night,\" she said.\n",
    ],
)
def test_house_spelling_exceptions(text: str) -> None:
    assert matches(text, HOUSE) == []


def test_kiev_is_reported_once_in_the_default_preset() -> None:
    findings = [f for f in lint("Fighting near Kiev went on, officials said.\n") if f.match == "Kiev"]
    assert [f.rule for f in findings] == ["AP.HouseSpellings"]


def test_uk_pack_prefers_zelensky() -> None:
    findings = lint("President Volodymyr Zelenskyy spoke.\n", select=["UK.HouseSpellings"], extends="uk")
    assert [(f.match, f.suggestions) for f in findings] == [("Zelenskyy", ("Zelensky",))]


# --- rule files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body,key",
    [
        ("message: m\n", "check"),
        ("message: m\ncheck: house\nspellings: [Kyiv]\n", "spellings"),
        ("message: m\ncheck: house\nspellings: {Kyiv: {variants: [Kiev], except: [x]}}\n", "spellings"),
        ("message: m\ncheck: variants\ndistinct: [[Johnson]]\n", "distinct"),
        ("message: m\ncheck: variants\nvariants: Zelensky\n", "variants"),
        ("message: m\ncheck: spelling\n", "check"),
        ("message: m\ncheck: house\nspellings: {Kyiv: [Kiev]}\nmax_distance: 2\n", "max_distance"),
    ],
)
def test_bad_rule_file_names_the_key(tmp_path: Path, body: str, key: str) -> None:
    path = tmp_path / "House" / "Names.yml"
    path.parent.mkdir()
    path.write_text("extends: names\n" + body, encoding="utf-8")
    with pytest.raises(ConfigError) as excinfo:
        compile_rule(load_rule_spec(path))
    assert f"[{key}]" in str(excinfo.value) and "Names.yml:" in str(excinfo.value)


# --- end to end -------------------------------------------------------------------------


def test_seed_article_has_no_names_finding() -> None:
    seed = SEEDS / "000_33b53aac4152c815.txt"
    result = run_cli("check", "--format", "parsable", "--select", "News.NameVariants,News.FirstReference,AP.HouseSpellings", str(seed))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_cli_reports_a_variant(tmp_path: Path) -> None:
    article = tmp_path / "story.md"
    article.write_text("Dmitry Peskov spoke. Peskov said no. Peskov left.\n\nPeskow returned.\n", encoding="utf-8")
    result = run_cli("check", "--format", "parsable", "--select", "News.NameVariants", str(article))
    assert result.returncode == 1
    assert result.stdout.strip().endswith(
        ":3:1: warning: 'Peskow' is spelt 'Peskov' elsewhere in this article (3 times). [News.NameVariants]")


@given(st.lists(st.text(alphabet="abcé", min_size=0, max_size=6), max_size=12))
def test_one_edit_neighbours_are_those_rapidfuzz_finds(words: list[str]) -> None:
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    expected = [[j for _, _, j in process.extract(w, words, scorer=OSA.distance, score_cutoff=1, limit=None)] for w in words]
    assert _neighbours(words, 1) == expected


# --- issue 16: copy from other outlets ----------------------------------------------------

OUTSIDE_FLAGGED = {
    "place qualifier is no first name": (
        "North Korea and South Korea met. Korea watchers in Korea said South Korea and North Korea "
        "would meet again. The North Koera team left early.\n", "Koera"),
    "title is no first name": (
        "Sheriff Joe Arpaio spoke. Arpaio said the jail would stay open and Arpaio thanked the guards. "
        "Later Sheriff Arapio left.\n", "Arapio"),
    "CEO is a title": (
        "CEO Satya Nadella spoke. Nadella said sales were up and Nadella thanked staff. "
        "Later CEO Nadela left.\n", "Nadela"),
    "misspelt surname before a capitalised word": (
        "Kremlin spokesman Dmitry Peskov spoke. Peskov said no and Peskov's deputy agreed. "
        "Mr Peskow Kremlin aides were not available.\n", "Peskow"),
    "known place outnumbered by its typo": (
        "Troops left Afghanistna. Aid to Afghanistna fell and Afghanistna asked for more. "
        "Agencies still work in Afghanistan.\n", "Afghanistna"),
    "a shared title outweighs an ending": (
        "Alan Greenspan spoke. Mr Greenspan said rates would rise and Mr Greenspan left. "
        "Mr Greenspa warned of risks.\n", "Greenspa"),
    "three-letter name with the same title": (
        "Liam Fox spoke. Dr Fox said the law was wrong and Dr Fox left. Later Dr Fx returned.\n", "Fx"),
}

OUTSIDE_PASSED = {
    "hashtags and handles": (
        "Volodymyr Zelensky spoke. Zelensky said the visit mattered and Zelensky asked for more. "
        "Supporters posted #Zelenskiy and @ZelenskiyOffice shared it.\n"),
    "plural or people of a stem": "Scots voted. Scots wanted change, said Scott. Many Scots agreed.\n",
    "demonym": "Korea sent troops. Korea denied it. A Korean diplomat said so.\n",
    "a people beside its country": "Somalia sent a delegate. Somali officials said Somalia would sign. A Somali aide agreed.\n",
    "Korean given names": (
        "Kim Jong-un met the envoy. Kim Dong-yub said Kim Jong-un wanted talks. Kim Dong-yub added more.\n"),
    "two people with one title": (
        "CEO Tim Cook spoke. Cook said sales were strong and Cook thanked staff. CEO Tom Cock declined to comment.\n"),
    "a word one letter short of a name": (
        "Tommy Haas won. Haas said he was tired and Haas left early. \"Has he gone?\" one fan asked.\n"),
    "place name before a capitalised word": (
        "Matthew Upson is injured. Upson will miss the game and Upson is upset. It was played at Upton Park.\n"),
}


@pytest.mark.parametrize("case", sorted(OUTSIDE_FLAGGED))
def test_outside_misses_are_found(case: str) -> None:
    text, typo = OUTSIDE_FLAGGED[case]
    assert set(matches(text, VARIANTS)) == {typo}


@pytest.mark.parametrize("case", sorted(OUTSIDE_PASSED))
def test_outside_false_alarms_are_gone(case: str) -> None:
    assert matches(OUTSIDE_PASSED[case], VARIANTS) == []


def test_house_spelling_skips_hashtags_and_handles() -> None:
    text = "Officials in Kyiv spoke. Supporters posted #Kiev and @KievPost shared it.\n"
    assert matches(text, HOUSE) == []
    assert matches("Officials in Kiev spoke.\n", HOUSE) == ["Kiev"]
