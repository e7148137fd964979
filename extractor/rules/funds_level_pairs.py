"""Funds printed as label/amount pairs per column, one row per fiscal level (a self-evaluation report).

Hunan's 财政支出项目绩效评价自评报告 prints its funds inside 一、项目基本概况 with no column header:
the first line names the columns by their labels, each followed by the total
(``计划安排资金 (万元) | 1208.75 | 实际到位资金 (万元) | 1208.75 | 实际支出 (万元) | 991.51 | 结余 | 217.24``),
then every fiscal level prints its label again before each column's amount
(``省财政 | 1125 | 省财政 | 1125 | 省财政 | 907.76 | 省财政 | 217.24``); a level with nothing prints
the label alone.  The n-th label of a row is the n-th column, so a blank amount that a one-cell-per-line
print dropped costs nothing.  计划安排资金 is the budget and 实际支出 the executed amount; 实际到位 and
结余 have no schema column.  An amount that is not a number is left empty (certain or flagged).
"""

from __future__ import annotations

import re

from extractor.grid import Cell
from extractor.rules.cells import number_value, text_value
from extractor.segment.report_form import is_funds_line
from extractor.segment.types import Row
from extractor.values import is_placeholder, parse_decimal, squash
from schemas.common import FundRole, FundsRow

_COLUMN_FIELDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^计划安排资金"), "budget"),
    (re.compile(r"^实际支出"), "executed"),
    (re.compile(r"^(实际到位|结余|结转)"), ""),
]
# the report's fiscal levels; 市财政 has no level of its own in the schema (the samples label it line_item)
_LEVELS: list[tuple[re.Pattern[str], FundRole]] = [
    (re.compile(r"^(中央|省)(级)?财政"), "central_provincial"),
    (re.compile(r"^市(级)?财政"), "line_item"),
    (re.compile(r"^(区|县|旗)(级)?财政"), "county"),
    (re.compile(r"^(其它|其他)(资金)?$"), "other"),
]


def _level(text: str) -> FundRole | None:
    key = re.sub(r"^其中[:：]?", "", squash(text))
    return next((role for pattern, role in _LEVELS if pattern.match(key)), None)


def _column(text: str) -> str | None:
    key = squash(text)
    return next((f for pattern, f in _COLUMN_FIELDS if pattern.match(key)), None)


def _amount_cell(cells: list[Cell], k: int) -> Cell | None:
    """The amount printed after the label at ``k``: the next cell when it is a number."""
    nxt = cells[k + 1] if k + 1 < len(cells) else None
    if nxt is None or is_placeholder(nxt.clean) or parse_decimal(nxt.clean) is None:
        return None
    return nxt


def read_level_pair_funds(rows: list[Row], limit: int) -> list[FundsRow]:
    """The block's rows (the total first), or none when the print is not this one."""
    start = next((k for k, r in enumerate(rows[:limit]) if is_funds_line(r)), None)
    if start is None:
        return []
    line = rows[start]
    cells = [c for c in line.cells if c.clean]
    labels = [(k, f) for k, c in enumerate(cells) if (f := _column(c.clean)) is not None]
    fields = [f for _, f in labels]
    if "budget" not in fields or "executed" not in fields:
        return []
    total = FundsRow(role="total", label=text_value(line, cells[labels[0][0]]))
    for k, field in labels:
        amount = _amount_cell(cells, k)
        if field and amount is not None:
            setattr(total, field, number_value(line, amount))
    out = [total]
    for row in rows[start + 1:limit]:
        read = _level_row(row, fields)
        if read is None:
            break
        out.append(read)
    return out if len(out) > 1 else []


def _level_row(row: Row, fields: list[str]) -> FundsRow | None:
    """One level's row: its label repeated before each column's amount; None when it is no such row."""
    cells = [c for c in row.cells if c.clean]
    if row.is_paragraph or not cells:
        return None
    role = _level(cells[0].clean)
    if role is None:
        return None
    first = squash(cells[0].clean)
    at = [k for k, c in enumerate(cells) if squash(c.clean) == first]
    others = [c for k, c in enumerate(cells) if k not in at and (k - 1) not in at]
    if others or len(at) > len(fields):
        return None  # another label or a stray cell: not this print
    fr = FundsRow(role=role, label=text_value(row, cells[0]))
    for n, k in enumerate(at):
        amount = _amount_cell(cells, k)
        if fields[n] and amount is not None:
            setattr(fr, fields[n], number_value(row, amount))
    return fr
