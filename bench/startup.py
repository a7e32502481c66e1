"""Item 4: process start to first answer with 1,000 processed articles in the store.

The parent notes the wall clock, starts `python -m bench.startup <store> <content>`, and the child
reports when its first /who answer went out, and whether any spaCy model got loaded on the way.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.report import Row, run_probe

TARGET_S = 2.0


@dataclass(frozen=True)
class StartUps:
    total: float  # median seconds from spawn to the first answer
    imports: float  # median seconds from spawn to `bot.app` imported
    models: frozenset[str]  # spaCy models any run had loaded by its answer
    imported_spacy: int  # runs that had imported spaCy by then


def measure_startups(database_url: str, content: Path, articles: int, runs: int) -> StartUps:
    from bench.inprocess import restamp_briefings, settings_for

    totals, imports, models, imported_spacy = [], [], set(), 0
    for _ in range(runs):
        asyncio.run(restamp_briefings(settings_for(database_url, content)))
        began = time.time()
        probe = run_probe("bench.startup", database_url, str(content))
        totals.append(probe["answered"] - began)
        imports.append(probe["imported"] - began)
        models.update(probe["models"])
        imported_spacy += probe["spacy_imported"]
        if probe["articles"] != articles:
            raise SystemExit(f"the bot started with {probe['articles']} articles, not {articles}")
    return StartUps(
        statistics.median(totals), statistics.median(imports), frozenset(models), imported_spacy
    )


def startup_rows(
    database_url: str,
    content: Path,
    articles: int,
    runs: int = 5,
    *,
    bundled_url: str | None = None,
    bundled_words: int = 0,
) -> list[Row]:
    """The long synthetic articles; with `bundled_url`, also as many copies of the bundled one."""
    long = measure_startups(database_url, content, articles, runs)
    rows = [
        Row(
            "4",
            f"process start to first /who answer, {articles:,} articles stored, median of {runs} "
            "(interpreter + imports in brackets)",
            f"{long.total:.2f} s ({long.imports:.2f} s)",
            f"<= {TARGET_S:.0f} s",
            long.total <= TARGET_S,
        )
    ]
    if bundled_url is not None:
        short = measure_startups(bundled_url, content, articles, runs)
        rows.append(
            Row(
                "4",
                f"the same with {articles:,} copies of the bundled article ({bundled_words} "
                "words) stored",
                f"{short.total:.2f} s ({short.imports:.2f} s)",
                f"<= {TARGET_S:.0f} s",
                short.total <= TARGET_S,
            )
        )
    rows.append(
        Row(
            "4",
            "spaCy by then: models loaded (bot.briefing.nlp.loaded_models()); runs that imported it",
            f"{', '.join(sorted(long.models)) or 'none'}; {long.imported_spacy} of {runs}",
            "none",
            not long.models and not long.imported_spacy,
        )
    )
    return rows


async def _probe(database_url: str, content: Path, imported: float) -> dict[str, object]:
    from bench.inprocess import TimedRequest, settings_for, start_app, stop_app, timed_update
    from tests.handlers.updates import private

    request = TimedRequest()
    # The parent re-stamped the store: this process measures start-up and nothing else.
    app = await start_app(settings_for(database_url, content), request, restamp=False)
    try:
        _, texts = await timed_update(app, request, private("/who", 501))
        answered = time.time()
        spacy_imported = "spacy" in sys.modules
        if not texts or len(texts[0]) < 80:
            raise SystemExit(f"/who got a near-empty reply: {texts!r}")
        # Asked after the answer: importing the module that knows would import spaCy itself.
        from bot.briefing.nlp import loaded_models

        return {
            "imported": imported,
            "answered": answered,
            "spacy_imported": spacy_imported,
            "models": loaded_models(),
            "articles": len(app.bot_data.services.newsroom.view.articles),
        }
    finally:
        await stop_app(app)


def main() -> None:
    import bot.app  # noqa: F401 - what `briefing-bot run` imports before it can answer

    imported = time.time()
    database_url, content = sys.argv[1], Path(sys.argv[2])
    print(json.dumps(asyncio.run(_probe(database_url, content, imported))))


if __name__ == "__main__":
    main()
