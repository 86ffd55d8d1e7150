"""Find and load `.newslint.yaml` or `[tool.newslint]`; presets; which rules run, at what level."""

from __future__ import annotations

import errno
import functools
import os
import re
import sys
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping, NamedTuple

from newslint import schema
from newslint.deadline import DEFAULT_BUDGET
from newslint.engine import rule_matches
from newslint.errors import ConfigError
from newslint.trees import inside, printable, reaches_outside, read_confined, repository_root
from newslint.finding import Level
from newslint.rules import RuleSpec, builtin_rules_dir, display_path, find_packs, load_rule_spec, read_rule_file, rule_files, rule_id
from newslint.schema import OptionError
from newslint.selectors import Catalogue, UnknownSelector

CONFIG_NAMES = (".newslint.yaml", ".newslint.yml")
# The names Vale looks for in each folder, in its order (internal/core/config.go in Vale).
VALE_NAMES = (".vale", "_vale", "vale.ini", ".vale.ini", "_vale.ini")
PRESETS: Mapping[str, tuple[str, ...]] = {"ap": ("News", "AP"), "uk": ("News", "UK"), "none": ()}

_KEYS: Mapping[str, schema.Validator] = {
    "extends": schema.one_of(*PRESETS),  # matched case-insensitively: `extends: UK` is uk
    "rule_dirs": schema.string_list,
    "select": schema.string_list,
    "extend_select": schema.string_list,
    "ignore": schema.string_list,
    "levels": schema.string_map,
    "per_file_ignores": schema.anything,
    "exclude": schema.string_list,
    "extend_exclude": schema.string_list,
    "fail_level": schema.one_of("error", "warning", "suggestion"),
    "date_key": schema.string,
    # Vale's settings, as a .vale.ini sets them (see valeconfig.py and "Coming from Vale")
    "min_level": schema.one_of("error", "warning", "suggestion"),
    "vocab": schema.string_list,
    "block_ignores": schema.string_list,
    "token_ignores": schema.string_list,
    "ignored_scopes": schema.string_list,
    "skipped_scopes": schema.string_list,
    "ignored_classes": schema.string_list,
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
    # added to `exclude`, and kept when --exclude replaces it (as ruff's extend-exclude)
    extend_exclude: tuple[str, ...] = ()
    fail_level: Level = Level.WARNING
    date_key: str = "date"
    # --follow-symlinks: read articles, config and rule files through links out of their trees.
    follow_symlinks: bool = False
    # Seconds the parse and all rules together may take on one file. Only the user who runs newslint sets
    # it (--file-timeout), never a config file: a repository's config is not trusted.
    file_timeout: float = DEFAULT_BUDGET
    # Where the file set each key ("key") and named each selector ("key\0selector"):
    # (line, column), 1-based, for errors and --show-config.
    positions: Mapping[str, tuple[int, int]] = MappingProxyType({})
    # Findings below this level are not reported by `check` (Vale's MinAlertLevel;
    # --min-level replaces it).
    min_level: Level | None = None
    # Vale's vocabularies by name, looked up in the rule_dirs (vocab.py), and what they hold.
    vocab: tuple[str, ...] = ()
    vocabulary: Any = None  # vocab.Vocabulary
    # Build Vale's own style (Vale.Repetition, Vale.Terms, Vale.Avoid: vocab.built_rules).
    vale_pack: bool = False
    # Regular expressions whose matches in the source are not prose: a whole block
    # (Vale's BlockIgnores) or a span inside one (TokenIgnores); see ignores.py.
    block_ignores: tuple[str, ...] = ()
    token_ignores: tuple[str, ...] = ()
    # HTML tag names (Vale's IgnoredScopes: inline, SkippedScopes: block) whose text is not
    # prose, and HTML classes whose elements are not (Vale's IgnoredClasses), for the block
    # model to honour (ignores.py).
    ignored_scopes: tuple[str, ...] = ()
    skipped_scopes: tuple[str, ...] = ()
    ignored_classes: tuple[str, ...] = ()
    # The per-glob sections of a .vale.ini (valeconfig.ValeSections): which rules run on
    # which file; None for a newslint config.
    vale: Any = None
    # One line each, printed once by the command line: keys read but not acted on.
    warnings: tuple[str, ...] = ()

    @property
    def excluded(self) -> tuple[str, ...]:
        """Every pattern of files to leave out: `exclude` and `extend_exclude`."""
        return self.exclude + self.extend_exclude

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file walking up from the folder `start` (default: the working
    directory), as ruff does: up to the repository root (the nearest ancestor holding
    `.git`) and not past it; with no repository, up to the top of the file system."""
    return nearest_config((start or Path.cwd()).resolve(), {})


def find_vale_config(start: Path) -> Path | None:
    """The `.vale.ini` Vale would use from the folder `start`: `VALE_CONFIG_PATH` when set,
    else the first of Vale's names in `start` or a folder above it, up to the repository
    root (the nearest folder holding `.git`) and not past it (Vale goes on to the top of
    the file system and the home folder: a config outside the checked repository is not
    read here, as with .newslint.yaml)."""
    from_env = os.environ.get("VALE_CONFIG_PATH")
    if from_env:
        return Path(from_env)
    here = start
    while True:
        for name in VALE_NAMES:
            candidate = here / name
            if os.path.lexists(candidate) and not candidate.is_dir():
                return candidate
        if os.path.lexists(here / ".git") or here.parent == here:
            return None
        here = here.parent


def nearest_config(folder: Path, known: dict[Path, Path | None]) -> Path | None:
    """`find_config` from the resolved `folder`, remembering in `known` the answer for
    every folder on the way (a run asks once per folder, not once per file)."""
    walked = []
    here = folder
    while True:
        if here in known:
            found = known[here]
            break
        walked.append(here)
        found = config_in(here)
        if found is not None or os.path.lexists(here / ".git") or here.parent == here:
            break
        here = here.parent
    for folder in walked:
        known[folder] = found
    return found


def config_in(folder: Path) -> Path | None:
    """The config file of one folder: `.newslint.yaml`, `.newslint.yml`, else a
    pyproject.toml holding `[tool.newslint]`."""
    for name in CONFIG_NAMES:
        candidate = folder / name
        # Not only a regular file: a pipe, a device or a dangling link named as the config
        # is the project's config all the same, and loading it reports it (exit 2) rather
        # than the run going on in silence with other settings.
        if os.path.lexists(candidate) and not candidate.is_dir():
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
    except OSError as exc:
        # Over the size bound: which table it holds is not known, and a run that went on
        # without the project's settings would say nothing, so load_config reports it.
        # Else unreadable, or a link out of its repository: not ours to read.
        return exc.errno == errno.EFBIG


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
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError(f"{path}: malformed TOML: nested too deeply") from None


def _read_toml(path: Path, follow_symlinks: bool = False) -> dict[str, Any]:
    """The parsed file (finding the config and loading it read pyproject.toml once)."""
    return _parsed_toml(path, _toml_text(path, follow_symlinks))


def _toml_text(path: Path, follow_symlinks: bool = False) -> str:
    try:
        return _config_bytes(path, follow_symlinks).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}") from None


def _read_yaml(path: Path, follow_symlinks: bool = False) -> tuple[Any, dict[str, tuple[int, int]], str]:
    from newslint.yamlpos import YamlError, load_yaml  # only a run with a YAML config needs it

    text = _config_bytes(path, follow_symlinks).decode("utf-8-sig")
    try:
        loaded = load_yaml(text)
    except YamlError as exc:
        raise ConfigError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
    return loaded.data, loaded.positions, text


_TOML_HEADER = re.compile(r"^[ \t]*\[[ \t]*(?P<name>[^\[\]\r\n]+?)[ \t]*\][ \t]*(?:#.*)?$", re.MULTILINE)
_TOML_KEY = re.compile(r"^[ \t]*(?P<quote>[\"']?)(?P<key>[A-Za-z0-9_-]+)(?P=quote)[ \t]*=", re.MULTILINE)


def _toml_positions(text: str) -> dict[str, tuple[int, int]]:
    """Where each key of `[tool.newslint]` is (tomllib keeps no positions): keys of the
    table itself, and `[tool.newslint.KEY]` sub-tables at their header. The table's own
    header is under "" for a key that cannot be placed."""
    positions: dict[str, tuple[int, int]] = {}
    headers = list(_TOML_HEADER.finditer(text))
    for index, header in enumerate(headers):
        parts = [p.strip().strip("\"'") for p in header.group("name").split(".")]
        if parts[:2] != ["tool", "newslint"]:
            continue
        line = text.count("\n", 0, header.start()) + 1
        if len(parts) > 2:
            positions.setdefault(parts[2], (line, 1))
            continue
        positions.setdefault("", (line, 1))
        end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
        for key in _TOML_KEY.finditer(text, header.end(), end):
            where = key.start("key") - (1 if key.group("quote") else 0)
            positions.setdefault(key.group("key"), (text.count("\n", 0, where) + 1, where - text.rfind("\n", 0, where)))
    return positions


def _value_positions(text: str, positions: dict[str, tuple[int, int]], key: str, values: Iterable[str]) -> None:
    """Add "key\0value" positions: the first place each value is written at or after the
    line of its key (a selector's line for its error)."""
    line = positions.get(key, positions.get("", (1, 1)))[0]
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
    for value in values:
        found = re.compile(r"(?<![\w.])" + re.escape(value) + r"(?![\w.])").search(text, start)
        if found is not None and f"{key}\0{value}" not in positions:
            at = found.start()
            positions[f"{key}\0{value}"] = (text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at))


def load_config(path: Path | None, *, follow_symlinks: bool = False, allow_external_rule_dirs: bool = False) -> Config:
    """The config at `path` (None: the defaults). `rule_dirs` must lie in the config's
    repository (the nearest ancestor of its folder holding `.git`, else its folder), links
    resolved, unless `allow_external_rule_dirs`. Rule ids and selectors are checked
    against the available rules when a Linter is configured with it (`configure`)."""
    if path is None:
        return Config(follow_symlinks=follow_symlinks)
    if path.name in VALE_NAMES or path.suffix == ".ini":
        return load_vale_config(path, follow_symlinks=follow_symlinks, allow_external_rule_dirs=allow_external_rule_dirs)
    positions: dict[str, tuple[int, int]] = {}
    try:
        if path.name == "pyproject.toml":
            text = _toml_text(path, follow_symlinks)
            data = _parsed_toml(path, text).get("tool", {}).get("newslint", {})
            positions = _toml_positions(text)
        else:
            data, positions, text = _read_yaml(path, follow_symlinks)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}:1:1: config is not UTF-8: {exc.reason}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1:1: config must be a mapping of keys")

    def fail(key: str, message: str) -> ConfigError:
        line, column = positions.get(key, positions.get("", (1, 1)))
        return ConfigError(f"{path}:{line}:{column}: {schema.shorten(message)} [{schema.shorten(key, 60)}]")

    values: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        if key not in _KEYS:
            raise fail(key, f"unknown key {key!r}{_close_key(key)}")
        if key == "extends" and isinstance(value, str):
            value = value.lower()
        try:
            values[key] = schema.validate(key, value, _KEYS[key])
        except OptionError as exc:
            raise fail(key, exc.message) from None
    levels = {}
    for rule, name in values.get("levels", {}).items():
        try:
            levels[rule] = Level.parse(name)
        except ValueError as exc:  # at the misspelt level's place, with the closest one
            import difflib

            close = difflib.get_close_matches(str(name).strip().lower(), ["error", "warning", "suggestion"], n=1)
            _value_positions(text, positions, "levels", [str(name)])
            line, column = positions.get(f"levels\0{name}", positions.get("levels", (1, 1)))
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{path}:{line}:{column}: {exc}{hint} [levels]") from None
    per_file = values.get("per_file_ignores", {})
    if not isinstance(per_file, dict):
        raise fail("per_file_ignores", "expected a mapping of glob patterns to rule ids")
    try:
        per_file_ignores = {str(g): tuple(schema.string_list(v)) for g, v in per_file.items()}
    except ValueError as exc:
        raise fail("per_file_ignores", str(exc)) from None
    for key, named in (("select", values.get("select", ())), ("extend_select", values.get("extend_select", ())),
                       ("ignore", values.get("ignore", ())), ("levels", levels),
                       ("per_file_ignores", [r for rules in per_file_ignores.values() for r in rules])):
        _value_positions(text, positions, key, named)
    for key in ("block_ignores", "token_ignores"):
        for pattern in values.get(key, []):
            _check_regex(pattern, fail, key)
    root = path.parent
    rule_dirs = tuple((root / d).resolve() for d in values.get("rule_dirs", []))
    if rule_dirs and not allow_external_rule_dirs:
        repository = repository_root(str(root))
        for given, resolved in zip(values["rule_dirs"], rule_dirs):
            if not inside(str(resolved), repository):
                raise fail("rule_dirs", f"rule_dirs entry {given!r} is outside the repository {repository}: packs load "
                                        "only from the config's own repository (--allow-external-rule-dirs loads it)")
    vocab = tuple(values.get("vocab", []))
    vocabulary = None
    if vocab:
        from newslint.vocab import read_vocabularies

        line, column = positions.get("vocab", (1, 1))
        repository = repository_root(str(root))
        outside = any(not inside(str(d), repository) for d in rule_dirs)  # only with --allow-external-rule-dirs
        vocabulary = read_vocabularies(vocab, rule_dirs, None if follow_symlinks or outside else repository,
                                       f"{path}:{line}:{column}")
    return Config(
        path=path,
        min_level=Level.parse(values["min_level"]) if "min_level" in values else None,
        vocab=vocab,
        vocabulary=vocabulary,
        vale_pack=bool(vocab) or any(s.split(".", 1)[0].lower() == "vale"
                                     for s in values.get("select", []) + values.get("extend_select", [])),
        block_ignores=tuple(values.get("block_ignores", [])),
        token_ignores=tuple(values.get("token_ignores", [])),
        ignored_scopes=tuple(values.get("ignored_scopes", [])),
        skipped_scopes=tuple(values.get("skipped_scopes", [])),
        ignored_classes=tuple(values.get("ignored_classes", [])),
        extends=values.get("extends", "ap"),
        rule_dirs=rule_dirs,
        select=tuple(values["select"]) if "select" in values else None,
        extend_select=tuple(values.get("extend_select", [])),
        ignore=tuple(values.get("ignore", [])),
        levels=levels,
        per_file_ignores=per_file_ignores,
        exclude=tuple(values.get("exclude", [])),
        extend_exclude=tuple(values.get("extend_exclude", [])),
        fail_level=Level.parse(values.get("fail_level", "warning")),
        date_key=values.get("date_key", "date"),
        follow_symlinks=follow_symlinks,
        positions=MappingProxyType({k: v for k, v in positions.items() if k == "" or k in values or "\0" in k}),
    )


def _check_regex(pattern: str, fail: Any, key: str) -> None:
    import regex

    try:
        regex.compile(pattern, regex.VERSION0)
    except (regex.error, ValueError) as exc:
        raise fail(key, f"invalid regular expression {pattern[:60]!r}: {exc}") from None


def load_vale_config(path: Path, *, follow_symlinks: bool = False, allow_external_rule_dirs: bool = False) -> Config:
    """A `.vale.ini` as a Config: its StylesPath is the one rule_dirs entry, its styles and
    rules the selection (no preset), its sections decide per file (valeconfig.ValeSections),
    and the run fails on errors only, as Vale's does."""
    from newslint.valeconfig import read_vale_ini

    try:
        text = _config_bytes(path, follow_symlinks).decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}:1:1: config is not UTF-8: {exc.reason}") from None
    ini = read_vale_ini(path, text, allow_external=allow_external_rule_dirs)
    rule_dirs = (ini.styles_path,) if ini.styles_path is not None else ()
    vocabulary = None
    if ini.vocab:
        from newslint.vocab import read_vocabularies

        line, column = ini.positions["Vocab"]
        tree = None if follow_symlinks else repository_root(str(path.parent))
        if tree is not None and not inside(str(ini.styles_path), tree):
            tree = str(ini.styles_path)  # --allow-external-rule-dirs: confined to StylesPath itself
        vocabulary = read_vocabularies(ini.vocab, rule_dirs, tree, f"{path}:{line}:{column}")
    select, levels = ini.select, ini.levels
    if ini.vale_style:  # Vale.Terms and Vale.Avoid exist only with a vocabulary that gives them entries
        from newslint.vocab import Vocabulary, built_rules

        built = built_rules(vocabulary or Vocabulary())
        select = tuple(s for s in select if not s.startswith("Vale.") or s in built)
        levels = MappingProxyType({r: v for r, v in levels.items() if not r.startswith("Vale.") or r in built})
    return Config(
        path=path, extends="none", rule_dirs=rule_dirs, select=select, levels=levels,
        fail_level=Level.ERROR, follow_symlinks=follow_symlinks, positions=ini.positions,
        min_level=ini.min_level, vocab=ini.vocab, vocabulary=vocabulary, vale_pack=ini.vale_style,
        block_ignores=ini.sections.block_ignores, token_ignores=ini.sections.token_ignores,
        ignored_scopes=ini.ignored_scopes, skipped_scopes=ini.skipped_scopes, ignored_classes=ini.ignored_classes,
        vale=ini.sections,
        warnings=ini.warnings,
    )


def _close_key(key: str) -> str:
    import difflib  # only a config with a typo needs it

    close = difflib.get_close_matches(key, list(_KEYS), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


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
                if not rid.isprintable():  # an id is shown in every report and on the terminal
                    raise ConfigError(f"{printable(str(path))}:1:1: a pack or rule file name holding a control or "
                                      f"invisible character cannot name a rule ({printable(rid)})")
                if rid in found:
                    raise ConfigError(f"{path}:1:1: duplicate rule id {rid} (also defined in {found[rid]})")
                found[rid] = path
    for rid, (path, _) in _built_rules(config).items():
        found[rid] = path
    return found


def _built_rules(config: Config) -> dict[str, tuple[Path, bytes]]:
    """The rules of Vale's own style a config asks for (vocab.py), by id."""
    if not config.vale_pack:
        return {}
    from newslint.vocab import Vocabulary, built_rules

    return built_rules(config.vocabulary or Vocabulary())


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
    if not path.is_absolute() and config.vale_pack:  # a rule of Vale's own style: built, never read
        built = _built_rules(config).get(rule_id(path))
        if built is not None and built[0] == path:
            return built[1]
    if directory == builtin_rules_dir():
        return read_rule_file(path)
    try:
        return read_confined(str(path), rule_tree(config, directory))
    except OSError as exc:
        raise ConfigError(f"{display_path(path)}:1:1: cannot read rule file: {exc.strerror or exc}") from None


class Configured(NamedTuple):
    """A config with every selector checked and spelt as the rules are, the specs it
    selects, and the ids it could have named (for disable comments)."""

    config: Config
    specs: list[RuleSpec]
    catalogue: Catalogue


def select_rules(
    config: Config,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[RuleSpec]:
    """Load the specs of every rule the config and command line select, in id order."""
    return configure(config, select, extend_select, ignore).specs


def configure(
    config: Config,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    sources: tuple[str, str, str] = ("--select", "--extend-select", "--ignore"),
) -> Configured:
    """Check every rule id and selector of the config and the arguments (an unknown one
    is an error naming the config file, line and key, with the closest id), then load the
    specs of the selected rules, in id order."""
    available = available_rule_files(config)
    catalogue = Catalogue(available)
    config = checked_selectors(config, catalogue)
    select = None if select is None else _checked_arguments(catalogue, sources[0], select)
    extend_select = _checked_arguments(catalogue, sources[1], extend_select)
    ignore = _checked_arguments(catalogue, sources[2], ignore)
    chosen = select if select is not None else (config.select if config.select is not None else PRESETS[config.extends])
    chosen = chosen + config.extend_select + extend_select
    ignored = config.ignore + ignore
    from newslint.rulecache import load_specs

    paths = [available[rid] for rid in sorted(available) if rule_matches(rid, chosen) and not rule_matches(rid, ignored)]
    contents = [(path, read_rule_bytes(config, path)) for path in paths]
    if config.vale is not None:  # a Vale style's rules of kinds newslint lacks are skipped, as one warning
        contents, skipped = _of_known_kinds(contents)
        if skipped:
            paths = [path for path, _ in contents]
            shown_skipped = ", ".join(skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
            config = config._replace(warnings=config.warnings + (
                f"{config.path}: {len(skipped)} rule{'s' if len(skipped) != 1 else ''} of kinds newslint does not have "
                f"skipped: {shown_skipped}",))
    loaded = load_specs(contents, _load_unchanged)
    folders: dict[Path, str] = {}  # a pack's folder as this run shows it, worked out once
    shown = []
    for spec, path in zip(loaded, paths):
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = display_path(path.parent)
        display = path.name if folder == os.curdir else os.path.join(folder, path.name)
        shown.append(_as_here(spec, display, _level_for(spec.id, config.levels)))
    if config.vocabulary is not None and config.vocabulary.accepted:
        shown = [_with_vocabulary(spec, config.vocabulary.accepted) for spec in shown]
    return Configured(config, shown, catalogue)


def _with_vocabulary(spec: RuleSpec, accepted: tuple[str, ...]) -> RuleSpec:
    """A pattern rule with the accepted vocabulary among its exceptions, as Vale adds it to
    every rule whose `vocab` is not false."""
    from newslint.vocab import VOCAB_KINDS

    if spec.kind not in VOCAB_KINDS or spec.options.get("vocab", True) is False:
        return spec
    options = dict(spec.options)
    options["exceptions"] = list(options.get("exceptions", [])) + [t for t in accepted if t not in options.get("exceptions", [])]
    spec = spec._replace(options=MappingProxyType(options), prepared=None)
    from newslint.kinds import load_kind

    prepare = getattr(load_kind(spec.kind), "prepare", None)
    return spec._replace(prepared=prepare(spec)) if prepare is not None else spec


def _of_known_kinds(contents: list[tuple[Path, bytes]]) -> tuple[list[tuple[Path, bytes]], list[str]]:
    """The rule files whose kind newslint has (Vale's spelling, sequence, script... not),
    and 'Rule.Id (kind)' for each of the others."""
    from newslint.kinds import KIND_MODULES

    extends = re.compile(rb"^extends[ \t]*:[ \t]*['\"]?([A-Za-z_-]+)", re.MULTILINE)  # only a Vale config's run
    kept, skipped = [], []
    for path, content in contents:
        found = extends.search(content)
        kind = found.group(1).decode("ascii") if found else None
        if kind is not None and kind not in KIND_MODULES:
            skipped.append(f"{rule_id(path)} ({kind})")
        else:
            kept.append((path, content))
    return kept, skipped


def _checked_arguments(catalogue: Catalogue, flag: str, selectors: Iterable[str]) -> tuple[str, ...]:
    if isinstance(selectors, str):  # "AP" is one selector, not the letters A and P
        selectors = (selectors,)
    try:
        return catalogue.canonical_all(selectors)
    except UnknownSelector as exc:
        raise ConfigError(f"{exc} [{flag}]") from None


def checked_selectors(config: Config, catalogue: Catalogue) -> Config:
    """`config` with each selector of `select`, `extend_select`, `ignore`, `levels` and
    `per_file_ignores` spelt as the rules are; an unknown one is an error at its place in
    the config file."""

    def check(key: str, selector: str) -> str:
        try:
            return catalogue.canonical(selector)
        except UnknownSelector as exc:
            line, column = config.positions.get(f"{key}\0{selector}", config.positions.get(key, (1, 1)))
            where = f"{config.path}:{line}:{column}: " if config.path is not None else ""
            raise ConfigError(f"{where}{exc} [{key}]") from None

    changes: dict[str, Any] = {}
    for key in ("select", "extend_select", "ignore"):
        given = getattr(config, key)
        if given is not None:
            checked = tuple(check(key, s) for s in given)
            if checked != given:
                changes[key] = checked
    levels = {check("levels", s): level for s, level in config.levels.items()}
    if list(levels) != list(config.levels):
        changes["levels"] = MappingProxyType(levels)
    per_file = {glob: tuple(check("per_file_ignores", s) for s in rules) for glob, rules in config.per_file_ignores.items()}
    if per_file != dict(config.per_file_ignores):
        changes["per_file_ignores"] = MappingProxyType(per_file)
    return config._replace(**changes) if changes else config


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


def ignored_for_path(config: Config, path: str, rule_ids: list[str] | None = None) -> tuple[str, ...]:
    """The selectors `per_file_ignores` switches off for `path`: a pattern matches the path
    as given, its name, or (the config's folder need not be the working folder) the path
    relative to the config's folder. For a .vale.ini, also those of `rule_ids` that its
    sections do not run on this file."""
    if config.vale is not None and rule_ids:
        return config.vale.off_for(path, rule_ids)  # type: ignore[no-any-return]
    if not config.per_file_ignores:
        return ()
    import fnmatch

    candidates = [path, Path(path).name]
    if config.path is not None:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(config.path.parent))
        if not relative.startswith(os.pardir):
            candidates.append(relative)
    ignored: list[str] = []
    for pattern, rules in config.per_file_ignores.items():
        if any(fnmatch.fnmatch(c, pattern) for c in candidates):
            ignored.extend(rules)
    return tuple(ignored)
