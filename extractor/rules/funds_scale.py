"""Funds amounts off the table's scale: a PDF text layer that lost a decimal point (dev 17).

Sample 17 prints 基本支出 ``7242318`` for 724.2318 万元 (its share, 74.8 %, and its 合计 968.1918
say so).  Read as printed, the part is 7 000 times its own total and the validator reports a
mismatch the form does not have.  Where the block's totals agree (the 收入 and 支出 sides' 合计 of a
收支 table, so the scale is twice printed), a part ten times or more above them is not at the
table's scale: which digits are whole is not certain, so the
amount is left empty with a finding (certain or flagged); a planted or real slip that keeps the
part below ten times the total is left to the validator.
"""

from __future__ import annotations

from decimal import Decimal

from extractor.rules.align import doubt
from schemas.common import Finding, FundsRow, SourceRef, Value

_SCALE = Decimal(10)


def drop_off_scale(funds: list[FundsRow]) -> list[Finding]:
    """Empty each part's budget that is ten times or more the block's largest total; the findings."""
    totals = [f.budget.value for f in funds if f.role == "total" and f.budget.value is not None]
    if len(totals) < 2 or len(set(totals)) != 1 or totals[0] <= 0:
        return []  # the scale is the one both sides' 合计 agree on (a 收支 table), else not certain
    top = max(totals)
    dropped: list[str] = []
    cells: list[SourceRef] = []
    for row in funds:
        value = row.budget.value
        if row.role != "total" and value is not None and value >= _SCALE * top:
            cells += row.budget.source
            row.budget = Value()
            dropped.append(f"funds[{row.role}].budget")
    if not dropped:
        return []
    return [doubt("LAYOUT_FUNDS_SCALE", "warning", "资金金额超出合计十倍以上（疑似小数点丢失），金额未读取",
                  "a funds amount is ten times its total or more (a decimal point lost?); it was not read",
                  fields=dropped, cells=cells, rule="rules.funds_scale")]
