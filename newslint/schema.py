"""Tiny validators for rule and config keys; each returns the value or raises OptionError."""

from __future__ import annotations

from typing import Any, Callable

Validator = Callable[[Any], Any]


class OptionError(ValueError):
    """A bad value for one key; the loader adds the file, line and column."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


class _Invalid(ValueError):
    pass


def shown(value: Any, limit: int = 80) -> str:
    """A value as an error message quotes it: its repr, cut to `limit` characters (a value
    from a rule file can be huge, and an error message is one line)."""
    import reprlib

    brief = reprlib.Repr()
    brief.maxstring = brief.maxother = limit
    brief.maxlist = brief.maxdict = brief.maxtuple = brief.maxset = 4
    brief.maxlevel = 2
    text = brief.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shorten(text: str, limit: int = 300) -> str:
    """One line of at most `limit` characters."""
    text = " ".join(text.splitlines())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _typename(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "nothing"}.get(type(value), type(value).__name__)


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"expected true or false, got {_typename(value)}")
    return value


def string(value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"expected a string, got {_typename(value)}")
    return value


def integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"expected a whole number, got {_typename(value)}")
    return value


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Invalid(f"expected a number, got {_typename(value)}")
    return float(value)


def string_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        raise _Invalid(f"expected a list of strings, got {_typename(value)}")
    return [str(v) for v in value]


def string_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _Invalid(f"expected a mapping of strings, got {_typename(value)}")
    out = {}
    for k, v in value.items():
        if not isinstance(v, (str, int, float)) or isinstance(v, bool):
            raise _Invalid(f"expected a string for {shown(k)}, got {_typename(v)}")
        out[str(k)] = str(v)
    return out


def one_of(*choices: str) -> Validator:
    def check(value: Any) -> str:
        if value not in choices:
            # Only a scalar is quoted back: the repr of a YAML alias bomb would never finish.
            got = repr(value) if isinstance(value, (str, int, float, bool, type(None))) else _typename(value)
            raise _Invalid(f"expected one of {', '.join(choices)}, got {got}")
        return value

    return check


def anything(value: Any) -> Any:
    return value


def validate(key: str, value: Any, validator: Validator) -> Any:
    try:
        return validator(value)
    except _Invalid as exc:
        raise OptionError(key, str(exc)) from None

