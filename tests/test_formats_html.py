"""The HTML report without a browser: escaping, the highlights' data attributes, overlapping
and crossing findings, links, lazy bodies, and the command line writing it."""

from __future__ import annotations

import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from newslint.finding import Edit, FileError, FileResult, Finding, Fix, Level
from newslint.formats import Summary
from newslint.formats.html import HtmlFormatter
from newslint.formats.html_article import render_article
from tests.helpers import ROOT, run_cli

DATA = ROOT / "tests" / "data" / "html"
VOID = {"meta", "input", "br", "img", "hr", "link"}


def finding(text: str, start: int, end: int, rule: str = "Test.Rule", level: Level = Level.WARNING,
            message: str = "a message", link: str | None = None, suggestions: tuple[str, ...] = (),
            fix: Fix | None = None) -> Finding:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    end_line = text.count("\n", 0, end) + 1
    end_column = end - (text.rfind("\n", 0, end) + 1) + 1
    return Finding(rule, "existence", level, "a.md", line, column, end_line, end_column, start, end, text[start:end],
                   message, link, suggestions, fix)


class Highlights(HTMLParser):
    """Each finding's highlighted text (its first piece and its continuations, in order),
    the data attributes of its first piece, and whether every element closes in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []  # (tag, finding id of a highlight piece)
        self.text: dict[str, str] = {}
        self.attrs: dict[str, dict[str, str | None]] = {}
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        values = dict(attrs)
        key = None
        if tag == "mark":
            key = (values.get("id") or "h" + (values.get("data-of") or ""))[1:]
            if "data-rule" in values:
                self.attrs[key] = values
            self.text.setdefault(key, "")
        self.stack.append((tag, key))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.balanced = False
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for _, key in self.stack:
            if key is not None:
                self.text[key] += data


def parse(page: str) -> Highlights:
    parser = Highlights()
    parser.feed(page)
    parser.close()
    return parser


def report(results: list[FileResult], eager_limit: int = 10**9) -> str:
    out = io.StringIO()
    formatter = HtmlFormatter(out, {}, eager_limit=eager_limit)
    summary = Summary()
    for result in results:
        summary.add(result)
        formatter.file(result)
    formatter.finish(summary)
    return out.getvalue()


TEXT = "Title line\n\nThe quick brown fox jumps over the lazy dog.\n"


def test_one_highlight_per_finding_with_its_data_attributes() -> None:
    start = TEXT.index("quick")
    findings = [finding(TEXT, start, start + 5, level=Level.ERROR), finding(TEXT, TEXT.index("lazy"), TEXT.index("lazy") + 4)]
    page = report([FileResult("a.md", findings, text=TEXT)])
    parsed = parse(page)
    assert parsed.balanced
    assert len(re.findall(r"<mark [^>]*\bdata-rule=", page)) == 2
    assert parsed.attrs["0-0"]["data-level"] == "error"
    assert (parsed.attrs["0-0"]["data-line"], parsed.attrs["0-0"]["data-column"]) == ("3", str(start - TEXT.index("The") + 1))
    assert parsed.attrs["0-1"]["data-rule"] == "Test.Rule"
    assert parsed.text == {"0-0": "quick", "0-1": "lazy"}


def test_nested_and_crossing_findings_stay_whole_and_balanced() -> None:
    at = TEXT.index("quick")
    outer = finding(TEXT, at, at + len("quick brown fox"), rule="A.Outer")
    inner = finding(TEXT, at + 6, at + 11, rule="B.Inner", level=Level.ERROR)  # "brown", inside outer
    crossing = finding(TEXT, at + 12, at + len("quick brown fox jumps"), rule="C.Cross")  # "fox jumps": starts in outer, ends after
    same = finding(TEXT, at, at + 5, rule="D.Same", level=Level.SUGGESTION)  # "quick", shares outer's start
    page = report([FileResult("a.md", sorted([outer, inner, crossing, same], key=Finding.sort_key), text=TEXT)])
    parsed = parse(page)
    assert parsed.balanced
    assert len(re.findall(r"<mark [^>]*\bdata-rule=", page)) == 4  # a crossing finding is split, but only its first piece is a highlight
    by_rule = {attrs["data-rule"]: key for key, attrs in parsed.attrs.items()}
    assert parsed.text[by_rule["A.Outer"]] == "quick brown fox"
    assert parsed.text[by_rule["B.Inner"]] == "brown"
    assert parsed.text[by_rule["C.Cross"]] == "fox jumps"
    assert parsed.text[by_rule["D.Same"]] == "quick"
    assert 'class="hl cont' in page  # the rest of the crossing finding


def test_a_finding_across_blocks_is_split_at_the_block() -> None:
    text = "First paragraph ends here.\n\nSecond one starts here.\n"
    f = finding(text, text.index("here."), text.index("Second") + 6)
    parsed = parse(report([FileResult("a.md", [f], text=text)]))
    assert parsed.balanced and list(parsed.attrs) == ["0-0"]
    assert parsed.text["0-0"] == "here.Second"  # the blank line between is no block's


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_article_text_and_messages_are_escaped() -> None:
    text = (DATA / "hostile.md").read_text(encoding="utf-8")
    at = text.index("onerror")
    f = finding(text, at, at + 7, message='<b onmouseover="x()">bold</b>', suggestions=("</mark><script>",),
                rule='R.<i>"')
    page = report([FileResult("hostile.md", [f], text=text)], eager_limit=10**9)
    tags = Tags()
    tags.feed(page)
    assert [attrs for tag, attrs in tags.tags if tag == "script"] == [{"type": "application/json", "id": "nl-index"}, {}]
    assert not [tag for tag, _ in tags.tags if tag in ("img", "i", "iframe", "object", "embed", "svg")]
    assert [attrs["href"] for tag, attrs in tags.tags if tag == "a"] == ["#f0"]
    assert not [name for _, attrs in tags.tags for name in attrs if name.startswith("on")]
    assert "&lt;b onmouseover=&quot;x()&quot;&gt;bold&lt;/b&gt;" in page
    assert "&lt;/mark&gt;&lt;script&gt;" in page
    assert 'data-rule="R.&lt;i&gt;&quot;"' in page
    assert ">onerror</mark>" in page  # markup a finding is on is shown, as text


def test_lazy_bodies_are_kept_whole_in_elements_no_article_can_close() -> None:
    text = "A story </script><script>alert(1)</script> <!-- and more </SCRIPT >\n\nMore & more.\n"
    findings = [finding(text, 2, 7)]
    eager = render_article(0, "a.md", text, findings).body
    page = report([FileResult("a.md", findings, text=text)], eager_limit=0)
    data = re.search(r'<script type="text/x-newslint-article" id="a0">(.*?)</script>', page, re.S)
    assert data is not None and data.group(1) == eager  # the element ends where the body does
    assert "data-rule" in eager and "alert(1)" in eager
    assert '<div class="body" data-i="0" style="min-height:' in page  # empty until it is built


def test_a_body_that_could_close_its_element_is_kept_as_json() -> None:
    from newslint.formats.html import _body_data

    kept = _body_data(3, '<p>x</p></script><script>alert(1)</script><!--')
    assert kept.startswith('<script type="application/json" id="a3">"')
    inside = kept[kept.index(">") + 1 : kept.rindex("</script>")]
    assert "<" not in inside and ">" not in inside
    assert json.loads(inside) == '<p>x</p></script><script>alert(1)</script><!--'


def test_a_rule_link_is_an_href_only_when_it_is_a_web_address() -> None:
    good = finding(TEXT, 0, 5, rule="A.Good", link="https://example.org/style#rule")
    bad = finding(TEXT, 6, 10, rule="A.Bad", link="javascript:alert(1)")
    page = report([FileResult("a.md", [good, bad], text=TEXT)])
    assert 'href="https://example.org/style#rule"' in page
    assert "javascript:" not in page


def test_a_fix_shows_the_fixed_words() -> None:
    text = "The mayor's plan.\n"
    at = text.index("'")
    f = finding(text, at, at + 1, fix=Fix((Edit(at, at + 1, "\u2019"),), safe=True))
    page = report([FileResult("a.md", [f], text=text)])
    assert "Fix: <del>mayor&#x27;s</del> \u2192 <ins>mayor\u2019s</ins>" in page


def test_findings_outside_the_prose_get_a_source_excerpt() -> None:
    text = "---\ntitle: A headline\nauthor: Jo Bloggs\n---\n\nBody text here.\n\n```\ncode line\n```\n"
    in_front = finding(text, text.index("author"), text.index("author") + 6, rule="A.Front")
    in_code = finding(text, text.index("code line"), text.index("code line") + 4, rule="A.Code")
    point = finding(text, len(text), len(text), rule="A.End")
    article = render_article(0, "a.md", text, [in_front, in_code, point])
    parsed = parse(article.body)
    assert parsed.balanced and len(parsed.attrs) == 3
    assert article.body.count('<pre class="src">') >= 2
    assert parsed.text["0-0"] == "author" and parsed.text["0-1"] == "code"
    assert parsed.text["0-2"] == ""  # a point: an empty element the stylesheet marks
    assert article.title == "A headline"
    assert "title: A headline" not in article.body.split("<pre")[0]  # front matter is not shown as prose


def test_markup_is_not_shown_as_prose() -> None:
    text = "Some **bold** text and a [link](https://example.org/x) and `code`.\n"
    article = render_article(0, "a.md", text, [])
    assert "**" not in article.body and "example.org" not in article.body and "`" not in article.body
    assert "<strong>bold</strong>" in article.body and '<span class="a">link</span>' in article.body


def test_emphasis_and_highlights_cross_and_stay_balanced() -> None:
    text = "Some **bold text** here and _this [linked words](https://x.org) too_.\n"
    at = text.index("text")
    crossing = finding(text, at, text.index("here") + 4, rule="A.Cross")
    inside = finding(text, text.index("linked"), text.index("linked") + 6, rule="A.In")
    article = render_article(0, "a.md", text, [crossing, inside])
    parsed = parse(article.body)
    assert parsed.balanced
    assert parsed.text == {"0-0": "text here", "0-1": "linked"}
    assert "<strong>bold " in article.body and "<em>this " in article.body


def test_a_file_not_checked_is_listed_with_its_error() -> None:
    page = report([FileResult("gone.md", error=FileError("not-found", "no such file")),
                   FileResult("a.md", [finding(TEXT, 0, 5)], text=TEXT)])
    assert "no such file [newslint.not-found]" in page
    assert '<div class="card" data-lv="error"><b>1</b><span>not checked</span>' in page


def test_cli_writes_the_page_to_a_file_and_the_same_bytes_every_run(tmp_path: Path) -> None:
    for name in ("markdown.md", "hostile.md", "plain.txt"):
        shutil.copy(DATA / name, tmp_path / name)
    first = run_cli("check", "--isolated", "--no-cache", "--format", "html:report.html", ".", cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    assert first.stdout == "" and "3 files checked" in first.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    as_json = json.loads(run_cli("check", "--isolated", "--no-cache", "--format", "json", ".", cwd=tmp_path).stdout)
    assert len(re.findall(r"<mark [^>]*\bdata-rule=", page)) == as_json["summary"]["findings"] > 0
    again = run_cli("check", "--isolated", "--no-cache", "--format", "html", ".", cwd=tmp_path)
    assert again.stdout == page
    assert "http://" not in page.split("<body")[0] and "src=" not in page  # nothing loaded from anywhere


def test_readme_shows_the_screenshot_and_its_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "![" in readme and "docs/report.png" in readme
    assert "python tools/screenshot_report.py" in readme
    png = (ROOT / "docs" / "report.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) < 400_000


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet="ab *_[]()`<>#-\n\r'\"&", max_size=80), data=st.data())
def test_any_text_and_spans_give_balanced_markup_and_one_highlight_a_finding(text: str, data: st.DataObject) -> None:
    spans = data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=6))
    findings = sorted((finding(text, min(a, b), max(a, b)) for a, b in spans), key=Finding.sort_key)
    article = render_article(0, "a.md", text, findings)
    parsed = parse(article.body)
    assert parsed.balanced and not parsed.stack
    assert sorted(parsed.attrs) == sorted(f"0-{i}" for i in range(len(findings)))
    for key, shown in parsed.text.items():  # a highlight shows only characters of its finding's span
        f = findings[int(key.split("-")[1])]
        assert all(c in f.match or c.isspace() for c in shown)


def test_a_huge_article_is_shown_as_excerpts_around_its_findings() -> None:
    from newslint.formats.html_article import LARGE

    text = "word " * (LARGE // 5 + 1000)  # one line, longer than any article
    findings = [finding(text, at, at + 4) for at in range(0, len(text) - 10, len(text) // 250 * 5)]
    article = render_article(0, "a.md", text, findings)
    parsed = parse(article.body)
    assert parsed.balanced and len(parsed.attrs) == len(findings)
    assert all(shown == "word" for shown in parsed.text.values())
    assert "Too long to show whole" in article.body and len(article.body) < 200_000


def test_hostile_articles_render_in_bounded_time(tmp_path: Path) -> None:
    """Run in a subprocess with a generous timeout: a 4 MB line, 4 MB of emphasis marks,
    2 million lines and a run of backticks, each with 1,000 overlapping findings."""
    script = tmp_path / "render.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from newslint.formats.html_article import render_article\n"
        "from newslint.finding import Finding\n"
        "from tests.test_formats_html import finding\n"
        "for text in ('word ' * 800_000, '**a** ' * 700_000, 'a\\n' * 2_000_000, '`' * 2_000_000,\n"
        "             '*a* ' * 60_000, '[a](b) ' * 35_000):\n"
        "    step = max(1, len(text) // 1000)\n"
        "    fs = sorted((finding(text, at, min(len(text), at + 2 * step)) for at in range(0, len(text), step)), key=Finding.sort_key)\n"
        "    render_article(0, 'a.md', text, fs)\n"
        "print('done')\n", encoding="utf-8")
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.stdout.strip() == "done", result.stderr
