"""Target tables that list several projects in one grid (部门预算项目绩效目标申报表).

Such a table prints the project's own columns (单位名称 | 项目名称 | 预算数 | 年度目标) left of the
indicator columns (一级指标 | 二级指标 | 三级指标 | 指标值 …) on the first row of each project; the
project's further indicator rows leave the project cells out (pasted text drops the merged
cells, so those rows start at 一级指标) or repeat them as merged-cell copies (Word/HTML grids).
Each project is its own form: segmentation splits the grid per project here, and the rules read
a part by the same header.  A row that names no project and holds no indicator (a department
subtotal line above the first project) belongs to no project and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.grid import Cell
from extractor.segment.types import Row
from extractor.values import is_numeric, is_placeholder, squash
from extractor.vocab import INDICATOR_COLUMNS, is_any_level, match_column

_PROJECT = re.compile(r"^项目名称")
_LEVEL1_HEAD = re.compile(r"^一级指标")


@dataclass(slots=True)
class ListLayout:
    """Where the header row is, the 项目名称 column and the first indicator column."""

    header_index: int
    project_col: int
    first_indicator_col: int
    header_cells: list[Cell]

    def project_cells(self, row: Row) -> list[tuple[Cell, Cell]]:
        """(header cell, value cell) pairs of the project's own columns on its first row."""
        return list(zip(self.header_cells, row.cells[: self.first_indicator_col]))


def find_list_layout(rows: list[Row]) -> ListLayout | None:
    """A header row naming 项目名称 left of 一级指标 and at least one more indicator column."""
    for i, row in enumerate(rows[:40]):
        keys = [squash(t) for t in row.texts]
        p = next((k for k, t in enumerate(keys) if _PROJECT.match(t)), None)
        q = next((k for k, t in enumerate(keys) if _LEVEL1_HEAD.match(t)), None)
        if p is None or q is None or q <= p:
            continue
        later = {match_column(t, INDICATOR_COLUMNS) for t in row.texts[q + 1:]}
        if "name" in later and later & {"target", "weight"}:
            return ListLayout(i, p, q, list(row.cells[:q]))
    return None


def _indicator_start(row: Row) -> int | None:
    """Position of the row's first 一级/二级 word: where its indicator cells begin."""
    return next((k for k, c in enumerate(row.cells) if c.clean and is_any_level(c.clean)), None)


def _starts_project(row: Row, layout: ListLayout) -> bool:
    """A full-width row that prints its own project name (not a merged copy)."""
    cells = row.cells
    if len(cells) <= layout.first_indicator_col:
        return False
    name = cells[layout.project_col]
    text = name.clean
    return bool(text) and not (name.continuation or is_placeholder(text) or is_numeric(text) or is_any_level(text))


def _full_width(row: Row, layout: ListLayout, previous: Row | None) -> Row | None:
    """The row padded to the header's width when it prints project cells before its indicators.

    Pasted rows drop merged cells on the left (a second project of the same 单位名称 starts at
    项目名称): the printed project cells are the last ones before 一级指标 and the missing ones
    are the previous project's merged cells.  None for a row with no project cells.
    """
    j = _indicator_start(row)
    q = layout.first_indicator_col
    if j is None or j == 0:
        return None
    if j >= q:
        return row
    missing = q - j
    filler = list(previous.cells[:missing]) if previous is not None else [Cell("", 0, k) for k in range(missing)]
    return Row([*filler, *row.cells], row.grid_id, row.page)


def indicator_row(row: Row, layout: ListLayout) -> Row:
    """The row's indicator cells; full-width rows are re-based so that 一级指标 is column 0."""
    j = _indicator_start(row)
    q = layout.first_indicator_col
    if len(row.cells) > q and (j is None or j >= q) and (j is not None or not row.cells[0].clean):
        return Row(list(row.cells[q:]), row.grid_id, row.page)
    return row


def split_project_list(rows: list[Row]) -> list[list[Row]] | None:
    """The rows of each project (rows above the header, the header, the project's first row
    padded to full width, its further rows); None when the rows are not a multi-project list."""
    layout = find_list_layout(rows)
    if layout is None:
        return None
    head = rows[: layout.header_index + 1]
    parts: list[list[Row]] = []
    previous: Row | None = None
    for row in rows[layout.header_index + 1:]:
        if row.is_paragraph and parts:
            break
        full = _full_width(row, layout, previous)
        if full is not None and _starts_project(full, layout):
            parts.append([*head, full])
            previous = full
        elif parts:
            parts[-1].append(row)  # the project's further indicator rows
    return parts or None
