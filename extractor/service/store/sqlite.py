"""The embedded default: one SQLite file (WAL) and a directory of uploads, owned by one process.

One service process owns a data directory at a time (an exclusive lock file), which is what
makes :meth:`SqliteStore.recover` safe: every job found ``processing`` at start-up belonged to a
process that is gone.  Writers take SQLite's write lock up front (``BEGIN IMMEDIATE``) and, within
the process, queue on a thread lock first.  Leases time out on this machine's clock, which is
the only clock that writes here.

SQLite runs in WAL mode with ``synchronous=FULL``: a commit that returned is on disk; uploads are
fsynced into ``blobs/`` before the row that names them commits.
"""

from __future__ import annotations

import fcntl
import os
import socket
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from extractor.errors import ConfigError
from extractor.service.blobs import BlobStore
from extractor.service.store import migrate
from extractor.service.store.base import Store, Tx
from extractor.service.store.model import REPORT_COLUMNS, Report, interrupted_reason, now, report_from_row


def _stamp(after_s: float = 0.0) -> str:
    moment = datetime.now(UTC) + timedelta(seconds=after_s)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class SqliteStore(Store):
    """All durable state of one data directory."""

    FOLD = "jx_lower"  # SQLite's lower() folds ASCII only; this one folds every script

    def __init__(
        self, data_dir: Path, *, db_path: Path | None = None, lease_s: float = 60.0, max_attempts: int = 3
    ) -> None:
        super().__init__(lease_s=lease_s, max_attempts=max_attempts)
        self.data_dir = data_dir
        self.db_path = db_path or data_dir / "jixiao.sqlite3"
        self.blobs = BlobStore(data_dir / "blobs")
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._write_lock = threading.Lock()
        self._lock_file: IO[str] | None = None

    @property
    def location(self) -> str:
        return str(self.db_path)

    # -- lifecycle -------------------------------------------------------------------------

    def open(self) -> None:
        """Takes the data directory's lock and migrates the schema; raises ``ConfigError`` if taken."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        lock = open(self.data_dir / "service.lock", "a+", encoding="utf-8")  # noqa: SIM115 - held open
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            raise ConfigError(
                f"another jixiao service is using the data directory {self.data_dir}",
                hint="stop it first, or give this one its own --data-dir",
            ) from None
        lock.seek(0)
        lock.truncate()
        lock.write(f"{socket.gethostname()} {os.getpid()}\n")
        lock.flush()
        self._lock_file = lock
        try:
            con = self._con()
            mode = con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise ConfigError(
                    f"SQLite refused WAL mode for {self.db_path} (got {mode})",
                    hint="put the data directory on a local file system",
                )
            migrate.upgrade_sqlite(con, self.db_path)
        except BaseException:
            self.close()
            raise
        self.blobs.sweep_incomplete()

    def close(self) -> None:
        with self._guard:
            for con in self._connections:
                con.close()
            self._connections.clear()
        self._local = threading.local()
        if self._lock_file is not None:
            fcntl.flock(self._lock_file.fileno(), fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.db_path, isolation_level=None, check_same_thread=False, timeout=30)
            con.row_factory = sqlite3.Row
            con.execute("PRAGMA synchronous=FULL")
            con.execute("PRAGMA foreign_keys=ON")
            con.execute("PRAGMA busy_timeout=30000")
            con.create_function(self.FOLD, 1, _lower, deterministic=True)
            self._local.con = con
            with self._guard:
                self._connections.append(con)
        return con

    @contextmanager
    def _reader(self) -> Iterator[sqlite3.Connection]:
        yield self._con()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes SQLite's write lock up front (no upgrade deadlocks).

        Writers of this process queue on a thread lock first: SQLite's own busy handler
        sleeps in growing steps, which under contention adds tens of milliseconds per write.
        """
        con = self._con()
        with self._write_lock:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    # -- accepting documents ---------------------------------------------------------------

    def submit(self, data: bytes, *, input_kind: str, filename: str, media_type: str) -> tuple[Report, bool]:
        sha = self.blobs.put(data)
        existing = self.by_sha(sha)
        if existing is not None:
            return existing, False
        stamp = now()
        with self._tx() as con:
            if con.execute("SELECT 1 FROM reports WHERE sha256 = ?", (sha,)).fetchone() is None:
                if not self.blobs.path(sha).is_file():  # a deletion of the same bytes removed it meanwhile
                    self.blobs.put(data)
                report_id = _free_id(con, sha)
                con.execute(
                    "INSERT INTO reports (id, sha256, input_kind, filename, media_type, size, status,"
                    " created_at, queued_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
                    (report_id, sha, input_kind, filename, media_type, len(data), stamp, stamp),
                )
                created = True
            else:  # the same bytes, submitted concurrently, won the race
                created = False
        report = self.by_sha(sha)
        assert report is not None
        return report, created

    def _fold(self, needle: str) -> str:
        """SQLite's ``LIKE`` already ignores ASCII case, so a needle without other cased letters
        (Chinese has none) compares the raw column: calling Python per row made a search of
        20,000 reports 3–4× slower.  Ä, Ω and the like still fold through ``jx_lower``."""
        needs_python = any(not ch.isascii() and ch.lower() != ch.upper() for ch in needle)
        return self.FOLD if needs_python else ""

    def read_blob(self, report: Report) -> bytes:
        return self.blobs.get(report.sha256)

    def _drop_upload(self, con: Tx, report: Report) -> None:
        """The blob file goes once the deletion committed (``_after_delete``): a rolled-back
        deletion must still find its bytes."""

    def _after_delete(self, report: Report) -> None:
        """Removes the blob under the write lock unless the same bytes were submitted again since
        (``submit`` re-stores a blob it finds missing under the same lock, so neither loses it)."""
        with self._write_lock:
            if self.by_sha(report.sha256) is None:
                self.blobs.remove(report.sha256)

    # -- the queue ----------------------------------------------------------------------------

    def claim(self, worker_id: str) -> Report | None:
        with self._tx() as con:
            _expire(con, self.max_attempts)
            row = con.execute(
                "SELECT id FROM reports WHERE status = 'queued' ORDER BY queued_at, rowid LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            con.execute(
                "UPDATE reports SET status = 'processing', attempts = attempts + 1, claimed_by = ?,"
                " started_at = ?, lease_until = ?, reason = NULL, error_code = NULL WHERE id = ?",
                (worker_id, now(), _stamp(self.lease_s), row["id"]),
            )
            claimed = con.execute(f"SELECT {REPORT_COLUMNS} FROM reports WHERE id = ?", (row["id"],)).fetchone()
        return report_from_row(claimed)

    def renew(self, worker_id: str, report_ids: Iterable[str]) -> set[str]:
        held: set[str] = set()
        with self._tx() as con:
            for report_id in report_ids:
                cur = con.execute(
                    "UPDATE reports SET lease_until = ? WHERE id = ? AND status = 'processing' AND claimed_by = ?",
                    (_stamp(self.lease_s), report_id, worker_id),
                )
                if cur.rowcount == 1:
                    held.add(report_id)
        return held

    def recover(self, max_attempts: int) -> tuple[list[str], list[str]]:
        """Re-queues every job left ``processing``: only this process, which holds the data
        directory's lock, can be working on one.  A job interrupted ``max_attempts`` times is
        failed instead, with the reason saying so."""
        with self._tx() as con:
            rows = con.execute("SELECT id, attempts FROM reports WHERE status = 'processing'").fetchall()
            return _settle(con, [(r["id"], r["attempts"]) for r in rows], max_attempts)


def _lower(value: str | None) -> str | None:
    """Lower-cases any script (SQLite's built-in ``lower`` leaves Ä as it is)."""
    return value.lower() if isinstance(value, str) else value


def _expire(con: sqlite3.Connection, max_attempts: int) -> None:
    """Settles the jobs whose worker stopped renewing its lease."""
    rows = con.execute(
        "SELECT id, attempts FROM reports WHERE status = 'processing' AND lease_until < ?", (_stamp(),)
    ).fetchall()
    if rows:
        _settle(con, [(r["id"], r["attempts"]) for r in rows], max_attempts)


def _settle(con: sqlite3.Connection, jobs: list[tuple[str, int]], max_attempts: int) -> tuple[list[str], list[str]]:
    """Interrupted jobs go to the back of the queue, or fail once their attempts are spent."""
    requeued = [i for i, attempts in jobs if attempts < max_attempts]
    failed = [i for i, attempts in jobs if attempts >= max_attempts]
    stamp = now()
    con.executemany(
        "UPDATE reports SET status = 'queued', queued_at = ?, claimed_by = NULL, lease_until = NULL WHERE id = ?",
        [(stamp, i) for i in requeued],
    )
    con.executemany(
        "UPDATE reports SET status = 'failed', reason = ?, error_code = 'interrupted', finished_at = ?,"
        " lease_until = NULL WHERE id = ?",
        [(interrupted_reason(max_attempts), stamp, i) for i in failed],
    )
    return requeued, failed


def _free_id(con: sqlite3.Connection, sha: str) -> str:
    """The shortest prefix of the hash (16 hex digits and up) that no other report uses."""
    for length in (16, 24, 32, 64):
        if con.execute("SELECT 1 FROM reports WHERE id = ?", (sha[:length],)).fetchone() is None:
            return sha[:length]
    raise sqlite3.IntegrityError(f"report id {sha} already taken")
