"""The funds total's weight stated in the 得分 column's header (``得分（20分*执行率）``, 隆阳).

Some forms print no 分值 column: the score column's header names the points the budget
execution is worth and how the score is reckoned from the rate.  Those points are the total
row's weight, read only when no weight column was printed (a printed figure wins) and only in
the ``N分 × 执行率`` form, where they can mean nothing else.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.rules.cells import traced
from extractor.segment.types import Row
from extractor.values import squash
from schemas.common import FundsRow

_STATED = re.compile(r"^得分[（(](\d+(?:\.\d+)?)分[*×xX]执行率[)）]$")


def stated_weight(rows: list[Row], header_row: int, fields: list[tuple[int, str]], funds: list[FundsRow]) -> None:
    """Give the first total row without a weight the points its score column's header states."""
    if any(f == "weight" for _, f in fields):
        return
    score_col = next((k for k, f in fields if f == "score"), None)
    total = next((fr for fr in funds if fr.role == "total"), None)
    row = rows[header_row]
    if score_col is None or total is None or total.weight.value is not None or score_col >= len(row.cells):
        return
    cell = row.cells[score_col]
    m = _STATED.match(squash(cell.clean))
    if m:
        total.weight = traced(row, [cell], Decimal(m.group(1)))
