"""Groups the text names by what they are, not by a name: "health officials said", "hackers
attacked the site", "the researchers found".

A plural noun for people is a group actor when the group is a party to the story: it speaks
and acts again, or does three things that happened (the subject of a speech verb or of a past
act, the doer of a passive). A habit told in the present ("ranchers train livestock") is no
event; a noun phrase that counts people ("many residents", "three doctors") names a share of a
crowd, not a party; people of an actor the text names ("officials at the ministry", "Acme
engineers", "her lawyers", "scientists such as Ann Lee") are that actor's; office-holders with
no qualifier ("officials said") are unnamed officials, in neither list of GOLD.md. Its name is
the fullest form the text gives it ("health officials"); the bare noun ("the officials") joins
that form when it is the only one written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Token

from bot.briefing.actors.reading import Mention, Reading, names_a_person
from bot.briefing.models import ActorKind
from bot.briefing.roles import is_person_noun
from bot.briefing.vocabulary import (
    GOVERNMENT_NOUNS,
    GROUP_HEAD_NOUNS,
    OFFICIAL_NOUNS,
    ORG_NOUNS,
    SPEAKER_NOUNS,
    SPEECH_VERBS,
)

# Plural nouns for people that are no party on their own: everyone, anyone, a crowd's members,
# an unnamed source, the press a statement is made to.
_NOT_GROUPS = frozenset(
    {
        "people", "person", "man", "woman", "child", "other", "member", "source", "reporter",
        "journalist", "correspondent", "side", "crowd", "family", "team", "government",
        "administration", "authority", "police", "group", "party", "camp", "faction",
    }
)  # fmt: skip
# People nouns the suffix test in `is_person_noun` misses.
_PEOPLE_NOUNS = (SPEAKER_NOUNS - ORG_NOUNS) | GROUP_HEAD_NOUNS
# Words that count or quantify a noun phrase: "many residents", "all voters", "more farmers".
_QUANTIFIERS = frozenset(
    {
        "many", "some", "most", "few", "several", "all", "other", "more", "fewer", "less", "any",
        "no", "both", "each", "every", "various", "numerous", "countless", "dozens", "hundreds",
        "thousands", "millions", "a", "an", "another", "such", "certain", "multiple",
    }
)  # fmt: skip
# Prepositions that tie people to the body they belong to: "officials at X", "staff from X".
_MEMBER_PREPOSITIONS = frozenset({"at", "from", "of", "with", "for", "like", "as", "including"})
_MODIFIER_DEPS = frozenset({"compound", "amod"})
# Holders of an office, who unqualified ("officials said", "senators voted") are unnamed members
# of the body that holds it (GOLD.md: an unnamed official is in neither list); qualified ("health
# officials", "Democratic senators") they are a group.
_OFFICE_HOLDERS = OFFICIAL_NOUNS | {
    "senator", "lawmaker", "legislator", "minister", "councillor", "councilor", "deputy", "mp",
    "delegate", "congressman", "representative",
}  # fmt: skip
# A group is a party when it speaks and acts again, or does three things that happened: a group
# named in a pair of background acts ("scientists developed vaccines ... scientists began to
# worry") is the setting of the story more often than a party to it.
_MIN_ACTS = 2
# Words for a government's stage that make it a body of its own ("the interim government").
_STAGES = frozenset({"interim", "transitional", "provisional", "caretaker"})
_PARTY_ROLES = frozenset({"nsubj", "nsubjpass", "agent", "dobj"})
# Nouns for a political side named by what it stands for ("the reformist camp").
_BLOC_NOUNS = frozenset({"camp", "faction", "bloc", "wing"})


@dataclass(frozen=True)
class _Sighting:
    lemma: str
    modifier: str  # the lower-case words naming the group before its noun ("health")
    start: int
    head: int
    acts: bool  # speaks, or does something that happened
    speaks: bool


def read_groups(reading: Reading) -> None:
    """Every group the text names by a people noun, or as a camp by its cause, that is a party,
    as a group actor; and every government set apart by its stage ("the interim government"),
    as a body."""
    _read_staged_governments(reading)
    _read_blocs(reading)
    text = _Text(reading)
    by_lemma: dict[str, list[_Sighting]] = defaultdict(list)
    for token in reading.tokens:
        sighting = _sighting(text, token)
        if sighting is not None:
            by_lemma[sighting.lemma].append(sighting)
    for lemma, seen in by_lemma.items():
        forms = {s.modifier for s in seen if s.modifier}
        # The bare noun is the named form when only one form of the group is written.
        groups: dict[str, list[_Sighting]] = defaultdict(list)
        for sighting in seen:
            form = sighting.modifier or (next(iter(forms)) if len(forms) == 1 else "")
            groups[form].append(sighting)
        for form, members in groups.items():
            if not _is_party(members) or (not form and lemma in _OFFICE_HOLDERS):
                continue
            plural = reading.doc[members[0].head].lower_
            name = f"{form} {plural}" if form else plural
            draft = reading.draft(f"group:{lemma}:{form}", ActorKind.GROUP, name)
            for s in members:
                surface = reading.doc[s.start : s.head + 1].text
                reading.claim(draft, Mention(s.start, s.head + 1, s.head, surface))


def _read_staged_governments(reading: Reading) -> None:
    """ "The interim government postponed the vote": a government its stage sets apart from the
    state's standing one is a body of its own, a party where it acts or is acted on (a bare "the
    government" is the country acting, read with the places)."""
    found: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
    for token in reading.tokens:
        if reading.lemmas[token.i] not in GOVERNMENT_NOUNS or not token.is_lower:
            continue
        stage = [c for c in token.lefts if c.dep_ == "amod" and c.lower_ in _STAGES]
        if not stage or not reading.free(stage[0].i, token.i + 1):
            continue
        verb, role = _clause_role(token)
        name = f"{stage[0].lower_} {token.lower_}"
        found[name].append((stage[0].i, token.i, role in _PARTY_ROLES and verb.pos_ == "VERB"))
    _claim_parties(reading, found, ActorKind.ORG, least=1)


def _read_blocs(reading: Reading) -> None:
    """ "The reformist camp won a majority ... the reformist camp's Ada Lin": a political camp,
    faction or bloc described by what it stands for, named twice and once acting or as a named
    person's side, is a group (a camp named once, or only as a place, is not)."""
    found: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
    for token in reading.tokens:
        if reading.lemmas[token.i] not in _BLOC_NOUNS or token.tag_ != "NN" or not token.is_lower:
            continue
        described = [c for c in token.lefts if c.dep_ in _MODIFIER_DEPS]
        if not described:
            continue
        start = min(c.left_edge.i for c in described)
        words = reading.doc[start : token.i + 1]
        if not all(t.is_lower or t.text == "-" for t in words) or not reading.free(
            start, token.i + 1
        ):
            continue
        verb, role = _clause_role(token)
        acts = role == "nsubj" and verb.pos_ == "VERB" and _happened(verb)
        sides = token.dep_ == "poss" and names_a_person(reading, token.head.i)
        found[words.text].append((start, token.i, acts or sides))
    _claim_parties(reading, found, ActorKind.GROUP, least=_MIN_ACTS)


def _claim_parties(
    reading: Reading, found: dict[str, list[tuple[int, int, bool]]], kind: ActorKind, least: int
) -> None:
    """Each name found at least `least` times, once as a party, becomes a draft of its mentions
    (start, head, whether it acts there)."""
    for name, mentions in found.items():
        if len(mentions) < least or not any(party for _, _, party in mentions):
            continue
        draft = reading.draft(f"{kind.value}:{name}", kind, name)
        for start, head, _ in mentions:
            surface = reading.doc[start : head + 1].text
            reading.claim(draft, Mention(start, head + 1, head, surface))


class _Text:
    """What the group reading needs of the article beside the parse."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        # The last words of the names already read: "the officials" after "US officials" is
        # that group, read by the references.
        self.taken = {draft.name.split()[-1].lower() for draft in reading.drafts.values()}
        self.lower_words = {t.text for t in reading.tokens if t.is_lower}

    def common(self, token: Token) -> bool:
        """A common word: lower case, or capitalised at the start of a sentence when the text
        writes it in lower case elsewhere ("Hackers broke in ... the hackers"; not "Acme
        researchers found", a name that opens the sentence)."""
        if token.is_lower:
            return True
        return bool(token.is_sent_start) and token.is_title and token.lower_ in self.lower_words


def _is_party(sightings: list[_Sighting]) -> bool:
    acts = sum(s.acts for s in sightings)
    return acts >= _MIN_ACTS + 1 or (acts >= _MIN_ACTS and any(s.speaks for s in sightings))


def _sighting(text: _Text, token: Token) -> _Sighting | None:
    """The token heads a noun phrase naming a group of people, not counted, not members of a
    named actor; None otherwise."""
    if token.pos_ != "NOUN" or token.tag_ != "NNS" or not text.common(token):
        return None
    lemma = token.lemma_.lower()
    if lemma in _NOT_GROUPS or token.lower_ in text.taken:
        return None
    if not (is_person_noun(token) or lemma in _PEOPLE_NOUNS):
        return None
    reading = text.reading
    if not reading.free(token.i, token.i + 1) or _counted(token) or _members(text, token):
        return None
    start = _modifier_start(text, token)
    modifier = " ".join(t.lower_ for t in reading.doc[start : token.i])
    verb, role = _clause_role(token)
    # News tells speech in the present too ("researchers say"); other acts only when past.
    speech = verb.lemma_.lower() in SPEECH_VERBS
    acts = role in {"nsubj", "agent"} and verb.pos_ == "VERB" and (speech or _happened(verb))
    return _Sighting(lemma, modifier, start, token.i, acts, acts and speech)


def _happened(verb: Token) -> bool:
    """The verb tells an event: in the past, the perfect or a past progressive ("broke", "have
    approved", "were moving"). The simple present, modals and bare infinitives tell habits,
    abilities and general truths ("Ranchers train livestock", "users can switch")."""
    if verb.tag_ in {"VBD", "VBN"}:
        return True
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.lefts)


def _counted(token: Token) -> bool:
    """ "many residents", "three doctors", "more than 100 farmers"."""
    return any(
        child.dep_ == "nummod" or child.like_num or child.lower_ in _QUANTIFIERS
        for child in token.lefts
    )


def _members(text: _Text, token: Token) -> bool:
    """The people belong to, or are examples of, an actor the text names: "officials at X",
    "X's engineers", "scientists such as Ann Lee", "the researchers, Ann Lee and Bo Chan"."""
    reading = text.reading
    for child in token.children:
        if child.dep_ in {"compound", "nmod"} and not text.common(child):
            return True  # "Acme engineers": the name is who they work for
        if child.dep_ == "poss" and (child.i in reading.claimed or child.pos_ == "PRON"):
            return True  # "X's engineers", "her parents": people of someone else's
        if child.dep_ == "appos" and child.i in reading.claimed:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in _MEMBER_PREPOSITIONS
            and any(c.dep_ == "pobj" and c.i in reading.claimed for c in child.children)
        ):
            return True
    return token.dep_ == "appos" and token.head.i in reading.claimed


def _modifier_start(text: _Text, token: Token) -> int:
    """Where the group's name starts: the lower-case words right before the noun that say which
    people these are ("health officials", "asylum seekers"), not a count or an owner."""
    reading, start = text.reading, token.i
    while start > 0:
        before = reading.doc[start - 1]
        if (
            before.dep_ in _MODIFIER_DEPS
            and before.head.i in range(start, token.i + 1)
            and before.is_alpha
            and before.pos_ in {"NOUN", "ADJ"}
            and text.common(before)
            and before.lower_ not in _QUANTIFIERS
            and reading.free(before.i, before.i + 1)
        ):
            start -= 1
            continue
        break
    return start


def _clause_role(token: Token) -> tuple[Token, str]:
    """The verb the noun phrase (or the first of the phrases it is coordinated with) serves,
    and how: "nsubj", "nsubjpass", "agent" (a passive's doer), "dobj", or another relation."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return token.head.head, "agent"
    return token.head, token.dep_
