"""Discovered subjects: each article's own main subjects, their keys, parties and positions;
and configured topics that fire only where their terms are used in the topic's sense."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Span

from bot.briefing import subjects
from bot.briefing.actors import ActorIndex
from bot.briefing.export import briefing_json
from bot.briefing.lexicon import LexiconError, TopicLexicon, load_lexicon
from bot.briefing.merge import merge_briefings
from bot.briefing.models import (
    ActorKind,
    Article,
    ArticleBriefing,
    Party,
    SourceRef,
    Stance,
    Topic,
    TopicKind,
)
from bot.briefing.parsed import ParsedArticle, article_text
from bot.briefing.pipeline import extract
from bot.briefing.query import BriefingIndex
from bot.briefing.quotes import find_quotes
from bot.briefing.subjects import (
    COMMAND_NAMES,
    KEY_LENGTH,
    MAX_SUBJECTS,
    find_subjects,
    subject_key,
    subject_span,
)
from bot.briefing.topics import find_topics
from bot.render.entries import topic_command
from bot.render.public import render_topic
from handlers.commands import command_table
from tests.conftest import parse_text
from tests.helpers.briefings import actor
from tests.test_quotes import known_actors

FENCES_TITLE = "Ruritania splits over new border fences"
FENCES = """Ruritania proposed new border fences along the northern frontier on Monday.

Interior Minister Karla Vent said the border fences would cut smuggling by half.

The opposition Green League rejected the border fences, saying they would harm migrating deer.

Many people came to the town hall. People asked about roads, people asked about schools.

The fences would cost 40 million crowns, according to the finance ministry.

Farmers in the valley say the fences cross their pastures, and people there are worried.

A public consultation on the border fences opens next month."""
FENCE_ACTORS = {
    "Ruritania": ActorKind.COUNTRY,
    "Karla Vent": ActorKind.PERSON,
    "Green League": ActorKind.ORG,
}


def parse_article(nlp: Language, title: str, text: str) -> ParsedArticle:
    """An article with a headline (subjects read it), its paragraphs split at blank lines."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    article = Article(
        id="a1",
        title=title,
        published=dt.date(2024, 3, 6),
        paragraphs=paragraphs,
        content_hash="0",
    )
    return ParsedArticle.from_doc(article, nlp(article_text(article)))


@pytest.fixture(scope="module")
def fences(nlp: Language, lexicon: TopicLexicon) -> list[Topic]:
    parsed = parse_article(nlp, FENCES_TITLE, FENCES)
    actors = known_actors(parsed, FENCE_ACTORS)
    return find_subjects(parsed, lexicon, actors, [], find_quotes(parsed, actors, []))


def fence_subject(subjects: list[Topic]) -> Topic:
    found = [s for s in subjects if s.key.endswith("border_fence")]
    assert len(found) == 1, [s.key for s in subjects]
    return found[0]


@pytest.mark.slow
def test_the_headline_subject_is_found_with_its_key_and_label(fences: list[Topic]) -> None:
    subject = fence_subject(fences)
    assert subject.kind is TopicKind.SUBJECT
    assert "border fences" in subject.label.lower()
    assert subject.label[0].isupper()
    # Every sentence that names the fences, however it names them.
    assert [r.sentence for r in subject.sentences] == [0, 1, 2, 5, 6, 7]
    assert "the fences" not in subject.terms  # terms are the subject's words, not the article
    assert {"border fences", "fences"} <= set(subject.terms)
    assert 1 <= len(fences) <= MAX_SUBJECTS


@pytest.mark.slow
def test_a_subject_has_its_parties_and_their_positions(fences: list[Topic]) -> None:
    subject = fence_subject(fences)
    assert {(p.actor, p.stance, p.source.sentence) for p in subject.positions} == {
        ("Ruritania", Stance.PROPOSES, 0),
        ("Green League", Stance.REJECTS, 2),
    }
    parties = {p.actor: p.source.sentence for p in subject.parties}
    assert parties == {"Ruritania": 0, "Karla Vent": 1, "Green League": 2}
    # Those who take a position come first.
    assert [p.actor for p in subject.parties][:2] == ["Ruritania", "Green League"]


@pytest.mark.slow
def test_a_lone_general_noun_off_the_headline_and_lead_is_no_subject(
    fences: list[Topic],
) -> None:
    # "people" comes up in four sentences, but says nothing about what the story is about.
    assert all("people" not in s.key for s in fences)


@pytest.mark.slow
def test_a_subject_a_configured_topic_covers_is_left_to_that_topic(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    parsed = parse_article(
        nlp,
        "Truce holds in the hills of Ruritania",
        "Ruritania and the Green League agreed a truce on Monday.\n\n"
        "The truce was holding on Tuesday, Karla Vent said.\n\n"
        "The Green League said the truce would allow farmers back to their pastures.\n\n"
        "Farmers returned to the pastures above the valley.",
    )
    actors = known_actors(parsed, FENCE_ACTORS)
    configured = find_topics(parsed, lexicon, actors, [], [])
    subjects = find_subjects(parsed, lexicon, actors, [], [])
    assert "ceasefire" in [t.key for t in configured]
    assert all("truce" not in s.key for s in subjects), [s.key for s in subjects]


def chunk_subjects(
    nlp: Language, text: str, names: dict[str, ActorKind]
) -> tuple[ParsedArticle, dict[str, Span | None]]:
    """Each noun chunk of the text, and the words of it that can name a subject."""
    parsed = parse_article(nlp, "Title", text)
    actors = known_actors(parsed, names)
    return parsed, {chunk.text: subject_span(chunk, actors) for chunk in parsed.doc.noun_chunks}


@pytest.mark.slow
def test_subject_words_leave_out_owners_edges_roles_and_named_people(nlp: Language) -> None:
    names = {"Ruritania": ActorKind.COUNTRY}
    parsed, spans = chunk_subjects(
        nlp,
        "Ruritania's many new border fences worried the health officials.\n\n"
        "The chief inspector Maria Kowalczyk visited the fences.",
        names,
    )
    actors = known_actors(parsed, names)
    fences = spans["Ruritania's many new border fences"]
    assert fences is not None and fences.text == "new border fences"
    assert spans["the health officials"] is None  # a role names a party
    assert subject_span(parsed.doc[0:1], actors) is None  # an actor is a party, not a subject
    named = [text for text in spans if "Kowalczyk" in text]
    assert named and all(spans[text] is None for text in named)


@pytest.mark.slow
def test_subject_keys_are_stable_short_and_never_taken(nlp: Language) -> None:
    doc = nlp(
        "Border fences. The digest. Unusually long and complicated cross-border fencing plans."
    )
    fences, digest, plans = (doc[s.start : s.end - 1] for s in doc.sents)
    digest = digest[1:]
    assert subject_key(fences, set()) == "border_fence"
    assert subject_key(fences, {"border_fence"}) == "border_fence_subject"
    assert subject_key(digest, set(COMMAND_NAMES)) == "digest_subject"
    long_key = subject_key(plans, set())
    # The head noun in the singular, its modifiers as written; a lemma that is no form of its
    # word is not used.
    bases, ferries = nlp("Naval bases closed. Retired ferries sailed.").noun_chunks
    assert bases.root.lemma_ == "basis"  # the lemmatizer's reading, not a form of "bases"
    assert subject_key(bases, set()) == "naval_bases"
    assert subject_key(ferries, set()) == "retired_ferry"
    # A noun written alike in both numbers keeps its one form.
    (species,) = nlp("Rare species thrived.").noun_chunks
    assert subject_key(species, set()) == "rare_species"
    assert long_key is not None and len(long_key) <= KEY_LENGTH
    assert long_key.endswith("_plan") and not long_key.startswith(("and", "_"))


def test_subject_keys_avoid_every_command_the_bot_has() -> None:
    assert {command.name for command in command_table(TopicLexicon(()))} <= COMMAND_NAMES


RELATED_LEXICON = """
[vote]
label = "Elections"
terms = ["election"]
related = ["vote", "polls"]
"""


def test_lexicon_reads_related_terms(tmp_path: Path) -> None:
    path = tmp_path / "topics.toml"
    path.write_text(RELATED_LEXICON, encoding="utf-8")
    topic = load_lexicon(path).get("vote")
    assert topic is not None
    assert (topic.terms, topic.related) == (("election",), ("vote", "polls"))
    path.write_text('[vote]\nterms = ["election"]\nrelated = "vote"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="related must be a list"):
        load_lexicon(path)


@pytest.mark.slow
def test_a_word_with_another_sense_does_not_fire_a_topic_alone(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    alone = parse_article(
        nlp, "Council budget", "The council will not vote in favour of any proposal."
    )
    assert "elections" not in [
        t.key for t in find_topics(alone, lexicon, known_actors(alone, {}), [], [])
    ]
    with_election = parse_article(
        nlp,
        "Council budget",
        "The council will not vote in favour of any proposal.\n\n"
        "Ruritania holds its election in May.",
    )
    actors = known_actors(with_election, {})
    elections = next(
        t for t in find_topics(with_election, lexicon, actors, [], []) if t.key == "elections"
    )
    assert [r.sentence for r in elections.sentences] == [0, 1]


@pytest.mark.slow
def test_process_json_lists_both_kinds_of_topic(nlp: Language, lexicon: TopicLexicon) -> None:
    parsed = parse_article(
        nlp,
        FENCES_TITLE,
        FENCES + "\n\nRuritania also signed a ceasefire with the Green League.",
    )
    topics = briefing_json(extract(parsed, lexicon))["topics"]
    kinds = {key: topic["kind"] for key, topic in topics.items()}
    assert kinds["ceasefire"] == "lexicon"
    subject = next(key for key in topics if key.endswith("border_fence"))
    assert kinds[subject] == "subject"
    for topic in topics.values():
        assert set(topic) >= {"label", "positions", "events", "quotes", "sentences"}
    assert {"actor": "Green League", "stance": "rejects"}.items() <= next(
        p for p in topics[subject]["positions"] if p["actor"] == "Green League"
    ).items()


def test_a_briefing_stored_before_subjects_still_loads() -> None:
    stored = {"key": "ceasefire", "label": "Ceasefire", "sentences": [], "positions": []}
    topic = Topic.model_validate(stored)
    assert (topic.kind, topic.parties, topic.terms) == (TopicKind.LEXICON, [], [])


def _subject_briefing(article_id: str, actor_id: str, terms: list[str]) -> ArticleBriefing:
    source = SourceRef(article_id=article_id, sentence=0)
    article = Article(
        id=article_id,
        title="Fences",
        published=dt.date(2024, 3, 6),
        paragraphs=["Karla Vent backs the fences."],
        sentences=["Karla Vent backs the fences."],
        content_hash=article_id,
    )
    return ArticleBriefing(
        article=article,
        actors=[actor("Karla Vent", ActorKind.PERSON, actor_id=actor_id, sources=[source])],
        topics=[
            Topic(
                key="border_fence",
                label="Border fences",
                kind=TopicKind.SUBJECT,
                sentences=[source],
                parties=[Party(actor_id=actor_id, actor="Karla Vent", source=source)],
                terms=terms,
            )
        ],
        engine_version="test",
    )


def test_one_subject_across_articles_keeps_one_party_per_actor() -> None:
    merged = merge_briefings(
        [
            _subject_briefing("a1", "karla-vent", ["border fences"]),
            _subject_briefing("a2", "karla-vent", ["fences", "border fences"]),
        ]
    )
    (subject,) = merged.topics
    assert [p.actor for p in subject.parties] == ["Karla Vent"]
    assert subject.parties[0].source.article_id == "a1"
    assert subject.terms == ["border fences", "fences"]
    assert [r.article_id for r in subject.sentences] == ["a1", "a2"]


def test_a_subject_is_found_by_its_words_and_shown_with_its_command() -> None:
    merged = merge_briefings([_subject_briefing("a1", "karla-vent", ["border fences"])])
    index = BriefingIndex(merged)
    assert [t.key for t in index.search("what about the border fences?").topics] == ["border_fence"]
    subject = index.topic("border_fence")
    assert subject is not None
    assert topic_command(subject) == "/topic border_fence"
    assert "/topic border_fence" in render_topic(index, "border_fence")[0]


@pytest.mark.slow
def test_a_long_article_is_ranked_on_its_opening_but_its_subjects_cover_it_all(
    nlp: Language, lexicon: TopicLexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the article were longer than the stretch TextRank reads: it reads the whole
    # sentences of the first 20 tokens (the first one), and the subject still gathers every
    # sentence that names it.
    monkeypatch.setattr(subjects, "_RANKED_TOKENS", 20)
    parsed = parse_article(nlp, FENCES_TITLE, FENCES)
    assert subjects._opening(parsed).end == parsed.sentences[1].start
    actors = known_actors(parsed, FENCE_ACTORS)
    subject = fence_subject(find_subjects(parsed, lexicon, actors, [], []))
    assert [r.sentence for r in subject.sentences] == [0, 1, 2, 5, 6, 7]


@pytest.mark.slow
def test_times_and_amounts_at_a_phrase_edge_are_no_part_of_a_subject(nlp: Language) -> None:
    _, spans = chunk_subjects(
        nlp,
        "Talks broke down before the 6pm deadline on Friday.\n\n"
        "The club agreed a £18m deal for the striker.",
        {},
    )
    assert {text: span.text for text, span in spans.items() if span is not None} == {
        "Talks": "Talks",
        "the 6pm deadline": "deadline",
        "The club": "club",
        "a £18m deal": "deal",
    }
    assert spans["Friday"] is None


@pytest.mark.slow
def test_a_part_of_a_thing_or_a_light_verb_object_names_no_subject(nlp: Language) -> None:
    _, spans = chunk_subjects(
        nlp,
        "The second round of the ballot ended in the opening stages of the dispute.\n\n"
        "The group stage took place in the old harbour, and the mayor made a speech.",
        {},
    )
    kept = {text: span.text for text, span in spans.items() if span is not None}
    # The part goes, what it is part of stays; a noun modifier makes a part a thing of its own.
    assert "The second round" not in kept and "the opening stages" not in kept
    assert {"the ballot", "the dispute"} <= set(kept)
    assert kept["The group stage"] == "group stage"
    # "took place" is one verb; "made a speech" names a speech.
    assert "place" not in kept
    assert kept["a speech"] == "speech"


PARENTS_TITLE = "Parents and volunteers fight over school bus fares"
PARENTS = """Parents in the valley said the new school bus fares were too high.

The volunteers who drive the evening buses said the bus fares paid for fuel.

Parents asked the council to cut the bus fares, and volunteers asked it to keep them.

The volunteers and the parents will meet again over the bus fares next week."""


@pytest.mark.slow
def test_people_a_story_is_about_are_its_parties_not_its_subjects(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    parsed = parse_article(nlp, PARENTS_TITLE, PARENTS)
    keys = [s.key for s in find_subjects(parsed, lexicon, known_actors(parsed, {}), [], [])]
    assert any(key.endswith("bus_fare") for key in keys), keys
    # "parents" is a word for people; "volunteers" are people because a "who" clause says so.
    assert not any("parent" in key or "volunteer" in key for key in keys), keys
    people = subjects._people_words(parsed.doc)
    # People, and bodies of people ("the council"), are parties; things are not.
    assert {"parent", "volunteer", "people", "government", "council"} <= people
    assert not {"fare", "bus", "fuel"} & people
    # "who" refers to people only; "whose" to things as well.
    described = subjects._people_words(
        nlp("The riders who won left. A plan whose cost rose failed.")
    )
    assert "rider" in described and "plan" not in described


@pytest.mark.slow
def test_a_word_hyphened_to_a_number_is_part_of_the_amount(nlp: Language) -> None:
    _, spans = chunk_subjects(
        nlp, "A nine-member jury read the 12-page ruling on the seven - member board.", {}
    )
    kept = {text: span.text for text, span in spans.items() if span is not None}
    assert kept["A nine-member jury"] == "jury"
    assert kept["the 12-page ruling"] == "ruling"
    assert kept["the seven - member board"] == "board"


@pytest.mark.slow
def test_a_lone_noun_is_labelled_with_what_it_is_of(nlp: Language) -> None:
    doc = nlp(
        "The invasion of the northern valley began. The plan failed. "
        "A quick return to civilian rule followed."
    )
    invasion, plan, quick_return = doc[1:2], doc[9:10], doc[13:15]
    assert subjects.label_text(subjects._with_complement(invasion)) == (
        "Invasion of the northern valley"
    )
    assert subjects._with_complement(plan).text == "plan"  # nothing says what of
    # A noun its modifier already narrows keeps its own words.
    assert quick_return.text == "quick return"
    assert subjects._with_complement(quick_return).text == "quick return"


@pytest.mark.slow
def test_a_subject_its_neighbour_names_with_what_it_is_of_is_the_same_subject(
    nlp: Language,
) -> None:
    doc = nlp("The return to civilian rule began. Civilian rule is near. The harbour tax rose.")

    def draft(head: str, start: int, end: int) -> subjects._Draft:
        made = subjects._Draft(head, 1.0)
        made.add([doc[start:end]])
        return made

    back, rule, tax = draft("return", 1, 2), draft("rule", 7, 9), draft("tax", 13, 15)
    # "Civilian rule" says nothing "return to civilian rule" does not.
    assert subjects._same_thing(rule, back, set())
    assert subjects._same_thing(back, rule, set())
    assert not subjects._same_thing(tax, back, set())


@pytest.mark.slow
def test_a_phrase_cut_from_inside_brackets_is_no_label(nlp: Language) -> None:
    doc = nlp("Protective equipment (PPE) kits are kits.")
    cut, whole = doc[3:6], doc[7:8]
    assert cut.text == "PPE) kits"
    kits = subjects._Draft("kit", 1.0)
    kits.add([cut, cut, whole])
    # The headline's "PPE" and the more frequent phrase would both pick the cut one.
    assert subjects._label_span(kits, {"ppe"}).text == "kits"


@pytest.mark.slow
def test_a_label_holds_the_word_its_subject_was_founded_on(nlp: Language) -> None:
    doc = nlp("A record was set. The record fell. Illegal loggers came.")
    loggers = subjects._Draft("logger", 1.0)
    # A phrase that joined the subject more often than the subject's own phrase.
    loggers.add([doc[1:2], doc[6:7], doc[9:11]])
    assert subjects._label_span(loggers, set()).text == "Illegal loggers"


@pytest.mark.slow
def test_a_lone_noun_takes_what_it_is_of_where_its_mentions_say_it_more_than_once(
    nlp: Language,
) -> None:
    def label(text: str, chosen: int = 0) -> str:
        doc = nlp(text)
        blockade = subjects._Draft("blockade", 1.0)
        blockade.add([doc[t.i : t.i + 1] for t in doc if t.lower_ == "blockade"])
        return subjects._labelled(blockade, blockade.mentions[chosen]).text

    twice = "The blockade began. The blockade of the port held. The blockade of the port ended."
    assert label(twice) == "blockade of the port"
    # Said once, the phrase is an aside, not what the subject is of.
    assert label("The blockade began. The blockade of the shed held. The blockade ended.") == (
        "blockade"
    )
    # A pronoun points back into the text and makes no label.
    assert label("The blockade of her town began.") == "blockade"
    # The phrase chosen as the label keeps what it says it is of.
    assert label("The blockade began. The blockade of the shed held.", 1) == (
        "blockade of the shed"
    )


FLOODS_TITLE = "Floods kill 12 in northern Estovia as river bursts its banks"
FLOODS = """At least 12 people have died after the Varna river burst its banks in northern Estovia, \
officials said on Wednesday.

Days of heavy rain sent the river to its highest level in 50 years, flooding the towns of Kirsk \
and Melno.

Rescue teams used boats to reach residents stranded on rooftops in the capital.

The floods cut power to 30,000 homes and closed the main railway line to the coast.

The government declared a state of emergency in three provinces as the floods spread."""


@pytest.mark.slow
def test_a_place_or_a_body_is_where_or_who_not_what(nlp: Language, lexicon: TopicLexicon) -> None:
    parsed = parse_article(nlp, FLOODS_TITLE, FLOODS)
    names = {"Estovia": ActorKind.COUNTRY, "Kirsk": ActorKind.PERSON}
    keys = [s.key for s in find_subjects(parsed, lexicon, known_actors(parsed, names), [], [])]
    # The headline names the river and its banks too, but the floods are what happened there.
    assert keys[:1] == ["flood"], keys
    assert not any(word in key for key in keys for word in ("river", "bank", "capital")), keys
    assert not any("team" in key for key in keys), keys


RECALL_TITLE = "Carmaker recalls 200,000 vehicles over faulty brakes"
RECALL = """Norvik Motors is recalling about 200,000 cars worldwide because a fault in the brake \
system can make them harder to stop, the company said on Thursday.

The recall covers two models built between 2021 and 2023.

Regulators said they had received 85 complaints about the brakes, but the company said newer \
cars were not affected.

Owners will be contacted by letter, and the company will replace the faulty part."""


@pytest.mark.slow
def test_the_act_a_headline_verb_names_is_the_subject_its_noun_names(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    parsed = parse_article(nlp, RECALL_TITLE, RECALL)
    # "recalls" in the headline is the text's "recall" (and "recalling").
    assert {"recall", "brake"} <= subjects.headline_words(parsed)
    actors = known_actors(parsed, {"Norvik Motors": ActorKind.ORG})
    keys = [s.key for s in find_subjects(parsed, lexicon, actors, [], [])]
    assert "recall" in keys, keys
    assert "company" not in keys, keys  # the company is the party that recalls


def test_regular_inflections_of_a_word_and_of_the_verb_a_noun_is_made_of() -> None:
    assert subjects._inflections("recall") >= {"recalls", "recalled", "recalling"}
    assert subjects._inflections("rally") >= {"rallies", "rallied"}
    assert subjects._inflections("ban") >= {"bans", "banned", "banning"}
    assert subjects._inflections("raise") >= {"raises", "raised", "raising"}
    assert "recal" not in subjects._inflections("recall")
    # A headline's verb for the text's noun.
    assert "withdraws" in subjects._forms("withdrawal")
    assert "merge" in subjects._forms("merger")
    assert "prosecuted" in subjects._forms("prosecution")
    assert "elects" in subjects._forms("election")
    assert "lands" in subjects._forms("landing")
    assert "pays" not in subjects._forms("paper")


@pytest.mark.slow
def test_a_headline_verb_names_the_noun_made_of_it(nlp: Language, lexicon: TopicLexicon) -> None:
    parsed = parse_article(
        nlp,
        "Two regional banks agree to merge in $4 billion deal",
        "Harbor Trust and Valley Savings said on Monday they would merge in a deal worth $4 "
        "billion, creating the largest lender in the region.\n\n"
        "The merger still needs approval from regulators.\n\n"
        "Analysts said the deal would help both lenders cut costs.\n\n"
        "The combined bank will keep about 300 branches, though some may close.",
    )
    assert "merger" in subjects.headline_words(parsed)
    names = {"Harbor Trust": ActorKind.ORG, "Valley Savings": ActorKind.ORG}
    keys = [s.key for s in find_subjects(parsed, lexicon, known_actors(parsed, names), [], [])]
    assert "merger" in keys, keys


@pytest.mark.slow
def test_two_labels_in_forms_of_the_same_words_name_one_subject(nlp: Language) -> None:
    doc = nlp("Virtual fences worked. Virtual fencing spread. The vote began. Voting ended.")

    def draft(head: str, start: int, end: int) -> subjects._Draft:
        made = subjects._Draft(head, 1.0)
        made.add([doc[start:end]])
        return made

    fences, fencing = draft("fence", 0, 2), draft("fencing", 4, 6)
    vote, voting = draft("vote", 9, 10), draft("voting", 12, 13)
    assert (fences.mentions[0].text, fencing.mentions[0].text) == (
        "Virtual fences",
        "Virtual fencing",
    )
    assert (vote.mentions[0].text, voting.mentions[0].text) == ("vote", "Voting")
    assert subjects._same_thing(fencing, fences, set())
    assert subjects._same_thing(voting, vote, set())
    assert not subjects._same_thing(voting, fences, set())


@pytest.mark.slow
def test_a_subject_that_a_configured_topic_covers_in_any_of_its_words_is_left_to_it(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    parsed = parse_article(
        nlp,
        "Rail workers walk out over pay",
        "Rail workers went on strike on Monday over pay and hours.\n\n"
        "The union rejected a 3 percent pay offer as too low.\n\n"
        "The rail company said its pay offer was fair and urged the union to talk.",
    )
    topics = find_topics(parsed, lexicon, known_actors(parsed, {}), [], [])
    assert "labour_dispute" in [t.key for t in topics]
    # "pay" founds a subject that "pay offer", the labour dispute's own phrase, joins.
    keys = [s.key for s in find_subjects(parsed, lexicon, known_actors(parsed, {}), [], [])]
    assert not any("pay" in key or "offer" in key for key in keys), keys
    assert not any("worker" in key or "union" in key for key in keys), keys


COURT_TITLE = "Top court strikes down Ruritania's ban on street protests"
COURT = """The Supreme Court of Ruritania on Tuesday struck down a two-year-old ban on street \
protests, ruling that it breached the constitution.

The ban, passed by parliament after riots in the capital, had made any unlicensed gathering of \
more than ten people a crime.

In a 5-2 ruling, the judges said the law went far beyond what was needed to keep order.

Interior Minister Tomas Brell said the government would respect the ruling.

Civil liberties groups welcomed the decision, and the police said they would release 40 people.

The ruling takes effect immediately."""


@pytest.mark.slow
def test_a_subject_the_text_names_as_often_as_the_best_one_is_a_main_subject(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    parsed = parse_article(nlp, COURT_TITLE, COURT)
    names = {"Supreme Court of Ruritania": ActorKind.ORG, "Tomas Brell": ActorKind.PERSON}
    keys = [s.key for s in find_subjects(parsed, lexicon, known_actors(parsed, names), [], [])]
    # The headline names the ban; the ruling, in as many sentences, ranks far below it.
    assert keys[:1] == ["ban"], keys
    assert "ruling" in keys, keys
    assert not any(word in key for key in keys for word in ("riot", "capital", "people")), keys


@pytest.mark.slow
def test_a_label_is_a_phrase_its_word_heads_not_one_it_only_modifies(nlp: Language) -> None:
    doc = nlp("The moon rose. Earlier moon missions failed.")
    moon = subjects._Draft("moon", 1.0)
    moon.add([doc[1:2], doc[4:7]])
    assert moon.mentions[1].text == "Earlier moon missions"
    # The longer phrase would win the tie on length: it is about missions.
    assert subjects._label_span(moon, {"moon"}).text == "moon"


@pytest.mark.slow
def test_a_subject_labelled_with_a_configured_topics_term_is_left_to_that_topic(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    parsed = parse_article(
        nlp,
        "Ruritania makes offer to the Green League",
        "Ruritania made an offer of a ceasefire to the Green League on Monday.\n\n"
        "The Green League said the offer of a ceasefire came too late.\n\n"
        "Karla Vent said the offer of a ceasefire was serious.\n\n"
        "Farmers hope the offer will let them return to their pastures.",
    )
    actors = known_actors(parsed, FENCE_ACTORS)
    assert "ceasefire" in [t.key for t in find_topics(parsed, lexicon, actors, [], [])]
    keys = [s.key for s in find_subjects(parsed, lexicon, actors, [], [])]
    assert "offer" not in keys, keys


@pytest.mark.slow
def test_a_word_before_a_labels_noun_does_not_make_it_a_configured_topics(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    parsed = parse_article(
        nlp,
        "Health officials warn of measles outbreak as vaccination rates fall",
        "Health officials in Ostland warned of a measles outbreak after 45 cases were confirmed.\n\n"
        "Vaccination rates have fallen to 84 percent, the health ministry said.\n\n"
        "Vaccination rates must reach 95 percent to stop the disease, doctors said.",
    )
    actors = known_actors(parsed, {"Ostland": ActorKind.COUNTRY})
    assert "outbreak" in [t.key for t in find_topics(parsed, lexicon, actors, [], [])]
    # "vaccination" is one of the outbreak topic's words; "vaccination rates" are rates.
    keys = [s.key for s in find_subjects(parsed, lexicon, actors, [], [])]
    assert "vaccination_rate" in keys, keys


def test_parties_named_alike_keep_the_texts_order(nlp: Language) -> None:
    # Six parties named once each in one sentence tie on every count: the text's order decides,
    # never the order a set happens to iterate in (which changes with the hash seed).
    names = ["Ada Lind", "Bo Rask", "Cai Mora", "Dag Veln", "Eli Stark", "Fen Quill"]
    parsed = parse_text(nlp, ", ".join(names[:-1]) + f" and {names[-1]} met on the ferry strike.")
    doc = parsed.doc
    people = [actor(name) for name in names]
    token_actor = {
        t.i: person.id for person in people for t in doc if t.text == person.name.split()[1]
    }
    index = ActorIndex(actors=people, token_actor=token_actor)
    parties = subjects._parties(parsed, index, [0], [])
    assert [p.actor for p in parties] == names


@pytest.mark.parametrize(
    "lemma",
    ["recall", "withdrawal", "rally", "ban", "raise", "merger", "election", "landing", "agreement",
     "strike", "tie", "eye", "ski", "bus", "fix", "deny", "cry", "sue", "see", "vote", "go"],
)  # fmt: skip
def test_every_form_of_a_word_starts_with_its_first_two_letters(lemma: str) -> None:
    """headline_words makes a word's forms only when a headline word starts as it does."""
    forms = subjects._forms(lemma)
    assert forms
    if len(lemma) >= 3:
        assert {form[:2] for form in forms} == {lemma[:2]}


def test_a_headline_verb_names_the_noun_the_text_uses(nlp: Language) -> None:
    """ "Carmaker recalls cars" is about the recall; "withdraws" about the withdrawal."""
    for title, body, lemma in [
        ("Carmaker recalls cars", "The recall covers 20,000 cars sold since May.", "recall"),
        ("Army withdraws from border", "The withdrawal began on Monday.", "withdrawal"),
    ]:
        words = subjects.headline_words(parse_article(nlp, title, body))
        assert lemma in words, title
