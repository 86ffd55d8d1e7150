"""capitalization, for a rule from a Vale style, as Vale (and twine's case converters) define it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.kinds import _casing
from tests.helpers.vale_rules import lines, run, vale_rule

SENTENCE = """extends: capitalization
message: "'%s' should be sentence-cased ('%s')"
scope: heading
match: $sentence
exceptions:
  - Axon
  - Axon Server
indicators:
  - ":"
prefix: '^[a-z]\\.\\s'
"""


@pytest.mark.parametrize("heading, expected", [
    ("# this is lower case\n", ["1:3:'this is lower case' should be sentence-cased ('This is lower case')"]),
    ("# Find the thief: Introduction\n", []),  # an indicator: the next word starts a sentence
    ("# Find the thief; Introduction\n", ["1:3:'Find the thief; Introduction' should be sentence-cased ('Find the thief; introduction')"]),
    ("# a. An unimportant heading\n", []),  # the prefix is set aside
    ("# B. An unimportant heading\n", ["1:3:'B. An unimportant heading' should be sentence-cased ('B. an unimportant heading')"]),
    ("# 1. An important heading\n", []),  # a list number is an indicator
    ("# Axon Server connection\n", []),  # an exception with a space
    ("# An unimportant Heading\n", ["1:3:'An unimportant Heading' should be sentence-cased ('An unimportant heading')"]),
])
def test_sentence_case(tmp_path: Path, heading: str, expected: list[str]) -> None:
    assert lines(run(vale_rule(tmp_path, SENTENCE), heading + "\nText.\n")) == expected


def test_without_indicators_a_colon_does_not_start_a_sentence(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, "extends: capitalization\nmessage: '%s'\nscope: heading\nmatch: $sentence\n"
                               "threshold: 1\n")
    assert lines(run(rule, "# Find the thief: Introduction\n")) == ["1:3:Find the thief: Introduction"]


TITLE = """extends: capitalization
message: "'%s' should be in title case ('%s')."
scope: heading
match: $title
style: Chicago
exceptions:
  - macOS
  - Homebrew/homebrew-core
"""


@pytest.mark.parametrize("heading, expected", [
    ("# The Rise and Fall of the Empire\n", []),
    ("# NASA SAYS the ESA Won\n", []),  # all capitals count as right
    ("# Installing macOS Updates\n", []),
    ("# Homebrew/homebrew-core\n", []),  # an exception with a slash
    ("# the rise and fall of the empire\n",
     ["1:3:'the rise and fall of the empire' should be in title case ('The Rise and Fall of the Empire')."]),
])
def test_title_case(tmp_path: Path, heading: str, expected: list[str]) -> None:
    assert lines(run(vale_rule(tmp_path, TITLE), heading)) == expected


def test_a_pattern_is_searched_for_as_vale_does(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, "extends: capitalization\nmessage: '%s'\nscope: heading\nmatch: '^[A-Z]'\n")
    assert lines(run(rule, "# Fine heading\n\n# bad heading\n")) == ["3:3:bad heading"]


def test_go_title_capitalises_after_every_separator() -> None:
    assert _casing.go_title("don't x-ray") == "Don'T X-Ray"


def test_action_replace_offers_the_recased_text_as_an_unsafe_fix(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, "extends: capitalization\nmessage: '%s'\nscope: heading\nmatch: $sentence\n"
                               "action:\n  name: replace\n")
    [finding] = run(rule, "# Mayor Rejects Plan\n")
    assert finding.fix is not None and not finding.fix.safe
    assert finding.fix.edits[0].replacement == "Mayor rejects plan"
