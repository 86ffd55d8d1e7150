"""Markdown: prose keeps its offsets; code, HTML, link targets, markup and front matter are blanked."""

from __future__ import annotations

from newslint.parse import parse_document

ARTICLE = """---
title: "Kiev talks resume"
date: 2024-03-06
---

# Talks in *Kiev*

Officials met in [Kiev](https://example.com/kiev "Kiev") on `Kiev` day.<br>
<!-- newslint-disable-next-line AP.Kyiv -->
> A quoted **Kiev** line
> continues here.

- first item about Kiev
- second item

```
Kiev in a fence
```

    Kiev in indented code

<div>
Kiev in HTML
</div>

![Kiev photo](kiev.jpg)
"""


def parsed():
    return parse_document(ARTICLE, "a.md")


def test_prose_has_same_length() -> None:
    doc = parsed()
    assert len(doc.prose) == len(doc.text)
    assert [i for i, c in enumerate(doc.text) if c == "\n"] == [i for i, c in enumerate(doc.prose) if c == "\n"]


def test_only_prose_mentions_survive() -> None:
    doc = parsed()
    visible = [doc.text.count("\n", 0, i) + 1 for i in range(len(doc.prose)) if doc.prose.startswith("Kiev", i)]
    # title (line 2), heading (6), link text (8), blockquote (10), list item (13)
    assert visible == [2, 6, 8, 10, 13]


def test_markup_is_blanked_in_place() -> None:
    doc = parsed()
    line = doc.prose.split("\n")[7]
    assert line.startswith("Officials met in  Kiev ")
    assert "https" not in line and "`" not in line and "<br>" not in line


def test_regions_and_metadata() -> None:
    doc = parsed()
    kinds = [r.kind for r in doc.regions]
    assert kinds == ["title", "heading", "paragraph", "blockquote", "list", "list"]
    assert doc.metadata["title"] == "Kiev talks resume"
    title = doc.regions[0]
    assert doc.text[title.start : title.end] == "Kiev talks resume"


def test_directives_found_outside_code() -> None:
    doc = parsed()
    assert [(d.action, d.rules, d.line) for d in doc.directives] == [("disable-next-line", ("AP.Kyiv",), 9)]


def test_malformed_front_matter_is_a_problem_not_a_crash() -> None:
    doc = parse_document("---\ntitle: [unclosed\n---\nBody text.\n", "a.md")
    assert doc.problems and "malformed front matter" in doc.problems[0][1]
    assert "Body text." in doc.prose


def test_crlf_markdown() -> None:
    doc = parse_document("# Head\r\n\r\nPara *one*\r\n", "a.md")
    # The CR of a CRLF is a space in the prose, so patterns see LF lines (`$` after "Head").
    assert doc.prose == "  Head \n \nPara  one  \n"
    assert doc.text[doc.regions[0].start : doc.regions[0].end] == "Head"


def test_the_paragraph_end_shortcut_gives_markdown_its_own_blocks() -> None:
    """Our parser asks only the block rules that can open on a line's first character
    whether it ends a paragraph; markdown-it's own asks them all. Same tokens either way."""
    import random

    from markdown_it import MarkdownIt

    from newslint.parse.markdown import _MAX_NESTING, _parser

    stock = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).disable(["inline", "text_join"])
    pieces = ["a", "  b", "- x", "* y", "+ z", "1. q", "2) r", "> quote", "# h", "## h ##", "```", "~~~", "    code",
              "***", "---", "___", "===", "<div>", "<!-- c -->", "", "text", "\t- t", "   > q", "10. ten", "-", "+",
              "#", "<a href=x>", "[a]: /url", "| a | b |", "* * *", ">", "1)", "<p>", "</div>"]
    rng = random.Random(14)
    for _ in range(3000):
        text = "\n".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        ours = [(t.type, t.map, t.content, t.markup) for t in _parser().parse(text)]
        theirs = [(t.type, t.map, t.content, t.markup) for t in stock.parse(text)]
        assert ours == theirs, repr(text)
