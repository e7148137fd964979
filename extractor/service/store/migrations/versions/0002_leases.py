"""Leases on claimed jobs, numbered versions of the corrected document, uploads in PostgreSQL.

``lease_until`` is when a claim runs out unless its worker renews it (PostgreSQL: the
database's clock; SQLite: the one machine's).  ``results.version`` lets a correction apply only
its own items to the stored effective document and land only if nobody wrote in between.
PostgreSQL keeps the uploaded bytes in ``uploads`` so every worker that reaches the database
reads them; SQLite keeps them in the data directory's ``blobs/``.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.execute(f"ALTER TABLE reports ADD COLUMN lease_until {'TIMESTAMPTZ' if postgres else 'TEXT'}")
    op.execute("ALTER TABLE results ADD COLUMN version INTEGER NOT NULL DEFAULT 0")
    op.execute("CREATE INDEX IF NOT EXISTS reports_leases ON reports (status, lease_until)")
    if postgres:
        op.execute("CREATE TABLE uploads (sha256 TEXT PRIMARY KEY, data BYTEA NOT NULL)")
    op.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("DROP TABLE uploads")
    op.execute("DROP INDEX IF EXISTS reports_leases")
    op.execute("ALTER TABLE results DROP COLUMN version")
    op.execute("ALTER TABLE reports DROP COLUMN lease_until")
