"""The attribution kind: unattributed quotations, unbalanced marks, vague sources, loaded verbs."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Config
from newslint.errors import ConfigError
from newslint.finding import Level
from newslint.linter import Linter, Selection
from tests.helpers import ROOT, SEEDS, lint, run_cli

QUOTE = "News.QuoteAttribution"
UNBALANCED = "News.UnbalancedQuotes"
VAGUE = "News.VagueSource"
LOADED = "News.LoadedVerbs"
ALL = (QUOTE, UNBALANCED, VAGUE, LOADED)


def flagged(text: str, rule: str = QUOTE, path: str = "article.md") -> list[str]:
    return [f.match for f in lint(text, [rule], path=path) if f.rule == rule]


# --- unattributed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '“We will not back down on this plan,” Mayor Ana Ruiz said.',
        'Said Mayor Ruiz: “We will not back down on this plan.”',
        'Mayor Ruiz said: “The vote is on Tuesday.” “We will not back down on this plan.”',
        'Ruiz was asked about the plan on Tuesday. “We will not back down on this plan.”',
        '“We will not back down on this plan.” That was the view of Ruiz, who told reporters so.',
        '“We lost two moorings in January,” she said. “We cannot afford to lose any more of them.”',
        '“The money is there,” Ruiz said, “and the contractors are ready to start in April.”',
        'According to Ruiz, “the contractors are ready to start work in April”.',
        'Ruiz: “The contractors are ready to start work in April.”',
        '“The contractors are ready to start work in April.” — Ana Ruiz',
        '"The contractors are ready to start work in April," said Mrs Ruiz.',
        "'The contractors are ready to start work in April,' she said.",
    ],
)
def test_attributed_quotation_passes(text: str) -> None:
    assert flagged(text) == []


def test_quotation_with_no_cue_is_flagged() -> None:
    text = "The council met on Tuesday.\n\n“We will not back down on this plan.”\n\nThe vote is next week.\n"
    findings = [f for f in lint(text, [QUOTE]) if f.rule == QUOTE]
    assert [f.match for f in findings] == ["“We will not back down on this plan.”"]
    assert findings[0].level == Level.WARNING
    assert "8 words" in findings[0].message


def test_short_quotes_and_titles_are_not_checked() -> None:
    assert flagged("The council met. It called the plan a “total disaster”. The vote is next week.") == []
    assert flagged("The council met. She read “Action Plan for the Development of Italy” twice. It was long.") == []


def test_a_verb_inside_the_quotation_attributes_nothing() -> None:
    text = "The council met.\n\n“I said we would not back down, and we will not.”\n\nThe vote is next week.\n"
    assert flagged(text) == [text.strip().split("\n\n")[1]]


def test_continuation_paragraphs_of_an_attributed_speaker() -> None:
    text = (
        "“We will watch every penny of the budget,” Ruiz added.\n\n"
        "“The contractors know what is expected of them and when.”\n\n"
        "“And the town will see the results by the end of the year.”\n"
    )
    assert flagged(text) == []


def test_narrative_between_quotations_breaks_the_chain() -> None:
    text = (
        "“We will watch every penny of the budget,” Ruiz added.\n\n"
        "The contractors have not yet been chosen by the council.\n\n"
        "The work will take eight months to finish.\n\n"
        "“The town will see the results by the end of the year.”\n"
    )
    assert flagged(text) == ["“The town will see the results by the end of the year.”"]


def test_a_following_quotation_keeps_its_attribution_to_itself() -> None:
    text = "The vote was close.\n\n“We have waited far too long for this.”\n\n“The money is there,” Ruiz said.\n"
    assert flagged(text) == ["“We have waited far too long for this.”"]


def test_multi_paragraph_convention_attributed_at_the_end() -> None:
    text = (
        "The vote was close.\n\n"
        "“The board has argued for this wall for ten years.\n\n"
        "“Now the wait is over and the work can begin,” Kay wrote.\n"
    )
    assert flagged(text) == []


def test_previous_paragraph_ending_in_a_colon_introduces_the_quotation() -> None:
    text = "Kay went further in a letter to members:\n\n“The board has argued for this wall for ten years.”\n"
    assert flagged(text) == []


def test_blockquotes_are_checked() -> None:
    bare = "The vote was close.\n\n> “A harbour is only as safe as its weakest wall.”\n"
    signed = "The vote was close.\n\n> “A harbour is only as safe as its weakest wall.”\n> — Tom Ellis\n"
    assert flagged(bare) == ["“A harbour is only as safe as its weakest wall.”"]
    assert flagged(signed) == []


def test_headline_quotation_passes_when_the_story_quotes_it() -> None:
    story = "# ‘The wall will not survive another storm’\n\nEllis said: “The old wall will not survive another storm.”\n"
    invented = "# ‘Nobody asked the fishermen what they need’\n\nThe council voted to rebuild the wall.\n"
    assert flagged(story) == []
    assert flagged(invented) == ["‘Nobody asked the fishermen what they need’"]


def test_plain_text_headline_in_single_quotes() -> None:
    text = "Mayor 'will not quit' over harbour row\n\nThe mayor said she would not quit.\n"
    assert flagged(text, path="a.txt") == []


def test_partial_quotations_woven_into_a_sentence_are_left_alone() -> None:
    text = "The council met. The river is known as the “river of golden sand” to locals. It is long."
    assert flagged(text) == []


# --- options -----------------------------------------------------------------------------


def _custom(tmp_path: Path, body: str) -> Linter:
    pack = tmp_path / "packs" / "House"
    pack.mkdir(parents=True)
    (pack / "Quotes.yml").write_text(body, encoding="utf-8")
    return Linter(Config(rule_dirs=(tmp_path / "packs",)), Selection(("House",)))


def test_verbs_and_min_words_come_from_the_rule_file(tmp_path: Path) -> None:
    linter = _custom(tmp_path, "extends: attribution\ncheck: unattributed\nmessage: m\nverbs: [intoned]\nmin_words: 2\n")
    assert [f.match for f in linter.lint_text("She intoned it twice. “Not now.”", "a.md")] == []
    assert [f.match for f in linter.lint_text("She said it twice. “Not now.”", "a.md")] == ["“Not now.”"]
    assert [f.match for f in linter.lint_text("She said it twice. “No.”", "a.md")] == []


def test_window_comes_from_the_rule_file(tmp_path: Path) -> None:
    linter = _custom(tmp_path, "extends: attribution\ncheck: unattributed\nmessage: m\nverbs: [said]\nwindow: 0\n")
    assert [f.match for f in linter.lint_text("“We will not go back,” she said.", "a.md")] == []
    assert [f.match for f in linter.lint_text("She said so. “We will not go back.”", "a.md")] == ["“We will not go back.”"]


def test_the_clause_after_a_quotations_comma_attributes_it() -> None:
    assert flagged("The vote was close. “It is totally going to kill the plan,” thinks Curry. It ended.") == []
    assert flagged("The vote was close. “It is totally going to kill the plan,” and then it was over.") != []


def test_a_rule_without_check_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"Quotes.yml:1:1: an attribution rule needs 'check'"):
        _custom(tmp_path, "extends: attribution\nmessage: no speaker\n")


def test_a_bad_window_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"Quotes.yml:4:\d+: 'window' must be 0 or more \[window\]"):
        _custom(tmp_path, "extends: attribution\ncheck: unattributed\nmessage: m\nwindow: -1\nverbs: [said]\n")


# --- unbalanced --------------------------------------------------------------------------


def test_unclosed_quotation_is_reported_once_at_its_mark() -> None:
    text = '"We will not back down," Smith said. "We have the votes.\n\nThe vote is next week.\n'
    findings = [f for f in lint(text, [UNBALANCED]) if f.rule == UNBALANCED]
    assert [(f.column, f.message) for f in findings] == [(38, "Quotation mark is opened and never closed in this paragraph.")]


def test_closing_mark_with_nothing_open() -> None:
    assert flagged("The plan was dead” by Friday.", UNBALANCED) == ["”"]


def test_multi_paragraph_convention_is_balanced() -> None:
    text = '"We will not back down," Smith said. "We have the votes.\n\n"And we will win them again."\n'
    assert flagged(text, UNBALANCED) == []


# --- vague sources and loaded verbs ------------------------------------------------------


def test_vague_sources_are_suggestions() -> None:
    text = "A senior source said the talks had failed. Critics say it is over. It is understood that they met."
    findings = [f for f in lint(text, [VAGUE]) if f.rule == VAGUE]
    assert [f.match for f in findings] == ["A senior source said", "Critics say", "It is understood"]
    assert {f.level for f in findings} == {Level.SUGGESTION}


def test_vague_phrase_inside_a_quotation_is_not_reported() -> None:
    assert flagged('"Sources say all sorts of things," the minister said.', VAGUE) == []


def test_loaded_verb_as_the_cue_suggests_said() -> None:
    findings = [f for f in lint('"We did nothing wrong," the company claimed.', [LOADED]) if f.rule == LOADED]
    assert [(f.match, f.suggestions, f.level) for f in findings] == [("claimed", ("said",), Level.SUGGESTION)]
    assert findings[0].fix is not None and not findings[0].fix.safe


def test_present_tense_loaded_verb_suggests_says() -> None:
    findings = [f for f in lint('"It is tight, but I love it," laughs Jones.', [LOADED]) if f.rule == LOADED]
    assert [(f.match, f.suggestions) for f in findings] == [("laughs", ("says",))]


@pytest.mark.parametrize(
    "text",
    [
        "Jones admitted the offence in court on Monday.",
        'Mr Blair said the claims were "reheated from six months ago".',
        '"It is tight," he said, though he admitted the dress was small.',
    ],
)
def test_loaded_verb_not_attributing_a_quotation_passes(text: str) -> None:
    assert flagged(text, LOADED) == []


# --- end to end --------------------------------------------------------------------------


def test_seed_article_has_no_attribution_finding() -> None:
    result = run_cli("check", "--format", "parsable", "--select", ",".join(ALL), str(SEEDS / "000_33b53aac4152c815.txt"), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_cli_reports_an_unattributed_quotation(tmp_path: Path) -> None:
    article = tmp_path / "story.md"
    article.write_text("The council met on Tuesday.\n\n“We will not back down on this plan.”\n\nIt ended.\n", encoding="utf-8")
    result = run_cli("check", "--format", "parsable", "--select", QUOTE, str(article), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.strip().endswith("has no attribution in this or the neighbouring sentences. [News.QuoteAttribution]")
    assert ":3:1: warning:" in result.stdout


def test_many_quotations_in_one_sentence_stay_linear() -> None:
    """A paragraph of thousands of short quotations once took minutes (each quotation
    rescanned its whole sentence); it must not hang a commit hook. The bound is far above
    the expected tenth of a second, so load on the machine cannot fail it."""
    import time

    from tests.helpers import lint

    text = '"a," ' * 3000 + "\n\n" + "\u201ca\u201d \u2018b\u2019 " * 2000
    started = time.process_time()
    lint(text, select=["News"])
    assert time.process_time() - started < 10


@pytest.mark.parametrize(
    "text",
    [
        "He said it. She SAID it, they Said: \"no\". Unsaid, resaid, said_x, x_said, said2, 2said.",
        "It was pointed   out; he hit\nout at them. According to\tthem, he hits out.",
        "\u0130stanbul said; \u017faid (long s), \u0131t said, \u212aelvin said, caf\u00e9 said, na\u00efve\u2019said.",
        "Zo\u00eb said\u2014then smiled\u2026 \u00bfsaid? said\u00b2 \u2460said \u00e9said said\u00e9",
        "",
        "said",
    ],
)
def test_phrase_pattern_finds_what_a_full_scan_finds(text: str) -> None:
    """Words found with bytes methods give the very matches of `finditer` over the text."""
    from newslint.kinds.attribution import _phrase_pattern, _Words

    phrases = ["said", "hit out", "hits out", "according to", "pointed out", "smiled", "Kelvin"]
    pattern = _phrase_pattern("verbs", phrases)
    expected = [m.span() for m in pattern.regex.finditer(text)]
    assert [m.span() for m in pattern.finditer(text, _Words(text))] == expected
    assert [m.span() for m in pattern.finditer(text)] == expected


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"\bit\s+(?:is|was)\s+understood\b", {"understood"}),
        (r"\b(?:critics|some\s+people)\s+say", {"critics", "people"}),
        (r"[Ss]ources?\s+said", {"source"}),
        (r"fo?o", {"f"}),
        (r"\b(?:[\w-]+\s+)?said", {"said"}),
        (r"\w+\s+\d+", None),
        (r"(?i:source)", None),
        (r"(a)\1", None),
    ],
)
def test_a_vague_phrase_needs_its_words(pattern: str, needed: set[str] | None) -> None:
    from newslint.kinds._prefilter import required_strings

    assert required_strings(pattern) == (None if needed is None else frozenset(needed))


@pytest.mark.parametrize(
    "text",
    [
        "A senior \u017fource said the talks had failed.",  # long s: IGNORECASE matches it to s
        "A senior SOURCE SAID the talks had failed.",
        "Sources close to the minister say she will resign. Critics say the plan is unaffordable.",
        "\u0130t is understood that CRITICS SAY so.",
    ],
)
def test_vague_sources_are_found_whichever_phrases_an_article_needs(text: str) -> None:
    import re

    import yaml

    phrases = yaml.safe_load((ROOT / "rules" / "News" / "VagueSource.yml").read_text(encoding="utf-8"))["phrases"]
    full = re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)
    expected = [m.group() for m in full.finditer(text)]
    assert expected
    assert [f.match for f in lint(text, select=["News.VagueSource"])] == expected
