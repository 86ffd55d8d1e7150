"""Rule ids and selectors: one strict check wherever a user names a rule (config keys,
command line, disable comments, front matter), with "did you mean" and pack names matched
case-insensitively where that is unambiguous."""

from __future__ import annotations

import fnmatch
import re
from typing import Callable, Iterable

from newslint.document import Document
from newslint.engine import FRONT_MATTER, MAX_FINDINGS_PER_RULE, rule_matches
from newslint.finding import Finding, Level
from newslint.parse.common import ACTIONS

EVERYTHING = ("ALL", "*")
_GLOB = frozenset("*?[")


class UnknownSelector(ValueError):
    """A selector that names no rule; str() is `unknown rule or pack 'X' (did you mean 'Y'?)`."""

    def __init__(self, selector: str, suggestion: str | None) -> None:
        hint = f" (did you mean {suggestion!r}?)" if suggestion else " (see 'newslint rules --all')"
        super().__init__(f"unknown rule or pack {selector!r}{hint}")
        self.selector = selector
        self.suggestion = suggestion


class Catalogue:
    """The rule ids a run can name, and the packs and dotted prefixes they make."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = tuple(sorted(ids))
        names: set[str] = set()
        for rid in self.ids:
            parts = rid.split(".")
            names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        self.names = tuple(sorted(names))
        by_lower: dict[str, list[str]] = {}
        for name in self.names:
            by_lower.setdefault(name.lower(), []).append(name)
        self._by_lower = by_lower

    def canonical(self, selector: str) -> str:
        """The selector as the rules spell it (`ap` -> `AP` when only one name matches
        that way); raises UnknownSelector when it names no rule."""
        if selector in EVERYTHING:
            return selector
        if _GLOB.intersection(selector):
            if any(fnmatch.fnmatchcase(rid, selector) for rid in self.ids):
                return selector
            raise UnknownSelector(selector, None)
        if any(rule_matches(rid, (selector,)) for rid in self.ids):
            return selector
        same = self._by_lower.get(selector.lower(), [])
        if len(same) == 1:
            return same[0]
        raise UnknownSelector(selector, self.suggestion(selector))

    def canonical_all(self, selectors: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.canonical(s) for s in selectors)

    def suggestion(self, selector: str) -> str | None:
        import difflib  # only a run with a typo needs it

        lowered = {name.lower(): name for name in self.names}
        close = difflib.get_close_matches(selector.lower(), list(lowered), n=1, cutoff=0.6)
        return lowered[close[0]] if close else None


UNKNOWN_RULE = "newslint.unknown-rule"
_FRONT_MATTER_KEYS = ("disable",)


# Different rule ids and selectors one article's comments and front matter may name: a
# 4 MB article of 120,000 distinct unknown ids took 80 s ("did you mean" for each, and
# every one kept for every finding). Past it a new selector switches nothing off, which
# can only show more findings, never hide one; an article near it is not an edited one.
MAX_SELECTORS = 1000


class _Names:
    """The selectors of one article, each checked once: its spelling, or its problem."""

    def __init__(self, doc: Document, catalogue: Catalogue, findings: list[Finding]) -> None:
        self.doc, self.catalogue, self.findings = doc, catalogue, findings
        self.known: dict[str, tuple[str, UnknownSelector | None]] = {}
        self.reported = 0

    def check(self, rule: str, at: Callable[[], int]) -> str | None:
        """`rule` as the rules spell it (an unknown one as written, with a finding where
        `at()` says); None past MAX_SELECTORS."""
        known = self.known.get(rule)
        if known is None:
            if len(self.known) >= MAX_SELECTORS:
                if len(self.known) == MAX_SELECTORS:
                    self.known["\0"] = ("", None)  # said once
                    self.reported = min(self.reported, MAX_FINDINGS_PER_RULE - 1)  # this one is always said
                    self._report(rule, at, f"more than {MAX_SELECTORS:,} different rule ids and selectors in this "
                                           f"article's comments and front matter; {rule!r} and every later new one "
                                           "switch nothing off", ())
                return None
            try:
                known = (self.catalogue.canonical(rule), None)
            except UnknownSelector as exc:
                known = (rule, exc)
            self.known[rule] = known
        spelt, problem = known
        if problem is not None:
            self._report(rule, at, f"{problem}; it switches nothing off", (problem.suggestion,) if problem.suggestion else ())
        return spelt

    def _report(self, rule: str, at: Callable[[], int], message: str, suggestions: tuple[str, ...]) -> None:
        if self.reported >= MAX_FINDINGS_PER_RULE:
            return
        self.reported += 1
        start = at()
        self.findings.append(_finding(self.doc, UNKNOWN_RULE, Level.WARNING, start, start + len(rule), message, suggestions))


def check_document(doc: Document, catalogue: Catalogue) -> list[Finding]:
    """Check the rule ids an article names in its disable/enable comments and front matter
    `newslint: {disable: [...]}`: each is spelt as the rules are (`ap` -> `AP`), and an
    unknown id or key is a finding at the place it is written, never a silent pass."""
    findings: list[Finding] = []
    names = _Names(doc, catalogue, findings)
    text = doc.text
    kept = []
    vale_names: dict[str, str | None] = {}  # each name of a Vale comment, looked up once
    unknown_actions = 0
    for directive in doc.directives:
        if directive.action.startswith("vale-"):  # Vale's: a name this run does not know is passed over, as in Vale
            known = tuple(_known(catalogue, rule, vale_names) for rule in directive.rules)
            if all(known):
                kept.append(directive._replace(rules=known))  # type: ignore[arg-type]
            continue
        if directive.action not in ACTIONS:  # reported, and switches nothing off or on
            unknown_actions += 1
            if unknown_actions <= MAX_FINDINGS_PER_RULE:
                findings.append(_unknown_action(doc, directive.offset, directive.action))
            continue
        if not directive.rules:
            kept.append(directive)
            continue
        spelt = []
        search_from = text.find(directive.action, directive.offset) + len(directive.action)
        for rule in directive.rules:
            at = text.find(rule, search_from)
            at = directive.offset if at < 0 else at
            search_from = at + len(rule)
            checked = names.check(rule, lambda at=at: at)
            if checked is not None:
                spelt.append(checked)
        if spelt:  # a directive left with no rule would switch off every rule
            kept.append(directive._replace(rules=tuple(spelt)))
    doc.directives[:] = kept
    if "newslint" in doc.metadata:
        block = doc.metadata["newslint"]
        found = re.search(r"^newslint[ \t]*:", text, re.MULTILINE)
        start = found.start() if found else 0
        if not isinstance(block, dict):
            findings.append(_finding(doc, FRONT_MATTER, Level.ERROR, start, start + 8,
                                     "front matter 'newslint' must be a mapping, e.g. newslint: {disable: [AP.Toward]}"))
        else:
            for key in list(block)[:MAX_FINDINGS_PER_RULE]:
                if key not in _FRONT_MATTER_KEYS:
                    import difflib  # only an article with a misspelt key needs it

                    at = _find(text, str(key), start)
                    close = difflib.get_close_matches(str(key), _FRONT_MATTER_KEYS, n=1)
                    hint = f" (did you mean {close[0]!r}?)" if close else f" (newslint reads {', '.join(_FRONT_MATTER_KEYS)})"
                    findings.append(_finding(doc, FRONT_MATTER, Level.ERROR, at, at + len(str(key)),
                                             f"unknown key {key!r} in front matter 'newslint'{hint}"))
            disable = block.get("disable")
            if disable is not None and not isinstance(disable, (str, list)):
                at = _find(text, "disable", start)
                findings.append(_finding(doc, FRONT_MATTER, Level.ERROR, at, at + 7,
                                         "front matter 'newslint: {disable: ...}' must be a rule id or a list of them"))
            elif doc.disabled:
                spelt = []
                for rule in doc.disabled:
                    checked = names.check(rule, lambda rule=rule: _find(text, rule, start))
                    if checked is not None:
                        spelt.append(checked)
                doc.disabled = tuple(spelt)
    return findings


def _known(catalogue: Catalogue, rule: str, seen: dict[str, str | None]) -> str | None:
    """A Vale comment's rule or style as the rules spell it, None when no rule has it (no
    "did you mean": nothing is reported). Past MAX_SELECTORS different names a new one
    switches nothing, which can only show more findings."""
    if rule in seen:
        return seen[rule]
    if len(seen) >= MAX_SELECTORS:
        return None
    if rule in EVERYTHING or _GLOB.intersection(rule):
        spelt = None  # Vale names one rule or style: no wildcards
    elif any(rule_matches(rid, (rule,)) for rid in catalogue.ids):
        spelt = rule
    else:
        same = catalogue._by_lower.get(rule.lower(), [])
        spelt = same[0] if len(same) == 1 else None
    seen[rule] = spelt
    return spelt


def _unknown_action(doc: Document, offset: int, action: str) -> Finding:
    import difflib  # only an article with a misspelt comment needs it

    at = doc.text.find("newslint-", offset)
    written = f"newslint-{action}"
    close = difflib.get_close_matches(action.lower(), ACTIONS, n=1, cutoff=0.6)
    hint = (f"did you mean 'newslint-{close[0]}'?" if close
            else f"newslint reads {', '.join('newslint-' + a for a in ACTIONS)}")
    return _finding(doc, UNKNOWN_RULE, Level.WARNING, at, at + len(written),
                    f"unknown comment {written!r} ({hint}); it switches nothing off",
                    (f"newslint-{close[0]}",) if close else ())


def _find(text: str, needle: str, start: int) -> int:
    at = text.find(needle, start)
    return start if at < 0 else at


def _finding(doc: Document, rule: str, level: Level, start: int, end: int, message: str,
             suggestions: tuple[str, ...] = ()) -> Finding:
    end = min(max(end, start), len(doc.text))
    line, column = doc.lines.position(start)
    end_line, end_column = doc.lines.position(end)
    return Finding(rule=rule, kind="parse", level=level, path=doc.path, line=line, column=column,
                   end_line=end_line, end_column=end_column, offset=start, end_offset=end,
                   match=doc.text[start:end], message=message, link=None, suggestions=suggestions, fix=None)
