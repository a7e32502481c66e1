"""How gold and predicted text are compared: names, words, date expressions, roles."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Words two spans of one date expression may differ by ("on Monday" / "Monday"), and deictic words
# that alone do not make two expressions the same ("last week" is not "last month").
_DATE_FILLERS = frozenset(
    {"on", "in", "at", "by", "for", "since", "until", "from", "to", "the", "a", "an", "of"}
    | {"starting", "beginning", "during", "into", "around", "as", "early", "late"}
    | {"last", "next", "this", "later", "earlier", "coming", "past"}
)
_OVERLAP_MIN_WORDS = 4


def name_key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name ("the U.S." -> "us")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[.'’`]", "", text)  # U.S. = US, Workers' = Workers
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def name_keys(names: Iterable[str]) -> frozenset[str]:
    return frozenset(key for key in map(name_key, names) if key)


def words(text: str) -> list[str]:
    """Lower-case word tokens; punctuation and quotation styles do not matter.

    An apostrophe separates words ("Britain's" -> "britain", "s"): GOLD.md asks annotators to
    keep apostrophes out of snippets, so a gold snippet often ends just before one.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.findall(r"\w+", text)


def contains_words(haystack: str, needle: str) -> bool:
    """Whether the words of `needle` occur as a contiguous run in `haystack`."""
    inner = " ".join(words(needle))
    return bool(inner) and f" {inner} " in f" {' '.join(words(haystack))} "


def expressions_overlap(gold: str, predicted: str) -> bool:
    """Two spans name the same date expression if they share a content word ("on Monday")."""
    gold_words = set(words(gold)) - _DATE_FILLERS or set(words(gold))
    predicted_words = set(words(predicted)) - _DATE_FILLERS or set(words(predicted))
    return bool(gold_words & predicted_words)


def role_matches(gold: str, predicted: str | None) -> bool:
    """A role matches when either normalised role holds the other as a run of words."""
    if not predicted or not name_key(predicted):
        return False
    return contains_words(predicted, gold) or contains_words(gold, predicted)


def quote_overlap(gold: str, predicted: str) -> float:
    """Share of a gold quote's words present in a prediction (0 for gold under four words)."""
    gold_words = words(gold)
    if len(gold_words) < _OVERLAP_MIN_WORDS:
        return 0.0
    present = set(words(predicted))
    return sum(1 for w in gold_words if w in present) / len(gold_words)


def stem(word: str) -> str:
    """A crude English stem, enough to tell that "ceasefires" and "ceasefire" name one subject."""
    word = word.casefold()
    for suffix in ("ations", "ation", "ings", "ing", "ies", "es", "s", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text) if len(w) > 2)
