"""`newslint server` end to end: pygls' language client drives the real server process
(`python -m newslint server`) over stdio, in a temporary folder with its own config."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (a dependency of newslint)")

from lsprotocol import types  # noqa: E402

from tests.helpers.lsp_client import Session, apply_edit, capabilities  # noqa: E402

# Line 2: a straight apostrophe after an emoji (two UTF-16 units, four UTF-8 bytes); line 4:
# a figure the AP pack spells out (an unsafe fix, and a link); line 6: an apostrophe after
# a combining accent (one code point, one UTF-16 unit, two UTF-8 bytes) and an emoji.
ARTICLE = (
    "# Storm hits coast\n"
    "\n"
    "The mayor’s office said the storm 😀 hit on Monday. It's the worst in years, the mayor’s aide said.\n"
    "\n"
    "Officials said 5 homes were lost.\n"
    "\n"
    "Cafe\u0301 owners said 😀 it's bad, the mayor’s aide said.\n"
)
# (rule, line, start character, end character) in each encoding, counted by hand: line 2's
# apostrophe follows 53 code points (54 UTF-16 units, 58 UTF-8 bytes); line 6's follows 22
# (23 units, 26 bytes).
EXPECTED = {
    "utf-16": [("News.Apostrophes", 2, 54, 55), ("AP.Numerals", 4, 15, 16), ("News.Apostrophes", 6, 23, 24)],
    "utf-8": [("News.Apostrophes", 2, 58, 59), ("AP.Numerals", 4, 15, 16), ("News.Apostrophes", 6, 26, 27)],
    "utf-32": [("News.Apostrophes", 2, 53, 54), ("AP.Numerals", 4, 15, 16), ("News.Apostrophes", 6, 22, 23)],
}


def run(scenario: Callable[[], Awaitable[Any]]) -> Any:
    return asyncio.run(scenario())


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A newsroom repository: a config of its own (the defaults), and one article."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".newslint.yaml").write_text("extends: ap\n", encoding="utf-8")
    (tmp_path / "story.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def spans(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, int]]:
    out = []
    for d in diagnostics:
        assert d.range.start.line == d.range.end.line
        out.append((str(d.code), d.range.start.line, d.range.start.character, d.range.end.character))
    return sorted(out, key=lambda s: (s[1], s[2]))


def test_diagnostics_on_open_land_on_the_right_utf16_characters(desk: Path) -> None:
    async def scenario() -> None:
        async with Session(desk) as s:
            assert s.result is not None and s.result.capabilities.position_encoding == "utf-16"
            uri = s.open(desk / "story.md")
            found = await s.diagnostics(uri, 1)
            assert spans(found) == EXPECTED["utf-16"]
            numerals = next(d for d in found if d.code == "AP.Numerals")
            assert numerals.severity == types.DiagnosticSeverity.Warning
            assert numerals.source == "newslint"
            assert numerals.code_description is not None
            assert numerals.code_description.href == "https://www.apstylebook.com/topics/numerals"
            assert numerals.message == "Write 'five' for '5': this house spells out numbers below 10."

    run(scenario)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-32"])
def test_a_negotiated_position_encoding_is_used(desk: Path, encoding: str) -> None:
    async def scenario() -> None:
        async with Session(desk, capabilities([encoding, "utf-16"])) as s:
            assert s.result is not None and s.result.capabilities.position_encoding == encoding
            uri = s.open(desk / "story.md")
            assert spans(await s.diagnostics(uri, 1)) == EXPECTED[encoding]
            # and back: a request's position is read in the same encoding
            line, start, _, _ = EXPECTED[encoding][2][1:] + (0,)
            hover = await s.hover(uri, line, start)
            assert hover is not None and "News.Apostrophes" in str(hover.contents)
            assert hover.range is not None and (hover.range.start.line, hover.range.start.character) == (line, start)

    run(scenario)


def test_the_findings_are_those_of_newslint_check(desk: Path) -> None:
    """Same engine, same nearest config: a config one folder down applies to its article."""
    desk_sport = desk / "sport"
    desk_sport.mkdir()
    (desk_sport / ".newslint.yaml").write_text("extends: ap\nignore: [News.Apostrophes]\n", encoding="utf-8")
    (desk_sport / "match.md").write_text(ARTICLE, encoding="utf-8")

    async def scenario() -> None:
        async with Session(desk) as s:
            uri = s.open(desk_sport / "match.md")
            assert [d[0] for d in spans(await s.diagnostics(uri, 1))] == ["AP.Numerals"]

    run(scenario)
    checked = subprocess.run([sys.executable, "-m", "newslint", "check", "--format", "parsable", "--no-cache", "sport/match.md"],
                             cwd=desk, capture_output=True, text=True)
    assert checked.stdout.count("[AP.Numerals]") == 1 and "Apostrophes" not in checked.stdout


def test_a_quick_fix_applies_and_the_diagnostics_follow_the_edit(desk: Path) -> None:
    async def scenario() -> None:
        async with Session(desk) as s:
            uri = s.open(desk / "story.md")
            await s.diagnostics(uri, 1)
            found = await s.code_actions(uri, (2, 54), (2, 55))
            fix = next(a for a in found if a.title.startswith("Replace"))
            assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
            assert fix.title == "Replace “'” with “’” (News.Apostrophes)"
            assert fix.edit is not None
            text = apply_edit(ARTICLE, fix.edit)
            assert "Monday. It’s the worst" in text
            s.change(uri, text, 2)
            assert spans(await s.diagnostics(uri, 2)) == [("AP.Numerals", 4, 15, 16), ("News.Apostrophes", 6, 23, 24)]
            # a new defect typed in appears at its place
            text = text.replace("Officials said", "Officials said it's")
            s.change(uri, text, 3)
            assert ("News.Apostrophes", 4, 17, 18) in spans(await s.diagnostics(uri, 3))

    run(scenario)


def test_an_unsafe_fix_is_offered_labelled_and_not_preferred(desk: Path) -> None:
    async def scenario() -> None:
        async with Session(desk) as s:
            uri = s.open(desk / "story.md")
            await s.diagnostics(uri, 1)
            found = await s.code_actions(uri, (4, 15), (4, 15))
            fix = next(a for a in found if "five" in a.title)
            assert "unsafe" in fix.title and not fix.is_preferred
            assert fix.edit is not None and "Officials said five homes" in apply_edit(ARTICLE, fix.edit)

    run(scenario)


def test_fix_all_applies_every_safe_fix_as_check_fix_does(desk: Path) -> None:
    async def scenario() -> str:
        async with Session(desk) as s:
            uri = s.open(desk / "story.md")
            await s.diagnostics(uri, 1)
            found = await s.code_actions(uri, (0, 0), (0, 0), only=["source.fixAll"])
            assert [a.kind for a in found] == ["source.fixAll.newslint"]
            assert found[0].edit is not None
            fixed = apply_edit(ARTICLE, found[0].edit)
            s.change(uri, fixed, 2)
            assert spans(await s.diagnostics(uri, 2)) == [("AP.Numerals", 4, 15, 16)]  # only the unsafe one is left
            return fixed

    fixed = run(scenario)
    subprocess.run([sys.executable, "-m", "newslint", "check", "--fix", "--no-cache", "story.md"], cwd=desk, capture_output=True)
    assert fixed == (desk / "story.md").read_text(encoding="utf-8")
    assert fixed != ARTICLE


def test_disable_for_this_line_inserts_the_comment_and_the_finding_goes(desk: Path) -> None:
    async def scenario() -> None:
        async with Session(desk) as s:
            uri = s.open(desk / "story.md")
            await s.diagnostics(uri, 1)
            found = await s.code_actions(uri, (2, 54), (2, 55), only=["quickfix"])
            disable = next(a for a in found if a.title == "Disable News.Apostrophes for this line")
            assert disable.edit is not None
            text = apply_edit(ARTICLE, disable.edit)
            # line 2 starts a paragraph: the comment goes on a line of its own before it
            assert text.splitlines()[2] == "<!-- newslint-disable-next-line News.Apostrophes -->"
            s.change(uri, text, 2)
            assert spans(await s.diagnostics(uri, 2)) == [("AP.Numerals", 5, 15, 16), ("News.Apostrophes", 7, 23, 24)]

    run(scenario)


def test_disable_inside_a_paragraph_keeps_the_paragraph_whole(desk: Path) -> None:
    article = "It’s a paragraph that goes on\nand on until it's here.\n"

    async def scenario() -> None:
        async with Session(desk) as s:
            uri = s.open(desk / "story.md", article)
            assert spans(await s.diagnostics(uri, 1)) == [("News.Apostrophes", 1, 15, 16)]
            found = await s.code_actions(uri, (1, 15), (1, 15))
            disable = next(a for a in found if a.title.startswith("Disable"))
            assert disable.edit is not None
            text = apply_edit(article, disable.edit)
            assert text == "It’s a paragraph that goes on\nand on until it's here. <!-- newslint-disable-line News.Apostrophes -->\n"
            s.change(uri, text, 2)
            assert await s.diagnostics(uri, 2) == []

    run(scenario)


def test_hover_shows_what_explain_prints(desk: Path) -> None:
    async def scenario() -> tuple[types.Hover | None, types.Hover | None]:
        async with Session(desk) as s:
            uri = s.open(desk / "story.md")
            await s.diagnostics(uri, 1)
            return await s.hover(uri, 4, 15), await s.hover(uri, 0, 3)

    on_finding, elsewhere = run(scenario)
    explained = subprocess.run([sys.executable, "-m", "newslint", "explain", "AP.Numerals"], cwd=desk,
                               capture_output=True, text=True, check=True).stdout.strip()
    assert on_finding is not None and isinstance(on_finding.contents, types.MarkupContent)
    assert on_finding.contents.value.startswith("Write 'five' for '5'")
    assert explained in on_finding.contents.value
    assert "See: https://www.apstylebook.com/topics/numerals" in on_finding.contents.value
    assert elsewhere is None


def test_a_broken_config_is_reported_and_fixing_it_brings_the_findings_back(desk: Path) -> None:
    config = desk / ".newslint.yaml"

    async def scenario() -> None:
        async with Session(desk) as s:
            uri = s.open(desk / "story.md")
            assert len(await s.diagnostics(uri, 1)) == 3
            config.write_text("extends: ap\nignore: [AP.Numerals\n", encoding="utf-8")
            before = len(s.published)
            s.files_changed(config)
            await s.until(lambda: s.messages, "a message about the broken config")
            assert s.messages[0].type == types.MessageType.Error
            assert ".newslint.yaml" in s.messages[0].message
            assert await s.diagnostics(uri, 1, after=before) == []  # no findings from a config not read
            # still up: it answers, and a broken rule file is reported the same way
            assert await s.hover(uri, 0, 0) is None
            config.write_text("extends: ap\nignore: [News.Apostrophes]\n", encoding="utf-8")
            before = len(s.published)
            s.files_changed(config)
            assert spans(await s.diagnostics(uri, 1, after=before)) == [("AP.Numerals", 4, 15, 16)]

    run(scenario)


def test_a_broken_rule_file_is_reported_too(desk: Path) -> None:
    pack = desk / "styles" / "House"
    pack.mkdir(parents=True)
    rule = pack / "Storm.yml"
    (desk / ".newslint.yaml").write_text("extends: ap\nrule_dirs: [styles]\nextend_select: [House]\n", encoding="utf-8")
    good = "extends: existence\nmessage: \"Say 'gale' not '%s'.\"\nlevel: warning\ntokens: [storm]\n" \
           "examples: {flag: [a storm], pass: [a gale]}\n"
    rule.write_text(good, encoding="utf-8")

    async def scenario() -> None:
        async with Session(desk) as s:
            uri = s.open(desk / "story.md")
            assert "House.Storm" in [d[0] for d in spans(await s.diagnostics(uri, 1))]
            rule.write_text("extends: existence\nmessage: [\n", encoding="utf-8")
            before = len(s.published)
            s.files_changed(rule)
            await s.until(lambda: s.messages, "a message about the broken rule file")
            assert "Storm.yml" in s.messages[0].message
            assert await s.diagnostics(uri, 1, after=before) == []
            rule.write_text(good, encoding="utf-8")
            before = len(s.published)
            s.files_changed(rule)
            assert "House.Storm" in [d[0] for d in spans(await s.diagnostics(uri, 1, after=before))]

    run(scenario)


def test_a_config_changed_without_a_watch_notification_still_applies(desk: Path) -> None:
    """A client that cannot watch files: the server looks at the config's time stamp."""
    async def scenario() -> None:
        async with Session(desk, capabilities(watch=False)) as s:
            assert s.registrations == []
            uri = s.open(desk / "story.md")
            assert len(await s.diagnostics(uri, 1)) == 3
            (desk / ".newslint.yaml").write_text("extends: ap\nignore: [AP.Numerals]\n# changed\n", encoding="utf-8")
            s.change(uri, ARTICLE + "\n", 2)
            assert [d[0] for d in spans(await s.diagnostics(uri, 2))] == ["News.Apostrophes", "News.Apostrophes"]

    run(scenario)


def test_closing_clears_the_diagnostics(desk: Path) -> None:
    async def scenario() -> None:
        async with Session(desk) as s:
            uri = s.open(desk / "story.md")
            assert await s.diagnostics(uri, 1)
            before = len(s.published)
            s.close(uri)
            params = await s.until(lambda: [p for p in s.published[before:] if p.uri == uri], "cleared diagnostics")
            assert list(params[0].diagnostics) == []

    run(scenario)


def test_a_burst_of_changes_is_checked_once_it_pauses(desk: Path) -> None:
    async def scenario() -> None:
        async with Session(desk, options={"debounce": 2.0}) as s:
            uri = s.open(desk / "story.md")
            await s.diagnostics(uri, 1)
            before = len(s.published)
            for version in range(2, 7):
                s.change(uri, ARTICLE + "x" * version, version)
            await s.diagnostics(uri, 6, after=before)
            assert [p.version for p in s.published[before:]] in ([6], [2, 6])  # the first at once, or dropped as stale

    run(scenario)


def test_untitled_and_plain_text_documents_are_checked(desk: Path) -> None:
    async def scenario() -> None:
        async with Session(desk) as s:
            s.client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
                uri="untitled:Untitled-1", language_id="markdown", version=1, text=ARTICLE)))
            assert spans(await s.diagnostics("untitled:Untitled-1", 1)) == EXPECTED["utf-16"]
            (desk / "wire.txt").write_text("Officials said 5 homes were lost.\n", encoding="utf-8")
            uri = s.open(desk / "wire.txt", language="plaintext")
            assert spans(await s.diagnostics(uri, 1)) == [("AP.Numerals", 0, 15, 16)]
            # a file newslint does not read gets no diagnostics (nor a check)
            (desk / "notes.py").write_text("x = 'it's'\n", encoding="utf-8")
            s.open(desk / "notes.py", language="python")
            assert await s.hover((desk / "notes.py").as_uri(), 0, 6) is None

    run(scenario)


HOOK = '''
import newslint.linter as linter

_compile = linter.compile_rule


def compile_rule(spec):
    rule = _compile(spec)
    if spec.id == "AP.Numerals":
        def boom(doc):
            raise RuntimeError("boom")
        return rule._replace(check=boom)
    return rule


linter.compile_rule = compile_rule
_lint_text = linter.Linter.lint_text


def lint_text(self, text, *args, **kwargs):
    if "CRASH" in text:
        raise ValueError("a bug in newslint")
    return _lint_text(self, text, *args, **kwargs)


linter.Linter.lint_text = lint_text
'''


def test_a_failing_rule_or_check_is_logged_and_the_server_stays_up(desk: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    hook = tmp_path_factory.mktemp("hook")
    (hook / "sitecustomize.py").write_text(HOOK, encoding="utf-8")

    async def scenario() -> None:
        async with Session(desk, env={"PYTHONPATH": str(hook)}) as s:
            uri = s.open(desk / "story.md")
            found = spans(await s.diagnostics(uri, 1))
            assert ("newslint.internal-error", 0, 0, 0) in found and ("News.Apostrophes", 2, 54, 55) in found
            await s.until(lambda: [m for m in s.logs if "rule AP.Numerals failed: RuntimeError: boom" in m.message],
                          "the rule's error in the log")
            s.change(uri, ARTICLE + "CRASH\n", 2)
            await s.until(lambda: [m for m in s.logs if "ValueError: a bug in newslint" in m.message
                                   and m.type == types.MessageType.Error], "the check's error in the log")
            s.change(uri, ARTICLE, 3)
            assert len(await s.diagnostics(uri, 3)) == 3  # still checking

    run(scenario)


def test_any_text_is_checked_without_a_crash(desk: Path) -> None:
    hostile = "It's \ud800 a lone surrogate\x00 a NUL\r an old Mac line\u2028a line separator 😀\r\n5 it's\n"

    async def scenario() -> None:
        async with Session(desk) as s:
            uri = s.open(desk / "story.md", hostile)
            found = await s.diagnostics(uri, 1)
            assert found and all(d.range.start.line <= 2 for d in found)
            assert await s.hover(uri, 2, 0) is not None

    run(scenario)


def test_check_does_not_import_the_server_libraries(desk: Path) -> None:
    probe = ("import sys\nfrom newslint.cli import main\nmain(['check', '--no-cache', 'story.md'])\n"
             "print(sorted(m for m in ('pygls', 'lsprotocol', 'cattrs') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=desk, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_vscode_extension_starts_the_server_as_its_client_does(desk: Path) -> None:
    """editors/vscode starts `newslint server` with the arguments of its settings, and the
    language client adds --stdio; --isolated (a setting's example) leaves the config out."""
    extension = Path(__file__).resolve().parent.parent / "editors" / "vscode"
    manifest = json.loads((extension / "package.json").read_text(encoding="utf-8"))
    assert (extension / manifest["main"]).is_file()
    assert "vscode-languageclient" in manifest["dependencies"]
    assert '"server"' in (extension / "extension.js").read_text(encoding="utf-8")
    (desk / ".newslint.yaml").write_text("extends: ap\nignore: [AP.Numerals]\n", encoding="utf-8")

    async def scenario() -> None:
        async with Session(desk, args=("--isolated", "--stdio")) as s:
            uri = s.open(desk / "story.md")
            assert spans(await s.diagnostics(uri, 1)) == EXPECTED["utf-16"]  # AP.Numerals back: no config read

    run(scenario)
    if shutil.which("node"):
        subprocess.run(["node", "--check", str(extension / "extension.js")], check=True)


def test_a_change_sent_in_pieces_is_applied_too(desk: Path) -> None:
    """The server asks for whole texts; a client that sends ranges anyway is still followed
    (in UTF-16 units: the range starts after the emoji)."""
    async def scenario() -> None:
        async with Session(desk) as s:
            uri = s.open(desk / "story.md")
            await s.diagnostics(uri, 1)
            s.client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangePartial(
                    range=types.Range(types.Position(2, 52), types.Position(2, 56)), text="It’s")]))
            assert spans(await s.diagnostics(uri, 2)) == [("AP.Numerals", 4, 15, 16), ("News.Apostrophes", 6, 23, 24)]

    run(scenario)


def test_the_server_exits_after_shutdown_and_exit(desk: Path) -> None:
    async def scenario() -> int | None:
        s = Session(desk)
        await s.start()
        process = s.client._server
        await s.stop()
        assert process is not None and process.stderr is not None
        code = await asyncio.wait_for(process.wait(), 60)
        assert "Traceback" not in (await process.stderr.read()).decode("utf-8", "replace")
        return code

    assert run(scenario) == 0


def test_a_vale_ini_warning_is_logged_once_as_check_prints_it(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    styles = tmp_path / "styles" / "Plain"
    styles.mkdir(parents=True)
    (styles / "Very.yml").write_text("extends: existence\nmessage: \"Consider removing '%s'\"\ntokens: [very]\n",
                                     encoding="utf-8")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nWordTemplate = \\b(?:%s)\\b\n[*]\nBasedOnStyles = Plain\n",
                                        encoding="utf-8")
    (tmp_path / "story.md").write_text("A very good day.\n", encoding="utf-8")

    async def scenario() -> list[str]:
        async with Session(tmp_path, env={"VALE_CONFIG_PATH": ""}) as s:
            uri = s.open(tmp_path / "story.md")
            assert spans(await s.diagnostics(uri, 1)) == [("Plain.Very", 0, 2, 6)]
            s.change(uri, "A very very good day.\n", 2)
            await s.diagnostics(uri, 2)
            return [log.message for log in s.logs if "WordTemplate" in log.message]

    warned = run(scenario)
    assert len(warned) == 1 and warned[0].startswith("newslint: warning: ") and ".vale.ini:2:1" in warned[0]
