"""Weights and thresholds of the trend module, read from ``resources/trends/``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, TypeVar

from flashpoint.errors import ResourceError
from flashpoint.model import EVENT_TYPES
from flashpoint.resources import read_text, read_tsv

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


@dataclass(frozen=True)
class TypeWeight:
    """One row of ``intensity.tsv``."""

    quad: str
    weight: float
    rung: int
    surge: bool


@dataclass(frozen=True)
class CountingSettings:
    modalities: tuple[str, ...] = ("asserted",)
    min_confidence: float = 0.5


@dataclass(frozen=True)
class SurgeSettings:
    recent_weeks: int = 8
    long_weeks: int = 26
    min_history_weeks: int = 4
    min_events: int = 5
    fortnight: bool = True
    min_ratio: float = 2.0
    floor_rate: float = 0.5
    p_value: float = 0.001
    min_fatalities: int = 10
    min_fatal_events: int = 3
    fatality_floor_rate: float = 1.0


@dataclass(frozen=True)
class LadderSettings:
    window_days: int = 42
    quiet_days: int = 60
    step_days: int = 21
    min_threats: int = 2


@dataclass(frozen=True)
class CeasefireSettings:
    window_days: int = 14
    keywords: tuple[str, ...] = ("ceasefire", "truce")


@dataclass(frozen=True)
class NewActorSettings:
    history_days: int = 56
    window_days: int = 14
    min_events: int = 2
    armed_sectors: tuple[str, ...] = ("MIL", "REB")
    armed_types: tuple[str, ...] = ("ASSAULT",)


@dataclass(frozen=True)
class MassingSettings:
    window_days: int = 10
    radius_km: float = 60.0
    min_events: int = 3
    front_km: float = 80.0
    front_days: int = 30
    baseline_days: int = 90
    p_value: float = 0.001


@dataclass(frozen=True)
class AlertSettings:
    """All alert thresholds; ``AlertSettings.load()`` gives the shipped defaults."""

    counting: CountingSettings = CountingSettings()
    surge: SurgeSettings = SurgeSettings()
    ladder: LadderSettings = LadderSettings()
    ceasefire: CeasefireSettings = CeasefireSettings()
    new_actor: NewActorSettings = NewActorSettings()
    massing: MassingSettings = MassingSettings()

    @classmethod
    def load(cls) -> AlertSettings:
        return _load_settings()


_Section = TypeVar("_Section")


def _section(kind: type[_Section], raw: dict[str, Any]) -> _Section:
    known = {f.name for f in fields(kind)}  # type: ignore[arg-type]
    unknown = set(raw) - known
    if unknown:
        raise ResourceError(f"trends/alerts.toml: unknown setting(s) {sorted(unknown)}")
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    return kind(**values)


@lru_cache(maxsize=1)
def _load_settings() -> AlertSettings:
    try:
        raw = tomllib.loads(read_text("trends/alerts.toml"))
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"trends/alerts.toml: {exc}") from exc
    return AlertSettings(
        counting=_section(CountingSettings, raw.get("counting", {})),
        surge=_section(SurgeSettings, raw.get("surge", {})),
        ladder=_section(LadderSettings, raw.get("ladder", {})),
        ceasefire=_section(CeasefireSettings, raw.get("ceasefire", {})),
        new_actor=_section(NewActorSettings, raw.get("new_actor", {})),
        massing=_section(MassingSettings, raw.get("massing", {})),
    )


@lru_cache(maxsize=1)
def type_weights() -> dict[str, TypeWeight]:
    """PLOVER type -> weight, quad class, ladder rung and whether surges count it."""
    table: dict[str, TypeWeight] = {}
    for row in read_tsv("trends/intensity.tsv"):
        if row["quad"] not in QUADS:
            raise ResourceError(f"trends/intensity.tsv: unknown quad {row['quad']!r}")
        table[row["event_type"]] = TypeWeight(
            quad=row["quad"],
            weight=float(row["weight"]),
            rung=int(row["rung"]),
            surge=row["surge"] == "yes",
        )
    missing = set(EVENT_TYPES) - set(table)
    if missing:
        raise ResourceError(f"trends/intensity.tsv lacks {sorted(missing)}")
    return table


@lru_cache(maxsize=1)
def mode_multipliers() -> dict[tuple[str, str], float]:
    """(event type, mode) -> multiplier of the type's weight."""
    return {
        (row["event_type"], row["mode"]): float(row["multiplier"])
        for row in read_tsv("trends/mode_weights.tsv")
    }
