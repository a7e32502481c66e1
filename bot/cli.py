"""The `briefing-bot` command line: run | demo | process | evaluate.

Exit codes: 0 success, 2 bad input (one line on stderr), 1 internal error.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from bot.briefing.ingest import (
    ArticleMeta,
    IngestError,
    decode_article_bytes,
    parse_article_text,
    parse_iso_date,
)
from bot.briefing.lexicon import LexiconError
from bot.briefing.nlp import ModelNotFoundError

if TYPE_CHECKING:
    from bot.config import Settings

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2

log = logging.getLogger("bot.cli")


class UsageError(Exception):
    """Bad input from the user of the command line; the message is shown as is."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing-bot", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "run", help="run the bot (long polling, or webhook mode when WEBHOOK_URL is set)"
    )
    demo = commands.add_parser(
        "demo", help="chat with the bot in this terminal: no token, no network"
    )
    demo.add_argument(
        "--feed",
        metavar="PATH_OR_URL",
        help="follow this feed (a URL, or a feed file with its pages beside it) from the start",
    )
    process = commands.add_parser("process", help="read one article and print its briefing")
    process.add_argument("path", type=Path)
    process.add_argument(
        "--published", metavar="YYYY-MM-DD", help="publication date, if the text has none"
    )
    process.add_argument(
        "--json", action="store_true", help="print the briefing as one JSON object"
    )
    evaluate = commands.add_parser("evaluate", help="score the engine against the gold annotations")
    evaluate.add_argument(
        "--gold", type=Path, default=None, help="gold folder (default tests/gold)"
    )
    evaluate.add_argument(
        "--split",
        choices=["dev"],
        default=None,
        help="per-article scores and misses on the corpus dev split (test stays one figure)",
    )
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    return parser


def _load_settings() -> Settings:
    from bot.config import Settings

    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]).upper() or "settings"
        raise UsageError(f"invalid setting {field}: {first['msg']}") from exc


def _command_process(args: argparse.Namespace, *, exits_after: bool) -> int:
    from bot.briefing.export import briefing_json
    from bot.briefing.lexicon import load_lexicon
    from bot.briefing.nlp import load_model
    from bot.briefing.pipeline import process_article

    settings = _load_settings()
    path: Path = args.path
    published = parse_iso_date(args.published) if args.published else None
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UsageError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise UsageError(f"{path}: is a folder, not an article file") from exc
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    article = parse_article_text(decode_article_bytes(data), ArticleMeta(published=published))
    lexicon = load_lexicon(settings.content_dir / "topics.toml")
    if exits_after:
        # Every module loaded so far lives until the process exits, right after this article:
        # frozen, they are left out of the garbage collector's full passes while the model loads
        # and the article is read, and of the last one at exit (about 0.2 s of a 3,200-word
        # article's run). Not in a caller that goes on (a test): frozen objects are never freed.
        gc.freeze()
    nlp = load_model(settings.spacy_model)
    briefing = process_article(nlp, article, lexicon)
    if args.json:
        json.dump(briefing_json(briefing), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from bot.render.reports import render_article_report

        sys.stdout.write(render_article_report(briefing) + "\n")
    return EXIT_OK


def _demo_feed(feed: str | None) -> str | None:
    """demo --feed: a URL as given, or a feed file that exists."""
    if feed is None or feed.lower().startswith(("http://", "https://")):
        return feed
    if not Path(feed).is_file():
        raise UsageError(f"{feed}: no such feed file")
    return feed


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; `argv` None is this process's own command line, which then exits."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        if args.command == "process":
            return _command_process(args, exits_after=argv is None)
        if args.command == "evaluate":
            from bot.evaluate.command import main as evaluate_main

            return evaluate_main(args)
        from bot.runner import RunSettingsError, run_bot, run_demo

        settings = _load_settings()
        try:
            if args.command == "demo":
                return run_demo(settings, feed=_demo_feed(args.feed))
            return run_bot(settings)
        except RunSettingsError as exc:
            raise UsageError(str(exc)) from exc
    except (UsageError, IngestError, LexiconError, ModelNotFoundError) as exc:
        print(f"briefing-bot: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_OK
    except Exception:
        log.exception("internal error")
        print("briefing-bot: internal error (details above)", file=sys.stderr)
        return EXIT_INTERNAL
