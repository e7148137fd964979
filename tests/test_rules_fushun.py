"""The Fushun 整体绩效自评表 reader: sections by their labels, rows placed by header vocabulary."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.grid import Cell, Grid, IngestedDocument, Paragraph
from extractor.ingest import ingest_path, ingest_text
from extractor.layouts import extract_form, segment
from extractor.layouts.fushun.read import is_fushun
from schemas import DeptSelfEval
from tests.conftest import seed

# A made-up department on the same template.  Rows drop empty cells the way PDF text does: the
# 收入 item and the 重点工作二 row lost their leading blank cell, 指标 rows under 预算执行 lost the
# 运算符号 cell, and a page break prints 一级 as 社会 first and 社会 效应 on the next page.
T = "\t"
SYNTHETIC = "\n".join([
    "2022 年某市某局 整体绩效自评表",
    "",
    T.join(["部门（单位）名称", "", "某市某局", "", ""]),
    T.join(["部门（单位） 财政供养人员数量", "", "12", "", "所属单位数量（仅部门填列）", "0"]),
    T.join(["年度部门（单位）整体收支情况（万元）", "名 称", "年初 预算 数", "全年 预算数", "全年 执行数", "执行率"]),
    T.join(["", "年度部门预算收入小计（1 至 2 项）", "100", "120", "——", "——"]),
    T.join(["1. 财政拨款收入", "100", "120", "——", "——"]),
    T.join(["", "2. 其他收入", "", "", "——", "——"]),
    T.join(["", "年度部门预算支出小计（一+二）", "100", "120", "110", "91.67%"]),
    T.join(["", "一、基本支出（第 1 至 1 项小计）", "80", "90", "85", "94.44%"]),
    T.join(["", "1. 工资福利支出", "80", "90", "85", "94.44%"]),
    T.join(["", "二、项目支出（第 1 至 1 项小计）", "20", "30", "25", "83.33%"]),
    T.join(["", "1. 履职保障类项目支出", "20", "30", "25", "83.33%"]),
    T.join(["年度主要任务", "工作名称", "对应项目", "年初 预算 数", "全年 预算数", "全年 执行数", "执行率"]),
    T.join(["", "重点工作一", "办公系统运维", "20", "30", "25", "83.33%"]),
    T.join(["重点工作二", "档案整理", "", "5", "5", "100%"]),
    T.join(["", "合计", "", "20", "35", "30", "85.71%"]),
    T.join(["年度绩效目标", "年初设定 目标", "全年完成情况"]),
    T.join(["", "目标 1: 保障系统运行", "完成: 全年系统无故障"]),
    T.join(["", "目标 2: 完成档案整理", "完成: 整理档案 300 卷"]),
    "",
    T.join(["分解目标评价"] + [""] * 10),
    T.join(["一级 指标", "二级 指标", "三级 指标", "年度 指标值", "", "", "全年 完成 值", "完成 程度", "分 值",
            "得 分", "未完成原因", "改进 措施"]),
    T.join(["", "", "", "运 算 符 号", "内 容", "度 量 单 位", "", "", "", "", "原 因 说 明", ""]),
    T.join(["履职 效能", "重点 工作", "指标 1", "“=” “≤” “≥” “<” “>”", "系统故障次数", "=0", "0", "完成", "20",
            "20"]),
    T.join(["", "", "指标 2", "", "档案整理数量", "≥300 卷", "300 卷", "完成", "20", "20"]),
    T.join(["", "", "指标 3", "“≤”"]),
    T.join(["预算 执行", "预算 执行 效率", "指标 1", "公用经费预算差异率",
            "差异率≤0，得满分；差异率>0时，每增加5%扣减0.5分", "6.5", "部 分 完成", "10", "8", "", "人员增加"]),
    T.join(["社会", "政治效益", "指标 1", "确保安全稳定", "确保", "", "完成", "25", "25"]),
    "",
    T.join(["社会 效应", "效应", "", "“≥ ”"]),
    T.join(["", "服务 对象 满意 度", "指标 1", "", "群众满意度", "≥ 90%", "95%", "完成", "25", "25"]),
    T.join(["总评价得分", "", "", "", "", "", "", "", "98"]),
])


def _form(text: str) -> DeptSelfEval:
    chunks = segment(ingest_text(text))
    assert len(chunks) == 1
    form = extract_form(chunks[0])
    assert isinstance(form, DeptSelfEval)
    return form


@pytest.fixture(scope="module")
def synthetic() -> DeptSelfEval:
    return _form(SYNTHETIC)


def test_funds_roles_and_amounts_follow_the_headers(synthetic: DeptSelfEval) -> None:
    funds = synthetic.funds
    assert [f.role for f in funds] == ["income", "income", "income", "expenditure", "basic", "line_item",
                                       "project", "line_item"]
    assert funds[1].label.value == "1. 财政拨款收入"  # its leading blank cell was dropped
    assert (funds[1].initial_budget.value, funds[1].budget.value) == (Decimal("100"), Decimal("120"))
    assert funds[1].executed.value is None and funds[1].rate.value is None  # —— is a placeholder
    assert funds[2].budget.value is None
    assert funds[4].rate.value == Decimal("94.44")
    assert all(f.label.source for f in funds)


def test_staff_tasks_and_goal_list(synthetic: DeptSelfEval) -> None:
    assert synthetic.staff_count.value == 12
    assert [(t.name.value, t.project.value) for t in synthetic.tasks] == [
        ("重点工作一", "办公系统运维"), ("重点工作二", "档案整理")]  # the 合计 row is no task
    second = synthetic.tasks[1]
    assert second.initial_budget.value is None and second.budget.value == Decimal("5")
    assert second.rate.value == Decimal("100")
    assert [g.target.value for g in synthetic.goal_list] == ["目标 1: 保障系统运行", "目标 2: 完成档案整理"]
    assert synthetic.goal_list[1].outcome.value == "完成: 整理档案 300 卷"
    assert synthetic.goals.expected.value is None  # no 预期目标 pair on this template


def test_indicator_rows_in_both_column_layouts(synthetic: DeptSelfEval) -> None:
    names = [i.name.value for i in synthetic.indicators]
    assert names == ["系统故障次数", "档案整理数量", "公用经费预算差异率", "确保安全稳定", "群众满意度"]
    first, second, budget, political, satisfaction = synthetic.indicators
    assert first.target.value is not None and first.target.value.operator == "="
    assert first.actual.value is not None and first.actual.value.value == Decimal("0")
    assert second.target.value is not None and second.target.value.unit == "卷"
    # layout without the 运算符号 cell: name / rule / actual / completion / weight / score
    assert budget.target.value is not None and budget.target.value.operator == "qualitative"
    assert budget.actual.value is not None and budget.actual.value.value == Decimal("6.5")
    assert (budget.completion.value, budget.weight.value, budget.score.value) == ("部 分 完成", 10, 8)
    assert budget.deviation_reason.value == "人员增加"
    assert political.target.value is not None and political.target.value.text == "确保"
    assert satisfaction.actual.value is not None and satisfaction.actual.value.value == Decimal("95")
    assert synthetic.totals.score.value == Decimal("98") and synthetic.totals.weight.value is None


def test_legend_is_never_an_operator_nature_or_unit(synthetic: DeptSelfEval) -> None:
    for ind in synthetic.indicators:
        assert ind.nature.value is None and ind.unit.value is None
        for measure in (ind.target.value, ind.actual.value):
            assert measure is None or "“" not in measure.text
    assert synthetic.indicators[2].target.value.operator == "qualitative"  # type: ignore[union-attr]


def test_levels_carry_down_and_page_break_fragment_completes_level1(synthetic: DeptSelfEval) -> None:
    levels = [(i.level1.value, i.level2.value) for i in synthetic.indicators]
    assert levels == [
        ("履职 效能", "重点 工作"), ("履职 效能", "重点 工作"), ("预算 执行", "预算 执行 效率"),
        ("社会 效应", "政治效益"), ("社会 效应", "服务 对象 满意 度"),
    ]
    # the fuller 一级 text is traced to the cell that printed it
    assert synthetic.indicators[3].level1.source == synthetic.indicators[4].level1.source


def test_template_used_as_designed_reads_name_from_level3_and_bare_operator() -> None:
    row = T.join(["产出", "数量", "培训人次", "≥", "200", "人次", "210 人次", "完成", "100", "100"])
    text = SYNTHETIC.replace(next(line for line in SYNTHETIC.split("\n") if line.startswith("履职")), row)
    form = _form(text)
    ind = form.indicators[0]
    assert ind.name.value == "培训人次"
    assert ind.target.value is not None
    assert (ind.target.value.operator, ind.target.value.value, ind.target.value.unit) == ("≥", Decimal("200"), "人次")
    assert len(ind.target.source) == 2  # 内容 and 度量单位


def test_row_that_lost_two_empty_cells() -> None:
    # no 运算符号 cell and no empty 全年完成值 cell: 按时编制 | 及时 | 完成 | 2 | 2
    lines = SYNTHETIC.split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith("社会\t"))
    lines.insert(at, T.join(["", "预算 编制", "指标 1", "按时编制", "及时", "完成", "2", "2"]))
    ind = next(i for i in _form("\n".join(lines)).indicators if i.name.value == "按时编制")
    assert ind.target.value is not None and ind.target.value.text == "及时"
    assert ind.actual.value is None
    assert (ind.completion.value, ind.weight.value, ind.score.value) == ("完成", 2, 2)
    assert (ind.level1.value, ind.level2.value) == ("预算 执行", "预算 编制")


def test_other_department_forms_are_not_taken_for_the_variant() -> None:
    chunks = segment(ingest_path(seed("000")))
    assert [is_fushun(c.rows) for c in chunks] == [False, False]
    assert is_fushun(segment(ingest_text(SYNTHETIC))[0].rows)


def test_seed_004_reads_every_section() -> None:
    chunks = segment(ingest_path(seed("004")))
    form = extract_form(chunks[0])
    assert isinstance(form, DeptSelfEval)
    assert form.staff_count.value == 25
    assert len(form.funds) == 17 and [f.role for f in form.funds].count("income") == 8
    assert len(form.tasks) == 9 and len(form.goal_list) == 10
    assert len(form.indicators) == 22
    assert sum(i.weight.value or 0 for i in form.indicators) == 100
    assert sum(i.score.value or 0 for i in form.indicators) == form.totals.score.value == 96
    assert not [f for f in form.findings if f.code.startswith("LAYOUT_")]


def _merged_grid(rows: list[list[tuple]]) -> IngestedDocument:
    """A Word/HTML-like grid: (column, text[, rowspan, colspan]) per printed cell."""
    grid = Grid(id="g1", kind="html")
    for r, row in enumerate(rows):
        grid.rows.append([Cell(text, r, col, *spans) for col, text, *spans in row])
    title = Paragraph("2022年某局整体绩效自评表")
    return IngestedDocument(source="merged", media_type="text/html", text="", blocks=[title, grid])


def test_merged_cell_table_reads_the_same() -> None:
    """Word/HTML tables give each merged label as a copy in every row it spans."""
    legend = "“=” “≤” “≥” “<” “>”"
    doc = _merged_grid([
        [(0, "部门（单位）名称"), (1, "某局", 1, 5)],
        [(0, "年度部门（单位）整体收支情况（万元）", 3, 1), (1, "名称"), (2, "年初预算数"), (3, "全年预算数"),
         (4, "全年执行数"), (5, "执行率")],
        [(1, "年度部门预算收入小计"), (2, "10"), (3, "12"), (4, "——"), (5, "——")],
        [(1, "年度部门预算支出小计（一+二）"), (2, "10"), (3, "12"), (4, "11"), (5, "91.67%")],
        [(0, "年度主要任务", 2, 1), (1, "工作名称"), (2, "对应项目"), (3, "年初预算数"), (4, "全年预算数"),
         (5, "全年执行数"), (6, "执行率")],
        [(1, "重点工作一"), (2, "运维"), (3, "10"), (4, "12"), (5, "11"), (6, "91.67%")],
        [(0, "分解目标评价", 1, 12)],
        [(0, "一级指标", 2, 1), (1, "二级指标", 2, 1), (2, "三级指标", 2, 1), (3, "年度指标值", 1, 3),
         (6, "全年完成值", 2, 1), (7, "完成程度", 2, 1), (8, "分值", 2, 1), (9, "得分", 2, 1),
         (10, "未完成原因", 1, 2)],
        [(3, "运算符号"), (4, "内容"), (5, "度量单位"), (10, "经费保障"), (11, "原因说明")],
        [(0, "履职效能", 2, 1), (1, "重点工作", 2, 1), (2, "指标 1"), (3, legend, 2, 1), (4, "故障次数"), (5, "=0"),
         (6, "0"), (7, "完成"), (8, "50"), (9, "50"), (10, ""), (11, "")],
        [(2, "指标 2"), (4, "满意度"), (5, "≥90%"), (6, "95%"), (7, "部分完成"), (8, "50"), (9, "40"), (10, ""),
         (11, "人手不足")],
        [(0, "总评价得分"), *[(k, "") for k in range(1, 8)], (8, "90"), *[(k, "") for k in range(9, 12)]],
    ])
    form = extract_form(segment(doc)[0])
    assert isinstance(form, DeptSelfEval)
    assert [f.role for f in form.funds] == ["income", "expenditure"]
    assert [(t.name.value, t.budget.value) for t in form.tasks] == [("重点工作一", Decimal("12"))]
    got = [(i.level1.value, i.name.value, i.target.value.text if i.target.value else None, i.deviation_reason.value)
           for i in form.indicators]
    assert got == [("履职效能", "故障次数", "=0", None), ("履职效能", "满意度", "≥90%", "人手不足")]
    assert form.totals.score.value == Decimal("90")


def test_section_labels_printed_again_in_every_row_of_pasted_text() -> None:
    """Text pasted from Word may print a section's merged label (年度主要任务) in every row and
    position it covers; the label copies are margin, not the rows' names or amounts."""
    from tests.synth.corpus import make_document
    from tests.synth.render_text import one_cell_per_line

    doc = next(d for i in range(40) if (d := make_document(5, i, family="fushun")).style.repeat_merged)
    text = one_cell_per_line(doc)
    assert text.count("年度主要任务") > 2  # the fixture really repeats the label
    (model,) = doc.forms
    (chunk,) = segment(ingest_text(text))
    form = extract_form(chunk)
    assert [t.name.value for t in form.tasks] == [t.name for t in model.tasks]
    assert [(g.target.value, g.outcome.value) for g in form.goal_list] == model.goal_list
    assert [f.label.value for f in form.funds] == [f.label for f in model.funds]


def test_a_section_label_ending_the_row_above_opens_its_section() -> None:
    # a one-line export re-rowed: 年度部门（单位）整体收支情况 is printed after the staff count
    lines = SYNTHETIC.split("\n")
    staff = next(k for k, line in enumerate(lines) if "财政供养人员数量" in line)
    funds = lines[staff + 1].split(T)
    lines[staff] += T + funds[0]
    lines[staff + 1] = T.join(funds[1:])
    form = _form("\n".join(lines))
    assert form.staff_count.value == 12
    whole = _form(SYNTHETIC).funds
    assert whole and [(f.role, f.budget.value, f.executed.value) for f in form.funds] == [
        (f.role, f.budget.value, f.executed.value) for f in whole]


def test_the_task_table_ends_at_its_total_row() -> None:
    # the goals section's label cut at its space (a one-line export's wrap): its rows are no tasks
    text = SYNTHETIC.replace(T.join(["年度绩效目标", "年初设定 目标"]), T.join(["年度绩", "效目标", "年初设定 目标"]))
    assert "年度绩\t效目标" in text
    form = _form(text)
    assert [t.name.value for t in form.tasks] == ["重点工作一", "重点工作二"]


def test_goal_pairs_on_one_row_of_a_one_line_export_pair_by_their_numbers() -> None:
    """A one-line export re-rowed keeps the goals on one row with no label cell before them (and
    the wrapped 分解目标评价 label run on after them): each numbered goal pairs with the text after it."""
    from extractor.layouts.fushun.read import _numbered_goal_pairs
    from extractor.segment.types import Row

    def row(*texts: str) -> Row:
        return Row([Cell(t, 0, k) for k, t in enumerate(texts)], "t1")

    pairs = _numbered_goal_pairs(row("目标1：保障运行。", "完成：运行正常。", "目标2：整理档案。", "完成：已整理。",
                                     "分解 目标评价"))
    assert pairs is not None and [(a.clean, b.clean) for a, b in pairs] == [
        ("目标1：保障运行。", "完成：运行正常。"), ("目标2：整理档案。", "完成：已整理。")]
    assert _numbered_goal_pairs(row("目标1：保障运行。", "完成：运行正常。")) is None  # one pair: placed by columns
    interleaved = row("目标1：保障运行。", "目标2：整理档案。", "完成：运行正常。", "完成：已整理。")
    assert _numbered_goal_pairs(interleaved) is None


def test_word_fragments_of_a_funds_label_and_a_project_are_joined() -> None:
    from extractor.layouts.fushun.pieces import join_label_pieces, join_project_pieces
    from extractor.segment.types import Row

    def row(*texts: str) -> Row:
        return Row([Cell(t, 0, k) for k, t in enumerate(texts)], "t1")

    label = join_label_pieces(row("年度部门预", "算支出小计（一+二）", "680.62", "495.86", "72.85%"), "")
    assert [c.clean for c in label.cells] == ["年度部门预 算支出小计（一+二）", "", "680.62", "495.86", "72.85%"]
    task = join_project_pieces(row("重点工作一", "农村公路", "养护资金", "——", "42.01", "100%"), "年度主要任务")
    assert [c.clean for c in task.cells][:3] == ["重点工作一", "农村公路 养护资金", ""]
    # a name that is no numbered work item: which texts belong together is not certain
    other = row("档案整理", "办公系统", "运维", "——", "5", "5", "100%")
    assert join_project_pieces(other, "") is other


def test_an_indicator_name_in_pieces_before_a_measured_target_is_joined() -> None:
    from extractor.layouts.fushun.pieces import join_indicator_name, name_alone
    from extractor.segment.types import Row

    def row(*texts: str) -> Row:
        return Row([Cell(t, 0, k) for k, t in enumerate(texts)], "t1")

    cut = join_indicator_name(row("财务管理", "指标1", "应缴财政", "款上缴率", "=100%", "100%", "完成", "10", "10"))
    assert [c.clean for c in cut.cells][2:5] == ["应缴财政 款上缴率", "", "=100%"]
    text_target = row("预算编制管理", "指标1", "预算编制", "按时编制", "按时编制", "完成", "10", "10")
    assert join_indicator_name(text_target) is text_target  # no measured target: which text is the name?
    assert name_alone({2: "label", 3: "content", 4: "target", 5: "actual"})
    assert not name_alone({2: "label", 3: "content", 4: "direction", 5: "target"})
