"""A second evaluation set in another house style and era: the Lee background corpus.

    python bench/outside.py            # materialise it and print where it is

The BBC dev corpus (British, 2004-05) is what the news checks were tuned on. The second set
is the Lee background corpus: 300 Australian Broadcasting Corporation news stories from
2001 (Australian English, wire style, 59,890 words), which gensim ships in its wheel
(`gensim/test/test_data/lee_background.cor`, one story per line). The stories have no
licence of their own that allows copying them, so nothing of them is committed: this
script downloads the gensim wheel from PyPI with pip (no dependencies, nothing installed),
reads that one member out of it, and writes one `.txt` per story, in the dev corpus's
shape (a headline line, then the body), into a cache folder outside the repository
(`$NEWSLINT_BENCH_CACHE`, default `~/.cache/newslint-bench`). The headline line is a
label ("Lee background corpus, story N"), not copy, so body counts are the story's words.

Evaluation scripts take `--corpus lee` (or a folder) and use the preset nearest the source:
`uk` for both sets (the ABC spells as British desks do). The ABC's own house differs from
the UK pack in places ("per cent" where the pack writes "%", month-first dates), so house
pack findings on this set measure the distance between two houses; the News rules, which
compare an article with itself, are what the set's false-alarm bar is for.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import CORPUS  # noqa: E402

GENSIM = "gensim==4.3.3"
MEMBER = "gensim/test/test_data/lee_background.cor"
STORIES = 300


def cache_root() -> Path:
    return Path(os.environ.get("NEWSLINT_BENCH_CACHE", Path.home() / ".cache" / "newslint-bench"))


def lee_corpus() -> Path:
    """The folder of Lee stories, made on first use."""
    folder = cache_root() / "lee"
    if len(list(folder.glob("*.txt"))) == STORIES:
        return folder
    with tempfile.TemporaryDirectory() as download:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
             "--python-version", "3.11", "--platform", "manylinux2014_x86_64", "-d", download, GENSIM],
            check=True,
        )
        wheel = next(Path(download).glob("gensim-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            text = archive.read(MEMBER).decode("utf-8")
    stories = [line.strip() for line in text.splitlines() if line.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    for number, story in enumerate(stories, 1):
        (folder / f"lee{number:03d}.txt").write_text(
            f"Lee background corpus, story {number}\n\n{story}\n", encoding="utf-8")
    return folder


def corpus_folder(name: str) -> Path:
    """`bbc` (the dev corpus), `lee` (the second set), or a folder of .txt articles."""
    if name == "bbc":
        return CORPUS
    if name == "lee":
        return lee_corpus()
    return Path(name)


if __name__ == "__main__":
    print(lee_corpus())
