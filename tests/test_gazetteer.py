"""The offline gazetteer: name keys, look-ups on the real index, and the build's safety rules."""

from __future__ import annotations

import pickle
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from flashpoint.gazetteer import Gazetteer, build, name_key, name_skeleton
from flashpoint.gazetteer.build import BUILD_VERSION, ensure_index, index_version


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The machine's index (built on first use, ~25 s, then reused across sessions)."""
    return Gazetteer.open()


# --- name keys -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Maarat al-Numan", "Ma'arrat an Nu'man"),
        ("Jisr al-Shughur", "Jisr ash-Shughur"),
        ("Ar Raqqah", "Raqqa"),
        ("Ḩamāh", "Hama"),
        ("Deir ez-Zor", "Deir ez Zor"),
        ("Kafr Nabl", "KAFR NABL"),
    ],
)
def test_spelling_variants_share_a_key(left: str, right: str) -> None:
    assert name_key(left) == name_key(right)


def test_skeleton_bridges_vowel_variants() -> None:
    assert name_key("Maaret al-Noman") != name_key("Maarat al-Numan")
    assert name_skeleton("Maaret al-Noman") == name_skeleton("Ma'arrat an Nu'man")
    assert name_skeleton("Salahuddin") == name_skeleton("Salah ad Din")


def test_article_alone_is_kept() -> None:
    # "As" is a town in Belgium; the article is only dropped before another word.
    assert name_key("As") == "as"
    assert name_key("Al-Bab") == "bab"


# --- look-ups on the real index -------------------------------------------------------------


def test_lookup_finds_points_regions_and_countries(gazetteer: Gazetteer) -> None:
    kinds = {(c.country, c.precision) for c in gazetteer.lookup("Idlib")}
    assert {("SYR", "point"), ("SYR", "admin1")} <= kinds
    syria = gazetteer.lookup("Syria")[0]
    assert (syria.country, syria.precision, syria.feature) == ("SYR", "country", "PCLI")


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Idlib Governorate", "SYR"),
        ("Donetsk Oblast", "UKR"),
        ("North Darfur", "SDN"),
        ("Anbar", "IRQ"),
        ("Aleppo Governorate", "SYR"),
    ],
)
def test_region_names_resolve_to_admin1(gazetteer: Gazetteer, name: str, country: str) -> None:
    regions = [c for c in gazetteer.lookup(name) if c.precision == "admin1"]
    assert regions and regions[0].country == country
    assert regions[0].admin1 is not None


def test_region_points_lie_inside_their_country(gazetteer: Gazetteer) -> None:
    idlib = next(c for c in gazetteer.lookup("Idlib Governorate") if c.precision == "admin1")
    assert 35.0 < idlib.lat < 36.5 and 36.0 < idlib.lon < 37.5
    texas = next(c for c in gazetteer.lookup("Texas") if c.country == "USA")
    assert 28 < texas.lat < 34 and -103 < texas.lon < -95


def test_alternate_names_are_indexed(gazetteer: Gazetteer) -> None:
    kiev = gazetteer.lookup("Kiev")
    assert any(c.country == "UKR" and c.feature == "PPLC" for c in kiev)
    assert gazetteer.lookup("Ma'arrat al-Nu'man")[0].admin1 == "Idlib"


def test_fuzzy_finds_odd_transliterations(gazetteer: Gazetteer) -> None:
    best = gazetteer.fuzzy("Maaret al-Noman")[0]
    assert (best.country, best.admin1) == ("SYR", "Idlib")
    assert gazetteer.fuzzy("Qxzvbnmt") == []


def test_country_and_membership(gazetteer: Gazetteer) -> None:
    ukraine = gazetteer.country("UKR")
    assert ukraine is not None and ukraine.precision == "country" and ukraine.name == "Ukraine"
    assert gazetteer.country("XYZ") is None
    assert gazetteer.is_name("Saraqeb") and gazetteer.is_name("Ras al-Ain")
    assert not gazetteer.is_name("Qxzvbnmt")


def test_gazetteer_survives_pickling(gazetteer: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy.lookup("Saraqeb") == gazetteer.lookup("Saraqeb")


def test_lookups_are_fast(gazetteer: Gazetteer) -> None:
    names = [f"Town{i}" for i in range(3000)] + ["Aleppo", "Mosul", "Kherson"] * 1000
    started = time.perf_counter()
    for name in names:
        gazetteer.is_name(name)
    assert time.perf_counter() - started < 2.0


# --- build rules (a tiny stand-in writer keeps these fast) ----------------------------------


def _tiny_writer(calls: list[int], delay: float = 0.0) -> Callable[[sqlite3.Connection], None]:
    def write(db: sqlite3.Connection) -> None:
        calls.append(1)
        time.sleep(delay)
        db.execute(
            "INSERT INTO places VALUES (1, 42, 'Testville', 'SYR', 'Idlib', 35.9, 36.6, 5000, "
            "'point', 'PPL')"
        )
        db.execute(
            "INSERT INTO names VALUES (?, ?, 1, 1)",
            (name_key("Testville"), name_skeleton("Testville")),
        )

    return write


def test_build_is_reused_and_rebuilt_on_new_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(build, "_write_all", _tiny_writer(calls))
    target = tmp_path / "gaz.sqlite"
    assert ensure_index(target) and index_version(target) == BUILD_VERSION
    assert not ensure_index(target)
    assert Gazetteer.open(target).lookup("Testville")[0].geonameid == 42
    monkeypatch.setattr(build, "BUILD_VERSION", BUILD_VERSION + 1)
    assert ensure_index(target) and index_version(target) == BUILD_VERSION + 1
    assert len(calls) == 2


def test_crashed_build_leaves_no_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(db: sqlite3.Connection) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(build, "_write_all", explode)
    target = tmp_path / "gaz.sqlite"
    with pytest.raises(RuntimeError):
        ensure_index(target)
    assert not target.exists()
    assert not list(tmp_path.glob("*.tmp"))


def test_concurrent_builders_build_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(build, "_write_all", _tiny_writer(calls, delay=0.3))
    target = tmp_path / "gaz.sqlite"
    threads = [threading.Thread(target=ensure_index, args=(target,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and index_version(target) == BUILD_VERSION


def test_corrupt_index_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(build, "_write_all", _tiny_writer(calls))
    target = tmp_path / "gaz.sqlite"
    target.write_bytes(b"not a database")
    assert ensure_index(target) and calls == [1]
