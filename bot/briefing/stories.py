"""Articles -> stories: one unfolding event each, grouped incrementally as articles arrive.

This is single-pass clustering as in Topic Detection and Tracking: each new article is compared
with the stories still open around its publication date, by the cosine of weighted key vectors
(actors, places, topics and the words of its headline and lead, each weighted by how rare it is
among the articles seen so far), and joins the best story above a threshold or starts its own.
Candidates come from an inverted index key -> stories, so one more article costs a few posting
lists, never a comparison with every article.

The result depends only on the articles and their arrival order. What the grouper reads in an
article (its `ArticleFeatures`) is small and stored beside the story it joined, so a start-up
rebuilds the grouper from the stored memberships (`place`) without comparing anything again.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.briefing.models import ActorKind, ArticleBriefing
from bot.briefing.query import fold

# An article joins a story whose dates come within this many days of its own publication date:
# follow-ups of one event arrive days apart; the same words a month later are usually news anew.
STORY_WINDOW_DAYS = 10
# Cosine similarity an article needs with a story to join it (tuned on tests/stories/).
JOIN_THRESHOLD = 0.3
# Only the most salient actors and most mentioned places describe what an article is about.
MAX_ACTORS = 10
MAX_PLACES = 8
LEAD_SENTENCES = 3
STORY_PEOPLE = 3  # names a story shows beside its title

# Key weights before rarity: a named person or organisation says more about which event this is
# than a country, and the headline more than the lead.
_ACTOR_WEIGHT = {
    ActorKind.PERSON: 3.0,
    ActorKind.ORG: 2.5,
    ActorKind.GROUP: 2.5,
    ActorKind.COUNTRY: 0.75,
}
_PLACE_WEIGHT = 2.0
_COUNTRY_PLACE_WEIGHT = 0.75
_TOPIC_WEIGHT = 1.0
_TITLE_WORD_WEIGHT = 2.0
_LEAD_WORD_WEIGHT = 1.0

# Words every news article uses whatever it is about: dates, reporting verbs, function words.
_STOPWORD_TEXT = """a about above after again against all also am an and any are around as at be
because been before being below between both but by can could did do does doing down during each
few for from further had has have having he her here hers herself him himself his how i if in
into is it its itself just me more most my no nor not now of off on once only or other our ours
out over own same she should so some such than that the their theirs them then there these they
this those through to too under until up very was we were what when where which while who whom
why will with would you your yours said says say told tell reporters according added asked
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today yesterday tomorrow week weeks day days
month months year years last next first second third new one two three four five six seven eight
nine ten hundred thousand million billion percent per cent people officials official since still
would told including near least many much made make makes like get got going went come came well
back amid"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD = re.compile(r"[^\W\d_]{3,}")
_NAME_WORD = re.compile(r"[^\W_]+")


def _stem(word: str) -> str:
    """A crude plural strip so that "strikes" meets "strike" without a lemmatiser."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _folded(text: str) -> str:
    # Most news text is ASCII: lowercasing is all it needs, and far cheaper than fold()'s NFKD.
    return text.casefold() if text.isascii() else fold(text)


def _name_key(name: str) -> str:
    return " ".join(_NAME_WORD.findall(_folded(name)))


def _words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(_folded(text)) if w not in _STOPWORDS]


def story_keys(item: ArticleBriefing) -> dict[str, float]:
    """An article's weighted keys: its main actors, places, topics and headline and lead words."""
    keys: dict[str, float] = {}

    def add(key: str, weight: float) -> None:
        keys[key] = keys.get(key, 0.0) + weight

    actors = sorted(item.actors, key=lambda a: (-a.salience, -a.mentions, a.id))[:MAX_ACTORS]
    for actor in actors:
        if name := _name_key(actor.name):
            add(f"a:{name}", _ACTOR_WEIGHT.get(actor.kind, 1.0))
    places = sorted(item.places, key=lambda p: (-p.count, p.name))[:MAX_PLACES]
    for place in places:
        if name := _name_key(place.name):
            weight = _COUNTRY_PLACE_WEIGHT if place.kind == "country" else _PLACE_WEIGHT
            add(f"p:{name}", weight)
    for topic in item.topics:
        add(f"t:{topic.key}", _TOPIC_WEIGHT)
    article = item.article
    for word in _words(article.title):
        add(f"w:{word}", _TITLE_WORD_WEIGHT)
    lead = article.sentences[:LEAD_SENTENCES] or article.paragraphs[:1]
    for sentence in lead:
        for word in _words(sentence):
            add(f"w:{word}", _LEAD_WORD_WEIGHT)
    return keys


@dataclass(frozen=True)
class ArticleFeatures:
    """What the grouper reads in one article: enough to place it without its briefing."""

    id: str
    title: str
    published: dt.date
    source: str | None
    keys: dict[str, float]  # story_keys()
    salience: dict[str, float]  # the salience of each actor that is not a country, by name

    def to_json(self) -> str:
        """The part the store does not already hold with the article."""
        return json.dumps({"keys": self.keys, "salience": self.salience}, separators=(",", ":"))

    @classmethod
    def from_json(
        cls, document: str, *, id: str, title: str, published: dt.date, source: str | None
    ) -> ArticleFeatures:
        data = json.loads(document)
        return cls(id, title, published, source, data["keys"], data["salience"])


def features_of(item: ArticleBriefing) -> ArticleFeatures:
    salience: dict[str, float] = {}
    for actor in item.actors:
        if actor.kind is not ActorKind.COUNTRY:
            salience[actor.name] = salience.get(actor.name, 0.0) + actor.salience
    article = item.article
    return ArticleFeatures(
        article.id, article.title, article.published, article.source, story_keys(item), salience
    )


@dataclass(frozen=True)
class Story:
    """One unfolding event: its articles in arrival order, its dates and its headline."""

    number: int  # creation order, stable for a given arrival order; not the /brief rank
    title: str
    first: dt.date
    last: dt.date
    article_ids: tuple[str, ...]
    people: tuple[str, ...] = ()  # its most salient actors' names, most salient first
    outlets: tuple[str, ...] = ()  # who published its articles, first seen first

    @property
    def article_count(self) -> int:
        return len(self.article_ids)

    @property
    def key(self) -> str:
        """Its first article's id: it names the story while articles join it."""
        return self.article_ids[0]


@dataclass
class _OpenStory:
    number: int
    article_ids: list[str]
    first: dt.date
    last: dt.date
    title: str
    title_date: dt.date
    weights: dict[str, float] = field(default_factory=dict)  # key -> summed raw weight
    norm: float = 0.0  # with the rarity weights of its last change; refreshed on every join
    salience: dict[str, float] = field(default_factory=dict)  # actor name -> summed salience
    outlets: dict[str, None] = field(default_factory=dict)  # ordered set of article sources
    # Its last snapshot, dropped when an article joins: a desk of 500 stories where one changed
    # takes one new snapshot, not 500.
    taken: Story | None = None

    def snapshot(self) -> Story:
        if self.taken is None:
            people = sorted(self.salience, key=lambda name: (-self.salience[name], name))
            self.taken = Story(
                self.number,
                self.title,
                self.first,
                self.last,
                tuple(self.article_ids),
                tuple(people[:STORY_PEOPLE]),
                tuple(self.outlets),
            )
        return self.taken


class StoryGrouper:
    """Groups articles into stories as they arrive; one arrival order, one set of stories."""

    def __init__(
        self, *, window_days: int = STORY_WINDOW_DAYS, threshold: float = JOIN_THRESHOLD
    ) -> None:
        self._window = dt.timedelta(days=window_days)
        self._threshold = threshold
        self._stories: list[_OpenStory] = []
        self._story_of: dict[str, int] = {}  # article id -> story number
        self._by_key: dict[str, int] = {}  # story key (and any label it was placed under) -> number
        self._postings: dict[str, set[int]] = {}  # key -> numbers of the stories that have it
        self._by_week: dict[int, set[int]] = {}  # week -> stories whose dates touch it
        self._document_frequency: Counter[str] = Counter()
        self._articles = 0

    def __len__(self) -> int:
        return len(self._stories)

    def story_of(self, article_id: str) -> int | None:
        """The number of the story holding this article, if it was added."""
        return self._story_of.get(article_id)

    def key_of(self, number: int) -> str:
        """The key of story `number`: its first article's id."""
        return self._stories[number].article_ids[0]

    def _rarity(self, key: str) -> float:
        # Smoothed inverse document frequency: a key every article has weighs about 1.
        return math.log((1 + self._articles) / (1 + self._document_frequency.get(key, 0))) + 1.0

    def _norm(self, weights: Mapping[str, float]) -> float:
        return math.sqrt(sum((w * self._rarity(k)) ** 2 for k, w in weights.items()))

    def _open_stories(self, published: dt.date) -> set[int]:
        """Stories whose dates come within the window of this publication date."""
        found: set[int] = set()
        for week in range(
            (published - self._window).toordinal() // 7,
            (published + self._window).toordinal() // 7 + 1,
        ):
            found.update(self._by_week.get(week, ()))
        return {
            number
            for number in found
            if self._stories[number].first - self._window
            <= published
            <= self._stories[number].last + self._window
        }

    def _candidates(self, keys: Iterable[str], open_stories: set[int]) -> set[int]:
        """Open stories sharing a key with the article, walking whichever side is shorter."""
        found: set[int] = set()
        for key in keys:
            posting = self._postings.get(key)
            if not posting:
                continue
            # A common word's posting can hold every story: then the few open ones are cheaper.
            if len(posting) <= len(open_stories):
                found.update(posting & open_stories)
            else:
                found.update(n for n in open_stories if key in self._stories[n].weights)
            if len(found) == len(open_stories):
                break
        return found

    def similarities(self, item: ArticleBriefing) -> dict[int, float]:
        """Cosine similarity of the article with every open story it shares a key with."""
        return self._similarities(story_keys(item), item.article.published)

    def _similarities(self, keys: Mapping[str, float], published: dt.date) -> dict[int, float]:
        scaled = [(k, w * self._rarity(k)) for k, w in keys.items()]
        norm = math.sqrt(sum(v * v for _, v in scaled))
        open_stories = self._open_stories(published)
        if norm == 0.0 or not open_stories:
            return {}
        # The story side is scaled with today's rarity too: its weights are raw sums.
        vector = [(k, v * self._rarity(k)) for k, v in scaled]
        scores: dict[int, float] = {}
        for number in sorted(self._candidates(keys, open_stories)):
            story = self._stories[number]
            if story.norm > 0.0:
                dot = sum(v * story.weights.get(k, 0.0) for k, v in vector)
                scores[number] = dot / (norm * story.norm)
        return scores

    def add(self, item: ArticleBriefing) -> int:
        """Put one article into its story (an existing one or a new one); the story's number."""
        return self.add_features(features_of(item))

    def add_features(self, features: ArticleFeatures) -> int:
        """`add`, from what the grouper reads in the article."""
        known = self._story_of.get(features.id)
        if known is not None:
            return known  # an article never lands in two stories
        scores = self._similarities(features.keys, features.published)
        # Best score wins; a tie goes to the older story, which keeps the result order-stable.
        best = min(scores.items(), key=lambda pair: (-pair[1], pair[0]), default=None)
        joined = best[0] if best is not None and best[1] >= self._threshold else None
        return self._put(features, joined)

    def place(self, features: ArticleFeatures, story_key: str, *, settle: bool = True) -> int:
        """Put an article into the story an earlier grouping chose for it (a stored membership):
        placed in the order they were added, the articles make the same stories as `add` did.

        `settle=False` leaves the story's norm for a later placement in it to work out.
        """
        known = self._story_of.get(features.id)
        if known is not None:
            return known
        number = self._put(features, self._by_key.get(story_key), settle=settle)
        self._by_key.setdefault(story_key, number)
        return number

    def place_all(self, members: Sequence[tuple[ArticleFeatures, str]]) -> None:
        """`place` each (features, story key), in order. A story's norm is worked out once, at its
        last article, with the rarity weights `add` saw then, rather than at every article."""
        last = {key: n for n, (_, key) in enumerate(members)}
        for n, (features, key) in enumerate(members):
            self.place(features, key, settle=last[key] == n)

    def _put(self, features: ArticleFeatures, number: int | None, *, settle: bool = True) -> int:
        self._articles += 1
        # Counting the keys (not adding their weights): each article counts once per key.
        self._document_frequency.update(features.keys.keys())
        published = features.published
        if number is not None:
            story = self._stories[number]
            story.article_ids.append(features.id)
            story.first = min(story.first, published)
            story.last = max(story.last, published)
            # The newest article's headline tells where the story stands now.
            if published >= story.title_date:
                story.title, story.title_date = features.title, published
        else:
            story = _OpenStory(
                number=len(self._stories),
                article_ids=[features.id],
                first=published,
                last=published,
                title=features.title,
                title_date=published,
            )
            self._stories.append(story)
            self._by_key[features.id] = story.number
        weights = story.weights
        for key, weight in features.keys.items():
            if key in weights:
                weights[key] += weight
            else:  # a key new to the story: the only time its posting changes
                weights[key] = weight
                self._postings.setdefault(key, set()).add(story.number)
        for week in range(story.first.toordinal() // 7, story.last.toordinal() // 7 + 1):
            self._by_week.setdefault(week, set()).add(story.number)
        story.taken = None
        if settle:
            story.norm = self._norm(story.weights)
        if features.source:
            story.outlets.setdefault(features.source, None)
        for name, salience in features.salience.items():
            story.salience[name] = story.salience.get(name, 0.0) + salience
        self._story_of[features.id] = story.number
        return story.number

    def stories(self) -> list[Story]:
        """Every story, in creation order."""
        return [story.snapshot() for story in self._stories]


def group_stories(items: Iterable[ArticleBriefing]) -> list[Story]:
    """The stories of these articles, added in the order given."""
    grouper = StoryGrouper()
    for item in items:
        grouper.add(item)
    return grouper.stories()


def rank_stories(stories: Iterable[Story]) -> list[Story]:
    """Newest and biggest first: the order /brief numbers them in."""
    return sorted(stories, key=lambda s: (-s.last.toordinal(), -s.article_count, s.number))
