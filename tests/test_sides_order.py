"""A side-by-side funds table pasted one cell per line (segment/sides_order.py)."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.segment.sides_order import restore_side_rows

_HEADER = ["收入构成", "金额", "占比", "支出构成", "金额", "占比"]


def _restore(rows: list[list[str]]) -> list[list[tuple[int, str]]]:
    cells = [[Cell(t, k, 0) for t in r] for k, r in enumerate(rows)]
    order = {id(c): k for k, c in enumerate(c for r in cells for c in r)}
    return [[(c.col, c.clean) for c in r if c.clean] for r in restore_side_rows(cells, order)]


def test_each_row_holds_both_sides_at_their_columns() -> None:
    rows = [["单位：元", "部门名称", "安平县水利局", *_HEADER], ["4,639,196.63", "79.73%"],  # a rotated row
            ["财政拨款", "5,109,961.04", "87.82%"], ["基本支出"],
            ["其他收入", "708,938.96", "12.18%"], ["项目支出", "1,179,703.37", "20.27%"],
            ["合计", "100%"], ["合计", "100%", "5,818,900.00", "5,818,900.00"], ["整体绩效目标", "完成任务。"]]
    out = _restore(rows)
    assert out[0] == [(0, "单位：元"), (0, "部门名称"), (0, "安平县水利局")]
    assert out[1] == list(enumerate(_HEADER))
    assert out[2] == [(0, "财政拨款"), (1, "5,109,961.04"), (2, "87.82%"), (3, "基本支出"), (4, "4,639,196.63"),
                      (5, "79.73%")]
    assert [c for _, c in out[3]] == ["其他收入", "708,938.96", "12.18%", "项目支出", "1,179,703.37", "20.27%"]
    assert out[-1] == [(0, "整体绩效目标"), (0, "完成任务。")]
