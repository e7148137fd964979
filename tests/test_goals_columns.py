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
