"""The briefing engine: article text in, a sourced pydantic briefing out.

It knows no Telegram and no database.
"""
