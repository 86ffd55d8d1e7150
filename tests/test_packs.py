"""The AP and UK house style packs: size, links, presets, listing, fixes, and copy each accepts."""

from __future__ import annotations

import fnmatch
from functools import lru_cache
from pathlib import Path

import pytest

from newslint.config import Config, select_rules
from newslint.linter import Linter, Selection
from newslint.rules import builtin_rules_dir, find_packs, load_rule_spec, rule_files
from tests.helpers import run_cli

# Files of the AP and UK folders that belong to the news kinds (numbers, dates, names), not
# to the pattern rules of the packs themselves.
NEWS_KIND_FILES = ("Numer*", "Percent*", "Date*", "Month*", "HouseSpellings", "Kyiv")

BRITISH = """Minister backs 'fair' pay deal

The government has organised talks with unions over a pay deal, Mr Smith said.

Dr Jane Brown, an adviser to the Treasury, said the programme would cost £500m and was favoured by employers. Talks start at 10.30am at the centre of London.

"We recognise the strain on families," she said. The US and the UK have agreed similar deals, while the EU is analysing the figures.

Workers travelled from across the country towards the capital to hear the news on the radio, television and internet.
"""

AMERICAN = """Minister backs 'fair' pay deal

The government has organized talks with unions over a pay deal, Smith said.

Dr. Jane Brown, an adviser to the Treasury, said the program would cost $500 million and was favored by employers. Talks start at 10:30 a.m. at the center of Washington.

"We recognize the strain on families," she said. The U.S. and the U.K. have agreed similar deals, while the EU is analyzing the figures.

Workers traveled from across the country toward the capital to hear the news on the radio, television and internet.
"""


def _pack_specs(pack: str) -> list:
    return [load_rule_spec(p) for p in rule_files(find_packs([builtin_rules_dir()])[pack])]


def _own(specs: list) -> list:
    return [s for s in specs if not any(fnmatch.fnmatchcase(s.id.split(".", 1)[1], g) for g in NEWS_KIND_FILES)]


@lru_cache(maxsize=None)
def _own_linter(pack: str) -> Linter:
    return Linter(specs=_own(_pack_specs(pack)))  # compiled once: the spelling rules are large


def _findings(text: str, pack: str) -> set[str]:
    return {f.rule for f in _own_linter(pack).lint_text(text, "article.txt")}


@pytest.mark.parametrize("pack,least", [("AP", 80), ("UK", 50)])
def test_pack_has_enough_rules_of_its_own(pack: str, least: int) -> None:
    assert len(_own(_pack_specs(pack))) >= least


@pytest.mark.parametrize("pack,site", [("AP", "https://www.apstylebook.com/"),
                                       ("UK", ("https://www.theguardian.com/guardian-observer-style-guide-",
                                               "https://www.bbc.co.uk/newsstyleguide/"))])
def test_every_rule_links_to_its_style_guide(pack: str, site: str | tuple[str, ...]) -> None:
    unlinked = [s.id for s in _own(_pack_specs(pack)) if not (s.link or "").startswith(site)]
    assert not unlinked


@pytest.mark.parametrize("preset,pack,other", [("ap", "AP", "UK"), ("uk", "UK", "AP")])
def test_preset_selects_news_and_its_own_pack(preset: str, pack: str, other: str) -> None:
    packs = {s.pack for s in select_rules(Config(extends=preset))}
    assert {"News", pack} <= packs and other not in packs


def test_rules_all_lists_both_packs_with_descriptions() -> None:
    result = run_cli("rules", "--all")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for pack in ("AP", "UK"):
        header = next(i for i, line in enumerate(lines) if line.startswith(f"{pack} ("))
        assert lines[header + 1].strip().startswith(f"{pack}.")
    toward = next(line for line in lines if "AP.Toward " in line)
    assert '"toward"' in toward.split("warning", 1)[1]  # the description follows the level


def test_rules_names_the_packs_it_did_not_select(tmp_path: Path) -> None:
    (tmp_path / ".newslint.yaml").write_text("extends: uk\n", encoding="utf-8")
    result = run_cli("rules", cwd=tmp_path)
    assert "\nUK (" in "\n" + result.stdout and "  AP." not in result.stdout
    assert "Not selected: " in result.stdout and "AP" in result.stdout.split("Not selected: ")[1]


@pytest.mark.parametrize("pack,text", [("UK", BRITISH), ("AP", AMERICAN)])
def test_copy_in_house_style_is_clean(pack: str, text: str) -> None:
    assert _findings(text, pack) == set()


def test_each_pack_flags_the_other_style() -> None:
    assert {"AP.IzeSpellings", "AP.CourtesyTitles", "AP.DoctorAbbreviation", "AP.TimeAmPm", "AP.OrSpellings",
            "AP.ErSpellings", "AP.UnitedStates", "AP.Program", "AP.SingleL", "AP.Toward"} <= _findings(BRITISH, "AP")
    assert {"UK.IseSpellings", "UK.TitleStops", "UK.AbbreviationStops", "UK.TimeStops", "UK.OurSpellings",
            "UK.ReSpellings", "UK.DoubleL", "UK.YseSpellings", "UK.Towards"} <= _findings(AMERICAN, "UK")


@lru_cache(maxsize=None)
def _pack_linter(pack: str) -> Linter:
    return Linter(Config(extends=pack.lower()), Selection((pack,)))


@pytest.mark.parametrize("pack,before,after", [
    ("AP", "E-mails were leaked.", "Emails were leaked."),
    ("AP", "Afterwards the colour changed.", "Afterward the color changed."),
    ("UK", "Realized too late, he organized a rally.", "Realised too late, he organised a rally."),
    ("UK", "Mr. Smith travelled to St. Ives.", "Mr Smith travelled to St Ives."),
])
def test_one_replacement_gives_a_safe_fix_that_keeps_case(pack: str, before: str, after: str) -> None:
    fixed, applied = _pack_linter(pack).fix_text(before, "article.txt")
    assert (fixed, applied > 0) == (after, True)


def test_source_words_in_quotations_are_left_alone() -> None:
    quoted = 'The minister said: "Mr. Smith organized the color guard on the Internet." She left.'
    assert _findings(quoted, "UK") == set()
    assert "AP.CourtesyTitles" not in _findings('"Mr. Smith lied," she said.', "AP")


def test_organization_names_keep_their_spelling_in_the_uk_pack() -> None:
    assert _findings("The World Health Organization and Pearl Harbor and the Labor party.", "UK") == set()
