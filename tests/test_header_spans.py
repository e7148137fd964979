"""A pasted two-row header is drawn with its top row over the columns it heads, or as printed."""

from __future__ import annotations

from extractor.grid import Cell, Grid
from extractor.service.header_spans import place_top_row
from extractor.service.layout import grid_layout

TOP = ["绩效指标", "指标分值", "指标解释", "计分标准", "评价方式", "评价属性", "自评打分", "备注"]
SUB = ["一级指标", "二级指标", "三级指标", "", "", "", "整体评价", "样本评价", "定性评价", "定量评价", "", ""]
DATA = ["项目管理（20分）", "目标管理", "目标制定", "10", "是否开展", "未开展扣5分", "√", "", "", "√", "8", ""]


def _row(r: int, texts: list[str]) -> list[Cell]:
    return [Cell(t, r, c) for c, t in enumerate(texts)]


def _grid(rows: list[list[str]]) -> Grid:
    return Grid(id="t1", rows=[_row(r, texts) for r, texts in enumerate(rows)], kind="cell-lines")


def test_groups_stand_over_their_subheaders_and_single_columns_run_down() -> None:
    placed = place_top_row(_row(0, TOP), _row(1, SUB), _row(2, DATA))
    assert placed is not None
    drawn = [(p.cell.text, p.x, p.colspan, p.rowspan) for p in placed]
    assert drawn == [
        ("绩效指标", 0, 3, 1), ("指标分值", 3, 1, 2), ("指标解释", 4, 1, 2), ("计分标准", 5, 1, 2),
        ("评价方式", 6, 2, 1), ("评价属性", 8, 2, 1), ("自评打分", 10, 1, 2), ("备注", 11, 1, 2),
    ]


def test_an_ambiguous_sharing_is_drawn_as_printed() -> None:
    # two runs of four under three groups share out as 1+2 or 2+1 equally well: no guess
    sub = ["一级", "二级", "三级", "四级", "", "甲", "乙", "丙", "丁"]
    top = ["指标", "分值", "评价", "方式"]
    assert place_top_row(_row(0, top), _row(1, sub), _row(2, ["x"] * 9)) is None


def test_a_subheader_row_narrower_than_the_data_is_not_a_header() -> None:
    assert place_top_row(_row(0, TOP), _row(1, SUB), _row(2, DATA[:8])) is None


def test_the_page_layout_moves_the_top_row_and_keeps_each_cells_provenance() -> None:
    layout = grid_layout(_grid([TOP, SUB, DATA]))
    top = layout["rows"][0]
    assert [(c["text"], c.get("x", c["col"]), c["col"], c["colspan"]) for c in top][:3] == [
        ("绩效指标", 0, 0, 3), ("指标分值", 3, 1, 1), ("指标解释", 4, 2, 1),
    ]
    # the empty sub-header cells under one-column groups are covered, the printed ones kept in place
    assert [c["text"] for c in layout["rows"][1]] == ["一级指标", "二级指标", "三级指标", "整体评价", "样本评价",
                                                      "定性评价", "定量评价"]
    assert sum(c["colspan"] for c in layout["rows"][2]) == 12


def test_rows_with_numbers_are_never_taken_for_a_header() -> None:
    data2 = [t if t else "0" for t in DATA]
    layout = grid_layout(_grid([["项目", "10", "20", "30"], DATA, data2]))
    assert all("x" not in c for row in layout["rows"] for c in row)
