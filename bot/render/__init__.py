"""Briefing -> what users see. Pure: no Telegram calls, no I/O.

`html` escapes, measures and splits Telegram HTML; `pages` pages long lists and encodes their
buttons; `entries` renders the items lists are made of; the screens are grouped by who reads them
(`public`, `subscribers`, `admin`); `reports` is plain text for the command line. Pictures:
`charts` decides what a chart shows, `drawing` draws it with matplotlib, `pictures` captions and
caches the PNGs.
"""
