"""One-line exports whose header cells come after the first rows: rows put back only where certain."""

from __future__ import annotations

import random

from extractor.grid import Cell
from extractor.segment.export_late import cut_rows_at, restore_late_funds, restore_late_rows, restore_late_table
from extractor.segment.types import Row
from tests.synth.messify.export_late import labels_after_figures, late_header_rows


def _cells(line: str) -> list[Cell]:
    return [Cell(t, 0, k) for k, t in enumerate(line.split())]


def _line(cells: list[Cell]) -> str:
    return " ".join(c.clean for c in cells)


_HEAD = "二级指标 三级指标 年度指标值 实际完成值 分值 得分"


def test_pending_names_take_the_batch_in_header_order() -> None:
    line = ("一级指标 产出指标 数量指标 指标1:接种人数 ≥4000人 指标2:宣传材料 ≥10种 二级指标 三级指标 年度指标值 "
            "质量指标 指标1:讲座场次 实际完成值 分值 得分 4500人 3 3 12种 1 1 ≥10次 12次 2 2 "
            "指标2:咨询活动 10次 84次 1 1")
    assert _line(restore_late_rows(_cells(line))) == (
        f"一级指标 {_HEAD} 产出指标 数量指标 指标1:接种人数 ≥4000人 4500人 3 3 指标2:宣传材料 ≥10种 12种 1 1 "
        "质量指标 指标1:讲座场次 ≥10次 12次 2 2 指标2:咨询活动 10次 84次 1 1")


def test_names_without_values_take_whole_rows() -> None:
    line = (f"一级指标 产出指标 数量指标 指标1:接种人数 指标2:宣传材料 {_HEAD} ≥4000人 4500人 3 3 ≥10种 12种 1 1 "
            "质量指标 指标1:合格率 ≥98% 99% 5 5")
    assert _line(restore_late_rows(_cells(line))) == (
        f"一级指标 {_HEAD} 产出指标 数量指标 指标1:接种人数 ≥4000人 4500人 3 3 指标2:宣传材料 ≥10种 12种 1 1 "
        "质量指标 指标1:合格率 ≥98% 99% 5 5")


def test_a_batch_that_does_not_fit_leaves_the_names_alone() -> None:
    # one value short: a weight would land on a text, so no value is guessed
    line = (f"一级指标 产出指标 数量指标 指标1:接种人数 指标2:宣传材料 {_HEAD} ≥4000人 4500人 3 ≥10种 12种 1 1 "
            "质量指标 指标1:合格率 ≥98% 99% 5 5")
    assert _line(restore_late_rows(_cells(line))) == (
        f"一级指标 {_HEAD} 产出指标 数量指标 指标1:接种人数 指标2:宣传材料 质量指标 指标1:合格率 ≥98% 99% 5 5")


def test_a_header_in_place_or_one_late_row_is_left_to_the_other_readers() -> None:
    for line in (f"一级指标 {_HEAD} 产出指标 数量指标 指标1:接种人数 ≥4000人 4500人 3 3",
                 f"一级指标 产出指标 数量指标 指标1:接种人数 ≥4000人 4500人 3 3 {_HEAD} 指标2:宣传材料 ≥10种 12种 1 1"):
        cells = _cells(line)
        assert restore_late_rows(cells) is cells


def test_funds_labels_after_their_figures_take_one_row_each() -> None:
    line = ("年初预算数 全年预算数 年度资金总额 全年执行数 分值 执行率 得分 0 180.25 180.25 10 100% 10 "
            "0 180.25 180.25 — 100% — 0 0 0 — — — 其中:当年财政拨款 上年结转资金 年度总体目标")
    assert _line(restore_late_funds(_cells(line))) == (
        "年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 0 180.25 180.25 10 100% 10 "
        "其中:当年财政拨款 0 180.25 180.25 — 100% — 上年结转资金 0 0 0 — — — 年度总体目标")


def test_funds_figures_fewer_than_their_labels_leave_the_labels_alone() -> None:
    line = ("年初预算数 全年预算数 年度资金总额 全年执行数 分值 执行率 得分 0 180.25 180.25 10 100% 10 "
            "0 180.25 180.25 — 100% — 其中:当年财政拨款 上年结转资金 其他资金 年度总体目标")
    assert _line(restore_late_funds(_cells(line))) == (
        "年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 0 180.25 180.25 10 100% 10 "
        "其中:当年财政拨款 上年结转资金 其他资金 年度总体目标")


def test_a_total_label_last_before_its_figures_is_a_plain_row() -> None:
    cells = _cells("年初预算数 全年预算数 全年执行数 年度资金总额 10 10 9 其中:财政拨款 10 10 9 年度总体目标")
    assert restore_late_funds(cells) is cells


def test_the_print_moves_the_header_after_the_first_names() -> None:
    rows = [["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "接种人数", "4000人", "4500人", "3", "3"],
            ["宣传材料", "10种", "12种", "1", "1"],
            ["质量指标", "合格率", "98%", "99%", "5", "5"],
            ["及时率", "95%", "96%", "5", "5"]]
    names = {"接种人数", "宣传材料", "合格率", "及时率"}
    for seed in range(12):
        out = late_header_rows([list(r) for r in rows], names, random.Random(seed))
        line = out[0]
        assert line[0] == "一级指标" and line.index("接种人数") < line.index("二级指标") < line.index("得分")
        assert sorted(t for r in out for t in r) == sorted(t for r in rows for t in r)  # nothing lost


def test_the_print_drops_funds_amounts_no_label_can_be_paired_with() -> None:
    rows = [["年初预算数", "全年预算数", "全年执行数"], ["年度资金总额", "10", "10", "9"],
            ["其中：财政拨款", "10", "10", "9"], ["其他资金"]]
    funds = [{"role": "total", "label": "年度资金总额", "budget": "10"},
             {"role": "fiscal", "label": "其中：财政拨款", "budget": "10"}, {"role": "other", "label": "其他资金"}]
    out = labels_after_figures(rows, funds, random.Random(1))
    assert out[0][-2:] == ["其中：财政拨款", "其他资金"]
    assert funds[0]["budget"] == "10" and "budget" not in funds[1] and funds[1]["label"] == "其中：财政拨款"


def test_rows_after_the_put_back_ones_are_cut_before_each_numbered_name() -> None:
    line = (f"一级指标 产出指标 数量指标 指标1:接种人数 指标2:宣传材料 {_HEAD} ≥4000人 4500人 3 3 ≥10种 12种 1 1 "
            "指标3:讲座场次 ≥10次 12次 2 2 指标4:咨询活动 10次 84次 1 1 总分 100 98")
    cells, starts = restore_late_table(_cells(line))
    rows = cut_rows_at([Row(cells, "t1")], starts)
    assert [_line(r.cells) for r in rows] == [
        f"一级指标 {_HEAD}", "产出指标 数量指标 指标1:接种人数 ≥4000人 4500人 3 3", "指标2:宣传材料 ≥10种 12种 1 1",
        "指标3:讲座场次 ≥10次 12次 2 2", "指标4:咨询活动 10次 84次 1 1 总分 100 98"]


def test_a_row_followed_by_no_row_start_is_not_cut() -> None:
    line = (f"一级指标 产出指标 数量指标 指标1:接种人数 指标2:宣传材料 {_HEAD} ≥4000人 4500人 3 3 ≥10种 12种 1 1 "
            "指标3:讲座场次 ≥10次 12次 2 2 某某 指标4:咨询活动 10次 84次 1 1")
    cells, starts = restore_late_table(_cells(line))
    assert [c.clean for c in starts] == ["产出指标", "指标2:宣传材料"]
