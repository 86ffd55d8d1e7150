"""Rule files are validated strictly; every error names the file, line, column and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.errors import ConfigError
from newslint.rules import RuleError, builtin_rules_dir, compile_rule, load_rule_spec


def write_rule(tmp_path: Path, body: str, name: str = "Rule.yml") -> Path:
    pack = tmp_path / "House"
    pack.mkdir(exist_ok=True)
    path = pack / name
    path.write_text(body, encoding="utf-8")
    return path


def load_and_compile(path: Path):
    return compile_rule(load_rule_spec(path))


def test_id_comes_from_the_path(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "extends: existence\nmessage: x\ntokens: [foo]\n", "NoFoo.yml")
    assert load_rule_spec(path).id == "House.NoFoo"


@pytest.mark.parametrize(
    "body,line,column,key,fragment",
    [
        ("extends: existence\nmessage: x\ntokens: [a]\nsevrity: error\n", 4, 1, "sevrity", "unknown key"),
        ("extends: existence\nmessage: x\ntokens: a\nignorecase: maybe\n", 4, 1, "ignorecase", "expected true or false"),
        ("extends: existence\nmessage: x\nlevel: fatal\ntokens: [a]\n", 3, 1, "level", "expected one of"),
        ("extends: existence\nmessage: x\ntokens: [a]\nquotes: sometimes\n", 4, 1, "quotes", "expected one of"),
        ("message: x\ntokens: [a]\n", 1, 1, None, "missing required key 'extends'"),
        ("extends: existence\ntokens: [a]\n", 1, 1, None, "missing required key 'message'"),
        ("extends: sorcery\nmessage: x\n", 1, 1, "extends", "unknown kind"),
        ("extends: existence\nmessage: x\ntokens: [a]\nscope: footnote\n", 4, 1, "scope", "unknown scope"),
        ("extends: existence\nmessage: x\nmessage: y\n", 3, 1, "message", "duplicate key"),
        ("extends: existence\nmessage: 'x\n", 3, 1, None, "malformed YAML"),
    ],
)
def test_bad_rule_files(tmp_path: Path, body: str, line: int, column: int, key: str | None, fragment: str) -> None:
    path = write_rule(tmp_path, body)
    with pytest.raises(RuleError) as caught:
        load_and_compile(path)
    error = caught.value
    assert (error.line, error.key) == (line, key)
    assert fragment in error.message
    assert str(error).startswith(f"{error.path}:{line}:")
    assert isinstance(error, ConfigError)


def test_invalid_regex_names_the_key(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "extends: existence\nmessage: x\nlevel: error\ntokens:\n  - 'unclosed('\n")
    with pytest.raises(RuleError) as caught:
        load_and_compile(path)
    assert caught.value.key == "tokens" and caught.value.line == 4
    assert "invalid regular expression" in str(caught.value)


def test_substitution_takes_capture_groups_as_vale_does(tmp_path: Path) -> None:
    # Vale makes a key's groups non-capturing (they only fill $1 in the replacement).
    path = write_rule(tmp_path, "extends: substitution\nmessage: x\nswap:\n  '(a)b': c\n")
    load_and_compile(path)


def test_yaml_cannot_run_code(tmp_path: Path) -> None:
    path = write_rule(tmp_path, "extends: !!python/object/apply:os.system ['touch pwned']\nmessage: x\n")
    with pytest.raises(RuleError, match="malformed YAML"):
        load_and_compile(path)
    assert not (Path.cwd() / "pwned").exists()


def test_builtin_packs_are_found() -> None:
    assert {"AP", "News"} <= {p.name for p in builtin_rules_dir().iterdir() if p.is_dir()}
