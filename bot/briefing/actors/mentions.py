"""Reading mentions: the spans that name an actor (people, organisations, countries that act,
institutions of a country, demonyms, and offices held in a body's name that act in their own,
"the UN High Commissioner for Fisheries"), each claimed for a draft, with the role the text
gives.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from bot.briefing.actors.reading import (
    ACRONYM,
    SUBJECT_DEPS,
    Draft,
    Mention,
    Reading,
    acronym_key,
    acronym_of,
    body_tagged_as_person,
    is_subject,
    names_a_person,
    org_words,
    person_named_org,
    trim,
)
from bot.briefing.gazetteer import GeoEntry
from bot.briefing.metonymy import acts
from bot.briefing.models import ActorKind
from bot.briefing.roles import (
    apposition,
    body_attribute,
    body_kind_before,
    described,
    is_body_noun,
    is_person_noun,
    is_rank,
    is_short_title,
    is_trade_word,
    plural_title,
    singular_title,
    title_before,
)
from bot.briefing.vocabulary import (
    AGENT_NOUNS,
    CAMP_PLURALS,
    GENERIC_BODY_WORDS,
    GOVERNMENT_NOUNS,
    GROUP_HEAD_NOUNS,
    GROUP_NAME_WORDS,
    HONORIFICS,
    INSTITUTION_NOUNS,
    OFFICE_NOUNS,
    OFFICIAL_NOUNS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    SPEECH_VERBS,
    TITLE_WORDS,
)

_BRACKETS = {"(": ")", "[": "]"}


def read_acting_places(reading: Reading) -> None:
    for acting in reading.places.acting:
        if not reading.free(acting.start, acting.end):
            continue
        country = reading.gaz.countries.get(acting.country_code)
        if country is None:
            continue
        head = reading.doc[acting.start : acting.end].root
        reading.claim(
            reading.country_draft(country),
            Mention(acting.start, acting.end, head.i, acting.surface),
        )


def read_institutions(reading: Reading) -> None:
    """Organisations of a country: "the Russian defence ministry", "the US-led coalition"."""
    for token in reading.tokens:
        lemma = reading.lemmas[token.i]
        if lemma in OFFICIAL_NOUNS and token.pos_ == "NOUN":
            _read_officials(reading, token)
            continue
        if lemma not in INSTITUTION_NOUNS or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        if token.ent_type_ == "ORG" and _named_org(reading, token):
            continue
        if token.tag_ in {"NNS", "NNPS"} and lemma != token.lower_:
            # "Vardelian courts are independent", "the bombings of the Vardelian embassies": a
            # country's institutions of a kind, many bodies and no one party.
            continue
        owner, left = _owner(reading, token)
        if owner is None or owner.country_code is None:
            continue
        start, end = trim(reading.doc, left, token.i + 1)
        words = [
            t.lower_
            for t in reading.doc[start:end]
            if not (t.tag_ == "POS" or t.is_punct or reading.country_of(t))
        ]
        surface = reading.doc[start:end].text
        if words == [token.lower_] and token.lemma_.lower() in GOVERNMENT_NOUNS:
            # "Syria's government", "the Syrian regime": the country acting as a state.
            country = reading.country_draft(owner)
            reading.claim(country, Mention(start, end, token.i, surface))
            continue
        key = f"org:{owner.country_code}:{' '.join(words)}"
        draft = reading.draft(key, ActorKind.ORG, surface)
        if "'" in draft.name and "'" not in surface:
            draft.name = surface  # "Russian defence ministry" reads better than "Russia's"
        draft.affiliation = owner.name
        reading.claim(draft, Mention(start, end, token.i, surface))


def _read_officials(reading: Reading, token: Token) -> None:
    """ "US officials", "a US official", "American officials": one group of a country."""
    owner, left = _owner(reading, token)
    if owner is None or owner.country_code is None:
        return
    start, end = trim(reading.doc, left, token.i + 1)
    lemma = token.lemma_.lower()
    modifier = reading.doc[start : token.i].text
    name = f"{modifier} {lemma}s"
    draft = reading.draft(f"group:{owner.country_code}:{lemma}", ActorKind.GROUP, name)
    draft.affiliation = owner.name
    reading.claim(draft, Mention(start, end, token.i, reading.doc[start:end].text))


def _named_org(reading: Reading, token: Token) -> bool:
    """The institution noun is part of a body's own name: "Acme Bank", or a name that runs on
    past it ("the Ruritanian Department of Fisheries")."""
    ent = reading.entity_at[token.i]
    after = reading.doc[token.i + 1] if token.i + 1 < ent.end else None
    if token.text[:1].isupper() and after is not None and after.lower_ == "of":
        return True
    first = ent[0] if ent[0].lower_ != "the" else ent[min(1, len(ent) - 1)]
    return first.text[:1].isupper() and reading.country_of(first) is None


def _owner(reading: Reading, token: Token) -> tuple[GeoEntry | None, int]:
    """The country an institution noun belongs to, and where its noun phrase starts."""
    left = token.i
    owner: GeoEntry | None = None
    for child in token.lefts:
        if child.dep_ in {"compound", "amod", "poss", "nmod"}:
            country = reading.country_of(child)
            if country is None and child.lemma_ == "lead":
                # "the US-led coalition": the leader owns it.
                country = next((c for g in child.lefts if (c := reading.country_of(g))), None)
            if country is not None:
                owner = country
                left = min(left, child.left_edge.i)
            elif child.dep_ == "compound" and owner is None:
                left = min(left, child.i)
    return owner, left


def read_demonyms(reading: Reading) -> None:
    """Demonyms that act for their country ("Russian airstrikes", "US and Russian foreign
    ministers")."""
    for ent in reading.entities:
        start, end = trim(reading.doc, ent.start, ent.end)
        if start >= end or not reading.free(start, end):
            continue
        text = reading.doc[start:end].text
        if ent.label_ != "NORP":
            continue
        country = reading.gaz.country_of_demonym(text)
        head = reading.doc[start:end].root
        if country is not None and _modifies_agent(reading, head):
            reading.claim(reading.country_draft(country), Mention(start, end, head.i, text))


def _modifies_agent(reading: Reading, token: Token) -> bool:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    noun = token.head
    return token.dep_ in {"amod", "compound", "nmod"} and (
        noun.lemma_.lower() in AGENT_NOUNS or noun.lower_ in AGENT_NOUNS
    )


def read_people(reading: Reading) -> list[tuple[Span, int]]:
    """Person spans (name only) with where their NER span began."""
    people: list[tuple[Span, int]] = []
    # One-word names, a hyphened one ("Velka-Doren") among them.
    single_names = {e.text for e in reading.entities if e.label_ == "PERSON" and " " not in e.text}
    name_words = {
        t.text for e in reading.entities if e.label_ == "PERSON" and len(e) > 1 for t in e
    }
    # One-word names however tagged: the model may take a surname alone for a body's name.
    lone_names = {e.text for e in reading.entities if e.label_ in {"PERSON", "ORG"} and len(e) == 1}
    for ent in reading.entities:
        if ent.label_ == "PERSON" and (org_words(ent) or body_tagged_as_person(reading, ent)):
            continue
        office_end = _office_run_into_a_name(ent, lone_names) if ent.label_ == "ORG" else None
        if (
            ent.label_ == "ORG"
            and office_end is None
            and not person_named_org(reading, ent, single_names)
            and not _surname_after_title(reading, ent)
        ):
            continue
        if ent.label_ not in {"PERSON", "ORG"}:
            continue
        if _lone_place_word(reading, ent, name_words) or (
            _acronym_tagged_person(ent) and not _surname_after_title(reading, ent)
        ):
            continue
        if _closes_a_bodys_name(ent):
            continue
        start, end = trim(reading.doc, ent.start, ent.end)
        if office_end is not None:
            start = office_end  # "Tern Board Chair Ann Lee": the body's office is the role
        # "Councillor Anne Reed": a title the model ran into the name is the role before it,
        # not part of it, when a name of two words or more is left.
        # A title in the plural is no one's first name ("Presidents Lind and Berg").
        while start < end and (
            reading.doc[start].lower_ in HONORIFICS
            or (reading.doc[start].lower_ in TITLE_WORDS | _BARE_TITLES and end - start > 2)
            or (plural_title(reading.doc[start]) and end - start > 1)
        ):
            start += 1
        # "Q Dana, is it ready?": a briefing transcript's question mark is not part of the
        # name the model ran it into.
        if end - start > 1 and _question_mark(reading, start):
            start += 1
        start += _description_before(reading, start, end)
        start = _first_name_before(reading, start, end)
        end = through_hyphens(reading.doc, end)
        if start >= end or not reading.free(start, end):
            continue
        if not any(t.text[:1].isupper() for t in reading.doc[start:end]):
            continue
        if _named_with_article(reading, ent, start, end):
            continue
        people.append((reading.doc[start:end], ent.start))
    for start, end in reading.places.person_spans:
        if reading.free(start, end):
            people.append((reading.doc[start:end], start))
    taken = {i for span, _ in people for i in range(span.start, span.end)}
    for span in _untagged_titled_names(reading) + _untagged_described_names(reading):
        if not any(i in taken for i in range(span.start, span.end)):
            people.append((span, span.start))
            taken.update(range(span.start, span.end))
    people.sort(key=lambda item: item[0].start)
    return _without_org_short_names(reading, people, single_names)


# Titles the model often leaves out of its vocabulary of honorifics, and the police's and
# clergy's abbreviated ranks: "Prof Ann Lee", "Det Sgt Ann Lee", "Cllr Ann Lee".
_BARE_TITLES = frozenset(
    {
        "prof", "professor", "dr", "detective", "inspector", "sergeant", "constable", "det",
        "det.", "sgt", "sgt.", "insp", "insp.", "supt", "supt.", "cllr", "cllr.", "cpl", "cpl.",
        "rev", "rev.", "reverend",
    }
)  # fmt: skip
# Every word that can stand as a title before a name.
_ANY_TITLE = TITLE_WORDS | HONORIFICS | _BARE_TITLES
_LONGEST_UNTAGGED = 3  # words in a name the model left untagged after a title


def _office_run_into_a_name(ent: Span, lone_names: set[str]) -> int | None:
    """Where the name starts in a body's span that runs a body's office into a person's full
    name ("the Tern Board Chair Ann Lee", "Lee" alone elsewhere): after the office, which is
    the person's role. None when the span is no such run."""
    words = [t for t in ent if t.is_alpha]
    if len(words) < 4 or ent[-1].text not in lone_names:
        return None
    office = max((t.i for t in ent if t.lower_ in OFFICE_NOUNS), default=None)
    if office is None or ent.end - office < 3:
        return None
    name = ent.doc[office + 1 : ent.end]
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name):
        return None
    return office + 1


def _question_mark(reading: Reading, i: int) -> bool:
    """The "Q" that opens a reporter's question in a briefing transcript."""
    doc = reading.doc
    return doc[i].text == "Q" and (i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text))


def _surname_after_title(reading: Reading, ent: Span) -> bool:
    """One word right after a courtesy title that the model took for a body ("MS. LANE:" at
    the head of a briefing turn, "Minister Kovic"): a title is how copy names a person, so the
    word is that person's surname, in capitals or not."""
    if len(ent) != 1 or ent.start == 0 or not ent[0].is_alpha:
        return False
    before = reading.doc[ent.start - 1]
    if before.text == "." and ent.start > 1:  # "MS." split into a word and its full stop
        before = reading.doc[ent.start - 2]
    titles = HONORIFICS | _BARE_TITLES
    return before.lower_ in titles or before.lower_ + "." in titles


def _closes_a_bodys_name(ent: Span) -> bool:
    """One word tagged as a person after the "of" of a capitalised name ("the Royal
    Observatory of Vardel", "the Grand Duke of Tern"): the place the body, building or title is
    of, which the model cut off the name; a person's own name is never so written."""
    root = ent.root
    of = root.head
    if ent.label_ != "PERSON" or len(ent) != 1 or root.dep_ != "pobj" or of.lower_ != "of":
        return False
    named = of.head
    return of.i == ent.start - 1 and named.i == of.i - 1 and named.pos_ == "PROPN"


def _acronym_tagged_person(ent: Span) -> bool:
    """One word in capitals tagged as a person ("analysts polled by LSEG"): an abbreviation
    (a body's, a disease's), since copy writes no person's name so outside a shouted heading;
    the model tags the bodies that act as organisations."""
    return ent.label_ == "PERSON" and len(ent) == 1 and ACRONYM.match(ent.text) is not None


def _lone_place_word(reading: Reading, ent: Span, name_words: set[str]) -> bool:
    """A one-word name the model took for a person's that is a country's name, its demonym or
    its capital ("his Ruritanian counterpart", "accused Vardel City of delay"), or a town the
    gazetteer knows after "to" / "in" / "from", and no word of a person's full name: a place
    or a nationality, never a person."""
    if len(ent) != 1 or ent.text in name_words:
        return False
    gaz = reading.gaz
    root = ent.root
    placed = root.dep_ == "pobj" and root.head.lower_ in _MOTION_PREPOSITIONS
    return (
        gaz.country(ent.text) is not None
        or gaz.country_of_demonym(ent.text) is not None
        or gaz.country_of_capital(ent.text) is not None
        # "a nurse heading to Lyon": a town the gazetteer knows, where someone goes or is.
        or (placed and bool(gaz.lookup(ent.text)))
    )


_MOTION_PREPOSITIONS = frozenset({"to", "from", "in", "near", "toward", "towards", "outside"})


def _untagged_titled_names(reading: Reading) -> list[Span]:
    """Names right after a title or a noun for a person that the model tagged as nothing
    ("Chief Executive Ann Lee said", "Prof Ivo Brandt, a chemist,", "forecaster Ana Ruiz"):
    two or three capitalised proper nouns, none a title, a country or part of an entity, the
    last the head the others hang on. A title is how news copy introduces a person, so the run
    after one is a person's name, tagged or not."""
    doc = reading.doc
    found: list[Span] = []
    titles = _ANY_TITLE
    for token in reading.tokens[:-2]:
        # A title, or a noun for a person in front of the name ("forecaster Ana Ruiz said").
        titled = token.lower_ in titles or (token.dep_ == "compound" and is_person_noun(token))
        if not titled or doc[token.i + 1].lower_ in titles:
            continue
        end = token.i + 1
        while (
            end < len(doc)
            and end - token.i <= _LONGEST_UNTAGGED + 1
            and doc[end].pos_ == "PROPN"
            and doc[end].text.istitle()
            and doc[end].is_alpha
            and not doc[end].ent_type_
            and reading.country_of(doc[end]) is None
        ):
            end += 1
        span = doc[token.i + 1 : end]
        if not 2 <= len(span) <= _LONGEST_UNTAGGED:
            continue  # one word may be a body's ("Council"); a longer run, a title or a name
        if any(t.text in ORG_NAME_WORDS or t.lower_ in titles for t in span):
            continue
        head = span[-1]
        if any(t.head.i != head.i for t in span[:-1]) or head.head.i in range(span.start, end):
            continue
        if reading.free(span.start, span.end):
            found.append(span)
    return found


def _untagged_described_names(reading: Reading) -> list[Span]:
    """Names the model tagged as nothing that an apposition calls a person ("Ivo Brandt, a
    planetary scientist at Tern University who was not involved in the study, said"): news
    copy introduces a source by name and occupation, so two or three capitalised proper nouns,
    the last the head of a noun for a person set beside it, are that person's name."""
    doc = reading.doc
    found: list[Span] = []
    for noun in reading.tokens:
        head = noun.head
        if noun.dep_ != "appos" or head.i >= noun.i or not is_person_noun(noun):
            continue
        start = head.i
        while (
            start > 0
            and head.i - start < _LONGEST_UNTAGGED - 1
            and doc[start - 1].dep_ == "compound"
            and doc[start - 1].head.i == head.i
        ):
            start -= 1
        span = doc[start : head.i + 1]
        if len(span) < 2 or not all(_untagged_name_word(reading, t) for t in span):
            continue
        if any(t.text in ORG_NAME_WORDS for t in span) or not reading.free(span.start, span.end):
            continue
        found.append(span)
    return found


def _untagged_name_word(reading: Reading, token: Token) -> bool:
    """A capitalised proper noun the model tagged as nothing, no title and no country."""
    return (
        token.pos_ == "PROPN"
        and token.text.istitle()
        and token.is_alpha
        and not token.ent_type_
        and token.lower_ not in _ANY_TITLE
        and reading.country_of(token) is None
    )


def _first_name_before(reading: Reading, start: int, end: int) -> int:
    """Where a one-word name starts when the model cut off the first name before it, tagging it
    as something else or nothing ("Ivo" in "Ivo Brandt scored", "Brandt" alone a person): a
    capitalised proper noun joined to the surname, not a title, a country or a demonym."""
    if end - start != 1 or start == 0:
        return start
    before = reading.doc[start - 1]
    ent = reading.entity_at.get(before.i)
    if (
        before.pos_ != "PROPN"
        or not before.text.istitle()
        or before.dep_ != "compound"
        or before.head.i != start
        or before.lower_ in HONORIFICS | TITLE_WORDS
        or plural_title(before)
        or _question_mark(reading, before.i)
        or reading.country_of(before) is not None
        or (ent is not None and (len(ent) > 1 or ent.label_ not in {"ORG", "PRODUCT"}))
        or not reading.free(before.i, start)
    ):
        return start
    return start - 1


def _description_before(reading: Reading, start: int, end: int) -> int:
    """How many tokens at the start of a sentence open a name only because the sentence starts
    there: a word the text elsewhere writes in lower case describes the person ("Veteran Ivo
    Brandt lost" beside "the veteran politician"), and so does a word for a trade ("Novelist
    Ivo Brandt said"), as long as a full name is left."""
    doc = reading.doc
    if not doc[start].is_sent_start:
        return 0
    stop = start
    while stop < end - 1 and not doc[stop].whitespace_:
        stop += 1  # a hyphenated word: "Anti-war"
    word = doc[start : stop + 1].text
    rest = doc[stop + 1 : end]
    if len(rest) < 2 or not rest[0].text[:1].isupper():
        return 0
    if start == stop and is_trade_word(word):
        return 1
    lower = re.compile(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])")
    # "space shuttle" elsewhere makes "Space Shuttle Orion" one name, not a description.
    phrase = re.compile(rf"(?<![\w-]){re.escape(word.lower())}\s+(?i:{re.escape(rest[0].text)})\b")
    if not lower.search(reading.text) or phrase.search(reading.text):
        return 0
    return stop + 1 - start


def through_hyphens(doc: Doc, end: int) -> int:
    """Where a name ends when the model cut it at a hyphen inside a word: "Ban Ki" + "-moon"."""
    while (
        end + 1 < len(doc)
        and doc[end].text in {"-", "‐"}
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and not doc[end + 1].ent_type_
    ):
        end += 2
    return end


def name_text(span: Span) -> str:
    """A name as written, its white space made single: "Ban Ki-moon", never "Ban Ki - moon"."""
    return " ".join(span.text.split())


def _without_org_short_names(
    reading: Reading, people: list[tuple[Span, int]], single_names: set[str]
) -> list[tuple[Span, int]]:
    """Drop a lone name that opens an organisation's name and no person's ("Acme said" after
    "Acme Foods"): the model often tags a company's short form as a person."""
    person_words = {t.text for span, _ in people if len(span) > 1 for t in span}
    org_first: set[str] = set()
    for ent in reading.entities:
        start, end = trim(reading.doc, ent.start, ent.end)
        if end - start < 2:
            continue
        if (ent.label_ == "ORG" and not person_named_org(reading, ent, single_names)) or (
            ent.label_ == "PERSON" and org_words(ent)
        ):
            org_first.add(reading.doc[start].text)
    return [
        (span, at)
        for span, at in people
        if len(span) > 1 or span.text not in org_first or span.text in person_words
    ]


def _named_with_article(reading: Reading, ent: Span, start: int, end: int) -> bool:
    """ "at the Bernabeu", "the Silver Heron struck rocks": a name after "the" that owns or
    modifies nothing is no person (the Obama administration still has its Obama)."""
    article = reading.doc[ent.start] if ent.start < start else reading.doc[start - 1]
    if start == 0 or article.lower_ != "the":
        return False
    return reading.doc[start:end].root.dep_ not in {"compound", "poss", "nmod"}


def claim_people(
    reading: Reading,
    people: list[tuple[Span, int]],
    canonical: dict[tuple[str, ...], tuple[str, ...]],
) -> None:
    """One person draft per merged name, each span a mention of it, with the role read there."""
    written = {tuple(t.text for t in span): name_text(span) for span, _ in people}
    for span, entity_start in people:
        name = canonical[tuple(t.text for t in span)]
        display = written.get(name) or " ".join(name)
        if display.isupper():
            # A name written in capitals, as a transcript labels its speakers ("MS. LANE:"),
            # is shown as a name is written in a sentence.
            display = display.title()
        draft = reading.draft(f"person:{display}", ActorKind.PERSON, display)
        reading.claim(draft, Mention(span.start, span.end, span.root.i, span.text))
        read_role(reading, draft, span, entity_start)


_LONGEST_ACRONYM = 3  # letters of a role word in capitals that may be an acronym ("CEO")


def read_role(reading: Reading, draft: Draft, name: Span, entity_start: int) -> None:
    if draft.role is not None:
        return
    role = title_before(name, entity_start)
    # A title written before a name ends in its head noun ("Water Authority Chairman"); an
    # apposition or attribute is headed by its parse root ("an obstetrician at X").
    head = role[-1] if role is not None else None
    stated = None if role is not None and not is_rank(role) else described(name)
    if role is not None and stated is None and is_short_title(role):
        # "The panel's top Republican, Sen. Ann Lee,": the description set before the name
        # says more than the title written short in front of it.
        before = apposition(name)
        stated = before if before is not None and before.end <= name.start else None
    if stated is not None:
        role, head = stated, stated.root
    if role is None and len(draft.mentions) == 1:
        # "Japanese automaker Acme said": the kind of body right before a name the model took
        # for a person's, where the parse attached neither to the other.
        body = body_kind_before(name)
        if body is not None:
            draft.kind = ActorKind.ORG
            draft.role = body.text
        return
    if role is None or head is None:
        return
    noun = head.lemma_.lower()
    if is_person_noun(role[-1]) and not is_person_noun(head):
        # "The Acme College of Nursing's regional director, Ann Lee,": the parse made the body
        # the phrase's head; the person's noun ends it.
        head = role[-1]
        noun = head.lemma_.lower()
    if is_body_noun(noun) and noun not in TITLE_WORDS and len(draft.mentions) == 1:
        # "the conciliation service Acas": a body the model took for a person; its description
        # is the body's role.
        draft.kind = ActorKind.ORG
        draft.role = role.text
        return
    draft.role_head = head.i
    text = role.text
    if role.end <= name.start:
        # "Justices Ann Lee and Tom Berg", "engineers Ann Lee and Tom Berg": a title written
        # in the plural before a list of names is each person's title in the singular.
        text = role[:-1].text_with_ws + singular_title(role[-1])
    if role[0].is_sent_start and role[0].lower_ == "the":
        text = "the" + text[3:]
    if all(t.is_upper and len(t) > _LONGEST_ACRONYM for t in role if t.is_alpha):
        # A title in a transcript's capital label ("SECRETARY NAME:") is written as in a
        # sentence; a short word in capitals is an acronym ("CEO") and stays so.
        text = text.title()
    draft.role = text
    draft.role_span = (role.start, role.end)


def read_surnames(reading: Reading) -> None:
    """Surnames the model missed or took for an organisation ("both Hale and Kerrigan")."""
    owners: dict[str, set[str]] = {}
    for draft in reading.drafts.values():
        if draft.kind is ActorKind.PERSON and " " in draft.name:
            owners.setdefault(draft.name.split()[-1], set()).add(draft.key)
    for token in reading.tokens:
        keys = owners.get(token.text)
        if not keys or not reading.free(token.i, token.i + 1):
            continue
        if token.pos_ not in {"PROPN", "NOUN"}:
            continue
        # Relatives share a surname: the bare surname is the one of them named first.
        key = min(keys, key=lambda k: min(m.start for m in reading.drafts[k].mentions))
        draft = reading.drafts[key]
        start = _full_name_start(reading, draft.name.split(), token.i)
        ent = reading.entity_at.get(token.i)
        # The whole name tagged as a product or a work is still the person; as an organisation
        # it may be the body that the person draft wrongly is.
        if ent is not None and (len(ent) > 1 or ent.label_ in {"GPE", "LOC"}):
            whole = (ent.start, ent.end) == (start, token.i + 1) and ent.label_ != "ORG"
            if not whole:
                continue
        span = reading.doc[start : token.i + 1]
        reading.claim(draft, Mention(start, token.i + 1, token.i, span.text))
        # The role may be stated only where the surname stands alone ("Lind is the director").
        read_role(reading, draft, span, start)


def _full_name_start(reading: Reading, name: list[str], surname: int) -> int:
    """Where the person's whole name starts when the words before the surname spell the rest of
    it, though the model tagged them otherwise ("Ivo" of "Ivo Brandt" as a product)."""
    start = surname - (len(name) - 1)
    if start < 0 or [t.text for t in reading.doc[start:surname]] != name[:-1]:
        return surname
    return start if reading.free(start, surname) else surname


def read_organisations(reading: Reading) -> dict[str, str]:
    """Organisation names the model tagged, with the abbreviations bracketed after them; returns
    every abbreviation read (bracketed or formed from initials) -> the draft it names."""
    acronyms: dict[str, str] = {}
    for draft in list(reading.drafts.values()):
        if draft.kind is ActorKind.ORG:
            _abbreviations_of(reading, draft, acronyms)
    for ent in reading.entities:
        if not (
            ent.label_ == "ORG"
            or (ent.label_ == "PERSON" and (org_words(ent) or body_tagged_as_person(reading, ent)))
        ):
            continue
        start, entity_end = trim(reading.doc, ent.start, ent.end)
        end, bracketed = _name_and_abbreviation(reading, start, entity_end)
        if end > entity_end and not reading.free(start, end):
            # The run-on holds a place ("... in Europe (CHSE)"): still part of the name, unless
            # an actor already holds a word of it.
            if any(i in reading.claimed for i in range(start, end)):
                end, bracketed = entity_end, None
            else:
                for i in range(entity_end, end):
                    reading.places.token_place.pop(i, None)
        if start >= end or not reading.free(start, end) or _fragment(reading, start, end):
            continue
        span = reading.doc[start:end]
        governed = _government_of(reading, span)
        if governed is not None:
            mention = Mention(start, end, span.root.i, span.text)
            reading.claim(reading.country_draft(governed), mention)
            continue
        place = _governing_place(reading, span) if len(span) == 1 else None
        if place is not None:
            # A capital or a country the model took for a body: its government where it acts
            # ("Vardel City has accepted the plan"), a place where it does not.
            if acts(span.root, country=place[1]):
                mention = Mention(start, end, span.root.i, span.text)
                reading.claim(reading.country_draft(place[0]), mention)
            continue
        office = _office_end(reading, start, end)
        if office is not None and reading.free(end, office):
            # "the Tern Alliance High Commissioner for Fisheries said": the office acts, not
            # the body it belongs to.
            whole = reading.doc[start:office]
            draft = reading.draft(f"org:{whole.text.lower()}", ActorKind.ORG, whole.text)
            reading.claim(draft, Mention(start, office, whole.root.i, whole.text))
            acronyms.setdefault(acronym_of(t.text for t in whole), draft.key)
            continue
        key = acronyms.get(acronym_key(span.text)) or f"org:{span.text.lower()}"
        draft = reading.draft(key, ActorKind.ORG, span.text)
        reading.claim(draft, Mention(start, end, span.root.i, span.text))
        if draft.role is None:
            draft.role = _body_role(span)
        words = [t.text for t in span]
        if len(words) > 1:
            acronyms.setdefault(acronym_of(words), key)
        if "and" in words[2:]:
            # A remit added after "and" is often left out of the abbreviation: "the Centers for
            # Disease Control and Prevention" is the "CDC".
            before = acronym_of(words[: words.index("and")])
            if len(before) >= _SHORTEST_CUT_ACRONYM:
                acronyms.setdefault(before, key)
        if bracketed is not None and reading.free(bracketed.start, bracketed.end):
            acronyms.setdefault(bracketed.text, key)
            mention = Mention(bracketed.start, bracketed.end, bracketed.start, bracketed.text)
            reading.claim(draft, mention)
    return acronyms


_OFFICE_REMITS = frozenset({"for", "on", "of"})
_SHORTEST_CUT_ACRONYM = 3  # letters: two initials cut short abbreviate too many names


def _office_end(reading: Reading, start: int, end: int) -> int | None:
    """Where an office held in a body's name ends, when the body's name runs into a capitalised
    title that no person's name follows: "... High Commissioner for Fisheries", "... Special
    Rapporteur on Torture" (an office that acts in its own name, as an institution does)."""
    doc = reading.doc
    i = end
    while i < len(doc) and _office_word(doc[i]) and doc[i].lower_ not in TITLE_WORDS:
        i += 1  # "High", "Special"
    if i == len(doc) or not _office_word(doc[i]) or doc[i].lower_ not in TITLE_WORDS:
        return None
    while i < len(doc) and (
        (_office_word(doc[i]) and doc[i].lower_ in TITLE_WORDS)
        or (doc[i].text == "-" and not doc[i].whitespace_)
    ):
        i += 1  # "Commissioner", "Secretary-General"
    if i + 1 < len(doc) and doc[i].lower_ in _OFFICE_REMITS and doc[i + 1].text[:1].isupper():
        i += 1
        while i < len(doc) and doc[i].text[:1].isupper() and doc[i].ent_type_ != "PERSON":
            i += 1  # "for Fisheries", "on Human Rights"
    after = doc[i : i + 2]
    if any(t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.text.istitle()) for t in after):
        return None  # "the Tern Alliance Special Envoy Ann Lee", "... Commissioner, Ann Lee,"
    if doc[start:i].root.dep_ == "appos" or (start > 0 and doc[start - 1].text == ","):
        return None  # "Ann Lee, Tern Alliance Special Envoy": the title set beside its holder
    return i


def _office_word(token: Token) -> bool:
    return (
        token.text[:1].isupper()
        and token.pos_ in {"PROPN", "NOUN", "ADJ"}
        and token.ent_type_ != "PERSON"
    )


def _body_role(name: Span) -> str | None:
    """What the text says a body is, before or beside its name: "the security firm X", "X, a
    drug maker based in Y," (a body's role is its kind, shortest as written)."""
    role = (
        title_before(name, name.start)
        or apposition(name)
        or body_attribute(name)
        or body_kind_before(name)
    )
    return role.text if role is not None and role.root.pos_ == "NOUN" else None


def _governing_place(reading: Reading, span: Span) -> tuple[GeoEntry, bool] | None:
    """The country a one-word name is, or whose capital it is, and whether it is the country."""
    country = reading.gaz.country(span.text)
    if country is not None and country.country_code is not None:
        return country, True
    capital = reading.gaz.country_of_capital(span.text)
    if capital is not None and capital.country_code is not None:
        return capital, False
    return None


def _government_of(reading: Reading, span: Span) -> GeoEntry | None:
    """The country a government's name names: "the Government of Ruritania", "Ruritanian
    Government" (a government is its country, as "Syria's government" is)."""
    words = list(span)
    if len(words) >= 3 and words[0].lower_ in GOVERNMENT_NOUNS and words[1].lower_ == "of":
        found = reading.gaz.country(span[2:].text)
        return found if found is not None and found.country_code is not None else None
    if len(words) == 2 and words[1].lower_ in GOVERNMENT_NOUNS:
        found = reading.country_of(words[0])
        return found if found is not None and found.country_code is not None else None
    return None


def _abbreviations_of(reading: Reading, draft: Draft, acronyms: dict[str, str]) -> None:
    """An institution read earlier may be abbreviated too: "the Israel Defense Forces (IDF)"."""
    words = draft.name.split()
    if len(words) > 1:
        acronyms.setdefault(acronym_of(words), draft.key)
    for mention in list(draft.mentions):
        bracketed = _bracketed_abbreviation(reading, mention.end)
        if bracketed is not None and reading.free(bracketed.start, bracketed.end):
            acronyms.setdefault(bracketed.text, draft.key)
            reading.claim(
                draft, Mention(bracketed.start, bracketed.end, bracketed.start, bracketed.text)
            )


_LONGEST_RUN_ON = 6  # words between a cut name and its abbreviation ("in Europe")


def _name_and_abbreviation(reading: Reading, start: int, end: int) -> tuple[int, Span | None]:
    """Where an organisation's name ends, and the abbreviation bracketed after it; the model
    sometimes runs the name into the bracket ("the World Health Organization (WHO")."""
    doc = reading.doc
    for i in range(start, end):
        if doc[i].text in _BRACKETS:
            return trim(doc, start, i)[1], _bracketed_abbreviation(reading, i)
    while end > start and (doc[end - 1].is_punct or any(c.isdigit() for c in doc[end - 1].text)):
        end -= 1  # "Burnley 3-1": a score, not part of the name
    end = trim(doc, start, end)[1]
    bracketed = _bracketed_abbreviation(reading, end)
    if bracketed is None:
        return _name_run_on(reading, start, end)
    return end, bracketed


def _name_run_on(reading: Reading, start: int, end: int) -> tuple[int, Span | None]:
    """A name the model cut short before the words its bracketed abbreviation spells out: "the
    Council for Harbour Safety" + "in Europe (CHSE)" is one name."""
    doc = reading.doc
    sentence_end = doc[start].sent.end
    for opening in range(end + 1, min(end + _LONGEST_RUN_ON, sentence_end)):
        if doc[opening].text not in _BRACKETS:
            continue
        bracketed = _bracketed_abbreviation(reading, opening)
        words = [t.text for t in doc[start:opening]]
        if bracketed is not None and acronym_of(words) == bracketed.text:
            return opening, bracketed
        break
    return end, None


def _fragment(reading: Reading, start: int, end: int) -> bool:
    """A piece of a title or not a name at all: "State" in "Secretary of State", "Trade" in
    "Minister for Trade", "Foreign Affairs" in "Foreign Affairs minister", a title alone
    ("Surgeon General"), or one capitalised common noun ("the Court", "the Government")."""
    doc = reading.doc
    first = doc[start]
    if not first.text[:1].isupper() or first.lower_.startswith("non-"):
        return True
    root = doc[start:end].root
    of_title = root.dep_ == "pobj" and root.head.lower_ in {"of", "for"}
    if of_title and root.head.head.lower_ in TITLE_WORDS:
        return True
    words = [t.lower_ for t in doc[start:end]]
    if len(words) >= 2 and words[-1] in TITLE_WORDS and words[-2] in TITLE_WORDS:
        return True
    if words[-1] in TITLE_WORDS and end < len(doc) and doc[end].lower_ in TITLE_WORDS:
        return True  # "Ruritanian Surgeon" cut from "Ruritanian Surgeon General"
    if not all(w in GENERIC_BODY_WORDS for w in words):
        return False
    # A remit before a title ("Foreign Affairs minister") or one common noun alone.
    return len(words) == 1 or (end < len(doc) and doc[end].lower_ in TITLE_WORDS)


def _bracketed_abbreviation(reading: Reading, opening: int) -> Span | None:
    """An abbreviation in brackets at `opening`: "International Syria Support Group
    [ISSG]"."""
    doc = reading.doc
    if opening + 2 >= len(doc) or doc[opening].text not in _BRACKETS:
        return None
    inner, close = doc[opening + 1], doc[opening + 2]
    if close.text == _BRACKETS[doc[opening].text] and ACRONYM.match(inner.text):
        return doc[opening + 1 : opening + 2]
    return None


def read_named_bodies(reading: Reading) -> None:
    """Bodies the model did not tag, named by a proper noun before an organisation noun and
    acting as a subject: "The Costa del Sol tourism board said ..."."""
    for token in reading.tokens:
        if token.pos_ != "NOUN" or reading.lemmas[token.i] not in ORG_NOUNS:
            continue
        if token.dep_ not in SUBJECT_DEPS or not reading.free(token.i, token.i + 1):
            continue
        names = [
            c
            for c in token.lefts
            if c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" and c.text.istitle()
        ]
        if not names:
            continue
        start = min(c.left_edge.i for c in names)
        if not reading.free(start, token.i + 1) or any(
            reading.entity_at.get(i) is not None for i in range(start, token.i)
        ):
            continue
        surface = reading.doc[start : token.i + 1].text
        draft = reading.draft(f"org:{surface.lower()}", ActorKind.ORG, surface)
        reading.claim(draft, Mention(start, token.i + 1, token.i, surface))


def read_member_bodies(reading: Reading) -> None:
    """Bodies the model did not tag, named after a person as what they are of or from: an
    abbreviation ("Ivo Brandt of the TGU", "Ann Lee from VLP") or a capitalised name after
    "the" ("Ann Lee of the Harbour Democrats")."""
    for token in reading.tokens:
        if token.dep_ != "pobj" or token.head.lower_ not in {"of", "from"}:
            continue
        if not names_a_person(reading, token.head.head.i) or reading.entity_at.get(token.i):
            continue
        words = [c for c in token.lefts if c.dep_ == "compound"]
        start = min([token.i, *(c.i for c in words)])
        span = reading.doc[start : token.i + 1]
        article = reading.doc[start - 1].lower_ == "the"
        if not (
            (len(span) == 1 and ACRONYM.match(token.text))
            or (article and all(t.pos_ == "PROPN" and t.text.istitle() for t in span))
        ):
            continue
        if not reading.free(start, token.i + 1) or any(reading.country_of(t) for t in span):
            continue
        draft = reading.draft(f"org:{span.text.lower()}", ActorKind.ORG, span.text)
        reading.claim(draft, Mention(start, token.i + 1, token.i, span.text))


def read_unnamed_institutions(reading: Reading) -> None:
    """A state body named by its remit alone that speaks: "the health department said",
    "the transport ministry announced" (the country is the article's, left unsaid)."""
    for token in reading.tokens:
        lemma = reading.lemmas[token.i]
        if lemma not in INSTITUTION_NOUNS or lemma in GOVERNMENT_NOUNS:
            continue
        if not token.text.islower():
            continue
        if token.dep_ not in SUBJECT_DEPS or token.head.lemma_.lower() not in SPEECH_VERBS:
            continue
        lefts = list(token.lefts)
        if not lefts or lefts[0].lower_ != "the" or len(lefts) < 2:
            continue
        remit = lefts[1:]
        # The remit is a noun, with the level it serves before it if any ("the provincial
        # disaster agency"); an adjective alone ("the new agency") names no remit.
        if not all(_remit_word(c) for c in remit) or not any(c.pos_ == "NOUN" for c in remit):
            continue
        start = remit[0].i
        if not reading.free(start, token.i + 1):
            continue
        after = reading.doc[token.i + 1] if token.i + 1 < len(reading.doc) else None
        if after is not None and after.pos_ == "PROPN" and after.ent_type_ == "ORG":
            continue  # "the state weather agency PAGASA said": the description of a named body
        surface = reading.doc[start : token.i + 1].text
        draft = reading.draft(f"org:{surface.lower()}", ActorKind.ORG, surface)
        reading.claim(draft, Mention(start, token.i + 1, token.i, surface))


def _remit_word(token: Token) -> bool:
    return token.is_lower and (
        (token.dep_ == "compound" and token.pos_ == "NOUN")
        or (token.dep_ == "amod" and token.pos_ == "ADJ")
    )


def classify_groups(reading: Reading) -> None:
    """An organisation is a group (armed, a party, a camp) when its name or the noun after it
    says so; a "person" whose name ends in such a common noun ("the reform camp") is one too."""
    for draft in reading.drafts.values():
        last = draft.name.split()[-1]
        if draft.kind is ActorKind.PERSON and last.islower() and last in GROUP_HEAD_NOUNS:
            draft.kind = ActorKind.GROUP
            continue
        if draft.kind is not ActorKind.ORG or draft.affiliation is not None:
            continue
        if (
            _group_name(reading, draft.name)
            or any(_group_context(reading, m) for m in draft.mentions)
            or _group_role(draft.role)
        ):
            draft.kind = ActorKind.GROUP


def _group_name(reading: Reading, name: str) -> bool:
    words = name.split()
    if any(w in GROUP_NAME_WORDS for w in words):
        return True
    if words[-1] == "Army" and len(words) > 1:
        # "the Free Syria Army" is a group; "the Syrian Army" a state's.
        first = words[0]
        return reading.gaz.country(first) is None and reading.gaz.country_of_demonym(first) is None
    return False


def _group_role(role: str | None) -> bool:
    """ "the militant group X", "the rebel faction X": what the text calls the body before its
    name says it is armed or a party ("rights group", "media group" say no such thing)."""
    words = role.lower().split() if role else []
    return any(w in GROUP_HEAD_NOUNS - {"group", "groups"} for w in words)


# Words before a body's name that make it a party: "the opposition X", "the ruling X".
_PARTY_MODIFIERS = frozenset({"opposition", "ruling"})


def _group_context(reading: Reading, mention: Mention) -> bool:
    """ "Islamic State group targets", "Hezbollah, the Iran-backed group, ...", "the opposition
    Tern Movement"."""
    doc = reading.doc
    after = doc[mention.end] if mention.end < len(doc) else None
    if after is not None and after.lower_ in GROUP_HEAD_NOUNS:
        return True
    before = doc[mention.start - 1] if mention.start > 0 else None
    if (
        before is not None
        and before.lower_ in _PARTY_MODIFIERS
        and mention.start <= before.head.i < mention.end
    ):
        return True
    head = reading.doc[mention.head]
    if any(c.dep_ == "appos" and c.lower_ in GROUP_HEAD_NOUNS for c in head.children):
        return True
    return _party_context(head)


# Nouns for a party's elected members and candidates: a body whose members they are is a
# political party ("Tern lawmakers", "deputies of Tern", "Tern's shadow finance minister").
_PARTY_MEMBERS = frozenset(
    {
        "lawmaker", "legislator", "mp", "deputy", "councillor", "councilor", "candidate",
        "congressman", "congresswoman", "assemblyman", "assemblywoman", "shadow",
    }
)  # fmt: skip
# Words of an election: a body a candidate stands or wins for is a party.
_ELECTION_WORDS = frozenset({"elect", "re-elect", "candidate", "constituency", "ballot", "seat"})


def _party_context(head: Token) -> bool:
    """A body named as the party of its members or of a person an election concerns:
    "Tern lawmakers", "deputies of Tern", "Tern's Ann Lee was elected", "Ann Lee of Tern
    won a seat"."""
    if any(t.text in ORG_NAME_WORDS for t in head.subtree):
        return False
    # The name's whole phrase, its bracketed abbreviation included ("Tern Union (TU)").
    while head.dep_ in {"compound", "nmod"} and head.head.pos_ == "PROPN":
        head = head.head
    member = head.head if head.dep_ in {"compound", "poss", "nmod"} else None
    if head.dep_ == "pobj" and head.head.lower_ in {"of", "from"}:
        member = head.head.head
    if member is None or member.i == head.i:
        return False
    words = head.doc[member.left_edge.i : member.i + 1]
    if any(t.lemma_.lower() in _PARTY_MEMBERS and not _deputy_rank(t) for t in words):
        return True
    if member.ent_type_ != "PERSON":
        return False
    return any(t.lemma_.lower() in _ELECTION_WORDS for t in member.sent)


def _deputy_rank(token: Token) -> bool:
    """ "deputy" before a title is a rank ("the Tern deputy spokesman", "deputy director"), not
    a member of parliament."""
    return (
        token.lower_ == "deputy" and token.head.i != token.i and (token.head.lower_ in TITLE_WORDS)
    )


def read_employers(reading: Reading) -> None:
    """A lone name read as a person's that stands before a noun for someone it employs
    ("Riverton manager Ann Lee", "Tern defender Ivo Brandt") and is no part of a person's full
    name is a team's or a company's: copy names a person in full at least once, and a person's
    staff are "his aides", not "Lee aides"."""
    parts = {
        word
        for draft in reading.drafts.values()
        if draft.kind is ActorKind.PERSON and " " in draft.name
        for word in draft.name.split()
    }
    for draft in reading.drafts.values():
        if draft.kind is not ActorKind.PERSON or " " in draft.name or draft.name in parts:
            continue
        # Every place the name stands counts: the model may tag it only where it acts.
        heads = list(reading.tokens_written.get(draft.name, ()))
        if any(h.dep_ == "compound" and _employs(h.head) for h in heads):
            draft.kind = ActorKind.ORG
            draft.role = None
    for draft in reading.drafts.values():
        if _a_squads_team(reading, draft):
            draft.kind = ActorKind.ORG
            draft.role = None


def read_administrations(reading: Reading) -> None:
    """A person's name before "administration", "government" or "regime" ("the Harlan
    administration said") names the government the person leads, not the person: where that
    government acts the mention goes to a body named so ("Harlan administration"); where it
    only qualifies something ("the Harlan administration's envoy") it names nobody here."""
    for draft in list(reading.drafts.values()):
        if draft.kind is not ActorKind.PERSON:
            continue
        for mention in list(draft.mentions):
            head = reading.tokens[mention.head]
            noun = head.head
            if not (
                mention.counts
                and head.dep_ == "compound"
                and noun.i == mention.end
                and noun.lower_ in GOVERNMENT_NOUNS
            ):
                continue
            draft.mentions.remove(mention)
            for i in range(mention.start, mention.end):
                reading.claimed.pop(i, None)
            if is_subject(noun) or noun.dep_ == "dobj":
                name = f"{mention.surface} {noun.text}"
                body = reading.draft(f"org:{name.lower()}", ActorKind.ORG, name)
                reading.claim(body, Mention(mention.start, noun.i + 1, noun.i, name))
        if not any(m.counts for m in draft.mentions):
            del reading.drafts[draft.key]
        else:
            draft.aliases = list(dict.fromkeys(m.surface for m in draft.mentions if m.counts))


# Posts in a team's squad or dugout: "Dunmore Hotspur coach Ann Lee". A person has a coach too
# ("Ann Lee's coach"), but copy writes a person's with the possessive.
_SQUAD_NOUNS = frozenset(
    {
        "coach", "manager", "midfielder", "striker", "defender", "goalkeeper", "winger",
        "forward", "captain", "skipper", "teammate", "playmaker", "keeper",
    }
)  # fmt: skip


def _a_squads_team(reading: Reading, draft: Draft) -> bool:
    """A full name read as a person's that the text writes before a squad's post and its
    holder ("Dunmore Hotspur coach Ivo Marsh said") is the team: copy writes a person's coach
    as theirs ("Ann Lee's coach")."""
    if draft.kind is not ActorKind.PERSON or " " not in draft.name or draft.role is not None:
        return False
    heads = [reading.tokens[m.head] for m in draft.mentions if m.counts]
    return any(
        h.dep_ == "compound"
        and h.head.lower_ in _SQUAD_NOUNS
        and h.head.i + 1 < len(reading.tokens)
        and names_a_person(reading, h.head.i + 1)
        for h in heads
    )


def _employs(noun: Token) -> bool:
    """A noun for someone in a post, however the parse tagged it ("defender" read as a verb)."""
    return is_person_noun(noun) or noun.lower_ in TITLE_WORDS


def read_party_plurals(reading: Reading) -> None:
    """A political family's plural name that the model tags as a nationality ("the Greens had
    pushed for more", "Republicans blocked the bill", "the opposition Christian Democrats
    criticised the plan") is a group where it acts, as the subject of a verb other than "be";
    a people ("Germans voted", "Kurds fled") is not read so."""
    read: list[Draft] = []
    for ent in reading.entities:
        if ent.label_ != "NORP":
            continue
        start, end = trim(reading.doc, ent.start, ent.end)
        while (
            start > 0
            and reading.doc[start - 1].text.istitle()
            and reading.doc[start - 1].dep_ in {"amod", "compound"}
            and reading.doc[start - 1].head.i == end - 1
            and not reading.doc[start - 1].is_sent_start
        ):
            start -= 1  # "whose Free Democrats": the model left the name's first word out
        span = reading.doc[start:end]
        if start >= end or not reading.free(start, end):
            continue
        if span[-1].lower_ not in CAMP_PLURALS or span.root.i != span[-1].i:
            continue
        root = span.root
        acting = root.dep_ in SUBJECT_DEPS and root.head.lemma_ != "be"
        if acting:
            draft = reading.draft(f"camp:{span.text.lower()}", ActorKind.GROUP, span.text)
            reading.claim(draft, Mention(start, end, root.i, span.text))
            read.append(draft)
    for draft in read:
        _read_repeated_plural(reading, draft)


def _read_repeated_plural(reading: Reading, draft: Draft) -> None:
    """The group's other mentions, wherever the name stands again."""
    words = draft.name.split()
    for token in reading.tokens:
        start = token.i
        end = start + len(words)
        if [t.text for t in reading.doc[start:end]] == words and reading.free(start, end):
            span = reading.doc[start:end]
            reading.claim(draft, Mention(start, end, span.root.i, span.text))


def read_untagged_speakers(reading: Reading) -> None:
    """A one-word name the model never tags that speaks and stands again ("the platform
    Clipzy" ... "Clipzy said it would appeal"): a body, since the model tags most people's
    names; a word the gazetteer knows, a title or a word the text also writes in lower case is
    no such name."""
    by_text: dict[str, list[Token]] = {}
    for token in reading.tokens:
        if token.pos_ in {"PROPN", "NOUN"} and token.is_alpha and token.text.istitle():
            by_text.setdefault(token.text, []).append(token)
    lower = {t.lower_ for t in reading.tokens if t.text.islower()}
    for text, tokens in by_text.items():
        if len(tokens) < 2 or text.lower() in lower:
            continue
        if any(t.ent_type_ not in {"", "PRODUCT"} for t in tokens):
            continue  # a name the model tagged is read as what it tagged
        if not any(t.pos_ == "PROPN" and not t.is_sent_start for t in tokens):
            continue  # a capitalised word at the start of sentences only may be a common noun
        if text.lower() in TITLE_WORDS | HONORIFICS or reading.country_of(tokens[0]) is not None:
            continue
        if reading.gaz.lookup(text):
            continue
        alone = [
            t
            for t in tokens
            if reading.free(t.i, t.i + 1)
            and not any(
                n.pos_ == "PROPN" and n.text[:1].isupper()
                for n in (t.nbor(-1) if t.i > 0 else t, t.nbor(1) if t.i + 1 < len(t.doc) else t)
                if n.i != t.i
            )
        ]
        if not any(t.dep_ == "nsubj" and t.head.lemma_.lower() in SPEECH_VERBS for t in alone):
            continue
        draft = reading.draft(f"org:{text.lower()}", ActorKind.ORG, text)
        for token in alone:
            reading.claim(draft, Mention(token.i, token.i + 1, token.i, text))
