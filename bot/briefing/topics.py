"""Topics from the lexicon file: their sentences and each party's position.

A topic's terms are found with spaCy's PhraseMatcher (surface form and lemma, any case). A party's
position comes from a stance cue the term depends on in the parse: "Washington condemns Moscow's
ceasefire offer" has "offer" (Moscow proposes) and "condemn" (Washington rejects) above
"ceasefire". The cue words are data in the lexicon file; how they attach to a party is code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from bot.briefing.actors import ActorIndex
from bot.briefing.clauses import (
    actor_of,
    clause_text,
    dates_by_verb,
    is_named,
    noun_phrase_text,
    subject_of,
)
from bot.briefing.lexicon import StanceCue, TopicLexicon
from bot.briefing.models import (
    Actor,
    DateValue,
    Position,
    Precision,
    Quote,
    QuoteKind,
    Stance,
    Topic,
)
from bot.briefing.nlp import loaded_tokenizer
from bot.briefing.parsed import ParsedArticle
from bot.briefing.speech import FIRST_PERSON, RELATIVE_PRONOUNS
from bot.briefing.timeline import DateMention

# How far above a term a stance cue may sit ("condemns [Moscow's [ceasefire] offer]").
_MAX_PATH_STEPS = 6
# The path from a term to its cue stops at these relations: a cue past a relative or adverbial
# clause is about something else ("condemned the attack, which broke the truce").
_PATH_STOPS = frozenset({"relcl", "advcl", "acl", "parataxis", "appos", "conj"})
# Words of a cue after the first may stand a little apart ("walk away from").
_PARTICLE_GAP = 2
# Verbs that make a noun cue an act of their subject ("Russia made an offer of a ceasefire").
_LIGHT_VERBS = frozenset({"make", "put", "present", "submit", "issue", "launch", "extend", "lay"})
_CUE_POS = frozenset({"VERB", "NOUN", "ADJ"})
_THIRD_PERSON = frozenset({"he", "she", "it", "they"})
_PREDICATES = frozenset({"acomp", "attr", "oprd"})
_ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
# Parts of a clause left out of the text a position quotes: a second clause joined to its head,
# and adverbial clauses and asides anywhere in it.
_CLAUSE_ASIDES = frozenset({"cc", "conj"})
_NESTED_ASIDES = frozenset({"advcl", "parataxis"})
# How many tokens a position's text may take on either side of its clause's verb.
_MAX_CLAUSE_SIDE = 40
# A participle inside a noun phrase ("the proposed truce") heads no clause.
_NOUN_MODIFIERS = frozenset({"amod", "compound", "nmod", "npadvmod"})


# Matching terms


# A related term's match id: the topic key and a suffix no key can have (keys are [a-z0-9_]).
_RELATED = " related"


@dataclass(frozen=True)
class _TopicMatcher:
    by_surface: PhraseMatcher
    by_lemma: PhraseMatcher

    def spans(self, doc: Doc) -> dict[str, list[tuple[int, int]]]:
        """Term matches per topic key, longest first where two overlap.

        A topic's related terms count only where one of its own terms occurs in the article.
        """
        strings = doc.vocab.strings
        found: dict[str, set[tuple[int, int]]] = defaultdict(set)
        # A pipeline without a lemmatizer still matches the written forms.
        lemmas = doc.has_annotation("LEMMA")
        for matcher in (self.by_surface, self.by_lemma) if lemmas else (self.by_surface,):
            for match_id, start, end in matcher(doc):
                found[strings[match_id]].add((start, end))
        return {
            key: _without_overlaps(spans | found.get(key + _RELATED, set()))
            for key, spans in found.items()
            if not key.endswith(_RELATED)
        }


def _without_overlaps(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest of overlapping matches ("halt to the fighting" over "fighting"), in order."""
    kept: list[tuple[int, int]] = []
    covered: set[int] = set()
    for start, end in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if covered.isdisjoint(range(start, end)):
            kept.append((start, end))
            covered.update(range(start, end))
    return sorted(kept)


@lru_cache(maxsize=8)
def _topic_matcher(lexicon: TopicLexicon, vocab: Vocab) -> _TopicMatcher:
    """One matcher per lexicon and vocabulary: building it tokenizes every term, with the
    tokenizer of the model that parsed the text where it is loaded here."""
    tokenizer = loaded_tokenizer(vocab) or spacy.blank("en", vocab=vocab).tokenizer
    by_surface = PhraseMatcher(vocab, attr="LOWER")
    by_lemma = PhraseMatcher(vocab, attr="LEMMA")
    for topic in lexicon.topics:
        for key, terms in ((topic.key, topic.terms), (topic.key + _RELATED, topic.related)):
            if not terms:
                continue
            patterns = [tokenizer(term) for term in terms]
            by_surface.add(key, patterns)
            # Terms are written in dictionary form, so a term's words are its lemmas:
            # "airstrike" then also matches "airstrikes".
            by_lemma.add(
                key,
                [
                    Doc(vocab, words=[t.text for t in p], lemmas=[t.lower_ for t in p])
                    for p in patterns
                ],
            )
    return _TopicMatcher(by_surface, by_lemma)


def term_matches(parsed: ParsedArticle, lexicon: TopicLexicon) -> dict[str, list[tuple[int, int]]]:
    """Where each configured topic's terms occur in the article, as token spans per topic key."""
    if not lexicon.topics:
        return {}
    return _topic_matcher(lexicon, parsed.doc.vocab).spans(parsed.doc)


def find_topics(
    parsed: ParsedArticle,
    lexicon: TopicLexicon,
    actors: ActorIndex,
    dates: list[DateMention],
    quotes: list[Quote],
) -> list[Topic]:
    """The configured topics the article mentions, the most discussed first."""
    if not lexicon.topics:
        return []
    matches = term_matches(parsed, lexicon)
    reader = PositionReader(parsed, actors, dates, quotes)
    ranked = []
    for order, topic in enumerate(lexicon.topics):
        spans = matches.get(topic.key)
        if not spans:
            continue
        sentences = sorted({parsed.sentence_index(start) for start, _ in spans})
        cues = cue_index(lexicon.stances + topic.stances)
        topic_model = Topic(
            key=topic.key,
            label=topic.label,
            sentences=[parsed.ref(parsed.sentences[i].start) for i in sentences],
            positions=reader.positions(spans, cues),
        )
        ranked.append((-len(sentences), order, topic_model))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [topic for _, _, topic in ranked]


def cue_index(cues: Iterable[StanceCue]) -> dict[str, list[StanceCue]]:
    """Stance cues by their first word, the longer of two that start alike first."""
    index: dict[str, list[StanceCue]] = defaultdict(list)
    for cue in cues:
        index[cue.word].append(cue)
    for entries in index.values():
        entries.sort(key=lambda c: -len(c.then))  # "call for" before "call"
    return index


# Positions


@dataclass(frozen=True)
class _Party:
    actor_id: str | None
    name: str


@dataclass
class PositionReader:
    """Reads each party's stance on a topic from the cues its terms depend on in the parse."""

    parsed: ParsedArticle
    actors: ActorIndex
    dates: list[DateMention]
    quotes: list[Quote]
    verb_dates: dict[int, DateValue] = field(default_factory=dict)
    speakers: dict[int, Quote] = field(default_factory=dict)  # sentence -> a quote with a speaker
    direct_speakers: dict[int, Quote] = field(default_factory=dict)
    dates_in_sentence: dict[int, list[DateMention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.verb_dates = dates_by_verb(self.parsed.doc, self.dates)
        for mention in self.dates:
            sentence = self.parsed.sentence_index(mention.start)
            self.dates_in_sentence.setdefault(sentence, []).append(mention)
        for quote in self.quotes:
            if quote.speaker is None:
                continue
            self.speakers.setdefault(quote.source.sentence, quote)
            if quote.kind is QuoteKind.DIRECT:
                self.direct_speakers.setdefault(quote.source.sentence, quote)

    def positions(
        self, spans: list[tuple[int, int]], cues: Mapping[str, list[StanceCue]]
    ) -> list[Position]:
        doc = self.parsed.doc
        seen: set[tuple[str, Stance, int]] = set()
        found: list[Position] = []
        for start, end in spans:
            term = doc[start:end]
            for cue_token, stance, below in self._cues(term, cues):
                party = self._party(cue_token, below, term)
                if party is None:
                    continue
                sentence = self.parsed.sentence_index(cue_token)
                key = (party.actor_id or party.name.lower(), stance, sentence)
                if key in seen:
                    continue
                seen.add(key)
                head = _clause_head(cue_token)
                found.append(
                    Position(
                        actor_id=party.actor_id,
                        actor=party.name,
                        stance=stance,
                        text=_clause(head),
                        date=self._date(cue_token, head),
                        source=self.parsed.ref(cue_token),
                    )
                )
        return found

    def _cues(
        self, term: Span, cues: Mapping[str, list[StanceCue]]
    ) -> list[tuple[Token, Stance, Token | None]]:
        """Stance cues the term depends on: inside it, modifying it, or above it in the parse.

        Each comes with the token through which the path from the term reached it (None for a
        cue inside the term or modifying it).
        """
        found: list[tuple[Token, Stance, Token | None]] = []
        root = term.root
        for token in term:
            found.extend((token, stance, None) for stance in _stances_of(token, cues))
        for child in root.children:
            if child.dep_ in {"amod", "compound"} and child.i not in range(term.start, term.end):
                found.extend((child, stance, None) for stance in _stances_of(child, cues))
        below, token = root, root.head
        crossed = False
        for _ in range(_MAX_PATH_STEPS):
            if token == below or below.dep_ in _PATH_STOPS:
                break
            stances = _stances_of(token, cues)
            found.extend((token, stance, below) for stance in stances)
            # "The offer was unacceptable to X": the judgement hangs on the verb the term's
            # phrase is the subject of.
            for child in token.children:
                if child.dep_ in _PREDICATES and child != below and child.pos_ == "ADJ":
                    found.extend((child, stance, below) for stance in _stances_of(child, cues))
            if token.pos_ == "VERB" and not stances:
                # Another predicate: what lies above it is not about this term, except for
                # one verb it completes and the term is an argument of ("offered to host
                # talks", "hopeful that talks resume").
                argument = below == root and below.dep_ in _ARGUMENTS
                if crossed or not argument or token.dep_ not in {"xcomp", "ccomp"}:
                    break
                crossed = True
            below, token = token, token.head
        return [
            (token, stance, via)
            for token, stance, via in found
            if not _overruled(token, [t for t, _, _ in found])
        ]

    def _party(self, cue: Token, below: Token | None, term: Span) -> _Party | None:
        """Who takes the stance a cue shows."""
        # The parser sometimes reads a noun cue as a verb with the term as its subject
        # ("Moscow's ceasefire offer" as "ceasefire offers"): that cue is still a noun.
        misread = below == term.root and _misread_compound(below)
        nominal = below is None or cue.pos_ != "VERB" or misread
        if cue.pos_ == "ADJ":
            return self._judge(cue, below if below is not None else cue.head)
        if cue.dep_ == "amod" and below is None:
            # "Moscow's proposed ceasefire": the party owns the noun the cue modifies.
            return self._owner(cue.head) or self._owner(cue)
        if nominal:
            owner = self._owner(cue)
            if owner is not None:
                return owner
            for token in _path_between(term.root, cue):
                owner = self._owner(token)
                if owner is not None:
                    return owner
            if cue.dep_ == "dobj" and cue.head.lemma_.lower() in _LIGHT_VERBS:
                return self._subject_party(cue.head)
            return None
        if below is not None and below.dep_ == "nsubjpass":
            return self._by_agent(cue)
        if below is not None and below.dep_ in {"nsubj", "csubj"}:
            return None  # the term itself acts ("the truce plan calls for ...")
        return self._subject_party(cue)

    def _owner(self, noun: Token) -> _Party | None:
        """The party a noun belongs to: "Russia's offer", "an offer by Russia", "the US plan"."""
        for child in noun.children:
            if child.dep_ == "poss":
                return self._named(child)
            if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return self._named(grandchild)
            # "the US plan", "an Egyptian plan"
            named = child.dep_ in {"compound", "nmod"} and is_named(child)
            if named or (child.dep_ == "amod" and child.ent_type_ == "NORP"):
                party = self._named(child)
                if party is not None:
                    return party
        return None

    def _judge(self, adjective: Token, below: Token | None) -> _Party | None:
        """Who holds a judgement: "unacceptable to Washington", "X was hopeful about ..."."""
        for child in adjective.children:
            if child.dep_ == "prep" and child.lower_ in {"to", "for"} and child != below:
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        party = self._named(grandchild)
                        if party is not None:
                            return party
        head = adjective.head if adjective.dep_ in {"acomp", "attr"} else adjective
        subject = subject_of(head)
        # "The offer is unacceptable": the subject is what is judged, not who judges.
        if subject is not None and below is not None and not _within(subject, below):
            return self._named(subject)
        if subject is not None and below is None:
            return None
        quote = self.speakers.get(self.parsed.sentence_index(adjective))
        return _Party(quote.speaker_id, quote.speaker) if quote and quote.speaker else None

    def _by_agent(self, verb: Token) -> _Party | None:
        for child in verb.children:
            if child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return self._named(grandchild)
        return None

    def _subject_party(self, verb: Token) -> _Party | None:
        current = verb
        for _ in range(3):
            subject = subject_of(current)
            if subject is None:
                return None
            party = self._named(subject)
            if party is not None or not _misread_compound(subject):
                return party
            # "Washington condemns Moscow's ceasefire offer and calls for ...": the parser took
            # "ceasefire offer" for a clause, so "calls" borrowed "ceasefire" as its subject;
            # the real subject is that of the clause above.
            current = subject.head.head
        return None

    def _named(self, token: Token) -> _Party | None:
        """The party a noun phrase names: a known actor, a name, or a quote's speaker for "we"."""
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            token = token.head.head
        actor = actor_of(self.actors, token)
        if actor is not None:
            return _actor_party(actor)
        if token.lower_ in FIRST_PERSON:
            quote = self.direct_speakers.get(self.parsed.sentence_index(token))
            return _Party(quote.speaker_id, quote.speaker) if quote and quote.speaker else None
        if token.pos_ == "PRON" and token.lower_ in _THIRD_PERSON:
            # "Hamas said it had accepted the plan": the pronoun is the speaker of the sentence.
            quote = self.speakers.get(self.parsed.sentence_index(token))
            return _Party(quote.speaker_id, quote.speaker) if quote and quote.speaker else None
        if token.pos_ != "PRON" and is_named(token):
            return _Party(None, noun_phrase_text(token))
        return None

    def _date(self, cue: Token, head: Token) -> DateValue:
        """When the party said it: the date its own verb carries ("rejected the offer on
        Monday"), else that of the sentence's speech act ("..., an official said on Wednesday"),
        else the publication date.

        Other dates in the clause name what the stance is about ("a ceasefire starting 1
        March"), and a date after publication cannot be when anything was said.
        """
        published = self.parsed.published
        found = self.verb_dates.get(cue.i) or self.verb_dates.get(head.i)
        if found is not None and found.value <= published:
            return found
        sentence = self.parsed.sentence_index(cue)
        said = next(
            (q.said_on for q in self.quotes if q.source.sentence == sentence and q.said_on),
            None,
        )
        if said is not None and said.value <= published:
            return said
        return DateValue(value=published, precision=Precision.DAY)


def _actor_party(actor: Actor) -> _Party:
    return _Party(actor.id, actor.name)


def _stances_of(token: Token, cues: Mapping[str, list[StanceCue]]) -> list[Stance]:
    if token.pos_ not in _CUE_POS:
        return []
    for word in {token.lemma_.lower(), token.lower_}:
        for cue in cues.get(word, ()):
            if _takes(token, cue.then):
                stance = _negated(token, cue.stance)
                return [] if stance is None else [stance]
    return []


def _takes(token: Token, words: tuple[str, ...]) -> bool:
    """True when the words a cue needs follow it, in order ("call for", "walk away from")."""
    doc = token.doc
    i = token.i + 1
    for word in words:
        limit = min(len(doc), i + 1 + _PARTICLE_GAP)
        while i < limit and doc[i].lower_ != word:
            i += 1
        if i >= limit:
            return False
        i += 1
    return True


def _negated(token: Token, stance: Stance) -> Stance | None:
    # "was not acceptable" puts the "not" on the copula.
    holders = [token, token.head] if token.dep_ in _PREDICATES else [token]
    if not any(child.dep_ == "neg" for holder in holders for child in holder.children):
        return stance
    # "did not accept" is a rejection; "did not reject" says nothing firm.
    return Stance.REJECTS if stance is Stance.SUPPORTS else None


def _overruled(token: Token, cues: list[Token]) -> bool:
    """A cue under another through "to" ("refused to accept", "urged them to back") is the
    other's business: the refusal decides, and an urging has its own party."""
    return token.dep_ == "xcomp" and token.head in cues and token.head.lemma_.lower() != "urge"


def _misread_compound(subject: Token) -> bool:
    """True for a bare singular noun right before a plural-form present verb ("ceasefire
    offer"): the agreement clash shows the parser split a compound noun into a clause."""
    verb = subject.head
    return (
        subject.tag_ == "NN"
        and verb.i == subject.i + 1
        and verb.tag_ == "VBP"
        and verb.head != verb
        and not any(child.dep_ == "det" for child in subject.children)
    )


def _path_between(low: Token, high: Token) -> list[Token]:
    path: list[Token] = []
    token = low
    while token != high and token.head != token and len(path) <= _MAX_PATH_STEPS:
        path.append(token)
        token = token.head
    return path


def _within(token: Token, phrase: Token) -> bool:
    """True when `token` is in the phrase `phrase` heads (spaCy's English trees are projective)."""
    return phrase.left_edge.i <= token.i <= phrase.right_edge.i


def _clause_head(token: Token) -> Token:
    """The verb of the clause a token stands in (the token itself for a verb that heads one)."""
    current = token
    for _ in range(_MAX_PATH_STEPS):
        heads_clause = current.pos_ in {"VERB", "AUX"} and current.dep_ not in _NOUN_MODIFIERS
        if heads_clause or current.head == current:
            return current
        current = current.head
    return current


def _clause_bounds(head: Token) -> tuple[int, int]:
    """The clause a verb heads, up to the first aside after it ("..., as talks began"), and
    never more than a window around its head."""
    doc = head.doc
    start = max(head.left_edge.i, head.i - _MAX_CLAUSE_SIDE)
    end = min(head.right_edge.i + 1, head.i + 1 + _MAX_CLAUSE_SIDE)
    for token in doc[head.i + 1 : end]:
        direct = token.head == head
        if token.dep_ in _NESTED_ASIDES or (direct and token.dep_ in _CLAUSE_ASIDES):
            return start, token.left_edge.i
    return start, end


def _clause(head: Token) -> str:
    start, end = _clause_bounds(head)
    return clause_text(head.doc, start, end)
