"""Whether a place name in a sentence stands for a place or for the government that acts there.

"Washington condemns", "Russia's offer", "US officials", "unacceptable to Washington" act;
"in Syria", "arrived in Germany", "Syria's north" locate.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.briefing.vocabulary import (
    AGENT_NOUNS,
    GEO_NOUNS,
    GOVERNMENT_NOUNS,
    MOTION_VERBS,
    POLICY_VERBS,
    SPEECH_VERBS,
)

_SUBJECTS = frozenset({"nsubj", "csubj"})
_MODIFIERS = frozenset({"compound", "nmod", "amod", "npadvmod"})
_COLLECTIVES = frozenset({"state", "country", "nation", "partner", "ally", "supporter", "member"})


def _first_conjunct(token: Token) -> Token:
    """The first of a coordination ("A, B and C" -> A): later conjuncts share its function."""
    seen = 0
    while token.dep_ == "conj" and token.head.i != token.i and seen < 50:
        token = token.head
        seen += 1
    return token


def _noun_acts(noun: Token) -> bool:
    return noun.lemma_.lower() in AGENT_NOUNS or noun.text.lower() in AGENT_NOUNS


def acts(root: Token, *, country: bool) -> bool:
    """True when the place name whose head token is `root` is used as an acting party.

    Countries act in more positions than cities: a capital acts only as a subject, a possessor
    or the party a stance is addressed to, so "Kerry said in Washington" stays a place.
    """
    token = _first_conjunct(root)
    dep = token.dep_
    head = token.head
    if dep in _SUBJECTS:
        lemma = head.lemma_.lower()
        if lemma == "be" and any(c.dep_ == "attr" for c in head.children):
            return False  # "X is a place where ...": a description of the land, not an act
        return country or lemma in SPEECH_VERBS or lemma in POLICY_VERBS
    if dep == "nsubjpass" or dep == "dative":
        return country
    if head.lemma_.lower() == "lead" and dep in {"npadvmod", "compound", "nmod"}:
        return True  # "the US-led coalition"
    if dep == "poss":
        return head.lemma_.lower() not in GEO_NOUNS
    if dep in _MODIFIERS and head.pos_ in {"NOUN", "PROPN"}:
        return country and _noun_acts(head) and head.lemma_.lower() not in GEO_NOUNS
    if dep == "appos":
        return head.lemma_.lower() in _COLLECTIVES or _noun_acts(head)
    if dep == "pobj":
        return _object_of_preposition_acts(head, country=country)
    if dep == "dobj" and head.pos_ == "VERB":
        lemma = head.lemma_.lower()
        if lemma in SPEECH_VERBS:
            return True
        return country and lemma not in MOTION_VERBS
    return False


def _object_of_preposition_acts(preposition: Token, *, country: bool) -> bool:
    word = preposition.text.lower()
    governor = preposition.head
    if word == "by":
        return True  # the agent of a passive
    if word == "to" and governor.pos_ == "ADJ":
        return True  # "unacceptable to Washington"
    if not country:
        return False
    if word == "of" and governor.lemma_.lower() in GOVERNMENT_NOUNS and governor.is_lower:
        return True  # "the government of Tarnland", as "Tarnland's government": the state
    if word in {"with", "against"} and governor.lemma_.lower() not in MOTION_VERBS:
        return governor.pos_ in {"NOUN", "VERB"} and governor.lemma_.lower() not in GEO_NOUNS
    if word in {"as", "like"}:
        # "partners such as Saudi Arabia": the collective the list illustrates acts.
        owner = governor.head if governor.text.lower() == "such" else governor
        return owner.lemma_.lower() in _COLLECTIVES or _noun_acts(owner)
    return False
