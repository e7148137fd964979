"""Report summaries and finding codes, so the list filters by unit, project, year and finding.

``summaries`` holds one row per finished report (counts, first unit / project / year / title
read); ``report_findings`` one row per distinct finding code of its effective result.  Both are
rewritten whenever a result lands or a correction re-validates it.  Results stored before this
revision are summarised here, one row at a time (a result may be megabytes).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from extractor.service.store.search import summarize

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TABLES = [
    """CREATE TABLE summaries (
        report_id TEXT PRIMARY KEY REFERENCES reports (id),
        forms     INTEGER NOT NULL,
        errors    INTEGER NOT NULL,
        warnings  INTEGER NOT NULL,
        unit      TEXT,
        project   TEXT,
        year      INTEGER,
        label     TEXT
    )""",
    "CREATE INDEX summaries_year ON summaries (year)",
    """CREATE TABLE report_findings (
        report_id TEXT NOT NULL REFERENCES reports (id),
        code      TEXT NOT NULL,
        PRIMARY KEY (report_id, code)
    )""",
    "CREATE INDEX report_findings_code ON report_findings (code, report_id)",
]


def upgrade() -> None:
    for statement in _TABLES:
        op.execute(statement)
    bind = op.get_bind()
    ids = [r[0] for r in bind.execute(sa.text("SELECT report_id FROM results")).fetchall()]
    for report_id in ids:
        row = bind.execute(
            sa.text("SELECT coalesce(effective, extraction) FROM results WHERE report_id = :id"), {"id": report_id}
        ).fetchone()
        try:
            doc = json.loads(row[0]) if row is not None else None
        except (TypeError, ValueError):
            continue  # an unreadable result stays unsummarised; the report still lists
        s = summarize(doc if isinstance(doc, dict) else {})
        bind.execute(
            sa.text(
                "INSERT INTO summaries (report_id, forms, errors, warnings, unit, project, year, label)"
                " VALUES (:id, :forms, :errors, :warnings, :unit, :project, :year, :label)"
            ),
            {"id": report_id, "forms": s.forms, "errors": s.errors, "warnings": s.warnings, "unit": s.unit,
             "project": s.project, "year": s.year, "label": s.label},
        )
        for code in s.codes:
            bind.execute(
                sa.text("INSERT INTO report_findings (report_id, code) VALUES (:id, :code)"),
                {"id": report_id, "code": code},
            )
    op.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")


def downgrade() -> None:
    op.execute("DROP TABLE report_findings")
    op.execute("DROP TABLE summaries")
    op.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
