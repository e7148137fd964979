"""One scanned page → grids and paragraphs, in reading order, with provenance and confidence.

Order of work, and why:
1. level the page (deskew) — rules must be axis-aligned for the morphology and cell lookup;
2. OCR the whole page once — the text heights give the scale for rule detection, and straight
   runs wholly inside a text line are strokes, not rules;
3. find the ruled tables and their merged cells;
4. put the text boxes into cells (splitting boxes that straddle a rule) and the rest into
   paragraph lines;
5. repair the confusions the form's context decides, and flag every cell a person should check.

Cell boxes are reported in the pixels of the page as uploaded (for PDFs, rendered at
``render.PDF_DPI``): the levelling rotation and any working-resolution scaling are undone.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np

from extractor.grid import Block, Grid, Paragraph
from extractor.ingest.ocr.cells import INK_CONFIDENCE, build_grid, place_boxes
from extractor.ingest.ocr.confusions import Correction, fix_grid, fold_digits
from extractor.ingest.ocr.deskew import deskew, unrotate_bbox
from extractor.ingest.ocr.engine import BBox, OcrEngine
from extractor.ingest.ocr.ink import ink_mask
from extractor.ingest.ocr.lines import detect_tables
from extractor.ingest.ocr.render import PageImage
from extractor.ingest.ocr.textlines import line_text, reading_lines

# Cells below this are listed for review.  On the 45 synthetic pages of bench/bench_ocr.py, 9 of
# ~4,380 rightly read cells fell below it; guesses and second reads are capped below it.
LOW_CONFIDENCE = 0.8


@dataclass(frozen=True, slots=True)
class FlaggedCell:
    """A cell whose reading a person should confirm, and why."""

    grid_id: str
    row: int
    col: int
    text: str
    confidence: float
    reason: str  # "low-confidence" | "ink-without-text" | a confusion rule name


@dataclass(slots=True)
class OcrPage:
    """What happened on one page: for warnings, review lists and the benchmark."""

    number: int
    width: int
    height: int
    dpi: float | None
    skew_degrees: float
    seconds: float
    n_boxes: int
    n_tables: int
    flagged: list[FlaggedCell] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)


def ocr_page(page: PageImage, engine: OcrEngine) -> tuple[list[Block], OcrPage]:
    """Blocks of one page (paragraph lines and grids, top to bottom) and its report."""
    started = time.perf_counter()
    level, angle = deskew(page.image)
    boxes = [b for b in engine.read(level) if b.text.strip()]
    gray = cv2.cvtColor(level, cv2.COLOR_BGR2GRAY)
    unit = statistics.median(b.height for b in boxes) if boxes else gray.shape[0] / 60
    tables = detect_tables(gray, unit, [b.bbox for b in boxes])
    reread = _rereader(level, engine)
    placement = place_boxes(boxes, tables, unit, reread)
    to_page = _to_page(level.shape, angle, page.scale)
    binary = ink_mask(gray)

    placed: list[tuple[float, Block]] = []
    corrections: list[Correction] = []
    grids: list[Grid] = []
    for k, table in enumerate(tables):
        grid_id = f"p{page.number}t{k + 1}"
        grid = build_grid(grid_id, table, placement.cells[k], page.number, to_page, binary, unit, reread)
        corrections.extend(fix_grid(grid))
        grids.append(grid)
        placed.append((table.ys[0], grid))
    for line in reading_lines(placement.loose):
        text = fold_digits(line_text(line, tabs=True))
        if text:
            placed.append((min(b.bbox[1] for b in line), Paragraph(text, page=page.number)))
    placed.sort(key=lambda item: item[0])

    report = OcrPage(
        number=page.number,
        width=page.width,
        height=page.height,
        dpi=page.dpi,
        skew_degrees=angle,
        seconds=round(time.perf_counter() - started, 3),
        n_boxes=len(boxes),
        n_tables=len(tables),
        flagged=_flags(grids, corrections),
        corrections=corrections,
    )
    return [block for _, block in placed], report


def _rereader(level: np.ndarray, engine: OcrEngine) -> Callable[[BBox], tuple[str, float]]:
    """Second read of part of the levelled page (a skipped mark, one side of a split box)."""
    h, w = level.shape[:2]

    def reread(bbox: BBox) -> tuple[str, float]:
        x0, y0, x1, y1 = bbox
        crop = level[max(0, int(y0)) : min(h, int(y1) + 1), max(0, int(x0)) : min(w, int(x1) + 1)]
        return engine.recognize(crop) if crop.size else ("", 0.0)

    return reread


def _to_page(shape: tuple[int, ...], angle: float, scale: float) -> Callable[[BBox], BBox]:
    def convert(bbox: BBox) -> BBox:
        x0, y0, x1, y1 = unrotate_bbox(bbox, shape, angle)
        return (x0 / scale, y0 / scale, x1 / scale, y1 / scale)

    return convert


def _flags(grids: list[Grid], corrections: list[Correction]) -> list[FlaggedCell]:
    guessed = {(c.grid_id, c.row, c.col): c.rule for c in corrections if c.guess}
    flags: list[FlaggedCell] = []
    for grid in grids:
        for row in grid.rows:
            for cell in row:
                if cell.confidence >= LOW_CONFIDENCE:
                    continue
                reason = guessed.get((grid.id, cell.row, cell.col))
                if reason is None:
                    reason = (
                        "ink-without-text" if cell.is_blank and cell.confidence <= INK_CONFIDENCE else "low-confidence"
                    )
                flags.append(FlaggedCell(grid.id, cell.row, cell.col, cell.text, cell.confidence, reason))
    return flags
