"""A table exported onto one line of single-space-separated cells (dev samples 51 and 37)."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.ingest import ingest_text
from extractor.segment import row_stream
from extractor.segment.export_line import mend_funds_block, one_line_export
from extractor.segment.types import Row


def _line(text: str, sep: str = " ") -> Row:
    cells: list[Cell] = []
    at = 0
    for k, t in enumerate(text.split(sep)):
        cells.append(Cell(t, 0, k, char_start=at, char_end=at + len(t)))
        at += len(t) + len(sep)
    return Row(cells, "t1")


def _rows(*lines: str) -> list[Row]:
    return [Row([Cell(t, r, k) for k, t in enumerate(line.split("|"))], "t1") for r, line in enumerate(lines)]


def _texts(rows: list[Row]) -> list[list[str]]:
    return [[c.clean for c in r.cells] for r in rows]


def test_a_bracket_cut_at_its_spaces_is_one_cell_again() -> None:
    row = one_line_export(_line("分值 执行率(全年 执行数/全年 预算数) 得分"))
    assert row is not None
    assert [c.clean for c in row.cells] == ["分值", "执行率(全年 执行数/全年 预算数)", "得分"]


def test_cells_apart_by_more_than_one_space_are_no_export_line() -> None:
    assert one_line_export(_line("年度资金总额  100  95", "  ")) is None


def test_a_late_header_word_ends_the_funds_header() -> None:
    rows = mend_funds_block(_rows("年初预算数|全年预算数|全年执行数|分值|执行率", "年度资金总额|620|620|620|10|100%|10",
                                  "其中:当年财政|拨款|620|620|620|10|100%|10", "得分", "上年结转资金"))
    assert _texts(rows)[:3] == [["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                                ["年度资金总额", "620", "620", "620", "10", "100%", "10"],
                                ["其中:当年财政 拨款", "620", "620", "620", "10", "100%", "10"]]


def test_a_late_header_word_is_left_when_the_rows_fit_the_header() -> None:
    rows = mend_funds_block(_rows("年初预算数|全年预算数|全年执行数|分值|执行率", "年度资金总额|620|620|620|10|100%",
                                  "得分"))
    assert _texts(rows)[0] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率"]
    assert _texts(rows)[2] == ["得分"]


def test_a_late_total_label_heads_the_unlabelled_first_row() -> None:
    rows = mend_funds_block(_rows("全年预算数(A)|全年执行数(B)", "7165.32|6992.95",
                                  "其中:中央财政资金|3144.00|3144.00", "其他资金",
                                  "(包括以前年度结转资 金)|1591.22|1551.84", "年度资金总额|资金投入情况|(万元)"))
    assert _texts(rows) == [["全年预算数(A)", "全年执行数(B)"], ["年度资金总额", "7165.32", "6992.95"],
                            ["其中:中央财政资金", "3144.00", "3144.00"],
                            ["其他资金 (包括以前年度结转资 金)", "1591.22", "1551.84"], ["资金投入情况", "(万元)"]]


def test_an_exported_form_reads_its_funds_rows() -> None:
    text = ("附件1 项目支出绩效自评表 ( 2021 年度) 项目名称 某项目 主管部门 某局 实施单位 某局 项目资金(万元) "
            "年初预算数 全年预算数 全年执行数 分值 执行率(全年 执行数/全年 预算数) 年度资金总额: 100 100 90 10 90% 9 "
            "其中:当年财政 拨款 100 100 90 10 90% 9 得分 上年结转资金 其他资金 预期目标 实际完成情况\n")
    rows = _texts(row_stream(ingest_text(text)))
    assert ["年度资金总额:", "100", "100", "90", "10", "90%", "9"] in rows
    assert ["其中:当年财政 拨款", "100", "100", "90", "10", "90%", "9"] in rows
    assert any(r[-1] == "得分" and r[0] == "年初预算数" for r in rows)


def test_a_label_naming_a_source_before_its_bracket_keeps_that_source() -> None:
    from extractor.vocab import fund_role

    assert fund_role("其他资金 (包括以前年度结转资 金)") == "other"
    assert fund_role("年度资金总额（万元）") == "total"
    assert fund_role("上年结转（万元）") == "carry_over"


def test_a_spaced_two_character_heading_keeps_the_line_an_export() -> None:
    # ingest joins ``名 称`` into one cell whose span ends one character early
    cells = [Cell("情况", 0, 0, char_start=0, char_end=2), Cell("名称", 0, 1, char_start=3, char_end=5),
             Cell("年初预算数", 0, 2, char_start=7, char_end=12)]
    row = one_line_export(Row(cells, "t1"))
    assert row is not None and [c.clean for c in row.cells] == ["情况", "名称", "年初预算数"]


def test_a_longer_spaced_label_is_no_export_line() -> None:
    # a vertical merged cell of a PDF text layer (``绩 效 指 标``) leaves a wider gap
    cells = [Cell("绩效指标", 0, 0, char_start=0, char_end=4), Cell("时效指标", 0, 1, char_start=8, char_end=12)]
    assert one_line_export(Row(cells, "t1")) is None


def test_a_numbered_label_cut_after_its_number_is_one_cell_again() -> None:
    row = one_line_export(_line("1. 财政拨款收入 456.54 609.26 二、 项目支出 241.88"))
    assert row is not None
    assert [c.clean for c in row.cells] == ["1. 财政拨款收入", "456.54", "609.26", "二、 项目支出", "241.88"]


def test_a_number_before_a_figure_stays_alone() -> None:
    row = one_line_export(_line("序号 1. 100"))
    assert row is not None and [c.clean for c in row.cells] == ["序号", "1.", "100"]


def test_the_label_heading_that_ended_the_line_above_opens_the_funds_header() -> None:
    rows = mend_funds_block(_rows("整体收支情况（万元）|名称", "年初预算数|全年预算数|全年执行数|执行率",
                                  "年度部门预算支出小计|520|639|639|100%"))
    assert _texts(rows)[:2] == [["整体收支情况（万元）"], ["名称", "年初预算数", "全年预算数", "全年执行数", "执行率"]]


def test_a_label_cut_at_its_space_is_joined_past_a_row_no_role_names() -> None:
    rows = mend_funds_block(_rows("名称|年初预算数|全年预算数|全年执行数|执行率", "支出小计|520|639|639|100%",
                                  "一、基本|支出|278|342|342|100%",
                                  "合计|财政拨款|1|2|3|100%"))
    assert _texts(rows)[2][:2] == ["一、基本 支出", "278"]
    assert _texts(rows)[3][:2] == ["合计", "财政拨款"]  # a second cell that names a source stays apart


def test_a_sentence_wrapped_in_its_cell_is_one_cell_again() -> None:
    row = one_line_export(_line("预期目标 实际完成情况 完成年度任务，提升服务 能力。 已完成年度任务。 绩效指标"))
    assert row is not None
    goals = ["完成年度任务，提升服务 能力。", "已完成年度任务。"]
    assert [c.clean for c in row.cells] == ["预期目标", "实际完成情况", *goals, "绩效指标"]


def test_a_header_word_wrapped_in_its_cell_is_one_cell_again() -> None:
    row = one_line_export(_line("年度总体目标 年初设定 目标 年度 总体目标完成情况综述 分值 得分"))
    assert row is not None
    words = ["年度总体目标", "年初设定 目标", "年度 总体目标完成情况综述", "分值", "得分"]
    assert [c.clean for c in row.cells] == words
    # a department form's goals header: 全年完成情况 wrapped in a Word table's narrow cell
    row = one_line_export(_line("年度绩效目标 年初设定目标 全年 完成情况 目标1：完成任务。 完成：已完成。"))
    assert row is not None and [c.clean for c in row.cells][2] == "全年 完成情况"


def test_a_header_value_wrapped_in_its_cell_is_one_value() -> None:
    from extractor.segment.export_wrap import join_label_values

    rows = join_label_values(_rows("项目名称|高标|准农田建设项目", "主管部门|青山区人力|资源局", "资金情况（万元）"))
    assert _texts(rows) == [["项目名称", "高标 准农田建设项目"], ["主管部门", "青山区人力 资源局"],
                            ["资金情况（万元）"]]
    kept = join_label_values(_rows("部门名称|某局|收入构成", "财政拨款|5,109,961.04|87.82%"))
    assert _texts(kept)[0] == ["部门名称", "某局", "收入构成"]


def test_stated_points_printed_apart_join_their_label() -> None:
    row = one_line_export(_line("预算执行 情况(万元) (20 分) 年度资金总额 100"))
    assert row is not None
    assert [c.clean for c in row.cells] == ["预算执行", "情况(万元) (20 分)", "年度资金总额", "100"]


def test_a_cut_whereof_heads_the_funds_row_after_it() -> None:
    from extractor.segment.export_wrap import join_whereof

    rows = join_whereof(_rows("其中：", "财政拨款|530.03|625.22", "其中", "备注"))
    assert _texts(rows) == [["其中： 财政拨款", "530.03", "625.22"], ["其中"], ["备注"]]


def test_choices_between_a_label_and_its_value_move_to_a_row_of_their_own() -> None:
    from extractor.segment.export_wrap import lift_choices

    rows = lift_choices(_rows("实施单位|1、部门预算项目|☑|2、区直专项|□|某局", "主管部门|1、甲|2、乙|某委"))
    assert _texts(rows) == [["实施单位", "某局"], ["1、部门预算项目", "☑", "2、区直专项", "□"],
                            ["主管部门", "1、甲", "2、乙", "某委"]]


def test_a_label_whose_head_stands_on_a_row_of_its_own_is_joined_back() -> None:
    rows = mend_funds_block(_rows("年初预算数|全年预算数|全年执行数|分值|执行率|得分", "年度财",
                                  "政资金总额|5874200|5874200|5874200|20|100%|20", "其中：中央和",
                                  "省级资金|4387644.19|4387644.19|4387644.19|-|-|-", "市县级资金|-|-|-|-|-|-"))
    assert _texts(rows)[1:3] == [["年度财 政资金总额", "5874200", "5874200", "5874200", "20", "100%", "20"],
                                 ["其中：中央和 省级资金", "4387644.19", "4387644.19", "4387644.19", "-", "-", "-"]]


def test_a_label_without_figures_never_joins_another_source_s_row() -> None:
    rows = mend_funds_block(_rows("年初预算数|全年预算数|全年执行数", "年度资金总额|10|10|10", "市县级资金",
                                  "其他资金|5|5|5"))
    assert _texts(rows)[2:] == [["市县级资金"], ["其他资金", "5", "5", "5"]]


def test_a_late_total_label_in_two_pieces_heads_the_unlabelled_first_row() -> None:
    rows = mend_funds_block(_rows("年初预算数|全年预算数|全年执行数|分值|执行率|得分", "98.70|98.70|98.70|20|100%|20",
                                  "其中：中央和省级资金|67.72|67.72|67.72|-|-|-", "年度", "财政资金总额"))
    assert _texts(rows)[1] == ["年度 财政资金总额", "98.70", "98.70", "98.70", "20", "100%", "20"]


def test_a_label_cut_before_its_bracket_joins_its_row() -> None:
    rows = mend_funds_block(_rows("全年预算数(A)|全年执行数(B)|分值|执行率(B/A)", "年度资金总额：|45|35|10|79%|7.9",
                                  "其他", "资金(包括以前年度结转资金)|/|/|/|/|/"))
    assert _texts(rows)[2] == ["其他 资金(包括以前年度结转资金)", "/", "/", "/", "/", "/"]
