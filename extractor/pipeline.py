"""One document end to end: ingest → segment/classify → extract → validate.

Data flows one way; each stage is a pure function of the previous stage's output, so the CLI,
the HTTP service and the eval harness all call these same three entry points.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from extractor.confidence import confidence_findings
from extractor.errors import ConfigError, NoFormFoundError
from extractor.grid import IngestedDocument
from extractor.ingest import ingest_bytes, ingest_path, ingest_stream, ingest_text
from extractor.ingest.limits import DEFAULT_LIMITS, Limits
from extractor.result import DocumentResult, Usage
from extractor.layouts import extract_form, segment

BACKENDS = ("rules", "llm", "auto")


def extract_document(doc: IngestedDocument, *, backend: str = "rules", llm_settings: object | None = None) -> DocumentResult:
    """Forms of an ingested document, each validated; raises ``NoFormFoundError`` when none."""
    if backend not in BACKENDS:
        raise ConfigError(f"unknown backend {backend!r}", hint=f"use one of {', '.join(BACKENDS)}")
    # --- LLM backends (issue 9): no endpoint ⇒ llm is an error, auto is the rules -------------
    settings = None
    if backend != "rules":
        from extractor.llm import load_settings

        settings = llm_settings or load_settings()
        if settings is None and backend == "llm":
            raise ConfigError(
                "the llm backend needs an LLM endpoint and none is configured",
                hint="set JIXIAO_LLM_BASE_URL and JIXIAO_LLM_MODEL (or JIXIAO_LLM_CONFIG), or use --backend rules",
            )
        if settings is None:
            backend = "rules"
    # ---------------------------------------------------------------------------------------------
    chunks = segment(doc)
    if not chunks:
        raise NoFormFoundError(
            "no performance form was found (no 绩效自评表/目标表/打分表 title or indicator table)",
            source=doc.source,
            hint="check that the file is a budget-performance form, or paste only the form's table",
        )
    usage = Usage()
    if settings is None:
        forms = [extract_form(chunk) for chunk in chunks]
    else:  # --- LLM backends (issue 9) ---
        from extractor.llm import extract_chunks

        forms, usage = extract_chunks(doc, chunks, backend=backend, settings=settings)  # type: ignore[arg-type]
    from extractor.validate import validate_forms

    for form in forms:
        form.findings = [*form.findings, *confidence_findings(form, form.findings)]
    forms = validate_forms(forms)
    context = [b.text for b in doc.blocks if not hasattr(b, "rows") and len(getattr(b, "text", "")) > 0][:50]
    return DocumentResult(
        source=doc.source,
        sha256=doc.sha256,
        media_type=doc.media_type,
        forms=forms,
        context=context,
        backend=backend,
        usage=usage,
        warnings=list(doc.warnings),
    )


# ``limits`` bound each document's cost (extractor/ingest/limits.py); ``max_bytes``, when given,
# overrides ``limits.max_bytes`` for callers that only configure the upload size.


def extract_path(
    path: str | Path,
    backend: str = "rules",
    *,
    max_bytes: int | None = None,
    llm_settings: object | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> DocumentResult:
    doc = ingest_path(path, max_bytes=max_bytes, limits=limits)
    return extract_document(doc, backend=backend, llm_settings=llm_settings)


def extract_bytes(
    data: bytes, filename: str, backend: str = "rules", *, max_bytes: int | None = None, limits: Limits = DEFAULT_LIMITS
) -> DocumentResult:
    return extract_document(ingest_bytes(data, filename, filename=filename, max_bytes=max_bytes, limits=limits), backend=backend)


def extract_text(text: str, source: str = "<pasted>", backend: str = "rules", *, limits: Limits = DEFAULT_LIMITS) -> DocumentResult:
    return extract_document(ingest_text(text, source, limits=limits), backend=backend)


def extract_stream(
    stream: BinaryIO, source: str = "<stdin>", backend: str = "rules", *, limits: Limits = DEFAULT_LIMITS
) -> DocumentResult:
    """Pasted text from a byte stream (stdin) under the same limits as a file."""
    return extract_document(ingest_stream(stream, source, limits=limits), backend=backend)
