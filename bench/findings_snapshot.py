"""The findings over the dev corpus, to prove a speed change changed none of them.

    python bench/findings_snapshot.py --write DIR    # before the change
    python bench/findings_snapshot.py --check DIR    # after: exit 1 on any difference

Runs `newslint check --no-cache --format json` over the corpus for three rule sets (the
default AP preset, the UK preset and every rule, the proselint pack included) and keeps
or compares the reports byte for byte.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import CORPUS  # noqa: E402
from bench.timing import BIN, ENV  # noqa: E402

RULE_SETS = {"ap": [], "uk": ["--config", "{uk}"], "all": ["--select", "ALL"]}


def reports() -> dict[str, bytes]:
    out = {}
    with tempfile.TemporaryDirectory() as scratch:
        uk = Path(scratch) / "uk.yaml"
        uk.write_text("extends: uk\n", encoding="utf-8")
        for name, extra in RULE_SETS.items():
            args = [a.format(uk=uk) for a in extra]
            cmd = [str(BIN / "newslint"), "check", "--no-cache", "--format", "json", *args, str(CORPUS)]
            out[name] = subprocess.run(cmd, capture_output=True, cwd=scratch, env=ENV, check=False).stdout
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, metavar="DIR")
    mode.add_argument("--check", type=Path, metavar="DIR")
    args = parser.parse_args()
    found = reports()
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for name, body in found.items():
            (args.write / f"{name}.json").write_bytes(body)
            print(f"{name}: {len(body):,} bytes written")
        return 0
    same = True
    for name, body in found.items():
        kept = (args.check / f"{name}.json").read_bytes()
        print(f"{name}: {'identical' if kept == body else 'DIFFERENT'} ({len(body):,} bytes)")
        same = same and kept == body
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
