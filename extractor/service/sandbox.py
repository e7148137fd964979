"""Runs one job at a time in a child process, under a wall-clock timeout and a memory limit.

Why a child process: an extraction runs parsers over untrusted bytes, and some inputs cost
gigabytes or minutes.  In a thread of the service such a job could take the whole service down
(memory), hold its GIL (the API stops answering) or be charged to every job running beside it
when the process died.  In a child of its own, a job that goes wrong is killed alone: the
service, its API and the other workers' children carry on, and the failure is reported as what
it was — the timeout, the memory limit, a crash by a signal, or the job's own ``JixiaoError``.

How it stays cheap: each :class:`Sandbox` keeps one child alive between jobs (pre-forked, so a
small job pays a pipe round trip, not a process start), and children are forked by
``multiprocessing``'s fork server, which has imported the pipeline and its parsers once
(:mod:`extractor.service.preload`); replacing a killed child costs a ``fork()``, not the
seconds of imports a fresh interpreter would need.

How the limits are enforced, unprivileged and without cgroups:

- memory: the parent samples the child's resident memory every ``POLL_S`` and kills it past
  ``memory_mb``; the child also caps its own address space (``RLIMIT_AS``) at what it maps at
  start plus ``memory_mb``, which stops an allocation burst between two samples;
- time: the parent kills the child once the job has run ``timeout_s``;
- a child that exits by itself mid-job (a signal, the kernel's OOM killer, a native crash) is
  a crash of that job only, and the next job gets a fresh child.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any, Literal

from extractor.service.jobchild import TAKEN, came_near_cap, child_main

if TYPE_CHECKING:  # ForkServerContext does not exist on Windows
    from multiprocessing.context import ForkServerContext, SpawnContext

log = logging.getLogger("jixiao.service")

POLL_S = 0.05  # how often the parent samples a running child (memory, time, cancellation)
# A child still holding more than this share of the limit after a job is replaced, so that one
# large document's memory goes back to the system instead of staying with an idle worker.
RECYCLE_FRACTION = 0.5
# The fork server imports these once; "extractor.cli" too, because each child re-imports the
# parent's main module (multiprocessing does), which under `jixiao serve` is the CLI script.
PRELOAD = ["extractor.service.preload", "extractor.cli"]

FailureKind = Literal["timeout", "memory", "crash", "error", "internal"]


@dataclass(frozen=True, slots=True)
class JobLimits:
    """What one job may use; the setting names go into the failure messages."""

    timeout_s: float
    memory_mb: int
    timeout_setting: str = "JIXIAO_JOB_TIMEOUT_S"
    memory_setting: str = "JIXIAO_JOB_MEMORY_MB"


@dataclass(frozen=True, slots=True)
class Finished:
    value: Any


@dataclass(frozen=True, slots=True)
class Failed:
    """The job failed; ``code`` is what the store records, ``reason`` the operator's one line."""

    kind: FailureKind
    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class Cancelled:
    """The service stopped the job (shutdown); the job itself did nothing wrong."""


Outcome = Finished | Failed | Cancelled


@lru_cache(maxsize=1)
def job_context() -> ForkServerContext | SpawnContext:
    """The fork server where the platform has one (Linux, macOS), else spawn.

    Not plain ``fork``: the service has threads (uvicorn, workers, SQLite), and forking a
    threaded process can copy a lock some other thread held.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


class Sandbox:
    """One child process that runs ``job(*args)`` for :meth:`run`, one call at a time.

    ``job`` must be a module-level function (it is pickled by name).  :meth:`run` is called by
    one thread; :meth:`cancel` may come from any other.
    """

    def __init__(self, limits: JobLimits, job: Callable[..., Any], *, name: str = "jixiao-job") -> None:
        self.limits = limits
        self.job = job
        self.name = name
        self._proc: BaseProcess | None = None
        self._conn: Connection | None = None
        self._cancelled = threading.Event()
        self._lock = threading.Lock()  # guards _proc/_conn between run() and cancel()/close()

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.is_alive() else None

    def start(self) -> None:
        """Forks the child now, so that the first job does not wait for it."""
        with self._lock:
            self._ensure_child()

    def cancel(self) -> None:
        """Stops the running job (if any) and every later one: :meth:`run` returns ``Cancelled``."""
        self._cancelled.set()
        with self._lock:
            self._discard()

    def close(self) -> None:
        self.cancel()

    def run(self, *args: Any) -> Outcome:
        """Runs one job in the child and says how it ended; never raises for the job's faults."""
        started = time.monotonic()
        with self._lock:
            if self._cancelled.is_set():
                return Cancelled()
            conn, proc = self._send(args)
        pid, peak, taken = proc.pid, 0, False
        while True:
            if self._cancelled.is_set():
                return Cancelled()
            try:
                message = conn.recv() if conn.poll(POLL_S) else None
            except (EOFError, OSError):  # the child died, or cancel() closed the pipe
                if self._cancelled.is_set():
                    return Cancelled()
                if not taken:  # dead before the job reached it: not the job's fault
                    with self._lock:
                        conn, proc = self._replace(proc, args)
                    pid = proc.pid
                    taken = True  # one replacement only; a second death is the job's
                    continue
                return self._crashed(proc, peak)
            if message == TAKEN:
                taken = True
                continue
            if message is not None:
                return self._finish(message, pid)
            resident = resident_bytes(pid)
            peak = max(peak, resident or 0)
            if resident is not None and resident > self.limits.memory_mb * 2**20:
                self._kill()
                return memory_failure(self.limits, f"{resident / 2**20:.0f} MB resident")
            if time.monotonic() - started > self.limits.timeout_s:
                self._kill()
                return timeout_failure(self.limits)

    # -- the child -----------------------------------------------------------------------------

    def _ensure_child(self) -> tuple[Connection, BaseProcess]:
        if self._proc is None or self._conn is None or not self._proc.is_alive():
            self._discard()
            ctx = job_context()
            parent_conn, child_conn = ctx.Pipe(duplex=True)
            proc = ctx.Process(
                target=child_main,
                args=(child_conn, self.limits.memory_mb, self.job, os.getpid()),
                name=self.name,
                daemon=True,
            )
            proc.start()
            child_conn.close()  # the child's end lives in the child only, so its death reads as EOF
            self._proc, self._conn = proc, parent_conn
        return self._conn, self._proc

    def _send(self, args: tuple[Any, ...]) -> tuple[Connection, BaseProcess]:
        """Hands the job to the child; a child found dead while idle is replaced, not blamed."""
        conn, proc = self._ensure_child()
        try:
            conn.send(args)
        except (BrokenPipeError, ConnectionResetError, EOFError):
            return self._replace(proc, args)
        return conn, proc

    def _replace(self, dead: BaseProcess, args: tuple[Any, ...]) -> tuple[Connection, BaseProcess]:
        log.warning("job child %s died while idle; starting a new one", dead.pid)
        self._discard()
        conn, proc = self._ensure_child()
        conn.send(args)
        return conn, proc

    def _finish(self, message: tuple[Any, ...], pid: int | None) -> Outcome:
        outcome = outcome_of(message, self.limits)
        resident = resident_bytes(pid) or 0
        if (
            (isinstance(outcome, Failed) and outcome.kind == "memory")  # the child exits: reap it now
            or resident > RECYCLE_FRACTION * self.limits.memory_mb * 2**20
            or came_near_cap(pid)
        ):
            with self._lock:
                self._discard()
        return outcome

    def _crashed(self, proc: BaseProcess, peak: int) -> Outcome:
        proc.join(5)
        code = proc.exitcode
        with self._lock:
            self._discard()
        return crash_failure(code, peak, self.limits)

    def _kill(self) -> None:
        with self._lock:
            self._discard()

    def _discard(self) -> None:
        """Kills and reaps the child (if any); the next job forks a new one."""
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if proc is not None:
            if proc.is_alive():
                proc.kill()
            proc.join(5)
        if conn is not None:
            conn.close()


# -- outcomes ------------------------------------------------------------------------------------


def outcome_of(message: tuple[Any, ...], limits: JobLimits) -> Outcome:
    """Reads the child's answer (see :mod:`extractor.service.jobchild`)."""
    kind = message[0]
    if kind == "ok":
        return Finished(message[1])
    if kind == "error":
        return Failed("error", message[1], message[2])
    if kind == "memory":
        return memory_failure(limits, message[1])
    name, text, trace = message[1], message[2], message[3]
    log.error("a job failed with %s: %s\n%s", name, text, trace)
    return Failed(
        "internal",
        "internal",
        f"internal error while processing ({name}: {text}); it was logged — retry it, "
        "and report it if it fails again",
    )


def timeout_failure(limits: JobLimits) -> Failed:
    return Failed(
        "timeout",
        "timeout",
        f"processing took longer than the {limits.timeout_s:g} s limit per document and was stopped"
        f" — split the document, or raise the limit ({limits.timeout_setting}) if such files are expected",
    )


def memory_failure(limits: JobLimits, detail: str) -> Failed:
    return Failed(
        "memory",
        "memory-limit",
        f"processing needed more than the {limits.memory_mb} MB of memory allowed per document and was"
        f" stopped ({detail}) — split the document, or raise the limit ({limits.memory_setting})"
        " if such files are expected",
    )


def crash_failure(exitcode: int | None, peak: int, limits: JobLimits) -> Failed:
    """A child that ended mid-job without answering: killed by a signal or exited on its own."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = f"was killed by {name}"
        if -exitcode == signal.SIGKILL:
            how += f" (from outside: an operator, or the system out of memory; it last held {peak / 2**20:.0f} MB)"
    else:
        how = f"exited with status {exitcode}"
    return Failed(
        "crash",
        "crashed",
        f"the process extracting this document {how}; no other document was affected"
        " — retry it once, and report it if it fails again",
    )


def resident_bytes(pid: int | None) -> int | None:
    """Resident memory of ``pid`` from ``/proc/<pid>/statm``; ``None`` off Linux or once it is gone."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
