"""Direct and reported speech attributed to actors, with the date it was said where the text
gives one.

Direct quotes are the words inside quotation marks, attributed through the parse: the speech verb
that governs the quoted clause ("X said", "said X", "X told the committee", "he added"), a colon
introduction, "according to X", or the subject of a clause that quotes part of its predicate
('officials "are not blind to what is happening"'). Scare quotes ('"moderate" opposition') are
too short to be anyone's words unless a speech verb takes them as its whole complement.
Reported speech is a speech verb with a clause complement and no quotation marks; "said that A
and that B" reports A and B apart when one of them is quoted, and "the 5 percent that analysts
say the chain needs" vouches for its whole noun phrase. A pronoun speaker with no antecedent in
the actor index is the person named just before it, else the person quoted last, whose known
gender does not rule the pronoun out.

A quote with no attribution of its own takes one from around it: the sentence after it when it
opens a paragraph, a sentence before it that announces words ("X issued a statement."), or the
paragraph before it (one ending in a colon, or one whose speaker it goes on from). Unnamed
spokespeople and offices speak for the body they name. Transcripts and statements written in
their issuer's voice are read from their layout (`layouts.py`).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field, replace

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from bot.briefing.actors import ActorIndex
from bot.briefing.clauses import actor_of, clause_text, dates_by_verb, is_named, subject_of
from bot.briefing.layouts import (
    Turn,
    is_answer_label,
    is_contact_line,
    is_part_label,
    is_statement_title,
    is_titled_label,
    label_name,
    reporter_aside,
    statement_authors,
    without_stage_notes,
)
from bot.briefing.models import Actor, ActorKind, DateValue, Precision, Quote, QuoteKind
from bot.briefing.parsed import ParsedArticle
from bot.briefing.roles import is_person_noun
from bot.briefing.speech import (
    CLAIM_NOUNS,
    DELEGATE_NOUNS,
    DOUBLE_OPENERS,
    ISSUING_VERBS,
    NAMING_VERBS,
    OCCASION_VERBS,
    PERSON_PRONOUNS,
    PERSONAL_VOICE_NOUNS,
    QUESTION_WORDS,
    RELATION_NOUNS,
    RELATIVE_PRONOUNS,
    SINGLE_OPENERS,
    SPEECH_VERBS,
    SPOKESPERSON_NOUNS,
    STATEMENT_NOUNS,
)
from bot.briefing.timeline import DateMention
from bot.briefing.vocabulary import (
    GOVERNMENT_NOUNS,
    HONORIFICS,
    INSTITUTION_NOUNS,
    MEDIA_NAME_WORDS,
    ORG_NOUNS,
    OUTLET_NOUNS,
    PRONOUN_GENDERS,
    SPEAKER_NOUNS,
    TITLE_WORDS,
)

# Quoted words shorter than this are scare quotes or titles, not speech, unless a speech verb
# takes them as its whole complement ('"Never," he said').
MIN_PARTIAL_WORDS = 3
MIN_REPORTED_WORDS = 3
# A transcript turn shorter than this is a courtesy ("Thank you."), not a statement.
MIN_TURN_WORDS = 4
# A reported clause longer than this is a parse that swallowed more than one statement.
MAX_REPORTED_TOKENS = 120
# Words a reported clause needs before a quoted fragment to state something of its own
# ("her party has backed the idea" before "for months").
_OWN_CLAUSE_WORDS = 5
# Relations by which quoted words only modify a clause ("for months", "in a matter of days").
_ADJUNCT_DEPS = frozenset({"prep", "advmod", "npadvmod", "advcl", "pobj"})
# How far from its marks a quote's attribution may stand when the parse does not link them.
_NEARBY_TOKENS = 20
# How far up the parse a quoted fragment may hang below its speech verb
# ('makes it "much more difficult ...", he added' hangs two steps down).
_MAX_ANCESTOR_STEPS = 4
# Relations by which a whole quote is a speech verb's complement.
_COMPLEMENT_DEPS = frozenset({"ccomp", "dobj", "parataxis", "xcomp", "attr", "oprd", "advcl"})
_OWN_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Endings of nouns for people that no thing shares ("scientist", "historian", "chairwoman").
_PERSON_ENDINGS = ("ist", "ian", "man", "woman", "men", "women")
# How many of the people quoted last a pronoun may reach back to, the last one first.
_MAX_RECENT_PEOPLE = 4
# Parts of speech a title leaves in lower case ("Journey to the End of the Night").
_TITLE_FUNCTION_POS = frozenset({"ADP", "DET", "CCONJ", "PART"})
# How far back (in tokens) a pronoun's antecedent may stand when nobody has been quoted yet.
_ANTECEDENT_WINDOW = 150
# Marks that sign a quote with its speaker's name ('"..." - Ada Lind').
_DASHES = frozenset({"-", "–", "—", "--"})
# Kinds of actor an unnamed spokesperson or office can speak for.
_BODY_KINDS = frozenset({ActorKind.ORG, ActorKind.COUNTRY, ActorKind.GROUP})
# Words that mark an interview's first question ("Q:", "Question:").
_QUESTION_MARKS = frozenset({"q", "q.", "question"})
# Words that open a sentence pointing back at the quote before it ("That is what X says").
_POINTING_BACK = frozenset({"that", "those", "this", "these", "such"})
# How many comma-delimited asides may stand between a name and its verb ("Ada Lind, QC, said").
_MAX_ASIDES = 2
# Pronouns by which a body speaks: "it said", "they said".
_BODY_PRONOUNS = frozenset({"it", "they"})
# Prepositions by which a plural subject names who it is or includes: "officials at X", "members
# of X", "observers from X", "groups such as X", "critics like X", "critics, including X".
_MEMBER_PREPOSITIONS = frozenset({"at", "from", "of", "as", "like", "including"})
# Relations of a name that only modifies another noun ("the Lind report").
_MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod"})
# Relations by which a name hangs at the end of a phrase headed by a title ("Governor of Tarn
# Ada Lind", "the Minister, Ada Lind").
_TITLE_NAME_DEPS = frozenset({"prep", "appos", "compound", "flat"})
# Nouns that head the name of a body that speaks for itself ("the Tarn Water Board"); outlets
# ("newspaper", "network") are cited, not speaking, and go unnamed.
_SPEAKING_BODY_NOUNS = (INSTITUTION_NOUNS | ORG_NOUNS) - {
    "newspaper", "outlet", "broadcaster", "network", "brand", "chain", "centre", "center",
    "school", "hospital", "laboratory", "lab",
}  # fmt: skip
# Words that make a role a past one ("the former defender", "the one-time minister").
_PAST_ROLE_WORDS = frozenset({"former", "ex", "one-time", "onetime", "retired"})
# Parts of speech that make two quoted words a piece of a sentence rather than a term.
_SPOKEN_POS = frozenset({"ADP", "VERB", "AUX", "PRON", "ADV", "SCONJ", "PART"})


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted text: tokens [start, end) between an opening mark and its closing mark."""

    open_mark: int
    start: int
    end: int
    close_mark: int | None  # None: the paragraph ended with the quote still open
    paragraph: int


def find_quote_spans(doc: Doc) -> list[QuoteSpan]:
    """Every quoted stretch of the text, in order; a quote never runs across a paragraph break."""
    spans: list[QuoteSpan] = []
    paragraph = 0
    opener: Token | None = None
    closers: frozenset[str] = frozenset()
    single = False
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                # An open double quote at a paragraph's end continues in the next paragraph (a
                # news convention); an open single quote was an apostrophe after all.
                if opener is not None and not single:
                    spans.append(_quote_span(doc, opener.i, token.i, None, paragraph))
                opener = None
                paragraph += 1
            continue
        text = token.text
        if opener is not None:
            if (text in closers and not (single and token.tag_ == "POS")) or (
                not single and text in DOUBLE_OPENERS and _closes_like_a_closer(doc, token)
            ):
                spans.append(_quote_span(doc, opener.i, token.i, token.i, paragraph))
                opener = None
            elif not single and text in DOUBLE_OPENERS and text not in closers:
                opener, closers = token, DOUBLE_OPENERS[text]
            continue
        if text in DOUBLE_OPENERS:
            opener, closers, single = token, DOUBLE_OPENERS[text], False
        elif text in SINGLE_OPENERS and _opens_single_quote(doc, token):
            opener, closers, single = token, SINGLE_OPENERS[text], True
    if opener is not None and not single:
        spans.append(_quote_span(doc, opener.i, len(doc), None, paragraph))
    return [span for span in spans if span.end > span.start]


def _quote_span(doc: Doc, opener: int, stop: int, close: int | None, paragraph: int) -> QuoteSpan:
    end = stop
    while end > opener + 1 and doc[end - 1].is_space:
        end -= 1
    return QuoteSpan(opener, opener + 1, end, close, paragraph)


def _closes_like_a_closer(doc: Doc, token: Token) -> bool:
    """An opening mark typed where the closing one belongs ('decision.“ However'): glued to
    the word before it and followed by a space or the end, it closes the open quote."""
    if token.i == 0 or doc[token.i - 1].whitespace_ or doc[token.i - 1].is_space:
        return False
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return bool(token.whitespace_) or after is None or after.is_space or after.is_punct


def _opens_single_quote(doc: Doc, token: Token) -> bool:
    # A straight single mark opens a quote only where an apostrophe cannot stand: glued to the
    # next word and after a space, a bracket or the start of the text.
    if token.text == "‘":
        return True
    if token.whitespace_ or token.i + 1 >= len(doc) or not doc[token.i + 1].is_alpha:
        return False
    if token.tag_ == "``":
        return True
    return token.i == 0 or bool(doc[token.i - 1].whitespace_) or doc[token.i - 1].is_punct


def find_quotes(parsed: ParsedArticle, actors: ActorIndex, dates: list[DateMention]) -> list[Quote]:
    """Direct and reported quotes in text order, each with its speaker where the text names one."""
    return _QuoteReader(parsed, actors, dates_by_verb(parsed.doc, dates)).read()


def attributed_quotes(quotes: list[Quote]) -> list[Quote]:
    """The quotes a reader is given: reported speech is a claim only through whoever makes it,
    so with no one named ("experts say ...", "a witness said ...", "it is thought that ...") it
    is the writer's own sentence, not a quote. Quoted words stay, whoever said them. (What the
    text dates with an unnamed "said on Tuesday" still dates a position: the extractors read
    every quote.)"""
    return [
        quote for quote in quotes if quote.speaker is not None or quote.kind is QuoteKind.DIRECT
    ]


@dataclass
class _Attribution:
    verb: Token | None = None
    subject: Token | None = None
    speaker: Actor | None = None
    attributed: bool = False  # False: nothing in the text says who speaks
    said_on: DateValue | None = None  # carried over when a quote goes on from an earlier one
    # The name of a speaker the text names but the actors left out (a body named once).
    name: str | None = None

    @property
    def speaker_name(self) -> str | None:
        return self.speaker.name if self.speaker is not None else self.name


@dataclass
class _QuoteReader:
    parsed: ParsedArticle
    actors: ActorIndex
    verb_dates: dict[int, DateValue]
    found: list[tuple[int, Quote]] = field(default_factory=list)
    quoted: list[bool] = field(default_factory=list)  # per token: inside quotation marks
    paragraph_at: list[int] = field(default_factory=list)  # per token: its paragraph
    last_people: list[Actor] = field(default_factory=list)  # people quoted, the last one last
    # Speaker of a quote left open at a paragraph's end (it goes on in the next paragraph).
    open_speaker: tuple[int, _Attribution] | None = None
    # Paragraph and speaker of the last paragraph that ended with an attributed direct quote.
    last_quote_paragraph: tuple[int, _Attribution] | None = None
    # Sentence and speaker of the last attributed direct quote.
    last_quote_sentence: tuple[int, _Attribution] | None = None
    # Output position of the quote each speech verb produced, and whether its text ended in a
    # comma: a quote split around its attribution ('"A," he said, "B."') is one quote.
    by_verb: dict[int, tuple[int, bool]] = field(default_factory=dict)
    # The last attribution with a named speaker in each paragraph.
    paragraph_speakers: dict[int, _Attribution] = field(default_factory=dict)
    span_at: dict[int, QuoteSpan] = field(default_factory=dict)  # by opening mark
    # Paragraphs that are a transcript's questions: who they name is addressed or asked about.
    questions: set[int] = field(default_factory=set)
    # Speech verbs that introduced a direct quote, read so far.
    quote_verbs: set[int] = field(default_factory=set)
    # The speaker of the last document of each kind that spoke ("X said in a statement", "a
    # statement from X said"): "the statement said" further on is theirs.
    documents: dict[str, Actor] = field(default_factory=dict)
    # The body each "it" or "they" that spoke stands for, by token.
    body_pronouns: dict[int, Actor] = field(default_factory=dict)

    def read(self) -> list[Quote]:
        doc = self.parsed.doc
        spans = find_quote_spans(doc)
        self.span_at = {span.open_mark: span for span in spans}
        self.quoted = [False] * len(doc)
        paragraph = 0
        for token in doc:
            self.paragraph_at.append(paragraph)
            paragraph += token.is_space and "\n" in token.text
        by_sentence: dict[int, list[QuoteSpan]] = defaultdict(list)
        for span in spans:
            last = span.close_mark if span.close_mark is not None else span.end - 1
            for i in range(span.open_mark, last + 1):
                self.quoted[i] = True
            by_sentence[self.parsed.sentence_index(span.open_mark)].append(span)
        # Quotes taken as direct speech, in text order, and the verbs that introduced them: a
        # quote may run over several sentences with its "he said" in the last one.
        paragraphs = self.parsed.paragraph_spans
        turns = self.parsed.turns
        titled = is_statement_title(self.parsed.article.title)
        authors = (
            None
            if turns
            else statement_authors(doc, self.parsed.sentences, paragraphs, self.quoted, titled)
        )
        author = self._statement_author(authors or [])
        if authors is not None:
            # The official who signs a statement speaks for its issuer, and is the only voice
            # of one whose body names no issuer ("I salute the people of Vessa Bay ...").
            author = self._signatory(paragraphs) or author
        # Paragraphs whose speech is read from their layout, not clause by clause: a whole
        # statement in its issuer's voice, and a transcript's questions (nobody named asks).
        if author is not None:
            silent = set(range(len(paragraphs)))
        else:
            silent = {i for i, turn in turns.items() if turn.label is None}
            self.questions = silent
        taken: list[tuple[int, int]] = []
        for index, sentence in enumerate(self.parsed.sentences):
            for span in by_sentence.get(index, []):
                if span.paragraph in silent and author is None:
                    continue
                attribution = self._direct(span, sentence)
                if attribution is None:
                    continue
                taken.append((span.start, span.end))
                if attribution.verb is not None:
                    self.quote_verbs.add(attribution.verb.i)
            for token in sentence:
                if not self.quoted[token.i] and self.paragraph_at[token.i] not in silent:
                    self._reported(token, taken, token.i in self.quote_verbs)
        for turn in turns.values():
            self._turn(turn)
        if author is not None:
            self._statement(author, paragraphs)
        self.found.sort(key=lambda item: item[0])
        return _without_nested_reports([quote for _, quote in self.found])

    # Layouts: transcripts and statements

    def _turn(self, turn: Turn) -> None:
        """A transcript turn with a named speaker: the whole turn is that speaker's words."""
        if turn.label is None:
            return
        doc = self.parsed.doc
        words = without_stage_notes(doc, turn.start, turn.end).split()
        if len(words) < MIN_TURN_WORDS:
            return
        speaker, name = self._label_speaker(turn.label)
        name = speaker.name if speaker is not None else name
        if name is None:
            return
        quote = Quote(
            speaker_id=speaker.id if speaker else None,
            speaker=name,
            text=" ".join(words),
            kind=QuoteKind.DIRECT,
            source=self.parsed.ref(turn.start),
        )
        # Reported speech inside the turn with no other speaker ("Let me add that ...") is
        # already part of the turn's words.
        self.found = [
            (at, found)
            for at, found in self.found
            if not (
                turn.start <= at < turn.end
                and found.kind is QuoteKind.REPORTED
                and found.speaker in {None, name}
            )
        ]
        self.found.append((turn.start, quote))

    def _label_speaker(self, label: Span) -> tuple[Actor | None, str | None]:
        """The actor a speaker label names, else the name it gives (a transcript names each
        speaker once in its header, which is not part of the body)."""
        if is_part_label(label):
            return None, None  # "INTERVIEWER:" even when the model took it for a name
        if is_answer_label(label):
            interviewee = self._interviewee(label.start)
            return interviewee, interviewee.name if interviewee is not None else None
        titled = is_titled_label(label)
        for token in reversed(label):
            actor = actor_of(self.actors, token)
            # A name in capitals after a title is a person's even when the model took it for
            # a body ("MS. LANE:" read as an organisation "LANE").
            if actor is not None and (actor.kind == ActorKind.PERSON or not titled):
                return actor, actor.name
        name = label_name(label)
        if name is None:
            found = self._titled(label) or self._initialled(label)
            return found, (None if found is not None else self._person_named_as(label))
        key = name.lower()
        for actor in self.actors.actors:
            forms = {form.lower() for form in (actor.name, *actor.aliases)}
            if actor.kind == ActorKind.PERSON and (
                key in forms or any(form.endswith(" " + key) for form in forms)
            ):
                return actor, actor.name
        return None, self._named_in_title(name)

    def _named_in_title(self, surname: str) -> str:
        """The full name the document's title gives a speaker labelled by surname alone: a
        transcript's title names who speaks ("Remarks by Minister Ada Lind at ...",
        "Spokesman Ada Lind on ..."), a title word before the first name ends the name."""
        words = self.parsed.article.title.replace(",", " ").split()
        key = surname.lower()
        for end, word in enumerate(words):
            if word.lower().strip(".:;").removesuffix("'s").removesuffix("’s") != key:
                continue
            start = end
            while (
                start > 0
                and words[start - 1][:1].isupper()
                and words[start - 1].lower() not in STOP_WORDS
                and words[start - 1].lower().rstrip(".") not in HONORIFICS
                and words[start - 1].lower() not in HONORIFICS
                and words[start - 1].lower() not in TITLE_WORDS
            ):
                start -= 1
            # "Secretary of State Tannock": the words before the surname end an office.
            if start < end and not (start > 0 and words[start - 1].lower() in {"of", "for"}):
                return " ".join([*words[start:end], surname])
        return surname

    def _interviewee(self, answer: int) -> Actor | None:
        """Who answers in a question-and-answer interview: the one person the text names
        before its first question ("We spoke to Ada Lind about the harvest.")."""
        doc = self.parsed.doc
        first = next(
            (t.i for t in doc[:answer] if t.lower_ in _QUESTION_MARKS and t.is_sent_start),
            answer,
        )
        people = {
            actor.id: actor
            for i in range(first)
            if (actor := self.actors.actor_at(i)) is not None and actor.kind == ActorKind.PERSON
        }
        return next(iter(people.values())) if len(people) == 1 else None

    def _person_named_as(self, label: Span) -> str | None:
        """The full name of a person the text names elsewhere whose surname a label is
        ("Moore:" after "We spoke with Daniel Moore"), when the model did not take the label
        itself for a name."""
        words = [t.lower_ for t in label if t.is_alpha]
        if len(words) != 1:
            return None
        names = {
            ent.text
            for ent in self.parsed.entities
            if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].lower_ == words[0]
        }
        return next(iter(names)) if len(names) == 1 else None

    def _initialled(self, label: Span) -> Actor | None:
        """The one person whose initials a label is: interviews often label turns "AL:" after
        naming Ada Lind in full."""
        letters = label.text.replace(".", "").strip()
        if not (2 <= len(letters) <= 3 and letters.isalpha() and letters.isupper()):
            return None
        holders = [
            actor
            for actor in self.actors.actors
            if actor.kind == ActorKind.PERSON
            and "".join(word[0] for word in actor.name.split()).upper() == letters
        ]
        return holders[0] if len(holders) == 1 else None

    def _titled(self, label: Span) -> Actor | None:
        """The one person whose stated role a label made of a title is ("THE PRESIDENT:" is the
        person the text names as president); nobody when no one or several hold it."""
        words = [t.lower_ for t in label if t.is_alpha and t.lower_ != "the"]
        if not words:
            return None
        title = " ".join(words)
        holders = [
            actor
            for actor in self.actors.actors
            if actor.kind == ActorKind.PERSON
            and actor.role is not None
            and (actor.role.lower() == title or actor.role.lower().endswith(" " + title))
        ]
        return holders[0] if len(holders) == 1 else None

    def _statement_author(self, candidates: list[Token]) -> Actor | None:
        """The issuer of a statement: the actor its first sentence opens with, else the first
        country or organisation that acts in it in the present tense (a person named later,
        "Ms Lind will travel to ...", is talked about, not speaking)."""
        sentence_of = self.parsed.sentence_index
        for token in candidates:
            actor = actor_of(self.actors, token)
            if actor is None:
                continue
            if sentence_of(token) == 0 or actor.kind in {ActorKind.COUNTRY, ActorKind.ORG}:
                return actor
        return None

    def _signatory(self, paragraphs: list[tuple[int, int]]) -> Actor | None:
        """The official who signs a statement: a first paragraph with no verb that names one
        person in their office ("Ada Lind, Department Spokesperson" from the statement's
        header). A name without an office may be the issuer's contact; the body's voice, "The
        Republic welcomes ...", then stays the speaker."""
        start, end = paragraphs[0]
        opening = self.parsed.doc[start:end]
        if _has_verb(opening):
            return None
        people = {
            actor.id: actor
            for token in opening
            if (actor := self.actors.actor_at(token.i)) is not None
            and actor.kind == ActorKind.PERSON
        }
        if len(people) != 1:
            return None
        person = next(iter(people.values()))
        return person if person.role is not None else None

    def _statement(self, speaker: Actor, paragraphs: list[tuple[int, int]]) -> None:
        """Every paragraph of a statement in its issuer's voice, as that issuer's words, said
        on the day the statement is dated."""
        doc = self.parsed.doc
        said_on = DateValue(value=self.parsed.published, precision=Precision.DAY)
        for start, end in paragraphs:
            if sum(1 for t in doc[start:end] if t.is_alpha) < MIN_REPORTED_WORDS:
                continue
            if not _has_verb(doc[start:end]) or is_contact_line(doc[start:end]):
                # A header line ("Ada Lind, Department Spokesperson") says nothing, and the
                # contact line says whom to ask.
                continue
            quote = Quote(
                speaker_id=speaker.id,
                speaker=speaker.name,
                text=doc[start:end].text.strip(),
                kind=QuoteKind.REPORTED,
                said_on=said_on,
                source=self.parsed.ref(start),
            )
            self.found.append((start, quote))

    # Direct quotes

    def _direct(self, span: QuoteSpan, sentence: Span) -> _Attribution | None:
        """Record a direct quote if the span is speech, and say whose it is."""
        doc = self.parsed.doc
        # Words as written: "so-called" is one word, not three tokens.
        words = len(doc[span.start : span.end].text.split())
        long_enough = words >= MIN_PARTIAL_WORDS
        standalone = self._standalone(span, sentence)
        attribution = self._attribute(span, sentence, long_enough, standalone)
        if attribution is None:
            return None
        raw = doc[span.start : span.end].text.strip()
        text = raw.rstrip(",;:").strip()
        if not text:
            return None
        verb = attribution.verb
        merge_into = self.by_verb.get(verb.i) if verb is not None else None
        if merge_into is not None:
            at, comma = merge_into
            position, earlier = self.found[at]
            joiner = ", " if comma else " … "
            merged = replace(earlier, text=f"{earlier.text}{joiner}{text}")
            self.found[at] = (position, merged)
        else:
            speaker = attribution.speaker
            quote = Quote(
                speaker_id=speaker.id if speaker else None,
                speaker=attribution.speaker_name,
                text=text,
                kind=QuoteKind.DIRECT,
                said_on=self._date_of(verb) or attribution.said_on,
                source=self.parsed.ref(span.start),
            )
            if verb is not None:
                self.by_verb[verb.i] = (len(self.found), raw.endswith(","))
            self.found.append((span.start, quote))
        self._remember(attribution)
        if attribution.speaker is not None:
            self.paragraph_speakers[span.paragraph] = attribution
        if attribution.attributed:
            # A quote split over sentences ('"A. B," she said. "C."') goes on after the sentence
            # that holds its close and its attribution, not the one it opened in.
            last = span.close_mark if span.close_mark is not None else span.end - 1
            if verb is not None:
                last = max(last, verb.i)
            self.last_quote_sentence = (self.parsed.sentence_index(last), attribution)
            if span.close_mark is None:
                self.open_speaker = (span.paragraph, attribution)
            if self._ends_paragraph(span):
                self.last_quote_paragraph = (span.paragraph, attribution)
        return attribution

    def _attribute(
        self, span: QuoteSpan, sentence: Span, long_enough: bool, standalone: bool
    ) -> _Attribution | None:
        if _is_title(self.parsed.doc[span.start : span.end]):
            return None
        fragment = long_enough or _spoken_pair(self.parsed.doc[span.start : span.end])
        verb = self._governing_speech_verb(span, fragment, standalone)
        if verb is not None:
            return self._from_verb(verb)
        if not (long_enough or standalone):
            return None
        doc = self.parsed.doc
        if span.open_mark > sentence.start and _is_colon(doc[span.open_mark - 1]):
            introducer = _clause_root(doc[sentence.start : span.open_mark - 1])
            if introducer is not None and self._is_speech_verb(introducer):
                return self._from_verb(introducer)
            subject = subject_of(introducer) if introducer is not None else None
            if subject is not None:
                return self._from_subject(subject)
        claimant = self._claimant(span)
        if claimant is not None:
            return claimant
        nearby = self._nearby_speech(span, sentence)
        if nearby is not None:
            return nearby
        if long_enough and not standalone and _has_verb(doc[span.start : span.end]):
            subject = self._subject_outside(span)
            if subject is not None:
                return self._from_subject(subject)
        return self._continuation(span, standalone and long_enough)

    def _governing_speech_verb(
        self, span: QuoteSpan, long_enough: bool, standalone: bool
    ) -> Token | None:
        """The speech verb above the quoted words in the parse, nearest first. The closing
        punctuation the parse hangs on the sentence's verb gives way to a speech verb the words
        reach inside what that verb reports: 'Ross said Long had called it "a disaster."' is
        Long's."""
        roots = _fragment_roots(self.parsed.doc, span)
        words = self._nearest_speech_verb(
            [r for r in roots if not r.is_punct], span, long_enough, standalone
        )
        marks = self._nearest_speech_verb(roots, span, long_enough, standalone)
        if words is not None and marks is not None and _reported_within(words, marks):
            return words
        return marks

    def _nearest_speech_verb(
        self, roots: list[Token], span: QuoteSpan, long_enough: bool, standalone: bool
    ) -> Token | None:
        """The speech verb fewest steps above one of the roots."""
        best: tuple[int, Token] | None = None
        for root in roots:
            token, steps = root, 0
            while token.head != token and steps < _MAX_ANCESTOR_STEPS:
                child, token, steps = token, token.head, steps + 1
                if span.start <= token.i < span.end:
                    continue
                if not self._is_speech_verb(token):
                    continue
                whole = steps == 1 and child.dep_ in _COMPLEMENT_DEPS and standalone
                # What a naming verb calls something in quotation marks is the speaker's word
                # for it, however short, wherever it stands ('what she called "rigged
                # votes" on Monday'), unless it is a name ('a group that calls itself "Vox"').
                whole = whole or (
                    steps == 1
                    and child.dep_ == "oprd"
                    and token.lemma_.lower() in NAMING_VERBS
                    and any(t.is_lower for t in token.doc[span.start : span.end])
                )
                if (long_enough or whole) and (best is None or steps < best[0]):
                    best = (steps, token)
                break
        return best[1] if best else None

    def _claimant(self, span: QuoteSpan) -> _Attribution | None:
        """Whose claim the quoted words are part of: "claims by X that the plan was "doomed"",
        "X's assertion that ...": the owner of a noun for something said, above the quote."""
        for root in _fragment_roots(self.parsed.doc, span):
            token = root
            for _ in range(_MAX_ANCESTOR_STEPS):
                if token.head == token:
                    break
                token = token.head
                if token.pos_ != "NOUN" or token.lemma_.lower() not in CLAIM_NOUNS:
                    continue
                for child in token.children:
                    owner = child
                    if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
                        owner = next((c for c in child.children if c.dep_ == "pobj"), child)
                    elif child.dep_ != "poss":
                        continue
                    actor = actor_of(self.actors, owner)
                    if actor is not None:
                        return _Attribution(None, owner, actor, attributed=True)
                break
        return None

    def _nearby_speech(self, span: QuoteSpan, sentence: Span) -> _Attribution | None:
        """A speech verb or "according to" beside the quote, outside any quotation marks."""
        doc = self.parsed.doc
        last = span.close_mark if span.close_mark is not None else span.end - 1
        signed = self._signed(last)
        if signed is not None:
            return signed
        close_sentence = self.parsed.sentences[self.parsed.sentence_index(last)]
        after = range(last + 1, min(close_sentence.end, last + 1 + _NEARBY_TOKENS))
        before = range(
            span.open_mark - 1, max(sentence.start, span.open_mark - _NEARBY_TOKENS) - 1, -1
        )
        for indices in (after, before):
            for i in indices:
                token = doc[i]
                if self.quoted[i]:
                    break  # another quote: what lies beyond it is its business
                source = _according_to(token) or _in_words_of(token)
                if source is not None:
                    return self._from_subject(source, verb=None)
                if self._is_speech_verb(token) and subject_of(token) is not None:
                    return self._from_verb(token)
        return None

    def _signed(self, close: int) -> _Attribution | None:
        """A quote signed after its closing mark with a dash and a name, as a pull quote or an
        epigraph is ('"..." - Ada Lind'): the name is the speaker."""
        doc = self.parsed.doc
        dash, name = close + 1, close + 2
        if name >= len(doc) or doc[dash].text not in _DASHES:
            return None
        actor = self.actors.actor_at(name)
        if actor is None:
            return None
        return _Attribution(None, doc[name], actor, attributed=True)

    def _subject_outside(self, span: QuoteSpan) -> Token | None:
        """The subject of the clause a partial quote completes, when it stands outside the quote."""
        for root in _fragment_roots(self.parsed.doc, span):
            token = root
            for _ in range(_MAX_ANCESTOR_STEPS):
                if token.pos_ in {"VERB", "AUX"}:
                    subject = subject_of(token)
                    if subject is not None and not span.start <= subject.i < span.end:
                        return subject
                    break
                if token.head == token:
                    break
                token = token.head
        return None

    def _continuation(self, span: QuoteSpan, whole_sentence: bool) -> _Attribution | None:
        # Only where the text makes it plain: a quote left open at the end of the previous
        # paragraph goes on here, a whole-paragraph quote follows one attributed paragraph, or
        # a quoted sentence follows its speaker's attribution in the same paragraph
        # ('"A," she added. "B."').
        last_sentence = self.last_quote_sentence
        if (
            whole_sentence
            and last_sentence is not None
            and last_sentence[0] == self.parsed.sentence_index(span.open_mark) - 1
            and self.parsed.sentence_index(span.open_mark) > 0
            and self._paragraph_of_sentence(last_sentence[0]) == span.paragraph
        ):
            return self._carried(last_sentence[1])
        if whole_sentence and not self._starts_paragraph(span):
            announced = self._announced_before(span)
            if announced is not None:
                return announced
        if self._starts_paragraph(span):
            if self.open_speaker is not None and self.open_speaker[0] == span.paragraph - 1:
                return self._carried(self.open_speaker[1])
            if whole_sentence:
                after = self._attributed_after(span)
                if after is not None:
                    return after
            last = self.last_quote_paragraph
            whole_paragraph = self._ends_paragraph(span)
            if last is not None and last[0] == span.paragraph - 1 and whole_paragraph:
                return self._carried(last[1])
            if whole_paragraph and whole_sentence:
                before = self._introduced_before(span) or self._focus_before(span)
                if before is not None:
                    return before
        if whole_sentence:
            return _Attribution()
        return None

    def _announced_before(self, span: QuoteSpan) -> _Attribution | None:
        """A quoted sentence right after one that announces its speaker's words in the same
        paragraph: a statement ("Lind issued a statement. "..."") or a speech verb with no
        words of its own ("Lind agrees." then the quote)."""
        index = self.parsed.sentence_index(span.open_mark) - 1
        if index < 0 or self._paragraph_of_sentence(index) != span.paragraph:
            return None
        root = self.parsed.sentences[index].root
        announces = any(
            c.dep_ == "dobj" and c.lemma_.lower() in STATEMENT_NOUNS for c in root.children
        )
        if not (announces or self._is_speech_verb(root)):
            return None
        subject = subject_of(root)
        if subject is None or self.quoted[subject.i]:
            return None
        attribution = self._from_subject(subject, root)
        return attribution if attribution.speaker is not None else None

    def _attributed_after(self, span: QuoteSpan) -> _Attribution | None:
        """A quote that opens its paragraph, attributed in the sentence after it ('"A." Lind
        made the remark on Monday.'): a speech verb there whose subject names an actor. A quote
        that is its own paragraph may be attributed by the next paragraph when it points back
        at the words ("That is what Lind says ...", "Those were the words of Lind ...")."""
        last = span.close_mark if span.close_mark is not None else span.end - 1
        index = self.parsed.sentence_index(last) + 1
        if index >= len(self.parsed.sentences):
            return None
        following = self.parsed.sentences[index]
        if self.paragraph_at[following.start] != span.paragraph:
            first = next((t for t in following if not t.is_space), None)
            if first is None or first.lower_ not in _POINTING_BACK:
                return None
        for token in following:
            if self.quoted[token.i]:
                return None  # a new quote: the sentence attributes that one
            source = _words_of(token)
            if source is not None:
                attribution = self._from_subject(source, verb=None)
                return attribution if attribution.speaker is not None else None
            if self._is_speech_verb(token):
                attribution = self._from_verb(token)
                return attribution if attribution.speaker is not None else None
        return None

    def _introduced_before(self, span: QuoteSpan) -> _Attribution | None:
        """A paragraph that is one quote, after a paragraph that introduces it: one that ends
        with a colon ("Lind spoke about the harvest:"), or one whose speaker it goes on from
        ("Lind said the harvest was late." then the quote)."""
        previous = span.paragraph - 1
        if previous < 0:
            return None
        doc = self.parsed.doc
        end = span.open_mark
        while end > 0 and (doc[end - 1].is_space or doc[end - 1].is_punct):
            end -= 1
            if _is_colon(doc[end]):
                root = self.parsed.sentences[self.parsed.sentence_index(end)].root
                subject = subject_of(root)
                if subject is not None:
                    attribution = self._from_subject(subject, root)
                    if attribution.speaker is not None:
                        return attribution
                break
        earlier = self.paragraph_speakers.get(previous)
        return self._carried(earlier) if earlier is not None else None

    def _focus_before(self, span: QuoteSpan) -> _Attribution | None:
        """A paragraph that is one quote, after a paragraph about one person and nobody else
        ("Lind has farmed here for years. She remembers the frost." then '"We lost
        everything."'): feature copy lets the quote speak for the person just described."""
        doc = self.parsed.doc
        people: dict[str, tuple[Token, Actor]] = {}
        for i in range(span.open_mark - 1, -1, -1):
            if self.paragraph_at[i] < span.paragraph - 1:
                break
            token = doc[i]
            subject = token.dep_ in _OWN_SUBJECTS or (
                token.dep_ == "conj" and token.head.dep_ in _OWN_SUBJECTS
            )
            if self.quoted[i] or not subject:
                continue
            actor = actor_of(self.actors, token)
            if actor is None:
                continue
            if actor.kind != ActorKind.PERSON:
                return None  # a body acts there too: whose words these are is not plain
            people.setdefault(actor.id, (token, actor))
        if len(people) != 1:
            return None
        token, actor = next(iter(people.values()))
        return _Attribution(None, token, actor, attributed=True)

    def _paragraph_of_sentence(self, index: int) -> int:
        return self.paragraph_at[self.parsed.sentences[index].start]

    def _carried(self, previous: _Attribution) -> _Attribution:
        said_on = self._date_of(previous.verb) or previous.said_on
        return _Attribution(None, previous.subject, previous.speaker, True, said_on, previous.name)

    def _standalone(self, span: QuoteSpan, sentence: Span) -> bool:
        """True when the quote is a sentence of its own: it opens its sentence (or follows a
        colon or comma) and ends in punctuation, not in the middle of a phrase."""
        doc = self.parsed.doc
        first = sentence.start
        while first < span.open_mark and doc[first].is_space:
            first += 1
        opens = first == span.open_mark or (
            span.open_mark > 0
            and (_is_colon(doc[span.open_mark - 1]) or doc[span.open_mark - 1].text == ",")
        )
        if not opens:
            return False
        if doc[span.end - 1].text in {",", ".", "?", "!", "…"} or span.close_mark is None:
            return True
        after = span.close_mark + 1
        return after >= len(doc) or doc[after].is_punct or doc[after].is_space

    def _starts_paragraph(self, span: QuoteSpan) -> bool:
        doc = self.parsed.doc
        i = span.open_mark
        return i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text)

    def _ends_paragraph(self, span: QuoteSpan) -> bool:
        doc = self.parsed.doc
        i = span.close_mark + 1 if span.close_mark is not None else span.end
        while i < len(doc) and not (doc[i].is_space and "\n" in doc[i].text):
            if not doc[i].is_punct and not doc[i].is_space:
                return False
            i += 1
        return True

    # Reported speech

    def _reported(self, token: Token, taken: list[tuple[int, int]], quoting: bool) -> None:
        """Reported speech at `token`; when it also introduced a direct quote (`quoting`), only
        the clauses it reports beside the quoted one."""
        source = None if quoting else _according_to(token)
        if source is not None and self._is_speech_verb(token.head):
            # "X said ..., according to the Courier": the words are X's, read at the verb; the
            # outlet only passed them on.
            return
        if source is not None:
            content = _around(token.head, token) if token.head != token else None
            attribution = self._from_subject(source, verb=None)
        elif self._is_speech_verb(token) and not any(c.dep_ == "neg" for c in token.children):
            content = _hedged_phrase(token) or _speech_content(token)
            attribution = self._from_verb(token)
        else:
            return
        if content is None:
            return
        parts = [] if quoting else [content]
        if (quoting or _overlaps(taken, *content)) and source is None:
            # 'said the drug had "exceeded every target" and that the firm would apply for a
            # licence': the clause beside the quoted one is reported speech of its own.
            parts = _coordinated_clauses(token)
            if not parts and self._states_around_fragment(*content):
                parts = [content]
        reported = False
        for start, end in parts:
            if end - start > MAX_REPORTED_TOKENS:
                continue
            if _overlaps(taken, start, end) and not self._states_around_fragment(start, end):
                continue
            reported |= self._record_reported(token, attribution, start, end)
        if reported:
            self._remember(attribution)
            if attribution.speaker is not None:
                self.paragraph_speakers[self.paragraph_at[token.i]] = attribution

    def _states_around_fragment(self, start: int, end: int) -> bool:
        """A reported clause that states something of its own beside a quoted adjunct ('said
        her party has backed the idea "for months"'): a whole clause's worth of its own words
        before the first quotation mark, and the quoted words only modify it. A quote that is
        the clause's predicate or complement ('said the storm makes it "very hard to go on"')
        is the statement itself, read as direct speech, unless a speech verb below the clause's
        own verb introduces it ('said he would appeal against what he called "a rigged count"'):
        then it names something in the statement, which is the clause's."""
        doc = self.parsed.doc
        own = 0
        for i in range(start, end):
            if self.quoted[i]:
                break
            own += not (doc[i].is_punct or doc[i].is_space)
        else:
            return False
        if own < _OWN_CLAUSE_WORDS:
            return False
        span = self.span_at.get(i)  # the quote whose opening mark ends the clause's own words
        if span is None:
            return False
        root = _clause_root(doc[start:end])
        if any(
            start <= verb < span.open_mark and (root is None or verb != root.i)
            for verb in self.quote_verbs
        ):
            return True  # not 'said Long had called it "a disaster"': that calling is all
        roots = _fragment_roots(doc, span)
        return bool(roots) and roots[0].dep_ in _ADJUNCT_DEPS

    def _record_reported(
        self, token: Token, attribution: _Attribution, start: int, end: int
    ) -> bool:
        doc = self.parsed.doc
        text = clause_text(doc, start, end)
        words = sum(1 for t in doc[start:end] if not (t.is_punct or t.is_space))
        if words < MIN_REPORTED_WORDS or not text or _embedded_question(doc[start:end]):
            return False
        speaker = attribution.speaker
        self.found.append(
            (
                start,
                Quote(
                    speaker_id=speaker.id if speaker else None,
                    speaker=attribution.speaker_name,
                    text=text,
                    kind=QuoteKind.REPORTED,
                    said_on=self._date_of(attribution.verb),
                    source=self.parsed.ref(token),
                ),
            )
        )
        return True

    # Speakers and dates

    def _is_speech_verb(self, token: Token) -> bool:
        return (
            token.pos_ == "VERB"
            and token.lemma_.lower() in SPEECH_VERBS
            and not self.quoted[token.i]
        )

    def _from_verb(self, verb: Token) -> _Attribution:
        subject = self._reporter(verb) or _gerund_doer(verb) or subject_of(verb)
        if subject is not None and subject.dep_ == "csubj":
            subject = None  # a clause the parse took for the subject ("Writing in a post, ...")
        if subject is None and verb.i > 0 and _is_age(verb.doc[verb.i - 1]):
            subject = verb.doc[verb.i - 1]  # "the 45-year-old said", "old" parsed as a modifier
        if subject is None:
            subject = self._name_before(verb) or _detached_subject(verb)
        if subject is None:
            return _Attribution(verb, None, None, attributed=True)
        attribution = self._from_subject(subject, verb)
        if attribution.speaker is not None:
            self._remember_document(subject, verb, attribution.speaker)
        return attribution

    def _remember_document(self, subject: Token, verb: Token, speaker: Actor) -> None:
        """Note whose document spoke: the subject ("a statement from X said") or the document
        the verb names ("X added in a statement"), for a later "the statement said"."""
        nouns = [subject] + [
            noun
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ in {"in", "through"}
            for noun in prep.children
            if noun.dep_ == "pobj"
        ]
        for noun in nouns:
            lemma = noun.lemma_.lower()
            if lemma in STATEMENT_NOUNS:
                self.documents[lemma] = speaker

    def _from_subject(self, subject: Token, verb: Token | None = None) -> _Attribution:
        token = subject
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            token = token.head.head
        if token.lower_ in PERSON_PRONOUNS and self._after_someone_unnamed(token):
            # "A supporter says Mr Lind, who he says ..., He says ...": whoever "he" is, it is
            # not the person he talks about.
            return _Attribution(verb, token, None, attributed=True)
        speaker = actor_of(self.actors, token) or self._behind_subject(token)
        if speaker is not None and speaker.kind in _BODY_KINDS:
            # "Ruritania Foreign Minister Ada Lind said", parsed with the person set beside the
            # country: the person speaks.
            speaker = self._person_beside(token) or speaker
        if speaker is None and token.lower_ in _BODY_PRONOUNS and token.dep_ in _OWN_SUBJECTS:
            speaker = self._body_named_just_before(token) or self._body_that_spoke_last(token)
            if speaker is not None:
                # "It said A. It said B.": the next "it" goes on with the body this one is.
                self.body_pronouns[token.i] = speaker
        if speaker is None and _is_age(token):
            # "the 45-year-old said": the person just named with their age, or quoted last.
            speaker = self._named_just_before(token, None) or self._last_person_as(None)
        if speaker is None and _describes_a_person(token):
            speaker = self._described_person(token)
        if speaker is None and token.lower_ in PERSON_PRONOUNS:
            # "He told Venn that ..., and he said ...": a second "he" subject in one sentence is
            # the first one's referent, not the person the first one spoke to.
            sentence = self.parsed.sentences[self.parsed.sentence_index(token)]
            token = _first_same_subject(token, sentence.start)
            gender = PRONOUN_GENDERS.get(token.lower_)
            speaker = self._named_just_before(token, gender)
            described = self._description_before(token) if speaker is None else None
            if described is not None:
                speaker = self._described_person(described)
            elif speaker is None:
                speaker = self._last_person_as(gender) or self._person_named_before(token, gender)
        name = self._unlinked_name(token) if speaker is None else None
        return _Attribution(verb, token, speaker, attributed=True, name=name)

    def _unlinked_name(self, subject: Token) -> str | None:
        """The name of a speaker the actors left out, a body the text names only once ("a
        spokesperson for the Tarn Water Board said", "according to the Department of Ports"):
        a name headed by a noun for a body that speaks, or a person's full name."""
        lemma = subject.lemma_.lower()
        candidates = [subject]
        if lemma in SPOKESPERSON_NOUNS or lemma in STATEMENT_NOUNS:
            candidates += [
                pobj
                for prep in subject.children
                if prep.dep_ == "prep" and prep.lower_ in {"for", "of", "from", "by"}
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
        for token in candidates:
            name = _speaking_name(token, self.parsed.entities)
            if name is not None:
                return name
        return None

    def _description_before(self, pronoun: Token) -> Token | None:
        """The subject nearest before a pronoun, in its sentence or the one before it in its
        paragraph, when it describes a person without naming them ("The minister said she was
        open to talks. '...,' she said."): the pronoun is that person, not whoever was quoted
        last."""
        index = self.parsed.sentence_index(pronoun)
        start = self.parsed.sentences[index].start
        if index > 0 and self._paragraph_of_sentence(index - 1) == self.paragraph_at[pronoun.i]:
            start = self.parsed.sentences[index - 1].start
        start = max(start, pronoun.i - _ANTECEDENT_WINDOW)
        for token in reversed(self.parsed.doc[start : pronoun.i]):
            if self.quoted[token.i] or token.dep_ not in _OWN_SUBJECTS or token.pos_ == "PRON":
                continue
            if actor_of(self.actors, token) is not None or not is_person_noun(token):
                return None
            definite = token.tag_ == "NN" and any(c.lower_ == "the" for c in token.children)
            return token if definite else None
        return None

    def _after_someone_unnamed(self, pronoun: Token) -> bool:
        """The subject nearest before a pronoun, in its sentence or the one before it in its
        paragraph, is a person the text does not name ("A fisherman in the port says the
        vote was fair. He says ...", "A resident said she ..."): the pronoun is that person,
        whatever names the clauses between hold. Only a subject that speaks decides; subject
        pronouns and the subjects of what was said ("they", "the boats") are passed over, back
        to the paragraph's start."""
        start = max(0, pronoun.i - _ANTECEDENT_WINDOW)
        while self.paragraph_at[start] < self.paragraph_at[pronoun.i]:
            start += 1
        for token in reversed(self.parsed.doc[start : pronoun.i]):
            if self.quoted[token.i] or token.dep_ not in _OWN_SUBJECTS or token.pos_ == "PRON":
                continue
            if actor_of(self.actors, token) is not None:
                return False
            if not self._is_speech_verb(token.head):
                continue  # "the boats", "the storm": in what was said, not who says it
            if not is_person_noun(token):
                return False
            indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children)
            # "A teacher, Ada Lind, said": named after all (a place set off after the noun,
            # "a fisherman in the port, Tarnville", names no one).
            named = any(c.dep_ == "appos" and actor_of(self.actors, c) for c in token.children)
            return (
                token.tag_ == "NN"
                and indefinite
                and not named
                and self._behind_subject(token) is None
            )
        return False

    def _described_person(self, description: Token) -> Actor | None:
        """Whom "the teenager said" means: news copy names a person, then calls them by what
        they are ("Ada Lind, 19, scored twice. '...,' the teenager said"); the person named
        last before, unless the role the text gave them is another ("Lind, the mayor, ...
        the engineer said" is someone else)."""
        if not _describes_a_person(description):
            return None  # an office ("the minister") has a holder the actors would have named
        person = self._person_named_before(description, None)
        if person is None or person.role is None or _former(description):
            return person
        return person if description.lemma_.lower() in person.role.lower().split() else None

    def _name_before(self, verb: Token) -> Token | None:
        """The speaker of a verb the parse left without a subject, when a name stands in the
        stretch between the comma before it and the verb ("Writing in a post, Ada Lind of the
        Courier dubbed it ..."): the first person named there, with no other verb between. A
        name set off by commas with what follows it ("Ada Lind, QC, said", "Ada Lind, 54,
        said") stands a stretch or two further back."""
        doc = self.parsed.doc
        end = verb.i
        sentence_start = self.parsed.sentences[self.parsed.sentence_index(verb)].start
        for _ in range(_MAX_ASIDES + 1):
            start = end
            while start > sentence_start and doc[start - 1].text != ",":
                start -= 1
                if doc[start].pos_ in {"VERB", "AUX"} or self.quoted[start]:
                    return None
            for token in doc[start:end]:
                actor = self.actors.actor_at(token.i)
                if actor is not None and actor.kind == ActorKind.PERSON:
                    return token
            if start <= sentence_start:
                return None
            end = start - 1  # the stretch before the comma
        return None

    def _behind_subject(self, subject: Token) -> Actor | None:
        """The actor a subject that is not one speaks for: the owner of a statement ("X's
        statement added", "the X letter reads"), or the person a title names ("Governor of
        Tarn Ada Lind said": the phrase is headed by the title, the name stands at its end)."""
        document = subject.lemma_.lower() in STATEMENT_NOUNS
        # "Lind's lawyer", "Lind's wife", "Ostland's president" are other people than Lind.
        other_person = _other_person(subject)
        # "Tarnland's largest opposition party", "Tarnland's biggest bank": a body of its own in
        # the country, which does not speak for it (a state's "ministry" is the state).
        own_body = subject.lemma_.lower() in ORG_NOUNS - INSTITUTION_NOUNS
        for child in subject.children:
            # "Lind's statement", and "the ministry letter" (a document names its issuer
            # before it).
            if (child.dep_ == "poss" and not other_person) or (
                document and child.dep_ == "compound"
            ):
                owner = actor_of(self.actors, child)
                if owner is not None and not (own_body and owner.kind == ActorKind.COUNTRY):
                    return owner
        lemma = subject.lemma_.lower()
        if lemma in SPOKESPERSON_NOUNS or lemma in INSTITUTION_NOUNS or document:
            body = self._body_spoken_for(subject)
            if body is not None:
                return body
        if document:
            issuer = self._issuer_before(subject)
            if issuer is not None:
                return issuer
        if lemma in INSTITUTION_NOUNS:
            body = self._body_called(subject) or self._government_named_before(subject)
            if body is not None:
                return body
        if lemma in ORG_NOUNS:
            # "the Tarn union said", "the Vell group said": the body's name modifies a noun for
            # what kind of body it is. A country there ("the Ostland company") owns or hosts
            # another body, which does not speak for it.
            for child in subject.children:
                kind_of = actor_of(self.actors, child) if child.dep_ == "compound" else None
                if kind_of is not None and kind_of.kind in {ActorKind.ORG, ActorKind.GROUP}:
                    return kind_of
        if _plain_lemma(subject) in DELEGATE_NOUNS or subject.tag_ in {"NNS", "NNPS"}:
            example = self._named_member(subject)
            if example is not None:
                return example
        if _plain_lemma(subject) in DELEGATE_NOUNS:
            # "Ministry officials said", "harbour board inspectors said": the body named before
            # the noun sent them, by its name or the one word of it the text uses again.
            for child in subject.children:
                if child.dep_ != "compound":
                    continue
                body = actor_of(self.actors, child) or self._body_called(child)
                if body is not None and body.kind in _BODY_KINDS:
                    return body
        set_off = self._set_off_name(subject)
        if set_off is not None:
            return set_off
        if not (is_named(subject) or lemma in TITLE_WORDS):
            return None
        after = subject.i + 2
        if after < len(subject.doc) and subject.doc[subject.i + 1].text == ",":
            # "the chief prosecutor, Ada Lind," when the parse did not set the name beside it.
            beside = self.actors.actor_at(after)
            if beside is not None and beside.kind == ActorKind.PERSON:
                return beside
        for token in reversed(list(subject.rights)):
            if token.dep_ not in _TITLE_NAME_DEPS:
                continue
            named = token
            while named.dep_ == "prep" and named.n_rights:
                named = list(named.rights)[-1]
            found = actor_of(self.actors, named)
            if found is not None and found.kind == ActorKind.PERSON:
                return found
        return None

    def _person_beside(self, subject: Token) -> Actor | None:
        """A person the parse sets beside a body's name as its appositive, with no comma
        between ("Ruritania (RU) Foreign Minister Ada Lind"): a title naming its holder."""
        for child in subject.rights:
            if child.dep_ != "appos" or subject.doc[child.left_edge.i - 1].text == ",":
                continue
            person = actor_of(self.actors, child)
            if person is not None and person.kind == ActorKind.PERSON:
                return person
        return None

    def _set_off_name(self, subject: Token) -> Actor | None:
        """The actor a common noun subject names in commas right after it: "its owners, Tarn
        Inns, said", "the auditors, Lind & Moran, said" (the parse often takes the name for a
        conjunct); a name with no closing comma may be a list's next item."""
        doc = subject.doc
        if subject.pos_ != "NOUN" or subject.i + 2 >= len(doc) or doc[subject.i + 1].text != ",":
            return None
        named = self.actors.actor_at(subject.i + 2)
        if named is None:
            return None
        end = subject.i + 2
        while end < len(doc) and self.actors.actor_at(end) == named:
            end += 1
        if end >= len(doc) or doc[end].text != ",":
            return None
        return named

    def _body_spoken_for(self, subject: Token) -> Actor | None:
        """The body an unnamed spokesperson or an unnamed office speaks for: "a spokesman for
        the Authority", "the Authority's spokeswoman", "the government of Tarnland"; and the
        person whose spokesperson, office or statement it is ("the office of Governor Lind",
        "a spokeswoman for Senator Lind")."""
        lemma = subject.lemma_.lower()
        for_person = (
            lemma in SPOKESPERSON_NOUNS or lemma in PERSONAL_VOICE_NOUNS or lemma in STATEMENT_NOUNS
        )
        kinds = _BODY_KINDS | {ActorKind.PERSON} if for_person else _BODY_KINDS
        for child in subject.children:
            named = child
            # "a spokesman for X", "the government of X", "a statement from X" / "by X".
            if child.dep_ == "prep" and child.lower_ in {"for", "of", "from", "by"}:
                named = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ == "acl":
                # "the report, released by X, said": the agent of the participle.
                agent = next((c for c in child.children if c.dep_ == "agent"), None)
                if agent is None:
                    continue
                named = next((c for c in agent.children if c.dep_ == "pobj"), agent)
            elif child.dep_ not in {"poss", "compound"}:
                continue
            actor = actor_of(self.actors, named)
            if actor is not None and actor.kind in kinds:
                return actor
        return None

    def _issuer_before(self, document: Token) -> Actor | None:
        """Who issued "the statement" that speaks: the subject of the sentence before (or of
        its own) that issued, released or sent a document of that kind ("X issued a statement
        on Monday. The statement said ..."); else whose document of that kind spoke last ("X
        said in a statement that ... '...,' the statement said"). Who says someone else made
        a statement ("Y invented a statement in X's name") did not issue it."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in document.children):
            return None
        index = self.parsed.sentence_index(document)
        start = self.parsed.sentences[max(0, index - 1)].start
        doc = self.parsed.doc
        lemma = document.lemma_.lower()
        for i in range(document.i - 1, start - 1, -1):
            token = doc[i]
            if token.dep_ != "dobj" or token.lemma_.lower() != lemma:
                continue
            if token.head.lemma_.lower() not in ISSUING_VERBS:
                continue
            issuer = subject_of(token.head)
            actor = actor_of(self.actors, issuer) if issuer is not None else None
            if actor is not None:
                return actor
        return self.documents.get(lemma)

    def _body_called(self, subject: Token) -> Actor | None:
        """The one body named with the bare institution noun a subject is ("Police said ..."
        after "the Tarn Police Department"): its name holds that word."""
        if any(c.dep_ in {"poss", "compound", "amod", "prep"} for c in subject.children):
            return None  # "state police", "police in X": another body, or one named there
        word = subject.lower_
        found = {
            actor.id: actor
            for actor in self.actors.actors
            if actor.kind in _BODY_KINDS and word in actor.name.lower().split()
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _government_named_before(self, subject: Token) -> Actor | None:
        """The country a bare "the government" that speaks stands for: the one whose government
        the text named before ("The government of Tarnland is reviewing the deal. ... the
        government said", "Tarnland's government", "the Tarnish government")."""
        if subject.lemma_.lower() not in GOVERNMENT_NOUNS or not _bare_description(subject):
            return None
        found: Actor | None = None
        for token in self.parsed.doc[: subject.i]:
            if token.lemma_.lower() != subject.lemma_.lower() or token.dep_ == "compound":
                continue
            owners: list[Token] = []
            for child in token.children:
                if child.dep_ in {"poss", "compound", "amod"}:
                    owners.append(child)
                elif child.dep_ == "prep" and child.lower_ == "of":
                    owners += [c for c in child.children if c.dep_ == "pobj"]
            for owner in owners:
                actor = actor_of(self.actors, owner)
                if actor is not None and actor.kind == ActorKind.COUNTRY:
                    if found is not None and found.id != actor.id:
                        return None  # two states' governments: "the government" is unclear
                    found = actor
        return found

    def _named_member(self, subject: Token) -> Actor | None:
        """The body a plural subject names as its member or example: "officials at X", "groups
        such as X", "campaigners like X" speak through the one actor they name; so do people
        it names among them ("critics, including Senator Lind,")."""
        for child in subject.children:
            if child.dep_ != "prep" or child.lower_ not in _MEMBER_PREPOSITIONS:
                continue
            if child.lower_ == "as" and not any(c.lower_ == "such" for c in child.children):
                continue
            sent = child.lower_ in {"at", "from", "of"}
            if sent and _plain_lemma(subject) not in DELEGATE_NOUNS:
                continue  # "residents at X" are not X speaking
            named = next((c for c in child.children if c.dep_ == "pobj"), None)
            actor = actor_of(self.actors, named) if named is not None else None
            kinds = _BODY_KINDS if sent else _BODY_KINDS | {ActorKind.PERSON}
            if actor is not None and actor.kind in kinds:
                return actor
        return None

    def _reporter(self, verb: Token) -> Token | None:
        """The speaker of a speech verb the parse hung on a reported clause instead of on the
        reporting one ("X said the plan was sound but urged ..."): the reporter, when the
        reported clause's own subject is a thing that cannot speak."""
        if verb.dep_ != "conj" or any(c.dep_ in _OWN_SUBJECTS for c in verb.children):
            return None
        reported = verb.head
        if reported.dep_ != "ccomp" or not self._is_speech_verb(reported.head):
            return None
        inner = next((c for c in reported.children if c.dep_ in _OWN_SUBJECTS), None)
        if inner is not None and self._may_speak(inner):
            return None
        return subject_of(reported.head)

    def _may_speak(self, token: Token) -> bool:
        """A noun phrase that can be a speaker: an actor, a pronoun, a name, a person or a body
        ("the offer", "the damage" cannot urge anyone)."""
        lemma = token.lemma_.lower()
        return (
            actor_of(self.actors, token) is not None
            or token.pos_ == "PRON"
            or is_named(token)
            or lemma in SPEAKER_NOUNS
            or lemma.endswith(_PERSON_ENDINGS)
        )

    def _last_person_as(self, gender: str | None) -> Actor | None:
        """The person quoted last whose known gender does not rule the pronoun out ("Mr A
        said ... Ms B said ... he added" is A)."""
        for person in reversed(self.last_people):
            known = self.actors.genders.get(person.id)
            if gender is None or known is None or known == gender:
                return person
        return None

    def _named_just_before(self, pronoun: Token, gender: str | None) -> Actor | None:
        """The person named last in the pronoun's sentence before it or in the sentence before,
        within one paragraph: the nearest antecedent outranks whoever was quoted earlier
        ("Ms Lind said ... The plan matters to Ms Moran. She said ..." is Moran)."""
        index = self.parsed.sentence_index(pronoun)
        start = self.parsed.sentences[index].start
        if index > 0 and self._paragraph_of_sentence(index - 1) == self.paragraph_at[pronoun.i]:
            start = self.parsed.sentences[index - 1].start
        return self._person_between(max(start, pronoun.i - _ANTECEDENT_WINDOW), pronoun.i, gender)

    def _body_named_just_before(self, pronoun: Token) -> Actor | None:
        """The organisation, country or group an "it said" or "they said" refers back to: the
        last one named as a subject in the pronoun's sentence before it or in the sentence
        before, within one paragraph ("The ministry said ... "...," it said.", "Members of the
        union marched. They said ..."). People named as a plural subject in between ("Residents
        fled. They said ...") are whom "they" means, and no body."""
        index = self.parsed.sentence_index(pronoun)
        start = self.parsed.sentences[index].start
        if index > 0 and self._paragraph_of_sentence(index - 1) == self.paragraph_at[pronoun.i]:
            start = self.parsed.sentences[index - 1].start
        doc = self.parsed.doc
        for i in range(pronoun.i - 1, start - 1, -1):
            if self.quoted[i] or doc[i].dep_ not in _OWN_SUBJECTS:
                continue
            plural = pronoun.lower_ == "they"
            if plural and any(c.dep_ == "conj" for c in doc[i].children):
                return None  # "Ostland and Vellin signed ... They said": no one body speaks
            if self._in_what_was_said(doc[i]):
                continue  # "It said Ada Lind had ordered ...": Lind is what it said, not who
            actor = (
                actor_of(self.actors, doc[i])
                or self.body_pronouns.get(i)
                or self._behind_subject(doc[i])
            )
            if actor is not None:
                return actor if actor.kind in _BODY_KINDS else None
            if plural and doc[i].tag_ in {"NNS", "NNPS"}:
                return None
        return None

    def _in_what_was_said(self, subject: Token) -> bool:
        """A subject of the clause a speech verb reports, whose speaker is another."""
        clause = subject.head
        return (
            clause.dep_ == "ccomp"
            and self._is_speech_verb(clause.head)
            and any(c.dep_ in _OWN_SUBJECTS for c in clause.head.children)
        )

    def _body_that_spoke_last(self, pronoun: Token) -> Actor | None:
        """The body an "it said" opening its paragraph's speech goes on with: the one that
        spoke in the paragraph before, when nothing in between names another ("..., the
        union said on X.\n\n"We will not move," it said."). Wire copy gives each sentence a
        paragraph of its own."""
        if pronoun.lower_ != "it":
            return None
        earlier = self.paragraph_speakers.get(self.paragraph_at[pronoun.i] - 1)
        if earlier is None or earlier.speaker is None or earlier.speaker.kind not in _BODY_KINDS:
            return None
        doc = self.parsed.doc
        for i in range(pronoun.i - 1, -1, -1):
            if self.paragraph_at[i] < self.paragraph_at[pronoun.i]:
                break
            if not self.quoted[i] and doc[i].dep_ in _OWN_SUBJECTS and doc[i].pos_ != "PRON":
                return None  # a subject of its own before the pronoun may be what "it" is
        return earlier.speaker

    def _person_between(self, start: int, end: int, gender: str | None) -> Actor | None:
        """The last person named in tokens [start, end), as a person and not a modifier, whose
        known gender is the pronoun's; else the last whose gender is unknown ("Ms Lind met Tom
        Berg. ... she said" is Lind). Of the people named in that person's sentence, its
        subject comes first ("Dobson met Finch. Later he said ..." is Dobson)."""
        fitting: list[tuple[int, Actor]] = []
        unknown: list[tuple[int, Actor]] = []
        sentence_start = -1  # of the first fitting person: nothing before it is needed
        for i in range(end - 1, start - 1, -1):
            if i < sentence_start:
                break
            actor = self.actors.actor_at(i)
            if actor is None or actor.kind != ActorKind.PERSON or self.quoted[i]:
                continue
            if self.parsed.doc[i].dep_ in _MODIFIER_DEPS:
                continue  # "the Lind report" names a thing, not a person who acts
            known = self.actors.genders.get(actor.id)
            if gender is None or known == gender:
                if not fitting:
                    sentence_start = self.parsed.sentences[self.parsed.sentence_index(i)].start
                fitting.append((i, actor))
            elif known is None:
                unknown.append((i, actor))
        for found in (fitting, unknown):
            if not found:
                continue
            sentence = self.parsed.sentence_index(found[0][0])
            for i, actor in found:
                if self.parsed.sentence_index(i) != sentence:
                    break
                if self.parsed.doc[i].dep_ in _OWN_SUBJECTS:
                    return actor
            return found[0][1]
        return None

    def _person_named_before(self, pronoun: Token, gender: str | None) -> Actor | None:
        """The person named last before a pronoun, within its paragraph and the one before:
        the antecedent when nobody has been quoted yet ("Ada Lind wrote a post. She called it
        ...")."""
        first_paragraph = self.paragraph_at[pronoun.i] - 1
        if first_paragraph in self.questions:
            first_paragraph += 1  # a transcript's question names whom it asks or asks about
        start = max(0, pronoun.i - _ANTECEDENT_WINDOW)
        while self.paragraph_at[start] < first_paragraph:
            start += 1
        return self._person_between(start, pronoun.i, gender)

    def _remember(self, attribution: _Attribution) -> None:
        speaker = attribution.speaker
        if speaker is not None and speaker.kind == ActorKind.PERSON:
            others = [p for p in self.last_people if p.id != speaker.id]
            self.last_people = [*others[1 - _MAX_RECENT_PEOPLE :], speaker]

    def _date_of(self, verb: Token | None) -> DateValue | None:
        if verb is None:
            return None
        found = self.verb_dates.get(verb.i)
        if found is not None:
            return found
        for child in verb.children:
            if child.dep_ == "advcl" and child.lemma_.lower() in OCCASION_VERBS:
                found = self.verb_dates.get(child.i)
                if found is not None:
                    return found
        return None


def _without_nested_reports(quotes: list[Quote]) -> list[Quote]:
    """The quotes without a report that one of the same speaker's, in the same sentence, holds
    whole: "Lind said she told them the pier was safe" is one statement of Lind's, not a
    second one that the pier was safe. A report inside someone else's ("Lind said Moran told
    her the pier was safe") is Moran's, and stays."""
    by_sentence: dict[tuple[int, str | None], list[str]] = defaultdict(list)
    for quote in quotes:
        if quote.kind is QuoteKind.REPORTED:
            by_sentence[(quote.source.sentence, quote.speaker)].append(quote.text)
    return [
        quote
        for quote in quotes
        if quote.kind is QuoteKind.DIRECT
        or not any(
            quote.text != other and quote.text in other
            for other in by_sentence[(quote.source.sentence, quote.speaker)]
        )
    ]


def _reported_within(inner: Token, outer: Token) -> bool:
    """The speech verb `inner` sits in what `outer` reports ("Ross said Long had called ..."):
    a chain of clause complements leads up from one to the other."""
    token = inner
    for _ in range(_MAX_ANCESTOR_STEPS):
        if token.dep_ not in {"ccomp", "xcomp"} or token.head == token:
            return False
        token = token.head
        if token == outer:
            return True
    return False


def _bare_description(noun: Token) -> bool:
    """ "the government": the noun with nothing before it but "the"."""
    lefts = list(noun.lefts)
    return len(lefts) == 1 and lefts[0].lower_ == "the" and noun.n_rights == 0


def _first_same_subject(pronoun: Token, sentence_start: int) -> Token:
    """The first subject pronoun of the same form in the pronoun's sentence (within a bounded
    stretch before it): the one a later repetition refers with."""
    doc = pronoun.doc
    start = max(sentence_start, pronoun.i - _ANTECEDENT_WINDOW)
    for token in doc[start : pronoun.i]:
        if token.lower_ == pronoun.lower_ and token.dep_ in _OWN_SUBJECTS:
            return token
    return pronoun


def _other_person(noun: Token) -> bool:
    """A noun for a person of their own, whose words are not their possessor's: a title or an
    occupation ("Lind's lawyer", "Ostland's president") or a relation ("Lind's wife"); a
    spokesperson speaks for their possessor."""
    lemma = _plain_lemma(noun)
    if lemma in SPOKESPERSON_NOUNS:
        return False
    return lemma in RELATION_NOUNS or is_person_noun(noun)


def _plain_lemma(token: Token) -> str:
    """A noun's lemma in lower case, also when the model took a capitalised plural opening a
    sentence for a name and kept its plural ("Inspectors of the ...")."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma == token.lower_ and lemma.endswith("s"):
        return lemma[:-1]
    return lemma


def _speaking_name(token: Token, entities: tuple[Span, ...]) -> str | None:
    """The name an entity gives a speaker: a person's full name, or a body's name headed by a
    noun for a body that speaks ("the Tarn Water Board", "Department of Ports"); an outlet's or
    a product's name says nothing of what it is."""
    ent = next((e for e in entities if e.start <= token.i < e.end), None)
    if ent is None:
        return None
    words = [t for t in ent if not (t.is_punct or t.lower_ == "the")]
    if len(words) < 2:
        return None
    if ent.label_ == "PERSON":
        return " ".join(t.text for t in words)
    if ent.label_ != "ORG":
        return None
    if any(c.dep_ == "appos" and c.lemma_.lower() in OUTLET_NOUNS for c in ent.root.children):
        return None  # "according to Tern Today, a news website": an outlet cited as a source
    lowers = [t.lower_ for t in words]
    head = lowers[lowers.index("of", 1) - 1] if "of" in lowers[1:] else lowers[-1]
    if head not in _SPEAKING_BODY_NOUNS or any(t.text in MEDIA_NAME_WORDS for t in words):
        return None  # "the Tern News Agency said": an outlet cited as a source, no party
    return ent.text[4:] if ent.text.lower().startswith("the ") else ent.text


def _describes_a_person(token: Token) -> bool:
    """ "the teenager", "the young striker": a definite singular noun for a person, with
    nothing but adjectives beside it, that is not an office (offices have holders of their own,
    read with the actors) unless a past one ("the former defender")."""
    if token.tag_ != "NN" or not is_person_noun(token):
        return False
    if token.lemma_.lower() in TITLE_WORDS and not _former(token):
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return False
    return all(c.dep_ in {"det", "amod"} for c in token.children)


def _former(noun: Token) -> bool:
    """ "the former defender", "the ex-minister": a past role describes a person whatever
    their office now, and no one holds it as an office in the story."""
    return any(c.lower_ in _PAST_ROLE_WORDS for c in noun.children) or noun.lower_.startswith("ex-")


def _is_age(token: Token) -> bool:
    """ "the 45-year-old", "the 45 year old": a person described by their age alone, read from
    the words (the parse often hangs "old" on the verb as a modifier)."""
    if token.lower_ != "old":
        return token.lower_.endswith("-year-old") and token.text[:1].isdigit()
    before = [t for t in token.doc[max(0, token.i - 4) : token.i] if t.text != "-"]
    return len(before) >= 2 and before[-1].lemma_.lower() == "year" and before[-2].like_num


def _fragment_roots(doc: Doc, span: QuoteSpan) -> list[Token]:
    """Quoted tokens whose parse head lies outside the quote, the root first."""
    roots = [
        t
        for t in doc[span.start : span.end]
        if not (span.start <= t.head.i < span.end) or t.head == t
    ]
    roots.sort(key=lambda t: (t.is_punct, t.left_edge.i - t.right_edge.i))
    return roots


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps one of the sorted, disjoint spans."""
    at = bisect.bisect_left(spans, (end, end))
    return at > 0 and spans[at - 1][1] > start


def _clause_root(tokens: Span) -> Token | None:
    """The token of a stretch whose head lies outside it: the root of the clause it holds."""
    roots = [t for t in tokens if t.head == t or not tokens.start <= t.head.i < tokens.end]
    roots = [t for t in roots if not (t.is_punct or t.is_space)]
    return max(roots, key=lambda t: t.right_edge.i - t.left_edge.i, default=None)


def _detached_subject(verb: Token) -> Token | None:
    """The subject of "..., a source close to the board said." when the parser hung the noun
    phrase on the reported clause instead of the verb: the phrase right before the verb."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].is_punct:
        return None
    phrase = doc[verb.i - 1]
    for _ in range(_MAX_ANCESTOR_STEPS * 2):
        if phrase.left_edge.i >= 1 and doc[phrase.left_edge.i - 1].text == ",":
            break
        head = phrase.head
        if head == phrase or head.i >= verb.i or head.right_edge.i >= verb.i:
            return None
        phrase = head
    else:
        return None
    return phrase if phrase.pos_ in {"NOUN", "PROPN"} else None


def _gerund_doer(verb: Token) -> Token | None:
    """Who does what a gerund says when an accusation or a praise names them as its object:
    "X accused Y of saying ..." — the words said are Y's, not X's; and the passive, where
    they are its subject: "Y was quoted as saying ...", "Y was accused of calling ..."."""
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp":
        return None
    preposition = verb.head
    while preposition.dep_ == "conj" and preposition.head.pos_ == "ADP":
        preposition = preposition.head  # "of saying ... and of calling ..."
    if preposition.pos_ != "ADP" or preposition.dep_ != "prep":
        return None
    governor = preposition.head.children
    return next((c for c in governor if c.dep_ in {"dobj", "nsubjpass"}), None)


def _spoken_pair(tokens: Span) -> bool:
    """Two quoted words that are a piece of someone's sentence ('"far from"', '"deeply
    regret"'), not a term or name in scare quotes ('"safety culture"', '"Silicon Valley"'): a
    function word or a verb among them, and not every word capitalised."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if len(words) != 2 or all(t.text[:1].isupper() for t in words):
        return False
    return any(t.pos_ in _SPOKEN_POS for t in words)


def _is_title(tokens: Span) -> bool:
    """Quoted words that name a work, a site or a campaign ('"The Harbour Lights Review"'),
    not anyone's speech: every word capitalised but the short function words, a noun among
    them, and no verb."""
    words = [t for t in tokens if t.is_alpha]
    if len(words) < 2 or any(t.pos_ in {"VERB", "AUX"} for t in words):
        return False
    if not any(t.pos_ in {"NOUN", "PROPN"} for t in words):
        return False  # '"Absolutely Not," she said' names nothing
    return all(t.text[:1].isupper() or t.pos_ in _TITLE_FUNCTION_POS for t in words)


def _embedded_question(clause: Span) -> bool:
    """A clause that asks or points rather than states ("announced where the boats will
    go", "asked whether ..."): it opens with a question word that belongs to its own verb, not
    to a clause put before it ("said when the war ends, the troops will go home" states)."""
    words = [t for t in clause if not (t.is_punct or t.is_space)]
    if not words or words[0].lower_ not in QUESTION_WORDS:
        return False
    roots = [t for t in clause if t.head == t or not clause.start <= t.head.i < clause.end]
    if any(words[0].head == root or words[0] == root for root in roots):
        return True
    # "asked how such papers ...", "which towns ...": the question word opens a phrase of the
    # clause, not a clause put before it (whose head would be that clause's verb).
    return words[0].head.pos_ in {"NOUN", "ADJ", "DET", "ADV", "NUM"}


def _is_colon(token: Token) -> bool:
    """A colon, also when the tokenizer glued it to a bracket before it ('(in Italian):')."""
    return token.is_punct and token.text.endswith(":")


def _has_verb(tokens: Span) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} for t in tokens)


def _according_to(token: Token) -> Token | None:
    """The source named by "according to X" when `token` is its "according"; none when X is
    the story's reporter ("according to Ann Lee, reporting for the Courier"), who tells whose
    words these are without being their source."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return None if reporter_aside(grandchild) else grandchild
    return None


def _words_of(token: Token) -> Token | None:
    """The speaker named by "the words of X" ("Those were the words of X")."""
    if token.lower_ not in {"words", "remarks"}:
        return None
    for child in token.children:
        if child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _in_words_of(token: Token) -> Token | None:
    """The source named by "in the words of X" when `token` is its "words": the quote beside
    it is X's."""
    if token.lower_ != "words" or token.dep_ != "pobj" or token.head.lower_ != "in":
        return None
    for child in token.children:
        if child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _speech_content(verb: Token) -> tuple[int, int] | None:
    """Token range of what a speech verb reports: its clause complement, or the clause it
    interrupts ("X gives Y time, officials have said, ..."). A verb with an infinitive of its
    own ("Tarnland continues to grant permits", "agreed to meet") tells what its subject does, and
    a clause the parse hangs on it ('I want to be clear: Tarnland continues to ...') is no
    report of its."""
    if any(child.dep_ == "xcomp" and child.tag_ == "VB" for child in verb.children):
        return None
    for child in verb.children:
        if child.dep_ == "ccomp":
            end = child.right_edge.i + 1
            detached = _detached_subject(verb) if subject_of(verb) is None else None
            if detached is not None and child.i < detached.i < end:
                end = detached.left_edge.i
            return child.left_edge.i, end
    if verb.dep_ == "parataxis" and verb.head != verb:
        return _around(verb.head, verb)
    return _statement_content(verb)


def _statement_content(verb: Token) -> tuple[int, int] | None:
    """ "said in a statement that ...": the clause the parse hangs on the statement noun is what
    the verb reports."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in STATEMENT_NOUNS:
                continue
            for clause in noun.rights:
                that = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
                if clause.dep_ in ("acl", "ccomp") and that:
                    return clause.left_edge.i, clause.right_edge.i + 1
    return None


def _coordinated_clauses(verb: Token) -> list[tuple[int, int]]:
    """The clauses a speech verb reports one by one ("said that A and that B"): each conjunct
    of its clause complement that has a complementiser of its own, and what comes before them.
    A conjoined speech verb ("said A but urged ...") ends the first clause and reports its own."""
    complement = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if complement is None:
        return []
    parts: list[tuple[int, int]] = []
    first_end = complement.right_edge.i + 1
    for conjunct in complement.rights:
        if conjunct.dep_ != "conj":
            continue
        if any(c.dep_ == "mark" for c in conjunct.lefts):
            parts.append((conjunct.left_edge.i, conjunct.right_edge.i + 1))
        elif conjunct.lemma_.lower() not in SPEECH_VERBS:
            continue
        cc = [c.i for c in complement.rights if c.dep_ == "cc" and c.i < conjunct.i]
        first_end = min(first_end, conjunct.left_edge.i, *cc[-1:])
    if first_end > complement.right_edge.i:
        return []
    return [(complement.left_edge.i, first_end), *parts]


def _hedged_phrase(verb: Token) -> tuple[int, int] | None:
    """ "the 5 percent that analysts say the chain needs": a speech verb heading a relative
    clause whose gap lies inside what it reports vouches for the whole noun phrase."""
    if verb.dep_ != "relcl" or not any(c.dep_ == "ccomp" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ in _OWN_SUBJECTS), None)
    if subject is None or subject.lower_ in RELATIVE_PRONOUNS:
        return None
    noun = verb.head
    return noun.left_edge.i, verb.right_edge.i + 1


def _around(head: Token, aside: Token) -> tuple[int, int] | None:
    """The part of `head`'s clause before (or after) the aside that hangs on it."""
    if aside.i > head.i:
        start, end = head.left_edge.i, aside.left_edge.i
    else:
        start, end = aside.right_edge.i + 1, head.right_edge.i + 1
    return (start, end) if end > start else None
