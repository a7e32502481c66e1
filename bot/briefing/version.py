"""Which engine made a briefing: stored briefings from another version are made again.

Apart from the pipeline so the bot can check its stored briefings without importing spaCy.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from bot.briefing.lexicon import TopicLexicon

# Bump when the model's meaning changes; the fingerprint below also tracks every code change.
ENGINE_VERSION = "2"


@cache
def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    root = Path(__file__).parent
    # Recursive: an extractor moved into a sub-package still changes the fingerprint.
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def engine_version(lexicon: TopicLexicon) -> str:
    """Which engine and lexicon made a briefing: cached briefings from another are made again."""
    lexicon_digest = hashlib.sha256(repr(lexicon).encode()).hexdigest()[:8]
    return f"{ENGINE_VERSION}-{_code_fingerprint()}-{lexicon_digest}"
