"""Vale's YAML (Go) reads \\' in a double-quoted string as an apostrophe; PyYAML refuses it.
newslint reads such a rule file as Vale does, and its positions stay those of the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.rules import RuleError, load_rule_spec
from newslint.yamlpos import YamlError, load_yaml


def test_quote_escape_is_an_apostrophe() -> None:
    loaded = load_yaml('message: "Don\\\'t use \\\'%s\\\'"\nlevel: "error"\n')
    assert loaded.data == {"message": "Don't use '%s'", "level": "error"}
    assert loaded.positions == {"message": (1, 1), "level": (2, 1)}


def test_single_quoted_and_plain_strings_are_untouched() -> None:
    assert load_yaml("a: 'x\\y'\nb: it\\'s\n").data == {"a": "x\\y", "b": "it\\'s"}


@pytest.mark.parametrize("text, line, column, char", [
    ('x: "a\\\'b\\\'c" ]\n', 1, 14, "]"),
    ('x: "a\\\'b\\\'c\\q"\n', 1, 13, "q"),
    ('x: "a\\\'b"\ny: [1\n', 3, 1, None),
])
def test_a_later_error_keeps_its_exact_position(text: str, line: int, column: int, char: str | None) -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    if char is not None:
        assert text.split("\n")[line - 1][column - 1] == char


def test_a_rule_file_with_the_escape_loads(tmp_path: Path) -> None:
    path = tmp_path / "Style" / "Rule.yml"
    path.parent.mkdir()
    path.write_text('extends: existence\nmessage: "Don\\\'t use \'%s\'"\nlevel: bogus\ntokens: [x]\n', encoding="utf-8")
    with pytest.raises(RuleError) as caught:  # and an error after it is placed right
        load_rule_spec(path)
    assert (caught.value.line, caught.value.column, caught.value.key) == (3, 1, "level")
