"""The real bot process uploads its timeline and map pictures over HTTP (sendPhoto, multipart)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tests.e2e.conftest import BotProcessFactory
from tests.e2e.fake_bot_api import FakeBotApi, SentMessage
from tests.e2e.updates import User

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

READER = User(5151, "Ben", "ben")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def answer(api: FakeBotApi, text: str, count: int) -> list[SentMessage]:
    """Send `text` as the reader and wait for `count` messages in reply."""
    before = len(api.messages(READER.id))
    api.private_message(READER, text)
    return api.wait_for_messages(READER.id, count, timeout=60, since=before)


def assert_picture(message: SentMessage) -> None:
    assert message.photo is not None, message
    content = message.photo.content
    assert content.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(content)) as image:
        assert image.size == (1280, 720)
        pixels = np.asarray(image.convert("RGB")).reshape(-1, 3)
    assert len(np.unique(pixels, axis=0)) > 50  # a drawing, not a blank page


def test_timeline_and_where_send_text_then_pictures(
    bot_api: FakeBotApi, bot_process_factory: BotProcessFactory
) -> None:
    bot_process_factory()
    # Not drawn yet: the text at once, its picture after it.
    text, photo = answer(bot_api, "/timeline", 2)
    assert_picture(photo)
    assert photo.parse_mode == "HTML"
    assert photo.plain_text.startswith("Timeline\n")  # the caption, as the reader sees it
    assert "planned" in photo.plain_text
    assert "Timeline (" in text.plain_text and "everything" not in text.plain_text
    assert "Aug 2011" in text.plain_text  # the text still lists every event, oldest first

    text, photo = answer(bot_api, "/timeline ceasefire", 2)
    assert_picture(photo)
    assert "Timeline: Ceasefire" in photo.plain_text

    text, photo = answer(bot_api, "/where", 2)
    assert_picture(photo)
    assert "on the map" in photo.plain_text
    assert "Places" in text.plain_text

    uploads = bot_api.requests("sendPhoto")
    assert len(uploads) == 3 and all(r.ok for r in uploads)
    assert all(f.content.startswith(PNG_SIGNATURE) for r in uploads for f in r.files)

    # Asked again, the same picture comes from the cache, first: identical bytes.
    photo_again, _ = answer(bot_api, "/timeline", 2)
    first = bot_api.messages(READER.id)[1]
    assert first.photo is not None and photo_again.photo is not None
    assert photo_again.photo.content == first.photo.content
