"""The API's response shapes as pydantic models, so /openapi.json documents every answer.

The views build plain dicts (a report's detail is megabytes for a long document and is sent
without re-validation); these models are what the OpenAPI schema shows for them, and the smaller
answers (the list, corrections, health) are checked against them on the way out.  Forms stay
open objects: their fields depend on the form type and are described by the JSON schemas in
``schemas/``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ReportStatus = Literal["queued", "processing", "done", "failed"]
ExportFormat = Literal["json", "csv", "xlsx"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("json", "csv", "xlsx")


class Links(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    self_: str = Field(alias="self", description="this report in the API")
    page: str = Field(description="this report on the web page")
    export_json: str
    export_csv: str
    export_xlsx: str


class ListSummary(BaseModel):
    """What was read, for the list: counts and the first unit, project and year found."""

    forms: int
    errors: int
    warnings: int
    unit: str | None
    project: str | None
    year: int | None


class ReportItem(BaseModel):
    """A report as the list shows it."""

    id: str
    status: ReportStatus
    reason: str | None = Field(description="why it failed (or was interrupted)")
    error_code: str | None
    filename: str = Field(description="the uploaded file's name, or a pasted text's title ('pasted text' without one)")
    display_name: str = Field(
        description="what to call it: the file name; for pasted text its title, else the first title, unit or"
        " project read, else 粘贴文本 <date>"
    )
    input_kind: Literal["file", "text"]
    media_type: str
    size: int = Field(description="bytes")
    sha256: str
    attempts: int
    created_at: str
    queued_at: str
    started_at: str | None
    finished_at: str | None
    duration_ms: int | None
    links: Links
    summary: ListSummary | None = Field(None, description="present once the report is done")


class Submitted(ReportItem):
    created: bool = Field(description="false when the same content was submitted before (this is that report)")


class ReportList(BaseModel):
    items: list[ReportItem]
    total: int = Field(description="how many reports match the filters")
    limit: int
    offset: int
    next_offset: int | None = Field(description="the offset of the next page; null on the last")


class Finding(BaseModel):
    """One validation finding; ``fields`` are the paths corrections use, ``cells`` where they sit."""

    model_config = ConfigDict(extra="allow")
    code: str
    severity: Literal["error", "warning", "info"]
    message_zh: str | None = None
    message_en: str | None = None
    fields: list[str] = []
    form_index: int | None = None


class Correction(BaseModel):
    id: int
    form_index: int
    field: str
    value: str
    previous: dict[str, Any] | None = Field(description="value, raw and backend before the correction")
    author: str
    note: str | None
    created_at: str


class Counts(BaseModel):
    errors: int
    warnings: int
    infos: int
    forms: int | None = Field(None, description="once done")
    corrections: int | None = Field(None, description="once done")


class ReportDetail(ReportItem):
    """Everything about one report; ``forms`` are the corrected, re-validated ones."""

    forms: list[dict[str, Any]]
    findings: list[Finding]
    counts: Counts
    corrections: list[Correction]
    provenance: dict[str, Any] = Field(description="source, hash, backend, the text and grids the cells point into")
    usage: dict[str, Any]


class CorrectionResult(BaseModel):
    report_id: str
    form_index: int
    form: dict[str, Any] = Field(description="the form as corrected")
    findings: list[Finding] = Field(description="its findings after re-validation")
    corrections: list[Correction] = Field(description="every correction of this form, oldest first")


class ExportDocuments(BaseModel):
    """export.json: the CLI's output shape, one document."""

    documents: list[dict[str, Any]]


class QueueCounts(BaseModel):
    queued: int
    processing: int
    done: int
    failed: int


class Health(BaseModel):
    status: Literal["ok"]
    queue: QueueCounts
    workers: int
