"""The composition root: `build_application(settings)` wires store, engine, handlers and digests."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest

from bot.briefing.lexicon import TopicLexicon, load_lexicon
from bot.config import Settings
from bot.digest import DigestScheduler
from bot.feeds.poller import FeedPoller
from bot.newsroom import Newsroom
from bot.render.pictures import warm_up
from bot.services import BotData, BriefingApp, BriefingContext, Services, utc_now
from bot.store import Store
from handlers import register_handlers
from handlers.commands import command_table, menu

log = logging.getLogger(__name__)

# Seconds after start-up that the chart renderer is warmed, on a worker thread: late enough not to
# slow the first answers (importing matplotlib competes for the interpreter), early enough that a
# restart's first /timeline rarely pays for it (1.7 s cold, with everyone's answers held back).
CHART_WARM_UP_DELAY = 3.0

# Collections of the middle generation between two full passes, in a running bot (Python's
# default is 10): see `_freeze_when_settled`.
FULL_PASS_AFTER = 100

# A dummy token for the offline demo: the demo's request object never sends anything.
DEMO_TOKEN = "1:offline-demo-token-never-sent"  # noqa: S105 - not a secret


def build_application(
    settings: Settings,
    *,
    token: str | None = None,
    request: BaseRequest | None = None,
    now: Callable[[], dt.datetime] = utc_now,
    rate_limit: bool = True,
    freeze_after_start: bool = False,
) -> BriefingApp:
    """The Application with every handler; the store opens and the briefing loads in post_init.

    `freeze_after_start` (the running bot's choice, see `_make_post_init`) hides what the start
    loaded from the garbage collector's full passes.
    """
    lexicon = load_lexicon(settings.content_dir / "topics.toml")
    context_types = ContextTypes(context=BriefingContext, bot_data=BotData)
    builder = (
        ApplicationBuilder()
        .token(token or settings.usable_token() or DEMO_TOKEN)
        .base_url(settings.telegram_api_url)
        .base_file_url(settings.file_url)
        .defaults(
            Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.zone, link_preview_options=None)
        )
        .context_types(context_types)
        .post_init(_make_post_init(settings, lexicon, now, freeze_after_start))
        .post_shutdown(_post_shutdown)
        # Updates from different chats are handled concurrently; /add waits on spaCy off-loop.
        .concurrent_updates(True)
    )
    if rate_limit:
        # Retries honour RetryAfter (429) instead of surfacing it; the limits are Telegram's.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application: BriefingApp = builder.build()  # type: ignore[assignment]
    register_handlers(application, lexicon)
    return application


def _make_post_init(
    settings: Settings,
    lexicon: TopicLexicon,
    now: Callable[[], dt.datetime],
    freeze_after_start: bool,
) -> Callable[[BriefingApp], Coroutine[Any, Any, None]]:
    late: set[asyncio.Task[None]] = set()

    async def post_init(application: BriefingApp) -> None:
        store = await Store.open(settings.database_url, clock=now)
        newsroom = Newsroom(
            store,
            lexicon,
            settings.spacy_model,
            settings.content_dir,
            latest_articles=settings.latest_articles,
        )
        services = Services(settings=settings, store=store, newsroom=newsroom, now=now)
        application.bot_data.services = services
        await newsroom.start()
        services.feeds = FeedPoller(
            store.feeds,
            newsroom,
            lexicon,
            allow_private=settings.allow_private_urls,
            interval=dt.timedelta(minutes=settings.feed_poll_minutes),
            max_per_poll=settings.feed_max_per_poll,
            now=now,
        )
        services.bot_username = application.bot.username or ""
        await _register_command_menus(application, settings, lexicon)
        job_queue = application.job_queue
        if job_queue is None:  # pragma: no cover - the job-queue extra is a dependency
            raise RuntimeError("python-telegram-bot was installed without its job-queue extra")
        services.digests = DigestScheduler(
            store=store,
            newsroom=newsroom,
            job_queue=job_queue,
            bot=application.bot,
            clock=now,
            grace=dt.timedelta(minutes=settings.digest_grace_minutes),
            default_slot=(settings.digest_time, settings.digest_tz),
        )
        await services.digests.start()
        services.feeds.schedule(job_queue)
        # Once the bot answers: drawing's cold start (matplotlib, the map) would otherwise fall on
        # the first /timeline or /where, and stall everyone else's answers meanwhile.
        job_queue.run_once(_warm_charts, when=CHART_WARM_UP_DELAY, name="warm")
        if freeze_after_start:
            # What the start loaded (stories, the latest articles' briefing: hundreds of thousands
            # of objects at 10,000 articles) lives as long as the process. Frozen, it is left out
            # of the collector's full passes, which otherwise walk it all in the middle of some
            # answer (up to half a second each). Only a process that runs one bot does this: the
            # frozen objects are never collected, so a test run of many bots would keep them all.
            gc.collect()
            gc.freeze()
            frozen = asyncio.create_task(_freeze_when_settled(newsroom), name="freeze")
            late.add(frozen)  # the loop keeps only a weak reference to a task
            frozen.add_done_callback(late.discard)

    return post_init


async def _freeze_when_settled(newsroom: Newsroom) -> None:
    """Freeze again once the start's late work is done: the stories it grouped after the first
    answers (at 10,000 articles, 130,000 objects) live as long as the process too, and left in
    the collector's view each full pass over them stopped everything for 100 to 500 ms, answers
    included, every few stories opened. One full collection now, while nobody waits for it.

    Then full passes are made rarer. What answers keep after this is mostly the stories' own
    briefings (32 of them, 75,000 objects): they hold no reference cycle, so refcounting frees
    one when it leaves the cache, and a full pass frees nothing but walks them all (20 to 90 ms,
    two or three every 100 stories opened)."""
    await newsroom.settled()
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_PASS_AFTER)


async def _warm_charts(context: BriefingContext) -> None:
    await asyncio.to_thread(warm_up)


async def _register_command_menus(
    application: BriefingApp, settings: Settings, lexicon: TopicLexicon
) -> None:
    """Public menu for everyone; admins see the admin commands too, in their private chat."""
    table = command_table(lexicon)
    public = [BotCommand(name, text) for name, text in menu(table, admins=False)]
    await application.bot.set_my_commands(public, scope=BotCommandScopeDefault())
    with_admin = [BotCommand(name, text) for name, text in menu(table, admins=True)]
    for admin_id in sorted(settings.admin_user_ids):
        try:
            await application.bot.set_my_commands(with_admin, scope=BotCommandScopeChat(admin_id))
        except TelegramError as exc:
            # An admin who never opened a chat with the bot has no chat to scope a menu to yet.
            log.warning("could not set the admin command menu for user %s: %s", admin_id, exc)


async def _post_shutdown(application: BriefingApp) -> None:
    services = getattr(application.bot_data, "services", None)
    if services is None:
        return
    await services.newsroom.close()
    await services.store.close()
