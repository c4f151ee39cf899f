"""Killing `flashpoint ingest` halfway through a 500-article run, or pressing Ctrl-C, and running it
again gives exactly the database an uninterrupted run gives: each article is committed in its own
transaction (by the writer process, which ends with its parent)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

GOLD = Path(__file__).parent / "gold"
ARTICLES = 500
# Columns that record when a row was written, not what it says.
VOLATILE = {"ingested_at", "updated_at"}


def _texts() -> list[str]:
    """500 distinct real-looking reports: the texts of our three gold sets."""
    texts: list[str] = []
    for name in ("events.jsonl", "actors.jsonl", "places.jsonl"):
        with (GOLD / name).open(encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    unique = list(dict.fromkeys(t for t in texts if len(t.split()) >= 8))
    assert len(unique) >= ARTICLES
    return unique[:ARTICLES]


def _write_corpus(path: Path) -> None:
    start = date(2020, 1, 1)
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(_texts()):
            record = {
                "text": text,
                "url": f"https://news.example.org/story/{i}",
                "published": (start + timedelta(days=i % 300)).isoformat(),
                "source": "Example Wire",
            }
            fh.write(json.dumps(record) + "\n")


def _ingest(corpus: Path, db: Path, **popen: Any) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "flashpoint", "ingest", str(corpus), "--db", f"sqlite:///{db}"],
        **{"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, **popen},
    )


def _count_articles(db: Path, *, timeout: float = 5.0) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(db, timeout=timeout)) as conn:
            return int(conn.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.OperationalError:  # table not created yet (or, polling, busy: ask again)
        return 0


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, without write timestamps, in a stable order."""
    out: dict[str, list[tuple[object, ...]]] = {}
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        for table in sorted(tables):
            columns = [r[1] for r in conn.execute(f"pragma table_info({table})")]
            kept = [c for c in columns if c not in VOLATILE]
            rows = conn.execute(f"select {', '.join(kept)} from {table}").fetchall()
            out[table] = sorted(rows, key=repr)
    return out


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The corpus, and the database an uninterrupted ingest of it gives."""
    tmp = tmp_path_factory.mktemp("resume")
    corpus = tmp / "corpus.jsonl"
    _write_corpus(corpus)
    db = tmp / "whole.sqlite"
    assert _ingest(corpus, db).wait(timeout=900) == 0
    return corpus, db


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _count_when_stopped(proc: subprocess.Popen[bytes], db: Path) -> int:
    """Polls until half the articles are stored; a busy database answers "not yet" at once
    rather than after a long wait, so the stop lands while the rest is still to come."""
    deadline = time.monotonic() + 600
    while _count_articles(db, timeout=0.1) < ARTICLES // 2 and time.monotonic() < deadline:
        assert proc.poll() is None, "ingest ended before it could be stopped"
        time.sleep(0.05)
    return _count_articles(db)


@pytest.mark.slow
@pytest.mark.parametrize("stop", ["SIGKILL", "Ctrl-C"])
def test_stopped_ingest_resumes_to_the_same_database(
    stop: str, whole: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, whole_db = whole
    resumed = tmp_path / "resumed.sqlite"
    # In a process group of its own, which gets the Ctrl-C as from a terminal (pytest is spared),
    # and with Ctrl-C handled as a terminal's child would: an ignored SIGINT is inherited
    # through exec, and a test run before this one may have left it ignored in pytest.
    proc = _ingest(
        corpus,
        resumed,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_interruptible,
    )
    assert _count_when_stopped(proc, resumed) >= ARTICLES // 2
    if stop == "SIGKILL":
        proc.send_signal(signal.SIGKILL)
    else:
        os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    halfway, stored = _count_articles(resumed), _count_articles(whole_db)
    if stop == "Ctrl-C":  # a clean stop: no traceback, and nothing written after the exit
        assert proc.returncode != 0 and b"Traceback" not in err, (
            f"stopped at {halfway} of {stored} articles (SIGINT in pytest: "
            f"{signal.getsignal(signal.SIGINT)}): " + err.decode(errors="replace")
        )
        time.sleep(1)
        assert _count_articles(resumed) == halfway
    assert ARTICLES // 2 <= halfway < stored

    assert _ingest(corpus, resumed).wait(timeout=900) == 0
    assert _count_articles(resumed) == stored
    assert _dump(resumed) == _dump(whole_db)
