"""Benchmark: what running each job in a child process costs, and what it buys.

Not a test (timings are noisy on a shared 2-core machine): run it by hand and compare medians.

1. Overhead per job: every seed (plus the sample and generated docx/xlsx/html) run in-process
   with ``worker.process`` and through a warm :class:`Sandbox` child; the difference is the
   pipe round trip and the pickling of the upload and the result.  Also the cost of the first
   child (fork server start with the preloaded pipeline) and of replacing a killed one.
2. Saturation: a service on loopback with 2 workers busy on heavy documents (the sample
   repeated, several seconds each) while a prober asks ``/api/health`` every 50 ms; prints the
   health latencies, and how long a small seed submitted meanwhile took to finish.
3. ``--hostile``: a tab-separated text of ``--tsv-mb`` MB (the shape that costs minutes and
   gigabytes, issue 20) under the given limits: how the job ended, when, the service's own
   resident memory before and after, and health meanwhile.

    .venv/bin/python bench/bench_isolation.py [--repeat 5] [--heavy 4] [--hostile --tsv-mb 2]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor.service.jobchild import JOB_NICENESS  # noqa: E402
from extractor.service.sandbox import Finished, JobLimits, Sandbox, resident_bytes  # noqa: E402
from extractor.service.settings import ServiceSettings  # noqa: E402
from extractor.service.store import Report  # noqa: E402
from extractor.service.worker import process  # noqa: E402

SAMPLE = (REPO / "examples" / "sample_report.txt").read_text(encoding="utf-8")
PROJECT = "示例县农村饮水安全巡检项目"


def documents() -> list[tuple[str, bytes]]:
    docs = [(p.name, p.read_bytes()) for p in sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))]
    docs.append(("sample_report.txt", SAMPLE.encode()))
    from tests.fixtures.make_docs import make_docx, make_html, make_xlsx

    docs += [("generated.docx", make_docx()), ("generated.xlsx", make_xlsx()), ("generated.html", make_html())]
    return docs


def report_for(name: str, data: bytes) -> Report:
    return Report(name, name, "file", name, "text/plain", len(data), "processing", None, None, 1, "b", "", "", None, None, None)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def noop(*args: object) -> int:
    """A job that does nothing: what is left of its time is the round trip to the child."""
    return len(args)


def overhead(repeat: int, settings: ServiceSettings) -> None:
    limits = JobLimits(timeout_s=settings.job_timeout_s, memory_mb=settings.job_memory_mb)
    sandbox = Sandbox(limits, process)
    t0 = time.monotonic()
    sandbox.start()
    first = sandbox.run(report_for("warm", SAMPLE.encode()), SAMPLE.encode(), settings)
    assert isinstance(first, Finished), first
    print(f"first child (fork server start, preload, fork) + first job: {ms(time.monotonic() - t0)} ms")
    trivial = Sandbox(limits, noop)
    trivial.start()
    trips = []
    for _ in range(50):
        t = time.monotonic()
        trivial.run(1, 2)
        trips.append(time.monotonic() - t)
    print(f"round trip of a job that does nothing (50 runs): median {ms(statistics.median(trips))} ms")
    trivial.close()
    # the children run at JOB_NICENESS: run the in-process side at the same priority, so that on a
    # busy machine the difference is the mechanism's, not the scheduler's
    os.nice(JOB_NICENESS)
    print(f"\n{'document':28} {'in-process ms':>14} {'sandbox ms':>11} {'overhead ms':>12}")
    overheads = []
    for name, data in documents():
        report = report_for(name, data)
        process(report, data, settings)  # warm this process's lazy imports
        sandbox.run(report, data, settings)
        inproc, boxed = [], []
        for _ in range(repeat):
            t = time.monotonic()
            process(report, data, settings)
            inproc.append(time.monotonic() - t)
            t = time.monotonic()
            outcome = sandbox.run(report, data, settings)
            boxed.append(time.monotonic() - t)
            assert isinstance(outcome, Finished), outcome
        a, b = statistics.median(inproc), statistics.median(boxed)
        overheads.append(b - a)
        print(f"{name:28} {ms(a):>14} {ms(b):>11} {ms(b - a):>12}")
    print(f"median overhead per job: {ms(statistics.median(overheads))} ms")
    respawns = []
    for _ in range(repeat):
        pid = sandbox.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.1)
        t = time.monotonic()
        sandbox.run(report_for("small", SAMPLE.encode()), SAMPLE.encode(), settings)
        respawns.append(time.monotonic() - t)
    print(f"replacing a killed child + the sample job: median {ms(statistics.median(respawns))} ms")
    sandbox.close()


@contextmanager
def served(settings: ServiceSettings) -> Iterator[tuple[str, int]]:
    """``python -m extractor.service`` in its own process (as deployed: the prober and the
    submitting client must not share the service's interpreter); yields its URL and pid."""
    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env |= {"JIXIAO_JOB_TIMEOUT_S": str(settings.job_timeout_s), "JIXIAO_JOB_MEMORY_MB": str(settings.job_memory_mb)}
    command = [sys.executable, "-m", "extractor.service", "--port", str(port), "--data-dir", str(settings.data_dir)]
    command += ["--workers", str(settings.workers), "--log-level", "warning"]
    proc = subprocess.Popen(command, cwd=REPO, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the service did not start")
            time.sleep(0.1)
        yield url, proc.pid
    finally:
        proc.terminate()
        proc.wait(30)


class HealthProbe:
    """Asks /api/health every ``interval_s`` from its own thread and keeps the latencies."""

    def __init__(self, base_url: str, interval_s: float = 0.05) -> None:
        import httpx

        self.client = httpx.Client(base_url=base_url, timeout=30)
        self.interval_s = interval_s
        self.latencies: list[float] = []
        self.slow_at: list[tuple[float, float]] = []  # (seconds since the start, latency) of probes >= 200 ms
        self.started = time.monotonic()
        self.errors = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> HealthProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.client.close()

    def _run(self) -> None:
        import httpx

        while not self._stop.is_set():
            t = time.monotonic()
            try:
                ok = self.client.get("/api/health").status_code == 200
            except httpx.HTTPError:
                ok = False
            self.latencies.append(time.monotonic() - t)
            if self.latencies[-1] >= 0.2:
                self.slow_at.append((t - self.started, self.latencies[-1]))
            self.errors += not ok
            self._stop.wait(self.interval_s)

    def summary(self) -> str:
        values = sorted(self.latencies)
        if not values:
            return "no probes"
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        slow = ", ".join(f"{ms(latency)} ms at {at:.1f} s" for at, latency in self.slow_at)
        return (
            f"{len(values)} probes, p50 {ms(statistics.median(values))} ms, p95 {ms(p95)} ms,"
            f" max {ms(values[-1])} ms, {self.errors} errors; >= 200 ms: {slow or 'none'}"
        )


def wait_final(client: httpx.Client, ids: list[str], timeout_s: float) -> dict[str, dict[str, Any]]:
    """Polls the summaries (not each full report: a done report's JSON is megabytes here)."""
    deadline = time.monotonic() + timeout_s
    while True:
        items = client.get("/api/reports", params={"limit": 200}).json()["items"]
        reports = {r["id"]: r for r in items if r["id"] in ids}
        if all(r["status"] in ("done", "failed") for r in reports.values()) or time.monotonic() > deadline:
            return reports
        time.sleep(0.2)


def saturation(heavy: int, copies: int, settings: ServiceSettings) -> None:
    import httpx

    seed = (REPO.parent / "shared" / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    with served(settings) as (url, _), httpx.Client(base_url=url, timeout=60) as client:
        time.sleep(8)  # let the workers pre-fork their children (fork server start) before measuring
        with HealthProbe(url) as probe:
            t0 = time.monotonic()
            texts = ["\n\n".join([SAMPLE.replace(PROJECT, f"{PROJECT}{i}")] * copies) for i in range(heavy)]
            ids = [client.post("/api/reports", json={"text": t}).json()["id"] for t in texts]
            time.sleep(0.5)
            small_at = time.monotonic()
            small = client.post("/api/reports", json={"text": seed + "\n"}).json()["id"]
            reports = wait_final(client, [*ids, small], 600)
            small_done = reports[small]
            total = time.monotonic() - t0
        statuses = [r["status"] for r in reports.values()]
        print(f"  submitting took {small_at - 0.5 - t0:.1f} s; jobs took (s): "
              + ", ".join(f"{r['duration_ms'] / 1000:.1f}" for r in reports.values() if r.get("duration_ms")))
        print(
            f"\nsaturation: {heavy} documents of {copies} sample copies on {settings.workers} workers,"
            f" {statuses.count('done')} done, {statuses.count('failed')} failed in {total:.1f} s"
        )
        print(f"  health while saturated: {probe.summary()}")
        print(f"  a seed submitted meanwhile: {small_done['status']} after {time.monotonic() - small_at:.1f} s (waits for a free worker)")


def hostile_tsv(megabytes: float) -> str:
    """A target table pasted as tab-separated rows, its indicator block repeated to ``megabytes``."""
    head = SAMPLE[SAMPLE.index("示例县水务局2024年项目绩效目标表"):]
    head = head[: head.index("\t产出指标")]
    rng = random.Random(20)
    lines, size = [head.rstrip("\n")], len(head.encode())
    while size < megabytes * 1e6:
        i = len(lines)
        line = f"\t产出指标\t数量指标\t河道{i}段保洁长度\t≥\t{rng.randint(1, 999)}公里\t{rng.randint(1, 30)}"
        lines.append(line)
        size += len(line.encode()) + 1
    return "\n".join(lines)


def hostile(megabytes: float, settings: ServiceSettings) -> None:
    import httpx

    text = hostile_tsv(megabytes)
    with served(settings) as (url, pid), httpx.Client(base_url=url, timeout=60) as client:
        time.sleep(8)
        before = resident_bytes(pid) or 0
        with HealthProbe(url) as probe:
            t0 = time.monotonic()
            rid = client.post("/api/reports", json={"text": text}).json()["id"]
            report = wait_final(client, [rid], settings.job_timeout_s + 60)[rid]
            took = time.monotonic() - t0
        after = resident_bytes(pid) or 0
        print(f"\nhostile: {megabytes} MB TSV under {settings.job_timeout_s:g} s / {settings.job_memory_mb} MB")
        print(f"  {report['status']} after {took:.1f} s: {report.get('error_code')} — {report.get('reason')}")
        print(f"  service resident memory: {before / 2**20:.0f} MB before, {after / 2**20:.0f} MB after")
        print(f"  health meanwhile: {probe.summary()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--heavy", type=int, default=4, help="heavy documents submitted at once")
    parser.add_argument("--copies", type=int, default=200, help="sample copies per heavy document")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120.0, help="JIXIAO_JOB_TIMEOUT_S")
    parser.add_argument("--memory-mb", type=int, default=1536, help="JIXIAO_JOB_MEMORY_MB")
    parser.add_argument("--hostile", action="store_true", help="also run the hostile TSV")
    parser.add_argument("--tsv-mb", type=float, default=2.0)
    parser.add_argument("--skip-overhead", action="store_true")
    parser.add_argument("--skip-saturation", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = ServiceSettings(
            data_dir=Path(tmp), workers=args.workers, job_timeout_s=args.timeout, job_memory_mb=args.memory_mb
        )
        if not args.skip_overhead:
            overhead(args.repeat, settings)
        if not args.skip_saturation:
            saturation(args.heavy, args.copies, settings.with_overrides(data_dir=Path(tmp) / "saturation"))
        if args.hostile:
            hostile(args.tsv_mb, settings.with_overrides(data_dir=Path(tmp) / "hostile"))


if __name__ == "__main__":
    main()
