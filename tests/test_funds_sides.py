"""收入构成 beside 支出构成 (Hubei 部门整体支出绩效目标申报表, sample 17): the reader and the validator.

The convention is the sample's gold: sources by role (fiscal, other), spending by kind (basic,
project), each side's 合计 a total, the 收入 side listed first.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from extractor.grid import Cell
from extractor.rules.funds_sides import read_side_funds
from extractor.segment.types import Row
from extractor.validate import validate_form
from extractor.validate.plain import record_from_plain


def _rows(*lines: list[str]) -> list[Row]:
    return [Row([Cell(t, r, c) for c, t in enumerate(texts)], "g1") for r, texts in enumerate(lines)]


HEADER = ["收入构成", "金额", "占比", "支出构成", "金额", "占比"]


def test_totals_last_as_in_sample_17() -> None:
    rows = _rows(["部门名称", "某局"], HEADER,
                 ["财政拨款", "968.19", "100%", "基本支出", "724.23", "74.8%"],
                 ["其他资金", "", "", "项目支出", "243.96", "25.2%"],
                 ["合计", "968.19", "100%", "合计", "968.19", "100%"],
                 ["整体绩效目标", "完成年度工作任务。"])
    funds = read_side_funds(rows, len(rows))
    assert [(f.role, f.label.value) for f in funds] == [
        ("fiscal", "财政拨款"), ("other", "其他资金"), ("total", "合计"),
        ("basic", "基本支出"), ("project", "项目支出"), ("total", "合计")]
    assert [f.budget.value for f in funds] == [
        Decimal("968.19"), None, Decimal("968.19"), Decimal("724.23"), Decimal("243.96"), Decimal("968.19")]
    assert funds[3].budget.source[0].col == 4  # the 支出 side's 金额, not its 占比


def test_totals_first_and_a_row_with_one_side_only() -> None:
    rows = _rows(HEADER,
                 ["收入合计", "100", "100%", "支出合计", "100", "100%"],
                 ["财政拨款", "80", "80%", "基本支出", "100", "100%"],
                 ["其他收入", "20", "20%", "", "", ""],
                 ["一级指标", "二级指标", "三级指标", "指标值", "分值"])
    funds = read_side_funds(rows, len(rows))
    assert [f.role for f in funds] == ["total", "fiscal", "other", "total", "basic"]


def test_a_form_without_the_header_is_left_to_the_other_readers() -> None:
    rows = _rows(["项目资金", "年初预算数", "全年预算数"], ["年度资金总额", "10", "12"])
    assert read_side_funds(rows, len(rows)) == []


def _codes(funds: list[dict[str, Any]]) -> set[tuple[str, str]]:
    plain = {"schema_name": "dept_target", "funds": funds, "indicators": []}
    return {(f.code, f.fields[0] if f.fields else "") for f in validate_form(record_from_plain(plain))
            if f.severity in ("error", "warning")}


def _side(role: str, budget: str | None) -> dict[str, Any]:
    return {"role": role, **({"budget": budget} if budget is not None else {})}


@pytest.mark.parametrize("totals_first", [False, True])
def test_each_side_adds_up_to_its_own_total(totals_first: bool) -> None:
    income = [_side("fiscal", "80"), _side("other", "20")]
    spending = [_side("basic", "70"), _side("project", "30")]
    total = _side("total", "100")

    def funds() -> list[dict[str, Any]]:
        if totals_first:
            return [dict(total), *income, dict(total), *spending]
        return [*income, dict(total), *spending, dict(total)]

    assert _codes(funds()) == set()
    first, second = ("total", "total#2")
    income[0]["budget"] = "85"  # a source row that no longer adds up: the 收入 合计's finding
    assert _codes(funds()) == {("FUNDS_TOTAL_MISMATCH", f"funds[{first}].budget")}
    income[0]["budget"] = "80"
    spending[1]["budget"] = "25"  # a kind: the 支出 合计's
    assert _codes(funds()) == {("FUNDS_TOTAL_MISMATCH", f"funds[{second}].budget")}
