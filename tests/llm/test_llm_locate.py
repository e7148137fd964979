"""Column labels in the model's grid, and finding the cells of the texts the model copies."""

from __future__ import annotations

from llm_support import FIXTURES

from extractor.ingest import ingest_path, ingest_text
from extractor.llm.convert import Reader, RowsBuilder, new_form
from extractor.llm.locate import locate
from extractor.llm.render import GridView
from extractor.llm.responses import DeptSelfEvalOverview, SelfEvalOverview, SelfEvalRows
from extractor.layouts import segment


def _view() -> GridView:
    return GridView.of(segment(ingest_path(FIXTURES / "merged_funds.txt"))[0])


def _context(view: GridView, rows: list[int]) -> dict[str, object]:
    cells = {ref: c.text for ref, c in view.cells.items()}
    return {"cells": cells, "rows": set(rows), "labels": view.cell_labels(), "lenient": True}


def test_cells_under_a_header_carry_its_words_and_a_row_printing_amounts_twice_is_labelled_from_the_right() -> None:
    view = _view()
    lines = view.render(list(range(13))).splitlines()
    funds, total, header = lines[3], lines[12], lines[8]
    # 40 40 40 30 30 10 75% 7.5 under six headers: the last figure is 得分, the two leading copies are unlabelled
    assert "c2=40 c3=40 c4[年初预算数]=40 c5[全年预算数]=30 c6[全年执行数]=30 c7[分值]=10 c8[执行率]=75% c9[得分]=7.5" in funds
    assert "[" not in header and "[" not in total  # the header is the labels' source; a pasted 总分 row is shifted
    assert "c1[预期目标]=保障12个社区图书室全年开放。" in lines[7]  # a short block header labels its text row too
    assert "c3[三级指标]=开放社区图书室数量" in lines[9]


def test_the_model_names_rows_and_copies_texts_and_the_code_finds_each_cell() -> None:
    view = _view()
    context = _context(view, list(range(0, 8)))
    answer = SelfEvalOverview.model_validate(
        {"project_name": "示例区社区图书室运行项目",
         "funds": [{"row": "r3", "label": "年度资金总额", "initial_budget": "40", "budget": "30", "executed": "30",
                    "weight": "10", "rate": "75%", "score": "7.5"}]},
        context=context,
    )
    line = answer.funds[0]
    assert answer.project_name == "r0c1=示例区社区图书室运行项目"
    # the repeated 40s: the cell under 年初预算数 is taken, not the first copy
    assert (line.initial_budget, line.budget, line.executed) == ("r3c4=40", "r3c5=30", "r3c6=30")
    assert (line.weight, line.rate, line.score) == ("r3c7=10", "r3c8=75%", "r3c9=7.5")
    assert not context.get("dropped")


def test_an_item_numbered_one_row_off_is_found_in_the_row_that_prints_it() -> None:
    """The model often numbers a window's rows from its header row: every item one row up."""
    view = _view()
    context = _context(view, [9, 10, 11])
    answer = SelfEvalRows.model_validate(
        {"rows": [{"row": "r8", "level1": "产出指标", "level2": "数量指标", "name": "开放社区图书室数量",
                   "target": "≥12个", "actual": "12个", "weight": "30", "score": "30"},
                  {"row": "r9", "level1": "产出指标", "level2": "质量指标", "name": "新书采购完成率",
                   "target": "100%", "actual": "60%", "weight": "30", "score": "18"}]},
        context=context,
    )
    first, second = answer.rows
    assert first.name == "r9c3=开放社区图书室数量" and first.weight == "r9c6=30" and first.score == "r9c7=30"
    assert second.name == "r10c3=新书采购完成率" and second.score == "r10c7=18"
    assert not context.get("dropped")


def test_a_text_the_row_does_not_print_is_dropped_with_the_reason() -> None:
    view = _view()
    context = _context(view, [9, 10, 11])
    answer = SelfEvalRows.model_validate(
        {"rows": [{"row": "r9", "name": "开放社区图书室数量", "actual": "13个"}]}, context=context,
    )
    assert answer.rows[0].name == "r9c3=开放社区图书室数量" and answer.rows[0].actual == ""
    assert context["dropped"] == ["rows[0].actual: '13个' is not printed in row r9; copy the text of the cell under the field's header"]


def test_of_two_cells_printing_the_same_figure_each_field_takes_the_one_under_its_header() -> None:
    """重点工作四 prints 2 under 全年预算数 and 全年执行数 and no 年初预算数: an initial budget the model
    filled with the same 2 finds no cell left."""
    cells = {"r1c1": "重点工作四", "r1c4": "2", "r1c5": "2", "r1c6": "100%"}
    labels = {"r1c4": "全年预算数", "r1c5": "全年执行数", "r1c6": "执行率"}
    answer = DeptSelfEvalOverview(tasks=[{"row": "r1", "name": "重点工作四", "initial_budget": "2", "budget": "2",
                                          "executed": "2", "rate": "100%"}])
    missing = locate(answer, cells, {1}, labels)
    task = answer.tasks[0]
    assert (task.budget, task.executed, task.rate) == ("r1c4=2", "r1c5=2", "r1c6=100%")
    assert task.initial_budget == "2" and list(missing) == ["tasks[0].initial_budget"]


def test_an_indicator_the_model_lists_twice_is_read_once() -> None:
    """A small model sometimes repeats a row's indicator under the next row's number: the name's
    cell is one indicator, however often it is listed."""
    view = _view()
    context = _context(view, [9, 10, 11])
    repeated = {"level1": "产出指标", "level2": "质量指标", "name": "新书采购完成率", "target": "100%", "actual": "60%",
                "weight": "30", "score": "18"}
    answer = SelfEvalRows.model_validate(
        {"rows": [{"row": "r10", **repeated}, {"row": "r11", **repeated}]}, context=context,
    )
    form = new_form(view.chunk)
    RowsBuilder(form, Reader(view)).add(answer)
    assert [i.name.value for i in form.indicators] == ["新书采购完成率"]


def _grid_line(text: str, start: str) -> str:
    view = GridView.of(segment(ingest_text(text))[0])
    lines = view.render(sorted(view.rows)).splitlines()
    return next(line for line in lines if start in line)


def test_a_row_that_lost_its_leading_cells_is_labelled_where_its_cells_belong() -> None:
    """Pasted text dropped the blank 一级 cell and the empty 二级 of a qualitative row: by column
    its 二级 word sits under 一级 and its name under 二级; the grid labels them by placement."""
    t = "\t"
    text = "\n".join([
        "项目支出绩效目标表",
        t.join(["", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "指标权重"]),
        t.join(["", "产出指标", "数量指标", "接访服务量", "≥", "200次", "10"]),
        t.join(["可持续影响指标", "重点人员吸附在当地平稳情况", "无", "较好", "15"]),
    ])
    line = _grid_line(text, "重点人员")
    assert "c0[二级指标]=可持续影响指标 c1[三级指标]=重点人员吸附在当地平稳情况 c2[指标性质]=无 c3[指标值]=较好 c4[指标权重]=15" in line


def test_the_fushun_template_shows_its_name_under_三级_and_leaves_its_slot_label_unlabelled() -> None:
    """That template's 三级 column keeps the pre-printed 指标N and the name is filled under 内容,
    the target under 度量单位: the grid says what each cell holds, not what its column was for."""
    from tests.test_rules_fushun import SYNTHETIC

    line = _grid_line(SYNTHETIC, "档案整理数量")
    assert "c2=指标2 c4[三级指标]=档案整理数量 c5[年度指标值]=≥300卷 c6[全年完成值]=300卷" in line


def test_a_slot_label_the_grid_shows_under_no_header_is_no_indicator_name() -> None:
    """On the Fushun template the model still copies 指标2 as a name now and then (borrowing the
    next row's figures): the grid labelled that cell with no field, so it names nothing."""
    from tests.test_rules_fushun import SYNTHETIC

    chunk = segment(ingest_text(SYNTHETIC))[0]
    view = GridView.of(chunk)
    form = new_form(chunk)
    RowsBuilder(form, Reader(view)).add(SelfEvalRows(rows=[
        {"name": "r22c4=档案整理数量", "weight": "r22c8=20"},
        {"name": "r23c2=指标3", "weight": "r22c8=20"},
        {"name": "r22c2=指标2", "weight": "r22c9=20"},
    ]))
    assert [i.name.value for i in form.indicators] == ["档案整理数量"]
