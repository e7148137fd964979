"""Funds tables pasted one cell per line with each row's cells permuted (segment/funds_order.py)."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.segment.funds_order import restore_funds_rows

_HEADER = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]


def _restore(rows: list[list[str]]) -> list[list[str]]:
    cells = [[Cell(t, k, 0) for t in r] for k, r in enumerate(rows)]
    order = {id(c): k for k, c in enumerate(c for r in cells for c in r)}
    return [[c.clean for c in r] for r in restore_funds_rows(cells, order)]


def test_rotated_rows_and_a_header_cut_in_two_are_put_back() -> None:
    rows = [["预算执行情况（万元）（20分）"], _HEADER[:3], _HEADER[3:],
            ["17.65", "年度财政资金总额", "78.06", "110.02", "97.11", "20", "88.27%"],  # rotated
            ["78.06", "110.02", "97.11", "/", "/", "/", "预算执行情况（万元）（20分）", "其中：中央和省级资金"],
            ["市县级资金", "/", "/", "/", "/", "/", "/"], ["年度总体目标", "预期目标"]]
    assert _restore(rows) == [["预算执行情况（万元）（20分）"], _HEADER,
                              ["年度财政资金总额", "78.06", "110.02", "97.11", "20", "88.27%", "17.65"],
                              ["其中：中央和省级资金", "78.06", "110.02", "97.11", "/", "/", "/"],
                              ["市县级资金", "/", "/", "/", "/", "/", "/"], ["年度总体目标", "预期目标"]]


def test_a_table_printed_in_order_keeps_its_rows() -> None:
    rows = [_HEADER, ["年度资金总额", "632.87", "632.87", "552.78", "10", "87.34%", "8.73"],
            ["其中：当年财政拨款", "632.87", "632.87", "552.78", "—", "—", "—"], ["年度总体目标"]]
    assert _restore(rows) == rows
