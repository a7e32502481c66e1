"""Speakers of attribution shapes that news copy uses beyond "X said": passives, body pronouns,
ages, offices, delegates and bare institution nouns.

Every text here is written for these tests: invented people, places and bodies.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.briefing.models import ActorKind
from bot.briefing.quotes import find_quotes
from tests.test_quotes import by_text, known_actors
from tests.test_speakers import Row, parsed_from_rows, quotes_of


@pytest.mark.slow
def test_quoted_as_saying_is_the_passive_subjects_words(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        'Ulla Berge was quoted as saying that the strike "would last until the end of the '
        'month."\n\n'
        'Piet Marsh was accused of calling the jury "a pack of amateurs" in a radio interview.',
        ["Ulla Berge", "Piet Marsh"],
    )
    assert by_text(quotes, "until the end of the month").speaker == "Ulla Berge"
    assert by_text(quotes, "a pack of amateurs").speaker == "Piet Marsh"


@pytest.mark.slow
def test_they_said_is_the_body_its_members_stand_for(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "Members of the Farmers Union blocked the road on Monday. They said the subsidies were "
        "too low.\n\n"
        'The Coastal Alliance met in the town hall. "We will march again," they said.\n\n'
        "The Farmers Union closed the bridge. Residents were furious. They said the traffic "
        "had never been so bad.",
        [],
        ("Farmers Union", "Coastal Alliance"),
    )
    assert by_text(quotes, "subsidies were too low").speaker == "Farmers Union"
    assert by_text(quotes, "march again").speaker == "Coastal Alliance"
    # Residents named as the subject in between are whom "they" means: no body speaks.
    assert by_text(quotes, "never been so bad").speaker is None


@pytest.mark.slow
def test_it_said_after_a_body_named_only_as_a_modifier(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        'The Ostland government said the border would reopen. "The crisis is over," it said.\n\n'
        "Halden Bank's board met on Friday. It said the dividend would be cut.",
        [],
        ("Ostland", "Halden Bank"),
    )
    assert by_text(quotes, "crisis is over").speaker == "Ostland"
    assert by_text(quotes, "dividend would be cut").speaker == "Halden Bank"


@pytest.mark.slow
def test_an_age_description_is_the_person_just_named(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        'Kai Brenner, 45, was arrested in March. "I have done nothing wrong," the 45-year-old '
        "said.\n\n"
        "Maja Holt, 71, has kept bees for decades. The 71-year-old said the winter had killed "
        "half her hives.",
        ["Kai Brenner", "Maja Holt"],
    )
    assert by_text(quotes, "nothing wrong").speaker == "Kai Brenner"
    assert by_text(quotes, "half her hives").speaker == "Maja Holt"


@pytest.mark.slow
def test_an_office_or_spokesperson_of_a_person_speaks_for_them(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "The office of Governor Mary Collins said the roads would be closed.\n\n"
        "A spokeswoman for Senator Mark Ellis said the senator would vote against the bill.\n\n"
        "Tom Varga's campaign said the poll was wrong.",
        ["Mary Collins", "Mark Ellis", "Tom Varga"],
    )
    assert by_text(quotes, "roads would be closed").speaker == "Mary Collins"
    assert by_text(quotes, "vote against the bill").speaker == "Mark Ellis"
    assert by_text(quotes, "poll was wrong").speaker == "Tom Varga"


@pytest.mark.slow
def test_delegates_of_a_body_and_people_named_among_critics_speak(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "Observers from the Ostland Election Commission described the vote as "
        '"competitive and fair."\n\n'
        "Inspectors of the Harbour Authority said the crane was unsafe.\n\n"
        'Critics, including Senator Paul Dunn, said the bill "goes nowhere near far enough."\n\n'
        'Residents of Brennton said the water "smelled of oil for weeks."',
        ["Paul Dunn"],
        ("Ostland Election Commission", "Harbour Authority", "Brennton"),
    )
    assert by_text(quotes, "competitive and fair").speaker == "Ostland Election Commission"
    assert by_text(quotes, "crane was unsafe").speaker == "Harbour Authority"
    assert by_text(quotes, "nowhere near far enough").speaker == "Paul Dunn"
    # Residents are not sent by the town to speak for it.
    assert by_text(quotes, "smelled of oil").speaker is None


@pytest.mark.slow
def test_a_bare_institution_noun_is_the_one_body_named_with_it(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "The Tarn Police Department said two officers were injured. Police said the suspect "
        "fled on foot.\n\n"
        "The Vellin Army and the Ostland Army met at the border. Army said the talks would go "
        "on.",
        [],
        ("Tarn Police Department", "Vellin Army", "Ostland Army"),
    )
    assert by_text(quotes, "fled on foot").speaker == "Tarn Police Department"
    # Two bodies are called so: which one speaks is not plain.
    assert by_text(quotes, "talks would go on").speaker is None


@pytest.mark.slow
def test_a_document_speaks_for_whoever_issued_or_released_it(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "Greenfield Motors issued a statement on Monday. The statement said the recall covered "
        "20,000 cars.\n\n"
        'The report, released by the Ostland Audit Office, said the ministry had "lost control '
        'of its spending."\n\n'
        "The Harbour Trust sent a letter to the council. The letter said the pier was unsafe.",
        [],
        ("Greenfield Motors", "Ostland Audit Office", "Harbour Trust"),
    )
    assert by_text(quotes, "recall covered").speaker == "Greenfield Motors"
    assert by_text(quotes, "lost control").speaker == "Ostland Audit Office"
    assert by_text(quotes, "pier was unsafe").speaker == "Harbour Trust"


@pytest.mark.slow
def test_an_outlet_that_passed_words_on_takes_nothing_from_their_speaker(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "Olga Brandt said the plan had failed, according to the Valley Courier.\n\n"
        "Tomas Weber told friends he would resign, according to the Evening Post.",
        ["Olga Brandt", "Tomas Weber"],
    )
    # One quote each, the speaker's own, not a second one "according to" the outlet.
    assert by_text(quotes, "plan had failed").speaker == "Olga Brandt"
    assert by_text(quotes, "would resign").speaker == "Tomas Weber"


@pytest.mark.slow
def test_a_quote_paragraph_is_attributed_by_a_next_one_pointing_back_at_it(
    nlp: Language,
) -> None:
    quotes = quotes_of(
        nlp,
        '"We are worried about the future."\n\n'
        "That is what Maria Lopez, a coffee farmer, says about the drought.\n\n"
        '"We cannot wait any longer."\n\n'
        "Those were the words of Jonas Weller as he left the meeting on Tuesday.\n\n"
        '"The harbour will never be the same."\n\n'
        "The council met on Tuesday. Maria Lopez said the vote would be delayed.",
        ["Maria Lopez", "Jonas Weller"],
    )
    assert by_text(quotes, "worried about the future").speaker == "Maria Lopez"
    assert by_text(quotes, "wait any longer").speaker == "Jonas Weller"
    # A next paragraph that does not point back attributes other words.
    assert by_text(quotes, "never be the same").speaker is None


@pytest.mark.slow
def test_interview_turns_labelled_by_initials_are_that_persons(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "The Valley Courier spoke to Daniel Moore, the candidate for the northern district.\n\n"
        "Courier: Why are you running for office?\n\n"
        "DM: Because the district has been ignored for too long by the capital.\n\n"
        "Courier: What is your first priority?\n\n"
        "DM: Roads. Half the roads in the district are not paved.",
        ["Daniel Moore"],
    )
    assert by_text(quotes, "ignored for too long").speaker == "Daniel Moore"
    assert by_text(quotes, "roads in the district").speaker == "Daniel Moore"
    assert not [q for q in quotes if "first priority" in q.text]


@pytest.mark.slow
def test_a_question_label_names_nobody(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "SECRETARY BLAKE: Thank you all for coming. We have made real progress on the trade "
        "agreement today.\n\n"
        "QUESTION: Mr. Secretary, when will the agreement be signed?\n\n"
        "SECRETARY BLAKE: I expect the signing ceremony to take place next month in Brennton.",
        [],
    )
    assert by_text(quotes, "signing ceremony").speaker == "Blake"
    assert not [q for q in quotes if "when will the agreement" in q.text]


@pytest.mark.slow
def test_a_label_that_only_asks_is_the_interviewers_and_a_surname_label_answers(
    nlp: Language,
) -> None:
    quotes = quotes_of(
        nlp,
        "The Valley Courier spoke with Daniel Moore about the election.\n\n"
        "VC: Why are you running for office?\n\n"
        "Moore: Because the district has been ignored for too long by the capital.\n\n"
        "VC: What is your first priority?\n\n"
        "Moore: Roads. Half the roads in the district are not paved.\n\n"
        "We also need a new hospital in the north.",
        [],
    )
    assert by_text(quotes, "ignored for too long").speaker == "Daniel Moore"
    # An unlabelled paragraph goes on with the answer before it.
    assert by_text(quotes, "new hospital").speaker == "Daniel Moore"
    assert not [q for q in quotes if "first priority" in q.text or "running for" in q.text]


@pytest.mark.slow
def test_questions_and_answers_written_out_are_read(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "The Valley Courier spoke with Daniel Moore about the election.\n\n"
        "Question: Why are you running for office?\n\n"
        "Answer: Because the district has been ignored for too long by the capital.\n\n"
        "Question: What is your first priority?\n\n"
        "Answer: Roads. Half the roads in the district are not paved.",
        ["Daniel Moore"],
    )
    assert by_text(quotes, "ignored for too long").speaker == "Daniel Moore"
    assert by_text(quotes, "roads in the district").speaker == "Daniel Moore"
    assert not [q for q in quotes if "first priority" in q.text]


@pytest.mark.slow
def test_a_second_he_in_a_sentence_is_the_first_not_the_man_he_spoke_to(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "Mark Dobson met Alan Finch at the harbour on Monday.\n\n"
        "Later he told Finch that the pier would be rebuilt, and he said the work would start "
        "in June.",
        ["Mark Dobson", "Alan Finch"],
    )
    assert by_text(quotes, "work would start").speaker == "Mark Dobson"


@pytest.mark.slow
def test_whom_a_transcript_question_names_is_no_antecedent(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "MS. WHITCOMBE: Good morning. The minister met the fishing fleet this morning.\n\n"
        "Q Dana, will Tom Berg join the talks?\n\n"
        "MS. WHITCOMBE: I cannot say. He has not told us yet, and he said the decision is his "
        "alone.\n\n"
        "Q Thank you.\n\n"
        "MS. WHITCOMBE: Thank you.",
        ["Tom Berg"],
    )
    # The answer is the spokeswoman's, and no quote inside it goes to the man asked about.
    assert by_text(quotes, "decision is his alone").speaker == "Whitcombe"


@pytest.mark.slow
def test_words_quoted_in_what_someone_else_reportedly_said_are_theirs(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        'Michael Ross said Sarah Long had called the plan "a disaster for the valley."\n\n'
        'Peter Grant said Anna Kroll had told him the dam was "falling apart at the seams."\n\n'
        'Michael Ross said he told Sarah Long: "We are done with this."',
        ["Michael Ross", "Sarah Long", "Peter Grant", "Anna Kroll"],
    )
    assert by_text(quotes, "disaster for the valley").speaker == "Sarah Long"
    assert by_text(quotes, "falling apart").speaker == "Anna Kroll"
    # What the reporter himself told someone stays his.
    assert by_text(quotes, "done with this").speaker == "Michael Ross"


@pytest.mark.slow
def test_words_quoted_in_a_claim_are_its_owners(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        'Michael Ross rejected claims by Sarah Long that the plan was "doomed from the '
        'start."\n\n'
        "Peter Grant dismissed Anna Kroll's assertion that the dam was \"falling apart at the "
        'seams."',
        ["Michael Ross", "Sarah Long", "Peter Grant", "Anna Kroll"],
    )
    assert by_text(quotes, "doomed from the start").speaker == "Sarah Long"
    assert by_text(quotes, "falling apart").speaker == "Anna Kroll"


@pytest.mark.slow
def test_a_person_of_their_own_named_with_someone_does_not_speak_for_them(
    nlp: Language,
) -> None:
    quotes = quotes_of(
        nlp,
        'Ivan Petrov\'s lawyer said the verdict was "a dark day for justice."\n\n'
        "Ivan Petrov's wife said the family would appeal.\n\n"
        "Ivan Petrov's spokesman said the statement had been misread.\n\n"
        "The Harbour Authority's board said the fares would stay.",
        ["Ivan Petrov"],
        ("Harbour Authority",),
    )
    assert by_text(quotes, "dark day for justice").speaker is None
    assert by_text(quotes, "family would appeal").speaker is None
    # A spokesman, and a body's own organ, speak for whom they belong to.
    assert by_text(quotes, "had been misread").speaker == "Ivan Petrov"
    assert by_text(quotes, "fares would stay").speaker == "Harbour Authority"


@pytest.mark.slow
def test_they_after_two_bodies_named_together_is_no_one_body(nlp: Language) -> None:
    quotes = quotes_of(
        nlp,
        "Ostland and Vellin signed the treaty on Monday. They said the border would open in "
        "May.\n\n"
        "The Vellin Rowing Club hosted the race. They said the course was too short.",
        [],
        ("Ostland", "Vellin", "Vellin Rowing Club"),
    )
    assert by_text(quotes, "border would open").speaker is None
    assert by_text(quotes, "course was too short").speaker == "Vellin Rowing Club"


def test_a_name_set_off_with_an_aside_speaks_when_the_parse_loses_the_subject(
    nlp: Language,
) -> None:
    # The parse the rule repairs, written out: the name hung on the opening participle, a
    # post-nominal aside between it and the verb ("..., Ada Lind, QC, said that ...").
    rows: list[Row] = [
        ("Speaking", 12, "advcl", "VERB", "speak"),
        ("for", 0, "prep", "ADP", "for"),
        ("the", 3, "det", "DET", "the"),
        ("workers", 5, "poss", "NOUN", "worker"),
        ("'", 3, "case", "PART", "'"),
        ("defence", 1, "pobj", "NOUN", "defence"),
        (",", 0, "punct", "PUNCT", ","),
        ("Ada", 8, "compound", "PROPN", "Ada"),
        ("Lind", 0, "npadvmod", "PROPN", "Lind"),
        (",", 8, "punct", "PUNCT", ","),
        ("QC", 8, "appos", "PROPN", "QC"),
        (",", 12, "punct", "PUNCT", ","),
        ("said", 12, "ROOT", "VERB", "say"),
        ("the", 14, "det", "DET", "the"),
        ("fines", 15, "nsubj", "NOUN", "fine"),
        ("were", 12, "ccomp", "AUX", "be"),
        ("unfair", 15, "acomp", "ADJ", "unfair"),
        (".", 12, "punct", "PUNCT", "."),
    ]
    words = [row[0] for row in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in {",", ".", "'"} for i in range(len(rows))]
    parsed = parsed_from_rows(nlp, rows, spaces)
    actors = known_actors(parsed, {"Ada Lind": ActorKind.PERSON})
    assert by_text(find_quotes(parsed, actors, []), "fines were unfair").speaker == "Ada Lind"
