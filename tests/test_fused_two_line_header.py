"""Run-together indicator headers printed over two lines (``年度`` / ``指标值``): the first line's
halves, the whole headings, then the second halves, read back in the first line's order; and a
``部门（单位）`` title prefix.  All inputs are synthetic."""

from __future__ import annotations

import extractor.layouts.fused.lexicon as lx
from extractor.layouts.fused.scan import find_titles, header_run


def test_wrapped_headings_are_joined_to_their_second_halves() -> None:
    t = "指标类型二级指标三级指标年度实际分值得分偏差原因分析及改进措施指标值完成值产出指标"
    cols, end = header_run(t, 0, lx.INDICATOR_HEADER, True)
    assert cols == ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"]
    assert t[end:] == "产出指标"


def test_a_half_without_its_second_half_is_no_column() -> None:
    t = "一级指标二级指标三级指标年度分值得分产出指标"
    cols, _ = header_run(t, 0, lx.INDICATOR_HEADER, True)
    assert cols == ["level1", "level2", "name"]


def test_a_department_unit_title_keeps_its_prefix() -> None:
    t = "单位:万元部门(单位)整体支出绩效目标申报表总体资金情况预算支出总额"
    ((start, end),) = find_titles(t)
    assert t[start:end] == "部门(单位)整体支出绩效目标申报表"


def test_a_second_header_line_repeating_the_merged_headings() -> None:
    t = ("指标类型二级指标三级指标年度实际分值得分偏差原因分析及改进措施"
         "绩效指标指标类型二级指标三级指标指标值完成值分值得分偏差原因分析及改进措施绩效指标产出指标(60分)")
    cols, end = header_run(t, 0, lx.INDICATOR_HEADER, True)
    assert cols == ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"]
    assert t[end:] == "绩效指标产出指标(60分)"


def test_a_level_stating_its_points_on_every_row_is_one_group() -> None:
    from extractor.pipeline import extract_text

    text = ("2024年度部门整体支出绩效自评表部门（单位）名称石桥镇教育局绩效指标一级指标二级指标三级指标年度指标值"
            "实际完成值分值得分产出指标（60分）质量指标重点工作完成率≥100%100%3030"
            "产出指标（60分）时效指标资金拨付及时率≥92%93%3030总分10060")
    (form,) = extract_text(text).forms
    assert [(g.level, g.name, g.stated_weight.value) for g in form.groups] == [(1, "产出指标", 60)]
    assert [i.name.value for i in form.indicators] == ["重点工作完成率", "资金拨付及时率"]


def test_a_staff_count_label_ends_the_unit_name() -> None:
    from extractor.layouts.fused.scan import scan

    t = ("2021年东林市水利局整体绩效自评表部门(单位)名称东林市水利局财政供养人员数量68"
         "年度部门(单位)整体收支情况(万元)名称年初预算数预算数(A)执行数(B)执行率(B/A)")
    (form,) = scan(t)
    assert [(f, t[a:b]) for f, (a, b) in form.labels] == [("unit_name", "东林市水利局")]
