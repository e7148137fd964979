"""The HTTP API: submit, follow, list and search, export, correct, retry and delete reports.

Every answer's shape is a model in ``models.py`` so that /openapi.json types it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from extractor.output import render
from extractor.service import views
from extractor.service.auth import require_token
from extractor.service.intake import PASTED_LABEL, read_submission
from extractor.service.models import (
    EXPORT_FORMATS,
    CorrectionResult,
    ExportDocuments,
    Health,
    ReportDetail,
    ReportItem,
    ReportList,
    ReportStatus,
    Submitted,
)
from extractor.service.problems import ProblemError
from extractor.service.store import Report, Store, StoredResult
from extractor.service.store.model import ReportBusy
from extractor.service.store.search import ReportQuery
from extractor.service.worker import WorkerPool
from extractor.validate.corrections import CorrectionError, apply_corrections, correct_form, locate

router = APIRouter(prefix="/api")
secured = [Depends(require_token)]
_PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
_BINARY: dict[str, Any] = {"schema": {"type": "string", "format": "binary"}}
_MEDIA = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class TextSubmission(BaseModel):
    """Pasted text, e.g. a form copied from a web page."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="the text as copied; tabs or one cell per line both work")
    title: str | None = Field(None, description="a label shown in the list (never used as a path)")


class FieldCorrection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field: str = Field(max_length=200, description="the field path findings use", examples=["indicators[4].score"])
    value: str = Field(max_length=10_000, description="the value as the operator typed it; empty clears it")


class CorrectionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    corrections: list[FieldCorrection] = Field(min_length=1, max_length=200)
    author: str = Field("operator", min_length=1, max_length=100, description="who made the correction")
    note: str | None = Field(None, max_length=2000)


def _store(request: Request) -> Store:
    store: Store = request.app.state.store  # Starlette's app state is untyped
    return store


def _report(store: Store, report_id: str) -> Report:
    report = store.get(report_id)
    if report is None:
        raise ProblemError(404, "not-found", f"there is no report {report_id}", hint="GET /api/reports lists them")
    return report


def _done(store: Store, report_id: str) -> tuple[Report, StoredResult]:
    report = _report(store, report_id)
    result = store.result(report_id) if report.status == "done" else None
    if result is None:
        reason = f": {report.reason}" if report.reason else ""
        raise ProblemError(
            409,
            "not-ready",
            f"report {report_id} is {report.status}{reason}",
            hint="wait until its status is done" if report.status != "failed" else "fix the cause and POST …/retry",
        )
    return report, result


@router.post(
    "/reports",
    status_code=202,
    dependencies=secured,
    summary="Submit a document (multipart file) or pasted text (JSON)",
    responses={
        202: {
            "model": Submitted,
            "description": "accepted; stored durably and queued (or the earlier report of the same content)",
        },
        400: _PROBLEM,
        401: _PROBLEM,
        413: _PROBLEM,
        415: _PROBLEM,
        422: _PROBLEM,
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                },
                "application/json": {"schema": TextSubmission.model_json_schema()},
            },
        }
    },
)
async def submit(request: Request) -> JSONResponse:
    """Stores the raw bytes and metadata, queues the document and answers with its id.

    The type is sniffed from the bytes.  The same content submitted again answers with the
    report already made of it (``created`` is false).
    """
    settings = request.app.state.settings
    submission = await read_submission(request, settings.max_bytes, settings.limits)
    store = _store(request)
    report, created = await run_in_threadpool(
        store.submit,
        submission.data,
        input_kind=submission.input_kind,
        filename=submission.filename,
        media_type=submission.media_type,
    )
    pool: WorkerPool = request.app.state.pool
    pool.notify()
    read = store.summary(report.id) if report.status == "done" else None
    body = views.summary(report, read) | {"created": created}
    return JSONResponse(body, status_code=202, headers={"Location": f"{views.API}/{report.id}"})


@router.get(
    "/reports",
    dependencies=secured,
    response_model=ReportList,
    summary="List and search reports, newest first",
)
def list_reports(
    request: Request,
    limit: int = Query(20, ge=1, le=200),
    offset: int = Query(0, ge=0),
    status: ReportStatus | None = Query(None),
    q: str | None = Query(
        None, max_length=200, description="in the file name, display name, unit or project (substring, any case)"
    ),
    unit: str | None = Query(None, max_length=200, description="substring of the unit (单位) read"),
    project: str | None = Query(None, max_length=200, description="substring of the project (项目) read"),
    year: int | None = Query(None, ge=1900, le=2200, description="the year read, exactly"),
    finding: str | None = Query(
        None, max_length=100, description="a finding code the (corrected) result has",
        examples=["TOTAL_WEIGHT_MISMATCH"],
    ),
) -> dict[str, Any]:
    query = ReportQuery(
        limit=limit,
        offset=offset,
        status=status,
        q=(q or "").strip() or None,
        unit=(unit or "").strip() or None,
        project=(project or "").strip() or None,
        year=year,
        finding=(finding or "").strip() or None,
    )
    items, total = _store(request).search(query, pasted_label=PASTED_LABEL)
    following = offset + len(items)
    return {
        "items": [views.summary(i.report, i.summary) for i in items],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": following if following < total else None,
    }


@router.get(
    "/reports/{report_id}",
    dependencies=secured,
    summary="A report: status, forms, findings, provenance",
    response_model=None,
    responses={200: {"model": ReportDetail}, 404: _PROBLEM},
)
def get_report(request: Request, report_id: str) -> JSONResponse:
    store = _store(request)
    report = _report(store, report_id)
    result = store.result(report_id) if report.status == "done" else None
    # already plain JSON data: answered as is, without FastAPI's per-node re-encoding, which
    # takes seconds on a report of hundreds of forms
    return JSONResponse(views.detail(report, result, store.corrections(report_id) if result else []))


@router.get(
    "/reports/{report_id}/export.{fmt}",
    dependencies=secured,
    summary="Download as json, csv or xlsx",
    response_class=Response,
    responses={
        200: {
            "model": ExportDocuments,
            "description": "the report as a file to download",
            "content": {_MEDIA["csv"]: _BINARY, _MEDIA["xlsx"]: _BINARY},
        },
        404: _PROBLEM,
        409: _PROBLEM,
    },
)
def export(
    request: Request,
    report_id: str,
    # an enum in the schema; an unknown format is still answered 404 (no such file), not 422
    fmt: Annotated[str, Path(description="the file format", json_schema_extra={"enum": list(EXPORT_FORMATS)})],
    version: Literal["corrected", "raw"] = Query("corrected", description="raw: as extracted"),
) -> Response:
    if fmt not in _MEDIA:
        raise ProblemError(
            404, "not-found", f"no export format {fmt!r}", hint="use export.json, export.csv or export.xlsx"
        )
    store = _store(request)
    _, result = _done(store, report_id)
    doc = result.extraction if version == "raw" else result.effective
    if version != "raw":  # the workbook's 更正记录 sheet lists who changed what
        doc = {**doc, "corrections": [views.correction(c) for c in store.corrections(report_id)]}
    payload = render({"documents": [doc]}, fmt, layouts=[result.layout])
    name = f"jixiao-{report_id}{'-raw' if version == 'raw' else ''}.{fmt}"
    return Response(payload, media_type=_MEDIA[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.post(
    "/reports/{report_id}/forms/{form_index}/corrections",
    dependencies=secured,
    summary="Correct fields of a form and re-validate it",
    response_model=CorrectionResult,
    responses={404: _PROBLEM, 409: _PROBLEM, 422: _PROBLEM},
)
def add_corrections(request: Request, report_id: str, form_index: int, body: CorrectionRequest) -> dict[str, Any]:
    """Keeps the corrections beside the raw extraction (which never changes) with who and when,
    and answers with the form as corrected and its fresh findings."""
    store = _store(request)
    _, result = _done(store, report_id)
    forms = result.effective.get("forms", [])
    if not 0 <= form_index < len(forms):
        raise ProblemError(404, "not-found", f"report {report_id} has no form {form_index} (it has {len(forms)})")
    form = forms[form_index]
    items: list[tuple[str, str, Any]] = []
    try:
        for item in body.corrections:
            previous = locate(form, item.field)
            items.append((item.field, item.value, {k: previous.get(k) for k in ("value", "raw", "backend")}))
            form = correct_form(form, item.field, item.value)
    except CorrectionError as exc:
        raise ProblemError(422, "invalid-correction", exc.message, hint=exc.hint) from None
    every = store.add_corrections(
        report_id, form_index, items, author=body.author.strip(), note=body.note, recompute=apply_corrections
    )
    corrected = _done(store, report_id)[1].effective["forms"][form_index]
    return {
        "report_id": report_id,
        "form_index": form_index,
        "form": corrected,
        "findings": corrected.get("findings", []),
        "corrections": [views.correction(c) for c in every if c.form_index == form_index],
    }


@router.post(
    "/reports/{report_id}/retry",
    status_code=202,
    dependencies=secured,
    summary="Queue a failed report again",
    response_model=None,
    responses={202: {"model": ReportItem, "description": "queued again"}, 404: _PROBLEM, 409: _PROBLEM},
)
def retry(request: Request, report_id: str) -> JSONResponse:
    store = _store(request)
    report = _report(store, report_id)
    queued = store.retry(report_id)
    if queued is None:
        raise ProblemError(409, "not-failed", f"report {report_id} is {report.status}; only a failed report is retried")
    request.app.state.pool.notify()
    return JSONResponse(views.summary(queued), status_code=202)


@router.delete(
    "/reports/{report_id}",
    status_code=204,
    dependencies=secured,
    summary="Delete a report with its result, corrections and uploaded file",
    response_class=Response,
    responses={204: {"description": "deleted"}, 404: _PROBLEM, 409: _PROBLEM},
)
def delete_report(request: Request, report_id: str) -> Response:
    """Refused while the report is processing (its worker still writes to it); a queued one is
    simply never worked on.  The same file submitted afterwards makes a new report."""
    try:
        deleted = _store(request).delete(report_id)
    except ReportBusy as exc:
        raise ProblemError(409, "processing", exc.message, hint=exc.hint) from None
    if deleted is None:
        raise ProblemError(404, "not-found", f"there is no report {report_id}", hint="GET /api/reports lists them")
    return Response(status_code=204)


@router.get("/health", summary="Liveness and queue depth (no token needed)", response_model=Health)
def health(request: Request) -> dict[str, Any]:
    return {"status": "ok", "queue": _store(request).counts(), "workers": request.app.state.pool.size}
