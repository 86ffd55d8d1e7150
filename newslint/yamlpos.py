"""Load YAML safely and remember where each top-level key is, for error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

# PyYAML's pure-Python scanner is quadratic in the depth of [ and { nesting (5,000 levels
# take 15 s) and its composer recurses once per level, so deep nesting is refused first.
MAX_NESTING = 100
_FLOW = re.compile(r"[\[\]{}]")
# Rule and config files are small (the largest shipped rule: 8 KB, 293 entries, a
# 1,900-character pattern). Past these bounds a file is refused: an alias repeated in
# aliases ("billion laughs") is a few lines that stand for billions of values, and every
# check, error message or match over them would take that long.
MAX_BYTES = 1 << 20
MAX_NODES = 100_000  # values in the whole file, each alias counted as what it stands for
MAX_ITEMS = 10_000  # entries in one list or mapping
MAX_STRING = 20_000  # characters in one value


def nesting_too_deep(text: str) -> int | None:
    """The offset where [ or { nesting passes MAX_NESTING, if it does (quotes are not
    parsed: a bracket inside a string counts, which only errs on the side of caution)."""
    depth = 0
    for m in _FLOW.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_NESTING:
            return m.start()
    return None


# The characters YAML allows (PyYAML's reader): any other, a control character such as BEL
# or NUL, stops the reader with an error that has no line or column, so it is found first.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def control_character(text: str) -> tuple[int, str] | None:
    """(offset, message) of the first character YAML does not allow in `text`, if any."""
    bad = _NOT_PRINTABLE.search(text)
    if bad is None:
        return None
    return bad.start(), f"control character U+{ord(bad.group()):04X} is not allowed"


@dataclass
class LoadedYaml:
    data: Any
    positions: dict[str, tuple[int, int]]  # top-level key -> (line, column), 1-based


class YamlError(ValueError):
    def __init__(self, line: int, column: int, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.line, self.column, self.message, self.key = line, column, message, key


def load_yaml(text: str) -> LoadedYaml:
    """Parse with the safe loader; duplicate top-level keys are an error, not a silent override."""
    if len(text) > MAX_BYTES:
        raise YamlError(1, 1, f"file too large ({len(text):,} characters; at most {MAX_BYTES:,})")
    deep = nesting_too_deep(text)
    if deep is not None:
        line = text.count("\n", 0, deep) + 1
        raise YamlError(line, deep - (text.rfind("\n", 0, deep) + 1) + 1, "malformed YAML: nested too deeply")
    control = control_character(text)
    if control is not None:
        from newslint.document import LineIndex

        raise YamlError(*LineIndex(text).position(control[0]), f"malformed YAML: {control[1]}")
    if _FAST_LOADER is not None:  # libyaml: a tenth of the start-up time of a run with many rules
        try:
            return _load(text, _FAST_LOADER)
        except YamlError:
            pass  # the pure-Python loader words and places the error as it always has
    try:
        return _load(text, yaml.SafeLoader)
    except YamlError as exc:
        if exc.message != _QUOTE_ESCAPE or "\\'" not in text:
            raise
    return _load_with_quote_escapes(text)


# Vale reads rules with Go's YAML library, which takes \' in a double-quoted string as an
# apostrophe; YAML 1.1 and PyYAML do not know that escape.
_QUOTE_ESCAPE = "malformed YAML: found unknown escape character \"'\""
_MAX_QUOTE_ESCAPES = 1000


def _load_with_quote_escapes(text: str) -> LoadedYaml:
    """Load `text` taking each \\' that PyYAML refuses in a double-quoted string as an
    apostrophe (as Vale does): the backslash the error points at is dropped and the load
    tried again. Lines and columns (of keys, and of a later error) stay those of `text`."""
    lines = text.split("\n")
    dropped: dict[int, list[int]] = {}  # 0-based line -> 0-based columns of `text` dropped
    for _ in range(_MAX_QUOTE_ESCAPES):
        try:
            loaded = _load("\n".join(lines), yaml.SafeLoader)
        except YamlError as exc:
            if exc.message != _QUOTE_ESCAPE:
                raise YamlError(exc.line, _original_column(dropped, exc.line, exc.column), exc.message, exc.key) from None
            row, column = exc.line - 1, exc.column - 2  # the backslash before the quote
            line = lines[row]
            if column < 0 or line[column : column + 2] != "\\'":
                raise YamlError(exc.line, _original_column(dropped, exc.line, exc.column), exc.message, exc.key) from None
            lines[row] = line[:column] + line[column + 1 :]
            dropped.setdefault(row, []).append(_original_column(dropped, exc.line, column + 1) - 1)
            continue
        loaded.positions = {key: (line, _original_column(dropped, line, column))
                            for key, (line, column) in loaded.positions.items()}
        return loaded
    raise YamlError(1, 1, "malformed YAML: too many \\' escapes")


def _original_column(dropped: dict[int, list[int]], line: int, column: int) -> int:
    """The 1-based column in the original line of what is at `column` after the drops."""
    original = column - 1
    for gone in sorted(dropped.get(line - 1, ())):
        if gone <= original:
            original += 1
    return original + 1


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _load(text: str, loader_class: Any) -> LoadedYaml:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LoadedYaml(None, {})
        _check_size(node)
        positions: dict[str, tuple[int, int]] = {}
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                key = str(key_node.value)
                where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in positions:
                    raise YamlError(*where, f"duplicate key {key!r}", key)
                positions[key] = where
        try:
            data = loader.construct_document(node)
        except (ValueError, TypeError, OverflowError) as exc:  # e.g. 2005-02-30 read as a date
            raise YamlError(1, 1, f"malformed YAML: {exc}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlError(line, column, f"malformed YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlError(1, 1, f"malformed YAML: {exc}") from None
    except RecursionError:  # the composer recurses once per level of nesting
        raise YamlError(1, 1, "malformed YAML: nested too deeply") from None
    finally:
        loader.dispose()
    return LoadedYaml(data, positions)


def _check_size(root: Any) -> None:
    """Refuse a document whose values, aliases expanded, pass the bounds above (a node
    reached twice through aliases is counted twice but walked once)."""
    sizes: dict[int, int] = {}
    walking: set[int] = set()
    key = None

    def fail(node: Any, message: str) -> YamlError:
        mark = node.start_mark
        return YamlError(mark.line + 1, mark.column + 1, message, key)

    def size(node: Any) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if id(node) in walking:
            raise fail(node, "an alias refers to the value that holds it")
        if isinstance(node, yaml.ScalarNode):
            if len(node.value) > MAX_STRING:
                raise fail(node, f"value too long ({len(node.value):,} characters; at most {MAX_STRING:,})")
            total = 1
        else:
            if len(node.value) > MAX_ITEMS:
                raise fail(node, f"too many entries ({len(node.value):,}; at most {MAX_ITEMS:,})")
            walking.add(id(node))
            children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
            total = 1 + sum(size(child) for child in children)
            walking.discard(id(node))
        if total > MAX_NODES:
            raise fail(node, f"too many values once aliases are expanded (more than {MAX_NODES:,})")
        sizes[id(node)] = total
        return total

    if isinstance(root, yaml.MappingNode) and len(root.value) <= MAX_ITEMS:
        total = 1
        for key_node, value_node in root.value:
            key = str(key_node.value)[:60] if isinstance(key_node, yaml.ScalarNode) else None
            total += size(key_node) + size(value_node)
            if total > MAX_NODES:
                raise fail(value_node, f"too many values once aliases are expanded (more than {MAX_NODES:,})")
    else:
        size(root)
