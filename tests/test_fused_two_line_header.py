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
