"""Delivery outcomes are written by group commit: together when they arrive together, each
caller released only once its own outcome is stored, and a failed write reported to its callers."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import cast

import pytest

from bot.digest import OutcomeLog
from bot.store import DeliveryResult, DeliveryStatus
from bot.store.deliveries import DeliveryRepository

DAY = dt.date(2026, 11, 25)


def sent(chat_id: int) -> DeliveryResult:
    return DeliveryResult(chat_id, 0, DAY, DeliveryStatus.SENT, None, 1)


class SlowDeliveries:
    """Records batches; each write waits until the test lets it finish."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.stored: set[int] = set()
        self.release = asyncio.Event()
        self.fail_next = False

    async def record(self, results: list[DeliveryResult]) -> None:
        self.batches.append([r.chat_id for r in results])
        await self.release.wait()
        if self.fail_next:
            self.fail_next = False
            raise RuntimeError("database is locked")
        self.stored.update(r.chat_id for r in results)


async def test_outcomes_that_arrive_during_a_write_go_together_in_the_next() -> None:
    store = SlowDeliveries()
    log = OutcomeLog(cast(DeliveryRepository, store))
    first = asyncio.create_task(log.record(sent(1)))
    await asyncio.sleep(0)  # the write of outcome 1 has started and waits
    later = [asyncio.create_task(log.record(sent(chat))) for chat in range(2, 12)]
    await asyncio.sleep(0)
    assert not first.done()  # not released before its outcome is stored
    store.release.set()
    await asyncio.gather(first, *later)
    assert store.batches == [[1], list(range(2, 12))]
    assert store.stored == set(range(1, 12))


async def test_a_failed_write_reaches_its_callers_and_the_next_batch_is_still_written() -> None:
    store = SlowDeliveries()
    store.fail_next = True
    log = OutcomeLog(cast(DeliveryRepository, store))
    doomed = asyncio.create_task(log.record(sent(1)))
    await asyncio.sleep(0)
    after = asyncio.create_task(log.record(sent(2)))
    store.release.set()
    with pytest.raises(RuntimeError, match="locked"):
        await doomed
    await after
    assert store.stored == {2}


async def test_a_cancelled_caller_does_not_cancel_the_write() -> None:
    store = SlowDeliveries()
    log = OutcomeLog(cast(DeliveryRepository, store))
    impatient = asyncio.create_task(log.record(sent(1)))
    patient = asyncio.create_task(log.record(sent(2)))
    await asyncio.sleep(0)
    impatient.cancel()
    store.release.set()
    await patient
    assert store.stored == {1, 2}
