"""Rewrite every fixture's `.expected` file from the current output.

    python -m tests.regenerate_fixtures

Review the diff before committing: the expected files are the tests' assertions.
"""

from __future__ import annotations

from tests.helpers import FIXTURES, SEEDS, fixture_articles, fixture_output, lint_seeds
from tests.test_kinds_dates import HOUSE, house_output


def main() -> int:
    for article in fixture_articles():
        article.with_suffix(".expected").write_text(fixture_output(article), encoding="utf-8")
        print(f"wrote {article.with_suffix('.expected')}")
    for name in sorted(HOUSE):  # the house date-style rules of the AP and UK packs
        path = (FIXTURES / "dates" / "house" / name).with_suffix(".expected")
        path.write_text(house_output(name), encoding="utf-8")
        print(f"wrote {path}")
    (SEEDS / "000_33b53aac4152c815.expected").write_text(lint_seeds(), encoding="utf-8")
    print(f"wrote {SEEDS / '000_33b53aac4152c815.expected'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
