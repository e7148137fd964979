"""Re-rowing a form pasted one cell per line (segment/restream.py)."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.segment.restream import restream
from extractor.segment.types import Row


def _rows(*texts: str) -> list[list[str]]:
    row = Row([Cell(t, 0, k) for k, t in enumerate(texts)], "text")
    return [r.texts for r in restream(row)]


def test_a_title_line_ends_at_its_year() -> None:
    rows = _rows("某县2024年部门整体支出绩效自评表", "部门（单位）名称", "某县教育局", "年度资金总额", "10", "9")
    assert rows[0] == ["某县2024年部门整体支出绩效自评表"]
    rows = _rows("项目支出绩效自评表", "(2022", "年度)", "项目名称", "某项目")
    assert rows[:2] == [["项目支出绩效自评表", "(2022", "年度)"], ["项目名称", "某项目"]]


def test_wrapped_header_lines_join_before_rows_are_cut() -> None:
    rows = _rows("一级指标", "二级", "指标", "三级指标", "年度", "指标值", "实际", "完成值", "分值", "得分",
                 "产出指标", "数量", "指标", "造林面积", "1.2万亩", "1.2万亩", "10", "10")
    assert ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"] in rows
    assert rows[-1] == ["产出指标", "数量指标", "造林面积", "1.2万亩", "1.2万亩", "10", "10"]


def test_a_numbered_name_after_the_scores_opens_a_row_in_cell_lines_only() -> None:
    cells = [Cell(t, k, 0) for k, t in enumerate(
        ("产出指标", "成本指标", "指标1：项目成本控制", "≦338万元", "325万元", "15", "15",
         "指标2：人均补助标准", "≦443元/人", "419元/人", "35", "35"))]
    lines = [r.texts for r in restream(Row(cells, "text"), cell_lines=True)]
    assert lines[-1] == ["指标2：人均补助标准", "≦443元/人", "419元/人", "35", "35"]
    stream = [r.texts for r in restream(Row(cells, "text"))]
    assert len(stream) == 1  # a PDF layer's one-line stream: 指标2：… may be a fragment
    figure = [Cell(t, k, 0) for k, t in enumerate(("造林补助", "每亩300", "每亩300", "6", "6", "每亩100"))]
    assert len(restream(Row(figure, "text"), cell_lines=True)) == 1


def test_a_deviation_sentence_after_the_scores_stays_in_its_row_in_cell_lines() -> None:
    cells = [Cell(t, k, 0) for k, t in enumerate(
        ("满意度指标", "服务对象满意度指标", "受益对象满意度", "≥91%", "78.5%", "5", "4.31",
         "个别群众对服务时效不满意，将改进工作方式。", "群众满意度", "≥89%", "81.2%", "5", "4.56"))]
    rows = [r.texts for r in restream(Row(cells, "text"), cell_lines=True)]
    assert rows[0][-1] == "个别群众对服务时效不满意，将改进工作方式。"
    assert rows[1][0] == "群众满意度"


def test_funds_rows_keep_their_blank_marks_and_drop_a_repeated_merged_label() -> None:
    cells = [Cell(t, k, 0) for k, t in enumerate(
        ("资金情况（万元）", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分",
         "资金情况（万元）", "年度资金总额：", "171.37", "132.4", "10", "77.26%", "7.73",
         "资金情况（万元）", "其中：本年财政拨款", "116.28", "89.84", "——", "——", "——",
         "资金情况（万元）", "其他资金", "55.09", "42.56", "——", "——", "——", "年度总体目标"))]
    rows = [r.texts for r in restream(Row(cells, "text"), cell_lines=True)]
    assert ["其中：本年财政拨款", "116.28", "89.84", "——", "——", "——"] in rows
    assert ["其他资金", "55.09", "42.56", "——", "——", "——"] in rows
    assert sum(r.count("资金情况（万元）") for r in rows) == 1


def test_a_repeated_merged_label_is_dropped_within_one_form_only() -> None:
    cells = [Cell(t, k, 0) for k, t in enumerate(
        ("绩效指标", "一级指标", "二级指标", "三级指标", "分值", "得分",
         "绩效指标", "产出指标", "数量指标", "培训人次", "10", "10",
         "绩效指标", "质量指标", "合格率", "5", "5",
         "项目支出绩效自评表", "绩效指标", "一级指标", "二级指标"))]
    rows = [r.texts for r in restream(Row(cells, "text"), cell_lines=True)]
    assert sum(r.count("绩效指标") for r in rows) == 2  # once per form
    assert ["产出指标", "数量指标", "培训人次", "10", "10"] in rows


def test_a_run_of_cell_lines_whose_body_words_all_wrapped_is_restreamed() -> None:
    from extractor.ingest import ingest_text
    from extractor.segment.split import row_stream

    lines = ["某局2019年度部门整体支出绩效评价评分表", "一级", "指标", "二级", "指标", "三级", "指标", "分值", "评分",
             "标准", "自评", "得分"]
    for k in range(6):
        lines += [f"管理{k}（10分）", "预算管理", f"预算编制科学性{k}", "5", "资料齐全得满分，否则酌情扣分。", "5"]
    rows = [r.texts for r in row_stream(ingest_text("\n".join(lines) + "\n", "x.txt"))]
    assert ["一级指标", "二级指标", "三级指标", "分值"] in rows  # re-rowed, header words joined
    assert ["管理0（10分）", "预算管理", "预算编制科学性0", "5", "资料齐全得满分，否则酌情扣分。", "5"] in rows


def test_a_numbered_name_after_the_scores_opens_a_row_in_a_one_line_export() -> None:
    """A one-line export prints each cell whole between spaces: ``指标2：…`` after a row's scores
    is the next row's name.  A bare ``指标2`` before it (a 三级 column numbering the 内容 cell) and
    a note that opens with a numbered name are left as they were."""
    cells = [Cell(t, 0, k) for k, t in enumerate(
        ("一级指标", "二级指标", "三级指标", "产出指标", "数量指标", "指标1：维修设施数量", "=5处", "5处", "20", "20",
         "指标2：发放补助人数", "≧2578人", "2600人", "30", "30"))]
    rows = [r.texts for r in restream(Row(cells, "text"), notes=True)]
    assert rows[-1] == ["指标2：发放补助人数", "≧2578人", "2600人", "30", "30"]
    bare = [Cell(t, 0, k) for k, t in enumerate(
        ("一级指标", "履职效能", "指标1", "指标1：风险排查次数", "≥10", "10", "5", "5", "指标2", "指标2：完成率",
         "≥96", "100", "10", "10"))]
    assert not any(r.texts[0] == "指标2：完成率" for r in restream(Row(bare, "text"), notes=True))
    note = [Cell(t, 0, k) for k, t in enumerate(
        ("一级指标", "产出指标", "指标1：验收合格率", "≥93%", "90%", "10", "9", "指标1：验收合格率，个别未达标"))]
    assert len(restream(Row(note, "text"), notes=True)) == 2


def test_a_numbered_name_after_a_target_forms_one_weight_opens_a_row_in_a_one_line_export() -> None:
    """A target form's row ends at its 权重, its only bare figure: under the indicator header a
    numbered name after it opens the next row; before the header it does not."""
    cells = [Cell(t, 0, k) for k, t in enumerate(
        ("一级指标", "二级指标", "三级指标", "计算符号", "指标值", "权重", "产出指标", "数量指标",
         "指标1：养护道路里程", "≧", "113公里", "15", "指标2：建设面积", "≧", "4541亩", "45"))]
    rows = [r.texts for r in restream(Row(cells, "text"), notes=True)]
    assert rows[-1] == ["指标2：建设面积", "≧", "4541亩", "45"]
    assert len(restream(Row(cells[6:], "text"), notes=True)) == 1  # no indicator header read: left


def test_a_stream_with_numbered_names_glued_to_their_figures_takes_none_for_a_row_start() -> None:
    """A run-together tail (``指标1：验收合格率≥93%``) prints no cell whole: its numbered names stay
    where the stream put them, for the readers of run-together prints."""
    cells = [Cell(t, 0, k) for k, t in enumerate(
        ("一级指标", "二级指标", "三级指标", "质量指标指标1：验收合格率≥93%", "93%", "5", "5",
         "指标2：工程质量达到验收标准达到验收标准", "5", "5"))]
    assert not any(r.texts[0].startswith("指标2") for r in restream(Row(cells, "text"), notes=True))


def test_a_title_whose_year_the_export_cut_off_stays_one_row() -> None:
    text = ("2024 年度项目支出绩效目标表 项目名称 某项目 主管部门 某局 实施单位 某站 绩效指标 一级指标 "
            "二级指标 三级指标 指标值 指标权重 产出指标 数量指标 培训人次 >=2217人次 15 建设面积 >=2201亩 25 "
            "质量指标 验收合格率 >=95% 10")
    cells = [Cell(t, 0, k) for k, t in enumerate(text.split(" "))]
    rows = [[c.clean for c in r.cells] for r in restream(Row(cells, "t1"), notes=True)]
    assert rows[0] == ["2024", "年度项目支出绩效目标表"]
    assert ["产出指标", "数量指标", "培训人次", ">=2217人次", "15"] in rows
    assert ["建设面积", ">=2201亩", "25"] in rows


def test_a_goals_header_s_last_column_that_opens_like_its_label_stays_in_the_header() -> None:
    text = "年度总体目标 年初设定目标 年度总体目标完成情况综述 完成既定工作任务。 单位运转正常。 绩效指标"
    cells = [Cell(t, 0, k) for k, t in enumerate(text.split(" "))]
    rows = [[c.clean for c in r.cells] for r in restream(Row(cells, "t1"), notes=True)]
    assert rows[0] == ["年度总体目标", "年初设定目标", "年度总体目标完成情况综述"]


def test_a_bare_level_word_before_a_sign_ends_the_name_before_it() -> None:
    text = ("一级指标 二级指标 三级指标 运算符号 指标值 权重 产出指标 数量指标 培训人次 ≥ 2217人次 15 "
            "效益指标 经济效益指标 节约运行 成本 ≥ 10万元 30")
    cells = [Cell(t, 0, k) for k, t in enumerate(text.split(" "))]
    rows = [[c.clean for c in r.cells] for r in restream(Row(cells, "t1"), notes=True)]
    assert ["效益指标", "经济效益指标", "节约运行", "成本", "≥", "10万元", "30"] in rows


def test_a_bare_indicator_number_after_a_row_s_scores_opens_the_next_row() -> None:
    text = ("一级指标 二级指标 三级指标 内容 年度指标值 全年完成值 完成程度 分值 得分 原因说明 履职效能 "
            "重点工作履行情况 指标1 风险排查次数 ≥10 10 完成 5 5 指标2 重点工作完成率 ≥96 100 完成 10 10 总评价得分")
    cells = [Cell(t, 0, k) for k, t in enumerate(text.split(" "))]
    rows = [[c.clean for c in r.cells] for r in restream(Row(cells, "t1"), notes=True)]
    assert ["指标2", "重点工作完成率", "≥96", "100", "完成", "10", "10"] in rows
