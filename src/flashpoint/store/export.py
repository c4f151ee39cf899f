"""Exports of stored events: ACLED CSV, PLOVER JSON, GeoJSON and Parquet, plus their loaders.

``load_export`` reads a plover-json, geojson or parquet file back into the stored-event dicts it
was written from (the round trip is exact); for acled-csv it returns the CSV rows.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from flashpoint.errors import UsageError
from flashpoint.resources import read_tsv
from flashpoint.store.records import parse_date

if TYPE_CHECKING:
    from flashpoint.store.store import Store

FORMATS = ("acled-csv", "plover-json", "geojson", "parquet")
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "timestamp",
)
# Nested values are stored in Parquet as JSON text: every reader understands them.
PARQUET_JSON_COLUMNS = (
    "actor1",
    "actor2",
    "location",
    "span",
    "sources",
    "fatalities_reported",
    "merge_reasons",
)
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"point": 1, "admin2": 2, "admin1": 3, "country": 3}
_STATE_FORCES, _UNIDENTIFIED_ARMED, _EXTERNAL = 1, 3, 8
_PAGE = 1000


def write_export(store: Store, format: str, path: str | Path | None, **filters: Any) -> int:
    """Write the matching events of ``store`` to ``path`` (stdout when ``None``)."""
    if format not in FORMATS:
        raise UsageError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    items = store.iter_events(page_size=_PAGE, **filters)
    if format == "parquet":
        with _binary_out(path) as out:
            return write_parquet(items, out)
    writer = {"acled-csv": write_acled_csv, "plover-json": write_json, "geojson": write_geojson}
    with _text_out(path) as out:
        return writer[format](items, out)


@contextmanager
def _text_out(path: str | Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle


@contextmanager
def _binary_out(path: str | Path | None) -> Iterator[IO[bytes]]:
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with open(path, "wb") as handle:
        yield handle


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def write_json(items: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """A JSON array of stored events, written one element at a time."""
    n = 0
    out.write("[")
    for item in items:
        out.write(",\n" if n else "\n")
        out.write(_dumps(item))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def write_geojson(items: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """A FeatureCollection with one Point per event that has coordinates."""
    n = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for item in items:
        place = item.get("location")
        if not place or place.get("lat") is None or place.get("lon") is None:
            continue
        feature = {
            "type": "Feature",
            "id": item["event_id"],
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": item,
        }
        out.write(",\n" if n else "\n")
        out.write(_dumps(feature))
        n += 1
    out.write("\n]}\n")
    return n


def write_acled_csv(items: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """ACLED columns, one row per event that has an ACLED event type."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for item in items:
        if not item.get("acled_event_type"):
            continue
        writer.writerow(acled_row(item))
        n += 1
    return n


def write_parquet(items: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

    schema = _parquet_schema(pa)
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for item in items:
            batch.append(_parquet_row(item))
            if len(batch) >= _PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n, batch = n + len(batch), []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _parquet_schema(pa: Any) -> Any:
    text, integer = pa.string(), pa.int64()
    fields = [
        ("event_id", text),
        ("article_id", text),
        ("date", pa.date32()),
        ("date_precision", text),
        ("event_type", text),
        ("mode", text),
        ("cameo_code", text),
        ("acled_event_type", text),
        ("acled_sub_event_type", text),
        ("modality", text),
        ("fatalities", integer),
        ("injuries", integer),
        ("attribution", text),
        ("confidence", pa.float64()),
        ("sentence", text),
        ("source_count", integer),
        *((name, text) for name in PARQUET_JSON_COLUMNS),
    ]
    return pa.schema(fields)


def _parquet_row(item: Mapping[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in item.items() if k not in PARQUET_JSON_COLUMNS}
    row["date"] = parse_date(item.get("date"))
    for name in PARQUET_JSON_COLUMNS:
        row[name] = _dumps(item.get(name))
    return row


def load_export(format: str, path: str | Path) -> list[dict[str, Any]]:
    """Read an export back: stored-event dicts (ACLED: the CSV rows as dicts of strings)."""
    path = Path(path)
    if format == "plover-json":
        return list(json.loads(path.read_text(encoding="utf-8")))
    if format == "geojson":
        collection = json.loads(path.read_text(encoding="utf-8"))
        return [feature["properties"] for feature in collection["features"]]
    if format == "acled-csv":
        with open(path, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    if format == "parquet":
        return _load_parquet(path)
    raise UsageError(f"unknown export format {format!r}")


def _load_parquet(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

    items = []
    for row in pq.read_table(path).to_pylist():
        day = row.get("date")
        row["date"] = day.isoformat() if isinstance(day, date) else None
        for name in PARQUET_JSON_COLUMNS:
            row[name] = json.loads(row[name]) if row.get(name) is not None else None
        items.append(row)
    return items


# --- ACLED ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, str]]:
    return {row["iso3"]: row for row in read_tsv("store/countries.tsv")}


@lru_cache(maxsize=1)
def _inter_by_sector() -> dict[str, int]:
    return {row["sector"]: int(row["inter"]) for row in read_tsv("store/acled_inter.tsv")}


def _sector(actor: Mapping[str, Any]) -> str | None:
    """The actor's sector, or the one its code spells (``IGOUNO`` → IGO, ``TURMIL`` → MIL)."""
    if actor.get("sector"):
        return str(actor["sector"])
    code = str(actor.get("code") or "")
    table = _inter_by_sector()
    if code[:3] in table:
        return code[:3]
    return code[3:6] if len(code) >= 6 else None


def inter_code(actor: Mapping[str, Any] | None, event: Mapping[str, Any]) -> int:
    """ACLED's actor-type number for an actor of this event (0 when there is no actor)."""
    if not actor:
        return 0
    code = _inter_by_sector().get(_sector(actor) or "", _UNIDENTIFIED_ARMED)
    place_country = (event.get("location") or {}).get("country")
    abroad = bool(actor.get("country")) and bool(place_country)
    if code == _STATE_FORCES and abroad and actor["country"] != place_country:
        return _EXTERNAL
    acled_type = event.get("acled_event_type")
    if code != _STATE_FORCES and acled_type == "Protests":
        return 6
    if code != _STATE_FORCES and acled_type == "Riots":
        return 5
    return code


def interaction_code(inter1: int, inter2: int) -> int:
    """ACLED's two-digit interaction: the lower inter first; a lone actor gives ``inter * 10``."""
    present = sorted(code for code in (inter1, inter2) if code)
    if not present:
        return 0
    if len(present) == 1:
        return present[0] * 10
    return present[0] * 10 + present[1]


def acled_row(item: Mapping[str, Any]) -> dict[str, Any]:
    """One stored event as an ACLED row (admin2/admin3 and associated actors stay empty)."""
    place = item.get("location") or {}
    iso3 = place.get("country") or ""
    country = _countries().get(iso3, {})
    day = parse_date(item.get("date"))
    actor1, actor2 = item.get("actor1"), item.get("actor2")
    inter1, inter2 = inter_code(actor1, item), inter_code(actor2, item)
    sources = item.get("sources") or []
    outlets = list(dict.fromkeys(s["source"] for s in sources if s.get("source")))
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{item['event_id']}",
        "event_date": day.isoformat() if day else "",
        "year": day.year if day else "",
        "time_precision": _TIME_PRECISION.get(item.get("date_precision") or "", 3),
        "event_type": item.get("acled_event_type") or "",
        "sub_event_type": item.get("acled_sub_event_type") or "",
        "actor1": (actor1 or {}).get("name") or "",
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": (actor2 or {}).get("name") or "",
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "iso": country.get("numeric", ""),
        "region": country.get("region", ""),
        "country": country.get("name", iso3),
        "admin1": place.get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": place.get("name") or "",
        "latitude": place.get("lat", ""),
        "longitude": place.get("lon", ""),
        "geo_precision": _GEO_PRECISION.get(place.get("precision") or "", ""),
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": item.get("sentence") or "",
        "fatalities": item.get("fatalities") or 0,
        "timestamp": _timestamp(sources),
    }


def _timestamp(sources: Iterable[Mapping[str, Any]]) -> int:
    """Latest publication date of the sources as a Unix time (deterministic, unlike 'now')."""
    days = [d for d in (parse_date(s.get("published")) for s in sources) if d]
    if not days:
        return 0
    latest = max(days)
    return int(datetime(latest.year, latest.month, latest.day, tzinfo=UTC).timestamp())


def acled_csv_text(items: Iterable[dict[str, Any]]) -> str:
    """The ACLED CSV of some stored events as a string (handy for the REST API)."""
    buffer = io.StringIO()
    write_acled_csv(items, buffer)
    return buffer.getvalue()
