"""Bad input through the real command line: every case gets its exit status and one line,
the files that can be checked are still checked, and no traceback ever reaches the user."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Callable

import pytest

from newslint.deadline import RULE_LIMIT
from tests.helpers import run_cli

ARTICLE = "Fighting near Kiev went on, officials said.\n"  # Test.Kiev at 1:15
KIEV_RULE = """\
extends: substitution
message: "Use '%s' instead of '%s'."
level: warning
swap:
  Kiev: Kyiv
examples: {flag: [Kiev], pass: [Kyiv]}
"""
CONFIG = "rule_dirs: [rules]\nselect: [Test]\n"


def _project(root: Path, config: str = CONFIG, rules: dict[str, str] | None = None) -> Path:
    """A folder with its own config and rule pack, so the built-in packs cannot change these results."""
    (root / ".newslint.yaml").write_text(config)
    for name, body in {"Test/Kiev.yml": KIEV_RULE, **(rules or {})}.items():
        path = root / "rules" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    return root


def _assert_no_traceback(result) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr


def _write_matrix(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.md").write_text(ARTICLE)
    (folder / "empty.md").write_bytes(b"")
    (folder / "bom.md").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    (folder / "utf16.md").write_bytes(ARTICLE.encode("utf-16"))  # with a BOM, native order
    (folder / "crlf.md").write_bytes(("Headline\n\n" + ARTICLE).replace("\n", "\r\n").encode())
    (folder / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "nul.md").write_bytes(b"Kiev\x00 and more")
    (folder / "latin1.md").write_bytes("Kiev café\n".encode("latin-1"))
    (folder / "frontmatter.md").write_text("---\ntitle: [unclosed\n---\n" + ARTICLE)
    # 50 MiB of real text: refused by size before it is read.
    with open(folder / "huge.md", "wb") as out:
        block = (ARTICLE + "\n").encode() * 1024
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            out.write(block)
    # A 1 MB paragraph on one line, the defect at its very end.
    words = "the council met again " * (1_000_000 // 22)
    (folder / "longline.md").write_text("Headline\n\n" + words + "near Kiev.\n")
    (folder / "selfloop.md").symlink_to(folder / "selfloop.md")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)  # a folder loop: never followed
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.md")  # opening it would block: never opened
    for i in range(10):  # clean files, enough for a run with --jobs to use worker processes
        (folder / f"pad{i}.txt").write_text("Headline\n\nNothing to see.\n")


LONG_COLUMN = len("the council met again " * (1_000_000 // 22)) + len("near ") + 1
EXPECTED_LINES = [
    "articles/bom.md:1:15: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
    "articles/crlf.md:3:15: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
    "articles/frontmatter.md:3:1: error: malformed front matter: expected ',' or ']', but got '<stream end>' [newslint.front-matter]",
    "articles/frontmatter.md:4:15: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
    "articles/good.md:1:15: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
    "articles/huge.md:1:1: error: file too large to check (50.0 MiB; the limit is 4 MiB) [newslint.too-large]",
    "articles/image.md:1:1: error: binary file (NUL byte at offset 8) [newslint.binary]",
    "articles/latin1.md:1:1: error: not valid UTF-8: byte 0xe9 at line 1 [newslint.decode]",
    f"articles/longline.md:3:{LONG_COLUMN}: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
    "articles/nul.md:1:1: error: binary file (NUL byte at offset 4) [newslint.binary]",
    "articles/selfloop.md:1:1: error: cannot read: Too many levels of symbolic links [newslint.unreadable]",
    "articles/utf16.md:1:15: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_input_matrix_in_one_run(tmp_path: Path, jobs: str) -> None:
    _write_matrix(_project(tmp_path) / "articles")
    started = time.monotonic()
    result = run_cli("check", "--format", "parsable", "--jobs", jobs, "articles", cwd=tmp_path, timeout=60)
    elapsed = time.monotonic() - started
    _assert_no_traceback(result)
    assert result.returncode == 2  # some files could not be checked
    assert result.stderr == ""
    # Findings of a file come in offset order, files in path order.
    assert sorted(result.stdout.splitlines(), key=lambda l: l.split(":")[0]) == EXPECTED_LINES
    assert elapsed < 20, f"the matrix took {elapsed:.1f}s"


def test_bad_input_matrix_in_json(tmp_path: Path) -> None:
    _write_matrix(_project(tmp_path) / "articles")
    result = run_cli("check", "--format", "json", "articles", cwd=tmp_path, timeout=60)
    _assert_no_traceback(result)
    assert result.returncode == 2
    report = json.loads(result.stdout)
    files = {f["path"]: f for f in report["files"]}
    # Every file found appears once; the pipe and the folder loop do not.
    assert sorted(files) == sorted(f"articles/{n}" for n in (
        "bom.md", "crlf.md", "empty.md", "frontmatter.md", "good.md", "huge.md", "image.md",
        "latin1.md", "longline.md", "nul.md", "selfloop.md", "utf16.md", *(f"pad{i}.txt" for i in range(10))))
    errors = {p: f["error"]["code"] for p, f in files.items() if f["error"]}
    assert errors == {"articles/huge.md": "too-large", "articles/image.md": "binary", "articles/latin1.md": "decode",
                      "articles/nul.md": "binary", "articles/selfloop.md": "unreadable"}
    assert files["articles/empty.md"] == {"path": "articles/empty.md", "error": None, "findings": []}
    assert report["summary"]["errors"] == 5
    for path in ("articles/bom.md", "articles/utf16.md", "articles/good.md"):
        [finding] = files[path]["findings"]
        assert (finding["offset"], finding["end_offset"], finding["match"]) == (14, 18, "Kiev")


def test_a_path_that_does_not_exist_is_an_error_and_the_rest_is_checked(tmp_path: Path) -> None:
    _project(tmp_path)
    (tmp_path / "good.md").write_text(ARTICLE)
    result = run_cli("check", "--format", "parsable", "good.md", "missing.md", "good.md/under-a-file.md", cwd=tmp_path)
    _assert_no_traceback(result)
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        "good.md:1:15: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
        "missing.md:1:1: error: no such file or folder [newslint.not-found]",
        # Unreadable even for root, unlike a file without read permission (below).
        "good.md/under-a-file.md:1:1: error: cannot read: Not a directory [newslint.unreadable]",
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_file_is_an_error_and_the_rest_is_checked(tmp_path: Path) -> None:
    _project(tmp_path)
    (tmp_path / "good.md").write_text(ARTICLE)
    secret = tmp_path / "secret.md"
    secret.write_text(ARTICLE)
    secret.chmod(0)
    result = run_cli("check", "--format", "parsable", "good.md", "secret.md", cwd=tmp_path)
    _assert_no_traceback(result)
    assert result.returncode == 2
    assert result.stdout.splitlines()[1] == "secret.md:1:1: error: cannot read: Permission denied [newslint.unreadable]"


def test_stdin_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    _project(tmp_path)
    result = run_cli("check", "--format", "parsable", "-", cwd=tmp_path, stdin=b"Kiev. " * (1024 * 1024))
    _assert_no_traceback(result)
    assert result.returncode == 2
    assert result.stdout == "<stdin>:1:1: error: file too large to check (more than 4 MiB; the limit is 4 MiB) [newslint.too-large]\n"


def _rule(name: str, body: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        _project(root, rules={f"Test/{name}.yml": body})
    return setup


def _config(text: str, file: str = ".newslint.yaml") -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        _project(root)
        (root / file).write_text(text)
    return setup


def _duplicate(root: Path) -> None:
    _project(root, CONFIG.replace("[rules]", "[rules, more]"))
    (root / "more" / "Test").mkdir(parents=True)
    (root / "more" / "Test" / "Kiev.yml").write_text(KIEV_RULE)


NESTED = "extends: existence\nmessage: x\ntokens: " + "[" * 3000 + "]" * 3000 + "\n"
CONFIG_ERRORS = {
    "rule-malformed-yaml": (_rule("Bad", "extends: existence\nmessage: [x\n"),
                            "rules/Test/Bad.yml:3:1: malformed YAML: expected ',' or ']', but got '<stream end>'"),
    "rule-unknown-key": (_rule("Bad", "extends: existence\nmessage: x\ntokens: [a]\ncolour: red\n"),
                         "rules/Test/Bad.yml:4:1: unknown key 'colour' for kind 'existence' [colour]"),
    "rule-wrong-type": (_rule("Bad", "extends: existence\nmessage: x\ntokens: [a]\nignorecase: 7\n"),
                        "rules/Test/Bad.yml:4:1: expected true or false, got a number [ignorecase]"),
    "rule-invalid-regex": (_rule("Bad", "extends: existence\nmessage: x\ntokens: ['a(b']\n"),
                           "rules/Test/Bad.yml:3:1: invalid regular expression 'a(b': missing ) at position 3 [tokens]"),
    "rule-unknown-kind": (_rule("Bad", "extends: sorcery\nmessage: x\n"),
                          "rules/Test/Bad.yml:1:1: unknown kind 'sorcery' [extends]"),
    "rule-not-a-mapping": (_rule("Bad", "- extends\n"), "rules/Test/Bad.yml:1:1: a rule file must be a mapping of keys"),
    "rule-nested-too-deeply": (_rule("Bad", NESTED), "rules/Test/Bad.yml:3:109: malformed YAML: nested too deeply"),
    "rule-impossible-date": (_rule("Bad", "extends: existence\nmessage: x\ntokens: [a]\nlink: 2005-02-30\n"),
                             "rules/Test/Bad.yml:1:1: malformed YAML: day is out of range for month"),
    "rule-duplicate-id": (_duplicate, "{root}/more/Test/Kiev.yml:1:1: duplicate rule id Test.Kiev (also defined in {root}/rules/Test/Kiev.yml)"),
    "config-malformed-yaml": (_config(CONFIG + "exclude: [a\n"),
                              "{root}/.newslint.yaml:4:1: malformed YAML: expected ',' or ']', but got '<stream end>'"),
    "config-unknown-key": (_config(CONFIG + "rules_dir: [x]\n"), "{root}/.newslint.yaml:3:1: unknown key 'rules_dir' (did you mean 'rule_dirs'?) [rules_dir]"),
    "config-wrong-type": (_config(CONFIG + "fail_level: 3\n"),
                          "{root}/.newslint.yaml:3:1: expected one of error, warning, suggestion, got 3 [fail_level]"),
    "config-impossible-number": (_config(CONFIG + "date_key: !!float abc\n"),
                                 "{root}/.newslint.yaml:1:1: malformed YAML: could not convert string to float: 'abc'"),
    "config-rule-dir-missing": (_config("rule_dirs: [nowhere]\n"), "{root}/.newslint.yaml: rule_dirs entry {root}/nowhere is not a folder"),
    "config-unknown-rule": (_config(CONFIG + "ignore: [Nope]\n"), "{root}/.newslint.yaml:3:10: unknown rule or pack 'Nope' (see 'newslint rules --all') [ignore]"),
    "pyproject-malformed-toml": (lambda root: (root / "pyproject.toml").write_text("[tool.newslint\nselect = 1\n"),
                                 "{root}/pyproject.toml: malformed TOML: Expected ']' at the end of a table declaration (at line 1, column 15)"),
}


@pytest.mark.parametrize("case", sorted(CONFIG_ERRORS))
def test_configuration_error_is_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    setup, expected = CONFIG_ERRORS[case]
    root = tmp_path.resolve()
    setup(root)
    (root / "good.md").write_text(ARTICLE)
    result = run_cli("check", "good.md", cwd=root)
    _assert_no_traceback(result)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"newslint: error: {expected.format(root=root)}\n"


def test_a_missing_config_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_cli("check", "--config", "nope.yaml", ".", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "newslint: error: nope.yaml: config file not found\n")


def test_an_output_file_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path) -> None:
    _project(tmp_path)
    (tmp_path / "good.md").write_text(ARTICLE)
    result = run_cli("check", "--output", "no/such/folder/report.json", "good.md", cwd=tmp_path)
    _assert_no_traceback(result)
    assert (result.returncode, result.stderr) == (2, "newslint: error: no/such/folder/report.json: No such file or directory\n")


PAYLOAD = "!!python/object/apply:os.system ['touch {marker}']"


@pytest.mark.parametrize("where", ["rule", "config", "front-matter"])
def test_yaml_cannot_run_code(tmp_path: Path, where: str) -> None:
    marker = tmp_path / "pwned"
    payload = PAYLOAD.format(marker=marker)
    _project(tmp_path)
    article = ARTICLE
    if where == "rule":
        (tmp_path / "rules" / "Test" / "Evil.yml").write_text(f"extends: existence\nmessage: {payload}\ntokens: [a]\n")
    elif where == "config":
        (tmp_path / ".newslint.yaml").write_text(CONFIG + f"date_key: {payload}\n")
    else:
        article = f"---\ntitle: {payload}\n---\n" + ARTICLE
    (tmp_path / "good.md").write_text(article)
    result = run_cli("check", "--format", "parsable", "good.md", cwd=tmp_path)
    _assert_no_traceback(result)
    assert not marker.exists()
    assert "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'" in result.stdout + result.stderr
    assert result.returncode in (1, 2)  # 1: a front-matter finding; 2: a configuration error


def test_front_matter_alias_bomb_and_deep_nesting_are_findings_not_hangs(tmp_path: Path) -> None:
    _project(tmp_path)
    lines = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    lines += ["newslint: {disable: *a9}", "---", ARTICLE]
    (tmp_path / "laughs.md").write_text("\n".join(lines))
    (tmp_path / "deep.md").write_text("---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n" + ARTICLE)
    result = run_cli("check", "--format", "parsable", "laughs.md", "deep.md", cwd=tmp_path, timeout=60)
    _assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "laughs.md:3:10: error: malformed front matter: YAML alias *a0 (newslint does not expand aliases) [newslint.front-matter]",
        "laughs.md:14:15: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
        "deep.md:2:104: error: malformed front matter: nested too deeply [newslint.front-matter]",
        "deep.md:4:15: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
    ]


def test_front_matter_values_yaml_cannot_build_are_findings(tmp_path: Path) -> None:
    # PyYAML raises ValueError, not a YAML error, for these; once that stopped the whole run.
    _project(tmp_path)
    values = {"a.md": "date: 2005-02-30", "b.md": "date: 2005-12-31 23:59:60", "c.md": "count: !!int 0x", "d.md": "x: !!float abc"}
    for name, value in values.items():
        (tmp_path / name).write_text(f"---\n{value}\n---\n" + ARTICLE)
    result = run_cli("check", "--format", "parsable", *values, cwd=tmp_path)
    _assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "a.md:2:1: error: malformed front matter: day is out of range for month [newslint.front-matter]",
        "a.md:4:15: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
        "b.md:2:1: error: malformed front matter: second must be in 0..59 [newslint.front-matter]",
        "b.md:4:15: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
        "c.md:2:1: error: malformed front matter: invalid literal for int() with base 16: '' [newslint.front-matter]",
        "c.md:4:15: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
        "d.md:2:1: error: malformed front matter: could not convert string to float: 'abc' [newslint.front-matter]",
        "d.md:4:15: warning: Use 'Kyiv' instead of 'Kiev'. [Test.Kiev]",
    ]


BACKTRACKS = """\
extends: existence
message: "Runaway pattern: %s"
level: error
nonword: true
tokens:
  - '(a|aa)+$'
"""


def test_a_catastrophic_regex_times_out_with_a_finding_naming_rule_and_file(tmp_path: Path) -> None:
    _project(tmp_path, rules={"Test/Backtrack.yml": BACKTRACKS})
    (tmp_path / "a-trap.md").write_text("Headline\n\n" + "a" * 60 + "!\n")
    (tmp_path / "b-good.md").write_text(ARTICLE)
    started = time.monotonic()
    result = run_cli("check", "--format", "json", "a-trap.md", "b-good.md", cwd=tmp_path, timeout=60)
    elapsed = time.monotonic() - started
    _assert_no_traceback(result)
    files = {f["path"]: f["findings"] for f in json.loads(result.stdout)["files"]}
    [timeout] = files["a-trap.md"]
    assert timeout["rule"] == "newslint.timeout" and timeout["level"] == "error"
    assert timeout["message"].startswith("rule Test.Backtrack ran out of time on this file")
    assert [f["rule"] for f in files["b-good.md"]] == ["Test.Kiev"]  # the run went on
    assert result.returncode == 1
    # Unbounded, (a|aa)+$ over 60 a's takes about fib(60) steps: hours. With the timeout the
    # run takes a few seconds (the bound leaves room for a loaded CI machine).
    assert elapsed < RULE_LIMIT + 60, f"took {elapsed:.1f}s"


def test_text_output_grows_with_findings_not_with_line_length(tmp_path: Path) -> None:
    # One paragraph a line: 50 findings on a 100 KB line once printed the line 50 times.
    _project(tmp_path)
    (tmp_path / "long.md").write_text("Headline\n\n" + "word " * 20_000 + "Kiev, " * 50 + "end.\n")
    result = run_cli("check", "long.md", cwd=tmp_path)
    _assert_no_traceback(result)
    assert result.returncode == 1
    assert len(result.stdout) < 50 * 600, len(result.stdout)
    lines = result.stdout.splitlines()
    carets = [i for i, line in enumerate(lines) if line.strip() == "^^^^"]
    assert len(carets) == 50
    for i in carets:
        at = lines[i].index("^")
        assert lines[i - 1][at : at + 4] == "Kiev", (lines[i - 1], lines[i])
