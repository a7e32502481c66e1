"""Date expressions as news articles write them, resolved against the publication date.

Pure: no spaCy. The caller decides the tense from the governing verb; this module decides which
calendar date an expression means under that tense ("on Wednesday" in a past-tense sentence is the
most recent Wednesday, in a future one the next).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum, StrEnum

from bot.briefing.models import DateValue, Precision

# Expressions are short; anything longer is a sentence, not a date, and is refused unread.
MAX_EXPRESSION_CHARS = 120


class Tense(StrEnum):
    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"
    # A plan reported in the past ("agreed on Thursday to return on Friday", "was expected to
    # land on Tuesday"): what was ahead then may be past or ahead now; the nearer one wins.
    EITHER = "either"


class _Direction(Enum):
    BACK = "back"  # on or before publication
    FORWARD = "forward"  # on or after publication
    NEAREST = "nearest"


WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_UNITS: dict[str, Precision] = {
    "day": Precision.DAY,
    "week": Precision.WEEK,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
}
# Units that make "N <unit>" a duration or an age, never a calendar date.
_DURATION_UNITS = frozenset(
    {"second", "minute", "min", "hour", "hr", "day", "night", "week", "fortnight", "month", "year"}
    | {"decade", "century", "millennium", "season", "term", "quarter"}
)
_NUMBER_WORDS: dict[str, int] = {
    word: n
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"a": 1, "an": 1, "couple": 2, "few": 3, "several": 3}
# Words that schedule what they date ("a ceasefire starting 1 March"): ahead of publication even
# under a past-tense verb ("the offer of a truce starting 1 May was rejected"), unless it is far.
_SCHEDULE_MARKERS = frozenset({"starting", "beginning", "effective", "ahead"})
# Bounds that point ahead only when no verb says otherwise ("until March", "by 1 June").
_BOUND_MARKERS = frozenset({"from", "until", "till", "til", "by"})
_BACKWARD_MARKERS = frozenset({"since", "ago"})
# A vague span ("recent weeks", "the coming days") or one relative to another event ("the same
# day", "the following week"): a date of its own cannot be given.
_VAGUE_WORDS = frozenset(
    {"recent", "recently", "coming", "past", "following", "previous", "same", "that", "which"}
    | {"decade", "decades", "century", "centuries", "era", "age", "old", "aged", "long", "period"}
)
_PERIOD_OF_DAY = frozenset(
    {"morning", "afternoon", "evening", "night", "noon", "midday", "lunchtime"}
)
_SEASON_WORDS = frozenset({"spring", "summer", "autumn", "fall", "winter"})

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
# Words, numbers with an optional ordinal suffix, and "1990s"-style decades; hyphen kept apart.
_WORD = re.compile(r"[a-z]+|\d+(?:st|nd|rd|th|s)?|-|'\d\d")
# "five-year", "two-week-long", "60-year-old": a compound adjective of a duration or an age.
_HYPHEN_DURATION = re.compile(
    r"\b\w+-(?:second|minute|min|hour|day|night|week|month|year|decade)s?\b", re.IGNORECASE
)


@dataclass(frozen=True)
class _Words:
    words: tuple[str, ...]

    def has(self, *names: str) -> bool:
        return any(name in self.words for name in names)

    def after(self, word: str) -> str | None:
        """The word following the first occurrence of `word`."""
        try:
            i = self.words.index(word)
        except ValueError:
            return None
        return self.words[i + 1] if i + 1 < len(self.words) else None


def resolve_date_expression(expression: str, published: dt.date, tense: Tense) -> DateValue | None:
    """The date an expression means in an article published on `published`, or None.

    None for what is not a calendar date: durations ("for two weeks", "five-year"), ages, decades,
    reading times and dates relative to another event ("the next day").
    """
    text = expression.lower().strip()
    if not text or len(text) > MAX_EXPRESSION_CHARS:
        return None
    iso = _ISO_DATE.search(text)
    if iso:
        return _safe_day(int(iso[1]), int(iso[2]), int(iso[3]))
    first_year = _year_span_start(text)
    if first_year is not None:
        return _year_value(first_year)
    if _HYPHEN_DURATION.search(text) and not _has_year(text):
        return None
    words = _Words(tuple(w for w in _WORD.findall(text.replace("’", "'")) if w != "-"))
    if not words.words:
        return None
    try:
        amount_at = _amount_at(words)
        if amount_at is not None:
            # An amount of time is a date only counted from publication: "3 weeks ago".
            return _relative_amount(words, amount_at, published, tense)
        direction = _direction(words, tense)
        days = _days_direction(direction, tense)
        with_year = _month_in_named_year(words, published)
        if with_year is not None:
            return _calendar(with_year, published, direction, days)
        return (
            _week_of_month(words, published, direction)
            or _deictic(words, published, direction, days)
            or _calendar(words, published, direction, days)
        )
    except OverflowError:  # "100000 days ago", or a publication date at the calendar's edge
        return None


# "2022-23", "2022-2023", "1999–2003": a span of years, written with a dash or a slash.
_YEAR_SPAN = re.compile(r"\b(\d{4})\s?[-–/]\s?(\d{4}|\d{2})\b")


def _year_span_start(text: str) -> int | None:
    """The first year of a span of years ("the 2022-23 season"), dated like "from 2004 to 2009":
    to its first year. None when the second part is no later year ("2022-10" is a month)."""
    match = _YEAR_SPAN.search(text)
    if match is None or _year(match[1]) is None:
        return None
    first, second = int(match[1]), match[2]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    return first if first < last <= first + 99 else None


_YEAR_STEPS = {"last": -1, "this": 0, "next": 1}


def _month_in_named_year(words: _Words, published: dt.date) -> _Words | None:
    """ "in March last year", "on 3 June next year": the words with that year written out, or
    None when no month is named with "last/this/next year"."""
    ws = words.words
    for i in range(len(ws) - 1):
        if ws[i] in _YEAR_STEPS and ws[i + 1] == "year" and any(w in MONTHS for w in ws[:i]):
            year = str(published.year + _YEAR_STEPS[ws[i]])
            return _Words((*ws[:i], year, *ws[i + 2 :]))
    return None


def _has_year(text: str) -> bool:
    return any(_year(w) is not None for w in _WORD.findall(text))


def _direction(words: _Words, tense: Tense) -> _Direction:
    if words.has(*_BACKWARD_MARKERS):
        return _Direction.BACK
    if words.has(*_SCHEDULE_MARKERS):
        # Under a past-tense verb it could be either side of publication: the nearer one wins.
        return _Direction.NEAREST if tense is Tense.PAST else _Direction.FORWARD
    if tense is Tense.PAST:
        return _Direction.BACK
    if tense is Tense.EITHER:
        return _Direction.NEAREST
    if tense is Tense.FUTURE or words.has(*_BOUND_MARKERS):
        return _Direction.FORWARD
    return _Direction.NEAREST


def _days_direction(direction: _Direction, tense: Tense) -> _Direction:
    """Where a weekday or weekend lies: a present tense over one is a schedule ("opens on
    Friday", "could meet on Monday"), so it lies ahead."""
    if direction is _Direction.NEAREST and tense is Tense.PRESENT:
        return _Direction.FORWARD
    return direction


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _unit(word: str) -> str | None:
    """The singular duration unit a word names ("weeks" -> "week"), if any."""
    for unit in _DURATION_UNITS:
        if word in (unit, unit + "s", unit + "es") or (unit == "century" and word == "centuries"):
            return unit
    return None


def _amount_at(words: _Words) -> int | None:
    """Where an amount of time ("two weeks", "4 min", "a year") starts, if the words hold one."""
    for i, word in enumerate(words.words[:-1]):
        if _number(word) is not None and _unit(words.words[i + 1]) is not None:
            return i
    return None


def _relative_amount(words: _Words, at: int, published: dt.date, tense: Tense) -> DateValue | None:
    """ "three weeks ago", "a year ago", "in two days" (future only); None for other amounts."""
    amount = _number(words.words[at])
    unit = _unit(words.words[at + 1])
    if amount is None or unit is None:
        return None
    rest = words.words[at + 2 :]
    if rest[:1] == ("ago",):
        return _shift(published, -amount, unit)
    if words.words[at - 1 : at] == ("in",) and tense is Tense.FUTURE and not rest:
        return _shift(published, amount, unit)
    return None


def _shift(published: dt.date, amount: int, unit: str) -> DateValue | None:
    if unit == "day":
        return DateValue(value=published + dt.timedelta(days=amount), precision=Precision.DAY)
    if unit in ("week", "fortnight"):
        days = 7 * amount * (2 if unit == "fortnight" else 1)
        return _week_of(published + dt.timedelta(days=days))
    if unit == "month":
        return _month(*_add_months(published.year, published.month, amount))
    if unit == "year":
        return _year_value(published.year + amount)
    if unit in _YEARS_IN:  # "a decade ago": the year, as "ten years ago" is
        return _year_value(published.year + amount * _YEARS_IN[unit])
    return None


_YEARS_IN = {"decade": 10, "century": 100}


_PARTS_OF_PERIOD = frozenset({"end", "start", "beginning", "middle", "rest", "turn", "close"})
_ORDINAL_WEEKS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1, "final": -1}


def _week_of_month(words: _Words, published: dt.date, direction: _Direction) -> DateValue | None:
    """ "the first week of April", "the last week of May": dated to the week's Monday."""
    ws = words.words
    for i in range(1, len(ws) - 2):
        if ws[i] == "week" and ws[i + 1] == "of" and ws[i - 1] in _ORDINAL_WEEKS:
            month_value = _calendar(_Words(ws[i + 2 :]), published, direction, direction)
            if month_value is None or month_value.precision is not Precision.MONTH:
                return None
            # A week belongs to the month holding most of its days (as ISO weeks do to years).
            nth = _ORDINAL_WEEKS[ws[i - 1]]
            first = month_value.value + dt.timedelta(days=3)
            last = month_value.end - dt.timedelta(days=3)
            return _week_of(last if nth < 0 else first + dt.timedelta(days=7 * nth))
    return None


def _deictic(
    words: _Words, published: dt.date, direction: _Direction, days: _Direction
) -> DateValue | None:
    """Dates named relative to the day of writing: today, last week, next month, this year."""
    day = published
    if words.has("today", "tonight"):
        return _day(day)
    if words.has("yesterday"):
        offset = -2 if words.has("before") else -1
        return _day(day + dt.timedelta(days=offset))
    if words.has("tomorrow"):
        offset = 2 if words.has("after") else 1
        return _day(day + dt.timedelta(days=offset))
    for modifier in ("this", "last", "next", "current"):
        target = words.after(modifier)
        step = {"this": 0, "current": 0, "last": -1, "next": 1}[modifier]
        if modifier == "this" and target == "past":  # "this past week" is last week
            step, target = -1, words.after("past")
        if modifier == "this" and target == "coming":  # "this coming Sunday" is next Sunday
            step, target = 1, words.after("coming")
        if target is None:
            continue
        if target in _PERIOD_OF_DAY:  # "this morning", "last night"
            return _day(day + dt.timedelta(days=min(step, 0)))
        if target == "week":
            week = _week_of(day + dt.timedelta(days=7 * step))
            # "on Friday of last week", "next week on Tuesday": that day of that week.
            named = [WEEKDAYS[w] for w in words.words if w in WEEKDAYS and len(w) > 3]
            return _day(week.value + dt.timedelta(days=named[0])) if named else week
        if target == "month":
            return _month(*_add_months(day.year, day.month, step))
        if target == "year":
            return _year_value(day.year + step)
        if target == "weekend":
            return _day(_weekend(day, step, days))
        if target in WEEKDAYS:
            return _day(_weekday_with_modifier(day, WEEKDAYS[target], step, days))
        if target in MONTHS and not _has_year(" ".join(words.words)):
            return _month_with_modifier(day, MONTHS[target], step, direction)
        if target in _SEASON_START and not _has_year(" ".join(words.words)):
            return _season_year(day, _SEASON_START[target], step)
    if words.has("weekend"):
        return _day(_weekend(day, 0, days))
    period_end = _period_before_end(words)
    if period_end == "year":  # "by year end", "by year-end": the current one
        return _year_value(day.year)
    if period_end == "month":
        return _month(day.year, day.month)
    for i in range(len(words.words) - 2):
        # "by the end of the year", "the rest of the month": the current one.
        part, of, the = words.words[i : i + 3]
        if part in _PARTS_OF_PERIOD and of == "of" and the == "the":
            period = words.words[i + 3] if i + 3 < len(words.words) else None
            if period == "week":
                return _week_of(day)
            if period == "month":
                return _month(day.year, day.month)
            if period == "year":
                return _year_value(day.year)
    return None


# The month each season opens in (northern hemisphere, as the wire writes it). Winter runs across
# two years, so "last winter" has no one year and is not dated.
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9}


def _season_year(published: dt.date, start_month: int, step: int) -> DateValue | None:
    """ "this summer", "last summer", "next spring": the year of that season, at year precision
    (a season names no month of its own). "last" is the latest one already over, "next" the first
    not yet begun."""
    if step == 0:
        return _year_value(published.year)
    end_month = start_month + 2
    if step < 0:
        over = published.month > end_month
        return _year_value(published.year if over else published.year - 1)
    begun = published.month >= start_month
    return _year_value(published.year + 1 if begun else published.year)


def _period_before_end(words: _Words) -> str | None:
    """ "year" for "year end" / "year-end", "month" for "month end"; None otherwise."""
    ws = words.words
    for i in range(len(ws) - 1):
        if ws[i + 1] == "end" and ws[i] in ("year", "month") and not (i and _year(ws[i - 1])):
            return ws[i]
    return None


# Words that put a dated thing in the part of a period still to come: "by the end of the year",
# "the rest of the month", "later this week", "by year end".
_LATER_PART_WORDS = frozenset({"end", "rest", "remainder", "close", "later"})


def names_later_part(expression: str) -> bool:
    """Whether the expression names the part of its period after some point ("by the end of the
    year", "later this month"): within the current period, that part lies after publication."""
    words = _WORD.findall(expression.lower())
    return any(w in _LATER_PART_WORDS for w in words)


def _calendar(
    words: _Words, published: dt.date, direction: _Direction, days: _Direction
) -> DateValue | None:
    """Calendar names: "1 March", "March 1st, 2016", "August 2011", "in June", "on Monday"."""
    ws = words.words
    if words.has(*_SEASON_WORDS):
        # "summer 2019", "the winter of 2018": the year; a season alone names no date.
        season_years = [y for y in (_year(w) for w in ws) if y is not None]
        return _year_value(season_years[0]) if len(season_years) == 1 else None
    if any(w.endswith("s") and w[:-1].isdigit() for w in ws) or any(w.startswith("'") for w in ws):
        return None  # "the 1990s", "the '90s"
    if any(w in _VAGUE_WORDS for w in ws):
        return None
    years = [y for y in (_year(w) for w in ws) if y is not None]
    month_positions = [i for i, w in enumerate(ws) if w in MONTHS]
    if month_positions:
        i = month_positions[0]
        month = MONTHS[ws[i]]
        day_of_month = _day_of_month_near(ws, i)
        year = years[0] if years else None
        if day_of_month is not None and len(month_positions) == 1 and _is_day_span(ws):
            # "Feb. 11-12", "from March 3 to 5", "March 21 and 22": only the month is certain.
            first = (
                _day_without_year(published, month, day_of_month, direction)
                if year is None
                else _safe_day(year, month, day_of_month)
            )
            return None if first is None else _month(first.value.year, month)
        if day_of_month is not None:
            if year is not None:
                return _safe_day(year, month, day_of_month)
            weekday = next((WEEKDAYS[w] for w in ws if w in WEEKDAYS and len(w) > 3), None)
            return _day_without_year(published, month, day_of_month, direction, weekday)
        if year is not None:
            return _month(year, month)
        return _month_without_year(published, month, direction)
    if len(ws) >= 2 and ws[-2] == "the" and _ORDINAL_DAY.fullmatch(ws[-1]):
        # "on the 14th": a day of the month around publication, on the side the tense points to.
        return _day_of_nearby_month(published, int(ws[-1][:-2]), days)
    weekdays = [WEEKDAYS[w] for w in ws if w in WEEKDAYS and _is_weekday_word(w, ws)]
    if weekdays:
        return _day(_weekday(published, weekdays[0], days))
    if years:
        return _year_value(years[0])
    return None


def _is_weekday_word(word: str, words: tuple[str, ...]) -> bool:
    # The short forms "sat", "sun" and "wed" are also ordinary words; only full names stand alone.
    return len(word) > 3 or len(words) == 1


def _year(word: str) -> int | None:
    if len(word) == 4 and word.isdigit():
        year = int(word)
        if 1800 <= year <= 2199:
            return year
    return None


_ORDINAL_DAY = re.compile(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)")


def _day_of_nearby_month(published: dt.date, day: int, direction: _Direction) -> DateValue | None:
    candidates = []
    for step in (-1, 0, 1):
        year, month = _add_months(published.year, published.month, step)
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:  # "the 31st" of a shorter month
            continue
    picked = _pick(candidates, published, direction)
    return None if picked is None else _day(picked)


def _is_day_span(words: tuple[str, ...]) -> bool:
    """Whether two days of one month are named, a span or a pair of days ("11-12", "3 to 5")."""
    days = [w for w in words if _day_number(w) is not None]
    return len(days) >= 2


def _day_number(word: str) -> int | None:
    digits = word.rstrip("stndrh")
    if digits.isdigit() and len(digits) <= 2 and 1 <= int(digits) <= 31:
        return int(digits)
    return None


def _day_of_month_near(words: tuple[str, ...], month_at: int) -> int | None:
    """The day number written beside a month: "1 March", "March 1st", "the 1st of March"."""
    candidates = [month_at + 1, month_at - 1, month_at - 2]
    for j in candidates:
        if 0 <= j < len(words):
            word = words[j]
            if j == month_at - 2 and words[month_at - 1] != "of":
                continue
            day = _day_number(word)
            if day is not None:
                return day
    return None


def _day(value: dt.date) -> DateValue:
    return DateValue(value=value, precision=Precision.DAY)


def _safe_day(year: int, month: int, day: int) -> DateValue | None:
    try:
        return _day(dt.date(year, month, day))
    except ValueError:
        return None


def _month(year: int, month: int) -> DateValue | None:
    if not 1 <= year <= 9999:
        return None
    return DateValue(value=dt.date(year, month, 1), precision=Precision.MONTH)


def _year_value(year: int) -> DateValue | None:
    if not 1 <= year <= 9999:
        return None
    return DateValue(value=dt.date(year, 1, 1), precision=Precision.YEAR)


def _week_of(day: dt.date) -> DateValue:
    return DateValue(value=day - dt.timedelta(days=day.weekday()), precision=Precision.WEEK)


def _add_months(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def _weekday(published: dt.date, weekday: int, direction: _Direction) -> dt.date:
    """The weekday's date within the seven days on the side of publication the tense points to."""
    back = (published.weekday() - weekday) % 7
    forward = (weekday - published.weekday()) % 7
    if direction is _Direction.BACK:
        return published - dt.timedelta(days=back)
    if direction is _Direction.FORWARD:
        return published + dt.timedelta(days=forward)
    if back <= forward:
        return published - dt.timedelta(days=back)
    return published + dt.timedelta(days=forward)


def _weekday_with_modifier(
    published: dt.date, weekday: int, step: int, direction: _Direction
) -> dt.date:
    """ "last Monday" is strictly before publication, "next Monday" strictly after."""
    if step < 0:
        return published - dt.timedelta(days=(published.weekday() - weekday - 1) % 7 + 1)
    if step > 0:
        return published + dt.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
    return _weekday(published, weekday, direction)


def _weekend(published: dt.date, step: int, direction: _Direction) -> dt.date:
    """The Saturday of the weekend meant."""
    saturday = 5
    if step < 0:
        # On a Saturday or Sunday, "last weekend" is the one before the current weekend.
        back = (published.weekday() - saturday) % 7
        if published.weekday() >= saturday:
            back += 7
        return published - dt.timedelta(days=back)
    if step > 0:
        return published + dt.timedelta(days=(saturday - published.weekday() - 1) % 7 + 1)
    if published.weekday() == 6:  # a Sunday article: the weekend is the one under way
        return published - dt.timedelta(days=1)
    return _weekday(published, saturday, direction)


def _month_with_modifier(
    published: dt.date, month: int, step: int, direction: _Direction
) -> DateValue | None:
    if step < 0:
        year = published.year if month < published.month else published.year - 1
        return _month(year, month)
    if step > 0:
        year = published.year if month > published.month else published.year + 1
        return _month(year, month)
    return _month(published.year, month)


def _pick(candidates: list[dt.date], published: dt.date, direction: _Direction) -> dt.date | None:
    if direction is _Direction.BACK:
        past = [c for c in candidates if c <= published]
        return max(past) if past else None
    if direction is _Direction.FORWARD:
        ahead = [c for c in candidates if c >= published]
        return min(ahead) if ahead else None
    # Ties go to the past: news reports more than it announces.
    return min(candidates, key=lambda c: (abs((c - published).days), c > published), default=None)


def _day_without_year(
    published: dt.date, month: int, day: int, direction: _Direction, weekday: int | None = None
) -> DateValue | None:
    candidates = []
    # Eight years either side always holds a 29 February.
    for year in range(published.year - 8, published.year + 9):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if weekday is not None:
        # "Monday, Oct. 26": the weekday names the year, whatever the tense, when one of the
        # years beside publication has that date on that weekday.
        near = [
            c for c in candidates if abs(c.year - published.year) <= 1 and c.weekday() == weekday
        ]
        if near:
            return _day(min(near, key=lambda c: (abs((c - published).days), c > published)))
    picked = _pick(candidates, published, direction)
    return None if picked is None else _day(picked)


def _month_without_year(published: dt.date, month: int, direction: _Direction) -> DateValue | None:
    # Counted in months, so that a month is "on or before" publication when it starts on or before
    # the publication month, and half a year back ties with half a year ahead.
    now = published.year * 12 + published.month - 1
    candidates = [(published.year + k) * 12 + month - 1 for k in (-1, 0, 1)]
    if direction is _Direction.BACK:
        picked = max(c for c in candidates if c <= now)
    elif direction is _Direction.FORWARD:
        picked = min(c for c in candidates if c >= now)
    else:
        picked = min(candidates, key=lambda c: (abs(c - now), c > now))
    return _month(picked // 12, picked % 12 + 1)


# "a month earlier", "two days later", "the next day", "the previous week": dates counted from
# another event the text has just dated, not from publication.
_COUNTED_FORWARD = frozenset({"later", "after"})
_COUNTED_BACK = frozenset({"earlier", "before"})
_NEXT_WORDS = frozenset({"next", "following"})
_PREVIOUS_WORDS = frozenset({"previous", "preceding"})
# The finest precision of an anchor that a count in each unit can be taken from.
_ANCHOR_PRECISION: dict[str, frozenset[Precision]] = {
    "day": frozenset({Precision.DAY}),
    "week": frozenset({Precision.DAY, Precision.WEEK}),
    "month": frozenset({Precision.DAY, Precision.WEEK, Precision.MONTH}),
    "year": frozenset(Precision),
}


def _relative_offset(expression: str) -> tuple[int, str] | None:
    """(signed amount, unit) of a date counted from another event, or None."""
    text = expression.lower().strip()
    if not text or len(text) > MAX_EXPRESSION_CHARS:
        return None
    ws = tuple(w for w in _WORD.findall(text.replace("’", "'")) if w not in ("-", "the"))
    if len(ws) == 3 and ws[2] in _COUNTED_FORWARD | _COUNTED_BACK:
        amount, unit = _number(ws[0]), _unit(ws[1])
        if amount is not None and unit in _ANCHOR_PRECISION:
            return (amount if ws[2] in _COUNTED_FORWARD else -amount), unit
    if len(ws) == 2:
        unit = _unit(ws[1])
        if unit in _ANCHOR_PRECISION and ws[0] in _NEXT_WORDS | _PREVIOUS_WORDS:
            return (1 if ws[0] in _NEXT_WORDS else -1), unit
        unit = _unit(ws[0])
        if unit in _ANCHOR_PRECISION and ws[1] in _COUNTED_FORWARD | _COUNTED_BACK:
            return (1 if ws[1] in _COUNTED_FORWARD else -1), unit  # "the day after"
    return None


def is_counted_from_another_date(expression: str) -> bool:
    """Whether the expression counts from another event's date ("a month earlier")."""
    return _relative_offset(expression) is not None


def resolve_counted_from(expression: str, anchor: DateValue) -> DateValue | None:
    """The date of "a month earlier", "two days later", "the next day" counted from `anchor`,
    at the precision of its unit; None when the anchor is coarser than the unit."""
    offset = _relative_offset(expression)
    if offset is None:
        return None
    amount, unit = offset
    if anchor.precision not in _ANCHOR_PRECISION[unit]:
        return None
    try:
        if unit == "day":
            return _day(anchor.value + dt.timedelta(days=amount))
        if unit == "week":
            return _week_of(anchor.value + dt.timedelta(days=7 * amount))
        if unit == "month":
            return _month(*_add_months(anchor.value.year, anchor.value.month, amount))
        return _year_value(anchor.value.year + amount)
    except OverflowError:
        return None
