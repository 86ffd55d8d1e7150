"""A second real client: headless Neovim, set up with the README's snippet, opens an
article, reads the server's findings through `vim.diagnostic.get()`, edits the buffer and
sees them follow."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NVIM = shutil.which("nvim")
BIN = Path(sys.executable).parent  # where this environment's `newslint` script is

pytestmark = [
    pytest.mark.skipif(NVIM is None, reason="Neovim is not installed (Debian package `neovim`; .ci/run installs it)"),
    pytest.mark.skipif(not (BIN / "newslint").exists(), reason="no `newslint` script beside this Python"),
]

ARTICLE = (
    "# Storm hits coast\n"
    "\n"
    "The mayor’s office said the storm 😀 hit on Monday. It's the worst in years, the mayor’s aide said.\n"
    "\n"
    "Officials said 5 homes were lost.\n"
)

# After the README's snippet: wait for the findings, write them down, fix the figure in the
# buffer (a didChange), wait for the findings to follow, write them down, quit.
PROBE = r'''
local function findings()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(out, { lnum = d.lnum, col = d.col, end_col = d.end_col, code = code, source = d.source,
                        severity = d.severity, message = d.message })
  end
  table.sort(out, function(a, b) return a.lnum < b.lnum end)
  return out
end
vim.api.nvim_create_autocmd("VimEnter", { callback = function()
  local opened = vim.wait(90000, function() return #vim.diagnostic.get(0) > 0 end, 20)
  local first = findings()
  vim.api.nvim_buf_set_lines(0, 4, 5, false, { "Officials said five homes were lost." })
  local changed = vim.wait(90000, function() return #vim.diagnostic.get(0) == 1 end, 20)
  vim.fn.writefile({ vim.fn.json_encode({ opened = opened, first = first, changed = changed, second = findings() }) },
                   "result.json")
  vim.cmd("qa!")
end })
'''


def readme_snippet() -> str:
    """The Lua block of the README's Neovim paragraph, as a user copies it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("**Neovim**", text.index("### In the editor\n"))
    block = text.index("```lua\n", start) + len("```lua\n")
    return text[block : text.index("```", block)]


def test_neovim_started_with_the_readme_snippet_shows_the_findings(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".newslint.yaml").write_text("extends: ap\n", encoding="utf-8")
    (tmp_path / "story.md").write_text(ARTICLE, encoding="utf-8")
    home = tmp_path / "home"  # Neovim's own files (log, state) stay in the test's folder
    home.mkdir()
    (tmp_path / "init.lua").write_text(readme_snippet() + PROBE, encoding="utf-8")
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", HOME=str(home),
               XDG_CONFIG_HOME=str(home), XDG_DATA_HOME=str(home), XDG_STATE_HOME=str(home), XDG_CACHE_HOME=str(home))
    subprocess.run([str(NVIM), "--headless", "-n", "-i", "NONE", "-u", "init.lua", "story.md"], cwd=tmp_path, env=env,
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
    result = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert result["opened"] and result["changed"]
    # Neovim counts byte columns: the apostrophe after the emoji is byte 58 of its line,
    # which it reads from the server's UTF-16 character 54.
    assert [(d["code"], d["lnum"], d["col"], d["end_col"]) for d in result["first"]] == [
        ("News.Apostrophes", 2, 58, 59), ("AP.Numerals", 4, 15, 16)]
    assert {d["source"] for d in result["first"]} == {"newslint"}
    assert result["first"][1]["message"] == "Write 'five' for '5': this house spells out numbers below 10."
    assert [(d["code"], d["lnum"]) for d in result["second"]] == [("News.Apostrophes", 2)]
