"""What the store hands out: reports, corrections and results, the same for every backend.

Rows become frozen dataclasses here so that routes and views never see a database cursor, and
a backend can change its column types (TEXT in SQLite, TIMESTAMPTZ in PostgreSQL) without the
rest of the service noticing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from extractor.errors import JixiaoError

Status = Literal["queued", "processing", "done", "failed"]
STATUSES: tuple[Status, ...] = ("queued", "processing", "done", "failed")


class StoreConflict(JixiaoError):
    """A write kept losing to concurrent writes of the same report."""


class ReportBusy(JixiaoError):
    """The report is being processed, so it cannot be deleted now."""


def now() -> str:
    """A UTC timestamp with milliseconds, as stored and shown (``2026-01-01T08:00:00.000Z``)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def interrupted_reason(max_attempts: int) -> str:
    """Why a job whose claims all ended without an answer was given up."""
    return (
        f"processing was interrupted {max_attempts} times (a worker stopped mid-job or its lease ran out); "
        "retry it once the cause is fixed"
    )


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


REPORT_COLUMNS = ", ".join(Report.__slots__)


def report_from_row(row: Mapping[str, Any]) -> Report:
    return Report(**{k: row[k] for k in Report.__slots__})


def correction_from_row(row: Mapping[str, Any]) -> Correction:
    previous = json.loads(row["previous"]) if row["previous"] else None
    return Correction(
        int(row["id"]),
        row["report_id"],
        int(row["form_index"]),
        row["field"],
        row["value"],
        previous,
        row["author"],
        row["note"],
        row["created_at"],
    )
