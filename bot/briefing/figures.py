"""Figures ("around 1,900 targets", "17 nations", "$3.5 billion") and what they count.

A figure is a number the NER model tags as a count, amount, money or percentage, or a number
word it missed. What it counts is the noun the number modifies in the parse ("1,900 targets"),
the noun after a hyphen ("the 17-nation group" counts nations), the noun after "of" ("thousands
of workers"), the currency of an amount or the unit of a quantity. Dates, times, ordinals and
numbers inside names are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc, Span, Token

from bot.briefing.dates import MONTHS, WEEKDAYS
from bot.briefing.models import Figure
from bot.briefing.parsed import ParsedArticle
from bot.briefing.places import PlaceIndex
from bot.briefing.vocabulary import CURRENCY_WORDS

_FIGURE_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
_NAME_LABELS = frozenset({"ORG", "PRODUCT", "LAW", "FAC", "EVENT", "WORK_OF_ART"})
_MINUTES = frozenset({"min", "mins", "minute", "minutes"})

_UNITS = {
    word: value
    for value, word in enumerate(
        (
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen",
        )
    )
}  # fmt: skip
_TENS = {
    word: 10 * value
    for value, word in enumerate(
        ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2
    )
}
_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "tn": 1e12,
}
_MULTIPLIERS = {"hundred": 100.0, "dozen": 12.0}
# Fractions written in words: a share of something, not a count.
_FRACTIONS = frozenset(
    {"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth"}
    | {"sixths", "seventh", "sevenths", "eighth", "eighths", "ninth", "ninths", "tenth", "tenths"}
)
# Full names of weekdays and months: dates, never counted things.
_CALENDAR_WORDS = frozenset(w for w in (*WEEKDAYS, *MONTHS) if len(w) > 3)
# Plural counts with no exact value: "thousands of workers".
_VAGUE = frozenset({"dozens", "hundreds", "thousands", "millions", "billions", "scores", "tens"})
_CURRENCY_SYMBOLS = {
    "$": "dollars",
    "us$": "US dollars",
    "£": "pounds",
    "€": "euros",
    "¥": "yen",
    "₹": "rupees",
    "₽": "roubles",
}
_PERCENT_WORDS = ("%", "percent", "per cent", "pc")
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_NUMBER_WITH_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|tn)$")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
# How far the counted noun may stand from its number ("17-nation Syria contact group").
_MAX_NOUN_GAP = 4
_IRREGULAR_PLURALS = {
    "man": "men",
    "woman": "women",
    "person": "people",
    "child": "children",
    "foot": "feet",
    "tooth": "teeth",
    "mouse": "mice",
}


@dataclass(frozen=True)
class _Reading:
    value: float | None
    counts: str | None
    start: int
    end: int


def find_figures(parsed: ParsedArticle, places: PlaceIndex) -> list[Figure]:
    """Every figure in the text with its value and what it counts, in text order."""
    doc = parsed.doc
    figures = []
    for span, label in _number_spans(doc, parsed.entities, places):
        reading = _read(doc, span, label)
        if reading is None:
            continue
        text = doc[reading.start : reading.end].text.strip()
        figures.append(
            Figure(text=text, value=reading.value, counts=reading.counts, source=parsed.ref(span))
        )
    return figures


def _number_spans(
    doc: Doc, entities: tuple[Span, ...], places: PlaceIndex
) -> list[tuple[Span, str]]:
    """Tagged figures, then number words the NER model missed, without overlaps."""
    spans: list[tuple[Span, str]] = []
    taken = [False] * len(doc)
    for ent in entities:
        for i in range(ent.start, ent.end):
            taken[i] = True
        if ent.label_ in _FIGURE_LABELS and not any(
            places.place_at(i) is not None for i in range(ent.start, ent.end)
        ):
            spans.append((ent, ent.label_))
    run_start: int | None = None
    for token in doc:
        loose = (
            not taken[token.i]
            and token.pos_ == "NUM"
            and token.like_num
            and places.place_at(token.i) is None
        )
        if loose and run_start is None:
            run_start = token.i
        elif not loose and run_start is not None:
            spans.append((doc[run_start : token.i], "CARDINAL"))
            run_start = None
    if run_start is not None:
        spans.append((doc[run_start:], "CARDINAL"))
    spans.sort(key=lambda item: item[0].start)
    return spans


def _read(doc: Doc, span: Span, label: str) -> _Reading | None:
    """The value, the counted thing and the full extent of one figure."""
    start, end = span.start, span.end
    # "£42m", "$3.5bn": the symbol and the scale often fall outside the tagged entity.
    while start > 0 and doc[start - 1].lower_ in _CURRENCY_SYMBOLS:
        start -= 1
    while end < len(doc) and (
        doc[end].lower_ in _SCALES or doc[end].lower_ in _MULTIPLIERS or doc[end].text == "%"
    ):
        end += 1
    if _hyphen_joined(doc, start - 1):
        return None  # the second half of "52-48": read with the first
    while _hyphen_joined(doc, end):
        end += 2  # "won 3-1", "passed 52-48", "3-4 days": one figure, no one value
    words = [t.lower_ for t in doc[start:end]]
    fraction = next((t for t in doc[start:end] if t.lower_ in _FRACTIONS), None)
    if fraction is not None:
        # "two-thirds of the budget", "about a third of voters": a share of what follows "of",
        # without one value (never "2 thirds").
        counted, stop = _counted(doc, fraction, end)
        if counted is None:
            return None  # "cut by half": no share of anything to look up
        return _Reading(None, counted, min(start, _qualifier_start(fraction, start)), stop)
    numbers = sum(1 for w in words if _is_number_word(w))
    if not numbers or _reading_time(doc, end):
        return None
    value = parse_number(words)
    # "thousands of workers" and "between 30 and 40 people" are figures without one value.
    vague = value is None and (numbers > 1 or any(w in _VAGUE for w in words))
    if value is None and not vague:
        return None
    if _ratio_first(doc, end):
        return None  # "1" of "1 in 5 adults": read with the second number
    ratio_start = _ratio_start(doc, start)
    if ratio_start is not None:
        # "1 in 5 adults", "one in four children": a share without one value, counting the noun
        # after its second number; the text runs from the first.
        root = _number_root(doc[start:end])
        counted, stop = _counted(doc, root, end)
        first = doc[ratio_start]
        begin = min(ratio_start, _qualifier_start(first, ratio_start))
        return _Reading(None, counted, begin, max(end, stop))
    root = _number_root(doc[start:end])
    if value is not None and _is_word_one(words, value):
        return None  # "one official said": not a figure anyone looks up
    start = min(start, _qualifier_start(root, start))
    percent = _percent_end(doc, start, end, words)
    if percent is not None:
        return _percent(doc, value, start, percent)
    currency = _currency(doc[start:end])
    if currency is not None:
        return _Reading(value, currency, start, end)
    if label == "QUANTITY":
        unit = doc[end - 1]
        if not _is_number_word(unit.lower_):
            return _Reading(value, _with_of(unit, unit.text), start, end)
    counted, stop = _counted(doc, root, end)
    if counted is None and label == "CARDINAL" and _YEAR.match("".join(words)):
        return None  # a year the date tagger missed ("in 1994")
    if counted is None and start > 0 and _labels(doc[start - 1]):
        return None  # a number that names something: "room 101", "Group of 20"
    return _Reading(value, counted, start, max(end, stop))


def _hyphen_joined(doc: Doc, dash: int) -> bool:
    """A hyphen at `dash` joins two numbers written in digits without spaces ("52-48")."""
    if dash < 1 or dash + 1 >= len(doc) or doc[dash].text not in ("-", "–"):
        return False
    before, after = doc[dash - 1], doc[dash + 1]
    return (
        bool(_NUMBER.match(before.text) and _NUMBER.match(after.text))
        and not before.whitespace_
        and not doc[dash].whitespace_
    )


def _is_ratio_number(token: Token) -> bool:
    return token.like_num and not _YEAR.match(token.text)


def _ratio_first(doc: Doc, end: int) -> bool:
    """The span ending at `end` is the first number of "N in M"."""
    return (
        end + 1 < len(doc)
        and doc[end].lower_ == "in"
        and _is_ratio_number(doc[end - 1])
        and _is_ratio_number(doc[end + 1])
    )


def _ratio_start(doc: Doc, start: int) -> int | None:
    """Where "N in M" begins when the span at `start` is its M, else None."""
    ratio = (
        start >= 2
        and doc[start - 1].lower_ == "in"
        and _is_ratio_number(doc[start])
        and _is_ratio_number(doc[start - 2])
    )
    return start - 2 if ratio else None


def _number_root(span: Span) -> Token:
    """The word the counted noun hangs from: the span's root, or its last number word when the
    tagged span runs on past the noun ("189 million years old" is rooted at "old")."""
    root = span.root
    if _is_number_word(root.lower_):
        return root
    numbers = [t for t in span if _is_number_word(t.lower_)]
    return numbers[-1] if numbers else root


def _reading_time(doc: Doc, end: int) -> bool:
    """True for a page's "4 min read" line."""
    following = [t.lower_ for t in doc[end : end + 2]]
    return len(following) == 2 and following[0] in _MINUTES and following[1] == "read"


def _labels(token: Token) -> bool:
    """True when a number after this token is a label, not an amount ("room 101"), or part of a
    name ("the Group of 20")."""
    if token.lower_ == "of" and token.head.pos_ == "PROPN" and token.head.i < token.i:
        return True
    return token.pos_ in {"NOUN", "PROPN"} or token.ent_type_ in _NAME_LABELS


def parse_number(words: list[str]) -> float | None:
    """The value of a number written in digits, words or both ("1,900", "two dozen", "3.5 bn");
    None for no number or a range ("between 30 and 40")."""
    total = 0.0
    current: float | None = None
    seen = False
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        scaled = _NUMBER_WITH_SCALE.match(word)
        if _NUMBER.match(word) or scaled:
            if current is not None or total:
                # A second number, after a bare one or a scaled one ("between $3 billion and
                # $4 billion", "3bn-4bn"): a range.
                return None
            if scaled:
                total += float(scaled.group(1)) * _SCALES[scaled.group(2)]
            else:
                current = float(word.replace(",", ""))
        elif word in _UNITS or word in _TENS:
            small = _UNITS.get(word) or _TENS.get(word, 0)
            # "twenty-five" and "two hundred and forty" add up; "thirty or forty" is a range.
            if current is not None and current % (10 if word in _UNITS else 100):
                return None
            current = (current or 0.0) + small
        elif word in {"a", "an"} and (following in _MULTIPLIERS or following in _SCALES):
            current = 1.0
            continue
        elif word in _MULTIPLIERS:
            current = (current if current is not None else 1.0) * _MULTIPLIERS[word]
        elif word in _SCALES and (seen or current is not None):
            total += (current if current is not None else 1.0) * _SCALES[word]
            current = None
        else:
            continue
        seen = True
    if not seen:
        return None
    return total + (current or 0.0)


def _is_number_word(word: str) -> bool:
    return bool(
        _NUMBER.match(word)
        or _NUMBER_WITH_SCALE.match(word)
        or word in _UNITS
        or word in _TENS
        or word in _MULTIPLIERS
        or word in _VAGUE
        or word in {"thousand", "million", "billion", "trillion"}
    )


def _is_word_one(words: list[str], value: float) -> bool:
    return value == 1 and not any(_NUMBER.match(w) for w in words)


def _qualifier_start(root: Token, start: int) -> int:
    """Where words qualifying the number begin ("around 1,900", "more than two dozen")."""
    lefts = [
        child
        for child in root.lefts
        if child.dep_ in {"quantmod", "advmod", "amod"} and child.i < start
    ]
    return min((child.left_edge.i for child in lefts), default=start)


def _percent_end(doc: Doc, start: int, end: int, words: list[str]) -> int | None:
    """The end of "12%", "12 per cent" or "1.5 percent", or None for other figures."""
    text = " ".join(words)
    if any(marker in text for marker in ("%", "percent", "per cent")):
        return end
    after = " ".join(t.lower_ for t in doc[end : end + 2])
    for marker in _PERCENT_WORDS:
        if after == marker or after.startswith(marker + " "):
            return end + len(marker.split())
    return None


def _percent(doc: Doc, value: float | None, start: int, end: int) -> _Reading:
    # "12% of voters" counts voters; a bare percentage counts per cent.
    if end < len(doc) and doc[end].lower_ == "of":
        for child in doc[end].children:
            if child.dep_ == "pobj":
                return _Reading(value, _noun_text(child), start, child.i + 1)
    return _Reading(value, "percent", start, end)


def _currency(tokens: Span) -> str | None:
    for token in tokens:
        if token.lower_ in _CURRENCY_SYMBOLS:
            return _CURRENCY_SYMBOLS[token.lower_]
        if token.lemma_.lower() in CURRENCY_WORDS:
            return token.lower_
    return None


def _counted(doc: Doc, root: Token, end: int) -> tuple[str | None, int]:
    """The noun a number counts, and where the figure's text should end."""
    hyphenated = end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].pos_ == "NOUN"
    if hyphenated:
        # "the 17-nation contact group" counts nations; the text runs to the group.
        noun = doc[end + 1]
        phrase_end = noun.head.i + 1 if 0 < noun.head.i - noun.i <= _MAX_NOUN_GAP else noun.i + 1
        return _plural(noun), phrase_end
    head = root.head
    while head.i < end and head.lower_ in _SCALES and head.head.i > head.i:
        # "1.3m homes": the model may hang the number on its own scale word; the counted noun is
        # the one that scale hangs from.
        head = head.head
    modifies = root.dep_ in {"nummod", "quantmod", "compound", "amod"}
    if head.lower_ in _CALENDAR_WORDS:
        # "120 on Monday, 140 Tuesday": a day or month named beside a number dates it; it is
        # not what the number counts.
        modifies = False
    if modifies and head.pos_ in {"NOUN", "PROPN"} and 0 < head.i - root.i <= _MAX_NOUN_GAP + 1:
        return _noun_text(head, after=end), head.i + 1
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in {"NOUN", "PROPN"}:
                    return _noun_text(grandchild), grandchild.i + 1
    # "by 84 votes to 79", "from 120 cases to 140": the second number of a range or a score
    # counts what the first one does.
    if root.i >= 3 and doc[root.i - 1].lower_ == "to":
        noun, number = doc[root.i - 2], doc[root.i - 3]
        if noun.tag_ in ("NNS", "NNPS") and number.like_num and number.head.i == noun.i:
            return _noun_text(noun), end
    return None, end


def _noun_text(noun: Token, after: int = 0) -> str:
    """A counted noun with its compounds ("health inspectors"), lower-cased unless a name; the
    figure's own words (before `after`) are never part of it."""
    compounds = [c.left_edge.i for c in noun.lefts if c.dep_ == "compound"]
    first = max(min([noun.i, *compounds]), min(after, noun.i))
    words = noun.doc[first : noun.i + 1]
    return " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in words)


def _with_of(unit: Token, text: str) -> str:
    for child in unit.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return f"{text} of {_noun_text(grandchild)}"
    return text


def _plural(noun: Token) -> str:
    """The plural of a counted noun written in the singular ("17-nation" counts nations)."""
    word = noun.lower_
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in set("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


# Scales a reader names rather than writes out, largest first.
_NAMED_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def natural_number(value: float) -> str:
    """A figure's value as a reader writes it: "1,900", "3.5", "189 million", "1,234,567"; never
    an exponent ("1.89e+08")."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    sign = "-" if value < 0 else ""
    size = abs(value)
    for scale, name in _NAMED_SCALES:
        if size >= scale:
            scaled = size / scale
            # A round amount reads in its scale ("3.5 billion"); an exact count keeps its digits.
            if size >= _NAMED_SCALES[0][0] or round(scaled, 2) == round(scaled, 9):
                return f"{sign}{_grouped(scaled)} {name}"
            break
    return sign + _grouped(size)


def _grouped(size: float) -> str:
    """Digits in groups of three, with up to six decimals and no trailing zeros."""
    if size == int(size):
        return f"{int(size):,}"
    if size < 1e-6:  # below six decimals: all its digits, still without an exponent
        return format(Decimal(repr(size)), "f")
    return f"{size:,.6f}".rstrip("0").rstrip(".")
