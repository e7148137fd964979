"""Amounts a PDF text layer split at a digit, put back whole (dev 17: ``合计 968.191 8 100%``).

A PDF's text extraction sometimes breaks a figure between two glyph runs, so a decimal prints as
``968.191 8``.  Read as two cells, the amount loses its last digits (a wrong value) and the lone
digit takes a column of its own.  The join is made only where one reading is possible: a funds
label, a decimal amount, one or two lone digits, then a share (``100%``) — a 收支 table's
``label | 金额 | 占比`` columns leave the lone digits no column but the amount's.
"""

from __future__ import annotations

import re

_FUNDS_LABEL = re.compile(r"(拨款|资金|收入|支出|合计|小计|总额|总计)$")
_DECIMAL = re.compile(r"^\d[\d,]*\.\d+$")
_TAIL = re.compile(r"^\d{1,2}$")
_SHARE = re.compile(r"^\d+(\.\d+)?%$")


def join_split_amounts(cells: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``cells`` (text, offset) with each split amount between a funds label and its share joined."""
    out: list[tuple[str, int]] = []
    k = 0
    while k < len(cells):
        text, start = cells[k]
        if (0 < k < len(cells) - 2 and _FUNDS_LABEL.search(cells[k - 1][0]) and _DECIMAL.match(text)
                and _TAIL.match(cells[k + 1][0]) and _SHARE.match(cells[k + 2][0])):
            out.append((text + cells[k + 1][0], start))
            k += 2
            continue
        out.append((text, start))
        k += 1
    return out
