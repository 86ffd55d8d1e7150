"""How fast `newslint server` answers an edit, and whether its memory stays flat.

A real LSP client (pygls', as the tests use it) drives a real `newslint server` process.
The article is the BBC development corpus's article nearest to 1,500 words (its headline
made a Markdown heading), opened as Markdown with the default config. Each edit changes
one word in the middle of the article (a different word each time) and sends the whole
text in a didChange; the latency is from sending it to the arrival of the
publishDiagnostics for that version.

The server debounces: the first change after a quiet spell is checked at once, and a burst
of changes is checked once it pauses for the debounce (0.15 s). So the two figures are:

1. `isolated edits`: 200 edits, each sent once the debounce has passed since the one
   before (a reporter's pause between words): the latency is the check and the protocol,
   no waiting. In a burst of typing, the diagnostics of the last keystroke come this much
   plus the debounce after it, by construction.
2. `back to back`: 1,000 edits with the debounce set to 0 (initializationOptions), each
   sent as soon as the one before is answered; the server's RSS (from /proc) after the
   open, and after 200, 500 and 1,000 edits: memory should stay flat.

    python bench/lsp_latency.py [--edits 200] [--memory-edits 1000] [--article PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import CORPUS, body_words, distinct_articles  # noqa: E402
from tests.helpers.lsp_client import Session  # noqa: E402

DEBOUNCE = 0.15  # the server's default (newslint.server.protocol.DEFAULT_DEBOUNCE)


def article_near(words: int) -> tuple[str, str]:
    """(name, Markdown text) of the corpus article whose length is nearest `words`."""
    best = min(distinct_articles(CORPUS), key=lambda p: abs(body_words(p.read_text(encoding="utf-8")) - words))
    headline, body = best.read_text(encoding="utf-8").split("\n", 1)
    return best.name, f"# {headline.strip()}\n{body}"


def variant(text: str, i: int) -> str:
    """The text with the middle word replaced by the i-th of a few words (a typed edit)."""
    middle = len(text) // 2
    start = text.rindex(" ", 0, middle) + 1
    end = text.index(" ", middle)
    word = ("council", "minister", "report", "market", "season", "election", "company")[i % 7]
    return text[:start] + f"{word}{i % 10 if i % 3 else ''}" + text[end:]


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """The process's user and system CPU time so far (not counting time waiting for a core)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def quantiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms (n={len(ms)})"


async def edit(session: Session, uri: str, text: str, version: int) -> float:
    before = len(session.published)
    sent = time.perf_counter()
    session.change(uri, text, version)
    await session.diagnostics(uri, version, after=before)
    index = next(i for i in range(before, len(session.published)) if session.published[i].version == version)
    return session.publish_times[index] - sent


async def isolated(folder: Path, path: Path, text: str, edits: int) -> tuple[list[float], float]:
    async with Session(folder) as s:
        pid = s.client._server.pid  # type: ignore[union-attr]
        uri = s.open(path, text)
        await s.diagnostics(uri, 1)
        for i in range(3):  # warm: the first checks compile what the article needs
            await edit(s, uri, variant(text, i), 2 + i)
            await asyncio.sleep(DEBOUNCE * 1.2)
        times = []
        cpu = cpu_seconds(pid)
        for i in range(edits):
            times.append(await edit(s, uri, variant(text, i + 3), 5 + i))
            await asyncio.sleep(DEBOUNCE * 1.2)  # a pause: the next edit is checked at once
        return times, (cpu_seconds(pid) - cpu) / edits


async def back_to_back(folder: Path, path: Path, text: str, edits: int) -> tuple[list[float], list[tuple[int, int]]]:
    async with Session(folder, options={"debounce": 0}) as s:
        pid = s.client._server.pid  # type: ignore[union-attr]
        uri = s.open(path, text)
        await s.diagnostics(uri, 1)
        memory = [(0, rss_kib(pid))]
        times = []
        for i in range(edits):
            times.append(await edit(s, uri, variant(text, i), 2 + i))
            if i + 1 in (200, 500, edits) or (i + 1) % 1000 == 0:
                memory.append((i + 1, rss_kib(pid)))
        return times, memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--memory-edits", type=int, default=1000)
    parser.add_argument("--article", type=Path, help="a Markdown article instead of the corpus's")
    args = parser.parse_args()
    if args.article:
        name, text = args.article.name, args.article.read_text(encoding="utf-8")
    else:
        name, text = article_near(1500)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "article.md"
        path.write_text(text, encoding="utf-8")
        print(f"article: {name}, {len(text.split())} words, {len(text)} characters; "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        times, cpu = asyncio.run(isolated(folder, path, text, args.edits))
        print(f"didChange -> publishDiagnostics, isolated edits (debounce {DEBOUNCE} s not waited): {quantiles(times)}; "
              f"server CPU {cpu * 1000:.1f} ms an edit")
        times, memory = asyncio.run(back_to_back(folder, path, text, args.memory_edits))
        print(f"didChange -> publishDiagnostics, back to back (debounce 0): {quantiles(times)}")
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        print("server RSS: " + ", ".join(f"{kib / 1024:.1f} MiB after {n} edits" for n, kib in memory))


if __name__ == "__main__":
    main()
