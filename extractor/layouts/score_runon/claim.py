"""Claim a document whose score sheets arrived run together, and cut it into its sheets.

A report copied out of its tables as one stream prints sheet after sheet with no line between
them (``…合计100903、动物防疫补助经费绩效评价指标体系及评分表一级指标…``), and ingest rebuilds a
spaced-out header (``一 级 指 标``) into a text grid whose rows are pieces of that one line; cutting
at title rows finds one form, or loses the header to the rows around it.  So the layout claims the
document before segmentation: its cells in source order make one text, every run of header words
whose rows run together (``columns``) opens a sheet, and its title is the Han text that ends right
before it in a sheet-title word.  The first sheet keeps the text before it (the title, a lead
sentence).  A document with any other table, or a sheet whose rows stand in cells, is left to
segmentation.
"""

from __future__ import annotations

import re

from extractor.classify import classify_title, classify_vocabulary
from extractor.grid import Cell, IngestedDocument
from extractor.layouts.score_runon.columns import LEVEL1_HEADING, find_header, read_columns
from extractor.layouts.score_runon.text import RunText, run_text
from extractor.segment.split import row_stream
from extractor.segment.types import FormChunk, Row
from schemas.common import SCORE_SHEET_TYPES

_HEADER_START = re.compile(r"(?:序号)?" + LEVEL1_HEADING)
_TITLE_BEFORE = re.compile(r"[\u4e00-\u9fff]+(?:20\d{2}年度?[\u4e00-\u9fff]*)?(?:评分表|打分表|得分表)$")
_REACH = 60
_STATED_CELLS = frozenset({"docx", "xlsx", "html"})  # tables whose cells the file states


def claim(doc: IngestedDocument) -> list[FormChunk]:
    """The document's run-together score sheets as chunks, or [] to leave it to segmentation."""
    if any(grid.kind in _STATED_CELLS for grid in doc.grids):
        return []
    rows = row_stream(doc)
    whole = FormChunk(0, None, 0.0, "", None, rows)
    rt = run_text(whole)
    starts = [m.start() for m in _HEADER_START.finditer(rt.text)]
    if not starts or not all(_runs_together(rt, s) for s in starts):
        return []
    cuts: list[tuple[int, str]] = []
    for h in starts[1:]:
        m = _TITLE_BEFORE.search(rt.text, max(0, h - _REACH), h)
        cuts.append((m.start(), m.group(0)) if m is not None else (h, ""))
    segments = _cut_rows(rows, rt, [pos for pos, _ in cuts])
    if len(segments) != len(starts) or not all(segments):
        return []
    ends = [pos for pos, _ in cuts] + [len(rt.text)]
    chunks: list[FormChunk] = []
    for k, (seg, title) in enumerate(zip(segments, ["", *(t for _, t in cuts)], strict=True)):
        text = rt.text[(cuts[k - 1][0] if k else 0):ends[k]]
        form_type = classify_title(title) if title else None
        if form_type not in SCORE_SHEET_TYPES:
            form_type = classify_vocabulary([text])[0]
        if form_type not in SCORE_SHEET_TYPES:
            return []
        chunks.append(FormChunk(k, form_type, 0.8, title, None, seg))
    return chunks


def _runs_together(rt: RunText, start: int) -> bool:
    """The sheet under this header reads as rows whose name and 评分标准 share a cell."""
    header = find_header(rt, start)
    if header is None:
        return False
    return read_columns(rt, header).runs_together()


def _cut_rows(rows: list[Row], rt: RunText, positions: list[int]) -> list[list[Row]]:
    """``rows`` cut before each character ``positions[k]`` of the run text (a cell cut in two)."""
    at_cell: dict[int, list[int]] = {}
    for pos in positions:
        at_cell.setdefault(id(rt.owners[pos][1]), []).append(rt.where[pos])
    segments: list[list[Row]] = [[]]
    for row in rows:
        cells: list[Cell] = []
        for cell in row.cells:
            prev = 0
            for at in sorted(at_cell.get(id(cell), [])):
                left = _slice(cell, prev, at)
                if left.text.strip():
                    cells.append(left)
                if cells:
                    segments[-1].append(Row(cells, row.grid_id, row.page))
                segments.append([])
                cells, prev = [], at
            cells.append(cell if prev == 0 else _slice(cell, prev, len(cell.text)))
        if cells:
            segments[-1].append(Row(cells, row.grid_id, row.page))
    return segments


def _slice(cell: Cell, start: int, end: int) -> Cell:
    base = cell.char_start
    return Cell(cell.text[start:end], cell.row, cell.col, cell.rowspan, cell.colspan,
                None if base is None else base + start, None if base is None else base + end,
                cell.page, cell.bbox, cell.confidence, cell.continuation)
