"""Rows the formats-parity work found misread in Word and on slips (issue 17)."""

from __future__ import annotations

from decimal import Decimal

from extractor.grid import Cell
from extractor.layouts.fushun.read import _read_totals
from extractor.rules.funds_simple import read_budget_split
from extractor.segment.types import Row


def _rows(*lines: list[str]) -> list[Row]:
    return [Row([Cell(t, r, c) for c, t in enumerate(texts)], "g1") for r, texts in enumerate(lines)]


def test_a_department_target_whose_parts_do_not_add_up_keeps_its_project_row() -> None:
    """预算支出总额 918100 while 基本支出 505260.23 + 项目支出 458772.52 is more: both rows are read,
    so the validator can report the slip."""
    rows = _rows(["总体资金情况", "预算支出总额", *["基本支出"] * 3, *["项目支出"] * 3],
                 ["总体资金情况", "预算支出总额", "合计", "财政拨款", "单位资金", "合计", "财政拨款", "单位资金"],
                 ["总体资金情况", "918100", "505260.23", "505260.23", "", "458772.52", "458772.52", ""])
    funds = read_budget_split(rows, len(rows))
    assert [(f.role, f.budget.value) for f in funds] == [
        ("total", Decimal("918100")), ("basic", Decimal("505260.23")), ("project", Decimal("458772.52"))]


def test_a_fushun_score_merged_over_two_columns_is_one_number() -> None:
    cells = [Cell("总评价得分", 0, 0, colspan=8), *[Cell("总评价得分", 0, 0, continuation=True) for _ in range(7)],
             Cell("99.54", 0, 8, colspan=2), Cell("99.54", 0, 8, continuation=True)]
    totals = _read_totals(Row(cells, "g1"))
    assert totals.score.value == Decimal("99.54") and totals.weight.value is None
