"""Every line ending newslint reads (LF, CRLF, a lone CR) gives the same findings.

markdown-it splits lines at LF, CRLF and a lone CR (CommonMark's line endings), so the line
index and the parsers do too; a lone-CR Markdown file once found 1 of 3 findings. U+2028,
U+2029, NEL, form feed and vertical tab end no line (as in CommonMark, git and diff).
"""

from __future__ import annotations

import os
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.config import Config
from newslint.document import LineIndex, split_lines
from newslint.finding import Finding
from newslint.linter import Linter
from tests.helpers import builtin_specs, lint, run_cli

ARTICLE = (
    "---\ntitle: Talks resume\ndate: 2005-03-12\n---\n\n# Talks in Kiev\n\n"
    "It was 'great'. He said that isn't so.\n\n"
    "> The team's win. Moscow\u2019s plan and Kyiv\u2019s answer...\n\n"
    "- Russia's demands\u2026 and Kiev's reply\n- Teh end.\n\n"
    "```\nKiev in code\n```\n\n"
    "<!-- newslint-disable-next-line AP.Kyiv -->\nKiev, said nobody.\n"
)


def positions(findings: list[Finding]) -> set[tuple[str, int, int, int, int]]:
    return {(f.rule, f.line, f.column, f.end_line, f.end_column) for f in findings}


@pytest.mark.parametrize("path", ["article.md", "article.txt"])
@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_endings_give_the_same_findings(path: str, newline: str) -> None:
    expected = lint(ARTICLE, path=path)
    assert len(expected) >= 4
    text = ARTICLE.replace("\n", newline)
    found = lint(text, path=path)
    assert positions(found) == positions(expected)
    for f in found:  # columns and matches come from offsets in the text as it is
        assert f.match == text[f.offset : f.end_offset]


def test_mixed_line_endings() -> None:
    lines = ARTICLE.split("\n")
    endings = ["\n", "\r", "\r\n"]  # (a CR before an LF would make one CRLF of two line endings)
    text = "".join(line + endings[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]
    assert positions(lint(text)) == positions(lint(ARTICLE))


def test_line_index_counts_lf_crlf_and_lone_cr() -> None:
    index = LineIndex("ab\rcd\r\nef\ngh\r\rij")
    assert [index.position(o) for o in (0, 3, 5, 7, 10, 13, 14)] == [(1, 1), (2, 1), (2, 3), (3, 1), (4, 1), (5, 1), (6, 1)]
    assert index.line_span(1) == (0, 2)  # a lone CR is not part of its line
    assert index.line_span(2) == (3, 6)  # a CRLF's CR stays the last character of its line
    assert len(index) == 6


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b"])
def test_unicode_separators_end_no_line(separator: str) -> None:
    text = f"One{separator}two\nthree"
    assert LineIndex(text).position(text.index("three")) == (2, 1)
    assert split_lines(text) == [f"One{separator}two", "three"]


def test_text_report_shows_the_line_of_a_lone_cr_file(tmp_path) -> None:
    article = tmp_path / "cr.md"
    article.write_bytes("Headline\r\rNear Kiev, they said.\r".encode())
    result = run_cli("check", "--select", "AP.HouseSpellings", "--no-cache", str(article), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "3:6" in result.stdout and "    Near Kiev, they said.\n" in result.stdout


_word = st.sampled_from([
    "Kiev", "Kyiv", "said", "it's", "it\u2019s", "\"We will\"", "\u201cNo\u201d", "...", "\u2026", " - ", "\u2014",
    "12/03/05", "Monday", "yesterday", "5%", "five", "1,000", "Mr Blair", "Blair", "U.S.", "the", "a", "very",
    "`code`", "**bold**", "[link](http://x.org)", "<b>", "e.g.", "Teh",
])
_sentence = st.builds(lambda words, end: " ".join(words) + end, st.lists(_word, min_size=1, max_size=10),
                      st.sampled_from([".", "?", "", '."']))
_block = st.builds(lambda prefix, sentences: prefix + "\n".join(sentences),
                   st.sampled_from(["", "", "# ", "> ", "- ", "1. ", "    ", "```\n"]),
                   st.lists(_sentence, min_size=1, max_size=3))
_articles = st.builds(lambda blocks, front: front + "\n\n".join(blocks) + "\n",
                      st.lists(_block, min_size=1, max_size=6),
                      st.sampled_from(["", "---\ntitle: A 'title'\ndate: 2005-03-12\n---\n"]))


@lru_cache(maxsize=1)
def every_rule() -> Linter:
    return Linter(Config(), specs=builtin_specs())


@settings(max_examples=int(os.environ.get("NEWSLINT_PROPERTY_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_articles, st.sampled_from(["article.md", "article.txt"]))
def test_any_article_gives_the_same_findings_with_lf_crlf_and_cr(article: str, path: str) -> None:
    linter = every_rule()
    lf = positions(linter.lint_text(article, path))
    assert positions(linter.lint_text(article.replace("\n", "\r\n"), path)) == lf
    assert positions(linter.lint_text(article.replace("\n", "\r"), path)) == lf


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_proselint_sees_paragraphs_of_every_line_ending(newline: str) -> None:
    # proselint's "\n\n But" pattern once missed every CRLF paragraph (196 on the corpus).
    text = "Headline\n\nFirst paragraph.\n\nBut a second one at 12 noon.\n".replace("\n", newline)
    found = lint(text, select=["Proselint.misc.but", "Proselint.redundancy.misc.after_the_deadline"])
    assert [(f.rule, f.line, f.column, f.match) for f in found] == [
        ("Proselint.misc.but", 5, 1, "But"), ("Proselint.redundancy.misc.after_the_deadline", 5, 21, "12 noon")]
    [fix] = [f.fix for f in found if f.fix]
    assert [text[e.start : e.end] for e in fix.edits] == ["12 noon"]  # offsets in the text as it is
