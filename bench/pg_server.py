"""A throwaway PostgreSQL server for the benchmark, with the helpers of tests/pg.py."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from common import ROOT

sys.path.insert(0, str(ROOT / "tests"))
from pg import _as_postgres, _bin_dir, _free_port, _is_root, _run


@contextmanager
def postgres_url() -> Iterator[str | None]:
    """A URL to an empty database on a fresh server, or None when PostgreSQL is missing."""
    bin_dir = _bin_dir()
    if bin_dir is None:
        yield None
        return
    workdir = Path(tempfile.mkdtemp(prefix="flashpoint-bench-pg-"))
    data_dir = workdir / "data"
    if _is_root():
        shutil.chown(workdir, user="postgres", group="postgres")
    port = _free_port()
    initdb = [str(bin_dir / "initdb"), "-D", str(data_dir), "-A", "trust", "-U", "postgres"]
    _run([*initdb, "--no-sync", "-E", "UTF8"])
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = str(bin_dir / "pg_ctl")
    _run([pg_ctl, "-D", str(data_dir), "-w", "-l", str(workdir / "log"), "-o", options, "start"])
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        stop = [pg_ctl, "-D", str(data_dir), "-m", "immediate", "-w", "stop"]
        subprocess.run(_as_postgres(stop), check=False, capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)
