"""Exports: every format round-trips the stored events; ACLED columns and codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from flashpoint.errors import UsageError
from flashpoint.store import open_store
from flashpoint.store.export import (
    ACLED_COLUMNS,
    FORMATS,
    acled_row,
    inter_code,
    interaction_code,
    load_export,
)
from test_store import (
    CIVILIANS,
    JISR,
    KRAMATORSK,
    RUSMIL,
    TURMIL,
    balyun_reports,
    single,
)


def _populate(url: str) -> None:
    with open_store(url) as store:
        for art, events in balyun_reports():  # two reports → one merged event
            store.add(art, events)
        store.add(
            *single(
                "Russian shelling killed 4 civilians in Jisr al-Shughur on Thursday.",
                date(2020, 3, 6),
                "https://e.example/1",
                date=date(2020, 3, 5),
                actor1=RUSMIL,
                actor2=CIVILIANS,
                location=JISR,
                fatalities=4,
                acled_sub_event_type="Shelling/artillery/missile attack",
            )
        )
        store.add(
            *single(
                "Thousands protested in Kramatorsk on Sunday.",
                date(2022, 3, 7),
                "https://e.example/2",
                date=date(2022, 3, 6),
                event_type="PROTEST",
                acled_event_type="Protests",
                acled_sub_event_type="Peaceful protest",
                location=KRAMATORSK,
            )
        )
        store.add(  # no coordinates and no ACLED type
            *single(
                "Turkey and Russia held talks.",
                date(2020, 3, 5),
                "https://e.example/3",
                date=date(2020, 3, 5),
                event_type="CONSULT",
                acled_event_type=None,
                acled_sub_event_type=None,
                actor1=TURMIL,
                actor2=RUSMIL,
            )
        )


@pytest.fixture
def populated(store_url: str) -> str:
    _populate(store_url)
    return store_url


@pytest.mark.parametrize("fmt", ["plover-json", "geojson", "parquet"])
def test_exports_round_trip(populated: str, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"out.{fmt}"
    with open_store(populated) as store:
        expected = store.events()
        written = store.export(fmt, path)
    reloaded = load_export(fmt, path)
    if fmt == "geojson":  # events without coordinates are left out
        expected = [e for e in expected if e["location"]]
    assert written == len(expected) == len(reloaded)
    assert reloaded == expected
    assert any(e["source_count"] == 2 for e in reloaded)


def test_geojson_points_are_lon_lat(populated: str, tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    with open_store(populated) as store:
        store.export("geojson", path)
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        place = feature["properties"]["location"]
        assert (feature["geometry"]["type"], lon, lat) == ("Point", place["lon"], place["lat"])


def test_acled_csv_columns_rows_and_codes(populated: str, tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    with open_store(populated) as store:
        stored = {e["event_id"]: e for e in store.events()}
        written = store.export("acled-csv", path)
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(ACLED_COLUMNS)
    rows = load_export("acled-csv", path)
    with_acled = [e for e in stored.values() if e["acled_event_type"]]
    assert written == len(rows) == len(with_acled) == 3
    by_id = {row["event_id_cnty"][3:]: row for row in rows}
    assert set(by_id) == {e["event_id"] for e in with_acled}
    for event_id, row in by_id.items():
        event = stored[event_id]
        assert row["event_id_cnty"][:3] == event["location"]["country"]
        assert row["event_date"] == event["date"]
        assert int(row["fatalities"]) == (event["fatalities"] or 0)
        assert float(row["latitude"]) == event["location"]["lat"]
    shelling = next(r for r in rows if r["location"] == "Jisr al-Shughur")
    # Russian forces in Syria are external forces (8) against civilians (7).
    assert (shelling["inter1"], shelling["inter2"], shelling["interaction"]) == ("8", "7", "78")
    assert (shelling["iso"], shelling["region"], shelling["country"]) == (
        "760",
        "Middle East",
        "Syria",
    )
    protest = next(r for r in rows if r["event_type"] == "Protests")
    assert (protest["inter1"], protest["interaction"]) == ("0", "0")
    merged = next(r for r in rows if r["location"] == "Balyun")
    assert set(merged["source"].split("; ")) == {"Wire", "Paper"}
    assert merged["time_precision"] == "1" and merged["geo_precision"] == "1"


def test_export_filters(populated: str, tmp_path: Path) -> None:
    with open_store(populated) as store:
        n_syria = store.export("plover-json", tmp_path / "syr.json", country="SYR")
        n_2022 = store.export("plover-json", tmp_path / "y.json", start=date(2022, 1, 1))
        n_type = store.export("plover-json", tmp_path / "t.json", type="CONSULT")
    assert (n_syria, n_2022, n_type) == (2, 1, 1)
    assert {
        e["location"]["country"] for e in load_export("plover-json", tmp_path / "syr.json")
    } == {"SYR"}


def test_export_to_stdout(populated: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(populated) as store:
        n = store.export("plover-json", None)
    assert len(json.loads(capsys.readouterr().out)) == n == 4


def test_empty_exports_are_valid(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}") as store:
        for fmt in FORMATS:
            assert store.export(fmt, tmp_path / f"empty.{fmt}") == 0
            assert load_export(fmt, tmp_path / f"empty.{fmt}") == []
        with pytest.raises(UsageError):
            store.export("xlsx", tmp_path / "x.xlsx")


@pytest.mark.parametrize(
    ("actor", "event", "expected"),
    [
        (None, {}, 0),
        ({"code": "SYRMIL", "country": "SYR"}, {"location": {"country": "SYR"}}, 1),
        ({"code": "TURMIL", "country": "TUR"}, {"location": {"country": "SYR"}}, 8),
        ({"code": "SYRREB", "sector": "REB"}, {}, 2),
        ({"code": "IGOUNO"}, {}, 8),
        ({"code": "XYZ"}, {}, 3),
        ({"code": "HKGCVL"}, {"acled_event_type": "Protests"}, 6),
        ({"code": "HKGCVL"}, {"acled_event_type": "Riots"}, 5),
        ({"code": "HKGCVL"}, {}, 7),
    ],
)
def test_inter_codes(actor: dict[str, Any] | None, event: dict[str, Any], expected: int) -> None:
    assert inter_code(actor, event) == expected


def test_interaction_codes() -> None:
    assert interaction_code(1, 2) == interaction_code(2, 1) == 12
    assert interaction_code(6, 0) == 60
    assert interaction_code(0, 0) == 0


def test_acled_row_without_location_or_date() -> None:
    row = acled_row({"event_id": "abc", "acled_event_type": "Battles", "sources": []})
    assert row["event_id_cnty"] == "XXXabc"
    assert (row["event_date"], row["fatalities"], row["timestamp"]) == ("", 0, 0)
