"""Workers renew their leases: a job longer than the lease stays with its worker and runs once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app as cli_app
from extractor.service.settings import ServiceSettings
from extractor.service.store import make_store
from extractor.service.worker import WorkerPool

from tests.sandbox_jobs import misbehave


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_job_longer_than_its_lease_is_renewed_not_taken(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = request.getfixturevalue("pg_url") if backend == "postgres" else None
    settings = ServiceSettings(data_dir=tmp_path, database_url=url, workers=1, lease_s=0.3, poll_interval_s=0.02)
    store = make_store(settings)
    store.open()
    # the job runs in each worker's child: ``sleep 1.2`` is four leases long
    first, second = WorkerPool(store, settings, job=misbehave), WorkerPool(store, settings, job=misbehave)
    try:
        first.start()
        second.start()  # both poll every 20 ms: the idle one would take the job if its lease ran out
        report, _ = store.submit(b"sleep 1.2", input_kind="text", filename="s", media_type="text/plain")
        deadline = time.monotonic() + 10
        while store.get(report.id).status != "done":  # type: ignore[union-attr]
            assert time.monotonic() < deadline, store.get(report.id)
            time.sleep(0.05)
        done = store.get(report.id)
        assert done is not None and done.attempts == 1  # taken by the other pool, it would be 2
    finally:
        first.stop()
        second.stop()
        store.close()


def test_worker_command_needs_postgres(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli_app, ["worker", "--data-dir", str(tmp_path)], env={"JIXIAO_DATABASE_URL": ""})
    assert result.exit_code == 2
    assert "jixiao worker needs a PostgreSQL database" in result.output
    bad = runner.invoke(cli_app, ["serve", "--data-dir", str(tmp_path), "--database-url", "mysql://db/j"])
    assert bad.exit_code == 2 and "neither sqlite" in bad.output and "Traceback" not in bad.output


@pytest.mark.postgres
def test_a_submission_on_another_server_wakes_idle_workers(pg_url: str, tmp_path: Path) -> None:
    settings = ServiceSettings(data_dir=tmp_path, database_url=pg_url, workers=1, poll_interval_s=60)
    worker_store, api_store = make_store(settings), make_store(settings)
    worker_store.open()
    api_store.open()
    pool = WorkerPool(worker_store, settings)
    try:
        pool.start()
        time.sleep(0.5)  # the worker has found the queue empty and sleeps for up to a minute
        report, _ = api_store.submit(b"no form here", input_kind="text", filename="t", media_type="text/plain")
        deadline = time.monotonic() + 30  # far below the poll interval: only NOTIFY can wake it
        while api_store.get(report.id).status in ("queued", "processing"):  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the idle worker was not woken"
            time.sleep(0.05)
    finally:
        pool.stop()
        worker_store.close()
        api_store.close()
