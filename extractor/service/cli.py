"""``jixiao serve``: run the API and web page under uvicorn."""

from __future__ import annotations

import logging
from pathlib import Path

import typer
from rich.console import Console

from extractor.errors import ConfigError
from extractor.service.settings import DEFAULT_MAX_BYTES, DEFAULT_WORKERS, check_bind, settings_from_env

err = Console(stderr=True)


def serve_command(
    host: str = typer.Option("127.0.0.1", help="address to bind; anything but loopback needs a token"),
    port: int = typer.Option(8000, help="TCP port"),
    data_dir: Path | None = typer.Option(
        None, envvar="JIXIAO_DATA_DIR", help="where the database and raw uploads live (default ~/.local/share/jixiao)"
    ),
    token: str | None = typer.Option(None, envvar="JIXIAO_API_TOKEN", help="API token clients must send"),
    workers: int = typer.Option(DEFAULT_WORKERS, envvar="JIXIAO_WORKERS", help="documents processed at once"),
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
    from extractor.service.store import Store

    try:
        settings = settings_from_env(
            data_dir=data_dir,
            token=token,
            workers=workers,
            max_bytes=max_bytes,
            bind_host=host,
            allowed_hosts=allowed_host,
            cors_origins=cors_origin,
        )
        check_bind(host, settings)
        probe = Store(settings.data_dir)  # fails early, with one line, if another service holds the directory
        probe.open()
        probe.close()
    except ConfigError as exc:
        err.print(f"jixiao: {exc.one_line()}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from exc
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    err.print(
        f"jixiao: serving http://{host}:{port}/ (data in {settings.data_dir}, {settings.workers} worker(s))",
        markup=False,
        highlight=False,
    )
    config = uvicorn.Config(
        create_app(settings), host=host, port=port, log_level=log_level, timeout_graceful_shutdown=15
    )
    uvicorn.Server(config).run()
