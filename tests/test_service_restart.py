"""Nothing accepted is lost: a service killed mid-job (kill -9) finishes that job after a restart."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import httpx

from extractor.service import ServiceSettings, create_app
from extractor.service.store import SqliteStore
from tests.conftest import EXAMPLES, REPO

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SAMPLE = (EXAMPLES / "sample_report.txt").read_text(encoding="utf-8")
BIG_COPIES = 150  # ~1.5 s of extraction (unloaded): long enough to be killed in the middle of it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def service(data_dir: Path, log: IO[bytes]) -> Iterator[tuple[subprocess.Popen[bytes], httpx.Client]]:
    """``python -m extractor.service`` on a free loopback port, one worker; killed if still running."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "extractor.service",
            "--port",
            str(port),
            "--data-dir",
            str(data_dir),
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, "the service exited at start-up"
            try:
                if client.get("/api/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the service did not come up in 60 s"
            time.sleep(0.1)
        yield proc, client
    finally:
        client.close()
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def status_of(client: httpx.Client) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in client.get("/api/reports", params={"limit": 200}).json()["items"]}


def wait_until(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_job_killed_mid_run_completes_after_restart(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    big = "\n\n".join([SAMPLE] * BIG_COPIES)
    smalls = [SAMPLE.replace("示例县农村饮水安全巡检项目", f"示例县农村饮水安全巡检项目{i}") for i in range(3)]
    with open(tmp_path / "service.log", "wb") as log:
        with service(data_dir, log) as (proc, client):
            ids = [client.post("/api/reports", json={"text": text}).json()["id"] for text in [big, *smalls]]
            big_id = ids[0]
            wait_until(lambda: status_of(client)[big_id]["status"] == "processing", 30, "the big job to start")
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

        # what the dead process left: every accepted document, the big one mid-job
        con = sqlite3.connect(data_dir / "jixiao.sqlite3")
        rows = {r[0]: r[1:] for r in con.execute("SELECT id, status, attempts, sha256 FROM reports")}
        con.close()
        assert set(rows) == set(ids)
        assert rows[big_id][:2] == ("processing", 1)
        assert all(rows[i][:2] == ("queued", 0) for i in ids[1:])
        for text, report_id in zip([big, *smalls], ids, strict=True):
            sha = rows[report_id][2]
            blob = data_dir / "blobs" / sha[:2] / sha
            assert hashlib.sha256(blob.read_bytes()).hexdigest() == sha == hashlib.sha256(text.encode()).hexdigest()

        with service(data_dir, log) as (proc, client):
            wait_until(
                lambda: all(r["status"] == "done" for r in status_of(client).values()), 90, "every job to finish"
            )
            reports = status_of(client)
            assert set(reports) == set(ids)
            assert reports[big_id]["attempts"] == 2
            assert all(reports[i]["attempts"] == 1 for i in ids[1:])
            big_report = client.get(f"/api/reports/{big_id}").json()
            assert len(big_report["forms"]) == 2 * BIG_COPIES
            missed = [f for f in big_report["findings"] if f["code"] == "INDICATOR_FULL_SCORE_MISSED_TARGET"]
            assert len(missed) == BIG_COPIES
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=30) in (0, -signal.SIGTERM)  # uvicorn re-raises the signal it handled


def test_repeatedly_interrupted_job_is_failed_not_retried_forever(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path)
    store.open()
    try:
        report, _ = store.submit(b"crashes the parser", input_kind="text", filename="t", media_type="text/plain")
        for attempt in (1, 2):
            assert store.claim("dead-process").attempts == attempt
            assert store.recover(max_attempts=3) == ([report.id], [])
        assert store.claim("dead-process").attempts == 3
        assert store.recover(max_attempts=3) == ([], [report.id])
        failed = store.get(report.id)
        assert failed.status == "failed" and failed.error_code == "interrupted"
        assert "interrupted 3 times" in failed.reason
        assert store.retry(report.id).status == "queued"
    finally:
        store.close()


def test_queued_documents_survive_a_clean_restart(tmp_path: Path) -> None:
    settings = ServiceSettings(data_dir=tmp_path, workers=0, poll_interval_s=0.05)
    with TestClient(create_app(settings), base_url="http://127.0.0.1") as c:
        report_id = c.post("/api/reports", json={"text": SAMPLE}).json()["id"]
    with TestClient(create_app(settings.with_overrides(workers=1)), base_url="http://127.0.0.1") as c:
        wait_until(lambda: c.get(f"/api/reports/{report_id}").json()["status"] == "done", 30, "the job")
        assert len(c.get(f"/api/reports/{report_id}").json()["forms"]) == 2
