"""Indicator rows copied from a web page with space runs between cells and the empty ones
dropped (the ``spaced`` shape): the typed placement puts each cell under its column, with the
figure right after the name under 分值 where that column comes first (衔接资金 forms)."""

from __future__ import annotations

from decimal import Decimal

from extractor.pipeline import extract_text
from schemas import ProjectSelfEval

# fictional; header as the 衔接资金 template prints it: 分值 before 年度指标值
TEXT = """衔接资金项目绩效目标自评表
项目名称  乡村道路养护经费
主管部门  某县交通运输局   实施单位   某县公路养护中心
绩效指标   一级指标   二级指标   三级指标   分值   年度指标值   全年实际值   得分   未完成原因及拟采取的改进措施
产出指标（70分）   数量指标   养护里程   45   >=120公里   126公里   45
    时效指标   完工时间   25   10月底前   9月   25
★长效管护机制   5   健全   健全   5
满意度指标（10分）  服务对象满意度指标   群众满意度   5   >=95%   95%   5
总分   80   80
"""


def test_weight_before_target_reads_the_figure_after_the_name_as_weight() -> None:
    [form] = extract_text(TEXT, "spaced.txt").forms
    assert isinstance(form, ProjectSelfEval)
    rows = {i.name.value: i for i in form.indicators}
    mech = rows["★长效管护机制"]
    assert mech.target.value is not None and mech.actual.value is not None
    assert (mech.weight.value, mech.target.value.text, mech.actual.value.text, mech.score.value) == \
        (Decimal(5), "健全", "健全", Decimal(5))
    done = rows["完工时间"]
    assert done.target.value is not None and done.target.value.text == "10月底前"
    assert done.weight.value == Decimal(25)
