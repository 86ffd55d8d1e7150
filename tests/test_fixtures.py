"""Each kind's fixture articles give exactly their expected findings (parsable format).

Regenerate with `python -m tests.regenerate_fixtures` and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import fixture_articles, fixture_output

ARTICLES = fixture_articles()


def test_every_kind_has_fixtures() -> None:
    kinds = {p.parent.name for p in ARTICLES}
    assert "typography" in kinds


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(article: Path) -> None:
    expected = article.with_suffix(".expected")
    assert expected.exists(), f"no {expected.name}; run python -m tests.regenerate_fixtures"
    assert fixture_output(article) == expected.read_text(encoding="utf-8")
