"""A web page pasted one table ROW per line with the row's cells run together (``web_rows``): the
page is gap-separated like one cell per line, but its lines are rows, so the fused reader reads it
(``layouts/fused/chunks.rows_run_together``)."""

from __future__ import annotations

from extractor.layouts.fused.chunks import rows_run_together

# fictional: a transfer payment's rows, one per line between blank lines, words broken inside cells
ROWS = ["首页 > 政务公开 > 财政信息", "某某补助资金绩效目标自评表", "转移支付(项目)名称某某补助资金(某某建设)",
        "中央主管部门财政部", "地方主管部门某县局资金使用单位某县局", "项目资金",
        "(万元)全年预算数(A)全年执行数(B)预算执行率(B/A)",
        "年度资金总额:30003000100%", " 其中:中央补助30003000100%", "总体目标完成情况总体目标全年实际完成情况",
        "完成道路建设任务。已完成道路建设任务。", "绩效指标一级", "指标",
        "二级指标三级指标指标值全年实际完成值未完成原因和改进措施",
        "产出指标数量指标建设道路里程28.5公里28.5公里", "质量指标验收合格率100%100%", "效益指标社会效益",
        "指标受益群众人数≥2000人2100人", "满意度指标服务对象满意度指标群众满意度≥90%95%", "总分100",
        "主办单位:某县人民政府 网站标识码:48252"]
# the same page one cell per line: a level word alone, a row of text cells run together without figures
CELLS = ["某某补助资金绩效目标自评表", "转移支付(项目)名称", "某某补助资金", "年度资金总额:", "3000", "3000", "100%",
         "一级指标二级指标三级指标指标值全年实际完成值", "产出指标", "数量指标", "建设道路里程", "28.5公里", "28.5公里",
         "质量指标", "验收合格率", "100%", "100%", "产出指标(50分)", "满意度指标服务对象满意度指标"]


def test_rows_run_together_tells_row_lines_from_cell_lines() -> None:
    assert rows_run_together(ROWS)
    assert not rows_run_together(CELLS)


def test_a_transfer_payment_pasted_row_per_line_is_read_by_the_fused_reader() -> None:
    from extractor.pipeline import extract_text

    [form] = extract_text("\n\n\n".join(ROWS) + "\n", "page.txt").forms
    assert form.layout is not None and form.layout.name == "fused"
    assert form.header.project_name.value == "某某补助资金(某某建设)"
    names = [i.name.value for i in form.indicators]
    assert "建设道路里程" in names and "验收合格率" in names
    assert form.header.unit_name.value == "某县局" and form.header.department.value is None
    # 总体目标完成情况 | 总体目标 | 全年实际完成情况: the caption, then the goal block's two columns
    assert (form.goals.expected.value, form.goals.actual.value) == ("完成道路建设任务。", "已完成道路建设任务。")
    assert "其中:中央补助" in [r.label.value for r in form.funds]
    assert form.totals.score.value == 100  # the page footer's site code (48252) is no total
    # 30003000100%: 3000 | 3000 | 100%, or 300030001 | 0 | 0%: every run ending in 100% has a twin
    # reading 0 %, so the rate above 0 is the page's (wip-lines10, figure_runs.spent)
    assert (form.funds[0].budget.value, form.funds[0].executed.value, form.funds[0].rate.value) == (3000, 3000, 100)


def test_a_spaced_table_whose_rows_open_with_labels_stays_out_of_the_fused_reader() -> None:
    """Only a gap-separated page's lines are asked whether they are rows run together: a spaced
    table's rows open with their labels and figures too, and its spaced-out labels must not be
    closed up into a run-together header."""
    from extractor.pipeline import extract_text
    from tests.synth.corpus import make_document
    from tests.synth.messify import messify

    for index in range(6):
        messy = messify(make_document(41, index), "spaced", 41)
        for form in extract_text(messy.text, "spaced.txt").forms:
            assert form.layout is not None and form.layout.name != "fused"


def _tight_page() -> str:
    """ROWS on a site template that prints its header and the form's first rows with no blank
    line between them and spaces only the rows after (fictional)."""
    head = ["首页 > 政务公开 > 重点领域公开 > 某县", "索引号", "000000000000000000B/2022-00001", "发布机构", "某县局",
            "成文日期", "2022-08-17", "", "某县补助资金绩效目标自评表 (某县公路)", "",
            "时间:2022-08-17 | 来源:某县局", ""]
    body = ROWS[1:10] + [row + "\n" * (1 + k % 4) for k, row in enumerate(ROWS[10:])]
    return "\n".join(head + body) + "\n"


def test_a_page_gapped_only_below_its_first_rows_is_still_read_as_rows() -> None:
    from extractor.ingest import ingest_text
    from extractor.layouts.fused.chunks import fused_chunks
    from extractor.pipeline import extract_text

    text = _tight_page()
    assert fused_chunks(ingest_text(text))
    [form] = extract_text(text, "page.txt").forms
    assert form.layout is not None and form.layout.name == "fused"
    names = [i.name.value for i in form.indicators]
    assert "建设道路里程" in names and "验收合格率" in names


def test_a_spaced_table_without_blank_lines_is_not_asked_as_rows() -> None:
    spaced = ["年度资金总额:  3000  3000  100%", "产出指标  数量指标  建设道路里程  28.5公里  28.5公里",
              "质量指标  验收合格率  100%  100%", "满意度指标  服务对象满意度指标  群众满意度  ≥90%  95%"]
    assert not rows_run_together(spaced, unspaced=True)
    assert rows_run_together(ROWS, unspaced=True)
