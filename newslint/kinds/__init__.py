"""Rule kinds: one module per kind, imported only when a rule uses it.

Each kind module exposes `OPTIONS` (its keys beyond the common ones, with validators),
optionally `DEFAULT_QUOTES`, and `compile_rule(spec) -> Check`, where a Check maps a
Document to Hits. Kinds never see paths, rule ids or line numbers.
"""

from __future__ import annotations

import importlib
from types import MappingProxyType, ModuleType

KIND_MODULES = MappingProxyType(
    {
        "existence": "newslint.kinds.existence",
        "substitution": "newslint.kinds.substitution",
        "occurrence": "newslint.kinds.occurrence",
        "repetition": "newslint.kinds.repetition",
        "consistency": "newslint.kinds.consistency",
        "conditional": "newslint.kinds.conditional",
        "capitalization": "newslint.kinds.capitalization",
        "metric": "newslint.kinds.metric",
        "readability": "newslint.kinds.readability",
        "typography": "newslint.kinds.typography",
        "attribution": "newslint.kinds.attribution",
        "names": "newslint.kinds.names",
        "numbers": "newslint.kinds.numbers",
        "dates": "newslint.kinds.dates",
        "proselint": "newslint.kinds.proselint",
    }
)


def load_kind(name: str) -> ModuleType:
    """The module of kind `name`; KeyError when there is no such kind."""
    return importlib.import_module(KIND_MODULES[name])
