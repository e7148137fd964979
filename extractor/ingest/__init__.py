"""Ingest: bytes of any supported format → an ``IngestedDocument`` of grids and paragraphs.

The type is sniffed from the bytes (never trusted from the file name); pasted text is decoded and
its grids reconstructed here, Word/Excel/HTML/PDF go through ``unstructured``, scans through OCR.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from extractor.errors import InputError, empty_input, too_large
from extractor.grid import IngestedDocument
from extractor.ingest.limits import DEFAULT_LIMITS, Limits, check_grids
from extractor.ingest.sniff import DEFAULT_MAX_BYTES
from extractor.ingest.text_decode import check_text_length, decode_text, read_bounded
from extractor.ingest.text_grid import parse_text

MEDIA_TYPES = {
    "txt": "text/plain",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html",
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "tiff": "image/tiff",
}


def ingest_text(text: str, source: str = "<pasted>", *, limits: Limits = DEFAULT_LIMITS) -> IngestedDocument:
    """Pasted text (already decoded); refused over the text, row or cell limits."""
    check_text_length(text, source, limits)
    return _text_document(text, source, hashlib.sha256(text.encode("utf-8")).hexdigest(), limits)


def ingest_stream(stream: BinaryIO, source: str = "<stdin>", *, limits: Limits = DEFAULT_LIMITS) -> IngestedDocument:
    """Pasted text from a byte stream (stdin), read no further than ``limits.max_bytes``."""
    data = read_bounded(stream, source, limits)
    if not data.strip():
        raise empty_input(source)
    text, encoding = decode_text(data, source, limits)
    doc = _text_document(text, source, hashlib.sha256(data).hexdigest(), limits)
    if encoding not in ("utf-8", "utf-8-sig"):
        doc.warnings.append(f"decoded as {encoding}")
    return doc


def _text_document(text: str, source: str, sha: str, limits: Limits) -> IngestedDocument:
    from extractor.ingest.elements import elements_for_blocks

    blocks = parse_text(text)
    check_grids(blocks, source, limits)
    return IngestedDocument(source, MEDIA_TYPES["txt"], text, blocks, elements_for_blocks(blocks, source), sha256=sha)


def ingest_bytes(
    data: bytes,
    source: str,
    *,
    filename: str | None = None,
    max_bytes: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> IngestedDocument:
    """Any supported upload; raises ``InputError`` with a what/where/how message when unreadable.

    ``max_bytes``, when given, overrides ``limits.max_bytes`` (the service's upload limit).
    The cheap checks (:func:`~extractor.ingest.precheck.check_bytes`) run before any reader, the
    row and cell limits on what the reader produced, before any extractor.
    """
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    if not data:
        raise empty_input(source)
    if len(data) > limits.max_bytes:
        raise too_large(source, len(data), limits.max_bytes)
    kind = _detect(data, filename or source, limits)
    from extractor.ingest.precheck import check_bytes

    check_bytes(data, source, kind, limits)  # the readers run the deep checks themselves
    sha = hashlib.sha256(data).hexdigest()
    if kind == "txt":
        text, encoding = decode_text(data, source, limits)
        doc = _text_document(text, source, sha, limits)
        if encoding not in ("utf-8", "utf-8-sig"):
            doc.warnings.append(f"decoded as {encoding}")
        return doc
    blocks, elements, warnings = _binary_blocks(kind, data, source, limits)
    check_grids(blocks, source, limits)
    text = "\n".join(getattr(e, "text", "") for e in elements)
    return IngestedDocument(source, MEDIA_TYPES[kind], text, blocks, elements=list(elements), sha256=sha, warnings=warnings)


def ingest_path(path: str | Path, *, max_bytes: int | None = None, limits: Limits = DEFAULT_LIMITS) -> IngestedDocument:
    p = Path(path)
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    try:
        size = p.stat().st_size
        if size > limits.max_bytes:
            raise too_large(str(p), size, limits.max_bytes)
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", source=str(p), hint="check the path") from exc
    return ingest_bytes(data, str(p), filename=p.name, limits=limits)


def _detect(data: bytes, filename: str, limits: Limits) -> str:
    from extractor.ingest.sniff import detect

    return detect(data, filename, limit=limits.max_bytes, limits=limits)


def _binary_blocks(kind: str, data: bytes, source: str, limits: Limits) -> tuple[list, list, list[str]]:
    """Blocks, unstructured elements and reader warnings (e.g. OCR cells that need review)."""
    if kind == "docx":
        from extractor.ingest.docx import docx_blocks

        return (*docx_blocks(data, source, limits), [])
    if kind == "xlsx":
        from extractor.ingest.xlsx import xlsx_blocks

        return (*xlsx_blocks(data, source, limits), [])
    if kind == "html":
        from extractor.ingest.html import html_blocks

        return (*html_blocks(data, source, limits), [])
    if kind == "pdf":
        from extractor.ingest.pdf import NeedsOcrError, pdf_blocks

        try:
            return (*pdf_blocks(data, source, limits), [])
        except NeedsOcrError:
            pass  # no text layer: a scan
    from extractor.ingest.ocr import ocr_document

    result = ocr_document(data, kind, source, limits=limits)
    return result.blocks, result.elements, result.warnings
