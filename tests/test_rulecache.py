"""The rule cache: the same specs as loading the files, and never trusted when damaged, stale or not ours."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.rulecache import load_specs
from newslint.rulecache import rebuild_prepared
from newslint.rules import RuleError, StoredPrepared, RuleSpec, builtin_rules_dir, compile_rule, load_rule_spec

RULE = "extends: existence\nmessage: \"Avoid '%s'.\"\ntokens:\n  - foo\n"


def _files(*paths: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in paths]


def _counting_loader(calls: list[Path]):  # type: ignore[no-untyped-def]
    def load(path: Path, content: bytes) -> RuleSpec:
        calls.append(path)
        return load_rule_spec(path, None, content)

    return load


def _rule(tmp_path: Path, body: str = RULE) -> Path:
    path = tmp_path / "House" / "NoFoo.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def test_a_second_load_is_answered_from_the_cache_with_the_same_specs(tmp_path: Path) -> None:
    shipped = sorted((builtin_rules_dir() / "AP").glob("*.yml"))[:20]
    calls: list[Path] = []
    first = load_specs(_files(*shipped), _counting_loader(calls), tmp_path / "cache")
    assert len(calls) == 20
    second = load_specs(_files(*shipped), _counting_loader(calls), tmp_path / "cache")
    assert len(calls) == 20  # nothing parsed again
    assert [s._replace(prepared=None) for s in second] == [s._replace(prepared=None) for s in first]
    # What the kinds prepared comes back as plain data, made back into objects only to compile the rule.
    assert any(s.prepared is not None for s in second)
    assert all(isinstance(s.prepared, StoredPrepared) for s in second if s.prepared is not None)
    assert [rebuild_prepared(s.prepared.plain) if s.prepared is not None else None for s in second] == [s.prepared for s in first]
    assert [compile_rule(s).spec.prepared for s in second] == [s.prepared for s in first]


def test_a_changed_rule_file_is_loaded_again(tmp_path: Path) -> None:
    rule = _rule(tmp_path)
    calls: list[Path] = []
    load_specs(_files(rule), _counting_loader(calls), tmp_path / "cache")
    rule.write_text(RULE.replace("foo", "bar"), encoding="utf-8")
    (spec,) = load_specs(_files(rule), _counting_loader(calls), tmp_path / "cache")
    assert len(calls) == 2
    assert spec.options["tokens"] == ["bar"]


@pytest.mark.parametrize("damage", [b"", b"newslint-rules-3\n", b"newslint-rules-3\n" + bytes(32) + b"garbage", b"not a cache at all"])
def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path: Path, damage: bytes) -> None:
    rule = _rule(tmp_path)
    cache = tmp_path / "cache"
    calls: list[Path] = []
    load_specs(_files(rule), _counting_loader(calls), cache)
    (written,) = cache.glob("rules-*.bin")
    written.write_bytes(damage)
    (spec,) = load_specs(_files(rule), _counting_loader(calls), cache)
    assert len(calls) == 2 and spec.id == "House.NoFoo"
    assert written.read_bytes().startswith(b"newslint-rules-3\n") and len(written.read_bytes()) > 100


def test_a_folder_that_cannot_be_written_only_skips_the_cache(tmp_path: Path) -> None:
    rule = _rule(tmp_path)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    calls: list[Path] = []
    for _ in range(2):
        (spec,) = load_specs(_files(rule), _counting_loader(calls), blocked / "cache")
        assert spec.id == "House.NoFoo"
    assert len(calls) == 2


def test_a_rule_that_does_not_load_is_reported_every_time_and_never_cached(tmp_path: Path) -> None:
    rule = _rule(tmp_path, RULE + "colour: red\n")
    cache = tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(RuleError, match=r"NoFoo.yml:5:1: unknown key 'colour'"):
            load_specs(_files(rule), _counting_loader([]), cache)
    assert not list(cache.glob("rules-*"))


def test_old_rule_sets_are_pruned_when_one_is_written(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for n in range(40):
        rule = _rule(tmp_path, RULE.replace("foo", f"foo{n}"))
        load_specs(_files(rule), _counting_loader([]), cache)
    assert len(list(cache.glob("rules-*.bin"))) == 32


def test_the_dependencies_installed_are_named_with_their_versions() -> None:
    from newslint.rulecache import DEPENDENCIES, dependency_versions

    found = dict(part.split("=", 1) for part in dependency_versions().split("\0"))
    assert list(found) == [distribution for distribution, _ in DEPENDENCIES]
    import regex
    import yaml

    assert f"regex-{regex.__version__}.dist-info" in found["regex"]
    assert f"pyyaml-{yaml.__version__}.dist-info" in found["pyyaml"]
