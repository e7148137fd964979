"""Indicator rows whose tall cells a text layer emitted after their figures (segment/row_order.py)."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.segment.row_order import restore_tall_names

_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def _fix(*rows: list[str]) -> list[list[str]]:
    cells = [[Cell(t, 0, k) for k, t in enumerate(r)] for r in (_HEADER, *rows)]
    return [[c.clean for c in r] for r in restore_tall_names(cells)][1:]


def test_names_emitted_after_their_figures_move_back() -> None:
    assert _fix(["产出指标", "数量指标", "≧6051人", "6419人", "25", "25"],
                ["指标1：发放补助人数", "≧5次", "6次", "20", "20"],
                ["指标2：开展宣传活动次数", "总分", "100"]) == [
        ["产出指标", "数量指标", "指标1：发放补助人数", "≧6051人", "6419人", "25", "25"],
        ["指标2：开展宣传活动次数", "≧5次", "6次", "20", "20"],
        ["总分", "100"]]


def test_a_rotated_row_joins_its_levels_and_name() -> None:
    assert _fix(["≧96%", "97%", "5", "5"], ["质量指标", "指标1：补助发放准确率"], ["总分", "100"]) == [
        ["质量指标", "指标1：补助发放准确率", "≧96%", "97%", "5", "5"], ["总分", "100"]]


def test_figures_alone_join_no_row_but_levels_and_a_name() -> None:
    # a sentence, a label row or a unit line after a row of figures is no rotated tail of it
    for after in (["偏差原因：资金未及时到位，已整改。"], ["其他需要说明", "无"], ["单位：万元"]):
        assert _fix(["≧96%", "97%", "5", "5"], after) == [["≧96%", "97%", "5", "5"], after]
    # qualitative target and actual words may follow the name
    assert _fix(["5", "5"], ["效益指标", "可持续影响指标", "指标1：长效管护机制", "健全", "健全"]) == [
        ["效益指标", "可持续影响指标", "指标1：长效管护机制", "健全", "健全", "5", "5"]]


def test_rows_in_order_stay() -> None:
    rows = (["产出指标", "数量指标", "指标1：发放补助人数", "≧6051人", "6419人", "25", "25"],
            ["指标2：开展宣传活动次数", "≧5次", "6次", "20", "20"],
            ["质量指标", "合格率", "持续改善", "持续改善", "5", "5"])
    assert _fix(*rows) == [list(r) for r in rows]
    # a short name is no tall cell: nothing says it was emitted late
    assert _fix(["产出指标", "数量指标", "≧6051人", "6419人", "25", "25"], ["人数", "≧5次", "6次", "20", "20"]) == [
        ["产出指标", "数量指标", "≧6051人", "6419人", "25", "25"], ["人数", "≧5次", "6次", "20", "20"]]


def test_a_rotated_funds_header_gets_its_last_column_back() -> None:
    rows = [["得 分"], ["项目资金（万元）"], ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率"],
            ["年度资金总额", "632.87", "632.87", "552.78", "10", "87.34%", "8.73"]]
    cells = [[Cell(t, 0, k) for k, t in enumerate(r)] for r in rows]
    out = [[c.clean for c in r] for r in restore_tall_names(cells)]
    assert out[:2] == [["项目资金（万元）"], ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得 分"]]


def test_tall_cells_alone_on_the_next_line_join_their_row() -> None:
    assert _fix(["效益指标", "生态效益指标", "2", "≧58", "58", "2"], ["指标1：森林覆盖率（%）"], ["总分", "100"]) == [
        ["效益指标", "生态效益指标", "指标1：森林覆盖率（%）", "2", "≧58", "58", "2"], ["总分", "100"]]
    assert _fix(["满意度指标", "5", "≧85", "93", "5"], ["服务对象满意度指标", "指标1：群众满意度（%）"]) == [
        ["满意度指标", "服务对象满意度指标", "指标1：群众满意度（%）", "5", "≧85", "93", "5"]]


def test_a_rotated_indicator_header_gets_its_last_columns_back() -> None:
    rows = [["年度总体目标", "按期完成年度建设任务，资金使用规范。", "年度指标值", "全年实际值"],
            ["得分", "未完成原因及拟采取的改进措施"], ["绩效指标"], ["一级指标", "二级指标", "三级指标", "分值"],
            ["产出指标", "数量指标", "指标1：养护道路里程（公里）", "5", "≧281", "306", "5"]]
    cells = [[Cell(t, 0, k) for k, t in enumerate(r)] for r in rows]
    out = [[c.clean for c in r] for r in restore_tall_names(cells)]
    assert out[:3] == [["年度总体目标", "按期完成年度建设任务，资金使用规范。"], ["绩效指标"],
                       ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分",
                        "未完成原因及拟采取的改进措施"]]
