"""Peak memory of a whole ingest, measured in a fresh subprocess per corpus size.

    python bench/memory.py --child DIR DB_URL    (what the parent runs; prints one JSON line)

The child ingests every shard in DIR into DB_URL (streaming: files are read lazily, extraction
runs in bounded batches, each article is stored in its own transaction) and reports its peak
resident set size from ``resource.getrusage``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def peak_rss_mb(corpus_dir: Path) -> tuple[float, int, float]:
    """(peak RSS in MB, articles stored, seconds) for one ingest of ``corpus_dir``."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'memory.sqlite'}"
        done = subprocess.run(
            [sys.executable, str(HERE / "memory.py"), "--child", str(corpus_dir), url],
            check=True,
            capture_output=True,
            text=True,
        )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["peak_rss_mb"], report["articles"], report["seconds"]


def _peak_kb() -> int:
    """This process's own peak resident set, in KiB.  getrusage's ru_maxrss survives exec, so
    a child started by fork+exec would report its (much larger) parent's peak; the kernel's
    VmHWM belongs to the new address space only.  Falls back to ru_maxrss off Linux."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(corpus_dir: Path, url: str) -> None:
    from ingest import ingest

    outcome, seconds = ingest(sorted(corpus_dir.glob("*.jsonl")), url)
    peak_kb = _peak_kb()
    print(
        json.dumps(
            {"peak_rss_mb": peak_kb / 1024, "articles": outcome.articles, "seconds": seconds}
        )
    )


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(Path(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(__doc__)
