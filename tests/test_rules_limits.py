"""Rule and config files past newslint's size bounds are load errors (exit 2, one short
line naming file:line:col [key]), never a run that fills memory or the terminal.

Each case runs the real command line in a subprocess with a timeout and its address space
capped at 2 GiB (what was found: an alias bomb printed 2 GB to stderr, a date format width
was killed at 24 GB).
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.yamlpos import MAX_ITEMS, MAX_NODES, MAX_STRING

MEMORY = 2 << 30
ARTICLE = "Headline\n\nThe minister visited Kiev on Tuesday.\n"
BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi")
)


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _check(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", "article.md"], cwd=folder,
                          capture_output=True, text=True, timeout=60, preexec_fn=_limited)


def _project(folder: Path, rule: str, config: str = "extends: none\nrule_dirs: [packs]\nselect: [Pack]\n") -> Path:
    (folder / "packs" / "Pack").mkdir(parents=True)
    (folder / "packs" / "Pack" / "Rule.yml").write_text(rule)
    (folder / ".newslint.yaml").write_text(config)
    (folder / "article.md").write_text(ARTICLE)
    return folder


def _assert_load_error(result: subprocess.CompletedProcess[str], where: str) -> None:
    assert result.returncode == 2, result.stderr[-500:]
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert len(line) < 400
    assert re.match(rf"newslint: error: {where}", line), line


@pytest.mark.parametrize("key", ["distinct", "variants"])
def test_an_alias_bomb_in_a_rule_is_refused_where_it_is(tmp_path: Path, key: str) -> None:
    rule = f"extends: names\nmessage: x\ncheck: variants\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n{BOMB}{key}: [*i]\n"
    result = _check(_project(tmp_path, rule))
    _assert_load_error(result, r"packs/Pack/Rule\.yml:\d+:\d+: too many values once aliases are expanded "
                               rf"\(more than {MAX_NODES:,}\) \[\w\]")


def test_an_alias_bomb_in_the_config_is_refused(tmp_path: Path) -> None:
    config = f"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n{BOMB}ignore: *i\n"
    result = _check(_project(tmp_path, "extends: existence\nmessage: x\ntokens: [Kiev]\n", config))
    _assert_load_error(result, r"\S*\.newslint\.yaml:\d+:\d+: too many values once aliases are expanded")


def test_an_alias_inside_what_it_names_is_refused(tmp_path: Path) -> None:
    rule = "extends: existence\nmessage: x\ntokens: &t [Kiev, *t]\n"
    _assert_load_error(_check(_project(tmp_path, rule)),
                       r"packs/Pack/Rule\.yml:3:\d+: an alias refers to the value that holds it \[tokens\]")


def test_a_list_too_long_is_refused(tmp_path: Path) -> None:
    rule = "extends: existence\nmessage: x\ntokens:\n" + "".join(f"  - w{i}\n" for i in range(MAX_ITEMS + 1))
    _assert_load_error(_check(_project(tmp_path, rule)),
                       rf"packs/Pack/Rule\.yml:4:3: too many entries \({MAX_ITEMS + 1:,}; at most {MAX_ITEMS:,}\) \[tokens\]")


def test_a_value_too_long_is_refused_and_not_echoed(tmp_path: Path) -> None:
    rule = "extends: existence\nmessage: x\ntokens: [" + "k" * (MAX_STRING + 1) + "]\n"
    result = _check(_project(tmp_path, rule))
    _assert_load_error(result, r"packs/Pack/Rule\.yml:3:10: value too long .* \[tokens\]")
    assert "kkkkkkkkkk" not in result.stderr


@pytest.mark.parametrize("fmt, problem", [
    ("{day:99999999999} {month}", "a width or precision over 32"),
    ("{year:.99999999999}", "a width or precision over 32"),
    ("{day:{year}}", "a field takes no conversion or nested field"),
    ("{day!r}", "a field takes no conversion or nested field"),
    ("{day.__class__}", "unknown field"),
    ("{0}", "unknown field"),
])
def test_a_date_format_that_would_fill_memory_or_reach_attributes_is_refused(tmp_path: Path, fmt: str, problem: str) -> None:
    rule = f"extends: dates\nmessage: x\ncheck: numeric\nformat: '{fmt}'\n"
    _assert_load_error(_check(_project(tmp_path, rule)), rf"packs/Pack/Rule\.yml:4:1: bad date format .*{re.escape(problem)}.* \[format\]")


def test_a_bad_value_is_quoted_briefly(tmp_path: Path) -> None:
    # A group of one name, itself 5,000 characters: the message quotes a bounded repr.
    rule = "extends: names\nmessage: x\ncheck: variants\ndistinct: [[" + "n" * 5000 + "]]\n"
    result = _check(_project(tmp_path, rule))
    _assert_load_error(result, r"packs/Pack/Rule\.yml:4:1: expected a list of two or more names, got \['n.{1,90} \[distinct\]$")


def test_a_date_format_with_small_widths_still_loads(tmp_path: Path) -> None:
    rule = "extends: dates\nmessage: '%s: write %s'\ncheck: numeric\nformat: '{day:02} {mon} {year:>6}'\n"
    (tmp_path / "x").mkdir()
    folder = _project(tmp_path / "x", rule)
    (folder / "article.md").write_text("Headline\n\nIt happened on 2024-03-07.\n")
    result = _check(folder)
    assert result.returncode == 1, result.stderr
    assert "suggestion: 07 March   2024" in result.stdout


@pytest.mark.parametrize("rule, key", [
    ("extends: existence\nmessage: x\ntokens: ['(?:a{60000}){60000}']\n", "tokens"),
    ("extends: existence\nmessage: x\nraw: ['(?:(?:(?:a{100}){100}){100})']\n", "raw"),
    ("extends: attribution\nmessage: x\ncheck: vague\nphrases: ['(?:ab{1000}){1000}']\n", "phrases"),
])
def test_a_pattern_whose_counted_repeats_would_fill_memory_when_compiled_is_refused(tmp_path: Path, rule: str, key: str) -> None:
    # regex copies a counted repeat's body when compiling: (?:a{1000}){1000} took 274 MB.
    _assert_load_error(_check(_project(tmp_path, rule)),
                       rf"packs/Pack/Rule\.yml:\d+:\d+: a counted repeat too large in .* \[({key}|tokens)\]")


def _sparse(path: Path, size: int = 3 << 30) -> None:
    """A file of `size` bytes that takes no disk space (reading it would take the memory)."""
    with open(path, "wb") as handle:
        handle.truncate(size)


@pytest.mark.parametrize("name", ["packs/Pack/Rule.yml", ".newslint.yaml", "pyproject.toml"])
def test_a_huge_rule_or_config_file_is_refused_before_it_is_read(tmp_path: Path, name: str) -> None:
    folder = _project(tmp_path, "extends: existence\nmessage: x\ntokens: [Kiev]\n")
    if name == "pyproject.toml":
        (folder / ".newslint.yaml").unlink()
        (folder / name).write_text("[tool.newslint]\nextends = 'none'\n" + " " * (2 << 20) + "\n")
    else:
        _sparse(folder / name)
    result = _check(folder)
    _assert_load_error(result, re.escape(str(folder / name) if name != "packs/Pack/Rule.yml" else name)
                       + r"(:1:1)?: cannot read (rule file|config): file too large")


def test_a_config_nested_too_deeply_is_a_toml_error_not_an_internal_one(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.newslint]\nselect = " + "[" * 50_000 + "]" * 50_000 + "\n")
    (tmp_path / "article.md").write_text(ARTICLE)
    result = _check(tmp_path)
    _assert_load_error(result, re.escape(str(tmp_path / "pyproject.toml")) + r": malformed TOML: nested too deeply")
