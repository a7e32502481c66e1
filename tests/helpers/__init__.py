"""Builders shared by fast tests (no spaCy)."""
