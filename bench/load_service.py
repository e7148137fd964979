"""Bounded load test of the service: N distinct documents submitted concurrently over loopback.

It starts the service in-process on 127.0.0.1 (or targets ``--url``, which must be a loopback
address), submits N variants of examples/sample_report.txt from ``--concurrency`` threads, waits
for every one to finish (bounded by ``--timeout``), and prints throughput, latencies and whether
every accepted document finished.  Exit status 1 when one did not.

    .venv/bin/python bench/load_service.py [--n 50] [--concurrency 10] [--workers 2]

``run_load`` is also called from tests/test_service_api.py with a small N.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from extractor.service.local import serve_in_thread  # noqa: E402
from extractor.service.settings import ServiceSettings, is_loopback  # noqa: E402

SAMPLE = REPO / "examples" / "sample_report.txt"
PROJECT = "示例县农村饮水安全巡检项目"


@dataclass
class LoadReport:
    n: int
    concurrency: int
    accepted: int = 0
    done: int = 0
    failed: int = 0
    unfinished: int = 0
    submit_s: float = 0.0
    total_s: float = 0.0
    throughput_docs_per_s: float = 0.0
    submit_ms_p50: float = 0.0
    submit_ms_p95: float = 0.0
    processing_ms_p50: float = 0.0
    processing_ms_p95: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def all_finished(self) -> bool:
        return self.accepted == self.n and self.done + self.failed == self.n and not self.errors


def documents(n: int) -> list[str]:
    """N distinct documents (distinct content hashes), each the sample with its own project name."""
    text = SAMPLE.read_text(encoding="utf-8")
    return [text.replace(PROJECT, f"{PROJECT}{i + 1:03d}") for i in range(n)]


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _statuses(client: httpx.Client) -> list[dict]:
    """Every report's summary, read from the paged listing (one request per 200 reports)."""
    items: list[dict] = []
    offset: int | None = 0
    while offset is not None:
        page = client.get("/api/reports", params={"limit": 200, "offset": offset}).json()
        items += page["items"]
        offset = page["next_offset"]
    return items


def run_load(
    base_url: str, n: int = 50, concurrency: int = 10, timeout_s: float = 120.0, token: str | None = None
) -> LoadReport:
    """Submits ``n`` documents from ``concurrency`` threads and waits until each is done or failed."""
    host = urlsplit(base_url).hostname or ""
    if not is_loopback(host):
        raise SystemExit(f"refusing to load-test {base_url}: only loopback addresses are allowed")
    report = LoadReport(n=n, concurrency=concurrency)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    docs = documents(n)
    started = time.monotonic()
    deadline = started + timeout_s
    with httpx.Client(base_url=base_url, headers=headers, timeout=30.0) as client:

        def submit(text: str) -> tuple[str | None, float, str | None]:
            t0 = time.monotonic()
            try:
                response = client.post("/api/reports", json={"text": text})
            except httpx.HTTPError as exc:
                return None, 0.0, f"submit failed: {exc}"
            elapsed = (time.monotonic() - t0) * 1000
            if response.status_code != 202:
                return None, elapsed, f"submit answered {response.status_code}: {response.text[:200]}"
            return response.json()["id"], elapsed, None

        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            results = list(pool.map(submit, docs))
        report.submit_s = time.monotonic() - started
        ids = [r[0] for r in results if r[0]]
        report.errors += [r[2] for r in results if r[2]]
        report.accepted = len(ids)
        latencies = [r[1] for r in results if r[0]]
        pending = set(ids)
        durations: list[float] = []
        while pending and time.monotonic() < deadline:
            for item in _statuses(client):
                if item["id"] in pending and item["status"] in ("done", "failed"):
                    pending.discard(item["id"])
                    report.done += item["status"] == "done"
                    report.failed += item["status"] == "failed"
                    durations.append(float(item.get("duration_ms") or 0))
            if pending:
                time.sleep(0.1)
    report.total_s = time.monotonic() - started
    report.unfinished = len(pending)
    report.throughput_docs_per_s = (report.done + report.failed) / report.total_s if report.total_s else 0.0
    report.submit_ms_p50, report.submit_ms_p95 = _percentile(latencies, 0.5), _percentile(latencies, 0.95)
    report.processing_ms_p50 = statistics.median(durations) if durations else 0.0
    report.processing_ms_p95 = _percentile(durations, 0.95)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2, help="service workers (in-process service only)")
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--url", help="an already running service on a loopback address")
    parser.add_argument("--token")
    args = parser.parse_args()
    if args.url:
        result = run_load(args.url, args.n, args.concurrency, args.timeout, args.token)
    else:
        with tempfile.TemporaryDirectory(prefix="jixiao-load-") as data_dir:
            settings = ServiceSettings(data_dir=Path(data_dir), workers=args.workers, token=args.token)
            with serve_in_thread(settings) as url:
                result = run_load(url, args.n, args.concurrency, args.timeout, args.token)
    print(json.dumps(asdict(result) | {"all_finished": result.all_finished}, indent=2, ensure_ascii=False))
    sys.exit(0 if result.all_finished else 1)


if __name__ == "__main__":
    main()
