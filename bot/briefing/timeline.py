"""Date expressions in a parsed article, resolved with the tense of their clause, and the events
they date: one event per dated clause, with a short summary, its actors and places."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from bot.briefing.actors import ActorIndex
from bot.briefing.datelines import DASHES, Dateline, find_datelines
from bot.briefing.dates import (
    MONTHS,
    WEEKDAYS,
    Tense,
    is_counted_from_another_date,
    names_later_part,
    resolve_counted_from,
    resolve_date_expression,
)
from bot.briefing.models import ActorKind, DateValue, Event, Precision
from bot.briefing.parsed import ParsedArticle
from bot.briefing.places import PlaceIndex
from bot.briefing.speech import SPEECH_VERBS

SUMMARY_WORDS = 20


@dataclass(frozen=True)
class DateMention:
    start: int  # token span [start, end) in the Doc, a leading "on"/"in"/"starting" included
    end: int
    expression: str
    value: DateValue | None
    planned: bool
    sentence: int
    # The verb the date hangs from ("said" in "X said on Tuesday"); None in a verbless fragment.
    head: int | None = None
    # The verb of the clause the date belongs to, the event's verb: "said" again in "Speaking on
    # Thursday, X said ..." where `head` is "Speaking".
    clause: int | None = None
    tense: Tense = Tense.PRESENT
    # The word the date modifies: the verb for "met on Friday", the noun for "a loss for 2018".
    anchor: int | None = None


# Words just before a date that belong to its expression and hint at its direction.
_LEADING_MARKERS = frozenset(
    {"on", "in", "into", "since", "until", "till", "by", "from", "starting", "beginning"}
    | {"during", "through", "throughout", "before", "after", "effective", "for"}
)
_DAY_WORDS = frozenset({"today", "tonight", "yesterday", "tomorrow"})
_PERIOD_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
_WEEKDAY_WORDS = frozenset(w for w in WEEKDAYS if len(w) > 4)  # full names: "wed" is a verb
_SEASONS = frozenset({"spring", "summer", "autumn", "fall"})
_DEICTIC_TARGETS = (
    frozenset({"week", "month", "year", "weekend"}) | _PERIOD_OF_DAY | _WEEKDAY_WORDS | _SEASONS
)
_MONTH_WORDS = frozenset(
    [m.title() for m in MONTHS] + [m.title() + "." for m in MONTHS if len(m) == 3]
)
_MONTH_LOWER = frozenset(m.lower() for m in _MONTH_WORDS)
_MONTH_PREPOSITIONS = frozenset({"in", "since", "until", "by", "during", "from", "into"})
_AGO_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})
_DAY_SHAPES = frozenset({"d", "dd", "dxx", "ddxx"})  # "1", "11", "1st", "21st"
_YEAR_SHAPE = "dddd"

# Verbs whose infinitive complement is still ahead: "is set to meet", "is expected to sign".
_FUTURE_CONTROL = frozenset(
    {"set", "due", "expect", "schedule", "plan", "go", "intend", "aim", "prepare", "slate"}
    | {"poise", "hope", "promise", "pledge", "vow", "threaten", "propose"}
)
# Verbs whose infinitive looks ahead ("agreed to return on Friday") but whose participle tells
# what was done ("the deal agreed on Friday").
_COMMITMENT_VERBS = frozenset({"agree", "decide", "vote", "offer", "arrange", "resolve"})
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "’ll"})
# Words on the way from a date to its verb that put the dated thing ahead: "ahead of talks on
# Friday", "the planned vote in June".
_FORWARD_WORDS = frozenset(
    {"ahead", "upcoming", "planned", "scheduled", "forthcoming", "proposed", "next", "due"}
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Dependents of a clause verb that are another clause or a frame around it, not its content.
_DROPPED_DEPS = frozenset(
    {"advcl", "parataxis", "punct", "cc", "mark", "intj", "dep", "meta", "preconj"}
)
_VERB_GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})
_COMPACT_NP_DROPPED = frozenset({"relcl", "acl", "appos", "advcl"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_TRAILING_JUNK = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PUNCT", "PART", "AUX", "PRON"})
_SPACES = re.compile(r"\s+")
_CLOSING_PUNCT = frozenset({",", ".", ";", ":", "!", "?", ")", "]"})


def _rule_spans(doc: Doc) -> Iterator[tuple[int, int]]:
    """Date expressions the small model's NER misses, read off the tokens in one linear pass.

    A pass over token attributes rather than a spaCy Matcher: with set-valued patterns the Matcher
    costs about ten times as much per article, and every pattern here is a few fixed tokens.
    """
    lowers = [t.lower_ for t in doc]
    size = len(lowers)

    def next_is(i: int, words: frozenset[str]) -> bool:
        return i + 1 < size and lowers[i + 1] in words

    for i, word in enumerate(lowers):
        if word in _WEEKDAY_WORDS:  # "Wednesday", "Thursday afternoon"
            yield i, i + 2 if next_is(i, _PERIOD_OF_DAY) else i + 1
        elif word in _DAY_WORDS:  # "yesterday"
            yield i, i + 1
        elif word in ("this", "last", "next") and next_is(i, _DEICTIC_TARGETS):
            earlier = i > 0 and lowers[i - 1] in ("earlier", "later")  # "earlier this month"
            yield (i - 1 if earlier else i), i + 2
        elif word == "ago" and i >= 2 and lowers[i - 1] in _AGO_UNITS:  # "three weeks ago"
            if doc[i - 2].like_num or lowers[i - 2] in ("a", "an"):
                yield i - 2, i + 1
        elif word in _MONTH_LOWER and doc[i].text in _MONTH_WORDS:
            span = _calendar_span(doc, i, lowers)
            if span is not None:
                yield span
        elif word in _MONTH_PREPOSITIONS and i + 1 < size and doc[i + 1].shape_ == _YEAR_SHAPE:
            yield i, i + 2  # "in 2019"
        elif word == "the" and _ordinal_day_alone(doc, i):
            yield i, i + 2  # "on the 14th"
        elif word == "the" and _counted_day_alone(doc, i):
            yield i, i + 3  # "The day before, ...": counted from the date just told


_ORDINAL_DAY_SHAPES = frozenset({"dxx", "ddxx"})
_ORDINAL_DAY_PREPOSITIONS = frozenset({"on", "by", "until", "since", "from", "till"})


def _ordinal_day_alone(doc: Doc, the: int) -> bool:
    """ "on the 14th", "by the 3rd": an ordinal after a time preposition that qualifies no noun
    ("on the 14th floor", "the 3rd of May" are read otherwise) names a day of the month."""
    if the == 0 or the + 1 >= len(doc) or doc[the - 1].lower_ not in _ORDINAL_DAY_PREPOSITIONS:
        return False
    ordinal = doc[the + 1]
    if ordinal.shape_ not in _ORDINAL_DAY_SHAPES or ordinal.lower_[-2:] not in _ORDINAL_SUFFIXES:
        return False
    after = doc[the + 2] if the + 2 < len(doc) else None
    return after is None or not (after.pos_ in ("NOUN", "PROPN", "NUM") or after.lower_ == "of")


_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_COUNTED_UNITS = frozenset({"day", "week", "month", "year"})
_COUNTED_DIRECTIONS = frozenset({"before", "after", "earlier", "later"})


def _counted_day_alone(doc: Doc, the: int) -> bool:
    """ "the day before", "the week after": a period counted from the event just dated, when
    nothing follows to count from ("the day before the vote" counts from the vote instead)."""
    if the + 2 >= len(doc):
        return False
    unit, direction = doc[the + 1], doc[the + 2]
    if unit.lower_ not in _COUNTED_UNITS or direction.lower_ not in _COUNTED_DIRECTIONS:
        return False
    after = doc[the + 3] if the + 3 < len(doc) else None
    return after is None or after.is_punct or after.pos_ in ("VERB", "AUX", "PRON")


def _calendar_span(doc: Doc, month: int, lowers: list[str]) -> tuple[int, int] | None:
    """ "1 March", "March 1st, 2016", "August 2011", "in June" around a month name at `month`."""
    size = len(doc)

    def shape(i: int) -> str:
        return doc[i].shape_ if 0 <= i < size else ""

    def with_year(end: int) -> int:
        if shape(end) == _YEAR_SHAPE:
            return end + 1
        if end + 1 < size and doc[end].text == "," and shape(end + 1) == _YEAR_SHAPE:
            return end + 2
        return end

    if shape(month + 1) in _DAY_SHAPES:
        return month, with_year(month + 2)
    if shape(month - 1) in _DAY_SHAPES:
        return month - 1, with_year(month + 1)
    if shape(month + 1) == _YEAR_SHAPE:
        return month, month + 2
    # A month name alone may be a verb or a name ("May", "March"); after a preposition it is not.
    if month > 0 and lowers[month - 1] in _MONTH_PREPOSITIONS:
        return month - 1, month + 1
    return None


# A picture credit closing a caption: "... on 8 May 2019. Image: Jane Roe.", "Photo: AP", "(Photo
# credit: ...)", "from file, 2008." The class listed: labels a page puts before a picture's source.
_PICTURE_CREDIT = re.compile(
    # The source is a name, so it opens with a capital: "the picture: a quiet town" is prose.
    r"(?:^|[\s.;(\[])(?i:image|photo|photograph|picture|credit|photo credit)s?\s*:\s*[A-Z0-9]"
    r"[^:]{0,80}$"
    r"|\b(?i:from file),?\s+\d{4}\.?$"
    r"|[(\[][^()\[\]]*\b(?i:photo)\b[^()\[\]]*[)\]]\s*\.?$"
)
_CREDIT_TAIL_CHARS = 160
# Where a caption places the people in its picture: "Varga (left) and Rook (right) on 25 May",
# "Ilse Varga, left, and Tom Rook, second from right, leave ...".
_PICTURE_POSITION = re.compile(
    r"\((?:left|right|centre|center|top|bottom|front|back|l|r|c|pictured|seated)\)"
    r"|,\s(?:far |second from |third from )?(?:left|right|centre|center),\s",
    re.IGNORECASE,
)
# Determiners that make a weekday one of many ("every Friday", "the fourth Thursday of November",
# "the Sunday after the holiday"): a day named through a rule or another event, not a date.
_WEEKDAY_DETERMINERS = frozenset({"the", "a", "an", "every", "each", "that", "any"})


def find_dates(parsed: ParsedArticle) -> list[DateMention]:
    """Every date expression in the article that names a calendar date, resolved, in text order.

    Captions and date lines date no event of the story: their dates are left out.
    """
    doc = parsed.doc
    spans = _date_spans(doc, parsed.entities)
    outside = _outside_story(parsed, spans, find_datelines(parsed))
    mentions = []
    rule_ends = -1  # where the last weekday picked out by a rule ended
    for span in spans:
        follows_rule = rule_ends >= 0 and (
            span.start == rule_ends
            or (span.start == rule_ends + 1 and doc[rule_ends].lower_ in ("in", "of"))
        )
        if _inside_weekday_of_many(span) or (follows_rule and _is_month_only(span)):
            rule_ends = span.end
            continue
        if span.start in outside:
            continue
        mention = _mention(parsed, span)
        if mention is not None:
            mentions.append(mention)
    counted = _counted_from_previous(parsed, mentions)
    return _one_date_per_weekday(
        _coordinated_weekdays(doc, counted, parsed.published), parsed.published
    )


def _header_with_date(paragraph: Span, spans: Iterable[Span], published: dt.date) -> bool:
    """A verbless paragraph holding the publication day: a statement's header ("For Immediate
    Release April 23, 2012", "Washington, DC February 9, 2013"), the article's own date line."""
    if any(_is_verb(t) for t in paragraph):
        return False
    for span in spans:
        value = resolve_date_expression(span.text, published, Tense.PRESENT)
        if value is not None and value.precision is Precision.DAY and value.value == published:
            return True
    return False


def _outside_story(parsed: ParsedArticle, spans: list[Span], datelines: list[Dateline]) -> set[int]:
    """Token indices of text that tells no event: captions (ending in a picture credit, or
    placing people in a picture: "(left)"), date lines (a paragraph that is only a date) and
    wire datelines opening a paragraph."""
    in_date = {i for span in spans for i in range(span.start, span.end)}
    starts = [span.start for span in spans]  # in text order, as _date_spans gives them
    outside: set[int] = set()
    doc, published = parsed.doc, parsed.published
    for start, end in parsed.paragraphs:
        paragraph = doc[start:end]
        text = paragraph.text.strip()
        words = [t.i for t in paragraph if not (t.is_punct or t.is_space)]
        own = spans[bisect_left(starts, start) : bisect_left(starts, end)]
        date_line = bool(words) and all(i in in_date for i in words)
        date_line = date_line or _header_with_date(paragraph, own, published)
        # A credit closes its caption: only the paragraph's tail is searched, in bounded time.
        tail = text[-_CREDIT_TAIL_CHARS:]
        caption = bool(_PICTURE_CREDIT.search(tail) or _PICTURE_POSITION.search(text))
        if date_line or caption:
            outside.update(range(start, end))
    for dateline in datelines:
        outside.update(dateline.words)
    return outside


def _date_spans(doc: Doc, entities: tuple[Span, ...]) -> list[Span]:
    candidates = [_trimmed(e) for e in entities if e.label_ == "DATE" or _is_dated_time(e)]
    candidates.extend(Span(doc, start, end) for start, end in _rule_spans(doc))
    # Overlapping finds are one expression: "in December" (rules) + "December 2022" (NER).
    merged: list[Span] = []
    for span in sorted(candidates, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(doc, last.start, max(last.end, span.end), label=last.label)
        elif merged and (
            _continues_year_span(doc, merged[-1], span) or _names_its_year(merged[-1], span)
        ):
            merged[-1] = Span(doc, merged[-1].start, span.end, label=merged[-1].label)
        else:
            merged.append(span)
    return merged


_YEAR_MODIFIERS = frozenset({"last", "this", "next"})


def _names_its_year(last: Span, span: Span) -> bool:
    """ "in March last year", "Feb. 11-12 this year": the year of a calendar date, not a date of
    its own."""
    words = [t.lower_ for t in span]
    return (
        span.start == last.end
        and len(words) == 2
        and words[0] in _YEAR_MODIFIERS
        and words[1] == "year"
        and any(t.lower_ in _MONTH_LOWER for t in last)
    )


_SPAN_JOINERS = frozenset({"to", "until", "till", "through", "-", "–"})


def _continues_year_span(doc: Doc, last: Span, span: Span) -> bool:
    """ "from 1999 to 2003" tagged as two dates: one span of years, dated to its first."""
    return (
        span.start == last.end + 1
        and doc[last.end].lower_ in _SPAN_JOINERS
        and doc[last.end - 1].shape_ == _YEAR_SHAPE
        and len(span) == 1
        and span[0].shape_ == _YEAR_SHAPE
    )


def _trimmed(span: Span) -> Span:
    """The entity without punctuation the model let in at its end ("Feb. 6, 2024:") and without
    an aside after a spaced dash ("March 3 - a day late"); a range ("11 - 12 March") stays."""
    doc = span.doc
    end = span.end
    for token in span[1:]:
        spaced = (
            token.text in DASHES and bool(token.whitespace_) and bool(doc[token.i - 1].whitespace_)
        )
        if spaced and not (token.i + 1 < len(doc) and doc[token.i + 1].like_num):
            end = token.i
            break
    while end - 1 > span.start and doc[end - 1].is_punct:
        end -= 1
    return span if end == span.end else Span(doc, span.start, end, label=span.label)


def _is_dated_time(span: Span) -> bool:
    """A TIME entity that names its day ("Thursday afternoon", "last night"), not a bare time."""
    if span.label_ != "TIME":
        return False
    words = {t.lower_ for t in span}
    return bool(words & (_DAY_WORDS | _WEEKDAY_WORDS)) or (
        bool(words & {"this", "last"}) and bool(words & _PERIOD_OF_DAY)
    )


def _mention(parsed: ParsedArticle, span: Span) -> DateMention | None:
    doc = parsed.doc
    start = span.start
    if (
        start > 0
        and doc[start - 1].lower_ in _LEADING_MARKERS
        and span[0].lower_ not in _LEADING_MARKERS
    ):
        start -= 1
    expression = doc[start : span.end].text.strip()
    root = span.root
    head, path = _governing_verb(root)
    if head is not None and _a_persons_birth(head):
        return None  # a birth date is biography, not an event of the story
    if head is not None and (_recurring(head) or _hypothetical(head)):
        return None
    tense = _tense(head, path) if head is not None else Tense.PRESENT
    if tense is Tense.PAST and head is not None and _scheduled_to(head, doc, span.start):
        tense = Tense.PRESENT  # the time set lies either side of publication: the nearer one
    if head is None and _bare_weekday(span):
        tense = Tense.PAST  # a verbless list of days ("200 Wednesday, 210 Thursday") reports them
    if tense is Tense.PRESENT and head is not None and _month_on_a_schedule(head, path, span):
        tense = Tense.FUTURE
    if tense is Tense.PRESENT and head is not None and _reacts(head):
        tense = Tense.PAST
    value = resolve_date_expression(expression, parsed.published, tense)
    if value is None and not is_counted_from_another_date(expression):
        return None
    if value is not None and _caption_style(head, tense, span, value, parsed):
        return None
    clause = _clause_verb(head) if head is not None else None
    return DateMention(
        start=start,
        end=span.end,
        expression=expression,
        value=value,
        planned=_planned(value, tense, expression, parsed.published),
        sentence=parsed.sentence_index(span.start),
        head=None if head is None else head.i,
        clause=None if clause is None else clause.i,
        tense=tense,
        anchor=_anchor(span),
    )


def _planned(value: DateValue | None, tense: Tense, expression: str, published: dt.date) -> bool:
    """Whether the dated thing lies after publication: a date ahead, a future tense over the
    current period, or the later part of the current period ("by the end of the year", even
    under "hoped to present it by the end of the year": that end has not come)."""
    if value is None:
        return False
    if value.value > published:
        return True
    if value.end < published:
        return False
    return tense is Tense.FUTURE or names_later_part(expression)


# Words that make a time recur ("every year", "each May"): generic time, not a date.
_RECURRING_DETERMINERS = frozenset({"every", "each"})
# Modals of a main clause that make an "if" clause hypothetical ("if it were held on Sunday, the
# Greens would win").
_HYPOTHETICAL_MODALS = frozenset({"would", "could", "might"})


def _recurring(verb: Token) -> bool:
    """A clause dated by a recurrence ("Every year in March, X holds a fair", "held every May"):
    its other dates are generic too."""
    return any(
        any(d.dep_ == "det" and d.lower_ in _RECURRING_DETERMINERS for d in child.children)
        for child in verb.children
        if child.dep_ in ("npadvmod", "advmod", "obl", "pobj", "prep", "dobj")
    )


def _hypothetical(verb: Token) -> bool:
    """A date in an "if" clause of a conditional ("if the vote were held on Sunday, X would
    win"): hypothetical time, not an event."""
    conditional = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)
    main = verb.head
    return (
        conditional
        and verb.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_MODALS for c in main.children)
    )


_PERSONAL_PRONOUNS = frozenset({"i", "you", "he", "she", "we", "they", "who", "whom"})


def _a_persons_birth(verb: Token) -> bool:
    """ "Varga, who was born in 1978", "Varga (born 1978)": a person's birth. A thing "born" in a
    year ("a browser was born ten years ago") is an event like any other."""
    if verb.lower_ != "born":
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if subject is None and verb.dep_ == "advcl":
        # "Born in 1978, the singer moved ...": a participle opening the clause describes its
        # subject, a person unless the model names that subject as something else.
        main_subject = next((c for c in verb.head.children if c.dep_ in _SUBJECT_DEPS), None)
        return main_subject is not None and main_subject.ent_type_ in ("", "PERSON")
    if subject is None:  # "Varga, born in 1978,": the person is the word it describes
        return verb.head.ent_type_ == "PERSON"
    return subject.lower_ in _PERSONAL_PRONOUNS or subject.ent_type_ == "PERSON"


def _bare_weekday(span: Span) -> bool:
    """A weekday named alone ("Thursday", "on Thursday", "Thursday morning")."""
    words = {t.lower_ for t in span} - _LEADING_MARKERS - _PERIOD_OF_DAY
    return len(words) == 1 and bool(words & _WEEKDAY_WORDS)


def _weekday_of_many(token: Token) -> bool:
    """ "the fourth Thursday of November", "every Friday", "the Sunday after the holiday": a
    weekday with its own determiner is picked out by a rule or another event, not dated here."""
    return token.lower_ in _WEEKDAY_WORDS and any(
        c.dep_ in ("det", "predet") and c.lower_ in _WEEKDAY_DETERMINERS for c in token.children
    )


def _is_month_only(span: Span) -> bool:
    """ "in November", "November": a month named without a day or a year."""
    words = [t for t in span if not t.is_punct and t.lower_ not in _LEADING_MARKERS]
    return len(words) == 1 and words[0].lower_ in _MONTH_LOWER


def _inside_weekday_of_many(span: Span) -> bool:
    """The span is such a weekday, or the month that places it ("in November" of "the fourth
    Thursday in November")."""
    for token in span:
        if _weekday_of_many(token):
            return True
        if token.lower_ in _MONTH_LOWER:
            above = token.head.head if token.head.pos_ == "ADP" else token.head
            if _weekday_of_many(above):
                return True
    return False


def _caption_style(
    head: Token | None, tense: Tense, span: Span, value: DateValue, parsed: ParsedArticle
) -> bool:
    """A picture caption in the present closed by a full past date after a comma ("Ministers
    leave the chamber in Hollen, May 3, 2021."): the agencies' caption form. A chronology in the
    historic present puts its date first ("May 3, 2021: ministers leave ..."), so it stays."""
    root = span.sent.root
    # The small model tags a caption's plural verb VB as often as VBP.
    if head is None or tense is not Tense.PRESENT or root.tag_ not in ("VBZ", "VBP", "VB"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return False
    doc = span.doc
    rest = doc[span.end : span.sent.end]
    closes = all(t.is_punct or t.is_space for t in rest)
    after_comma = span.start > 0 and doc[span.start - 1].text == ","
    has_year = any(t.shape_ == _YEAR_SHAPE for t in span)
    full_past = value.precision is Precision.DAY and value.value < parsed.published
    return closes and after_comma and has_year and full_past


def _counted_from_previous(parsed: ParsedArticle, mentions: list[DateMention]) -> list[DateMention]:
    """ "a month earlier", "two days later": counted from the date the text gave just before (in
    the same sentence or the one before it, within the paragraph); left out without one."""
    resolved: list[DateMention] = []
    for mention in mentions:
        if mention.value is not None:
            resolved.append(mention)
            continue
        previous = resolved[-1] if resolved else None
        if previous is None or previous.value is None or mention.sentence - previous.sentence > 1:
            continue
        if _paragraph_break_between(parsed.doc, previous.end, mention.start):
            continue
        value = resolve_counted_from(mention.expression, previous.value)
        if value is None:
            continue
        planned = _planned(value, mention.tense, mention.expression, parsed.published)
        resolved.append(replace(mention, value=value, planned=planned))
    return resolved


def _coordinated_weekdays(
    doc: Doc, mentions: list[DateMention], published: dt.date
) -> list[DateMention]:
    """ "later Saturday or Sunday", "on Monday and Tuesday": a weekday joined to another runs on
    from it, to the first such day after it, unless that would put a past pair across
    publication ("met Tuesday or Monday" keeps its own Monday)."""
    owner = {i: n for n, m in enumerate(mentions) for i in range(m.start, m.end)}
    joined: list[DateMention] = []
    for mention in mentions:
        name = _weekday_name(mention)
        first = _first_of_pair(doc, mention, owner, mentions) if name is not None else None
        if name is not None and first is not None and first.value is not None:
            weekday = WEEKDAYS[name]
            after = first.value.value + dt.timedelta(
                days=(weekday - first.value.value.weekday() - 1) % 7 + 1
            )
            if after <= published or first.value.value >= published:
                value = DateValue(value=after, precision=Precision.DAY)
                planned = _planned(value, mention.tense, mention.expression, published)
                mention = replace(mention, value=value, planned=planned)
        joined.append(mention)
    return joined


def _first_of_pair(
    doc: Doc, mention: DateMention, owner: dict[int, int], mentions: list[DateMention]
) -> DateMention | None:
    """The day-dated weekday mention this bare weekday is coordinated with, if any."""
    token = next((t for t in doc[mention.start : mention.end] if t.lower_ in _WEEKDAY_WORDS), None)
    if token is None or token.dep_ != "conj" or token.head.i not in owner:
        return None
    first = mentions[owner[token.head.i]]
    if first is mention or first.value is None or first.value.precision is not Precision.DAY:
        return None
    return first if token.head.lower_ in _WEEKDAY_WORDS else None


def _paragraph_break_between(doc: Doc, start: int, end: int) -> bool:
    return any(t.is_space and "\n" in t.text for t in doc[start:end])


def _one_date_per_weekday(mentions: list[DateMention], published: dt.date) -> list[DateMention]:
    """One weekday named twice in a story is one day, unless the text says otherwise.

    A weekday whose clause gives no direction (present tense, no verb) takes the date the
    article's past- or future-tense mentions of that weekday agree on; where those disagree
    ("met on Monday", "will meet again on Monday") the text has said otherwise and all stay.
    """
    firm: dict[str, set[DateValue]] = {}
    for m in mentions:
        name = _weekday_name(m)
        if name is not None and m.value is not None and m.tense is not Tense.PRESENT:
            firm.setdefault(name, set()).add(m.value)
    unified: list[DateMention] = []
    for m in mentions:
        name = _weekday_name(m)
        agreed = firm.get(name, set()) if name is not None else set()
        if m.tense is Tense.PRESENT and len(agreed) == 1 and m.value not in agreed:
            (value,) = agreed
            m = replace(m, value=value, planned=_planned(value, m.tense, m.expression, published))
        unified.append(m)
    return unified


def _weekday_name(mention: DateMention) -> str | None:
    """The weekday a mention names alone ("on Thursday", "Thursday morning"), lower-cased."""
    words = set(mention.expression.lower().split()) - _LEADING_MARKERS - _PERIOD_OF_DAY
    return next(iter(words)) if len(words) == 1 and words <= _WEEKDAY_WORDS else None


def _anchor(span: Span) -> int | None:
    """The first word above the date that is neither part of it nor a preposition."""
    token = span.root
    for _ in range(len(span) + 3):
        if token.head.i == token.i:
            return None
        token = token.head
        if not (span.start <= token.i < span.end or token.pos_ == "ADP"):
            return token.i
    return None


# Verbs of reaction: what they take a stand on has already happened.
_REACTION_VERBS = frozenset(
    {"condemn", "congratulate", "mourn", "deplore", "applaud", "commend", "denounce", "lament"}
    | {"regret", "hail", "praise", "decry"}
)


def _reacts(verb: Token) -> bool:
    """ "The government condemns the attack on Sunday", "congratulates the people on their
    elections on Sunday": a statement's simple present reacts to something done, so a day or
    month under it is past, not the schedule a present tense otherwise sets ("opens on
    Friday"). Not with an auxiliary ("may condemn")."""
    return verb.lemma_.lower() in _REACTION_VERBS and _simple_present(verb)


def _simple_present(verb: Token) -> bool:
    """ "opens", "take": the present without an auxiliary ("may open", "is opening")."""
    if verb.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _month_on_a_schedule(verb: Token, path: list[Token], span: Span) -> bool:
    """ "Applications open in January", "the rules take effect in February": a month alone
    (no day, no year) hanging straight on a verb in the simple present names a schedule, as a
    weekday does ("the museum reopens on Tuesday"), so it is the month ahead. Not through a
    noun ("inflation in April is ..." reports a month), not on "be", not with an auxiliary."""
    if verb.lemma_ == "be" or not _simple_present(verb):
        return False
    if not all(span.start <= t.i < span.end or t.pos_ == "ADP" for t in path):
        return False
    words = [t.lower_ for t in span if not t.is_punct]
    return any(w in MONTHS for w in words) and not any(t.like_num for t in span)


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _governing_verb(token: Token) -> tuple[Token | None, list[Token]]:
    """The first verb above a token, and the tokens passed on the way there."""
    path: list[Token] = []
    current = token
    # Heads stay inside the sentence, and each step goes up one level of a finite tree.
    while current.head.i != current.i:
        path.append(current)
        current = current.head
        if _is_verb(current):
            return current, path
    path.append(current)
    return (current, path) if _is_verb(current) else (None, path)


# Verbs that set or move the time of something ("scheduled for Friday", "postponed to Dec. 3"):
# the date after "for", "to" or "until" is when the thing happens, not when it was set.
_SCHEDULING_VERBS = frozenset(
    {"schedule", "reschedule", "slate", "set", "plan", "postpone", "delay", "defer", "adjourn"}
    | {"move", "push", "bring", "fix", "book", "pencil"}
)
_SCHEDULED_TIME_PREPOSITIONS = frozenset({"for", "to", "until", "till"})


def _scheduled_to(verb: Token, doc: Doc, date_start: int) -> bool:
    """ "The vote was scheduled for Friday", "the court postponed the hearing to Dec. 3": a past
    tense sets a time that may still be ahead."""
    if verb.lemma_.lower() not in _SCHEDULING_VERBS or date_start == 0:
        return False
    if doc[date_start - 1].lower_ not in _SCHEDULED_TIME_PREPOSITIONS:
        return False
    # "set up a panel on Monday", "brought in rules": a particle makes it another verb.
    return not any(c.dep_ == "prt" for c in verb.children)


def _tense(verb: Token, path: Iterable[Token]) -> Tense:
    """Past, present or future as the verb (and the words between it and the date) say."""
    for token in path:
        if token.lower_ in _FORWARD_WORDS or any(
            c.dep_ == "amod" and c.lower_ in _FORWARD_WORDS for c in token.children
        ):
            return Tense.FUTURE
    return _verb_tense(verb, depth=0)


def _verb_tense(verb: Token, depth: int) -> Tense:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if _same_form_in_a_clause(verb, auxiliaries) and depth < 4:
        return _verb_tense(verb.head, depth + 1)
    if any(a.lower_ in _FUTURE_AUX for a in auxiliaries):
        return Tense.FUTURE
    if _future_in_the_past(verb, auxiliaries):
        return Tense.FUTURE
    complement = verb.dep_ == "xcomp" or (verb.dep_ == "ccomp" and _is_infinitive(verb))
    if complement and verb.head.lemma_ in _FUTURE_CONTROL | _COMMITMENT_VERBS | {"be"}:
        perfect = any(a.lemma_ == "have" for a in auxiliaries)
        if not perfect:
            # "agrees to return on Friday" lies ahead; "agreed to return on Friday" lay ahead
            # when agreed, on either side of publication now.
            past = _verb_tense(verb.head, depth + 1) is Tense.PAST
            return Tense.EITHER if past else Tense.FUTURE
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return Tense.PAST
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries):
        return Tense.PAST  # "has met", "to have hit": done before the time of writing
    if verb.lower_ in ("due", "scheduled", "slated"):
        return Tense.FUTURE
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxiliaries:
        # "the law, passed on Wednesday": done; "talks planned for Friday": still ahead.
        return Tense.FUTURE if verb.lemma_ in _FUTURE_CONTROL else Tense.PAST
    if verb.tag_ in ("VBZ", "VBP", "MD") or any(
        a.tag_ in ("VBZ", "VBP", "MD") for a in auxiliaries
    ):
        return Tense.PRESENT
    # A participle or infinitive without auxiliaries takes the tense of the clause it sits in.
    if depth < 4 and verb.head.i != verb.i:
        above, path = _governing_verb(verb.head) if not _is_verb(verb.head) else (verb.head, [])
        if above is not None:
            return _tense(above, path) if depth == 0 else _verb_tense(above, depth + 1)
    return Tense.PRESENT


# Verbs whose past is spelt as their present ("rivers burst their banks"): the form alone does
# not tell the tense (a closed class of English irregular verbs).
_SAME_FORM_VERBS = frozenset(
    {
        "bet", "bid", "broadcast", "burst", "cast", "cost", "cut", "forecast", "hit", "hurt",
        "let", "put", "quit", "read", "set", "shed", "shut", "split", "spread", "thrust", "upset",
    }
)  # fmt: skip


def _same_form_in_a_clause(verb: Token, auxiliaries: list[Token]) -> bool:
    """A verb spelt alike in past and present, with no auxiliary to tell which, inside a clause
    that hangs from another verb: it takes that verb's tense ("41 people were missing after
    rivers burst their banks on Saturday" is the Saturday before; "will reopen once crews cut
    the cables on Thursday", the Thursday ahead)."""
    return (
        verb.lower_ in _SAME_FORM_VERBS
        and not auxiliaries
        and verb.tag_ in ("VBP", "VBD", "VB")  # the model's guess between them
        and verb.dep_ in ("advcl", "conj", "ccomp", "relcl")
        and _is_verb(verb.head)
        and verb.head.i != verb.i
    )


def _future_in_the_past(verb: Token, auxiliaries: list[Token]) -> bool:
    """ "X said the work would resume on Sunday": "would" reporting a past statement about what
    was still to come (a counterfactual "would have" is not)."""
    if not any(a.lower_ == "would" for a in auxiliaries):
        return False
    if any(a.lemma_ == "have" for a in auxiliaries):
        return False
    reporting = verb.head
    return verb.dep_ == "ccomp" and reporting.i != verb.i and reporting.tag_ == "VBD"


def _is_infinitive(verb: Token) -> bool:
    """ "to double", "to have hit": a verb introduced by "to"."""
    return any(c.tag_ == "TO" and c.dep_ == "aux" for c in verb.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECT_DEPS for c in verb.children)


def _clause_verb(verb: Token) -> Token:
    """The verb whose clause the event is: participles and infinitives give way to their clause.

    "to have hit" stays (its subject is borrowed from "were reported"), "Speaking on Thursday, X
    said" climbs to "said", "a truce starting 1 March was rejected" climbs to "was".
    """
    current = verb
    for _ in range(6):
        if current.head.i == current.i or current.dep_ == "ROOT":
            return current
        if current.dep_ == "xcomp" and any(
            c.lemma_ == "have" and c.dep_ == "aux" for c in current.children
        ):
            return current
        # "expects sales to double": the infinitive's own subject does not make it a clause.
        if _has_subject(current) and not _is_infinitive(current):
            return current
        if current.tag_ not in ("VB", "VBG", "VBN"):
            return current
        if current.dep_ == "conj" and not _misread_conjunct(current):
            return current  # its own clause, subject shared with the first conjunct
        above, _ = _governing_verb(current)
        if above is None:
            return current
        current = above
    return current


def _misread_complement(verb: Token, child: Token) -> bool:
    """An infinitive the parse hangs as an adverbial clause on a verb of planning or offering:
    what was offered ("offered on Wednesday to mediate"), not a clause of its own."""
    return (
        child.dep_ == "advcl"
        and _is_infinitive(child)
        and verb.lemma_ in _FUTURE_CONTROL | _COMMITMENT_VERBS
    )


def _misread_conjunct(verb: Token) -> bool:
    """An "-ing" word the parse coordinates with a verb that cannot share its auxiliaries: "would
    pay for six staff and longer opening hours" ("would opening" is no verb group). It is a word
    of that verb's clause, not a clause of its own; "were marching and chanting" is one."""
    if verb.dep_ != "conj" or verb.tag_ != "VBG":
        return False
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return False
    first = verb.head
    return (
        _is_verb(first)
        and not any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in first.children)
        and first.lemma_ != "be"
    )


def find_events(
    parsed: ParsedArticle, dates: list[DateMention], actors: ActorIndex, places: PlaceIndex
) -> list[Event]:
    """One event per dated clause, earliest first (undated last)."""
    doc = parsed.doc
    dateline = frozenset(i for d in find_datelines(parsed) for i in d.words)
    dates = _without_naming_years(doc, dates)
    # Dates on one word that name one time date one event ("on Friday, Feb. 12", "in 2015, on
    # 3 March"); dates on different words of a clause ("voted on Monday to start work in June",
    # "reported last month a loss for 2018") are two, and so are separate times on one word
    # ("audited in 2019 and again last month", "to 4% by 2027, from 5.7% last year").
    by_verb: dict[tuple[int, int], list[list[DateMention]]] = {}
    for mention in dates:
        anchor = mention.anchor if mention.anchor is not None else -1
        groups = by_verb.setdefault((mention.sentence, anchor), [])
        same = next((g for g in groups if any(_overlap(m, mention) for m in g)), None)
        if same is None:
            groups.append([mention])
        else:
            same.append(mention)
    events = []
    # A pull quote or a repeated paragraph tells the same event twice: it is listed once.
    told: set[tuple[DateValue | None, str, str]] = set()
    for mentions in (group for groups in by_verb.values() for group in groups):
        mention = min(mentions, key=_most_precise)
        clause_index = mention.clause if mention.clause is not None else -1
        if clause_index >= 0:
            clause = doc[clause_index]
            tokens, subject_text = _summary_tokens(clause, mentions, actors, dateline)
            summary = _summary_text(subject_text, tokens)
        else:
            sentence = parsed.sentences[mention.sentence]
            tokens = [t for t in sentence if not mention.start <= t.i < mention.end]
            summary = _summary_text(None, tokens)
        clause_tokens = list(_subject_token_indices(doc, clause_index, actors))
        clause_tokens += [t.i for t in tokens]
        telling = (mention.value, mention.expression.lower(), summary.lower())
        if telling in told:
            continue
        told.add(telling)
        events.append(
            Event(
                date=mention.value,
                expression=mention.expression,
                summary=summary or parsed.sentences[mention.sentence].text.strip(),
                actor_ids=_unique(_actor_ids(actors, clause_tokens)),
                places=_unique(p for i in clause_tokens if (p := places.place_at(i)) is not None),
                planned=any(m.planned for m in mentions if m.value == mention.value),
                source=parsed.ref(mention.start),
            )
        )
    return sorted(events, key=_event_order)


def _without_naming_years(doc: Doc, dates: list[DateMention]) -> list[DateMention]:
    """The dates without those that only name which thing a noun is, in a clause dated by
    another expression: "rejected the 2027 budget on Tuesday" tells one event, on Tuesday; the
    year says which budget. Alone in its clause the year stays ("the 2011 earthquake killed
    200 people")."""
    dated_clauses = {(m.sentence, m.clause) for m in dates if m.anchor == m.clause}
    return [
        m
        for m in dates
        if not (_before_its_noun(doc, m) and (m.sentence, m.clause) in dated_clauses)
    ]


def _before_its_noun(doc: Doc, mention: DateMention) -> bool:
    """A date modifying the noun right after it ("the 2027 budget", "its March 3 vote")."""
    anchor = mention.anchor
    if anchor is None or anchor == mention.clause or anchor < mention.end:
        return False
    noun = doc[anchor]
    between = doc[mention.end : anchor]
    return noun.pos_ in ("NOUN", "PROPN") and all(t.head.i == anchor for t in between)


def _overlap(a: DateMention, b: DateMention) -> bool:
    """Whether two mentions name overlapping times (one within the other, or the same)."""
    if a.value is None or b.value is None:
        return True
    return a.value.value <= b.value.end and b.value.value <= a.value.end


_PRECISION_RANK = {Precision.DAY: 0, Precision.WEEK: 1, Precision.MONTH: 2, Precision.YEAR: 3}


def _most_precise(mention: DateMention) -> tuple[int, int]:
    rank = 4 if mention.value is None else _PRECISION_RANK[mention.value.precision]
    return rank, mention.start


def _event_order(event: Event) -> tuple[int, str, int, int]:
    if event.date is None:
        return 1, "", 0, event.source.sentence
    # A period stands after every day it covers (see DateValue.timeline_key).
    end, rank = event.date.timeline_key
    return 0, end.isoformat(), rank, event.source.sentence


def _actor_ids(actors: ActorIndex, indices: Iterable[int]) -> Iterator[str]:
    for i in indices:
        actor = actors.actor_at(i)
        if actor is not None:
            yield actor.id


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _subject_token_indices(doc: Doc, clause_index: int, actors: ActorIndex) -> Iterator[int]:
    if clause_index < 0:
        return
    subject = _subject(doc[clause_index])
    if subject is not None:
        yield from (t.i for t in _compact_np(subject))
        reporter = _reporter(subject, actors)
        if reporter is not None:
            yield reporter.i


# The pronouns a reported clause may call its reporter by, with the kinds of actor each fits.
_REPORTER_PRONOUNS = {
    "it": frozenset({ActorKind.ORG, ActorKind.COUNTRY}),
    "they": frozenset({ActorKind.ORG, ActorKind.GROUP, ActorKind.COUNTRY}),
    "he": frozenset({ActorKind.PERSON}),
    "she": frozenset({ActorKind.PERSON}),
}


def _reporter(subject: Token, actors: ActorIndex) -> Token | None:
    """The actor a pronoun opening a reported clause stands for, when it is who reports it and
    the pronoun fits its kind: "the company said on Sunday it had diverted four ships"."""
    kinds = _REPORTER_PRONOUNS.get(subject.lower_)
    clause = subject.head
    if kinds is None or actors.actor_at(subject.i) is not None:
        return None
    if clause.dep_ != "ccomp" or clause.head.lemma_ not in SPEECH_VERBS:
        return None
    reporter = _nearest_subject(clause.head)
    if reporter is None:
        return None
    # The actor may be named beside the subject's noun: "the ferry firm Calvane said".
    named = (t for t in reporter.subtree if actors.actor_at(t.i) is not None)
    token = next(named, None)
    actor = actors.actor_at(token.i) if token is not None else None
    return token if actor is not None and actor.kind in kinds else None


def _subject(verb: Token) -> Token | None:
    """The clause's subject: its own, the antecedent of "who", or the one it shares."""
    current = verb
    for _ in range(4):
        subject = _nearest_subject(current)
        if subject is not None:
            if subject.lower_ in _RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return current.head
            return subject
        if current.dep_ not in ("xcomp", "conj", "advcl", "acl") or current.head.i == current.i:
            return None
        if current.dep_ == "acl" and _noun_root(current.head):
            # "Hollen's mayor, Ilse Varga, offered on Wednesday to ...": a sentence the parse
            # reads as one noun phrase; the finite verb it took for a participle is the noun's.
            return current.head
        current = current.head
    return None


def _noun_root(token: Token) -> bool:
    return token.dep_ == "ROOT" and token.pos_ in ("NOUN", "PROPN")


def _nearest_subject(verb: Token) -> Token | None:
    """The verb's own subject. A clause has one; when the parse hangs two on it, the other is a
    phrase fronted before the subject (a dateline's city before its dash: "Hollen — Nurses
    walked out"), so the subject is the one nearest the verb on its left, else the first."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    before = [s for s in subjects if s.i < verb.i]
    if before:
        return before[-1]
    return subjects[0] if subjects else None


def _compact_np(
    head: Token, keep: frozenset[int] = frozenset(), drop: frozenset[int] = frozenset()
) -> list[Token]:
    """A noun phrase without relative clauses, appositions and other clauses hung inside it.

    A clause holding a word in `keep` (the event's date) stays; words in `drop` go.
    """
    dropped: set[int] = set(drop)
    for token in head.subtree:
        clause = token.dep_ in _COMPACT_NP_DROPPED or (_is_verb(token) and _has_subject(token))
        if token.i != head.i and clause and token.i not in dropped:
            inside = {t.i for t in token.subtree}
            if not inside & keep:
                dropped.update(inside)
    # Commas and brackets that only fenced off a dropped clause go with it.
    edges = {head.left_edge.i - 1, head.right_edge.i + 1}
    return [
        t
        for t in head.subtree
        if t.i not in dropped and not (t.is_punct and ({t.i - 1, t.i + 1} & (dropped | edges)))
    ]


def _pruned_subtree(token: Token, excluded: set[int]) -> list[Token]:
    """A dependent's words, without clauses hung on its own verb and without excluded words."""
    dropped = set(excluded)
    if _is_verb(token):
        for child in token.children:
            if child.dep_ in ("advcl", "parataxis") or (child.dep_ == "conj" and _is_verb(child)):
                dropped.update(t.i for t in child.subtree)
    return [t for t in token.subtree if t.i not in dropped]


def _summary_tokens(
    clause: Token, mentions: list[DateMention], actors: ActorIndex, dateline: frozenset[int]
) -> tuple[list[Token], str | None]:
    """The clause's words in reading order (subject first), and the subject's words; the words
    of a dateline (`dateline`) are none of them."""
    excluded: set[int] = set(dateline)
    # Words the parse coordinated with the verb by mistake are words of the clause.
    misread = [c for c in clause.children if _misread_conjunct(c)]
    verb_words = {clause.i} | {c.i for c in misread}
    for mention in mentions:
        # The date is dropped where it only dates the clause; inside an argument it stays.
        if mention.anchor in verb_words:
            excluded.update(range(mention.start, mention.end))
    subject = _subject(clause)
    # A date inside the subject ("a truce starting 1 May") stays unless it dates this verb,
    # directly or through an aside ("The minister, speaking on Friday, said").
    date_tokens = frozenset(
        i
        for m in mentions
        if m.anchor != clause.i and not _is_aside(clause.doc, m.head)
        for i in range(m.start, m.end)
    )
    subject_text = None
    if subject is not None:
        subject_text = _subject_text(subject, actors, date_tokens, dateline)
        if subject.i == clause.head.i:  # the antecedent of "who": without the clause itself
            own = frozenset(t.i for t in clause.subtree)
            subject_text = _join(_compact_np(subject, date_tokens, own | dateline))
    perfect_infinitive = clause.dep_ == "xcomp"
    verb_group = [clause] + [
        c
        for c in clause.children
        if c.dep_ in _VERB_GROUP_DEPS
        and not (perfect_infinitive and (c.lower_ in ("to", "have") or c.tag_ == "TO"))
    ]
    if clause.dep_ == "conj" and len(verb_group) == 1 and clause.tag_ in ("VBN", "VBG"):
        # "was proposed in 2014 and revised last year": the second verb shares the first's "was".
        verb_group += [c for c in clause.head.children if c.dep_ in ("aux", "auxpass")]
    body: list[Token] = []
    for child in clause.children:
        if child.dep_ == "cc" and any(c.i > child.i for c in misread):
            body.append(child)  # "pay for six staff and longer opening hours"
            continue
        if child in verb_group or child.dep_ in _SUBJECT_DEPS:
            continue
        if child.dep_ in _DROPPED_DEPS and not _misread_complement(clause, child):
            continue
        if child.dep_ == "conj" and _is_verb(child) and child not in misread:
            continue
        if child.i < clause.i and child.dep_ not in ("ccomp", "dobj", "attr", "acomp"):
            continue  # fronted adverbs and phrases ("Meanwhile,", "In Munich,") frame the clause
        body.extend(_pruned_subtree(child, excluded))
    verb_tokens = [t for t in verb_group if t.i not in excluded]
    kept = {t.i for t in body} | {t.i for t in verb_tokens}
    # A comma on the verb stays where it separates two kept words ("cases of fever, the most").
    body += [
        c
        for c in clause.children
        if c.dep_ == "punct"
        and c.i + 1 in kept
        and any(clause.i <= i < c.i for i in kept)
        and not c.is_quote
    ]
    ordered = sorted(verb_tokens, key=lambda t: t.i) + sorted(
        (t for t in body if t.i > clause.i), key=lambda t: t.i
    )
    # A clause fronted before its verb (reported speech: "X was unacceptable, an official said")
    # reads after the verb.
    ordered += sorted((t for t in body if t.i < clause.i), key=lambda t: t.i)
    return ordered, subject_text


def _is_aside(doc: Doc, verb_index: int | None) -> bool:
    """A present participle between commas ("X, speaking on Friday, said"): the same event as
    its clause. A past one ("the law, passed on Wednesday, takes effect") is another event."""
    if verb_index is None:
        return False
    verb = doc[verb_index]
    before = verb.left_edge.i - 1
    return verb.tag_ == "VBG" and before >= 0 and doc[before].text == ","


def _subject_text(
    subject: Token, actors: ActorIndex, keep: frozenset[int], drop: frozenset[int]
) -> str:
    reporter = _reporter(subject, actors)
    actor = actors.actor_at(subject.i if reporter is None else reporter.i)
    if subject.pos_ == "PRON" and actor is not None:
        return actor.name
    words = _compact_np(subject, keep, drop)
    if len(words) > 8 and actor is not None:
        return actor.name
    text = _join(words)
    # An aside opened by a comma inside the subject is closed before the verb.
    after = words[-1].i + 1 if words else len(subject.doc)
    opened = any(t.text == "," for t in words)
    if opened and after < len(subject.doc) and subject.doc[after].text == ",":
        text += ","
    return text


def _join(tokens: Iterable[Token]) -> str:
    """The tokens' text; a space wherever words were left out or moved."""
    parts: list[str] = []
    previous: Token | None = None
    moved = False
    for token in tokens:
        text = token.text
        if previous is not None:
            contiguous = token.i == previous.i + 1
            closing = token.text in _CLOSING_PUNCT
            parts.append(previous.whitespace_ if contiguous else "" if closing else " ")
            moved = moved or token.i < previous.i
        # A sentence opening moved after its verb ("The Kremlin has ..., X said") goes lower.
        if moved and not token.is_punct:
            if _opens_sentence(token) and token.pos_ != "PROPN" and text != "I":
                text = text.lower()
            moved = False
        parts.append(text)
        previous = token
    return _SPACES.sub(" ", "".join(parts)).strip()


def _opens_sentence(token: Token) -> bool:
    """The first word of its sentence, opening quotation marks aside."""
    return all(t.is_punct or t.is_space for t in token.doc[token.sent.start : token.i])


def _summary_text(subject: str | None, tokens: list[Token]) -> str:
    """Subject and clause, trimmed to about SUMMARY_WORDS words without a dangling last word."""
    while tokens and tokens[0].pos_ in ("PUNCT", "CCONJ", "SCONJ"):
        tokens = tokens[1:]
    subject_words = len(subject.split()) if subject else 0
    budget = max(SUMMARY_WORDS - subject_words, 4)
    words = [t for t in tokens if not t.is_space]
    trimmed = len([t for t in words if not t.is_punct]) > budget
    if trimmed:
        kept: list[Token] = []
        count = 0
        for token in words:
            if not token.is_punct:
                count += 1
            if count > budget:
                break
            kept.append(token)
        words = kept
    # A summary does not end on a dangling word ("of the", "said he"), unless whole and a pronoun.
    while words and _dangles(words[-1]) and not (words[-1].pos_ == "PRON" and not trimmed):
        words = words[:-1]
    text = _join(words)
    if subject:
        text = f"{subject} {text}".strip()
    text = _balance_quotes(text)
    if trimmed:
        text += " …"
    return text[:1].upper() + text[1:]


def _balance_quotes(text: str) -> str:
    """A trimmed summary does not leave a quotation open."""
    if text.count('"') % 2:
        text = text.replace('"', "")
    return text


def _dangles(token: Token) -> bool:
    """A word a summary cannot end on: a preposition, article, conjunction or punctuation mark."""
    if token.text == "%":  # tagged as punctuation, read as a word: "fell 6%"
        return False
    return token.pos_ in _TRAILING_JUNK or token.is_punct
