"""Funds blocks printed as label/amount pairs per column group (Hebei 成安 layout).

The header names column groups rather than amounts (``预算安排情况(调整后) | 资金到位情况 |
资金执行情况 | 预算执行进度(%)``) and every data row repeats its label inside each group:
``预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.84 | 100.00``.  The first group's label names the row;
the group header says which amount it is; a number left over after the pairs is the rate.
"""

from __future__ import annotations

import re

from extractor.grid import Cell
from extractor.rules.cells import number_value, percent_value, text_value
from extractor.segment.types import Row
from extractor.values import is_placeholder, parse_decimal, squash
from extractor.vocab import FUNDS_COLUMNS, fund_role, match_column
from schemas.common import FundsRow

_GROUP = re.compile(r"(预算安排|预算情况|资金到位|到位情况|资金执行|执行情况|支出情况)")
_GROUP_FIELD: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"到位"), None),  # 到位数 has no schema field
    (re.compile(r"执行|支出"), "executed"),
    (re.compile(r"预算"), "budget"),
]
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")  # a section heading cell (二、预算执行情况)
_TOTAL_LABEL = re.compile(r"^(预算数|合计|总计|小计|资金总额)")


def _group_field(text: str) -> str | None:
    for pattern, field in _GROUP_FIELD:
        if pattern.search(text):
            return field
    return None


def _find_header(rows: list[Row], limit: int) -> tuple[int, list[str | None], bool] | None:
    """(row index, field of each group in order, whether a rate column follows the groups)."""
    for i, row in enumerate(rows[:limit]):
        groups = [t for t in map(squash, row.texts) if _GROUP.search(t) and not _SECTION.match(t)]
        if len(groups) < 2:
            continue
        fields = [_group_field(g) for g in groups]
        if "budget" not in fields and "executed" not in fields:
            continue
        has_rate = any(match_column(c.clean, FUNDS_COLUMNS) == "rate" for c in row.cells)
        return i, fields, has_rate
    return None


def _pairs(row: Row) -> tuple[list[tuple[Cell, Cell | None]], list[Cell]] | None:
    """The row as (label, amount) pairs plus numbers printed after the last pair."""
    pairs: list[tuple[Cell, Cell | None]] = []
    trailing: list[Cell] = []
    for cell in row.cells:
        text = cell.clean
        if not text:
            continue
        if parse_decimal(text) is None and not is_placeholder(text):
            if trailing and not pairs:
                return None
            pairs.append((cell, None))
            trailing = []
            continue
        if pairs and pairs[-1][1] is None:
            pairs[-1] = (pairs[-1][0], cell)
        else:
            trailing.append(cell)
    return (pairs, trailing) if pairs else None


def read_paired_funds(rows: list[Row], limit: int) -> list[FundsRow]:
    """One FundsRow per data row under a group header; empty when the layout is not this one."""
    found = _find_header(rows, limit)
    if found is None:
        return []
    start, fields, has_rate = found
    out: list[FundsRow] = []
    for row in rows[start + 1:limit]:
        parsed = _pairs(row)
        if parsed is None or len(parsed[0]) != len(fields):
            break
        pairs, trailing = parsed
        label = pairs[0][0]
        role = fund_role(label.clean) or _fallback_role(label.clean, first=not out)
        if role is None:
            break
        fr = FundsRow(role=role, label=text_value(row, label))  # type: ignore[arg-type]
        for (_, amount), field in zip(pairs, fields):
            if field is not None and amount is not None:
                value = number_value(row, amount)
                if value.value is not None:
                    setattr(fr, field, value)
        if has_rate and len(trailing) == 1:
            fr.rate = percent_value(row, trailing[0])
        out.append(fr)
    return out


def _fallback_role(label: str, *, first: bool) -> str | None:
    """Bare labels the role vocabulary leaves open: ``其他`` rows, and the block's first amount row."""
    key = squash(label)
    if key.startswith("其他"):
        return "other"
    if first and _TOTAL_LABEL.match(key):
        return "total"
    return None
