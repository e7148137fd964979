"""Benchmark: what one correction request costs as stored corrections pile up, on both backends.

A report (the README's sample) is finished, then corrected through the HTTP route in requests
of 200 items until ``--stored`` corrections are kept; each request is timed.  Then ``--probe``
requests of one item each are timed at that depth.  Before corrections were stored as a
versioned document, every request re-applied every stored correction inside the write lock
(13.8 s per request at 3,209 stored, issue 20); now a request applies only its own items.

Not a test (timings are noisy on a shared 2-core machine): run it by hand and compare medians.
"1 item, CPU" is the CPU time of this process (client, server and SQLite) per request: what the
request costs on an idle machine, whatever else the machine is doing (PostgreSQL's own server
process is not counted there).

    .venv/bin/python bench/bench_corrections.py [--stored 3000] [--probe 20] [--backend sqlite|postgres|both]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor.service import ServiceSettings, create_app  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

SAMPLE = (REPO / "examples" / "sample_report.txt").read_text(encoding="utf-8")
VALUES = [str(v) for v in range(1, 20)]


def run(backend: str, stored: int, probe: int) -> dict[str, float]:
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="jixiao-bench-")))
        url = None
        if backend == "postgres":
            from tests.pg import create_database, temporary_server

            admin = stack.enter_context(temporary_server(durable=True))
            url = create_database(admin, "bench")
        settings = ServiceSettings(data_dir=tmp, database_url=url, workers=1, poll_interval_s=0.05)
        client = stack.enter_context(TestClient(create_app(settings)))
        report_id = client.post("/api/reports", json={"text": SAMPLE}).json()["id"]
        deadline = time.monotonic() + 60
        while client.get(f"/api/reports/{report_id}").json()["status"] != "done":
            assert time.monotonic() < deadline, "the sample did not finish"
            time.sleep(0.05)
        path = f"/api/reports/{report_id}/forms/0/corrections"
        batches: list[float] = []
        for start in range(0, stored, 200):
            items = [
                {"field": "indicators[4].score", "value": VALUES[(start + i) % len(VALUES)]}
                for i in range(min(200, stored - start))
            ]
            t0 = time.perf_counter()
            response = client.post(path, json={"corrections": items})
            batches.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.text
        singles: list[float] = []
        cpu: list[float] = []
        for i in range(probe):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.post(path, json={"corrections": [{"field": "indicators[4].score", "value": VALUES[i % 19]}]})
            singles.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200, response.text
        return {
            "first_200_ms": batches[0],
            "last_200_ms": batches[-1],
            "one_item_median_ms": statistics.median(singles),
            "one_item_max_ms": max(singles),
            "one_item_cpu_ms": statistics.median(cpu),
            "stored": float(len(response.json()["corrections"])),
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stored", type=int, default=3000)
    parser.add_argument("--probe", type=int, default=20)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    print(f"{'backend':9} {'stored':>6} {'200 items, first':>17} {'200 items, last':>16} {'1 item, median':>15} {'1 item, max':>12} {'1 item, CPU':>12}")
    for backend in backends:
        r = run(backend, args.stored, args.probe)
        print(
            f"{backend:9} {int(r['stored']):>6} {r['first_200_ms']:>14.0f} ms {r['last_200_ms']:>13.0f} ms"
            f" {r['one_item_median_ms']:>12.1f} ms {r['one_item_max_ms']:>9.1f} ms {r['one_item_cpu_ms']:>9.1f} ms"
        )


if __name__ == "__main__":
    main()
