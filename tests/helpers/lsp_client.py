"""A real LSP client (pygls') driving a real `newslint server` process, for the server's
end-to-end tests and bench/lsp_latency.py."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TIMEOUT = 60.0  # generous: a loaded machine, a cold rule cache


def capabilities(encodings: list[str] | None = None, watch: bool = True, versioned: bool = True) -> types.ClientCapabilities:
    """What a client like VS Code says it can do (encodings: general.positionEncodings)."""
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings is not None else None,
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=watch),
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=versioned)),
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
            code_action=types.CodeActionClientCapabilities(code_action_literal_support=types.ClientCodeActionLiteralOptions(
                code_action_kind=types.ClientCodeActionKindOptions(value_set=["quickfix", "source", "source.fixAll"])))),
    )


class Session:
    """One server process and the client talking to it; what the server sent, kept."""

    def __init__(self, cwd: Path, caps: types.ClientCapabilities | None = None,
                 options: dict[str, Any] | None = None, env: dict[str, str] | None = None,
                 args: tuple[str, ...] = ()) -> None:
        self.cwd = cwd
        self.args = args
        self.caps = caps if caps is not None else capabilities()
        self.options = options
        self.env = env
        self.client = LanguageClient("newslint-tests", "1")
        self.published: list[types.PublishDiagnosticsParams] = []
        self.publish_times: list[float] = []
        self.messages: list[types.ShowMessageParams] = []
        self.logs: list[types.LogMessageParams] = []
        self.registrations: list[types.Registration] = []
        self.result: types.InitializeResult | None = None
        self._register()

    def _register(self) -> None:
        client = self.client

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.publish_times.append(time.perf_counter())
            self.published.append(params)

        @client.feature(types.WINDOW_SHOW_MESSAGE)
        def shown(params: types.ShowMessageParams) -> None:
            self.messages.append(params)

        @client.feature(types.WINDOW_LOG_MESSAGE)
        def logged(params: types.LogMessageParams) -> None:
            self.logs.append(params)

        @client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

    async def start(self) -> types.InitializeResult:
        env = dict(os.environ, **(self.env or {}))
        await self.client.start_io(sys.executable, "-m", "newslint", "server", *self.args, cwd=str(self.cwd), env=env)
        self.result = await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            capabilities=self.caps, root_uri=self.cwd.as_uri(), initialization_options=self.options)), TIMEOUT)
        self.client.initialized(types.InitializedParams())
        return self.result

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
            self.client.exit(None)
        finally:
            await self.client.stop()

    async def __aenter__(self) -> Session:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- documents ---------------------------------------------------------------------

    def open(self, path: Path, text: str | None = None, language: str = "markdown", version: int = 1) -> str:
        uri = path.as_uri()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=uri, language_id=language, version=version, text=path.read_text(encoding="utf-8") if text is None else text)))
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))

    def files_changed(self, *paths: Path) -> None:
        self.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
            types.FileEvent(uri=p.as_uri(), type=types.FileChangeType.Changed) for p in paths]))

    # -- waiting for the server ----------------------------------------------------------

    async def until(self, done: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
        end = time.monotonic() + timeout
        while True:
            value = done()
            if value:
                return value
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {what}")
            await asyncio.sleep(0.005)

    async def diagnostics(self, uri: str, version: int | None = None, after: int = 0) -> list[types.Diagnostic]:
        """The first diagnostics published for `uri` (at `version`) after the `after`-th publication."""
        def found() -> list[types.PublishDiagnosticsParams]:
            return [p for p in self.published[after:] if p.uri == uri and (version is None or p.version == version)]

        params = await self.until(found, f"diagnostics of {uri} at version {version}")
        return list(params[0].diagnostics)

    async def code_actions(self, uri: str, start: tuple[int, int], end: tuple[int, int],
                           only: list[str] | None = None) -> list[types.CodeAction]:
        result = await asyncio.wait_for(self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri),
            range=types.Range(types.Position(*start), types.Position(*end)),
            context=types.CodeActionContext(diagnostics=[], only=only))), TIMEOUT)
        return [a for a in result or [] if isinstance(a, types.CodeAction)]

    async def hover(self, uri: str, line: int, character: int) -> types.Hover | None:
        return await asyncio.wait_for(self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri), position=types.Position(line, character))), TIMEOUT)


def apply_edit(text: str, edit: types.WorkspaceEdit, encoding: str = "utf-16") -> str:
    """The document after a workspace edit, as a client applies it (edits in the client's
    positions; all the edits of one document refer to the text before any of them)."""
    edits: list[types.TextEdit] = []
    for change in edit.document_changes or []:
        assert isinstance(change, types.TextDocumentEdit)
        edits.extend(e for e in change.edits if isinstance(e, types.TextEdit))
    for more in (edit.changes or {}).values():
        edits.extend(more)
    spans = sorted(((_offset(text, e.range.start, encoding), _offset(text, e.range.end, encoding), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def _offset(text: str, position: types.Position, encoding: str) -> int:
    """A client's own reading of a position (independent of the server's positions module)."""
    lines = text.split("\n")  # the tests' documents end their lines with LF only
    start = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    codec = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}[encoding]
    width = {"utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]
    raw = line.encode(codec, "surrogatepass")[: position.character * width]
    return start + len(raw.decode(codec, "surrogatepass"))
