"""YAML front matter: the block between two `---` lines at the very top of a file."""

from __future__ import annotations

import re
from typing import Any



_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_TITLE = re.compile(r"^title[ \t]*:[ \t]*(?P<value>[^\r\n]*?)[ \t]*\r?$", re.MULTILINE)


class FrontMatter:
    def __init__(self, end: int = 0) -> None:
        self.end = end  # offset just past the closing delimiter line; 0 when there is none
        self.data: dict[str, Any] = {}
        self.error: tuple[int, str] | None = None  # (offset, message) when the YAML is malformed
        self.title: tuple[int, int] | None = None  # span of the `title:` value


def split_front_matter(text: str) -> FrontMatter:
    opening = _OPEN.match(text)
    if not opening:
        return FrontMatter()
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return FrontMatter()
    body = text[opening.end() : closing.start()]
    result = FrontMatter(end=closing.end())
    import yaml  # only an article with front matter needs it, and this loads it

    from newslint.yamlpos import control_character, nesting_too_deep

    deep = nesting_too_deep(body)
    if deep is not None:
        result.error = (opening.end() + deep, "malformed front matter: nested too deeply")
        return result
    control = control_character(body)
    if control is not None:
        result.error = (opening.end() + control[0], f"malformed front matter: {control[1]}")
        return result
    try:
        data = yaml.safe_load(body) if body.strip() else {}
        # Aliases are refused: nine nested lists of nine aliases expand to 9**9 items for
        # anything that walks the data (a "billion laughs"), and no article needs them.
        alias = "&" in body and next((e for e in yaml.parse(body, Loader=yaml.SafeLoader) if isinstance(e, yaml.AliasEvent)), None)
        if alias:
            result.error = (opening.end() + alias.start_mark.index,
                            f"malformed front matter: YAML alias *{alias.anchor} (newslint does not expand aliases)")
            return result
    except RecursionError:  # block nesting (- - - ...) deeper than the interpreter's stack
        result.error = (opening.end(), "malformed front matter: nested too deeply")
        return result
    except (ValueError, TypeError, OverflowError) as exc:  # "date: 2005-02-30" is a date YAML cannot build
        result.error = (opening.end(), f"malformed front matter: {exc}")
        return result
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        offset = opening.end()
        if mark is not None:
            offset += min(mark.index, len(body))
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        result.error = (offset, f"malformed front matter: {problem}")
        return result
    if data is None:
        data = {}
    if not isinstance(data, dict):
        result.error = (opening.end(), "malformed front matter: expected a mapping of keys")
        return result
    result.data = {str(k): v for k, v in data.items()}
    title = _TITLE.search(text, opening.end(), closing.start())
    if title and isinstance(result.data.get("title"), str):
        start, end = title.span("value")
        if end - start >= 2 and text[start] in "'\"" and text[end - 1] == text[start]:
            start, end = start + 1, end - 1
        result.title = (start, end)
    return result
