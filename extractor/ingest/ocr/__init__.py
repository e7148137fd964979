"""Scanned reports (PNG/JPG/TIFF, image-only PDFs, phone photos) → the same grids as every format.

Entry points: :func:`ocr_blocks` (what ``extractor.ingest`` calls: blocks and elements, like the
other formats) and :func:`ocr_document` (the same plus per-page reports: skew, timings, cells
flagged for review, repairs made, and warnings to put on the ``IngestedDocument``).

Grids are ``Grid(id=f"p{page}t{n}", kind="ocr", page=page)`` with ``n`` counting tables from 1
on each page; cells carry ``page``, ``bbox`` (x0, y0, x1, y1 in pixels of the page as uploaded;
PDFs rendered at ``PDF_DPI``) and ``confidence`` (lowest OCR score of the cell's text).  Text
outside tables becomes one ``Paragraph`` per printed line, in reading order between the grids.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from extractor.errors import NoFormFoundError
from extractor.grid import Block
from extractor.ingest.elements import elements_for_blocks
from extractor.ingest.limits import DEFAULT_LIMITS, Limits
from extractor.ingest.ocr.engine import OcrEngine, RapidOcrEngine, TextBox, default_engine
from extractor.ingest.ocr.pipeline import LOW_CONFIDENCE, FlaggedCell, OcrPage, ocr_page
from extractor.ingest.ocr.render import PDF_DPI, load_pages

__all__ = [
    "LOW_CONFIDENCE",
    "PDF_DPI",
    "FlaggedCell",
    "OcrEngine",
    "OcrPage",
    "OcrResult",
    "RapidOcrEngine",
    "TextBox",
    "ocr_blocks",
    "ocr_document",
]


@dataclass(slots=True)
class OcrResult:
    """Blocks and elements (what ``ocr_blocks`` returns), per-page reports, and warnings that
    belong on ``IngestedDocument.warnings`` (pages without tables, cells needing review)."""

    blocks: list[Block]
    elements: list[Any]
    pages: list[OcrPage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def ocr_document(
    data: bytes,
    kind: str,
    source: str,
    *,
    engine: OcrEngine | None = None,
    pages: Collection[int] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> OcrResult:
    """OCR the pages of a scan (all, or the 1-based ``pages``: the scanned pages of a mixed PDF).

    Raises ``InputError`` when unreadable and ``NoFormFoundError`` when no text is found.
    """
    engine = engine or default_engine()
    blocks: list[Block] = []
    reports: list[OcrPage] = []
    for page in load_pages(data, kind, source, pages, limits=limits):
        page_blocks, report = ocr_page(page, engine)
        blocks.extend(page_blocks)
        reports.append(report)
    if not blocks:
        raise NoFormFoundError(
            "no text was found in the scan",
            source=source,
            hint="check that the image shows the form, upright and in focus",
        )
    return OcrResult(blocks, elements_for_blocks(blocks, source), reports, _warnings(reports))


def ocr_blocks(data: bytes, kind: str, source: str) -> tuple[list[Block], list[object]]:
    """Blocks and unstructured elements of a scan, in reading order (the ingest contract)."""
    result = ocr_document(data, kind, source)
    return result.blocks, result.elements


def _warnings(pages: list[OcrPage]) -> list[str]:
    out = []
    for p in pages:
        if p.n_tables == 0:
            out.append(f"page {p.number}: OCR found no ruled table; its text is kept as paragraphs")
        if p.flagged:
            cells = ", ".join(f"{f.grid_id}:r{f.row}c{f.col} ({f.reason})" for f in p.flagged[:10])
            more = f" and {len(p.flagged) - 10} more" if len(p.flagged) > 10 else ""
            out.append(f"page {p.number}: {len(p.flagged)} OCR cells need review: {cells}{more}")
    return out
