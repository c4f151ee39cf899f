"""Bodies of ``flashpoint trends`` and ``flashpoint alerts``: the lead wires Typer to them."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from rich.console import Console
from rich.table import Table

from flashpoint.errors import FlashpointError, UsageError
from flashpoint.trends.alerts import find_alerts
from flashpoint.trends.config import AlertSettings
from flashpoint.trends.events import sources_of
from flashpoint.trends.series import build_series, select_events

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _scope_title(country: str | None, region: str | None, dyad: str | None) -> str:
    parts = [p for p in (region, country) if p]
    where = ", ".join(parts) if parts else "all places"
    return f"{where}, dyad {dyad}" if dyad else where


def _alerts_in(
    alerts: list[dict[str, Any]], country: str | None, region: str | None
) -> list[dict[str, Any]]:
    return [
        a
        for a in alerts
        if (not country or a["country"] == country.upper())
        and (not region or (a["region"] or "").casefold() == region.casefold())
    ]


def trends_command(
    console: Console,
    *,
    country: str | None = None,
    region: str | None = None,
    dyad: str | None = None,
    interval: str = "week",
    plot: str | None = None,
    db: str | None = None,
) -> int:
    """Print the series as a table; with ``plot``, also draw it to that PNG file."""
    from flashpoint.store import open_store

    try:
        with open_store(db) as store:
            stored = list(store.iter_events())  # alerts need the whole history
        chosen = select_events(stored, country=country, region=region, dyad=dyad)
        rows = build_series(chosen, interval=interval)
        in_scope = _alerts_in(find_alerts(stored), country, region)
    except UsageError as exc:
        console.print(exc.render(), markup=False)
        return EXIT_USAGE
    except FlashpointError as exc:
        console.print(exc.render(), markup=False)
        return EXIT_ERROR
    title = f"Events in {_scope_title(country, region, dyad)} by {interval}"
    table = Table(title=title)
    for name in ("period", "events", "conflict", "coop", "deaths", "intensity", "top types"):
        table.add_column(name, justify="left" if name in ("period", "top types") else "right")
    for row in rows:
        top = sorted(row["by_type"].items(), key=lambda kv: -kv[1])[:3]
        table.add_row(
            row["period_start"],
            str(row["events"]),
            str(row["conflict_events"]),
            str(row["cooperation_events"]),
            str(row["fatalities"]),
            f"{row['intensity']:.1f}",
            ", ".join(f"{t} {n}" for t, n in top),
        )
    console.print(table)
    if not rows:
        console.print("No counted events in this scope.")
    if plot and rows:
        from flashpoint.trends.plot import draw_series

        windows = (rows[0]["period_start"], rows[-1]["period_end"])
        shown = [a for a in in_scope if windows[0] <= a["window_end"] <= windows[1]]
        note = (
            f"Source: flashpoint store ({len(chosen)} merged events; counted: asserted, "
            f"confidence >= {AlertSettings.load().counting.min_confidence:g}). "
            f"Drawn {date.today().isoformat()}."
        )
        out = draw_series(
            rows, plot, title=title, source_note=note, alerts=shown, interval=interval
        )
        console.print(f"chart written to {out}")
    return EXIT_OK


def alerts_command(
    console: Console,
    *,
    db: str | None = None,
    since: str | None = None,
    format: str = "table",
) -> int:
    """Print current alerts as JSON Lines (stdout holds only them) or as a table."""
    from flashpoint.store import open_store

    if format not in ("jsonl", "table"):
        console.print(UsageError("--format must be jsonl or table").render(), markup=False)
        return EXIT_USAGE
    try:
        since_day = date.fromisoformat(since) if since else None
    except ValueError:
        console.print(UsageError(f"--since must be YYYY-MM-DD, got {since!r}").render())
        return EXIT_USAGE
    try:
        with open_store(db) as store:
            stored = list(store.iter_events())
    except FlashpointError as exc:
        console.print(exc.render(), markup=False)
        return EXIT_ERROR
    found = find_alerts(stored, since=since_day)
    if format == "jsonl":
        for alert in found:
            console.print(
                json.dumps(alert, ensure_ascii=False), markup=False, highlight=False, soft_wrap=True
            )
        return EXIT_OK
    by_id = {str(e["event_id"]): e for e in stored}
    table = Table(title=f"{len(found)} alert(s)", show_lines=True)
    for name in ("kind", "where", "window", "score", "reason", "evidence"):
        table.add_column(name, overflow="fold")
    for alert in found:
        driving = [by_id[i] for i in alert["event_ids"] if i in by_id]
        outlets = sorted({s for e in driving for s in sources_of(e)})
        where = " / ".join(p for p in (alert["country"], alert["region"]) if p) or "-"
        if alert["dyad"]:
            where += f" ({'-'.join(alert['dyad'])})"
        table.add_row(
            alert["kind"],
            where,
            f"{alert['window_start']}..{alert['window_end']}",
            f"{alert['score']:.2f}",
            alert["reason"],
            f"{len(driving)} events; sources: {', '.join(outlets[:4]) or '-'}",
        )
    console.print(table)
    return EXIT_OK
