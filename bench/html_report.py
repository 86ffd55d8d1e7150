"""The HTML report of a large run: its size, the time to write it, and how it behaves in Chromium.

    python bench/html_report.py [--corpus bbc|lee|DIR] [--keep report.html]

Checks every article of the corpus (the default configuration, the findings cache off),
writes `--format html` of the whole run, and opens it in the system's Chromium (Playwright
pointed at Debian's `chromium`): time to first paint and to first contentful paint, the
load event, and the time the page takes to apply a filter (a rule picked, a search typed,
a level switched off) and to build an article scrolled to. Needs `pip install playwright`
and `chromium`.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.outside import corpus_folder  # noqa: E402

_FILTER = """async ([kind, value]) => {
  const start = performance.now();
  if (kind === 'rule') { const s = document.getElementById('f-rule'); s.value = value; s.dispatchEvent(new Event('change')); }
  if (kind === 'search') { const s = document.getElementById('f-search'); s.value = value; window.newslintReport.apply(); }
  if (kind === 'level') { const b = document.querySelector('input[name=level][value=' + value + ']'); b.checked = !b.checked; b.dispatchEvent(new Event('change')); }
  if (kind === 'reset') document.getElementById('f-reset').click();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - start;
}"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="bbc", help="bbc (the development corpus), lee, or a folder")
    parser.add_argument("--keep", help="also write the report here")
    args = parser.parse_args()
    import newslint
    from newslint.formats import Summary
    from newslint.formats.html import HtmlFormatter

    folder = corpus_folder(args.corpus)
    started = time.perf_counter()
    results = list(newslint.lint_paths([str(folder)], jobs=os.cpu_count()))
    linted = time.perf_counter() - started
    started = time.perf_counter()
    out = io.StringIO()
    formatter = HtmlFormatter(out, {})
    summary = Summary()
    for result in results:
        summary.add(result)
        formatter.file(result)
    formatter.finish(summary)
    page = out.getvalue()
    written = time.perf_counter() - started
    size = len(page.encode("utf-8"))
    print(f"{summary.files:,} files, {summary.findings:,} findings; checked in {linted:.1f} s")
    mode = "lazy" if '<body class="lazy">' in page else "eager"
    print(f"report: {size / 1e6:.1f} MB ({mode} bodies), written in {written:.1f} s")
    chromium = os.environ.get("NEWSLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no chromium: browser timings skipped")
        return 0
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temp:
        html = Path(args.keep) if args.keep else Path(temp) / "report.html"
        html.write_text(page, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            for round_ in range(3):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                tab = context.new_page()
                opened = time.perf_counter()
                tab.goto(html.as_uri(), wait_until="load")
                wall = time.perf_counter() - opened
                paints = tab.evaluate("Object.fromEntries(performance.getEntriesByType('paint').map(p => [p.name, p.startTime]))")
                load = tab.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
                built = tab.evaluate("document.querySelectorAll('mark.hl[data-rule]').length")
                print(f"open {round_ + 1}: first paint {paints.get('first-paint', 0):.0f} ms, first contentful paint "
                      f"{paints.get('first-contentful-paint', 0):.0f} ms, load event {load:.0f} ms (wall {wall * 1000:.0f} ms); "
                      f"{built:,} highlights built of {summary.findings:,}")
                if round_ == 2:
                    top = max(summary.by_rule, key=lambda r: summary.by_rule[r]) if summary.by_rule else ""
                    for kind, value in (("rule", top), ("reset", ""), ("search", "business"), ("reset", ""),
                                        ("level", "warning"), ("reset", "")):
                        took = tab.evaluate(_FILTER, [kind, value])
                        shown = tab.text_content("#f-shown")
                        print(f"filter {kind} {value!r}: {took:.0f} ms ({shown})")
                    took = tab.evaluate("""async () => { const s = performance.now();
                        const a = document.querySelectorAll('#articles .article'); a[Math.floor(a.length / 2)].scrollIntoView();
                        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                        return performance.now() - s; }""")
                    print(f"jump to the middle article and build it: {took:.0f} ms")
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
