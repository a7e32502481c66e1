"""Feeds in: RSS, Atom and JSON Feed sources polled on the JobQueue, each entry taken once."""
