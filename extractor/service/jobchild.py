"""The child side of a sandboxed job: a loop that runs one job at a time under a memory cap.

A job child is forked (by ``multiprocessing``'s fork server, see :mod:`extractor.service.sandbox`)
and then serves jobs from its parent over a pipe until the parent closes it.  Everything that can
go wrong inside a job is turned into one small tuple the parent understands:

- ``("ok", value)``: the job's return value;
- ``("error", code, message)``: an expected failure (a ``JixiaoError``), with the code the store
  records and the error's one-line message;
- ``("memory", detail)``: the job ran into the address-space cap (``MemoryError``, or any error
  raised while the process stood at the cap, since native parsers report a failed allocation in
  their own words);
- ``("internal", type, message, traceback)``: a bug.

Why these guards: the child lowers its CPU priority (``JOB_NICENESS``) so that busy workers
cannot starve the API of CPU, and offers itself first to the kernel's OOM killer; it ignores
SIGINT and SIGTERM so that a Ctrl-C in the terminal or a service manager signalling the whole
process group does not kill running jobs behind the service's back (the service stops them
itself and re-queues them uncharged); and a watchdog thread kills it the moment the service
process is gone, so no orphan keeps a core and gigabytes busy after a ``kill -9`` (the fork
server, its parent, cannot be relied on for that: every child keeps it alive by design).
"""

from __future__ import annotations

import contextlib
import os
import resource
import select
import signal
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from extractor.errors import JixiaoError, NoFormFoundError

Message = tuple[Any, ...]
# Sent as soon as a job's arguments arrive, before the job runs: a pipe that ends before it
# means the child was already dead (killed while idle), so the job can go to a new child
# unblamed — the parent's ``is_alive()`` can lag a kill by the fork server's reaping.
TAKEN: Message = ("taken",)
# Jobs run at a lower CPU priority than the service, so that with every worker busy (and the
# cores saturated) the API still answers at once: it needs milliseconds, a job can wait them.
JOB_NICENESS = 10
# If the machine runs out of memory anyway, the kernel should kill a job, not the service or the
# fork server (raising one's own score needs no privilege).
OOM_SCORE_ADJ = 500
# Errors raised within this distance of the cap are read as the cap being hit.
_CAP_SLACK_BYTES = 64 * 1024 * 1024


def error_code(exc: JixiaoError) -> str:
    """The short code the store keeps next to a failure's message (``no-form-found``, ``input`` …)."""
    if isinstance(exc, NoFormFoundError):
        return "no-form-found"
    return type(exc).__name__.removesuffix("Error").lower() or "error"


def child_main(conn: Connection, memory_mb: int, job: Callable[..., Any], owner_pid: int) -> None:
    """Serves jobs until the parent closes the pipe or sends ``None``.

    ``job`` is called with the arguments the parent sends; ``memory_mb`` is how much address
    space the child may add to what it holds at start (the fork server's preloaded pipeline);
    ``owner_pid`` is the service process, whose end kills this child.
    After a memory failure the child exits: its heap may be left fragmented or half-initialised,
    and the parent forks a fresh one for the next job.
    """
    _ignore_stop_signals()
    _die_with_owner(owner_pid)
    with contextlib.suppress(OSError):
        os.nice(JOB_NICENESS)
    with contextlib.suppress(OSError), open("/proc/self/oom_score_adj", "w", encoding="ascii") as adj:
        adj.write(str(OOM_SCORE_ADJ))
    cap = _cap_address_space(memory_mb)
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        if args is None:
            return
        conn.send(TAKEN)
        message = run_one(job, args, cap)
        try:
            conn.send(message)
        except MemoryError:
            message = ("memory", "the result was too large to hand back")
            conn.send(message)
        except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
            message = ("internal", type(exc).__name__, f"the result could not be handed back: {exc}", "")
            conn.send(message)
        if message[0] == "memory":
            return


def run_one(job: Callable[..., Any], args: tuple[Any, ...], cap: int | None) -> Message:
    """One job's outcome as a message; never raises (except for ``BaseException`` exits)."""
    try:
        return ("ok", job(*args))
    except MemoryError as exc:
        return ("memory", f"MemoryError{': ' + str(exc) if str(exc) else ''}")
    except JixiaoError as exc:
        if _at_cap(cap):
            return ("memory", exc.one_line())
        return ("error", error_code(exc), exc.one_line())
    except Exception as exc:  # noqa: BLE001 - a parser bug fails one document, not the child
        if _at_cap(cap):
            return ("memory", f"{type(exc).__name__}: {exc}")
        return ("internal", type(exc).__name__, str(exc), traceback.format_exc())


def _ignore_stop_signals() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _die_with_owner(owner_pid: int) -> None:
    """Starts a thread that SIGKILLs this process as soon as ``owner_pid`` exits.

    A pidfd becomes readable when its process ends (Linux 5.3+), so the thread sleeps in one
    ``select`` with no polling and no risk of a reused pid.  Elsewhere the child still ends at
    its next send or receive on the closed pipe.
    """
    try:
        pidfd = os.pidfd_open(owner_pid)
    except ProcessLookupError:
        os._exit(0)  # the owner died before this child finished starting
    except (AttributeError, OSError):
        return

    def watch() -> None:
        select.select([pidfd], [], [])
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="jixiao-job-watchdog", daemon=True).start()


def _cap_address_space(memory_mb: int) -> int | None:
    """Sets ``RLIMIT_AS`` to the current size plus ``memory_mb``; returns the cap in bytes.

    The address space, not the resident set, is what an unprivileged process can cap, and the
    preloaded libraries reserve far more of it than they touch; so the cap is relative to what
    the child already maps, and the parent watches resident memory against ``memory_mb`` too.
    """
    size = vm_bytes("VmSize")
    if size is None:
        return None
    cap = size + memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        return None
    return cap


def _at_cap(cap: int | None) -> bool:
    """Whether this process's address space ever came within the slack of its cap.

    ``VmPeak`` never goes down, so the parent retires a child whose job came that close even
    when the job succeeded (:func:`came_near_cap`): every job then starts well below the cap,
    and a peak at the cap means the failing job is the one that reached it.
    """
    peak = vm_bytes("VmPeak")
    return cap is not None and peak is not None and peak >= cap - _CAP_SLACK_BYTES


def came_near_cap(pid: int | None) -> bool:
    """:func:`_at_cap` for a child, seen from its parent (its cap read back with ``prlimit``)."""
    if pid is None:
        return False
    try:
        cap, _ = resource.prlimit(pid, resource.RLIMIT_AS)
    except (AttributeError, OSError):
        return False
    peak = vm_bytes("VmPeak", pid)
    return cap != resource.RLIM_INFINITY and peak is not None and peak >= cap - _CAP_SLACK_BYTES


def vm_bytes(field: str, pid: int | str = "self") -> int | None:
    """A ``Vm*`` line of ``/proc/<pid>/status`` in bytes; ``None`` off Linux or for a gone process."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None
