"""A county table whose stock text fills the ACTUAL column, not the reason column.

Some county special-fund templates print their one stock text (达成预期指标, 已完成 …) in
实际完成值 and leave 未完成原因及改进措施 empty; run together a row reads ``name target stock``
(``巡查率不低于95%达成预期指标``), which the cutter reads as a lone figure and a stock reason.  The
column is decided by the table's evidence, never per row: three rows or more print the stock text
as a cell, none prints it twice (a template that prints it as the reason does so where a row's
actual cell holds it too), and three in four of them print one value before it (or none: a
qualitative target the cut left in the name).  Then every such
row's stock text is its actual (qualitative, as printed) and its one value its target (a lone
figure is certain once the actual is known; a date is a deadline, not an achievement).  A row
printing two figures before the stock text cannot tell which of them is the target: neither is
read, and the row is flagged.  So is a lone bare figure of four digits or more (``≥8686``, no unit
after it): it may be a target and an actual run together, and it is no evidence for the column
either; one of two or three digits (``≥98``, ``不低于95``) is read as one value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractor.layouts.fused.rows import OPERATOR, RowCut, Slot

_MIN_ROWS = 3
_LONE_SHARE = 0.75  # of the rows printing the stock text as a cell: one value before it
_MIN_SPLIT = 3  # characters a stock text needs before a name is parted at it
_PAIR = frozenset({"target", "actual"})
# a figure with no unit after it, four digits or more: it may hold a target and an actual (``≥8686``)
_BARE = re.compile(rf"(?:{OPERATOR.pattern})*\d{{4,}}(?:\.\d+)?")


def _stock_cells(row: RowCut) -> list[Slot]:
    return [s for s in row.slots.values() if s.kind == "stock"]


def stock_in_actual(bodies: Iterable[tuple[str, list[RowCut]]], stock: str) -> bool:
    """Whether the table's rows (each body's text and its rows) print ``stock`` in the actual
    column: see the module's docstring."""
    with_stock = 0
    lone = 0
    for text, rows in bodies:
        for row in rows:
            if not _stock_cells(row):
                continue
            if any(s.kind != "stock" and text[s.start:s.end] == stock for s in row.slots.values()):
                return False  # printed twice: the template's reason column holds it
            values = [s for f, s in row.slots.items() if f in _PAIR]
            if len(values) == 1 and _BARE.fullmatch(text[values[0].start:values[0].end]):
                continue  # one value or two: no evidence either way
            with_stock += 1
            lone += len(values) <= 1  # none: a qualitative target glued to its name (工程质量达到验收标准)
    return with_stock >= _MIN_ROWS and lone >= with_stock * _LONE_SHARE


def stock_as_actual(text: str, row: RowCut) -> tuple[RowCut, bool]:
    """``row`` (of the body ``text``) with its stock cell read as its actual and its lone value as
    its target; and whether its target cannot be told (two values before the stock text, a bare
    figure, or none: a qualitative target left in the name): then none is read, the row flagged."""
    cells = _stock_cells(row)
    if not cells:
        return row, False
    stock = min(cells, key=lambda s: s.start)
    slots = {f: s for f, s in row.slots.items() if s.kind != "stock"}
    values = [slots.pop(f) for f in ("target", "actual") if f in slots]
    # none: a qualitative target the cut left in the name (工程质量达到验收标准) — the name is unsure too
    two = len(values) != 1 or _BARE.fullmatch(text[values[0].start:values[0].end]) is not None
    if not two:
        slots["target"] = Slot("target", values[0].start, values[0].end, values[0].kind)
    slots["actual"] = Slot("actual", stock.start, stock.end, "qual")
    return RowCut(row.name, slots), two


def split_at_stock(text: str, row: RowCut, stock: str) -> list[RowCut]:
    """``row`` (of the body ``text``) parted where its name prints the stock text inside it
    (``工程质量达到验收标准已完成产出时效完成时间``): a row whose qualitative target the cut
    could not part from its name ends there, its actual the stock text, and the next row's name
    (a bare 二级 word may open it) starts after it."""
    out: list[RowCut] = []
    start, end = row.name
    if len(stock) < _MIN_SPLIT:
        return [row]  # a short text (无) may well be a name's own word
    while (at := text.find(stock, start + 1, end)) > start and at + len(stock) < end:
        out.append(RowCut((start, at), {"actual": Slot("actual", at, at + len(stock), "qual")}))
        start = at + len(stock)
    out.append(RowCut((start, end), row.slots))
    return out
