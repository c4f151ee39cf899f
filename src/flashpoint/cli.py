"""Command-line interface: a thin shell over ``flashpoint.api`` and ``flashpoint.store``.

With ``--format jsonl`` stdout carries only JSON Lines; everything else goes to stderr.
Exit codes: 0 every input processed, 1 some input rejected, 2 usage error.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from flashpoint.errors import FlashpointError
from flashpoint.model import Event

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="flashpoint: conflict events from news reports, offline.",
)
err = Console(stderr=True)


class OutFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


class ErrorLog:
    """Collects rejected inputs: each is printed to stderr at once with its stable code."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, exc: FlashpointError) -> None:
        self.count += 1
        err.print(exc.render(), markup=False, highlight=False)


def _parse_date(raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise typer.BadParameter(f"{raw!r} is not a date (YYYY-MM-DD)") from None


PathsArg = Annotated[list[Path], typer.Argument(help="Files or directories (recursive).")]
DateOpt = Annotated[
    str | None, typer.Option("--date", help="Publication date YYYY-MM-DD when a file has none.")
]
DbOpt = Annotated[
    str | None, typer.Option("--db", help="Database URL (default: embedded SQLite file).")
]

_CSV_FIELDS = [
    "event_id", "article_id", "date", "date_precision", "event_type", "mode", "cameo_code",
    "acled_event_type", "acled_sub_event_type", "modality", "actor1", "actor2", "location",
    "fatalities", "injuries", "attribution", "confidence", "sentence", "span",
]  # fmt: skip


def _csv_value(value: Any) -> Any:
    if isinstance(value, dict):
        return value.get("code") or value.get("name")
    if isinstance(value, list):
        return json.dumps(value)
    return value


def _table(events: list[Event]) -> Table:
    table = Table(show_lines=False)
    for col in ("date", "type", "actor1", "actor2", "place", "dead", "modality", "sentence"):
        table.add_column(col, overflow="fold")
    for e in events:
        table.add_row(
            e.date.isoformat() if e.date else "",
            f"{e.event_type} {e.cameo_code}",
            e.actor1.code if e.actor1 else "",
            e.actor2.code if e.actor2 else "",
            e.location.name if e.location else "",
            "" if e.fatalities is None else str(e.fatalities),
            e.modality,
            e.sentence[:120],
        )
    return table


@app.command()
def extract(
    paths: PathsArg,
    published: DateOpt = None,
    fmt: Annotated[OutFormat, typer.Option("--format")] = OutFormat.jsonl,
    db: DbOpt = None,
) -> None:
    """Extract events from news reports and print them."""
    from flashpoint.api import extract_paths

    errors = ErrorLog()
    when = _parse_date(published)
    out = sys.stdout
    writer = csv.DictWriter(out, fieldnames=_CSV_FIELDS) if fmt is OutFormat.csv else None
    if writer:
        writer.writeheader()
    collected: list[Event] = []
    for _article, events in extract_paths(paths, default_published=when, on_error=errors):
        for event in events:
            if fmt is OutFormat.jsonl:
                out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            elif writer:
                writer.writerow({k: _csv_value(v) for k, v in event.to_dict().items()})
            else:
                collected.append(event)
        out.flush()
    if fmt is OutFormat.table:
        Console().print(_table(collected))
    if db:
        err.print("note: extract does not store events; use `flashpoint ingest --db ...`")
    raise typer.Exit(1 if errors.count else 0)


@app.command()
def geoparse(
    paths: PathsArg,
    fmt: Annotated[OutFormat, typer.Option("--format")] = OutFormat.jsonl,
) -> None:
    """Print every resolved place mention, one JSON line each."""
    from flashpoint.api import read_articles
    from flashpoint.clean import clean_article
    from flashpoint.extract.places import geoparse as geoparse_text

    errors = ErrorLog()
    rows = []
    for article in read_articles(paths, on_error=errors):
        for place in geoparse_text(clean_article(article).text):
            record = place.to_dict()
            if fmt is OutFormat.jsonl:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                rows.append(record)
    if rows:
        table = Table()
        for col in ("text", "name", "country", "admin1", "lat", "lon", "precision"):
            table.add_column(col)
        for r in rows:
            table.add_row(
                *(
                    str(r[c])
                    for c in ("text", "name", "country", "admin1", "lat", "lon", "precision")
                )
            )
        Console().print(table)
    raise typer.Exit(1 if errors.count else 0)


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    published: DateOpt = None,
    summary: Annotated[
        bool, typer.Option("--summary", help="Print events by type and country.")
    ] = False,
    workers: Annotated[
        int | None, typer.Option(help="Extract on a local Dask cluster of N processes.", min=1)
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Use an existing Dask cluster, e.g. tcp://host:8786.")
    ] = None,
) -> None:
    """Extract, merge and store events (idempotent on re-run)."""
    from flashpoint.ingest_run import ingest_paths, print_summary

    errors = ErrorLog()
    result = ingest_paths(
        paths,
        db_url=db,
        default_published=_parse_date(published),
        on_error=errors,
        console=err,
        workers=workers,
        scheduler=scheduler,
    )
    if summary:
        print_summary(db, Console())
    err.print(result.describe(rejected=errors.count))
    raise typer.Exit(1 if errors.count else 0)


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    plover_json = "plover-json"
    geojson = "geojson"
    parquet = "parquet"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format")],
    db: DbOpt = None,
    output: Annotated[Path | None, typer.Option("-o", "--output")] = None,
    start: Annotated[str | None, typer.Option(help="First event date")] = None,
    end: Annotated[str | None, typer.Option(help="Last event date")] = None,
    country: Annotated[str | None, typer.Option(help="ISO3 country")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type")] = None,
) -> None:
    """Export stored events."""
    from flashpoint.store import open_store

    if fmt is ExportFormat.parquet and output is None:
        raise typer.BadParameter("parquet needs -o FILE")
    with open_store(db) as store:
        n = store.export(
            fmt.value,
            output,
            start=_parse_date(start),
            end=_parse_date(end),
            country=country,
            type=event_type,
        )
    err.print(f"exported {n} events")


@app.command()
def serve(
    db: DbOpt = None,
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    host: Annotated[str, typer.Option(help="Interface to bind")] = "127.0.0.1",
) -> None:
    """REST API and web dashboard over the stored events."""
    from flashpoint.serve import serve as run_server

    run_server(db, port, host)


@app.command()
def trends(
    country: Annotated[str | None, typer.Option(help="ISO3 country")] = None,
    region: Annotated[str | None, typer.Option(help="First-level region (admin1) name")] = None,
    dyad: Annotated[str | None, typer.Option(help="Actor codes A-B, e.g. TURMIL-SYRMIL")] = None,
    interval: Annotated[str, typer.Option(help="day, week or month")] = "week",
    plot: Annotated[Path | None, typer.Option(help="Draw the series to this PNG file")] = None,
    db: DbOpt = None,
) -> None:
    """Event counts, fatalities and intensity over time, with alert markers."""
    from flashpoint.trends.cli import trends_command

    raise typer.Exit(
        trends_command(
            Console(),
            country=country,
            region=region,
            dyad=dyad,
            interval=interval,
            plot=str(plot) if plot else None,
            db=db,
        )
    )


@app.command()
def alerts(
    db: DbOpt = None,
    since: Annotated[str | None, typer.Option(help="Only alerts from YYYY-MM-DD on")] = None,
    fmt: Annotated[OutFormat, typer.Option("--format")] = OutFormat.table,
) -> None:
    """Current escalation alerts, each with its reason and the events behind it."""
    from flashpoint.trends.cli import alerts_command

    if fmt is OutFormat.csv:
        raise typer.BadParameter("alerts print as jsonl or table")
    raise typer.Exit(alerts_command(Console(), db=db, since=since, format=fmt.value))


@app.command("eval")
def evaluate(
    stage: Annotated[
        str | None,
        typer.Argument(
            help="events, events_heldout, actors, places, dates, fatalities, merge, "
            "merge_blind, merge_holdout, alerts"
        ),
    ] = None,
    confusion: Annotated[
        bool, typer.Option("--confusion", help="Print a confusion matrix by type.")
    ] = False,
    gold: Annotated[Path | None, typer.Option(help="Gold folder (default tests/gold)")] = None,
) -> None:
    """Precision / recall / F1 per stage on the gold sets."""
    from flashpoint.evaluate import main as eval_main

    raise typer.Exit(eval_main(stage, gold_dir=gold, confusion=confusion, console=Console()))


def main() -> None:  # pragma: no cover - console entry point
    try:
        app()
    except FlashpointError as exc:
        err.print(exc.render(), markup=False)
        sys.exit(2)
