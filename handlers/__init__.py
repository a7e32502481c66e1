"""Telegram handlers, grouped by audience; they read the briefing, render, and reply."""
