"""Helpers for the Vale-semantics tests: write a rule file into a style folder under
tmp_path, load it as newslint loads any rule, and run it on a text through the engine."""

from __future__ import annotations

from pathlib import Path

from newslint.engine import Engine
from newslint.finding import Finding
from newslint.parse import parse_document
from newslint.rules import Rule, compile_rule, load_rule_spec


def vale_rule(tmp_path: Path, body: str, name: str = "Test.Rule") -> Rule:
    pack, rule = name.split(".")
    path = tmp_path / "styles" / pack / f"{rule}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return compile_rule(load_rule_spec(path))


def run(rules: Rule | list[Rule], text: str, path: str = "story.md") -> list[Finding]:
    return Engine(rules if isinstance(rules, list) else [rules]).check(parse_document(text, path))


def lines(findings: list[Finding]) -> list[str]:
    """Vale's `--output=line` form: line:column:message."""
    return [f"{f.line}:{f.column}:{f.message}" for f in findings]
