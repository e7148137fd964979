"""``jixiao serve`` (the API and web page under uvicorn) and ``jixiao worker`` (workers alone)."""

from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path
from types import FrameType

import typer
from rich.console import Console

from extractor.errors import ConfigError
from extractor.service.settings import (
    DEFAULT_MAX_BYTES,
    DEFAULT_WORKERS,
    ServiceSettings,
    check_bind,
    database_kind,
    settings_from_env,
)

err = Console(stderr=True)

_DATA_DIR_HELP = "where the SQLite database and raw uploads live (default ~/.local/share/jixiao)"
_DATABASE_HELP = "sqlite:///FILE (default: in --data-dir) or postgresql://USER@HOST/DB to share one database"


def _say(text: str) -> None:
    err.print(text, markup=False, highlight=False, soft_wrap=True)


def _probe(settings: ServiceSettings) -> None:
    """Opens and closes the store: a taken data directory or an unreachable database fails here,
    with one line, before anything starts."""
    from extractor.service.store import make_store

    probe = make_store(settings)
    probe.open()
    probe.close()


def serve_command(
    host: str = typer.Option("127.0.0.1", help="address to bind; anything but loopback needs a token"),
    port: int = typer.Option(8000, help="TCP port"),
    data_dir: Path | None = typer.Option(None, envvar="JIXIAO_DATA_DIR", help=_DATA_DIR_HELP),
    database_url: str | None = typer.Option(None, envvar="JIXIAO_DATABASE_URL", help=_DATABASE_HELP),
    token: str | None = typer.Option(None, envvar="JIXIAO_API_TOKEN", help="API token clients must send"),
    workers: int = typer.Option(
        DEFAULT_WORKERS, envvar="JIXIAO_WORKERS", help="documents processed at once (0: leave them to jixiao worker)"
    ),
    max_bytes: int = typer.Option(
        DEFAULT_MAX_BYTES, envvar="JIXIAO_MAX_BYTES", help="largest upload accepted, in bytes"
    ),
    allowed_host: list[str] = typer.Option(
        [],
        "--allowed-host",
        help="a host name the API answers to besides loopback and --host (repeat; JIXIAO_ALLOWED_HOSTS, "
        "comma-separated; '*' turns the Host check off)",
    ),
    cors_origin: list[str] = typer.Option(
        [],
        "--cors-origin",
        help="origin (scheme://host:port) of a web page allowed to call the API (repeat; JIXIAO_CORS_ORIGINS)",
    ),
    log_level: str = typer.Option("info", help="uvicorn log level"),
) -> None:
    """Serve the API, the web page (/) and its docs (/docs)."""
    import uvicorn

    from extractor.service.app import create_app

    try:
        settings = settings_from_env(
            data_dir=data_dir,
            token=token,
            workers=workers,
            max_bytes=max_bytes,
            bind_host=host,
            allowed_hosts=allowed_host,
            cors_origins=cors_origin,
            database_url=database_url,
        )
        check_bind(host, settings)
        _probe(settings)
    except ConfigError as exc:
        _say(f"jixiao: {exc.one_line()}")
        raise typer.Exit(2) from exc
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    _say(f"jixiao: serving http://{host}:{port}/ (data in {settings.database}, {settings.workers} worker(s))")
    config = uvicorn.Config(
        create_app(settings), host=host, port=port, log_level=log_level, timeout_graceful_shutdown=15
    )
    uvicorn.Server(config).run()


def worker_command(
    database_url: str | None = typer.Option(None, envvar="JIXIAO_DATABASE_URL", help=_DATABASE_HELP),
    workers: int = typer.Option(1, envvar="JIXIAO_WORKERS", min=1, help="documents this process works on at once"),
    data_dir: Path | None = typer.Option(None, envvar="JIXIAO_DATA_DIR", help=_DATA_DIR_HELP),
    log_level: str = typer.Option("info", help="log level"),
) -> None:
    """Process queued reports without the HTTP server, beside `jixiao serve --workers 0` on one
    PostgreSQL database; start as many as the machines allow.  Stops on SIGTERM or Ctrl-C after
    the current documents."""
    from extractor.service.store import make_store
    from extractor.service.worker import WorkerPool

    try:
        settings = settings_from_env(data_dir=data_dir, workers=workers, database_url=database_url)
        if settings.database_url is None or database_kind(settings.database_url) != "postgresql":
            raise ConfigError(
                "jixiao worker needs a PostgreSQL database: a SQLite data directory belongs to one jixiao serve",
                hint="set JIXIAO_DATABASE_URL (or --database-url) to postgresql://…, or use jixiao serve --workers N",
            )
        store = make_store(settings)
        store.open()
    except ConfigError as exc:
        _say(f"jixiao: {exc.one_line()}")
        raise typer.Exit(2) from exc
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    pool = WorkerPool(store, settings)
    try:
        pool.start()
        _say(f"jixiao: working on {settings.database} with {settings.workers} worker(s)")
        while not stop.wait(1.0):  # idle workers look at the queue every poll_interval_s themselves
            pass
    finally:
        pool.stop()
        store.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    _say("jixiao: worker stopped")
