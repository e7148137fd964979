"""Several score sheets run together into one found form: cut it at each later sheet's title.

A report copied out of its tables as one stream prints sheet after sheet with no line between
them (``…合计100903、动物防疫补助经费绩效评价指标体系及评分表一级指标…``), so segmentation, which
cuts at title rows, finds one form.  Every run of header words (``一级指标二级指标…``) opens a
sheet; its title is the Han text that ends right before it in a sheet-title word, started after
the previous sheet's last figure or full stop.
"""

from __future__ import annotations

import re

from extractor.grid import Cell
from extractor.layouts.score_runon.text import RunText, run_text
from extractor.segment.types import FormChunk, Row
from schemas.common import SCORE_SHEET_TYPES

_HEADER_START = re.compile(r"(?:序号)?(?:一级指标|指标类型)二级指标")
_TITLE_BEFORE = re.compile(r"[\u4e00-\u9fff]+(?:20\d{2}年度?[\u4e00-\u9fff]*)?(?:评分表|打分表|得分表)$")
_REACH = 60


def split(chunk: FormChunk) -> list[FormChunk] | None:
    """The chunk's sheets when a run-together text holds more than one; None otherwise."""
    if chunk.form_type not in SCORE_SHEET_TYPES or len(chunk.rows) > 40:
        return None
    rt = run_text(chunk)
    headers = [m.start() for m in _HEADER_START.finditer(rt.text)]
    cuts: list[tuple[int, str]] = []
    for h in headers[1:]:
        title = _TITLE_BEFORE.search(rt.text, max(0, h - _REACH), h)
        if title is not None and title.start() > (cuts[-1][0] if cuts else headers[0]):
            cuts.append((title.start(), title.group(0)))
    if not cuts:
        return None
    segments = _cut_rows(chunk.rows, rt, [pos for pos, _ in cuts])
    heads = [(chunk.title, chunk.title_row, list(chunk.context)), *((title, None, []) for _, title in cuts)]
    if len(segments) != len(heads) or not all(segments):
        return None
    return [FormChunk(0, chunk.form_type, chunk.type_confidence, title, title_row, rows, context)
            for (title, title_row, context), rows in zip(heads, segments, strict=True)]


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
