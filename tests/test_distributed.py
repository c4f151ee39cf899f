"""Scale-out on Dask: partitions read like a single process, and the stored dataset is the same.

The slow tests start a real ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1
(not a LocalCluster), ingest a small corpus through them, and compare the store, event for
event, with a single-process ingest; one of them kills a worker with SIGKILL mid-run.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from flashpoint.api import extract_paths
from flashpoint.distributed import (
    Partition,
    dask_client,
    ordered_results,
    plan_partitions,
    read_partition,
)
from flashpoint.errors import FlashpointError, IngestError
from flashpoint.ingest import read_inputs
from flashpoint.ingest_run import store_results
from flashpoint.model import Article, Event
from flashpoint.store import open_store
from flashpoint.store.schema import articles

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
DASK = Path(sys.executable).with_name("dask")
SMALL_PARTITION = 3000  # bytes: splits the JSONL feed and groups a few reports per partition


# --- partitions (fast) ----------------------------------------------------------------------


def _describe(item: Article | IngestError) -> tuple[str, str]:
    if isinstance(item, IngestError):
        return ("error", item.code)
    return (item.article_id, item.title or "")


def _read_all(paths: list[Path], partition_bytes: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for part in plan_partitions(paths, partition_bytes=partition_bytes):
        if isinstance(part, IngestError):
            out.append(_describe(part))
        else:
            out.extend(_describe(x) for x in read_partition(part))
    return out


@pytest.fixture
def awkward_jsonl(tmp_path: Path) -> Path:
    """JSON lines of very different lengths, blank lines, a bad line and a CRLF line."""
    lines = []
    for i in range(40):
        body = " ".join(["Rebels shelled the town."] * (1 + (i * 7) % 23))
        lines.append(json.dumps({"text": f"Report {i}. {body}", "title": f"t{i}"}))
        if i % 9 == 0:
            lines.append("")
        if i == 17:
            lines.append("{not json")
    path = tmp_path / "feed.jsonl"
    path.write_bytes(("\n".join(lines) + "\r\n").encode("utf-8"))
    return path


@pytest.mark.parametrize("partition_bytes", [1, 97, 500, 4096, 10**9])
def test_partitions_read_every_line_once_in_order(
    awkward_jsonl: Path, partition_bytes: int
) -> None:
    expected = [_describe(x) for x in read_inputs([awkward_jsonl])]
    assert _read_all([awkward_jsonl], partition_bytes) == expected


def test_partitions_follow_read_inputs_order_over_a_tree(tmp_path: Path) -> None:
    paths = [CORPUS, tmp_path / "missing.txt", CORPUS / "feeds" / "*.jsonl"]
    expected = [_describe(x) for x in read_inputs([CORPUS, tmp_path / "missing.txt"])]
    expected += [_describe(x) for x in read_inputs(sorted((CORPUS / "feeds").glob("*.jsonl")))]
    assert _read_all(paths, SMALL_PARTITION) == expected


def test_partitions_respect_their_byte_budget() -> None:
    parts = [
        p for p in plan_partitions([CORPUS], partition_bytes=20_000) if isinstance(p, Partition)
    ]
    assert [p.index for p in parts] == list(range(len(parts)))
    for part in parts:
        last = part.pieces[-1]
        before = part.size - (Path(last.path).stat().st_size if last.end is None else 0)
        assert before < 20_000  # a partition closes as soon as it reaches the budget
    assert len(parts) > 3


def test_glob_matching_nothing_is_an_error(tmp_path: Path) -> None:
    out = list(plan_partitions([str(tmp_path / "*.jsonl")]))
    assert len(out) == 1 and isinstance(out[0], IngestError)
    assert out[0].code == "FP-INGEST-NOT-FOUND"


# --- a real scheduler and two real workers (slow) -------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"dask scheduler did not listen on port {port}")


def _spawn(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as handle:  # the child keeps its own descriptor
        return subprocess.Popen([str(DASK), *args], stdout=handle, stderr=subprocess.STDOUT)


@pytest.fixture
def dask_processes(tmp_path: Path) -> Iterator[tuple[str, dict[str, subprocess.Popen[bytes]]]]:
    """``dask scheduler`` + two ``dask worker`` processes (no nanny, so a kill is final)."""
    if not DASK.exists():
        pytest.skip("the dask command is not installed (pip install 'dask[distributed]')")
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    scheduler = _spawn(
        ["scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
        tmp_path / "scheduler.log",
    )
    workers = {
        name: _spawn(
            [
                "worker", address, "--name", name, "--nthreads", "1", "--no-nanny",
                "--no-dashboard", "--host", "127.0.0.1",
            ],
            tmp_path / f"{name}.log",
        )
        for name in ("w1", "w2")
    }  # fmt: skip
    try:
        _wait_for_port(int(port), timeout=60)
        yield address, workers
    finally:
        for proc in [*workers.values(), scheduler]:
            if proc.poll() is None:
                proc.terminate()
        for proc in [*workers.values(), scheduler]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                # Reap it: a Popen collected while its process still runs warns, and under
                # `-W error` that warning fails whichever test happens to be running.
                proc.wait(timeout=20)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve reports: five .txt files and the seven-line JSONL feed (split by byte range)."""
    root = tmp_path_factory.mktemp("corpus")
    for src in sorted(CORPUS.glob("syria/*.txt"))[:5]:
        shutil.copy(src, root / src.name)
    shutil.copy(CORPUS / "feeds" / "wire_digest_2015-2023.jsonl", root / "wire.jsonl")
    return root


def _dump(url: str) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    """Everything stored that a run decides: events with sources, and the article rows."""
    with open_store(url) as store:
        stored = list(store.iter_events())
        with store.engine.connect() as conn:
            cols = [c for c in articles.c if c.name != "ingested_at"]
            rows = conn.execute(sa.select(*cols).order_by(articles.c.article_id)).all()
    return stored, [tuple(r) for r in rows]


@pytest.fixture(scope="module")
def single_process_dump(small_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    url = f"sqlite:///{tmp_path_factory.mktemp('single') / 'single.sqlite'}"
    errors: list[FlashpointError] = []
    with open_store(url) as store:
        result = store_results(store, extract_paths([small_corpus], on_error=errors.append))
    assert not errors and result.articles_new == 12 and result.events_new > 10
    return _dump(url)


def _wait_for_workers(address: str, n: int) -> None:
    with dask_client(scheduler=address) as client:
        client.wait_for_workers(n, timeout=90)


@pytest.mark.slow
def test_two_workers_store_the_same_dataset_as_one_process(
    dask_processes: Any, small_corpus: Path, single_process_dump: Any, tmp_path: Path
) -> None:
    address, _ = dask_processes
    _wait_for_workers(address, 2)
    url = f"sqlite:///{tmp_path / 'dask.sqlite'}"
    errors: list[FlashpointError] = []
    with dask_client(scheduler=address) as client, open_store(url) as store:
        assert len(client.scheduler_info()["workers"]) == 2
        parts = list(plan_partitions([small_corpus], partition_bytes=SMALL_PARTITION))
        assert len(parts) >= 4  # several partitions, so the two workers really share the work
        results = ordered_results(client, parts, on_error=errors.append, window=3)
        outcome = store_results(store, results)
    assert not errors and outcome.articles_new == 12
    assert _dump(url) == single_process_dump


def _processing_on(client: Any, worker_name: str) -> int:
    by_name = {w["name"]: a for a, w in client.scheduler_info()["workers"].items()}
    address = by_name.get(worker_name)
    return len(client.processing().get(address, ())) if address else 0


@pytest.mark.slow
def test_a_killed_worker_loses_no_article_and_stores_none_twice(
    dask_processes: Any, small_corpus: Path, single_process_dump: Any, tmp_path: Path
) -> None:
    address, workers = dask_processes
    _wait_for_workers(address, 2)
    url = f"sqlite:///{tmp_path / 'killed.sqlite'}"
    errors: list[FlashpointError] = []
    statuses: list[str] = []
    with dask_client(scheduler=address) as client, open_store(url) as store:
        parts = list(plan_partitions([small_corpus], partition_bytes=SMALL_PARTITION))
        results = ordered_results(client, parts, on_error=errors.append, window=len(parts))
        first = next(results)
        statuses.append(store.add(*first).status)
        deadline = time.monotonic() + 30
        while _processing_on(client, "w2") == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _processing_on(client, "w2") > 0, "w2 had no partition to lose"
        os.kill(workers["w2"].pid, signal.SIGKILL)
        statuses.extend(store.add(article, events).status for article, events in results)
        assert len(client.scheduler_info()["workers"]) == 1
    assert workers["w2"].wait(timeout=10) == -signal.SIGKILL
    assert not errors
    assert statuses == ["new"] * 12  # every article reached the store, none of them twice
    assert _dump(url) == single_process_dump


def test_reports_keep_their_events_through_pickling() -> None:
    """Results cross process boundaries: frozen slotted records must survive the trip."""
    import pickle

    from flashpoint.distributed.runner import PartitionResult

    article = Article(text="Troops shelled Idlib.", title="t", origin="x:1")
    error = IngestError("bad line", source="feed.jsonl:3")
    event: list[Event] = []
    result = pickle.loads(pickle.dumps(PartitionResult(0, [(article, event)], [error])))
    assert result.reports == [(article, [])] and result.reports[0][0].origin == "x:1"
    assert str(result.errors[0]) == str(error) and result.errors[0].code == "FP-INGEST"
