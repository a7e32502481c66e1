"""Layouts in which the words are someone's without quotation marks: transcripts and statements.

A transcript (an interview, a press briefing) gives each turn a speaker label at the head of its
paragraph ("MS. NAME: ...", "Name: ...", "Q ..."); a statement is written in its issuer's own
voice, in the first person ("The Government condemns ... We call on ..."). Both are read here
from the parse alone, before any speaker is resolved to an actor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.briefing.vocabulary import HONORIFICS

# A speaker label is a short name before a colon that opens a paragraph ("MR. SMITH:").
_MAX_LABEL_TOKENS = 5
# Question marks of a briefing transcript: "Q Will he ...?", "Q: Will he ...?", "Q. ...".
_QUESTION_LABELS = frozenset({"q", "q."})
# Subject pronouns by which a text speaks in its own (its issuer's) voice.
_FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Tags of a verb in the present tense or with a modal: a statement says what its issuer does
# now ("condemns", "will remain"), not what it did.
_PRESENT_TAGS = frozenset({"VBZ", "VBP", "MD"})
# Relations of the auxiliaries that carry a verb's tense ("is concerned", "has decided").
_AUX_DEPS = frozenset({"aux", "auxpass"})


@dataclass(frozen=True)
class Turn:
    """One paragraph of a transcript: its speaker label (None for a question) and its words."""

    paragraph: int
    label: Span | None
    start: int  # first token of the words spoken
    end: int


def paragraph_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the paragraphs, without the white space between them."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            ranges.append((start, token.i))
            start = token.i + 1
    ranges.append((start, len(doc)))
    trimmed = []
    for begin, end in ranges:
        while begin < end and doc[begin].is_space:
            begin += 1
        while end > begin and doc[end - 1].is_space:
            end -= 1
        trimmed.append((begin, end))
    return trimmed


def transcript_turns(doc: Doc, paragraphs: list[tuple[int, int]]) -> dict[int, Turn]:
    """The turns of a transcript, by paragraph; empty when the text is not one.

    A text is a transcript when at least two paragraphs open with a speaker label and one label
    comes back (speakers take turns); a single "Note: ..." line is not a transcript.
    """
    turns: dict[int, Turn] = {}
    for index, (start, end) in enumerate(paragraphs):
        turn = _turn(doc, index, start, end)
        if turn is not None:
            turns[index] = turn
    labels = Counter(_label_key(turn) for turn in turns.values())
    # A transcript that opens the text (nothing but header lines before its first turn) is the
    # document itself, not one a writer quotes inside a story of their own.
    opens_text = bool(turns) and not any(
        _has_verb(doc[start:end]) for start, end in paragraphs[: min(turns)]
    )
    # Remarks by one official ("THE PRESIDENT: ...", "MR. NAME: ...") take a single label: one
    # with a title, opening the text, is a transcript of that speaker's words.
    remarks = opens_text and _titled_turn(turns[min(turns)])
    if not remarks and (len(turns) < 2 or max(labels.values(), default=0) < 2):
        return {}
    # A label whose every turn asks a question is the interviewer's, whoever it names ("WN:",
    # "Courier:"): its turns are questions, as "Q:" turns are.
    answers = {_label_key(t) for t in turns.values() if not _asks(doc, t)}
    for index, turn in list(turns.items()):
        if turn.label is not None and _label_key(turn) not in answers:
            turns[index] = Turn(index, None, turn.start, turn.end)
    # A paragraph with no label of its own goes on with the turn before it (a long answer
    # runs over paragraphs); a line with no lower-case word ("END 10:42 A.M.") is no speech.
    # After the last labelled turn of a transcript a writer quotes in a story, a paragraph
    # with no one's voice in it ("The council votes on the budget in May.") is the writer's
    # closing, and so is all that follows it. A transcript that is the whole text has no
    # writer: its last answer runs on to the end ("MR. NAME: ... / The treaty takes effect in
    # May." is still the official speaking).
    last_label = max(turns)
    previous: Turn | None = None
    for index, (start, end) in enumerate(paragraphs):
        if index in turns:
            previous = turns[index]
        elif previous is not None and any(t.is_lower for t in doc[start:end]):
            if not opens_text and index > last_label and not _voiced(doc[start:end]):
                break
            turns[index] = Turn(index, previous.label, start, end)
    return turns


# A stage note is a short sentence of its own in brackets ("(Laughter.)", "(Applause.)",
# "(Cross talk.)"): the transcriber's, not a speaker's words, and no name of anyone.
_LONGEST_STAGE_NOTE = 3


def reporter_aside(name: Token) -> bool:
    """ "according to Ann Lee, reporting for the Courier from Tarnville": a name set off by a
    participle of reporting is the journalist who files the story, not a source in it."""
    doc = name.doc
    after = name.i + 1
    if after + 1 >= len(doc) or doc[after].text != ",":
        return False
    participle = doc[after + 1]
    return participle.tag_ == "VBG" and participle.lemma_.lower() == "report"


def stage_note_at(doc: Doc, i: int) -> tuple[int, int] | None:
    """The token range [start, end) of the stage note holding token `i`, brackets included."""
    start = i
    while start > 0 and i - start <= _LONGEST_STAGE_NOTE and doc[start].text != "(":
        start -= 1
    if doc[start].text != "(":
        return None
    end = start + 1
    while end < len(doc) and end - start <= _LONGEST_STAGE_NOTE + 2 and doc[end].text != ")":
        end += 1
    if end >= len(doc) or doc[end].text != ")" or end <= i:
        return None
    words = doc[start + 1 : end]
    if len(words) < 2 or words[-1].text not in {".", "!"} or not words[0].text[:1].isupper():
        return None
    # A note describes, it does not act: no verb in it, no full sentence.
    if any(t.pos_ in {"VERB", "AUX"} for t in words) or len(words) - 1 > _LONGEST_STAGE_NOTE:
        return None
    return start, end + 1


def without_stage_notes(doc: Doc, start: int, end: int) -> str:
    """The words of doc[start:end] with its stage notes left out."""
    kept: list[str] = []
    i = start
    while i < end:
        note = stage_note_at(doc, i) if doc[i].text == "(" else None
        if note is not None:
            i = note[1]
            continue
        kept.append(doc[i].text_with_ws)
        i += 1
    return "".join(kept)


def _has_verb(paragraph: Span) -> bool:
    """The paragraph holds a clause: prose, not a header line ("Aboard the presidential
    aircraft", "Ada Lind, Department Spokesperson", "10:42 A.M.")."""
    return any(t.pos_ in {"VERB", "AUX"} for t in paragraph)


def _titled_turn(turn: Turn) -> bool:
    return turn.label is not None and is_titled_label(turn.label)


# Words by which a speaker speaks in their own voice or to the one who asks.
_VOICE_WORDS = frozenset({"i", "we", "me", "us", "my", "our", "you", "your", "mine", "ours"})


def _voiced(paragraph: Span) -> bool:
    """The paragraph speaks in the first or second person."""
    return any(t.lower_ in _VOICE_WORDS for t in paragraph)


# Answer marks of an interview written as questions and answers ("Q: ... A: ...").
_ANSWER_LABELS = frozenset({"a", "a.", "answer"})
# Question marks written out, which open a question turn only before a colon ("Question: ...").
_QUESTION_WORDS = frozenset({"question", "questioner"})


def _asks(doc: Doc, turn: Turn) -> bool:
    """The turn ends with a question mark."""
    last = next((t for t in reversed(doc[turn.start : turn.end]) if not t.is_space), None)
    return last is not None and last.text.endswith("?")


# Labels that name a part in an interview, not a person ("INTERVIEWER:", "Moderator:").
_PART_LABELS = frozenset(
    {
        "interviewer",
        "moderator",
        "host",
        "reporter",
        "presenter",
        "anchor",
        "narrator",
        "audience",
        "question",
        "questioner",
        "operator",
    }
)


def is_part_label(label: Span) -> bool:
    """A label that names a part ("INTERVIEWER:") rather than who plays it: nobody named."""
    words = [t.lower_ for t in label if t.is_alpha]
    return bool(words) and all(word in _PART_LABELS for word in words)


def is_answer_label(label: Span) -> bool:
    """ "A:" before an answer: the words are the interviewee's, whom the text names before."""
    return "".join(t.lower_ for t in label) in _ANSWER_LABELS


def _label_key(turn: Turn) -> str:
    return "?" if turn.label is None else turn.label.text.lower()


def _turn(doc: Doc, index: int, start: int, end: int) -> Turn | None:
    if end - start < 2:
        return None
    first = doc[start]
    written_out = first.lower_ in _QUESTION_WORDS and doc[start + 1].text == ":"
    if (
        first.lower_ in _QUESTION_LABELS
        or written_out
        or (first.text == "Q" and doc[start + 1].text == ":")
    ):
        words = start + 1
        while words < end and doc[words].text in {":", "."}:
            words += 1
        return Turn(index, None, words, end)
    for colon in range(start + 1, min(end, start + _MAX_LABEL_TOKENS + 1)):
        if doc[colon].text != ":":
            continue
        label = doc[start:colon]
        if colon + 1 < end and all(_label_token(t) for t in label):
            return Turn(index, label, colon + 1, end)
        return None
    return None


def _label_token(token: Token) -> bool:
    """A word of a speaker label: capitalised ("Smith", "MR.") or the full stop of a title."""
    return token.text == "." or (token.text[:1].isupper() and not token.is_space)


def label_name(label: Span) -> str | None:
    """The name a speaker label gives, without its courtesy title ("MS. LANE" -> "Lane"), when
    the label names someone: a title before it or a person's name; "Interviewer" names nobody."""
    words = [t for t in label if not t.is_punct]
    titles = _title_positions(words)
    titled = bool(titles)
    # Briefing labels put the whole office before the name ("FOREIGN MINISTER NAME:",
    # "DEPUTY SECRETARY NAME:"): the name is what follows the last title word, and only the
    # last word after an office that goes on ("SECRETARY OF STATE NAME:").
    named = words[titles[-1] + 1 :] if titles else words
    if any(t.lower_ in _OFFICE_LINKS for t in named):
        named = named[-1:]
    if not named:
        return None
    if not titled and not any(t.ent_type_ == "PERSON" for t in named):
        return None
    return " ".join(t.text if not t.is_upper else t.text.title() for t in named)


def is_titled_label(label: Span) -> bool:
    """The label gives someone's title ("MS. LANE:", "FOREIGN MINISTER KOVIC:"): it names a
    person, whatever kind of name the model took its capitals for."""
    return bool(_title_positions([t for t in label if not t.is_punct]))


def _title_positions(words: list[Token]) -> list[int]:
    return [i for i, t in enumerate(words) if _title_key(t) in HONORIFICS]


# Words that carry an office on after its title word ("Secretary of State", "Minister for Trade").
_OFFICE_LINKS = frozenset({"of", "for", "the"})


def _title_key(token: Token) -> str:
    text = token.lower_
    return text if text in HONORIFICS else text.rstrip(".")


def statement_authors(
    doc: Doc,
    sentences: tuple[Span, ...],
    paragraphs: list[tuple[int, int]],
    quoted: list[bool],
    titled: bool = False,
) -> list[Token] | None:
    """Who a statement written in its issuer's voice may be by, first sentence first (none
    when its body names no issuer, "I salute ..."); None when the text is no such
    statement.

    A text is such a statement when at least half of its paragraphs speak in the first person
    outside quotation marks ("We call on ..."), or one does under a title that calls the text a
    statement (`titled`, see `is_statement_title`). Its issuer is a named subject that acts in
    the present tense ("The Republic welcomes ...", "Tarnland will remain ...", "The Ministry
    is concerned ..."): the one its first sentence opens with, else one named later.
    """
    if not paragraphs or not sentences:
        return None
    voiced = 0
    issued = 0
    stance = False
    for start, end in paragraphs:
        first_person = [
            t
            for t in doc[start:end]
            if t.lower_ in _FIRST_PERSON_SUBJECTS and t.dep_ in _SUBJECT_DEPS and not quoted[t.i]
        ]
        voiced += bool(first_person)
        stance = stance or any(_acts_now(t.head) for t in first_person)
        issued += bool(first_person) or (
            start < end and _named_issuer_acts(doc[start].sent, quoted)
        )
    # A press release alternates its own "we" with its issuer's name acting now ("The
    # Ministry condemns ... We call on ... The Republic will continue ..."): both are the
    # issuer's voice once its "we" takes a stance now. A writer's "we" tells what was done
    # ("we spoke to ..."), and leaves a text whose subjects act now a feature, not a release.
    released = stance and issued * 2 >= len(paragraphs)
    if voiced == 0 or (voiced * 2 < len(paragraphs) and not released and not titled):
        return None
    authors = []
    for sentence in sentences:
        root = sentence.root
        # Under a statement's title, a present auxiliary also acts ("The Ministry is concerned
        # ..."); in news copy it is as often a report of what a body has done.
        tense_deps = _AUX_DEPS if titled else frozenset()
        present = (
            root.tag_ in _PRESENT_TAGS
            or any(c.tag_ == "MD" for c in root.children)
            or any(c.dep_ in tense_deps and c.tag_ in _PRESENT_TAGS for c in root.children)
        )
        if not present:
            continue
        subject = next((c for c in root.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is None or subject.lower_ in _FIRST_PERSON_SUBJECTS or quoted[subject.i]:
            continue
        authors.append(subject)
    return authors


def _acts_now(verb: Token) -> bool:
    """The verb is in the present tense or under a modal: "calls", "will continue"."""
    return verb.tag_ in _PRESENT_TAGS or any(c.tag_ == "MD" for c in verb.children)


def _named_issuer_acts(sentence: Span, quoted: list[bool]) -> bool:
    """The sentence that opens a paragraph has a named body or place act in the present tense
    ("The Ministry strongly condemns ...", "Tarnland calls for ..."), outside quotation marks."""
    root = sentence.root
    # A copula ("The Ministry is concerned ...") as often reports a body's state in news copy;
    # a release's own stance is a verb of doing ("condemns", "calls for").
    if quoted[root.i] or root.pos_ != "VERB" or not _acts_now(root):
        return False
    subject = next((c for c in root.children if c.dep_ in _SUBJECT_DEPS), None)
    return subject is not None and subject.pos_ == "PROPN" and not quoted[subject.i]


# How a document's title calls it a statement in its issuer's voice: "Statement by ...",
# "Joint statement on ...", "Press release", "Readout of ...".
_STATEMENT_TITLE_WORDS = frozenset({"statement", "communique", "communiqué", "readout"})
_STATEMENT_TITLE_PAIRS = frozenset(
    {
        ("joint", "statement"),
        ("press", "statement"),
        ("press", "release"),
        ("official", "statement"),
    }
)


def is_statement_title(title: str) -> bool:
    """The title names the text a statement: it opens with a word for one ("Statement by the
    Ministry on ...", "Joint statement of ...")."""
    words = [w.strip(":.,-–—").lower() for w in title.split()[:2]]
    if not words:
        return False
    return words[0] in _STATEMENT_TITLE_WORDS or tuple(words) in _STATEMENT_TITLE_PAIRS


# How a release's contact line opens: it says whom to ask, not what the issuer holds.
_CONTACT_OPENINGS = (
    "contact",
    "media contact",
    "press contact",
    "media inquiries",
    "press inquiries",
    "for more information",
    "for further information",
)


def is_contact_line(paragraph: Span) -> bool:
    """A release's closing contact line: "Media contact: ...", "For more information, please
    contact ...", or any paragraph that only tells the reader to contact someone."""
    text = paragraph.text.strip().lower()
    if text.startswith(_CONTACT_OPENINGS):
        return True
    return any(
        t.lemma_.lower() == "contact"
        and t.pos_ == "VERB"
        and t.dep_ == "ROOT"
        and not any(c.dep_ in _SUBJECT_DEPS for c in t.children)
        for t in paragraph
    )
