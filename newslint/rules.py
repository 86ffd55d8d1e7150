"""Load rule files, validate them strictly, derive their ids and compile them once."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from newslint import schema
from newslint.document import Document
from newslint.errors import ConfigError
from newslint.finding import Hit, Level
from newslint.kinds import load_kind
from newslint.trees import read_confined
from newslint.schema import OptionError
from newslint.scopes import ScopeError, parse_scope

try:  # hashlib's BLAKE2, without hashlib loading OpenSSL for the other algorithms
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b

Check = Callable[[Document], Iterable[Hit]]
RULE_SUFFIXES = (".yml", ".yaml")
# The pattern kinds, which match each block's visible text (newslint.blocks) and whose
# hits are moved back to the source by kinds._pattern.located.
BLOCK_KINDS = frozenset({"existence", "substitution", "occurrence", "repetition", "consistency", "conditional",
                         "capitalization"})

COMMON_KEYS: Mapping[str, schema.Validator] = {
    "extends": schema.string,
    "message": schema.string,
    "level": schema.one_of("suggestion", "warning", "error"),
    "description": schema.string,
    "link": schema.string,
    "scope": schema.string_list,
    # skip: not checked inside quotations; include: checked there, but a fix there is
    # withdrawn (a source's words are not rewritten); house: checked and fixed there, for
    # the house style a desk applies to quoted words too (numerals, spellings).
    "quotes": schema.one_of("skip", "include", "house"),
    "examples": schema.anything,
    "limit": schema.integer,
    # Vale's fix: {name: replace|remove|edit|suggest|convert, params: [...]} (see kinds/_action.py).
    "action": schema.anything,
    # Accepted so that Vale rule files load unchanged; they do not change what is checked.
    "vocab": schema.boolean,
    "code": schema.boolean,
}
# The kinds a Vale style can hold (Vale's extension points that newslint has).
VALE_KINDS = frozenset({"existence", "substitution", "occurrence", "repetition", "consistency", "conditional",
                        "capitalization", "metric", "readability"})
# Keys only newslint reads: a rule that sets one was written for newslint.
NEWSLINT_KEYS = frozenset({"quotes", "examples", "span"})


def is_vale_rule(kind: str, keys: Iterable[str], builtin: bool) -> bool:
    """A rule from a Vale style, which means what it means in Vale: every match (no
    quotation skipping), messages and suggestions as Vale words them, fixes only from its
    `action`. Newslint's own rules are the shipped packs' and any rule that sets a key only
    newslint knows (`quotes`, `examples`, `span`) or has a kind Vale lacks."""
    return not builtin and kind in VALE_KINDS and NEWSLINT_KEYS.isdisjoint(keys)


# The kinds whose exceptions Vale extends with its accepted vocabulary, unless `vocab: false`.
_VOCAB_KINDS = frozenset({"existence", "substitution", "conditional", "repetition", "capitalization"})


class RuleError(ConfigError):
    """A rule file that cannot be used; str() is the one line shown to the user."""

    def __init__(self, path: str, line: int, column: int, message: str, key: str | None = None) -> None:
        # A message may quote the file's values: it stays one line of bounded length.
        message = schema.shorten(message)
        key = schema.shorten(key, 60) if key else key
        self.path, self.line, self.column, self.key, self.message = path, line, column, key, message
        where = f" [{key}]" if key else ""
        super().__init__(f"{path}:{line}:{column}: {message}{where}")


class Examples(NamedTuple):
    flag: tuple[str, ...] = ()
    pass_: tuple[str, ...] = ()


class RuleSpec(NamedTuple):
    """A validated rule file; picklable, so worker processes can compile it themselves."""

    id: str
    kind: str
    message: str
    level: Level
    path: str
    description: str = ""
    link: str | None = None
    scope: tuple[str, ...] = ("text",)
    quotes: str = "skip"
    limit: int | None = None
    examples: Examples = Examples()
    options: Mapping[str, Any] = MappingProxyType({})
    positions: Mapping[str, tuple[int, int]] = MappingProxyType({})
    # A rule of a pack shipped with newslint. The test suite compiles every one of its
    # patterns, so a run compiles them only when a text needs them; a user's rule has each
    # pattern compiled when it loads, so that a bad one is reported before any output.
    builtin: bool = False
    # A digest of the rule file's bytes: the findings cache keys on it without reading the file again.
    source: str = ""
    # What the kind works out from the options when the rule loads (kinds.prepare), kept
    # with the spec so that a run with the rule cache skips it.
    prepared: Any = None
    # Vale semantics (see is_vale_rule): every match, Vale's messages, fixes from `action`.
    vale: bool = False

    @property
    def pack(self) -> str:
        return self.id.split(".", 1)[0]


class Rule(NamedTuple):
    spec: RuleSpec
    check: Check


@functools.cache
def builtin_rules_dir() -> Path:
    """The shipped packs: inside the installed package, or top-level rules/ in a checkout
    (worked out once: every rule file read asks whether it is a shipped one)."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def find_packs(directories: Iterable[Path]) -> dict[str, Path]:
    """Pack name -> folder, for every folder of rule files under the given directories."""
    packs: dict[str, Path] = {}
    for directory in directories:
        if not directory.is_dir():
            continue
        for entry in sorted(os.scandir(directory), key=lambda e: e.name):
            if entry.is_dir() and any(f.name.endswith(RULE_SUFFIXES) for f in os.scandir(entry.path)):
                packs[entry.name] = directory / entry.name
    return packs


def rule_files(pack_dir: Path) -> list[Path]:
    # scandir knows from the folder listing which entries are files, without a stat each.
    return [pack_dir / e.name for e in sorted(os.scandir(pack_dir), key=lambda e: e.name)
            if e.name.endswith(RULE_SUFFIXES) and e.is_file()]


def rule_id(path: Path) -> str:
    return f"{path.parent.name}.{path.stem}"


def display_path(path: Path) -> str:
    return os.path.relpath(path) if not str(path).startswith("..") else str(path)


def read_rule_file(path: Path) -> bytes:
    try:
        return read_confined(str(path), None)
    except OSError as exc:
        raise RuleError(display_path(path), 1, 1, f"cannot read rule file: {exc.strerror or exc}") from None


def load_rule_spec(path: Path, level_override: Level | None = None, content: bytes | None = None) -> RuleSpec:
    """Parse and validate one rule file (`content`: its bytes, when already read)."""
    display = display_path(path)
    if content is None:
        content = read_rule_file(path)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleError(display, 1, 1, f"cannot read rule file: {exc}") from None
    from newslint.yamlpos import YamlError, load_yaml  # not imported by a run the rule cache answers

    try:
        loaded = load_yaml(text)
    except YamlError as exc:
        raise RuleError(display, exc.line, exc.column, exc.message, exc.key) from None
    data, positions = loaded.data, loaded.positions

    def fail(key: str | None, message: str) -> RuleError:
        line, column = positions.get(key, (1, 1)) if key else (1, 1)
        return RuleError(display, line, column, message, key)

    if not isinstance(data, dict):
        raise fail(None, "a rule file must be a mapping of keys")
    for required in ("extends", "message"):
        if required not in data:
            raise fail(None, f"missing required key {required!r}")
    try:
        kind_name = schema.validate("extends", data["extends"], schema.string)
        kind = load_kind(kind_name)
    except OptionError as exc:
        raise fail(exc.key, exc.message) from None
    except KeyError:
        raise fail("extends", f"unknown kind {data['extends']!r}") from None
    common: dict[str, Any] = {}
    options: dict[str, Any] = {}
    try:
        for key, value in data.items():
            key = str(key)
            if key in COMMON_KEYS:
                common[key] = schema.validate(key, value, COMMON_KEYS[key])
            elif key in kind.OPTIONS:
                options[key] = schema.validate(key, value, kind.OPTIONS[key])
            else:
                raise OptionError(key, f"unknown key {key!r} for kind {kind_name!r}")
        if "vocab" in common and kind_name in _VOCAB_KINDS:  # whether Vale's vocabularies apply (config.py)
            options["vocab"] = common["vocab"]
        scope = tuple(common.get("scope", ["text"]))
        try:
            parse_scope(scope)
        except ScopeError as exc:
            raise OptionError("scope", str(exc)) from None
        examples = _examples(common.get("examples"))
        if "action" in common:
            from newslint.kinds._action import parse_action

            common["action"] = parse_action(common["action"])
    except OptionError as exc:
        raise fail(exc.key, exc.message) from None
    builtin = path.resolve().parent.parent == builtin_rules_dir()
    vale = is_vale_rule(kind_name, map(str, data), builtin)
    if "action" in common:
        options["action"] = common["action"]
    spec = RuleSpec(
        id=rule_id(path),
        kind=kind_name,
        message=common["message"],
        level=level_override or Level.parse(common.get("level", "warning")),
        path=display,
        description=common.get("description", "").strip(),
        link=common.get("link"),
        scope=scope,
        quotes=common.get("quotes", "include" if vale else getattr(kind, "DEFAULT_QUOTES", "skip")),
        limit=common.get("limit"),
        examples=examples,
        options=options,
        positions=positions,
        builtin=builtin,
        source=blake2b(content, digest_size=16).hexdigest(),
        vale=vale,
    )
    prepare = getattr(kind, "prepare", None)
    return spec._replace(prepared=prepare(spec)) if prepare is not None else spec


def _examples(value: Any) -> Examples:
    if value is None:
        return Examples()
    if not isinstance(value, dict) or set(value) - {"flag", "pass"}:
        raise OptionError("examples", "expected a mapping with 'flag' and 'pass' lists")
    flag = schema.validate("examples", value.get("flag", []), schema.string_list)
    passing = schema.validate("examples", value.get("pass", []), schema.string_list)
    return Examples(tuple(flag), tuple(passing))


class StoredPrepared(NamedTuple):
    """A kind's prepared value as the rule cache keeps it: plain data, made back into the
    kind's objects (rulecache.rebuild_prepared) only when the rule is compiled, so that
    reading the cache imports no kind (and no `regex`)."""

    plain: Any


def compile_rule(spec: RuleSpec) -> Rule:
    if isinstance(spec.prepared, StoredPrepared):
        from newslint.rulecache import rebuild_prepared

        # None when malformed: the kind then prepares the rule from its options.
        spec = spec._replace(prepared=rebuild_prepared(spec.prepared.plain))
    kind = load_kind(spec.kind)
    try:
        check = kind.compile_rule(spec)
    except OptionError as exc:
        line, column = spec.positions.get(exc.key, (1, 1))
        raise RuleError(spec.path, line, column, exc.message, exc.key) from None
    if spec.kind in BLOCK_KINDS:
        from newslint.kinds._pattern import located

        check = located(check, spec)
    return Rule(spec, check)
