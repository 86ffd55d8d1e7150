"""Find and load `.newslint.yaml` or `[tool.newslint]`; presets; which rules run, at what level."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping, NamedTuple

from newslint import schema
from newslint.deadline import DEFAULT_BUDGET
from newslint.engine import rule_matches
from newslint.errors import ConfigError
from newslint.trees import inside, reaches_outside, read_confined, repository_root
from newslint.finding import Level
from newslint.rules import RuleSpec, builtin_rules_dir, display_path, find_packs, load_rule_spec, read_rule_file, rule_files, rule_id
from newslint.schema import OptionError

CONFIG_NAMES = (".newslint.yaml", ".newslint.yml")
PRESETS: Mapping[str, tuple[str, ...]] = {"ap": ("News", "AP"), "uk": ("News", "UK"), "none": ()}

_KEYS: Mapping[str, schema.Validator] = {
    "extends": schema.one_of(*PRESETS),
    "rule_dirs": schema.string_list,
    "select": schema.string_list,
    "extend_select": schema.string_list,
    "ignore": schema.string_list,
    "levels": schema.string_map,
    "per_file_ignores": schema.anything,
    "exclude": schema.string_list,
    "fail_level": schema.one_of("error", "warning", "suggestion"),
    "date_key": schema.string,
}


class Config(NamedTuple):
    path: Path | None = None
    extends: str = "ap"
    rule_dirs: tuple[Path, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    levels: Mapping[str, Level] = MappingProxyType({})
    per_file_ignores: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    exclude: tuple[str, ...] = ()
    fail_level: Level = Level.WARNING
    date_key: str = "date"
    # --follow-symlinks: read articles, config and rule files through links out of their trees.
    follow_symlinks: bool = False
    # Seconds all rules together may take on one file. Only the user who runs newslint sets
    # it (--file-timeout), never a config file: a repository's config is not trusted.
    file_timeout: float = DEFAULT_BUDGET

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file walking up from `start` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "newslint" in _read_toml(path).get("tool", {})
    except ConfigError:
        # Malformed: when it seems to hold our table, load_config reports the error
        # rather than the run going on silently without the project's settings.
        return "tool.newslint" in _config_bytes(path, False).decode("utf-8", errors="replace")
    except OSError:
        return False  # unreadable, or a link out of its repository: not ours to read


def _config_bytes(path: Path, follow_symlinks: bool) -> bytes:
    """A config file's bytes; unless `follow_symlinks`, only if its real path lies in the
    repository of the folder it is in (a committed `.newslint.yaml -> /etc/passwd` must not
    have its lines quoted in an error)."""
    return read_confined(str(path), None if follow_symlinks else repository_root(str(path.parent)))


@functools.lru_cache(maxsize=8)
def _parsed_toml(path: Path, text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}") from None


def _read_toml(path: Path, follow_symlinks: bool = False) -> dict[str, Any]:
    """The parsed file (finding the config and loading it read pyproject.toml once)."""
    try:
        text = _config_bytes(path, follow_symlinks).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}") from None
    return _parsed_toml(path, text)


def _read_yaml(path: Path, follow_symlinks: bool = False) -> tuple[Any, dict[str, tuple[int, int]]]:
    from newslint.yamlpos import YamlError, load_yaml  # only a run with a YAML config needs it

    try:
        loaded = load_yaml(_config_bytes(path, follow_symlinks).decode("utf-8-sig"))
    except YamlError as exc:
        raise ConfigError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
    return loaded.data, loaded.positions


def load_config(path: Path | None, *, follow_symlinks: bool = False, allow_external_rule_dirs: bool = False) -> Config:
    """The config at `path` (None: the defaults). `rule_dirs` must lie in the config's
    repository (the nearest ancestor of its folder holding `.git`, else its folder), links
    resolved, unless `allow_external_rule_dirs`."""
    if path is None:
        return Config(follow_symlinks=follow_symlinks)
    positions: dict[str, tuple[int, int]] = {}
    try:
        if path.name == "pyproject.toml":
            data = _read_toml(path, follow_symlinks).get("tool", {}).get("newslint", {})
        else:
            data, positions = _read_yaml(path, follow_symlinks)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}:1:1: config is not UTF-8: {exc.reason}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1:1: config must be a mapping of keys")

    def fail(key: str, message: str) -> ConfigError:
        line, column = positions.get(key, (1, 1))
        return ConfigError(f"{path}:{line}:{column}: {schema.shorten(message)} [{schema.shorten(key, 60)}]")

    values: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        if key not in _KEYS:
            raise fail(key, f"unknown key {key!r}")
        try:
            values[key] = schema.validate(key, value, _KEYS[key])
        except OptionError as exc:
            raise fail(key, exc.message) from None
    try:
        levels = {k: Level.parse(v) for k, v in values.get("levels", {}).items()}
    except ValueError as exc:
        raise fail("levels", str(exc)) from None
    per_file = values.get("per_file_ignores", {})
    if not isinstance(per_file, dict):
        raise fail("per_file_ignores", "expected a mapping of glob patterns to rule ids")
    try:
        per_file_ignores = {str(g): tuple(schema.string_list(v)) for g, v in per_file.items()}
    except ValueError as exc:
        raise fail("per_file_ignores", str(exc)) from None
    root = path.parent
    rule_dirs = tuple((root / d).resolve() for d in values.get("rule_dirs", []))
    if rule_dirs and not allow_external_rule_dirs:
        repository = repository_root(str(root))
        for given, resolved in zip(values["rule_dirs"], rule_dirs):
            if not inside(str(resolved), repository):
                raise fail("rule_dirs", f"rule_dirs entry {given!r} is outside the repository {repository}: packs load "
                                        "only from the config's own repository (--allow-external-rule-dirs loads it)")
    return Config(
        path=path,
        extends=values.get("extends", "ap"),
        rule_dirs=rule_dirs,
        select=tuple(values["select"]) if "select" in values else None,
        extend_select=tuple(values.get("extend_select", [])),
        ignore=tuple(values.get("ignore", [])),
        levels=levels,
        per_file_ignores=per_file_ignores,
        exclude=tuple(values.get("exclude", [])),
        fail_level=Level.parse(values.get("fail_level", "warning")),
        date_key=values.get("date_key", "date"),
        follow_symlinks=follow_symlinks,
    )


def available_rule_files(config: Config) -> dict[str, Path]:
    """Every rule id that can be selected, with its file; a duplicate id is an error."""
    found: dict[str, Path] = {}
    builtin = builtin_rules_dir()
    for directory in (builtin, *config.rule_dirs):
        if not directory.is_dir() and directory != builtin:
            raise ConfigError(f"{config.path}: rule_dirs entry {directory} is not a folder")
        tree = None if directory == builtin else rule_tree(config, directory)
        for pack_dir in find_packs([directory]).values():
            _confined(pack_dir, tree)
            for path in rule_files(pack_dir):
                _confined(path, tree)
                rid = rule_id(path)
                if rid in found:
                    raise ConfigError(f"{path}:1:1: duplicate rule id {rid} (also defined in {found[rid]})")
                found[rid] = path
    return found


def rule_tree(config: Config, directory: Path) -> str | None:
    """Where the packs of a rule_dirs entry may be read from: the config's repository when
    the entry lies in it, else (--allow-external-rule-dirs) the entry itself; None when
    links may be followed anywhere."""
    if config.follow_symlinks:
        return None
    repository = repository_root(str(config.path.parent)) if config.path is not None else None
    if repository is not None and inside(str(directory), repository):
        return repository
    return str(directory)


def _confined(path: Path, tree: str | None) -> None:
    """A pack folder or rule file reached through a link out of its tree is an error, named
    (never its target, whose lines a YAML error would quote)."""
    if tree is not None and reaches_outside(str(path), os.path.realpath(path), tree):
        from newslint.trees import OutsideTree

        raise ConfigError(f"{display_path(path)}: {OutsideTree(str(path))}")


def read_rule_bytes(config: Config, path: Path) -> bytes:
    """A rule file's bytes, read confined to its tree (a shipped rule: as it is)."""
    directory = path.parent.parent
    if directory == builtin_rules_dir():
        return read_rule_file(path)
    try:
        return read_confined(str(path), rule_tree(config, directory))
    except OSError as exc:
        raise ConfigError(f"{display_path(path)}:1:1: cannot read rule file: {exc.strerror or exc}") from None


def select_rules(
    config: Config,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[RuleSpec]:
    """Load the specs of every rule the config and command line select, in id order."""
    available = available_rule_files(config)
    chosen = tuple(select) if select is not None else (config.select if config.select is not None else PRESETS[config.extends])
    chosen = chosen + config.extend_select + tuple(extend_select)
    ignored = config.ignore + tuple(ignore)
    for selector in (*chosen, *ignored):
        if selector not in ("ALL", "*") and not any(rule_matches(rid, [selector]) for rid in available):
            raise ConfigError(f"unknown rule or pack {selector!r} (see 'newslint rules')")
    from newslint.rulecache import load_specs

    paths = [available[rid] for rid in sorted(available) if rule_matches(rid, chosen) and not rule_matches(rid, ignored)]
    loaded = load_specs([(path, read_rule_bytes(config, path)) for path in paths], _load_unchanged)
    folders: dict[Path, str] = {}  # a pack's folder as this run shows it, worked out once
    shown = []
    for spec, path in zip(loaded, paths):
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = display_path(path.parent)
        display = path.name if folder == os.curdir else os.path.join(folder, path.name)
        shown.append(_as_here(spec, display, _level_for(spec.id, config.levels)))
    return shown


def _load_unchanged(path: Path, content: bytes) -> RuleSpec:
    return load_rule_spec(path, None, content)


def _as_here(spec: RuleSpec, display: str, level: Level | None) -> RuleSpec:
    """A spec from the rule cache with this run's level and path as this run shows it."""
    if (level is None or level == spec.level) and display == spec.path:
        return spec
    return spec._replace(level=level or spec.level, path=display)


def _level_for(rid: str, levels: Mapping[str, Level]) -> Level | None:
    best: tuple[int, Level] | None = None
    for selector, level in levels.items():
        if rule_matches(rid, [selector]) and (best is None or len(selector) > best[0]):
            best = (len(selector), level)
    return best[1] if best else None


def ignored_for_path(config: Config, path: str) -> tuple[str, ...]:
    import fnmatch

    ignored: list[str] = []
    for pattern, rules in config.per_file_ignores.items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
            ignored.extend(rules)
    return tuple(ignored)
