"""substitution, for a rule from a Vale style, as Vale's own scenarios define it."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.vale_rules import lines, run, vale_rule

TERMS = """extends: substitution
message: "Use %s rather than %s."
ignorecase: true
level: error
action:
  name: replace
swap:
  javascript: JavaScript
  ios: iOS
"""


def test_ignorecase_still_reports_a_match_that_differs_only_in_case(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, TERMS)
    text = "Javascript is fine. JavaScript is right. IOS and iOS.\n"
    assert lines(run(rule, text)) == ["1:1:Use 'JavaScript' rather than Javascript.",
                                      "1:42:Use 'iOS' rather than IOS."]


def test_replace_alternatives_are_quoted_as_vale_quotes_them(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, """extends: substitution
message: "Use '%s' instead of '%s'."
action:
  name: replace
swap:
  "(?:cell ?phone|smart ?phone)": phone|mobile phone|handset
""")
    assert lines(run(rule, "My cellphone rang.\n")) == [
        "1:4:Use 'phone', 'mobile phone', or 'handset' instead of 'cellphone'."]


def test_without_action_the_replacement_is_shown_as_written(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, "extends: substitution\nmessage: \"Use '%s'\"\nswap:\n  utilize: use|employ\n")
    assert lines(run(rule, "We utilize it.\n")) == ["1:4:Use 'use|employ'"]


def test_keys_are_tried_longest_first(tmp_path: Path) -> None:
    # In file order "MPL" would win at "MPL 2.0" and, being right, hide the longer key's match.
    rule = vale_rule(tmp_path, """extends: substitution
message: Use '%s' instead of '%s'
ignorecase: true
swap:
  MPL: MPL
  MPL[ -]?2(?:\\.0)?: MPL 2.0
""")
    assert lines(run(rule, "Under mpl 2.0 and MPL2.0 and MPL 2.0.\n")) == [
        "1:7:Use 'MPL 2.0' instead of 'mpl 2.0'", "1:19:Use 'MPL 2.0' instead of 'MPL2.0'"]


def test_a_capture_group_in_a_key_fills_dollar_one_with_capitalize(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, """extends: substitution
message: "Use '%s' instead of '%s'."
scope: raw
capitalize: true
ignorecase: true
action:
  name: replace
swap:
  "change in(?: )?to the (.*) directory": change to the $1 directory
""")
    found = run(rule, "Change into the `/etc` directory\n\nthen change into the home directory\n")
    assert lines(found) == [
        "1:1:Use 'Change to the `/etc` directory' instead of 'Change into the `/etc` directory'.",
        "3:6:Use 'change to the home directory' instead of 'change into the home directory'."]


def test_no_recapitalising_without_capitalize(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, """extends: substitution
message: "Use %s rather than %s."
action:
  name: replace
swap:
  Mutual TLS: mutual TLS
""")
    found = run(rule, "Mutual TLS is used.\n")
    assert lines(found) == ["1:1:Use 'mutual TLS' rather than Mutual TLS."]
    assert found[0].fix is not None and found[0].fix.edits[0].replacement == "mutual TLS"


def test_a_replacement_that_is_a_regex_accepts_what_it_matches(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, "extends: substitution\nmessage: '%s not %s'\nswap:\n  colou?r: colou?r\n")
    assert run(rule, "The colour and the color.\n") == []


def test_fixes_come_from_action_only(tmp_path: Path) -> None:
    plain = vale_rule(tmp_path, "extends: substitution\nmessage: '%s'\nswap:\n  utilise: use\n", "Test.Plain")
    choice = vale_rule(tmp_path, "extends: substitution\nmessage: '%s'\naction:\n  name: replace\n"
                                 "swap:\n  utilise: use|employ\n", "Test.Choice")
    single = vale_rule(tmp_path, "extends: substitution\nmessage: '%s'\naction:\n  name: replace\n"
                                 "swap:\n  utilise: use\n", "Test.Single")
    [a] = run(plain, "We utilise it.\n")
    [b] = run(choice, "We utilise it.\n")
    [c] = run(single, "We utilise it.\n")
    assert a.fix is None
    assert b.fix is not None and not b.fix.safe and b.fix.edits[0].replacement == "use"
    assert c.fix is not None and c.fix.safe


def test_exceptions_match_as_vale_matches_them(tmp_path: Path) -> None:
    rule = vale_rule(tmp_path, "extends: substitution\nmessage: '%s'\nswap:\n  \"web ?site\": website\n"
                               "exceptions:\n  - Web Site\n")
    assert lines(run(rule, "The Web Site and the web site.\n")) == ["1:22:website"]


def test_a_newslint_rule_keeps_newslint_behaviour(tmp_path: Path) -> None:
    # `examples` is newslint's own key: the rule is newslint's, so case folding and the
    # sentence-start capital stay as they were.
    rule = vale_rule(tmp_path, """extends: substitution
message: "Use '%s' instead of '%s'."
ignorecase: true
swap:
  towards: toward
examples:
  flag: ["Towards the end."]
  pass: ["Toward the end."]
""")
    [finding] = run(rule, "Towards the end. TOWARD is fine.\n")
    assert finding.message == "Use 'Toward' instead of 'Towards'."
