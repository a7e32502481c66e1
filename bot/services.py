"""What handlers and jobs reach through their typed context, instead of globals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.config import Settings
from bot.digest import DigestScheduler
from bot.feeds.poller import FeedPoller
from bot.newsroom import Newsroom
from bot.render.pictures import ChartCache
from bot.store import Store


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Services:
    settings: Settings
    store: Store
    newsroom: Newsroom
    now: Callable[[], dt.datetime] = utc_now
    bot_username: str = ""
    charts: ChartCache = field(default_factory=ChartCache)
    digests: DigestScheduler = field(init=False)
    feeds: FeedPoller = field(init=False)


class BotData:
    """`application.bot_data`: the services, set by the composition root before start."""

    services: Services


class BriefingContext(
    CallbackContext[ExtBot[None], dict[object, object], dict[object, object], BotData]
):
    """CallbackContext with the services one attribute away."""

    @property
    def services(self) -> Services:
        return self.bot_data.services


BriefingApp = Application[
    ExtBot[None],
    BriefingContext,
    dict[object, object],
    dict[object, object],
    BotData,
    JobQueue[BriefingContext],
]
