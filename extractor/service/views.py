"""The JSON the API answers with for a report: its state, forms, findings, provenance and usage."""

from __future__ import annotations

from typing import Any

from extractor.service.layout import form_view
from extractor.service.store import Correction, Report, StoredResult

API = "/api/reports"
EXPORT_FORMATS = ("json", "csv", "xlsx")


def links(report_id: str) -> dict[str, str]:
    base = f"{API}/{report_id}"
    return {
        "self": base,
        "page": f"/#/reports/{report_id}",
        **{f"export_{fmt}": f"{base}/export.{fmt}" for fmt in EXPORT_FORMATS},
    }


def summary(report: Report) -> dict[str, Any]:
    """What a listing shows of a report."""
    return {
        "id": report.id,
        "status": report.status,
        "reason": report.reason,
        "error_code": report.error_code,
        "filename": report.filename,
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
    out = summary(report)
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
