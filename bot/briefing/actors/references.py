"""Resolving references: definite descriptions ("the union", "the inspector", "the company")
and personal pronouns, each mapped to the draft it refers back to.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from bot.briefing.actors.reading import (
    BODIES,
    SUBJECT_DEPS,
    Draft,
    Mention,
    Reading,
    is_subject,
    speaks,
    trim,
)
from bot.briefing.models import ActorKind
from bot.briefing.roles import described, description_subject, is_person_noun
from bot.briefing.speech import DOUBLE_OPENERS, RELATION_NOUNS, RELATIVE_PRONOUNS
from bot.briefing.speech import SPEECH_VERBS as REPORTING_VERBS
from bot.briefing.vocabulary import (
    FUNCTION_BODIES,
    GENDERED_TITLES,
    ORG_NOUNS,
    PERSONAL_PRONOUNS,
    PRONOUN_GENDERS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
)

_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
# Relations of a pronoun that is an object of its clause's verb (or of a preposition on it).
_OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "pobj"})
# Family relations, which end like occupations ("mother", "brother") and are no office.
_KINSHIP_NOUNS = frozenset(
    {"mother", "father", "brother", "sister", "daughter", "grandmother", "grandfather"}
)
# How many sentences of a continuing quotation a pronoun may look back over, and how many
# recent person subjects it weighs.
_MAX_QUOTED_REACH = 6
_MAX_ANTECEDENTS = 8
# The key that stands, among recent person subjects, for a person the text does not name.
_UNNAMED = ""


def read_org_descriptions(reading: Reading) -> None:
    """A definite description of a body refers back to one named earlier: "the union" to the
    one organisation a name of which ends with that noun ("the Transport Workers' Union");
    a bare "the company" acting in a sentence, when no name ends so, to the organisation
    last named as a subject in an earlier sentence."""
    owners: dict[str, set[str]] = {}
    for draft in reading.drafts.values():
        if draft.kind in {ActorKind.ORG, ActorKind.GROUP}:
            for alias in draft.aliases:
                head = alias.split()[-1].lower()
                if head in ORG_NOUNS:
                    owners.setdefault(head, set()).add(draft.key)
    first = {
        key: min(m.start for m in d.mentions) for key, d in reading.drafts.items() if d.mentions
    }
    recent: list[tuple[int, str]] = []  # (sentence, key) of organisations acting, in order
    named: list[tuple[int, str]] = []  # (sentence, key) of organisations named at all, in order
    for token in reading.tokens:
        key = reading.claimed.get(token.i)
        if key is not None:
            if reading.drafts[key].kind in BODIES:
                named.append((reading.parsed.sentence_index(token), key))
                if is_subject(token):
                    recent.append((reading.parsed.sentence_index(token), key))
            continue
        if not _description_noun(reading, token, ORG_NOUNS):
            continue
        keys = owners.get(token.lower_, set())
        if len(keys) == 1:
            draft = reading.drafts[next(iter(keys))]
            if first.get(draft.key, token.i) > token.i:
                continue  # a description refers back, not forward
        elif keys or not _bare(token) or token.dep_ not in _ACTING_DEPS:
            continue
        elif (named_before := _named_otherwise(reading, token)) is not None:
            if not is_subject(token):
                continue
            # "Ada Lind, head of the Upland Growers Association ... The association said": a
            # body named in passing that then acts by its description is a party, by its name.
            name_start, name_end = trim(reading.doc, named_before.start, named_before.end)
            if not reading.free(name_start, name_end):
                continue
            name = reading.doc[name_start:name_end]
            draft = reading.draft(f"org:{name.text.lower()}", ActorKind.ORG, name.text)
            reading.claim(draft, Mention(name_start, name_end, name.root.i, name.text))
        else:
            # The body whose act the description reports in its own sentence ("Tern Mills cut
            # 500 jobs, the company said"), and no other when the name there is no body's;
            # else the body acting in the sentence before; else one named there at all
            # ("Shares of Tern Mills fell. The company said ..."); else the body last acting
            # before that.
            reported = _reported_subject(reading, token)
            if reported is not None:
                key = reading.claimed.get(reported.i)
                if key is None or not _may_describe(reading, key, token):
                    continue
            before = reading.parsed.sentence_index(token) - 1
            found = (
                (reading.claimed.get(reported.i) if reported is not None else None)
                or _last_body(reading, [r for r in recent if r[0] == before], token)
                or _last_body(reading, [n for n in named if n[0] == before], token)
                or _last_body(reading, recent, token)
            )
            if found is None:
                continue
            draft = reading.drafts[found]
        reading.claim(
            draft,
            Mention(token.i - 1, token.i + 1, token.i, "the " + token.lower_, counts=False),
        )
        if is_subject(token):
            recent.append((reading.parsed.sentence_index(token), draft.key))


def _description_noun(reading: Reading, token: Token, nouns: frozenset[str]) -> bool:
    """ "the company", "the Commission": a definite common noun of the kind, not a modifier, and
    not set beside a name ("the company, Acme," or "Ann Lee, the inspector," name their own)."""
    if token.lower_ not in nouns or token.i == 0 or reading.doc[token.i - 1].lower_ != "the":
        return False
    if token.dep_ in {"compound", "appos"} or any(c.dep_ == "appos" for c in token.children):
        return False
    if token.pos_ == "NOUN":
        return True
    # "the Commission": capitalised as a short name, unless it opens a longer one.
    after = reading.doc[token.i + 1] if token.i + 1 < len(reading.doc) else None
    return token.pos_ == "PROPN" and (after is None or after.pos_ != "PROPN")


def _bare(token: Token) -> bool:
    """Nothing but "the" before the noun: "the company", not "the finance company"."""
    return all(c.i == token.i - 1 for c in token.lefts)


def _last_body(reading: Reading, recent: list[tuple[int, str]], token: Token) -> str | None:
    """The organisation last acting in an earlier sentence that the noun may describe."""
    sentence = reading.parsed.sentence_index(token)
    for index, key in reversed(recent[-_MAX_ANTECEDENTS:]):
        if index < sentence and _may_describe(reading, key, token):
            return key
    return None


def _may_describe(reading: Reading, key: str, token: Token) -> bool:
    """A body the noun may describe: a name headed by another body noun ("... Service", "...
    Court", "Ministry of ...") is not "the company", though any body may be "the regulator"."""
    draft = reading.drafts[key]
    if draft.kind not in BODIES:
        return False
    head = _name_head(draft.name)
    return not (head in ORG_NOUNS and head != token.lower_ and token.lower_ not in FUNCTION_BODIES)


def _name_head(name: str) -> str:
    """The noun that heads a body's name: its last word, or the last before "of" ("Ministry
    of Ports" is a ministry)."""
    words = name.lower().split()
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    return words[-1]


def _named_otherwise(reading: Reading, token: Token) -> Span | None:
    """ "The association said" after a name headed by "Association" that is no actor: the
    description is that body's (the one named last), and no other body's."""
    found = None
    for ent in reading.entities:
        if (
            ent.end <= token.i
            and ent.start not in reading.claimed
            and ent.label_ in {"ORG", "NORP", "FAC"}
            and len(ent) > 1
            and _name_head(ent.text) == token.lower_
        ):
            found = ent
    return found


def _reported_subject(reading: Reading, token: Token) -> Token | None:
    """The subject of the clause a description that speaks reports before it, in its own
    sentence ("Tern Mills cut 500 jobs, the company said"), when that subject is a name."""
    verb = token.head
    if token.dep_ not in SUBJECT_DEPS or verb.lemma_.lower() not in REPORTING_VERBS:
        return None
    for clause in verb.lefts:
        if clause.dep_ not in {"ccomp", "parataxis"} or clause.i > token.i:
            continue
        subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and subject.pos_ == "PROPN":
            return subject
    return None


def read_role_descriptions(reading: Reading) -> None:
    """ "The inspector said" after "Inspector Ann Smith": the person whose stated role has
    that head noun (the one named last when several have); a title written short stands for
    its nouns ("the senator" after "Sen. Ann Smith")."""
    holder_at: dict[int, tuple[tuple[str, ...], Draft]] = {}  # where a role holder is named
    for draft in reading.drafts.values():
        if draft.kind is ActorKind.PERSON and draft.role_head is not None:
            head = reading.doc[draft.role_head]
            nouns = TITLE_ABBREVIATIONS.get(head.lower_, (head.lemma_.lower(),))
            for mention in draft.mentions:
                if mention.counts:
                    holder_at[mention.start] = (nouns, draft)
    last_named: dict[str, Draft] = {}  # role noun -> its holder named last so far
    named_so_far: dict[str, Draft] = {}
    held = {noun for nouns, _ in holder_at.values() for noun in nouns}  # anywhere in the text
    # Offices the text calls by a capitalised title before naming anyone who holds them ("The
    # President spoke with President Arlo Venn of Ostland"): the text takes their holder as
    # known, and "the President" is that person throughout, not whoever is named later.
    assumed: set[str] = set()
    for token in reading.tokens:
        holder = holder_at.get(token.i)
        if holder is not None:
            last_named.update(dict.fromkeys(holder[0], holder[1]))
            named_so_far[holder[1].key] = holder[1]
            continue
        if token.i in reading.claimed:
            continue
        if _titled_description(reading, token):
            # "the prime minister" after "Prime Minister Ada Lind": the holder's title whole.
            holder_named = _holder_of_title(reading, token, named_so_far.values())
            if holder_named is None and token.lemma_.lower() not in held:
                holder_named = _speaker_without_role(reading, token)
            if holder_named is None:
                holder_named = _holder_named_next(reading, token)
            if holder_named is not None:
                words = reading.doc[token.left_edge.i : token.i + 1]
                mention = Mention(words.start, token.i + 1, token.i, words.text, counts=False)
                reading.claim(holder_named, mention)
            continue
        if not _description_noun(reading, token, TITLE_WORDS) or not _bare(token):
            continue
        noun = token.lemma_.lower()
        if noun in assumed:
            continue
        named = last_named.get(noun)
        if named is None and noun not in held:
            named = _speaker_without_role(reading, token)
        if named is None:
            named = _holder_named_next(reading, token)
        if named is None and token.text[:1].isupper():
            assumed.add(noun)
        if named is not None:
            reading.claim(
                named,
                Mention(token.i - 1, token.i + 1, token.i, "the " + token.lower_, counts=False),
            )


def _speaker_without_role(reading: Reading, token: Token) -> Draft | None:
    """ "Ada Lind said ... The foreign minister added ...": news copy names a speaker, then
    calls them by their office in the next sentence. A title description that speaks right
    after the one person of the sentence before, who spoke there and whose role the text has
    not stated, is that person, and that office their role; nobody when no one or several are
    named there, or someone is named before the description in its own sentence."""
    if not speaks(token):
        return None
    sentences = reading.parsed.sentences
    index = reading.parsed.sentence_index(token)
    if index == 0:
        return None
    own = sentences[index]
    if any(_person_at(reading, t) is not None for t in reading.doc[own.start : token.i]):
        return None
    people: dict[str, Draft] = {}
    spoke: set[str] = set()
    for t in sentences[index - 1]:
        draft = _person_at(reading, t)
        if draft is not None:
            people[draft.key] = draft
            if _reports(t):
                spoke.add(draft.key)
    if len(people) != 1 or not spoke:
        return None
    draft = next(iter(people.values()))
    if draft.role is not None:
        return None
    words = reading.doc[token.left_edge.i + 1 : token.i + 1]  # without its "the"
    draft.role = words.text
    draft.role_span = (words.start, words.end)
    draft.role_head = token.i
    return draft


def _holder_named_next(reading: Reading, token: Token) -> Draft | None:
    """ "..., the labour minister said on Thursday." then "Labour Minister Ada Lind told
    parliament ...": a lead calls a speaker by office and names them in the sentence after;
    the one person named there whose stated role ends in the description's words."""
    if not speaks(token):
        return None
    index = reading.parsed.sentence_index(token) + 1
    if index >= len(reading.parsed.sentences):
        return None
    people = (_person_at(reading, t) for t in reading.parsed.sentences[index])
    holder = _holder_of_title(reading, token, [p for p in people if p is not None])
    if holder is not None and not _complement_in_role(token, holder):
        return None
    return holder


def _complement_in_role(token: Token, holder: Draft) -> bool:
    """ "The leader of the Tarn party ..." then "veteran leader Ada Lind": a description
    that says whose office it is names someone else than a holder whose role does not say so;
    the head of what "of" or "for" governs must stand in the holder's role."""
    role = (holder.role or "").lower().split()
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "for"}:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.lower_ not in role:
                    return False
    return True


def _reports(token: Token) -> bool:
    """The name is the subject of a verb that reports words ("Lind said", not "Lind
    criticised"): what a speaker called by office goes on with."""
    head = token.head if token.dep_ in {"compound", "flat"} else token
    return head.dep_ in SUBJECT_DEPS and head.head.lemma_.lower() in REPORTING_VERBS


def _person_at(reading: Reading, token: Token) -> Draft | None:
    key = reading.claimed.get(token.i)
    draft = reading.drafts[key] if key is not None else None
    return draft if draft is not None and draft.kind is ActorKind.PERSON else None


def _titled_description(reading: Reading, token: Token) -> bool:
    """ "the prime minister", "the defence secretary": a title with words before it, after
    "the", heading its own noun phrase (not "the prime minister's office")."""
    first = token.left_edge
    if token.lower_ not in TITLE_WORDS or first.lower_ != "the" or first.i == token.i - 1:
        return False
    return token.dep_ not in {"compound", "appos", "poss"}


def _holder_of_title(reading: Reading, token: Token, holders: Iterable[Draft]) -> Draft | None:
    """The one person named so far whose stated role ends in the words of a definite
    description ("the prime minister", "the defence secretary")."""
    words = [t.lower_ for t in reading.doc[token.left_edge.i + 1 : token.i + 1]]
    found = {
        draft.key: draft
        for draft in holders
        if draft.role is not None and draft.role.lower().split()[-len(words) :] == words
    }
    return next(iter(found.values())) if len(found) == 1 else None


def read_descriptions(reading: Reading) -> None:
    """A role description as a subject, then a newly named speaker: one person."""
    sentences = reading.parsed.sentences
    first_mention: dict[str, int] = {}
    for draft in reading.drafts.values():
        if draft.mentions:
            first_mention[draft.key] = min(m.start for m in draft.mentions)
    for index, sentence in enumerate(sentences[:-1]):
        description = description_subject(sentence, reading.claimed)
        if description is None:
            continue
        following = sentences[index + 1]
        for token in following:
            key = reading.claimed.get(token.i)
            if key is None or reading.drafts[key].kind is not ActorKind.PERSON:
                continue
            draft = reading.drafts[key]
            if first_mention.get(key) != token.i or draft.role is not None:
                break
            # The name's first word may be a compound of its head ("Dr. Ann Lee spoke"):
            # the whole name is the subject.
            root = token.head if token.dep_ == "compound" else token
            if not speaks(token) and root.dep_ not in SUBJECT_DEPS:
                continue
            draft.role = description.text
            draft.role_span = (description.start, description.end)
            draft.role_head = description.root.i
            reading.claim(
                draft,
                Mention(
                    description.start,
                    description.end,
                    description.root.i,
                    description.text,
                    counts=False,
                ),
            )
            break


def read_epithets(reading: Reading) -> None:
    """ "Ann Lee, 34, was arrested on Monday. The 34-year-old teacher was released on bail.":
    a noun for a person with an age before it, as a subject right after a sentence that named
    one person, is that person (copy calls someone by age and trade instead of repeating the
    name); the noun, without the age, is their role when the text stated none."""
    sentences = reading.parsed.sentences
    for age in reading.tokens_written.get("old", ()):
        token = age.head
        if not _an_age(age) or token.dep_ not in SUBJECT_DEPS or token.tag_ != "NN":
            continue
        if token.i in reading.claimed or token.left_edge.lower_ != "the":
            continue
        index = reading.parsed.sentence_index(token)
        if index == 0 or not is_person_noun(token):
            continue
        before = reading.doc[sentences[index].start : token.i]
        if any(_person_at(reading, t) is not None for t in before):
            continue
        named = {d.key: d for t in sentences[index - 1] if (d := _person_at(reading, t))}
        if len(named) != 1:
            continue
        draft = next(iter(named.values()))
        if draft.role is None:
            words = reading.doc[age.i + 1 : token.i + 1]
            draft.role = words.text
            draft.role_span = (words.start, words.end)
            draft.role_head = token.i
        start = token.left_edge.i
        text = reading.doc[start : token.i + 1].text
        reading.claim(draft, Mention(start, token.i + 1, token.i, text, counts=False))


def _an_age(token: Token) -> bool:
    """ "34-year-old": the word "old" the tokenizer split off an age written before a noun."""
    doc = token.doc
    return (
        token.lower_ == "old"
        and token.dep_ == "amod"
        and token.i >= 2
        and doc[token.i - 1].text == "-"
        and doc[token.i - 2].lower_ in {"year", "years"}
    )


def _reach(index: int, quoted: list[bool]) -> int:
    """The earliest sentence a pronoun in sentence `index` may reach back to: the previous
    one, or, over the sentences of a quotation that continues a speaker ("...," said Hale.
    "A. B." He added ...), the one that named the speaker."""
    reach = index - 1
    while reach >= 1 and index - reach < _MAX_QUOTED_REACH and quoted[reach]:
        reach -= 1
    return reach


def _quoted_sentences(reading: Reading) -> list[bool]:
    """Per sentence: True when it opens with a quotation mark or inside an open quotation."""
    flags: list[bool] = []
    sentences = reading.parsed.sentences
    starts = [sentence.start for sentence in sentences]
    inside = False
    at = 0
    for token in reading.tokens:
        while at < len(starts) and starts[at] == token.i:
            first = next((t for t in sentences[at] if not t.is_space), token)
            flags.append(inside or first.text in DOUBLE_OPENERS)
            at += 1
        text = token.text  # read once: each read looks the string up anew
        if token.is_space and "\n" in text:
            inside = False
        elif text in {"“", "«"}:
            inside = True
        elif text in {"”", "»"}:
            inside = False
        elif text == '"':
            inside = not inside
    flags.extend([False] * (len(sentences) - len(flags)))
    return flags


def _read_voiced_people(reading: Reading) -> None:
    """A name the model took for an organisation is a person's when it says "I" in quoted
    words it is the speaker of ("'I realised I had spent my career waiting,' Bell said"): a
    body speaks as "we", only a person as "I"."""
    sentences = reading.parsed.sentences
    for index, sentence in enumerate(sentences):
        for token in sentence:
            key = reading.claimed.get(token.i)
            if key is None or reading.drafts[key].kind is not ActorKind.ORG:
                continue
            if not _reports(token):
                continue
            words = list(sentence)
            if index > 0 and _quoted_on(reading, sentences[index - 1], sentence):
                words = [*sentences[index - 1], *words]
            quoted = any(t.text in DOUBLE_OPENERS for t in words)
            if quoted and any(t.text == "I" or t.lower_ in {"my", "me"} for t in words):
                _make_person(reading, reading.drafts[key])


def _make_person(reading: Reading, draft: Draft) -> None:
    """The draft is a person's, and so is the one full name its name ends ("Bell" of
    "Marcus Bell"), which it joins as the person's surname."""
    draft.kind = ActorKind.PERSON
    fuller = [
        other
        for other in reading.drafts.values()
        if other is not draft
        and other.kind is ActorKind.ORG
        and other.name.endswith(" " + draft.name)
        and len(other.name.split()) <= 3
    ]
    if len(fuller) == 1:
        fuller[0].kind = ActorKind.PERSON
        reading.merge(draft, fuller[0])


def _quoted_on(reading: Reading, before: Span, sentence: Span) -> bool:
    """The sentence before is part of a quotation that closes in `sentence`, in one paragraph:
    it opens with a quotation mark and `sentence` holds none of its own opening."""
    first = next((t for t in before if not t.is_space), None)
    if first is None or first.text not in DOUBLE_OPENERS:
        return False
    return not any(
        t.is_space and "\n" in t.text for t in reading.doc[before.start : sentence.start]
    )


def _read_genders(reading: Reading) -> None:
    """A courtesy title before a person's name, or a gendered word in their stated role ("a
    spokeswoman for the port"), tells the pronoun that refers to them."""
    for draft in reading.drafts.values():
        if draft.kind is not ActorKind.PERSON:
            continue
        role_words = (draft.role or "").lower().split()
        by_role = {GENDERED_TITLES[word] for word in role_words if word in GENDERED_TITLES}
        if len(by_role) == 1:
            draft.gender = by_role.pop()
        for mention in draft.mentions:
            if not mention.counts:
                continue
            before = reading.doc[mention.start - 1] if mention.start > 0 else None
            gender = GENDERED_TITLES.get(before.lower_) if before is not None else None
            if gender is not None:
                draft.gender = gender
                break


def read_pronouns(reading: Reading) -> None:
    """He / she / his / her: the most recent person subject, this sentence or the last (or
    the one before a quotation), whose gender does not rule the pronoun out."""
    _read_voiced_people(reading)
    _read_genders(reading)
    quoted = _quoted_sentences(reading)
    recent: list[tuple[int, str]] = []  # (sentence, key) of person subjects in order
    spoke: set[tuple[int, str]] = set()  # those of them that are a speech verb's subject
    for index, sentence in enumerate(reading.parsed.sentences):
        for token in sentence:
            key = reading.claimed.get(token.i)
            person = key is not None and reading.drafts[key].kind is ActorKind.PERSON
            if key is not None and person and is_subject(token):
                recent.append((index, key))
                if speaks(token):
                    spoke.add((index, key))
                continue
            if key is None and token.dep_ in SUBJECT_DEPS and _unnamed_person(token):
                recent.append((index, _UNNAMED))
                continue
            if key is not None or token.lower_ not in PERSONAL_PRONOUNS:
                continue
            if token.pos_ != "PRON" or _owner_beside(reading, token):
                continue
            if _after_someone_new(reading, token):
                continue
            target = _antecedent(reading, recent, _reach(index, quoted), token, spoke)
            if target is None:
                continue
            draft = reading.drafts[target]
            draft.gender = draft.gender or PRONOUN_GENDERS.get(token.lower_)
            reading.claim(draft, Mention(token.i, token.i + 1, token.i, token.text, counts=False))
            if token.dep_ in SUBJECT_DEPS and draft.role is None:
                _read_pronoun_role(reading, draft, token)
            if token.dep_ in SUBJECT_DEPS:
                recent.append((index, target))


def _owner_beside(reading: Reading, pronoun: Token) -> bool:
    """ "a woman and her son", "the driver and his passenger": a possessive on the second of
    two coordinated nouns refers to the first when it is a person the text does not name, not
    to the subject named before (whose gender it would then mistake)."""
    if pronoun.dep_ != "poss" or pronoun.head.dep_ != "conj":
        return False
    first = pronoun.head.head
    person = is_person_noun(first) or first.lemma_.lower() in RELATION_NOUNS
    return first.i not in reading.claimed and first.pos_ == "NOUN" and person


def _after_someone_new(reading: Reading, pronoun: Token) -> bool:
    """ "Lind wrote to a magistrate after she hinted ...": the subject of a clause that "after",
    "when" or "because" adds may be the person just brought in unnamed, as well as the named
    subject; such a pronoun, and the one in what it says ("after she hinted she might"), is
    left unresolved rather than give the named one a gender."""
    clause = pronoun.head
    if pronoun.dep_ not in SUBJECT_DEPS:
        return False
    if clause.dep_ == "ccomp":
        reporter = next((c for c in clause.head.children if c.dep_ in SUBJECT_DEPS), None)
        return (
            reporter is not None
            and reporter.pos_ == "PRON"
            and reporter.i < pronoun.i
            and (_after_someone_new(reading, reporter))
        )
    if clause.dep_ != "advcl":
        return False
    if not any(c.dep_ == "mark" for c in clause.children):
        return False
    sentence = reading.parsed.sentences[reading.parsed.sentence_index(pronoun)]
    for token in reversed(reading.doc[sentence.start : pronoun.i]):
        if token.i in reading.claimed:
            return False
        indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children)
        if token.tag_ == "NN" and indefinite and is_person_noun(token):
            return True
    return False


def _unnamed_person(token: Token) -> bool:
    """ "the minister", "the teenager": a definite singular noun for a person that names no
    one the text names; a pronoun after it refers to that person, not to anyone before."""
    if token.tag_ != "NN" or not is_person_noun(token):
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _read_pronoun_role(reading: Reading, draft: Draft, pronoun: Token) -> None:
    """ "Lind said ... She is a professor of history at ...": an office stated of the pronoun
    is the person's; only a title or a word for an occupation, since "she is a mother of
    three" states none."""
    role = described(reading.doc[pronoun.i : pronoun.i + 1])
    if role is None or role.root.lemma_.lower() in _KINSHIP_NOUNS:
        return
    if not any(t.lower_ in TITLE_WORDS or is_person_noun(t) for t in role):
        return
    draft.role = role.text
    draft.role_span = (role.start, role.end)
    draft.role_head = role.root.i


def _antecedent(
    reading: Reading,
    recent: list[tuple[int, str]],
    reach: int,
    pronoun: Token,
    spoke: set[tuple[int, str]],
) -> str | None:
    """The person subject a pronoun refers back to: the last one whose known gender is the
    pronoun's, else the last one whose gender is unknown ("Ms Lind met Tom Berg. She ..." is
    Lind). A pronoun that speaks right after someone spoke goes on with that speaker, when
    nothing tells their gender ("'...,' Ellery told the jury. He said ..." is Ellery, not a
    man named before)."""
    gender = PRONOUN_GENDERS.get(pronoun.lower_)
    own_subject = _clause_subject_key(reading, pronoun)
    sentence = reading.parsed.sentence_index(pronoun)
    unknown: str | None = None
    last_speaker: tuple[int, str] | None = None
    for index, key in reversed(recent[-_MAX_ANTECEDENTS:]):
        if index < reach:
            break
        if key == _UNNAMED:
            return unknown  # "The minister said she ...": a person the text does not name
        if key == own_subject:
            continue  # "Lind offered her a loan": "her" is not Lind, or it would be "herself"
        known = reading.drafts[key].gender
        if gender is None or known == gender:
            # A man or woman named in a sentence before the last speaker's is further back
            # than the speaker the pronoun goes on with.
            return last_speaker[1] if last_speaker is not None and index < last_speaker[0] else key
        if known is None and unknown is None:
            unknown = key
            if speaks(pronoun) and (index, key) in spoke and index >= sentence - 1:
                last_speaker = (index, key)
    return unknown if last_speaker is None else last_speaker[1]


def _clause_subject_key(reading: Reading, pronoun: Token) -> str | None:
    """The actor that is the subject of the clause an object pronoun sits in."""
    if pronoun.dep_ not in _OBJECT_DEPS:
        return None
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        # "Ada Lind, who works with him, ...": the relative clause's subject is the noun it
        # describes, so "him" is someone else.
        subject = verb.head
    return reading.claimed.get(subject.i) if subject is not None else None
