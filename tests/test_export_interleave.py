"""Two indicator rows an xlsx export interleaved by their merged cells: split where certain only."""

from __future__ import annotations

import random

from extractor.grid import Cell
from extractor.segment.export_interleave import split_interleaved
from extractor.segment.types import Row
from tests.synth.messify.export_merged_rows import interleave_rows


def _rows(*lines: str) -> list[Row]:
    return [Row([Cell(t, 0, k) for k, t in enumerate(line.split("|"))], "t1") for line in lines]


def _texts(rows: list[Row]) -> list[list[str]]:
    return [[c.clean for c in r.cells] for r in rows]


_HEADER = "一级指标|二级指标|三级指标|运算符号|年度指标值|实际完成值|分值|得分"


def test_two_names_then_two_rows_of_cells_in_turn_split_column_by_column() -> None:
    rows = split_interleaved(_rows(_HEADER, "产出指标|数量指标|指标1：发放资料|指标2：举办讲座|≥|≥|"
                                            "12种|6次|14种|6次|3|2|3|2"))
    assert _texts(rows)[1:] == [["产出指标", "数量指标", "指标1：发放资料", "≥", "12种", "14种", "3", "3"],
                                ["指标2：举办讲座", "≥", "6次", "6次", "2", "2"]]


def test_a_name_in_pieces_is_no_pair_of_rows() -> None:
    lines = (_HEADER, "产出指标|数量指标|办理群众诉求|件数（件）|≥|1571|1571|20|20")
    assert _texts(split_interleaved(_rows(*lines))) == _texts(_rows(*lines))


def test_pairs_of_different_kinds_leave_the_row() -> None:
    lines = (_HEADER, "产出指标|数量指标|指标1：发放资料|指标2：举办讲座|≥|12种|≥|6次|14种|6次|3|2|3|2")
    assert _texts(split_interleaved(_rows(*lines))) == _texts(_rows(*lines))


def test_without_a_header_the_rows_stay() -> None:
    lines = ("产出指标|数量指标|指标1：发放资料|指标2：举办讲座|≥|≥|12种|6次|14种|6次|3|2|3|2",)
    assert _texts(split_interleaved(_rows(*lines))) == _texts(_rows(*lines))


def test_the_print_interleaves_a_pair_whose_lower_row_lost_its_merged_levels() -> None:
    rows = [["一级指标", "二级指标", "三级指标", "指标值", "分值"], ["产出指标", "数量指标", "资料种类", "12", "3"],
            ["讲座场次", "6", "2"], ["质量指标", "合格率", "98%", "5"]]
    out = interleave_rows(rows, {"资料种类", "讲座场次", "合格率"}, random.Random(0))
    assert out == [rows[0], ["产出指标", "数量指标", "资料种类", "讲座场次", "12", "6", "3", "2"], rows[3]]


def test_the_print_leaves_rows_without_a_pair() -> None:
    rows = [["一级指标", "三级指标", "分值"], ["产出指标", "资料种类", "3"]]
    assert interleave_rows(rows, {"资料种类"}, random.Random(0)) == rows


def test_a_last_reason_column_left_empty_counts_one_cell_fewer() -> None:
    rows = split_interleaved(_rows(_HEADER + "|原因", "产出指标|数量指标|指标1：发放资料|指标2：举办讲座|≥|≥|"
                                                     "12种|6次|14种|6次|3|2|3|2"))
    assert _texts(rows)[2] == ["指标2：举办讲座", "≥", "6次", "6次", "2", "2"]


_HEADER4 = "一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分"


def test_a_figure_beside_a_verdict_pairs_like_one_kind() -> None:
    rows = split_interleaved(_rows(_HEADER4, "产出指标|时效指标|指标1：资金拨付及时率|指标2：项目完成时间|"
                                             "≥92%|效果明显|92%|达成预期指标|5|10|5|10"))
    assert _texts(rows)[1:] == [["产出指标", "时效指标", "指标1：资金拨付及时率", "≥92%", "92%", "5", "5"],
                                ["指标2：项目完成时间", "效果明显", "达成预期指标", "10", "10"]]


def test_a_figure_beside_a_level_word_or_a_long_text_leaves_the_row() -> None:
    for text in ("效益指标", "项目按期完成并通过竣工验收"):
        row = f"产出指标|时效指标|指标1：资金拨付及时率|指标2：项目完成时间|≥92%|{text}|92%|良好|5|10|5|10"
        lines = (_HEADER4, row)
        assert _texts(split_interleaved(_rows(*lines))) == _texts(_rows(*lines))


def test_one_name_wrapped_at_a_space_among_two_interleaved_rows_is_joined() -> None:
    rows = split_interleaved(_rows(_HEADER, "效益指标|经济效益指标|带动|农户增收|节约运行成本|≧|≧|43万元|44万元|"
                                            "38万元|46万元|15|5|13.26|5"))
    assert _texts(rows)[1:] == [["效益指标", "经济效益指标", "带动 农户增收", "≧", "43万元", "38万元", "15", "13.26"],
                                ["节约运行成本", "≧", "44万元", "46万元", "5", "5"]]


def test_a_qualitative_sign_beside_a_sign_pairs_two_interleaved_rows() -> None:
    header = "一级指标|二级指标|三级指标|计算符号|指标值|权重"
    rows = split_interleaved(_rows(header, "效果指标|生态效益指标|指标1：生态环境|指标2：森林覆盖率|"
                                           "定性|≧|持续改善|55%|5|10"))
    assert _texts(rows)[1:] == [["效果指标", "生态效益指标", "指标1：生态环境", "定性", "持续改善", "5"],
                                ["指标2：森林覆盖率", "≧", "55%", "10"]]
