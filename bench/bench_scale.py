"""Benchmark: the service at scale — worker processes on PostgreSQL, queue overhead, PG vs SQLite.

1. extraction alone: median ms per document of the README sample (the work a job does);
2. queue overhead: ms per job for submit, and for claim + complete with an empty result, on
   SQLite (WAL, synchronous=FULL) and PostgreSQL (fsync on), one thread; "CPU here" is this
   process's CPU time for claim + complete (the rest is waiting on disk, or on PostgreSQL);
3. throughput of 1, 2 and 4 ``jixiao worker`` processes on one PostgreSQL draining a backlog of
   ``--n`` documents: documents per second from the first claim to the last answer (by the
   stored timestamps, so process start-up is not counted);
4. the same for the in-process worker threads ``jixiao serve`` runs, on SQLite and PostgreSQL.

PostgreSQL is a throw-away server started from the Debian binaries (``tests/pg.py``) with
fsync on, so both backends pay for durable commits.  Not a test: timings depend on the cores
free at the time; the load average is printed with the results.

    .venv/bin/python bench/bench_scale.py [--n 300] [--repeat 3] [--processes 1,2,4] [--threads 1,2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor.service.settings import ServiceSettings  # noqa: E402
from extractor.service.store import Store, make_store  # noqa: E402
from extractor.service.worker import WorkerPool, process  # noqa: E402
from tests.pg import create_database, start_worker, temporary_server  # noqa: E402

SAMPLE = (REPO / "examples" / "sample_report.txt").read_text(encoding="utf-8")
PROJECT = "示例县农村饮水安全巡检项目"


def documents(n: int, tag: str) -> list[bytes]:
    return [SAMPLE.replace(PROJECT, f"{PROJECT}{tag}{i:04d}").encode() for i in range(n)]


def extraction_ms(settings: ServiceSettings, store: Store, n: int = 20) -> float:
    times = []
    for data in documents(n, "x"):
        report, _ = store.submit(data, input_kind="text", filename="s.txt", media_type="text/plain")
        t0 = time.perf_counter()
        process(report, data, settings)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times[2:])


def queue_overhead(store: Store, n: int, tag: str) -> tuple[float, float, float]:
    """(ms per submit, ms per claim + complete with an empty result, of which CPU ms here)."""
    docs = documents(n, tag)
    t0 = time.perf_counter()
    for data in docs:
        store.submit(data, input_kind="text", filename="s.txt", media_type="text/plain")
    submit_ms = (time.perf_counter() - t0) * 1000 / n
    t0, c0 = time.perf_counter(), time.process_time()
    jobs = 0
    while (job := store.claim("bench")) is not None:
        store.complete(job.id, "bench", {"forms": []}, {}, 0)
        jobs += 1
    per_job = (time.perf_counter() - t0) * 1000 / max(jobs, 1)
    return submit_ms, per_job, (time.process_time() - c0) * 1000 / max(jobs, 1)


def wait_done(store: Store, timeout: float = 900) -> None:
    """Until nothing is queued or processing."""
    deadline = time.monotonic() + timeout
    while True:
        counts = store.counts()
        if counts["queued"] + counts["processing"] == 0:
            return
        if time.monotonic() > deadline:
            raise SystemExit(f"not finished after {timeout} s: {counts}")
        time.sleep(0.05)


def _span_s(store: Store, n: int) -> float:
    """Seconds from the first claim to the last answer, by the stored timestamps."""
    from datetime import datetime

    reports, _ = store.page(limit=n, offset=0)
    started = min(datetime.fromisoformat(r.started_at) for r in reports if r.started_at)
    finished = max(datetime.fromisoformat(r.finished_at) for r in reports if r.finished_at)
    return (finished - started).total_seconds()


def processes_throughput(admin: str, workers: int, n: int, tmp: Path, run: int) -> tuple[float, float]:
    """Documents per second of ``workers`` processes draining a backlog of ``n``, and the
    workers' CPU ms per document (start-up included): what a free core would give."""
    url = create_database(admin, f"bench_p{workers}_{run}")
    store = make_store(ServiceSettings(data_dir=tmp, database_url=url))
    store.open()
    for data in documents(n, f"p{workers}"):
        store.submit(data, input_kind="text", filename="s.txt", media_type="text/plain")
    procs = [start_worker(url, tmp / f"p{workers}-{run}-{i}.log", lease_s=60) for i in range(workers)]
    cpu_s = 0.0
    try:
        wait_done(store)
        rate = n / _span_s(store, n)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            _, _, usage = os.wait4(proc.pid, 0)  # reaps it, with its CPU time
            proc.returncode = 0
            cpu_s += usage.ru_utime + usage.ru_stime
        store.close()
    return rate, cpu_s * 1000 / n


def threads_throughput(settings: ServiceSettings, n: int, tag: str) -> float:
    """Documents per second of ``jixiao serve``'s worker threads draining a backlog of ``n``."""
    store = make_store(settings)
    store.open()
    pool = WorkerPool(store, settings)
    try:
        for data in documents(n, tag):
            store.submit(data, input_kind="text", filename="s.txt", media_type="text/plain")
        t0 = time.perf_counter()
        pool.start()
        wait_done(store)
        return n / (time.perf_counter() - t0)
    finally:
        pool.stop()
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300, help="documents per throughput run")
    parser.add_argument("--repeat", type=int, default=3, help="throughput runs per setup (the median is shown)")
    parser.add_argument("--processes", default="1,2,4", help="worker process counts to measure")
    parser.add_argument("--threads", default="1,2", help="in-process worker thread counts to measure")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f}")
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="jixiao-bench-")))
        admin = stack.enter_context(temporary_server(durable=True))
        sqlite_settings = ServiceSettings(data_dir=tmp / "sqlite", poll_interval_s=0.05)
        pg_settings = ServiceSettings(
            data_dir=tmp / "pg", database_url=create_database(admin, "bench_queue"), poll_interval_s=0.05
        )

        store = make_store(sqlite_settings)
        store.open()
        per_doc = extraction_ms(sqlite_settings, store)
        print(f"extraction of one sample document: {per_doc:.1f} ms (median)")
        print(
            f"\n{'queue overhead per job':24} {'submit ms':>10} {'claim+complete ms':>18} {'(CPU here)':>11}"
            f" {'share of a job':>15}"
        )
        overhead = {"SQLite": queue_overhead(store, args.n, "q")}
        store.close()
        store = make_store(pg_settings)
        store.open()
        overhead["PostgreSQL"] = queue_overhead(store, args.n, "q")
        store.close()
        for name, (submit_ms, job_ms, cpu_ms) in overhead.items():
            share = (submit_ms + job_ms) / (submit_ms + job_ms + per_doc)
            print(f"{name:24} {submit_ms:>10.2f} {job_ms:>18.2f} {cpu_ms:>11.2f} {share:>14.0%}")

        print(f"\n{'throughput (median of runs)':44} {'docs/s':>7}  runs; worker CPU ms per document")
        for workers in [int(w) for w in args.processes.split(",") if w]:
            runs = [processes_throughput(admin, workers, args.n, tmp, run) for run in range(args.repeat)]
            rates = [r for r, _ in runs]
            shown = " ".join(f"{r:.1f}" for r in rates)
            cpu = statistics.median(c for _, c in runs)
            print(
                f"{f'PostgreSQL, {workers} jixiao worker process(es)':44} {statistics.median(rates):>7.1f}"
                f"  {shown}; {cpu:.1f}"
            )
        for threads in [int(t) for t in args.threads.split(",") if t]:
            for name, settings in (("SQLite", sqlite_settings), ("PostgreSQL", pg_settings)):
                rates = [
                    threads_throughput(settings.with_overrides(workers=threads), args.n, f"t{threads}{name}{run}")
                    for run in range(args.repeat)
                ]
                shown = " ".join(f"{r:.1f}" for r in rates)
                print(f"{f'{name}, jixiao serve, {threads} thread(s)':44} {statistics.median(rates):>7.1f}  {shown}")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
