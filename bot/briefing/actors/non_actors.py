"""Names that are not parties to the story, though the model tags them as organisations.

- Things: a name whose words after the first hold a noun for a road, building, landmark,
  vehicle, product or system ("Elm Street", "the Orbis Navigation System"), that follows such a
  noun ("hurricane Dorinda"), that the text calls one ("Orbis is the most used browser", "the
  worst strains are Zeta and Kappa") or
  that ends in a document's noun ("the Harbour Health Survey") or that names a vehicle another
  owns ("the agency's Kestrel helicopter") names no party, unless it speaks.
- Passing references: a body named once, only as a modifier or after a locating or qualifying
  preposition, and never acting.
- Eponyms and numbered names: a person named only inside what is named after them ("the Ann
  Lee International Airport", "the Brandt Act") is no party; nor is a name with a number in it,
  a model, mission or disease ("Kestrel 4", "VX-24"), unless it speaks.
- Works: a person named once, with no role, only as who a work is by or whom it shows or
  remembers ("a song by Ann Lee", "a portrait of Ivo Brandt") is named in passing; a name set
  beside a work's noun ("the song, Blue Harbour,") is the work.
- Background: a body named once as a named person's employer or past ("Ann Lee, a researcher
  at the Tern Institute,", "who studied at ...", "a former Tern Foods banker", "Lee was a
  partner at Tern & Vardel", "Lee was at Tern University, where she taught") is no party;
  one whose unnamed people act ("researchers at the Tern Institute said") or that speaks
  through its officer ("Tern Foods chief executive Ann Lee") is.
- Then: a person named once by the office they held then ("under then-president Ivo Brandt"),
  neither acting nor speaking, is a point in the past.
- Yardsticks and history: a name only ever inside a comparison or a dating against the past
  ("the worst since the 1976 war with Ruritania", "in line with Vardel", "compared with ...")
  takes no part in the story.
- Common nouns: one capitalised word the text also writes in lower case, at least as often, as an
  ordinary word ("Erosion is the main threat" in a story about erosion) is no name.
- Letters after a name: an abbreviation set off right after a person's name ("Ann Lee, QC,
  said") is an honour or a rank, not a body.
- Posts: a body's name that opens with a title and "of" ("the Commissioner of Harbours") is a
  post without a person.
- Regions: an abbreviation right after a place and a comma ("Vardel, TX", "the Tollan, D.C.
  office") is the state or region the place is in.
- Languages: a name that is what someone speaks ("she speaks Tamil and Dutch") is a language.
- Labels: a name only ever written before a common noun for a thing it qualifies ("the Zeta
  variant", "the Harbour Prize awards", "Lantern Run races") names a kind of thing, not a party;
  a noun for people or a body ("the Acme spokesman", "the Brandt administration") keeps it.
- Countries in passing: a country named in a sentence or two only, and there only as where or
  whose something is ("in a country like Ruritania", "Ruritanian teams", "the Ruritanian
  president", "in Ruritania's history") or as the subject of "be", is in neither list
  (GOLD.md); one that acts, is acted on, owns part of a party or deals with one ("talks with
  Ruritania") stays.
- Sources: a news outlet or platform cited for what it published ("the Daily Courier reported",
  "told Channel 9 News", "a video posted on the platform", "followers on Streamly", "told KTRV,
  '...'", "told KTRV that ...", "KTRV has learned that") is no party unless the story is about
  it: a name with a media word counts only where it acts, any other name is dropped when every
  mention of it is a citation; a name the model took for a person's that is only where words
  were said or posted ("said on Streamly") is a platform.
- The newsroom: the outlet's own journalist, who only tells the story ("Ann Lee has the story",
  "narrated by Ivo Brandt", "correspondent Ann Lee reports") or does a reporter's work in it,
  and the outlet named only as that journalist's ("Vessa Radio's Ann Lee"), are no parties.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.briefing.actors.reading import (
    ACRONYM,
    Draft,
    Mention,
    Reading,
    is_subject,
    names_a_person,
    speaks,
)
from bot.briefing.layouts import is_contact_line, reporter_aside, stage_note_at
from bot.briefing.models import ActorKind
from bot.briefing.roles import is_person_noun
from bot.briefing.vocabulary import (
    AGENT_NOUNS,
    GOVERNMENT_NOUNS,
    GROUP_HEAD_NOUNS,
    HOLIDAYS,
    INSTITUTION_NOUNS,
    MEDIA_NAME_WORDS,
    OFFICE_NOUNS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    OUTLET_NOUNS,
    REPORT_NOUNS,
    REPORT_VERBS,
    SKY_NAMES,
    SPEECH_VERBS,
    STANCE_NOUNS,
    THING_NOUNS,
    TITLE_WORDS,
    VEHICLE_NOUNS,
    WORK_NOUNS,
)

_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "agent"})
# Endings of names that end in "s" without being plural ("Lotus", "Janus", "Memphis").
_NOT_PLURAL = ("ss", "is", "us", "as")
# Nouns whose modifier is who does the act or whose people they are ("the Tern Guild takeover
# bid", "Vardel fans"): a name before them is a party, not a label.
_DOER_NOUNS = frozenset(
    {
        "attack", "deal", "talks", "bid", "win", "victory", "defeat", "vote", "raid", "visit",
        "takeover", "merger", "announcement", "statement", "lawsuit", "investigation", "probe",
        "fan", "staff", "employee", "people", "crew", "squad", "family", "share", "stock",
    }
)  # fmt: skip
# Last words of a document's name: "the Harbour Health Survey", "the National Diet Study".
_DOCUMENT_NOUNS = frozenset({"study", "survey", "poll", "report", "census", "audit"})
# Last words of an award's name: "the Orrin Merit Scholarship", "the Tolle Prize".
_HONOUR_NOUNS = frozenset({"scholarship", "fellowship", "prize", "award", "trophy"})
# Prepositions whose object is a party to what the clause tells: "talks with", "a war against",
# "a deal between", "sold to".
_PARTY_PREPOSITIONS = frozenset({"with", "against", "between", "to"})
# Verbs of gathering figures whose agent is where the figures come from: "analysts polled by",
# "data compiled by".
_DATA_VERBS = frozenset({"poll", "compile", "survey", "tally"})
# Prepositions that place a citation: "published in", "said on", "shared via".
_SOURCE_PREPOSITIONS = frozenset({"in", "on", "via"})
# Prepositions that place something on or beside a road, a river, a landmark.
_LOCATING = frozenset({"on", "along", "near", "off", "across", "at", "onto", "beside"})


def drop_non_parties(reading: Reading) -> None:
    """Drafts of things, of bodies named in passing and of outlets cited as sources go."""
    for draft in list(reading.drafts.values()):
        if draft.kind is ActorKind.COUNTRY:
            if _country_in_passing(draft, reading):
                _drop(reading, draft)
            continue
        if (
            _is_common_noun(draft, reading)
            or _is_language(draft, reading)
            or _after_a_name(draft, reading)
            or _only_a_label(draft, reading)
            or _is_thing(draft, reading)
            or (draft.kind is not ActorKind.PERSON and _is_cited_source(draft, reading))
            or (draft.kind is ActorKind.PERSON and _a_platform_cited(draft, reading))
            or _in_passing(draft, reading)
            or _person_in_passing(draft, reading)
            or _named_as_then(draft, reading)
            or _only_compared(draft, reading)
            or _names_a_thing_after_someone(draft, reading)
            or _lone_kind_word(draft, reading)
            or _numbered(draft, reading)
            or _names_a_storm(draft.name.split())
            or _names_a_fire(draft, reading)
            or _is_building(draft, reading)
            or _only_instances(draft, reading)
            or _named_as_a_place(draft, reading)
            or _only_stage_notes(draft, reading)
            or _only_addressed(draft, reading)
            or (draft.kind is ActorKind.ORG and _only_contacts(draft, reading))
            or _names_a_sky_body(draft, reading)
            or _names_a_post(draft)
            or _a_places_region(draft, reading)
            or _names_listed_people(draft, reading)
            or _names_a_market_gauge(draft, reading)
            or _names_a_holiday(draft, reading)
        ):
            _drop(reading, draft)
    # Once the things are gone: what is left of a thing's name is the thing's short form.
    things = _things_named(reading)
    for draft in list(reading.drafts.values()):
        if _short_for_a_thing(draft, reading, things):
            _drop(reading, draft)
    # The newsroom's own people go, and then the outlet named only as theirs.
    journalists = [d for d in reading.drafts.values() if _the_storys_journalist(d, reading)]
    newsroom = {i for d in journalists for i in _written_about(d)}
    for draft in journalists:
        _drop(reading, draft)
    for draft in list(reading.drafts.values()):
        if draft.kind is not ActorKind.COUNTRY and _only_the_newsrooms(draft, reading, newsroom):
            _drop(reading, draft)


# Nouns for who reports, presents or narrates a story for the outlet that runs it.
_JOURNALIST_NOUNS = frozenset(
    {"reporter", "correspondent", "journalist", "narrator", "presenter", "anchor"}
)
# Verbs whose subject tells the story to the audience: "Ann Lee reports from Vardel", "as
# correspondent Ann Lee reports,", "the story, narrated by Ivo Brandt".
_TELLING_VERBS = frozenset({"report", "narrate", "present"})
# What a journalist "has" for the audience: "Ann Lee has the story", "Ivo Brandt has more".
_TOLD_NOUNS = frozenset({"story", "more", "report", "detail", "details"})
# What a reporter does on the job, beside telling: "reporter Ann Lee spoke with one farmer",
# "correspondent Ivo Brandt brings the views of three economists".
_REPORTING_VERBS = frozenset({"speak", "talk", "interview", "bring", "visit", "meet", "cover"})
# Verbs that invite the audience to a report: "Watch Ann Lee's report from Vardel", "Listen to".
_AUDIENCE_VERBS = frozenset({"watch", "read", "listen", "see", "hear"})


def _the_storys_journalist(draft: Draft, reading: Reading) -> bool:
    """The person only reports, presents or narrates the story ("Ann Lee has the story",
    "narrated by Ivo Brandt", "Watch Ann Lee's report"), or is a reporter or correspondent who
    only does a reporter's work in it ("reporter Ann Lee spoke with one farmer"): the outlet's
    own journalist, who makes the story and takes no part in it (GOLD.md). A reporter who is
    acted on ("reporter Ann Lee was arrested") or who says something is a party. The model
    takes many a journalist's name for a body's: a name that only tells the story goes
    whatever its tag."""
    heads = _heads(draft, reading)
    if draft.kind is ActorKind.COUNTRY or not heads:
        return False
    if all(_tells_the_story(head) for head in heads):
        return True
    if draft.kind is not ActorKind.PERSON:
        return False
    role = reading.tokens[draft.role_head] if draft.role_head is not None else None
    return (
        role is not None
        and role.lemma_.lower() in _JOURNALIST_NOUNS
        and all(
            _tells_the_story(head)
            or (head.dep_ == "nsubj" and head.head.lemma_.lower() in _REPORTING_VERBS)
            for head in heads
        )
    )


def _tells_the_story(head: Token) -> bool:
    if reporter_aside(head):
        return True  # "according to Ann Lee, reporting for the Courier"
    verb = head.head
    lemma = verb.lemma_.lower()
    deps = {c.dep_ for c in verb.children}
    if head.dep_ == "nsubj" and lemma in _TELLING_VERBS:
        # "reports from Vardel", "as Ann Lee reports,"; what a party reports has an object or a
        # clause ("Ann Lee reported the theft", "reported that ..."), and "reports to" a boss.
        return not deps & {"dobj", "ccomp"} and not any(
            c.lower_ == "to" for c in verb.children if c.dep_ == "prep"
        )
    if head.dep_ == "nsubj" and lemma == "have":
        return any(c.dep_ == "dobj" and c.lower_ in _TOLD_NOUNS for c in verb.children)
    if head.dep_ == "pobj" and verb.dep_ == "agent":
        # "Reported by Ann Lee." as a credit, or "the story, narrated by Ivo Brandt"; not "the
        # theft was reported by Ann Lee", whose verb has a subject.
        passive = verb.head
        return (
            passive.lemma_.lower() in _TELLING_VERBS
            and "nsubjpass" not in {c.dep_ for c in passive.children}
            and (passive.dep_ == "ROOT" or passive.head.lemma_.lower() in _TOLD_NOUNS)
        )
    if head.dep_ == "poss" and verb.lemma_.lower() in _TOLD_NOUNS:
        # An imperative opens the sentence (the parse often takes a capitalised "Watch" for a
        # name's first word).
        return verb.sent[0].lower_ in _AUDIENCE_VERBS
    return False


def _written_about(draft: Draft) -> set[int]:
    """The tokens of the draft's mentions and of the role the text gives it."""
    found = {i for m in draft.mentions for i in range(m.start, m.end)}
    if draft.role_span is not None:
        found.update(range(*draft.role_span))
    return found


_QUALIFYING_DEPS = frozenset({"compound", "poss", "nmod", "pobj", "prep"})


def _only_the_newsrooms(draft: Draft, reading: Reading, newsroom: set[int]) -> bool:
    """Every mention only says whose journalist the outlet's own journalist is ("Vessa Radio's Ann
    Lee has the story", "Courier correspondent Ivo Brandt reports"): the outlet that runs the
    story, named in its credit and otherwise only cited, is no party."""
    heads = _heads(draft, reading)
    if not heads or not newsroom:
        return False
    credited = False
    for head in heads:
        token = head
        # Up through the words that qualify a name or a title: "Vessa Radio Farm Desk reporter".
        while token.i not in newsroom and token.dep_ in _QUALIFYING_DEPS:
            token = token.head
        if token.i in newsroom or _reports_for(head, newsroom):
            credited = True
        elif not (_cites(head) or _told_next(head)):
            # The newsroom's outlet may also be where words were said ("Ann Lee reports for
            # KVRN ... the spokeswoman tells KVRN the camps are full"): cited, still no party.
            return False
    return credited


def _told_next(head: Token) -> bool:
    """The name comes right after a form of "tell" ("tells KVRN aid workers were unprepared"),
    however the parse hung it on the words that follow."""
    start = head.left_edge.i
    return start > 0 and head.doc[start - 1].lemma_.lower() == "tell"


def _reports_for(head: Token, newsroom: set[int]) -> bool:
    """The mention is whom the newsroom's journalist reports for ("Ann Lee reports for KVRN")."""
    verb = head.head.head
    return (
        head.dep_ == "pobj"
        and head.head.lower_ == "for"
        and verb.lemma_.lower() in _TELLING_VERBS
        and any(c.dep_ == "nsubj" and c.i in newsroom for c in verb.children)
    )


# The longest abbreviation of a region written after a place ("Ore.", "D.C.", "TX").
_LONGEST_REGION_LETTERS = 4


def _a_places_region(draft: Draft, reading: Reading) -> bool:
    """Every mention is an abbreviation right after a place and a comma ("in Vardel, TX,",
    "the Tollan, D.C. office"): the state or region the place is in, which the model takes for
    a body or a person."""
    mentions = [m for m in draft.mentions if m.counts]
    return (
        draft.kind is not ActorKind.COUNTRY
        and bool(mentions)
        and all(_region_abbreviation(m.surface) for m in mentions)
        and all(_after_a_place(m, reading) for m in mentions)
    )


def _region_abbreviation(surface: str) -> bool:
    """Capitals ("TX") or a short word cut with a full stop ("Ore.", "D.C.")."""
    letters = surface.replace(".", "")
    return (
        letters.isalpha()
        and len(letters) <= _LONGEST_REGION_LETTERS
        and (letters.isupper() or surface.endswith("."))
    )


def _after_a_place(mention: Mention, reading: Reading) -> bool:
    m = mention
    return (
        m.start >= 2
        and reading.doc[m.start - 1].text == ","
        and reading.places.place_at(m.start - 2) is not None
        and not _says(reading.doc[m.head])
    )


def _names_listed_people(draft: Draft, reading: Reading) -> bool:
    """A body's name made of surnames and a comma ("the arrest of Lee, Brandt's remains were
    found"): two people the copy names in a row, which the model ran into one body."""
    if draft.kind is ActorKind.PERSON or ", " not in draft.name:
        return False
    surnames = {d.name.split()[-1] for d in reading.drafts.values() if d.kind is ActorKind.PERSON}
    return all(part in surnames for part in draft.name.split(", "))


def _names_a_post(draft: Draft) -> bool:
    """A body's name that opens with a title and "of" ("the Commissioner of Harbours", "Chair
    of the Department of Tern Studies") or ends in an office ("the Harbour Board Chair")
    names a post, which the model often tags as a body; a post without a person is no actor
    (GOLD.md)."""
    words = draft.name.split()
    if draft.kind not in {ActorKind.ORG, ActorKind.GROUP}:
        return False
    opens = len(words) > 2 and words[1] == "of" and words[0].lower() in TITLE_WORDS
    # "the Board Chair of Kelda Holt": an office before the first "of", after what it is in.
    opens = opens or ("of" in words[1:] and words[words.index("of") - 1].lower() in OFFICE_NOUNS)
    ends = len(words) > 1 and "of" not in words and words[-1].lower() in OFFICE_NOUNS
    return opens or ends


def _names_a_holiday(draft: Draft, reading: Reading) -> bool:
    """A feast or a holiday ("shut for Easter", "until after Diwali") is a time of the year,
    which the model may tag as a person or a body; never a party unless it speaks."""
    name = draft.name.lower().removeprefix("the ")
    return name in HOLIDAYS and not any(_says(h) for h in _heads(draft, reading))


# Nouns for what a market gauge is: "the Tern industrial average", "the Vessa 40 index".
_GAUGE_NOUNS = frozenset({"index", "average", "composite", "indices", "indexes"})


def _names_a_market_gauge(draft: Draft, reading: Reading) -> bool:
    """A name the text calls, once, an index, an average or a composite ("the Tern Jones
    industrial average", "the Vessa Composite") names a stock market's gauge in every mention,
    even where it "closes" or "falls" (market reports write "the Tern closed down"); a gauge
    is no party unless it speaks."""
    if draft.kind is ActorKind.COUNTRY:
        return False
    heads = _heads(draft, reading)
    in_name = draft.name.split()[-1].lower() in _GAUGE_NOUNS
    before_gauge = any(
        h.dep_ in {"compound", "nmod"} and h.head.lower_ in _GAUGE_NOUNS for h in heads
    )
    return (in_name or before_gauge) and not any(_says(h) for h in heads)


def _only_stage_notes(draft: Draft, reading: Reading) -> bool:
    """Every mention is a transcript's stage note, "(Laughter.)", that the model took for a
    name: the transcriber notes what the room did, nobody is named."""
    heads = _heads(draft, reading)
    return bool(heads) and all(stage_note_at(reading.doc, head.i) is not None for head in heads)


# Relations in which a name is a party to its clause, not the one spoken to.
_PARTY_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "poss", "appos"})


def _only_addressed(draft: Draft, reading: Reading) -> bool:
    """A lone first name only ever used to address someone ("Thanks, Dana.", "Dana, will he
    sign?"): a reporter speaking to the one who briefs, who is named in full elsewhere. The
    model reads such a name as a person's or, as often, a body's."""
    if draft.kind not in {ActorKind.PERSON, ActorKind.ORG} or " " in draft.name:
        return False
    heads = _heads(draft, reading)
    return bool(heads) and all(_addressed(reading.doc, head) for head in heads)


def _addressed(doc: Doc, head: Token) -> bool:
    before = doc[head.i - 1].text if head.i > 0 else ""
    after = doc[head.i + 1].text if head.i + 1 < len(doc) else ""
    if before == "," and after in {".", "?", "!"}:  # "Thank you, Dana."
        return head.dep_ not in _PARTY_DEPS
    # "Dana, will he sign?", also right after a transcript's question mark ("Q Dana, ..."):
    # a clause goes on after the comma, where an apposition ("Dana, the mayor, ...") would
    # describe the name. The model often takes such a name for the clause's subject.
    if after != "," or not (head.is_sent_start or before in {"Q", ":"}):
        return False
    following = doc[head.i + 2] if head.i + 2 < len(doc) else None
    return following is not None and (following.pos_ in {"AUX", "VERB"} or following.tag_ == "PRP")


def _only_contacts(draft: Draft, reading: Reading) -> bool:
    """Every mention is in a release's contact line ("please contact the Press Office"): the
    office is where to ask, not a party."""
    heads = _heads(draft, reading)
    return bool(heads) and all(is_contact_line(head.sent) for head in heads)


def _drop(reading: Reading, draft: Draft) -> None:
    for i in [i for i, key in reading.claimed.items() if key == draft.key]:
        del reading.claimed[i]
    del reading.drafts[draft.key]


def _heads(draft: Draft, reading: Reading) -> list[Token]:
    return [reading.tokens[m.head] for m in draft.mentions if m.counts]


def _is_common_noun(draft: Draft, reading: Reading) -> bool:
    """The name is one capitalised word (at a sentence's start, in a heading) that the text
    elsewhere writes in lower case as a common noun, as often as it writes the name."""
    if " " in draft.name or not draft.name.istitle():
        return False  # "EROSION", "UN": an acronym or a shouted heading is no common noun
    word = draft.name.lower()
    return reading.common_nouns[word] >= max(1, len(_heads(draft, reading)))


def _after_a_name(draft: Draft, reading: Reading) -> bool:
    """Every mention is an abbreviation right after a person's name and a comma."""
    heads = _heads(draft, reading)
    return bool(heads) and all(
        ACRONYM.match(head.text) is not None
        and head.i >= 2
        and reading.doc[head.i - 1].text == ","
        and names_a_person(reading, head.i - 2)
        for head in heads
    )


def _is_language(draft: Draft, reading: Reading) -> bool:
    """Some mention is the object of "speak": "they spoke Tamil", "she speaks Dutch and Tamil"."""
    for head in _heads(draft, reading):
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.dep_ == "dobj" and head.head.lemma_.lower() == "speak":
            return True
    return False


def _only_a_label(draft: Draft, reading: Reading) -> bool:
    """Every mention qualifies a common noun for a thing: "the Zeta variant"."""
    heads = _heads(draft, reading)
    return bool(heads) and all(_labels_a_thing(head) for head in heads)


def _labels_a_thing(head: Token) -> bool:
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    # The parse may hang a name before a noun as an adjective ("the popular Tern Avant hatchback").
    if head.dep_ not in {"compound", "nmod"} and not (head.dep_ == "amod" and head.pos_ == "PROPN"):
        return False
    noun = head.head
    lemma = noun.lemma_.lower()
    return (
        noun.pos_ == "NOUN"
        and noun.text.islower()
        and not is_person_noun(noun)
        and lemma not in ORG_NOUNS | INSTITUTION_NOUNS | GROUP_HEAD_NOUNS | STANCE_NOUNS
        and lemma not in _DOER_NOUNS
        and noun.lower_ not in AGENT_NOUNS
        and not speaks(head)
    )


def _is_thing(draft: Draft, reading: Reading) -> bool:
    words = draft.name.split()
    if any(w in ORG_NAME_WORDS or w.lower() in ORG_NOUNS | INSTITUTION_NOUNS for w in words):
        # "Port Authority", "Bridge Street Holdings", "the Road and Rail Administration": a
        # body named after a thing.
        return False
    if len(words) > 1 and words[-1].lower() in _DOCUMENT_NOUNS | _HONOUR_NOUNS:
        # "the Harbour Health Survey found": a study's name names a document, not a body; "the
        # Orrin Merit Scholarship is only for ...": an award's name names the award.
        return not any(_says(head) for head in _heads(draft, reading))
    # After the first word, a thing's noun names the kind of thing ("Elm Street", "Space Shuttle
    # Orion"); a person's name may end in one ("Lois Lane"), and a plural last word makes a
    # company's name ("Kestrel Ferry Lines").
    inside = words[1:] if draft.kind is not ActorKind.PERSON else words[1:-1]
    heads = _heads(draft, reading)
    if len(words) > 1 and words[-1].endswith("s") and not words[-1].endswith(_NOT_PLURAL):
        # Only what the text calls the name counts ("the album, Tern Lights,").
        inside = []
    elif draft.kind is ActorKind.PERSON and words[-1].lower() in THING_NOUNS and len(words) > 2:
        # "Ann Lee International Airport": a first name and a surname before a thing's noun.
        return not any(_says(head) for head in heads)
    elif draft.kind is ActorKind.PERSON and words[-1].lower() in THING_NOUNS:
        # "on Castle Road": a person's surname may be "Lane", but a name only ever used as a
        # location after "on" / "along" / "near", or before a noun it labels ("the Castle Road
        # roadworks"), is the road itself.
        if all(
            (h.dep_ == "pobj" and h.head.lower_ in _LOCATING) or h.dep_ == "compound" for h in heads
        ):
            return True
        inside = []  # the last word is the surname's: only what the text calls the name counts
    named_as_thing = any(_after_thing_noun(m.start, reading) for m in draft.mentions if m.counts)
    named_as_thing = named_as_thing or any(_described_as_thing(h) for h in heads)
    named_as_thing = named_as_thing or any(_names_a_craft(h, draft) for h in heads)
    named_as_thing = named_as_thing or any(_called_a_thing(h, draft) for h in heads)
    if not named_as_thing and not any(w.lower() in THING_NOUNS for w in inside):
        return False
    return not any(_says(head) for head in heads)


# Verbs that give a name: "an app called Tern Ledger", "a vaccine named R47", "dubbed".
_NAMING_VERBS = frozenset({"call", "name", "dub", "brand", "title", "christen", "label"})


def _called_a_thing(head: Token, draft: Draft) -> bool:
    """The name is what a noun for no party is called ("the assistant, called Tern Pilot,", "an
    app named Tern Ledger"): a product's, a work's or a project's name. A noun for a body, a
    group or people ("a company called Bright Harbour") keeps it a party, and a person's name
    stays a person's after a noun for a person ("a lawyer called Ann Lee")."""
    verb = head.head
    if head.dep_ not in {"oprd", "attr", "dobj"} or verb.lemma_.lower() not in _NAMING_VERBS:
        return False
    if verb.dep_ != "acl" or verb.head.pos_ != "NOUN":
        return False
    noun = verb.head
    lemma = noun.lemma_.lower()
    if draft.kind is ActorKind.PERSON and (is_person_noun(noun) or lemma in _PEOPLE_NOUNS):
        return False
    return (
        lemma not in ORG_NOUNS | INSTITUTION_NOUNS | GROUP_HEAD_NOUNS and lemma not in AGENT_NOUNS
    )


# Nouns for people that are no occupation: "a man called Ivo Brandt".
_PEOPLE_NOUNS = frozenset(
    {"man", "woman", "boy", "girl", "child", "person", "baby", "son", "daughter", "teenager"}
)


# Buildings and monuments that also name what is in them ("the Tern Memorial Library", "the
# Museum of Harbour Life"): the building, and no party, unless it acts or speaks.
_BUILDING_NOUNS = frozenset(
    {
        "library", "museum", "gallery", "cathedral", "mosque", "synagogue", "palace", "castle",
        "monument", "courthouse", "chapel", "basilica", "abbey", "theatre", "theater",
        "cinema", "hotel", "consulate", "embassy",
    }
)  # fmt: skip


def _is_building(draft: Draft, reading: Reading) -> bool:
    """The name's head noun, its last word or the last before "of", is a building's, and no
    mention is a subject: a museum that returns a painting is a party, one a shuttle goes to
    is a place."""
    words = draft.name.split()
    if draft.kind is ActorKind.COUNTRY or len(words) < 2:
        return False
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    if head.lower() not in _BUILDING_NOUNS:
        return False
    return not any(is_subject(h) or speaks(h) for h in _heads(draft, reading))


# Nouns for a settlement or an area that name it: "the city of El Tern", "the town, Vardel,".
_SETTLEMENT_NOUNS = frozenset(
    {
        "city", "town", "village", "province", "region", "district", "county", "island",
        "municipality", "neighbourhood", "neighborhood", "suburb", "township", "hamlet",
        "community", "territory",
    }
)  # fmt: skip


def _named_as_a_place(draft: Draft, reading: Reading) -> bool:
    """Every mention is what a noun for a settlement or an area is called ("attacks on the
    city of El Tern", "the village, Vardel,", "the towns of Tolle and Vardel"), or the name ends
    in such a noun and never acts ("fires across the thinly settled Vessa Territory"): a place
    the model took for a name of a body or a person."""
    heads = _heads(draft, reading)

    def settlement(head: Token) -> bool:
        if _says(head):
            return False
        words = draft.name.split()
        if len(words) > 1 and words[-1].lower() in _SETTLEMENT_NOUNS and not is_subject(head):
            return True
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head  # "the towns of Tolle and Vardel": the first of the list tells
        noun = head.head
        if head.dep_ == "pobj" and noun.lower_ == "of":
            noun = noun.head
        elif head.dep_ != "appos":
            return False
        return noun.lemma_.lower() in _SETTLEMENT_NOUNS

    return draft.kind is not ActorKind.COUNTRY and bool(heads) and all(map(settlement, heads))


def _names_a_sky_body(draft: Draft, reading: Reading) -> bool:
    """The name is one of a kind in the sky or its history ("the Sun", "the Big Bang") and never
    speaks: the model's organisation or person is the body or the moment itself."""
    name = draft.name.lower().removeprefix("the ")
    return name in SKY_NAMES and not any(_says(head) for head in _heads(draft, reading))


def _only_instances(draft: Draft, reading: Reading) -> bool:
    """Every mention takes "a" or "an" ("video from a nearby Walgreens", "he drove a Tern"):
    one shop of a chain or one of a maker's products, not the body itself."""
    heads = _heads(draft, reading)
    return bool(heads) and all(
        any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children) and not _says(head)
        for head in heads
    )


# Nouns for what a maker sells under a name of its own: "its Tern operating system", "the
# firm's Tern app". (A road's, a river's or a festival's noun may take a place's name after an
# owner, "the country's Tern river", so those are not here.)
_PRODUCT_NOUNS = frozenset(
    {
        "system", "app", "browser", "wallet", "software", "smartphone", "phone", "laptop",
        "tablet", "console", "chip", "processor", "chatbot", "platform", "car", "sedan",
        "hatchback", "drug", "vaccine", "medicine",
    }
)  # fmt: skip


# Nouns for an undertaking named like a craft ("the Tern mission"); a body's name may stand
# before them as who runs it ("the UN mission"), so only a person's tag or an owner tells.
_MISSION_NOUNS = frozenset({"mission", "expedition"})


def _names_a_craft(head: Token, draft: Draft) -> bool:
    """The name stands before a vehicle's or a product's noun as its own name: another's name
    owns the vehicle ("the agency's Kestrel helicopter", "its Tern operating system"), the
    model took the name for a person's, and no person's name labels a vehicle ("the Kestrel
    rover"), or the vehicle is "the" one of that one-word name ("the Kestrel orbiter"); a
    maker's name may label a vehicle ("a Tern Motors truck"), but then it stands for one of
    many, and a maker in the story speaks."""
    if head.dep_ != "compound":
        return False
    vehicle = head.head
    owned = any(c.dep_ == "poss" and c.i < head.i for c in vehicle.children)
    if owned and vehicle.lower_ in _PRODUCT_NOUNS:
        return True  # "its Tern operating system", "the firm's Tern app": a product's own name
    if vehicle.lower_ not in VEHICLE_NOUNS and vehicle.lower_ not in _MISSION_NOUNS:
        return False
    if owned or draft.kind is ActorKind.PERSON:
        return True
    the_one = any(c.dep_ == "det" and c.lower_ == "the" for c in vehicle.children)
    return (
        the_one
        and vehicle.lower_ in VEHICLE_NOUNS
        and " " not in draft.name
        and not ACRONYM.fullmatch(draft.name)
    )


def _described_as_thing(head: Token) -> bool:
    """The text says what kind of thing the name is: "Orbis is the most used browser", "Orbis,
    a browser made in Vardel,"."""
    described = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos" and head.head.i < head.i and head.head.pos_ == "NOUN":
        described.append(head.head)  # "the song, Blue Harbour,": the noun the name is set beside
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        described += [c for c in head.head.children if c.dep_ == "attr"]
    attribute = head
    while attribute.dep_ == "conj" and attribute.head.i != attribute.i:
        attribute = attribute.head
    if attribute.dep_ == "attr" and attribute.head.lemma_ == "be":
        # "The worst strains are Zeta and Kappa": what the subject is, the name is.
        described += [c for c in attribute.head.children if c.dep_ == "nsubj"]
    return any(
        noun.lemma_.lower() in THING_NOUNS
        and not _a_performer(noun)
        # "Senior Director of the Clean Water Strategy": a post held, the parse notwithstanding.
        and not any(
            t.i != noun.i and (is_person_noun(t) or t.lower_ in TITLE_WORDS) for t in noun.subtree
        )
        for noun in described
    )


def _a_performer(noun: Token) -> bool:
    """ "the film's star", "the TV star": a star that is someone's or something's is a
    performer, not a body in the sky."""
    return noun.lemma_.lower() == "star" and any(
        c.dep_ in {"poss", "compound"} for c in noun.children
    )


# Nouns for a publication that findings appear in: "published in the journal Tern Letters",
# "according to the fire map website Tolleweb". A journal or a site cited is a source, as a
# newspaper is; one that speaks stays a party.
_PUBLICATION_NOUNS = frozenset({"journal", "proceedings", "website", "blog"})


# Words of a title that may stand between a thing's noun and the part the model tagged.
_LONGEST_TITLE_LEAD = 4


def _after_thing_noun(start: int, reading: Reading) -> bool:
    """The name follows a noun for its kind of thing: "the ferry Silver Heron", "the journal
    Tern Letters"."""
    before = reading.doc[start - 1] if start > 0 else None
    # Back over the rest of a title the model left untagged: the journal "The Harbour Review",
    # the series "Lords of Tern" when only "Tern" was tagged.
    for _ in range(_LONGEST_TITLE_LEAD):
        if before is None or not (
            before.text in {"The", "of", "the"} or (before.pos_ == "PROPN" and before.is_title)
        ):
            break
        before = reading.doc[before.i - 1] if before.i > 0 else None
    # Written in lower case, the word is a common noun, whatever tag the model gave it.
    return (
        before is not None
        and (before.lower_ in THING_NOUNS or before.lower_ in _PUBLICATION_NOUNS)
        and (before.pos_ == "NOUN" or before.text.islower())
    )


def _is_cited_source(draft: Draft, reading: Reading) -> bool:
    heads = _heads(draft, reading)
    if not heads:
        return False
    if any(w in MEDIA_NAME_WORDS for w in draft.name.replace("-", " ").split()):
        return not any(_acts(head) for head in heads)
    return all(_cites(head, outlet=False) for head in heads)


def _cites(head: Token, *, outlet: bool = True) -> bool:
    """The mention cites the body as where something was published or said; an `outlet` (a
    name with a media word) also as the subject of a report, which any other body may make
    ("the company reported a loss")."""
    if head.dep_ == "compound" and head.head.lemma_.lower() in _OUTLET_NOUNS:
        # "told the Vessa news agency", "the Tern Radio station reported": the noun says what
        # kind of body it is, and its place says whether it is cited.
        return _cites(head.head)
    governor = head.head
    lemma = governor.lemma_.lower()
    if (
        head.dep_ in {"dative", "dobj"}
        and lemma == "tell"
        and (outlet or _told_a_quote(head) or _told_for_a_story(head))
    ):
        # "told the Courier", and a name told a quotation there and then ("told KTRV, 'We will
        # appeal'"): an interview; "told the committee that ..." tells a party.
        return True
    if outlet and head.dep_ == "nsubj" and lemma in REPORT_VERBS:
        return True  # "the Courier reported"
    if outlet and head.dep_ == "nsubj" and lemma in SPEECH_VERBS and _tells_news(governor):
        return True  # "the Tern News Agency said the quake shook the city": a source cited
    if head.dep_ == "nsubj" and lemma == "learn" and _newsroom_learned(governor):
        return True  # "KTRV has learned that ...": a newsroom's formula for its own reporting
    if head.dep_ in {"poss", "compound"} and lemma in REPORT_NOUNS:
        return True  # "the Courier's report", "a Courier interview"
    if head.dep_ != "pobj":
        return False
    above = governor.head.lemma_.lower()
    if governor.lower_ == "with" and above == "interview":
        return True  # "in an interview with the Courier"
    if governor.lower_ == "to" and above in {"say", "speak", "talk"}:
        return True  # "said to the Courier"
    if governor.lower_ == "by":
        # "reported by the Courier", "analysts polled by Tern Data", not "condemned by the UN".
        return above in REPORT_VERBS | _DATA_VERBS
    return governor.lower_ in _SOURCE_PREPOSITIONS and (
        above in REPORT_VERBS or above in SPEECH_VERBS or above in REPORT_NOUNS
    )


# Verbs of putting words out, whose "on" or "via" names where they went: "said on Streamly".
_PUTTING_OUT_VERBS = REPORT_VERBS | {"say", "write", "announce", "share", "state"}


def _a_platform_cited(draft: Draft, reading: Reading) -> bool:
    """Every mention is where someone's words went ("said on Streamly", "posted on Streamly a
    link", "in a statement on Streamly"): a platform the model took for a person, since no one
    says things on a person. Only "on" and "via" tell it: "told Ann Lee" and "said to Ann Lee"
    may well tell a person."""
    heads = _heads(draft, reading)
    return bool(heads) and all(
        head.dep_ == "pobj"
        and head.head.lower_ in {"on", "via"}
        and (
            head.head.head.lemma_.lower() in _PUTTING_OUT_VERBS
            or head.head.head.lemma_.lower() in _PUT_OUT_NOUNS
        )
        for head in heads
    )


# Nouns for words put out, whose "on" names where they went: "in a statement on Streamly".
_PUT_OUT_NOUNS = REPORT_NOUNS | {"statement", "message", "remark", "comment", "announcement"}


# Nouns for a news outlet that a name may stand before: "the Vessa news agency".
_OUTLET_NOUNS = OUTLET_NOUNS | {"agency"}


def _tells_news(verb: Token) -> bool:
    """ "said (that) the quake shook the city": what the speech verb reports is about someone
    else; an outlet that speaks of itself ("said it would appeal the fine") is a party."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and subject.pos_ != "PRON"


def _newsroom_learned(verb: Token) -> bool:
    """ "has learned that ...": the perfect with a clause of what was found out."""
    children = list(verb.children)
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in children) and any(
        c.dep_ == "ccomp" for c in children
    )


def _told_for_a_story(head: Token) -> bool:
    """ "told KTVX (that) the count was unfair": a name told what someone says, with no noun
    for a body in it, is a newsroom taking an interview; "told the Election Committee that"
    tells a party."""
    if any(_body_word(t) for t in [head, *head.lefts]):
        return False
    return any(c.dep_ == "ccomp" for c in head.head.children)


# Bodies that hear what they are told as parties: "told Congress that", "told the assembly".
_HEARING_BODIES = frozenset({"congress", "senate", "assembly", "cabinet", "legislature"})


def _body_word(token: Token) -> bool:
    lower = token.lower_
    return (
        lower in ORG_NOUNS | AGENT_NOUNS | INSTITUTION_NOUNS | _HEARING_BODIES
        or token.text in ORG_NAME_WORDS
    )


def _told_a_quote(head: Token) -> bool:
    """A quotation opens right after the mention and a comma or colon ('told KTRV, "...'), and
    the name is no body's by its head noun (a committee told a quotation is still a party)."""
    if head.lower_ in ORG_NOUNS or head.text in ORG_NAME_WORDS:
        return False
    doc = head.doc
    after = head.i + 1
    return (
        after + 1 < len(doc)
        and doc[after].text in {",", ":"}
        and doc[after + 1].is_quote
        and doc[after + 1].text not in {"”", "’"}
    )


def _acts(head: Token) -> bool:
    """The mention is a party: it acts or is acted on, and is not cited; or it is set beside
    a noun that does ("Her publisher, Tern Press, said")."""
    if head.dep_ == "appos" and head.head.i < head.i:
        head = head.head
    return head.dep_ in _ACTING_DEPS and not _cites(head)


def _in_passing(draft: Draft, reading: Reading) -> bool:
    """A body named once as a modifier ("a Tern Institute study") or after a preposition that
    places or qualifies ("at the Tern Institute", "of the Tern Institute"), and neither acting,
    acting with another ("talks with"), the agent of a passive nor described further ("...,
    which said"): a passing reference, not a party (GOLD.md leaves those out)."""
    if draft.kind is not ActorKind.ORG or draft.affiliation is not None:
        return False
    heads = _heads(draft, reading)
    # An abbreviation in brackets after the name ("the Tern Institute (TI)") names it once more
    # in the same breath.
    heads = [h for h in heads if not (h.dep_ == "appos" and h.head in heads)]
    if len(heads) != 1:
        return False
    head = heads[0]
    while head.dep_ == "conj":
        head = head.head
    if _says(head) or is_subject(head):
        return False  # "the Tern Lines company said"
    if head.dep_ == "compound":
        # "the Tern Foods spokesman Ann Lee": a body speaking through its officer is a party;
        # "a former Tern Foods banker" is a person's past.
        return not _in_a_role(head.i, reading) or _former(head.head)
    if head.dep_ != "pobj" or any(
        c.dep_ == "relcl" and not _tells_where(c) for c in heads[0].children
    ):
        return False  # "the Tern Institute, which said ...": described further
    preposition = head.head
    owner = preposition.head
    if _background_of_a_person(preposition, reading):
        return True
    if owner.ent_type_ == "PERSON" or names_a_person(reading, owner.i):
        return False  # "Ann Lee of the Tern Guild": a member's body
    # The subject of "be" is described, not acting ("the effects of the Kessler Syndrome are
    # fever and ...").
    acting_owner = is_subject(owner) and owner.head.lemma_ != "be"
    if owner.pos_ in {"NOUN", "PROPN"} and (
        acting_owner or is_person_noun(owner) or owner.lemma_.lower() in STANCE_NOUNS
    ):
        # "researchers from the Tern Institute", "the opposition of the Tern Guild": a party
        # through its people or its acts.
        return False
    return preposition.dep_ != "agent" and preposition.lower_ not in _PARTY_PREPOSITIONS - {"to"}


# Prepositions of where someone works or worked, studied or came from: "a researcher at",
# "an economist with", "who joined from", "who studied at", "who worked for".
_BACKGROUND_PREPOSITIONS = frozenset({"at", "from", "with", "for"})


def _background_of_a_person(preposition: Token, reading: Reading) -> bool:
    """The phrase tells a named person's employer or past ("Ann Lee, a researcher at the Tern
    Institute,", "Lee, who studied at Vardel University,"): the body is background to the
    person, not a party; unnamed people from it ("researchers at the Tern Institute said")
    still make it one."""
    if preposition.lower_ not in _BACKGROUND_PREPOSITIONS:
        return False
    owner = preposition.head
    if owner.dep_ == "attr" and owner.head.lemma_ == "be":
        # "Ann Lee was a senior researcher at the Tern Institute", "Lee has been Partner at
        # Tern & Vardel": the post a named person holds or held, as in an apposition.
        return _said_of_a_person(owner.head, reading)
    if owner.lemma_ == "be":
        return _said_of_a_person(owner, reading)  # "From 1990 to 1996, Lee was at ..."
    if owner.pos_ == "NOUN" and is_person_noun(owner):
        return (
            _in_a_role(owner.i, reading)
            or (owner.dep_ == "appos" and names_a_person(reading, owner.head.i))
            or _people_named_after(preposition, reading)
            or _what_a_person_works_as(owner, reading)
        )
    if owner.pos_ == "VERB" and owner.dep_ == "relcl":
        return names_a_person(reading, owner.head.i)
    return False


def _people_named_after(preposition: Token, reading: Reading) -> bool:
    """The people the phrase is about are named right after the body, set off by a comma ("two
    researchers at the Tolle Institute, Maren Orrin and Ivo Brandt,"), which the parse takes
    for a list that goes on from the body's name."""
    return any(
        person.dep_ == "conj"
        and person.doc[person.left_edge.i - 1].text == ","
        and names_a_person(reading, person.i)
        for body in preposition.children
        if body.dep_ == "pobj"
        for person in body.subtree  # hung on the name's last word: "the University of Tolle"
    )


def _what_a_person_works_as(noun: Token, reading: Reading) -> bool:
    """ "Ann Lee worked as a nurse at ...", "she serves as an adviser to ...": the post a named
    person (or "he" / "she") holds, told by "as" after a verb."""
    preposition = noun.head
    verb = preposition.head
    if noun.dep_ != "pobj" or preposition.lower_ != "as" or verb.pos_ != "VERB":
        return False
    return _said_of_a_person(verb, reading)


def _said_of_a_person(verb: Token, reading: Reading) -> bool:
    """The verb's subject is a named person, or "he" or "she"."""
    return any(
        c.dep_ == "nsubj" and (names_a_person(reading, c.i) or c.lower_ in {"he", "she"})
        for c in verb.children
    )


def _tells_where(clause: Token) -> bool:
    """A relative clause about what happened at a place or a time ("..., where he taught
    law"), not about what the body does ("..., which said")."""
    return any(c.dep_ == "advmod" and c.lower_ in {"where", "when"} for c in clause.children)


def _former(noun: Token) -> bool:
    """The noun is what someone used to be: "a former banker", "an ex-officer"."""
    lefts = list(noun.lefts)
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
        lefts += noun.lefts  # "former Assembly Speaker Ivo Brandt": on the title or the name
    return any(c.lower_ in {"former", "ex", "onetime", "erstwhile"} for c in lefts)


def _person_in_passing(draft: Draft, reading: Reading) -> bool:
    """A person named once, with no role, only as who a work is by or whom it shows or
    remembers ("songs by Ann Lee", "a portrait of Ivo Brandt", "inspired by the life of ..."),
    or whose relative, friend or student someone is ("a friend of Ann Lee said"): the work's
    maker or subject, or a point of reference, named in passing (GOLD.md leaves those out)."""
    heads = _heads(draft, reading)
    if draft.kind is not ActorKind.PERSON or draft.role is not None or len(heads) != 1:
        return False
    head = heads[0]
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ == "poss" and head.head.lemma_.lower() in WORK_NOUNS:
        # "the series is based on Ann Lee's novels": the maker of a work that is itself only
        # where something comes from.
        return head.head.dep_ == "pobj"
    preposition = head.head
    work = preposition.head
    if work.pos_ == "VERB" and preposition.lower_ == "by":
        # "played a song by Ann Lee": the parse hangs the maker on the verb, beside the work.
        work = next((c for c in work.children if c.dep_ == "dobj"), work)
    if head.dep_ != "pobj" or work.pos_ != "NOUN" or preposition.dep_ == "agent":
        return False
    lemma = work.lemma_.lower()
    return (preposition.lower_ in {"of", "by"} and lemma in WORK_NOUNS) or (
        preposition.lower_ == "of" and lemma in _RELATION_NOUNS
    )


def _named_as_then(draft: Draft, reading: Reading) -> bool:
    """A person named once, by the office they held then ("under the rule of then-president
    Ivo Brandt", "a clerk to then-Judge Ann Lee"), and neither acting nor speaking: a point in
    the past the story dates itself by, not a party to it."""
    heads = _heads(draft, reading)
    role = (draft.role or "").lower()
    if draft.kind is not ActorKind.PERSON or len(heads) != 1:
        return False
    if not role.startswith(("then-", "then ")):
        return False
    # An office ("then-president"), not a tie to someone ("his then-girlfriend"), who may well
    # be a party.
    if role.replace("-", " ").split()[-1] not in TITLE_WORDS:
        return False
    return not (is_subject(heads[0]) or speaks(heads[0]))


# Who someone is to another: "a friend of Ivo Brandt", "the son of a miner". Named once, only
# so, the other is a point of reference, not a party.
_RELATION_NOUNS = frozenset(
    {
        "friend", "student", "pupil", "son", "daughter", "wife", "husband", "widow", "widower",
        "father", "mother", "brother", "sister", "grandson", "granddaughter", "nephew", "niece",
        "cousin", "admirer", "disciple", "protege", "descendant",
    }
)  # fmt: skip


# A country named in more sentences than this is central enough to keep, however it is named
# (a story told across a country names it as a place again and again, and acts through it).
_PASSING_SENTENCES = 2


def _country_in_passing(draft: Draft, reading: Reading) -> bool:
    """A country named in a sentence or two only, each time in passing (see _passing_country)."""
    named = [m for m in draft.mentions if m.counts]
    if len({reading.parsed.sentence_index(m.start) for m in named}) > _PASSING_SENTENCES:
        return False
    return all(_passing_country(reading.doc[m.head]) for m in named)


def _governs(noun: Token) -> bool:
    """A common noun for a state's government ("the government", "the regime")."""
    return noun.is_lower and noun.lemma_.lower() in GOVERNMENT_NOUNS


def _passing_country(head: Token) -> bool:
    """The country is only where something is ("in a country like Ruritania"), a yardstick or a
    piece of history (see _in_a_comparison), a modifier of a noun that neither acts nor is acted
    on ("Ruritanian and Vardelian teams took part", "the Ruritanian president Ivo Brandt"), or
    the subject of "be" ("Ruritania is home to ...")."""
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if _in_a_comparison(head):
        return True
    preposition = head.head
    exemplified = preposition.head
    if (
        head.dep_ == "pobj"
        and preposition.lower_ in {"like", "as"}
        and exemplified.pos_ in {"NOUN", "PROPN"}
    ):
        # An example stands where the noun it exemplifies stands: "partners such as Ruritania"
        # in "talks with partners such as Ruritania" is a party, "a country like Ruritania" in
        # "in a country like Ruritania" a place.
        return _passing_country(exemplified)
    if head.dep_ == "pobj" and preposition.lower_ == "of" and _governs(exemplified):
        return False  # "the government of Ruritania": the state itself, acting
    if head.dep_ == "pobj":
        return preposition.dep_ != "agent" and preposition.lower_ not in _PARTY_PREPOSITIONS
    if head.dep_ in {"compound", "amod", "nmod", "poss"}:
        noun = head.head
        while noun.dep_ in {"compound", "conj"} and noun.head.i != noun.i:
            noun = noun.head
        while head.dep_ == "poss" and noun.dep_ == "pobj" and noun.head.lower_ == "of":
            # "the head of Ruritania's vaccine effort said": what it owns is part of a party.
            noun = noun.head.head
        return not (noun.dep_ in _ACTING_DEPS or noun.dep_ == "dative" or speaks(noun))
    return head.dep_ == "nsubj" and head.head.lemma_ == "be"


# Words that open a yardstick or a piece of history rather than the story's own events: "the
# worst since the 1976 war with Ruritania", "faster than in Vardel", "unlike Ruritania".
_COMPARING_PREPOSITIONS = frozenset({"since", "than", "unlike"})
# Phrases whose object is a yardstick: "compared with Ruritania", "in line with Vardel",
# "similar to Ruritania's".
_COMPARING_HEADS = frozenset({"compare", "line", "similar", "comparison", "relative"})


def _in_a_comparison(head: Token) -> bool:
    """The mention lies in a phrase that compares the story with something else or dates it
    against the past, below the clause's own verb: a name there is a yardstick, not a party."""
    token = head
    for _ in range(12):
        if token.dep_ == "ROOT" or token.head.i == token.i:
            return False
        governor = token.head
        if token.dep_ == "pobj" and (
            governor.lower_ in _COMPARING_PREPOSITIONS
            or (
                governor.lower_ in {"with", "to"}
                and governor.head.lemma_.lower() in _COMPARING_HEADS
            )
        ):
            return True
        if token.dep_ in {"nsubj", "nsubjpass", "dobj", "dative", "agent", "appos"}:
            # A party to the clause it sits in; or a name set beside another, which the parse
            # often hangs on the wrong one ("compared with X, the Y Board said").
            return False
        if governor.pos_ in {"VERB", "AUX"} and governor.lemma_.lower() != "compare":
            return False
        token = governor
    return False


def _only_compared(draft: Draft, reading: Reading) -> bool:
    """Every mention is a yardstick or a piece of history ("shares fell more than those of
    Acme", "the worst since the 1990 strike at Acme"): the name takes no part in the story."""
    heads = _heads(draft, reading)
    return bool(heads) and all(_in_a_comparison(head) for head in heads)


# The kinds of thing named after people, beside roads, vehicles and institutions: "the Lee
# Act", "the Brandt Prize", "Lee Memorial Park".
_EPONYM_NOUNS = frozenset(
    {
        "act", "law", "bill", "amendment", "doctrine", "rule", "plan", "prize", "award",
        "medal", "trophy", "cup", "fellowship", "scholarship", "lecture", "memorial", "museum",
        "library", "park", "square", "hall", "building", "gallery", "theatre", "theater", "day",
        "syndrome", "disease", "effect", "principle", "theorem", "equation", "test", "scale",
    }
)  # fmt: skip


def _names_a_thing_after_someone(draft: Draft, reading: Reading) -> bool:
    """A person's name only ever inside another capitalised name, as what it is named after: a
    law, prize, airport, street or hospital ("the Ann Lee International Airport", "the
    Brandt-Marr Act", "the Ivo Brandt Prize", "Brandt's Law") is an eponym, and the person no
    party. The model often takes such a person for a body: a body named only so is one too,
    unless what is named after it is a body ("the Tern Foundation")."""
    if draft.kind is ActorKind.COUNTRY:
        return False
    kinds = _EPONYM_NOUNS | THING_NOUNS
    if draft.kind is ActorKind.PERSON:
        kinds = kinds | ORG_NOUNS
    mentions = [m for m in draft.mentions if m.counts]
    return bool(mentions) and all(_eponym(m.start, m.end, reading, kinds) for m in mentions)


def _eponym(start: int, end: int, reading: Reading, kinds: frozenset[str]) -> bool:
    doc = reading.doc
    root = doc[start:end].root
    named = root.head
    if root.dep_ not in {"compound", "nmod", "poss"} or start <= named.i < end:
        return False
    while named.dep_ == "compound" and named.head.i > named.i:
        named = named.head  # "Ann Lee International Airport": up to the name's own head
    return (
        named.text.istitle()
        and named.lower_ in kinds
        and (not names_a_person(reading, named.i) or _kind_word_taken_for_a_name(named, reading))
    )


def _kind_word_taken_for_a_name(token: Token, reading: Reading) -> bool:
    """The token is a lone capitalised kind of thing that the model took for a name of its own:
    "Law" in "Brandt's Law", "Prize" in "the Lee Prize"."""
    key = reading.claimed.get(token.i)
    draft = reading.drafts.get(key) if key is not None else None
    return draft is not None and draft.name == token.text and token.lower_ in _EPONYM_NOUNS


def _lone_kind_word(draft: Draft, reading: Reading) -> bool:
    """Every mention is a lone kind of thing after the name it is named for ("Brandt's Law")."""
    heads = _heads(draft, reading)
    return bool(heads) and all(
        _kind_word_taken_for_a_name(head, reading)
        and any(c.dep_ in {"poss", "compound"} and c.pos_ == "PROPN" for c in head.lefts)
        for head in heads
    )


def _numbered(draft: Draft, reading: Reading) -> bool:
    """A name with a number in it names a model, a mission, a vehicle or a disease ("Apollo 9",
    "the Tern 7 probe", "VX-24"): no person's name holds a digit, and a body's name ends in
    a bare number only when it is a channel or a branch, which speaks when it takes part."""
    words = draft.name.split()
    if draft.kind is ActorKind.PERSON and any(c.isdigit() for c in draft.name):
        return True
    if draft.kind is ActorKind.COUNTRY or len(words) < 2 or not words[-1].isdigit():
        return False
    return not any(_says(head) for head in _heads(draft, reading))


def _things_named(reading: Reading) -> list[tuple[Span, list[str]]]:
    """The names of things the text gives ("the Tern Arrow ferry"), with their words but "the":
    found once for every draft that may be one's short form."""
    found = []
    for ent in reading.entities:
        words = [t.text for t in ent if t.lower_ != "the"]
        if len(words) >= 2 and words[-1].istitle() and words[-1].lower() in THING_NOUNS:
            found.append((ent, words))
    return found


def _short_for_a_thing(
    draft: Draft, reading: Reading, things: list[tuple[Span, list[str]]]
) -> bool:
    """The name is the short form of a thing's name that no party holds ("the Tern Lee Space
    Telescope" ... "Lee's camera", "the Tern Arrow ferry" ... "the Arrow"), or a thing's name
    the text gave after the thing's noun ("the moon Tern"): copy shortens a
    telescope's, a ship's or an airport's name as it shortens a person's, and the short form
    names the same thing, unless it speaks."""
    if draft.kind is ActorKind.COUNTRY or " " in draft.name:
        return False
    if any(_says(head) for head in _heads(draft, reading)):
        return False
    for ent, words in things:
        if draft.name in words[:-1] and all(
            reading.claimed.get(i, draft.key) == draft.key for i in range(ent.start, ent.end)
        ):
            return True
    # "the Kestrel Space Telescope" untagged ... "Kestrel's camera"; "the moon Tern" ... "Tern
    # is thought to hide an ocean": the thing the text named first, whatever the model tagged.
    if any(
        _opens_a_things_name(t) or _after_thing_noun(t.i, reading)
        for t in reading.tokens_written.get(draft.name, ())
    ):
        return True
    # "Typhoon Mara" ... "Mara weakened", whether or not the model tagged the storm's name.
    return any(
        t.i > 0 and reading.tokens[t.i - 1].lower_ in _STORM_WORDS
        for t in reading.tokens_written.get(draft.name, ())
    )


def _opens_a_things_name(token: Token) -> bool:
    """The token opens a run of capitalised words that ends in a thing's noun, whether or not
    the model tagged the run: "the Kestrel Space Telescope", "the Tern Deep Sea Drone"."""
    for word in token.doc[token.i + 1 : token.i + 5]:
        if not word.is_alpha or not word.text.istitle():
            return False
        if word.lower_ in THING_NOUNS:
            return True
    return False


# Words a storm's name opens with: "Hurricane Dorinda", "Tropical Storm Ana", "Super Typhoon
# Mara".
_STORM_WORDS = frozenset({"hurricane", "typhoon", "cyclone", "storm", "tropical", "super"})


def _names_a_storm(words: list[str]) -> bool:
    """Every word before the last is a storm's: the name is a storm's, whatever tag it got."""
    return (
        len(words) >= 2
        and all(w.lower() in _STORM_WORDS for w in words[:-1])
        and words[-1] not in ORG_NAME_WORDS
    )


# Last words of a wildfire's name, given for where it burns: "the Tern Ridge Fire", "the Vardel
# Creek Blaze".
_FIRE_WORDS = frozenset({"fire", "wildfire", "blaze"})


def _names_a_fire(draft: Draft, reading: Reading) -> bool:
    """The name ends in a fire's noun, the story also writes such a noun in lower case ("the
    Tern Ridge Fire ... crews fought the fire") and the name never speaks: a named wildfire, or
    the front of a fire service's title ("Vardel Fire Captain Ann Lee"), is no party."""
    words = draft.name.split()
    if len(words) < 2 or words[-1].lower() not in _FIRE_WORDS:
        return False
    if not any(reading.common_nouns[w] or reading.common_nouns[w + "s"] for w in _FIRE_WORDS):
        return False
    return not any(_says(head) for head in _heads(draft, reading))


def _in_a_role(token_index: int, reading: Reading) -> bool:
    """The token is part of the role the text gives someone."""
    return any(
        d.role_span is not None and d.role_span[0] <= token_index < d.role_span[1]
        for d in reading.drafts.values()
    )


def _says(head: Token) -> bool:
    """The mention is the active subject of a speech verb ("the museum said"), not the passive
    one ("the plan was praised")."""
    return speaks(head) and "nsubjpass" not in {head.dep_, head.head.dep_}
