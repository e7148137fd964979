"""jixiao 绩效 — the Python API: budget-performance forms → validated, traceable data.

    import jixiao

    result = jixiao.extract("report.docx")          # a DocumentResult: .forms, .warnings, .usage
    for form in result.forms:                       # typed pydantic records (ProjectSelfEval, …)
        print(form.schema_name, form.header.title.value, [f.code for f in form.findings])
    pasted = jixiao.extract_text(text)              # text pasted from a web page or Word
    checked = jixiao.validate(form)                 # a copy with fresh validator findings
    jixiao.export(result, "xlsx")                   # bytes of json / csv / the operators' workbook

A thin, stable layer over ``extractor.pipeline`` and ``extractor.validate`` (which stay where
they are): the names here are the ones to import; the internal packages' names (``extractor``,
``schemas``) are generic and may move.  Expected failures raise ``jixiao.JixiaoError`` subclasses
whose message says what, where and how to fix it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, overload

from extractor.errors import ConfigError, ExtractionError, InputError, JixiaoError, LLMError, NoFormFoundError
from extractor.ingest import DEFAULT_MAX_BYTES
from extractor.result import DocumentResult
from schemas import FORM_MODELS, FORM_RECORD_ADAPTER, FORM_TYPES, Finding, FormRecord

__all__ = [
    "FORM_TYPES",
    "Backend",
    "ConfigError",
    "DocumentResult",
    "ExtractionError",
    "Finding",
    "FormRecord",
    "InputError",
    "JixiaoError",
    "LLMError",
    "NoFormFoundError",
    "__version__",
    "export",
    "extract",
    "extract_bytes",
    "extract_text",
    "validate",
]

Backend = Literal["rules", "llm", "auto"]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jixiao")
    except PackageNotFoundError:
        return "unknown"


__version__ = _version()


def extract(path: str | Path, *, backend: Backend = "rules", max_bytes: int = DEFAULT_MAX_BYTES) -> DocumentResult:
    """Every form in the file at ``path`` (txt, docx, xlsx, html, pdf, png/jpg/tiff), validated.

    Raises ``InputError`` for an unreadable file, ``NoFormFoundError`` (a subclass) when it holds
    no form, ``ConfigError`` for ``backend="llm"`` without a configured endpoint.
    """
    from extractor.pipeline import extract_path

    return extract_path(path, backend=backend, max_bytes=max_bytes)


def extract_text(text: str, source: str = "<pasted>", *, backend: Backend = "rules") -> DocumentResult:
    """Every form in pasted text (one cell per line, tab-separated, pipe tables …), validated."""
    from extractor.pipeline import extract_text as _extract_text

    return _extract_text(text, source, backend=backend)


def extract_bytes(
    data: bytes, filename: str, *, backend: Backend = "rules", max_bytes: int = DEFAULT_MAX_BYTES
) -> DocumentResult:
    """Like ``extract`` for an upload held in memory; ``filename`` names it in messages."""
    from extractor.pipeline import extract_bytes as _extract_bytes

    return _extract_bytes(data, filename, backend=backend, max_bytes=max_bytes)


@overload
def validate(record: DocumentResult, *, profile: str | None = None) -> DocumentResult: ...
@overload
def validate(record: FormRecord | dict[str, Any], *, profile: str | None = None) -> FormRecord: ...


def validate(record: Any, *, profile: str | None = None) -> Any:
    """Re-run the validator: a copy of ``record`` whose validator findings are fresh.

    ``record`` is a form (a typed ``FormRecord``, or its dict as ``model_dump``/the JSON output
    gives it) or a whole ``DocumentResult``; the same kind comes back.  Extraction findings
    (``LAYOUT_*``, ``EXTRACT_*``) are kept.  A dict that is not a form raises ``InputError``.
    """
    from pydantic import ValidationError

    from extractor.validate import apply_findings, validate_form

    if isinstance(record, DocumentResult):
        forms = [apply_findings(f, validate_form(f, profile)) for f in record.forms]
        return record.model_copy(update={"forms": forms})
    if isinstance(record, dict):
        body = {k: v for k, v in record.items() if k not in ("form_type", "title")}
        if "schema_name" not in body and isinstance(record.get("form_type"), str):
            body["schema_name"] = record["form_type"]
        try:
            record = FORM_RECORD_ADAPTER.validate_python(body)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "the record"
            raise InputError(
                f"not a form record ({where}: {first['msg']})",
                hint="pass a FormRecord, or a form dict as jixiao.extract(...).forms[i].model_dump() gives it",
            ) from exc
    if not isinstance(record, FORM_MODELS):
        raise InputError(f"cannot validate a {type(record).__name__}",
                         hint="pass a FormRecord, a form dict or a DocumentResult")
    return apply_findings(record, validate_form(record, profile))


def export(result: DocumentResult | list[DocumentResult], fmt: Literal["json", "csv", "xlsx"] = "json", *,
           compact: bool = False) -> bytes:
    """The CLI's output of one or more results as bytes (the workbook without the original grids)."""
    from extractor.output import render

    results = result if isinstance(result, list) else [result]
    return render({"documents": [r.to_output() for r in results]}, fmt, compact=compact)
