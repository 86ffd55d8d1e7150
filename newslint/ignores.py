"""Vale's BlockIgnores and TokenIgnores: source text that is not prose, by pattern.

Vale rewrites each match of a BlockIgnores pattern into a code block and each match of a
TokenIgnores pattern into inline code before it parses the file, so no rule sees their
text. newslint keeps the source as it is and blanks the matches in `prose` instead, so
every other offset stays exact: a block-ignored span takes the regions inside it with it,
a token-ignored span is blanked where it stands. Patterns are matched against the whole
source (front matter included, as in Vale), with Python's `regex` (Vale's regexp2 dialect
is close: lookarounds and lazy quantifiers work the same).

What the document gets, once, right after the parse (linter.Linter.parse), before any
rule reads it: `Document.prose` blanked over the spans and `Document.regions` without
those wholly inside a block span (for the kinds that read the masked prose), and, where
the block model is there (newslint.blocks), `doc.block_options`: a BlockOptions holding
the spans (`token_ignores` read as `*`s, as inline code; `block_ignores` not read, as a
code block) and IgnoredScopes / SkippedScopes as its `ignored_tags` / `skipped_tags`,
each replacing Vale's default list as in Vale.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from newslint.spans import Region

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.document import Document


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> Any:
    import regex

    return regex.compile(pattern, regex.VERSION0 | regex.MULTILINE)


def honour(doc: Document, config: Config, path: str) -> None:
    """Apply the config's (for a .vale.ini, the file's sections') BlockIgnores,
    TokenIgnores, IgnoredScopes and SkippedScopes to `doc`."""
    blocks, tokens = config.block_ignores, config.token_ignores
    if config.vale is not None:
        _, _, blocks, tokens = config.vale.settings_for(path)
    block_spans: list[tuple[int, int]] = []
    token_spans: list[tuple[int, int]] = []
    if blocks or tokens:
        budget = max(config.file_timeout / 4, 0.1)  # a config is untrusted: no pattern may hang the parse
        block_spans = _spans(doc, blocks, budget, "BlockIgnores")
        token_spans = _spans(doc, tokens, budget, "TokenIgnores")
        if block_spans or token_spans:
            _mask(doc, block_spans, token_spans)
    if block_spans or token_spans or config.ignored_scopes or config.skipped_scopes or config.ignored_classes:
        _block_options(doc, config, block_spans, token_spans)


def _mask(doc: Document, block_spans: list[tuple[int, int]], token_spans: list[tuple[int, int]]) -> None:
    chars = list(doc.prose)
    for start, end in block_spans + token_spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    doc.prose = "".join(chars)
    if block_spans:
        doc.regions = [r for r in doc.regions if not _covered(r, block_spans)]
        doc.__dict__.pop("_region_starts", None)


def _block_options(doc: Document, config: Config, block_spans: list[tuple[int, int]],
                   token_spans: list[tuple[int, int]]) -> None:
    """Hand the spans and scopes to the block model, when there is one."""
    try:
        from newslint.blocks import DEFAULT_BLOCK_OPTIONS, BlockOptions  # type: ignore[import-not-found, unused-ignore]
    except ImportError:  # no block model: the masked prose is all there is
        return
    base = DEFAULT_BLOCK_OPTIONS
    doc.__dict__["block_options"] = BlockOptions(
        skipped_tags=frozenset(config.skipped_scopes) if config.skipped_scopes else base.skipped_tags,
        ignored_tags=frozenset(config.ignored_scopes) if config.ignored_scopes else base.ignored_tags,
        ignored_classes=base.ignored_classes | frozenset(config.ignored_classes),
        token_ignores=tuple(sorted(token_spans)),
        block_ignores=tuple(sorted(block_spans)),
    )


def _spans(doc: Document, patterns: tuple[str, ...], budget: float, key: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in patterns:
        try:
            for match in _compiled(pattern).finditer(doc.text, timeout=budget):
                if match.end() > match.start():
                    spans.append((match.start(), match.end()))
        except TimeoutError:  # reported as newslint.timeout (linter.Linter.lint_text)
            timeouts = doc.__dict__.setdefault("ignore_timeouts", [])
            timeouts.append(f"the {key} pattern {pattern[:60]!r} ran out of time on this file ({budget:g} s) "
                            "and was not applied")
    return spans


def _covered(region: Region, spans: list[tuple[int, int]]) -> bool:
    return any(start <= region.start and region.end <= end for start, end in spans)
