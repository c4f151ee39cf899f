"""A chart of a series by event type, deaths and the alerts in its span (matplotlib, Agg)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from flashpoint.trends.config import AlertSettings

# Types drawn on their own; the rest are summed by quad class so the legend stays readable.
MAIN_TYPES = ("ASSAULT", "MOBILIZE", "COERCE", "THREATEN", "PROTEST")
MARKERS = {
    "surge": "^",
    "ladder": "s",
    "ceasefire_violation": "X",
    "new_actor": "D",
    "massing": "P",
}


def _stack(rows: Sequence[dict[str, Any]]) -> dict[str, list[int]]:
    layers: dict[str, list[int]] = {t.title(): [] for t in MAIN_TYPES}
    layers["Other conflict"], layers["Cooperation"] = [], []
    for row in rows:
        by_type = row["by_type"]
        for t in MAIN_TYPES:
            layers[t.title()].append(by_type.get(t, 0))
        main = sum(by_type.get(t, 0) for t in MAIN_TYPES)
        layers["Other conflict"].append(row["conflict_events"] - main)
        layers["Cooperation"].append(row["cooperation_events"])
    return {name: values for name, values in layers.items() if any(values)}


def draw_series(
    rows: Sequence[dict[str, Any]],
    path: str | Path,
    *,
    title: str,
    source_note: str,
    alerts: Sequence[dict[str, Any]] = (),
    interval: str = "week",
) -> Path:
    """Stacked bars of events per period by type, deaths on a second axis, alert markers."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def x(day: date) -> float:  # matplotlib's date numbers: days since its 1970 epoch
        return float((day - date(1970, 1, 1)).days)

    days = [x(date.fromisoformat(r["period_start"])) for r in rows]
    width = {"day": 0.8, "week": 5.5, "month": 24.0}[interval]
    fig, ax = plt.subplots(figsize=(11, 5.5), dpi=110)
    bottom = [0] * len(rows)
    colours = plt.get_cmap("tab10")
    for i, (name, values) in enumerate(_stack(rows).items()):
        ax.bar(days, values, width=width, bottom=bottom, label=name, color=colours(i), align="edge")
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    deaths_axis = ax.twinx()
    middle = [d + width / 2 for d in days]
    deaths_axis.plot(
        middle, [r["fatalities"] for r in rows], color="black", marker="o", lw=1.2, label="Deaths"
    )
    deaths_axis.set_ylabel("Deaths reported")
    deaths_axis.set_ylim(bottom=0)
    top = max(bottom, default=1) or 1
    for n, alert in enumerate(alerts):
        when = x(date.fromisoformat(alert["window_end"]))
        ax.scatter(
            [when],
            [top * (1.08 + 0.06 * (n % 3))],
            marker=MARKERS.get(alert["kind"], "o"),
            s=80,
            color="crimson",
            zorder=5,
            label=f"alert: {alert['kind']}",
        )
    ax.set_ylim(0, top * 1.35)
    ax.set_xlabel(f"{interval.title()} starting")
    threshold = AlertSettings.load().counting.min_confidence
    ax.set_ylabel(f"Events per {interval} (asserted, confidence >= {threshold:g})")
    ax.set_title(title)
    handles, labels = ax.get_legend_handles_labels()
    extra_h, extra_l = deaths_axis.get_legend_handles_labels()
    unique = dict(zip(labels + extra_l, handles + extra_h, strict=True))
    ax.legend(unique.values(), unique.keys(), loc="upper left", fontsize=8, ncol=2)
    ax.xaxis_date()
    fig.autofmt_xdate()
    fig.text(0.01, 0.01, source_note, fontsize=7, color="dimgray")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    out = Path(path)
    fig.savefig(out)
    plt.close(fig)
    return out
