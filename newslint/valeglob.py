"""Vale's glob syntax for `.vale.ini` section names (`[*.md]`, `[{*.md,*.txt}]`, `[!docs/**]`).

Vale matches a section with gobwas/glob, where `*` also crosses `/`, unless the pattern
holds `**`, when it uses doublestar (`*` stays inside one folder, `**` spans folders).
Both know `?`, `[abc]`, `[!abc]`, `[a-z]`, `{a,b}` (nested too) and `\\` escapes; a
leading `!` negates the whole pattern.

A `.vale.ini` comes from the checked tree, so a section name is untrusted: its regex runs
on RE2, whose time is linear in the path (`[*a*a*a*a*a*a*a*a*a*a*a*ab]` against a long name
of a's backtracks for hours in Python's engine).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import re2


class GlobError(ValueError):
    """A section name that is not a valid glob; str() says why."""


class ValeGlob(NamedTuple):
    pattern: str
    negated: bool
    compiled: Any  # an RE2 pattern (google-re2 has no type stubs for it)

    def match(self, path: str) -> bool:
        # RE2 reads UTF-8: a name's undecodable bytes (surrogate escapes) become U+FFFD.
        readable = path.replace("\\", "/").encode("utf-8", "replace").decode("utf-8")
        return (self.compiled.fullmatch(readable) is not None) != self.negated


def compile_glob(pattern: str) -> ValeGlob:
    """A Vale section glob; raises GlobError when it cannot be compiled."""
    negated = pattern.startswith("!")
    body = pattern.lstrip("!") if negated else pattern
    regex, end = _translate(body, 0, "**" in body, closing="")
    if end != len(body):  # pragma: no cover - _translate reads to the end or raises
        raise GlobError(f"unexpected {body[end]!r}")
    options = re2.Options()
    options.dot_nl = True
    options.never_capture = True
    options.log_errors = False  # the error is ours to report, in one line
    try:
        return ValeGlob(pattern, negated, re2.compile(regex, options))
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        raise GlobError(reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)) from None


def _translate(glob: str, at: int, doublestar: bool, closing: str) -> tuple[str, int]:
    """The regex of `glob` from `at` up to an unescaped `closing` character (one of `,}`
    inside braces), and where it stopped."""
    out: list[str] = []
    one = "[^/]" if doublestar else "."
    while at < len(glob):
        char = glob[at]
        if closing and char in closing:
            return "".join(out), at
        if char == "\\":
            if at + 1 >= len(glob):
                raise GlobError("a '\\' at the end escapes nothing")
            out.append(re.escape(glob[at + 1]))
            at += 2
        elif char == "*":
            if doublestar and glob.startswith("**", at):
                at += 2
                if glob.startswith("/", at):  # `**/` is zero or more whole folders
                    out.append("(?:.*/)?")
                    at += 1
                else:
                    out.append(".*")
            else:
                out.append(one + "*")
                at += 1
        elif char == "?":
            out.append(one)
            at += 1
        elif char == "[":
            end = glob.find("]", at + 2 if glob.startswith(("[!", "[^"), at) else at + 1)
            if end < 0:
                raise GlobError("a '[' is never closed")
            inner = glob[at + 1 : end]
            negate = inner[:1] in ("!", "^")
            inner = inner[1:] if negate else inner
            if not inner:
                raise GlobError("an empty character class '[]'")
            out.append("[" + ("^" if negate else "") + inner.replace("\\", "\\\\").replace("[", "\\[") + "]")
            at = end + 1
        elif char == "{":
            options = []
            at += 1
            while True:
                option, at = _translate(glob, at, doublestar, closing=",}")
                options.append(option)
                if at >= len(glob):
                    raise GlobError("a '{' is never closed")
                if glob[at] == "}":
                    at += 1
                    break
                at += 1  # the ","
            out.append("(?:" + "|".join(options) + ")")
        else:
            out.append(re.escape(char))
            at += 1
    if closing:
        raise GlobError("a '{' is never closed")
    return "".join(out), at
