"""Header and level words wrapped onto cell lines of their own join back (segment/cell_wrap.py)."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.segment.cell_wrap import join_header_halves, join_wrapped


def _joined(*lines: str) -> list[str]:
    cells = [Cell(text, row=k, col=0, char_start=10 * k, char_end=10 * k + len(text)) for k, text in enumerate(lines)]
    return [c.clean for c in join_wrapped(cells)]


def test_wrapped_header_cells_join_into_their_words() -> None:
    assert _joined("三级指标", "年度", "指标值", "实际", "完成值", "偏差原因", "分析及", "改进措施") == [
        "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施"]
    assert _joined("年度预", "算申请", "(万元)", "年初", "预算数", "全年预算数") == [
        "年度预算申请(万元)", "年初预算数", "全年预算数"]
    # a bracket inside the word, printed half-width as PDF text does, joins as the full-width one
    assert _joined("全年(调整)", "预算数", "全年执行数") == ["全年(调整)预算数", "全年执行数"]
    assert _joined("年度部门(单位)整", "体收支情况") == ["年度部门(单位)整体收支情况"]


def test_wrapped_level_words_join_but_neighbours_stay_apart() -> None:
    assert _joined("经济效", "益指标", "木材销售收入") == ["经济效益指标", "木材销售收入"]
    assert _joined("数量", "指标", "造林面积") == ["数量指标", "造林面积"]
    assert _joined("生态", "效益指标", "指标1：生态环境") == ["生态效益指标", "指标1：生态环境"]
    assert _joined("产出指标", "数量指标") == ["产出指标", "数量指标"]
    assert _joined("预期目标", "实际完成情况") == ["预期目标", "实际完成情况"]


def test_values_and_blank_lines() -> None:
    assert _joined("年初", "", "预算数") == ["年初预算数"]  # a blank line between cell lines
    assert _joined("分值", "10", "得分", "10") == ["分值", "10", "得分", "10"]
    assert _joined("年度", "2022") == ["年度", "2022"]


def test_joined_cell_spans_its_lines() -> None:
    cells = [Cell("年初", 0, 0, char_start=0, char_end=2), Cell("预算数", 1, 0, char_start=3, char_end=6)]
    (cell,) = join_wrapped(cells)
    assert (cell.char_start, cell.char_end, cell.row) == (0, 6, 0)


def _halves(*lines: str) -> list[str]:
    return [c.clean for c in join_header_halves([Cell(t, k, 0) for k, t in enumerate(lines)])]


def test_a_header_over_two_rows_joins_its_halves() -> None:
    assert _halves("一级指标", "二级指标", "三级指标", "年度", "实际", "分值", "得分", "偏差原因分析及改进措施",
                   "指标值", "完成值", "产出指标") == [
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
        "产出指标"]
    # halves that make no header word with the trailing cells stay as printed
    assert _halves("一级指标", "年度", "分值", "得分", "产出指标") == ["一级指标", "年度", "分值", "得分", "产出指标"]


def test_level_points_printed_apart_join_their_level_word() -> None:
    """Sample 45: a 一级 cell's points in a paragraph of their own, the bracket or 分 sometimes lost."""
    assert _joined("产出指标", "(50)", "数量指标") == ["产出指标（50分）", "数量指标"]
    assert _joined("效益指标", "", "30分)", "经济效益指标") == ["效益指标（30分）", "经济效益指标"]
    assert _joined("产出指标", "50", "数量指标") == ["产出指标", "50", "数量指标"]  # a bare figure: no
    assert _joined("数量指标", "(10分)") == ["数量指标", "(10分)"]  # a 二级 word states no group here
