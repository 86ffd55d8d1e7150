"""Rewrite every fixture's `.expected` file from the current output.

    python -m tests.regenerate_fixtures

Review the diff before committing: the expected files are the tests' assertions.
"""

from __future__ import annotations

from tests.helpers import SEEDS, fixture_articles, fixture_output, lint_seeds


def main() -> int:
    for article in fixture_articles():
        article.with_suffix(".expected").write_text(fixture_output(article), encoding="utf-8")
        print(f"wrote {article.with_suffix('.expected')}")
    (SEEDS / "expected.txt").write_text(lint_seeds(), encoding="utf-8")
    print(f"wrote {SEEDS / 'expected.txt'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
