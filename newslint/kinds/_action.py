"""Vale's `action` key: what a finding's fix is (internal/check/action.go).

    action:
      name: replace | remove | edit | suggest | convert
      params: [...]

`replace` puts one of `params` in place of the match (a substitution rule's replacements
when it gives none): with one choice the fix is safe, with several it is unsafe (someone
must pick). `remove` deletes the match and `edit` rewrites it (`regex PATTERN REPL`,
`trim_right|trim_left|trim CHARS`, `truncate SEP`, `split SEP INDEX`): both change the
wording, so both are unsafe. `suggest` (spelling suggestions, scripts) and `convert` give
no fix here.
"""

from __future__ import annotations

import re as _re
from typing import Any, NamedTuple

from newslint.finding import Edit, Fix
from newslint.schema import OptionError, shown

NAMES = ("replace", "remove", "edit", "suggest", "convert")
_EDIT_ARITY = {"regex": 3, "trim_right": 2, "trim_left": 2, "trim": 2, "truncate": 2, "split": 3}
_GO_GROUP = _re.compile(r"\$(?:\{(\w+)\}|(\d+)|(\$))")


class Action(NamedTuple):
    name: str
    params: tuple[str, ...] = ()


def parse_action(value: Any) -> dict[str, Any]:
    """The `action` mapping checked, as plain data (the rule cache keeps it)."""
    if not isinstance(value, dict) or set(map(str, value)) - {"name", "params"}:
        raise OptionError("action", "expected a mapping with 'name' and 'params'")
    name = value.get("name")
    if name not in NAMES:
        raise OptionError("action", f"expected 'name' to be one of {', '.join(NAMES)}, got {shown(name)}")
    params = value.get("params") or []
    if not isinstance(params, list) or not all(isinstance(p, (str, int, float)) and not isinstance(p, bool) for p in params):
        raise OptionError("action", "expected 'params' to be a list of strings")
    params = [str(p) for p in params]
    if name == "edit":
        if not params or params[0] not in _EDIT_ARITY:
            raise OptionError("action", f"an 'edit' action's first parameter is one of {', '.join(_EDIT_ARITY)}")
        if len(params) != _EDIT_ARITY[params[0]]:
            raise OptionError("action", f"'edit {params[0]}' takes {_EDIT_ARITY[params[0]] - 1} parameter(s)")
        if params[0] == "regex":
            _compile_go(params[1])
        if params[0] == "split" and not params[2].lstrip("-").isdigit():
            raise OptionError("action", "'edit split' takes a separator and a whole number")
    return {"name": name, "params": params}


def action_of(options: Any) -> Action | None:
    plain = options.get("action")
    return None if plain is None else Action(plain["name"], tuple(plain["params"]))


def _compile_go(pattern: str) -> Any:
    import regex

    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise OptionError("action", f"invalid regular expression {shown(pattern)}: {exc}") from None


def go_template(template: str) -> str:
    """Go's `$1`, `${name}` and `$$` as a Python replacement template."""
    def convert(m: _re.Match[str]) -> str:
        if m.group(3):
            return "$"
        return f"\\g<{m.group(1) or m.group(2)}>"

    return _GO_GROUP.sub(convert, template.replace("\\", "\\\\"))


def suggestions(action: Action, match: str, replacements: tuple[str, ...] = ()) -> tuple[str, ...]:
    """What Vale's fixer offers for `match` (FixAlert): empty when it offers nothing."""
    if action.name == "replace":
        return action.params or replacements
    if action.name == "remove":
        return ("",)
    if action.name == "edit":
        return (_edit(action.params, match).strip(),)
    return ()


def _edit(params: tuple[str, ...], match: str) -> str:
    how = params[0]
    if how == "regex":
        pattern = _compile_go(params[1])
        try:
            return pattern.sub(go_template(params[2]), match)
        except (IndexError, _re.error, Exception):  # a group the pattern lacks: Go leaves it empty
            return match
    if how == "trim_right":
        return match.rstrip(params[1])
    if how == "trim_left":
        return match.lstrip(params[1])
    if how == "trim":
        return match.strip(params[1])
    if how == "truncate":
        return match.split(params[1])[0] if params[1] else match
    if how == "split":
        parts = match.split(params[1]) if params[1] else [match]
        index = int(params[2])
        return parts[index] if 0 <= index < len(parts) else match
    return match


def fix_for(action: Action | None, start: int, end: int, offered: tuple[str, ...]) -> Fix | None:
    """The fix for a finding at text[start:end] given what the action offers."""
    if action is None or not offered or action.name in ("suggest", "convert"):
        return None
    safe = action.name == "replace" and len(offered) == 1
    return Fix((Edit(start, end, offered[0]),), safe=safe)


def to_sentence(words: tuple[str, ...] | list[str], joiner: str = "or") -> str:
    """Vale's core.ToSentence: "'a'", "'a' or 'b'", "'a', 'b', or 'c'"."""
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' or '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = f"{joiner} {quoted[-1]}"
    return ", ".join(quoted)
