"""Run rules over a Document: isolate rule errors, stamp findings, apply suppressions."""

from __future__ import annotations

import fnmatch
from itertools import islice
from time import monotonic
from typing import Iterable, Sequence

from newslint.deadline import DEFAULT_BUDGET, RULE_LIMIT, Deadline
from newslint.document import Document
from newslint.finding import Finding, Fix, Hit, Level
from newslint.overlaps import line_ending_width, one_per_problem
from newslint.rules import Rule

INTERNAL_ERROR = "newslint.internal-error"
FRONT_MATTER = "newslint.front-matter"
TIMEOUT = "newslint.timeout"
# The most findings one rule reports on one file. An article of a million "..." gave a
# million ellipsis findings and 3 GB of memory; no edited article comes near this.
MAX_FINDINGS_PER_RULE = 1000
# Findings of newslint itself, which no comment in the article can switch off.
_OWN = frozenset({INTERNAL_ERROR, FRONT_MATTER, TIMEOUT})


def rule_matches(rule_id: str, selectors: Iterable[str]) -> bool:
    """True when a selector names the rule, its pack, or a dotted prefix of it."""
    for selector in selectors:
        if selector in ("ALL", "*") or rule_id == selector or rule_id.startswith(selector + "."):
            return True
        if any(c in selector for c in "*?[") and fnmatch.fnmatchcase(rule_id, selector):
            return True
    return False


class Engine:
    def __init__(self, rules: Sequence[Rule], budget: float = DEFAULT_BUDGET, rule_limit: float = RULE_LIMIT) -> None:
        self.rules = list(rules)
        # Rules from a Vale style report as Vale does: each its own findings, none standing
        # down for another rule's on the same text (see overlaps.py).
        self.apart = frozenset(rule.spec.id for rule in self.rules if rule.spec.vale)
        self.budget = budget  # seconds for the parse and all rules together on one file (see deadline.py)
        self.rule_limit = rule_limit
        # Rules Vale runs over the whole file, outside its walk over the blocks, where its
        # comments take effect: `<!-- vale ... -->` does not switch these off.
        self._whole_file_rules = frozenset(r.spec.id for r in self.rules if set(r.spec.scope) & {"raw", "summary"})

    def check(self, doc: Document, ignore: Sequence[str] = (), started: float | None = None) -> list[Finding]:
        """The findings of every rule on `doc`; `started`: when the file's clock started
        (before its parse; default now)."""
        findings: list[Finding] = []
        for offset, message in doc.problems:
            findings.append(_stamp(doc, FRONT_MATTER, "parse", Level.ERROR, None, Hit(offset, offset, message)))
        disabled = doc.disabled
        deadline = doc.deadline = Deadline(self.budget, self.rule_limit, started)
        clock = monotonic
        slowest, slowest_time = "", 0.0
        stopped: list[str] = []  # rules that ran out of their share of the time
        skipped = 0  # rules not run once the file's budget was spent
        for rule in self.rules:
            spec = rule.spec
            if ignore and rule_matches(spec.id, ignore):
                continue
            if disabled and rule_matches(spec.id, disabled):
                continue
            started = clock()
            if started >= deadline.end:
                skipped += 1
                continue
            deadline.start_rule(started)
            try:
                found = rule.check(doc)
                if found == ():  # a gated rule with nothing to look at: the common case
                    continue
                hits = list(islice(found, MAX_FINDINGS_PER_RULE))
            except TimeoutError:
                stopped.append(spec.id)
                hits = []
            except Exception as exc:  # one broken rule must not stop the run
                findings.append(_internal(doc, f"rule {spec.id} failed: {type(exc).__name__}: {_short(str(exc))}"))
                continue
            finally:
                took = clock() - started
                if took > slowest_time:
                    slowest, slowest_time = spec.id, took
            if spec.limit is not None and spec.limit > 0:
                # Vale's `limit`: the first N findings of the rule in the file; 0 (or less) is no limit.
                hits = sorted(hits, key=_hit_start)[: spec.limit]
            for hit in hits:
                if not 0 <= hit.start <= hit.end <= len(doc.text):
                    findings.append(_internal(doc, f"rule {spec.id} reported a span outside the text"))
                    break
                fix = hit.fix
                if fix is not None and not fix.marks_only and spec.quotes != "house" and _touches_quotes(doc, fix):
                    fix = None
                level = hit.level or spec.level
                findings.append(_stamp(doc, spec.id, spec.kind, level, spec.link, hit, fix))
        if stopped or skipped:
            findings.append(_stamp(doc, TIMEOUT, "internal", Level.ERROR, None,
                                   Hit(0, 0, _timeout_message(deadline, slowest, slowest_time, stopped, skipped))))
        findings = suppress(doc, findings, self._whole_file_rules)
        findings.sort(key=Finding.sort_key)
        return one_per_problem(_dedupe(findings), lambda start, end: doc.quoted.overlaps(start, end), self.apart,
                               line_ending_width(doc.text))


def _hit_start(hit: Hit) -> int:
    return hit.start


def _timeout_message(deadline: Deadline, slowest: str, slowest_time: float, stopped: list[str], skipped: int) -> str:
    """One line for all the rules of a file that ran out of time: which, and the bounds."""
    slow = f"slowest rule {slowest} ({slowest_time:.1f} s)"
    named = ", ".join(stopped[:3]) + (f" and {len(stopped) - 3} more" if len(stopped) > 3 else "")
    if skipped:
        text = (f"checking stopped at this file's time budget of {deadline.budget:g} s: {skipped} "
                f"rule{'s' if skipped != 1 else ''} not run; {slow}")
        return text + (f"; out of time: {named}" if stopped else "")
    one = len(stopped) == 1
    return (f"rule{'' if one else 's'} {named} ran out of time on this file (limits: {deadline.rule_limit:g} s a rule, "
            f"{deadline.budget:g} s a file; a pattern that backtracks too much, or a text too large); "
            f"{'its' if one else 'their'} findings here are missing; {slow}")


def _short(text: str, limit: int = 200) -> str:
    """An error's text cut to one line of bounded length: it may quote hostile input."""
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _touches_quotes(doc: Document, fix: Fix) -> bool:
    """A source's words are never rewritten, so a fix inside a quotation is withdrawn
    (unless the rule applies house style there: `quotes: house`)."""
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


def suppress(doc: Document, findings: list[Finding], whole_file_rules: frozenset[str] = frozenset()) -> list[Finding]:
    """Apply `<!-- newslint-disable/enable/disable-next-line/disable-line -->` comments, and
    Vale's `<!-- vale off/on -->`, `<!-- vale Rule = NO/YES -->` (valecomments.py: a state of
    their own, and not over `whole_file_rules`).

    One sweep over the findings in offset order and the directives in theirs (asking every
    directive about every finding was quadratic: 20,000 directives, a minute).
    """
    if not doc.directives:
        return findings
    events = sorted(doc.directives, key=lambda d: d.offset)
    next_line: dict[int, list[tuple[str, ...]]] = {}
    switches = []
    for d in events:
        if d.action == "disable-next-line":
            next_line.setdefault(d.line + 1, []).append(d.rules)
        elif d.action == "disable-line":  # markdownlint's and eslint's: the comment's own line
            next_line.setdefault(d.line, []).append(d.rules)
        elif d.action in ("disable", "enable") or d.action.startswith("vale-"):  # an unknown one switches nothing
            switches.append(d)
    dropped: set[int] = set()
    disabled: set[str] = set()
    everything = False
    vale_disabled: set[str] = set()
    vale_off = False
    applied = 0
    verdicts: dict[str, bool] = {}  # rule -> whether `disabled` names it (up to 1,000 selectors: asked once a rule)
    for index in sorted(range(len(findings)), key=lambda i: findings[i].offset):
        finding = findings[index]
        if finding.rule in _OWN:
            continue
        while applied < len(switches) and switches[applied].offset <= finding.offset:
            d = switches[applied]
            applied += 1
            verdicts.clear()
            if d.action.startswith("vale-"):
                if d.action == "vale-off":
                    vale_off = True
                elif d.action == "vale-on":
                    vale_off = False
                elif d.action == "vale-disable":
                    vale_disabled.update(d.rules)
                else:
                    vale_disabled.difference_update(d.rules)
            elif d.action == "disable":
                if d.rules:
                    disabled.update(d.rules)
                else:
                    everything = True
            elif d.rules:
                disabled.difference_update(d.rules)
            else:
                disabled.clear()
                everything = False
        silenced = any(not rules or rule_matches(finding.rule, rules) for rules in next_line.get(finding.line, ()))
        off = verdicts.get(finding.rule)
        if off is None:
            off = verdicts[finding.rule] = rule_matches(finding.rule, disabled) or (
                (vale_off or rule_matches(finding.rule, vale_disabled)) and finding.rule not in whole_file_rules)
        if silenced or everything or off:
            dropped.add(index)
    return [f for i, f in enumerate(findings) if i not in dropped] if dropped else findings


def _dedupe(findings: list[Finding]) -> list[Finding]:
    out: list[Finding] = []
    seen: set[tuple[str, int, int, str]] = set()
    for f in findings:
        key = (f.rule, f.offset, f.end_offset, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
