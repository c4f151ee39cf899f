"""The `flashpoint` command as a user runs it: a real subprocess, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPORT = """Title: Turkish soldiers killed in Idlib
Published: 2020-02-28
Source: Example Wire

IDLIB, Syria (AP) — Syrian government shelling killed two Turkish soldiers in Idlib province
on Thursday, the Turkish defence ministry said.

Turkey retaliated by striking Syrian army positions, the ministry added.

(AP Photo/Ghaith Alsayed)
"""


def _run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "flashpoint", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_extract_jsonl_stdout_holds_only_json_lines(report: Path) -> None:
    done = _run("extract", str(report), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    lines = [ln for ln in done.stdout.splitlines() if ln.strip()]
    assert lines
    records = [json.loads(ln) for ln in lines]
    assault = [r for r in records if r["event_type"] == "ASSAULT"]
    assert assault and assault[0]["fatalities"] == 2
    assert assault[0]["date"] == "2020-02-27"
    for rec in records:
        for key in ("actor1", "actor2"):
            if rec[key]:
                assert rec[key]["text"] not in {"AP", "Ghaith Alsayed"}


def test_bad_inputs_are_reported_and_the_rest_still_runs(report: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("", encoding="utf-8")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (bad / "invalid.txt").write_bytes(
        b"Turkish troops \xff\xfe\xfa shelled \x81\x8d positions" * 3 + b"\x00"
    )
    (bad / "broken.html").write_text("<html><body><p>Unclosed <div><<<>>", encoding="utf-8")
    (bad / "lines.jsonl").write_text(
        '{"text": "Turkish troops shelled Syrian positions near Saraqeb on Friday.", '
        '"published": "2020-02-29"}\n{not json}\n',
        encoding="utf-8",
    )
    big = bad / "huge.txt"
    with big.open("wb") as fh:
        fh.write(b"Turkish troops shelled positions. " * (20 * 1024 * 1024 // 34 + 1))
    done = _run("extract", str(report), str(bad), "--format", "jsonl")
    assert done.returncode == 1
    codes = {"FP-INGEST-EMPTY", "FP-INGEST-BINARY", "FP-INGEST-MALFORMED", "FP-INGEST-TOO-LARGE"}
    for code in codes:
        assert code in done.stderr, f"{code} missing from stderr:\n{done.stderr}"
    assert "empty.txt" in done.stderr and "lines.jsonl:2" in done.stderr
    records = [json.loads(ln) for ln in done.stdout.splitlines() if ln.strip()]
    texts = {r["sentence"] for r in records}
    assert any("two Turkish soldiers" in t for t in texts)
    assert any("Saraqeb" in t for t in texts)  # the good JSONL line still came out


def test_usage_error_exits_2(report: Path) -> None:
    done = _run("extract", str(report), "--date", "yesterday")
    assert done.returncode == 2


def test_table_format_is_for_humans(report: Path) -> None:
    done = _run("extract", str(report), "--format", "table")
    assert done.returncode == 0, done.stderr
    assert "ASSAULT" in done.stdout
