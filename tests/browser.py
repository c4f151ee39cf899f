"""Browser-test helpers: a Debian Chromium for Playwright, and the app served on a free port.

``playwright install`` cannot download browsers here, so the system ``chromium`` is used.  When
it is missing, it is installed with apt only as root with CI=true; otherwise the tests skip and
say why.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from fastapi import FastAPI

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_path() -> str:
    """The chromium executable, installing it when allowed; skips the test when impossible."""
    found = shutil.which("chromium")
    if found:
        return found
    if os.geteuid() != 0 or os.environ.get("CI", "").lower() != "true":
        pytest.skip(
            "chromium is not installed (apt-get install -y chromium, or run as root with CI=true)"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    done = subprocess.run(
        ["apt-get", "install", "-y", "chromium"], env=env, capture_output=True, check=False
    )
    found = shutil.which("chromium")
    if done.returncode != 0 or not found:
        pytest.skip(f"could not install chromium with apt: {done.stderr.decode()[-300:]}")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread; yields its base URL."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
