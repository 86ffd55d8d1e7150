"""Blocks and their visible text: what the pattern kinds match, as Vale matches it.

Each fixture here is written for the point it shows (Vale's own test suite is the spec:
testdata/features/scopes.feature, lint.feature, misc.feature; none of its files is copied).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.blocks import BlockOptions
from newslint.config import Config
from newslint.finding import Finding
from newslint.linter import Linter, Selection
from newslint.offsets import MapBuilder
from newslint.parse import parse_document
from newslint.parse.visible import visible_text
from newslint.scopes import ScopeError, parse_scope
from tests.helpers import run_cli


def visible(text: str, path: str = "a.md") -> list[tuple[str, str]]:
    return [(b.scope, b.text) for b in parse_document(text, path).blocks]


def lint_with(tmp_path: Path, rules: dict[str, str], text: str, name: str = "article.md") -> list[Finding]:
    pack = tmp_path / "styles" / "Test"
    pack.mkdir(parents=True, exist_ok=True)
    for rule, body in rules.items():
        (pack / f"{rule}.yml").write_text(body, encoding="utf-8")
    linter = Linter(Config(rule_dirs=(tmp_path / "styles",)), Selection(("Test",)))
    return linter.lint_text(text, name)


def spots(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.rule.split(".")[1], f.line, f.column, f.match) for f in findings]


def existence(token: str, scope: str | list[str] = "text", **extra: str) -> str:
    scopes = scope if isinstance(scope, list) else [scope]
    lines = ["extends: existence", "message: \"'%s'\"", "quotes: include", "nonword: true", "tokens:", f"  - '{token}'",
             "scope:", *[f"  - '{s}'" for s in scopes], *[f"{k}: {v}" for k, v in extra.items()]]
    return "\n".join(lines) + "\n"


# --- visible text -------------------------------------------------------------------


def test_markup_is_taken_out_not_blanked() -> None:
    assert visible("Some **bold** and _em_ and ~~gone~~ text.\n") == [("text", "Some bold and em and gone text.")]


def test_inline_code_reads_as_stars_as_vale_reads_it() -> None:
    assert visible("the `the` the\n") == [("text", "the *** the")]
    assert visible("a ``x ` y`` b\n") == [("text", "a ***** b")]


def test_link_text_is_kept_and_its_target_dropped() -> None:
    assert visible("See [the report](https://example.com/a_b \"T\") today.\n") == [("text", "See the report today.")]
    assert visible("See [the report][ref].\n\n[ref]: https://example.com\n") == [("text", "See the report.")]


def test_urls_are_not_prose() -> None:
    assert visible("Go to https://example.com/x_y. Or <https://a.org>.\n") == [
        ("text", "Go to ***********************. Or *************.")]
    assert visible("[https://a.org](https://a.org) now\n") == [("text", "************* now")]
    # An e-mail autolink is read as its text (Vale's link text differs from its href).
    assert visible("Mail <desk@example.com>.\n") == [("text", "Mail desk@example.com.")]


def test_image_alt_text_is_a_block_of_its_own() -> None:
    assert visible("Look ![a *small* cat](cat.png) here.\n") == [("text", "Look here."), ("text.attr.alt", "a small cat")]
    assert visible('<img src="x.png" alt="A dog">\n') == [("text.attr.alt", "A dog")]


def test_entities_and_escapes_read_as_their_characters() -> None:
    assert visible("AT&amp;T \\*not emphasis\\* &copy;\n") == [("text", "AT&T *not emphasis* \u00a9")]


def test_html_is_prose_but_skipped_and_ignored_elements_are_not() -> None:
    text = ("<div>\n<p>First words</p>\n<script>var x = 1;</script>\n<pre>code here</pre>\n"
            "<p>Say <code>this</code> and <span class=\"code\">that</span></p>\n</div>\n")
    assert visible(text) == [("text", "First words"), ("text", "Say **** and ****")]


def test_inline_html_tags_are_taken_out() -> None:
    assert visible("A <b>bold</b> <!-- note --> claim<br>here.\n") == [("text", "A bold claim\nhere.")]


def test_details_summary_and_task_lists_read_as_a_reader_sees_them() -> None:
    text = "<details>\n<summary>Show the list</summary>\n\nBody text.\n\n</details>\n\n- [ ] to do\n- [x] done\n"
    assert visible(text) == [("text", "Show the list"), ("text", "Body text."), ("text.list", "to do"), ("text.list", "done")]


def test_block_options_change_what_is_left_out() -> None:
    doc = parse_document("> quoted words\n\nplain `code` words\n", "a.md")
    doc.block_options = BlockOptions(skipped_tags=frozenset({"blockquote"}), ignored_tags=frozenset())
    assert [(b.scope, b.text) for b in doc.blocks] == [("text", "plain code words")]


def test_token_and_block_ignores_read_as_code(tmp_path: Path) -> None:
    text = "Call {{ TODO }} now.\n\n{% raw %}TODO here{% endraw %}\n\nA TODO left.\n"
    doc = parse_document(text, "a.md")
    token = text.index("{{")
    block = text.index("{% raw")
    doc.block_options = BlockOptions(token_ignores=((token, text.index("}}") + 2),),
                                     block_ignores=((block, text.index("endraw %}") + 9),))
    assert [b.text for b in doc.blocks] == ["Call ********** now.", "A TODO left."]
    assert [doc.text[b.to_source(i)] for b in doc.blocks[:1] for i in (5, 15)] == ["{", " "]


def test_every_kind_of_block_has_its_scope() -> None:
    text = ("---\ntitle: The headline\n---\n# One\n\n## Two\n\nPara.\n\n> Quote\n\n- item\n\n"
            "| Head | Er |\n|------|----|\n| cell | two |\n\n<table><caption>Cap</caption><tr><td>Td</td></tr></table>\n")
    assert visible(text) == [
        ("text.title", "The headline"), ("text.heading.h1", "One"), ("text.heading.h2", "Two"), ("text", "Para."),
        ("text.blockquote", "Quote"), ("text.list", "item"), ("text.table.header", "Head"), ("text.table.header", "Er"),
        ("text.table.cell", "cell"), ("text.table.cell", "two"), ("text.table.caption", "Cap"), ("text.table.cell", "Td")]


def test_a_table_after_paragraph_lines_splits_them_off() -> None:
    assert visible("Intro line\na | b\n--|--\nc | d\n") == [
        ("text", "Intro line"), ("text.table.header", "a"), ("text.table.header", "b"),
        ("text.table.cell", "c"), ("text.table.cell", "d")]


def test_plain_text_blocks_are_its_regions() -> None:
    assert visible("A headline\n\nFirst paragraph\nwrapped.\n\n- a point\n", "a.txt") == [
        ("text.title", "A headline"), ("text", "First paragraph\nwrapped."), ("text.list", "a point")]


@pytest.mark.parametrize("path", ["a.md", "a.txt"])
def test_cr_only_and_crlf_files_read_as_lf_files(path: str) -> None:
    lf = "Headline\n\nThe first line\nand the second.\n\n- item\n"
    blocks = [(b.scope, b.text) for b in parse_document(lf, path).blocks]
    for ending in ("\r", "\r\n"):
        text = lf.replace("\n", ending)
        doc = parse_document(text, path)
        assert [(b.scope, b.text) for b in doc.blocks] == blocks
        for block in doc.blocks:
            assert text[block.start : block.end].replace(ending, "\n") == block.text


# --- offsets ------------------------------------------------------------------------


def test_offsets_land_on_the_source_characters_with_crlf_tabs_and_non_ascii() -> None:
    text = "# T\u00eate **\u00e9t\u00e9**\r\n\r\n> \tCaf\u00e9 `x` na\u00efve\r\n> [li\u00f1k](u) \U0001f600 end\r\n"
    doc = parse_document(text, "a.md")
    for block in doc.blocks:
        for i, char in enumerate(block.text):
            source = text[block.to_source(i)]
            assert char == source or char == "*" or (char == "\n" and source == "\r"), (block, i)


def test_findings_keep_exact_lines_and_columns(tmp_path: Path) -> None:
    text = "\ufeff# H\u00e9ading **Kiev**\r\n\r\nIn\tthe `code` city of [Kiev](https://x.org/Kiev).\r\n"
    found = lint_with(tmp_path, {"Kiev": existence("Kiev")}, text.lstrip("\ufeff"))
    assert spots(found) == [("Kiev", 1, 13, "Kiev"), ("Kiev", 3, 24, "Kiev")]
    article = tmp_path / "bom.md"
    article.write_bytes(text.encode("utf-8"))
    (tmp_path / ".newslint.yaml").write_text("rule_dirs: [styles]\nselect: [Test]\n", encoding="utf-8")
    run = run_cli("check", "--format", "parsable", "--no-cache", "bom.md", cwd=tmp_path)
    assert run.stdout.splitlines() == ["bom.md:1:13: warning: 'Kiev' [Test.Kiev]",
                                       "bom.md:3:24: warning: 'Kiev' [Test.Kiev]"]


def test_offset_map_slices_and_compositions_keep_the_source() -> None:
    runs = MapBuilder()
    runs.add(3, 10, 3, True)
    runs.add(1, 20, 5, False)  # an entity
    runs.add(2, 30, 2, True)
    mapping = runs.build()
    assert [mapping.to_source(i) for i in range(7)] == [10, 11, 12, 20, 30, 31, 32]
    assert mapping.span_to_source(2, 4) == (12, 25)
    assert mapping.slice(3, 6).span_to_source(0, 3) == (20, 32)
    assert mapping.is_verbatim(0, 3) and not mapping.is_verbatim(2, 4)
    assert mapping.from_source(31) == 5 and mapping.from_source(22) is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "# ", "## ", "> ", "- ", "1. ", "**", "_", "`", "``", "[", "](", ")", "![", "<b>", "</b>", "<code>", "</code>",
    "<!-- c -->", "&amp;", "&#233;", "\\", "~~", "|", "---", "https://x.org/a_b", "<https://y.org>", "\n", "\r\n",
    "\r", "\t", " ", "word", "caf\u00e9", "\U0001f600", "<div>", "</div>", "<p class=\"code\">",
]), max_size=40), st.sampled_from(["a.md", "a.txt"]))
def test_every_block_maps_into_the_document_onto_its_own_characters(pieces: list[str], path: str) -> None:
    text = "".join(pieces)
    doc = parse_document(text, path)
    previous_end = 0
    for block in doc.blocks:
        assert block.text and block.text == block.text.strip()
        assert 0 <= block.start < block.end <= len(text)
        offsets = [block.to_source(i) for i in range(len(block.text))]
        assert offsets == sorted(offsets)
        for i, (char, at) in enumerate(zip(block.text, offsets)):
            assert 0 <= at < len(text)
            if block.map.is_verbatim(i, i + 1):
                assert text[at] == char
        previous_end = max(previous_end, block.end)


# --- scopes -------------------------------------------------------------------------

HEADINGS = "# Top TODO\n\n## Second TODO\n\n### Third TODO\n\nA TODO paragraph.\n\n> A TODO quote.\n\n- A TODO item\n"


@pytest.mark.parametrize(("scope", "lines"), [
    ("heading", [1, 3, 5]),
    ("heading.h2", [3]),
    ("~heading.h2", [1, 5, 7, 9, 11]),
    (["heading.h1", "heading.h3"], [1, 5]),
    ("heading & ~heading.h1", [3, 5]),
    ("~blockquote & ~heading", [7, 11]),
    ("blockquote", [9]),
    ("list", [11]),
    ("paragraph", [7]),
    ("text", [1, 3, 5, 7, 9, 11]),
    ("summary", [7, 9, 11]),
    ("text.md", [1, 3, 5, 7, 9, 11]),
    ("text.txt", []),
])
def test_scopes_select_blocks_as_vale_does(tmp_path: Path, scope: str | list[str], lines: list[int]) -> None:
    found = lint_with(tmp_path, {"Todo": existence("TODO", scope)}, HEADINGS)
    assert [f.line for f in found] == lines


def test_table_alt_and_raw_scopes(tmp_path: Path) -> None:
    text = "| TODO | b |\n|---|---|\n| TODO | d |\n\n![TODO here](x.png) TODO\n"
    scopes = {"Cell": "table.cell", "Header": "table.header", "Alt": "alt", "Table": "table", "Raw": "raw",
              "Star": "table.*"}  # `table.*` names a section "*" that no block has: nothing, as in Vale
    # Suggestions, so that findings of several rules on one word all stay (overlaps.py).
    rules = {name: existence("TODO", scope, level="suggestion") for name, scope in scopes.items()}
    found = spots(lint_with(tmp_path, rules, text))
    assert sorted(found) == sorted([
        ("Header", 1, 3, "TODO"), ("Table", 1, 3, "TODO"), ("Cell", 3, 3, "TODO"), ("Table", 3, 3, "TODO"),
        ("Alt", 5, 3, "TODO"), ("Raw", 1, 3, "TODO"), ("Raw", 3, 3, "TODO"), ("Raw", 5, 3, "TODO"), ("Raw", 5, 21, "TODO")])


def test_sentence_scope_matches_each_sentence_of_a_paragraph(tmp_path: Path) -> None:
    rule = "extends: existence\nmessage: \"'%s'\"\nscope: sentence\nraw:\n  - '^.*$'\n"
    found = spots(lint_with(tmp_path, {"Sentence": rule}, "# Title here\n\nOne is here. Two is there.\n\n- An item.\n"))
    assert found == [("Sentence", 3, 1, "One is here."), ("Sentence", 3, 14, "Two is there.")]


@pytest.mark.parametrize(("scope", "message"), [
    ("footnote", "unknown scope"), ("code", "no longer supported"), ("heading & ", "empty scope")])
def test_scopes_vale_refuses_are_refused(scope: str, message: str) -> None:
    with pytest.raises(ScopeError, match=message):
        parse_scope([scope])


# --- matching each block on its own -----------------------------------------------


def test_a_paragraph_first_word_is_at_the_start_of_its_block(tmp_path: Path) -> None:
    rule = existence(r"(?:^|\s)I\s")
    found = spots(lint_with(tmp_path, {"I": rule}, "First paragraph.\n\nI think so.\n\n> I agree.\n\n- I do\n"))
    assert [(line, column) for _, line, column, _ in found] == [(3, 1), (5, 3), (7, 3)]


def test_caret_sees_a_heading_first_word(tmp_path: Path) -> None:
    found = spots(lint_with(tmp_path, {"Start": existence("^Why")}, "## Why it matters\n\nWhy not.\n"))
    assert [(line, column) for _, line, column, _ in found] == [(1, 4), (3, 1)]


def test_a_match_cannot_run_into_the_next_block_and_hide_the_real_one(tmp_path: Path) -> None:
    # `\s+I\b` at the end of the first block would take the line break and the next
    # block's "I": matched block by block, the first block has no match and the second
    # one's ^ is no help either (no space before "I"); "so I" is the one finding.
    rule = existence(r"\w+\s+I\b")
    found = spots(lint_with(tmp_path, {"SpaceI": rule}, "Words end here\n\nI said so I did.\n"))
    assert found == [("SpaceI", 3, 8, "so I")]


def test_words_either_side_of_inline_code_are_not_neighbours(tmp_path: Path) -> None:
    rule = "extends: repetition\nmessage: \"'%s' twice\"\nquotes: include\ntokens:\n  - '[^\\s]+'\n"
    found = spots(lint_with(tmp_path, {"Twice": rule}, "the `the` the\n\nthe **the** end\n"))
    assert found == [("Twice", 3, 1, "the **the")]


def test_spacing_rules_do_not_fire_on_markup(tmp_path: Path) -> None:
    rule = existence(r"[a-z] {2,}[A-Za-z]")
    found = lint_with(tmp_path, {"Spaces": rule}, "Check **the** [Pole](https://x.org) `now` here.\n\nTwo  spaces.\n")
    assert spots(found) == [("Spaces", 3, 3, "o  s")]


def test_a_fix_over_markup_is_dropped_and_a_plain_one_kept(tmp_path: Path) -> None:
    rule = ("extends: substitution\nmessage: \"Use '%s' not '%s'\"\nquotes: include\nnonword: true\n"
            "swap:\n  'Java ?Script': JavaScript\n")
    found = lint_with(tmp_path, {"JS": rule}, "Plain Java Script here.\n\nMarked **Java** Script here.\n")
    assert [(f.line, f.match, f.fix is not None) for f in found] == [(1, "Java Script", True), (3, "Java** Script", False)]


def test_cr_only_files_give_the_findings_of_lf_files(tmp_path: Path) -> None:
    rules = {"Very": existence(r"\bvery\b"), "Start": existence("^The")}
    text = "Title\n\nThe very first.\n\n> The very last.\n"
    for name in ("a.md", "a.txt"):
        lf = spots(lint_with(tmp_path, rules, text, name))
        assert lf and spots(lint_with(tmp_path, rules, text.replace("\n", "\r"), name)) == lf


def test_a_vale_rule_match_over_markup_is_placed_at_its_line_as_vale_places_it() -> None:
    from types import SimpleNamespace

    from newslint.finding import Hit
    from newslint.kinds._pattern import Scope, located

    text = "Intro.\n\n# this is *another* heading!\n\nPlain words here.\n"
    doc = parse_document(text, "a.md")
    spec = SimpleNamespace(scope=("text",), quotes="include", vale=True)
    scope = Scope(spec)  # type: ignore[arg-type]
    visible = scope.text(doc)

    def check(d: object) -> list[Hit]:
        return [Hit(visible.index("this is another"), visible.index("heading!") + 8, "m"),
                Hit(visible.index("words"), visible.index("words") + 5, "m")]

    spans = [(h.start, h.end) for h in located(check, spec)(doc)]  # type: ignore[arg-type]
    line = text.index("# this")
    assert spans == [(line, text.index("!") + 1), (text.index("words"), text.index("words") + 5)]
    own = located(check, SimpleNamespace(scope=("text",), quotes="include"))  # type: ignore[arg-type]
    assert [(h.start, h.end) for h in own(doc)][0] == (text.index("this"), text.index("!") + 1)
