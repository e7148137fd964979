"""Jobs run isolated: a job past its memory or time limit, or whose process dies, fails alone.

The misbehaving jobs come from tests/sandbox_jobs.py through ``WorkerPool(job=...)``; the
queue, the store and the child processes are the real ones.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from extractor.errors import ConfigError
from extractor.service.jobchild import JOB_NICENESS
from extractor.service.sandbox import Failed, Finished, JobLimits, Sandbox
from extractor.service.settings import ServiceSettings, settings_from_env
from extractor.service.store import Report, SqliteStore, Store
from extractor.service.worker import WorkerPool
from tests.sandbox_jobs import misbehave
from tests.test_service_restart import SAMPLE, service, wait_until

FINAL = ("done", "failed")
# 8,400 rows (under JIXIAO_MAX_ROWS): seconds of extraction, still running when stopped
BIG = "\n\n".join([SAMPLE] * 300)


@contextmanager
def pool(tmp_path: Path, **overrides: object) -> Iterator[tuple[Store, WorkerPool]]:
    settings = ServiceSettings(data_dir=tmp_path, workers=1, poll_interval_s=0.05).with_overrides(**overrides)
    store = SqliteStore(tmp_path)
    store.open()
    workers = WorkerPool(store, settings, job=misbehave)
    workers.start()
    try:
        yield store, workers
    finally:
        workers.stop()
        store.close()


def submit(store: Store, workers: WorkerPool, command: str) -> str:
    report, created = store.submit(command.encode(), input_kind="file", filename=command, media_type="text/plain")
    assert created
    workers.notify()
    return report.id


def finished(store: Store, *ids: str, timeout: float = 60) -> list[Report]:
    wait_until(lambda: all(store.get(i).status in FINAL for i in ids), timeout, f"jobs {ids}")
    return [store.get(i) for i in ids]


@pytest.mark.parametrize(
    ("how", "caught_by"),
    [
        ("alloc-creep 1200", "MB resident)"),  # the parent's resident-memory watch killed the child
        ("alloc-burst 1200", "(MemoryError)"),  # the child's address-space cap refused the allocation
    ],
)
def test_job_past_the_memory_limit_fails_and_the_next_job_on_that_worker_succeeds(
    tmp_path: Path, how: str, caught_by: str
) -> None:
    with pool(tmp_path, job_memory_mb=500) as (store, workers):
        hog = submit(store, workers, how)
        after = submit(store, workers, "ok after the hog")
        hog_report, after_report = finished(store, hog, after)
    assert (hog_report.status, hog_report.error_code, hog_report.attempts) == ("failed", "memory-limit", 1)
    assert "500 MB" in hog_report.reason and "JIXIAO_JOB_MEMORY_MB" in hog_report.reason
    assert caught_by in hog_report.reason
    assert after_report.status == "done"
    assert store_result(tmp_path, after)["job"] == "ok after the hog"


def test_job_past_the_timeout_is_killed_with_the_timeout_reason(tmp_path: Path) -> None:
    with pool(tmp_path, job_timeout_s=0.5) as (store, workers):
        started = time.monotonic()
        slow = submit(store, workers, "sleep 60")
        (report,) = finished(store, slow)
        elapsed = time.monotonic() - started
        after = submit(store, workers, "ok after the timeout")
        (after_report,) = finished(store, after)
    assert (report.status, report.error_code, report.attempts) == ("failed", "timeout", 1)
    assert "0.5 s" in report.reason and "JIXIAO_JOB_TIMEOUT_S" in report.reason
    assert elapsed < 30  # killed, not waited for
    assert after_report.status == "done"


def test_a_child_killed_by_sigkill_charges_only_its_own_job(tmp_path: Path) -> None:
    with pool(tmp_path, workers=2) as (store, workers):
        neighbour = submit(store, workers, "sleep 2")
        wait_until(lambda: store.get(neighbour).status == "processing", 30, "the neighbour to start")
        killer = submit(store, workers, "kill-after 0.3")
        killer_report, neighbour_report = finished(store, killer, neighbour)
        later = [submit(store, workers, f"ok {i}") for i in range(3)]
        later_reports = finished(store, *later)
    assert (killer_report.status, killer_report.error_code, killer_report.attempts) == ("failed", "crashed", 1)
    assert "SIGKILL" in killer_report.reason
    assert (neighbour_report.status, neighbour_report.attempts, neighbour_report.reason) == ("done", 1, None)
    assert all((r.status, r.attempts) == ("done", 1) for r in later_reports)


def test_an_expected_error_in_the_child_keeps_its_message_and_code(tmp_path: Path) -> None:
    with pool(tmp_path) as (store, workers):
        (report,) = finished(store, submit(store, workers, "fail"))
    assert (report.status, report.error_code) == ("failed", "input")
    assert report.reason == "fail: the test asked for an input error — nothing to fix"


def test_a_sandbox_reuses_its_child_and_replaces_one_that_died_while_idle() -> None:
    sandbox = Sandbox(JobLimits(timeout_s=30, memory_mb=1024), misbehave)
    try:
        first = sandbox.run(_report("a"), b"a", None)
        second = sandbox.run(_report("b"), b"b", None)
        assert isinstance(first, Finished) and isinstance(second, Finished)
        assert first.value[0]["pid"] == second.value[0]["pid"]  # pre-forked: one child serves both
        os.kill(first.value[0]["pid"], signal.SIGKILL)  # no wait: the fork server may not have reaped it
        third = sandbox.run(_report("c"), b"c", None)
        assert isinstance(third, Finished) and third.value[0]["pid"] != first.value[0]["pid"]
    finally:
        sandbox.close()


def test_a_job_that_came_near_the_address_space_cap_retires_its_child() -> None:
    """Else the next job's ordinary error, raised in a process whose peak stays at the cap,
    would be reported as the memory limit."""
    sandbox = Sandbox(JobLimits(timeout_s=30, memory_mb=800), misbehave)
    try:
        near = sandbox.run(_report("near"), b"reserve 760", None)
        assert isinstance(near, Finished)
        failing = sandbox.run(_report("fail"), b"fail", None)
        assert isinstance(failing, Failed) and (failing.kind, failing.code) == ("error", "input")
    finally:
        sandbox.close()


def test_release_requeues_a_job_uncharged_only_for_its_holder(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path)
    store.open()
    try:
        report, _ = store.submit(b"x", input_kind="text", filename="t", media_type="text/plain")
        assert store.claim("w1").attempts == 1
        assert not store.release(report.id, "someone-else")
        assert store.release(report.id, "w1")
        released = store.get(report.id)
        assert (released.status, released.attempts, released.claimed_by) == ("queued", 0, None)
        assert not store.release(report.id, "w1")  # no longer processing
    finally:
        store.close()


def test_limits_come_from_the_environment_and_bad_values_are_refused(tmp_path: Path) -> None:
    env = {"JIXIAO_JOB_TIMEOUT_S": "7.5", "JIXIAO_JOB_MEMORY_MB": "900"}
    settings = settings_from_env(env, data_dir=tmp_path)
    assert (settings.job_timeout_s, settings.job_memory_mb) == (7.5, 900)
    assert settings_from_env({}, data_dir=tmp_path).job_timeout_s == 120
    assert settings_from_env({"JIXIAO_BACKEND": "llm"}, data_dir=tmp_path).job_timeout_s == 3600  # minutes per form
    with pytest.raises(ConfigError, match="JIXIAO_JOB_TIMEOUT_S"):
        settings_from_env({"JIXIAO_JOB_TIMEOUT_S": "soon"}, data_dir=tmp_path)
    with pytest.raises(ConfigError, match="JIXIAO_JOB_MEMORY_MB"):
        settings_from_env({"JIXIAO_JOB_MEMORY_MB": "10"}, data_dir=tmp_path)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL])
def test_stopping_the_service_mid_job_leaves_no_job_process_behind(tmp_path: Path, stop: signal.Signals) -> None:
    """SIGTERM also puts the running job back in the queue uncharged; after SIGKILL it stays
    ``processing`` with its attempt charged, for the next start's ``recover()``."""
    data_dir = tmp_path / "data"
    with open(tmp_path / "service.log", "wb") as log, service(data_dir, log) as (proc, client):
        big_id = client.post("/api/reports", json={"text": BIG}).json()["id"]
        wait_until(lambda: client.get(f"/api/reports/{big_id}").json()["status"] == "processing", 90, "the job")
        # a job child runs JOB_NICENESS below the service (which may itself run niced); "processing"
        # is set when the job is claimed, so on a busy machine its child may still be starting
        job_nice = min(19, (niceness(proc.pid) or 0) + JOB_NICENESS)

        def job_children() -> set[int]:
            return {pid for pid in descendants(proc.pid) if niceness(pid) == job_nice}

        wait_until(lambda: bool(job_children()), 30, "the job child")
        family = descendants(proc.pid)  # the fork server, its resource tracker and the job children
        jobs = job_children()
        assert len(jobs) == 1  # one worker, one child, running the big job
        started = time.monotonic()
        proc.send_signal(stop)
        assert proc.wait(timeout=30) in (0, -signal.SIGTERM, -signal.SIGKILL)
        stopped_in = time.monotonic() - started
        # killed with the service, not left to finish its seconds of work (the helpers exit on their own)
        wait_until(lambda: not any(alive(pid) for pid in jobs), 3, "the job process to exit")
        wait_until(lambda: not any(alive(pid) for pid in family), 15, "every helper process to exit")
    con = sqlite3.connect(data_dir / "jixiao.sqlite3")
    row = con.execute("SELECT status, attempts, claimed_by IS NULL FROM reports WHERE id = ?", (big_id,)).fetchone()
    con.close()
    if stop == signal.SIGTERM:
        assert row == ("queued", 0, 1)
        assert stopped_in < 15  # the job was stopped, not waited for
    else:
        assert row == ("processing", 1, 0)


def store_result(data_dir: Path, report_id: str) -> dict[str, object]:
    store = SqliteStore(data_dir)
    store.open()
    try:
        result = store.result(report_id)
        assert result is not None
        return result.extraction
    finally:
        store.close()


def _report(name: str) -> Report:
    return Report(name, name, "file", name, "text/plain", 1, "processing", None, None, 1, "w", "", "", None, None, None)


def descendants(pid: int) -> set[int]:
    """Every process below ``pid``, from ``/proc/*/stat`` (field 4 is the parent)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def niceness(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])
    except (OSError, IndexError, ValueError):
        return None


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a container's init to reap it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
