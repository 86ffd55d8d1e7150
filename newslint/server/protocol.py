"""The language server: LSP messages in, the linter's findings out (pygls does the
protocol; this module wires its notifications and requests to newslint's modules).

Documents are synchronised whole (TextDocumentSyncKind.Full): an article is a few
kilobytes, and the client's text is then exactly what is checked, with no line
arithmetic that could drift from the client's. Checks run one at a time on a worker
thread, so that requests are answered while a long article is checked; a result for a
version the client has since changed is dropped (its positions would be wrong).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any, NamedTuple

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from newslint import __version__
from newslint.discovery import ConfigChoice
from newslint.engine import INTERNAL_ERROR, TIMEOUT
from newslint.errors import ConfigError
from newslint.server import actions, hover
from newslint.server.debounce import Debouncer
from newslint.server.diagnostics import diagnostics
from newslint.server.linting import Checked, Linting, document_format
from newslint.server.positions import UTF16, LineIndex

# Seconds of quiet after a burst of changes before the document is checked again (the
# first change after a quiet spell is checked at once); `initializationOptions.debounce`.
DEFAULT_DEBOUNCE = 0.15
# Files whose change may change the findings: configs and rule files.
WATCHED = ("**/.newslint.yaml", "**/.newslint.yml", "**/pyproject.toml", "**/*.yml", "**/*.yaml",
           "**/*.ini", "**/.vale", "**/_vale")  # and Vale's config names
_CONFIG_SUFFIXES = (".yml", ".yaml", ".toml", ".ini")


class _Protocol(LanguageServerProtocol):
    """pygls 2.1 files the future of every notification whose handler is a generator (its
    own didOpen/didChange/didClose are), a coroutine or a thread under a fresh id in
    `_request_futures`, and only a request's answer takes one out: two futures an edit,
    2 MiB of memory every 1,000 edits. After each notification the done ones go (not from
    a future's callback: `shutdown` cancels futures while it walks the same dict)."""

    def _handle_notification(self, method_name: str, params: Any) -> None:
        super()._handle_notification(method_name, params)
        futures = self._request_futures
        for key in [key for key, pending in futures.items() if pending.done()]:
            del futures[key]  # a done request's answer is sent by its own callback, which holds the future


class OpenDocument(NamedTuple):
    uri: str
    path: str | None  # None: no file (an untitled buffer)
    fmt: str | None  # markdown, plaintext, or None: a document newslint does not check
    text: str
    version: int | None


class NewslintServer(LanguageServer):
    def __init__(self, choice: ConfigChoice) -> None:
        super().__init__("newslint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full,
                         protocol_cls=_Protocol)
        self.linting = Linting(choice)
        self.documents: dict[str, OpenDocument] = {}
        self.checked: dict[str, Checked] = {}
        self.fixed: dict[str, tuple[int | None, str]] = {}  # uri -> (version, text after fix-all)
        self.shown_errors: set[str] = set()  # config errors shown, warnings logged, since the last reload
        self.logged: dict[str, frozenset[str]] = {}  # uri -> rule errors logged for its last check
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-check")
        self.debouncer = Debouncer(DEFAULT_DEBOUNCE, self.schedule)
        self._tasks: set[asyncio.Task[Any]] = set()
        _register(self)

    def shutdown(self) -> None:
        """As pygls's, but without waiting for its thread that reads standard input: that
        read ends only when the client closes the pipe, and a client may wait for the
        server to exit first (pygls' own client does), so the two would wait for ever."""
        if self._stop_event is not None:
            self._stop_event.set()
        if self._thread_pool is not None:
            self._thread_pool.shutdown(wait=False, cancel_futures=True)
        self.worker.shutdown(wait=False, cancel_futures=True)

    # -- documents -------------------------------------------------------------------

    def open(self, item: types.TextDocumentItem) -> OpenDocument:
        path = to_fs_path(item.uri) if item.uri.startswith("file:") else None
        doc = OpenDocument(item.uri, path, document_format(path, item.language_id), item.text, item.version)
        self.documents[item.uri] = doc
        return doc

    def change(self, params: types.DidChangeTextDocumentParams) -> OpenDocument | None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None:
            return None
        text = doc.text
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):  # a client that sends pieces anyway
                index = LineIndex(text, self.encoding)
                start = index.offset(change.range.start.line, change.range.start.character)
                end = index.offset(change.range.end.line, change.range.end.character)
                text = text[:start] + change.text + text[end:]
            else:
                text = change.text
        doc = doc._replace(text=text, version=params.text_document.version)
        self.documents[doc.uri] = doc
        return doc

    def close(self, uri: str) -> None:
        self.documents.pop(uri, None)
        self.checked.pop(uri, None)
        self.fixed.pop(uri, None)
        self.logged.pop(uri, None)
        self.debouncer.forget(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or UTF16
        return str(getattr(encoding, "value", encoding))

    # -- checking --------------------------------------------------------------------

    def schedule(self, uri: str) -> None:
        task = asyncio.ensure_future(self.check(uri))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def check(self, uri: str) -> Checked | None:
        """Check the document's current version and publish its diagnostics; its findings,
        or None when it is not checked (closed, not an article, a broken config)."""
        doc = self.documents.get(uri)
        if doc is None or doc.fmt is None:
            return None
        if self.linting.changed_on_disk():  # a client that does not watch files for us
            self.reload()
        loop = asyncio.get_running_loop()
        try:
            checked = await loop.run_in_executor(self.worker, self.linting.check, doc.path, doc.text, doc.fmt, doc.version)
        except ConfigError as exc:
            self.config_error(str(exc))
            if self.documents.get(uri) == doc:
                self.checked.pop(uri, None)
                self.publish(uri, doc.version, [])
            return None
        except Exception as exc:  # a bug must cost this check, not the editor's server
            self.log(types.MessageType.Error, f"newslint: internal error checking {doc.path or uri}: "
                                              f"{type(exc).__name__}: {exc} (please report this)")
            return None
        if self.documents.get(uri) != doc:
            return None  # changed or closed meanwhile: a later check answers
        self.checked[uri] = checked
        self.log_rule_errors(uri, checked)
        self.log_config_warnings(checked)
        self.publish(uri, doc.version, diagnostics(LineIndex(checked.text, self.encoding), checked.findings))
        return checked

    async def current(self, uri: str) -> Checked | None:
        """The findings of the document as the client has it now."""
        doc = self.documents.get(uri)
        checked = self.checked.get(uri)
        if doc is not None and checked is not None and checked.version == doc.version and checked.text == doc.text:
            return checked
        return await self.check(uri)

    def publish(self, uri: str, version: int | None, found: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version))

    def reload(self) -> None:
        """A config or rule file changed: read them all again and check every open document."""
        self.linting.reload()
        self.shown_errors.clear()
        self.fixed.clear()
        for uri in list(self.documents):
            self.checked.pop(uri, None)
            self.schedule(uri)

    def config_error(self, message: str) -> None:
        self.log(types.MessageType.Error, f"newslint: error: {message}")
        if message not in self.shown_errors:  # once, not at every keystroke
            self.shown_errors.add(message)
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error,
                message=f"newslint: {message}. Findings are paused until the file is fixed."))

    def log_rule_errors(self, uri: str, checked: Checked) -> None:
        errors = frozenset(f.message for f in checked.findings if f.rule in (INTERNAL_ERROR, TIMEOUT))
        if errors and errors != self.logged.get(uri):
            for message in sorted(errors):
                self.log(types.MessageType.Warning, f"newslint: {uri}: {message}")
        self.logged[uri] = errors

    def log_config_warnings(self, checked: Checked) -> None:
        """What `check` prints as `newslint: warning:` for the config (a .vale.ini key newslint
        cannot honour...), logged once until the config is read again."""
        for warning in checked.linter.config.warnings:
            if warning not in self.shown_errors:
                self.shown_errors.add(warning)
                self.log(types.MessageType.Warning, f"newslint: warning: {warning}")

    def log(self, kind: types.MessageType, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    # -- requests --------------------------------------------------------------------

    async def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        checked = await self.current(uri)
        if checked is None:
            return []
        index = LineIndex(checked.text, self.encoding)
        start = index.offset(params.range.start.line, params.range.start.character)
        end = index.offset(params.range.end.line, params.range.end.character)
        versioned = bool(get_capability(self.client_capabilities, "workspace.workspace_edit.document_changes", False))
        target = actions.Target(uri, checked.version, index, versioned)
        only = params.context.only
        found: list[types.CodeAction] = []
        if actions.wanted(types.CodeActionKind.QuickFix, only):
            here = [f for f in checked.findings if f.offset <= end and start <= f.end_offset]
            found += actions.quick_fixes(target, here, checked.fmt == "markdown")
        if actions.wanted(actions.FIX_ALL, only) and any(f.fix is not None and f.fix.safe for f in checked.findings):
            fixed = await self.fix_all(uri, checked)
            if fixed is not None and (action := actions.fix_all(target, fixed)) is not None:
                found.append(action)
        return found

    async def fix_all(self, uri: str, checked: Checked) -> str | None:
        cached = self.fixed.get(uri)
        if cached is not None and cached[0] == checked.version:
            return cached[1]
        doc = self.documents.get(uri)
        path = doc.path if doc is not None else None
        try:
            fixed = await asyncio.get_running_loop().run_in_executor(self.worker, self.linting.fix_all, checked, path)
        except Exception as exc:  # ConfigError included: the config changed under us
            self.log(types.MessageType.Error, f"newslint: fixing {path or uri} failed: {type(exc).__name__}: {exc}")
            return None
        self.fixed[uri] = (checked.version, fixed)
        return fixed

    async def hover(self, params: types.HoverParams) -> types.Hover | None:
        checked = await self.current(params.text_document.uri)
        if checked is None:
            return None
        index = LineIndex(checked.text, self.encoding)
        offset = index.offset(params.position.line, params.position.character)
        return hover.hover(index, checked.findings, offset, checked.linter)


def _register(server: NewslintServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: NewslintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounce"), (int, float)):
            ls.debouncer.delay = max(0.0, min(float(options["debounce"]), 10.0))

    @server.feature(types.INITIALIZED)
    async def initialized(ls: NewslintServer, params: types.InitializedParams) -> None:
        if get_capability(ls.client_capabilities, "workspace.did_change_watched_files.dynamic_registration", False):
            watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
            registration = types.Registration(
                id="newslint-watched-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
            except Exception as exc:  # the client said no: configs are still stat'ed before each check
                ls.log(types.MessageType.Warning, f"newslint: cannot watch config files: {exc}")

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
        doc = ls.open(params.text_document)
        ls.debouncer.forget(doc.uri)
        ls.schedule(doc.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
        doc = ls.change(params)
        if doc is not None and doc.fmt is not None:
            ls.debouncer.changed(doc.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri.lower().endswith(_CONFIG_SUFFIXES):  # a config or rule file edited in the editor
            ls.reload()
            return
        ls.debouncer.forget(uri)
        ls.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: NewslintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.reload()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL]))
    async def code_action(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return await ls.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: NewslintServer, params: types.HoverParams) -> types.Hover | None:
        return await ls.hover(params)
