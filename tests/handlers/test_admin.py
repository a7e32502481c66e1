"""Admin commands through the real Application: adding articles every way, and refusals."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import pytest
from aiohttp import web

from bot.briefing.models import ArticleBriefing
from tests.handlers import updates
from tests.handlers.conftest import ADMIN_ID, BotUnderTest, stop

pytestmark = pytest.mark.slow

ARTICLE = """Harbour bridge to close for repairs

The old harbour bridge will close for six months starting 1 June, the city council decided on Monday.

Mayor Lena Park said the work could not wait any longer. "The bridge is older than most of us and it shows," Park told reporters at City Hall.

Shop owners on the waterfront said they feared losing customers. The council said it would set up a ferry service while the bridge is shut.
"""


def _joined(replies: list[str]) -> str:
    return "\n".join(replies)


async def test_non_admins_are_refused_every_admin_command(bot: BotUnderTest) -> None:
    for command in ("/add 2021-05-03 some text", "/remove abc", "/reprocess", "/stats"):
        reply = _joined(await bot.send(updates.private(command, user_id=500)))
        assert "only the bot's administrators" in reply
    assert len(await bot.services.store.articles.all()) == 1


async def test_add_text_with_date_then_query_it(bot: BotUnderTest) -> None:
    reply = _joined(
        await bot.send(updates.private(f"/add 2021-05-04\n{ARTICLE}", user_id=ADMIN_ID))
    )
    assert "Harbour bridge to close" in reply
    stored = await bot.services.store.articles.all()
    assert len(stored) == 2
    who = _joined(await bot.send(updates.private("/who park")))
    assert "Lena Park" in who
    again = _joined(
        await bot.send(updates.private(f"/add 2021-05-04\n{ARTICLE}", user_id=ADMIN_ID))
    )
    assert "already" in again
    assert len(await bot.services.store.articles.all()) == 2


def _source_ids(node: object) -> Iterator[str]:
    """Every article id a briefing's facts cite."""
    if isinstance(node, dict):
        if isinstance(node.get("article_id"), str):
            yield node["article_id"]
        for value in node.values():
            yield from _source_ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from _source_ids(value)


def _strike_story(members: int) -> str:
    return (
        "Harbour workers strike over pay\n\nHarbour workers in the port town walked out on Monday"
        f" over pay, and the union said {members} members had joined the strike by the evening,"
        " with talks set for Thursday."
    )


async def test_two_articles_whose_hashes_share_the_id_digits_are_both_kept(
    bot: BotUnderTest,
) -> None:
    # These two texts (found by search) have content hashes that begin with the same 8 digits.
    first, second = _strike_story(9253), _strike_story(36884)
    for text in (first, second):
        reply = _joined(
            await bot.send(updates.private(f"/add 2021-05-04\n{text}", user_id=ADMIN_ID))
        )
        assert "already" not in reply
    stored = (await bot.services.store.articles.all())[1:]
    assert len(stored) == 2
    short, longer = (a.id for a in stored)
    assert len(short) == 8 and len(longer) == 12 and longer.startswith(short)
    # Each id names its own article, down to the facts' sources.
    for document, article in zip(
        (await bot.services.store.articles.briefing_documents())[1:], stored, strict=True
    ):
        assert ArticleBriefing.model_validate_json(document).article.id == article.id
        assert set(_source_ids(json.loads(document))) == {article.id}
    removed = _joined(await bot.send(updates.private(f"/remove {longer}", user_id=ADMIN_ID)))
    assert "Removed" in removed or "removed" in removed
    assert [a.id for a in await bot.services.store.articles.all()][1:] == [short]


async def test_add_without_a_date_asks_for_one(bot: BotUnderTest) -> None:
    reply = _joined(await bot.send(updates.private(f"/add\n{ARTICLE}", user_id=ADMIN_ID)))
    assert "YYYY-MM-DD" in reply
    assert len(await bot.services.store.articles.all()) == 1
    wrong = _joined(await bot.send(updates.private("2021-02-30", user_id=ADMIN_ID)))
    assert "not a real date" in wrong
    done = _joined(await bot.send(updates.private("2021-05-04", user_id=ADMIN_ID)))
    assert "Harbour bridge" in done
    articles = await bot.services.store.articles.all()
    assert [str(a.published) for a in articles][-1] == "2021-05-04"


async def test_the_date_question_survives_a_restart(make_bot) -> None:  # type: ignore[no-untyped-def]
    # Asked before a restart (or by another instance): the reply still finishes the /add.
    first: BotUnderTest = await make_bot()
    asked = _joined(await first.send(updates.private(f"/add\n{ARTICLE}", user_id=ADMIN_ID)))
    assert "YYYY-MM-DD" in asked
    await stop(first)
    second: BotUnderTest = await make_bot()
    done = _joined(await second.send(updates.private("2021-05-04", user_id=ADMIN_ID)))
    assert "Harbour bridge" in done
    # Answered once: the same date again is an ordinary message, not a second add.
    await second.send(updates.private("2021-05-04", user_id=ADMIN_ID))
    assert len(await second.services.store.articles.all()) == 2


async def test_a_date_from_anyone_else_finishes_nothing(bot: BotUnderTest) -> None:
    await bot.send(updates.private(f"/add\n{ARTICLE}", user_id=ADMIN_ID))
    await bot.send(updates.private("2021-05-04", user_id=500))  # someone else, another chat
    assert len(await bot.services.store.articles.all()) == 1
    done = _joined(await bot.send(updates.private("2021-05-04", user_id=ADMIN_ID)))
    assert "Harbour bridge" in done


async def test_add_as_reply_to_a_message(bot: BotUnderTest) -> None:
    original = updates.private(ARTICLE, user_id=ADMIN_ID)["message"]
    reply = _joined(
        await bot.send(updates.private("/add 2021-05-04", user_id=ADMIN_ID, reply_to=original))
    )
    assert "Harbour bridge" in reply


async def test_add_a_document_with_caption(bot: BotUnderTest) -> None:
    bot.api.files["doc-1"] = ARTICLE.encode()
    document = {
        "file_id": "doc-1",
        "file_unique_id": "u1",
        "file_name": "bridge.txt",
        "mime_type": "text/plain",
        "file_size": len(ARTICLE),
    }
    reply = _joined(
        await bot.send(updates.private("/add 2021-05-04", user_id=ADMIN_ID, document=document))
    )
    assert "Harbour bridge" in reply
    bot.api.files["doc-2"] = b"\x89PNG\r\n\x1a\n\x00\x00binary"
    image = {
        "file_id": "doc-2",
        "file_unique_id": "u2",
        "file_name": "photo.png",
        "mime_type": "image/png",
        "file_size": 12,
    }
    refused = _joined(await bot.send(updates.private("/add", user_id=ADMIN_ID, document=image)))
    assert ".txt" in refused


@pytest.fixture
async def article_site() -> AsyncIterator[str]:
    page = (
        "<html><head><title>Harbour bridge to close</title>"
        '<meta property="article:published_time" content="2021-05-04"></head><body><article>'
        + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
        + "</article></body></html>"
    )

    async def serve(request: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html")

    app = web.Application()
    app.add_routes([web.get("/news/bridge", serve)])
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


async def test_add_by_url(bot: BotUnderTest, article_site: str) -> None:
    reply = _joined(
        await bot.send(updates.private(f"/add {article_site}/news/bridge", user_id=ADMIN_ID))
    )
    assert "Harbour bridge" in reply
    stored = await bot.services.store.articles.all()
    assert stored[-1].url == f"{article_site}/news/bridge"


async def test_long_pasted_text_is_refused_with_advice(bot: BotUnderTest) -> None:
    text = "/add 2021-05-04\n" + (ARTICLE * 10)[:4090]
    reply = _joined(await bot.send(updates.private(text, user_id=ADMIN_ID)))
    assert "document or a URL" in reply
    assert len(await bot.services.store.articles.all()) == 1


async def test_bad_article_gets_a_clear_message(bot: BotUnderTest) -> None:
    reply = _joined(
        await bot.send(
            updates.private(
                "/add 2021-05-04\nDas ist kein englischer Text und er ist auch viel zu kurz für einen Artikel, aber er hat genug Wörter für die Prüfung der Sprache hier.",
                user_id=ADMIN_ID,
            )
        )
    )
    assert "English" in reply
    usage = _joined(await bot.send(updates.private("/add", user_id=ADMIN_ID)))
    assert "/add" in usage


async def test_remove_reprocess_stats(bot: BotUnderTest) -> None:
    article_id = bot.services.newsroom.view.articles[0].id
    stats = _joined(await bot.send(updates.private("/stats", user_id=ADMIN_ID)))
    assert "1" in stats
    reprocessed = _joined(await bot.send(updates.private("/reprocess", user_id=ADMIN_ID)))
    assert "Reprocessed 1 article" in reprocessed
    missing = _joined(await bot.send(updates.private("/remove nope", user_id=ADMIN_ID)))
    assert "no article" in missing
    removed = _joined(await bot.send(updates.private(f"/remove {article_id}", user_id=ADMIN_ID)))
    assert "Removed" in removed
    assert await bot.services.store.articles.all() == []
    assert "No actors" in _joined(await bot.send(updates.private("/who")))
