"""Clause structure the quote and topic readers share: who a phrase names, a verb's subject,
the date a verb carries and the text of a clause."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from bot.briefing.actors import ActorIndex
from bot.briefing.models import Actor, DateValue
from bot.briefing.timeline import DateMention

# A date modifies a verb through prepositions and adverbials ("said on Tuesday", "said last week");
# the walk up from the date stops at anything else so that a date inside an object or a relative
# clause ("X, who arrived on Wednesday, said") is not taken for the date of the saying.
_DATE_PATH = frozenset({"prep", "pobj", "npadvmod", "advmod", "tmod", "nmod", "obl", "compound"})
_MAX_DATE_STEPS = 4
_MAX_SUBJECT_HOPS = 3
# Clauses whose subject is left out and shared with the clause they hang on
# ("X condemned ... and called for ...", "..., saying ...", "X wants to propose ...").
_SHARED_SUBJECT = frozenset({"conj", "xcomp", "advcl", "acl", "pcomp"})
_SUBJECTS = ("nsubj", "csubj")
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_EDGE_TRIM = frozenset({"punct", "cc", "mark", "space"})


def actor_of(actors: ActorIndex, token: Token) -> Actor | None:
    """The actor a noun phrase headed by `token` names, if the actor index knows it.

    Looks at the head, the rest of its named entity and its appositions ("the spokesman, John
    Smith"); never at modifiers ("a US official" is not the US).
    """
    found = actors.actor_at(token.i)
    if found is not None:
        return found
    if token.ent_type_:
        for candidate in _entity_tokens(token):
            found = actors.actor_at(candidate.i)
            if found is not None:
                return found
    for child in token.children:
        if child.dep_ == "appos":
            found = actors.actor_at(child.i)
            if found is not None:
                return found
    return None


def _entity_tokens(token: Token) -> Iterable[Token]:
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def is_named(token: Token) -> bool:
    """True when the token heads a name (a proper noun or a named entity), not a common noun."""
    return token.pos_ == "PROPN" or token.ent_type_ in _NAME_LABELS


def noun_phrase_text(token: Token) -> str:
    """A short text for the noun phrase a token heads: compounds and modifiers, no clauses."""
    keep = [token]
    for child in token.lefts:
        if child.dep_ in {"compound", "amod", "nmod", "poss", "case"} or child.dep_ == "nummod":
            keep.extend(child.subtree)
    for child in token.rights:
        if child.dep_ in {"compound", "flat"}:
            keep.extend(child.subtree)
    indices = sorted({t.i for t in keep})
    doc = token.doc
    return doc[indices[0] : indices[-1] + 1].text.strip()


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the clause it hangs on when it has none of its own."""
    current = verb
    for _ in range(_MAX_SUBJECT_HOPS):
        for child in current.children:
            if child.dep_ in _SUBJECTS:
                return child
        if current.dep_ not in _SHARED_SUBJECT or current.head == current:
            return None
        if current.dep_ == "xcomp":
            # "X urged both sides to agree": the object of "urge" does the agreeing.
            for child in current.head.children:
                if child.dep_ == "dobj":
                    return child
        current = current.head
    return None


def dates_by_verb(doc: Doc, dates: list[DateMention]) -> dict[int, DateValue]:
    """The resolved date each verb carries, keyed by the verb's token index (first date wins)."""
    found: dict[int, DateValue] = {}
    for mention in dates:
        if mention.value is None:
            continue
        governor = _date_governor(doc, mention)
        if governor is not None and governor not in found:
            found[governor] = mention.value
    return found


def _date_governor(doc: Doc, mention: DateMention) -> int | None:
    if mention.head is not None and 0 <= mention.head < len(doc):
        return mention.head
    if mention.end <= mention.start:
        return None
    root = doc[mention.start : mention.end].root
    token = root
    for _ in range(_MAX_DATE_STEPS):
        if token.head == token:
            break
        if token != root and token.pos_ in {"VERB", "AUX"}:
            return token.i
        if token.dep_ not in _DATE_PATH:
            return None
        token = token.head
    return token.i if token.pos_ in {"VERB", "AUX"} else None


def clause_text(doc: Doc, start: int, end: int) -> str:
    """The text of tokens [start, end) without leading or trailing punctuation and conjunctions."""
    while start < end and (doc[start].dep_ in _EDGE_TRIM or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].dep_ in _EDGE_TRIM or doc[end - 1].is_space):
        end -= 1
    text = doc[start:end].text.strip()
    # Trimming may cut the mark that closes a quote the clause ends with: put it back.
    if text.count('"') % 2 == 1 and end < len(doc) and doc[end].text == '"':
        text += '"'
    return text
