"""Parsing stays linear on pathological input: a hook must never hang on a file.

CPU time (not wall time) is measured, so a loaded CI machine does not fail the test.
Before the inline-markup scans were bounded, 40 KB of "[a](" took ten seconds and 1 MB hours.
"""

from __future__ import annotations

import time

import pytest

from newslint.parse import parse_document

SIZE = 40_000
CASES = {
    "unclosed link targets": "[a](",
    "unclosed link targets with <": "](<a",
    "bare link closers": "](",
    "unclosed link titles": '](a "',
    "unclosed link texts": "[a",
    "unclosed images": "![a",
    "unclosed comments": "<!--a",
    "unclosed tags": "<a x=1 ",
    "emphasis soup": "*a _b ",
    "nested quotes": "> ",
    "nested lists": "- ",
    "escapes": "\\",
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("path", ["a.md", "a.txt"])
def test_pathological_paragraph_parses_quickly(name: str, path: str) -> None:
    piece = CASES[name]
    text = "Headline\n\n" + piece * (SIZE // len(piece)) + "\n"
    started = time.process_time()
    doc = parse_document(text, path)
    spent = time.process_time() - started
    assert len(doc.prose) == len(text)
    assert spent < 2, f"{name}: {spent:.1f}s of CPU for {len(text)} characters"

