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


def _line(unit: str, size: int) -> str:
    """`unit` repeated to about `size` bytes, as one line of one paragraph."""
    return "Headline\n\n" + unit * max(1, size // len(unit.encode())) + "\n"


# name -> article of about `size` bytes. Each aims at one pattern's worst case.
ARTICLES: dict[str, Callable[[int], str]] = {
    # inline code spans: one long run, and runs of every length (CommonMark pairing)
    "backtick run": lambda size: _line("`", size),
    "backtick runs 1..n": lambda size: "Headline\n\n" + " ".join("`" * n for n in range(1, int((2 * size) ** 0.5) - 2)) + "\n",
    # HTML comments and suppression directives never closed, and many closed ones
    "open comments": lambda size: _line("<!-- newslint-disable ", size),
    "open comment marks": lambda size: _line("<!--", size),
    "many directives": lambda size: "Headline\n\n" + "<!-- newslint-disable-next-line AP -->\nKiev.\n\n" * (size // 46),
    # links and images: brackets that open and never close, and link targets
    "open brackets": lambda size: _line("[", size),
    "nested brackets": lambda size: "Headline\n\n" + "[" * (size // 2) + "a" + "]" * (size // 2) + "\n",
    "link openings": lambda size: _line("[a](", size),
    "link targets": lambda size: _line("](", size),
    "images": lambda size: _line("![", size),
    "angle brackets": lambda size: _line("<a ", size),
    # emphasis
    "stars": lambda size: _line("*", size),
    "underscores": lambda size: _line("_", size),
    "nested emphasis": lambda size: _line("*a _b **c __d ", size),
    # long runs of one character, and one line of prose as long as a file may be
    "run of a": lambda size: _line("a", size),
    "one long word": lambda size: "Headline\n\nA" + "a" * size + ".\n",
    "run of spaces": lambda size: "Headline\n\nA" + " " * size + "b.\n",
    "run of dots": lambda size: _line(".", size),
    "run of dashes": lambda size: _line("-", size),
    "run of digits": lambda size: _line("1", size),
    "one line of prose": lambda size: _line("The minister said the plan would work. ", size),
    "paragraphs of prose": lambda size: "Headline\n\n" + PARAGRAPH * (size // len(PARAGRAPH)),
    # quotations and attribution
    "unclosed double quotes": lambda size: _line('"a ', size),
    "unclosed curly quotes": lambda size: _line("\u201ca ", size),
    "apostrophes": lambda size: _line("'a ", size),
    "short quotations": lambda size: _line('"We will," he said. ', size),
    # names, numbers and dates
    "capitalised words": lambda size: _line("Aab Aba Abb ", size),
    "numbers": lambda size: _line("1,000 2.5 3/4/22 ", size),
    "weekday dates": lambda size: _line("Tuesday, March 7, 2024 ", size),
    # sentences and front matter
    "abbreviations": lambda size: _line("Mr. Dr. St. ", size),
    "front matter": lambda size: "---\ntitle: x\n" + "key: value\n" * (size // 44) + "---\n\nHeadline\n\nText.\n",
    "front matter title": lambda size: "---\ntitle: " + " " * (size // 4) + "x\n---\n\nText.\n",
    # Markdown structure (markdown-it-py)
    "nested blockquotes": lambda size: "Headline\n\n" + "> " * 5_000 + "Quote.\n",
    "nested lists": lambda size: "Headline\n\n" + "".join("  " * i + "- item\n" for i in range(int(size ** 0.5) - 4)),
    "many lines": lambda size: "Headline\n\n" + "a\n" * (size // 2),
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
    "NamesSuffixes": f"extends: names\nmessage: '%s'\ncheck: variants\nmax_distance: 60\nsuffixes: ['{CATASTROPHIC}']\n",
    "AttributionVague": f"extends: attribution\nmessage: '%s'\ncheck: vague\nphrases: ['{CATASTROPHIC}']\n",
}
HOSTILE_ARTICLE = (
    "Headline\n\n"
    # pattern kinds and attribution: runs of a's each followed by "!"
    + ("a" * 40 + "! ") * 8 + "\n\n"
    # names: spellings one edit apart (transliterations fold them) and a name that is
    # another plus a long ending (suffixes are tried on the ending)
    + "Abab said. Abab said. Abab" + "a" * 40 + "b said. " + "A" + "a" * 40 + "! A" + "a" * 41 + "! A" + "a" * 40 + "b said.\n\n"
    + "# " + "a" * 40 + "!\n\n"
    + ('"' + "a" * 40 + '!" ') * 3 + "\n"
)
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
    parser.add_argument("--size", type=int, default=LARGEST, help="bytes of each article (default: the most newslint checks)")
    args = parser.parse_args()
    print(f"{'case':<26} {'size':>10} {'seconds':>8} {'peak RSS MB':>12}  exit  timeout finding")
    with tempfile.TemporaryDirectory() as scratch:
        for name, build in ARTICLES.items():
            if args.only and args.only not in name:
                continue
            text = build(args.size)
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
