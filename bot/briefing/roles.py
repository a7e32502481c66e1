"""The role a text gives a named person, read from the dependency parse.

- a title before the name: "US Defence Secretary Ash Carter", "Russian defence ministry spokesman
  Igor Konasshenkov" (compound / nmod / amod modifiers of the name's head);
- an apposition: "Brett McGurk, the Obama administration's point-man for defeating IS," and the
  reverse "the panel's top Democrat, Eliot Engel,";
- a copula: "Smith, who is the chief executive, ..." and "Smith is the club's coach";
- an office after "as": "Smith resigned as finance minister";
- a definite description as a sentence subject ("the panel's top Democrat echoed ...") that the
  next sentence's newly named speaker fills in (see `description_subject`).
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Doc, Span, Token

from bot.briefing.vocabulary import (
    CAMP_PLURALS,
    COURTESY_TITLES,
    FUNCTION_BODIES,
    GEO_NOUNS,
    MILITARY_RANKS,
    ORG_NOUNS,
    PLACE_NOUNS,
    RANK_ABBREVIATIONS,
    THING_NOUNS,
    TITLE_WORDS,
)

_PERSON_SUFFIXES = ("ist", "er", "or", "ian", "ant", "ent", "man", "woman")
# Endings that make a thing, not a person, though they end like one ("agreement", "thermometer").
_THING_SUFFIXES = ("ment", "meter")
# Common nouns for things and abstractions that end like an occupation: the suffix test alone
# would count "the Zeta variant" or "a new browser" as people.
_NOT_PEOPLE = frozenset(
    {
        "variant", "plant", "restaurant", "grant", "implant", "pollutant", "instant",
        "computer", "printer", "container", "center", "centre", "water", "paper", "number",
        "border", "power", "order", "letter", "matter", "disaster", "sector", "factor",
        "motor", "error", "floor", "door", "mirror", "layer", "answer", "register", "quarter",
        "charter", "cancer", "fever", "shelter", "chapter", "poster", "filter", "trailer",
        "weather", "summer", "winter", "corridor", "other", "cluster", "scooter", "helicopter",
        "event", "incident", "percent", "content", "comment", "accident", "segment", "current",
        "patent", "component", "continent", "ingredient", "gradient", "moment", "element",
        "human", "median",
    }
)  # fmt: skip


# Endings of trades that no given name shares ("novelist", "filmmaker", "historian",
# "photographer"); "-er", "-or" and "-ian" alone end "Oliver", "Victor" and "Julian" too.
_TRADE_ENDINGS = ("ist", "maker", "grapher", "ician", "arian", "torian", "writer")


def is_trade_word(word: str) -> bool:
    """A word for a trade or a title however it is written: a capitalised "Historian" that
    opens a sentence before a name is the person's trade, not their first name."""
    lower = word.lower()
    return lower in TITLE_WORDS or (lower.endswith(_TRADE_ENDINGS) and lower not in _NOT_PEOPLE)


def is_person_noun(token: Token) -> bool:
    """A noun for a person: a title, or an occupation by its suffix ("entomologist", "driver"),
    unless it is a thing's noun that only ends like one ("variant", "browser")."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or lemma in PLACE_NOUNS | GEO_NOUNS | ORG_NOUNS:
        return False
    if lemma in TITLE_WORDS:
        return True
    if lemma in _NOT_PEOPLE | THING_NOUNS or lemma.endswith(_THING_SUFFIXES):
        return False
    return lemma.endswith(_PERSON_SUFFIXES)


_PREFIX_DEPS = frozenset({"compound", "nmod", "amod", "nn"})
_MAX_ROLE_TOKENS = 24  # longer appositions are clauses, not roles


def _clean(doc: Doc, start: int, end: int) -> Span | None:
    """The span without edge punctuation and white space, and without a bracketed aside at its
    end ("director of the Acme Fund (AF)"); None when nothing is left."""
    bracket = next((i for i in range(end - 1, start, -1) if doc[i].text == "("), None)
    if bracket is not None and not any(doc[i].text == ")" for i in range(bracket, end - 1)):
        end = bracket  # the bracket closes at the end, or past it: an aside, not a title word
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or doc[start].lower_ in {"a", "an", "both", "all"}
        or doc[start].tag_ == "WP$"
        or _passing_adverb(doc[start])
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end or end - start > _MAX_ROLE_TOKENS:
        return None
    return doc[start:end]


# Adverbs that say the post is behind the person; they stay in the role ("formerly a judge").
_PAST_ADVERBS = frozenset({"formerly", "previously", "once", "ex"})


def _passing_adverb(token: Token) -> bool:
    """An adverb opening a role that only dates it, "now" or "currently" in "X, currently a
    junior minister, ...": the role is the post itself ("whose director" likewise loses "whose"
    in a relative clause, above)."""
    return (
        token.pos_ == "ADV"
        and token.dep_ == "advmod"
        and token.head.pos_ in {"NOUN", "PROPN"}  # "privately held firm": the adverb is the firm's
        and token.lower_ not in _PAST_ADVERBS
    )


def _phrase_end(head: Token) -> int:
    """Where a noun phrase ends, without a relative clause after it ("a welder who has ...")
    and without a second role joined after a comma ("Director of X, and Chairman of Y")."""
    end = head.right_edge.i + 1
    doc = head.doc
    for child in head.rights:
        if child.dep_ == "relcl" and child.left_edge.i < end:
            end = child.left_edge.i
        if child.dep_ in {"cc", "conj"} and doc[child.i - 1].text == "," and child.i - 1 < end:
            end = child.i - 1
    # A relative clause set off by a comma that the parse hung on a noun inside the phrase
    # ("curator of birds at the museum in Ostby, who was not involved, ...") is an aside about
    # the person, not part of the role.
    for token in doc[head.i + 1 : end]:
        first = token.left_edge.i
        if token.dep_ == "relcl" and first > head.i and doc[first - 1].text == ",":
            end = min(end, first - 1)
        # A time the parse hung inside the phrase ("..., the deputy envoy to Tern on Tuesday,")
        # says when the sentence's event happened, not what the person is.
        if token.dep_ == "prep" and any(
            c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in token.children
        ):
            end = min(end, token.i)
    return end


def _has_person(span: Span, name: Span) -> bool:
    """Another person is named in the span; a title word the model ran into the name's entity
    ("Councillor" in "Councillor Anne Reed") names nobody."""
    return any(
        t.ent_type_ == "PERSON"
        and t.lower_ not in TITLE_WORDS
        and not plural_title(t)
        and not (t.is_sent_start and is_trade_word(t.text))
        and not name.start <= t.i < name.end
        for t in span
    )


def _looks_like_role(span: Span, head: Token | None = None) -> bool:
    """A role names an office or occupation: a title word, or a common noun as its head."""
    if any(t.lower_ in TITLE_WORDS for t in span) or plural_title(span[-1]):
        return True
    if _seat_on_body(span):
        return True
    if len(span) == 1 and span[0].is_sent_start and is_trade_word(span[0].text):
        return True  # "Novelist Ann Lee said": the trade, capitalised only by the sentence
    head = span[-1] if head is None else head
    return head.pos_ == "NOUN" and head.text.islower()


def _seat_on_body(span: Span) -> bool:
    """ "Board Member", "City Council member": a seat on a named kind of body is an office,
    though "member" alone names no office ("member states")."""
    if len(span) < 2 or span[-1].lower_ != "member":
        return False
    body = span[-2]
    return is_body_noun(body.lower_) or body.ent_type_ in _BODY_ENTITIES


def plural_title(token: Token) -> bool:
    """A title in the plural, written once before several names ("Justices", "Ministers")."""
    # A capitalised plural opening a sentence may be tagged as a singular name ("Directors").
    if token.tag_ not in {"NNS", "NNPS"} and not (token.tag_ == "NNP" and token.is_sent_start):
        return False
    word = token.lower_
    singular = word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s")
    return singular != word and singular in TITLE_WORDS


def plural_person_noun(token: Token) -> bool:
    """A noun for people in the plural ("Justices", "engineers"), which a title set before a
    list of names is written in though each person listed holds it singly."""
    if plural_title(token):
        return True
    return token.tag_ in {"NNS", "NNPS"} and is_person_noun(token) and token.lemma_ != token.text


def singular_title(token: Token) -> str:
    """The title word as one person holds it: the plural written before several names is
    made singular ("Justices" -> "Justice", "engineers" -> "engineer"), its case kept."""
    if not plural_person_noun(token):
        return token.text
    word = token.text
    if word.lower().endswith("ies") and plural_title(token):
        return word[:-3] + ("Y" if word.isupper() else "y")
    if plural_title(token):
        return word[:-1]
    lemma = token.lemma_
    return lemma[:1].upper() + lemma[1:] if word[:1].isupper() else lemma


def _common_abbreviation(head: Token) -> bool:
    """An abbreviation after "a" or "an" is a common noun, an occupation beside a name ("Ann
    Lee, a GP in Ostby,", "an MP"), not the name of a body, which takes "the" or nothing."""
    return head.text.isupper() and any(
        c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children
    )


_TITLE_RUN_POS = frozenset({"PROPN", "NOUN", "ADJ"})


def _title_run_before(doc: Doc, start: int) -> int:
    """Where a title written right before a name starts, read from the words when the parse
    attached it elsewhere ("..., and Federal Reserve chair Jerome Powell")."""
    # "Governor of Ruritania Ann Lee", "Ambassador to the United Nations Ann Lee": a title
    # with the place or body it serves, whose name the model ran into the person's.
    served = _served_body_start(doc, start)
    if (
        served is not None
        and served >= 2
        and doc[served - 1].lower_ in _SERVING_PREPOSITIONS
        and doc[served - 2].lower_ in TITLE_WORDS
    ):
        return _title_run_before(doc, served - 1)
    if start == 0 or doc[start - 1].lower_ not in TITLE_WORDS:
        return start
    left = start - 1
    while left > 0 and doc[left - 1].pos_ in _TITLE_RUN_POS and not doc[left - 1].is_sent_end:
        left -= 1
    return left


# Prepositions that join a title to what it serves: "Governor of", "Ambassador to", "Envoy for".
_SERVING_PREPOSITIONS = frozenset({"of", "to", "for"})


def _served_body_start(doc: Doc, end: int) -> int | None:
    """Where a place's or body's name that ends right before `end` starts, its "the" included
    ("the United Nations"); None when no such name stands there."""
    i = end - 1
    if i < 0 or doc[i].ent_type_ not in {"GPE", "ORG"}:
        return None
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    if i > 0 and doc[i - 1].lower_ == "the":
        i -= 1
    return i


def title_before(name: Span, entity_start: int) -> Span | None:
    """The title written before a name ("US Secretary of State" John Kerry).

    `entity_start` is where the NER span began: honorifics it held ("President") count too.
    """
    doc = name.doc
    given = _stray_given_name(name)
    if given is not None:
        name, entity_start = doc[given : name.end], given
    root = name.root
    left = entity_start
    for child in root.lefts:
        if child.i < name.start and child.dep_ in _PREFIX_DEPS and child.i < entity_start:
            left = min(left, child.left_edge.i)
    if left >= name.start:
        left = _title_run_before(doc, name.start)
    elif left >= 2 and doc[left - 1].lower_ == "of" and doc[left - 2].lower_ in TITLE_WORDS:
        # "Governor of" + "Ohio" + the name: the title the place modifies, with the words of
        # the title before it ("Prime Minister of").
        left = _title_run_before(doc, left - 1)
    span = _title_from(name, left)
    if span is None and left < name.start:
        # The parse ran the body a title serves into the name ("Ambassador to the United
        # Nations Ann Lee"): read the title from the words.
        span = _title_from(name, _title_run_before(doc, name.start))
    if span is None:
        span = _shared_title(name)
    return _with_hyphened_prefix(_with_whole_body(span)) if span is not None else None


def _stray_given_name(name: Span) -> int | None:
    """Where a given name the model left out of the person's entity stands, between a title
    and the name ("Trade Minister" + "Tarvul" + "Anwar Haskin"): the title is read before it,
    as if the entity started there; None when no such word stands there."""
    doc = name.doc
    given = name.start - 1
    if given < 1 or doc[given].ent_type_ or doc[given].lower_ in TITLE_WORDS:
        return None
    if doc[given].pos_ != "PROPN" or not doc[given].is_title:
        return None
    if not name.start <= doc[given].head.i < name.end:
        return None  # a word of the title's own, attached to the title ("Trade" Minister)
    # The title ends in a title word, or in the place or body it serves ("Secretary of State").
    return given if _title_run_before(doc, given) < given else None


def _with_whole_body(span: Span) -> Span:
    """The title with the whole name of the body it begins in or follows ("Tern Institute
    for Water Safety and Research chief"): the parse often cuts such a name at its "for" or
    "and", leaving "Research chief" or "chief"."""
    doc, start = span.doc, span.start
    first = doc[start]
    inside = first.ent_iob_ == "I" and first.ent_type_ in _BODY_ENTITIES
    after = start > 0 and first.ent_iob_ != "I" and doc[start - 1].ent_type_ in _BODY_ENTITIES
    if not inside and not after:
        return span
    start -= 0 if inside else 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if doc[start].lower_ == "the":
        start += 1
    return doc[start : span.end]


_BODY_ENTITIES = frozenset({"ORG", "GPE", "NORP", "FAC"})


def _shared_title(name: Span) -> Span | None:
    """The title in the plural written before the first of several listed names ("Former
    Ministers Ann Lee, Tom Berg and Ivo Marsh"): each person listed holds it."""
    doc = name.doc
    first = name.root
    while (
        first.dep_ in {"conj", "appos"}
        and first.head.ent_type_ == "PERSON"
        and first.head.i < first.i
        and all(
            t.ent_type_ == "PERSON" or t.text == "," or t.lower_ == "and"
            for t in doc[first.head.i + 1 : first.i]
        )
    ):
        first = first.head
    if first.i == name.root.i:
        return None
    start = first.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    title = title_before(doc[start : first.i + 1], start)
    return title if title is not None and plural_person_noun(title[-1]) else None


def _with_hyphened_prefix(span: Span) -> Span:
    """The title with the lower-case prefix the tokenizer split off its first word ("co" -
    "founder", "vice" - "chair", "ex" - "minister"): the parse often hangs the prefix elsewhere,
    but the word is one, and "founder" alone says less than the text."""
    doc, start = span.doc, span.start
    hyphen = doc[start - 1] if start >= 2 else None
    if hyphen is None or hyphen.text != "-" or hyphen.whitespace_:
        return span
    prefix = doc[start - 2]
    if prefix.whitespace_ or not prefix.is_alpha or not prefix.is_lower:
        return span
    return doc[start - 2 : span.end]


def _title_from(name: Span, left: int) -> Span | None:
    """The words from `left` up to the name, when they make a title."""
    doc = name.doc
    if left >= name.start:
        return None
    # A finite verb before the name ends the sentence's subject and starts its predicate, so
    # the title starts after it ("The club sacked manager Ann Lee": "manager", not the club).
    # A title word the model read as a verb ("expert" as VBP in "the agency's top bird
    # diseases expert Ann Lee") is still the title.
    verb = next(
        (
            i
            for i in range(name.start - 1, left - 1, -1)
            if doc[i].tag_ in _FINITE and doc[i].lower_ not in TITLE_WORDS
        ),
        None,
    )
    if verb is not None:
        left = verb + 1
    # A determiner or possessor opening the title belongs to the sentence, not the role.
    while left < name.start and doc[left].dep_ == "det":
        left += 1
    span = _clean(doc, left, _post_end(doc, left, name.start))
    if span is None or _has_person(span, name) or not _looks_like_role(span):
        return None
    if span[-1].pos_ in {"ADP", "DET"}:
        return None  # "ambassador to the" + "United Nations": a title of someone else, cut
    if all(_courtesy(t) for t in span):
        return None  # "Mr", "Dr", "Gen." are how a name is written, no role
    return span


def _post_end(doc: Doc, left: int, end: int) -> int:
    """Where a post written before a courtesy title or a short rank ends ("Army spokesman
    Col. Ann Lee", "the firm's chief economist Dr. Ann Lee": the courtesy is how the name is
    written). Only a noun for a person ends a post: "Army Col." stays whole, a rank with its
    service, and so does "law Professor", where the title is the post."""
    right = end
    while right > left + 1 and _courtesy(doc[right - 1]):
        right -= 1
    post = doc[right - 1]
    if right == end or _courtesy(post) or not post.text.islower() or not is_person_noun(post):
        return end  # "law Professor Ann Lee": the courtesy word is the post's own head
    return right


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _courtesy(token: Token) -> bool:
    """A word of a courtesy title; an abbreviation's full stop may stand apart ("Maj" ".")."""
    short = token.lower_.rstrip(".") + "."
    return token.is_punct or token.lower_ in COURTESY_TITLES or short in RANK_ABBREVIATIONS


# Grades written out before a name that a post stated beside it says more than: "Professor
# Ann Lee, director of the survey," is the director; "Professor Ann Lee" alone a professor.
_GRADES = MILITARY_RANKS | {"retired", "professor"}


def is_rank(role: Span) -> bool:
    """A title that is only a military rank ("Colonel", "Vice Admiral") or an academic grade
    ("Professor"): a post stated beside the name ("Colonel Ada Lind, commander of the
    brigade,") says more."""
    # "Retired Maj. Gen. Ann Lee, now a security analyst,": a rank held once is still a rank.
    return all(t.lower_ in _GRADES or _courtesy(t) for t in role)


def is_short_title(role: Span) -> bool:
    """A title written short, as part of how a name is written ("Sen.", "Rep.", "Gov.")."""
    return all(t.is_punct or t.text.endswith(".") for t in role)


def apposition(name: Span) -> Span | None:
    """The noun phrase set beside the name with commas, either side of it."""
    doc = name.doc
    root = name.root
    for child in root.rights:
        if _past_a_conjunct(root, child):
            continue
        if child.dep_ == "appos" and child.i > name.end and _one_of(child) is not None:
            return _one_of(child)
        if child.dep_ == "appos" and child.i >= name.end and child.ent_type_ != "PERSON":
            span = _clean(doc, child.left_edge.i, _phrase_end(child))
            if span is None or child.pos_ not in {"NOUN", "PROPN"}:
                continue
            if _looks_like_role(span, child) or _common_abbreviation(child):
                return span
            if _party_member(child):
                return span
    head = root.head
    if _set_after(root) and head.i < name.start and head.ent_type_ not in {"PERSON", "GPE"}:
        span = _clean(doc, head.left_edge.i, root.left_edge.i)
        if (
            span is not None
            and head.pos_ in {"NOUN", "PROPN"}
            and (_looks_like_role(span, head) or _party_office(head))
        ):
            return span
    if root.dep_ == "appos" and head.i < name.start:
        span = _served_role(head, name)
        if span is not None:
            return span
    return _conjunct_apposition(name) or _listed_after(name) or role_before_comma(name)


def _listed_after(name: Span) -> Span | None:
    """ "drug companies Acme and Tern Labs": a noun in the plural set before a list of names
    describes each name listed, not only the first, which the parse hangs it on."""
    first = name.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    noun = first.head
    if first.i == name.root.i or first.dep_ != "appos" or noun.i >= first.i:
        return None
    if noun.tag_ != "NNS" or noun.ent_type_:
        return None
    doc, start = name.doc, noun.i
    while (
        start > 0
        and doc[start - 1].dep_ in _PREFIX_DEPS
        and doc[start - 1].pos_ in _TITLE_RUN_POS
        and start <= doc[start - 1].head.i <= noun.i
    ):
        start -= 1  # "rival candidates", "drug companies": the noun's own modifiers
    span = _clean(doc, start, noun.i + 1)
    return span if span is not None and _looks_like_role(span, noun) else None


def _set_after(root: Token) -> bool:
    """The name is set after a noun phrase with a comma: an apposition, or what the parse took
    for the second of a list with no "and" ("the panel's top Democrat, Sen. Ann Lee of Tern,")."""
    if root.dep_ == "appos":
        return True
    head = root.head
    return (
        root.dep_ == "conj"
        and root.left_edge.i > 0
        and root.doc[root.left_edge.i - 1].text == ","
        and head.tag_ in {"NN", "NNP"}
        and not any(c.dep_ == "cc" and head.i < c.i < root.i for c in head.children)
    )


def _party_member(head: Token) -> bool:
    """ "Ann Lee, a Republican from Tern," / "a Tern Democrat": the party a lawmaker sits for,
    stated beside the name, is how news copy places them (a nationality is not a role)."""
    return (
        head.ent_type_ == "NORP"
        and head.lower_ + "s" in CAMP_PLURALS
        and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children)
    )


def _party_office(head: Token) -> bool:
    """ "the panel's top Democrat": a party's name as a definite description of one member."""
    return head.ent_type_ == "NORP" and any(
        c.dep_ == "poss" or c.lower_ == "the" for c in head.children
    )


def _served_role(body: Token, name: Span) -> Span | None:
    """ "a spokesman for the Acme Group, Ann Lee,": the parse set the name beside the body a
    person serves; the role is the person's noun with the body, up to the name."""
    preposition = body.head
    if body.dep_ != "pobj" or preposition.lower_ not in _SERVING_PREPOSITIONS | {"at"}:
        return None
    noun = preposition.head
    # The person's noun may be a title written capitalised, which the model tags as a name
    # ("the Tern Ambassador to Vessa, Ann Lee,").
    if noun.i >= body.i or noun.ent_type_:
        return None
    if not is_person_noun(noun) and not (noun.pos_ == "PROPN" and noun.lower_ in TITLE_WORDS):
        return None
    return _clean(body.doc, noun.left_edge.i, name.start)


def _past_a_conjunct(root: Token, apposition: Token) -> bool:
    """An apposition after a second name joined to this one ("X and Y, the firm's founder,")
    describes the nearer name, when it is one person's (singular)."""
    return apposition.tag_ == "NN" and any(
        c.dep_ == "conj" and c.i < apposition.i and c.ent_type_ == "PERSON" for c in root.rights
    )


def _conjunct_apposition(name: Span) -> Span | None:
    """The apposition the parse hung on the first of two joined names that stands after this,
    the second one ("X and Y, the firm's founder,": Y's role)."""
    root = name.root
    if root.dep_ != "conj" or root.head.ent_type_ != "PERSON":
        return None
    for child in root.head.rights:
        if child.dep_ == "appos" and child.i > root.i and child.tag_ == "NNS":
            # "X and Y, both members of Z,": a plural apposition is every listed name's.
            span = _clean(name.doc, child.left_edge.i, _phrase_end(child))
            if span is not None and _looks_like_role(span, child):
                return span
        if child.dep_ == "appos" and child.i > root.i and _past_a_conjunct(root.head, child):
            later = [c for c in root.head.rights if c.dep_ == "conj" and root.i < c.i < child.i]
            if later or child.pos_ != "NOUN":
                return None
            span = _clean(name.doc, child.left_edge.i, _phrase_end(child))
            if span is not None and _looks_like_role(span, child):
                return span
    return None


def role_before_comma(name: Span) -> Span | None:
    """ "the chief prosecutor, Ada Lind, QC," read from the words when the parse left the name
    unattached: a noun for a person right before the comma that opens the name's aside."""
    doc = name.doc
    comma = name.start - 1
    if comma < 1 or doc[comma].text != "," or name.end >= len(doc):
        return None
    if not doc[name.end].is_punct:
        return None  # "the lawyer, Ada Lind and ..." lists people
    noun = doc[comma - 1]
    if noun.ent_type_ or not is_person_noun(noun) or noun.head.i == name.root.i:
        return None
    if not any(c.dep_ in {"det", "poss"} for c in noun.children):
        return None  # "Ada Lind, lawyer" and the like are not set before a name
    return _clean(doc, noun.left_edge.i, noun.i + 1)


def _one_of(token: Token) -> Span | None:
    """ "one of the founders of the school": one of several people holding a post or trade,
    the whole phrase (the parse takes "one" for a number, so no noun heads it)."""
    if token.lower_ != "one":
        return None
    group = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    people = next((c for c in group.children if c.dep_ == "pobj"), None) if group else None
    if people is None or people.tag_ != "NNS" or not is_person_noun(people):
        return None
    return _clean(token.doc, token.i, _phrase_end(token))


def _attribute(verb: Token) -> Token | None:
    """The noun a copula says the subject is; a capitalised title counts ("is Deputy Director")."""
    if verb.lemma_ != "be":
        return None
    return next(
        (
            c
            for c in verb.children
            if c.dep_ == "attr" and (c.pos_ == "NOUN" or c.lower_ in TITLE_WORDS)
        ),
        None,
    )


def copular(name: Span) -> Span | None:
    """The office in "X, who is the ..." or "X is the ...", when the attribute names one."""
    doc = name.doc
    root = name.root
    candidates = [c for c in root.rights if c.dep_ == "relcl"]
    if root.dep_ == "nsubj":
        candidates.append(root.head)
    subject_office = office_as_subject(root.head) if root.dep_ == "attr" else None
    if subject_office is not None:
        return subject_office
    for verb in candidates:
        member = next((_one_of(c) for c in verb.children if c.dep_ == "attr"), None)
        if verb.lemma_ == "be" and member is not None:
            return member
        attribute = _attribute(verb)
        span = None
        if attribute is not None and attribute.lemma_.lower() in _GENERIC_PEOPLE:
            # "X is the first woman to serve as finance minister": the office is the one
            # served as, not the woman.
            return _office_as(attribute)
        if attribute is not None:
            span = _clean(doc, attribute.left_edge.i, _phrase_end(attribute))
        if span is not None and attribute is not None and _looks_like_role(span, attribute):
            return span
        if verb.lemma_ == "be":
            span = _title_after(verb)
            if span is not None:
                return span
    return None


# Nouns for anyone, which say who a person is but hold no office ("the first woman to ...").
_GENERIC_PEOPLE = frozenset({"woman", "man", "person", "people", "one", "individual"})


def _office_as(noun: Token) -> Span | None:
    """An office after "as" in the noun's phrase ("the first woman to serve as mayor")."""
    for token in noun.subtree:
        if token.dep_ == "prep" and token.lower_ == "as":
            target = next((c for c in token.children if c.dep_ == "pobj"), None)
            if target is None:
                continue
            span = _clean(noun.doc, target.left_edge.i, _phrase_end(target))
            if span is not None and any(t.lower_ in TITLE_WORDS for t in span):
                return span
    return None


def office_as_subject(verb: Token) -> Span | None:
    """ "The agency's chief executive is Ann Lee": a definite office as the subject of the
    copula that the name completes."""
    if verb.lemma_ != "be":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN" or subject.ent_type_:
        return None
    if subject.lemma_.lower() not in TITLE_WORDS and not is_person_noun(subject):
        return None
    if not any(c.dep_ == "poss" or c.lower_ == "the" for c in subject.children):
        return None  # "a teacher is Ann Lee" says nothing of her post
    return _clean(verb.doc, subject.left_edge.i, _phrase_end(subject))


_TITLE_AFTER_WORDS = 4  # "is Senior Deputy Regional Director of ..."


def _title_after(verb: Token) -> Span | None:
    """A capitalised title right after a copula, read from the words when the parse took a
    longer name for the attribute ("X is Deputy Director of the Acme Foundation's Grain
    Programme", where the possessive makes "Programme" the attribute): the run of words up to
    the last title word in it."""
    doc = verb.doc
    start = verb.i + 1
    if start < len(doc) and doc[start].pos_ == "DET":
        start += 1
    last = None
    for i in range(start, min(len(doc), start + _TITLE_AFTER_WORDS)):
        token = doc[i]
        if token.pos_ not in _TITLE_RUN_POS or token.ent_type_ in {"PERSON", "GPE", "ORG"}:
            break
        if token.lower_ in TITLE_WORDS:
            last = i
    if last is None or (last + 1 < len(doc) and doc[last + 1].ent_type_ == "PERSON"):
        return None  # "is President Lind's envoy": the title is another person's
    return _clean(doc, start, last + 1)


def role_as(name: Span) -> Span | None:
    """The office in "X resigned as finance minister", "X, who served as envoy, ...": a phrase
    after "as" that holds a title, attached to the verb the name is the subject of."""
    doc = name.doc
    root = name.root
    verbs = [root.head] if root.dep_ in {"nsubj", "nsubjpass"} else []
    verbs += [c for c in root.rights if c.dep_ == "relcl"]
    for verb in verbs:
        for governor in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
            for preposition in governor.children:
                if preposition.dep_ != "prep" or preposition.lower_ != "as":
                    continue
                target = next((c for c in preposition.children if c.dep_ == "pobj"), None)
                if target is None:
                    continue
                span = _clean(doc, target.left_edge.i, _phrase_end(target))
                if span is not None and any(t.lower_ in TITLE_WORDS for t in span):
                    return span
    return None


# Verbs by which a relative clause states a post: "X, who heads the agency," leads it.
_LEADING_VERBS = frozenset(
    {"head", "lead", "run", "chair", "direct", "manage", "oversee", "command", "coach", "found"}
)


def leads(name: Span) -> Span | None:
    """The post in "X, who heads the flood agency,": the relative clause's verb and the body it
    leads ("heads the flood agency"), when its verb is one of leading something."""
    doc = name.doc
    for verb in name.root.rights:
        if verb.dep_ != "relcl" or verb.lemma_.lower() not in _LEADING_VERBS:
            continue
        if not any(c.dep_ == "nsubj" and c.lower_ in {"who", "that"} for c in verb.children):
            continue
        body = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if body is not None and body.pos_ in {"NOUN", "PROPN"}:
            return _clean(doc, verb.i, _phrase_end(body))
    # "Ann Lee heads the Tern Water Board.": said in a sentence of its own, the verb states a
    # post only over a body ("Lee led the protest" states none).
    verb = name.root.head
    if name.root.dep_ != "nsubj" or verb.lemma_.lower() not in _LEADING_VERBS:
        return None
    body = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if verb.tag_ not in {"VBZ", "VBD"} or body is None:
        return None
    if body.ent_type_ == "ORG" or body.lemma_.lower() in ORG_NOUNS:
        return _clean(doc, verb.i, _phrase_end(body))
    return None


# Verbs that give someone an office named right after them: "X was appointed head of ...",
# "X was elected mayor", "X became chief executive".
_INVESTING_VERBS = frozenset(
    {"appoint", "name", "elect", "make", "choose", "nominate", "promote", "become", "remain"}
)


def role_given(name: Span) -> Span | None:
    """The office in "X was appointed head of the agency" or "X became chief executive": the
    noun the verb predicates of its subject, when it names a post."""
    root = name.root
    # "X was elected mayor", and the same said in a relative clause: "X, who was elected
    # mayor in 2010, ..." (the clause's subject is the relative pronoun standing for X).
    clauses = [(root.head, root.dep_)]
    # "X trained in Ostby and became a surgeon": a joined verb with no subject of its own
    # shares the name's.
    clauses += [
        (verb, root.dep_)
        for verb in root.head.children
        if verb.dep_ == "conj"
        and verb.pos_ in {"VERB", "AUX"}
        and not any(c.dep_.startswith("nsubj") for c in verb.children)
    ]
    for verb in root.rights:
        if verb.dep_ == "relcl":
            pronoun = next((c for c in verb.children if c.lower_ in {"who", "that"}), None)
            if pronoun is not None:
                clauses.append((verb, pronoun.dep_))
    for verb, dep in clauses:
        lemma = verb.lemma_.lower()
        if lemma not in _INVESTING_VERBS:
            continue
        # "X appointed Y head of ..." gives Y the office: only the passive's subject receives it.
        receives = "nsubj" if lemma in {"become", "remain"} else "nsubjpass"
        if dep != receives:
            continue
        office = next((c for c in verb.children if c.dep_ in {"oprd", "attr"}), None)
        if office is None or office.pos_ != "NOUN":
            continue
        span = _clean(name.doc, office.left_edge.i, _phrase_end(office))
        if span is not None and any(t.lower_ in TITLE_WORDS or is_person_noun(t) for t in span):
            return span
    return None


# Verbs by which someone gives a person an office: "X appointed Ann Lee finance minister", "the
# club hired Ann Lee as coach".
# "confirm": a legislature's or board's vote gives the office ("the Senate confirmed Ann Lee
# as health secretary"), the way an appointment does.
_CONFERRING_VERBS = (_INVESTING_VERBS - {"become", "remain"}) | {
    "hire", "install", "select", "tap", "reappoint", "re-elect", "confirm",
}  # fmt: skip


# Verbs by which the text names someone it has described: "identified the driver as Ann Lee".
_NAMING_VERBS = frozenset({"identify", "name"})


def role_conferred(name: Span) -> Span | None:
    """The office a verb gives the person it names as its object: "appointed Ann Lee finance
    minister", "named Ann Lee as chief executive", "nominated Ann Lee to be ambassador"."""
    root = name.root
    head = root.head
    if (
        root.dep_ == "compound"
        and head.i >= name.end
        and head.pos_ == "NOUN"
        and head.dep_ in {"dobj", "oprd"}
        and head.head.lemma_.lower() in _CONFERRING_VERBS
    ):
        # The parse ran the name into the office after it: "Ann Lee finance minister".
        return _office(name.doc, name.end, head)
    if root.dep_ == "pobj" and head.lower_ == "as" and head.head.lemma_.lower() in _NAMING_VERBS:
        # "Officials identified the injured driver as Ann Lee": the one the text
        # described before it names them.
        described = next((c for c in head.head.children if c.dep_ == "dobj"), None)
        if described is not None and described.pos_ == "NOUN" and described.i < head.i:
            return _office(name.doc, described.left_edge.i, described)
    if root.dep_ not in {"dobj", "oprd"} or head.lemma_.lower() not in _CONFERRING_VERBS:
        return None
    # The parse hangs the "as" phrase on the verb or on the name ("confirmed Ann Lee as ...").
    for child in [*head.children, *root.rights]:
        if child.i < root.i:
            continue
        if child.dep_ == "prep" and child.lower_ == "as":
            office = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ == "xcomp" and child.lemma_ == "be":
            office = next((c for c in child.children if c.dep_ == "attr"), None)
        elif child.dep_ in {"oprd", "attr"}:
            office = child
        else:
            continue
        if office is not None and office.pos_ == "NOUN":
            return _office(name.doc, _past_owner(office), office)
    return None


def _past_owner(office: Token) -> int:
    """Where an office starts after the person who owns it ("as Governor Ivo Marsh's health
    secretary": "health secretary"); the person is someone else, not part of the role."""
    owner = next((c for c in office.lefts if c.dep_ == "poss" and c.ent_type_ == "PERSON"), None)
    if owner is None:
        return office.left_edge.i
    case = next((c for c in owner.rights if c.dep_ == "case"), None)
    return (case.i if case is not None else owner.i) + 1


def _office(doc: Doc, start: int, noun: Token) -> Span | None:
    """The phrase from `start` to the end of the noun's, when it names an office or trade;
    without a date the parse hung on the noun ("coach in May")."""
    end = _phrase_end(noun)
    for child in noun.rights:
        if child.dep_ == "prep" and any(c.ent_type_ in {"DATE", "TIME"} for c in child.children):
            end = min(end, child.i)
    span = _clean(doc, start, end)
    if span is None or not any(t.lower_ in TITLE_WORDS or is_person_noun(t) for t in span):
        return None
    return span


def body_attribute(name: Span) -> Span | None:
    """What a copula says a body is or became ("X is a publicly owned company", "X became the
    world's largest carmaker"), when its noun is one for a body: business copy states a
    company's kind this way more often than beside the name."""
    root = name.root
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_ not in {"be", "become", "remain"}:
        return None
    noun = next((c for c in verb.children if c.dep_ in {"attr", "oprd"}), None)
    if noun is None or noun.pos_ != "NOUN":
        return None
    if not is_body_noun(noun.lemma_.lower()):
        return None
    return _clean(name.doc, noun.left_edge.i, _phrase_end(noun))


# What a company makes, before "maker": "automaker", "drugmaker" name a body, where "filmmaker"
# or "lawmaker" name a person.
_MADE_GOODS = frozenset(
    {
        "auto", "car", "drug", "chip", "plane", "aircraft", "steel", "truck", "tyre", "tire",
        "phone", "handset", "toy", "vaccine", "engine", "software", "computer", "battery",
    }
)  # fmt: skip


def is_body_noun(lemma: str) -> bool:
    """A noun for a kind of body: "agency", "regulator", "carmaker"."""
    made = lemma.removesuffix("maker").removesuffix("-")
    return lemma in ORG_NOUNS | FUNCTION_BODIES or (made != lemma and made in _MADE_GOODS)


def body_kind_before(name: Span) -> Span | None:
    """The kind of body written right before its name, read from the words when the parse
    attached neither to the other ("Japanese automaker Acme said", where the model made the
    name the noun's object): a noun for a body with the words that modify it."""
    doc = name.doc
    i = name.start - 1
    if i < 0 or doc[i].pos_ != "NOUN" or not doc[i].text.islower():
        return None
    if not is_body_noun(doc[i].lemma_.lower()):
        return None
    start = i
    while (
        start > 0
        and not doc[start - 1].is_sent_end
        and (
            doc[start - 1].pos_ in _TITLE_RUN_POS | {"PART"}
            or (doc[start - 1].text == "-" and not doc[start - 1].whitespace_)
            or (doc[start - 1].tag_ == "VBG" and doc[start - 1].dep_ == "amod")
        )
    ):
        start -= 1  # "Swiss drugmaker", "the U.N. children's agency", "ride-hailing company"
    return _clean(doc, start, i + 1)


def described(name: Span) -> Span | None:
    """The role stated beside a name rather than before it: an apposition, a copula, an office
    after "as" or given by a verb, or a relative clause saying what the person leads."""
    return (
        apposition(name)
        or copular(name)
        or role_as(name)
        or role_given(name)
        or role_conferred(name)
        or leads(name)
    )


def description_subject(sentence: Span, claimed: Container[int]) -> Span | None:
    """A definite role description as the sentence's subject ("the panel's top Democrat")."""
    for token in sentence:
        if token.dep_ != "nsubj" or token.i in claimed or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        if token.ent_type_ in {"PERSON", "GPE", "ORG"}:
            continue
        definite = any(c.dep_ in {"det", "poss"} and c.lower_ != "a" for c in token.children)
        office = token.lower_ in TITLE_WORDS or token.ent_type_ == "NORP"
        if definite and office and token.tag_ in {"NN", "NNP"}:
            # "The head of the Tern Water Board": the body an office serves is part of it.
            end = token.i + 1
            served = next((c for c in token.rights if c.dep_ == "prep"), None)
            if served is not None and served.lower_ in _SERVING_PREPOSITIONS:
                end = _phrase_end(token)
            return _clean(sentence.doc, token.left_edge.i, end)
    return None
