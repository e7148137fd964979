"""A form of stacked section tables (Fushun) pasted one cell per line, rows permuted (segment/section_order.py)."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.segment.section_order import restore_section_rows

_FUNDS_HEADER = ["年度部门（单位）整体收支情况（万元）", "名 称", "年初预算数", "全年预算数", "全年执行数", "执行率"]
_TASKS_HEADER = ["年度主要任务", "工作名称", "对应项目", "年初预算数", "全年预算数", "全年执行数", "执行率"]
_IND_HEADER = ["一级指标", "二级指标", "三级指标", "内容", "年度指标值", "全年完成值", "完成程度", "分值", "得分",
               "原因说明"]


def _restore(printed: list[str]) -> list[list[str]]:
    cells = [[Cell(t, k, 0)] for k, t in enumerate(printed)]
    order = {id(r[0]): k for k, r in enumerate(cells)}
    return [[c.clean for c in r] for r in restore_section_rows(cells, order)]


def test_sections_are_cut_into_full_width_rows_in_header_order() -> None:
    printed = [
        "部门（单位）名称",
        *_FUNDS_HEADER[1:], _FUNDS_HEADER[0],  # the header's tall label after its short words
        "520.47", "639.29", "——", "——", "年度部门预算收入小计（1 至 2 项）",  # short cells first
        "一、基本支出", "278.59", "342.19", "342.19", "100%",
        *_TASKS_HEADER[3:], *_TASKS_HEADER[:3],  # rotated
        "特困人员供养经费", "/", "121.06", "121.06", "100%", "重点工作一",  # rotated
        "重点工作三", "/", "96.99", "96.99", "100%", "高标准农田建设项目",  # the tall project last
        "100%", "合计", "/", "297.1", "297.1",
        "分解目标评价", *_IND_HEADER,
        "履职效能", "重点工作履行情况", "指标1", "风险排查次数", "≥11次", "11次", "完成", "10", "10",
        "30", "30", "整体工作完成情况", "指标1", "重大事故发生数", "=0起", "0起", "完成",
        "100", "总评价得分",
    ]
    out = _restore(printed)
    assert out[:4] == [["部门（单位）名称"], _FUNDS_HEADER,
                       ["", "年度部门预算收入小计（1 至 2 项）", "520.47", "639.29", "——", "——"],
                       ["", "一、基本支出", "278.59", "342.19", "342.19", "100%"]]
    assert out[4:8] == [_TASKS_HEADER, ["", "重点工作一", "特困人员供养经费", "/", "121.06", "121.06", "100%"],
                        ["", "重点工作三", "高标准农田建设项目", "/", "96.99", "96.99", "100%"],
                        ["", "合计", "", "/", "297.1", "297.1", "100%"]]
    assert out[8:] == [["分解目标评价"], _IND_HEADER,
                       ["履职效能", "重点工作履行情况", "指标1", "风险排查次数", "≥11次", "11次", "完成", "10", "10",
                        ""],
                       ["", "整体工作完成情况", "指标1", "重大事故发生数", "=0起", "0起", "完成", "30", "30", ""],
                       ["总评价得分", "100"]]


def test_a_stream_without_the_templates_sections_is_left() -> None:
    printed = ["项目名称", "某项目", *_IND_HEADER, "履职效能", "重点工作履行情况", "指标1", "风险排查次数"]
    assert _restore(printed) == [[t] for t in printed]
