"""County special-fund self-evaluations (县级专项资金绩效目标自评表) and document-sharing sites'
preambles, run together: the messifier's parameters (gold follows the print) and the fused
reader on them.  All inputs are synthetic."""

from __future__ import annotations

import random
from decimal import Decimal

from extractor.pipeline import extract_text
from tests.synth.corpus import make_document
from tests.synth.messify.base import sheet_of
from tests.synth.messify.county_fund import county_fund
from tests.synth.messify.share_site import share_site

PREAMBLE = ("2021年度县级专项资金绩效目标自评表.docx\n《2021年度县级专项资金绩效目标自评表.docx》由会员分享,"
            "可在线阅读,更多相关《2021年度县级专项资金绩效目标自评表.docx(3页珍藏版)》请在某某文库上搜索。\n1、")
FORM = ("2021年度县级专项资金绩效目标自评表专项资金名称农村道路养护资金负责人及电话王明 13900001111"
        "县级主管部门东林县交通运输局实施单位东林县公路养护中心项目资金(万元)全年预算数(A)全年执行数(B)"
        "执行率(B/A)年度资金总额120.5090.3674.99%其中:中央、省、市补助县级资金其他资金年度总体目标年初设定目标"
        "全年实际完成情况完成年度养护任务，道路通行条件改善。已完成养护任务，道路通行良好。2、绩 效 指 标一级指标"
        "二级指标三级指标年度指标 值全年完成值未完成原因和改进措施产 出 指 标数量指标养护里程≥120公里126公里"
        "时效指标完成时间2021年12月底前11月30日效 益 指 标社会效益指标群众出行便利度明显提升明显提升"
        "满意度指标服务对象满意度指标群众满意度≥9092\n")


def _one_form(text: str):  # type: ignore[no-untyped-def]
    (form,) = extract_text(text).forms
    return form


def test_a_county_fund_form_reads_its_labels_funds_goals_and_rows() -> None:
    form = _one_form(PREAMBLE + FORM)
    h = form.header
    assert (h.title.value, h.year.value) == ("2021年度县级专项资金绩效目标自评表", 2021)
    assert (h.project_name.value, h.department.value, h.unit_name.value) == (
        "农村道路养护资金", "东林县交通运输局", "东林县公路养护中心")
    total = form.funds[0]
    assert (total.role, total.budget.value, total.executed.value) == ("total", Decimal("120.50"), Decimal("90.36"))
    assert [row.role for row in form.funds[1:]] == ["central_provincial", "county", "other"]
    assert form.goals.expected.value == "完成年度养护任务,道路通行条件改善。"  # punctuation folded
    names = [ind.name.value for ind in form.indicators]
    assert names[:3] == ["养护里程", "完成时间", "群众出行便利度"]
    first = form.indicators[0]
    assert (first.level1.value, first.level2.value) == ("产出指标", "数量指标")
    assert (first.target.value.value, first.actual.value.value) == (Decimal("120"), Decimal("126"))


def test_a_bare_target_and_actual_printed_against_each_other_stay_unread() -> None:
    """``≥9092`` under 年度指标值 | 全年完成值 with nothing after: ≥90 | 92 or ≥909 | 2 — flagged."""
    form = _one_form(PREAMBLE + FORM)
    last = form.indicators[-1]
    assert last.name.value == "群众满意度"
    assert last.target.value is None and last.actual.value is None
    assert "LAYOUT_FIGURES_FUSED" in [f.code for f in form.findings]


def test_the_sharing_site_preamble_is_no_title_or_unit() -> None:
    form = _one_form(PREAMBLE + FORM)
    assert ".docx" not in (form.header.title.value or "")
    assert "文库" not in (form.header.unit_name.value or "")


def test_county_fund_reprints_a_national_form_and_its_gold_follows() -> None:
    for index in range(40):
        doc = make_document(5, index, family="national")
        sheet = sheet_of(doc)
        county_fund(sheet, random.Random(1))
        k = next(k for k, part in enumerate(sheet.parts) if part.form == 0)
        text = "".join(t for row in sheet.parts[k].rows or [] for t in row)
        text += "".join(line for part in sheet.parts[:k + 1] for line in part.prose)
        form = sheet.forms[0]
        if "县级专项资金绩效目标自评表" not in str(form["header"]["title"]):
            continue
        squashed = text.replace(" ", "")
        assert form["header"]["title"] in squashed
        assert "分值" not in squashed and "得分" not in squashed and "totals" not in form
        assert all("weight" not in ind and "score" not in ind for ind in form["indicators"])
        assert all(row["label"] in squashed for row in form["funds"])
        assert [row["role"] for row in form["funds"]][0] == "total"
        assert not any("initial_budget" in row or "weight" in row for row in form["funds"])
        return
    raise AssertionError("no national form was reprinted")


def test_share_site_prints_the_file_name_and_the_first_marker() -> None:
    body = "2020年度项目支出绩效自评表项目名称某某经费"
    text = share_site(body, "2020年度项目支出绩效自评表", random.Random(3))
    head, page = text.rsplit("\n", 1)
    assert "由会员分享" in head and ".docx" in head
    assert page == "1、" + body


TARGET = ("2023年度项目支出绩效目标表项目名称乡村道路维护主管部门东林县交通运输局实施单位东林县公路养护中心"
          "资金情况(万元)年度资金总额:85.99其中:财政拨款85.99其他资金项目预算成本构成成本构成金额测算(公式)依据"
          "前两年实际执行数设备购置费32.50按采购计划测算30.10人员劳务费53.49参照上年标准50.00合计85.99"
          "总体目标按期完成道路维护任务,通行条件改善。绩效指标一级指标二级指标三级指标当年预期实现值指标权重"
          "产出指标数量指标维护里程≥120公里60效益指标社会效益指标群众出行便利度明显提升30"
          "满意度指标服务对象满意度指标群众满意度≥90%10\n")


def test_a_cost_composition_block_is_read_as_line_items_and_no_goal_or_total() -> None:
    form = _one_form(TARGET)
    assert [(row.role, row.label.value, row.budget.value) for row in form.funds][3:] == [
        ("line_item", "设备购置费", Decimal("32.50")), ("line_item", "人员劳务费", Decimal("53.49")),
        ("total", "合计", Decimal("85.99"))]  # eval/gold/README.md: cost items are line items
    assert [(row.role, row.budget.value) for row in form.funds][:3] == [
        ("total", Decimal("85.99")), ("fiscal", Decimal("85.99")), ("other", None)]
    assert form.overall_goal.value == "按期完成道路维护任务,通行条件改善。"
    assert [ind.name.value for ind in form.indicators] == ["维护里程", "群众出行便利度", "群众满意度"]
    assert form.indicators[0].target.value.value == Decimal("120")
    assert form.totals.weight.value is None  # the block's 合计 is not the weights' total


def test_cost_block_lists_its_items_in_the_gold_and_adds_up_to_the_budget() -> None:
    from tests.synth.messify.cost_block import cost_block

    doc = make_document(5, 0, family="national_project_target")
    sheet = sheet_of(doc)
    before = [dict(f) for f in sheet.forms]
    cost_block(sheet, random.Random(2))
    rows = [row for part in sheet.tables() for row in part.rows or []]
    head = next(r for r, row in enumerate(rows) if row[0] == "项目预算成本构成")
    end = next(r for r in range(head, len(rows)) if rows[r][1] == "合计")
    assert sum(Decimal(row[2]) for row in rows[head + 1:end]) == Decimal(rows[end][2])
    form = next(f for f in sheet.forms if f.get("schema_name") == "project_target")
    added = form["funds"][len(next(b for b in before if b.get("schema_name") == "project_target")["funds"]):]
    assert [(e["role"], e["label"], Decimal(e["budget"])) for e in added] == [
        *(("line_item", row[1], Decimal(row[2])) for row in rows[head + 1:end]),
        ("total", "合计", Decimal(rows[end][2]))]


def test_numbered_choices_are_no_page_markers() -> None:
    """``项目类别1、上级专项☑2、本级专项□``: the choices' numbers are not pages 1 and 2, so the
    site's real markers (``2、`` inside the funds figures) are still cut out."""
    from extractor.layouts.fused.text import clean_text

    text = ("1、2021年度项目支出绩效自评表项目名称某某经费项目类别1、上级专项☑2、本级专项□项目属性"
            "1、持续性项目□2、新增性项目☑项目资金(万元)全年预算数全年执行数执行率年度资金总额" + "甲" * 40
            + "2、120.5090.3674.99%")
    ct = clean_text(text)
    assert "1、上级专项☑2、本级专项" in ct.text and "1、持续性项目□2、新增性项目" in ct.text
    assert ct.text.endswith("年度资金总额" + "甲" * 40 + "120.5090.3674.99%")


def test_checkbox_lines_sit_before_the_funds_and_keep_the_gold() -> None:
    from tests.synth.messify.checkbox_lines import checkbox_lines

    doc = make_document(5, 2, family="national")
    sheet = sheet_of(doc)
    before = [dict(f) for f in sheet.forms]
    checkbox_lines(sheet, random.Random(4))
    assert [dict(f) for f in sheet.forms] == before
    rows = [row for part in sheet.tables() for row in part.rows or []]
    choice = next(r for r, row in enumerate(rows) if any(t.startswith("项目类别") or t.startswith("项目属性")
                                                         for t in row))
    assert "资金" in "".join(rows[choice + 1])


def test_ocr_slips_in_label_words_are_read_through() -> None:
    """``(万兀)`` / ``年初预匏数``: scanned labels read as their words (``项Fl`` is not read back)."""
    text = ("2021年度项目支出绩效自评表项目名称农村道路养护资金主管部门东林县交通运输局实施单位东林县公路养护中心"
            "项目资金(万兀)年初预匏数全年预算数全年执行数执行率年度资金总额120.50120.5090.3674.99%"
            "年度总体目标预期目标实际完成情况完成年度养护任务。已完成养护任务。绩效指标一级指标二级指标三级指标"
            "年度指标值实际完成值产出指标数量指标养护里程≥120公里126公里\n")
    form = _one_form("1、" + text)
    assert form.header.project_name.value == "农村道路养护资金"
    assert form.header.money_unit.value == "万元"
    assert [c for c in ("initial_budget", "budget", "executed") if getattr(form.funds[0], c).value is not None]


def test_ocr_slips_touch_label_cells_only() -> None:
    from tests.synth.messify.ocr_slips import ocr_slips

    doc = make_document(5, 2, family="national")
    sheet = sheet_of(doc)
    before = [dict(f) for f in sheet.forms]
    ocr_slips(sheet, random.Random(1))
    text = "".join(t for part in sheet.tables() for row in part.rows or [] for t in row)
    assert [dict(f) for f in sheet.forms] == before
    assert any(slip in text for slip in ("项Fl", "万兀", "预匏"))


def test_rubric_framework_names_head_indicator_groups() -> None:
    text = ("1、2021年度项目支出绩效自评表项目名称农村道路养护资金主管部门东林县交通运输局实施单位东林县公路养护中心"
            "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分"
            "项目产出数量指标养护里程≥120公里126公里3030项目效益社会效益指标群众出行便利度明显提升明显提升2020\n")
    form = _one_form(text)
    assert [(i.level1.value, i.level2.value, i.name.value) for i in form.indicators] == [
        ("项目产出", "数量指标", "养护里程"), ("项目效益", "社会效益指标", "群众出行便利度")]


def test_rubric_levels_reword_the_print_and_the_gold() -> None:
    from tests.synth.messify.rubric_levels import rubric_levels

    doc = make_document(5, 2, family="national")
    sheet = sheet_of(doc)
    rubric_levels(sheet, random.Random(1))
    text = "".join(t for part in sheet.tables() for row in part.rows or [] for t in row).replace(" ", "")
    levels = {ind.get("level1") for f in sheet.forms for ind in f.get("indicators") or []}
    assert "项目产出" in levels and "产出指标" not in levels
    assert all(level in text for level in levels if level)
