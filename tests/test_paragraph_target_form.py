"""A target form pasted one cell per paragraph: labels split over cells, goals side by side."""

from __future__ import annotations

from decimal import Decimal

from extractor.pipeline import extract_text

_CELLS = [
    "项目名称", "测试项目", "主管部门", "及编码", "[001]甲局", "实施单位", "甲局", "项目资金", "资金总额", "50万元",
    "其中:财政拨款", "50万元", "其他资金", "总体目标", "中期目标", "年度目标", "三年内完成全部建设任务的目标",
    "本年度完成第一期建设任务", "绩效指标表", "一级指标", "二级指标", "三级指标", "指标值",
    "产出指标", "数量指标", "新建数量", "2", "产出指标", "成本指标", "成本指标", "建设成本", "控制在预算内",
    "满意度指标", "服务对象满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "附件:", "[打印]", "[关闭]",
]


def test_paragraph_cells_form() -> None:
    text = "网页标题 项目支出绩效目标表\n\n项目支出绩效目标表\n\n" + "\n\n".join(_CELLS) + "\n"
    (form,) = extract_text(text).forms
    assert form.header.department.value == "[001]甲局"
    assert form.header.money_unit.value == "万元"
    assert form.overall_goal.value == "本年度完成第一期建设任务"
    assert [(f.role, f.budget.value) for f in form.funds] == [
        ("total", Decimal("50")), ("fiscal", Decimal("50")), ("other", None)
    ]
    assert [(i.level1.value, i.level2.value, i.name.value) for i in form.indicators] == [
        ("产出指标", "数量指标", "新建数量"),
        ("产出指标", "成本指标", "建设成本"),
        ("满意度指标", "服务对象满意度指标", "群众满意度"),
    ]


def test_goals_pair_on_one_spaced_line() -> None:
    text = (
        "项目支出绩效自评表\n"
        "    项目名称 测试项目\n"
        "    年度总体目标完成情况 预期目标 实际完成情况\n"
        "     完成全年的建设任务。 已经完成。\n"
        "    一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
        "    产出指标 数量指标 数量 1 1 10 10\n"
    )
    (form,) = extract_text(text).forms
    assert form.goals.expected.value == "完成全年的建设任务。"
    assert form.goals.actual.value == "已经完成。"
    assert form.goals.actual.confidence < 1.0
