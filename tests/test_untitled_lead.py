"""A form whose title was cut off keeps the header lines printed above its table (预算年度,
预算（单位）名称, 单位：万元) and the table's rows above its first body row (总体资金情况 …):
the ``untitled`` shape's Chongqing department targets (segment/split.py)."""

from __future__ import annotations

from decimal import Decimal

from extractor.pipeline import extract_text
from schemas import DeptTarget

# fictional
TEXT = "\n".join([
    "现将本单位2019年度绩效目标公开如下。",
    "预算年度：2019",
    "预算（单位）名称：某县水利局",
    "单位：万元",
    *("\t".join(r) for r in [
        ["总体资金情况", "预算支出总额", "基本支出", "", "", "项目支出", "", ""],
        ["", "", "合计", "财政拨款", "单位资金", "合计", "财政拨款", "单位资金"],
        ["", "348.84", "256.90", "256.90", "", "91.94", "91.94", ""],
        ["整体绩效目标", "保障单位正常运转，严格执行预算，确保项目按计划实施。"],
        ["部门整体绩效情况", "", "", "", "", "", "", ""],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"],
        ["", "产出指标", "时效指标", "资金拨付及时率", "≥", "100", "%", "50"],
        ["", "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "92", "%", "50"],
    ]),
]) + "\n"


def test_an_untitled_department_target_keeps_its_header_lines_and_funds() -> None:
    [form] = extract_text(TEXT, "untitled.txt").forms
    assert isinstance(form, DeptTarget)
    assert (form.header.unit_name.value, form.header.year.value, form.header.money_unit.value) == \
        ("某县水利局", 2019, "万元")
    total = next(f for f in form.funds if f.role == "total")
    assert total.budget.value == Decimal("348.84")
    assert len(form.indicators) == 2
