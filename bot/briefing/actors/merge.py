"""Merging mentions: the names of one actor joined into one draft (a surname with the full name,
an acronym or a short form with an organisation's name, one body's name written two ways).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from bot.briefing.actors.reading import ACRONYM, Draft, Mention, Reading, acronym_key
from bot.briefing.models import ActorKind
from bot.briefing.vocabulary import ACRONYM_SKIP, ORG_NOUNS, SHORT_FORENAMES, TITLE_WORDS


def canonical_names(people: list[tuple[Span, int]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each person name -> the name it merges into: a surname into the one full name it ends, a
    shorter name into the one longer name it is part of."""
    names = {tuple(t.text for t in span) for span, _ in people}
    # A formal given name before its short form: "Bob Kessel" joins "Robert Kessel".
    full = sorted(
        (n for n in names if len(n) > 1), key=lambda n: (-len(n), _short_forename(n[0]), n)
    )
    canonical: dict[tuple[str, ...], tuple[str, ...]] = {}
    for name in full:
        longer = [
            c
            for c in dict.fromkeys(canonical.values())
            if _extends(c, name)
            or (c != name and _without_initials(c) == _folded(name))
            or _short_form_of(c, name)
        ]
        canonical[name] = longer[0] if len(longer) == 1 else name
    by_last: dict[str, set[tuple[str, ...]]] = {}
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for target in set(canonical.values()):
        by_last.setdefault(target[-1], set()).add(target)
        by_first.setdefault(target[0], set()).add(target)
    first_at: dict[tuple[str, ...], int] = {}
    for span, _ in people:
        first_at.setdefault(tuple(t.text for t in span), span.start)
    for name in names:
        if len(name) == 1:
            owners = by_last.get(name[0]) or by_first.get(name[0]) or set()
            if len(owners) == 1:
                canonical[name] = next(iter(owners))
            elif name[0] in by_last:
                # Relatives share a surname ("Ann Lee ... her husband, Ivo Lee"): copy names the
                # others in full, and the bare surname is the person it named first.
                canonical[name] = min(owners, key=lambda n: first_at.get(n, len(first_at)))
            else:
                canonical[name] = name
    return canonical


# A short given name -> the formal ones it is short for ("chris": "christopher", "christine").
_SHORT_TO_FORMAL = {
    short: {formal for formal, shorts in SHORT_FORENAMES.items() if short in shorts}
    for shorts in SHORT_FORENAMES.values()
    for short in shorts
}


def _short_forename(word: str) -> bool:
    return word.lower() in _SHORT_TO_FORMAL


def _short_form_of(formal: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """The name is the formal one with the given name cut to its usual short form ("Bob Kessel"
    for "Robert Kessel", with or without a middle initial): one person, not two."""
    full, short = _without_initials(formal), _without_initials(name)
    return (
        len(full) == len(short)
        and full[1:] == short[1:]
        and full[0].lower() in _SHORT_TO_FORMAL.get(short[0].lower(), set())
    )


def merge_abbreviated(reading: Reading, acronyms: dict[str, str]) -> None:
    """A draft named by another's abbreviation joins it ("NHS" read before "... Service (NHS)")."""
    for draft in list(reading.drafts.values()):
        target = acronyms.get(acronym_key(draft.name))
        if target is not None and target != draft.key and target in reading.drafts:
            reading.merge(draft, reading.drafts[target])


def read_acronyms(reading: Reading, acronyms: dict[str, str]) -> None:
    """Upper-case words elsewhere that abbreviate a name already read ("IS")."""
    for token in reading.tokens:
        initials = acronym_key(token.text)
        key = acronyms.get(initials)
        if key is None or token.i in reading.claimed or not ACRONYM.match(initials):
            continue
        if reading.gaz.country(token.text) is not None:
            continue
        reading.claim(reading.drafts[key], Mention(token.i, token.i + 1, token.i, token.text))


def read_repeats(reading: Reading) -> None:
    """Names the model tagged once and missed elsewhere ("the Islamic State group's")."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for draft in reading.drafts.values():
        if draft.kind not in {ActorKind.ORG, ActorKind.GROUP}:
            continue
        for alias in draft.aliases:
            words = tuple(alias.split())
            if len(words) > 1 or (words and words[0][:1].isupper() and len(words[0]) > 2):
                by_first.setdefault(words[0], []).append((words, draft.key))
    for options in by_first.values():
        options.sort(key=lambda item: -len(item[0]))
    doc = reading.doc
    for token in reading.tokens:
        if token.i in reading.claimed or (token.i > 0 and doc[token.i - 1].text == "-"):
            continue  # "non-NATO" is not NATO
        for words, key in by_first.get(token.text, ()):
            stop = token.i + len(words)
            if tuple(t.text for t in doc[token.i : stop]) == words and reading.free(token.i, stop):
                reading.claim(
                    reading.drafts[key],
                    Mention(token.i, stop, doc[token.i : stop].root.i, doc[token.i : stop].text),
                )
                break
        else:
            _read_short_form(reading, token, by_first)


def _read_short_form(
    reading: Reading, token: Token, by_first: dict[str, list[tuple[tuple[str, ...], str]]]
) -> None:
    """A lone name, untagged or taken for a person or an organisation, that opens exactly one
    organisation's name is that organisation: "Acme" after "Acme Foods"."""
    if token.text not in by_first:
        return
    ent = reading.entity_at.get(token.i)
    if ent is None:
        after = reading.doc[token.i + 1] if token.i + 1 < len(reading.doc) else None
        if token.pos_ != "PROPN" or (after is not None and after.pos_ == "PROPN"):
            return
    elif len(ent) != 1 or ent.label_ not in {"PERSON", "ORG"}:
        return
    keys = {key for words, key in by_first.get(token.text, ()) if len(words) > 1}
    if len(keys) != 1 or not reading.free(token.i, token.i + 1):
        return
    reading.claim(
        reading.drafts[next(iter(keys))], Mention(token.i, token.i + 1, token.i, token.text)
    )


# Houses and chambers, beside the bodies in ORG_NOUNS, that a name can end with.
_HOUSE_NOUNS = frozenset({"assembly", "parliament", "senate", "legislature", "cabinet", "police"})


def merge_short_forms(reading: Reading) -> None:
    """A name that starts exactly one longer organisation name is that organisation
    ("Labour" is the "Labour Party"); the kind of body that one name ends with is it too."""
    orgs = [d for d in reading.drafts.values() if d.kind in {ActorKind.ORG, ActorKind.GROUP}]
    for short in sorted(orgs, key=lambda d: len(d.name)):
        words = short.name.split()
        longer = [
            d
            for d in orgs
            if d is not short
            and d.key in reading.drafts
            and d.name.split()[: len(words)] == words
            and len(d.name.split()) > len(words)
            # "Tern Alliance Secretary General" is an office of the body, not its whole name.
            and d.name.split()[len(words)].lower() not in TITLE_WORDS
        ]
        if not longer and len(words) == 1 and words[0].lower() in ORG_NOUNS | _HOUSE_NOUNS:
            # "the Council" after "the Fenwick City Council": the kind of body the longer name
            # ends with stands for it, as "the council" does in lower case.
            longer = [
                d
                for d in orgs
                if d is not short
                and d.key in reading.drafts
                and d.name.split()[-1] == words[0]
                and len(d.name.split()) > 1
            ]
        if not longer and len(words) == 1:
            longer = [d for d in orgs if d is not short and _clips(words[0], d.name)]
        if len(longer) == 1:
            reading.merge(short, longer[0])


# Letters a clipped word keeps at the least and at the most: "Var", "Natl".
_CLIPPED_LETTERS = (3, 5)


def _clips(short: str, name: str) -> bool:
    """The short name is the first word of the longer one cut short, as copy clips a body's
    name after giving it in full: "the Vardel Reserve" ... "Var officials"."""
    words = name.split()
    low, high = _CLIPPED_LETTERS
    return (
        len(words) > 1
        and low <= len(short) <= high
        and short.istitle()
        and words[0] != short
        and words[0].startswith(short)
    )


def merge_country_prefixed(reading: Reading) -> None:
    """A body's name is its name with the country in front left off: the "Water Directorate" is
    the "Ruritanian Water Directorate", the "Fisheries Board" the "Dutch Fisheries Board" (copy
    names the country once, then drops it)."""
    bodies = [d for d in reading.drafts.values() if d.kind in {ActorKind.ORG, ActorKind.GROUP}]
    by_rest: dict[str, set[str]] = {}
    for draft in bodies:
        words = draft.name.split()
        for cut in range(1, len(words)):
            lead = " ".join(words[:cut])
            country = reading.gaz.country(lead) or reading.gaz.country_of_demonym(lead)
            if country is not None and country.country_code is not None:
                by_rest.setdefault(" ".join(words[cut:]), set()).add(draft.key)
                break
    for draft in bodies:
        keys = by_rest.get(draft.name, set()) - {draft.key}
        if len(keys) == 1 and draft.key in reading.drafts:
            target = reading.drafts[keys.pop()]
            reading.merge(draft, target)
            target.role = target.role or draft.role


def merge_of_names(reading: Reading) -> None:
    """A name that is what exactly one body's "... of X" name is of, and no country, is that
    body's short form: "Vessan" after "the Church of Vessan", as "Labour" is the "Labour
    Party"."""
    bodies: dict[str, set[str]] = {}
    for draft in reading.drafts.values():
        if draft.kind in {ActorKind.ORG, ActorKind.GROUP} and " of " in draft.name:
            bodies.setdefault(draft.name.rsplit(" of ", 1)[1], set()).add(draft.key)
    for draft in list(reading.drafts.values()):
        keys = bodies.get(draft.name, set()) - {draft.key}
        if draft.kind is not ActorKind.COUNTRY and len(keys) == 1:
            reading.merge(draft, reading.drafts[keys.pop()])


def merge_reworded(reading: Reading) -> None:
    """One body written two ways: "Ruritania's energy ministry" is the "Ministry of Energy of
    Ruritania" (the same words, a country by name or demonym, in another order)."""
    by_words: dict[frozenset[str], Draft] = {}
    for draft in list(reading.drafts.values()):
        if draft.kind is not ActorKind.ORG:
            continue
        words = _content_words(reading, draft.name)
        if len(words) < 2:
            continue
        other = by_words.get(words)
        if other is None:
            by_words[words] = draft
            continue
        # The proper name (more capitalised words) stays the canonical one.
        source, target = sorted((draft, other), key=lambda d: _capitalised(d.name))
        reading.merge(source, target)
        target.affiliation = target.affiliation or source.affiliation
        by_words[words] = target


def merge_same_names(reading: Reading) -> None:
    """Drafts of one name read as different kinds are one actor: the model may tag a name as a
    country in one sentence and a person or a body in the next ("Ruritania won a corner" beside
    "Ruritania scored"). A country keeps its kind; otherwise the draft named more often, and
    between as many a body before a person (the model takes a body's name for a person's more
    often than the other way round)."""
    by_name: dict[str, Draft] = {}
    ranked = sorted(
        reading.drafts.values(),
        key=lambda d: (
            d.kind is not ActorKind.COUNTRY,
            -sum(m.counts for m in d.mentions),
            d.kind is ActorKind.PERSON,
        ),
    )
    for draft in ranked:
        target = by_name.setdefault(draft.name, draft)
        if target is not draft:
            reading.merge(draft, target)
            target.role = target.role or draft.role
            target.affiliation = target.affiliation or draft.affiliation


_LONGEST_MISSPELT = 2  # edits between a surname and its misspelling ("Lindqvist", "Lindquvist")
_SHORTEST_MISSPELT = 6  # shorter surnames differ by two letters too often to be one name


def merge_misspelt_surnames(reading: Reading) -> None:
    """A lone name a letter or two off exactly one person's surname is that person, misspelt:
    copy often spells a name two ways ("Ann Lindqvist said ..." then "Ms Lindquvist added").
    The model may take the misspelling for a body, so any lone capitalised name is read."""
    surnames: dict[str, Draft] = {}
    for draft in reading.drafts.values():
        words = draft.name.split()
        if draft.kind is ActorKind.PERSON and len(words) > 1:
            surnames[words[-1]] = draft
    for draft in list(reading.drafts.values()):
        name = draft.name
        if draft.kind is ActorKind.COUNTRY or " " in name or not name.istitle():
            continue
        if len(name) < _SHORTEST_MISSPELT or name in surnames:
            continue
        near = {
            target.key
            for surname, target in surnames.items()
            if surname[0] == name[0] and _edits(surname, name) <= _LONGEST_MISSPELT
        }
        if len(near) == 1:
            reading.merge(draft, reading.drafts[near.pop()])


def _edits(a: str, b: str) -> int:
    """Levenshtein distance: the insertions, deletions and substitutions from a to b."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        previous = current
    return previous[-1]


def _content_words(reading: Reading, name: str) -> frozenset[str]:
    words: set[str] = set()
    for word in name.split():
        word = re.sub(r"['’]s$", "", word)
        if word.lower() in ACRONYM_SKIP:
            continue
        country = reading.gaz.country(word) or reading.gaz.country_of_demonym(word)
        words.add(country.country_code or word.lower() if country else word.lower())
    return frozenset(words)


def _capitalised(name: str) -> int:
    return sum(1 for word in name.split() if word[:1].isupper())


def _extends(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """True when the longer name ends with the shorter ("Ivo Brandt" extends "Brandt"), a
    particle read in either case ("Ana de Souza" extends "De Souza")."""
    return len(longer) > len(shorter) and _folded(longer[-len(shorter) :]) == _folded(shorter)


# Particles that open a surname: written in lower case inside the full name ("Ana de Souza"),
# they take a capital where the surname opens a sentence or stands alone ("De Souza said").
_SURNAME_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den",
     "la", "le", "ter", "ten"}
)  # fmt: skip
# A middle initial: "R." in "Ana R. Souza".
_INITIAL = re.compile(r"^[A-Z]\.?$")


def _folded(name: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w.lower() if w.lower() in _SURNAME_PARTICLES else w for w in name)


def _without_initials(name: tuple[str, ...]) -> tuple[str, ...]:
    """The name without its middle initials: copy gives "Ana R. Souza" once and then "Ana
    Souza", one person."""
    if len(name) < 3:
        return _folded(name)
    middle = tuple(w for w in name[1:-1] if not _INITIAL.match(w))
    return _folded((name[0], *middle, name[-1]))
