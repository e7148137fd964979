"""A bounded pool of workers draining the store's queue, each running its jobs in a child process.

Each worker claims one job at a time for a lease (an atomic status flip in the store), runs the
same pipeline the CLI runs, and writes the result or the failure reason in one commit that only
lands while it still holds the claim.  A heartbeat thread renews the leases of running jobs
every third of ``lease_s``, so a job runs as long as it needs while its process lives, and is
taken by another worker soon after the process dies.  Idle workers sleep until a submission
wakes them, or for ``poll_interval_s`` at most, so a job queued by another route (a retry, a
restart, another server on the same PostgreSQL) is never left waiting for long.

The pool runs inside ``jixiao serve`` and, without the HTTP server, as ``jixiao worker``
(``extractor/service/cli.py``), any number of which may share one PostgreSQL database.

Threads, not processes: the rules backend takes tens of milliseconds per form, and a thread
dies with the service, so a killed service cannot leave an orphan still writing its result.

Threads for the claim loop, because they are cheap and share the store; child processes for
the extraction, because a hostile document can need gigabytes or minutes, and only a process
can be killed alone — the service, its API and the job running beside it carry on.  Only the
service writes to the store: a child answers over a pipe and dies with the service.

A job that hits a limit or crashes its child is failed at once, with a reason naming the limit
and its setting: running it again would cost the same again (the operator can retry it).  A job
stopped because the service shuts down is released back to the queue with no attempt charged.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from extractor.grid import IngestedDocument
from extractor.ingest import ingest_bytes, ingest_text
from extractor.pipeline import extract_document
from extractor.service.blobs import BlobCorrupt
from extractor.service.layout import document_layout
from extractor.service.sandbox import Cancelled, Finished, JobLimits, Sandbox
from extractor.service.settings import ServiceSettings
from extractor.service.store import Report, Store
from extractor.service.store.search import ReportSummary, summarize

log = logging.getLogger("jixiao.service")
# A worker that cannot start a job process (fork refused, fork server gone) puts the job back
# uncharged and waits this long before claiming again, instead of failing the whole queue.
START_FAILURE_BACKOFF_S = 5.0


def process(report: Report, data: bytes, settings: ServiceSettings) -> tuple[dict[str, Any], dict[str, Any]]:
    """The extraction (documented JSON shape) and page layout of one stored upload."""
    doc: IngestedDocument
    if report.input_kind == "text":
        doc = ingest_text(data.decode("utf-8"), report.filename, limits=settings.limits)
    else:
        doc = ingest_bytes(data, report.filename, filename=report.filename, max_bytes=settings.max_bytes,
                           limits=settings.limits)
    result = extract_document(doc, backend=settings.backend)
    return result.to_output(), document_layout(doc)


# ``process``'s signature; tests pass a misbehaving one to the pool (it runs in the child, so it
# must be a module-level function).
JobFunction = Callable[[Report, bytes, ServiceSettings], tuple[dict[str, Any], dict[str, Any]]]


def as_json(
    job: JobFunction, report: Report, data: bytes, settings: ServiceSettings
) -> tuple[str, str, ReportSummary]:
    """Runs ``job`` and serialises its result, in the child, with the summary the list shows.

    A large document's result is megabytes of JSON; unpickling it and ``json.dumps`` in the
    service took 1.8 s of its GIL for 400 forms (the API stalled meanwhile), a string costs a copy.
    The summary is read here too, so the service never parses the result back.
    """
    extraction, layout = job(report, data, settings)
    return json.dumps(extraction, ensure_ascii=False), json.dumps(layout, ensure_ascii=False), summarize(extraction)


class WorkerPool:
    """``settings.workers`` workers, each a claim-loop thread with its job child; ``notify()``
    after queueing wakes one up at once.  ``job`` is what the children run (``process``)."""

    def __init__(self, store: Store, settings: ServiceSettings, *, job: JobFunction = process) -> None:
        self.store = store
        self.settings = settings
        self.job = job
        self.limits = JobLimits(timeout_s=settings.job_timeout_s, memory_mb=settings.job_memory_mb)
        self._stop = threading.Event()
        self._wake = threading.Condition()
        self._generation = 0
        self._threads: list[threading.Thread] = []
        self._sandboxes: list[Sandbox] = []
        self._boot = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._running: dict[str, str] = {}  # worker id → the report it holds
        self._running_lock = threading.Lock()
        self._heartbeat: threading.Thread | None = None

    def start(self) -> None:
        requeued, failed = self.store.recover(self.settings.max_attempts)
        if requeued or failed:
            log.warning("recovered interrupted jobs: %d re-queued, %d failed", len(requeued), len(failed))
        for i in range(self.settings.workers):
            sandbox = Sandbox(self.limits, as_json, name=f"jixiao-job-{i}")
            thread = threading.Thread(
                target=self._loop, args=(f"{self._boot}:w{i}", sandbox), name=f"jixiao-worker-{i}", daemon=True
            )
            self._sandboxes.append(sandbox)
            thread.start()
            self._threads.append(thread)
        if self.settings.workers:
            self.store.on_new_jobs(self.notify)
            self._heartbeat = threading.Thread(target=self._renew_loop, name="jixiao-leases", daemon=True)
            self._heartbeat.start()

    def notify(self) -> None:
        with self._wake:
            self._generation += 1
            self._wake.notify_all()

    def stop(self, timeout: float = 10.0) -> None:
        """Stops the workers: running jobs are killed and put back in the queue uncharged.

        A job still being written after ``timeout`` stays ``processing`` and is re-queued
        (charged) at the next start, as after a crash.
        """
        self._stop.set()
        self.notify()
        for sandbox in self._sandboxes:
            sandbox.cancel()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._threads = [t for t in self._threads if t.is_alive()]
        self._sandboxes = []
        if self._heartbeat is not None and not self._threads:
            self._heartbeat.join(max(0.0, deadline - time.monotonic()))
            self._heartbeat = None

    @property
    def size(self) -> int:
        return len(self._threads)

    def _loop(self, worker_id: str, sandbox: Sandbox) -> None:
        try:
            sandbox.start()  # pre-fork, so the first job does not wait for the child
        except Exception:  # noqa: BLE001 - run() forks again and reports what fails
            log.exception("starting the job process of %s failed", worker_id)
        while not self._stop.is_set():
            with self._wake:
                seen = self._generation
            try:
                report = self.store.claim(worker_id)
            except Exception:  # noqa: BLE001 - a locked or busy database must not kill the worker
                log.exception("claiming a job failed; retrying")
                self._stop.wait(self.settings.poll_interval_s)
                continue
            if report is None:
                with self._wake:
                    if seen == self._generation and not self._stop.is_set():
                        self._wake.wait(self.settings.poll_interval_s)
                continue
            with self._running_lock:
                self._running[worker_id] = report.id
            try:
                self._run(report, worker_id, sandbox)
            finally:
                with self._running_lock:
                    self._running.pop(worker_id, None)
        sandbox.close()

    def _renew_loop(self) -> None:
        """Renews the leases of running jobs until the pool stops and its workers are done."""
        interval = self.settings.lease_s / 3
        while True:
            due = time.monotonic() + interval
            while time.monotonic() < due:
                if self._stop.is_set() and not any(t.is_alive() for t in self._threads):
                    return
                time.sleep(min(0.2, interval))
            with self._running_lock:
                running = dict(self._running)
            for worker_id, report_id in running.items():
                try:
                    if self.store.renew(worker_id, [report_id]):
                        continue
                    with self._running_lock:  # unless it simply finished meanwhile: said once
                        lost = self._running.get(worker_id) == report_id
                        if lost:
                            del self._running[worker_id]
                    if lost:
                        log.warning("%s lost its lease on report %s; its result will be dropped", worker_id, report_id)
                except Exception:  # noqa: BLE001 - a busy database must not stop the heartbeat
                    log.exception("renewing the lease on report %s failed; retrying", report_id)

    def _run(self, report: Report, worker_id: str, sandbox: Sandbox) -> None:
        started = time.monotonic()
        try:
            data = self.store.read_blob(report)
        except BlobCorrupt as exc:
            self._fail(report, worker_id, f"{exc}; submit the file again", "blob-missing", started)
            return
        try:
            outcome = sandbox.run(self.job, report, data, self.settings)
        except Exception:  # noqa: BLE001 - no child could be started: not this job's fault
            log.exception("no job process could be started for report %s; it goes back to the queue", report.id)
            self.store.release(report.id, worker_id)
            self._stop.wait(START_FAILURE_BACKOFF_S)
            return
        if isinstance(outcome, Finished):
            extraction, layout, summary = outcome.value
            elapsed = _ms(started)
            if self.store.complete(report.id, worker_id, extraction, layout, elapsed, summary):
                log.info("report %s done by %s in %d ms", report.id, worker_id, elapsed)
            else:
                log.warning("report %s was re-claimed while %s worked on it; result dropped", report.id, worker_id)
        elif isinstance(outcome, Cancelled):
            if self.store.release(report.id, worker_id):
                log.info("report %s was stopped by the shutdown and re-queued uncharged", report.id)
        else:
            if outcome.kind != "error":
                log.warning("report %s failed: %s", report.id, outcome.reason)
            self._fail(report, worker_id, outcome.reason, outcome.code, started)

    def _fail(self, report: Report, worker_id: str, reason: str, code: str, started: float) -> None:
        if self.store.fail(report.id, worker_id, reason, code, _ms(started)):
            log.info("report %s failed by %s (%s)", report.id, worker_id, code)
        else:
            log.warning("report %s was re-claimed while %s worked on it; failure dropped", report.id, worker_id)


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
