"""The shared state of reading one article's actors: draft actors, their mentions, and which
tokens are claimed; with the small tests on tokens that every step uses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from bot.briefing.gazetteer import GeoEntry, load_gazetteer
from bot.briefing.models import ActorKind
from bot.briefing.parsed import ParsedArticle
from bot.briefing.places import PlaceIndex
from bot.briefing.roles import is_person_noun, office_as_subject, plural_title
from bot.briefing.vocabulary import ACRONYM_SKIP, OFFICE_NOUNS, ORG_NAME_WORDS, SPEECH_VERBS

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
BODIES = frozenset({ActorKind.ORG, ActorKind.GROUP})
_ATTACHED_DEPS = frozenset({"compound", "nmod", "amod", "poss", "appos"})
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,7}$")


@dataclass(frozen=True)
class Mention:
    start: int  # the tokens that refer to the actor
    end: int
    head: int  # the token whose place in the sentence counts (subject, speaker)
    surface: str
    counts: bool = True  # False for pronouns: mapped to the actor, not counted as naming it


@dataclass
class Draft:
    key: str
    kind: ActorKind
    name: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    role_span: tuple[int, int] | None = None  # where the role was read, for the affiliation
    role_head: int | None = None  # the role's head noun ("inspector" in "the chief inspector")
    gender: str | None = None  # "f" or "m" when a title or a pronoun has told it
    affiliation: str | None = None

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        if mention.counts and mention.surface not in self.aliases:
            self.aliases.append(mention.surface)


class Reading:
    """An article being read into draft actors: the parse, and which tokens name which draft."""

    def __init__(self, parsed: ParsedArticle, places: PlaceIndex) -> None:
        self.parsed = parsed
        self.doc = parsed.doc
        self.gaz = load_gazetteer()
        self.places = places
        self.drafts: dict[str, Draft] = {}
        self.claimed: dict[int, str] = {}  # token index -> draft key
        self.entities = parsed.entities
        self.entity_at = {i: ent for ent in self.entities for i in range(ent.start, ent.end)}
        # The tokens made once: each pass over a Doc builds its Token objects anew.
        self.tokens = list(self.doc)

    @cached_property
    def text(self) -> str:
        """The article's text as parsed: a Doc joins its tokens' text anew on each read."""
        return self.doc.text

    @cached_property
    def common_nouns(self) -> Counter[str]:
        """How often the text writes each word (as written) as a common noun: counted in one
        pass, for every draft that asks."""
        return Counter(t.text for t in self.tokens if t.pos_ == "NOUN")

    @cached_property
    def lemmas(self) -> list[str]:
        """Each token's lemma in lower case, by index: read once for the several steps that walk
        the article looking for a few nouns."""
        return [t.lemma_.lower() for t in self.tokens]

    @cached_property
    def tokens_written(self) -> dict[str, list[Token]]:
        """The tokens of each written word, in text order: found in one pass, for the steps that
        look for a word's other occurrences."""
        found: dict[str, list[Token]] = {}
        for token in self.tokens:
            found.setdefault(token.text, []).append(token)
        return found

    def country_of(self, token: Token) -> GeoEntry | None:
        """The country a token names (as a country, short form or demonym), if any."""
        ent = self.entity_at.get(token.i)
        if ent is not None and ent.label_ in {"GPE", "NORP"} and len(ent) > 1:
            found = self.gaz.country(ent.text)
            if found is not None:
                return found
        return self.gaz.country(token.text) or self.gaz.country_of_demonym(token.text)

    def draft(self, key: str, kind: ActorKind, name: str) -> Draft:
        """The draft with this key, made on first use."""
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = Draft(key, kind, name)
        return draft

    def claim(self, draft: Draft, mention: Mention) -> None:
        """The mention refers to the draft; its tokens are taken (first claim wins)."""
        draft.add(mention)
        for i in range(mention.start, mention.end):
            self.claimed.setdefault(i, draft.key)

    def free(self, start: int, end: int) -> bool:
        """No token of the span names an actor or a place yet."""
        return not any(i in self.claimed or i in self.places.token_place for i in range(start, end))

    def country_draft(self, country: GeoEntry) -> Draft:
        return self.draft(f"country:{country.country_code}", ActorKind.COUNTRY, country.name)

    def merge(self, source: Draft, target: Draft) -> None:
        """Everything the source draft holds goes to the target; the source is gone."""
        for mention in source.mentions:
            target.add(mention)
        for alias in source.aliases:
            if alias not in target.aliases:
                target.aliases.append(alias)
        for i, key in self.claimed.items():
            if key == source.key:
                self.claimed[i] = target.key
        del self.drafts[source.key]


def names_a_person(reading: Reading, token_index: int) -> bool:
    """The token is part of a name read as a person's."""
    key = reading.claimed.get(token_index)
    return (
        key is not None and key in reading.drafts and reading.drafts[key].kind is ActorKind.PERSON
    )


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Without a leading article or punctuation; without a trailing possessive, or a word that
    only links to what follows ("The Ministry of Foreign Affairs of" cut before "the Republic
    of Ruritania": no name ends in "of")."""
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].text in _LINKING_WORDS  # in lower case: a surname spelt "To" stays
    ):
        end -= 1
    return start, end


_LINKING_WORDS = frozenset({"of", "and", "for", "on", "in", "at", "to", "the"})


def speaks(head: Token) -> bool:
    """The token, or the noun it modifies ("US officials have said"), is a speech verb's subject."""
    for token in (head, head.head):
        if token.dep_ in SUBJECT_DEPS and token.head.lemma_.lower() in SPEECH_VERBS:
            return True
        if token.dep_ not in {"compound", "nmod", "amod", "poss"}:
            break
    return False


def is_subject(head: Token) -> bool:
    """The token is a subject, or names, owns or stands beside one ("The club's manager,
    Daniel Farke, praised")."""
    if head.dep_ in SUBJECT_DEPS:
        return True
    return head.dep_ in _ATTACHED_DEPS and head.head.dep_ in SUBJECT_DEPS


def org_words(ent: Span) -> bool:
    return any(t.text in ORG_NAME_WORDS for t in ent)


def body_tagged_as_person(reading: Reading, ent: Span) -> bool:
    """A name the model tagged as a person's that the sentence makes a body's: listed among
    bodies, or what an office is of ("the chair of Vessa Trust")."""
    if ent.label_ != "PERSON":
        return False
    return _listed_among_bodies(reading, ent) or _an_office_is_of(ent)


def _an_office_is_of(ent: Span) -> bool:
    """The name follows an office and "of" ("formerly the Board Chair of Vessa Trust", "the
    president of Tern Mobile"): only a body or a country has a chair or a president."""
    root = ent.root
    of = root.head
    return (
        root.dep_ == "pobj"
        and of.lower_ == "of"
        and of.i == ent.start - 1
        and of.head.lower_ in OFFICE_NOUNS
    )


# Prepositions that tie a person to a body: "Ann Lee of the Tern Party", "Ivo Brandt from Vessa".
_AFFILIATING = frozenset({"of", "from", "at"})


def _listed_among_bodies(reading: Reading, ent: Span) -> bool:
    """A name tagged as a person's that stands in a list whose every other item is a name the
    model tagged as a body ("shares in Tern Foods, Harlow Kent and Vessa Mobile", "Vardel
    Rovers and Kelso United"): copy lists companies with companies and clubs with clubs, so the
    name is one more body; a name with a person's noun beside it stays a person's."""
    root = ent.root
    # "Ann Lee of the Tern Party and Ivo Brandt of Vessa First": people listed with whom they
    # belong to, where the parse joins a name to the body before it.
    chain = [root, *root.conjuncts]
    if any(c.dep_ == "prep" and c.lower_ in _AFFILIATING for t in chain for c in t.children):
        return False
    if any(
        t.dep_ == "pobj"
        and t.head.lower_ in _AFFILIATING
        and reading.doc[t.head.head.i].ent_type_ == "PERSON"
        for t in chain
    ):
        return False
    # "Ann Lee and the Tern Party's Ivo Brandt": a possessor is whose the person is.
    if any(t.dep_ == "poss" or any(c.dep_ == "case" for c in t.children) for t in chain):
        return False
    others = [reading.entity_at.get(t.i) for t in root.conjuncts]
    # The model may tag a company it does not know as a place or a product; never as a person.
    if any(o is None or o.label_ in {"PERSON", "GPE", "NORP"} for o in others):
        return False
    # "for Brandt and Ivo Marsh", Brandt being "Ann Brandt" elsewhere: a surname the model
    # took for a body is still a person's.
    surnames = {
        e[-1].text
        for e in reading.entities
        if len(e) > 1 and e.label_ in {"PERSON", "ORG"} and not org_words(e)
    }
    if any(o is not None and o.text in surnames for o in others):
        return False
    if not any(o is not None and o.label_ == "ORG" for o in others):
        return False
    # "Tern Research chief Ann Lee", "Ann Lee, a chemist,": a person's noun beside the name.
    before = reading.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.pos_ == "NOUN":
        return False
    return not any(c.dep_ == "appos" for c in root.children)


def person_named_org(reading: Reading, ent: Span, single_names: set[str]) -> bool:
    """An ORG span that is a person's full name: its last word is a name the model elsewhere
    tags as a person ("Marcus Preston" ... "Preston said"), the text describes it as a
    person ("Alphonso Davies, the Canadian defender", "the chairman, Ivo Brandt,", "chief
    executive Ivo Brandt", "the chairman is Ivo Brandt"), or speaks of it as "he", "she" or
    "who"."""
    # A hyphen joins the parts of one name ("Anne-Marie Velka-Doren"): the name's words are
    # what spaces divide, each part a capitalised proper noun.
    words = [t for t in ent if t.lower_ != "the" and t.text != "-"]
    spaced = [w for w in ent.text.split() if w.lower() != "the"]
    if not (
        2 <= len(spaced) <= 3
        and all(t.pos_ == "PROPN" and t.text.istitle() for t in words)
        and not org_words(ent)
    ):
        return False
    if _an_office_is_of(ent):
        return False  # "the president of Tern Mobile": a body, however the sentence goes on
    root = ent.root
    described = (
        any(c.dep_ == "appos" and is_person_noun(c) for c in root.rights)
        or (root.dep_ == "appos" and root.head.i < root.i and is_person_noun(root.head))
        # A title in front: "Chief executive Helena Brandt apologised".
        or any(c.dep_ == "compound" and c.i < ent.start and is_person_noun(c) for c in root.lefts)
        # An office the copula says the name holds: "The trust's chief executive is Ivo Brandt."
        or (root.dep_ == "attr" and office_as_subject(root.head) is not None)
        # ... or the name's holder: "Ivo Brandt is director of research at the institute."
        or (root.dep_ == "nsubj" and _copula_of_a_person(root.head))
        # A title in the plural over both: "Justices Ann Lee and Ivo Brandt dissented".
        or (
            root.dep_ == "conj"
            and any(c.dep_ == "compound" and plural_title(c) for c in root.head.lefts)
        )
    )
    return (
        words[-1].text in single_names
        or spaced[-1] in single_names  # "Dr. Velka-Doren said": the hyphened surname alone
        or described
        or _spoken_of_as_a_person(ent)
        or _surname_stands_alone(reading, ent, words)
    )


def _copula_of_a_person(verb: Token) -> bool:
    """The copula says its subject holds a post or trade ("... is director of research")."""
    return verb.lemma_ == "be" and any(
        c.dep_ == "attr" and is_person_noun(c) and not any(d.lower_ == "a" for d in c.lefts)
        for c in verb.children
    )


def _surname_stands_alone(reading: Reading, ent: Span, words: list[Token]) -> bool:
    """The name's last word stands alone elsewhere ("Ivo Brandt threw three touchdowns" ...
    "Brandt connected twice"): copy shortens a person to the surname, a company to its first
    word ("Tern Foods" ... "Tern")."""
    last = words[-1].text
    tokens = reading.tokens
    for token in reading.tokens_written.get(last, ()):
        if ent.start <= token.i < ent.end:
            continue
        around = [tokens[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(tokens)]
        if any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in around):
            continue
        # Not the end of another name ("the Department of Energy" beside "Tern Energy").
        around_ent = reading.entity_at.get(token.i)
        if around_ent is not None and len(around_ent) > 1:
            continue
        if token.pos_ == "PROPN" and token.dep_ not in {"compound", "pobj"}:
            return True
    return False


_PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her", "who", "whom"})
_THING_PRONOUNS = frozenset({"it", "its", "which"})


def _spoken_of_as_a_person(ent: Span) -> bool:
    """The name is the subject of a clause that goes on about it as "he" or "she", or takes
    "who" ("Ivo Brandt said he would appeal", "Ivo Brandt, who ..."): a body is "it", a
    person's name that the model took for a body's is not. A plural last word ("Tern Mills")
    keeps a company's look."""
    last = ent[-1].text
    if last.endswith("s") and not last.endswith(("ss", "us", "is", "as")):
        return False
    root = ent.root
    if any(c.dep_ == "relcl" and c.left_edge.lower_ in {"who", "whom"} for c in root.children):
        return True
    if root.dep_ != "nsubj":
        return False
    for token in root.head.subtree:
        if token.i < ent.end:
            continue
        if token.lower_ in _THING_PRONOUNS:
            return False
        if token.lower_ in _PERSON_PRONOUNS and token.dep_ in {"nsubj", "nsubjpass", "poss"}:
            return True
    return False


def acronym_of(words: Iterable[str]) -> str:
    """The initials of a name's capitalised words; an abbreviation with full stops in the name
    gives all its letters ("the U.S. Department of Farming" is the "USDF")."""
    return "".join(
        (w.replace(".", "") if _DOTTED_ACRONYM.match(w) else w[0])
        for w in words
        if w.lower() not in ACRONYM_SKIP and w[:1].isupper()
    )


def acronym_key(text: str) -> str:
    """An abbreviation as its initials alone: "U.N." and "UN" are one ("United Nations")."""
    return text.replace(".", "") if _DOTTED_ACRONYM.match(text) else text
