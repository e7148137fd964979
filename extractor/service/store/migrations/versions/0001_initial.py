"""The schema as it was before migrations: reports (with their jobs), results, corrections.

``IF NOT EXISTS`` throughout, so a SQLite data directory made before migrations existed is
adopted as it is.  PostgreSQL gets a ``seq`` column for insertion order where SQLite has rowid.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_REPORTS = """
CREATE TABLE IF NOT EXISTS reports (
    id          TEXT PRIMARY KEY,
    {seq}
    sha256      TEXT NOT NULL UNIQUE,
    input_kind  TEXT NOT NULL CHECK (input_kind IN ('file', 'text')),
    filename    TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        BIGINT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('queued', 'processing', 'done', 'failed')),
    reason      TEXT,
    error_code  TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    claimed_by  TEXT,
    created_at  TEXT NOT NULL,
    queued_at   TEXT NOT NULL,
    started_at  TEXT,
    finished_at TEXT,
    duration_ms BIGINT
)
"""

_REST = [
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS reports_queue ON reports (status, queued_at)",
    "CREATE INDEX IF NOT EXISTS reports_created ON reports (created_at)",
    """CREATE TABLE IF NOT EXISTS results (
        report_id  TEXT PRIMARY KEY REFERENCES reports (id),
        extraction TEXT NOT NULL,
        layout     TEXT NOT NULL,
        effective  TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS corrections (
        id         {serial},
        report_id  TEXT NOT NULL REFERENCES reports (id),
        form_index INTEGER NOT NULL,
        field      TEXT NOT NULL,
        value      TEXT NOT NULL,
        previous   TEXT,
        author     TEXT NOT NULL,
        note       TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS corrections_report ON corrections (report_id, form_index, id)",
    "INSERT INTO meta (key, value) VALUES ('schema_version', '1') ON CONFLICT (key) DO NOTHING",
]


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.execute(_REPORTS.format(seq="seq BIGSERIAL NOT NULL UNIQUE," if postgres else ""))
    serial = "BIGSERIAL PRIMARY KEY" if postgres else "INTEGER PRIMARY KEY AUTOINCREMENT"
    for statement in _REST:
        op.execute(statement.replace("{serial}", serial))


def downgrade() -> None:
    for table in ("corrections", "results", "reports", "meta"):
        op.execute(f"DROP TABLE IF EXISTS {table}")
