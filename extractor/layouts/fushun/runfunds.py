"""The 收支 rows of a run-together Fushun form: their labels and roles; the money is not read.

A row prints its label, then 年初预算数 / 预算数(A) / 执行数(B) / 执行率(B/A) (``——`` in a 收入
row's execution columns); a merged section cell may repeat the section's label on every row.
Amounts printed against each other (``896.46896.46``) lose their boundary; cutting them the way
the synthetic gold does was not settled here (see docs/shapes.md), so every money run is left
unread and counted.
"""

from __future__ import annotations

import re

from extractor.layouts.fushun.read import fund_role
from extractor.layouts.fushun.runtext import RunText
from schemas.common import FundsRow

_HEAD_END = re.compile(r"执行率\(B/A\)|执行率")
_REPEATED = re.compile(r"(?:(?:[^()\d]|\(单位\)){0,14}收支情况\([^)]*\))+")  # the merged section cell, printed again
_LABEL = re.compile(r"(?:\d+\.)?(?:[^\d—.,%()]|\([^)]*\))+")
_MONEY = re.compile(r"(?:[\d.,]+%?|—+|-+)+?(?=\d+\.[^\d]|[^\d.,%—-]|$)")  # not the next item's ``2.``


def read_funds(rt: RunText, start: int, end: int) -> tuple[list[FundsRow], int]:
    """The section's rows and the number of money runs left unread."""
    text = rt.text
    head = _HEAD_END.search(text, start, end)
    if head is None:
        return [], 0
    rows: list[FundsRow] = []
    left = 0
    block: str | None = None
    k = head.end()
    while k < end:
        repeated = _REPEATED.match(text, k, end)
        if repeated is not None:
            k = repeated.end()
        label = _LABEL.match(text, k, end)
        if label is None:
            break
        role, block = fund_role(label.group(0), block)
        rows.append(FundsRow(role=role, label=rt.value(label.start(), label.end(), label.group(0))))
        money = _MONEY.match(text, label.end(), end)
        if money is None:
            break
        left += 1
        k = money.end()
    return rows, left
