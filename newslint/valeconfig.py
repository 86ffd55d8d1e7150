"""A `.vale.ini` read as a newslint config: which Vale styles and rules run on which
files, at what level, with which vocabularies and ignore patterns.

Vale's own reading is the reference (internal/core/ini.go in Vale): the keys above the
first section are core options, `[*]` holds the global `BasedOnStyles` and rule settings,
and every other section is a glob whose settings apply to the files it matches, later
sections over earlier ones. Where newslint cannot do what a key asks, the key is a
warning (printed once) or, when a run would silently differ, an error naming file, line
and key.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping, NamedTuple, Union

from newslint.errors import ConfigError
from newslint.finding import Level
from newslint.trees import inside, repository_root
from newslint.valeglob import GlobError, ValeGlob, compile_glob
from newslint.valeini import IniError, IniKey, IniSection, parse_ini, split_list

# Vale's built-in style; newslint builds these of its rules (vocab.py), not Vale.Spelling.
VALE_STYLE = "Vale"
VALE_RULES = ("Vale.Avoid", "Vale.Repetition", "Vale.Terms")
UNSUPPORTED_RULES = ("Vale.Spelling",)
_LEVELS = ("suggestion", "warning", "error")

# Core options (above the first section).
_CORE = ("StylesPath", "MinAlertLevel", "IgnoredScopes", "SkippedScopes", "Vocab", "Packages",
         "WordTemplate", "IgnoredClasses", "NLPEndpoint")
# Options of [*] and of a glob section.
_SYNTAX = ("BasedOnStyles", "BlockIgnores", "IgnorePatterns", "TokenIgnores", "CommentDelimiters", "Transform", "Lang")
# Accepted, but what they ask is not done: one warning each.
_IGNORED = {
    "WordTemplate": "newslint uses Vale's default word template",
    "NLPEndpoint": "newslint calls no outside service",
    "CommentDelimiters": "newslint reads <!-- --> comments only",
    "Transform": "newslint applies no XSLT stylesheet",
    "Lang": "newslint's rules are English-only",
}


# Makes the error for a key or section: fail(where, message).
Fail = Callable[[Union[IniKey, IniSection], str], ConfigError]


class ValeSection(NamedTuple):
    """One glob section: the files it matches and what it sets for them."""

    glob: ValeGlob
    styles: tuple[str, ...] | None  # its BasedOnStyles, None when it sets none
    checks: Mapping[str, bool]  # Style.Rule -> on (YES or a level) or off (NO)
    block_ignores: tuple[str, ...]
    token_ignores: tuple[str, ...]


class ValeSections(NamedTuple):
    """Which rules run on which file, as Vale decides it (internal/lint/lint.go, shouldRun):
    a rule set in a matching section, else in [*], else its style among the file's
    BasedOnStyles (the last matching section's, else [*]'s)."""

    styles: tuple[str, ...]  # [*] BasedOnStyles
    checks: Mapping[str, bool]  # [*] rule settings
    sections: tuple[ValeSection, ...]
    block_ignores: tuple[str, ...]  # [*]
    token_ignores: tuple[str, ...]
    root: str  # the ini's folder: section globs match paths relative to it

    def settings_for(self, path: str) -> tuple[tuple[str, ...], dict[str, bool], tuple[str, ...], tuple[str, ...]]:
        """(styles, rule settings, block ignores, token ignores) for the file at `path`."""
        relative = os.path.relpath(os.path.abspath(path), self.root)
        candidate = (os.path.normpath(path) if relative.startswith(os.pardir) else relative).replace(os.sep, "/")
        styles, checks = self.styles, {}
        blocks, tokens = list(self.block_ignores), list(self.token_ignores)
        for section in self.sections:
            if section.glob.match(candidate):
                if section.styles is not None:
                    styles = section.styles
                checks.update(section.checks)
                blocks += section.block_ignores
                tokens += section.token_ignores
        return styles, checks, tuple(blocks), tuple(tokens)

    def off_for(self, path: str, rule_ids: list[str]) -> tuple[str, ...]:
        """The ids among `rule_ids` that do not run on the file at `path`."""
        styles, checks, _, _ = self.settings_for(path)
        off = []
        for rid in rule_ids:
            name = ".".join(rid.split(".")[:2])  # Vale's consistency-rule names (#129)
            run = checks.get(name)
            if run is None:
                run = self.checks.get(name)
            if run is None:
                run = name.split(".", 1)[0] in styles
            if not run:
                off.append(rid)
        return tuple(off)


class ValeIni(NamedTuple):
    """What a `.vale.ini` says, in newslint's terms (config.Config is built of it)."""

    styles_path: Path | None
    select: tuple[str, ...]  # every style and rule switched on anywhere
    levels: Mapping[str, Level]
    min_level: Level
    vocab: tuple[str, ...]
    ignored_scopes: tuple[str, ...]
    skipped_scopes: tuple[str, ...]
    ignored_classes: tuple[str, ...]
    sections: ValeSections
    vale_style: bool  # Vale's built-in style is named: its rules are built
    warnings: tuple[str, ...]
    positions: Mapping[str, tuple[int, int]]


def read_vale_ini(path: Path, text: str, *, allow_external: bool) -> ValeIni:
    """Read the ini at `path` (its text already read, confined): StylesPath must lie in the
    ini's repository, links resolved, unless `allow_external` (--allow-external-rule-dirs)."""
    try:
        sections = parse_ini(text)
    except IniError as exc:
        raise ConfigError(f"{path}:{exc.line}:1: {exc.message}") from None
    warnings: list[str] = []
    positions: dict[str, tuple[int, int]] = {}

    def fail(key: IniKey | IniSection, message: str) -> ConfigError:
        column = key.column if isinstance(key, IniKey) else 1
        return ConfigError(f"{path}:{key.line}:{column}: {message} [{key.name}]")

    def warn(key: IniKey, message: str) -> None:
        warnings.append(f"{path}:{key.line}:{key.column}: {message} [{key.name}]")

    core = next((s for s in sections if s.name == ""), IniSection("", 1, {}))
    root = path.parent
    styles_path: Path | None = None
    min_level = Level.WARNING  # Vale's default MinAlertLevel
    vocab: tuple[str, ...] = ()
    ignored_scopes: tuple[str, ...] = ()
    skipped_scopes: tuple[str, ...] = ()
    ignored_classes: tuple[str, ...] = ()
    for key in core.keys.values():
        value = key.values[-1]
        positions[key.name] = (key.line, key.column)
        if key.name == "StylesPath":
            styles_path = _styles_path(path, key, value, allow_external, fail)
        elif key.name == "MinAlertLevel":
            if value not in _LEVELS:
                raise fail(key, f"MinAlertLevel must be 'suggestion', 'warning' or 'error', not {value!r}")
            min_level = Level.parse(value)
        elif key.name == "Vocab":
            vocab = split_list(key.values)
        elif key.name == "IgnoredScopes":
            ignored_scopes = split_list(key.values)
        elif key.name == "SkippedScopes":
            skipped_scopes = split_list(key.values)
        elif key.name == "IgnoredClasses":
            ignored_classes = split_list(key.values)
        elif key.name == "Packages":
            warn(key, "newslint does not download packages: run 'vale sync' once, and the styles it puts in "
                      "StylesPath are used")
        elif key.name in _IGNORED:
            warn(key, f"{key.name} is not supported and has no effect ({_IGNORED[key.name]})")
        elif key.name in _SYNTAX:
            raise fail(key, f"'{key.name}' is a syntax-specific option: it belongs in a section such as [*] or [*.md]")
        elif "." in key.name:
            raise fail(key, f"a rule setting ('{key.name}') belongs in a section such as [*] or [*.md]")
        else:
            raise fail(key, f"unknown key {key.name!r}{_close(key.name, _CORE)}")
    levels: dict[str, Level] = {}
    selected: list[str] = []
    global_styles: tuple[str, ...] = ()
    global_checks: dict[str, bool] = {}
    global_blocks: tuple[str, ...] = ()
    global_tokens: tuple[str, ...] = ()
    glob_sections: list[ValeSection] = []
    for section in sections:
        if section.name in ("", "asciidoctor"):
            continue
        if section.name == "formats":
            for key in section.keys.values():
                warn(key, f"newslint reads Markdown (.md, .markdown) and plain text (.txt) only; '{key.name} = "
                          f"{key.values[-1]}' is not used")
            continue
        styles: tuple[str, ...] | None = None
        checks: dict[str, bool] = {}
        blocks: tuple[str, ...] = ()
        tokens: tuple[str, ...] = ()
        for key in section.keys.values():
            value = key.values[-1]
            if key.name in _CORE:
                raise fail(key, f"'{key.name}' is a core option: it belongs above any section ([...])")
            if key.name == "BasedOnStyles":
                styles = split_list(key.values)
                positions.setdefault("BasedOnStyles", (key.line, key.column))
                for style in styles:
                    positions.setdefault(f"select\0{style}", (key.line, key.column))
                    if style not in selected:
                        selected.append(style)
            elif key.name in ("BlockIgnores", "IgnorePatterns"):
                blocks = split_list(key.values)
                _check_patterns(key, blocks, fail)
            elif key.name == "TokenIgnores":
                tokens = split_list(key.values)
                _check_patterns(key, tokens, fail)
            elif key.name in _IGNORED:
                warn(key, f"{key.name} is not supported and has no effect ({_IGNORED[key.name]})")
            elif "." in key.name:
                if value not in ("YES", "NO", *_LEVELS):
                    raise fail(key, f"a rule is set to YES, NO, suggestion, warning or error, not {value!r}")
                on = value != "NO"
                checks[key.name] = on
                positions.setdefault(f"select\0{key.name}", (key.line, key.column))
                if value in _LEVELS:
                    levels[key.name] = Level.parse(value)  # Vale's levels are global, whichever section
                if key.name in UNSUPPORTED_RULES:
                    if on:
                        warn(key, f"{key.name} is not supported: newslint has no spelling checker")
                    del checks[key.name]
                elif on and key.name not in selected:
                    selected.append(key.name)
            else:
                raise fail(key, f"unknown key {key.name!r}{_close(key.name, _SYNTAX)} (a rule is written Style.Rule)")
        if section.name == "*":
            global_styles = styles or ()
            global_checks, global_blocks, global_tokens = checks, blocks, tokens
            continue
        try:
            glob = compile_glob(section.name)
        except GlobError as exc:
            raise fail(section, f"the section's glob pattern cannot be compiled: {exc}") from None
        glob_sections.append(ValeSection(glob, styles, MappingProxyType(checks), blocks, tokens))
    vale_style = any(s == VALE_STYLE or s.startswith(VALE_STYLE + ".") for s in selected)
    if styles_path is None and any(s != VALE_STYLE and not s.startswith(VALE_STYLE + ".") for s in selected):
        where = positions.get("BasedOnStyles", (1, 1))
        raise ConfigError(f"{path}:{where[0]}:{where[1]}: no StylesPath is set, so no style but Vale's own can "
                          f"load [StylesPath]")
    if styles_path is not None:
        for style in selected:
            pack = style.split(".", 1)[0]
            if pack != VALE_STYLE and not (styles_path / pack).is_dir():
                line, column = positions.get(f"select\0{style}", (1, 1))
                raise ConfigError(f"{path}:{line}:{column}: style {pack!r} does not exist in StylesPath "
                                  f"{styles_path} [BasedOnStyles]")
    if styles_path is not None:
        _check_rules(path, sections, styles_path, warnings)
    if vocab and styles_path is None:
        line, column = positions["Vocab"]
        raise ConfigError(f"{path}:{line}:{column}: Vocab needs a StylesPath holding config/vocabularies [Vocab]")
    if not selected:
        warnings.append(f"{path}:1:1: no BasedOnStyles and no rule switched on: nothing is checked")
    sections_ = ValeSections(global_styles, MappingProxyType(global_checks), tuple(glob_sections),
                             global_blocks, global_tokens, str(root.resolve()))
    return ValeIni(styles_path, tuple(s for s in selected if s not in UNSUPPORTED_RULES), MappingProxyType(levels),
                   min_level, vocab, ignored_scopes, skipped_scopes, ignored_classes, sections_, vale_style, tuple(warnings),
                   MappingProxyType(positions))


def _check_rules(path: Path, sections: list[IniSection], styles_path: Path, warnings: list[str]) -> None:
    """A rule setting naming no rule: an error when it switches the rule on or sets its
    level, a warning when it switches it off (Vale says nothing either way)."""
    for section in sections:
        for key in section.keys.values():
            if "." not in key.name or key.name in _CORE or key.name in UNSUPPORTED_RULES or section.name in ("", "formats"):
                continue
            pack, _, rule = key.name.partition(".")
            if pack == VALE_STYLE:
                exists = key.name in VALE_RULES
            else:
                exists = any((styles_path / pack / f"{rule}{suffix}").is_file() for suffix in (".yml", ".yaml"))
            if exists:
                continue
            where = f"{path}:{key.line}:{key.column}: no rule {key.name!r} in StylesPath {styles_path}"
            if key.values[-1] == "NO":
                warnings.append(f"{where}; the setting does nothing [{key.name}]")
            else:
                raise ConfigError(f"{where} [{key.name}]")


def _styles_path(path: Path, key: IniKey, value: str, allow_external: bool, fail: Fail) -> Path:
    """StylesPath, relative to the ini's folder, confined like rule_dirs."""
    if value.startswith("~"):
        raise fail(key, "StylesPath may not start with '~': give it relative to the .vale.ini")
    resolved = (path.parent / value).resolve()
    if not allow_external:
        repository = repository_root(str(path.parent))
        if not inside(str(resolved), repository):
            raise fail(key, f"StylesPath {value!r} is outside the repository {repository}: styles load only from the "
                            "config's own repository (--allow-external-rule-dirs loads it)")
    if not resolved.is_dir():
        raise fail(key, f"StylesPath {value!r} is not a folder")
    return resolved


def _check_patterns(key: IniKey, patterns: tuple[str, ...], fail: Fail) -> None:
    import regex

    for pattern in patterns:
        try:
            regex.compile(pattern, regex.VERSION0)
        except (regex.error, ValueError) as exc:
            raise fail(key, f"invalid regular expression {pattern[:60]!r}: {exc}") from None


def _close(name: str, known: tuple[str, ...]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
