"""`newslint init --from-vale [PATH]`: the `.newslint.yaml` that does what a `.vale.ini` does.

A `.vale.ini` decides per file, by glob sections; a `.newslint.yaml` selects once and
switches rules off per file with `per_file_ignores`. The translation works out which rules
the ini runs on a Markdown file and on a plain-text file (the only kinds newslint reads):
`select` is every rule that runs on either, and `per_file_ignores` takes off, for each
kind, what the ini does not run on it. A section whose glob names folders (`[docs/*.md]`)
cannot be written this way: it is left out and named in a note on standard error.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from newslint.config import CONFIG_NAMES, VALE_NAMES, Config, available_rule_files, find_vale_config, load_vale_config
from newslint.errors import ConfigError
from newslint.init import write_config_text

# A Markdown and a plain-text file, as a section glob sees them.
_SAMPLES = {"markdown": ("story.md", "story.markdown"), "plaintext": ("story.txt",)}
_PER_FILE = {"markdown": ("*.md", "*.markdown"), "plaintext": ("*.txt",)}


def vale_ini_for(directory: Path, given: str | None) -> Path:
    """The ini to translate: `given`, else the one Vale would find from `directory`."""
    if given:
        path = Path(given)
        if path.is_dir():
            found = next((path / n for n in VALE_NAMES if (path / n).is_file()), None)
            if found is None:
                raise ConfigError(f"{given}: no Vale config ({', '.join(VALE_NAMES)}) in this folder")
            return found
        if not path.is_file():
            raise ConfigError(f"{given}: Vale config not found")
        return path
    found = find_vale_config(directory.resolve())
    if found is None:
        raise ConfigError(f"no Vale config ({', '.join(VALE_NAMES)}) in {directory} or a folder above it "
                          f"within its repository; name one: newslint init --from-vale PATH")
    return found


def translate(ini: Path, directory: Path) -> tuple[str, list[str]]:
    """The YAML text for a config in `directory`, and notes on what it could not carry over."""
    config = load_vale_config(ini)
    notes = list(config.warnings)
    sections = config.vale
    ids = sorted(available_rule_files(config))
    ids = [rid for rid in ids if not _builtin_pack(rid, config)]
    running: dict[str, set[str]] = {}
    for kind, samples in _SAMPLES.items():
        on: set[str] = set()
        for sample in samples:
            path = os.path.join(sections.root, sample)
            off = set(sections.off_for(path, ids))
            on |= {rid for rid in ids if rid not in off}
        running[kind] = on
    for section in sections.sections:
        if "/" in section.glob.pattern:
            notes.append(f"{ini}: section [{section.glob.pattern}] names folders; its settings are not in "
                         f"{CONFIG_NAMES[0]} (use per_file_ignores for those files)")
    union = running["markdown"] | running["plaintext"]
    lines = [f"# newslint configuration, written by `newslint init --from-vale` from {_relative(ini, directory)}.",
             "# The styles of StylesPath are rule packs; Vale's own style is newslint's Vale pack",
             "# (Vale.Spelling is not built: newslint has no spelling checker).",
             "extends: none"]
    if config.rule_dirs:
        lines.append(f"rule_dirs: [{json.dumps(_relative(config.rule_dirs[0], directory))}]")
    lines.append(f"select: {_list(_packed(union, ids))}")
    if config.levels:
        lines.append("levels:")
        lines += [f"  {json.dumps(rid)}: {level.label}" for rid, level in config.levels.items()]
    per_file = {}
    for kind, globs in _PER_FILE.items():
        off = _packed(union - running[kind], [rid for rid in ids if rid in union])
        if off:
            for glob in globs:
                per_file[glob] = off
    if per_file:
        lines.append("per_file_ignores:")
        lines += [f"  {json.dumps(glob)}: {_list(off)}" for glob, off in per_file.items()]
    lines.append("fail_level: error  # Vale exits 1 on errors only")
    lines.append(f"min_level: {config.min_level.label if config.min_level else 'warning'}  # MinAlertLevel")
    if config.vocab:
        lines.append(f"vocab: {_list(config.vocab)}")
    blocks, tokens = _markdown_ignores(config)
    if blocks:
        lines.append(f"block_ignores: {_list(blocks)}")
    if tokens:
        lines.append(f"token_ignores: {_list(tokens)}")
    if config.ignored_scopes:
        lines.append(f"ignored_scopes: {_list(config.ignored_scopes)}")
    if config.skipped_scopes:
        lines.append(f"skipped_scopes: {_list(config.skipped_scopes)}")
    if config.ignored_classes:
        lines.append(f"ignored_classes: {_list(config.ignored_classes)}")
    return "\n".join(lines) + "\n", notes


def _builtin_pack(rid: str, config: Config) -> bool:
    """The packs shipped with newslint (News, AP...): never part of a Vale setup."""
    from newslint.rules import builtin_rules_dir

    path = available_rule_files(config)[rid]
    return path.is_absolute() and path.parent.parent == builtin_rules_dir()


def _markdown_ignores(config: Config) -> tuple[tuple[str, ...], tuple[str, ...]]:
    blocks: list[str] = []
    tokens: list[str] = []
    for samples in _SAMPLES.values():
        for sample in samples:
            _, _, b, t = config.vale.settings_for(os.path.join(config.vale.root, sample))
            blocks += [p for p in b if p not in blocks]
            tokens += [p for p in t if p not in tokens]
    return tuple(blocks), tuple(tokens)


def _packed(chosen: set[str], ids: list[str]) -> list[str]:
    """`chosen` rule ids with each pack whose every rule is chosen written as the pack."""
    packs: dict[str, list[str]] = {}
    for rid in ids:
        packs.setdefault(rid.split(".", 1)[0], []).append(rid)
    out: list[str] = []
    for pack, members in sorted(packs.items()):
        picked = [rid for rid in members if rid in chosen]
        out += [pack] if picked and len(picked) == len(members) else picked
    return out


def _list(values: object) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"  # type: ignore[attr-defined]


def _relative(path: Path, directory: Path) -> str:
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(directory))
    return relative.replace(os.sep, "/")


def write_from_vale(directory: Path, given: str | None, force: bool = False) -> tuple[Path, str, list[str]]:
    """Write `.newslint.yaml` in `directory` from a `.vale.ini`; returns (the file, the ini as
    shown, notes). An existing config is kept unless `force`; a link is never written through."""
    ini = vale_ini_for(directory, given)
    text, notes = translate(ini, directory)
    target = write_config_text(directory, text, force)
    return target, _relative(ini, directory), notes
