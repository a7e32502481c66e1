"""Grouping articles into stories: one event per story, incremental, the same for the same order."""

from __future__ import annotations

import datetime as dt

from bot.briefing.models import ActorKind, ArticleBriefing, Place
from bot.briefing.stories import (
    ArticleFeatures,
    StoryGrouper,
    features_of,
    group_stories,
    rank_stories,
    story_keys,
)
from tests.helpers.briefings import actor, article

MARCH = dt.date(2023, 3, 6)


def _item(
    article_id: str,
    title: str,
    published: dt.date,
    lead: str,
    people: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
) -> ArticleBriefing:
    return ArticleBriefing(
        article=article(article_id, title, published, [lead]),
        actors=[actor(name, salience=2.0) for name in people]
        + [actor("Belgium", ActorKind.COUNTRY, salience=0.5)],
        places=[Place(name=name, count=2) for name in places],
        engine_version="test",
    )


def _strike(article_id: str, days: int, title: str) -> ArticleBriefing:
    return _item(
        article_id,
        title,
        MARCH + dt.timedelta(days=days),
        "Dock workers in Antwerp kept up their strike over pay as ships waited at anchor.",
        ("Marieke Janssens", "Luc Verhaegen"),
        ("Antwerp",),
    )


def _fair(article_id: str, days: int) -> ArticleBriefing:
    return _item(
        article_id,
        "Antwerp book fair opens with record crowds",
        MARCH + dt.timedelta(days=days),
        "Publishers from 30 countries filled the halls of the Antwerp book fair on its first day.",
        ("Ellen Claes",),
        ("Antwerp",),
    )


def test_follow_ups_of_one_event_join_one_story_and_another_event_stays_apart() -> None:
    stories = group_stories(
        [
            _strike("s1", 0, "Antwerp dockers strike over pay"),
            _fair("f1", 1),
            _strike("s2", 1, "Ships queue as Antwerp dock strike goes on"),
            _strike("s3", 4, "Deal ends Antwerp dock strike"),
        ]
    )
    assert [s.article_ids for s in stories] == [("s1", "s2", "s3"), ("f1",)]
    strike = stories[0]
    assert strike.title == "Deal ends Antwerp dock strike"  # the newest headline
    assert (strike.first, strike.last, strike.article_count) == (
        MARCH,
        MARCH + dt.timedelta(days=4),
        3,
    )


def test_the_same_words_two_months_later_start_a_new_story() -> None:
    stories = group_stories(
        [_strike("s1", 0, "Antwerp dockers strike"), _strike("s2", 60, "Antwerp dockers strike")]
    )
    assert [s.article_ids for s in stories] == [("s1",), ("s2",)]


def test_an_article_added_twice_stays_in_its_one_story() -> None:
    grouper = StoryGrouper()
    first = grouper.add(_strike("s1", 0, "Antwerp dockers strike over pay"))
    grouper.add(_fair("f1", 1))
    assert grouper.add(_strike("s1", 0, "Antwerp dockers strike over pay")) == first
    assert sum(s.article_ids.count("s1") for s in grouper.stories()) == 1
    assert grouper.story_of("s1") == first
    assert grouper.story_of("missing") is None


def test_the_same_arrival_order_gives_the_same_stories() -> None:
    items = [
        _strike("s1", 0, "Antwerp dockers strike over pay"),
        _fair("f1", 1),
        _strike("s2", 2, "Antwerp strike talks"),
        _fair("f2", 2),
    ]
    assert group_stories(items) == group_stories(list(items))
    assert len(group_stories(items)) == 2


def test_keys_weigh_named_people_above_countries_and_skip_reporting_words() -> None:
    keys = story_keys(_strike("s1", 0, "Antwerp dockers strike, officials said on Monday"))
    assert keys["a:marieke janssens"] > keys["a:belgium"]
    assert "w:dockers" not in keys and "w:docker" in keys  # plurals meet their singular
    assert not {"w:said", "w:monday", "w:officials", "w:official"} & set(keys)


def test_rank_puts_the_newest_story_first_and_the_bigger_of_one_day_before() -> None:
    stories = group_stories(
        [
            _strike("s1", 0, "Antwerp dockers strike"),
            _strike("s2", 3, "Antwerp strike goes on"),
            _fair("f1", 3),
            _item("o1", "Old news", MARCH - dt.timedelta(days=40), "Something else entirely."),
        ]
    )
    assert [s.title for s in rank_stories(stories)] == [
        "Antwerp strike goes on",
        "Antwerp book fair opens with record crowds",
        "Old news",
    ]


def _stored(item: ArticleBriefing) -> ArticleFeatures:
    """An article's features as a restart reads them back: the JSON, and the article's row."""
    article = item.article
    return ArticleFeatures.from_json(
        features_of(item).to_json(),
        id=article.id,
        title=article.title,
        published=article.published,
        source=article.source,
    )


def test_a_grouper_placed_from_stored_features_goes_on_as_the_one_that_grouped_them() -> None:
    items = [
        _strike("s1", 0, "Antwerp dockers strike over pay"),
        _fair("f1", 1),
        _strike("s2", 1, "Ships queue as Antwerp dock strike goes on"),
        _fair("f2", 2),
        _strike("s3", 3, "Antwerp strike talks"),
    ]
    grouped = StoryGrouper()
    numbers = [grouped.add(item) for item in items]
    placed = StoryGrouper()
    placed.place_all([(_stored(i), grouped.key_of(n)) for i, n in zip(items, numbers, strict=True)])
    assert placed.stories() == grouped.stories()
    # The same rarity weights and norms: a later article scores the same against every story.
    later = _strike("s4", 5, "Deal ends Antwerp dock strike")
    assert placed.similarities(later) == grouped.similarities(later)
    assert placed.add(later) == grouped.add(later) == 0


def test_an_article_placed_under_a_key_no_story_has_starts_that_story() -> None:
    grouper = StoryGrouper()
    strike, fair = _strike("s1", 0, "Antwerp dockers strike over pay"), _fair("f1", 1)
    grouper.place(_stored(strike), "s1")
    # Another instance put it in a story whose first article this one has not read yet.
    assert grouper.place(_stored(fair), "elsewhere") == 1
    assert grouper.place(_stored(_fair("f2", 2)), "elsewhere") == 1
    assert [s.article_ids for s in grouper.stories()] == [("s1",), ("f1", "f2")]


def test_only_the_story_an_article_joined_is_snapshot_again() -> None:
    grouper = StoryGrouper()
    grouper.add(_strike("s1", 0, "Antwerp dockers strike over pay"))
    grouper.add(_fair("f1", 1))
    strike, fair = grouper.stories()
    grouper.add(_strike("s2", 1, "Ships queue as Antwerp dock strike goes on"))
    grown, same = grouper.stories()
    assert same is fair
    assert grown is not strike and grown.article_ids == ("s1", "s2")
