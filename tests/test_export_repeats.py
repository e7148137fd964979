"""A merged block label an export prints on every row, printed once."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.segment.export_repeats import drop_repeated_labels
from extractor.segment.types import Row


def _rows(*lines: str) -> list[Row]:
    return [Row([Cell(t, 0, k) for k, t in enumerate(line.split("|"))], "t1") for line in lines]


def _texts(rows: list[Row]) -> list[list[str]]:
    return [[c.clean for c in r.cells] for r in rows]


def test_copies_of_a_merged_label_after_its_first_print_go() -> None:
    label = "预算执行情况（万元）（20分）"
    rows = drop_repeated_labels(_rows("绩效指标", "一级指标|二级指标|三级指标|分值", "绩效指标",
                                      f"产出指标|数量指标|培训人次|10|{label}", label))
    assert _texts(rows) == [["绩效指标"], ["一级指标", "二级指标", "三级指标", "分值"],
                            ["产出指标", "数量指标", "培训人次", "10", "预算执行情况（万元）（20分）"]]


def test_each_form_keeps_its_first_label_and_longer_cells_stay() -> None:
    rows = drop_repeated_labels(_rows("绩效指标|绩效指标完成情况", "2023年度项目支出绩效自评表", "绩效指标",
                                      "绩效指标完成情况"))
    assert _texts(rows) == [["绩效指标", "绩效指标完成情况"], ["2023年度项目支出绩效自评表"], ["绩效指标"],
                            ["绩效指标完成情况"]]


def test_a_copy_heading_the_lower_header_row_stays() -> None:
    lines = ("绩效指标", "一级指标|二级指标|年度|分值", "绩效指标", "一级指标|二级指标|指标值|分值")
    assert _texts(drop_repeated_labels(_rows(*lines))) == _texts(_rows(*lines))
