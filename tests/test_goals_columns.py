"""年度总体目标 goals read under their header columns (issue 17, TSV exports)."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.rules.goals import read_goals
from extractor.segment.types import Row


def _rows(*lines: list[str]) -> list[Row]:
    return [Row([Cell(t, r, c) for c, t in enumerate(texts)], "g1") for r, texts in enumerate(lines)]


def test_goals_exported_once_per_spanned_column_are_read_under_their_headers() -> None:
    """A TSV export that fills a merge into every column it spans prints 预期目标's text again where
    the second text is looked for; the header's columns say which is which."""
    expected, actual = "按期完成年度建设任务。", "已按期完成。"
    rows = _rows(["年度总体目标", "预期目标", "预期目标", "实际完成情况", "实际完成情况"],
                 ["年度总体目标", expected, expected, actual, actual])
    goals = read_goals(rows)
    assert (goals.expected.value, goals.actual.value) == (expected, actual)


def test_goals_as_numbered_items_are_cut_where_the_numbering_starts_again() -> None:
    """Sample 45: each goal's numbered items a cell of their own, the expected's then the actual's."""
    rows = _rows(["年度总体目标", "预期目标", "实际完成情况"],
                 ["目标1:造林1.2万亩,", "目标2森林经营16.3万亩", "目标1:造林1.1万亩,", "目标2森林经营16万亩"])
    goals = read_goals(rows)
    assert (goals.expected.value, goals.actual.value) == ("目标1:造林1.2万亩,目标2森林经营16.3万亩",
                                                          "目标1:造林1.1万亩,目标2森林经营16万亩")


def test_numbering_that_does_not_restart_once_is_left_to_the_columns() -> None:
    rows = _rows(["年度总体目标", "预期目标", "实际完成情况"], ["1、建设道路", "2、修缮校舍", "3、购置设备", "完成"])
    goals = read_goals(rows)
    assert goals.expected.value == "2、修缮校舍"  # the cell under 预期目标, as before: nothing joined


def test_actual_label_on_a_line_of_its_own() -> None:
    """A web page's header: 年初设定目标 on the goal label's row, 完成情况综述 on the next line."""
    rows = _rows(["年度总体目标", "年初设定目标"], ["年度总体目标完成情况综述"], ["按期完成建设任务。", "已按期完成。"])
    goals = read_goals(rows)
    assert (goals.expected.value, goals.actual.value) == ("按期完成建设任务。", "已按期完成。")
