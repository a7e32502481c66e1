"""Raw article bytes or text -> a clean `Article` (title, standfirst, date, body paragraphs).

Understands the news-page shape the bundled article has (title, standfirst, reading-time line, date
line, photo caption ending in an agency tag, body with sub-headings and pull quotes, a trailing
"Agencies contributed" line), plain text given a publication date, and HTML (through trafilatura).
Credit lines, bylines, sign-offs and picture captions leave the body; a dateline keeps its city.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from bot.briefing.dates import MONTHS
from bot.briefing.models import Article
from bot.briefing.vocabulary import TITLE_WORDS

MAX_ARTICLE_BYTES = 1_000_000  # 1 MB: several times the longest news feature; bounds work per /add
MIN_ARTICLE_WORDS = 20
ARTICLE_ID_LENGTH = 8  # hex digits of the content hash

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+"
# "11 February, 2016", "Thu 11 Feb 2016", "February 11, 2016", "2016-02-11", "Published: ..."
_DATE_LINE_PATTERNS = (
    re.compile(
        rf"^(?:published:?\s+|updated:?\s+)?(?:{_WEEKDAY_RE})?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+"
        rf"(?P<m>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"^(?:published:?\s+|updated:?\s+)?(?:{_WEEKDAY_RE})?(?P<m>{_MONTH_RE})\.?\s+"
        rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:published:?\s+|updated:?\s+)?(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b", re.IGNORECASE
    ),
)
_READING_TIME = re.compile(r"^\d{1,3}\s*(?:min|mins|minute|minutes)\s+read$", re.IGNORECASE)
# A photo caption ends in the picture agency in brackets: "... in Munich [AFP]", "(Reuters)".
_CAPTION_TAG = re.compile(r"[\[(](?:[A-Z][\w.&/ -]{0,40}|Getty Images|File photo)[\])]\s*$")
_TRAILER = re.compile(
    r"^(?:agencies contributed to this report|additional reporting by\b|with agencies$|"
    r"source:\s|follow us on\b|copyright\b|©)",
    re.IGNORECASE,
)
# Credit lines name who made the story, not who is in it: a credit opening with its verb
# ("Reporting by ...; Editing by ...", "Compiled by ...", a bracketed "(Writing by ...)").
_CREDIT_OPENING = re.compile(
    r"^[(\[]?(?:additional |further )?(?:reporting|writing|editing|compiled|"
    r"written|edited|research|produced|translated|graphics|photos?|video)(?: and \w+)? by\b",
    re.IGNORECASE,
)
# A sign-off naming its writer after the story ("NAME wrote this story for ...", "NAME adapted
# this report for ...") or its presenters ("I'm NAME. And I'm NAME.").
_CREDIT_SIGN_OFF = re.compile(
    r"^(?:[A-Z][\w'’-]*\.?,? ){2,5}(?:wrote|adapted|reported|produced|edited) "
    r"this (?:story|report|article)\b"
)
_PRESENTER = re.compile(r"(?:[Aa]nd )?I['’]m (?:(?!And\b|I['’]m\b)[A-Z][\w'’-]*\.?,? ?){1,5}\s*")
# A broadcast script frames its presenters with the programme or the service: "For Harbour
# Radio, I'm NAME.", "I'm NAME with the Harbour Radio Farm Report.", and signs on with it alone:
# "From Harbour Radio, this is the Farm Report." Only the framed sign-on counts: "This is our
# best year" opens many a body line.
_BROADCAST_FRAME = re.compile(r"^(?:For|From) (?:the )?[A-Z][\w'’&. -]{0,50}, ")
_TITLE_RUN = r"[A-Z][\w'’&.-]*(?: (?:[A-Z][\w'’&.-]*|in|of|on|for|and))*"
_PROGRAMME = re.compile(rf"(?:with|in|on|and this is) (?:the )?{_TITLE_RUN}")
_SIGN_ON = re.compile(rf"^this is (?:the )?{_TITLE_RUN}$")
# A picture caption ends with the picture's credit: "... at dusk. Image: NASA.",
# "Photo: Jane Roe", "(AP Photo/John Doe)".
_PICTURE_CREDIT = re.compile(
    r"(?:\b(?i:image|photo|photograph|picture|credit)s?:\s*[A-Z][^.:;!?]{0,60}\.?|"
    r"\((?:[A-Z][\w.&-]* ){0,3}(?i:photo|photograph|image)s?(?:/[^)]{1,60})?\))\s*$"
)
_LONGEST_CAPTION_WORDS = 60
_LONGEST_CONTACT_WORDS = 20
# A local paper's sign-off giving its reporter's address: "Contact Ann Lee at alee@paper.com.",
# "Reach reporter Ann Lee at 555-0142 or alee@paper.com": a line that opens so and holds an
# e-mail address or a telephone number.
_CONTACT_LINE = re.compile(
    r"^(?:contact|reach|email|e-mail|write to)\b[^.]{0,80}?\b(?:at|on)\b.*"
    r"(?:@|\d{3}[-.\s]\d{4})",
    re.IGNORECASE,
)
# A byline: "By NAME", "By NAME and NAME", "By AGENCY" on a line of its own.
_BYLINE = re.compile(r"^By (?:(?:[A-Z][\w.'’-]*|and|[,&])\s*){1,8}$")
# A dateline opening the first paragraph: the filing city in capitals, maybe a region, maybe
# the day of filing, maybe the agency in brackets, then a dash ("ISTANBUL (Reuters) - ",
# "PARIS, Texas -- ", "OSLO, March 3 (Wire) - ", "OSLO, 3 March 2021 - ").
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?P<region>, [A-Z][\w.]+(?: [A-Z][\w.]+)?)?"
    r"(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}\.?)(?:,? \d{4})?)?"
    r"(?: ?[(\[][^)\]]{1,40}[)\]])? ?(?:--?|—|–) (?=[A-Z\"“‘'])"
)
_TERMINAL = tuple(".!?…:;")
_CLOSERS = "\"'”’)]»"
_ENGLISH_MARKERS = frozenset(
    {
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "were",
        "said",
        "by",
        "at",
        "it",
        "from",
        "has",
        "have",
        "be",
        "are",
        "an",
        "this",
        "which",
        "who",
        "not",
        "but",
        "his",
        "her",
        "their",
        "its",
        "will",
        "would",
        "they",
        "he",
        "she",
    }
)
_NON_WORD = re.compile(r"[^\w]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_QUOTED = re.compile(r"[\"“”]([^\"“”]{1,2000})[\"“”]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


class IngestError(ValueError):
    """The input cannot become an article; the message says why, in one line, for the user."""


class MissingDateError(IngestError):
    """The article gives no publication date and none was supplied: the caller may ask for one."""


@dataclass(frozen=True)
class ArticleMeta:
    """What the caller knows about an article besides its text."""

    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None


def decode_article_bytes(data: bytes) -> str:
    """Bytes from a file, upload or URL -> text, refusing binary and oversized input."""
    if len(data) > MAX_ARTICLE_BYTES:
        raise IngestError(
            f"the article is {len(data):,} bytes; the limit is {MAX_ARTICLE_BYTES:,} bytes"
        )
    if b"\x00" in data[:8192]:
        raise IngestError("this looks like a binary file, not article text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise IngestError("the text is not valid UTF-8") from exc
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if text and controls / len(text) > 0.01:
        raise IngestError("this looks like a binary file, not article text")
    return text


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(?:p|div|article|body|h1)\b[^>]*>", head)
    )


def parse_date_line(line: str) -> dt.date | None:
    """A publication-date line ("11 February, 2016", "2016-02-11") -> the date, else None."""
    line = line.strip()
    if len(line) > 60:
        return None
    for pattern in _DATE_LINE_PATTERNS:
        match = pattern.match(line)
        if not match:
            continue
        month_text = match["m"]
        month = (
            int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower().rstrip("."))
        )
        if month is None:
            continue
        try:
            return dt.date(int(match["y"]), month, int(match["d"]))
        except ValueError:
            return None
    return None


def parse_iso_date(text: str) -> dt.date:
    """A user-supplied YYYY-MM-DD -> date, or an IngestError that says what is wrong."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise IngestError(f"{text.strip()!r} is not a date in the form YYYY-MM-DD") from exc


def content_hash(title: str, paragraphs: list[str]) -> str:
    """Hash of the normalised text: the same article pasted twice hashes the same."""
    normal = "\n".join([title, *paragraphs])
    normal = re.sub(r"\s+", " ", unicodedata.normalize("NFC", normal)).strip().lower()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def article_id_for(digest: str) -> str:
    """The article's id: short enough to type after /remove. The store lengthens it in the rare
    case that another article's hash starts with the same digits."""
    return digest[:ARTICLE_ID_LENGTH]


# The kind line that opens an official statement's header ("Press Statement", "Statement by the
# Press Secretary", "Media Release"); the lines after it name who issues it.
_STATEMENT_KIND = re.compile(
    r"^(?:(?:press|media|joint|news)\s+)?(?:statement|release|remarks)\b", re.IGNORECASE
)
# A line that is only a personal name: two to four capitalised words ("Ada M. Lind").
_NAME_LINE = re.compile(r"^[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){1,3}$")
_MAX_OFFICE_WORDS = 12


def statement_signature(header: list[str]) -> str | None:
    """Who issues an official statement, from its header ("Press Statement / Ada Lind /
    Department Spokesperson / Tarnville"): the name line after the kind line, with the office
    line after it when there is one ("Ada Lind, Department Spokesperson"); None when the header
    is no statement's."""
    for index, line in enumerate(header[:-1]):
        if not _STATEMENT_KIND.match(line):
            continue
        name = header[index + 1]
        if not _NAME_LINE.match(name):
            return None
        office = _office(header[index + 2]) if index + 2 < len(header) else None
        return f"{name}, {office}" if office else name
    return None


# A sub-heading in title case may run longer than a plain one: "Harbour Board Turns to Ferries
# to Carry Commuters Across the Vardel" has twelve words, most of them capitalised.
_LONGEST_HEADING_WORDS = 10
_LONGEST_TITLE_CASE_HEADING_WORDS = 20


def _office(line: str) -> str | None:
    """The office a header line names, without the bureau after a comma ("Department
    Spokesperson, Office of the Spokesperson" -> "Department Spokesperson"); None when the
    line names no office."""
    office = line.split(",")[0].strip()
    words = {word.strip(",.").lower() for word in office.split()}
    if office and len(office.split()) <= _MAX_OFFICE_WORDS and words & TITLE_WORDS:
        return office
    return None


# Offices of the people who make the news, not of those in it: a "Name, Correspondent" line
# over a story is its byline.
_CREDIT_OFFICES = frozenset({"correspondent", "reporter", "journalist", "editor", "presenter"})


# The kind line of a transcript that names who speaks in it: "Press Briefing by Ada Lind",
# "Press Gaggle with Ada Lind", "Remarks by Deputy Minister Ada Lind", in any case.
_TRANSCRIPT_KIND = re.compile(
    r"^(?i:(?:press\s+)?(?:briefing|gaggle|conference|availability|remarks|interview)\b.{0,40}?"
    r"\b(?:by|with))\s+(?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,5})"
)


def transcript_kind_line(line: str) -> str | None:
    """A transcript's kind line that names its speaker ("Press Briefing by Ada Lind"), written
    as a sentence when it is in capitals; None for any other line ("Remarks by the Mayor")."""
    kind = _TRANSCRIPT_KIND.match(line)
    if kind is None or kind["who"].split()[0].lower() in {"the", "a", "an"}:
        return None
    return line.title() if line.isupper() else line


def signature_line(line: str) -> str | None:
    """A header line that names who speaks in the text below it: the transcript's kind line
    (see `transcript_kind_line`), or "Name, Office" over a briefing's transcript or a statement
    ("Ada Lind, Department Spokesperson"); None for any other line (a place, "Tarnville,
    Ostland", names no office; "Department Spokesperson, Office of ..." names no one)."""
    kind = transcript_kind_line(line)
    if kind is not None:
        return kind
    name, _, rest = line.partition(",")
    office = _office(rest)
    if not (_NAME_LINE.match(name.strip()) and office) or _office(name):
        return None
    if {word.lower() for word in office.split()} & _CREDIT_OFFICES:
        return None
    return f"{name.strip()}, {office}"


def _is_heading(line: str) -> bool:
    words = line.split()
    core = line.rstrip(_CLOSERS)
    if not words or core.endswith(_TERMINAL) or line[0].islower():
        return False
    if len(words) <= _LONGEST_HEADING_WORDS:
        return True
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return len(words) <= _LONGEST_TITLE_CASE_HEADING_WORDS and capitalised * 3 >= len(words) * 2


def _is_caption(line: str) -> bool:
    return bool(_CAPTION_TAG.search(line)) and len(line.split()) <= 40


def is_credit_line(line: str) -> bool:
    """A line that credits the story's makers (writer, editor, presenter, photographer) or
    captions its picture: not body text, and no one it names is in the story."""
    if _CREDIT_OPENING.match(line) or _CREDIT_SIGN_OFF.match(line) or _BYLINE.match(line):
        return True
    if _CONTACT_LINE.match(line) and len(line.split()) <= _LONGEST_CONTACT_WORDS:
        return True
    if _presents(line):
        return True
    return len(line.split()) <= _LONGEST_CAPTION_WORDS and bool(_PICTURE_CREDIT.search(line))


def _presents(sentence: str) -> bool:
    """The sentence names the script's presenter or signs the programme on: "I'm NAME.", "For
    Harbour Radio, I'm NAME.", "I'm NAME and this is Harbour Radio.", "From Harbour Radio, this
    is the Farm Report."."""
    framed = _BROADCAST_FRAME.sub("", sentence, count=1)
    if _PRESENTER.match(framed):
        rest = _PRESENTER.sub("", framed).strip().rstrip(".")
        if not rest or _PROGRAMME.fullmatch(rest):
            return True
    return framed != sentence and bool(_SIGN_ON.match(framed.rstrip(".")))


def without_presenters(paragraph: str) -> str:
    """The paragraph without the sentences that present the script ("Today is Friday. I'm
    NAME and this is Harbour Radio."): a broadcast script runs them into its first paragraph."""
    sentences = _SENTENCE_END.split(paragraph)
    kept = [s for s in sentences if not _presents(s)]
    return paragraph if len(kept) == len(sentences) else " ".join(kept)


def without_dateline(paragraph: str) -> str:
    """The paragraph with a dateline read as what it is: the agency credit goes, and the city in
    capitals is written as a name ("ISTANBUL (Reuters) - The ..." -> "Istanbul — The ..."), so
    that it reads as a place, not as an organisation. The day of filing goes too: it dates the
    copy, not an event. An em dash, not a hyphen, sets the city apart: the model reads
    "Istanbul - Floods" as one name, and "Istanbul — Floods swept ..." as a place and a clause."""
    match = _DATELINE.match(paragraph)
    if match is None or not any(c.isalpha() for c in match["city"][1:]):
        return paragraph
    city = match["city"].title() if len(match["city"]) > 3 else match["city"]
    return f"{city}{match['region'] or ''} — {paragraph[match.end() :]}"


def _clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = "".join(ch for ch in line if ch in "\t" or unicodedata.category(ch) != "Cc")
    return re.sub(r"[ \t\u00a0]+", " ", line).strip()


def _check_english(paragraphs: list[str]) -> None:
    words = [w.lower() for p in paragraphs for w in _WORD.findall(p)]
    if len(words) < MIN_ARTICLE_WORDS:
        raise IngestError(
            f"the text has {len(words)} words; an article needs at least {MIN_ARTICLE_WORDS}"
        )
    share = sum(1 for w in words if w in _ENGLISH_MARKERS) / len(words)
    if share < 0.12:
        raise IngestError("the article does not look like English text; only English is supported")


def _normal(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def _without_pull_quotes(body: list[str]) -> list[str]:
    """Drop lines that repeat a sentence or a quoted passage of a longer paragraph (pull quotes).

    One pass to index every paragraph's sentences and quoted passages, one to look lines up:
    linear in the text, where comparing every line with every paragraph would be quadratic.
    """
    pieces: dict[str, int] = {}  # normalised piece -> length of the longest paragraph holding it
    for paragraph in body:
        parts = _SENTENCE_END.split(paragraph) + _QUOTED.findall(paragraph)
        for part in parts:
            key = _normal(part)
            if key:
                pieces[key] = max(pieces.get(key, 0), len(paragraph))
    return [p for p in body if pieces.get(_normal(p), 0) <= len(p)]


def parse_article_text(text: str, meta: ArticleMeta | None = None) -> Article:
    """Plain or news-page-shaped text -> Article. Raises IngestError on unusable input."""
    meta = meta or ArticleMeta()
    if not text.strip():
        raise IngestError("the article is empty")
    if looks_like_html(text):
        return parse_article_html(text, meta)
    lines = [
        _clean_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    nonblank = [line for line in lines if line]
    if not nonblank:
        raise IngestError("the article is empty")

    title = meta.title or ""
    body_start = 0
    if not title and (
        len(nonblank) > 1 and (_is_heading(nonblank[0]) or len(nonblank[0].split()) <= 20)
    ):
        title = nonblank[0]
        body_start = 1

    published_in_text: dt.date | None = None
    standfirst: str | None = None
    body: list[str] = []
    # The header region: everything up to the date line, when the article has one near the top.
    header_end = body_start
    for index in range(body_start, min(len(nonblank), body_start + 8)):
        found = parse_date_line(nonblank[index])
        if found is not None:
            published_in_text = found
            header_end = index + 1
            break
    if published_in_text is not None:
        header = nonblank[body_start : header_end - 1]
        for line in header:
            if _READING_TIME.match(line) or line.lower().startswith("by "):
                continue
            if standfirst is None and not _is_heading(line):
                standfirst = line
        standfirst = (
            standfirst
            or statement_signature(header)
            or next(filter(None, map(transcript_kind_line, header)), None)
        )
        remaining = nonblank[header_end:]
        if remaining and _is_caption(remaining[0]):
            remaining = remaining[1:]
    else:
        remaining = nonblank[body_start:]

    for line in remaining:
        if _TRAILER.match(line) or _READING_TIME.match(line) or is_credit_line(line):
            continue
        if _is_heading(line):
            # Sub-headings and short pull lines are not body text; a signature line over the
            # body ("Ada Lind, Department Spokesperson") names who speaks in it, which the
            # labels of a transcript ("MS. LIND:") and a statement's "I" do not.
            if standfirst is None and not body:
                standfirst = signature_line(line)
            continue
        line = without_presenters(line)
        if line:
            body.append(line)

    paragraphs = _without_pull_quotes(body)
    if paragraphs:
        paragraphs[0] = without_dateline(paragraphs[0])
    if not title:
        first = paragraphs[0] if paragraphs else ""
        words = first.split()
        title = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    _check_english(([standfirst] if standfirst else []) + paragraphs)

    published = meta.published or published_in_text
    if published is None:
        raise MissingDateError(
            "no publication date: the article has no date line; give one (--published YYYY-MM-DD)"
        )
    digest = content_hash(title, paragraphs)
    return Article(
        id=article_id_for(digest),
        title=title,
        standfirst=standfirst,
        source=meta.source,
        url=meta.url,
        published=published,
        paragraphs=paragraphs,
        content_hash=digest,
    )


def parse_article_html(html: str, meta: ArticleMeta | None = None) -> Article:
    """An HTML page -> Article, through trafilatura's main-text extraction."""
    import trafilatura  # imported here: heavy, and only HTML needs it

    meta = meta or ArticleMeta()
    try:
        extracted = trafilatura.bare_extraction(
            html, url=meta.url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many kinds on malformed markup
        raise IngestError("the HTML page could not be read") from exc
    document: dict[str, object] = {}
    if isinstance(extracted, dict):
        document = extracted
    elif extracted is not None:
        document = extracted.as_dict()
    if not str(document.get("text") or "").strip():
        raise IngestError("no article text was found in the HTML page")
    published = meta.published
    if published is None and document.get("date"):
        try:
            published = dt.date.fromisoformat(str(document.get("date"))[:10])
        except ValueError:
            published = None
    text_lines = [line for line in str(document.get("text")).split("\n") if line.strip()]
    title = meta.title or (str(document.get("title")).strip() if document.get("title") else "")
    if title and text_lines and _normal(text_lines[0]) == _normal(title):
        text_lines = text_lines[1:]
    inner = ArticleMeta(
        published=published,
        source=meta.source or (str(document.get("sitename")) if document.get("sitename") else None),
        url=meta.url or (str(document.get("url")) if document.get("url") else None),
        title=title or None,
    )
    if not title and text_lines:
        # No title in the page: let the text parser take the first line if it looks like one.
        return parse_article_text("\n\n".join(text_lines), inner)
    if published is None:
        raise MissingDateError(
            "no publication date: the page has none; give one (--published YYYY-MM-DD)"
        )
    return parse_article_text("\n\n".join(text_lines), inner)
