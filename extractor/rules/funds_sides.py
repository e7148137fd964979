"""Funds printed as two sides of one table: 收入构成 | 金额 | 占比 beside 支出构成 | 金额 | 占比.

The Hubei 部门整体支出绩效目标申报表 (sample 17) lists where the money comes from on the left
and what it is spent on on the right, each side with its own 合计 row and a share column that
has no schema field.  A row therefore holds two funds rows; reading it as one (the generic
reader) loses both.  The rows come out the way the sample's gold records them: the 收入 side
first, then the 支出 side, each row by its role (财政拨款 → fiscal, 基本支出 → basic, each 合计 a
total) — the roles say which side a row is on, the order which 合计 is whose (the validator's
``side_families`` relies on the same order).
"""

from __future__ import annotations

import re

from extractor.grid import Cell
from extractor.rules.cells import number_value, text_value
from extractor.segment.types import Row
from extractor.values import is_numeric, parse_decimal, squash
from extractor.vocab import fund_role, says_nothing
from schemas.common import FundRole, FundsRow

_INCOME = re.compile(r"^收入(构成|结构)$")
_SPENDING = re.compile(r"^支出(构成|结构)$")


def _find_header(rows: list[Row], limit: int) -> tuple[int, int] | None:
    """(row index, grid column of the 支出构成 cell) of the side-by-side header, 收入 on the left."""
    for i, row in enumerate(rows[:limit]):
        income = next((c.col for c in row.cells if _INCOME.match(squash(c.clean))), None)
        spending = next((c.col for c in row.cells if _SPENDING.match(squash(c.clean))), None)
        if income is not None and spending is not None and income < spending:
            return i, spending
    return None


def _is_label(cell: Cell) -> bool:
    """A row label: text that is no figure, no blank mark and no 无 printed for an empty amount."""
    return bool(cell.clean) and not says_nothing(cell.clean) and not is_numeric(cell.clean)


def _sides(row: Row, split_col: int) -> tuple[list[Cell], list[Cell]] | None:
    """The row's 收入 cells and 支出 cells: split at its second label, or at the header's column
    when a side prints no label (a merge dropped or repeated shifts the columns, not the labels)."""
    cells = [c for c in row.cells if not c.continuation]
    labels = [k for k, c in enumerate(cells) if _is_label(c)]
    if len(labels) == 2:
        return cells[labels[0]:labels[1]], cells[labels[1]:]
    if len(labels) == 1:
        return [c for c in cells if c.col < split_col], [c for c in cells if c.col >= split_col]
    return None


def _role(label: str) -> FundRole | None:
    role = fund_role(label)
    if role is None and squash(label).startswith("其他"):
        return "other"
    return role


def _side_row(row: Row, cells: list[Cell]) -> FundsRow | None | bool:
    """One side's funds row; None when the side is blank, False when it is not a funds row."""
    label = next((c for c in cells if _is_label(c)), None)
    if label is None:
        return None if not any(is_numeric(c.clean) for c in cells) else False
    role = _role(label.clean)
    amount = next((c for c in cells if parse_decimal(c.clean) is not None), None)
    if role is None:
        if amount is None:
            return False
        role = "line_item"
    out = FundsRow(role=role, label=text_value(row, label))
    if amount is not None:
        out.budget = number_value(row, amount)
    return out


def read_side_funds(rows: list[Row], limit: int) -> list[FundsRow]:
    """The 收入 rows then the 支出 rows under a 收入构成 | 支出构成 header; empty when the form
    has no such header."""
    found = _find_header(rows, limit)
    if found is None:
        return []
    start, split_col = found
    income: list[FundsRow] = []
    spending: list[FundsRow] = []
    for row in rows[start + 1:limit]:
        sides = None if row.is_paragraph else _sides(row, split_col)
        if sides is None:
            break
        read = [_side_row(row, cells) for cells in sides]
        if any(r is False for r in read):
            break
        for side, got in zip((income, spending), read, strict=True):
            if isinstance(got, FundsRow):
                side.append(got)
    return [*income, *spending]
