"""Puts OCR text boxes into the cells of detected tables and builds the grids.

A box belongs to the cell under its centre.  A box that straddles a drawn rule is split there
first: the detector sometimes runs two neighbouring cells' text into one line (``20`` | ``20``
read as ``2020``), and the rule, not the text, decides where one value ends; each side is then
read again from its own crop.

A cell's confidence is the lowest of its boxes' (one misread digit spoils a number), including
the boxes recovered from marks the detector skipped, whose confidence is capped (see ``ink``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from extractor.grid import Cell, Grid
from extractor.ingest.ocr.engine import BBox, TextBox
from extractor.ingest.ocr.glyphs import restore_operator
from extractor.ingest.ocr.ink import (
    DASH_CONFIDENCE,
    DASH_READINGS,
    SLASH_READINGS,
    Reread,
    dash_by_shape,
    recover,
    slash_by_shape,
)
from extractor.ingest.ocr.lines import TableLayout
from extractor.ingest.ocr.textlines import join_lines, line_text, reading_lines

INK_CONFIDENCE = 0.3  # confidence of a cell where ink was seen but no text read
MIN_PIECE = 0.35  # line heights: narrower parts of a box beyond a rule are the detector's padding


@dataclass(slots=True)
class Placement:
    """Boxes sorted into tables (cell index → boxes) and those outside every table."""

    cells: list[dict[int, list[TextBox]]]
    loose: list[TextBox]


def place_boxes(boxes: list[TextBox], tables: list[TableLayout], unit: float, reread: Reread) -> Placement:
    cells: list[dict[int, list[TextBox]]] = [{} for _ in tables]
    loose: list[TextBox] = []
    for box in boxes:
        # the innermost table holding the box: a frame drawn round a page must not swallow it
        holding = [k for k, t in enumerate(tables) if t.contains(box.cx, box.cy)]
        k = min(holding, key=lambda k: _area(tables[k].bbox), default=None)
        if k is None:
            loose.append(box)
            continue
        for piece in split_at_rules(box, tables[k], unit, reread):
            cells[k].setdefault(tables[k].cell_at(piece.cx, piece.cy), []).append(piece)
    return Placement(cells, loose)


def _area(b: BBox) -> float:
    return (b[2] - b[0]) * (b[3] - b[1])


def split_at_rules(box: TextBox, table: TableLayout, unit: float, reread: Reread) -> list[TextBox]:
    """The box cut at every rule it crosses, each piece read again from its own crop.

    A box only reaching over a rule by the detector's padding is left whole: a piece narrower
    than :data:`MIN_PIECE` line heights holds no character.  If the pieces cannot be read, the
    text is divided in proportion to the widths (exact for digits, the usual case).
    """
    x0, y0, x1, y1 = box.bbox
    r, c0 = table.base_at(x0, box.cy)
    _, c1 = table.base_at(x1, box.cy)
    spans: list[list[float]] = []  # [owner, left, right] of consecutive base columns
    for c in range(c0, c1 + 1):
        owner = table.owner[r][c]
        if spans and spans[-1][0] == owner:
            spans[-1][2] = table.xs[c + 1]
        else:
            spans.append([owner, table.xs[c], table.xs[c + 1]])
    pad = max(2.0, 0.08 * unit)  # half a rule's thickness
    parts = [(max(x0, a + pad), min(x1, b - pad)) for _, a, b in spans]
    parts = [(a, b) for a, b in parts if b - a >= MIN_PIECE * box.height]
    if len(parts) < 2:
        return [box]
    pieces = []
    for a, b in parts:
        text, conf = reread((a, y0, b, y1))
        if text.strip():
            pieces.append(TextBox(text.strip(), (a, y0, b, y1), min(conf, box.confidence)))
    return pieces if len(pieces) == len(parts) else _proportional(box, parts)


def _proportional(box: TextBox, parts: list[tuple[float, float]]) -> list[TextBox]:
    x0, y0, x1, y1 = box.bbox
    step = (x1 - x0) / max(1, len(box.text))
    pieces = []
    for a, b in parts:
        text = "".join(ch for i, ch in enumerate(box.text) if a <= x0 + (i + 0.5) * step <= b).strip()
        if text:
            pieces.append(TextBox(text, (a, y0, b, y1), box.confidence))
    return pieces or [box]


def cell_text(boxes: list[TextBox]) -> tuple[str, float]:
    """A cell's text (wrapped lines run on) and its confidence (the lowest box's)."""
    if not boxes:
        return "", 1.0
    text = join_lines([line_text(line, tabs=False) for line in reading_lines(boxes)])
    return text, min(b.confidence for b in boxes)


def build_grid(
    grid_id: str,
    table: TableLayout,
    placed: dict[int, list[TextBox]],
    page: int,
    to_page: Callable[[BBox], BBox],
    binary: np.ndarray,
    unit: float,
    reread: Reread,
) -> Grid:
    """The ``Grid`` of one table: anchor cells per row with spans, page boxes and confidences.

    Marks the detector skipped are recovered first (:mod:`extractor.ingest.ocr.ink`); a cell
    whose only ink could not be read stays blank with :data:`INK_CONFIDENCE`, so it is flagged.
    Operators the recogniser misread (``≧`` as ``≥``, ``⩾`` as ``>``, ``═`` as ``-``) are restored by
    their ink (``glyphs``).
    """
    rows: list[list[Cell]] = [[] for _ in range(table.n_rows)]
    for idx, rect in enumerate(table.cells):
        boxes = placed.get(idx, [])
        only = boxes[0] if len(boxes) == 1 else None
        if only and only.text.strip() in DASH_READINGS and dash_by_shape(binary, only, rect.bbox, unit):
            boxes = [TextBox("—", only.bbox, max(only.confidence, DASH_CONFIDENCE))]
        elif only and only.text.strip() in SLASH_READINGS and slash_by_shape(binary, only, rect.bbox, unit):
            boxes = [TextBox("/", only.bbox, max(only.confidence, DASH_CONFIDENCE))]
        extra, unread = recover(binary, rect.bbox, unit, boxes, reread)
        text, conf = cell_text([restore_operator(binary, b, rect.bbox, unit) for b in boxes + extra])
        if not text and unread:
            conf = INK_CONFIDENCE
        x0, y0, x1, y1 = to_page(rect.bbox)
        rows[rect.row].append(
            Cell(
                text,
                rect.row,
                rect.col,
                rowspan=rect.rowspan,
                colspan=rect.colspan,
                page=page,
                bbox=(round(x0, 1), round(y0, 1), round(x1, 1), round(y1, 1)),
                confidence=round(max(0.0, min(1.0, conf)), 4),
            )
        )
    for row in rows:
        row.sort(key=lambda c: c.col)
    return Grid(id=grid_id, kind="ocr", rows=rows, page=page)
