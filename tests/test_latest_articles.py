"""With no story open, answers cover the most recently published articles, up to a cap."""

from __future__ import annotations

import datetime as dt

from bot.newsroom import latest_articles
from bot.store import StoredArticle

ADDED = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def _stored(seq: int, published: dt.date) -> StoredArticle:
    return StoredArticle(
        seq, f"a{seq}", f"Title {seq}", published, None, None, f"h{seq}", ADDED, None
    )


def test_the_latest_are_the_most_recently_published_kept_in_store_order() -> None:
    day = dt.date(2026, 3, 1)
    stored = [
        _stored(1, day + dt.timedelta(days=5)),
        _stored(2, day),  # an old article added late stays out
        _stored(3, day + dt.timedelta(days=9)),
        _stored(4, day + dt.timedelta(days=5)),
    ]
    assert [a.seq for a in latest_articles(stored, 2)] == [3, 4]  # the later added of one day
    assert [a.seq for a in latest_articles(stored, 3)] == [1, 3, 4]
    assert latest_articles(stored, 4) == stored == latest_articles(stored, 300)
