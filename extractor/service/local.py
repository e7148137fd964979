"""Run the service in a background thread on a loopback port: for tests, benchmarks and demos.

The socket is bound before the server starts (port 0 → a free port), so callers get a URL that
is already accepting connections and never race another process for a port number.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from extractor.service.app import create_app
from extractor.service.settings import ServiceSettings


@contextmanager
def serve_in_thread(
    settings: ServiceSettings, *, host: str = "127.0.0.1", startup_timeout_s: float = 30.0
) -> Iterator[str]:
    """Yields the base URL (``http://127.0.0.1:<port>``) of a running service; stops it on exit."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="jixiao-service", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError("the service did not start (see the log above)")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
