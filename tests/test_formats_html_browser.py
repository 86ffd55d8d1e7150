"""The HTML report in a real browser: Debian's Chromium, driven by Playwright's Python package
(never a downloaded browser). Each highlight is where its finding is and shows its text,
the filters change what is shown, a hostile article's markup never runs, the layout is
one column on a phone, and the page is not blank.

Skipped, with the reason, where Playwright or a `chromium` is missing (.ci/run installs
Debian's `chromium`); $NEWSLINT_CHROMIUM names another browser binary.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest

from newslint.finding import FileResult, Finding, Level
from newslint.parse import parse_document
from tests.helpers import ROOT, SEEDS, run_cli
from tests.test_formats_html import DATA, TEXT, finding, report as html_page

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python package is not installed (pip install '.[test]')")
CHROMIUM = os.environ.get("NEWSLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install chromium)")

# Each highlight's finding: its data attributes and its text (the first piece and any
# continuations of a finding split where it crosses another or a block's end).
_HIGHLIGHTS = """() => Array.from(document.querySelectorAll('mark.hl[data-rule]')).map(mark => {
  const id = mark.id.slice(1);
  const rest = Array.from(document.querySelectorAll('mark.hl[data-of="' + id + '"]')).map(m => m.textContent).join('');
  return {file: mark.closest('article').querySelector('.path').textContent, rule: mark.dataset.rule,
          level: mark.dataset.level, line: +mark.dataset.line, column: +mark.dataset.column,
          text: mark.textContent + rest};
})"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    opened.errors = []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    yield opened
    context.close()


def run_report(tmp_path: Path, *names: Path) -> tuple[Path, dict[str, Any]]:
    """The HTML and JSON reports of one `newslint check` over copies of `names`."""
    for name in names:
        shutil.copy(name, tmp_path / name.name)
    result = run_cli("check", "--isolated", "--no-cache", "--format", "html:report.html", "--format", "json:report.json",
                     *sorted(n.name for n in names), cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return tmp_path / "report.html", json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))


def shown_text(text: str, path: str, start: int, end: int) -> str:
    """What a reader sees of text[start:end]: the characters the parser kept as prose (its
    markup left out), or all of them where the span holds no prose at all."""
    prose = parse_document(text, path).prose
    kept = [i for i in range(start, end) if text[i] == prose[i] and not text[i].isspace()]
    if not kept:
        return text[start:end].replace("\r", "")
    return "".join(text[i] for i in range(start, end) if (text[i] == prose[i] and text[i] != "\r") or text[i] == "\n")


def expected_highlights(folder: Path, report: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for file in report["files"]:
        text = (folder / file["path"]).read_text(encoding="utf-8")
        for f in file["findings"]:
            rows.append({"file": file["path"], "rule": f["rule"], "level": f["level"], "line": f["line"],
                         "column": f["column"], "text": shown_text(text, file["path"], f["offset"], f["end_offset"])})
    return rows


def wait_until(page: Any, expression: str, seconds: float = 10) -> None:
    """Poll `expression` (page.wait_for_function evaluates strings, which the page's
    Content-Security-Policy forbids)."""
    for _ in range(int(seconds * 20)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"still false after {seconds} s: {expression}")


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["file"], row["line"], row["column"], row["rule"])


def test_seed_article_every_finding_highlighted_at_its_text(tmp_path: Path, page: Any) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    html, report = run_report(tmp_path, seed)
    page.goto(html.as_uri())
    found = page.evaluate(_HIGHLIGHTS)
    assert len(found) == report["summary"]["findings"] == 5
    assert sorted(found, key=_key) == sorted(expected_highlights(tmp_path, report), key=_key)
    text = seed.read_text(encoding="utf-8")
    matches = [f["match"] for f in report["files"][0]["findings"]]
    assert [row["text"] for row in sorted(found, key=_key)] == matches == ["'"] * 5  # plain text: exactly the match
    assert all(text.splitlines()[row["line"] - 1][row["column"] - 1] == "'" for row in found)
    assert page.errors == []


def test_fixture_set_every_finding_highlighted_at_its_text(tmp_path: Path, page: Any) -> None:
    html, report = run_report(tmp_path, *sorted(DATA.iterdir()))
    page.goto(html.as_uri())
    found = page.evaluate(_HIGHLIGHTS)
    assert len(found) == report["summary"]["findings"] >= 10
    assert sorted(found, key=_key) == sorted(expected_highlights(tmp_path, report), key=_key)
    # Every highlight has its note, and each note's message is the finding's.
    notes = page.evaluate("() => Array.from(document.querySelectorAll('mark.hl[data-rule]')).map("
                          "m => document.getElementById('n' + m.id.slice(1)).querySelector('.msg').textContent)")
    messages = sorted(f["message"] for file in report["files"] for f in file["findings"])
    assert sorted(notes) == messages
    assert page.errors == []


def _visible_rows(page: Any) -> list[str]:
    return page.evaluate("() => Array.from(document.querySelectorAll('#file-table tr.file'))"
                         ".filter(r => r.offsetParent !== null).map(r => r.querySelector('.path').textContent)")


def _lit(page: Any) -> list[str]:
    """The rules of the highlights shown in colour."""
    return page.evaluate("() => Array.from(document.querySelectorAll('mark.hl[data-rule]'))"
                         ".filter(m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)').map(m => m.dataset.rule)")


def _shown_notes(page: Any) -> int:
    return page.evaluate("() => Array.from(document.querySelectorAll('#articles .note')).filter(n => n.offsetParent !== null).length")


def test_filters_change_what_is_shown(tmp_path: Path, page: Any) -> None:
    html, report = run_report(tmp_path, *sorted(DATA.iterdir()))
    page.goto(html.as_uri())
    total = report["summary"]["findings"]
    assert sorted(_visible_rows(page)) == ["hostile.md", "markdown.md", "plain.txt"]
    assert len(_lit(page)) == total and _shown_notes(page) == total

    page.select_option("#f-rule", "AP.Numerals")
    with_numerals = sorted(f["path"] for f in report["files"] if any(x["rule"] == "AP.Numerals" for x in f["findings"]))
    assert sorted(_visible_rows(page)) == with_numerals == ["hostile.md", "markdown.md"]
    assert set(_lit(page)) == {"AP.Numerals"}
    assert _shown_notes(page) == report["summary"]["by_rule"]["AP.Numerals"]
    assert "2 of 3 files" in page.text_content("#f-shown")

    page.click("#f-reset")
    page.select_option("#f-pack", "News")
    assert {rule.split(".")[0] for rule in _lit(page)} == {"News"}

    page.click("#f-reset")
    page.uncheck("input[name=level][value=warning]")  # every finding here is a warning
    assert _visible_rows(page) == [] and _lit(page) == [] and _shown_notes(page) == 0

    page.click("#f-reset")
    page.fill("#f-search", "plain")
    wait_until(page, "document.querySelectorAll('#file-table tr.file:not(.hide)').length === 1")
    assert _visible_rows(page) == ["plain.txt"]
    assert page.evaluate("document.getElementById('f0').offsetParent === null || document.querySelector('#articles .article:not(.hide) .path').textContent === 'plain.txt'")

    page.click("#f-reset")
    page.click(".bar[data-pick='News.DoubledWords']")  # a bar of the chart filters by its rule
    assert page.input_value("#f-rule") == "News.DoubledWords"
    assert set(_lit(page)) == {"News.DoubledWords"}


def test_hostile_article_markup_does_not_run(tmp_path: Path, page: Any) -> None:
    html, report = run_report(tmp_path, DATA / "hostile.md")
    page.goto(html.as_uri())
    for mark in page.query_selector_all("mark.hl"):
        mark.hover()
        mark.click()
    page.evaluate("window.newslintReport.renderAll()")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('#articles img, #articles script, #articles iframe').length") == 0
    assert page.evaluate("Array.from(document.querySelectorAll('a')).filter(a => a.href.startsWith('javascript')).length") == 0
    assert "window.pwned = 1" in page.text_content("#articles")  # the headline's script is text
    assert page.errors == []


def test_a_script_smuggled_past_escaping_would_not_run(tmp_path: Path, page: Any) -> None:
    """Second line of defence: the page's policy runs its own script only (by hash)."""
    html, _ = run_report(tmp_path, DATA / "plain.txt")
    tampered = html.read_text(encoding="utf-8").replace("<body", '<body onload="window.__pwned=1"', 1)
    tampered = tampered.replace('<section id="articles"', '<img src="x" onerror="window.__pwned=2"><script>window.__pwned=3</script><section id="articles"', 1)
    html.write_text(tampered, encoding="utf-8")
    page.goto(html.as_uri())
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("typeof window.newslintReport") == "object"  # the page's own script still ran


def test_large_report_builds_articles_on_view(tmp_path: Path, page: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import newslint
    from newslint.formats import html as html_format

    monkeypatch.setattr(html_format, "ROWS", 50)

    results = list(newslint.lint_paths([str(p) for p in sorted(DATA.iterdir())] * 1, preset="ap"))
    many = [FileResult(f"{i:03}-{r.path.rsplit('/', 1)[-1]}", r.findings, r.error, r.text) for i in range(40) for r in results]
    html = tmp_path / "large.html"
    html.write_text(html_page(many, eager_limit=0), encoding="utf-8")
    page.goto(html.as_uri())
    total = sum(len(r.findings) for r in many)
    built = page.evaluate("document.querySelectorAll('mark.hl[data-rule]').length")
    assert 0 < built < total  # only what is near the view is built
    page.evaluate("document.querySelectorAll('#articles .article')[100].scrollIntoView()")
    wait_until(page, f"document.querySelectorAll('mark.hl[data-rule]').length > {built}")
    page.evaluate("window.newslintReport.renderAll()")
    assert page.evaluate("document.querySelectorAll('mark.hl[data-rule]').length") == total
    # The file list holds its first rows; the rest come on request, and filters rebuild it.
    assert len(_visible_rows(page)) == 50
    page.click("#f-more")
    assert len(_visible_rows(page)) == 100
    page.fill("#f-search", "plain")
    wait_until(page, "document.querySelectorAll('#file-table tr.file').length === 40")
    assert set(_visible_rows(page)) == {f"{i:03}-plain.txt" for i in range(40)}
    assert page.is_hidden("#f-more")
    assert page.errors == []


def test_overlapping_findings_stay_readable(tmp_path: Path, page: Any) -> None:
    at = TEXT.index("quick")
    findings = sorted([finding(TEXT, at, at + 15, rule="A.Outer"), finding(TEXT, at + 6, at + 11, rule="B.Inner", level=Level.ERROR),
                       finding(TEXT, at + 12, at + 21, rule="C.Cross", level=Level.SUGGESTION)], key=Finding.sort_key)
    html = tmp_path / "overlap.html"
    html.write_text(html_page([FileResult("a.md", findings, text=TEXT)], eager_limit=10**9), encoding="utf-8")
    page.goto(html.as_uri())
    found = {row["rule"]: row["text"] for row in page.evaluate(_HIGHLIGHTS)}
    assert found == {"A.Outer": "quick brown fox", "B.Inner": "brown", "C.Cross": "fox jumps"}
    # The inner highlight is drawn in its own level's colour, inside the outer one.
    colours = page.evaluate("() => Object.fromEntries(Array.from(document.querySelectorAll('mark.hl[data-rule]'))"
                            ".map(m => [m.dataset.rule, getComputedStyle(m).borderBottomColor]))")
    assert len(set(colours.values())) == 3
    sentence = page.evaluate("document.querySelector('mark.hl[data-rule]').closest('p').textContent")
    assert sentence == TEXT.split("\n")[2]  # the sentence reads as written
    page.hover("mark.hl[data-rule='B.Inner']")
    assert "a message" in page.text_content("#nl-card")


def test_one_column_on_a_phone_margin_notes_on_a_desk(tmp_path: Path, browser: Any) -> None:
    html, _ = run_report(tmp_path, DATA / "markdown.md")
    for width, side in ((1100, True), (400, False)):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(html.as_uri())
        boxes = page.evaluate("() => { const m = document.querySelector('mark.hl[data-rule]').getBoundingClientRect();"
                              " const n = document.getElementById('n' + document.querySelector('mark.hl[data-rule]').id.slice(1)).getBoundingClientRect();"
                              " const t = document.querySelector('mark.hl[data-rule]').closest('.r').firstElementChild.getBoundingClientRect();"
                              " return {noteLeft: n.left, noteTop: n.top, textRight: t.right, textBottom: t.bottom, page: document.documentElement.scrollWidth}; }")
        assert boxes["page"] <= width  # nothing wider than the screen
        if side:
            assert boxes["noteLeft"] >= boxes["textRight"]
        else:
            assert boxes["noteTop"] >= boxes["textBottom"] - 1
        context.close()


def _ink(page: Any, png: bytes) -> float:
    """The share of a screenshot's pixels that are not the page's white background."""
    page.goto("about:blank")
    return page.evaluate("""async data => {
      const image = new Image(); image.src = 'data:image/png;base64,' + data; await image.decode();
      const canvas = document.createElement('canvas'); canvas.width = image.width; canvas.height = image.height;
      const context = canvas.getContext('2d'); context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      let ink = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 235 || pixels[i + 1] < 235 || pixels[i + 2] < 235) ink++;
      return ink / (pixels.length / 4);
    }""", base64.b64encode(png).decode("ascii"))


def test_screenshot_is_not_blank(tmp_path: Path, page: Any) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    html, _ = run_report(tmp_path, seed)
    page.goto(html.as_uri())
    shot = page.screenshot(full_page=False)
    page.set_content("<html><body></body></html>")
    blank = page.screenshot(full_page=False)
    assert _ink(page, blank) < 0.001  # the measure sees a blank page as blank
    assert _ink(page, shot) > 0.03
    page.goto(html.as_uri())
    page.evaluate("document.getElementById('f0').scrollIntoView()")
    assert _ink(page, page.screenshot(full_page=False)) > 0.03  # the article's text is drawn too


def test_print_builds_every_article_and_drops_the_controls(tmp_path: Path, page: Any) -> None:
    import newslint

    results = list(newslint.lint_paths([str(p) for p in sorted(DATA.iterdir())], preset="ap"))
    many = [FileResult(f"{i:03}-{r.path.rsplit('/', 1)[-1]}", r.findings, r.error, r.text) for i in range(30) for r in results]
    html = tmp_path / "large.html"
    html.write_text(html_page(many, eager_limit=0), encoding="utf-8")
    page.goto(html.as_uri())
    total = sum(len(r.findings) for r in many)
    assert page.evaluate("document.querySelectorAll('mark.hl[data-rule]').length") < total
    pdf = page.pdf()  # printing fires `beforeprint`: every article is built first
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    assert page.evaluate("document.querySelectorAll('mark.hl[data-rule]').length") == total
    page.emulate_media(media="print")
    assert page.is_hidden(".filters")
    note = page.evaluate("getComputedStyle(document.querySelector('.notes')).position")
    assert note == "static"  # beside its paragraph in the grid, not placed by the script
