"""Ingest: bytes of any supported format → an ``IngestedDocument`` of grids and paragraphs.

The type is sniffed from the bytes (never trusted from the file name); pasted text is decoded and
its grids reconstructed here, Word/Excel/HTML/PDF go through ``unstructured``, scans through OCR.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractor.errors import InputError, empty_input, too_large
from extractor.grid import IngestedDocument
from extractor.ingest.sniff import DEFAULT_MAX_BYTES
from extractor.ingest.text_decode import decode_text
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


def ingest_text(text: str, source: str = "<pasted>") -> IngestedDocument:
    """Pasted text (already decoded)."""
    return _text_document(text, source, hashlib.sha256(text.encode("utf-8")).hexdigest())


def _text_document(text: str, source: str, sha: str) -> IngestedDocument:
    from extractor.ingest.elements import elements_for_blocks

    blocks = parse_text(text)
    return IngestedDocument(source, MEDIA_TYPES["txt"], text, blocks, elements_for_blocks(blocks, source), sha256=sha)


def ingest_bytes(data: bytes, source: str, *, filename: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestedDocument:
    """Any supported upload; raises ``InputError`` with a what/where/how message when unreadable."""
    if not data:
        raise empty_input(source)
    if len(data) > max_bytes:
        raise too_large(source, len(data), max_bytes)
    kind = _detect(data, filename or source, max_bytes)
    sha = hashlib.sha256(data).hexdigest()
    if kind == "txt":
        text, encoding = decode_text(data, source)
        doc = _text_document(text, source, sha)
        if encoding not in ("utf-8", "utf-8-sig"):
            doc.warnings.append(f"decoded as {encoding}")
        return doc
    blocks, elements, warnings = _binary_blocks(kind, data, source)
    text = "\n".join(getattr(e, "text", "") for e in elements)
    return IngestedDocument(source, MEDIA_TYPES[kind], text, blocks, elements=list(elements), sha256=sha, warnings=warnings)


def ingest_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestedDocument:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise too_large(str(p), size, max_bytes)
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", source=str(p), hint="check the path") from exc
    return ingest_bytes(data, str(p), filename=p.name, max_bytes=max_bytes)


def _detect(data: bytes, filename: str, max_bytes: int) -> str:
    from extractor.ingest.sniff import detect

    return detect(data, filename, limit=max_bytes)


def _binary_blocks(kind: str, data: bytes, source: str) -> tuple[list, list, list[str]]:
    """Blocks, unstructured elements and reader warnings (e.g. OCR cells that need review)."""
    if kind == "docx":
        from extractor.ingest.docx import docx_blocks

        return (*docx_blocks(data, source), [])
    if kind == "xlsx":
        from extractor.ingest.xlsx import xlsx_blocks

        return (*xlsx_blocks(data, source), [])
    if kind == "html":
        from extractor.ingest.html import html_blocks

        return (*html_blocks(data, source), [])
    if kind == "pdf":
        from extractor.ingest.pdf import NeedsOcrError, pdf_blocks

        try:
            return (*pdf_blocks(data, source), [])
        except NeedsOcrError:
            pass  # no text layer: a scan
    from extractor.ingest.ocr import ocr_document

    result = ocr_document(data, kind, source)
    return result.blocks, result.elements, result.warnings
