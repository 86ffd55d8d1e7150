"""The rule packs ship inside the wheel, and an installed newslint finds them."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:  # no hatchling in this environment: build in isolation instead
        result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(ROOT)],
                                capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return next(out.glob("newslint-*.whl"))


def test_wheel_contains_every_rule_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"newslint/rules/{p.relative_to(ROOT / 'rules').as_posix()}" for p in (ROOT / "rules").rglob("*.yml")}
    assert shipped and shipped <= names


def test_wheel_contains_the_html_reports_style_and_script(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"newslint/formats/html_report.css", "newslint/formats/html_report.js"} <= names


def test_installed_newslint_finds_its_packs(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # The dependencies come from the test environment: a path line in a .pth file adds its
    # site-packages after the new venv's own, without running the editable install's hooks.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--force-reinstall", str(wheel)],
                             capture_output=True, text=True, timeout=600)
    if install.returncode != 0:  # older pip without --python
        install = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", str(wheel)], capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr
    article = tmp_path / "story.md"
    article.write_text("Fighting near Kiev went on.\n")
    probe = subprocess.run(
        [str(python), "-c", "import newslint.rules as r, sys; print(r.builtin_rules_dir())"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert probe.returncode == 0, probe.stderr
    assert str(env_dir) in probe.stdout, "the installed package must use its own rules, not the checkout's"
    result = subprocess.run([str(python), "-m", "newslint", "check", "--format", "parsable", "story.md"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and "story.md:1:15:" in result.stdout, result.stdout + result.stderr
