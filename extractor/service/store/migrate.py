"""Schema migrations for both backends, with alembic, applied when a store opens.

Alembic (on SQLAlchemy) only runs the scripts in ``migrations/``; the store itself talks to the
databases through their own drivers.  Opening a store first reads ``alembic_version`` with that
driver and skips alembic altogether when the schema is already at :data:`HEAD` — importing
SQLAlchemy costs a few hundred milliseconds per start.  On PostgreSQL the upgrade runs under an
advisory lock, so servers and workers started together migrate once and the others wait.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

HEAD = "0003"  # the newest revision in migrations/versions (a test checks they agree)
MIGRATIONS = Path(__file__).with_name("migrations")
_PG_LOCK = 0x6A697869616F  # "jixiao": the advisory lock key migrations run under


def _config(connection: Any) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def script_head() -> str:
    """The head revision of the migration scripts, read by alembic."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config(None)).get_current_head()
    assert head is not None
    return head


def _upgrade(creator: Any, dialect: str) -> None:
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(f"{dialect}://", creator=creator, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            command.upgrade(_config(connection), "head")
    finally:
        engine.dispose()


def sqlite_revision(con: sqlite3.Connection) -> str | None:
    exists = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
    if exists is None:
        return None
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def upgrade_sqlite(con: sqlite3.Connection, db_path: Path) -> None:
    """Brings the SQLite file to :data:`HEAD`; the caller holds the data directory's lock."""
    if sqlite_revision(con) == HEAD:
        return
    _upgrade(lambda: sqlite3.connect(db_path), "sqlite")


def postgres_revision(con: Any) -> str | None:
    if con.execute("SELECT to_regclass('alembic_version') AS t").fetchone()["t"] is None:
        return None
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return row["version_num"] if row else None


def upgrade_postgres(con: Any, url: str) -> None:
    """Brings the database to :data:`HEAD` under an advisory lock held on ``con`` (autocommit)."""
    if postgres_revision(con) == HEAD:
        return
    import psycopg

    con.execute("SELECT pg_advisory_lock(%s)", (_PG_LOCK,))
    try:
        if postgres_revision(con) != HEAD:  # another process may have migrated while we waited
            _upgrade(lambda: psycopg.connect(url), "postgresql+psycopg")
    finally:
        con.execute("SELECT pg_advisory_unlock(%s)", (_PG_LOCK,))
