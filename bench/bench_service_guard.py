"""Benchmark: what hostile requests cost the service (time to answer, server memory).

Starts ``python -m extractor.service`` on a free loopback port with a fresh data directory and
sends: a 78 MB corrections body (declared, and chunked without a length), deeply nested JSON,
a foreign Host, a cross-site multipart POST and a corrupt PDF, then a health check after each.
Prints the status, seconds and the server's peak/after resident memory (from /proc).

Not a test (timings are noisy on a shared machine): run it by hand.

    .venv/bin/python bench/bench_service_guard.py [--mb 78]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of ``pid`` in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def chunks(total: int, size: int = 1 << 20) -> Iterator[bytes]:
    piece = b'{"field": "indicators[0].score", "value": "1"},' * (size // 48)
    yield b'{"corrections": ['
    sent = 0
    while sent < total:
        yield piece
        sent += len(piece)
    yield b'{"field": "x", "value": "1"}]}'


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=78)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "PYTHONPATH": str(REPO), "JIXIAO_API_TOKEN": ""}
        server = subprocess.Popen(
            [sys.executable, "-m", "extractor.service", "--port", str(port), "--data-dir", data, "--workers", "1",
             "--log-level", "warning"],
            env=env, stderr=subprocess.DEVNULL,
        )
        try:
            run(base, server.pid, args.mb)
        finally:
            server.terminate()
            server.wait(timeout=30)


def run(base: str, pid: int, mb: int) -> None:
    client = httpx.Client(base_url=base, timeout=120)
    deadline = time.monotonic() + 60
    while True:
        try:
            client.get("/api/health")
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    from tests.fixtures.make_docs import make_pdf

    total = mb * 1_000_000
    url = "/api/reports/0123456789abcdef/forms/0/corrections"
    json_headers = {"content-type": "application/json"}
    pdf = make_pdf()
    declared = b"".join(chunks(total))  # built before the clock starts
    objects = b"1 0 obj\n<< /Type /Page >>\nendobj\n" * 1_200_000
    cases: list[tuple[str, Callable[[], httpx.Response]]] = [
        (f"{mb} MB corrections, declared length",
         lambda: client.post(url, content=declared, headers=json_headers)),
        (f"{mb} MB corrections, chunked", lambda: client.post(url, content=chunks(total), headers=json_headers)),
        ("nested JSON x100k on /api/reports",
         lambda: client.post("/api/reports", content=b"[" * 100_000 + b"]" * 100_000, headers=json_headers)),
        ("nested JSON x100k on corrections",
         lambda: client.post(url, content=b'{"corrections":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                             headers=json_headers)),
        ("Host: evil.example GET /api/reports", lambda: client.get("/api/reports", headers={"Host": "evil.example"})),
        ("cross-site multipart POST",
         lambda: client.post("/api/reports", data={"text": "项目名称 x"}, files={"f": ("f", b"")},
                             headers={"Origin": "http://evil.example"})),
        ("corrupt PDF upload", lambda: client.post("/api/reports", files={"file": ("x.pdf", pdf[: len(pdf) // 2])})),
        ("40 MB of PDF-looking object lines",
         lambda: client.post("/api/reports", files={"file": ("x.pdf", b"%PDF-1.4\n" + objects)})),
        ("0.5 MB of object lines (repair scan)",
         lambda: client.post("/api/reports", files={"file": ("x.pdf", b"%PDF-1.4\n" + objects[:490_000])})),
    ]
    print(f"{'case':40} {'status':>6} {'seconds':>8} {'rss MB':>7} {'peak MB':>8} {'health ms':>9}")
    for name, call in cases:
        started = time.perf_counter()
        try:
            status = str(call().status_code)
        except httpx.HTTPError as exc:  # the server may close the connection mid-upload after its 413
            status = type(exc).__name__[:6]
        seconds = time.perf_counter() - started
        rss, peak = rss_mb(pid)
        health_started = time.perf_counter()
        client.get("/api/health")
        health_ms = (time.perf_counter() - health_started) * 1000
        print(f"{name:40} {status:>6} {seconds:8.3f} {rss:7.0f} {peak:8.0f} {health_ms:9.1f}")


if __name__ == "__main__":
    main()
