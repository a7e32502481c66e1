"""Discovered subjects on the shapes of news copy beyond the hard news lead: a feature that
opens on a scene, a sports result, a story told of people, places and times."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.briefing import subjects
from bot.briefing.actors import ActorIndex
from bot.briefing.lexicon import TopicLexicon
from bot.briefing.models import ActorKind, Topic
from bot.briefing.places import PlaceIndex
from bot.briefing.subjects import find_subjects
from tests.test_quotes import known_actors
from tests.test_subjects import chunk_subjects, parse_article


def subjects_of(
    nlp: Language,
    lexicon: TopicLexicon,
    title: str,
    text: str,
    names: dict[str, ActorKind] | None = None,
) -> list[Topic]:
    parsed = parse_article(nlp, title, text)
    return find_subjects(parsed, lexicon, known_actors(parsed, names or {}), [], [])


def keys_of(found: list[Topic]) -> list[str]:
    return [subject.key for subject in found]


FERRY_TITLE = "The last boatman of the Ambler"
FERRY = """Every morning at six, Joe Tarrant pushes his wooden boat into the brown water and waits \
for his first passenger.

For 41 years he has carried farmers, schoolchildren and the occasional tourist across the \
river, which has no bridge for 20 miles in either direction.

The crossing takes four minutes and costs a dollar, and the ferry has never missed a day.

But the days of the ferry may be numbered. The county plans to build a bridge a mile upstream.

Officials say the ferry will close when the bridge opens in 2027.

"People tell me it's progress," Tarrant said, coiling a rope. "But a bridge won't know your name."

Many in the village want the bridge, which will cut their drive to the hospital by half an hour.

The county engineer said the bridge would cost $14 million."""


@pytest.mark.slow
def test_a_lone_noun_a_feature_keeps_coming_back_to_is_its_subject(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    # The lead is a scene and the headline a portrait: neither names the bridge or the ferry,
    # but most of the sentences do.
    keys = keys_of(subjects_of(nlp, lexicon, FERRY_TITLE, FERRY, {"Joe Tarrant": ActorKind.PERSON}))
    assert {"bridge", "ferry"} <= set(keys), keys
    # What it names once or twice stays out ("the occasional tourist", "the hospital").
    assert not {"tourist", "hospital", "drive", "rope"} & set(keys), keys


LOANS_TITLE = "Students face higher interest on their student loans"
LOANS = """Students will pay more interest on their student loans from September, the education \
department said on Monday.

The rate on student loans will rise to 7 percent, the highest level since the loans were \
introduced.

Students already owe more than 40,000 on average when they graduate, and many students say \
they will never repay their student loans.

Student leaders called the rise unfair to students from poor families."""


@pytest.mark.slow
def test_a_thing_named_after_the_people_it_concerns_is_still_a_subject(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    # "student loans" are loans, whatever share of them students hold: the students are the
    # story's party and the loans its subject.
    keys = keys_of(subjects_of(nlp, lexicon, LOANS_TITLE, LOANS))
    assert "student_loan" in keys, keys
    assert not any(key.startswith("student") and key != "student_loan" for key in keys), keys


FINAL_TITLE = "Harbourside beat Millbrook to win the cup for the first time"
FINAL = """Harbourside won the cup for the first time on Saturday, beating Millbrook 3-1 in a \
final played in heavy rain.

Millbrook led at half-time, but Harbourside scored three times in the second half.

"It took us a long time, and this cup means everything," said the Harbourside captain.

Millbrook had won the cup four times in the last ten years."""


@pytest.mark.slow
def test_the_teams_and_the_times_of_a_result_are_no_subjects(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    parsed = parse_article(nlp, FINAL_TITLE, FINAL)
    actors = known_actors(parsed, {"Harbourside": ActorKind.ORG, "Millbrook": ActorKind.ORG})
    # The headline's names are the clubs even where the actor index did not claim them there.
    headline = parsed.sentences[0]
    unclaimed = {i: a for i, a in actors.token_actor.items() if i >= headline.end}
    actors = ActorIndex(actors=actors.actors, token_actor=unclaimed)
    keys = keys_of(find_subjects(parsed, lexicon, actors, [], []))
    assert "cup" in keys, keys
    assert not {"harbourside", "millbrook", "time", "first_time"} & set(keys), keys


STORM_TITLE = "Storm cuts power across the rural north"
STORM = """A storm with winds of up to 120 km/h cut power to 60,000 homes across the rural north \
on Tuesday night, the grid operator said.

Crews worked through the night to restore power, but thousands of homes in the north could be \
without electricity until Friday, the operator said.

The storm also felled trees onto roads and rail lines across the north, and schools stayed \
closed."""


@pytest.mark.slow
def test_a_point_of_the_compass_is_where_not_what(nlp: Language, lexicon: TopicLexicon) -> None:
    keys = keys_of(subjects_of(nlp, lexicon, STORM_TITLE, STORM))
    assert "storm" in keys, keys
    assert not any("north" in key for key in keys), keys


DROUGHT_TITLE = "Farmers face water cuts in the worst drought for 40 years"
DROUGHT = """Farmers in the southern valleys will have their water allowances cut by half this \
summer as the worst drought for 40 years drains the reservoirs, the water authority said.

Reservoirs stood at a quarter of capacity after the driest winter on record, and the drought \
is expected to last into the autumn.

"Half the water means half the harvest," said one fruit grower."""


@pytest.mark.slow
def test_a_superlative_ranks_a_subject_and_is_no_part_of_its_name(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    found = subjects_of(nlp, lexicon, DROUGHT_TITLE, DROUGHT)
    drought = [s for s in found if "drought" in s.key]
    assert [(s.key, s.label) for s in drought] == [("drought", "Drought")], keys_of(found)


@pytest.mark.slow
def test_a_change_is_labelled_with_what_changed_not_where(nlp: Language) -> None:
    doc = nlp(
        "The fall in vaccination rates worried doctors. The fire in the capital spread quickly."
    )
    fall, fire = doc[1:2], doc[9:10]
    assert subjects.label_text(subjects._with_complement(fall)) == "Fall in vaccination rates"
    assert subjects._with_complement(fire).text == "fire"  # "in" a place says where


MEASLES_TITLE = "Measles cases rise as vaccination rates fall"
MEASLES = """Measles cases have risen to their highest level in 15 years, health officials \
said, as vaccination rates among young children fell below 90 percent.

The agency blamed false claims about vaccines for the fall in vaccination rates.

Doctors said the fall in vaccination rates had left whole schools at risk, and that measles \
cases would keep rising until vaccination rates recovered."""


@pytest.mark.slow
def test_a_change_in_a_subject_is_that_subject(nlp: Language, lexicon: TopicLexicon) -> None:
    keys = keys_of(subjects_of(nlp, lexicon, MEASLES_TITLE, MEASLES))
    assert "vaccination_rate" in keys, keys
    assert "fall" not in keys, keys


def test_a_headline_verb_names_the_noun_its_ending_makes_of_it() -> None:
    # "Council votes to close libraries" over "the closures", and the like.
    verbs = {"closure": "close", "failure": "fails", "acceptance": "accepts"}
    verbs |= {"guidance": "guided", "interference": "interferes"}
    assert {noun for noun, verb in verbs.items() if verb in subjects._forms(noun)} == set(verbs)
    assert "closes" not in subjects._forms("clove")


PROTEST_TITLE = "Parents march against plan to close village schools"
PROTEST = """Hundreds of parents marched through the town on Saturday against a plan to close 40 \
village schools.

The ministry says the closures would save money and give pupils better teachers.

Parents say the closures would force young children to travel an hour each way.

The ministry said it would not withdraw the plan, and the union said it would fight it in \
court."""


@pytest.mark.slow
def test_the_noun_of_a_headline_verb_is_a_subject(nlp: Language, lexicon: TopicLexicon) -> None:
    keys = keys_of(subjects_of(nlp, lexicon, PROTEST_TITLE, PROTEST))
    assert "closure" in keys, keys


FINE_TITLE = "Regulator fines social media firm 300 million over children's data"
FINE = """The data protection regulator on Wednesday fined the social media company Chatterly 300 \
million euros for breaking privacy law in the way it handled children's personal data.

The regulator found that Chatterly had made the accounts of users aged 13 to 17 public by \
default, exposing their phone numbers and email addresses to anyone.

"Children's data deserves the highest protection, and this company failed to give it," the \
regulator's commissioner, Anna Berg, said.

Chatterly said it disagreed with the size of the fine and would appeal. The company said it \
had changed its settings in 2022 so that teenagers' accounts are private by default.

The fine is the second largest the regulator has imposed under the data protection law."""


@pytest.mark.slow
def test_people_named_at_a_sentences_start_are_still_people(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    # "Children" opening a sentence reads as a name with its plural for a lemma: still people.
    found = subjects_of(nlp, lexicon, FINE_TITLE, FINE, {"Chatterly": ActorKind.ORG})
    keys = keys_of(found)
    assert not any(key.startswith(("child", "user", "teenager")) for key in keys), keys
    assert "fine" in keys, keys


WALKERS_TITLE = "Toy maker recalls baby walkers after wheels come off"
WALKERS = """A toy maker is recalling about 500,000 baby walkers because the wheels can come \
off and cause falls, safety regulators said on Monday.

The toy maker said it had received 37 reports of wheels detaching, and that the recall covers \
walkers sold since March 2022.

Parents should stop using the walkers and ask the toy maker for a refund, the regulators \
said."""


@pytest.mark.slow
def test_who_makes_a_thing_is_a_party_not_a_subject(nlp: Language, lexicon: TopicLexicon) -> None:
    keys = keys_of(subjects_of(nlp, lexicon, WALKERS_TITLE, WALKERS))
    assert {"recall", "baby_walker"} <= set(keys), keys
    assert not any(key.endswith("maker") for key in keys), keys


FERRY_FARES_TITLE = "Islanders block harbour in protest against higher ferry fares"
FERRY_FARES = """Dozens of islanders blocked the harbour of Port Veller with fishing boats on \
Saturday in protest against the new ferry fares.

The fares, which came in this month, double the price of a return ticket for cars.

The island council said the ferry fares were set by the operator and that it had asked for a \
discount for residents.

The operator said the ferry fares had not risen for nine years and were needed to pay for \
new engines."""


@pytest.mark.slow
def test_an_act_on_a_subject_labels_it_with_what_it_is_of(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    # The headline names the protest and the fares it is against: one subject, labelled in
    # the words that name both, keyed on the fares the text keeps naming.
    found = subjects_of(nlp, lexicon, FERRY_FARES_TITLE, FERRY_FARES)
    fares = next((s for s in found if "fare" in s.key), None)
    assert fares is not None, keys_of(found)
    assert "protest" in fares.label.lower(), fares.label
    assert not any(s.key.startswith("protest") for s in found if s is not fares), keys_of(found)


RATES_TITLE = "Central bank raises interest rates for third time this year"
RATES = """The central bank of Ostria raised its main interest rate by half a percentage point \
to 5.25 percent on Thursday, its third increase this year, as it tries to bring down inflation.

Inflation reached 7.8 percent in October, the highest level in two decades, driven by food and \
energy prices.

Governor Paulo Mendes said further rises could not be ruled out. "Price stability is our \
mandate, and we will do what it takes," he told reporters.

Business groups warned that higher borrowing costs would hurt small firms and homeowners with \
mortgages. The Ostrian Chamber of Commerce called for a pause in rate rises.

Mortgage rates have already doubled since last year, and house prices have begun to fall.

Economists expect inflation to ease next year as energy prices fall."""


@pytest.mark.slow
def test_a_unit_alone_can_still_name_a_subject(nlp: Language) -> None:
    doc = nlp("The euro fell after the bank paid 60 million euros and rates rose half a point.")
    euros = [token for token in doc if token.lower_.startswith("euro")]
    assert not subjects._counted_unit(euros[0])  # "the euro": a currency, a subject
    assert subjects._counted_unit(euros[1])  # "60 million euros": an amount
    point = next(token for token in doc if token.lower_ == "point")
    assert not subjects._counted_unit(point)  # a point alone may be what a match is played for


WARNING_TITLE = "Health officials warn of rising measles cases as vaccination rates fall"
WARNING = """Health officials warned on Monday that measles cases had risen to their highest \
level in 15 years, as the share of children vaccinated against the disease fell below 90 percent.

The National Health Agency recorded 1,240 measles cases in the first half of the year, against \
210 in the same period last year. Most were in children under five who had not been vaccinated.

Measles is highly contagious and can cause pneumonia and brain swelling. Three children have \
died this year.

The agency urged parents to check that their children had received both doses of the vaccine and \
said it would open walk-in clinics in schools next month.

"Every case is preventable," said the agency's director, Dr. Paula Mendes. She blamed false \
claims about vaccine safety spread on social media for the fall in vaccination rates.

Doctors' groups called for schools to require proof of vaccination."""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("title", "text", "names", "subject", "detail"),
    [
        # "Half a percentage point" says by how much the rate rose: an amount.
        (
            RATES_TITLE,
            RATES,
            {"Paulo Mendes": ActorKind.PERSON, "Ostrian Chamber of Commerce": ActorKind.ORG},
            "main_interest_rate",
            "percentage_point",
        ),
        # Social media is only where the false claims spread, as a place's name would be.
        (
            WARNING_TITLE,
            WARNING,
            {"National Health Agency": ActorKind.ORG, "Paula Mendes": ActorKind.PERSON},
            "measles_case",
            "social_media",
        ),
    ],
    ids=["a unit with its number is an amount", "a thing named only where acts happen"],
)
def test_an_amount_or_a_setting_takes_no_subjects_slot(
    nlp: Language,
    lexicon: TopicLexicon,
    title: str,
    text: str,
    names: dict[str, ActorKind],
    subject: str,
    detail: str,
) -> None:
    keys = keys_of(subjects_of(nlp, lexicon, title, text, names))
    assert subject in keys, keys
    assert detail not in keys, keys


@pytest.mark.slow
def test_a_bare_noun_after_a_preposition_is_no_setting(nlp: Language) -> None:
    # "On strike" and "in protest" say what the workers did, not where.
    doc = nlp("Dock workers went on strike and marched in protest at the harbour.")
    nouns = {token.lower_: token for token in doc}
    strike = subjects._Draft("strike", 1.0)
    strike.add([doc[nouns["strike"].i : nouns["strike"].i + 1]])
    harbour = subjects._Draft("harbour", 1.0)
    harbour.add([doc[nouns["harbour"].i - 1 : nouns["harbour"].i + 1]])
    assert not subjects._only_where(strike)
    assert subjects._only_where(harbour)


@pytest.mark.slow
def test_a_shell_noun_names_no_subject_unless_a_noun_says_what_kind(nlp: Language) -> None:
    _, spans = chunk_subjects(
        nlp,
        "The fact that the old bridge fell surprised no one.\n\n"
        "Engineers looked for ways to rebuild it amid mounting concerns, and Vessa's concerns "
        "about engine difficulties on the cranes.",
        {},
    )
    kept = {text: span.text for text, span in spans.items() if span is not None}
    # The content is the subject ("the old bridge"); the shell that stands for it is none.
    assert not {"The fact", "ways", "mounting concerns", "Vessa's concerns"} & set(kept), kept
    assert kept["the old bridge"] == "old bridge"
    # A common noun before a shell noun says what kind: a thing of its own.
    assert kept["engine difficulties"] == "engine difficulties"


FERRY_LINK_TITLE = "Islanders seek ways to keep their ferry link"
FERRY_LINK = """Islanders on Tarn Holm are looking for ways to keep their ferry link after the \
operator said it would end the crossings in May.

The fact that the ferry link loses money every winter has worried the island council for years.

Mounting concerns over the ferry link led the council to call a public meeting on Thursday."""


@pytest.mark.slow
def test_a_story_about_a_thing_is_not_about_the_ways_and_concerns_around_it(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    keys = keys_of(subjects_of(nlp, lexicon, FERRY_LINK_TITLE, FERRY_LINK))
    assert "ferry_link" in keys, keys
    assert not {"way", "fact", "concern", "mounting_concern"} & set(keys), keys


SHELLING_TITLE = "Shelling drives civilians across the Orrin"
SHELLING = """Shelling of the border villages drove hundreds of civilians across the Orrin river \
on Monday, aid groups said.

The civilians crossed at night, and refugees now fill two camps near Lesk.

The opposition blamed the army for the shelling, and the refugees said the shelling had gone on \
for a week."""


@pytest.mark.slow
def test_people_a_conflict_befalls_and_the_opposition_are_its_parties(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    keys = keys_of(subjects_of(nlp, lexicon, SHELLING_TITLE, SHELLING))
    assert "shelling" in keys, keys
    assert not {"civilian", "refugee", "opposition"} & set(keys), keys


@pytest.mark.slow
def test_goods_and_products_say_what_kind_only_with_a_noun(nlp: Language) -> None:
    _, spans = chunk_subjects(
        nlp, "The new levy on imported goods hit the dairy products of the island farms.", {}
    )
    kept = {text: span.text for text, span in spans.items() if span is not None}
    assert "imported goods" not in kept, kept
    assert kept["the dairy products"] == "dairy products"
    assert kept["The new levy"] == "new levy"


LOCUST_TITLE = "Locust swarms strip crops across a small inland country"
LOCUST = """Locust swarms stripped crops across the small inland country of Dallen this week, farm \
officials said.

The swarms reached the capital on Tuesday, and the country has asked its neighbours for spray \
planes.

Farmers said the swarms were the worst the country had seen in a generation."""


@pytest.mark.slow
def test_a_country_is_where_a_story_happens(nlp: Language, lexicon: TopicLexicon) -> None:
    keys = keys_of(subjects_of(nlp, lexicon, LOCUST_TITLE, LOCUST))
    assert any(key.endswith("swarm") for key in keys), keys
    assert not any(key.endswith("country") for key in keys), keys


@pytest.mark.slow
def test_in_the_world_says_where_not_what_of(nlp: Language) -> None:
    doc = nlp("Makers of candles in the world met in Lorne.")
    candles = doc[2:3]
    assert subjects._with_complement(candles).text == "candles"


LANDSLIDE_TITLE = "Landslide buries a mountain road near Kell"
LANDSLIDE = """A landslide buried a mountain road near Kell on Sunday, and earlier reports said \
two cars were caught under the mud.

Later broadcasts put the number of cars at one, and rescuers dug the driver out alive.

The landslide followed a week of rain, and the road will stay shut while engineers check the \
slope."""


@pytest.mark.slow
def test_the_reports_and_broadcasts_a_story_cites_are_its_sources_not_its_subject(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    keys = keys_of(subjects_of(nlp, lexicon, LANDSLIDE_TITLE, LANDSLIDE))
    assert "landslide" in keys, keys
    assert not any(key.endswith(("broadcast", "report")) for key in keys), keys


@pytest.mark.slow
def test_a_portion_of_a_thing_or_what_is_left_of_it_is_named_by_that_thing(
    nlp: Language,
) -> None:
    _, spans = chunk_subjects(
        nlp,
        "Pupils drank three servings of fizzy juice a day.\n\n"
        "The remains of the old mill were found near Carrow Fen.",
        {},
    )
    kept = {text: span.text for text, span in spans.items() if span is not None}
    assert not {"three servings", "The remains"} & set(kept), kept
    assert kept["fizzy juice"] == "fizzy juice"
    assert kept["the old mill"] == "old mill"


BEMBA_TITLE = "Rebels and army trade blame over the truce"
BEMBA = """Talks between the army and the rebels stalled on Wednesday over the truce, officials said.

Church radio said the town of Bemba in Upper Lune State had been "wiped out" after a week of \
shelling.

Aid workers said the farms from Bemba to the lake were empty."""


@pytest.mark.slow
def test_a_place_is_where_wherever_the_text_names_it(nlp: Language, lexicon: TopicLexicon) -> None:
    parsed = parse_article(nlp, BEMBA_TITLE, BEMBA)
    actors = known_actors(parsed, {})
    # The gazetteer reads the first "Bemba" as the town; the model labels the second otherwise.
    first = next(token.i for token in parsed.doc if token.text == "Bemba")
    places = PlaceIndex(token_place={first: "Bemba"})
    keys = keys_of(find_subjects(parsed, lexicon, actors, [], [], places))
    # A name ending in a kind of place is a place too.
    assert not {"bemba", "upper_lune_state"} & set(keys), keys


HILLS_TITLE = "Shelling spreads across Upper Lune State"
HILLS = """Shelling spread across Upper Lune State on Friday, as troops loyal to the general's \
rival pushed into the hills, aid workers said.

Upper Lune State has had no food deliveries since the shelling began, and the rival's troops \
now hold the only road.

Aid workers said the shelling had emptied the farms of Upper Lune State."""


@pytest.mark.slow
def test_a_rival_is_a_party_not_a_subject(nlp: Language, lexicon: TopicLexicon) -> None:
    keys = keys_of(subjects_of(nlp, lexicon, HILLS_TITLE, HILLS))
    assert "shelling" in keys, keys
    assert "rival" not in keys, keys


STANDOFF_TITLE = "Port stand-off enters its second week"
STANDOFF = """The stand-off at the port of Lesk entered its second week on Monday, as dockers kept \
the gates shut.

Shipping firms said the stand-off had cost them millions.

The dockers said the stand-off would end when the port board met them."""


@pytest.mark.slow
def test_a_noun_written_with_a_hyphened_particle_keeps_it(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    found = subjects_of(nlp, lexicon, STANDOFF_TITLE, STANDOFF)
    assert ("stand_off", "Stand-off") in [(s.key, s.label) for s in found], keys_of(found)


GAGGLE_TITLE = "Press Gaggle by Spokesperson Maren Tolle"
GAGGLE = """MS. TOLLE: Good morning. The harbour repairs will start in April, and the council has \
set aside money for the pier.

Q Will the ferry fares go up?

MS. TOLLE: The fares will not change this year.

Q And the boatyard strike?

MS. TOLLE: The strike talks went on late into the night, and both sides said they were close \
to a deal on wages.

Q Thank you."""


@pytest.mark.slow
def test_a_transcript_s_speaker_labels_name_no_subject(
    nlp: Language, lexicon: TopicLexicon
) -> None:
    keys = keys_of(subjects_of(nlp, lexicon, GAGGLE_TITLE, GAGGLE))
    # "Q" and "MS. TOLLE:" say who speaks; what they speak of is the subject.
    assert not {"q", "tolle", "ms_tolle"} & set(keys), keys
    assert keys, "the transcript names subjects of its own"
