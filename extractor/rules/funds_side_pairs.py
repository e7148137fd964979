"""Funds printed as a budget line and label/amount pairs per side (a special fund's web page).

A province's special-fund self-evaluation (区域绩效目标自评表) copied from a web page prints its
funds block one cell per line: ``预算执行情况 | 预算数: | B | 执行数: | E | weight``, then every source
as its label and amount twice, the budget side then the executed side (``其中:中央补助 | 2.38 万元 |
其中:中央补助 | 2.30 万元``), an empty amount as the unit alone (``地方资金/其他 | 万元``).  No
column header names the amounts: ``预算数:`` and ``执行数:`` name them on the total's line, and the
repeated label says which two amounts belong to one source.  The block is read only when both
hold; anything else is left to the other funds readers.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.cells import number_value, text_value, traced
from extractor.rules.funds_labelled import amount_of
from extractor.segment.types import Row
from extractor.values import is_placeholder, parse_decimal, squash
from extractor.vocab import fund_role
from schemas.common import FundsRow, Value

Token = tuple[Row, Cell]
_BUDGET = re.compile(r"^预算数[:：]$")
_EXECUTED = re.compile(r"^执行数[:：]$")
_UNIT_ALONE = re.compile(r"^(万元|元)$")
_WEIGHT_MAX = 100


def _tokens(rows: list[Row], limit: int) -> list[Token]:
    return [(r, c) for r in rows[:limit] if not r.is_paragraph for c in r.cells if c.clean]


def _amount(token: Token) -> Value[Decimal] | None:
    """The token's amount (its unit aside); an empty Value for a unit or blank mark printed alone;
    None when the token is no amount."""
    row, cell = token
    text = squash(cell.clean)
    if _UNIT_ALONE.match(text) or is_placeholder(text):
        return Value[Decimal]()
    if parse_decimal(cell.clean) is not None:
        return number_value(row, cell)
    amount = amount_of(cell.clean)
    return None if amount is None else traced(row, [cell], amount)


def read_side_pair_funds(rows: list[Row], limit: int) -> list[FundsRow]:
    """The block's rows (the total first), or none when the print is not this one."""
    tokens = _tokens(rows, limit)
    start = next((k for k in range(len(tokens) - 3) if _BUDGET.match(squash(tokens[k][1].clean))
                  and _EXECUTED.match(squash(tokens[k + 2][1].clean))), None)
    if start is None:
        return []
    budget, executed = _amount(tokens[start + 1]), _amount(tokens[start + 3])
    if budget is None or executed is None or budget.value is None:
        return []
    row, cell = tokens[start]
    total = FundsRow(role="total", label=text_value(row, cell), budget=budget, executed=executed)
    k = start + 4
    if k < len(tokens) and (w := parse_decimal(tokens[k][1].clean)) is not None and 0 < w <= _WEIGHT_MAX:
        total.weight = number_value(*tokens[k])
        k += 1
    out = [total]
    while k + 3 < len(tokens):
        label, first, again, second = tokens[k:k + 4]
        role = fund_role(label[1].clean)
        same = squash(label[1].clean) == squash(again[1].clean)
        amounts = _amount(first), _amount(second)
        if role is None or not same or amounts[0] is None or amounts[1] is None:
            break
        out.append(FundsRow(role=role, label=text_value(*label), budget=amounts[0], executed=amounts[1]))
        k += 4
    return out
