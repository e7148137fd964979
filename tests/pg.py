"""A throw-away PostgreSQL for tests and benchmarks: the Debian server binaries in a temp dir.

``JIXIAO_TEST_DATABASE_URL`` names a server to use instead (one that lets its user create
databases); otherwise ``initdb``/``pg_ctl`` from ``/usr/lib/postgresql/*/bin`` start one that
listens on a Unix socket only.  PostgreSQL refuses to run as root, so as root the server runs as
a system user made for it (``jixiao-pg``).  Each test gets a fresh database copied from a
migrated template, so no test sees another's rows and none pays for the migrations.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

PG_USER = "jixiao-pg"
TEMPLATE = "jixiao_template"


def server_bin() -> Path | None:
    """The newest installed ``/usr/lib/postgresql/<version>/bin`` with ``initdb``."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else None


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    if subprocess.run(["id", "-u", PG_USER], capture_output=True).returncode != 0:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
            check=True,
            capture_output=True,
        )
    return ["runuser", "-u", PG_USER, "--", *cmd]


@contextmanager
def temporary_server(*, durable: bool = False) -> Iterator[str]:
    """Starts PostgreSQL in a fresh directory and yields the URL of its ``postgres`` database.

    ``durable=False`` turns fsync off (tests); benchmarks pass ``True`` to compare fairly with
    SQLite's ``synchronous=FULL``.
    """
    bindir = server_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL server installed (apt-get install postgresql) and JIXIAO_TEST_DATABASE_URL unset")
    root = Path(tempfile.mkdtemp(prefix="jixiao-pg-"))
    data = root / "data"
    try:
        if os.geteuid() == 0:
            _as_server_user(["true"])  # creates the user
            shutil.chown(root, user=PG_USER)
        subprocess.run(
            _as_server_user(
                [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]
            ),
            check=True,
            capture_output=True,
        )
        options = f"-k {root} -c listen_addresses='' -p 5432 -c max_connections=200"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        started = subprocess.run(
            _as_server_user(
                [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "60", "-o", options, "start"]
            ),
            capture_output=True,
            text=True,
        )
        if started.returncode != 0:
            log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {started.stderr}\n{log}")
        try:
            yield f"postgresql://postgres@/postgres?host={root}&port=5432"
        finally:
            subprocess.run(
                _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                capture_output=True,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` instead."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(admin_url: str, name: str, template: str | None = None) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return with_database(admin_url, name)


def drop_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass(frozen=True)
class PgServer:
    """A running server (its ``postgres`` database's URL) and the migrated template in it."""

    url: str
    template: str


@contextmanager
def pg_server() -> Iterator[PgServer]:
    """The given test server, or a temporary one, with a migrated template database in it."""
    from extractor.service.store.postgres import PostgresStore

    given = os.environ.get("JIXIAO_TEST_DATABASE_URL")
    with (nullcontext(given) if given else temporary_server()) as url:
        template = f"{TEMPLATE}_{uuid.uuid4().hex[:8]}"
        store = PostgresStore(create_database(url, template))
        store.open()
        store.close()
        try:
            yield PgServer(url, template)
        finally:
            drop_database(url, template)


@contextmanager
def fresh_database(server: PgServer) -> Iterator[str]:
    """A new database, already migrated, dropped afterwards."""
    name = f"jixiao_test_{uuid.uuid4().hex[:12]}"
    url = create_database(server.url, name, server.template)
    try:
        yield url
    finally:
        drop_database(server.url, name)


@pytest.fixture(scope="session")
def pg_server_fixture() -> Iterator[PgServer]:
    with pg_server() as server:
        yield server


@pytest.fixture
def pg_url(pg_server_fixture: PgServer) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for one test."""
    with fresh_database(pg_server_fixture) as url:
        yield url


def start_worker(url: str, log: Path, *, lease_s: float = 60.0, threads: int = 1) -> subprocess.Popen[bytes]:
    """``jixiao worker`` in a process of its own on ``url``, logging to ``log``."""
    import sys

    repo = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env.update(PYTHONPATH=str(repo), JIXIAO_LEASE_S=str(lease_s), JIXIAO_DATABASE_URL=url)
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "extractor.cli", "worker", "--workers", str(threads)],
            cwd=repo,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
