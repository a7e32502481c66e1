"""Actors: people, organisations, countries and groups with aliases, roles and salience.

Mentions come from the NER spans (people, organisations), from places that act (countries,
capitals and seats of government standing for a government: see places.py / metonymy.py), from
demonyms beside an acting noun ("Russian airstrikes"), from institutions a country owns ("the
Russian defence ministry", "the US-led coalition") and from acronyms ("[ISSG]", "IS" for
"Islamic State"). They merge into actors: a surname joins the one full name it ends, an acronym
the name it abbreviates, a lone name that opens one organisation's name that organisation, every
name of a country its canonical name. Definite descriptions refer back: "the union" to the body
whose name ends so, a bare "the company" to the body last acting in an earlier sentence, "the
inspector" to the person last named with that title. Personal pronouns refer to the most recent
person subject in the same or the previous sentence (or the one before a quotation), skipping a
person whose gender, told by a title or an earlier pronoun, rules the pronoun out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.briefing.gazetteer import GeoEntry, ascii_fold, load_gazetteer
from bot.briefing.models import Actor, ActorKind, SourceRef
from bot.briefing.parsed import ParsedArticle
from bot.briefing.places import PlaceIndex
from bot.briefing.roles import (
    apposition,
    copular,
    description_subject,
    is_person_noun,
    title_before,
)
from bot.briefing.speech import DOUBLE_OPENERS
from bot.briefing.vocabulary import (
    ACRONYM_SKIP,
    AGENT_NOUNS,
    FUNCTION_BODIES,
    GENDERED_TITLES,
    GOVERNMENT_NOUNS,
    GROUP_HEAD_NOUNS,
    GROUP_NAME_WORDS,
    HONORIFICS,
    INSTITUTION_NOUNS,
    OFFICIAL_NOUNS,
    ORG_NAME_WORDS,
    ORG_NOUNS,
    PERSONAL_PRONOUNS,
    PRONOUN_GENDERS,
    SPEECH_VERBS,
    TITLE_WORDS,
)

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Where a description acts rather than being acted on: a subject or an owner ("the firm's").
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
_BODIES = frozenset({ActorKind.ORG, ActorKind.GROUP})
# How many sentences of a continuing quotation a pronoun may look back over, and how many
# recent person subjects it weighs.
_MAX_QUOTED_REACH = 6
_MAX_ANTECEDENTS = 8
_ATTACHED_DEPS = frozenset({"compound", "nmod", "amod", "poss", "appos"})
_BRACKETS = {"(": ")", "[": "]"}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")

# Salience weights: a subject or a speaker is more central than a passing mention, an actor
# named early more than one named in the last paragraph.
_SUBJECT_WEIGHT = 1.0
_SPEAKER_WEIGHT = 2.0
_EARLY_WEIGHT = 2.0


@dataclass
class ActorIndex:
    actors: list[Actor] = field(default_factory=list)
    token_actor: dict[int, str] = field(default_factory=dict)  # token index -> Actor.id
    genders: dict[str, str] = field(default_factory=dict)  # Actor.id -> "f" / "m" where known
    _by_id: dict[str, Actor] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {actor.id: actor for actor in self.actors}

    def actor_at(self, token_index: int) -> Actor | None:
        actor_id = self.token_actor.get(token_index)
        return None if actor_id is None else self.by_id(actor_id)

    def by_id(self, actor_id: str) -> Actor | None:
        if len(self._by_id) != len(self.actors):  # the list was replaced after construction
            self._by_id = {actor.id: actor for actor in self.actors}
        return self._by_id.get(actor_id)


def slug(name: str) -> str:
    """A stable id from a display name: "John Kerry" -> "john-kerry"."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-") or "actor"


@dataclass(frozen=True)
class _Mention:
    start: int  # the tokens that refer to the actor
    end: int
    head: int  # the token whose place in the sentence counts (subject, speaker)
    surface: str
    counts: bool = True  # False for pronouns: mapped to the actor, not counted as naming it


@dataclass
class _Draft:
    key: str
    kind: ActorKind
    name: str
    mentions: list[_Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    role_span: tuple[int, int] | None = None  # where the role was read, for the affiliation
    role_head: int | None = None  # the role's head noun ("inspector" in "the chief inspector")
    gender: str | None = None  # "f" or "m" when a title or a pronoun has told it
    affiliation: str | None = None

    def add(self, mention: _Mention) -> None:
        self.mentions.append(mention)
        if mention.counts and mention.surface not in self.aliases:
            self.aliases.append(mention.surface)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Without a leading article or punctuation; without a trailing possessive."""
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    return start, end


def _speaks(head: Token) -> bool:
    """The token, or the noun it modifies ("US officials have said"), is a speech verb's subject."""
    for token in (head, head.head):
        if token.dep_ in _SUBJECT_DEPS and token.head.lemma_.lower() in SPEECH_VERBS:
            return True
        if token.dep_ not in {"compound", "nmod", "amod", "poss"}:
            break
    return False


def _is_subject(head: Token) -> bool:
    """The token is a subject, or names, owns or stands beside one ("The club's manager,
    Daniel Farke, praised")."""
    if head.dep_ in _SUBJECT_DEPS:
        return True
    return head.dep_ in _ATTACHED_DEPS and head.head.dep_ in _SUBJECT_DEPS


def _org_words(ent: Span) -> bool:
    return any(t.text in ORG_NAME_WORDS for t in ent)


def _person_named_org(ent: Span, single_names: set[str]) -> bool:
    """An ORG span that is a person's full name: its last word is a name the model elsewhere
    tags as a person ("Marcus Preston" ... "Preston said"), or the text describes it as a
    person ("Alphonso Davies, the Canadian defender")."""
    words = [t for t in ent if t.lower_ != "the"]
    if not (
        2 <= len(words) <= 3
        and all(t.pos_ == "PROPN" and t.text.istitle() for t in words)
        and not _org_words(ent)
    ):
        return False
    described = any(c.dep_ == "appos" and is_person_noun(c) for c in ent.root.rights)
    return words[-1].text in single_names or described


def _acronym_of(words: Iterable[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIP and w[:1].isupper())


class _Reader:
    """Collects an article's mentions into draft actors."""

    def __init__(self, parsed: ParsedArticle, places: PlaceIndex) -> None:
        self.parsed = parsed
        self.doc = parsed.doc
        self.gaz = load_gazetteer()
        self.places = places
        self.drafts: dict[str, _Draft] = {}
        self.claimed: dict[int, str] = {}  # token index -> draft key
        self.entity_at = {i: ent for ent in self.doc.ents for i in range(ent.start, ent.end)}
        # The tokens made once: each pass over a Doc builds its Token objects anew.
        self.tokens = list(self.doc)
        self.actor_ids: dict[str, str] = {}  # draft key -> Actor.id, once the actors are built

    def _country_of(self, token: Token) -> GeoEntry | None:
        """The country a token names (as a country, short form or demonym), if any."""
        ent = self.entity_at.get(token.i)
        if ent is not None and ent.label_ in {"GPE", "NORP"} and len(ent) > 1:
            found = self.gaz.country(ent.text)
            if found is not None:
                return found
        return self.gaz.country(token.text) or self.gaz.country_of_demonym(token.text)

    # -- drafts ---------------------------------------------------------------------------

    def _draft(self, key: str, kind: ActorKind, name: str) -> _Draft:
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = _Draft(key, kind, name)
        return draft

    def _claim(self, draft: _Draft, mention: _Mention) -> None:
        draft.add(mention)
        for i in range(mention.start, mention.end):
            self.claimed.setdefault(i, draft.key)

    def _free(self, start: int, end: int) -> bool:
        return not any(i in self.claimed or i in self.places.token_place for i in range(start, end))

    # -- countries ------------------------------------------------------------------------

    def _country_draft(self, country: GeoEntry) -> _Draft:
        return self._draft(f"country:{country.country_code}", ActorKind.COUNTRY, country.name)

    def read_acting_places(self) -> None:
        for acting in self.places.acting:
            if not self._free(acting.start, acting.end):
                continue
            country = self.gaz.countries.get(acting.country_code)
            if country is None:
                continue
            head = self.doc[acting.start : acting.end].root
            self._claim(
                self._country_draft(country),
                _Mention(acting.start, acting.end, head.i, acting.surface),
            )

    def read_institutions(self) -> None:
        """Organisations of a country: "the Russian defence ministry", "the US-led coalition"."""
        for token in self.tokens:
            lemma = token.lemma_.lower()
            if lemma in OFFICIAL_NOUNS and token.pos_ == "NOUN":
                self._read_officials(token)
                continue
            if lemma not in INSTITUTION_NOUNS or token.pos_ not in {"NOUN", "PROPN"}:
                continue
            if token.ent_type_ == "ORG" and self._named_org(token):
                continue
            owner, left = self._owner(token)
            if owner is None or owner.country_code is None:
                continue
            start, end = _trim(self.doc, left, token.i + 1)
            words = [
                t.lower_
                for t in self.doc[start:end]
                if not (t.tag_ == "POS" or t.is_punct or self._country_of(t))
            ]
            surface = self.doc[start:end].text
            if words == [token.lower_] and token.lemma_.lower() in GOVERNMENT_NOUNS:
                # "Syria's government", "the Syrian regime": the country acting as a state.
                country = self._country_draft(owner)
                self._claim(country, _Mention(start, end, token.i, surface))
                continue
            key = f"org:{owner.country_code}:{' '.join(words)}"
            draft = self._draft(key, ActorKind.ORG, surface)
            if "'" in draft.name and "'" not in surface:
                draft.name = surface  # "Russian defence ministry" reads better than "Russia's"
            draft.affiliation = owner.name
            self._claim(draft, _Mention(start, end, token.i, surface))

    def _read_officials(self, token: Token) -> None:
        """ "US officials", "a US official", "American officials": one group of a country."""
        owner, left = self._owner(token)
        if owner is None or owner.country_code is None:
            return
        start, end = _trim(self.doc, left, token.i + 1)
        lemma = token.lemma_.lower()
        modifier = self.doc[start : token.i].text
        name = f"{modifier} {lemma}s"
        draft = self._draft(f"group:{owner.country_code}:{lemma}", ActorKind.GROUP, name)
        draft.affiliation = owner.name
        self._claim(draft, _Mention(start, end, token.i, self.doc[start:end].text))

    def _named_org(self, token: Token) -> bool:
        ent = self.entity_at[token.i]
        first = ent[0] if ent[0].lower_ != "the" else ent[min(1, len(ent) - 1)]
        return first.text[:1].isupper() and self._country_of(first) is None

    def _owner(self, token: Token) -> tuple[GeoEntry | None, int]:
        """The country an institution noun belongs to, and where its noun phrase starts."""
        left = token.i
        owner: GeoEntry | None = None
        for child in token.lefts:
            if child.dep_ in {"compound", "amod", "poss", "nmod"}:
                country = self._country_of(child)
                if country is None and child.lemma_ == "lead":
                    # "the US-led coalition": the leader owns it.
                    country = next((c for g in child.lefts if (c := self._country_of(g))), None)
                if country is not None:
                    owner = country
                    left = min(left, child.left_edge.i)
                elif child.dep_ == "compound" and owner is None:
                    left = min(left, child.i)
        return owner, left

    def read_demonyms(self) -> None:
        """Demonyms that act for their country ("Russian airstrikes", "US and Russian foreign
        ministers")."""
        for ent in self.doc.ents:
            start, end = _trim(self.doc, ent.start, ent.end)
            if start >= end or not self._free(start, end):
                continue
            text = self.doc[start:end].text
            if ent.label_ != "NORP":
                continue
            country = self.gaz.country_of_demonym(text)
            head = self.doc[start:end].root
            if country is not None and self._modifies_agent(head):
                self._claim(self._country_draft(country), _Mention(start, end, head.i, text))

    def _modifies_agent(self, token: Token) -> bool:
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        noun = token.head
        return token.dep_ in {"amod", "compound", "nmod"} and (
            noun.lemma_.lower() in AGENT_NOUNS or noun.lower_ in AGENT_NOUNS
        )

    # -- people ---------------------------------------------------------------------------

    def read_people(self) -> list[tuple[Span, int]]:
        """Person spans (name only) with where their NER span began."""
        people: list[tuple[Span, int]] = []
        single_names = {e.text for e in self.doc.ents if e.label_ == "PERSON" and len(e) == 1}
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and _org_words(ent):
                continue
            if ent.label_ == "ORG" and not _person_named_org(ent, single_names):
                continue
            if ent.label_ not in {"PERSON", "ORG"}:
                continue
            start, end = _trim(self.doc, ent.start, ent.end)
            while start < end and self.doc[start].lower_ in HONORIFICS:
                start += 1
            if start >= end or not self._free(start, end):
                continue
            if not any(t.text[:1].isupper() for t in self.doc[start:end]):
                continue
            if self._named_with_article(ent, start, end):
                continue
            people.append((self.doc[start:end], ent.start))
        for start, end in self.places.person_spans:
            if self._free(start, end):
                people.append((self.doc[start:end], start))
        people.sort(key=lambda item: item[0].start)
        return self._without_org_short_names(people, single_names)

    def _without_org_short_names(
        self, people: list[tuple[Span, int]], single_names: set[str]
    ) -> list[tuple[Span, int]]:
        """Drop a lone name that opens an organisation's name and no person's ("Acme said" after
        "Acme Foods"): the model often tags a company's short form as a person."""
        person_words = {t.text for span, _ in people if len(span) > 1 for t in span}
        org_first: set[str] = set()
        for ent in self.doc.ents:
            start, end = _trim(self.doc, ent.start, ent.end)
            if end - start < 2:
                continue
            if (ent.label_ == "ORG" and not _person_named_org(ent, single_names)) or (
                ent.label_ == "PERSON" and _org_words(ent)
            ):
                org_first.add(self.doc[start].text)
        return [
            (span, at)
            for span, at in people
            if len(span) > 1 or span.text not in org_first or span.text in person_words
        ]

    def _named_with_article(self, ent: Span, start: int, end: int) -> bool:
        """ "at the Bernabeu": a one-word name after "the" that owns nothing is no person (the
        Obama administration still has its Obama)."""
        article = self.doc[ent.start] if ent.start < start else self.doc[start - 1]
        if end - start != 1 or start == 0 or article.lower_ != "the":
            return False
        return self.doc[start].dep_ not in {"compound", "poss", "nmod"}

    def cluster_people(self, people: list[tuple[Span, int]]) -> None:
        """Merge surnames into the full name they end and shorter names into longer ones."""
        names = {tuple(t.text for t in span) for span, _ in people}
        full = sorted((n for n in names if len(n) > 1), key=lambda n: (-len(n), n))
        canonical: dict[tuple[str, ...], tuple[str, ...]] = {}
        for name in full:
            longer = [c for c in dict.fromkeys(canonical.values()) if _extends(c, name)]
            canonical[name] = longer[0] if len(longer) == 1 else name
        by_last: dict[str, set[tuple[str, ...]]] = {}
        by_first: dict[str, set[tuple[str, ...]]] = {}
        for target in set(canonical.values()):
            by_last.setdefault(target[-1], set()).add(target)
            by_first.setdefault(target[0], set()).add(target)
        for name in names:
            if len(name) == 1:
                owners = by_last.get(name[0]) or by_first.get(name[0]) or set()
                canonical[name] = next(iter(owners)) if len(owners) == 1 else name
        for span, entity_start in people:
            name = canonical[tuple(t.text for t in span)]
            display = " ".join(name)
            draft = self._draft(f"person:{display}", ActorKind.PERSON, display)
            self._claim(draft, _Mention(span.start, span.end, span.root.i, span.text))
            self._read_role(draft, span, entity_start)

    def _read_role(self, draft: _Draft, name: Span, entity_start: int) -> None:
        if draft.role is not None:
            return
        role = title_before(name, entity_start)
        # A title written before a name ends in its head noun ("Water Authority Chairman"); an
        # apposition or attribute is headed by its parse root ("an obstetrician at X").
        head = role[-1] if role is not None else None
        if role is None:
            role = apposition(name) or copular(name)
            head = role.root if role is not None else None
        if role is None or head is None:
            return
        noun = head.lemma_.lower()
        if noun in ORG_NOUNS and noun not in TITLE_WORDS and len(draft.mentions) == 1:
            # "the conciliation service Acas": a body the model took for a person.
            draft.kind = ActorKind.ORG
            return
        draft.role_head = head.i
        text = role.text
        if role[0].is_sent_start and role[0].lower_ == "the":
            text = "the" + text[3:]
        draft.role = text
        draft.role_span = (role.start, role.end)

    def _affiliation(self, role: Span) -> str | None:
        """The organisation or country a role names ("US Defence Secretary" -> United States)."""
        attached = [t for t in role if _describes(t, role.root)]
        for token in attached:
            key = self.claimed.get(token.i)
            if key is not None and self.drafts[key].kind in {ActorKind.ORG, ActorKind.GROUP}:
                return self.drafts[key].name
        for token in attached:
            country = self._country_of(token)
            if country is not None:
                return country.name
        return None

    def read_surnames(self) -> None:
        """Surnames the model missed or took for an organisation ("both Hale and Kerrigan")."""
        owners: dict[str, set[str]] = {}
        for draft in self.drafts.values():
            if draft.kind is ActorKind.PERSON and " " in draft.name:
                owners.setdefault(draft.name.split()[-1], set()).add(draft.key)
        for token in self.tokens:
            keys = owners.get(token.text)
            if not keys or len(keys) != 1 or not self._free(token.i, token.i + 1):
                continue
            if token.pos_ not in {"PROPN", "NOUN"}:
                continue
            ent = self.entity_at.get(token.i)
            if ent is not None and (len(ent) > 1 or ent.label_ in {"GPE", "LOC"}):
                continue
            key = next(iter(keys))
            self._claim(self.drafts[key], _Mention(token.i, token.i + 1, token.i, token.text))

    # -- organisations and groups -------------------------------------------------------

    def read_organisations(self) -> None:
        acronyms: dict[str, str] = {}
        for draft in list(self.drafts.values()):
            if draft.kind is ActorKind.ORG:
                self._abbreviations_of(draft, acronyms)
        for ent in self.doc.ents:
            if not (ent.label_ == "ORG" or (ent.label_ == "PERSON" and _org_words(ent))):
                continue
            start, end = _trim(self.doc, ent.start, ent.end)
            end, bracketed = self._name_and_abbreviation(start, end)
            if start >= end or not self._free(start, end) or self._fragment(start, end):
                continue
            span = self.doc[start:end]
            key = acronyms.get(span.text) or f"org:{span.text.lower()}"
            draft = self._draft(key, ActorKind.ORG, span.text)
            self._claim(draft, _Mention(start, end, span.root.i, span.text))
            words = [t.text for t in span]
            if len(words) > 1:
                acronyms.setdefault(_acronym_of(words), key)
            if bracketed is not None and self._free(bracketed.start, bracketed.end):
                acronyms.setdefault(bracketed.text, key)
                mention = _Mention(bracketed.start, bracketed.end, bracketed.start, bracketed.text)
                self._claim(draft, mention)
        self._read_acronyms(acronyms)
        for draft in list(self.drafts.values()):
            target = acronyms.get(draft.name)
            if target is not None and target != draft.key and target in self.drafts:
                self._merge(draft, self.drafts[target])  # "NHS" read before "... Service (NHS)"
        self._read_repeats()
        self._merge_short_forms()
        self._merge_reworded()

    def _abbreviations_of(self, draft: _Draft, acronyms: dict[str, str]) -> None:
        """An institution read earlier may be abbreviated too: "the Israel Defense Forces (IDF)"."""
        words = draft.name.split()
        if len(words) > 1:
            acronyms.setdefault(_acronym_of(words), draft.key)
        for mention in list(draft.mentions):
            bracketed = self._bracketed(mention.end)
            if bracketed is not None and self._free(bracketed.start, bracketed.end):
                acronyms.setdefault(bracketed.text, draft.key)
                self._claim(
                    draft, _Mention(bracketed.start, bracketed.end, bracketed.start, bracketed.text)
                )

    def _name_and_abbreviation(self, start: int, end: int) -> tuple[int, Span | None]:
        """Where an organisation's name ends, and the abbreviation bracketed after it; the model
        sometimes runs the name into the bracket ("the World Health Organization (WHO")."""
        doc = self.doc
        for i in range(start, end):
            if doc[i].text in _BRACKETS:
                return _trim(doc, start, i)[1], self._bracketed(i)
        while end > start and (
            doc[end - 1].is_punct or any(c.isdigit() for c in doc[end - 1].text)
        ):
            end -= 1  # "Burnley 3-1": a score, not part of the name
        end = _trim(doc, start, end)[1]
        return end, self._bracketed(end)

    def _merge_short_forms(self) -> None:
        """A name that starts exactly one longer organisation name is that organisation
        ("Labour" is the "Labour Party")."""
        orgs = [d for d in self.drafts.values() if d.kind in {ActorKind.ORG, ActorKind.GROUP}]
        for short in sorted(orgs, key=lambda d: len(d.name)):
            words = short.name.split()
            longer = [
                d
                for d in orgs
                if d is not short
                and d.key in self.drafts
                and d.name.split()[: len(words)] == words
                and len(d.name.split()) > len(words)
            ]
            if len(longer) == 1:
                self._merge(short, longer[0])

    def _merge_reworded(self) -> None:
        """One body written two ways: "Ruritania's energy ministry" is the "Ministry of Energy of
        Ruritania" (the same words, a country by name or demonym, in another order)."""
        by_words: dict[frozenset[str], _Draft] = {}
        for draft in list(self.drafts.values()):
            if draft.kind is not ActorKind.ORG:
                continue
            words = self._content_words(draft.name)
            if len(words) < 2:
                continue
            other = by_words.get(words)
            if other is None:
                by_words[words] = draft
                continue
            # The proper name (more capitalised words) stays the canonical one.
            source, target = sorted((draft, other), key=lambda d: _capitalised(d.name))
            self._merge(source, target)
            target.affiliation = target.affiliation or source.affiliation
            by_words[words] = target

    def _content_words(self, name: str) -> frozenset[str]:
        words: set[str] = set()
        for word in name.split():
            word = re.sub(r"['’]s$", "", word)
            if word.lower() in ACRONYM_SKIP:
                continue
            country = self.gaz.country(word) or self.gaz.country_of_demonym(word)
            words.add(country.country_code or word.lower() if country else word.lower())
        return frozenset(words)

    def _merge(self, source: _Draft, target: _Draft) -> None:
        for mention in source.mentions:
            target.add(mention)
        for alias in source.aliases:
            if alias not in target.aliases:
                target.aliases.append(alias)
        for i, key in self.claimed.items():
            if key == source.key:
                self.claimed[i] = target.key
        del self.drafts[source.key]

    def _fragment(self, start: int, end: int) -> bool:
        """A piece of a title ("State" in "Secretary of State") or not a name at all."""
        first = self.doc[start]
        if not first.text[:1].isupper() or first.lower_.startswith("non-"):
            return True
        root = self.doc[start:end].root
        if root.dep_ == "pobj" and root.head.lower_ == "of":
            return root.head.head.lower_ in TITLE_WORDS
        return False

    def _bracketed(self, opening: int) -> Span | None:
        """An abbreviation in brackets at `opening`: "International Syria Support Group
        [ISSG]"."""
        doc = self.doc
        if opening + 2 >= len(doc) or doc[opening].text not in _BRACKETS:
            return None
        inner, close = doc[opening + 1], doc[opening + 2]
        if close.text == _BRACKETS[doc[opening].text] and _ACRONYM.match(inner.text):
            return doc[opening + 1 : opening + 2]
        return None

    def _read_acronyms(self, acronyms: dict[str, str]) -> None:
        """Upper-case words elsewhere that abbreviate a name already read ("IS")."""
        for token in self.tokens:
            key = acronyms.get(token.text)
            if key is None or token.i in self.claimed or not _ACRONYM.match(token.text):
                continue
            if self.gaz.country(token.text) is not None:
                continue
            self._claim(self.drafts[key], _Mention(token.i, token.i + 1, token.i, token.text))

    def _read_repeats(self) -> None:
        """Names the model tagged once and missed elsewhere ("the Islamic State group's")."""
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for draft in self.drafts.values():
            if draft.kind not in {ActorKind.ORG, ActorKind.GROUP}:
                continue
            for alias in draft.aliases:
                words = tuple(alias.split())
                if len(words) > 1 or (words and words[0][:1].isupper() and len(words[0]) > 2):
                    by_first.setdefault(words[0], []).append((words, draft.key))
        for options in by_first.values():
            options.sort(key=lambda item: -len(item[0]))
        doc = self.doc
        for token in self.tokens:
            if token.i in self.claimed or (token.i > 0 and doc[token.i - 1].text == "-"):
                continue  # "non-NATO" is not NATO
            for words, key in by_first.get(token.text, ()):
                stop = token.i + len(words)
                if tuple(t.text for t in doc[token.i : stop]) == words and self._free(
                    token.i, stop
                ):
                    self._claim(
                        self.drafts[key],
                        _Mention(
                            token.i, stop, doc[token.i : stop].root.i, doc[token.i : stop].text
                        ),
                    )
                    break
            else:
                self._read_short_form(token, by_first)

    def _read_short_form(
        self, token: Token, by_first: dict[str, list[tuple[tuple[str, ...], str]]]
    ) -> None:
        """A lone name, untagged or taken for a person or an organisation, that opens exactly one
        organisation's name is that organisation: "Acme" after "Acme Foods"."""
        if token.text not in by_first:
            return
        ent = self.entity_at.get(token.i)
        if ent is None:
            after = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
            if token.pos_ != "PROPN" or (after is not None and after.pos_ == "PROPN"):
                return
        elif len(ent) != 1 or ent.label_ not in {"PERSON", "ORG"}:
            return
        keys = {key for words, key in by_first.get(token.text, ()) if len(words) > 1}
        if len(keys) != 1 or not self._free(token.i, token.i + 1):
            return
        self._claim(
            self.drafts[next(iter(keys))], _Mention(token.i, token.i + 1, token.i, token.text)
        )

    def read_named_bodies(self) -> None:
        """Bodies the model did not tag, named by a proper noun before an organisation noun and
        acting as a subject: "The Costa del Sol tourism board said ..."."""
        for token in self.tokens:
            if token.pos_ != "NOUN" or token.lemma_.lower() not in ORG_NOUNS:
                continue
            if token.dep_ not in _SUBJECT_DEPS or not self._free(token.i, token.i + 1):
                continue
            names = [
                c
                for c in token.lefts
                if c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" and c.text.istitle()
            ]
            if not names:
                continue
            start = min(c.left_edge.i for c in names)
            if not self._free(start, token.i + 1) or any(
                self.entity_at.get(i) is not None for i in range(start, token.i)
            ):
                continue
            surface = self.doc[start : token.i + 1].text
            draft = self._draft(f"org:{surface.lower()}", ActorKind.ORG, surface)
            self._claim(draft, _Mention(start, token.i + 1, token.i, surface))

    def read_unnamed_institutions(self) -> None:
        """A state body named by its remit alone that speaks: "the health department said",
        "the transport ministry announced" (the country is the article's, left unsaid)."""
        for token in self.tokens:
            lemma = token.lemma_.lower()
            if lemma not in INSTITUTION_NOUNS or lemma in GOVERNMENT_NOUNS:
                continue
            if not token.text.islower():
                continue
            if token.dep_ not in _SUBJECT_DEPS or token.head.lemma_.lower() not in SPEECH_VERBS:
                continue
            lefts = list(token.lefts)
            if not lefts or lefts[0].lower_ != "the" or len(lefts) < 2:
                continue
            remit = lefts[1:]
            if not all(c.dep_ == "compound" and c.pos_ == "NOUN" and c.is_lower for c in remit):
                continue
            start = remit[0].i
            if not self._free(start, token.i + 1):
                continue
            surface = self.doc[start : token.i + 1].text
            draft = self._draft(f"org:{surface.lower()}", ActorKind.ORG, surface)
            self._claim(draft, _Mention(start, token.i + 1, token.i, surface))

    def read_org_descriptions(self) -> None:
        """A definite description of a body refers back to one named earlier: "the union" to the
        one organisation a name of which ends with that noun ("the Transport Workers' Union");
        a bare "the company" acting in a sentence, when no name ends so, to the organisation
        last named as a subject in an earlier sentence."""
        owners: dict[str, set[str]] = {}
        for draft in self.drafts.values():
            if draft.kind in {ActorKind.ORG, ActorKind.GROUP}:
                for alias in draft.aliases:
                    head = alias.split()[-1].lower()
                    if head in ORG_NOUNS:
                        owners.setdefault(head, set()).add(draft.key)
        first = {
            key: min(m.start for m in d.mentions) for key, d in self.drafts.items() if d.mentions
        }
        recent: list[tuple[int, str]] = []  # (sentence, key) of organisations acting, in order
        for token in self.tokens:
            key = self.claimed.get(token.i)
            if key is not None:
                if self.drafts[key].kind in _BODIES and _is_subject(token):
                    recent.append((self.parsed.sentence_index(token), key))
                continue
            if not self._description_noun(token, ORG_NOUNS):
                continue
            keys = owners.get(token.lower_, set())
            if len(keys) == 1:
                draft = self.drafts[next(iter(keys))]
                if first.get(draft.key, token.i) > token.i:
                    continue  # a description refers back, not forward
            elif keys or not self._bare(token) or token.dep_ not in _ACTING_DEPS:
                continue
            else:
                found = self._last_body(recent, token)
                if found is None:
                    continue
                draft = self.drafts[found]
            self._claim(
                draft,
                _Mention(token.i - 1, token.i + 1, token.i, "the " + token.lower_, counts=False),
            )
            if _is_subject(token):
                recent.append((self.parsed.sentence_index(token), draft.key))

    def _description_noun(self, token: Token, nouns: frozenset[str]) -> bool:
        """ "the company", "the Commission": a definite common noun of the kind, not a modifier, and
        not set beside a name ("the company, Acme," or "Ann Lee, the inspector," name their own)."""
        if token.lower_ not in nouns or token.i == 0 or self.doc[token.i - 1].lower_ != "the":
            return False
        if token.dep_ in {"compound", "appos"} or any(c.dep_ == "appos" for c in token.children):
            return False
        if token.pos_ == "NOUN":
            return True
        # "the Commission": capitalised as a short name, unless it opens a longer one.
        after = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        return token.pos_ == "PROPN" and (after is None or after.pos_ != "PROPN")

    def _bare(self, token: Token) -> bool:
        """Nothing but "the" before the noun: "the company", not "the finance company"."""
        return all(c.i == token.i - 1 for c in token.lefts)

    def _last_body(self, recent: list[tuple[int, str]], token: Token) -> str | None:
        """The organisation last acting in an earlier sentence that the noun may describe: a
        name ending in another body noun ("... Service", "... Court") is not "the company",
        though any body may be "the regulator"."""
        sentence = self.parsed.sentence_index(token)
        for index, key in reversed(recent[-_MAX_ANTECEDENTS:]):
            if index >= sentence:
                continue
            last = self.drafts[key].name.split()[-1].lower()
            if last in ORG_NOUNS and last != token.lower_ and token.lower_ not in FUNCTION_BODIES:
                continue
            return key
        return None

    def read_role_descriptions(self) -> None:
        """ "The inspector said" after "Inspector Ann Smith": the person whose stated role has
        that head noun (the one named last when several have)."""
        holder_at: dict[int, tuple[str, _Draft]] = {}  # where a role holder is named
        for draft in self.drafts.values():
            if draft.kind is ActorKind.PERSON and draft.role_head is not None:
                noun = self.doc[draft.role_head].lemma_.lower()
                for mention in draft.mentions:
                    if mention.counts:
                        holder_at[mention.start] = (noun, draft)
        last_named: dict[str, _Draft] = {}  # role noun -> its holder named last so far
        for token in self.tokens:
            holder = holder_at.get(token.i)
            if holder is not None:
                last_named[holder[0]] = holder[1]
                continue
            if token.i in self.claimed or not self._description_noun(token, TITLE_WORDS):
                continue
            if not self._bare(token):
                continue
            named = last_named.get(token.lemma_.lower())
            if named is not None:
                self._claim(
                    named,
                    _Mention(
                        token.i - 1, token.i + 1, token.i, "the " + token.lower_, counts=False
                    ),
                )

    def classify_groups(self) -> None:
        """An organisation is an armed group when its name or the noun after it says so."""
        for draft in self.drafts.values():
            if draft.kind is not ActorKind.ORG or draft.affiliation is not None:
                continue
            if self._group_name(draft.name) or any(self._group_context(m) for m in draft.mentions):
                draft.kind = ActorKind.GROUP

    def _group_name(self, name: str) -> bool:
        words = name.split()
        if any(w in GROUP_NAME_WORDS for w in words):
            return True
        if words[-1] == "Army" and len(words) > 1:
            # "the Free Syria Army" is a group; "the Syrian Army" a state's.
            first = words[0]
            return self.gaz.country(first) is None and self.gaz.country_of_demonym(first) is None
        return False

    def _group_context(self, mention: _Mention) -> bool:
        """ "Islamic State group targets", "Hezbollah, the Iran-backed group, ..."."""
        after = self.doc[mention.end] if mention.end < len(self.doc) else None
        if after is not None and after.lower_ in GROUP_HEAD_NOUNS:
            return True
        head = self.doc[mention.head]
        return any(c.dep_ == "appos" and c.lower_ in GROUP_HEAD_NOUNS for c in head.children)

    # -- coreference ----------------------------------------------------------------------

    def read_descriptions(self) -> None:
        """A role description as a subject, then a newly named speaker: one person."""
        sentences = self.parsed.sentences
        first_mention: dict[str, int] = {}
        for draft in self.drafts.values():
            if draft.mentions:
                first_mention[draft.key] = min(m.start for m in draft.mentions)
        for index, sentence in enumerate(sentences[:-1]):
            description = description_subject(sentence, self.claimed)
            if description is None:
                continue
            following = sentences[index + 1]
            for token in following:
                key = self.claimed.get(token.i)
                if key is None or self.drafts[key].kind is not ActorKind.PERSON:
                    continue
                draft = self.drafts[key]
                if first_mention.get(key) != token.i or draft.role is not None:
                    break
                if not _speaks(token) and token.dep_ not in _SUBJECT_DEPS:
                    continue
                draft.role = description.text
                draft.role_span = (description.start, description.end)
                draft.role_head = description[-1].i
                self._claim(
                    draft,
                    _Mention(
                        description.start,
                        description.end,
                        description[-1].i,
                        description.text,
                        counts=False,
                    ),
                )
                break

    def _reach(self, index: int, quoted: list[bool]) -> int:
        """The earliest sentence a pronoun in sentence `index` may reach back to: the previous
        one, or, over the sentences of a quotation that continues a speaker ("...," said Hale.
        "A. B." He added ...), the one that named the speaker."""
        reach = index - 1
        while reach >= 1 and index - reach < _MAX_QUOTED_REACH and quoted[reach]:
            reach -= 1
        return reach

    def _quoted_sentences(self) -> list[bool]:
        """Per sentence: True when it opens with a quotation mark or inside an open quotation."""
        flags: list[bool] = []
        sentences = self.parsed.sentences
        inside = False
        at = 0
        for token in self.tokens:
            while at < len(sentences) and sentences[at].start == token.i:
                first = next((t for t in sentences[at] if not t.is_space), token)
                flags.append(inside or first.text in DOUBLE_OPENERS)
                at += 1
            if token.is_space and "\n" in token.text:
                inside = False
            elif token.text in {"“", "«"}:
                inside = True
            elif token.text in {"”", "»"}:
                inside = False
            elif token.text == '"':
                inside = not inside
        flags.extend([False] * (len(sentences) - len(flags)))
        return flags

    def _read_genders(self) -> None:
        """A courtesy title before a person's name tells the pronoun that refers to them."""
        for draft in self.drafts.values():
            if draft.kind is not ActorKind.PERSON:
                continue
            for mention in draft.mentions:
                if not mention.counts:
                    continue
                before = self.doc[mention.start - 1] if mention.start > 0 else None
                gender = GENDERED_TITLES.get(before.lower_) if before is not None else None
                if gender is not None:
                    draft.gender = gender
                    break

    def read_pronouns(self) -> None:
        """He / she / his / her: the most recent person subject, this sentence or the last (or
        the one before a quotation), whose gender does not rule the pronoun out."""
        self._read_genders()
        quoted = self._quoted_sentences()
        recent: list[tuple[int, str]] = []  # (sentence, key) of person subjects in order
        for index, sentence in enumerate(self.parsed.sentences):
            for token in sentence:
                key = self.claimed.get(token.i)
                person = key is not None and self.drafts[key].kind is ActorKind.PERSON
                if key is not None and person and _is_subject(token):
                    recent.append((index, key))
                    continue
                if key is not None or token.lower_ not in PERSONAL_PRONOUNS:
                    continue
                if token.pos_ != "PRON":
                    continue
                target = self._antecedent(recent, self._reach(index, quoted), token)
                if target is None:
                    continue
                draft = self.drafts[target]
                draft.gender = draft.gender or PRONOUN_GENDERS.get(token.lower_)
                self._claim(
                    draft, _Mention(token.i, token.i + 1, token.i, token.text, counts=False)
                )
                if token.dep_ in _SUBJECT_DEPS:
                    recent.append((index, target))

    def _antecedent(self, recent: list[tuple[int, str]], reach: int, pronoun: Token) -> str | None:
        gender = PRONOUN_GENDERS.get(pronoun.lower_)
        for index, key in reversed(recent[-_MAX_ANTECEDENTS:]):
            if index < reach:
                return None
            known = self.drafts[key].gender
            if gender is None or known is None or known == gender:
                return key
        return None

    # -- output ---------------------------------------------------------------------------

    def _resolve(self, draft: _Draft) -> str | None:
        if draft.role_span is not None:
            found = self._affiliation(self.doc[draft.role_span[0] : draft.role_span[1]])
            if found is not None:
                return found
        return draft.affiliation

    def actors(self) -> tuple[list[Actor], dict[int, str]]:
        total = max(1, len(self.parsed.sentences))
        built: list[Actor] = []
        ids: dict[str, str] = {}
        for draft in self.drafts.values():
            named = [m for m in draft.mentions if m.counts]
            if not named:
                continue
            actor_id = slug(draft.name)
            if actor_id in ids.values():
                actor_id = f"{actor_id}-{draft.kind.value}"
            ids[draft.key] = actor_id
            refs: list[SourceRef] = []
            seen: set[int] = set()  # sentences already cited: one reference each
            for mention in sorted(named, key=lambda m: m.start):
                sentence = self.parsed.sentence_index(mention.start)
                if sentence not in seen:
                    seen.add(sentence)
                    refs.append(self.parsed.ref(mention.start))
            heads = [self.doc[m.head] for m in draft.mentions]
            first = min(r.sentence for r in refs)
            salience = (
                len(named)
                + _SUBJECT_WEIGHT * sum(_is_subject(h) for h in heads)
                + _SPEAKER_WEIGHT * sum(_speaks(h) for h in heads)
                + _EARLY_WEIGHT * (1 - first / total)
            )
            aliases = list(dict.fromkeys([draft.name, *draft.aliases]))
            built.append(
                Actor(
                    id=actor_id,
                    name=draft.name,
                    kind=draft.kind,
                    aliases=aliases,
                    role=draft.role,
                    affiliation=self._resolve(draft),
                    salience=round(salience, 3),
                    mentions=len(named),
                    sources=refs,
                )
            )
        built = _credit_countries(built)
        built.sort(key=lambda a: (-a.salience, a.name))
        token_actor = {i: ids[key] for i, key in self.claimed.items() if key in ids}
        self.actor_ids = ids
        return built, token_actor

    def genders(self) -> dict[str, str]:
        """The gender a title or a pronoun told for each person actor, by actor id."""
        return {
            actor_id: gender
            for key, actor_id in self.actor_ids.items()
            if (gender := self.drafts[key].gender) is not None
        }


_AFFILIATE_SHARE = 0.5  # what a country's ministries and officials add to its salience


def _credit_countries(actors: list[Actor]) -> list[Actor]:
    """A country is as central as its own acts plus part of what its bodies do."""
    extra: dict[str, float] = {}
    for actor in actors:
        if actor.kind in {ActorKind.ORG, ActorKind.GROUP} and actor.affiliation:
            extra[actor.affiliation] = extra.get(actor.affiliation, 0.0) + actor.salience
    return [
        actor.model_copy(
            update={"salience": round(actor.salience + _AFFILIATE_SHARE * extra[actor.name], 3)}
        )
        if actor.kind is ActorKind.COUNTRY and actor.name in extra
        else actor
        for actor in actors
    ]


_AFFILIATING_DEPS = frozenset({"poss", "compound", "nmod", "amod", "npadvmod", "case", "pobj"})


def _describes(token: Token, root: Token) -> bool:
    """The token modifies the role's head noun directly or through "of" / "at" / "with"
    ("the ECDC's chief scientist", "a virologist at the Carlos III Health Institute"), rather
    than sitting in a clause inside it ("point-man for defeating IS")."""
    for _ in range(8):
        if token.i == root.i:
            return True
        if token.dep_ == "prep":
            if token.lower_ not in {"of", "at", "with", "for"}:
                return False
        elif token.dep_ not in _AFFILIATING_DEPS:
            return False
        token = token.head
    return False


def _capitalised(name: str) -> int:
    return sum(1 for word in name.split() if word[:1].isupper())


def _extends(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """True when the longer name ends with the shorter ("John Kerry" extends "Kerry")."""
    return len(longer) > len(shorter) and longer[-len(shorter) :] == shorter


def find_actors(parsed: ParsedArticle, places: PlaceIndex) -> ActorIndex:
    """Every actor the article names, merged across mentions and ranked by salience."""
    reader = _Reader(parsed, places)
    reader.read_institutions()
    reader.read_acting_places()
    reader.read_demonyms()
    people = reader.read_people()
    reader.cluster_people(people)
    reader.read_surnames()
    reader.read_organisations()
    reader.read_named_bodies()
    reader.read_unnamed_institutions()
    reader.classify_groups()
    reader.read_org_descriptions()
    reader.read_role_descriptions()
    reader.read_descriptions()
    reader.read_pronouns()
    actors, token_actor = reader.actors()
    return ActorIndex(actors=actors, token_actor=token_actor, genders=reader.genders())
