"""Worst cases: articles built to hit each built-in pattern's worst case, and a hostile pack.

    python bench/worst_case.py [--only NAME] [--timeout 120]

Each case is one cold `newslint check --no-cache --format json` in a new process. The
articles run every shipped rule (`--select ALL`: the News, AP, UK and Proselint packs);
the hostile pack (catastrophic patterns in every kind and option that takes one) runs
with a 1 s file budget. The table gives the case, its size, the wall time, the peak RSS
of the process, and whether the file got a `newslint.timeout` finding. tests/test_dos.py
runs the same cases against stated bounds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
MIB = 1 << 20
# newslint refuses a file over 4 MiB (newslint.too-large): the largest it checks.
LARGEST = 4 * MIB - 64
PARAGRAPH = "The minister said on Tuesday that the plan, which cost $4m, would work.\n\n"


def _line(unit: str, size: int = LARGEST) -> str:
    """`unit` repeated to about `size` bytes, as one line of one paragraph."""
    return "Headline\n\n" + unit * max(1, size // len(unit.encode())) + "\n"


# name -> article text. Each aims at one pattern's worst case (see the comments).
ARTICLES: dict[str, Callable[[], str]] = {
    # inline code spans: one long run, and runs of every length (CommonMark pairing)
    "backtick run": lambda: _line("`", 100_000),
    "backtick runs 1..2000": lambda: "Headline\n\n" + " ".join("`" * n for n in range(1, 2001)) + "\n",
    # HTML comments and suppression directives never closed, and many closed ones
    "open comments": lambda: _line("<!-- newslint-disable ", 20_000 * 22),
    "open comment marks": lambda: _line("<!--", MIB),
    "many directives": lambda: "Headline\n\n" + "<!-- newslint-disable-next-line AP -->\nKiev.\n\n" * 20_000,
    # links and images: brackets that open and never close, and link targets
    "open brackets": lambda: _line("["),
    "nested brackets": lambda: "Headline\n\n" + "[" * 50_000 + "a" + "]" * 50_000 + "\n",
    "link openings": lambda: _line("[a]("),
    "link targets": lambda: _line("]("),
    "images": lambda: _line("!["),
    "angle brackets": lambda: _line("<a "),
    # emphasis
    "stars": lambda: _line("*"),
    "underscores": lambda: _line("_"),
    "nested emphasis": lambda: _line("*a _b **c __d "),
    # long runs of one character, and one 4 MiB line of prose
    "run of a": lambda: _line("a"),
    "one long word": lambda: "Headline\n\nA" + "a" * LARGEST + ".\n",
    "run of spaces": lambda: "Headline\n\nA" + " " * LARGEST + "b.\n",
    "run of dots": lambda: _line("."),
    "run of dashes": lambda: _line("-"),
    "run of digits": lambda: _line("1"),
    "4 MiB line of prose": lambda: _line("The minister said the plan would work. "),
    "4 MiB of paragraphs": lambda: "Headline\n\n" + PARAGRAPH * (LARGEST // len(PARAGRAPH)),
    # quotations and attribution
    "unclosed double quotes": lambda: _line('"a '),
    "unclosed curly quotes": lambda: _line("\u201ca "),
    "apostrophes": lambda: _line("'a "),
    "short quotations": lambda: _line('"We will," he said. '),
    # names, numbers and dates
    "capitalised words": lambda: _line("Aab Aba Abb "),
    "numbers": lambda: _line("1,000 2.5 3/4/22 "),
    "weekday dates": lambda: _line("Tuesday, March 7, 2024 "),
    # sentences and front matter
    "abbreviations": lambda: _line("Mr. Dr. St. "),
    "front matter": lambda: "---\ntitle: x\n" + "key: value\n" * 100_000 + "---\n\nHeadline\n\nText.\n",
    "front matter title": lambda: "---\ntitle: " + " " * MIB + "x\n---\n\nText.\n",
    # Markdown structure (markdown-it-py)
    "nested blockquotes": lambda: "Headline\n\n" + "> " * 5_000 + "Quote.\n",
    "nested lists": lambda: "Headline\n\n" + "".join("  " * i + "- item\n" for i in range(2_000)),
    "many lines": lambda: "Headline\n\n" + "a\n" * (LARGEST // 2),
}

CATASTROPHIC = "(?:a|aa)+$"
# One rule per kind and option that takes a regular expression; each backtracks without
# end on a run of a's that is not followed by the end of its text.
HOSTILE_RULES: dict[str, str] = {
    "ExistenceTokens": f"extends: existence\nmessage: '%s'\nnonword: true\ntokens: ['{CATASTROPHIC}']\n",
    "ExistencePrefiltered": "extends: existence\nmessage: '%s'\ntokens: ['aaaa(?:a|aa)+$']\n",
    "ExistenceRaw": f"extends: existence\nmessage: '%s'\nraw: ['{CATASTROPHIC}']\n",
    "Substitution": f"extends: substitution\nmessage: '%s'\nnonword: true\nswap: {{'{CATASTROPHIC}': b}}\n",
    "SubstitutionPrefiltered": "extends: substitution\nmessage: '%s'\nswap: {'aaaa(?:a|aa)+$': b}\n",
    "Occurrence": f"extends: occurrence\nmessage: '%s'\nmax: 1\ntoken: '{CATASTROPHIC}'\n",
    "Repetition": f"extends: repetition\nmessage: '%s'\ntokens: ['{CATASTROPHIC}']\n",
    "Consistency": f"extends: consistency\nmessage: '%s'\nnonword: true\neither: {{'{CATASTROPHIC}': 'b(?:a|aa)+$'}}\n",
    "ConditionalFirst": f"extends: conditional\nmessage: '%s'\nfirst: '{CATASTROPHIC}'\nsecond: 'zz'\n",
    "ConditionalSecond": f"extends: conditional\nmessage: '%s'\nfirst: 'a'\nsecond: '{CATASTROPHIC}'\n",
    "Capitalization": f"extends: capitalization\nmessage: '%s'\nmatch: '{CATASTROPHIC}'\n",
    "NamesTransliterations": f"extends: names\nmessage: '%s'\ncheck: variants\ntransliterations: {{'{CATASTROPHIC}': x}}\n",
    "NamesSuffixes": f"extends: names\nmessage: '%s'\ncheck: variants\nsuffixes: ['{CATASTROPHIC}']\n",
    "AttributionVague": f"extends: attribution\nmessage: '%s'\ncheck: vague\nphrases: ['{CATASTROPHIC}']\n",
}
HOSTILE_ARTICLE = ("Headline\n\n" + ("a" * 40 + "! ") * 8 + "\n\n"
                   + "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! "
                   + "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab said.\n\n"
                   + "# " + "a" * 40 + "!\n\n" + '"' + "a" * 40 + '!" ' * 3 + "\n")
HOSTILE_BUDGET = 1.0


class Run(NamedTuple):
    seconds: float
    peak_rss_mb: float
    returncode: int | None  # None: killed at the timeout
    stdout: str
    stderr: str


def run(args: list[str], cwd: Path, timeout: float, memory: int | None = None) -> Run:
    """A cold `python -m newslint ARGS` with its wall time and peak RSS (wait4's rusage)."""

    def limit() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "newslint", *args], cwd=cwd, stdout=out, stderr=err,
                                env=env, preexec_fn=limit)
        code: int | None
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                code = None
                break
            time.sleep(0.01)
        proc.returncode = code if code is not None else -9  # reaped here, not by Popen
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_maxrss / 1024, code, out.read().decode("utf-8", "replace"),
                   err.read().decode("utf-8", "replace"))


def check_article(folder: Path, name: str, text: str, timeout: float, memory: int | None = None) -> Run:
    path = folder / (name.replace(" ", "-").replace(".", "") + ".md")
    path.write_text(text, encoding="utf-8")
    return run(["check", "--no-cache", "--format", "json", "--select", "ALL", path.name], folder, timeout, memory)


def hostile_project(folder: Path) -> list[str]:
    """A repository with the hostile pack and three articles; the article names."""
    pack = folder / "packs" / "Hostile"
    pack.mkdir(parents=True)
    for name, body in HOSTILE_RULES.items():
        (pack / f"{name}.yml").write_text(body, encoding="utf-8")
    (folder / ".newslint.yaml").write_text("extends: none\nrule_dirs: [packs]\nselect: [Hostile]\n", encoding="utf-8")
    names = ["one.md", "two.md", "three.md"]
    for name in names:
        (folder / name).write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return names


def check_hostile(folder: Path, timeout: float, memory: int | None = None) -> Run:
    names = hostile_project(folder)
    return run(["check", "--no-cache", "--format", "json", "--jobs", "1", "--file-timeout", str(HOSTILE_BUDGET), *names],
               folder, timeout, memory)


def timeouts(result: Run) -> int:
    """How many files of a run got a newslint.timeout finding."""
    try:
        report = json.loads(result.stdout)
    except ValueError:
        return -1
    return sum(any(f["rule"] == "newslint.timeout" for f in file["findings"]) for file in report["files"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="run only the cases whose name holds this")
    parser.add_argument("--timeout", type=float, default=120.0, help="kill a case after this many seconds")
    args = parser.parse_args()
    print(f"{'case':<26} {'size':>10} {'seconds':>8} {'peak RSS MB':>12}  exit  timeout finding")
    with tempfile.TemporaryDirectory() as scratch:
        for name, build in ARTICLES.items():
            if args.only and args.only not in name:
                continue
            text = build()
            result = check_article(Path(scratch), name, text, args.timeout)
            code = "kill" if result.returncode is None else str(result.returncode)
            print(f"{name:<26} {len(text.encode()):>10,} {result.seconds:>8.2f} {result.peak_rss_mb:>12.0f}  {code:>4}  "
                  f"{'yes' if timeouts(result) > 0 else 'no'}", flush=True)
        if not args.only or args.only in "hostile pack":
            folder = Path(scratch) / "hostile"
            folder.mkdir()
            result = check_hostile(folder, args.timeout)
            code = "kill" if result.returncode is None else str(result.returncode)
            size = len(HOSTILE_ARTICLE.encode()) * 3
            print(f"{'hostile pack, 3 files':<26} {size:>10,} {result.seconds:>8.2f} {result.peak_rss_mb:>12.0f}  {code:>4}  "
                  f"{timeouts(result)} of 3 files", flush=True)


if __name__ == "__main__":
    main()
