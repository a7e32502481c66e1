"""The spaCy pipeline components the engine adds to the model.

Apart from `nlp.py` so that importing the loader (as the bot does at start-up for its errors)
does not import spaCy: the loader imports this module, and so registers the components, on the
worker thread that loads the model.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_BOUNDARIES = "paragraph_boundaries"


@Language.component(PARAGRAPH_BOUNDARIES)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A sentence never runs across a paragraph break; the parser decides the rest."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc
