"""Many processes on one PostgreSQL: workers that die mid-job lose nothing, servers agree on uploads.

Three ``jixiao worker`` processes drain 200 submissions made through an API server that runs no
workers of its own; one worker is killed with SIGKILL while it holds a job.  Its lease runs out
(2 s here) and another worker finishes the job: every accepted report ends done exactly once
(one "done" line across the workers' logs), and none is lost.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from extractor.service.local import serve_in_thread
from extractor.service.settings import ServiceSettings
from extractor.service.store import make_store
from tests.conftest import EXAMPLES
from tests.pg import start_worker

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SAMPLE = (EXAMPLES / "sample_report.txt").read_text(encoding="utf-8")
PROJECT = "示例县农村饮水安全巡检项目"
N = 200
BIG = 8  # documents of 40 copies (~0.5 s each): long enough to be killed in the middle of one
DEADLINE_S = 240.0
DONE = re.compile(r"report ([0-9a-f]+) done by (\S+) in")


def documents() -> tuple[list[str], list[str]]:
    assert PROJECT in SAMPLE
    small = [SAMPLE.replace(PROJECT, f"{PROJECT}{i:03d}") for i in range(N - BIG)]
    big = [SAMPLE.replace(PROJECT, f"{PROJECT}大{i:03d}") * 40 for i in range(BIG)]
    return big + small, big


def submit_all(base: str, texts: list[str]) -> dict[str, str]:
    """text → report id, sent from four client threads."""
    ids: dict[str, str] = {}
    lock = threading.Lock()

    def send(chunk: list[str]) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            for text in chunk:
                response = client.post("/api/reports", json={"text": text})
                assert response.status_code == 202, response.text
                with lock:
                    ids[text] = response.json()["id"]

    threads = [threading.Thread(target=send, args=(texts[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ids


def test_three_workers_one_killed_mid_job_every_report_finishes_once(pg_url: str, tmp_path: Path) -> None:
    texts, big = documents()
    settings = ServiceSettings(data_dir=tmp_path / "api", database_url=pg_url, workers=0)
    logs = [tmp_path / f"worker{i}.log" for i in range(3)]
    store = make_store(settings)
    store.open()
    workers: list[subprocess.Popen[bytes]] = []
    try:
        with serve_in_thread(settings) as base:
            ids = submit_all(base, texts)
            assert len(set(ids.values())) == N
            workers = [start_worker(pg_url, log, lease_s=2.0) for log in logs]
            big_ids = {ids[t] for t in big}
            deadline = time.monotonic() + DEADLINE_S
            victim = killed_job = None
            while victim is None:  # kill the worker that holds a big job, while it holds it
                assert time.monotonic() < deadline, "no worker ever held a big job"
                for report_id in big_ids:
                    report = store.get(report_id)
                    if report is not None and report.status == "processing" and report.claimed_by:
                        pid = int(report.claimed_by.split(":")[1])
                        os.kill(pid, signal.SIGKILL)
                        after = store.get(report_id)
                        if after is not None and after.status == "processing" and after.claimed_by == report.claimed_by:
                            victim, killed_job = pid, report_id
                        break
                time.sleep(0.02)
            while store.counts()["done"] + store.counts()["failed"] < N:
                assert time.monotonic() < deadline, f"unfinished after {DEADLINE_S} s: {store.counts()}"
                time.sleep(0.2)
        counts = store.counts()
        assert counts == {"queued": 0, "processing": 0, "done": N, "failed": 0}, counts
        reports = [store.get(i) for i in ids.values()]
        assert all(r is not None and r.status == "done" for r in reports)
        rerun = store.get(killed_job)
        assert rerun is not None and rerun.attempts == 2 and str(victim) not in (rerun.claimed_by or "")
        assert sum(r.attempts for r in reports if r is not None) == N + 1  # only the killed job ran twice
    finally:
        for proc in workers:
            proc.send_signal(signal.SIGTERM)
        for proc in workers:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        store.close()
    finished = Counter(m.group(1) for log in logs for m in DONE.finditer(log.read_text(errors="replace")))
    assert set(finished) == set(ids.values()) and set(finished.values()) == {1}  # each exactly once
    survivors = [p for p in workers if p.pid != victim]
    assert all(p.returncode == 0 for p in survivors)  # SIGTERM: a clean stop


def test_two_api_servers_on_one_database_accept_the_same_upload_once(pg_url: str, tmp_path: Path) -> None:
    data = SAMPLE.encode()
    answers: list[dict] = []
    lock = threading.Lock()
    first = ServiceSettings(data_dir=tmp_path / "a", database_url=pg_url, workers=0)
    second = first.with_overrides(data_dir=tmp_path / "b")
    with serve_in_thread(first) as url_a, serve_in_thread(second) as url_b:
        barrier = threading.Barrier(8)

        def send(base: str) -> None:
            with httpx.Client(base_url=base, timeout=60) as client:
                barrier.wait()
                response = client.post("/api/reports", files={"file": ("自评表.txt", data, "text/plain")})
                assert response.status_code == 202, response.text
                with lock:
                    answers.append(response.json())

        threads = [threading.Thread(target=send, args=(url,)) for url in (url_a, url_b) * 4]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        listed = httpx.get(f"{url_b}/api/reports").json()
    assert len(answers) == 8 and len({a["id"] for a in answers}) == 1
    assert sum(a["created"] for a in answers) == 1
    assert listed["total"] == 1
