"""The findings cache: warm runs answer from it, and nothing stale or corrupt is ever trusted."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from newslint.cache import CACHE_DIR, Cache, text_digest
from newslint.config import Config
from newslint.finding import Edit, Finding, Fix, Level
from tests.helpers import run_cli

DEFECT = "Kiev talks\n\nOfficials met in Kiev on Monday, the ministry said.\n"
CLEAN = "Kyiv talks\n\nOfficials met in Kyiv on Monday, the ministry said.\n"


def _cache_files(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("*/*.json"))


def _rewrite(file: Path, edit) -> None:  # type: ignore[no-untyped-def]
    """Change the entries of a cache file and sign it again, as a valid (if lying) cache."""
    header_line, _, body = file.read_bytes().partition(b"\n")
    header = json.loads(header_line)
    entries = edit(json.loads(body))
    new_body = json.dumps(entries).encode()
    header["checksum"] = hashlib.blake2b(new_body).hexdigest()
    file.write_bytes(json.dumps(header).encode() + b"\n" + new_body)


def test_warm_run_gives_the_same_bytes_and_the_folder_ignores_itself(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    (tmp_path / "b.md").write_text(CLEAN)
    cold = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert len(_cache_files(tmp_path)) == 1
    warm = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout) == (1, cold.stdout)
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"
    # The cache folder is not an article folder: its files are never checked.
    assert json.loads(warm.stdout)["summary"]["files"] == 2


def test_warm_run_answers_from_the_cache(tmp_path: Path) -> None:
    """Proof that the cache is read: a validly signed entry is believed (for the same text)."""
    (tmp_path / "a.md").write_text(DEFECT)
    run_cli("check", "--format", "parsable", ".", cwd=tmp_path)

    def plant(entries: dict) -> dict:  # type: ignore[type-arg]
        entries["a.md"][2][0][10] = "planted message"
        return entries

    _rewrite(_cache_files(tmp_path)[0], plant)
    assert "planted message" in run_cli("check", "--format", "parsable", ".", cwd=tmp_path).stdout
    assert "planted message" not in run_cli("check", "--no-cache", "--format", "parsable", ".", cwd=tmp_path).stdout


def test_an_edited_file_is_checked_again(tmp_path: Path) -> None:
    story = tmp_path / "a.md"
    story.write_text(DEFECT)
    assert run_cli("check", ".", cwd=tmp_path).returncode == 1
    story.write_text(CLEAN)
    result = run_cli("check", "--format", "parsable", ".", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_a_changed_rule_set_does_not_use_the_old_entries(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    assert run_cli("check", ".", cwd=tmp_path).returncode == 1
    (tmp_path / ".newslint.yaml").write_text("ignore: [AP.HouseSpellings]\n")
    result = run_cli("check", "--format", "parsable", ".", cwd=tmp_path)
    assert "AP.HouseSpellings" not in result.stdout
    assert len(_cache_files(tmp_path)) == 2


def test_a_corrupt_cache_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    expected = run_cli("check", "--format", "json", "--no-cache", ".", cwd=tmp_path).stdout
    run_cli("check", ".", cwd=tmp_path)
    file = _cache_files(tmp_path)[0]
    good = file.read_bytes()
    for damaged in (b"", b"\x00\xff garbage", good[: len(good) // 2], good.replace(b"Kiev", b"Kyiv"), b"{}\n[]"):
        file.write_bytes(damaged)
        result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (1, expected, "")


def test_a_signed_but_malformed_entry_is_a_miss(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    expected = run_cli("check", "--format", "json", "--no-cache", ".", cwd=tmp_path).stdout
    run_cli("check", ".", cwd=tmp_path)
    file = _cache_files(tmp_path)[0]
    breakages = [
        lambda e: {"a.md": [e["a.md"][0], 0, [["AP.X", "existence", 2, "one"]]]},  # short record
        lambda e: {"a.md": [e["a.md"][0], 0, [[None] * 14]]},  # wrong types
        lambda e: {"a.md": [e["a.md"][0], 0, [e["a.md"][2][0][:2] + [9] + e["a.md"][2][0][3:]]]},  # no such level
        lambda e: {"a.md": [e["a.md"][0], 0, "not a list"]},
        lambda e: {"a.md": "nonsense"},
    ]
    for breakage in breakages:
        _rewrite(file, breakage)
        assert run_cli("check", "--format", "json", ".", cwd=tmp_path).stdout == expected


def test_no_cache_neither_reads_nor_writes(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    assert run_cli("check", "--no-cache", ".", cwd=tmp_path).returncode == 1
    assert not (tmp_path / CACHE_DIR).exists()


def test_fix_does_not_use_the_cache(tmp_path: Path) -> None:
    story = tmp_path / "a.md"
    story.write_text(DEFECT)
    run_cli("check", ".", cwd=tmp_path)
    run_cli("check", "--fix", ".", cwd=tmp_path)
    assert "Kyiv" in story.read_text()
    assert run_cli("check", "--format", "parsable", ".", cwd=tmp_path).stdout == ""


def test_entries_round_trip_and_a_stale_text_misses(tmp_path: Path) -> None:
    finding = Finding(rule="AP.X", kind="substitution", level=Level.WARNING, path="a.md", line=1, column=2,
                      end_line=1, end_column=6, offset=1, end_offset=5, match="Kiev", message="m", link=None,
                      suggestions=("Kyiv",), fix=Fix((Edit(1, 5, "Kyiv"),), safe=True))
    cache = Cache(tmp_path / CACHE_DIR, "key")
    cache.put("a.md", DEFECT, [finding])
    cache.save()
    again = Cache(tmp_path / CACHE_DIR, "key")
    assert again.get("a.md", DEFECT) == [finding]
    assert again.get("a.md", CLEAN) is None
    assert again.get("b.md", DEFECT) is None
    assert Cache(tmp_path / CACHE_DIR, "another rule set").get("a.md", DEFECT) is None


def test_an_unwritable_cache_folder_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    cache = Cache(blocker / CACHE_DIR, "key")
    cache.put("a.md", DEFECT, [])
    cache.save()  # no exception: the run goes on uncached
    assert cache.get("a.md", DEFECT) == []


def test_fingerprint_follows_the_configuration(tmp_path: Path) -> None:
    assert text_digest(DEFECT) != text_digest(CLEAN)
    assert Cache.for_run(Config(), [], tmp_path).key == Cache.for_run(Config(), [], tmp_path).key
    assert Cache.for_run(Config(), [], tmp_path).key != Cache.for_run(Config(date_key="published"), [], tmp_path).key
