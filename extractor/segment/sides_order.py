"""Re-row a side-by-side funds table (收入构成 | 金额 | 占比 | 支出构成 | 金额 | 占比) pasted one cell per line.

A Hubei department target (sample 17) lists where the money comes from beside what it is spent
on; each row holds two funds rows.  Pasted one cell per line the restreaming opens a row at
every funds label, so each side became a row of its own and the side reader
(``rules/funds_sides``, which splits a row at the 支出构成 column) found no row to split.  The
header's words give the six columns; the body is cut by ``row_cut`` into rows of two labels,
each followed by its amount and share — a spending label (基本支出, 项目支出, 合计) on the right, an
income label (财政拨款, 其他收入, 合计) on the left — and the rows come out with their column
positions, so the side reader splits them as printed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.grid import Cell
from extractor.segment.row_cut import Column, cut
from extractor.values import is_numeric, squash
from extractor.vocab import fund_role, says_nothing

_INCOME = re.compile(r"^收入(构成|结构)$")
_SPENDING = re.compile(r"^支出(构成|结构)$")
_AMOUNT = re.compile(r"^(金额|预算数|资金)")
_SHARE = re.compile(r"^(占比|比例|比重)")
_NEXT_BLOCK = re.compile(
    r"^(整体绩效目标|部门整体绩效目标|年度绩效目标|绩效目标|年度绩效指标|绩效指标|一级指标|总体目标)")


def _when(ok: bool, cost: float = 0.0) -> float | None:
    return cost if ok else None


def _label(key: str) -> bool:
    return bool(key) and not is_numeric(key) and not says_nothing(key)


def _income(key: str) -> float | None:
    return _when(_label(key) and fund_role(key) not in ("basic", "project"))


def _spending(key: str) -> float | None:
    if not _label(key):
        return None
    return 0.0 if fund_role(key) in ("basic", "project", "total") else 1.0


def _amount(key: str) -> float | None:
    return _when(is_numeric(key) and not key.endswith("%") or says_nothing(key))


def _share(key: str) -> float | None:
    return _when(key.endswith("%") and is_numeric(key) or says_nothing(key))


_COLUMNS = [Column(_income, required=True), Column(_amount, 0.6), Column(_share, 0.3),
            Column(_spending, 0.6), Column(_amount, 0.6), Column(_share, 0.3)]


def _header(cells: list[Cell]) -> list[Cell] | None:
    """The six header words in column order (income's label, amount, share, then spending's)."""
    income = [c for c in cells if _INCOME.match(squash(c.clean))]
    spending = [c for c in cells if _SPENDING.match(squash(c.clean))]
    amounts = [c for c in cells if _AMOUNT.match(squash(c.clean))]
    shares = [c for c in cells if _SHARE.match(squash(c.clean))]
    if len(income) != 1 or len(spending) != 1 or len(amounts) != 2 or len(shares) != 2:
        return None
    return [income[0], amounts[0], shares[0], spending[0], amounts[1], shares[1]]


def _word(cell: Cell) -> bool:
    key = squash(cell.clean)
    return any(p.match(key) for p in (_INCOME, _SPENDING, _AMOUNT, _SHARE))


def restore_side_rows(rows: list[list[Cell]], order: dict[int, int]) -> list[list[Cell]]:
    """``rows`` (restreamed cell lines) with a side-by-side funds table re-rowed; ``order``: each
    cell's (``id``) place in print order."""
    cells = sorted((c for r in rows for c in r), key=lambda c: order.get(id(c), 0))
    start = next((k for k, c in enumerate(cells) if _word(c) and any(
        _INCOME.match(squash(x.clean)) for x in cells[k:k + 6])), None)
    if start is None:
        return rows
    end = start
    while end < len(cells) and _word(cells[end]):
        end += 1
    header = _header(cells[start:end])
    stop = next((k for k in range(end, len(cells)) if _NEXT_BLOCK.match(squash(cells[k].clean))), len(cells))
    body = cells[end:stop]
    found = cut(body, _COLUMNS) if header is not None and body else None
    if header is None or found is None or found.tied:
        return rows
    table = [[replace(c, col=k) for k, c in enumerate(header)]]
    for placed_row in found.rows:
        line = [Cell("", row=placed_row[0][1].row, col=k) for k in range(len(_COLUMNS))]
        for col, c in placed_row:
            line[col] = replace(c, col=col)
        table.append(line)
    taken = {id(c) for c in cells[start:stop]}
    out: list[list[Cell]] = []
    placed = False
    for row in rows:
        kept = [c for c in row if id(c) not in taken]
        if not placed and any(id(c) in taken for c in row):
            if kept and order.get(id(kept[0]), 0) < order.get(id(cells[start]), 0):
                out.append(kept)
                kept = []
            out += table
            placed = True
        if kept:
            out.append(kept)
    return out
