"""Chongqing's 预算支出总额 | 基本支出 | 项目支出 funds run together, blank cells dropped.

Chongqing's 部门（单位）整体支出绩效目标申报表 prints its funds as one header (预算支出总额, then 基本支出
and 项目支出 each over 合计 | 财政拨款 | 单位资金) above one row of figures.  A text layer or an xlsx
export copied on one line drops the blank cells (单位资金 is often empty), so the figures no longer
stand under their columns (``327.99 172.21 172.21 155.78 155.78`` for seven columns).  The reading
is certain only by arithmetic: the first figure is the 总额; the rest split into a 基本支出 block and
a 项目支出 block, each its 合计 then parts adding up to it, the two 合计 adding up to the 总额.  Where
exactly one split does, the 总额 and the two 合计 are read; otherwise nothing (the form's findings
then say the funds were not found).
"""

from __future__ import annotations

from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.cells import number_value, text_value
from extractor.segment.types import Row
from extractor.values import parse_decimal, squash
from schemas.common import FundRole, FundsRow

_HEADS = ("预算支出总额", "基本支出", "项目支出")
_ROLES: tuple[FundRole, FundRole, FundRole] = ("total", "basic", "project")
_SUB = frozenset({"合计", "财政拨款", "单位资金", "其他资金"})

Placed = tuple[Row, Cell]


def _cells(rows: list[Row]) -> list[Placed]:
    return [(row, cell) for row in rows for cell in row.cells if cell.clean]


def _blocks(figures: list[Decimal], width: int) -> int | None:
    """The one length of the 基本支出 block that makes both blocks and the 总额 add up, or None."""
    fits = []
    for k in range(3, len(figures) - 1):  # each block its 合计 and at least one part
        basic, project = figures[1:k], figures[k:]
        if len(basic) > width or len(project) > width:
            continue
        if basic[0] == sum(basic[1:]) and project[0] == sum(project[1:]) and figures[0] == basic[0] + project[0]:
            fits.append(k)
    return fits[0] if len(fits) == 1 else None


def read_split_sides(rows: list[Row], limit: int) -> list[FundsRow]:
    """The 总额, 基本支出 and 项目支出 of such a block, or nothing where the block is absent or the
    arithmetic leaves more than one reading."""
    cells = _cells(rows[:limit])
    texts = [squash(c.clean) for _, c in cells]
    try:
        at = [texts.index(h) for h in _HEADS]
    except ValueError:
        return []
    if not at[0] < at[1] < at[2]:
        return []
    k = at[2] + 1
    subs = 0
    while k < len(cells) and texts[k] in _SUB:
        subs += 1
        k += 1
    while k < len(cells) and parse_decimal(cells[k][1].clean) is None and texts[k] == "总体资金情况":
        k += 1  # the block's caption printed again before the figures
    figures: list[Placed] = []
    while k < len(cells) and parse_decimal(cells[k][1].clean) is not None:
        figures.append(cells[k])
        k += 1
    if subs < 2 or subs % 2 or len(figures) > 1 + subs:
        return []
    values = [parse_decimal(c.clean) for _, c in figures]
    if any(v is None for v in values):
        return []
    split = _blocks([v for v in values if v is not None], subs // 2)
    if split is None:
        return []
    out = []
    for role, head, (row, cell) in zip(_ROLES, at, (figures[0], figures[1], figures[split]),
                                        strict=True):
        label_row, label_cell = cells[head]
        out.append(FundsRow(role=role, label=text_value(label_row, label_cell), budget=number_value(row, cell)))
    return out
