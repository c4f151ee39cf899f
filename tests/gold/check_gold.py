"""Validate ``tests/gold/events.jsonl`` against the format in ``tests/gold/README.md``.

Standard library only, so it runs before the package is installed:

    python tests/gold/check_gold.py [PATH] [--resources DIR]

Exit status 0 when the file is valid, 1 when any problem is found (each printed on stderr).
Canonical organisation names are checked against the first column of ``groups.tsv`` and
``igos.tsv`` when those resource files exist; otherwise only their shape is checked.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_GOLD = HERE / "events.jsonl"
DEFAULT_RESOURCES = HERE.parents[1] / "src" / "flashpoint" / "resources" / "actors"

EVENT_TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
MODALITIES = {"asserted", "negated", "uncertain", "intended"}
PRECISIONS = {"day", "week", "month", "year"}
MODES = {
    "ASSAULT": {"aerial", "artillery", "firearms", "ied", "suicide", "abduction", "sexual"},
    "CONSULT": {"phone", "visit", "third_party"},
    "AID": {"humanitarian", "military", "economic"},
    "PROTEST": {"demonstrate", "riot", "strike"},
}
HARD_TAGS = {
    "passive", "nominal", "attribution", "negation", "hedge", "future", "coref", "multi",
    "headline", "dateline", "byline", "history", "generic", "quote", "agentless",
}  # fmt: skip
ITEM_KEYS = {"id", "published", "text", "events", "tags"}
EVENT_KEYS = {"type", "actor1", "actor2", "fatalities", "injuries", "date", "place", "lat", "lon",
              "modality"}  # fmt: skip
OPTIONAL_EVENT_KEYS = {"mode", "attribution", "date_precision", "notes"}
# A country / CAMEO-style code: ISO3 optionally followed by sectors, or a bare sector code.
CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
MIN_PER_TYPE = 10


def load_canonical_names(resources: Path) -> set[str] | None:
    """First column of groups.tsv and igos.tsv, case-folded; None when neither file exists."""
    names: set[str] = set()
    found = False
    for filename in ("groups.tsv", "igos.tsv"):
        path = resources / filename
        if not path.exists():
            continue
        found = True
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                names.add(line.split("\t", 1)[0].strip().casefold())
    return names if found else None


def is_iso_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def check_actor(label: Any, canonical: set[str] | None) -> str | None:
    """An error message for a bad actor label, or None."""
    if label is None:
        return None
    if not isinstance(label, str) or not label.strip():
        return f"actor label must be a non-empty string or null, got {label!r}"
    if label != label.strip():
        return f"actor label {label!r} has surrounding white space"
    # Acronym names (NATO, M23, OSCE) look like codes, so only the resource list can tell.
    if canonical is None or CODE.match(label):
        return None
    if label.casefold() not in canonical:
        return f"organisation {label!r} is not a canonical name in groups.tsv / igos.tsv"
    return None


def check_event(event: Any, published: str, canonical: set[str] | None) -> list[str]:
    if not isinstance(event, dict):
        return ["event is not an object"]
    problems = [f"missing key {k!r}" for k in sorted(EVENT_KEYS - event.keys())]
    unknown = event.keys() - EVENT_KEYS - OPTIONAL_EVENT_KEYS
    problems += [f"unknown key {k!r}" for k in sorted(unknown)]
    etype = event.get("type")
    if etype not in EVENT_TYPES:
        problems.append(f"type {etype!r} is not a PLOVER type")
    for key in ("actor1", "actor2"):
        message = check_actor(event.get(key), canonical)
        if message:
            problems.append(f"{key}: {message}")
    for key in ("fatalities", "injuries"):
        value = event.get(key)
        valid = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        if value is not None and not valid:
            problems.append(f"{key} must be a non-negative integer or null")
    if event.get("date") is not None:
        if not is_iso_date(event["date"]):
            problems.append(f"date {event['date']!r} is not YYYY-MM-DD")
        elif event["date"] > published:
            problems.append(f"date {event['date']} is after publication {published}")
    problems += check_place(event)
    if event.get("modality") not in MODALITIES:
        problems.append(f"modality {event.get('modality')!r} unknown")
    mode = event.get("mode")
    if mode is not None and mode not in MODES.get(str(etype), set()):
        problems.append(f"mode {mode!r} does not belong to {etype}")
    if event.get("date_precision", "day") not in PRECISIONS:
        problems.append(f"date_precision {event.get('date_precision')!r} unknown")
    return problems


def check_place(event: dict[str, Any]) -> list[str]:
    place, lat, lon = event.get("place"), event.get("lat"), event.get("lon")
    if place is None:
        return [] if lat is None and lon is None else ["lat/lon given without a place"]
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return [f"place {place!r} has no numeric lat/lon"]
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return [f"lat/lon out of range for {place!r}"]
    return []


def check_item(item: Any, canonical: set[str] | None) -> list[str]:
    if not isinstance(item, dict):
        return ["line is not a JSON object"]
    problems = [f"missing key {k!r}" for k in sorted(ITEM_KEYS - item.keys())]
    if not isinstance(item.get("text"), str) or not item.get("text", "").strip():
        problems.append("text is empty")
    published = item.get("published")
    if not isinstance(published, str) or not is_iso_date(published):
        return [*problems, f"published {published!r} is not YYYY-MM-DD"]
    if not isinstance(item.get("tags", []), list):
        problems.append("tags must be a list")
    events = item.get("events")
    if not isinstance(events, list):
        return [*problems, "events must be a list"]
    for n, event in enumerate(events):
        problems += [f"event {n}: {p}" for p in check_event(event, published, canonical)]
    return problems


def summarise(items: list[dict[str, Any]]) -> tuple[Counter[str], int, int]:
    per_type: Counter[str] = Counter(
        str(e.get("type")) for it in items for e in it.get("events", []) if isinstance(e, dict)
    )
    empty = sum(1 for it in items if not it.get("events"))
    hard = sum(1 for it in items if HARD_TAGS & set(it.get("tags") or []))
    return per_type, empty, hard


def check_file(path: Path, canonical: set[str] | None) -> tuple[list[str], list[dict[str, Any]]]:
    problems: list[str] = []
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {lineno}: invalid JSON ({exc.msg})")
            continue
        ident = item.get("id") if isinstance(item, dict) else None
        where = f"line {lineno} ({ident})"
        if ident in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(str(ident))
        problems += [f"{where}: {p}" for p in check_item(item, canonical)]
        if isinstance(item, dict):
            items.append(item)
    return problems, items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--resources", type=Path, default=DEFAULT_RESOURCES)
    args = parser.parse_args(argv)
    canonical = load_canonical_names(args.resources)
    problems, items = check_file(args.path, canonical)
    per_type, empty, hard = summarise(items)
    for etype in EVENT_TYPES:
        if per_type[etype] < MIN_PER_TYPE:
            problems.append(f"only {per_type[etype]} gold {etype} events (need {MIN_PER_TYPE})")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if canonical is None:
        print("note: no groups.tsv / igos.tsv; organisation names not checked", file=sys.stderr)
    counts = " ".join(f"{t}={per_type[t]}" for t in EVENT_TYPES)
    print(f"{len(items)} items, {sum(per_type.values())} events, {empty} without events, "
          f"{hard} tagged as hard cases")  # fmt: skip
    print(counts)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
