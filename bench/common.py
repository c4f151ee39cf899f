"""Shared helpers: sizes from the environment, and the ``bench: <name> <value> <unit>`` record."""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench-results.json"
CORES = os.cpu_count() or 1


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw.isdigit() else default


def note(text: str) -> None:
    """Context for the figures (corpus size, cores), printed but not recorded."""
    print(f"  {text}", flush=True)


class Figures:
    """Prints each figure as it is measured and merges them all into bench-results.json."""

    def __init__(self, path: Path = RESULTS) -> None:
        self.path = path
        self.values: dict[str, tuple[float, str]] = {}

    def add(self, name: str, value: float, unit: str) -> None:
        self.values[name] = (value, unit)
        print(f"bench: {name} {value} {unit}", flush=True)
        self.save()

    def save(self) -> None:
        try:
            existing = json.loads(self.path.read_text()) if self.path.exists() else {}
        except json.JSONDecodeError:
            existing = {}
        existing.update({k: {"value": v, "unit": u} for k, (v, u) in self.values.items()})
        self.path.write_text(json.dumps(existing, indent=2) + "\n")
