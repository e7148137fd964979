"""An indicator header over two rows, exported onto one line, made one header row again."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.segment.export_header import join_header_rows
from extractor.segment.types import Row


def _rows(*lines: str) -> list[Row]:
    return [Row([Cell(t, 0, k) for k, t in enumerate(line.split("|"))], "t1") for line in lines]


def _texts(rows: list[Row]) -> list[list[str]]:
    return [[c.clean for c in r.cells] for r in rows]


def test_upper_and_lower_header_rows_make_one_row_of_whole_words() -> None:
    rows = join_header_rows(_rows("绩效指标", "一级指标|二级指标|三级指标", "年度|实际", "分值|得分",
                                  "绩效指标", "一级指标|二级指标|三级指标|指标值|完成值|分值|得分",
                                  "产出指标|数量指标|培训人次|≥200人|210人|10|10"))
    head = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    assert _texts(rows) == [head, ["产出指标", "数量指标", "培训人次", "≥200人", "210人", "10", "10"]]


def test_header_pieces_that_pair_with_no_lower_row_stay_as_they_were() -> None:
    lines = ("一级指标|二级指标|三级指标", "年度|实际", "分值|得分", "产出指标|数量指标|培训人次|≥200人|210人|10|10")
    assert _texts(join_header_rows(_rows(*lines))) == _texts(_rows(*lines))


def test_rows_that_do_not_stand_cell_under_cell_are_left() -> None:
    lines = ("一级指标|二级指标|年度", "一级指标|二级指标|三级指标|指标值")
    assert _texts(join_header_rows(_rows(*lines))) == _texts(_rows(*lines))



def test_header_cells_exported_after_the_first_row_go_back_after_the_first_level() -> None:
    from extractor.segment.export_header import rejoin_late_header

    texts = ["一级指标", "产出指标", "数量指标", "指标1：培训人次", "≥200人", "210人", "10", "10",
             "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "指标2：x"]
    cells = [Cell(t, 0, k) for k, t in enumerate(texts)]
    assert [c.clean for c in rejoin_late_header(cells)] == [*texts[:1], *texts[8:14], *texts[1:8], texts[14]]
    whole = [Cell(t, 0, k) for k, t in enumerate(["一级指标", "二级指标", "三级指标", "产出指标", "10"])]
    assert rejoin_late_header(whole) == whole
    far = [Cell(t, 0, k) for k, t in enumerate(["一级指标", *["x"] * 14, "1", "二级指标", "三级指标", "分值"])]
    assert rejoin_late_header(far) == far  # more than a row's cells before it: not this table's header


def test_a_late_header_run_reads_a_plain_cell_between_header_words() -> None:
    from extractor.segment.export_header import rejoin_late_header

    texts = ["一级指标", "履职效能", "工作完成", "指标1：事故数", "=0起", "0起", "完成", "40", "40",
             "二级指标", "三级指标", "内容", "年度指标值", "分值", "得分", "管理效率"]
    cells = [Cell(t, 0, k) for k, t in enumerate(texts)]
    assert [c.clean for c in rejoin_late_header(cells)] == [*texts[:1], *texts[9:15], *texts[1:9], texts[15]]
    ends = [Cell(t, 0, k) for k, t in enumerate([*texts[:9], "二级指标", "三级指标", "内容", "管理效率"])]
    assert rejoin_late_header(ends) == ends  # 内容 not followed by a header word: no header run


def test_one_indicator_header_cut_into_rows_of_whole_words_is_one_row_again() -> None:
    rows = join_header_rows(_rows("一级指标|二级指标|三级指标", "内容|年度指标值|全年完成值", "分值|得分|原因说明",
                                  "履职效能|工作完成|指标1：事故数|=0起|0起|40|40"))
    head = ["一级指标", "二级指标", "三级指标", "内容", "年度指标值", "全年完成值", "分值", "得分", "原因说明"]
    assert _texts(rows) == [head, ["履职效能", "工作完成", "指标1：事故数", "=0起", "0起", "40", "40"]]
    # rows not opening with 一级指标, or a word repeated: left as re-rowed
    lines = ("二级指标|三级指标", "分值|得分", "履职效能|工作完成|指标1：事故数|=0起|0起|40|40")
    assert _texts(join_header_rows(_rows(*lines))) == _texts(_rows(*lines))


def test_a_header_cut_in_two_is_one_row_and_a_wrapped_project_name_is_joined() -> None:
    from extractor.segment.export_header import join_cut_header

    rows = join_cut_header(_rows("年度主要任务|工作名称|对应项目", "年初预算数|全年预算数|全年执行数|执行率",
                                 "重点工作一|信访|维稳经费|—|98.74|98.74|100%",
                                 "重点工作二|教育经费|—|85.29|85.29|100%",
                                 "合计|—|184.03|184.03|100%"))
    head = ["年度主要任务", "工作名称", "对应项目", "年初预算数", "全年预算数", "全年执行数", "执行率"]
    assert _texts(rows) == [head, ["重点工作一", "信访维稳经费", "—", "98.74", "98.74", "100%"],
                            ["重点工作二", "教育经费", "—", "85.29", "85.29", "100%"],
                            ["合计", "—", "184.03", "184.03", "100%"]]


def test_a_row_with_an_extra_text_cell_but_no_numbered_name_stays() -> None:
    from extractor.segment.export_header import join_cut_header

    lines = ("年度主要任务|工作名称|对应项目", "年初预算数|全年预算数|全年执行数|执行率",
             "信访工作|维稳|经费|—|98.74|98.74|100%", "教育工作|公用经费|—|85.29|85.29|100%")
    assert _texts(join_cut_header(_rows(*lines)))[1:] == _texts(_rows(*lines))[2:]
    # a row ending in header words with a body row after it, not a header row: left
    lines2 = ("项目名称|工作名称|对应项目", "重点工作一|信访|—|98.74", "合计|—|98.74")
    assert _texts(join_cut_header(_rows(*lines2))) == _texts(_rows(*lines2))


def test_a_lower_header_row_that_subdivides_one_upper_cell_takes_its_place() -> None:
    from extractor.segment.export_header import place_sub_header

    header = "一级指标|二级指标|三级指标|年度指标值|实际完成值|权重|得分|原因|指标性质|指标值|度量单位"
    rows = place_sub_header(_rows(header, "产出指标|数量指标|培训人次|>=|200|210|10|10"))
    assert _texts(rows)[0] == ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值",
                               "权重", "得分", "原因"]


def test_a_trailing_run_naming_no_earlier_column_or_two_of_them_stays() -> None:
    from extractor.segment.export_header import place_sub_header

    plain = ("一级指标|二级指标|三级指标|年度指标值|实际完成值|原因|分值|得分",
             "一级指标|二级指标|三级指标|年度指标值|实际完成值|权重|原因|指标值|权重")
    assert _texts(place_sub_header(_rows(*plain))) == _texts(_rows(*plain))
