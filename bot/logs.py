"""Logging set-up. The bot token must never reach a log line, at any level."""

from __future__ import annotations

import logging

# httpx logs every request URL at INFO, and Bot API URLs carry the token.
_QUIET = ("httpx", "httpcore", "apscheduler.executors.default", "alembic.runtime.migration")


class RedactSecrets(logging.Filter):
    """Replaces each secret in a record's final message (defence in depth behind _QUIET)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if len(s) >= 8]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        redacted = message
        for secret in self._secrets:
            redacted = redacted.replace(secret, "[redacted]")
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        exc_text = record.exc_text or ""
        for secret in self._secrets:
            exc_text = exc_text.replace(secret, "[redacted]")
        if redacted != message:
            record.msg, record.args = redacted, None
        record.exc_text = exc_text or None
        return True


def configure_logging(level: str, secrets: list[str]) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
