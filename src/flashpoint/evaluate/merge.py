"""``flashpoint eval merge``: cross-report merging on ``tests/gold/merge/``."""

from __future__ import annotations

from pathlib import Path

from flashpoint.store import evaluate_merge


def run_merge(path: Path, *, name: str = "merge") -> dict[str, dict[str, float]]:
    result = evaluate_merge(path)
    pairwise, bcubed = result["pairwise"], result["bcubed"]
    return {
        name: {
            "pairwise_precision": float(pairwise["precision"]),
            "pairwise_recall": float(pairwise["recall"]),
            "bcubed_f1": float(bcubed["f1"]),
        }
    }
