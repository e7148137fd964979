"""Read one project's part of a multi-project target table (see ``extractor.project_list``).

The project's own columns give the header fields (项目名称, 单位名称, 主管部门), the funds
(预算数 → the project's total budget; the table prints no row label for it) and the yearly goal
(年度目标); the indicator columns are read by the ordinary indicator reader once the rows are
re-based so that 一级指标 is their first column.
"""

from __future__ import annotations

import re

from extractor.grid import Cell
from extractor.layouts.project_list.split import find_list_layout, indicator_row
from extractor.rules.cells import number_value, text_value
from extractor.rules.indicators import IndicatorHeader, read_indicators
from extractor.segment.types import Row
from extractor.values import is_placeholder, parse_decimal, squash
from extractor.vocab import FUNDS_COLUMNS, INDICATOR_COLUMNS, match_column
from schemas.common import FundsRow, Header, Value
from schemas.dept_target import DeptTarget
from schemas.project_target import ProjectTarget

_HEADER_FIELDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^项目名称"), "project_name"),
    (re.compile(r"^(主管部门|主管单位)"), "department"),
    (re.compile(r"^(单位名称|实施单位|预算单位|部门（单位）名称|部门\(单位\)名称)"), "unit_name"),
]
_GOAL = re.compile(r"^(年度目标|绩效目标|总体目标|年度绩效目标|项目年度目标)$")


def is_project_list(rows: list[Row]) -> bool:
    return find_list_layout(rows) is not None


def read_project_list(rows: list[Row], header: Header, form: ProjectTarget | DeptTarget) -> None:
    """Fill ``form`` from one project's rows; ``header`` (title, year, unit) is completed here."""
    layout = find_list_layout(rows)
    if layout is None:
        return
    first = rows[layout.header_index + 1] if layout.header_index + 1 < len(rows) else None
    for name in ("project_name", "department", "unit_name"):
        setattr(header, name, Value[str]())  # the header row itself holds no values
    if first is not None:
        for head, cell in layout.project_cells(first):
            _project_cell(first, squash(head.clean), cell, header, form)
    form.header = header
    columns: dict[int, str] = {}
    for k, cell in enumerate(rows[layout.header_index].cells[layout.first_indicator_col:]):
        field = match_column(cell.clean, INDICATOR_COLUMNS)
        if field and field not in columns.values():
            columns[k] = field
    body = [indicator_row(row, layout) for row in rows[layout.header_index + 1:]]
    head_row = Row(rows[layout.header_index].cells[layout.first_indicator_col:], rows[layout.header_index].grid_id)
    indicators, groups, totals, _ = read_indicators([head_row, *body], IndicatorHeader(0, 0, columns))
    form.indicators = indicators
    form.groups = groups
    form.totals = totals


def _project_cell(row: Row, head: str, cell: Cell, header: Header, form: ProjectTarget | DeptTarget) -> None:
    if not cell.clean or is_placeholder(cell.clean):
        return
    for pattern, name in _HEADER_FIELDS:
        if pattern.match(head):
            setattr(header, name, text_value(row, cell))
            return
    if _GOAL.match(head):
        form.overall_goal = text_value(row, cell)
    elif match_column(head, FUNDS_COLUMNS) == "budget" and parse_decimal(cell.clean) is not None:
        form.funds = [FundsRow(role="total", budget=number_value(row, cell))]
