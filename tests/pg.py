"""A throwaway PostgreSQL server for the store tests (Debian's ``postgresql`` package).

The session fixture runs ``initdb`` in a temp dir (through ``runuser -u postgres`` when running
as root, since initdb refuses root), starts the server on a free port with fsync off, and stops
and deletes it at the end.  Each test gets a fresh database.  When the package is missing it is
installed with apt-get only as root and with ``CI=true`` or ``FLASHPOINT_PG_INSTALL=1``;
otherwise the PostgreSQL variants are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class PgServer:
    port: int
    admin_url: str

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


def _bin_dir() -> Path | None:
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return candidates[-1].parent if candidates else None


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _may_install() -> bool:
    wanted = (
        os.environ.get("CI", "").lower() == "true" or os.environ.get("FLASHPOINT_PG_INSTALL") == "1"
    )
    return wanted and _is_root() and shutil.which("apt-get") is not None


def _install() -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "postgresql"], check=True, env=env, capture_output=True
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if _is_root() else cmd


def _find_or_install() -> Path:
    bin_dir = _bin_dir()
    if bin_dir is None and _may_install():
        _install()
        bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL is not installed (apt-get install -y postgresql, or run as root with "
            "FLASHPOINT_PG_INSTALL=1 to let the tests install it)"
        )
    return bin_dir


def _run(cmd: list[str]) -> None:
    done = subprocess.run(_as_postgres(cmd), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {done.stderr.strip() or done.stdout.strip()}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PgServer]:
    pytest.importorskip("psycopg", reason="psycopg[binary] is needed for the PostgreSQL tests")
    bin_dir = _find_or_install()
    workdir = Path(tempfile.mkdtemp(prefix="flashpoint-pg-"))
    data_dir = workdir / "data"
    if _is_root():
        shutil.chown(workdir, user="postgres", group="postgres")
    port = _free_port()
    _run(
        [
            str(bin_dir / "initdb"),
            "-D",
            str(data_dir),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
        ]
    )
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = str(bin_dir / "pg_ctl")
    _run([pg_ctl, "-D", str(data_dir), "-w", "-l", str(workdir / "log"), "-o", options, "start"])
    try:
        yield PgServer(port, f"postgresql://postgres@127.0.0.1:{port}/postgres")
    finally:
        subprocess.run(
            _as_postgres([pg_ctl, "-D", str(data_dir), "-m", "immediate", "-w", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(workdir, ignore_errors=True)


def _admin(server: PgServer, sql: str) -> None:
    import psycopg

    with psycopg.connect(server.admin_url, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture
def postgres_url(postgres_server: PgServer) -> Iterator[str]:
    """A fresh, empty database on the session's server."""
    name = f"fp_{uuid.uuid4().hex[:12]}"
    _admin(postgres_server, f'CREATE DATABASE "{name}"')
    try:
        yield postgres_server.url(name)
    finally:
        _admin(postgres_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test against an SQLite file and a real PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return str(request.getfixturevalue("postgres_url"))
