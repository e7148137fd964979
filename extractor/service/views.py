"""The JSON the API answers with for a report: its state, forms, findings, provenance and usage."""

from __future__ import annotations

from typing import Any

from extractor.service.intake import PASTED_LABEL
from extractor.service.layout import form_view
from extractor.service.models import EXPORT_FORMATS
from extractor.service.store import Correction, Report, StoredResult
from extractor.service.store.search import ReportSummary, summarize

API = "/api/reports"
PASTED_NAME = "粘贴文本"  # a pasted text with no title and nothing read that names it


def links(report_id: str) -> dict[str, str]:
    base = f"{API}/{report_id}"
    return {
        "self": base,
        "page": f"/#/reports/{report_id}",
        **{f"export_{fmt}": f"{base}/export.{fmt}" for fmt in EXPORT_FORMATS},
    }


def display_name(report: Report, read: ReportSummary | None) -> str:
    """What to call a report: its file name, or for pasted text its title, else the first
    title / unit / project read from it, else 粘贴文本 and the day it came in — so a list of
    pastes is not a column of identical "pasted text"."""
    if report.input_kind != "text" or report.filename != PASTED_LABEL:
        return report.filename
    if read is not None and read.label:
        return read.label
    return f"{PASTED_NAME} {report.created_at[:10]}"


def summary(report: Report, read: ReportSummary | None = None) -> dict[str, Any]:
    """What a listing shows of a report; ``read`` is its stored summary once it is done."""
    read = read if report.status == "done" else None
    return {
        "id": report.id,
        "status": report.status,
        "reason": report.reason,
        "error_code": report.error_code,
        "filename": report.filename,
        "display_name": display_name(report, read),
        "input_kind": report.input_kind,
        "media_type": report.media_type,
        "size": report.size,
        "sha256": report.sha256,
        "attempts": report.attempts,
        "created_at": report.created_at,
        "queued_at": report.queued_at,
        "started_at": report.started_at,
        "finished_at": report.finished_at,
        "duration_ms": report.duration_ms,
        "links": links(report.id),
        "summary": None
        if read is None
        else {
            "forms": read.forms,
            "errors": read.errors,
            "warnings": read.warnings,
            "unit": read.unit,
            "project": read.project,
            "year": read.year,
        },
    }


def correction(c: Correction) -> dict[str, Any]:
    return {
        "id": c.id,
        "form_index": c.form_index,
        "field": c.field,
        "value": c.value,
        "previous": c.previous,
        "author": c.author,
        "note": c.note,
        "created_at": c.created_at,
    }


def detail(report: Report, result: StoredResult | None, corrections: list[Correction]) -> dict[str, Any]:
    """Everything about one report; forms are the corrected, re-validated ones."""
    out = summary(report, summarize(result.effective) if result is not None else None)
    if result is None:
        out.update(
            forms=[],
            findings=[],
            counts=_counts([]),
            corrections=[],
            provenance={"sha256": report.sha256, "media_type": report.media_type},
            usage={"attempts": report.attempts, "duration_ms": report.duration_ms},
        )
        return out
    doc = result.effective
    forms: list[dict[str, Any]] = doc.get("forms", [])
    findings = [{"form_index": i, **f} for i, form in enumerate(forms) for f in form.get("findings", [])]
    grid_order = [g["id"] for g in result.layout.get("grids", [])]
    out.update(
        forms=forms,
        findings=findings,
        counts=_counts(findings) | {"forms": len(forms), "corrections": len(corrections)},
        corrections=[correction(c) for c in corrections],
        provenance={
            "source": doc.get("source"),
            "sha256": report.sha256,
            "media_type": doc.get("media_type") or report.media_type,
            "backend": doc.get("backend"),
            "text": result.layout.get("text", ""),
            "text_truncated": result.layout.get("text_truncated", False),
            "warnings": result.layout.get("warnings", []),
            "grids": result.layout.get("grids", []),
            "forms": [form_view(form, grid_order) for form in forms],
        },
        usage={**doc.get("usage", {}), "attempts": report.attempts, "duration_ms": report.duration_ms},
    )
    return out


def _counts(findings: list[dict[str, Any]]) -> dict[str, int]:
    out = {"errors": 0, "warnings": 0, "infos": 0}
    for f in findings:
        key = {"error": "errors", "warning": "warnings"}.get(f.get("severity", ""), "infos")
        out[key] += 1
    return out
