"""What `newslint explain RULE` prints, for the command and for the language server's hover."""

from __future__ import annotations

import textwrap

from newslint.own_findings import OWN_FINDINGS
from newslint.rules import RuleSpec


def explain_spec(spec: RuleSpec) -> str:
    """A rule's id, kind and level, description, examples and link, one block of lines."""
    lines = [f"{spec.id} ({spec.kind}, {spec.level.label})", "", spec.description or spec.message, ""]
    if spec.examples.flag:
        lines += ["Flagged:"] + [f"  - {e!r}" for e in spec.examples.flag] + [""]
    if spec.examples.pass_:
        lines += ["Not flagged:"] + [f"  - {e!r}" for e in spec.examples.pass_] + [""]
    if spec.link:
        lines.append(f"See: {spec.link}")
    return "\n".join(lines).rstrip()


def explain_own(rule: str) -> str | None:
    """The explanation of a newslint.* id a report shows, though no rule file has it."""
    own = OWN_FINDINGS.get(rule.lower())
    if own is None:
        return None
    level, description = own
    return f"{rule.lower()} (newslint's own finding, {level})\n\n{textwrap.fill(description, 78)}"
