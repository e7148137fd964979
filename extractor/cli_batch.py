"""A CLI batch that loses nothing: worker processes, and survival when one of them dies.

Documents are read in a process pool.  When a worker process dies (the kernel's out-of-memory
killer, a crash in a native library) Python breaks the whole pool and every unfinished future
raises ``BrokenProcessPool`` — the batch used to end there with a traceback and no output.  Here
the documents finished before the break keep their results, each document a worker had started
is read again alone in a fresh process (the one that dies again is the culprit, reported failed
with how its worker ended), and the rest go on in a new pool.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import tempfile
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
    """``job`` over ``files`` in ``workers`` processes; results in the order of ``files``.

    When the pool breaks, the documents a worker had started and not finished are the suspects:
    each is read again alone (the culprit dies again and is reported; an innocent neighbour gets
    its result), and the documents not yet started go on in a fresh pool.  Every break removes at
    least one suspect, so the batch ends.
    """
    results: dict[str, Outcome] = {}
    remaining = list(files)
    with tempfile.TemporaryDirectory(prefix="jixiao-batch-") as marks:
        tracked = _Tracked(job, marks)
        while remaining and _pool_round(remaining, tracked, workers, results, on_done):
            started = tracked.started()
            suspects = [f for f in remaining if f in started and f not in results]
            for f in suspects or [f for f in remaining if f not in results]:  # unknown: each alone
                results[f] = run_alone(job, f)
                on_done(results[f])
            remaining = [f for f in remaining if f not in results]
    return [results[f] for f in files]


def _pool_round(files: list[str], job: Job, workers: int, results: dict[str, Outcome],
                on_done: Callable[[Outcome], None]) -> bool:
    """One pool over ``files``, filling ``results``; True when a worker died and broke the pool."""
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(job, f): f for f in files}
            broken = False
            for fut in as_completed(futures):
                try:
                    outcome = fut.result()
                except BrokenProcessPool:
                    broken = True
                    break
                results[futures[fut]] = outcome
                on_done(outcome)
            for fut, f in futures.items():  # finished before the break but not yet collected
                if f not in results and fut.done() and not fut.cancelled() and fut.exception() is None:
                    results[f] = fut.result()
                    on_done(results[f])
            return broken
    except BrokenProcessPool:
        return True


class _Tracked:
    """``job`` that first leaves a mark naming its document, so a break can name the suspects."""

    def __init__(self, job: Job, marks: str) -> None:
        self.job, self.marks = job, marks

    def __call__(self, path: str) -> Outcome:
        name = hashlib.sha1(path.encode("utf-8", "surrogateescape")).hexdigest()
        with open(os.path.join(self.marks, name), "w", encoding="utf-8", errors="surrogateescape") as fh:
            fh.write(path)
        return self.job(path)

    def started(self) -> set[str]:
        out = set()
        for name in os.listdir(self.marks):
            with open(os.path.join(self.marks, name), encoding="utf-8", errors="surrogateescape") as fh:
                out.add(fh.read())
        return out


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
