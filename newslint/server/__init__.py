"""`newslint server`: the language server (LSP over standard input and output) that editors
start to show findings as the reporter types. Built on pygls and lsprotocol, imported only
here, so that `newslint check` does not pay for them."""

from __future__ import annotations

import os
import sys

from newslint.discovery import ConfigChoice


def serve(choice: ConfigChoice) -> int:
    """Serve one client over stdio until it exits; the exit status for the CLI."""
    from newslint.server.protocol import NewslintServer

    server = NewslintServer(choice)
    try:
        server.start_io()
    finally:
        if sys.stdout.closed:  # pygls closes it at `exit`; the CLI flushes standard output after a command
            sys.stdout = open(os.devnull, "w", encoding="utf-8")
    # The protocol's rule: 0 after a `shutdown` request, 1 when the client exited without one.
    return 0 if getattr(server.protocol, "_shutdown", True) else 1
