"""A vertical merge printed once per row (Word authors, TSV exports) reads like a real merge."""

from __future__ import annotations

from extractor.ingest import ingest_text
from extractor.layouts import extract_form, segment

_FORM = "\n".join("\t".join(row) for row in [
    ["项目支出绩效自评表"],
    ["项目名称", "农村公路养护资金", "", ""],
    ["主管部门", "交通局", "实施单位", "养护站"],
    ["项目资金（万元）", "", "全年预算数", "全年执行数", "执行率"],
    ["项目资金（万元）", "年度资金总额", "85.47", "80.00", "93.60%"],
    ["项目资金（万元）", "其中：当年财政拨款", "85.47", "80.00", ""],
    ["年度总体目标", "预期目标", "实际完成情况"],
    ["年度总体目标", "完成养护任务，道路通行顺畅。", "养护任务全部完成，通行顺畅。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度", "实际", "分值", "得分"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"],
    ["绩效指标", "产出指标", "数量指标", "养护里程", "≥20公里", "21公里", "90", "90"],
])


def test_repeated_vertical_labels_are_not_row_labels() -> None:
    (chunk,) = segment(ingest_text(_FORM))
    form = extract_form(chunk)
    assert [(f.role, f.label.value) for f in form.funds] == [
        ("total", "年度资金总额"), ("fiscal", "其中：当年财政拨款")
    ]
    assert str(form.funds[0].executed.value) == "80.00"
    assert form.goals.expected.value == "完成养护任务，道路通行顺畅。"
    assert form.goals.actual.value == "养护任务全部完成，通行顺畅。"
    (indicator,) = form.indicators
    assert indicator.target.raw == "≥20公里"
    assert indicator.actual.raw == "21公里"


def test_a_header_label_typed_across_its_merge_is_not_its_own_value() -> None:
    text = "\n".join("\t".join(r) for r in [
        ["部门整体支出绩效目标申报表"],
        ["部门名称", "部门名称", "临江市卫生健康委员会", "临江市卫生健康委员会"],
        ["整体绩效目标", "围绕年度重点工作，加强资金管理，提高资金使用效益。"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["年度绩效指标", "产出指标", "成本指标", "三公经费控制率", "≤98%", "100"],
    ])
    (chunk,) = segment(ingest_text(text))
    assert extract_form(chunk).header.unit_name.value == "临江市卫生健康委员会"


def test_pasted_two_row_header_whose_upper_merge_lost_its_positions() -> None:
    """年度指标值 over 指标性质 | 指标值 | 度量单位, pasted one cell per position without the merge."""
    text = "\n".join("\t".join(r) for r in [
        ["部门预算项目支出绩效自评表"],
        ["项目名称", "城乡环境综合整治经费"],
        ["主管部门", "司法局", "实施单位", "文化馆"],
        ["年度总体目标", "预期目标", "实际完成目标"],
        ["", "加强资金管理，提高资金使用效益。", "预算执行规范，基本达到预期目标。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分"],
        ["", "", "", "", "指标性质", "指标值", "度量单位", "", "", ""],
        ["", "产出指标", "数量指标", "培训人次", "≥", "2020", "人次", "1703人次", "10", "8.43"],
    ])
    (chunk,) = segment(ingest_text(text))
    form = extract_form(chunk)
    assert form.goals.actual.value == "预算执行规范，基本达到预期目标。"
    (indicator,) = form.indicators
    assert indicator.actual.raw == "1703人次"
    assert (str(indicator.target.value.value), indicator.target.value.unit) == ("2020", "人次")
    assert (str(indicator.weight.value), str(indicator.score.value)) == ("10", "8.43")


def test_funds_label_exported_into_every_merged_column() -> None:
    text = "\n".join("\t".join(r) for r in [
        ["项目支出绩效自评表"],
        ["项目名称", "项目名称", "特困人员供养经费", "特困人员供养经费"],
        ["预算执行情况（元）", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["预算执行情况（元）", "年度财政资金总额", "年度财政资金总额", "4,583,900", "4,583,900", "4,403,500", "20",
         "96.06%", "19.21"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["绩效指标", "产出指标", "数量指标", "建设面积", ">=2344亩", "2344亩", "80", "80"],
    ])
    (chunk,) = segment(ingest_text(text))
    (total,) = extract_form(chunk).funds
    assert total.role == "total"
    assert [str(v.value) for v in (total.budget, total.executed, total.weight, total.score)] == [
        "4583900", "4403500", "20", "19.21"]


def test_block_label_printed_in_every_indicator_row_is_not_a_level1_name() -> None:
    text = "\n".join("\t".join(r) for r in [
        ["部门整体支出绩效自评表"],
        ["部门名称", "司法局"],
        ["绩 效 指 标", "一 级 指 标", "二 级 指 标", "三 级 指 标", "年 度 指 标 值", "实 际 完 成 值", "分 值",
         "得 分", "偏差原因分析及改进措施"],
        ["绩 效 指 标", "产出指标（90分）", "数量指标", "重点工作完成数（项）", ">=18", "19", "90", "90", ""],
        ["绩 效 指 标", "满意度指标（10分）", "服务对象满意度指标", "服务对象满意度（%）", ">=86", "100", "10", "10",
         ""],
        ["总分", "100", "100"],
    ])
    (chunk,) = segment(ingest_text(text))
    form = extract_form(chunk)
    assert [(i.level1.value, i.level2.value, i.name.value) for i in form.indicators] == [
        ("产出指标", "数量指标", "重点工作完成数（项）"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度（%）"),
    ]


def test_pasted_two_row_header_with_the_upper_words_printed_again_below() -> None:
    """The lower header row repeats the upper row's merged words (绩效指标 … 实际完成值 权重 得分)
    in their own positions while the upper row lost the merge's further positions."""
    text = "\n".join("\t".join(r) for r in [
        ["部门预算项目支出绩效自评表"],
        ["项目名称", "城乡环境综合整治经费"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", "原因"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "权重", "得分",
         "原因"],
        ["绩效指标", "产出指标", "数量指标", "培训人次", "≥", "1912", "人次", "1900人次", "10", "9.94", "天气影响"],
    ])
    (chunk,) = segment(ingest_text(text))
    (indicator,) = extract_form(chunk).indicators
    assert indicator.target.value.operator == "≥"
    assert (str(indicator.target.value.value), indicator.target.value.unit) == ("1912", "人次")
    assert indicator.actual.raw == "1900人次"
    assert (str(indicator.weight.value), str(indicator.score.value)) == ("10", "9.94")
    assert indicator.deviation_reason.value == "天气影响"
