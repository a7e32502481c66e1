"""Each article's own main subjects, discovered from its text beside the configured topics.

pytextrank's Biased TextRank ranks the article's words by how central they are in its
co-occurrence graph (TextRank's keywords), the random walk biased toward the words of the headline,
which names what a news story is about. The ranking is the library's; this module decides which
noun phrases (spaCy's noun chunks and entities, the candidates TextRank itself uses) can name a
subject, groups them under their best-ranked word, and reads each subject's parties and their
positions as the configured topics do.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy
from spacy.attrs import DEP
from spacy.tokens import Doc, Span, Token

from bot.briefing.actors import ActorIndex
from bot.briefing.gazetteer import ascii_fold
from bot.briefing.lexicon import TOPIC_KEY, TopicLexicon
from bot.briefing.models import Party, Position, Quote, Topic, TopicKind
from bot.briefing.parsed import ParsedArticle
from bot.briefing.places import PlaceIndex
from bot.briefing.textrank import RankedText, biased_textrank
from bot.briefing.timeline import DateMention
from bot.briefing.topics import PositionReader, cue_index, term_matches
from bot.briefing.vocabulary import (
    CURRENCY_WORDS,
    GROUP_HEAD_NOUNS,
    INHABITANT_NOUNS,
    PLACE_NOUNS,
    TITLE_WORDS,
)

MAX_SUBJECTS = 3
MAX_PARTIES = 6
MAX_TERMS = 12
KEY_LENGTH = 32
# The bot's own commands: a subject's key is also the /topic argument and must never read as one
# of them. (A test keeps this in step with handlers/commands.py, which the engine cannot import.)
COMMAND_NAMES = frozenset(
    {
        "add", "articles", "brief", "digest", "feed", "help", "quotes", "remove", "reprocess",
        "settings", "start", "stats", "story", "subscribe", "timeline", "topic", "unsubscribe",
        "where", "who",
    }
)  # fmt: skip
# What a clashing key gets appended, so that it stays readable and unique.
_KEY_SUFFIX = "_subject"
# Words a key never starts with once its first modifiers are cut ("and_cowardly_attack").
_JOINING_WORDS = frozenset({"and", "or", "of", "the", "a", "an", "to", "for", "in", "on"})
# How much more a headline word weighs than any other word where the random walk restarts.
_HEADLINE_BIAS = 20.0
# The parts of speech TextRank builds its word graph from (pytextrank's own default).
_GRAPH_POS = ["ADJ", "NOUN", "PROPN", "VERB"]
# Entity labels of what a story is set among (its actors, places, times and amounts), which are
# parties or circumstances of a subject rather than the subject itself. Events, laws, products,
# works and languages can be what a story is about.
# Entity labels of times and amounts: at a phrase's edge they say when or how much, not what.
_AMOUNT_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SETTING_LABELS = frozenset({"PERSON", "ORG", "NORP"}) | _PLACE_LABELS | _AMOUNT_LABELS
# Words at the edge of a noun phrase that do not name its subject ("the", "many", "its", "3").
_EDGE_POS = frozenset({"DET", "PRON", "NUM", "ADP", "CCONJ", "PART", "SYM", "AUX", "PUNCT"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
# Dependents that make a noun a thing of its own: an article, an owner, a modifier, a number.
_NOUN_MODIFIERS = frozenset(
    {"det", "poss", "amod", "compound", "nummod", "nmod", "predet", "quantmod"}
)
# A subject the article names in fewer sentences than this is a detail, unless the headline
# names it; a short statement (fewer sentences than _SHORT_ARTICLE) names each thing once.
_MIN_SENTENCES = 2
_SHORT_ARTICLE = 12
# A lone noun off the headline and the lead is a subject only where at least this share of the
# article's sentences (and _MIN_RECURRING of them) name it.
_RECURRING_SHARE = 0.25
_MIN_RECURRING = 3
# A subject's word must rank at least this share of the best subject's word's rank: three
# subjects only where the article has three, not one and two details.
_MIN_RANK_SHARE = 0.3
# Two words name one subject when at least this share of the phrases headed by one also hold the
# other ("iodine deficiency" in most mentions of "deficiency" makes it part of "iodine").
_SAME_SUBJECT_SHARE = 0.5
# How much of a long article TextRank reads (most articles are shorter than this).
_RANKED_TOKENS = 4000
# How many of the best-ranked words may found a subject (only three are kept in the end).
_FOUNDING_WORDS = 40
# A label longer than this describes a subject rather than names it.
_LABEL_WORDS = 4
_NON_KEY = re.compile(r"[^a-z0-9]+")
# Nouns written alike in the singular and the plural, which the lemmatizer may cut as plurals.
_ONE_FORM_NOUNS = frozenset(
    {"species", "series", "means", "news", "headquarters", "crossroads", "barracks"}
)
# Prepositions that join a noun to what it is of or about ("invasion of", "return to", "a fall
# in", unless "in" says where: see _with_complement).
_COMPLEMENT_PREPOSITIONS = frozenset({"of", "to", "for", "on", "against", "over", "into", "in"})
# Nouns that name people as people, by kinship, age or sex ("the parents", "the girls", "a
# man"), by the part they take in public life or trade ("members", "candidates", "workers",
# "customers"), and the government, a party to whatever it does: a story is about them only
# as its parties; what they do, want or suffer is its subject ("a strike", not "rail workers").
_PEOPLE_NOUNS = frozenset(
    {
        "people", "person", "government",
        "man", "men", "woman", "women", "boy", "girl", "child", "children", "kid", "baby",
        "infant", "toddler", "teenager", "teen", "youth", "adult", "son", "daughter", "mother",
        "father", "parent", "brother", "sister", "sibling", "husband", "wife", "spouse",
        "grandparent", "grandmother", "grandfather", "grandchild", "grandson", "granddaughter",
        "uncle", "aunt", "cousin", "nephew", "niece", "relative", "widow", "orphan",
        "member", "politician", "candidate", "incumbent", "worker", "employee", "employer",
        "customer", "consumer", "user", "student", "pupil", "teacher", "patient", "fan",
        "supporter", "opponent", "critic", "expert", "owner", "buyer", "seller", "shopper",
        "passenger", "driver", "protester", "demonstrator", "victim",
        # People by what befell them or where they stand in a conflict, a crossing, a vote or
        # a market.
        "civilian", "soldier", "observer", "migrant", "immigrant", "refugee", "seeker",
        "detainee", "prisoner", "hostage", "trader", "rival",
    }
)  # fmt: skip
# Nouns for bodies of people, which act in a story and are its parties: "the company recalled
# ...", "the team won", "local councils want ..." ("the group stage" is a stage, and stays).
_BODY_NOUNS = frozenset(
    {
        "company", "firm", "agency", "organisation", "organization", "union", "charity",
        "authority", "regulator", "institute", "university", "school", "college", "council",
        "committee", "commission", "ministry", "department", "administration", "parliament",
        "court", "tribunal", "party", "club", "team", "squad", "crew", "staff", "force",
        "troop", "army", "military", "police", "association", "federation", "alliance",
        "coalition", "municipality", "manufacturer", "carmaker", "airline", "bank", "insurer",
        "retailer", "supplier", "operator", "broadcaster", "watchdog", "opposition",
        "delegation", "community",
    }
)  # fmt: skip
# Nouns for what a story cites, which are its sources, not its subject: "earlier reports put the
# quake at 6.7", "the network's broadcasts" (what they report is the subject). Not "article",
# which names a subject as often ("Article 5 of the treaty").
_SOURCE_NOUNS = frozenset({"report", "broadcast", "story"})
# A noun ending in this names who makes something ("the toy maker", "a drugmaker", "chipmakers"):
# a company or a person, a party to the story.
_MAKER = "maker"
# Nouns for a kind of place, which says where a story happens, not what it is about ("the
# capital", "rainy streets", "the river", "the constituency", "the small inland country",
# "makers in the world"). (PLACE_NOUNS holds "state" and "base", which name things as often: "a
# state of emergency", "the customer base".)
_PLACE_KIND_NOUNS = (PLACE_NOUNS - {"state", "base"}) | frozenset(
    {
        "street", "road", "avenue", "square", "coast", "river", "sea", "lake", "valley",
        "mountain", "desert", "forest", "constituency", "ward", "camp", "site", "venue",
        "pole", "shore", "beach", "bay", "gulf", "ocean", "seabed", "world", "globe",
        # The points of the compass name a part of a place ("the mountainous north").
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    }
)  # fmt: skip
# Nouns for a time or a span of time ("for the first time", "a busy week", "the years since"):
# like the dates the model labels, they say when, not what.
_TIME_NOUNS = frozenset(
    {
        "time", "moment", "second", "minute", "hour", "day", "night", "morning", "afternoon",
        "evening", "weekend", "week", "fortnight", "month", "year", "decade", "century",
        "era", "period",
    }
)  # fmt: skip
# Units that measure (length, area, weight, volume, temperature, score) and currencies: with a
# number they say how much ("across 12,000 hectares", "a fee of 60 million euros", "by half a
# percentage point"), which the model does not always label an amount. Alone they can name a
# thing ("the euro", "a point of order").
_UNIT_NOUNS = CURRENCY_WORDS | frozenset(
    {
        "metre", "meter", "kilometre", "kilometer", "km", "mile", "foot", "feet", "inch", "yard",
        "hectare", "acre", "gram", "kilogram", "kilo", "kg", "tonne", "ton", "litre", "liter",
        "gallon", "barrel", "degree", "percent", "knot", "megawatt", "gigawatt",
        # Not "point" alone: "three points" are what a match is played for.
        "percentage point", "basis point",
    }
)  # fmt: skip
# Dependents of a unit that give its number ("12,000 hectares", "half a point").
_NUMBER_DEPS = frozenset({"nummod", "predet", "quantmod"})
# Prepositions that put an act somewhere ("began in dry scrubland", "spread on social media",
# "waited at the station"): a noun the text names only there says where things happen.
_LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "on", "across", "inside", "near", "around", "outside", "throughout", "above",
     "below", "beneath", "along", "within"}
)  # fmt: skip
# Relative pronouns that only refer to people: "the workers who ..." says workers are people.
# ("whose" is not one: "a plan whose cost rose".)
_PERSONAL_RELATIVES = frozenset({"who", "whom"})
# Light verbs: with a bare noun as their object they make one verb ("take place", "make
# progress", "take action"), and the noun names no thing of its own.
_LIGHT_VERBS = frozenset({"take", "make", "have", "give"})
# Nouns that name a part, a stage, a kind or a step of something else ("the opening stages of
# the harvest", "the second round of the chess final", "a bold step", "older versions of the
# app"): what they are part of is the subject. A noun modifying one makes it a thing of its
# own ("the group stage").
_PART_NOUNS = frozenset(
    {
        "part", "stage", "phase", "round", "step", "kind", "type", "sort", "form", "version",
        "lot", "number", "series", "set", "piece", "bit", "half", "rest", "majority",
        "minority", "amount", "aspect", "example", "instance", "beginning", "start", "middle",
        "end",
        # A portion of a thing, or what is left of it ("three servings of juice", "the remains
        # of the mill").
        "serving", "portion", "remain", "remains", "share",
    }
)  # fmt: skip
# Shell nouns, which stand for a content the text gives elsewhere, in a clause or a neighbouring
# sentence ("the fact that the bridge fell", "ways to keep the ferry running", "mounting concerns
# over the budget", "an eager participation"): that content is the subject, the noun names none.
# A noun modifying one makes it a thing of its own ("engine difficulties", "a fundraising
# effort").
_SHELL_NOUNS = frozenset(
    {
        "fact", "way", "thing", "matter", "reason", "idea", "situation", "possibility",
        "problem", "issue", "concern", "difference", "comment", "request", "achievement",
        "participation", "effort", "detail", "manner", "sign", "difficulty",
        # General nouns for whatever is made or sold ("imported goods", "new items").
        "good", "goods", "item", "product",
    }
)  # fmt: skip

# The words for people and bodies of people, kinds of place, times and sources: what names a
# story's parties, settings and sources in any text (see _people_words).
_PEOPLE_WORDS = _PEOPLE_NOUNS | INHABITANT_NOUNS | GROUP_HEAD_NOUNS | _BODY_NOUNS
_SETTING_WORDS = _PEOPLE_WORDS | _PLACE_KIND_NOUNS | _TIME_NOUNS | _SOURCE_NOUNS
# How many words' forms are kept made: an article's content words, several articles over.
_CACHED_WORDS = 4096

# Endings that make a noun of a verb ("withdraw" -> "withdrawal", "merge" -> "merger", "elect"
# -> "election", "land" -> "landing", "close" -> "closure", "accept" -> "acceptance",
# "interfere" -> "interference"), and what each may have taken from the verb's end.
_NOUN_ENDINGS = (("ation", ("e", "")), ("ion", ("e", "")), ("ment", ("",)), ("al", ("e", "")),
                 ("ing", ("e", "")), ("er", ("e", "")), ("r", ("",)), ("ure", ("e", "")),
                 ("ance", ("", "e")), ("ence", ("e", "")))  # fmt: skip


@dataclass
class _Draft:
    """One subject being gathered: its head word, that word's rank and the phrases naming it."""

    head: str  # the lemma of the noun heading the phrases that found it
    rank: float
    mentions: list[Span] = field(default_factory=list)
    holding: Counter[str] = field(default_factory=Counter)  # word -> mentions that hold it
    configured: bool = False  # a configured topic's term names it: that topic covers it
    # How it is labelled when another subject, one with it, names it in more words (its key
    # stays its own: "vaccination_rate" for "a fall in vaccination rates").
    label: Span | None = None
    # Each mention's content words, read once: the drafts are compared with one another many
    # times, and each read walks the phrase's tokens.
    words: list[frozenset[str]] = field(default_factory=list)
    # The label as last read for a headline, until a mention joins (see _label).
    reading: tuple[set[str], _Label] | None = field(default=None, repr=False)

    def add(self, spans: list[Span], words: list[frozenset[str]] | None = None) -> None:
        """The phrases join the subject; `words` are their content words when already read."""
        words = [content_words(span) for span in spans] if words is None else words
        self.mentions.extend(spans)
        self.words.extend(words)
        for held in words:
            self.holding.update(held)
        self.reading = None

    def sentences(self, parsed: ParsedArticle) -> list[int]:
        return sorted({parsed.sentence_index(span.start) for span in self.mentions})

    def share_holding(self, word: str) -> float:
        """The share of this subject's phrases that hold `word` (as a lemma)."""
        return self.holding[word] / len(self.mentions) if self.mentions else 0.0

    def holds_mostly(self, word: str) -> bool:
        """True when at least _SAME_SUBJECT_SHARE of this subject's phrases hold `word`."""
        # Most words are in none of its phrases: a Counter's missing key costs a Python call.
        return word in self.holding and self.share_holding(word) >= _SAME_SUBJECT_SHARE


@dataclass(frozen=True)
class _Label:
    """How a subject is labelled and what its label says, read once per draft: the drafts are
    compared pair by pair, each comparison reading both labels."""

    span: Span  # see _label_span
    labelled: Span  # the label with what it is of (see _labelled)
    words: frozenset[str]  # the label's content words
    labelled_words: frozenset[str]


def _label(draft: _Draft, headline: set[str]) -> _Label:
    """The draft's label for this headline, read again only once a mention has joined it."""
    if draft.reading is None or draft.reading[0] is not headline:
        span = _label_span(draft, headline)
        labelled = _labelled(draft, span)
        found = _Label(span, labelled, content_words(span), content_words(labelled))
        draft.reading = (headline, found)
    return draft.reading[1]


def find_subjects(
    parsed: ParsedArticle,
    lexicon: TopicLexicon,
    actors: ActorIndex,
    dates: list[DateMention],
    quotes: list[Quote],
    places: PlaceIndex | None = None,
) -> list[Topic]:
    """The article's own main subjects (one to three), each with its parties and positions."""
    headline = headline_words(parsed)
    chosen = _main_drafts(parsed, lexicon, actors, headline, places or PlaceIndex())
    reader = PositionReader(parsed, actors, dates, quotes)
    cues = cue_index(lexicon.stances)
    taken = set(lexicon.keys) | COMMAND_NAMES
    subjects = []
    for draft in chosen:
        label = _label(draft, headline)
        key = subject_key(label.span, taken)
        if key is None:
            continue
        taken.add(key)
        sentences = draft.sentences(parsed)
        spans = [(span.start, span.end) for span in sorted(draft.mentions, key=lambda s: s.start)]
        positions = reader.positions(spans, cues)
        subjects.append(
            Topic(
                key=key,
                label=label_text(draft.label or label.labelled),
                kind=TopicKind.SUBJECT,
                sentences=[parsed.ref(parsed.sentences[i].start) for i in sentences],
                positions=positions,
                parties=_parties(parsed, actors, sentences, positions),
                terms=_terms(draft),
            )
        )
    return subjects


def _terms(draft: _Draft) -> list[str]:
    """The ways the article names the subject, the most frequent first (a few: they serve to
    find the subject from a question, not to list every mention)."""
    counts = Counter(span.text.lower() for span in draft.mentions)
    return [text for text, _ in counts.most_common(MAX_TERMS)]


def _main_drafts(
    parsed: ParsedArticle,
    lexicon: TopicLexicon,
    actors: ActorIndex,
    headline: set[str],
    places: PlaceIndex,
) -> list[_Draft]:
    """The subjects worth naming, the ones the headline names first, then by rank."""
    doc = parsed.doc
    if not any(token.pos_ in _CONTENT_POS for token in doc):
        return []
    configured = {
        i for spans in term_matches(parsed, lexicon).values() for start, end in spans
        for i in range(start, end)
    }  # fmt: skip
    known = headline | _lead_words(parsed)
    least = _MIN_SENTENCES if len(parsed.sentences) >= _SHORT_ARTICLE else 1
    ranks = _ranked_words(_opening(parsed), headline)
    # The phrases TextRank collects (noun chunks and entities), over the whole article.
    chunks = [*doc.noun_chunks, *parsed.entities]
    # A transcript's speaker labels ("Q", "MS. LIND:") say who speaks, never what about.
    labels = {
        i
        for turn in parsed.turns.values()
        for i in range(parsed.paragraph_spans[turn.paragraph][0], turn.start)
    }
    phrases = [
        found
        for chunk in chunks
        if chunk.start not in labels and (found := _subject_phrase(chunk, actors)) is not None
    ]
    mentions = [span for span, _ in phrases]
    words = {(span.start, span.end): held for span, held in phrases}
    # Phrases headed by people, bodies or kinds of place name a story's parties and settings:
    # they found no subject, and no other subject joins theirs ("coalition talks" are talks,
    # whatever share of them the coalition holds; "teacher strikes" are strikes).
    described = _described_as_people(doc)
    setting = _SETTING_WORDS | described
    # A capitalised word opening a sentence ("Farmers say ...") is read as a name and keeps
    # its plural as its lemma: its written form is checked against the words' forms too.
    setting_forms = (
        _setting_forms() | described | {form for word in described for form in _inflections(word)}
    )
    names = _actor_names(actors)
    place_names = set(places.token_place.values())
    named = [
        span
        for span in _without_overlaps(mentions)
        if _head_lemma(span) not in setting
        and span.root.lower_ not in setting_forms
        and not _head_lemma(span).endswith(_MAKER)
        and not _names_an_actor(span, names)
        # A name the gazetteer reads as a place says where wherever the text uses it, also where
        # the model labelled it otherwise or not at all ("fighting in Mayfell"); so does a name
        # ending in a kind of place ("Upper Lune State", "Kessa Province").
        and span.text not in place_names
        and not (span.root.pos_ == "PROPN" and span.root.lower_ in PLACE_NOUNS)
    ]
    candidates = [
        draft
        for draft in _drafts(named, ranks, configured, words)
        if not draft.configured
        and not _labelled_as_configured(draft, headline, configured)
        and not _only_where(draft)
        and (
            _specific(_label(draft, headline).span, known)
            or len(draft.sentences(parsed)) >= _recurring(parsed)
        )
        and (draft.head in headline or len(draft.sentences(parsed)) >= least)
    ]
    best = candidates[0].rank if candidates else 0.0
    # A subject the text names as often as its best-ranked one is as main as it, whatever its
    # word's rank ("the ruling" in every other sentence of a story headlined on the ban).
    widest = max(len(candidates[0].sentences(parsed)) if candidates else 0, _MIN_SENTENCES)
    chosen = [
        draft
        for draft in candidates
        if draft.rank >= _MIN_RANK_SHARE * best or len(draft.sentences(parsed)) >= widest
    ]
    # The headline says what the story is about: what it names comes before what only ranks well.
    chosen.sort(key=lambda draft: draft.head not in headline)
    kept: list[_Draft] = []
    for draft in chosen:
        same = next((k for k in kept if _same_thing(draft, k, headline)), None)
        if same is None:
            if len(kept) < MAX_SUBJECTS:
                kept.append(draft)
        elif _says_more(draft, same, headline):
            # An act on a thing ("a protest against the new tolls", "the repeal of the law")
            # and that thing are one subject, labelled by the phrase that names both.
            same.label = _label(draft, headline).labelled
            same.add(draft.mentions, draft.words)
    return kept


def _only_where(draft: _Draft) -> bool:
    """True when every time the text names the thing, it says where an act happens ("the fire
    began in dry scrubland", "claims spread on social media", "fighting at the airport"): a
    setting of the story, like a place's name. A thing acted on, or acting, is named otherwise
    at least once ("the airport reopened"). A bare noun after the preposition names a state or
    a manner, not a place ("went on strike", "marched in protest", "paid in bribes")."""
    return all(
        (root := span.root).dep_ == "pobj"
        and root.head.lower_ in _LOCATIVE_PREPOSITIONS
        and root.head.head.pos_ in {"VERB", "AUX"}
        and any(child.dep_ in _NOUN_MODIFIERS for child in root.children)
        for span in draft.mentions
    )


def _labelled_as_configured(draft: _Draft, headline: set[str], configured: set[int]) -> bool:
    """True when what the subject's label says it is of is a configured topic's term ("an offer
    of a ceasefire"): that topic already names it. (A word before the label's noun only says
    which one: "vaccination rates" are rates, whatever covers vaccination.)"""
    label = _label(draft, headline).labelled
    return not configured.isdisjoint(range(label.root.i, label.end))


def _same_thing(one: _Draft, other: _Draft, headline: set[str]) -> bool:
    """True when one subject's label says no more than the other's does once it is labelled with
    what it is of ("civilian rule" beside "return to civilian rule"): one subject, named twice."""
    one_label, other_label = _label(one, headline), _label(other, headline)
    return _said_by(one_label.words, other_label.labelled_words) or _said_by(
        other_label.words, one_label.labelled_words
    )


def _says_more(one: _Draft, other: _Draft, headline: set[str]) -> bool:
    """True when one subject's label, with what it is of, says all the other's does and more
    ("protest against new tolls" beside "new tolls")."""
    one_words = _label(one, headline).labelled_words
    other_words = _label(other, headline).labelled_words
    return _said_by(other_words, one_words) and not _said_by(one_words, other_words)


def _said_by(words: frozenset[str], others: frozenset[str]) -> bool:
    """True when each word is one of the others or a form of one: "virtual fencing" says no more
    than "virtual fences", nor "voting" than "the vote"."""
    return all(
        any(word == other or word in _forms(other) or other in _forms(word) for other in others)
        for word in words
    )


def _people_words(doc: Doc) -> set[str]:
    """The nouns that name people in this text, who are a story's parties, not its subjects:
    the words for people, and any noun a "who" clause describes ("those users who ...")."""
    return set(_PEOPLE_WORDS) | _described_as_people(doc)


def _described_as_people(doc: Doc) -> set[str]:
    """The nouns a "who" clause describes ("those users who ..."), as lemmas."""
    # The relative clauses are found in the Doc's array of dependencies: a few per article,
    # where a walk over every token would build each one.
    deps = doc.to_array([DEP])
    found = set()
    for i in numpy.flatnonzero(deps == doc.vocab.strings["relcl"]).tolist():
        clause = doc[i]
        noun = clause.head
        if noun.i != i and noun.pos_ == "NOUN" and clause.left_edge.lower_ in _PERSONAL_RELATIVES:
            found.add(noun.lemma_.lower())
    return found


def headline_words(parsed: ParsedArticle) -> set[str]:
    """The headline's words, and the lemma of each in the article's text ("talks" -> "talk"),
    also where the text uses the word only in another form: a headline's verb names the act the
    text names by its noun ("Carmaker recalls cars" over "the recall covers ...")."""
    words = set(re.findall(r"\w+", parsed.article.title.lower()))
    lemmas: set[str] = set()
    others: set[str] = set()
    for token in parsed.doc:  # one walk: each builds every Token anew
        if token.lower_ in words:
            lemmas.add(token.lemma_.lower())
        if token.pos_ in _CONTENT_POS:
            others.add(token.lemma_.lower())
    # Every form of a lemma of three letters or more starts with its first two (see _forms):
    # the forms are made only for the lemmas that could be a headline word's.
    starts = {word[:2] for word in words}
    return (
        words
        | lemmas
        | {
            lemma
            for lemma in others - lemmas
            if (len(lemma) < 3 or lemma[:2] in starts) and _forms(lemma) & words
        }
    )


@lru_cache(maxsize=_CACHED_WORDS)
def _forms(lemma: str) -> frozenset[str]:
    """The regular forms of a word, and of the verb a noun is made of: the ways a headline may
    write what the text names ("recalls" for "recall", "withdraws" for "withdrawal"). Each
    starts with the lemma's first two letters when it has three or more: an inflection keeps
    all but the last letter, and a stem keeps three or more."""
    forms = set(_inflections(lemma))
    for ending, restored in _NOUN_ENDINGS:
        stem = lemma.removesuffix(ending)
        if stem != lemma and len(stem) > 2:
            for tail in restored:
                forms |= _inflections(stem + tail) | {stem + tail}
    return frozenset(forms)


@lru_cache(maxsize=_CACHED_WORDS)
def _inflections(lemma: str) -> frozenset[str]:
    """The regular inflected forms of an English noun or verb ("recall" -> "recalls",
    "recalled", "recalling"; "rally" -> "rallies"; "ban" -> "banned"; "raise" -> "raising")."""
    forms = {lemma + ending for ending in ("s", "es", "ed", "ing")}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return frozenset(forms)


@cache
def _setting_forms() -> frozenset[str]:
    """The setting words and their inflections, made once: they are the same for every text."""
    return _SETTING_WORDS | {form for word in _SETTING_WORDS for form in _inflections(word)}


def _lead_words(parsed: ParsedArticle) -> set[str]:
    """The words and lemmas of the lead: the standfirst, or else the first paragraph; a first
    paragraph with no verb (a statement's signature, "Ada Lind, Spokesperson") is no lead."""
    doc, paragraphs = parsed.doc, parsed.paragraphs
    start, end = paragraphs[0] if paragraphs else (0, len(doc))
    if len(paragraphs) > 1 and not any(t.pos_ in {"VERB", "AUX"} for t in doc[start:end]):
        start, end = paragraphs[1]
    return {w for token in doc[start:end] for w in (token.lower_, token.lemma_.lower())}


def _opening(parsed: ParsedArticle) -> Span:
    """The whole sentences of the article's first _RANKED_TOKENS tokens: a news story states its
    subjects up front, and a text of any length then costs the ranking the same."""
    doc = parsed.doc
    end = len(doc)
    if end > _RANKED_TOKENS:
        sentence = parsed.sentences[parsed.sentence_index(_RANKED_TOKENS)]
        end = max(sentence.start, 1)
    return doc[:end]


def _ranked_words(text: Span, focus: set[str]) -> dict[str, float]:
    """pytextrank's Biased TextRank over the text, the headline's words as its focus: the rank
    of each word, by lemma."""
    # Imported on first use: it brings networkx, which a bot answering from stored briefings
    # never needs.
    textrank = biased_textrank()
    # The ranker reads its text's tokens and sentences (with token indices into the article's
    # Doc), read here from the Doc's arrays once.
    ranker = textrank.ranker(
        RankedText(text, _GRAPH_POS),
        edge_weight=1.0,
        pos_kept=_GRAPH_POS,
        token_lookback=3,
        scrubber=textrank.scrubber,
        stopwords={},
    )
    # The focus fields are what BiasedTextRank.change_focus sets; set here directly, so that the
    # ranking runs once and leaves no state on spaCy's Doc class.
    ranker.focus_tokens = focus
    ranker.node_bias = _HEADLINE_BIAS
    ranker.default_bias = 1.0
    ranks: dict[str, float] = {}
    for node, value in textrank.word_ranks(ranker).items():
        lemma = node.lemma.lower()
        ranks[lemma] = max(ranks.get(lemma, 0.0), value)
    return ranks


def _drafts(
    mentions: list[Span],
    ranks: dict[str, float],
    configured: set[int],
    words: dict[tuple[int, int], frozenset[str]],
) -> list[_Draft]:
    """Subjects by the rank of their head word, best first (TextRank's keywords); a word that
    mostly stands in another's phrases joins that subject ("deficiency" in "iodine deficiency").

    Only the best-ranked words found a subject; the others can only join one, so that the work
    stays linear in the article's length. `words` are the phrases' content words, by token range.
    """
    by_head: dict[str, list[Span]] = {}
    for span in mentions:
        by_head.setdefault(_head_lemma(span), []).append(span)
    drafts: list[_Draft] = []
    for order, head in enumerate(sorted(by_head, key=lambda h: (-ranks.get(h, 0.0), h))):
        draft = _Draft(head, ranks.get(head, 0.0))
        draft.add(by_head[head], [words[span.start, span.end] for span in by_head[head]])
        draft.configured = any(span.root.i in configured for span in draft.mentions)
        same = next(
            (
                known
                for known in drafts
                if draft.holds_mostly(known.head) or known.holds_mostly(head)
            ),
            None,
        )
        if same is not None:
            same.add(draft.mentions, draft.words)
            same.configured |= draft.configured
        elif order < _FOUNDING_WORDS:
            drafts.append(draft)
    return drafts


def _actor_names(actors: ActorIndex) -> set[str]:
    """Every name and alias of the article's actors, in lower case."""
    return {name.lower() for actor in actors.actors for name in (actor.name, *actor.aliases)}


def _names_an_actor(span: Span, names: set[str]) -> bool:
    """True for a name that is one of the actors' names where the actor index did not claim the
    words (a headline's "Northfield beat Easton" before the body names the clubs): a party to
    the story, not what it is about."""
    return all(token.pos_ == "PROPN" for token in span) and span.text.lower() in names


def _recurring(parsed: ParsedArticle) -> int:
    """In how many sentences a lone noun must recur to name a subject that neither the headline
    nor the lead names: a feature opens on a scene ("Every morning he pushes his boat into the
    water"), and the thing it keeps coming back to is what it is about."""
    return max(_MIN_RECURRING, math.ceil(len(parsed.sentences) * _RECURRING_SHARE))


def _where(token: Token) -> bool:
    """True for a noun that names a place: a place's name or a kind of place."""
    return token.ent_type_ in _PLACE_LABELS or token.lemma_.lower() in _PLACE_KIND_NOUNS


def _is_time(token: Token) -> bool:
    return token.lemma_.lower() in _TIME_NOUNS


def _head_lemma(span: Span) -> str:
    """The lemma of the phrase's head noun; of a hyphened one, its word's ("shake" for
    "shake-up"), which TextRank ranks and the headline may hold."""
    head = span.root
    if _hyphened_particle(head):
        return span.doc[head.i - 2].lemma_.lower()
    return head.lemma_.lower()


def _specific(span: Span, known: set[str]) -> bool:
    """A lone common noun ("people", "areas", "information") names a subject only when the
    headline or the lead uses it: anywhere else it is too general to say what a story is about.
    A name, or a noun the text narrows (a modifier, an owner, an "of" complement: "Ruritania's
    annexation of the islands"), is specific enough on its own."""
    head = span.root
    if head.pos_ == "PROPN" or head.ent_type_ or len(content_words(span)) > 1:
        return True
    if any(_narrows(child) for child in head.children):
        return True
    return head.lower_ in known or head.lemma_.lower() in known


def _narrows(child: Token) -> bool:
    """True for an owner ("Ruritania's annexation") or an "of" phrase ("annexation of the
    islands") on a noun: both say which one the text means."""
    if child.dep_ == "poss":
        return True
    return (
        child.dep_ == "prep"
        and child.lower_ == "of"
        and any(
            grandchild.dep_ == "pobj" and not grandchild.is_stop for grandchild in child.children
        )
    )


def subject_span(chunk: Span, actors: ActorIndex) -> Span | None:
    """The words of a noun phrase that can name a subject, or None when it names none.

    The owner and the edge words go ("Ruritania's new border fences" -> "new border fences"); a
    phrase headed by a name of an actor, a place, a time or an amount, or by a role, names a party
    or a setting, not a subject.
    """
    found = _subject_phrase(chunk, actors)
    return found[0] if found is not None else None


def _subject_phrase(chunk: Span, actors: ActorIndex) -> tuple[Span, frozenset[str]] | None:
    """subject_span's phrase with its content words, which it reads to keep the phrase and the
    subject it joins reads again."""
    doc = chunk.doc
    start, end = chunk.start, chunk.end
    for token in chunk:
        if token.tag_ == "POS" and token.i < chunk.root.i:
            start = token.i + 1
    while start < end and _edge_word(doc[start]):
        start += 1
    while end > start and _edge_word(doc[end - 1]) and not _hyphened_particle(doc[end - 1]):
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    head = span.root
    if head.pos_ not in {"NOUN", "PROPN"} or head.like_num:
        return None
    if head.is_stop and not _hyphened_particle(head):
        return None
    if head.ent_type_ in _SETTING_LABELS or actors.actor_at(head.i) is not None:
        return None
    if _counted_unit(head):
        return None
    # A role ("health officials", "the coach") or a role with its holder's name after it ("the
    # veteran lawmaker Ann Example") names a party.
    if head.lemma_.lower() in TITLE_WORDS or head.lower_ in TITLE_WORDS:
        return None
    if _light_verb_object(head):
        return None
    # "The second round", "the opening stages": a part of a subject, named after it.
    if head.lemma_.lower() in _PART_NOUNS and not any(
        child.dep_ == "compound" for child in head.children
    ):
        return None
    # "The fact that ...", "mounting concerns": a shell for a subject said elsewhere. A name
    # before it says whose ("Vessa's concerns"), a common noun what kind ("engine difficulties").
    if head.lemma_.lower() in _SHELL_NOUNS and not any(
        child.dep_ == "compound" and child.pos_ == "NOUN" for child in head.children
    ):
        return None
    if any(token.ent_type_ == "PERSON" for token in doc[head.i + 1 : end]):
        return None
    words = content_words(span)
    return (span, words) if words else None


def _counted_unit(noun: Token) -> bool:
    """True for a unit with its number ("12,000 hectares", "60 million euros", "half a
    percentage point"): an amount, which says how much of a subject, not what it is."""
    lemma = noun.lemma_.lower()
    names = {lemma} | {
        f"{child.lemma_.lower()} {lemma}" for child in noun.children if child.dep_ == "compound"
    }
    return not names.isdisjoint(_UNIT_NOUNS) and any(
        child.dep_ in _NUMBER_DEPS and (child.like_num or child.ent_type_ in _AMOUNT_LABELS)
        for child in noun.children
    )


def _light_verb_object(noun: Token) -> bool:
    """True for a bare noun that a light verb takes as one verb with it ("the parade took place",
    "talks made progress"): no article, owner or modifier makes it a thing of its own."""
    return (
        noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in _LIGHT_VERBS
        and not any(child.dep_ in _NOUN_MODIFIERS for child in noun.children)
    )


def _edge_word(token: Token) -> bool:
    """A word at a phrase's edge that names no subject: a function word, a number, the unit
    written onto a number ("£18m", "40km") or hyphened to one ("a nine-member jury"), or part of
    a time or an amount ("6pm"), or a superlative, which ranks a thing against others without
    saying what it is ("the worst drought", "its largest increase")."""
    return (
        token.pos_ in _EDGE_POS
        or token.is_stop
        or token.like_num
        or token.is_space
        or token.ent_type_ in _AMOUNT_LABELS
        or token.tag_ == "JJS"
        or _after_number(token)
        or _hyphened_to_number(token)
    )


def _hyphened_particle(token: Token) -> bool:
    """True for the particle of a noun written with a hyphen ("stand-off", "shake-up",
    "break-in"): the two words are one noun, which the parser heads by the particle."""
    if token.i < 2 or not token.is_stop:
        return False
    hyphen, word = token.doc[token.i - 1], token.doc[token.i - 2]
    return hyphen.text == "-" and not hyphen.whitespace_ and not word.whitespace_ and word.is_alpha


def _after_number(token: Token) -> bool:
    """True for a word of one or two letters written onto a number ("£18m", "40km")."""
    # The length first: reading the word before builds another Token.
    return len(token) <= 2 and token.i > 0 and token.doc[token.i - 1].like_num


def _hyphened_to_number(token: Token) -> bool:
    """True for a word joined to a number with a hyphen ("nine-member", "12-page", and "nine -
    member" where the copy spaced it out, as the tagger still reads): with the number it says
    how many or how big, never what."""
    if token.i < 2:
        return False
    hyphen, number = token.doc[token.i - 1], token.doc[token.i - 2]
    return hyphen.tag_ == "HYPH" and number.like_num


def content_words(span: Span) -> frozenset[str]:
    """The lemmas that carry a phrase's meaning (spaCy's stop words left out)."""
    return frozenset(
        token.lemma_.lower() for token in span if token.pos_ in _CONTENT_POS and not token.is_stop
    )


def _label_span(draft: _Draft, headline: set[str]) -> Span:
    """The way the headline names the subject if the text uses it ("homeopathic treatment"),
    else the way the article most often names it (the longer way on a tie).

    Only phrases of a few words qualify, where there are any: a label names the subject, it
    does not describe it.
    """
    # A label holds the word the subject was founded on ("illegal loggers", not "record").
    mentions = list(zip(draft.mentions, draft.words, strict=True))
    own = [(span, words) for span, words in mentions if draft.head in words] or mentions
    whole = [mention for mention in own if _balanced(mention[0])] or own
    candidates = [mention for mention in whole if len(mention[0]) <= _LABEL_WORDS] or whole
    texts = [_lemma_text(span) for span, _ in candidates]
    counts = Counter(texts)
    best = max(
        range(len(candidates)),
        key=lambda n: (
            len(candidates[n][1] & headline),
            # A phrase the word heads names it; one it only modifies names another thing
            # ("the moon" over "earlier moon missions").
            _head_lemma(candidates[n][0]) == draft.head,
            counts[texts[n]],
            len(candidates[n][0]),
        ),
    )
    return candidates[best][0]


def _balanced(span: Span) -> bool:
    """True when every bracket the phrase opens it closes, and the other way round: a phrase
    cut from inside brackets ("PPE) kits") is no label."""
    depth = 0
    for token in span:
        depth += token.text.count("(") - token.text.count(")")
        if depth < 0:
            return False
    return depth == 0


def _labelled(draft: _Draft, label_span: Span) -> Span:
    """The label phrase, a lone noun with what it is of: as that phrase says it, or as the
    subject's mentions in those words say it more than once ("the blockade" here, "the
    blockade of the port" twice there); one aside is not what the subject is of."""
    extended = _with_complement(label_span)
    if extended is not label_span:
        return extended
    label = _lemma_text(label_span)
    same = [span for span in draft.mentions if _lemma_text(span) == label]
    complements = [e for span in same if (e := _with_complement(span)) is not span]
    counts = Counter(_lemma_text(span) for span in complements)
    repeated = [span for span in complements if counts[_lemma_text(span)] > 1]
    return repeated[0] if repeated else label_span


def _with_complement(span: Span) -> Span:
    """A lone noun with the phrase that says what it is of ("invasion" -> "invasion of the
    north", "return" -> "return to civilian rule"): alone it does not name the thing."""
    head = span.root
    if len(content_words(span)) != 1 or span.end != head.i + 1:
        return span
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in _COMPLEMENT_PREPOSITIONS:
            continue
        objects = [child for child in prep.children if child.dep_ == "pobj"]
        # "In" says what changed ("a fall in vaccination rates", "a rise in rents"), unless
        # it says where ("the fire in the capital", "a strike in the north").
        if prep.lower_ == "in" and objects and _where(objects[0]):
            return span
        # A time or an amount says when or how long, not what of ("the drought for 40 years").
        if objects and (objects[0].ent_type_ in _AMOUNT_LABELS or _is_time(objects[0])):
            return span
        if objects and objects[0].pos_ in {"NOUN", "PROPN"} and prep.i == head.i + 1:
            extended = span.doc[span.start : objects[0].i + 1]
            # A pronoun ("the language of her youth") points into the text: no label.
            if len(extended) <= _LABEL_WORDS + 2 and all(t.pos_ != "PRON" for t in extended):
                return extended
            return span
    return span


def _lemma_text(span: Span) -> str:
    return " ".join(token.lemma_.lower() for token in span if not token.is_punct)


def label_text(span: Span) -> str:
    """A subject's label: the phrase in sentence case, names and acronyms as written."""
    parts = []
    for token in span:
        # A capital inside a sentence marks a name, whatever the tagger made of it.
        capital = token.text[:1].isupper() and not token.is_sent_start
        written = token.pos_ == "PROPN" or token.text.isupper() or capital
        parts.append((token.text if written else token.lower_) + token.whitespace_)
    text = "".join(parts).strip()
    return text[:1].upper() + text[1:]


def subject_key(span: Span, taken: set[str]) -> str | None:
    """A stable key from the phrase, its head noun in the singular ("border fences" ->
    "border_fence", "retired ferries" -> "retired_ferry"), at most 32 characters (the first
    modifiers go first: the head noun stays), never a configured topic's key or a command's
    name."""
    words = [
        _NON_KEY.sub("_", ascii_fold(_key_word(token, token.i == span.root.i))).strip("_")
        for token in span
    ]
    kept = [word for word in words if word]
    while kept and len("_".join(kept)) > KEY_LENGTH:
        kept.pop(0)
        # "senseless and cowardly attack" loses "senseless", then "and": a key starts on a word
        # that names something.
        while kept[:1] and kept[0] in _JOINING_WORDS:
            kept.pop(0)
    key = "_".join(kept)
    if not key:
        return None
    if key in taken:
        key = key[: KEY_LENGTH - len(_KEY_SUFFIX)].rstrip("_") + _KEY_SUFFIX
    return key if TOPIC_KEY.match(key) and key not in taken else None


def _key_word(token: Token, head: bool) -> str:
    """How a key writes a word: as written, in lower case; the phrase's head noun as its lemma,
    unless the lemma is no form of the word (the lemmatizer reads "bases" as "basis") or the
    noun is written alike in both numbers (it cuts "species" to "specie")."""
    word, lemma = token.lower_, token.lemma_.lower()
    if word in _ONE_FORM_NOUNS:
        return word
    return lemma if head and lemma and word.startswith(lemma[:-1]) else word


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """One mention per stretch of text: an entity and the noun chunk around it name it once."""
    kept: list[Span] = []
    covered: set[int] = set()
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if covered.isdisjoint(range(span.start, span.end)):
            kept.append(span)
            covered.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


def _parties(
    parsed: ParsedArticle, actors: ActorIndex, sentences: list[int], positions: list[Position]
) -> list[Party]:
    """Who takes a position on the subject, then the actors its sentences name most often."""
    parties = [
        Party(actor_id=p.actor_id, actor=p.actor, source=p.source)
        for p in positions
        if p.actor_id is not None
    ]
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for index in sentences:
        sentence = parsed.sentences[index]
        # In the order the sentence names them, so that ties keep the text's order.
        named = dict.fromkeys(
            actors.token_actor[i]
            for i in range(sentence.start, sentence.end)
            if i in actors.token_actor
        )
        for actor_id in named:
            counts[actor_id] += 1
            first.setdefault(actor_id, index)
    for actor_id in sorted(counts, key=lambda a: (-counts[a], first[a])):
        actor = actors.by_id(actor_id)
        if actor is not None:
            source = parsed.ref(parsed.sentences[first[actor_id]])
            parties.append(Party(actor_id=actor_id, actor=actor.name, source=source))
    unique: dict[str, Party] = {}
    for party in parties:
        unique.setdefault(party.actor_id, party)
    return list(unique.values())[:MAX_PARTIES]
