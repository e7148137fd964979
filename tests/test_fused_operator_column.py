"""Run-together target tables with a 计算符号 / 运算符号 (or 指标性质) column and a 度量单位 column
(Chongqing department targets): the operator or 定性 is the row's nature, the 指标值 stands
alone, the unit is its own cell.  All inputs are synthetic."""

from __future__ import annotations

from decimal import Decimal

from extractor.layouts.fused.rows import cut_rows
from extractor.pipeline import extract_text
from tests.fused_cells import cut_cells

_TEMPLATE = ["nature", "target", "unit", "weight"]


def _cells(body: str) -> list[dict[str, str]]:
    return cut_cells(body, _TEMPLATE)


def test_operator_column_value_and_unit_apart() -> None:
    assert _cells("资金拨付及时率≥97%40办理群众诉求件数≧1888件5") == [
        {"name": "资金拨付及时率", "nature": "≥", "target": "97", "unit": "%", "weight": "40"},
        {"name": "办理群众诉求件数", "nature": "≧", "target": "1888", "unit": "件", "weight": "5"},
    ]


def test_a_qualitative_target_with_digits_ends_before_the_weight() -> None:
    assert _cells("工作任务完成时间定性9月前20社会稳定程度定性良好5") == [
        {"name": "工作任务完成时间", "nature": "定性", "target": "9月前", "weight": "20"},
        {"name": "社会稳定程度", "nature": "定性", "target": "良好", "weight": "5"},
    ]


def test_a_chongqing_department_target_run_together_is_read() -> None:
    text = ("预算年度：2019预算（单位）名称：安平县司法局单位：万元部门（单位）整体支出绩效目标申报表"
            "总体资金情况预算支出总额基本支出项目支出85.05整体绩效目标按期完成年度建设任务，提升服务保障能力。"
            "部门整体绩效情况年度绩效指标一级指标二级指标三级指标计算符号指标值度量单位权重"
            "产出指标数量指标办理群众诉求件数≧1888件50时效指标工作任务完成时间定性9月前20"
            "效益指标社会效益指标社会稳定程度定性良好30")
    (form,) = extract_text(text).forms
    assert form.schema_name == "dept_target"
    got = [(i.name.value, i.nature.value, i.target.value and i.target.value.operator,
            i.target.value and i.target.value.value, i.unit.value, i.weight.value) for i in form.indicators]
    assert got == [
        ("办理群众诉求件数", "≧", "≥", Decimal(1888), "件", Decimal(50)),
        ("工作任务完成时间", "定性", "qualitative", None, None, Decimal(20)),
        ("社会稳定程度", "定性", "qualitative", None, None, Decimal(30)),
    ]
    assert form.indicators[1].target.value is not None and form.indicators[1].target.value.text == "9月前"


def test_a_text_target_is_cut_before_its_qualitative_word() -> None:
    cut = cut_rows("履职效能显著提升25社会稳定程度良好5", ["target", "weight"])
    assert cut is not None
    rows, _ = cut
    body = "履职效能显著提升25社会稳定程度良好5"
    assert [(body[slice(*r.name)], body[r.slots["target"].start:r.slots["target"].end]) for r in rows] == [
        ("履职效能", "显著提升"), ("社会稳定程度", "良好")]
