"""The store's one interface, with the SQL both backends share.

A report row is also its job: ``status`` moves queued → processing → done | failed, so accepting
a document and queueing it is one commit, and no job can be lost between a queue and a database.
A worker *claims* a job for a lease (``lease_until``); while it works it renews the lease, and
its result or failure only lands while it still holds the claim.  A worker that dies stops
renewing; once the lease runs out the next claim puts the job back in the queue (at its end, so
a job that kills its worker does not starve the others) or, after ``max_attempts`` claims that
all ended without an answer, fails it as interrupted.

Backends differ only where SQL does: how a write transaction is taken (SQLite's one writer vs
PostgreSQL's row locks with ``FOR UPDATE SKIP LOCKED``), whose clock times a lease, where the
uploaded bytes live, and how the schema is created (``migrate.py``, alembic for both).  The
statements here are written with ``?`` placeholders; the PostgreSQL backend converts them.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from extractor.service.store.model import (
    REPORT_COLUMNS,
    STATUSES,
    Correction,
    Report,
    ReportBusy,
    Status,
    StoreConflict,
    StoredResult,
    correction_from_row,
    now,
    report_from_row,
)
from extractor.service.store.search import (
    Listed,
    ReportQuery,
    ReportSummary,
    save_summary,
    summarize,
    summary_from_row,
    where_clause,
)

# How often add_corrections re-reads and re-applies when another request changed the same
# report between its read and its write; each round applies only the request's own items.
CORRECTION_ROUNDS = 50

Recompute = Callable[[dict[str, Any], list[Correction]], dict[str, Any]]


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...  # read-only, as sqlite3.Cursor declares it

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Tx(Protocol):
    """A connection inside a transaction (or in autocommit for reads), ``?`` placeholders."""

    def execute(self, sql: str, args: Sequence[Any] = ...) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any: ...


class Store(ABC):
    """All durable state of the service: reports and their jobs, uploads, results, corrections."""

    #: what ``page`` and ``claim`` break ties on: insertion order
    SEQ = "rowid"
    #: the SQL function that lower-cases any script for a search (SQLite's own ``lower`` is ASCII only)
    FOLD = "lower"
    #: what locks a row read inside a write transaction (SQLite's write lock already covers it)
    FOR_UPDATE = ""
    #: the display name of a pasted text that names nothing: 粘贴文本 and the day it came in
    PASTED_NAME = "'粘贴文本 ' || substr(r.created_at, 1, 10)"

    def __init__(self, *, lease_s: float, max_attempts: int) -> None:
        self.lease_s = lease_s
        self.max_attempts = max_attempts

    # -- what each backend provides ---------------------------------------------------------

    @abstractmethod
    def open(self) -> None:
        """Connects, brings the schema up to date and makes the store ready for use."""

    @abstractmethod
    def close(self) -> None: ...

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the data lives, for logs (never with a password)."""

    @abstractmethod
    def _tx(self) -> AbstractContextManager[Tx]:
        """A write transaction; rolled back if the block raises."""

    @abstractmethod
    def _reader(self) -> AbstractContextManager[Tx]:
        """A connection for reads that see the latest commits."""

    @abstractmethod
    def submit(self, data: bytes, *, input_kind: str, filename: str, media_type: str) -> tuple[Report, bool]:
        """Stores the bytes and the queued report; returns ``(report, created)``.

        The same bytes submitted before — by any server on the same database — answer with
        the existing report, whatever its status.  Both are durable when this returns.
        """

    @abstractmethod
    def read_blob(self, report: Report) -> bytes:
        """The uploaded bytes, checked against their hash (``BlobCorrupt`` otherwise)."""

    @abstractmethod
    def claim(self, worker_id: str) -> Report | None:
        """Takes the oldest queued job for ``lease_s`` seconds, after expiring dead leases."""

    @abstractmethod
    def renew(self, worker_id: str, report_ids: Iterable[str]) -> set[str]:
        """Extends the leases ``worker_id`` still holds; returns the ids it still holds."""

    @abstractmethod
    def recover(self, max_attempts: int) -> tuple[list[str], list[str]]:
        """At start-up: re-queues jobs no live worker holds; returns (re-queued, failed) ids."""

    def on_new_jobs(self, callback: Callable[[], None]) -> None:
        """Calls ``callback`` when another process queues a job (a no-op where only this process
        can: the in-process pool is told directly)."""
        return None  # a default, not an abstract method: SQLite has no other process to hear

    def _announce(self, con: Tx) -> None:
        """Tells the other processes, when the transaction commits, that a job was queued."""
        return None  # a default, not an abstract method: SQLite has no other process to tell

    @abstractmethod
    def _drop_upload(self, con: Tx, report: Report) -> None:
        """Removes the uploaded bytes of a report being deleted, inside its transaction (or, for a
        file, arranges their removal once it commits)."""

    def _after_delete(self, report: Report) -> None:
        """Runs once a deletion committed (SQLite removes the blob file then)."""
        return None  # a default, not an abstract method: a store without blob files has nothing to do

    # -- reading ----------------------------------------------------------------------------

    def _one(self, sql: str, args: Sequence[Any] = ()) -> Any:
        with self._reader() as con:
            return con.execute(sql, args).fetchone()

    def _all(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        with self._reader() as con:
            return con.execute(sql, args).fetchall()

    def get(self, report_id: str) -> Report | None:
        row = self._one(f"SELECT {REPORT_COLUMNS} FROM reports WHERE id = ?", (report_id,))
        return report_from_row(row) if row else None

    def by_sha(self, sha256: str) -> Report | None:
        row = self._one(f"SELECT {REPORT_COLUMNS} FROM reports WHERE sha256 = ?", (sha256,))
        return report_from_row(row) if row else None

    def page(self, *, limit: int, offset: int, status: Status | None = None) -> tuple[list[Report], int]:
        where, args = ("WHERE status = ?", [status]) if status else ("", [])
        total = self._one(f"SELECT count(*) AS n FROM reports {where}", args)["n"]
        rows = self._all(
            f"SELECT {REPORT_COLUMNS} FROM reports {where} ORDER BY created_at DESC, {self.SEQ} DESC LIMIT ? OFFSET ?",
            (*args, limit, offset),
        )
        return [report_from_row(r) for r in rows], int(total)

    def search(self, query: ReportQuery, *, pasted_label: str = "") -> tuple[list[Listed], int]:
        """The reports ``query`` selects, newest first, with their summaries, and how many match.

        ``q`` matches the file name, the label read from the result (a pasted text's display
        name), the unit and the project, and a nameless paste's ``粘贴文本 <date>``; a pasted text
        stored under ``pasted_label`` (no title was given) is only found by what was read from it.
        """
        sql_where, args = where_clause(query, self._fold, pasted_label=pasted_label, pasted_name=self.PASTED_NAME)
        sql_from = "FROM reports r LEFT JOIN summaries s ON s.report_id = r.id"
        total = self._one(f"SELECT count(*) AS n {sql_from} {sql_where}", args)["n"]
        columns = ", ".join(f"r.{c}" for c in REPORT_COLUMNS.split(", "))
        summary_columns = ", ".join(
            f"s.{c} AS s_{c}" for c in ("forms", "errors", "warnings", "unit", "project", "year", "label")
        )
        rows = self._all(
            f"SELECT {columns}, {summary_columns} {sql_from} {sql_where}"
            f" ORDER BY r.created_at DESC, r.{self.SEQ} DESC LIMIT ? OFFSET ?",
            (*args, query.limit, query.offset),
        )
        return [Listed(report_from_row(r), summary_from_row(r)) for r in rows], int(total)

    def _fold(self, needle: str) -> str:
        """The function that lower-cases a column before it is compared with ``needle`` lower-cased."""
        return self.FOLD

    def summary(self, report_id: str) -> ReportSummary | None:
        """The stored summary of a finished report (``codes`` included)."""
        row = self._one(
            "SELECT forms AS s_forms, errors AS s_errors, warnings AS s_warnings, unit AS s_unit,"
            " project AS s_project, year AS s_year, label AS s_label FROM summaries WHERE report_id = ?",
            (report_id,),
        )
        found = summary_from_row(row) if row else None
        if found is None:
            return None
        codes = self._all("SELECT code FROM report_findings WHERE report_id = ? ORDER BY code", (report_id,))
        return ReportSummary(**{**_fields(found), "codes": tuple(r["code"] for r in codes)})

    def counts(self) -> dict[str, int]:
        rows = self._all("SELECT status, count(*) AS n FROM reports GROUP BY status")
        out: dict[str, int] = {s: 0 for s in STATUSES}
        out.update({r["status"]: int(r["n"]) for r in rows})
        return out

    def result(self, report_id: str) -> StoredResult | None:
        row = self._one("SELECT extraction, layout, effective FROM results WHERE report_id = ?", (report_id,))
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
        return [correction_from_row(r) for r in self._all(sql + " ORDER BY id", args)]

    # -- finishing jobs ---------------------------------------------------------------------

    def complete(
        self,
        report_id: str,
        worker_id: str,
        extraction: dict[str, Any] | str,
        layout: dict[str, Any] | str,
        duration_ms: int,
        summary: ReportSummary | None = None,
    ) -> bool:
        """Stores the result and its summary and marks the report done, if ``worker_id`` still
        holds the claim.

        ``extraction`` and ``layout`` may come as JSON text already (the job child serialises
        them, so that megabytes of ``json.dumps`` do not hold the service's GIL); the child then
        passes ``summary`` too, which is otherwise read from the extraction here.
        """
        if summary is None:
            summary = summarize(json.loads(extraction) if isinstance(extraction, str) else extraction)
        extraction_json = extraction if isinstance(extraction, str) else json.dumps(extraction, ensure_ascii=False)
        layout_json = layout if isinstance(layout, str) else json.dumps(layout, ensure_ascii=False)
        with self._tx() as con:
            cur = con.execute(
                "UPDATE reports SET status = 'done', finished_at = ?, duration_ms = ?, reason = NULL,"
                " error_code = NULL, lease_until = NULL WHERE id = ? AND status = 'processing' AND claimed_by = ?",
                (now(), duration_ms, report_id, worker_id),
            )
            if cur.rowcount != 1:
                return False
            con.execute(
                "INSERT INTO results (report_id, extraction, layout, effective, version) VALUES (?, ?, ?, NULL, 0)"
                " ON CONFLICT (report_id) DO UPDATE SET extraction = excluded.extraction,"
                " layout = excluded.layout, effective = NULL, version = results.version + 1",
                (report_id, extraction_json, layout_json),
            )
            save_summary(con, report_id, summary)
        return True

    def fail(self, report_id: str, worker_id: str, reason: str, error_code: str, duration_ms: int) -> bool:
        """Marks the report failed with ``reason``, if ``worker_id`` still holds the claim."""
        with self._tx() as con:
            cur = con.execute(
                "UPDATE reports SET status = 'failed', reason = ?, error_code = ?, finished_at = ?,"
                " duration_ms = ?, lease_until = NULL WHERE id = ? AND status = 'processing' AND claimed_by = ?",
                (reason, error_code, now(), duration_ms, report_id, worker_id),
            )
            return cur.rowcount == 1

    def release(self, report_id: str, worker_id: str) -> bool:
        """Gives a claimed job back to the queue without charging the attempt (a graceful stop).

        It keeps its place in the queue.  ``False`` when ``worker_id`` no longer holds it.
        """
        with self._tx() as con:
            cur = con.execute(
                "UPDATE reports SET status = 'queued',"
                " attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,"
                " claimed_by = NULL, started_at = NULL, lease_until = NULL"
                " WHERE id = ? AND status = 'processing' AND claimed_by = ?",
                (report_id, worker_id),
            )
            if cur.rowcount == 1:
                self._announce(con)
            return cur.rowcount == 1

    def retry(self, report_id: str) -> Report | None:
        """Puts a failed report back in the queue; ``None`` when it is not failed."""
        with self._tx() as con:
            cur = con.execute(
                "UPDATE reports SET status = 'queued', queued_at = ?, claimed_by = NULL, attempts = 0,"
                " lease_until = NULL WHERE id = ? AND status = 'failed'",
                (now(), report_id),
            )
            if cur.rowcount == 0:
                return None
            # read back inside the transaction: once it commits a woken worker may claim (and
            # even finish) the report before a later read, and the caller answers "queued"
            row = con.execute(f"SELECT {REPORT_COLUMNS} FROM reports WHERE id = ?", (report_id,)).fetchone()
            self._announce(con)
        return report_from_row(row)

    # -- corrections --------------------------------------------------------------------------

    def add_corrections(
        self,
        report_id: str,
        form_index: int,
        items: list[tuple[str, str, Any]],
        *,
        author: str,
        note: str | None,
        recompute: Recompute,
    ) -> list[Correction]:
        """Records ``(field, value, previous)`` items and stores the re-validated document.

        Costs O(new items), not O(stored corrections): the effective document is kept as a
        numbered version, and ``recompute(effective, new_corrections)`` applies only this
        request's items to it, outside any transaction.  The write then lands only if the
        version is still the one read (an optimistic check); when another request got there
        first, the items are applied again to its version, so two operators correcting the same
        report at once never overwrite each other's work.  Returns the form's corrections.
        """
        stamp = now()
        for _ in range(CORRECTION_ROUNDS):
            row = self._one(
                "SELECT extraction, effective, version FROM results WHERE report_id = ?", (report_id,)
            )
            if row is None:
                raise LookupError(report_id)
            base = json.loads(row["effective"] if row["effective"] is not None else row["extraction"])
            pending = [
                Correction(0, report_id, form_index, f, v, p, author, note, stamp) for f, v, p in items
            ]
            recomputed = recompute(base, pending)
            effective = json.dumps(recomputed, ensure_ascii=False)
            with self._tx() as con:
                cur = con.execute(
                    "UPDATE results SET effective = ?, version = version + 1 WHERE report_id = ? AND version = ?",
                    (effective, report_id, row["version"]),
                )
                if cur.rowcount != 1:
                    continue  # another request wrote a newer version: apply ours to that one
                save_summary(con, report_id, summarize(recomputed))
                con.executemany(
                    "INSERT INTO corrections (report_id, form_index, field, value, previous, author, note,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (report_id, form_index, f, v, json.dumps(p, ensure_ascii=False), author, note, stamp)
                        for f, v, p in items
                    ],
                )
            return self.corrections(report_id, form_index)
        raise StoreConflict(
            f"report {report_id} was corrected {CORRECTION_ROUNDS} times by others while this correction was applied",
            hint="send the correction again",
        )

    # -- deleting -----------------------------------------------------------------------------

    def delete(self, report_id: str) -> Report | None:
        """Removes a report with its result, summary, corrections and uploaded bytes.

        Returns the deleted report, ``None`` when there is none; raises :class:`ReportBusy` while
        it is ``processing`` (its worker would write a result for a report that is gone).  The row
        is locked first, so a claim cannot start on it while it is deleted.
        """
        with self._tx() as con:
            row = con.execute(f"SELECT {REPORT_COLUMNS} FROM reports WHERE id = ?{self.FOR_UPDATE}",
                              (report_id,)).fetchone()
            if row is None:
                return None
            report = report_from_row(row)
            if report.status == "processing":
                raise ReportBusy(
                    f"report {report_id} is being processed and cannot be deleted now",
                    hint="wait until its status is done or failed, then delete it",
                )
            for table in ("corrections", "report_findings", "summaries", "results"):
                con.execute(f"DELETE FROM {table} WHERE report_id = ?", (report_id,))
            con.execute("DELETE FROM reports WHERE id = ?", (report_id,))
            self._drop_upload(con, report)
        self._after_delete(report)
        return report


def _fields(summary: ReportSummary) -> dict[str, Any]:
    return {name: getattr(summary, name) for name in ReportSummary.__slots__}

