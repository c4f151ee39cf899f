"""Scale-out: extraction on a Dask cluster, stored in the same order as a single-process run."""

from __future__ import annotations

from flashpoint.distributed.partitions import (
    DEFAULT_PARTITION_BYTES,
    Partition,
    Piece,
    plan_partitions,
    read_partition,
)
from flashpoint.distributed.runner import (
    PartitionResult,
    WarmPipeline,
    dask_client,
    extract_partition,
    extract_paths_distributed,
    ordered_results,
)

__all__ = [
    "DEFAULT_PARTITION_BYTES",
    "Partition",
    "PartitionResult",
    "Piece",
    "WarmPipeline",
    "dask_client",
    "extract_partition",
    "extract_paths_distributed",
    "ordered_results",
    "plan_partitions",
    "read_partition",
]
