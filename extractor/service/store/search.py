"""What a listing shows of a finished report and how the list is searched, on both backends.

A report's unit, project, year and finding codes live deep inside its result (megabytes of JSON
for a long document), so the list cannot read them per row.  When a result lands or a correction
re-validates it, :func:`summarize` condenses the effective document into one ``summaries`` row
and one ``report_findings`` row per finding code; the list then filters with plain indexed SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from extractor.service.store.model import Report, Status


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """The few facts of a finished report the list shows and searches on."""

    forms: int
    errors: int
    warnings: int
    unit: str | None
    project: str | None
    year: int | None
    label: str | None  # the first title, unit or project read: names a pasted text with no title
    codes: tuple[str, ...] = ()  # the distinct finding codes, sorted


@dataclass(frozen=True, slots=True)
class Listed:
    """A report as the list shows it: its summary once it is done."""

    report: Report
    summary: ReportSummary | None


@dataclass(frozen=True, slots=True)
class ReportQuery:
    """The list's filters; every one given must hold (``None`` means no filter)."""

    limit: int = 20
    offset: int = 0
    status: Status | None = None
    q: str | None = None  # file name, display name, unit or project: substring, any case
    unit: str | None = None
    project: str | None = None
    year: int | None = None
    finding: str | None = None  # a finding code present in the effective result


def _value(header: Mapping[str, Any], key: str) -> Any:
    item = header.get(key)
    value = item.get("value") if isinstance(item, Mapping) else None
    return value.strip() or None if isinstance(value, str) else value


def _year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def summarize(doc: Mapping[str, Any]) -> ReportSummary:
    """Counts and the first unit / project / year read across the forms of ``doc``.

    ``unit`` prefers 单位名称 over 部门 (a project form names both; a department form often only
    the unit).  Findings count by severity; anything but error and warning is informational.
    """
    forms = [f for f in doc.get("forms", []) if isinstance(f, Mapping)]
    errors = warnings = 0
    codes: set[str] = set()
    unit = project = label = None
    year: int | None = None
    for form in forms:
        for finding in form.get("findings", []):
            severity = finding.get("severity")
            errors += severity == "error"
            warnings += severity == "warning"
            if isinstance(finding.get("code"), str):
                codes.add(finding["code"])
        header: Mapping[str, Any] = form["header"] if isinstance(form.get("header"), Mapping) else {}
        unit = unit or _value(header, "unit_name") or _value(header, "department")
        project = project or _value(header, "project_name")
        year = year if year is not None else _year(_value(header, "year"))
        title = _value(header, "title") or (form.get("title") if isinstance(form.get("title"), str) else None)
        label = label or (title.strip() if isinstance(title, str) and title.strip() else None)
    label = label or unit or project
    return ReportSummary(
        forms=len(forms),
        errors=errors,
        warnings=warnings,
        unit=str(unit) if unit is not None else None,
        project=str(project) if project is not None else None,
        year=year,
        label=str(label) if label is not None else None,
        codes=tuple(sorted(codes)),
    )


def summary_from_row(row: Mapping[str, Any]) -> ReportSummary | None:
    """The summary columns of a listing row (``s_`` prefixed), ``None`` when there is none."""
    if row["s_forms"] is None:
        return None
    return ReportSummary(
        forms=int(row["s_forms"]),
        errors=int(row["s_errors"]),
        warnings=int(row["s_warnings"]),
        unit=row["s_unit"],
        project=row["s_project"],
        year=int(row["s_year"]) if row["s_year"] is not None else None,
        label=row["s_label"],
    )


def like(needle: str) -> str:
    """A ``LIKE … ESCAPE '\\'`` pattern matching ``needle`` anywhere, lower-cased (the column side is
    lower-cased by the backend's ``FOLD`` function), its ``%`` and ``_`` taken literally."""
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where_clause(
    query: ReportQuery, fold: Callable[[str], str], *, pasted_label: str, pasted_name: str
) -> tuple[str, list[Any]]:
    """The ``WHERE`` of a listing over ``reports r LEFT JOIN summaries s``, with its arguments.

    ``fold(needle)`` names the SQL function that lower-cases a column compared with ``needle``;
    ``pasted_name`` is the SQL of a nameless paste's display name, which ``q`` matches too.
    """
    where: list[str] = []
    args: list[Any] = []
    if query.status:
        where.append("r.status = ?")
        args.append(query.status)
    if query.q:
        pattern = like(query.q)
        q_fold = fold(query.q)
        where.append(
            f"(({q_fold}(r.filename) LIKE ? ESCAPE '\\' AND NOT (r.input_kind = 'text' AND r.filename = ?))"
            f" OR {q_fold}(s.label) LIKE ? ESCAPE '\\' OR {q_fold}(s.unit) LIKE ? ESCAPE '\\'"
            f" OR {q_fold}(s.project) LIKE ? ESCAPE '\\'"
            f" OR (r.input_kind = 'text' AND r.filename = ? AND s.label IS NULL"
            f" AND {q_fold}({pasted_name}) LIKE ? ESCAPE '\\'))"
        )
        args += [pattern, pasted_label, pattern, pattern, pattern, pasted_label, pattern]
    for column, needle in (("unit", query.unit), ("project", query.project)):
        if needle:
            where.append(f"{fold(needle)}(s.{column}) LIKE ? ESCAPE '\\'")
            args.append(like(needle))
    if query.year is not None:
        where.append("s.year = ?")
        args.append(query.year)
    if query.finding:
        where.append("EXISTS (SELECT 1 FROM report_findings f WHERE f.report_id = r.id AND f.code = ?)")
        args.append(query.finding)
    return (f"WHERE {' AND '.join(where)}" if where else ""), args


class _Writer(Protocol):
    def execute(self, sql: str, args: Sequence[Any] = ...) -> Any: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any: ...


def save_summary(con: _Writer, report_id: str, summary: ReportSummary) -> None:
    """Replaces the report's summary and finding codes, inside the caller's transaction."""
    con.execute("DELETE FROM report_findings WHERE report_id = ?", (report_id,))
    con.execute("DELETE FROM summaries WHERE report_id = ?", (report_id,))
    con.execute(
        "INSERT INTO summaries (report_id, forms, errors, warnings, unit, project, year, label)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (report_id, summary.forms, summary.errors, summary.warnings, summary.unit, summary.project,
         summary.year, summary.label),
    )
    con.executemany(
        "INSERT INTO report_findings (report_id, code) VALUES (?, ?)", [(report_id, c) for c in summary.codes]
    )
