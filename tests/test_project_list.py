"""A target table listing several projects becomes one form per project."""

from __future__ import annotations

from decimal import Decimal

from extractor.pipeline import extract_text

_TABLE = (
    "| 部门预算项目绩效目标申报表(2023年度) | |\n"
    "| 金额单位:元 | |\n"
    "| 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | "
    "三级指标 | 指标性质 | 指标值 | 度量单位 | 权重 | |\n"
    "| 甲单位合计 | 300.00 | |\n"
    "| 甲单位 | 项目一 | 100.00 | 完成项目一的年度任务 | 产出指标 | 数量指标 | 数量甲 | ≥ | 5 | 个 | 40 | |\n"
    "| 效益指标 | 社会效益指标 | 效益甲 | ≥ | 90 | % | 50 | |\n"
    "| 项目二 | 200.00 | 完成项目二的年度任务 | 满意度指标 | 服务对象满意度指标 | 满意度乙 | ≥ | 95 | % | 90 | |\n"
)


def test_each_project_is_a_form() -> None:
    forms = extract_text(_TABLE).forms
    assert [f.header.project_name.value for f in forms] == ["项目一", "项目二"]
    first, second = forms
    assert first.header.unit_name.value == "甲单位"
    assert second.header.unit_name.value == "甲单位"  # the merged 单位名称 cell covers both projects
    assert first.funds[0].role == "total" and first.funds[0].budget.value == Decimal("100.00")
    assert first.overall_goal.value == "完成项目一的年度任务"
    assert [i.name.value for i in first.indicators] == ["数量甲", "效益甲"]
    ind = first.indicators[0]
    assert ind.target.value.operator == "≥" and ind.target.value.unit == "个"
    assert ind.weight.value == Decimal("40")
    assert [i.name.value for i in second.indicators] == ["满意度乙"]
    assert second.indicators[0].level1.value == "满意度指标"
    assert first.header.money_unit.value == "元"
