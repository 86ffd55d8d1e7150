"""Properties of the whole engine with every built-in rule, over any text.

For any text (arbitrary Unicode, Markdown constructs, quotation marks, numbers, dates,
CRLF, very long lines), as Markdown and as plain text:
- no exception, and no rule fails inside the engine (no newslint.internal-error);
- every finding's offsets lie inside the text, its match is exactly those characters, and
  its line and column point at them (computed here independently of the line index);
- the output is the same on every run, with the same or a second, separately built linter;
- --fix applied twice equals --fix applied once, and a round of fixes never touches text
  outside its edits.

CI runs a few hundred examples per property; bench/fuzz.py runs the same checks 100,000 times.
"""

from __future__ import annotations

import io
import os
import re
from functools import lru_cache

from hypothesis import HealthCheck, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st

from newslint.config import Config
from newslint.engine import INTERNAL_ERROR
from newslint.finding import FileResult, Finding
from newslint.fix import apply_edits, fixable
from newslint.formats import Summary, make_formatter
from newslint.linter import Linter
from tests.helpers import builtin_specs

# Each example lints with ~230 rules (20-40 ms); more examples: bench/fuzz.py.
EXAMPLES = int(os.environ.get("NEWSLINT_PROPERTY_EXAMPLES", "200"))

FRAGMENTS = (
    # Markdown and front matter
    "# ", "## ", "### Heading\n", "> ", "- ", "* ", "+ ", "1. ", "2) ", "```\n", "```python\n", "~~~\n", "    ",
    "`", "``", "**", "__", "_", "*", "~~", "[", "]", "](", ")", "[link](http://example.com/a_(b) \"t\")",
    "![alt](x.png)", "[ref]: http://x.org\n", "<b>", "</b>", "<br/>", "<div>\n", "</div>\n", "&amp;", "&#8217;",
    "<!-- newslint-disable -->", "<!-- newslint-enable -->", "<!-- newslint-disable-next-line News -->",
    "<!-- newslint-disable AP.Kyiv -->", "<!--", "-->", "---\n", "...\n", "title: ", "date: 2005-03-12\n",
    "newslint: {disable: [News]}\n", "date: 2005-02-30\n", "date: !!float x\n", "n: !!int 0x\n",
    "date: 0001-01-01 00:00:00 +23:59\n", "date: 9999-12-31\n", "tags: !!set {a}\n", "x: !!binary AAAA\n", "| a | b |\n|---|---|\n", "\\", "http://example.com/x_y", "<http://x.org>",
    "user@example.com", "\\\n", "===\n", "***\n",
    # Quotation marks and apostrophes
    '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u2039", "\u203a", "''", "``",
    '"We will not back down," he said. ', "'Tis ", "rock 'n' roll", "the '90s", "Jones' ", "it's ", "it\u2019s ",
    # Dashes, ellipses, punctuation
    " - ", " \u2013 ", "\u2014", "--", "...", "\u2026", ". . .", ".", ",", ";", ":", "?", "!", "(", ")", "/", "&", "%",
    # Numbers and dates
    "0", "1", "9", "10", "11", "100", "1,000", "1.000", "3.5", "5%", "5 per cent", "\u00a35m", "$1.2bn", "\u20ac3",
    "12/03/05", "3/4/2005", "12.03.2005", "2005-03-12", "'05", "1990s", "2004-05", "7pm", "10:30", "No. 10",
    "Monday", "Tuesday 15 March 2005", "Friday, March 18, 2005", "March 15", "15 March", "Sept. 27", "Jan 1st",
    "yesterday", "today", "last week", "next Tuesday", "one", "nine", "twenty", "first", "21st", "half", "a dozen",
    "three-quarters", "two-thirds", "million", "bn", "1m", "4,5", "+44", "-3", "1e5", "\u00bd",
    # Words, names, attribution
    "Tony Blair", "Mr Blair", "Blair", "Gordon Brown", "Mr Brown", "Brown", "Kiev", "Kyiv", "said", "says",
    "told the BBC", "according to", "sources said", "claimed", "admitted", "The", "the", "government", "Government",
    "U.S.", "US", "UK", "BBC", "Prime Minister", "prime minister", "a", "an", "of", "and", "very", "unique",
    "e.g.", "i.e.", "etc.", "Dr.", "St.", "Ms", "Mrs.", "Inc.", "O'Neill", "McDonald's", "al-Qaeda", "naïve",
    "Zürich", "São Paulo", "Beyoncé", "\u0645\u0631\u062d\u0628\u0627", "\u4e2d\u6587", "\U0001f600", "e\u0301",
    # Whitespace and line breaks
    " ", " ", " ", "\n", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\t", "\u00a0", "\u2028", "\u2029", "\u200b",
    "\ufeff", "\x0b", "\x0c", "\x85", "\x00",
)

_pieces = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=80).map("".join)
_long_line = st.builds(
    lambda piece, count, tail: piece * count + tail,
    st.sampled_from(["word ", '"a" ', "1,000 ", "'", "Blair said ", "*", "[", "\u2019s ", "-- ", "12/03/05 "]),
    st.integers(100, 800),
    _pieces,
)
_front_matter = st.builds(lambda head, body: f"---\n{head}\n---\n{body}", _pieces, _pieces)
# Articles of space-separated words and fragments: the shape most rules, and fixes, need.
_word = st.one_of(st.sampled_from(FRAGMENTS), st.text(st.characters(categories=["L"]), min_size=1, max_size=8))
_sentence = st.builds(lambda words, end: " ".join(words) + end, st.lists(_word, min_size=1, max_size=14),
                      st.sampled_from([".", ".", "?", "!", "", ":", '."', ".”"]))
_paragraph = st.lists(_sentence, min_size=1, max_size=5).map(" ".join)
_article = st.builds(lambda head, paras, newline: (head + "\n\n" + "\n\n".join(paras)).replace("\n", newline),
                     _sentence, st.lists(_paragraph, max_size=6), st.sampled_from(["\n", "\n", "\r\n"]))
TEXTS = st.one_of(_pieces, _article, _article, st.text(max_size=400), _long_line, _front_matter)
PATHS = st.sampled_from(["article.md", "article.txt"])


@lru_cache(maxsize=2)
def linter(copy: int = 0) -> Linter:
    """Every built-in rule of every pack; `copy` builds a second, independent linter."""
    return Linter(Config(), specs=builtin_specs())


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column, counted here without the engine's line index: LF, CRLF
    and a lone CR end a line (a CRLF's CR is the last character of its line)."""
    before = text[:offset]
    breaks = list(re.finditer(r"\r\n|\r|\n", before + text[offset : offset + 1]))
    breaks = [b for b in breaks if b.end() <= offset]
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - line_start + 1


def check_sound(text: str, path: str) -> list[Finding]:
    findings = linter().lint_text(text, path)
    for f in findings:
        assert f.rule != INTERNAL_ERROR, f"{f.message} (on {text!r})"
        assert 0 <= f.offset <= f.end_offset <= len(text), f
        assert f.match == text[f.offset : f.end_offset], f
        assert (f.line, f.column) == position(text, f.offset), f
        assert (f.end_line, f.end_column) == position(text, f.end_offset), f
        assert f.path == path and isinstance(f.message, str) and f.message.strip(), f
        if f.fix is not None:
            for edit in f.fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text), (f, edit)
    assert findings == sorted(findings, key=Finding.sort_key)
    return findings


def render(findings: list[Finding], text: str, path: str, fmt: str) -> str:
    out = io.StringIO()
    formatter = make_formatter(fmt, out)
    summary = Summary()
    result = FileResult(path, findings, text=text)
    summary.add(result)
    formatter.file(result)
    formatter.finish(summary)
    return out.getvalue()


def check_deterministic(text: str, path: str) -> None:
    first = check_sound(text, path)
    other = linter(1).lint_text(text, path)  # also shows that no state leaks between runs
    assert other == first
    for fmt in ("json", "parsable", "text"):
        assert render(other, text, path, fmt) == render(first, text, path, fmt)


def untouched_outside(before: str, after: str, spans: list[tuple[int, int]]) -> bool:
    """True when `after` is `before` with only the given spans replaced: the text between
    the spans survives, in order, and the text before the first and after the last is intact."""
    gaps, cursor = [], 0
    for start, end in sorted(spans):
        if start >= cursor:
            gaps.append(before[cursor:start])
            cursor = end
        else:
            cursor = max(cursor, end)
    tail = before[cursor:]
    if not after.startswith(gaps[0] if gaps else tail) or not after.endswith(tail):
        return False
    if not gaps:
        return after == before
    at = len(gaps[0])
    for gap in gaps[1:]:
        found = after.find(gap, at)
        if found < 0:
            return False
        at = found + len(gap)
    return at <= len(after) - len(tail)


def check_fix(text: str, path: str, unsafe: bool) -> None:
    lint = linter()
    current = text
    for _ in range(10):  # the rounds of Linter.fix_text, each checked
        candidates = fixable(lint.lint_text(current, path), unsafe)
        if not candidates:
            break
        fixed, applied = apply_edits(current, candidates)
        spans = [(e.start, e.end) for f in candidates for e in f.fix.edits]  # type: ignore[union-attr]
        assert untouched_outside(current, fixed, spans), (current, fixed)
        if not applied:
            break
        current = fixed
    if currently_in_test_context():  # (check_fix is also called on fixed examples)
        event("fixed" if current != text else "nothing to fix")
    once = current
    if current != text:  # (with nothing to fix, fix_text would only repeat the lint above)
        once, _ = lint.fix_text(text, path, unsafe=unsafe)
        assert once == current
    twice, _ = lint.fix_text(once, path, unsafe=unsafe)
    assert twice == once, f"a second --fix changed {once!r} to {twice!r}"


_settings = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# Found by fuzzing, kept as explicit examples: publication dates at the ends of the calendar
# (date arithmetic overflowed) and front matter values PyYAML cannot build.
_DATED = "Headline\n\nOn Monday, yesterday, next Friday and on Tuesday 15 March, Jan 1 and Dec 31, he said.\n"


@_settings
@given(TEXTS, PATHS)
@example(f"---\ndate: 0001-01-01\n---\n{_DATED}", "article.md")
@example(f"---\ndate: 9999-12-31 23:59:59 -23:59\n---\n{_DATED}", "article.txt")
@example(f"---\ndate: '0001-01-01T00:00:00+23:59'\n---\n{_DATED}", "article.md")
@example(f"---\ndate: 2005-02-30\n---\n{_DATED}", "article.md")
def test_findings_are_sound_and_deterministic(text: str, path: str) -> None:
    check_deterministic(text, path)


@_settings
@given(TEXTS, PATHS, st.booleans())
def test_fix_is_idempotent_and_stays_inside_its_edits(text: str, path: str, unsafe: bool) -> None:
    check_fix(text, path, unsafe)


def test_untouched_outside_can_fail() -> None:
    assert untouched_outside("abcdef", "aXcdef", [(1, 2)])
    assert not untouched_outside("abcdef", "aXcdeF", [(1, 2)])
    assert not untouched_outside("abcdef", "Xbcdef", [(1, 2)])
    assert not untouched_outside("abcdef", "abdef", [(4, 5)])
    assert untouched_outside("abcdef", "abcdef", [])
    assert not untouched_outside("abcdef", "abcdeg", [])
