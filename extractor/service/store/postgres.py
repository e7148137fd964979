"""PostgreSQL: one database shared by any number of API servers and worker processes.

Jobs are claimed with ``FOR UPDATE SKIP LOCKED`` — concurrent claimers each lock a different
queued row without waiting on each other — for a lease timed by the *database's* clock, so
workers on machines whose clocks disagree still agree on when a lease ran out.  There is no
owner process and so no start-up recovery of other processes' jobs: a job whose worker died is
settled by the next claim once its lease has expired.

Uploads are kept in the database too (``uploads``, bytea): every worker that reaches the
database can read them without a shared file system, and the bytes commit in the same
transaction as the report that names them, so neither can exist without the other.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from extractor.errors import ConfigError
from extractor.service.blobs import BlobCorrupt
from extractor.service.settings import redact
from extractor.service.store import migrate
from extractor.service.store.base import Store, Tx
from extractor.service.store.model import REPORT_COLUMNS, Report, interrupted_reason, now, report_from_row

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

_LEASE = "clock_timestamp() + make_interval(secs => ?)"
_CHANNEL = "jixiao_jobs"  # NOTIFY channel: a job was queued
log = logging.getLogger("jixiao.service")


class _Pg:
    """A psycopg connection that takes the ``?`` placeholders the shared SQL is written with."""

    def __init__(self, con: psycopg.Connection[Any]) -> None:
        self.con = con

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return self.con.execute(sql.replace("?", "%s"), args)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.con.cursor() as cur:
            cur.executemany(sql.replace("?", "%s"), list(rows))


class PostgresStore(Store):
    """The store on a PostgreSQL database named by a ``postgresql://`` URL."""

    SEQ = "seq"
    FOR_UPDATE = " FOR UPDATE"

    def __init__(self, url: str, *, lease_s: float = 60.0, max_attempts: int = 3, pool_size: int = 8) -> None:
        super().__init__(lease_s=lease_s, max_attempts=max_attempts)
        self.url = url
        self.pool_size = pool_size
        self._pool: ConnectionPool | None = None
        self._callbacks: list[Callable[[], None]] = []
        self._listener: threading.Thread | None = None
        self._closing = threading.Event()

    @property
    def location(self) -> str:
        return redact(self.url)

    def open(self) -> None:
        """Connects, migrates (once across processes) and opens a connection pool."""
        import psycopg
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        try:
            with psycopg.connect(self.url, autocommit=True, row_factory=dict_row, connect_timeout=10) as con:
                migrate.upgrade_postgres(con, self.url)
        except psycopg.OperationalError as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ConfigError(
                f"cannot use the database {self.location} ({detail})",
                hint="check JIXIAO_DATABASE_URL / --database-url and that PostgreSQL is running",
            ) from None
        self._pool = ConnectionPool(
            self.url,
            min_size=1,
            max_size=self.pool_size,
            kwargs={"autocommit": True, "row_factory": dict_row},
            open=True,
            name="jixiao",
        )
        self._pool.wait(timeout=30)

    def close(self) -> None:
        self._closing.set()
        if self._listener is not None:
            self._listener.join(timeout=5)
            self._listener = None
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def on_new_jobs(self, callback: Callable[[], None]) -> None:
        """``LISTEN`` on a connection of its own: a submission on any server wakes idle workers
        at once instead of at their next poll."""
        self._callbacks.append(callback)
        if self._listener is None:
            self._closing.clear()
            self._listener = threading.Thread(target=self._listen, name="jixiao-listen", daemon=True)
            self._listener.start()

    def _listen(self) -> None:
        import psycopg

        while not self._closing.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as con:
                    con.execute(f"LISTEN {_CHANNEL}")
                    while not self._closing.is_set():
                        for _ in con.notifies(timeout=0.5, stop_after=1):
                            for callback in list(self._callbacks):
                                callback()
            except psycopg.Error as exc:  # the workers still poll; listen again shortly
                log.warning("listening for new jobs failed (%s); retrying", exc)
                self._closing.wait(1.0)

    def _announce(self, con: Tx) -> None:
        con.execute(f"NOTIFY {_CHANNEL}")

    @contextmanager
    def _reader(self) -> Iterator[_Pg]:
        if self._pool is None:
            raise RuntimeError("the store is not open")
        with self._pool.connection() as con:
            yield _Pg(con)

    @contextmanager
    def _tx(self) -> Iterator[_Pg]:
        if self._pool is None:
            raise RuntimeError("the store is not open")
        with self._pool.connection() as con, con.transaction():
            yield _Pg(con)

    # -- accepting documents ---------------------------------------------------------------

    def submit(self, data: bytes, *, input_kind: str, filename: str, media_type: str) -> tuple[Report, bool]:
        sha = hashlib.sha256(data).hexdigest()
        existing = self.by_sha(sha)
        if existing is not None:
            return existing, False
        stamp = now()
        with self._tx() as con:
            # a concurrent insert of the same bytes (another server) waits on the unique index
            # and then does nothing: both servers answer with the one report
            con.execute("INSERT INTO uploads (sha256, data) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING", (sha, data))
            cur = con.execute(
                "INSERT INTO reports (id, sha256, input_kind, filename, media_type, size, status, created_at,"
                " queued_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT (sha256) DO NOTHING",
                (_free_id(con, sha), sha, input_kind, filename, media_type, len(data), stamp, stamp),
            )
            created = cur.rowcount == 1
            if created:
                self._announce(con)
        report = self.by_sha(sha)
        assert report is not None
        return report, created

    def read_blob(self, report: Report) -> bytes:
        row = self._one("SELECT data FROM uploads WHERE sha256 = ?", (report.sha256,))
        if row is None:
            raise BlobCorrupt(f"the stored upload {report.sha256[:12]}… is missing from the database")
        data = bytes(row["data"])
        if hashlib.sha256(data).hexdigest() != report.sha256:
            raise BlobCorrupt(f"the stored upload {report.sha256[:12]}… no longer matches its hash")
        return data

    def _drop_upload(self, con: Tx, report: Report) -> None:
        con.execute("DELETE FROM uploads WHERE sha256 = ?", (report.sha256,))

    # -- the queue ----------------------------------------------------------------------------

    def claim(self, worker_id: str) -> Report | None:
        with self._tx() as con:
            self._expire(con, self.max_attempts)
            row = con.execute(
                "UPDATE reports SET status = 'processing', attempts = attempts + 1, claimed_by = ?,"
                f" started_at = ?, lease_until = {_LEASE}, reason = NULL, error_code = NULL"
                " WHERE id = (SELECT id FROM reports WHERE status = 'queued' ORDER BY queued_at, seq LIMIT 1"
                f" FOR UPDATE SKIP LOCKED) RETURNING {REPORT_COLUMNS}",
                (worker_id, now(), float(self.lease_s)),
            ).fetchone()
        return report_from_row(row) if row else None

    def renew(self, worker_id: str, report_ids: Iterable[str]) -> set[str]:
        ids = list(report_ids)
        if not ids:
            return set()
        with self._tx() as con:
            rows = con.execute(
                f"UPDATE reports SET lease_until = {_LEASE} WHERE id = ANY(?) AND status = 'processing'"
                " AND claimed_by = ? RETURNING id",
                (float(self.lease_s), ids, worker_id),
            ).fetchall()
        return {r["id"] for r in rows}

    def recover(self, max_attempts: int) -> tuple[list[str], list[str]]:
        """Settles only jobs whose lease ran out: other processes may be working on the rest."""
        with self._tx() as con:
            requeued, failed = self._expire(con, max_attempts)
            if requeued:
                self._announce(con)
            return requeued, failed

    @staticmethod
    def _expire(con: _Pg, max_attempts: int) -> tuple[list[str], list[str]]:
        """Fails expired jobs whose attempts are spent and sends the others to the queue's end."""
        stamp = now()
        expired = (
            "SELECT id FROM reports WHERE status = 'processing' AND lease_until < clock_timestamp() {extra}"
            " FOR UPDATE SKIP LOCKED"
        )
        failed = con.execute(
            "UPDATE reports SET status = 'failed', reason = ?, error_code = 'interrupted', finished_at = ?,"
            f" lease_until = NULL WHERE id IN ({expired.format(extra='AND attempts >= ?')}) RETURNING id",
            (interrupted_reason(max_attempts), stamp, max_attempts),
        ).fetchall()
        requeued = con.execute(
            "UPDATE reports SET status = 'queued', queued_at = ?, claimed_by = NULL, lease_until = NULL"
            f" WHERE id IN ({expired.format(extra='')}) RETURNING id",
            (stamp,),
        ).fetchall()
        return [r["id"] for r in requeued], [r["id"] for r in failed]


def _free_id(con: _Pg, sha: str) -> str:
    """The shortest prefix of the hash (16 hex digits and up) that no other report uses."""
    for length in (16, 24, 32):
        if con.execute("SELECT 1 FROM reports WHERE id = ? AND sha256 <> ?", (sha[:length], sha)).fetchone() is None:
            return sha[:length]
    return sha
