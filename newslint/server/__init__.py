"""`newslint server`: the language server (LSP over standard input and output) that editors
start to show findings as the reporter types. Built on pygls and lsprotocol, imported only
here, so that `newslint check` does not pay for them."""

from __future__ import annotations

from newslint.discovery import ConfigChoice


def serve(choice: ConfigChoice) -> int:
    """Serve one client over stdio until it exits; the exit status for the CLI."""
    from newslint.server.protocol import NewslintServer

    NewslintServer(choice).start_io()
    return 0
