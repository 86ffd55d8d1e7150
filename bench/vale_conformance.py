"""Vale's own test-suite scenarios, run through newslint: matched / missed / extra per feature file.

    python bench/vale_conformance.py [--vale-repo PATH] [--ini auto|native|translate] [-v]

Vale's behaviour is specified by its cucumber scenarios (`testdata/features/*.feature`):
each runs `vale --output=line --sort --normalize --relative --no-global ARGS` in a fixture
folder (`testdata/fixtures/...`, whose `.vale.ini` names `testdata/styles`) and compares the
output lines, `path:line:col:Rule.Id:message`, with the scenario's. The step definitions
(`testdata/features/steps.rb`) say which folder and arguments each step means; STEPS below
mirrors the ones this script can run.

A published style's repository (errata-ai/Microsoft, Google, write-good...) has scenarios
of the same form in `features/` and `fixtures/`; `--vale-repo` takes one as well.

The checkout is never modified: its `testdata` is copied to a temporary folder (with an
empty `.git`, so that newslint takes that copy as the repository its configs and rule
folders are confined to), and newslint runs there on the same files with the same config.
Nothing of Vale's is kept or committed; the default checkout is `../vale-src` beside the
repository.

The config: with `--ini native` newslint reads the fixture's `.vale.ini` itself; with
`--ini translate` this script writes, for each file, the newslint config that the ini
means for it (a minimal reading: StylesPath, MinAlertLevel, BasedOnStyles, `Rule = YES|NO|
level` in the `[*]` and glob sections, Vale's built-in Vale.Repetition), and nothing else
(no Vocab, BlockIgnores, TokenIgnores, formats). `auto` (the default) is native when
`newslint init` offers `--from-vale` (the sign that .vale.ini reading is there), else
translate.

What is comparable (COMPARABLE_* below, each with its reason): a scenario whose step runs
plain `vale` on files in a fixture folder (not a CLI feature: templates, filters, `fix`,
package sync, `--glob`, `--config`, stdin, flags newslint has no equivalent of); of its
expected lines, those on a file of a format newslint reads (Markdown `.md`/`.markdown`,
plain text `.txt`) from a rule of a kind newslint has. A comparable expected line is
matched when newslint reports the same `path:line:col:Rule.Id` (the message is compared
too, and a different one is listed, but does not make the line missed). An extra is a
newslint finding, on a comparable file from a comparable rule, that the scenario does not
expect; a scenario that only says "should contain" (not "exactly") does not judge extras,
so they are listed apart. Bar (issue 17): at least 90% of comparable lines matched.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VALE = ROOT.parent / "vale-src"

# Formats newslint reads. Vale's other formats (AsciiDoc, reStructuredText, HTML, DITA,
# XML, Org, MDX, source code...) are not newslint's: lines on them are not comparable.
COMPARABLE_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
# Kinds newslint has. Not comparable: `spelling` (needs Hunspell dictionaries), `script`
# (Tengo programs), `sequence` (part-of-speech tagging).
COMPARABLE_KINDS = frozenset({"existence", "substitution", "occurrence", "repetition", "consistency",
                              "conditional", "capitalization", "metric", "readability"})
# Vale's built-in style: its kinds (internal/check/definition.go).
BUILTIN_KINDS = {"Vale.Repetition": "repetition", "Vale.Spelling": "spelling",
                 "Vale.Terms": "substitution", "Vale.Avoid": "existence"}
# Vale.Repetition as Vale defines it, written into the copy's styles for --ini translate.
VALE_REPETITION = """extends: repetition
message: "'%s' is repeated!"
level: error
scope: text
alpha: true
tokens:
  - '[^\\s]+'
"""
CONFIG_NAMES = (".vale", "_vale", ".vale.ini", "_vale.ini")
LEVELS = {"suggestion": 0, "warning": 1, "error": 2}


class Step(NamedTuple):
    folder: str  # relative to testdata/fixtures
    targets: tuple[str, ...]  # what `vale` is given ("." for the folder)


# Step patterns of steps.rb that run plain `vale` on files, and the folder and arguments
# each means. A step not listed here is not comparable (the reason is in NOT_COMPARABLE).
STEPS: tuple[tuple[re.Pattern[str], object], ...] = (
    (re.compile(r'^I test "(.*)"$'), lambda m: Step(m[1], (".",))),
    (re.compile(r'^I test scope "(.*)"$'), lambda m: Step(f"scopes/{m[1]}", (".",))),
    (re.compile(r'^I apply style "(.*)"$'), lambda m: Step(f"styles/{m[1]}", (".",))),
    (re.compile(r'^I use Vocab "(.*)"$'), lambda m: Step(f"vocab/{m[1]}", (".",))),
    (re.compile(r'^I test patterns for "(.*)"$'), lambda m: Step("patterns", (m[1],))),
    (re.compile(r'^I test comments for "(.*)"$'), lambda m: Step("comments", (f"test{m[1]}",))),
    (re.compile(r'^I lint "(.*)"$'), lambda m: Step("formats", tuple(m[1].split()))),
    (re.compile(r'^I lint path "(.*)"$'), lambda m: Step(f"formats/{m[1]}", (".",))),
    (re.compile(r'^I lint path with exclusions$'), lambda m: Step("folders", (".",))),
)
NOT_COMPARABLE = (
    (re.compile(r"template|filter|^I fix|sync pkg|glob|config|cat |lint string|lint simple|minAlertLevel|"
                r"inherit|overwrite sources|inspect"),
     "a CLI feature of Vale's (output templates, filters, fix, packages, --glob, --config, stdin, "
     "--ignore-syntax, --minAlertLevel), not a check"),
    (re.compile(r"lint file .* as|Sphinx|AsciiDoc|reStructuredText|plugins"), "a format newslint does not read"),
    (re.compile(r'^I run vale "|^\(several steps\)'),
     "runs on files and a config that the scenario's earlier steps write (aruba's working folder)"),
)


class Scenario(NamedTuple):
    feature: str
    name: str
    step: str
    exact: bool
    expected: tuple[str, ...]


class Finding(NamedTuple):
    path: str
    line: int
    column: int
    rule: str
    message: str
    level: str = "warning"

    @property
    def key(self) -> str:
        return f"{self.path}:{self.line}:{self.column}:{self.rule}"


def parse_features(folder: Path) -> list[Scenario]:
    scenarios = []
    for path in sorted(folder.glob("*.feature")):
        name = step = ""
        exact = False
        block: list[str] | None = None
        docstring = False  # inside a block that is not an expected output (a Given's file)
        then = False
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if block is not None:
                if line == '"""':
                    scenarios.append(Scenario(path.name, name, step, exact, tuple(block)))
                    block = None
                elif line:
                    block.append(line)
                continue
            if docstring:
                docstring = line != '"""'
                continue
            if line.startswith("#"):
                continue
            if line.startswith("Scenario:"):
                name, step, then = line.split(":", 1)[1].strip(), "", False
            elif line.startswith("When "):
                # A scenario with more than one `When` depends on the earlier ones' effect.
                step = line[5:].strip() if not step else "(several steps) " + line[5:].strip()
            elif line.startswith("Then the output should contain"):
                exact, then = "exactly" in line, True
            elif line == '"""' and name and then:
                block, then = [], False
            elif line == '"""':
                docstring = True
    return scenarios


def step_of(text: str) -> tuple[Step | None, str]:
    for pattern, make in STEPS:
        m = pattern.match(text)
        if m:
            return make(m), ""  # type: ignore[operator]
    for pattern, reason in NOT_COMPARABLE:
        if pattern.search(text):
            return None, reason
    return None, "a step this script does not know"


def parse_expected(line: str) -> Finding | None:
    m = re.match(r"^(.+?):(\d+):(\d+):([^:]+):(.*)$", line)
    if not m:
        return None
    return Finding(m[1], int(m[2]), int(m[3]), m[4], m[5])


# --- .vale.ini, read minimally (for --ini translate and for rule kinds) ---------------------------

class Ini(NamedTuple):
    path: Path
    globals: dict[str, str]
    sections: list[tuple[str, dict[str, str]]]


def find_ini(folder: Path, top: Path) -> Path | None:
    here = folder
    while True:
        for name in CONFIG_NAMES:
            if (here / name).is_file():
                return here / name
        if here == top or here.parent == here:
            return None
        here = here.parent


def read_ini(path: Path) -> Ini:
    globals_: dict[str, str] = {}
    sections: list[tuple[str, dict[str, str]]] = []
    current = globals_
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = {}
            sections.append((line[1:-1].strip(), current))
        elif "=" in line:
            key, value = line.split("=", 1)
            current[key.strip()] = value.strip()
    return Ini(path, globals_, sections)


def expand_braces(pattern: str) -> list[str]:
    m = re.search(r"\{([^{}]*)\}", pattern)
    if not m:
        return [pattern]
    return [p for choice in m[1].split(",") for p in expand_braces(pattern[: m.start()] + choice + pattern[m.end():])]


def glob_matches(pattern: str, path: str) -> bool:
    # Vale's globs (gobwas) have no separator: `*` crosses folders; the path is as Vale
    # shows it, relative to where it runs.
    return any(fnmatch.fnmatchcase(path, p) or fnmatch.fnmatchcase(Path(path).name, p)
               for p in expand_braces(pattern))


def styles_path(ini: Ini) -> Path | None:
    value = ini.globals.get("StylesPath")
    return (ini.path.parent / value).resolve() if value else None


def rule_kind(rule: str, styles: Path | None) -> str | None:
    if rule in BUILTIN_KINDS:
        return BUILTIN_KINDS[rule]
    if styles is None or "." not in rule:
        return None
    pack, name = rule.split(".", 1)
    for suffix in (".yml", ".yaml"):
        path = styles / pack / f"{name}{suffix}"
        if path.is_file():
            m = re.search(r"^extends:\s*['\"]?(\w+)", path.read_text(encoding="utf-8", errors="replace"), re.M)
            return m[1] if m else None
    return None


def style_rules(styles: Path, style: str) -> list[str]:
    folder = styles / style
    if style == "Vale":
        return ["Vale.Repetition", "Vale.Spelling"]
    if not folder.is_dir():
        return []
    return sorted(f"{style}.{p.stem}" for p in folder.iterdir() if p.suffix in (".yml", ".yaml"))


def enabled_rules(ini: Ini, path: str) -> dict[str, str | None]:
    """Rule id -> level override (None: the rule's own), as Vale decides for one file
    (internal/core/file.go, internal/lint/lint.go: shouldRun)."""
    styles = styles_path(ini)
    star = next((keys for name, keys in ini.sections if name == "*"), {})
    base = [s.strip() for s in star.get("BasedOnStyles", "").split(",") if s.strip()]
    checks: dict[str, str] = {}
    for name, keys in ini.sections:
        if name in ("*", "formats", "asciidoctor") or not glob_matches(name, path):
            continue
        if "BasedOnStyles" in keys:
            base = [s.strip() for s in keys["BasedOnStyles"].split(",") if s.strip()]
        for key, value in keys.items():
            if "." in key:
                checks[key] = value
    global_checks = {k: v for k, v in {**ini.globals, **star}.items() if "." in k}
    candidates = {r for s in base for r in style_rules(styles, s)} if styles else set()
    candidates |= set(checks) | set(global_checks)
    out: dict[str, str | None] = {}
    for rule in sorted(candidates):
        value = checks.get(rule, global_checks.get(rule))
        if value is None:
            if rule.split(".")[0] in base:
                out[rule] = None
        elif value in ("YES", "suggestion", "warning", "error"):
            out[rule] = None if value == "YES" else value
    return out


# --- running newslint ------------------------------------------------------------------------------

def newslint_command() -> list[str]:
    return [sys.executable, "-m", "newslint"]


def native_ini() -> bool:
    done = subprocess.run([*newslint_command(), "init", "--help"], capture_output=True, text=True, cwd=ROOT)
    return "--from-vale" in done.stdout


def files_of(folder: Path, targets: tuple[str, ...]) -> list[str]:
    out = []
    for target in targets:
        path = folder / target
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                # As Vale walks a folder: hidden folders and node_modules are left out.
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
                for name in sorted(names):
                    if Path(name).suffix in COMPARABLE_SUFFIXES:
                        out.append(os.path.relpath(os.path.join(root, name), folder))
        elif path.suffix in COMPARABLE_SUFFIXES and path.is_file():
            out.append(target)
    return out


def run_newslint(folder: Path, files: list[str], config: Path | None) -> tuple[list[Finding], str]:
    if not files:
        return [], ""
    command = [*newslint_command(), "check", "--no-cache", "--format", "json", "--jobs", "1"]
    if config is not None:
        command += ["--config", str(config)]
    done = subprocess.run([*command, *files], capture_output=True, text=True, cwd=folder,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode not in (0, 1):
        return [], (done.stderr.strip().splitlines() or ["exit status %d" % done.returncode])[-1]
    report = json.loads(done.stdout)
    found = []
    for entry in report["files"]:
        for f in entry["findings"]:
            found.append(Finding(entry["path"], f["line"], f["column"], f["rule"], f["message"], f["level"]))
    return found, ""


def translated_run(folder: Path, files: list[str], ini: Ini) -> tuple[list[Finding], str]:
    """newslint on `files` with configs written from the ini, one per distinct rule set."""
    styles = styles_path(ini)
    if styles is not None and (styles / "Vale").is_dir() is False and styles.is_dir():
        # Vale's built-in Vale.Repetition, as a rule file newslint can load.
        (styles / "Vale").mkdir()
        (styles / "Vale" / "Repetition.yml").write_text(VALE_REPETITION, encoding="utf-8")
    # Vale's default MinAlertLevel is warning (internal/core/config.go).
    minimum = LEVELS.get(ini.globals.get("MinAlertLevel", "warning"), 1)
    groups: dict[tuple[tuple[str, str | None], ...], list[str]] = {}
    for path in files:
        # Only rules of kinds this newslint has: a rule file of another kind is a config error.
        rules = {r: lvl for r, lvl in enabled_rules(ini, path).items()
                 if r not in ("Vale.Terms", "Vale.Avoid") and kind_available(rule_kind(r, styles))}
        groups.setdefault(tuple(sorted(rules.items())), []).append(path)
    found: list[Finding] = []
    errors = []
    for n, (rules, paths) in enumerate(groups.items()):
        if not rules:
            continue
        config = folder / f".newslint-conformance-{n}.yaml"
        rule_dirs = [os.path.relpath(styles, folder)] if styles else []
        selected = dict(rules)
        while selected:
            lines = ["extends: none", f"rule_dirs: {json.dumps(rule_dirs)}", f"select: {json.dumps(list(selected))}"]
            levels = {r: lvl for r, lvl in selected.items() if lvl}
            if levels:
                lines.append(f"levels: {json.dumps(levels)}")
            config.write_text("\n".join(lines) + "\n", encoding="utf-8")
            got, error = run_newslint(folder, paths, config)
            if not error:
                found += got
                break
            errors.append(error)
            # A rule file newslint refuses is left out, so that the others still run.
            bad = re.search(r"([\w-]+)[/\\]([\w-]+)\.ya?ml:\d+", error)
            if not bad or f"{bad[1]}.{bad[2]}" not in selected:
                break
            del selected[f"{bad[1]}.{bad[2]}"]
    return [f for f in found if LEVELS.get(f.level, 0) >= minimum], "; ".join(errors)


def kind_available(kind: str | None) -> bool:
    return kind in COMPARABLE_KINDS and (ROOT / "newslint" / "kinds" / f"{kind}.py").is_file()


class Result(NamedTuple):
    scenario: Scenario
    reason: str  # why not comparable, or ""
    matched: list[str]
    missed: list[str]
    extra: list[str]
    unjudged: list[str]  # extras of a "should contain" (not exactly) scenario
    messages: list[str]  # matched lines whose message differs
    skipped: int  # expected lines not comparable
    error: str


def run_scenario(scenario: Scenario, fixtures: Path, native: bool) -> Result:
    step, reason = step_of(scenario.step)
    if step is None:
        return Result(scenario, reason, [], [], [], [], [], len(scenario.expected), "")
    folder = (fixtures / step.folder).resolve()
    if not folder.is_relative_to(fixtures.resolve()) or not folder.is_dir():
        return Result(scenario, "its folder is not a fixture folder", [], [], [], [], [], len(scenario.expected), "")
    ini_path = find_ini(folder, fixtures.parent)
    ini = read_ini(ini_path) if ini_path else None
    styles = styles_path(ini) if ini else None
    expected = [parse_expected(line) for line in scenario.expected]
    comparable = [e for e in expected if e is not None and Path(e.path).suffix in COMPARABLE_SUFFIXES
                  and rule_kind(e.rule, styles) in COMPARABLE_KINDS]
    skipped = len(expected) - len(comparable)
    files = files_of(folder, step.targets)
    if not files:
        return Result(scenario, "no Markdown or plain-text file", [], [], [], [], [], skipped, "")
    if native or ini is None:
        found, error = run_newslint(folder, files, None)
    else:
        found, error = translated_run(folder, files, ini)
    found = [f for f in found if rule_kind(f.rule, styles) in COMPARABLE_KINDS or f.rule.startswith("Vale.")]
    produced = Counter(f.key for f in found)
    message_of = {f.key: f.message for f in found}
    matched, missed, messages = [], [], []
    for e in comparable:
        if produced[e.key] > 0:
            produced[e.key] -= 1
            matched.append(e.key)
            if message_of.get(e.key) != e.message:
                messages.append(f"{e.key}: expected {e.message!r}, got {message_of.get(e.key)!r}")
        else:
            missed.append(f"{e.key}:{e.message}")
    extra = []
    for f in found:  # what no comparable expected line took
        if produced[f.key] > 0:
            produced[f.key] -= 1
            extra.append(f"{f.key}:{f.message}")
    if not scenario.exact:
        return Result(scenario, "", matched, missed, [], extra, messages, skipped, error)
    return Result(scenario, "", matched, missed, extra, [], messages, skipped, error)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vale-repo", type=Path, default=DEFAULT_VALE,
                        help="a checkout of Vale, or of a published Vale style with features/ and fixtures/ "
                             "(default: %(default)s)")
    parser.add_argument("--ini", choices=("auto", "native", "translate"), default="auto")
    parser.add_argument("--feature", action="append", default=[], help="only these feature files (e.g. checks)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed lines and message differences too")
    args = parser.parse_args(argv)
    # Vale's own checkout keeps its scenarios in testdata/; a published style's repository
    # (errata-ai/Microsoft, Google, ...) keeps features/ and fixtures/ at its top, with the
    # style's folder beside them.
    testdata = args.vale_repo / "testdata"
    if not (testdata / "features").is_dir():
        testdata = args.vale_repo
    if not (testdata / "features").is_dir() or not (testdata / "fixtures").is_dir():
        parser.error(f"{args.vale_repo} has neither testdata/features nor features/ and fixtures/")
    native = args.ini == "native" or (args.ini == "auto" and native_ini())
    scenarios = parse_features(testdata / "features")
    if args.feature:
        wanted = {f if f.endswith(".feature") else f + ".feature" for f in args.feature}
        scenarios = [s for s in scenarios if s.feature in wanted]
    with tempfile.TemporaryDirectory(prefix="newslint-vale-") as tmp:
        copy = Path(tmp) / "testdata"
        shutil.copytree(testdata, copy, symlinks=True, ignore=shutil.ignore_patterns(".git", "features"))
        (copy / ".git").mkdir()
        results = [run_scenario(s, copy / "fixtures", native) for s in scenarios]
    print_report(results, native, args.verbose)
    return 0


def print_report(results: list[Result], native: bool, verbose: bool) -> None:
    print(f"config: {'newslint reads .vale.ini' if native else '.vale.ini translated by this script'}")
    print()
    header = f"{'feature':<20} {'comparable':>10} {'matched':>8} {'missed':>7} {'extra':>6} {'not comp.':>9}"
    print(header)
    print("-" * len(header))
    totals = Counter()
    for feature in sorted({r.scenario.feature for r in results}):
        rows = [r for r in results if r.scenario.feature == feature]
        row = Counter(comparable=sum(len(r.matched) + len(r.missed) for r in rows),
                      matched=sum(len(r.matched) for r in rows), missed=sum(len(r.missed) for r in rows),
                      extra=sum(len(r.extra) for r in rows), skipped=sum(r.skipped for r in rows))
        totals.update(row)
        print(f"{feature:<20} {row['comparable']:>10} {row['matched']:>8} {row['missed']:>7} {row['extra']:>6} {row['skipped']:>9}")
    print("-" * len(header))
    share = totals["matched"] / totals["comparable"] if totals["comparable"] else 0.0
    print(f"{'total':<20} {totals['comparable']:>10} {totals['matched']:>8} {totals['missed']:>7} {totals['extra']:>6} {totals['skipped']:>9}")
    print(f"\nexact: {totals['matched']} of {totals['comparable']} comparable expected lines ({share:.1%}); bar 90%")
    print("\nScenarios not compared:")
    for r in results:
        if r.reason:
            print(f"  {r.scenario.feature} / {r.scenario.name}: {r.reason}")
    print("\nExtra findings (newslint reports, Vale does not):")
    for r in results:
        for line in r.extra:
            print(f"  {r.scenario.feature} / {r.scenario.name}: {line}")
    unjudged = [(r, line) for r in results for line in r.unjudged]
    if unjudged:
        print("\nNot judged (the scenario lists only some of Vale's output):")
        for r, line in unjudged:
            print(f"  {r.scenario.feature} / {r.scenario.name}: {line}")
    errors = [r for r in results if r.error]
    if errors:
        print("\nErrors:")
        for r in errors:
            print(f"  {r.scenario.feature} / {r.scenario.name}: {r.error}")
    print("\nMissed (Vale reports, newslint does not):")
    for r in results:
        for line in r.missed:
            print(f"  {r.scenario.feature} / {r.scenario.name}: {line}")
    if verbose:
        print("\nMessages that differ (line matched):")
        for r in results:
            for line in r.messages:
                print(f"  {r.scenario.feature} / {r.scenario.name}: {line}")


if __name__ == "__main__":
    sys.exit(main())
