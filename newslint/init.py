"""`newslint init`: write a starter `.newslint.yaml`, commented so that a desk can edit it."""

from __future__ import annotations

import os
from pathlib import Path

from newslint.config import CONFIG_NAMES
from newslint.errors import ConfigError

STYLES = ("ap", "uk")
_PACK = {"ap": "AP", "uk": "UK"}
_ABOUT = {
    "ap": "AP Stylebook: Kyiv, Sept. 27, 10 a.m., U.S., 5%, no courtesy titles, -ize spellings",
    "uk": "British and Commonwealth newsrooms (Guardian, BBC): Mr and Dr without stops, -ise\n"
          "# spellings, 12 March, 10.30am, US and UK without stops, no serial comma",
}
# Example rule ids for the comments; each is a real rule of its pack (tests check it).
_EXTRA = {
    "ap": "",
    "uk": "# A house that writes \"per cent\" rather than \"%\": copy rules/UK/Numerals.yml into your\n"
          "# own pack with `percent: per cent`, and ignore UK.Numerals (README, \"Adding a house rule\").\n",
}
_EXAMPLE_IGNORE = {"ap": "AP.Redundancies", "uk": "UK.SerialComma"}
_EXAMPLE_LEVEL = {"ap": "AP.CourtesyTitles", "uk": "UK.Email"}

_TEMPLATE = """\
# newslint configuration (written by `newslint init --style {style}`).
# Every key is optional; delete what you do not need. `newslint rules` lists the rules
# this file selects, `newslint rules --all` every rule of every pack.

# The house style: "ap" = the News pack + the AP pack (the default),
#                  "uk" = the News pack + the UK pack.
# {pack}: {about}
extends: {style}
{extra}
# Your own rules, one YAML file each: <folder>/<Pack>/<Rule>.yml gets the id Pack.Rule
# (see "Adding a house rule" in the README).
# rule_dirs: [styles]

# Turn rules or whole packs off, by id or prefix.
# ignore: [{ignore}]

# Add rules or packs to the preset.
# extend_select: [House]

# Change a rule's level: error, warning or suggestion.
# levels:
#   {level}: warning

# Turn rules off for some files (glob patterns).
# per_file_ignores:
#   "archive/*.md": [News.RelativeDates]

# Files and folders not to check.
# exclude: ["drafts/*"]

# `newslint check` exits 1 when a finding is at or above this level.
fail_level: warning

# The front-matter key that holds the publication date (relative dates and weekdays are
# checked against it).
date_key: date

# One line or one passage can be excused in the article itself:
#   <!-- newslint-disable-next-line {ignore} -->
#   <!-- newslint-disable {ignore} --> ... <!-- newslint-enable -->
# or a whole article, in its front matter:  newslint: {{disable: [{ignore}]}}
"""


def starter_config(style: str) -> str:
    """The commented `.newslint.yaml` for a house style ("ap" or "uk")."""
    if style not in STYLES:
        raise ConfigError(f"unknown style {style!r} (choose from {', '.join(STYLES)})")
    return _TEMPLATE.format(style=style, pack=_PACK[style], about=_ABOUT[style], extra=_EXTRA[style],
                            ignore=_EXAMPLE_IGNORE[style], level=_EXAMPLE_LEVEL[style])


def write_config(directory: Path, style: str, force: bool = False) -> Path:
    """Write `.newslint.yaml` in `directory`; an existing config is kept unless `force`.
    A config that is a symbolic link is never replaced or written through, even with
    `force` (a committed `.newslint.yaml -> ~/.bashrc` must not receive the template)."""
    return write_config_text(directory, starter_config(style), force)


def write_config_text(directory: Path, text: str, force: bool = False) -> Path:
    """Write `text` as `directory`'s `.newslint.yaml` (the rules of `write_config`)."""
    from newslint.files import write_atomically

    target = directory / CONFIG_NAMES[0]
    names = [directory / name for name in CONFIG_NAMES]
    linked = [path for path in names if path.is_symlink()]
    if linked:
        raise ConfigError(f"{linked[0]} is a symbolic link; newslint init never writes through one (remove the link first)")
    existing = [path for path in names if os.path.lexists(path)]
    if existing and not force:
        raise ConfigError(f"{existing[0]} already exists (use --force to overwrite it)")
    try:
        write_atomically(target, text.encode("utf-8"))  # a new file renamed into place
    except OSError as exc:
        raise ConfigError(f"{target}: cannot write config: {exc.strerror or exc}") from None
    return target
