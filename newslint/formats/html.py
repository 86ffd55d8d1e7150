"""The HTML report: one self-contained page an editor opens in a browser.

An overview (files, findings by level, by rule as a bar chart, by file), a file list
with filters by level, rule and pack and a search box, and each article's text with its
findings highlighted (html_article.py). Styles and script are inline and the page loads
nothing: its Content-Security-Policy allows no network at all and runs only its own
script (by hash), so even markup that escaped escaping could not run.

A large run (more article HTML than EAGER_LIMIT characters) keeps each article's body in
a `<script type="text/x-newslint-article">` element (a type no browser runs) and builds
it when the article comes into view; a small one has every body in the page, readable without the
script and countable by tools.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any, Mapping, NamedTuple, TextIO

from newslint import __version__
from newslint.finding import FileResult, Level
from newslint.formats import Summary
from newslint.formats.html_article import escape, render_article, safe_link
from newslint.rules import RuleSpec
from newslint.trees import printable

EAGER_LIMIT = 3_000_000
# Rows of the file list in the page at first; the script shows more on request, and
# rebuilds the rows from the index when a filter changes (thousands of rows took a
# second to lay out).
ROWS = 300
LEVELS = ("error", "warning", "suggestion")
_ASSETS = Path(__file__).parent


class _File(NamedTuple):
    path: str
    title: str
    body: str | None  # None: not checked
    error: str | None
    counts: dict[tuple[str, str], int]  # (rule, level) -> findings


class HtmlFormatter:
    def __init__(self, out: TextIO, rules: Mapping[str, RuleSpec], eager_limit: int = EAGER_LIMIT) -> None:
        self.out = out
        self.specs = rules
        self.eager_limit = eager_limit
        self.files: list[_File] = []
        self.links: dict[str, str | None] = {}

    def file(self, result: FileResult) -> None:
        path = printable(result.path)
        if result.error is not None:
            self.files.append(_File(path, "", None, f"{result.error.message} [newslint.{result.error.code}]", {}))
            return
        counts: dict[tuple[str, str], int] = {}
        for f in result.findings:
            key = (f.rule, f.level.label)
            counts[key] = counts.get(key, 0) + 1
            self.links.setdefault(f.rule, f.link)
        article = render_article(len(self.files), result.path, result.text or "", result.findings)
        self.files.append(_File(path, article.title, article.body, None, counts))

    def finish(self, summary: Summary) -> None:
        script = (_ASSETS / "html_report.js").read_text(encoding="utf-8")
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        order = sorted(range(len(self.files)), key=lambda i: _rank(self.files[i]))
        eager = sum(len(f.body or "") for f in self.files) <= self.eager_limit
        write = self.out.write
        write(_head(digest))
        write(f'<body class="{"eager" if eager else "lazy"}">\n<header><h1>newslint report</h1>'
              f'<p class="meta">newslint {escape(__version__)} &middot; {_plural(summary.files, "file")} checked</p></header>\n')
        write(self._overview(summary))
        write(self._file_list(order))
        write('<section id="articles" aria-label="Articles">\n')
        for i in order:
            write(self._article(i, eager))
        write("</section>\n")
        write(f'<script type="application/json" id="nl-index">{_json(self._index(order))}</script>\n')
        if not eager:
            for i in order:
                body = self.files[i].body
                if body:
                    write(_body_data(i, body))
        write(f"<script>{script}</script>\n</body>\n</html>\n")

    def _overview(self, summary: Summary) -> str:
        by_rule = sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        top = max((n for _, n in by_rule), default=1)
        level_of = self._rule_levels()
        parts = ['<section id="overview" aria-label="Overview"><div class="cards">',
                 _card("files checked", summary.files), _card("with findings", summary.files_with_findings),
                 _card("findings", summary.findings)]
        if summary.errors:
            parts.append(_card("not checked", summary.errors, "error"))
        for level in LEVELS:
            parts.append(_card(level + ("s" if summary.by_level.get(level, 0) != 1 else ""), summary.by_level.get(level, 0), level))
        parts.append('</div>')
        if by_rule:
            parts.append('<h2>Findings by rule</h2><div class="chart">')
            for rule, count in by_rule:
                width = max(0.5, 100 * count / top)
                spec = self.specs.get(rule)
                about = " ".join((spec.description or spec.message).split()) if spec is not None else ""
                link = safe_link(self.links.get(rule))
                title = escape(": ".join(filter(None, (rule, about[:300], link))))
                parts.append(f'<button type="button" class="bar" data-pick="{escape(rule)}" '
                             f'data-lv="{level_of.get(rule, "warning")}" title="{title}"><span class="name">{escape(rule)}</span>'
                             f'<span class="track"><span class="fill" style="width:{width:.1f}%"></span></span>'
                             f'<span class="n">{count:,}</span></button>')
            parts.append("</div>")
        parts.append("</section>\n")
        return "".join(parts)

    def _rule_levels(self) -> dict[str, str]:
        """Each rule's most severe level in the run, for its bar's colour."""
        worst: dict[str, str] = {}
        for file in self.files:
            for rule, level in file.counts:
                if rule not in worst or LEVELS.index(level) < LEVELS.index(worst[rule]):
                    worst[rule] = level
        return worst

    def _file_list(self, order: list[int]) -> str:
        rules = sorted({rule for file in self.files for rule, _ in file.counts})
        packs = sorted({_pack(rule) for rule in rules})
        parts = ['<section id="files" aria-label="Files"><h2>Files</h2><div class="filters">',
                 *(f'<label class="lvl" data-lv="{level}"><input type="checkbox" name="level" value="{level}" checked> '
                   f'<span class="lv">{level}</span></label> ' for level in LEVELS),
                 '<label>Rule <select id="f-rule"><option value="">all rules</option>',
                 *(f'<option value="{escape(r)}">{escape(r)}</option>' for r in rules),
                 '</select></label> <label>Pack <select id="f-pack"><option value="">all packs</option>',
                 *(f'<option value="{escape(p)}">{escape(p)}</option>' for p in packs),
                 '</select></label> <label>Search <input id="f-search" type="search" placeholder="file, headline or rule"></label>'
                 f' <label><input id="f-clean" type="checkbox"{" checked" if not any(f.counts for f in self.files) else ""}> files without findings</label>'
                 ' <button type="button" id="f-reset">Reset</button> <span id="f-shown" aria-live="polite"></span></div>',
                 '<table id="file-table"><thead><tr><th>File</th><th class="head">Headline</th>'
                 '<th class="n" title="errors">E</th><th class="n" title="warnings">W</th><th class="n" title="suggestions">S</th>'
                 '<th class="n">All</th></tr></thead><tbody>']
        for i in order[:ROWS]:
            file = self.files[i]
            by_level = _by_level(file)
            total = sum(by_level.values())
            state = self._clean_state(file, total)
            name = f'<a href="#f{i}">{escape(file.path)}</a>'
            head = escape(file.title) if file.error is None else f'<span class="err">{escape(file.error)}</span>'
            parts.append(f'<tr class="file{state}" data-i="{i}"><td class="path">{name}</td><td class="head">{head}</td>'
                         + "".join(f'<td class="n" data-lv="{lv}">{by_level[lv] or ""}</td>' for lv in LEVELS)
                         + f'<td class="n all">{total}</td></tr>')
        parts.append('</tbody></table><button type="button" id="f-more" hidden></button></section>\n')
        return "".join(parts)

    def _article(self, i: int, eager: bool) -> str:
        file = self.files[i]
        by_level = _by_level(file)
        counts = " ".join(f'<span class="lv" data-lv="{lv}">{n} {lv}{"s" if n != 1 else ""}</span>'
                          for lv, n in by_level.items() if n)
        state = self._clean_state(file, sum(by_level.values()))
        # A rough height, so that the scroll bar stays steady while articles are built and laid out.
        estimate = min(20000, 60 + len(file.body or "") // 12)
        head = (f'<article class="article{state}" id="f{i}" data-i="{i}" style="contain-intrinsic-size:auto {estimate}px">'
                f'<header><h2 class="path">{escape(file.path)}</h2>'
                f'<p class="counts">{counts or ("no findings" if file.error is None else "")}</p></header>')
        if file.error is not None:
            return head + f'<p class="err">Not checked: {escape(file.error)}</p></article>\n'
        if eager:
            return head + f'<div class="body" data-i="{i}">{file.body}</div></article>\n'
        return head + f'<div class="body" data-i="{i}" style="min-height:{estimate}px"></div></article>\n'

    def _clean_state(self, file: _File, total: int) -> str:
        """The class of a file without findings: hidden at first (as the script's filters
        start) unless no file has any."""
        if total or file.error is not None:
            return ""
        return " clean hide" if any(f.counts for f in self.files) else " clean"

    def _index(self, order: list[int]) -> dict[str, Any]:
        rules = sorted({rule for file in self.files for rule, _ in file.counts})
        number = {rule: n for n, rule in enumerate(rules)}
        files = []
        for file in self.files:
            counts = [[number[rule], LEVELS.index(level), n] for (rule, level), n in sorted(file.counts.items())]
            files.append({"p": file.path, "t": file.title, "c": counts, "e": file.error or ""})
        return {"version": 1, "levels": list(LEVELS), "rules": rules, "files": files, "order": order, "rows": ROWS}


def _rank(file: _File) -> tuple[int, int, int, str]:
    by_level = _by_level(file)
    return (-sum(by_level.values()), -by_level["error"], -by_level["warning"], file.path)


def _by_level(file: _File) -> dict[str, int]:
    counts = {level: 0 for level in LEVELS}
    for (_, level), n in file.counts.items():
        counts[level] += n
    return counts


def _pack(rule: str) -> str:
    return rule.split(".", 1)[0]


def _card(label: str, value: int, tone: str = "") -> str:
    return f'<div class="card" data-lv="{tone}"><b>{value:,}</b><span>{label}</span></div>'


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _json(value: object) -> str:
    """JSON to put inside a <script> element: no `<`, `>` or `&` in it, so that no
    `</script>` or `<!--` in an article can end or change the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _body_data(i: int, body: str) -> str:
    """An article's body kept for later, in an element no browser runs: as it is (every
    `<` in it is one of html_article's own tags: the article's own are escaped), or as
    JSON should it ever hold what would end or change a script element."""
    lowered = body.lower()
    if "</script" not in lowered and "<!--" not in lowered and "<script" not in lowered:
        return f'<script type="text/x-newslint-article" id="a{i}">{body}</script>\n'
    return f'<script type="application/json" id="a{i}">{_json(body)}</script>\n'


def _head(script_hash: str) -> str:
    css = (_ASSETS / "html_report.css").read_text(encoding="utf-8")
    policy = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{script_hash}'"
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="referrer" content="no-referrer">\n'
            f"<title>newslint report</title>\n<style>{css}</style>\n</head>\n")


def make(out: TextIO, *, color: bool, rules: Mapping[str, RuleSpec]) -> HtmlFormatter:
    return HtmlFormatter(out, rules)
