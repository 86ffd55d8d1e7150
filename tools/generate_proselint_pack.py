"""Generate rules/Proselint/: one rule file per check path of the installed proselint.

    python tools/generate_proselint_pack.py [--examples PATH/TO/proselint/tests/examples.py]

Each file is `extends: proselint` plus `check: <path>`, so its rule id is
Proselint.<path>. Examples come from proselint's own test examples (tests/examples.py in
proselint's repository, when given), kept only where proselint itself flags (or does not
flag) them for that very check; a check with none gets one built from its own word list
and checked the same way. proselint's `restricted` checks (off in proselint's defaults)
are left out. Run it again after upgrading proselint, then review the diff.
"""

from __future__ import annotations

import argparse
import importlib.util
import pkgutil
import re
import sys
from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "rules" / "Proselint"
SMOKE = "Smoke phrase with nothing flagged."
SKIPPED_PREFIXES = ("restricted",)


def check_modules() -> dict[str, ModuleType]:
    """check path -> the proselint module that registers it."""
    import proselint.checks

    found: dict[str, ModuleType] = {}
    for info in pkgutil.walk_packages(proselint.checks.__path__, "proselint.checks."):
        module = importlib.import_module(info.name)
        if info.ispkg:
            continue
        for check in getattr(module, "__register__", ()):
            found.setdefault(check.path, module)
    return found


def flagged_paths(text: str) -> set[str]:
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    return {r.check_result.check_path for r in LintFile("example", text).lint()}


def load_examples(path: Path | None) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    if path is None:
        return []
    spec = importlib.util.spec_from_file_location("proselint_examples", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.data)


def covers(module: str, path: str) -> bool:
    return path == module or path.startswith(module + ".") or module.startswith(path + ".")


def synthesised(path: str) -> list[str]:
    """Sentences built from the check's literal entries."""
    from newslint.kinds.proselint import registered_checks

    out = []
    for check in registered_checks():
        if check.path != path:
            continue
        items = getattr(check.check_type, "items", ())
        for item in list(items)[:40]:
            if re.fullmatch(r"[A-Za-z][A-Za-z' -]*[A-Za-z]", item):
                out.append(f"They said {item} again.")
    return out


def docstring_parts(module: ModuleType) -> tuple[str, str | None, str]:
    doc = module.__doc__ or ""
    meta = dict(re.findall(r"^(\w+):\s+(.+)$", doc, re.M))
    body = doc.split("---", 2)[-1].strip() if doc.count("---") >= 2 else ""
    first = body.split("\n\n")[0].strip() if body else ""
    title = meta.get("title", doc.strip().split("\n")[0]).strip()
    return title, meta.get("source_url"), f"{first}".strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=Path, help="proselint's tests/examples.py")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from newslint.kinds.proselint import check_paths, registered_checks

    modules = check_modules()
    examples = load_examples(args.examples)
    PACK.mkdir(parents=True, exist_ok=True)
    missing = []
    written = set()
    for path in check_paths():
        if path.startswith(SKIPPED_PREFIXES):
            continue
        candidates_flag: list[str] = []
        candidates_pass: list[str] = [SMOKE]
        for module, flags, passes in examples:
            if covers(module, path):
                candidates_flag += flags
                candidates_pass += passes
        flag = [t for t in dict.fromkeys(candidates_flag) if path in flagged_paths(t)][:3]
        if not flag:
            flag = [t for t in synthesised(path) if path in flagged_paths(t)][:2]
        passing = [t for t in dict.fromkeys(candidates_pass) if path not in flagged_paths(t)][:3]
        if not flag:
            missing.append(path)
        first = next(c for c in registered_checks() if c.path == path)
        title, link, body = docstring_parts(modules[path])
        description = f"proselint's {path} check: {title.rstrip('.')}."
        if body and not body.endswith(":"):
            description += "\n\n" + " ".join(body.split())
        rule: dict[str, object] = {
            "extends": "proselint",
            "check": path,
            "message": first.message,
            "level": "warning",
            "description": description,
        }
        if link:
            rule["link"] = link
        rule["examples"] = {"flag": flag, "pass": passing}
        header = "# Generated by tools/generate_proselint_pack.py from the installed proselint; edit the generator, not this file.\n"
        target = PACK / f"{path}.yml"
        target.write_text(header + yaml.safe_dump(rule, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
        written.add(target.name)
    for stale in PACK.glob("*.yml"):
        if stale.name not in written:
            stale.unlink()
    print(f"{len(written)} rule files in {PACK.relative_to(ROOT)}")
    if missing:
        print("no flag example for: " + ", ".join(missing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
