"""Start-up stays light: the bot answers from stored briefings without importing spaCy or matplotlib.

Importing spaCy takes about 0.5 s and matplotlib about 0.5 s here, a large part of the start-up
budget; they are imported on the worker threads that first process an article or draw a picture.
Alembic (0.2 s) is imported only when the database is not at the newest schema revision.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("spacy", "thinc", "matplotlib", "numpy", "dateparser", "trafilatura", "alembic")


def test_the_bot_and_its_handlers_import_without_spacy_or_matplotlib() -> None:
    probe = (
        "import json, sys\n"
        "import bot.cli, bot.app, bot.runner, bot.render.pictures, handlers\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    assert json.loads(out) == []
