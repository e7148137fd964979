"""The durable store: reports, their processing queue, results and corrections in one SQLite file.

The queue is the ``status`` column of ``reports`` (queued → processing → done | failed), so
accepting a document and queueing it is one commit, and a job cannot be lost between a queue
and a database.  A worker claims a job in a write transaction that flips its status; a process
killed mid-job leaves it ``processing``, and :meth:`Store.recover` puts it back in the queue at
the next start.  One service process owns a data directory at a time (an exclusive lock file),
which is what makes that recovery safe.

SQLite runs in WAL mode with ``synchronous=FULL``: a commit that returned is on disk.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Literal

from extractor.errors import ConfigError
from extractor.service.blobs import BlobStore

Status = Literal["queued", "processing", "done", "failed"]
STATUSES: tuple[Status, ...] = ("queued", "processing", "done", "failed")
SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reports (
    id          TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,          -- of the raw bytes; the blob's name
    input_kind  TEXT NOT NULL CHECK (input_kind IN ('file', 'text')),
    filename    TEXT NOT NULL,                 -- a display label only, never a path
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('queued', 'processing', 'done', 'failed')),
    reason      TEXT,
    error_code  TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    claimed_by  TEXT,
    created_at  TEXT NOT NULL,
    queued_at   TEXT NOT NULL,
    started_at  TEXT,
    finished_at TEXT,
    duration_ms INTEGER
);
CREATE INDEX IF NOT EXISTS reports_queue ON reports (status, queued_at);
CREATE INDEX IF NOT EXISTS reports_created ON reports (created_at);
CREATE TABLE IF NOT EXISTS results (
    report_id  TEXT PRIMARY KEY REFERENCES reports (id),
    extraction TEXT NOT NULL,   -- DocumentResult.to_output(), as extracted; never modified
    layout     TEXT NOT NULL,   -- grids and text the page draws
    effective  TEXT             -- extraction with the corrections applied, re-validated; NULL: none
);
CREATE TABLE IF NOT EXISTS corrections (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id  TEXT NOT NULL REFERENCES reports (id),
    form_index INTEGER NOT NULL,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,   -- what the operator typed
    previous   TEXT,            -- JSON of the traced value it replaced
    author     TEXT NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corrections_report ON corrections (report_id, form_index, id);
"""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Report:
    """One accepted document and where it stands."""

    id: str
    sha256: str
    input_kind: str
    filename: str
    media_type: str
    size: int
    status: Status
    reason: str | None
    error_code: str | None
    attempts: int
    claimed_by: str | None
    created_at: str
    queued_at: str
    started_at: str | None
    finished_at: str | None
    duration_ms: int | None


@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    report_id: str
    form_index: int
    field: str
    value: str
    previous: Any
    author: str
    note: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class StoredResult:
    extraction: dict[str, Any]
    layout: dict[str, Any]
    effective: dict[str, Any]


class Store:
    """All durable state of one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.db_path = data_dir / "jixiao.sqlite3"
        self.blobs = BlobStore(data_dir / "blobs")
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._write_lock = threading.Lock()
        self._lock_file: IO[str] | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def open(self) -> None:
        """Takes the data directory's lock and creates the schema; raises ``ConfigError`` if taken."""
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
        con = self._con()
        mode = con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise ConfigError(
                f"SQLite refused WAL mode for {self.db_path} (got {mode})",
                hint="put the data directory on a local file system",
            )
        con.executescript(_SCHEMA)
        con.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
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
            self._local.con = con
            with self._guard:
                self._connections.append(con)
        return con

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
        """Stores the bytes, then the queued report; returns ``(report, created)``.

        Returns the existing report, whatever its status, when the same bytes were submitted
        before.  Both writes are on disk when this returns.
        """
        sha = self.blobs.put(data)
        existing = self.by_sha(sha)
        if existing is not None:
            return existing, False
        stamp = now()
        try:
            with self._tx() as con:
                report_id = _free_id(con, sha)
                con.execute(
                    "INSERT INTO reports (id, sha256, input_kind, filename, media_type, size, status,"
                    " created_at, queued_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
                    (report_id, sha, input_kind, filename, media_type, len(data), stamp, stamp),
                )
        except sqlite3.IntegrityError:  # the same bytes, submitted concurrently, won the race
            existing = self.by_sha(sha)
            if existing is None:
                raise
            return existing, False
        report = self.get(report_id)
        assert report is not None
        return report, True

    def read_blob(self, report: Report) -> bytes:
        return self.blobs.get(report.sha256)

    # -- reading ----------------------------------------------------------------------------

    def get(self, report_id: str) -> Report | None:
        row = self._con().execute("SELECT * FROM reports WHERE id = ?", (report_id,)).fetchone()
        return _report(row) if row else None

    def by_sha(self, sha256: str) -> Report | None:
        row = self._con().execute("SELECT * FROM reports WHERE sha256 = ?", (sha256,)).fetchone()
        return _report(row) if row else None

    def page(self, *, limit: int, offset: int, status: Status | None = None) -> tuple[list[Report], int]:
        where, args = ("WHERE status = ?", [status]) if status else ("", [])
        con = self._con()
        total = con.execute(f"SELECT count(*) FROM reports {where}", args).fetchone()[0]
        rows = con.execute(
            f"SELECT * FROM reports {where} ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?",
            (*args, limit, offset),
        ).fetchall()
        return [_report(r) for r in rows], int(total)

    def counts(self) -> dict[str, int]:
        rows = self._con().execute("SELECT status, count(*) FROM reports GROUP BY status").fetchall()
        out: dict[str, int] = {s: 0 for s in STATUSES}
        out.update({r[0]: int(r[1]) for r in rows})
        return out

    def result(self, report_id: str) -> StoredResult | None:
        row = self._con().execute("SELECT * FROM results WHERE report_id = ?", (report_id,)).fetchone()
        if row is None:
            return None
        extraction = json.loads(row["extraction"])
        effective = json.loads(row["effective"]) if row["effective"] is not None else extraction
        return StoredResult(extraction, json.loads(row["layout"]), effective)

    def corrections(self, report_id: str, form_index: int | None = None) -> list[Correction]:
        sql = "SELECT * FROM corrections WHERE report_id = ?"
        args: tuple[object, ...] = (report_id,)
        if form_index is not None:
            sql, args = sql + " AND form_index = ?", (report_id, form_index)
        rows = self._con().execute(sql + " ORDER BY id", args).fetchall()
        return [_correction(r) for r in rows]

    # -- the queue ----------------------------------------------------------------------------

    def claim(self, worker_id: str) -> Report | None:
        """Atomically takes the oldest queued report and marks it ``processing`` by ``worker_id``."""
        with self._tx() as con:
            row = con.execute(
                "SELECT id FROM reports WHERE status = 'queued' ORDER BY queued_at, rowid LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            con.execute(
                "UPDATE reports SET status = 'processing', attempts = attempts + 1, claimed_by = ?,"
                " started_at = ?, reason = NULL, error_code = NULL WHERE id = ? AND status = 'queued'",
                (worker_id, now(), row["id"]),
            )
            claimed = con.execute("SELECT * FROM reports WHERE id = ?", (row["id"],)).fetchone()
        return _report(claimed)

    def complete(
        self,
        report_id: str,
        worker_id: str,
        extraction: dict[str, Any] | str,
        layout: dict[str, Any] | str,
        duration_ms: int,
    ) -> bool:
        """Stores the result and marks the report done, if ``worker_id`` still holds the claim.

        ``extraction`` and ``layout`` may come as JSON text already (the job child serialises
        them, so that megabytes of ``json.dumps`` do not hold the service's GIL).
        """
        extraction_json = extraction if isinstance(extraction, str) else json.dumps(extraction, ensure_ascii=False)
        layout_json = layout if isinstance(layout, str) else json.dumps(layout, ensure_ascii=False)
        with self._tx() as con:
            if not _holds(con, report_id, worker_id):
                return False
            con.execute(
                "INSERT OR REPLACE INTO results (report_id, extraction, layout, effective) VALUES (?, ?, ?, NULL)",
                (report_id, extraction_json, layout_json),
            )
            con.execute(
                "UPDATE reports SET status = 'done', finished_at = ?, duration_ms = ?, reason = NULL,"
                " error_code = NULL WHERE id = ?",
                (now(), duration_ms, report_id),
            )
        return True

    def fail(self, report_id: str, worker_id: str, reason: str, error_code: str, duration_ms: int) -> bool:
        with self._tx() as con:
            if not _holds(con, report_id, worker_id):
                return False
            con.execute(
                "UPDATE reports SET status = 'failed', reason = ?, error_code = ?, finished_at = ?,"
                " duration_ms = ? WHERE id = ?",
                (reason, error_code, now(), duration_ms, report_id),
            )
        return True

    def release(self, report_id: str, worker_id: str) -> bool:
        """Puts a job ``worker_id`` holds back at the head of the queue, its attempt not charged.

        For a worker that stops a job it did not fail (the service is shutting down): the job
        keeps its place (``queued_at``) and its attempt count goes back to what it was.
        """
        with self._tx() as con:
            cur = con.execute(
                "UPDATE reports SET status = 'queued', claimed_by = NULL, started_at = NULL,"
                " attempts = max(attempts - 1, 0) WHERE id = ? AND status = 'processing' AND claimed_by = ?",
                (report_id, worker_id),
            )
        return cur.rowcount == 1

    def recover(self, max_attempts: int) -> tuple[list[str], list[str]]:
        """Re-queues jobs a dead process left ``processing``; returns (re-queued ids, failed ids).

        Only safe while this process holds the data directory's lock, which :meth:`open` takes.
        A job interrupted ``max_attempts`` times is failed instead, with the reason saying so.
        """
        with self._tx() as con:
            rows = con.execute("SELECT id, attempts FROM reports WHERE status = 'processing'").fetchall()
            requeued = [r["id"] for r in rows if r["attempts"] < max_attempts]
            failed = [r["id"] for r in rows if r["attempts"] >= max_attempts]
            con.executemany(
                "UPDATE reports SET status = 'queued', claimed_by = NULL WHERE id = ?", [(i,) for i in requeued]
            )
            reason = (
                f"processing was interrupted {max_attempts} times (the service stopped mid-job); "
                "retry it once the cause is fixed"
            )
            con.executemany(
                "UPDATE reports SET status = 'failed', reason = ?, error_code = 'interrupted', finished_at = ?"
                " WHERE id = ?",
                [(reason, now(), i) for i in failed],
            )
        return requeued, failed

    def retry(self, report_id: str) -> Report | None:
        """Puts a failed report back in the queue; ``None`` when it is not failed."""
        with self._tx() as con:
            cur = con.execute(
                "UPDATE reports SET status = 'queued', queued_at = ?, claimed_by = NULL, attempts = 0"
                " WHERE id = ? AND status = 'failed'",
                (now(), report_id),
            )
            if cur.rowcount == 0:
                return None
        return self.get(report_id)

    # -- corrections --------------------------------------------------------------------------

    def add_corrections(
        self,
        report_id: str,
        form_index: int,
        items: list[tuple[str, str, Any]],
        *,
        author: str,
        note: str | None,
        recompute: Callable[[dict[str, Any], list[Correction]], dict[str, Any]],
    ) -> list[Correction]:
        """Records ``(field, value, previous)`` items and stores the re-validated document.

        ``recompute(extraction, all_corrections)`` runs inside the write transaction, so two
        operators correcting the same report at once cannot overwrite each other's work.
        """
        stamp = now()
        with self._tx() as con:
            row = con.execute("SELECT extraction FROM results WHERE report_id = ?", (report_id,)).fetchone()
            if row is None:
                raise LookupError(report_id)
            con.executemany(
                "INSERT INTO corrections (report_id, form_index, field, value, previous, author, note, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (report_id, form_index, f, v, json.dumps(p, ensure_ascii=False), author, note, stamp)
                    for f, v, p in items
                ],
            )
            rows = con.execute("SELECT * FROM corrections WHERE report_id = ? ORDER BY id", (report_id,)).fetchall()
            every = [_correction(r) for r in rows]
            effective = recompute(json.loads(row["extraction"]), every)
            con.execute(
                "UPDATE results SET effective = ? WHERE report_id = ?",
                (json.dumps(effective, ensure_ascii=False), report_id),
            )
        return every


def _free_id(con: sqlite3.Connection, sha: str) -> str:
    """The shortest prefix of the hash (16 hex digits and up) that no other report uses."""
    for length in (16, 24, 32, 64):
        if con.execute("SELECT 1 FROM reports WHERE id = ?", (sha[:length],)).fetchone() is None:
            return sha[:length]
    raise sqlite3.IntegrityError(f"report id {sha} already taken")


def _holds(con: sqlite3.Connection, report_id: str, worker_id: str) -> bool:
    row = con.execute("SELECT status, claimed_by FROM reports WHERE id = ?", (report_id,)).fetchone()
    return row is not None and row["status"] == "processing" and row["claimed_by"] == worker_id


def _report(row: sqlite3.Row) -> Report:
    return Report(**{k: row[k] for k in Report.__slots__})  # type: ignore[attr-defined]


def _correction(row: sqlite3.Row) -> Correction:
    previous = json.loads(row["previous"]) if row["previous"] else None
    return Correction(
        row["id"],
        row["report_id"],
        row["form_index"],
        row["field"],
        row["value"],
        previous,
        row["author"],
        row["note"],
        row["created_at"],
    )
