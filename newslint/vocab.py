"""Vale's vocabularies and its built-in `Vale` style, as newslint rules.

`Vocab = Name` (or `vocab: [Name]` in .newslint.yaml) reads `accept.txt` and `reject.txt`
from `<StylesPath>/config/vocabularies/Name/` (or Vale 2's `<StylesPath>/Vocab/Name/`):
one entry a line, a regular expression, `# ` starting a comment line. As in Vale
(internal/check/manager.go):

- `Vale.Terms` (substitution, error): an accepted entry that is a plain term (letters,
  digits, spaces and hyphens) written with other capitals ("javascript" for "JavaScript");
- `Vale.Avoid` (existence, error): a rejected entry;
- every accepted entry is an exception of the pattern rules that have `vocab: true` (Vale's
  default), so that a house's own terms are never flagged;
- `Vale.Repetition` (repetition, error): a word written twice in a row.

`Vale.Spelling` is not built: newslint has no spelling checker (Vale's needs Hunspell
dictionaries), and a setting naming it is a warning when it would switch it on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, NamedTuple

from newslint.errors import ConfigError
from newslint.trees import read_confined

# Where the generated rules are said to live: never read (Config.vale_pack builds them).
BUILT = Path("<vale>") / "Vale"
from newslint.rules import _VOCAB_KINDS as VOCAB_KINDS  # noqa: E402


class Vocabulary(NamedTuple):
    accepted: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()


def vocabulary_folder(styles_paths: Iterable[Path], name: str) -> Path | None:
    for base in styles_paths:
        for folder in (base / "config" / "vocabularies" / name, base / "Vocab" / name):
            if folder.is_dir():
                return folder
    return None


def read_vocabularies(names: Iterable[str], styles_paths: tuple[Path, ...], tree: str | None, where: str) -> Vocabulary:
    """The accepted and rejected entries of every named vocabulary, in order; `tree`: the
    folder the files must lie in (links resolved), None to follow links anywhere; `where`:
    'FILE:LINE:COL' of the setting, for errors."""
    accepted: list[str] = []
    rejected: list[str] = []
    for name in names:
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            raise ConfigError(f"{where}: vocabulary name {name!r} is not a folder name [Vocab]")
        folder = vocabulary_folder(styles_paths, name)
        if folder is None:
            raise ConfigError(f"{where}: no vocabulary {name!r}: expected a folder config/vocabularies/{name} "
                              f"in {', '.join(str(p) for p in styles_paths) or 'StylesPath'} [Vocab]")
        for file_name, into in (("accept.txt", accepted), ("reject.txt", rejected)):
            path = folder / file_name
            if not os.path.lexists(path):
                continue
            try:
                text = read_confined(str(path), tree).decode("utf-8-sig")
            except OSError as exc:
                raise ConfigError(f"{path}: cannot read vocabulary: {exc.strerror or exc}") from None
            except UnicodeDecodeError as exc:
                raise ConfigError(f"{path}:1:1: vocabulary is not UTF-8: {exc.reason}") from None
            for number, line in enumerate(text.splitlines(), 1):
                entry = line.strip()
                if not entry or entry.startswith("# "):
                    continue
                _check_entry(path, number, entry)
                into.append(entry)
    return Vocabulary(tuple(accepted), tuple(rejected))


def _check_entry(path: Path, line: int, entry: str) -> None:
    import regex

    try:
        regex.compile(entry, regex.VERSION0)
    except (regex.error, ValueError) as exc:
        raise ConfigError(f"{path}:{line}:1: invalid regular expression {entry[:60]!r}: {exc}") from None


def is_phrase(term: str) -> bool:
    """Vale's IsPhrase: letters, digits, spaces and hyphens only."""
    return all(c.isalpha() or c.isdigit() or c in " -" for c in term)


def _any_case(term: str) -> str:
    """`term` as a pattern matching it in any capitals, letter by letter: the substitution
    then reports every spelling that is not exactly the accepted one."""
    import regex

    out = []
    for char in term:
        upper, lower = char.upper(), char.lower()
        if upper != lower and len(upper) == 1 and len(lower) == 1:
            out.append(f"[{lower}{upper}]")
        else:
            out.append(regex.escape(char))
    return "".join(out)


def built_rules(vocabulary: Vocabulary) -> dict[str, tuple[Path, bytes]]:
    """The `Vale` pack: rule id -> (the path it is shown with, its YAML)."""
    rules = {
        "Vale.Repetition": {
            "extends": "repetition", "message": "'%s' is repeated!", "level": "error", "alpha": True,
            "tokens": [r"[^\s]+"],
            "description": "Vale's built-in rule: a word written twice in a row.",
        },
    }
    swap: dict[str, str] = {}
    for term in vocabulary.accepted:
        if is_phrase(term):
            key = term.lower()
            swap.pop(key, None)  # a later vocabulary's spelling wins, tried in its own order
            swap[key] = term
    if swap:
        rules["Vale.Terms"] = {
            "extends": "substitution", "message": "Use '%s' instead of '%s'.", "level": "error", "vocab": False,
            "swap": {_any_case(key): term for key, term in swap.items()},
            "description": "Vale's built-in rule: an accepted vocabulary term written with other capitals.",
        }
    if vocabulary.rejected:
        rules["Vale.Avoid"] = {
            "extends": "existence", "message": "Avoid using '%s'.", "level": "error", "ignorecase": False,
            "tokens": list(vocabulary.rejected),
            "description": "Vale's built-in rule: a term of a vocabulary's reject.txt.",
        }
    return {rid: (BUILT / f"{rid.split('.', 1)[1]}.yml", json.dumps(rule).encode("utf-8")) for rid, rule in rules.items()}
