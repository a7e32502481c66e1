"""Briefing Bot: news articles in, a sourced briefing people can question on Telegram."""

__version__ = "0.1.0"
