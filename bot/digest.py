"""Daily digests: one JobQueue job per time of day and zone that some chat chose (the job asks the
store who is due), rebuilt from the store at start-up, delivered exactly once per chat and day (a
claim row in the store comes before the send). Every change to a chat's subscription goes through
the scheduler, so the store and the jobs never disagree."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.jobstores.base import JobLookupError
from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError
from telegram.ext import CallbackContext, JobQueue

from bot.briefing.view import BriefingView
from bot.newsroom import Newsroom
from bot.render.pictures import chart_for_digest
from bot.render.subscribers import render_digest
from bot.store import DeliveryResult, DeliveryStatus, Store, Subscription
from bot.store.deliveries import DeliveryRepository

log = logging.getLogger(__name__)


DIGESTS_IN_FLIGHT = 4
PICTURE_CAPTION = "<b>Timeline</b> · the dated events of your briefing"

# How often an instance re-reads the store for what other instances changed.
SYNC_INTERVAL = dt.timedelta(seconds=60)


# A time of day in a zone. One daily job per slot serves every chat due then: 10,000 chats at a
# handful of times are a handful of jobs (a job each cost 4 KB and 0.2 ms to schedule).
Slot = tuple[dt.time, str]
SubKey = tuple[int, int]  # (chat id, thread id)


def slot_job_name(slot: Slot) -> str:
    return f"digest:{slot[0]:%H:%M}:{slot[1]}"


def last_due(sub: Subscription, now: dt.datetime) -> dt.datetime:
    """The most recent scheduled instant at or before `now`, in the subscription's zone."""
    zone = ZoneInfo(sub.tz)
    local_now = now.astimezone(zone)
    today = dt.datetime.combine(local_now.date(), sub.time, tzinfo=zone)
    return today if today <= local_now else today - dt.timedelta(days=1)


@dataclass(frozen=True)
class Digest:
    parts: tuple[str, ...]
    new_articles: int
    latest_seq: int


def compose_digest(
    view: BriefingView, since_seq: int, topics: Sequence[str], today: dt.date
) -> Digest:
    """A digest of what is new after `since_seq` (on `topics`, or all), key actors, events ahead."""
    new_ids = view.article_ids_after(since_seq)
    upcoming = view.index.upcoming_events(today)
    # The mark is 0 until a digest has been sent (the first digest covers everything).
    parts = render_digest(
        view.index, new_ids, upcoming, topics, first=since_seq == 0, stories=view.desk
    )
    return Digest(tuple(parts), len(new_ids), view.latest_seq)


# A digest depends on the view, the chat's mark, its topics and the day, and on nothing else.
DigestKey = tuple[int, int, tuple[str, ...], dt.date]


class OutcomeLog:
    """Group commit for delivery outcomes: each caller waits until its outcome is stored, and the
    outcomes that arrive while one transaction is being written go together in the next.

    A fan-out finishes hundreds of digests a second; one transaction each cost about a fifth of
    the bot's CPU per digest. No timer is involved: a lone outcome is written at once.
    """

    def __init__(self, deliveries: DeliveryRepository) -> None:
        self._deliveries = deliveries
        self._waiting: list[tuple[DeliveryResult, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, result: DeliveryResult) -> None:
        done = asyncio.get_running_loop().create_future()
        self._waiting.append((result, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_waiting())
        # Shielded: a caller that is cancelled must not cancel the write of the others' outcomes.
        await asyncio.shield(done)

    async def _write_waiting(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                await self._deliveries.record([result for result, _ in batch])
            except Exception as exc:  # every waiter hears of it; the next batch tries again
                for _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
            else:
                for _, done in batch:
                    if not done.done():
                        done.set_result(None)


# The JobQueue's callbacks get the application's context type; the scheduler reads nothing from it.
JobContext = CallbackContext[Any, Any, Any, Any]


class DigestScheduler:
    """Owns every change to a chat's subscription (subscribe, unsubscribe, move, end), keeps a daily
    job for each time at which some chat wants its digest, and delivers each digest once."""

    def __init__(
        self,
        *,
        store: Store,
        newsroom: Newsroom,
        job_queue: JobQueue[Any],
        bot: Bot,
        clock: Callable[[], dt.datetime],
        grace: dt.timedelta,
        default_slot: Slot,
    ) -> None:
        self._store = store
        self._newsroom = newsroom
        self._job_queue = job_queue
        self._bot = bot
        self._clock = clock
        self._grace = grace
        self._default_slot = default_slot
        # The slot each scheduled subscription is in, and who is in each slot: what the jobs were
        # made from, to see which subscriptions another instance changed.
        self._slots: dict[SubKey, Slot] = {}
        self._members: dict[Slot, set[SubKey]] = {}
        # AIORateLimiter is one first-in-first-out queue: a fan-out that queued every chat's digest
        # at once would make a /who wait behind all of them. A few digests in flight keep the
        # limiter busy at Telegram's 30 messages/s while an interactive reply waits for at most
        # these few sends.
        self._in_flight = asyncio.Semaphore(DIGESTS_IN_FLIGHT)
        self._outcomes = OutcomeLog(store.deliveries)
        # Digests composed during this view's fan-out: most chats share their mark and topics.
        self._composed: dict[DigestKey, Digest] = {}

    # Chat changes: each writes the store, then puts the jobs in line with it.

    async def subscribe(
        self,
        chat_id: int,
        thread_id: int,
        *,
        chat_type: str,
        time: dt.time | None = None,
        tz: str | None = None,
        topics: list[str] | None = None,
        daily: bool | None = None,
        pictures: bool | None = None,
    ) -> Subscription:
        """Subscribe a chat with the defaults, or change only the fields given; reactivates it."""
        sub = await self._store.subscriptions.upsert(
            chat_id,
            thread_id,
            chat_type=chat_type,
            time=time,
            tz=tz,
            topics=topics,
            daily=daily,
            pictures=pictures,
            default_time=self._default_slot[0],
            default_tz=self._default_slot[1],
        )
        self._schedule(sub)
        return sub

    async def unsubscribe(self, chat_id: int, thread_id: int) -> bool:
        """Stop one subscription; False when there was none to stop."""
        stopped = await self._store.subscriptions.unsubscribe(chat_id, thread_id)
        self._unschedule((chat_id, thread_id))
        return stopped

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> int:
        """A group became a supergroup: its subscriptions go on under the new id."""
        moved = await self._store.subscriptions.migrate_chat(old_chat_id, new_chat_id)
        for sub in await self._store.subscriptions.of_chat(new_chat_id):
            # A subscription the group had for this thread either moved or gave way to the
            # supergroup's own: either way its old key is gone.
            self._unschedule((old_chat_id, sub.thread_id))
            self._schedule(sub)
        return moved

    async def end_chat(self, chat_id: int, reason: str) -> int:
        """The bot was blocked or removed: every subscription of the chat stops."""
        ended = await self._store.subscriptions.deactivate_chat(chat_id, reason)
        for sub in await self._store.subscriptions.of_chat(chat_id):
            self._unschedule(sub.key)
        return ended

    async def preview(self, chat_id: int, thread_id: int) -> Digest:
        """The chat's digest as it would go out now; nothing is claimed and its mark stays."""
        sub = await self._store.subscriptions.get(chat_id, thread_id)
        # Without a subscription the preview is a first digest: everything, on every topic.
        since, topics = (sub.last_seq, sub.topics) if sub is not None else (0, [])
        # Grouped by story as digests are: just after a start-up, that waits for the grouping.
        view = await self._newsroom.stories_view()
        return compose_digest(view, since, topics, self._clock().date())

    # Jobs

    def _compose(self, view: BriefingView, sub: Subscription, today: dt.date) -> Digest:
        key = (view.version, sub.last_seq, tuple(sub.topics), today)
        digest = self._composed.get(key)
        if digest is None:
            if any(k[0] != view.version for k in self._composed) or len(self._composed) > 256:
                self._composed.clear()
            digest = self._composed[key] = compose_digest(view, sub.last_seq, sub.topics, today)
        return digest

    async def start(self) -> None:
        """Rebuild every job from the store, then send digests missed while the bot was down."""
        now = self._clock()
        unconfirmed = await self._store.deliveries.unconfirmed(now, now - dt.timedelta(days=1))
        if unconfirmed:
            # Telegram offers no way to send a message exactly once: a digest whose outcome was
            # never recorded may have arrived, so it is not sent again. Say which, for the record.
            log.warning(
                "%d digests claimed before this start were never confirmed sent (a process "
                "stopped mid-send, or another instance is still sending them); they are not "
                "sent again: %s",
                len(unconfirmed),
                ", ".join(f"chat {d.chat_id} on {d.digest_date}" for d in unconfirmed[:20]),
            )
        subs = await self._store.subscriptions.active()
        for sub in subs:
            self._schedule(sub)
        log.info("scheduled %d digests at %d times", len(subs), len(self._members))
        # Missed digests go out from a job once the bot runs: a large catch-up must not hold up
        # start-up, and the bot answers while it is sent.
        self._job_queue.run_once(self._catch_up_job, when=0, name="catch-up")
        self._job_queue.run_repeating(
            self._sync_job, interval=SYNC_INTERVAL, first=SYNC_INTERVAL, name="store-sync"
        )

    async def sync(self) -> None:
        """Pick up what other instances wrote to the store: new, changed and ended subscriptions.

        With several instances a /subscribe is scheduled at once only where it was handled; this
        makes every instance schedule it within SYNC_INTERVAL, and the claim row in the store
        still lets only one of them send each digest.
        """
        subs = await self._store.subscriptions.active()
        active = {sub.key for sub in subs}
        for key in set(self._slots) - active:
            self._unschedule(key)
        for sub in subs:
            self._schedule(sub)
        await self.catch_up(subs)

    async def _sync_job(self, context: JobContext) -> None:
        await self._newsroom.sync()
        await self.sync()

    def _schedule(self, sub: Subscription) -> None:
        """Put the chat in the slot of its time and zone (and out of any other it was in)."""
        if not sub.active:
            self._unschedule(sub.key)
            return
        slot = (sub.time, sub.tz)
        old = self._slots.get(sub.key)
        if old == slot:
            return
        if old is not None:
            self._leave(sub.key, old)
        self._slots[sub.key] = slot
        members = self._members.setdefault(slot, set())
        members.add(sub.key)
        if len(members) == 1:
            self._add_slot_job(slot)

    def _unschedule(self, key: SubKey) -> None:
        old = self._slots.pop(key, None)
        if old is not None:
            self._leave(key, old)

    def is_scheduled(self, chat_id: int, thread_id: int) -> bool:
        """Whether the chat's daily digest has a job here."""
        slot = self._slots.get((chat_id, thread_id))
        return (
            slot is not None and self._job_queue.scheduler.get_job(slot_job_name(slot)) is not None
        )

    @property
    def scheduled_count(self) -> int:
        """How many chats have a daily digest scheduled here."""
        return len(self._slots)

    def _leave(self, key: SubKey, slot: Slot) -> None:
        members = self._members.get(slot, set())
        members.discard(key)
        if members:
            return
        self._members.pop(slot, None)
        with contextlib.suppress(JobLookupError):
            self._job_queue.scheduler.remove_job(slot_job_name(slot))

    def _add_slot_job(self, slot: Slot) -> None:
        name = slot_job_name(slot)
        # The job's id is its name: replacing and removing by id are lookups, where finding jobs
        # by name scans them all.
        self._job_queue.run_daily(
            self._run_slot,
            time=slot[0].replace(tzinfo=ZoneInfo(slot[1])),
            name=name,
            data=slot,
            job_kwargs={"id": name, "replace_existing": True},
        )

    async def catch_up(self, subs: list[Subscription]) -> None:
        """Send each digest whose time passed within the grace period and was not yet claimed.

        Only digests due while the chat was subscribed count as missed: subscribing at 08:30 for
        08:00 starts tomorrow, it does not send one at once.
        """
        now = self._clock()
        missed = [(sub, last_due(sub, now)) for sub in subs]
        await self._deliver_all(
            [
                (sub, due.date())
                for sub, due in missed
                if now - due <= self._grace and due >= sub.created_at
            ]
        )

    async def _deliver_all(self, due: list[tuple[Subscription, dt.date]]) -> None:
        """Deliver many digests at once (DIGESTS_IN_FLIGHT are sent at a time); one that fails
        is logged and does not stop the others."""
        outcomes = await asyncio.gather(
            *(self.deliver(sub, day) for sub, day in due), return_exceptions=True
        )
        for (sub, _), outcome in zip(due, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                log.error("the digest to chat %s failed", sub.chat_id, exc_info=outcome)

    async def _catch_up_job(self, context: JobContext) -> None:
        await self.catch_up(await self._store.subscriptions.active())

    async def _run_slot(self, context: JobContext) -> None:
        job = context.job
        if job is None or not isinstance(job.data, tuple):
            return
        time, tz = job.data
        # The store says who is due: a chat another instance moved or ended is not sent to, and
        # one it added is, even before this instance's next sync.
        subs = await self._store.subscriptions.active(at=(time, tz))
        now = self._clock()
        await self._deliver_all([(sub, last_due(sub, now).date()) for sub in subs])

    async def deliver(self, sub: Subscription, digest_date: dt.date) -> DeliveryResult | None:
        """Claim, compose and send one digest; None when another run already claimed it.

        The claim is taken only once a send slot is free: a process killed mid-fan-out then loses
        at most the few digests it was sending, not every one it had queued.
        """
        async with self._in_flight:
            if not await self._store.deliveries.claim(sub, digest_date):
                return None
            view = self._newsroom.view
            digest = self._compose(view, sub, digest_date)
            if digest.new_articles == 0 and not sub.daily:
                result = DeliveryResult(
                    sub.chat_id,
                    sub.thread_id,
                    digest_date,
                    DeliveryStatus.SKIPPED,
                    None,
                    sub.last_seq,
                )
            else:
                picture = None
                if sub.pictures:
                    # Drawn on a worker thread: matplotlib would stall every other chat's answer.
                    picture = await asyncio.to_thread(chart_for_digest, view, sub.topics)
                result = await self._send(sub, digest, digest_date, picture)
        # Outside the send slot: the next chat's send starts while this outcome is written.
        await self._outcomes.record(result)
        return result

    async def _send(
        self, sub: Subscription, digest: Digest, digest_date: dt.date, picture: bytes | None
    ) -> DeliveryResult:
        chat_id = sub.chat_id

        def failed(error: str) -> DeliveryResult:
            return DeliveryResult(
                chat_id, sub.thread_id, digest_date, DeliveryStatus.FAILED, error, sub.last_seq
            )

        for attempt in range(2):
            try:
                if picture is not None:
                    await self._bot.send_photo(
                        chat_id,
                        picture,
                        caption=PICTURE_CAPTION,
                        message_thread_id=sub.thread_id or None,
                    )
                for part in digest.parts:
                    await self._bot.send_message(
                        chat_id, part, message_thread_id=sub.thread_id or None
                    )
            except ChatMigrated as exc:
                # The group became a supergroup: move the subscription and send there once.
                await self.move_chat(chat_id, exc.new_chat_id)
                chat_id = exc.new_chat_id
                if attempt == 0:
                    continue
                return failed(str(exc))
            except Forbidden as exc:
                # Blocked by the user or removed from the group: stop sending there.
                await self.end_chat(chat_id, exc.message)
                log.info("chat %s deactivated: %s", chat_id, exc.message)
                return failed(exc.message)
            except (BadRequest, TelegramError) as exc:
                log.warning("digest to chat %s failed: %s", chat_id, exc)
                return failed(str(exc))
            return DeliveryResult(
                chat_id, sub.thread_id, digest_date, DeliveryStatus.SENT, None, digest.latest_seq
            )
        raise AssertionError("unreachable")  # pragma: no cover
