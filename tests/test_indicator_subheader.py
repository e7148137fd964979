"""A two-row indicator header whose lower row lost its leading empty cells (a web page copied
with space runs): its words are put back under the upper cells they complete
(``rules/indicator_subheader.py``)."""

from __future__ import annotations

from extractor.rules.indicator_subheader import place_subheader

UPPER = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度", "实际", "分值", "得分", "偏差原因分析及改进措施"]


def test_words_completing_two_upper_cells_go_under_them() -> None:
    assert place_subheader(UPPER, ["指标值", "完成值"]) == ["", "", "", "", "指标值", "完成值", "", "", ""]


def test_sub_headers_of_one_merged_heading_spread_under_it() -> None:
    upper = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分", "原因"]
    lower = place_subheader(upper, ["指标性质", "指标值", "度量单位"])
    assert lower == ["", "", "", "", "指标性质", "指标值", "度量单位", "", "", "", ""]


def test_words_that_complete_nothing_stay_where_printed() -> None:
    assert place_subheader(UPPER, ["备注"]) is None


def test_sub_headers_go_under_a_merge_printed_with_its_empty_positions() -> None:
    upper = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "", "", "实际完成值", "权重", "得分", "原因"]
    lower = place_subheader(upper, ["指标性质", "指标值", "度量单位", "", ""])
    assert lower == ["", "", "", "", "指标性质", "指标值", "度量单位", "", "", "", ""]
