"""Places: gazetteer-confirmed locations, the NER model's mislabels included.

The small model tags some towns as people, organisations or nationalities ("Homs" PERSON, "Daraa"
ORG, "Aleppo" NORP). Such a span is a place when the gazetteer knows the name and the sentence
uses it as a place (after "in", in a list of places, beside "province"), or when the same name is
a confirmed place elsewhere in the article; never when the text names a person by it ("President
Obama", "the Obama administration", a first name, a speaker). A country or capital that acts
("Washington condemns", "Russia's offer") is an actor, not a place mention (see metonymy.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.briefing.datelines import Dateline, find_datelines
from bot.briefing.gazetteer import Gazetteer, GeoEntry, load_gazetteer
from bot.briefing.metonymy import acts
from bot.briefing.models import Place, SourceRef
from bot.briefing.parsed import ParsedArticle
from bot.briefing.roles import is_person_noun
from bot.briefing.vocabulary import (
    HONORIFICS,
    INHABITANT_NOUNS,
    LOCAL_OFFICER_NOUNS,
    PERSON_OWNED_NOUNS,
    PLACE_NOUNS,
    SPEECH_VERBS,
    TITLE_WORDS,
)

_PLACE_LABELS = frozenset({"GPE", "LOC"})
_MISLABELS = frozenset({"PERSON", "ORG", "NORP", "FAC"})
_NAME_LABELS = _PLACE_LABELS | _MISLABELS
# Labels the model gives a town now and then; a place noun naming it ("the town of X") decides.
_OTHER_NAME_LABELS = frozenset({"PRODUCT", "LANGUAGE", "WORK_OF_ART", "EVENT", "LAW"})
# Prepositions whose object is a location whatever it governs; "of" and "to" need a place noun
# or a movement before them ("provinces of Homs", "visit to Brussels").
_LOCATING = frozenset(
    {
        "in", "at", "near", "from", "into", "across", "around", "outside", "inside", "throughout",
        "towards", "toward", "within", "via", "between", "beyond", "along", "through",
    }
)  # fmt: skip
_LOCAL_WEIGHT = 10  # a city in a country the article's places are in beats one ten times its size
_LONGEST_SPLIT_NAME = 4  # tokens a gazetteer name may run past the NER span ("Deir" ez-Zor)


@dataclass(frozen=True)
class ActingPlace:
    """A country, capital or seat of government named as a party that acts ("Moscow's offer")."""

    start: int
    end: int
    country_code: str
    surface: str


@dataclass
class PlaceIndex:
    places: list[Place] = field(default_factory=list)
    token_place: dict[int, str] = field(default_factory=dict)  # token index -> place name
    acting: list[ActingPlace] = field(default_factory=list)
    # Names the gazetteer knows but the text uses for a person ("Lucía Toledo", "Toledo said"):
    # (start, end) token spans the actor reader takes as people.
    person_spans: list[tuple[int, int]] = field(default_factory=list)

    def place_at(self, token_index: int) -> str | None:
        return self.token_place.get(token_index)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    surface: str
    entry: GeoEntry | None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The span without a leading article or a trailing possessive / punctuation."""
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _gazetteer_span(gaz: Gazetteer, doc: Doc, start: int, end: int) -> tuple[int, GeoEntry | None]:
    """The longest gazetteer name starting at `start` and covering the span; its end and entry."""
    first = doc[start]
    # Up to the sentence's end: its next sentence start is looked for only as far as a name may
    # run (Token.sent walks the whole sentence both ways, and builds two Spans).
    limit = start + 1
    while limit < min(len(doc), end + _LONGEST_SPLIT_NAME) and not doc[limit].is_sent_start:
        limit += 1
    # Each shorter span's text is cut from the longest one's: a Span joins its tokens anew.
    longest = doc[start:limit].text_with_ws
    for stop in range(limit, end - 1, -1):
        last = doc[stop - 1]
        if last.is_punct or last.is_space:
            continue
        found = gaz.lookup(longest[: last.idx + len(last) - first.idx])
        if found:
            return stop, found[0]
    return end, None


def _first_conjunct(token: Token) -> Token:
    seen = 0
    while token.dep_ == "conj" and seen < 50:
        token = token.head
        seen += 1
    return token


def _conjuncts(token: Token) -> Iterator[Token]:
    first = _first_conjunct(token)
    yield first
    yield from first.conjuncts


def _after_locating_word(root: Token) -> bool:
    """After "in", "from", "near" ...: a location whatever else the name may be."""
    first = _first_conjunct(root)
    return first.dep_ == "pobj" and first.head.lower_ in _LOCATING


def _in_place_position(root: Token, *, strict: bool = False) -> bool:
    """The sentence uses the name as a location, whatever NER thinks it is; `strict` asks for a
    place noun or a list with places, not only a preposition."""
    first = _first_conjunct(root)
    if first.dep_ == "pobj" and not strict:
        preposition = first.head
        word = preposition.lower_
        governor = preposition.head
        if word in _LOCATING:
            return True
        if word in {"of", "to"} and governor.lemma_.lower() in PLACE_NOUNS | {"visit", "trip"}:
            return True
    if _people_of(first):
        return True
    if root.dep_ in {"compound", "nmod", "amod"} and root.head.lemma_.lower() in PLACE_NOUNS:
        return True
    if any(
        t.lemma_.lower() in PLACE_NOUNS and t.dep_ in {"compound", "appos"} for t in root.children
    ):
        return True
    if any(t.i != root.i and t.ent_type_ in _PLACE_LABELS for t in _conjuncts(root)):
        return True
    # "Jackson Hole, Wyoming": a place set beside a place.
    beside = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        beside.append(root.head)
    return any(
        t.ent_type_ in _PLACE_LABELS and t.i not in range(root.i, root.i + 1) for t in beside
    )


def _people_of(first: Token) -> bool:
    """ "residents of X", "villagers in X", "officials in X": the object of a preposition after a
    noun for the people of a place (or its local officers) is that place, even when the model
    took it for an organisation or a person."""
    if first.dep_ != "pobj":
        return False
    word, governor = first.head.lower_, first.head.head.lemma_.lower()
    if word in {"of", "in", "from"} and governor in INHABITANT_NOUNS:
        return True
    return word == "in" and governor in LOCAL_OFFICER_NOUNS


def _named_as_place(root: Token) -> bool:
    """A place noun names it: "the town of X", "X province"."""
    first = _first_conjunct(root)
    if first.dep_ == "pobj" and first.head.lower_ == "of":
        return first.head.head.lemma_.lower() in PLACE_NOUNS
    return root.dep_ in {"compound", "nmod"} and root.head.lemma_.lower() in PLACE_NOUNS


def _in_title(root: Token) -> bool:
    """The name modifies a title ("US Defence Secretary Ash Carter")."""
    token = root
    for _ in range(4):
        if token.dep_ not in {"compound", "nmod", "amod"} or token.head.i == token.i:
            return False
        token = token.head
        if token.lower_ in TITLE_WORDS:
            return True
    return False


def _names_a_person(span: Span, person_parts: frozenset[str]) -> bool:
    """The text uses this name for a person: a known person's name part, a title, "X's
    administration", or a speaker."""
    doc = span.doc
    if any(t.text in person_parts for t in span):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in HONORIFICS | TITLE_WORDS:
        return True
    root = span.root
    if root.dep_ in {"compound", "poss"} and root.head.lemma_.lower() in PERSON_OWNED_NOUNS:
        return True
    if any(c.dep_ == "appos" and is_person_noun(c) for c in root.rights):
        return True  # "Toledo, an entomologist"
    # "Ruritania Foreign Minister Ada Lind said", parsed with the minister set beside the
    # country: the person speaks, the name before is their country's.
    beside = any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in root.rights)
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_VERBS and not beside


def _first_name_before(span: Span, gaz: Gazetteer) -> Token | None:
    """A capitalised name word the model left out before a place-like name: "Lucía" Toledo."""
    if span.start == 0:
        return None
    before = span.doc[span.start - 1]
    if before.dep_ != "compound" or before.head.i not in range(span.start, span.end):
        return None
    if (
        before.pos_ != "PROPN"
        or not before.text[:1].isupper()
        or (
            before.ent_type_ not in {"", "PERSON"}
            and before.ent_iob_ == "B"
            and _ent_len(before) > 1
        )
    ):
        return None
    if before.lower_ in HONORIFICS | TITLE_WORDS or gaz.lookup(before.text):
        return None
    return before


def _ent_len(token: Token) -> int:
    """How many tokens the entity starting at this token has."""
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return end - token.i


def _whole_country(gaz: Gazetteer, text: str) -> bool:
    """The text is a sovereign country's name (not a region's, not part of a longer name)."""
    country = gaz.country(text)
    return country is not None and country.country_code is not None


def _people_named_like_places(
    doc: Doc, entities: tuple[Span, ...], gaz: Gazetteer
) -> tuple[frozenset[str], list[tuple[int, int]]]:
    """Every word of a multi-word person name ("Ash Carter" -> Ash, Carter) in the article, and
    the spans of place-labelled names that a first name before them shows to be people."""
    parts: set[str] = set()
    spans: list[tuple[int, int]] = []
    for ent in entities:
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            continue
        if ent.label_ in _PLACE_LABELS:
            first = _first_name_before(doc[start:end], gaz)
            if first is not None:
                spans.append((first.i, end))
                parts.update(t.text for t in doc[first.i : end])
            continue
        if ent.label_ != "PERSON":
            continue
        words = [t.text for t in doc[start:end] if t.lower_ not in HONORIFICS]
        if len(words) >= 2 and not gaz.lookup(" ".join(words)):
            parts.update(words)
    return frozenset(parts), spans


def _pick(entries: Iterable[GeoEntry], countries: frozenset[str]) -> GeoEntry | None:
    """The record a name most likely means here: the gazetteer's order (countries, capitals,
    states, then cities by size), with a city in a country the article names weighted up."""
    best: tuple[int, float] | None = None
    choice: GeoEntry | None = None
    for rank, entry in enumerate(entries):
        if entry.kind != "city":
            return entry if choice is None else choice
        weight = entry.population * (_LOCAL_WEIGHT if entry.country_code in countries else 1)
        if best is None or weight > best[1]:
            best, choice = (rank, weight), entry
    return choice


class _Reader:
    """One pass over a document's names; collects place mentions and acting places."""

    def __init__(self, doc: Doc, entities: tuple[Span, ...], gaz: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gaz
        self.person_parts, self.person_spans = _people_named_like_places(doc, entities, gaz)
        # How often the model tags each name as a person and as a place: a name it mostly tags
        # a person's ("their child, Gloria" tagged a place once, a person six times) is one.
        self.person_votes = Counter(e.text for e in entities if e.label_ == "PERSON")
        self.place_votes = Counter(e.text for e in entities if e.label_ in _PLACE_LABELS)
        self.mentions: list[_Mention] = []
        self.acting: list[ActingPlace] = []
        self.deferred: list[tuple[int, int, str]] = []
        self.covered: set[int] = set()
        # Organisation names and their first words: "Northway" for "Northway Rail Systems".
        self.org_names = frozenset(
            name
            for ent in entities
            if ent.label_ == "ORG"
            for name in (ent.text.removeprefix("the "), ent.text.removeprefix("the ").split()[0])
        )

    def read_entity(self, ent: Span) -> None:
        start, end = _trim(self.doc, ent.start, ent.end)
        if start >= end:
            return
        stop, entry = _gazetteer_span(self.gaz, self.doc, start, end)
        span = self.doc[start:stop]
        self.covered.update(range(ent.start, max(ent.end, stop)))
        text = span.text
        if self.gaz.seat(text) is not None:
            self.place_or_actor(span, self.gaz.seat(text))
            return
        if ent.label_ in _PLACE_LABELS:
            self.read_place_label(span, entry, ent.label_)
            return
        if entry is None and ent.label_ != "NORP" and _named_as_place(span.root):
            self.place_or_actor(span, None)  # "the northern town of Kiryat Shmona"
            return
        if entry is None or (ent.label_ == "NORP" and self.gaz.country_of_demonym(text)):
            return
        if _names_a_person(span, self.person_parts):
            return
        # "Shares in Toyota": an organisation after "in" is still an organisation; only a list of
        # places or a place noun ("the provinces of ... Daraa") overrules the ORG label.
        if (
            ent.label_ == "NORP"
            or _in_place_position(span.root, strict=ent.label_ == "ORG")
            or _whole_country(self.gaz, text)
        ):
            # A country's whole name the model took for a person or a body ("Mali takes further
            # steps") is the country, acting or placed as its sentence says.
            self.place_or_actor(span, entry)
        else:
            self.deferred.append((start, stop, text))

    def read_dateline(self, dateline: Dateline) -> None:
        """A dateline's city: a place by the layout of the copy, known to the gazetteer or not,
        and never a party ("WASHINGTON (Wire) - The Senate voted" is filed from a city)."""
        start, end = dateline.start, dateline.city_end
        self.covered.update(range(start, end))
        words = self.doc[start:end]
        surface = words.text.title() if words.text.isupper() else words.text
        entry = _pick(self.gaz.lookup(surface), frozenset())
        self.mentions.append(_Mention(start, end, surface, entry))

    def read_named_as_place(self, ent: Span) -> None:
        """A name the model took for a product, a language or a work ("the port of Odesa" as
        LANGUAGE): a place where a place noun names it so."""
        start, end = _trim(self.doc, ent.start, ent.end)
        if start >= end:
            return
        stop, entry = _gazetteer_span(self.gaz, self.doc, start, end)
        span = self.doc[start:stop]
        if _named_as_place(span.root):
            self.covered.update(range(ent.start, max(ent.end, stop)))
            self.place_or_actor(span, entry)

    def read_untagged_named_as_place(self) -> None:
        """A name the model did not tag that a place noun names ("the port of Odesa"): a place
        when the gazetteer knows it."""
        for token in self.doc:
            if token.i in self.covered or token.ent_type_ or token.pos_ != "PROPN":
                continue
            stop, entry = _gazetteer_span(self.gaz, self.doc, token.i, token.i + 1)
            span = self.doc[token.i : stop]
            if entry is not None and not any(t.ent_type_ for t in span) and _named_as_place(token):
                self.covered.update(range(span.start, span.end))
                self.place_or_actor(span, entry)

    def read_place_label(self, span: Span, entry: GeoEntry | None, label: str) -> None:
        """A GPE / LOC span: a place unless the text names a person or an organisation by it."""
        governs = self.gaz.country(span.text) or self.gaz.country_of_capital(span.text)
        if governs is None:
            person = any(t.text in self.person_parts for t in span) or self.mostly_a_person(
                span.text
            )
            if (person and not _after_locating_word(span.root)) or (
                not _in_place_position(span.root) and _names_a_person(span, self.person_parts)
            ):
                if not any(s <= span.start < e for s, e in self.person_spans):
                    self.person_spans.append((span.start, span.end))
                return
            if entry is None and (
                span.text in self.org_names
                or (label != "LOC" and not _in_place_position(span.root))
            ):
                return  # unknown to the gazetteer and named as an organisation, or not placed
        self.place_or_actor(span, entry)

    def place_or_actor(self, span: Span, entry: GeoEntry | None) -> None:
        text = span.text
        country = self.gaz.country(text)
        capital = self.gaz.country_of_capital(text) or self.gaz.country_of_seat(text)
        if country is not None and country.country_code is not None:
            if acts(span.root, country=True):
                self.acting.append(ActingPlace(span.start, span.end, country.country_code, text))
                return
            if _in_title(span.root):
                return  # "US Secretary of State": a nationality, not a location
            entry = country
        elif (
            capital is not None
            and capital.country_code is not None
            and acts(span.root, country=False)
        ):
            self.acting.append(ActingPlace(span.start, span.end, capital.country_code, text))
            return
        self.mentions.append(_Mention(span.start, span.end, text, entry))

    def mostly_a_person(self, text: str) -> bool:
        """The model tags this name as a person's more often than as a place's."""
        return self.person_votes[text] > self.place_votes[text]

    def confirm_deferred(self) -> None:
        """A mislabelled name is a place where the article elsewhere uses it as one."""
        confirmed = {m.surface for m in self.mentions}
        for start, stop, text in self.deferred:
            if text in confirmed:
                self.mentions.append(_Mention(start, stop, text, self.gaz.lookup(text)[0]))

    def read_unlabelled(self) -> None:
        """Confirmed names the model did not tag at all ("Russia's Aleppo offensive")."""
        # The gazetteer's names and the article's own, by first word; the gazetteer's are read
        # where they stand, not copied for each article.
        anchors = self.gaz.anchor_names()
        own: dict[str, set[tuple[str, ...]]] = {}
        for mention in self.mentions:
            words = tuple(t.text for t in self.doc[mention.start : mention.end])
            own.setdefault(words[0], set()).add(words)
        doc = self.doc
        for token in doc:
            text = token.text
            # A word that opens no name is passed over first: most of them.
            if text not in anchors and text not in own:
                continue
            if token.i in self.covered or token.ent_type_ or not text[:1].isupper():
                continue
            # Longest first; of two names as long, at most one is the text's (the loop stops
            # at the first that is).
            names = anchors.get(text, frozenset()) | own.get(text, set())
            for words in sorted(names, key=len, reverse=True):
                span = doc[token.i : token.i + len(words)]
                if tuple(t.text for t in span) != words:
                    continue
                if any(t.ent_type_ for t in span) or any(t.text in self.person_parts for t in span):
                    break
                # A country, capital or seat that speaks is its government, not a person.
                governs = words in self.gaz.anchor_names().get(words[0], frozenset())
                if governs or not _names_a_person(span, self.person_parts):
                    self.covered.update(range(span.start, span.end))
                    entry = self.gaz.seat(span.text) or _pick(
                        self.gaz.lookup(span.text), frozenset()
                    )
                    self.place_or_actor(span, entry)
                break


def _aggregate(
    parsed: ParsedArticle, mentions: list[_Mention], gaz: Gazetteer
) -> tuple[list[Place], dict[int, str]]:
    countries = _article_countries(mentions, gaz)
    groups: dict[tuple[str, str, str | None], list[tuple[_Mention, GeoEntry | None]]] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        entry = _pick(gaz.lookup(mention.surface), countries) or mention.entry
        if mention.entry is not None and mention.entry.kind == "country":
            entry = mention.entry
        key = (entry.name, entry.kind, entry.country_code) if entry else (mention.surface, "", None)
        groups.setdefault(key, []).append((mention, entry))
    places: list[tuple[int, Place]] = []
    token_place: dict[int, str] = {}
    for members in groups.values():
        entry = members[0][1]
        surfaces = Counter(m.surface for m, _ in members)
        name = entry.name if entry and entry.kind == "country" else surfaces.most_common(1)[0][0]
        refs: list[SourceRef] = []
        for mention, _ in members:
            ref = parsed.ref(mention.start)
            if ref not in refs:
                refs.append(ref)
            for i in range(mention.start, mention.end):
                token_place[i] = name
        place = Place(
            name=name,
            count=len(members),
            kind=entry.kind if entry else None,
            country_code=entry.country_code if entry else None,
            latitude=entry.latitude if entry else None,
            longitude=entry.longitude if entry else None,
            sources=refs,
        )
        places.append((members[0][0].start, place))
    places.sort(key=lambda item: (-item[1].count, item[0]))
    return [p for _, p in places], token_place


def _article_countries(mentions: list[_Mention], gaz: Gazetteer) -> frozenset[str]:
    """Countries the article's places are surely in: countries it names as places, and the
    countries of names the gazetteer knows only one way."""
    codes: set[str] = set()
    for mention in mentions:
        entries = gaz.lookup(mention.surface)
        country = gaz.country(mention.surface)
        if country is not None and country.country_code:
            codes.add(country.country_code)
        elif len({e.country_code for e in entries}) == 1 and entries[0].country_code:
            codes.add(entries[0].country_code)
    return frozenset(codes)


def find_places(parsed: ParsedArticle) -> PlaceIndex:
    """Every place the article names, with how often and where; plus places that act."""
    doc = parsed.doc
    gaz = load_gazetteer()
    reader = _Reader(doc, parsed.entities, gaz)
    for dateline in find_datelines(parsed):
        reader.read_dateline(dateline)
    for ent in parsed.entities:
        if any(i in reader.covered for i in range(ent.start, ent.end)):
            continue  # a dateline's city, read above
        if ent.label_ in _NAME_LABELS:
            reader.read_entity(ent)
        elif ent.label_ in _OTHER_NAME_LABELS:
            reader.read_named_as_place(ent)
    reader.confirm_deferred()
    reader.read_unlabelled()
    reader.read_untagged_named_as_place()
    places, token_place = _aggregate(parsed, reader.mentions, gaz)
    acting = sorted(reader.acting, key=lambda a: a.start)
    people = sorted(set(reader.person_spans))
    return PlaceIndex(places=places, token_place=token_place, acting=acting, person_spans=people)
