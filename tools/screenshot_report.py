"""Make the README's picture of the HTML report: the seed article checked, shown in Chromium.

    python tools/screenshot_report.py                 # writes docs/report.png
    python tools/screenshot_report.py --out x.png --width 420   # as a phone shows it

It runs `newslint check seeds/ --format html:FILE` (the command the README shows), opens
the page in the system's Chromium (Debian's `chromium`, driven by Playwright's Python
package; no browser download) and saves the top of the page, down to the notes of the
first finding. Needs `pip install playwright` and a `chromium` on PATH (or
$NEWSLINT_CHROMIUM).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def chromium() -> str:
    found = os.environ.get("NEWSLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        sys.exit("screenshot_report: no chromium on PATH (apt-get install chromium, or set NEWSLINT_CHROMIUM)")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "report.png"))
    parser.add_argument("--width", type=int, default=980)
    parser.add_argument("--height", type=int, default=1600, help="the most height of the picture (the top of the page)")
    args = parser.parse_args()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("screenshot_report: needs Playwright's Python package (pip install '.[test]')")

    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        run = subprocess.run([sys.executable, "-m", "newslint", "check", "seeds/", "--no-cache", "--format", f"html:{report}"],
                             cwd=ROOT, capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.exit(f"screenshot_report: newslint failed: {run.stderr.strip()}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": args.width, "height": args.height}, device_scale_factor=1)
            page.goto(report.as_uri())
            # From the top of the page to just past the notes of the first highlighted paragraph.
            notes = page.locator("ol.notes").first.bounding_box()
            height = min(args.height, int(notes["y"] + notes["height"]) + 24)
            page.set_viewport_size({"width": args.width, "height": height})
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=args.out, type="png")
            browser.close()
    print(f"wrote {args.out} ({os.path.getsize(args.out):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
