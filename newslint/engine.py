"""Run rules over a Document: isolate rule errors, stamp findings, apply suppressions."""

from __future__ import annotations

import fnmatch
from typing import Iterable, Sequence

from newslint.document import Document
from newslint.finding import Finding, Fix, Hit, Level
from newslint.overlaps import one_per_problem
from newslint.rules import Rule

INTERNAL_ERROR = "newslint.internal-error"
FRONT_MATTER = "newslint.front-matter"


def rule_matches(rule_id: str, selectors: Iterable[str]) -> bool:
    """True when a selector names the rule, its pack, or a dotted prefix of it."""
    for selector in selectors:
        if selector in ("ALL", "*") or rule_id == selector or rule_id.startswith(selector + "."):
            return True
        if any(c in selector for c in "*?[") and fnmatch.fnmatchcase(rule_id, selector):
            return True
    return False


class Engine:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = list(rules)

    def check(self, doc: Document, ignore: Sequence[str] = ()) -> list[Finding]:
        findings: list[Finding] = []
        for offset, message in doc.problems:
            findings.append(_stamp(doc, FRONT_MATTER, "parse", Level.ERROR, None, Hit(offset, offset, message)))
        disabled = doc.disabled
        for rule in self.rules:
            spec = rule.spec
            if ignore and rule_matches(spec.id, ignore):
                continue
            if disabled and rule_matches(spec.id, disabled):
                continue
            try:
                found = rule.check(doc)
                if found == ():  # a gated rule with nothing to look at: the common case
                    continue
                hits = list(found)
            except TimeoutError:
                findings.append(_internal(doc, f"rule {spec.id} timed out on this file (its pattern backtracks too much)"))
                continue
            except Exception as exc:  # one broken rule must not stop the run
                findings.append(_internal(doc, f"rule {spec.id} failed: {type(exc).__name__}: {exc}"))
                continue
            if spec.limit is not None:
                hits = hits[: max(spec.limit, 0)]
            for hit in hits:
                if not 0 <= hit.start <= hit.end <= len(doc.text):
                    findings.append(_internal(doc, f"rule {spec.id} reported a span outside the text"))
                    break
                fix = hit.fix
                if fix is not None and not fix.marks_only and _touches_quotes(doc, fix):
                    fix = None
                level = hit.level or spec.level
                findings.append(_stamp(doc, spec.id, spec.kind, level, spec.link, hit, fix))
        findings = suppress(doc, findings)
        findings.sort(key=Finding.sort_key)
        return one_per_problem(_dedupe(findings))


def _touches_quotes(doc: Document, fix: Fix) -> bool:
    """A source's words are never rewritten, so a fix inside a quotation is withdrawn."""
    return any(doc.quoted.overlaps(e.start, max(e.end, e.start + 1)) for e in fix.edits)


def _stamp(doc: Document, rule_id: str, kind: str, level: Level, link: str | None, hit: Hit, fix: Fix | None = None) -> Finding:
    line, column = doc.lines.position(hit.start)
    end_line, end_column = doc.lines.position(hit.end)
    return Finding(
        rule=rule_id, kind=kind, level=level, path=doc.path,
        line=line, column=column, end_line=end_line, end_column=end_column,
        offset=hit.start, end_offset=hit.end, match=doc.text[hit.start : hit.end],
        message=hit.message, link=link, suggestions=hit.suggestions, fix=fix,
    )


def _internal(doc: Document, message: str) -> Finding:
    return _stamp(doc, INTERNAL_ERROR, "internal", Level.ERROR, None, Hit(0, 0, message))


def suppress(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Apply `<!-- newslint-disable/enable/disable-next-line -->` comments."""
    if not doc.directives:
        return findings
    # Per line: which selectors are switched off from that point on.
    events = sorted(doc.directives, key=lambda d: d.offset)
    kept = []
    for finding in findings:
        if finding.rule in (INTERNAL_ERROR, FRONT_MATTER):
            kept.append(finding)
            continue
        disabled: set[str] = set()
        everything = False
        silenced = False
        for d in events:
            if d.action == "disable-next-line":
                if finding.line == d.line + 1 and (not d.rules or rule_matches(finding.rule, d.rules)):
                    silenced = True
                continue
            if d.offset > finding.offset:
                break
            if d.action == "disable":
                if d.rules:
                    disabled.update(d.rules)
                else:
                    everything = True
            else:
                if d.rules:
                    disabled.difference_update(d.rules)
                else:
                    disabled.clear()
                    everything = False
        if silenced or everything or rule_matches(finding.rule, disabled):
            continue
        kept.append(finding)
    return kept


def _dedupe(findings: list[Finding]) -> list[Finding]:
    out: list[Finding] = []
    seen: set[tuple[str, int, int, str]] = set()
    for f in findings:
        key = (f.rule, f.offset, f.end_offset, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
