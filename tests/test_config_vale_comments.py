"""Vale's comments in Markdown, as Vale's testdata/features/comments.feature has them:
`<!-- vale off -->` / `<!-- vale on -->`, `<!-- vale Style.Rule = NO -->` / `= YES`, and a
whole style; their state is Vale's, apart from newslint's own comments."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_cli

NO_ENV = {"VALE_CONFIG_PATH": None}
INI = "StylesPath = styles\nMinAlertLevel = suggestion\n[*.md]\nBasedOnStyles = Plain\n"


def setup(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    plain = tmp_path / "styles" / "Plain"
    plain.mkdir(parents=True)
    (plain / "Redundancy.yml").write_text(
        "extends: existence\nmessage: \"'%s' is redundant\"\nlevel: error\ntokens: ['ACT test']\n", encoding="utf-8")
    (plain / "Ending.yml").write_text(
        "extends: existence\nmessage: \"Don't end a sentence with '%s'\"\nlevel: error\ntokens: ['of\\.']\n"
        "nonword: true\n", encoding="utf-8")
    (plain / "Raw.yml").write_text(
        "extends: existence\nmessage: \"Raw '%s'\"\nlevel: error\nscope: raw\nnonword: true\ntokens: ['\\.html\\)']\n",
        encoding="utf-8")
    (tmp_path / ".vale.ini").write_text(INI, encoding="utf-8")


def check(tmp_path: Path, text: str, name: str = "test.md") -> list[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli("check", "--format", "json", "--no-cache", name, cwd=tmp_path, env=NO_ENV)
    assert result.returncode in (0, 1), result.stderr
    return [f"{f['line']}:{f['rule']}" for f in json.loads(result.stdout)["files"][0]["findings"]]


ARTICLE = """\
<!-- vale off -->

This is some text ACT test

<!-- vale on -->

<!-- vale Plain.Redundancy = NO -->

This is some text ACT test

<!-- vale Plain.Redundancy = YES -->

This is some text ACT test

<!-- vale Plain.Ending = NO -->

This is some text ACT test. This is a sentence of.

<!-- vale Plain.Ending = YES -->

This is a sentence of.

```
<!-- vale off -->
```

A sentence of.

<!-- vale Plain.Raw = NO -->

Links [must not use](../index.html)
"""


def test_vale_comments_switch_rules_off_and_on(tmp_path: Path) -> None:
    setup(tmp_path)
    assert check(tmp_path, ARTICLE) == [
        "13:Plain.Redundancy",
        "17:Plain.Redundancy",
        "21:Plain.Ending",
        "27:Plain.Ending",  # a comment inside a code block switches nothing
        "31:Plain.Raw",  # Vale's comments do not reach rules of scope raw or summary
    ]


def test_vale_on_leaves_a_rule_switched_off_by_name_off(tmp_path: Path) -> None:
    setup(tmp_path)
    text = ("<!-- vale Plain.Redundancy = NO -->\n\n<!-- vale off -->\n\nA of.\n\n<!-- vale on -->\n\n"
            "Some ACT test and a word of.\n")
    assert check(tmp_path, text) == ["9:Plain.Ending"]


def test_a_whole_style_and_an_unknown_name(tmp_path: Path) -> None:
    setup(tmp_path)
    text = ("<!-- vale Other.Rule = NO -->\n\nAn ACT test.\n\n<!-- vale Plain = NO -->\n\nAn ACT test.\n\n"
            "<!-- vale Plain = YES -->\n\nAn ACT test.\n")
    # a name no rule has is passed over in silence, as Vale does: no newslint.unknown-rule
    assert check(tmp_path, text) == ["3:Plain.Redundancy", "11:Plain.Redundancy"]


def test_vale_comments_and_newslint_comments_keep_their_own_state(tmp_path: Path) -> None:
    setup(tmp_path)
    text = "<!-- vale off -->\n\n<!-- newslint-enable -->\n\nAn ACT test.\n\n<!-- vale on -->\n\nAn ACT test.\n"
    assert check(tmp_path, text) == ["9:Plain.Redundancy"]


def test_vale_comments_apply_under_a_newslint_config_too(tmp_path: Path) -> None:
    setup(tmp_path)
    (tmp_path / ".newslint.yaml").write_text("extends: none\nrule_dirs: [styles]\nselect: [Plain.Redundancy]\n",
                                            encoding="utf-8")
    assert check(tmp_path, "<!-- vale off -->\n\nAn ACT test.\n\n<!-- vale on -->\n\nAn ACT test.\n") == ["7:Plain.Redundancy"]


def test_many_vale_comments_naming_unknown_rules_stay_fast(tmp_path: Path) -> None:
    import subprocess
    import sys

    setup(tmp_path)
    text = "".join(f"<!-- vale Nope.Rule{i} = NO -->\n" for i in range(20000)) + "\nAn ACT test.\n"
    (tmp_path / "big.md").write_text(text, encoding="utf-8")
    import os

    env = {k: v for k, v in os.environ.items() if k != "VALE_CONFIG_PATH"}
    result = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", "--format", "json", "big.md"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env)
    found = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["rule"] for f in found] == ["Plain.Redundancy"]
