"""Extraction throughput on a local Dask cluster of 1 and of 2 worker processes.

Timed from the first submit to the last result in order (workers already warm), over the same
JSONL file, so the ratio is the speed-up the scheduler really delivers on this machine.  Run as
a script (``python bench/dask_speedup.py FILE PARTITION_BYTES``), it times 1 then 2 workers and
prints both as JSON: ``make bench`` runs it in a fresh process, so the client and scheduler do not
share a core with a bench parent that holds models and corpora (whose garbage collection then
stalls the result stream).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from flashpoint.distributed import dask_client, ordered_results, plan_partitions

REPEATS = 2


def extraction_seconds(
    paths: list[Path], workers: int, *, partition_bytes: int, repeats: int = REPEATS
) -> float:
    """The best of ``repeats`` passes on one warm cluster, as the other figures take the best
    of their runs: a stray process on the machine then shows in neither side of the ratio."""
    errors: list[object] = []
    best = float("inf")
    with dask_client(workers=workers) as client:
        client.wait_for_workers(workers)
        for _ in range(repeats):
            started = time.perf_counter()
            partitions = plan_partitions(paths, partition_bytes=partition_bytes)
            for _ in ordered_results(client, partitions, on_error=errors.append):
                pass
            best = min(best, time.perf_counter() - started)
    if errors:
        raise RuntimeError(f"{len(errors)} inputs rejected, first: {errors[0]}")
    return best


def main(argv: list[str]) -> None:
    path, size = Path(argv[0]), int(argv[1])
    one = extraction_seconds([path], 1, partition_bytes=size)
    two = extraction_seconds([path], 2, partition_bytes=size)
    print(json.dumps({"one": one, "two": two, "repeats": REPEATS}))


if __name__ == "__main__":
    main(sys.argv[1:])
