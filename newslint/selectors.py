"""Rule ids and selectors: one strict check wherever a user names a rule (config keys,
command line, disable comments, front matter), with "did you mean" and pack names matched
case-insensitively where that is unambiguous."""

from __future__ import annotations

import fnmatch
import re
from typing import Iterable

from newslint.document import Document
from newslint.engine import FRONT_MATTER, rule_matches
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


def check_document(doc: Document, catalogue: Catalogue) -> list[Finding]:
    """Check the rule ids an article names in its disable/enable comments and front matter
    `newslint: {disable: [...]}`: each is spelt as the rules are (`ap` -> `AP`), and an
    unknown id or key is a finding at the place it is written, never a silent pass."""
    findings: list[Finding] = []
    text = doc.text
    for index, directive in enumerate(doc.directives):
        if directive.action not in ACTIONS:
            findings.append(_unknown_action(doc, directive.offset, directive.action))
            continue
        if not directive.rules:
            continue
        spelt = []
        search_from = text.find(directive.action, directive.offset) + len(directive.action)
        for rule in directive.rules:
            at = text.find(rule, search_from)
            at = directive.offset if at < 0 else at
            search_from = at + len(rule)
            spelt.append(_checked(doc, catalogue, rule, at, findings))
        doc.directives[index] = directive._replace(rules=tuple(spelt))
    if "newslint" in doc.metadata:
        block = doc.metadata["newslint"]
        found = re.search(r"^newslint[ \t]*:", text, re.MULTILINE)
        start = found.start() if found else 0
        if not isinstance(block, dict):
            findings.append(_finding(doc, FRONT_MATTER, Level.ERROR, start, start + 8,
                                     "front matter 'newslint' must be a mapping, e.g. newslint: {disable: [AP.Toward]}"))
        else:
            for key in block:
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
                    at = _find(text, rule, start)
                    spelt.append(_checked(doc, catalogue, rule, at, findings))
                doc.disabled = tuple(spelt)
    return findings


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


def _checked(doc: Document, catalogue: Catalogue, rule: str, at: int, findings: list[Finding]) -> str:
    try:
        return catalogue.canonical(rule)
    except UnknownSelector as exc:
        findings.append(_finding(doc, UNKNOWN_RULE, Level.WARNING, at, at + len(rule), f"{exc}; it switches nothing off",
                                 (exc.suggestion,) if exc.suggestion else ()))
        return rule


def _finding(doc: Document, rule: str, level: Level, start: int, end: int, message: str,
             suggestions: tuple[str, ...] = ()) -> Finding:
    end = min(max(end, start), len(doc.text))
    line, column = doc.lines.position(start)
    end_line, end_column = doc.lines.position(end)
    return Finding(rule=rule, kind="parse", level=level, path=doc.path, line=line, column=column,
                   end_line=end_line, end_column=end_column, offset=start, end_offset=end,
                   match=doc.text[start:end], message=message, link=None, suggestions=suggestions, fix=None)
