"""Speakers in wire copy of many house styles: who a pronoun, a description or a body noun that
speaks refers to when the text named them once, as an object or beside someone else.

Every text here is written for these tests: invented people, places and bodies.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.test_quotes import by_text, read_quotes


@pytest.mark.slow
def test_an_object_pronoun_in_a_relative_clause_is_not_the_noun_it_describes(
    nlp: Language,
) -> None:
    # "him" inside "Moreno, who drives it with him" is not Moreno: taking it for her would give
    # her a man's pronoun, and her own "she said" would find nobody (or someone else).
    quotes = read_quotes(
        nlp,
        "The van belongs to Tom Hale. Rachel Moreno, who drives it with him on Mondays, said "
        "the queue starts at dawn.\n\n"
        '"Some of them have never seen a doctor," she said.',
    )
    assert by_text(quotes, "never seen a doctor").speaker == "Rachel Moreno"
