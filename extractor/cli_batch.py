"""A CLI batch that loses nothing: worker processes, and survival when one of them dies.

Documents are read in a process pool.  When a worker process dies (the kernel's out-of-memory
killer, a crash in a native library) Python breaks the whole pool and every unfinished future
raises ``BrokenProcessPool`` — the batch used to end there with a traceback and no output.  Here
the documents finished before the break keep their results, and each unfinished one is read again
alone in a fresh process: the one that dies again is the culprit and is reported failed with how
its worker ended; every other document gets its result.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Outcome:
    """One document: its output dict (``to_output()``), or the line saying why it failed."""

    source: str
    output: dict[str, Any] | None = None
    error: str | None = None
    layout: dict[str, Any] | None = field(default=None, repr=False)  # grids, for the workbook

    def document(self) -> dict[str, Any]:
        """What the batch output lists for this document (a failed one with its error)."""
        if self.output is not None:
            return self.output
        return {"source": self.source, "forms": [], "error": self.error}


Job = Callable[[str], Outcome]


def run_batch(files: list[str], job: Job, workers: int, on_done: Callable[[Outcome], None]) -> list[Outcome]:
    """``job`` over ``files`` in ``workers`` processes; results in the order of ``files``."""
    results: dict[str, Outcome] = {}
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(job, f): f for f in files}
            for fut in as_completed(futures):
                try:
                    outcome = fut.result()
                except BrokenProcessPool:
                    break
                results[futures[fut]] = outcome
                on_done(outcome)
            for fut, f in futures.items():  # finished before the break but not yet collected
                if f not in results and fut.done() and not fut.cancelled() and fut.exception() is None:
                    results[f] = fut.result()
                    on_done(results[f])
    except BrokenProcessPool:
        pass
    for f in files:
        if f not in results:
            results[f] = run_alone(job, f)
            on_done(results[f])
    return [results[f] for f in files]


def run_alone(job: Job, path: str) -> Outcome:
    """``job(path)`` in a process of its own; a death of that process is this document's failure."""
    ctx = multiprocessing.get_context()
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_send_outcome, args=(job, path, send), daemon=True)
    process.start()
    send.close()
    try:
        outcome: Outcome | None = receive.recv()
    except EOFError:
        outcome = None
    finally:
        receive.close()
    process.join()
    if outcome is not None:
        return outcome
    return Outcome(path, error=f"{path}: the worker process reading it died ({how_it_ended(process.exitcode)}) "
                               "— the other files were still processed; retry this one alone or with more memory")


def _send_outcome(job: Job, path: str, conn: Any) -> None:
    conn.send(job(path))
    conn.close()


def how_it_ended(exitcode: int | None) -> str:
    """``killed by SIGKILL, as the out-of-memory killer does`` for a negative exit code."""
    if exitcode is None:
        return "no exit status"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"killed by {name}" + (", as the out-of-memory killer does" if -exitcode == signal.SIGKILL else "")
    return f"exit status {exitcode}"


def default_workers(files: int, asked: int) -> int:
    return asked or min(files, os.cpu_count() or 1)
