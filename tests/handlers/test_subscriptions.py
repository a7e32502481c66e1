"""/subscribe, /unsubscribe, /settings and digests, with a real SQLite store and a settable clock."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.store import DeliveryStatus
from tests.handlers import updates
from tests.handlers.conftest import ADMIN_ID, BotUnderTest, stop

pytestmark = pytest.mark.slow


async def test_subscribe_changes_only_named_fields(bot: BotUnderTest) -> None:
    reply = "\n".join(await bot.send(updates.private("/subscribe 07:30 Europe/Berlin ceasefire")))
    assert "Subscribed" in reply and "07:30" in reply and "Europe/Berlin" in reply
    await bot.send(updates.private("/subscribe 9:05"))
    sub = await bot.services.store.subscriptions.get(500, 0)
    assert sub is not None
    assert (sub.time, sub.tz, sub.topics) == (dt.time(9, 5), "Europe/Berlin", ["ceasefire"])
    settings = "\n".join(await bot.send(updates.private("/settings")))
    assert "09:05" in settings and "ceasefire" in settings
    jobs = bot.app.job_queue.jobs()  # type: ignore[union-attr]
    # Moved to the 09:05 slot; the 07:30 one, left empty, is gone.
    assert [j.name for j in jobs if (j.name or "").startswith("digest:")] == [
        "digest:09:05:Europe/Berlin"
    ]
    assert bot.services.digests.is_scheduled(500, 0)


async def test_chats_due_at_the_same_time_share_one_job_and_each_get_their_digest(
    bot: BotUnderTest,
) -> None:
    for chat in (500, 501, 502):
        await bot.send(updates.private("/subscribe 13:00 UTC", chat))
    await bot.send(updates.private("/subscribe 14:00 UTC", 503))
    queue = bot.app.job_queue
    assert queue is not None
    names = sorted(j.name or "" for j in queue.jobs() if (j.name or "").startswith("digest:"))
    assert names == ["digest:13:00:UTC", "digest:14:00:UTC"]
    await bot.send(updates.private("/unsubscribe", 502))  # the slot keeps its other chats
    [job] = queue.get_jobs_by_name("digest:13:00:UTC")
    await job.run(bot.app)
    assert [
        c for c in (500, 501, 502, 503) if any("Daily briefing" in t for t in bot.api.sent(c))
    ] == [500, 501]
    await bot.send(updates.private("/unsubscribe", 500))
    await bot.send(updates.private("/unsubscribe", 501))
    assert not queue.get_jobs_by_name("digest:13:00:UTC")  # no chat left at 13:00
    assert bot.services.digests.is_scheduled(503, 0)


async def test_subscribing_after_todays_time_starts_tomorrow(bot: BotUnderTest) -> None:
    await bot.send(updates.private("/subscribe 11:30 UTC"))  # the clock says 12:00
    await bot.services.digests.sync()
    assert not any("Daily briefing" in t for t in bot.api.sent(500))


async def test_bad_subscribe_arguments_are_explained(bot: BotUnderTest) -> None:
    reply = "\n".join(await bot.send(updates.private("/subscribe 25:99")))
    assert "not a time of day" in reply
    assert await bot.services.store.subscriptions.get(500, 0) is None


async def test_unsubscribe(bot: BotUnderTest) -> None:
    await bot.send(updates.private("/subscribe"))
    reply = "\n".join(await bot.send(updates.private("/unsubscribe")))
    assert "Unsubscribed" in reply
    sub = await bot.services.store.subscriptions.get(500, 0)
    assert sub is None or not sub.active
    assert not bot.services.digests.is_scheduled(500, 0)


async def test_group_needs_an_administrator(bot: BotUnderTest) -> None:
    refused = "\n".join(await bot.send(updates.in_group("/subscribe@briefing_test_bot", -100, 500)))
    assert "administrators" in refused
    assert await bot.services.store.subscriptions.get(-100, 0) is None
    bot.api.admins[-100] = {501}
    accepted = "\n".join(
        await bot.send(updates.in_group("/subscribe@briefing_test_bot 06:00", -100, 501))
    )
    assert "Subscribed" in accepted
    # An anonymous administrator posts as the group itself.
    anonymous = updates.message(
        "/subscribe 06:30",
        chat=updates.group_chat(-100),
        sender=None,
        sender_chat=updates.group_chat(-100),
    )
    await bot.send(anonymous)
    sub = await bot.services.store.subscriptions.get(-100, 0)
    assert sub is not None and sub.time == dt.time(6, 30)


async def test_forum_thread_gets_its_own_subscription(bot: BotUnderTest) -> None:
    bot.api.admins[-200] = {501}
    await bot.send(updates.in_group("/subscribe 08:00", -200, 501, thread_id=77, forum=True))
    assert await bot.services.store.subscriptions.get(-200, 77) is not None
    assert await bot.services.store.subscriptions.get(-200, 0) is None


async def test_digest_goes_out_once_at_its_time_and_preview_does_not_move_the_mark(
    bot: BotUnderTest,
) -> None:
    await bot.send(updates.private("/subscribe 08:00 UTC"))
    preview = "\n".join(await bot.send(updates.private("/digest")))
    assert "Munich" in preview
    sub = await bot.services.store.subscriptions.get(500, 0)
    assert sub is not None and sub.last_seq == 0  # a preview moves nothing
    bot.api.clear()
    digests = bot.services.digests
    first = await digests.deliver(sub, dt.date(2016, 2, 12))
    assert first is not None and first.status is DeliveryStatus.SENT
    assert any("Munich" in t for t in bot.api.sent(500))
    again = await digests.deliver(sub, dt.date(2016, 2, 12))
    assert again is None  # already claimed: no chat gets the same digest twice
    sub = await bot.services.store.subscriptions.get(500, 0)
    assert sub is not None and sub.last_seq >= 1
    bot.api.clear()
    quiet = await digests.deliver(sub, dt.date(2016, 2, 13))
    assert quiet is not None and quiet.status is DeliveryStatus.SKIPPED
    assert bot.api.sent(500) == []  # nothing new: nothing sent


async def test_restart_rebuilds_jobs_and_sends_a_missed_digest_once(make_bot) -> None:  # type: ignore[no-untyped-def]
    first: BotUnderTest = await make_bot(start=dt.datetime(2016, 2, 10, 12, 0, tzinfo=dt.UTC))
    await first.send(updates.private("/subscribe 11:30 UTC"))
    await stop(first)
    # Back up at 12:00 the next day: 11:30 was missed, within the 60-minute grace.
    second: BotUnderTest = await make_bot()
    assert second.services.digests.is_scheduled(500, 0)
    await _catch_up_ran(second)
    assert any("Munich" in t for t in second.api.sent(500))
    await stop(second)
    third: BotUnderTest = await make_bot()
    await _catch_up_ran(third)
    assert not any(c.method == "sendMessage" for c in third.api.calls)  # not sent twice


async def _catch_up_ran(under_test: BotUnderTest) -> None:
    """Wait for the start-up catch-up job (it runs once the application has started)."""
    jobs = under_test.app.job_queue
    assert jobs is not None
    for _ in range(100):
        if not jobs.get_jobs_by_name("catch-up"):
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)  # the job's own sends finish


async def test_blocked_chat_is_deactivated(bot: BotUnderTest) -> None:
    await bot.send(updates.private("/subscribe"))
    sub = await bot.services.store.subscriptions.get(500, 0)
    assert sub is not None
    bot.api.errors["sendMessage"] = (403, {"description": "Forbidden: bot was blocked by the user"})
    result = await bot.services.digests.deliver(sub, dt.date(2016, 2, 12))
    assert result is not None and result.status is DeliveryStatus.FAILED
    sub = await bot.services.store.subscriptions.get(500, 0)
    assert sub is not None and not sub.active


async def test_sync_picks_up_what_another_instance_wrote(bot: BotUnderTest, seed_briefing) -> None:  # type: ignore[no-untyped-def]
    store = bot.services.store
    # Another instance handled these: a new subscription, and a new article.
    sub = await store.subscriptions.upsert(
        900, 0, chat_type="private", default_time=dt.time(9, 0), default_tz="UTC"
    )
    other = seed_briefing.article.model_copy(update={"id": "other001", "content_hash": "f" * 64})
    await store.articles.add(
        seed_briefing.model_copy(update={"article": other}), raw_text="x", added_by=None
    )
    assert not bot.services.digests.is_scheduled(900, 0)
    await bot.services.newsroom.sync()
    await bot.services.digests.sync()
    assert bot.services.digests.is_scheduled(900, 0)
    assert "other001" in {a.id for a in bot.services.newsroom.view.articles}
    # ...and an unsubscribe there ends the job here.
    await store.subscriptions.unsubscribe(sub.chat_id, 0)
    await bot.services.digests.sync()
    assert not bot.services.digests.is_scheduled(900, 0)


async def test_a_digest_can_carry_the_timeline_picture(bot: BotUnderTest) -> None:
    reply = "\n".join(await bot.send(updates.private("/subscribe 08:00 pictures")))
    assert "With the timeline picture" in reply
    sub = await bot.services.store.subscriptions.get(500, 0)
    assert sub is not None and sub.pictures
    bot.api.clear()
    result = await bot.services.digests.deliver(sub, dt.date(2016, 2, 12))
    assert result is not None and result.status is DeliveryStatus.SENT
    methods = [c.method for c in bot.api.calls if c.method in ("sendPhoto", "sendMessage")]
    assert methods[0] == "sendPhoto" and "sendMessage" in methods
    # Turned off again: text only, and the other settings stay.
    await bot.send(updates.private("/subscribe nopictures"))
    sub = await bot.services.store.subscriptions.get(500, 0)
    assert sub is not None and not sub.pictures and sub.time == dt.time(8, 0)


async def test_digest_preview_with_no_article_and_no_digest_sent_speaks_of_no_last_digest(
    bot: BotUnderTest,
) -> None:
    (only,) = bot.services.newsroom.view.articles
    await bot.send(updates.private(f"/remove {only.id}", user_id=ADMIN_ID))
    preview = "\n".join(await bot.send(updates.private("/digest", user_id=700)))
    assert "Nothing in the briefing yet." in preview
    assert "last digest" not in preview
