"""The findings cache: warm runs answer from it, and nothing stale, corrupt or unsigned is ever trusted."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from newslint import __version__
from newslint.cache import CACHE_DIR, Cache, entry_name, signed_shard, text_digest
from newslint.config import Config
from newslint.finding import Edit, Finding, Fix, Level
from tests.helpers import run_cli

DEFECT = "Kiev talks\n\nOfficials met in Kiev on Monday, the ministry said.\n"
CLEAN = "Kyiv talks\n\nOfficials met in Kyiv on Monday, the ministry said.\n"


def user_key() -> bytes:
    """The key the CLI runs of the tests sign with (conftest points XDG_CONFIG_HOME at a temporary folder)."""
    return (Path(os.environ["XDG_CONFIG_HOME"]) / "newslint" / "cache-key").read_bytes()


def cache_entries(root: Path) -> list[Path]:
    """Shard files: .newslint_cache/<version>/<rule set>/<2 hex>."""
    return sorted(p for p in (root / CACHE_DIR).glob("*/*/*") if p.is_file() and len(p.name) == 2)


def rule_set(root: Path) -> str:
    (folder,) = {p.parent.name for p in cache_entries(root)}
    return folder


def shard_of(root: Path, path: str) -> Path:
    (file,) = [p for p in cache_entries(root) if p.name == entry_name(path)[:2]]
    return file


def lines_of(file: Path) -> dict[str, bytes]:
    return {line[:32].decode(): line for line in file.read_bytes().partition(b"\n")[2].split(b"\n") if line}


def records(file: Path, path: str = "a.md") -> Any:
    """The entry of `path` in its shard: [text digest, findings]."""
    line = lines_of(file)[entry_name(path)]
    return json.loads(line.split(b" ", 2)[2])


def rewrite(file: Path, path: str, body: Any, secret: bytes | None = None, sign_as: str | None = None) -> None:
    """Replace the entry of `path` with `body`, and sign the shard as the user would
    (`sign_as`: under another shard's name)."""
    lines = lines_of(file)
    lines[entry_name(path)] = f"{entry_name(path)} 99999 ".encode() + json.dumps(body).encode()
    content = b"".join(line + b"\n" for line in lines.values())
    file.write_bytes(signed_shard(secret or user_key(), file.parent.name, sign_as or file.name, content))


def test_warm_run_gives_the_same_bytes_and_the_folder_ignores_itself(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    (tmp_path / "b.md").write_text(CLEAN)
    cold = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert records(shard_of(tmp_path, "a.md"), "a.md")[0] == text_digest(DEFECT)
    assert records(shard_of(tmp_path, "b.md"), "b.md")[0] == text_digest(CLEAN)
    warm = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout) == (1, cold.stdout)
    assert (tmp_path / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"
    # The cache folder is not an article folder: its files are never checked.
    assert json.loads(warm.stdout)["summary"]["files"] == 2


def test_warm_run_answers_from_the_cache(tmp_path: Path) -> None:
    """Proof that the cache is read: an entry signed with the user's key is believed (for the same text)."""
    (tmp_path / "a.md").write_text(DEFECT)
    run_cli("check", "--format", "parsable", ".", cwd=tmp_path)
    (entry,) = cache_entries(tmp_path)
    digest, found = records(entry)
    found[0][10] = "planted message"
    rewrite(entry, "a.md", [digest, found])
    assert "planted message" in run_cli("check", "--format", "parsable", ".", cwd=tmp_path).stdout
    # Written 99999 days after 1970: kept, as every entry is until its shard is written again.
    assert "planted message" in run_cli("check", "--format", "parsable", ".", cwd=tmp_path).stdout
    assert "planted message" not in run_cli("check", "--no-cache", "--format", "parsable", ".", cwd=tmp_path).stdout


def test_a_shard_signed_for_another_name_or_rule_set_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    run_cli("check", ".", cwd=tmp_path)
    (shard,) = cache_entries(tmp_path)
    clean = [text_digest(DEFECT), []]
    for wrong in ("zz", None):
        rewrite(shard, "a.md", clean, sign_as=wrong)  # a genuine signature, for another shard
        if wrong is None:  # ... or for another rule set
            content = shard.read_bytes().partition(b"\n")[2]
            shard.write_bytes(signed_shard(user_key(), "0" * 32, shard.name, content))
        result = run_cli("check", "--format", "parsable", ".", cwd=tmp_path)
        assert (result.returncode, result.stdout.count("Kyiv")) == (1, 2)


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
    assert len({p.parent for p in cache_entries(tmp_path)}) == 2


def test_a_corrupt_cache_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    expected = run_cli("check", "--format", "json", "--no-cache", ".", cwd=tmp_path).stdout
    run_cli("check", ".", cwd=tmp_path)
    (file,) = cache_entries(tmp_path)
    good = file.read_bytes()
    for damaged in (b"", b"\x00\xff garbage", good[: len(good) // 2], good.replace(b"Kiev", b"Kyiv"), b"{}\n[]",
                    b"0" * 64 + b"\n" + good.partition(b"\n")[2]):
        file.write_bytes(damaged)
        result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (1, expected, "")


def test_a_signed_but_malformed_entry_is_a_miss(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFECT)
    expected = run_cli("check", "--format", "json", "--no-cache", ".", cwd=tmp_path).stdout
    run_cli("check", ".", cwd=tmp_path)
    (file,) = cache_entries(tmp_path)
    digest, found = records(file)
    breakages = [
        [digest, [["AP.X", "existence", 2, "one"]]],  # short record
        [digest, [[None] * 14]],  # wrong types
        [digest, [found[0][:2] + [9] + found[0][3:]]],  # no such level
        [digest, "not a list"],
        "nonsense",
    ]
    for breakage in breakages:
        rewrite(file, "a.md", breakage)
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
    assert not cache.rules_compiled
    cache.put("a.md", DEFECT, [finding])
    cache.save()
    again = Cache(tmp_path / CACHE_DIR, "key")
    assert again.rules_compiled
    assert again.get("a.md", DEFECT) == [finding]
    assert again.get("a.md", CLEAN) is None
    assert again.get("b.md", DEFECT) is None
    assert Cache(tmp_path / CACHE_DIR, "another rule set").get("a.md", DEFECT) is None
    # Another user's key (or none to be had): nothing is believed, nothing written.
    assert Cache(tmp_path / CACHE_DIR, "key", secret=os.urandom(32)).get("a.md", DEFECT) is None
    keyless = Cache(tmp_path / CACHE_DIR, "keyless", secret=None)
    keyless.put("a.md", DEFECT, [finding])
    keyless.save()
    assert not (tmp_path / CACHE_DIR / __version__ / "keyless").exists()


def test_one_file_reads_only_its_own_shard(tmp_path: Path) -> None:
    """Sharded: the other shards are not read (a broken one costs nothing and is not noticed)."""
    names = []
    for n in range(100):  # three files in three shards
        if entry_name(f"{n}.md")[:2] not in {entry_name(m)[:2] for m in names}:
            names.append(f"{n}.md")
        if len(names) == 3:
            break
    for name in names:
        (tmp_path / name).write_text(DEFECT)
    run_cli("check", ".", cwd=tmp_path)
    assert sorted(e.name for e in cache_entries(tmp_path)) == sorted(entry_name(p)[:2] for p in names)
    for other in names[1:]:
        shard_of(tmp_path, other).write_bytes(b"damaged")
    cache = Cache(tmp_path / CACHE_DIR, rule_set(tmp_path))
    try:
        assert cache.get(names[0], DEFECT) is not None
        assert cache.get(names[1], DEFECT) is None
    finally:
        cache.close()


def test_a_shard_keeps_other_entries_and_drops_old_ones_when_written(tmp_path: Path) -> None:
    cache = Cache(tmp_path / CACHE_DIR, "key")
    paths = [f"{n}.md" for n in range(600)]  # about two a shard
    for path in paths:
        cache.put(path, DEFECT, [])
    cache.save()
    busiest = max({entry_name(p)[:2] for p in paths}, key=lambda s: sum(entry_name(p)[:2] == s for p in paths))
    shard = tmp_path / CACHE_DIR / __version__ / "key" / busiest
    neighbours = [p for p in paths if entry_name(p)[:2] == shard.name]
    assert len(neighbours) >= 2 and len(lines_of(shard)) == len(neighbours)
    old = neighbours[1]
    rewrite(shard, old, [text_digest(DEFECT), []])
    lines = lines_of(shard)
    lines[entry_name(old)] = lines[entry_name(old)].replace(b" 99999 ", b" 1 ")  # written in 1970
    content = b"".join(line + b"\n" for line in lines.values())
    shard.write_bytes(signed_shard(user_key(), "key", shard.name, content))
    again = Cache(tmp_path / CACHE_DIR, "key")
    assert again.get(old, DEFECT) == []  # still valid when read
    again.put(neighbours[0], CLEAN, [])
    again.save()
    assert set(lines_of(shard)) == {entry_name(p) for p in neighbours if p != old}


def test_an_unwritable_cache_folder_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    cache = Cache(blocker / CACHE_DIR, "key")
    cache.put("a.md", DEFECT, [])  # no exception: the run goes on uncached
    cache.save()
    assert cache.get("a.md", DEFECT) is None


def test_fingerprint_follows_the_configuration(tmp_path: Path) -> None:
    assert text_digest(DEFECT) != text_digest(CLEAN)
    assert Cache.for_run(Config(), [], tmp_path).key == Cache.for_run(Config(), [], tmp_path).key
    assert Cache.for_run(Config(), [], tmp_path).key != Cache.for_run(Config(date_key="published"), [], tmp_path).key


def test_fingerprint_follows_the_dependencies(monkeypatch: Any) -> None:
    from newslint import cache as cache_module

    before = cache_module.fingerprint(Config(), [])
    monkeypatch.setattr(cache_module, "dependency_versions", lambda: "regex=regex-1999.1.1.dist-info")
    assert cache_module.fingerprint(Config(), []) != before
