"""Indicator tables pasted one cell per line with each row's cells permuted (segment/indicator_order.py)."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.segment.indicator_order import restore_indicator_rows

_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
_NOTE = "个别群众对服务时效不满意，将改进工作方式。"
_ROTATED = ["5", "4.39", _NOTE, "指标2：带动农户增收", "≧231万元", "203万元"]  # row 4 rotated
_ROWS = [
    ["产出指标", "成本指标", "指标1：项目成本控制", "≦338万元", "325万元", "15", "15"],
    ["指标2：人均补助标准", "≦443元/人", "419元/人", "35", "35"],
    ["效益指标", "经济效益指标", "指标1：节约运行成本", "≧46万元", "49万元", "5", "5"],
    ["指标2：带动农户增收", "≧231万元", "203万元", "5", "4.39", _NOTE],
    ["生态效益指标", "指标1：生态环境", "持续改善", "持续改善", "15", "15"],
]


def _restore(header: list[str], printed: list[list[str]], tail: list[str] | None = None) -> list[list[str]]:
    """``printed`` as restreamed rows (their cut does not matter: the body is cut again)."""
    rows = [header, *printed, *([tail] if tail else [])]
    cells = [[Cell(t, k, 0) for t in r] for k, r in enumerate(rows)]
    order = {id(c): k for k, c in enumerate(c for r in cells for c in r)}
    return [[c.clean for c in r] for r in restore_indicator_rows(cells, order)]


def test_rotated_and_short_first_rows_are_put_back() -> None:
    printed = [
        ["产出指标", "成本指标", "≦338万元", "325万元", "15", "15", "指标1：项目成本控制"],  # short cells first
        ["指标2：人均补助标准", "≦443元/人", "419元/人", "35", "35"],
        ["效益指标", "经济效益指标", "≧46万元", "49万元", "5", "5", "指标1：节约运行成本"],
        _ROTATED,
        ["生态效益指标", "指标1：生态环境", "持续改善", "持续改善", "15", "15"],
    ]
    # the restreamed cut is wrong (a rotated row's figures end the row above); the body is cut again
    cut = [sum(printed, [])[k:k + 6] for k in range(0, len(sum(printed, [])), 6)]
    assert _restore(_HEADER, cut, ["总分", "100", "98.12"]) == [_HEADER, *_ROWS, ["总分", "100", "98.12"]]


def test_a_rotated_total_row_gets_its_figures_back() -> None:
    printed = [["产出指标", "成本指标", "≦338万元", "325万元", "15", "15", "指标1：项目成本控制"], *_ROWS[1:3],
               _ROTATED,
               ["生态效益指标", "指标1：生态环境", "持续改善", "持续改善", "15", "15", "100", "98.12"]]
    out = _restore(_HEADER, printed, ["总分"])
    assert out[-1] == ["总分", "100", "98.12"] and out[1:-1] == _ROWS


def test_a_header_printed_short_first_is_put_back() -> None:
    # spaced header words (年 度 指 标 值) print tall, after the short ones; the joined text is short
    header = ["一级指标", "二级指标", "三级指标", "分值", "得分", "年度指标值", "实际完成值", "偏差原因分析及改进措施"]
    printed = [["产出指标", "成本指标", "≦338万元", "325万元", "15", "15", "指标1：项目成本控制"], *_ROWS[1:3],
               _ROTATED,
               _ROWS[4]]
    assert _restore(header, printed) == [_HEADER, *_ROWS]


def test_a_table_printed_in_order_keeps_its_rows() -> None:
    # the restreamed rows stand (their own cut) when no row needed a reorder
    printed = [r[:] for r in _ROWS]
    printed[1:3] = [printed[1] + printed[2][:2], printed[2][2:]]
    assert _restore(_HEADER, printed) == [_HEADER, *printed]
    # one row printed short cells first is enough to cut the body again
    printed = [["产出指标", "成本指标", "≦338万元", "325万元", "15", "15", "指标1：项目成本控制"], *_ROWS[1:]]
    assert _restore(_HEADER, printed) == [_HEADER, *_ROWS]


def test_an_unknown_column_or_no_level_word_leaves_the_table() -> None:
    printed = [["5", "4.39", "指标2：带动农户增收", "≧231万元", "203万元"],
               ["项目成本控制", "≦338万元", "325万元", "15", "15"]]
    rubric = ["一级指标", "二级指标", "三级指标", "评分标准", "分值", "得分"]
    assert _restore(rubric, [*_ROWS, *printed])[1:] == [*_ROWS, *printed]
    no_levels = [["名称甲", "≦338万元", "325万元", "15", "15"], ["5", "4.39", "名称乙", "≧231万元", "203万元"],
                 ["15", "15", "名称丙", "≦1万元", "1万元"]]
    assert _restore(_HEADER, no_levels)[1:] == no_levels


def test_a_target_table_ends_at_the_next_form_and_its_header_word_comes_back() -> None:
    # a rotated header prints its last word (权重) at the end of the row above; no total row: the
    # next form's title ends the table; a 二级 word ending in 指标 is never the name
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值"]
    rows = [["总体目标", "按期完成年度建设任务。", "权重"], header,
            ["产出指标", "质量指标", "指标1：资金使用合规率", "═", "100%", "5"],
            ["15", "时效指标", "指标1：资金拨付及时率", "≧", "100%"],
            ["满意度指标", "≧", "95%", "10", "服务对象满意度指标", "指标1：群众满意度"],
            ["2019年特定目标类项目绩效目标表"]]
    cells = [[Cell(t, k, 0) for t in r] for k, r in enumerate(rows)]
    order = {id(c): k for k, c in enumerate(c for r in cells for c in r)}
    out = [[c.clean for c in r] for r in restore_indicator_rows(cells, order)]
    assert out == [["总体目标", "按期完成年度建设任务。"], [*header, "权重"],
                   ["产出指标", "质量指标", "指标1：资金使用合规率", "═", "100%", "5"],
                   ["时效指标", "指标1：资金拨付及时率", "≧", "100%", "15"],
                   ["满意度指标", "服务对象满意度指标", "指标1：群众满意度", "≧", "95%", "10"],
                   ["2019年特定目标类项目绩效目标表"]]


def test_a_header_over_two_rows_rotated_onto_the_rows_above_is_put_back() -> None:
    # Sichuan: 年度指标值 over 指标性质 | 指标值 | 度量单位; the upper row rotated, its last words
    # ending the goals row and filling a row of their own; the lower row rotated too
    rows = [["年度总体目标", "单位运转正常。", "年度指标值", "实际完成值"], ["权重", "得分"], ["绩效指标"],
            ["一级指标", "二级指标", "三级指标", "度量单位", "指标性质", "指标值"],
            ["产出指标", "数量指标", "建设面积", "≥", "1586", "亩", "1600亩", "40", "40"],
            ["15", "15", "时效指标", "项目完成时间", "定性", "9月底前", "9月20日"],
            ["合计", "55", "55"]]
    cells = [[Cell(t, k, 0) for t in r] for k, r in enumerate(rows)]
    order = {id(c): k for k, c in enumerate(c for r in cells for c in r)}
    out = [[c.clean for c in r] for r in restore_indicator_rows(cells, order)]
    assert out == [["年度总体目标", "单位运转正常。"], ["绩效指标"],
                   ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "权重", "得分"],
                   ["产出指标", "数量指标", "建设面积", "≥", "1586", "亩", "1600亩", "40", "40"],
                   ["时效指标", "项目完成时间", "定性", "9月底前", "9月20日", "15", "15"],
                   ["合计", "55", "55"]]


def test_a_header_over_two_rows_repeating_its_merged_words_is_joined() -> None:
    # 年度 | 实际 over 指标值 | 完成值; both rows print 一级指标 … 得分 (merged cells copied)
    rows = [["绩效指标"], ["一级指标", "二级指标", "三级指标"], ["年度", "实际"],
            ["分值", "得分", "一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"],
            ["10", "10"], ["产出指标", "质量指标", "重点工作完成率", "≥100%", "100%"],
            ["时效指标", "资金拨付及时率", "≥92%", "93%", "5", "5"], ["总分", "15"]]
    cells = [[Cell(t, k, 0) for t in r] for k, r in enumerate(rows)]
    order = {id(c): k for k, c in enumerate(c for r in cells for c in r)}
    out = [[c.clean for c in r] for r in restore_indicator_rows(cells, order)]
    assert out == [["绩效指标"], ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                   ["产出指标", "质量指标", "重点工作完成率", "≥100%", "100%", "10", "10"],
                   ["时效指标", "资金拨付及时率", "≥92%", "93%", "5", "5"], ["总分", "15"]]


def test_a_two_row_header_is_joined_even_over_rows_printed_in_order() -> None:
    # Sichuan's two header rows each repeat the merged words; 年度指标值 spans 指标性质 | 指标值 |
    # 度量单位.  The body is in order, but the header the reader sees must be one row
    upper = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "权重", "得分"]
    lower = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "权重", "得分"]
    rows = [upper + lower, ["产出指标", "数量指标", "发放补助人数", "≥", "3383", "人", "3576人", "5", "5"],
            ["质量指标", "资金使用合规率", "=", "100", "%", "100%", "10", "10"], ["合计", "15", "15"]]
    cells = [[Cell(t, k, 0) for t in r] for k, r in enumerate(rows)]
    order = {id(c): k for k, c in enumerate(c for r in cells for c in r)}
    out = [[c.clean for c in r] for r in restore_indicator_rows(cells, order)]
    assert out == [lower, *rows[1:]]


def test_a_two_row_header_whose_lower_row_was_rotated_is_joined() -> None:
    # the lower row printed from its own word (完成值) on: the rows split where each holds its words once
    rows = [["一级指标", "二级指标", "三级指标"], ["年度", "实际"],
            ["分值", "得分", "完成值", "分值", "得分", "一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "质量指标", "重点工作完成率", ">=92%", "84.1%", "25", "22.85"],
            ["10", "10", "成本指标", "公用经费控制率", "<=99%", "99%"], ["总分", "35", "32.85"]]
    cells = [[Cell(t, k, 0) for t in r] for k, r in enumerate(rows)]
    order = {id(c): k for k, c in enumerate(c for r in cells for c in r)}
    out = [[c.clean for c in r] for r in restore_indicator_rows(cells, order)]
    assert out[0] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    assert out[1:] == [rows[3], ["成本指标", "公用经费控制率", "<=99%", "99%", "10", "10"], rows[-1]]
