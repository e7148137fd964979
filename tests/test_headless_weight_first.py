"""A 衔接资金 tail run together (分值 printed before the target): a weight glued to its name or to its
target, a score glued to the total label, read where certain (rules/headless_line.py).  Texts are invented."""

from __future__ import annotations

from decimal import Decimal

import jixiao
from extractor.rules.headless_line import _glued_weight_certain

# every row full marks: a name alone after a row's figures opens the next row
TAIL = ("★工程合格率15 =100% 100% 15 成本指标建设成本控制 5<=120万元120万元 5 效益指标经济效益指标"
        "村集体增收 10>=15万元15万元 10 带动就业人数5>=30人30人5生态效益指标水质状况 15 稳定达标稳定达标 15"
        "满意度指标服务对象满意度指标农户满意度10 >=90%90% 10总分 60 60")


def _form(text: str) -> jixiao.FormRecord:
    result = jixiao.extract_text(text)
    assert len(result.forms) == 1
    return result.forms[0]


def test_weight_first_tail_read() -> None:
    form = _form(TAIL)
    assert form.schema_name == "project_self_eval"
    rows = [(i.name.value, i.target.value.text if i.target.value else None, i.actual.value.text if i.actual.value
             else None, i.weight.value, i.score.value) for i in form.indicators]
    assert rows == [
        ("★工程合格率", "=100%", "100%", Decimal("15"), Decimal("15")),
        ("建设成本控制", "<=120万元", "120万元", Decimal("5"), Decimal("5")),
        ("村集体增收", ">=15万元", "15万元", Decimal("10"), Decimal("10")),
        ("带动就业人数", ">=30人", "30人", Decimal("5"), Decimal("5")),
        ("水质状况", "稳定达标", "稳定达标", Decimal("15"), Decimal("15")),
        ("农户满意度", ">=90%", "90%", Decimal("10"), Decimal("10")),
    ]
    assert form.totals.weight.value == Decimal("60") and form.totals.score.value == Decimal("60")


def test_glued_weight_needs_its_score() -> None:
    assert _glued_weight_certain("15", "15")  # 5 < 15: not the weight
    assert _glued_weight_certain("10", "8")  # 0 is no weight
    assert not _glued_weight_certain("25", "3")  # 5 would do as well


def test_reason_then_text_keeps_the_sentence_only() -> None:
    text = ("产出指标数量指标改造户数 10 >=50户48户 9.6 部分农户外出务工，将继续动员。改造面积 10 >=20亩21亩 10 "
            "质量指标验收合格率 10 =100%100% 10 总分 30 29.6")
    form = _form(text)
    first = form.indicators[0]
    assert first.deviation_reason.value == "部分农户外出务工，将继续动员。"
    assert first.weight.value == Decimal("10") and first.score.value == Decimal("9.6")
    assert all(i.name.value != "改造面积" or i.weight.value is None for i in form.indicators)


def test_unitless_target_not_cut_when_last_figure_may_be_fused() -> None:
    text = ("产出指标数量指标培训人次（人次）≥200 210 10 10 质量指标合格率（%）≥90 100 10 10 "
            "满意度指标服务对象满意度指标受益对象满意度（%）≥95 95 55总分 30 30")
    form = _form(text)
    assert form.indicators[1].actual.value is not None and form.indicators[1].actual.value.text == "100"
    # 95 | 5 | 5 or 95 | 55 after the target: never the target cut 9 | 5
    assert all(i.target.value is None or i.target.value.text != "≥9" for i in form.indicators)


def test_fused_weight_and_score_glued_to_the_reason() -> None:
    text = ("产出指标数量指标建设面积≧500亩520亩 6060 效益指标经济效益指标带动增收≧200万元180万元 2018.9"
            "受天气影响工期延后。满意度指标服务对象满意度指标群众满意度≧90%95% 2020 总分100 98.9")
    form = _form(text)
    second = form.indicators[1]
    assert second.name.value == "带动增收"
    assert second.weight.value == Decimal("20") and second.score.value == Decimal("18.9")
    assert second.deviation_reason.value == "受天气影响工期延后。"


def test_operator_column_then_bare_target_and_figures() -> None:
    # the unit in the name, the operator in a column of its own: target, actual, 分值, 得分
    text = ("效益指标经济效益指标节约成本（万元）>= 12 13 10 10 可持续影响指标使用年限（年）>= 8 9 10 10 "
            "满意度指标服务对象满意度指标群众满意度（%）>= 90 92 5 5 合计 25 25 评价结论完成较好。")
    form = _form(text)
    rows = [(i.name.value, i.nature.value, i.target.value.text if i.target.value else None,
             i.actual.value.text if i.actual.value else None, i.weight.value) for i in form.indicators]
    assert rows[0] == ("节约成本（万元）", ">=", "12", "13", Decimal("10"))
    assert rows[2][2:] == ("90", "92", Decimal("5"))


def test_total_glued_after_a_fused_run_and_actual_before_one() -> None:
    text = ("效益指标社会效益指标服务保障能力明显提升明显提升 15 15生态效益指标生态环境持续改善持续改善5 5 "
            "满意度指标服务对象满意度指标受益对象满意度（%）>=82 98 1010总分 3029.5")
    form = _form(text)
    last = form.indicators[-1]
    assert last.actual.value is not None and last.actual.value.text == "98"
    assert last.weight.value == Decimal("10") and last.score.value == Decimal("10")
    assert form.totals.weight.value == Decimal("30") and form.totals.score.value == Decimal("29.5")


def test_row_with_uncertain_figures_does_not_cut_the_table_above() -> None:
    # the row ``<=2216 220855``: its actual fused with 分值 and 得分, the target never cut 22 | 16
    text = ("产出指标时效指标完成时限（个月）<=8 7 10 10 资金拨付及时率（%）>=92 93 10 10 成本指标项目成本控制（万元）"
            "<=449 449 25 25 人均补助标准（元/人）<=2216 220855 效益指标社会效益指标服务保障能力明显提升明显提升 15 15"
            "满意度指标服务对象满意度指标受益对象满意度（%）>=82 98 10 10 总分 75 75")
    form = _form(text)
    names = [i.name.value for i in form.indicators]
    assert names[:3] == ["完成时限（个月）", "资金拨付及时率（%）", "项目成本控制（万元）"]
    assert all(i.target.value is None or i.target.value.text != "<=22" for i in form.indicators)
