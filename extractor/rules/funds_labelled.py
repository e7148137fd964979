"""Funds blocks that print amounts beside their labels, without money-column headers.

Target forms print their 资金情况 block as ``label | amount`` rows (``资金情况 | 年度资金总额： |
100``), and provinces vary every part of it: the caption (预算规模及资金用途, 资金金额, 项目资金),
the labels (年度金额, 预算数, 一般公共预算拨款, 市本级, 地方资金), where the labels sit (beside
the caption, or in its column on later rows), several label/amount pairs on one row (sample 60:
``预算数 | 20.00 | 其中:财政资金 | 20.00 | 其他资金``; sample 63 prints two columns of pairs) and
an amount on a line of its own under its label (sample 43).  The block is read as a stream of
labels, each taking the first amount printed after it and before the next label; text that is
neither (小计, 市: / 县:) belongs to no field and is passed over.  A block printed as a hierarchy
(``（一）财政拨款小计`` then ``1、一般公共预算``, ``1、事业收入``: ``vocab.fund_tree``) reads each
numbered part under its subtotal as a line item.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.cells import number_value, text_value, traced
from extractor.segment.types import Row
from extractor.values import is_placeholder, parse_decimal, squash
from extractor.vocab import fund_role, is_numbered_part, is_subtotal_head, tree_role
from schemas.common import FundRole, FundsRow, Value

_BLOCK_START = ("资金情况", "项目资金", "资金来源", "年度资金", "资金金额", "预算规模", "资金规模")


def _is_caption(text: str) -> bool:
    return any(squash(text).startswith(w) for w in _BLOCK_START) and fund_role(text) is None


# an amount printed with its unit inside the cell, 万 alone too (``250万``: 项目支出 declarations)
_WITH_UNIT = re.compile(r"^(?P<amount>\d[\d,]*(?:\.\d+)?)\s*(?:万元|万|元)$")


def amount_of(text: str) -> Decimal | None:
    m = _WITH_UNIT.match(squash(text))
    return parse_decimal(text) if m is None else parse_decimal(m["amount"])


def _is_amount(text: str) -> bool:
    return amount_of(text) is not None


def _budget(row: Row, cell: Cell) -> Value[Decimal]:
    """A cell's amount, its unit aside (a target form has one amount column, in the form's unit)."""
    if parse_decimal(cell.clean) is not None:
        return number_value(row, cell)
    return traced(row, [cell], amount_of(cell.clean))


def _opens_block(cells: list[Cell]) -> bool:
    """A block with no caption: its first row prints two funds labels, each with its amount
    beside it (``年度本级预算金额 | 250万 | 该项目支出上级资金 | 0``).  One label before figures is
    not enough: a header flattened onto a line (``… 单位资金 327.99 172.21``) prints that too."""
    return len(cells) >= 4 and all(fund_role(cells[k].clean) is not None and _is_amount(cells[k + 1].clean)
                                   and not _is_amount(cells[k].clean) for k in (0, 2))


def read_labelled_amounts(rows: list[Row], limit: int) -> list[FundsRow]:
    """The funds rows of a 资金情况 block, in print order (row by row, left to right)."""
    out: list[FundsRow] = []
    inside = False
    pending: FundsRow | None = None  # a label whose amount may open the next line
    under = False  # the last label was a numbered 小计 or one of its numbered parts
    for row in rows[:limit]:
        cells = [c for c in row.cells if c.clean and not is_placeholder(c.clean)]
        if not cells:
            continue
        first = cells[0].clean
        if not inside:
            if not (_is_caption(first) or (squash(first).startswith("年度资金") and fund_role(first))
                    or _opens_block(cells)):
                continue
            inside = True
        elif not (_is_amount(first) or tree_role(first, under) is not None or _is_caption(first)):
            break  # the next labelled section (总体目标, 项目实施内容 …)
        if _is_caption(first):
            cells = cells[1:]
        if len(cells) == 1 and _is_amount(cells[0].clean):
            if pending is not None:  # the amount on a line of its own under its label
                pending.budget = _budget(row, cells[0])
            pending = None
            continue
        pending = None
        for label, amount in _pairs(cells, under):
            fr = _row(row, label, tree_role(label.clean, under))
            under = is_subtotal_head(label.clean) or (under and is_numbered_part(label.clean))
            if amount is not None:
                fr.budget = _budget(row, amount)
            out.append(fr)
            pending = fr if amount is None and fr.budget.value is None else None
    return out


def _pairs(cells: list[Cell], under: bool = False) -> list[tuple[Cell, Cell | None]]:
    """Each label with the first amount after it and before the next label.  A row's first cell
    is its label; a later cell is one only when it prints no figure (``中央衔接…补助资金50``
    beside a label describes the money, it is not a funds row of its own); the same label again
    before any amount is the merged cell's copy, not a second row."""
    out: list[tuple[Cell, Cell | None]] = []
    for k, cell in enumerate(cells):
        if _is_amount(cell.clean):
            if out and out[-1][1] is None and _IN_LABEL.match(out[-1][0].clean) is None:
                out[-1] = (out[-1][0], cell)
        elif out and out[-1][1] is None and squash(cell.clean) == squash(out[-1][0].clean):
            continue  # a merged label printed once per column it spans (TSV exports fill merges)
        elif k == 0 and tree_role(cell.clean, under) is not None:
            out.append((cell, None))  # a row's label (a hierarchy's numbered part under its 小计 too)
        elif fund_role(cell.clean) is not None and not any(ch.isdigit() for ch in cell.clean):
            out.append((cell, None))
    return out


# an amount printed inside its label after the colon: 年度资金总额:50万 (sample 65)
_IN_LABEL = re.compile(r"^(?P<label>.*[:：])\s*(?P<amount>\d[\d,]*(?:\.\d+)?)\s*(?:万元|万|元)?$")


def _row(row: Row, label: Cell, role: FundRole | None) -> FundsRow:
    """The funds row a label names (``role``: what its words, or its place under a 小计, name);
    an amount after the label's colon is its budget (a target form has one amount column, so the
    figure can belong to no other field)."""
    fr = FundsRow(role=role or "line_item", label=text_value(row, label))
    m = _IN_LABEL.match(label.clean)
    if m is not None:
        fr.label = traced(row, [label], m["label"].strip())
        fr.budget = traced(row, [label], parse_decimal(m["amount"]))
    return fr
