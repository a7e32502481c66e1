"""Persistence: articles and their briefings, subscriptions, deliveries, the admin log."""

from bot.store.records import (
    Delivery,
    DeliveryResult,
    DeliveryStatus,
    DuplicateArticleError,
    PendingArticle,
    StoredArticle,
    StoreError,
    StoreStats,
    Subscription,
    UnknownArticleError,
)
from bot.store.repository import Store

__all__ = [
    "Delivery",
    "DeliveryResult",
    "DeliveryStatus",
    "DuplicateArticleError",
    "PendingArticle",
    "Store",
    "StoreError",
    "StoreStats",
    "StoredArticle",
    "Subscription",
    "UnknownArticleError",
]
