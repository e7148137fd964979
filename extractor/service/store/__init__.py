"""The durable store behind one interface (:class:`Store`), on SQLite or PostgreSQL.

``open_store``-style construction lives here so that the rest of the service names no backend:
``make_store(settings)`` picks SQLite in the data directory (the embedded default, one owning
process) or PostgreSQL (many API servers and ``jixiao worker`` processes sharing one database)
from ``settings.database_url``.  PostgreSQL's driver loads only when it is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractor.service.store.base import Store
from extractor.service.store.model import STATUSES, Correction, Report, Status, StoreConflict, StoredResult, now
from extractor.service.store.sqlite import SqliteStore

if TYPE_CHECKING:
    from extractor.service.settings import ServiceSettings

__all__ = [
    "STATUSES",
    "Correction",
    "Report",
    "SqliteStore",
    "Status",
    "Store",
    "StoreConflict",
    "StoredResult",
    "make_store",
    "now",
]


def make_store(settings: ServiceSettings) -> Store:
    """The store ``settings`` name, not yet opened."""
    from extractor.service.settings import database_kind, sqlite_path

    url = settings.database_url
    if url is None or database_kind(url) == "sqlite":
        return SqliteStore(
            settings.data_dir,
            db_path=sqlite_path(url) if url else None,
            lease_s=settings.lease_s,
            max_attempts=settings.max_attempts,
        )
    from extractor.service.store.postgres import PostgresStore

    return PostgresStore(url, lease_s=settings.lease_s, max_attempts=settings.max_attempts)
