"""`newslint check --show-config FILE`: the settings that apply to one file, and where each
comes from (a line of the config file, the preset, the defaults or the command line)."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

from newslint.config import PRESETS, Config, ignored_for_path

if TYPE_CHECKING:
    from newslint.discovery import Linters


def describe(linters: Linters, path: str, args: argparse.Namespace) -> str:
    """The resolved settings for `path`, one per line: `key: value  # source`. Loading the
    file's config checks it, so a bad one is the usual error (exit 2)."""
    linter = linters.for_file(path, getattr(args, "stdin_filename", None))
    config = linter.config
    choice = linters.configs.choice
    if choice.isolated:
        origin = "none (--isolated)"
    elif config.path is None:
        origin = "none found (the defaults)"
    elif choice.config_file is not None:
        origin = f"{_shown(config.path)} (--config)"
    elif linters.configs.own_config(path, getattr(args, "stdin_filename", None)) is None:
        origin = f"{_shown(config.path)} (the working folder's: none between the file and its repository root)"
    else:
        origin = f"{_shown(config.path)} (the nearest to the file)"
    if config.vale is not None and not choice.isolated and choice.config_file is None:
        origin = f"{_shown(config.path)} (a Vale config, found as Vale finds it: no newslint config applies)"
    rows: list[tuple[str, Any, str]] = [
        ("extends", config.extends, _from(config, "extends")),
        ("rule_dirs", [_shown(d) for d in config.rule_dirs], _from(config, "rule_dirs")),
        ("select", list(config.select) if config.select is not None else list(PRESETS[config.extends]),
         _from(config, "select", f"preset {config.extends}")),
        ("extend_select", list(config.extend_select), _from(config, "extend_select")),
        ("ignore", list(config.ignore), _from(config, "ignore")),
        ("levels", {k: v.label for k, v in config.levels.items()}, _from(config, "levels")),
        ("per_file_ignores", {k: list(v) for k, v in config.per_file_ignores.items()}, _from(config, "per_file_ignores")),
        ("exclude", list(config.exclude), _from(config, "exclude")),
        ("extend_exclude", list(config.extend_exclude), _from(config, "extend_exclude")),
        ("fail_level", args.fail_level or config.fail_level.label,
         "command line (--fail-level)" if args.fail_level else _from(config, "fail_level")),
        ("date_key", config.date_key, _from(config, "date_key")),
    ]
    if config.min_level is not None or args.min_level:
        rows.append(("min_level", args.min_level or config.min_level.label,
                     "command line (--min-level)" if args.min_level else _from(config, "min_level", _from(config, "MinAlertLevel"))))
    if config.vocab:
        rows.append(("vocab", list(config.vocab), _from(config, "vocab", _from(config, "Vocab"))))
    selection, spelt = linter.selection, linter.catalogue.canonical_all
    if selection.select is not None:
        rows.append(("select", list(spelt(selection.select)), "command line (--select), replaces the above"))
    if selection.extend_select:
        rows.append(("extend_select", list(spelt(selection.extend_select)), "command line (--extend-select)"))
    if selection.ignore:
        rows.append(("ignore", list(spelt(selection.ignore)), "command line (--ignore)"))
    lines = [f"file: {path}", f"config: {origin}"]
    width = max(len(f"{key}: {_value(value)}") for key, value, _ in rows)
    for key, value, source in rows:
        lines.append(f"{f'{key}: {_value(value)}':<{width}}  # {source}")
    ignored = ignored_for_path(config, path, [s.id for s in linter.specs])
    if ignored:
        source = "the .vale.ini's sections" if config.vale is not None else "per_file_ignores"
        lines.append(f"ignored for this file ({source}): {', '.join(ignored)}")
    packs: dict[str, int] = {}
    for spec in linter.specs:
        packs[spec.pack] = packs.get(spec.pack, 0) + 1
    counts = ", ".join(f"{pack} {count}" for pack, count in sorted(packs.items())) or "none"
    lines.append(f"rules: {len(linter.specs)} selected ({counts}); 'newslint rules' lists them")
    return "\n".join(lines) + "\n"


def _from(config: Config, key: str, otherwise: str = "default") -> str:
    where = config.positions.get(key)
    if where is None or config.path is None:
        return otherwise
    return f"{_shown(config.path)}:{where[0]}:{where[1]}"


def _shown(path: os.PathLike[str] | str) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith(os.pardir) else relative


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    return str(value)
