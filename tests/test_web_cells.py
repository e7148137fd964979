"""Web pages pasted one cell per line in their own templates (``messify/web_cells.py``): a target
declaration whose indicator header prints bare level words and a 备注 column, read whole."""

from __future__ import annotations

import random

import jixiao
from tests.synth.corpus import make_document
from tests.synth.messify.base import sheet_of
from tests.synth.messify.web_cells import declaration_page, special_fund

_PAGE = "\n\n".join([
    "您所在的位置 > 某镇中心小学 > 预决算信息 > 某镇中心小学项目支出目标申报表 (2024年度)",
    "某镇中心小学项目支出目标申报表   ", "    (2024年度)", "项目名称", "校舍维修改造", "项目主管部门", "某县教育局",
    "项目实施单位", "某镇中心小学", "项目资金申请(万元)", "          资金总额:", "86.4", "          财政拨款:", "86.4",
    "          其他:", " ", "项目总体情况", "维修教学楼屋面和外墙，改善办学条件，消除校舍安全隐患，保障师生安全。",
    "一级", "二级", "三级", "年度数值", "备注", "产出值", "数量值", "维修面积", ">=1200平方米", " ", "质量值",
    "验收合格率", "=100%", " ", "成本值", "维修单价", "<=720元/平方米", " ", "效益值", "社会效益值", "安全隐患消除",
    "有效", " ", "满意度值", "满意度值", "师生满意度", ">=90%", " ", "内容保障 | 公务邮箱", "网站标识码 5200000000",
]) + "\n"


def test_declaration_page_with_bare_level_header_is_read_whole() -> None:
    (form,) = jixiao.extract_text(_PAGE).forms
    assert form.schema_name == "project_target"
    assert form.header.title.value == "某镇中心小学项目支出目标申报表"
    assert (form.header.project_name.value, form.header.department.value) == ("校舍维修改造", "某县教育局")
    assert [(f.role, f.label.value) for f in form.funds] == [("total", "资金总额:"), ("fiscal", "财政拨款:"),
                                                               ("other", "其他:")]
    names = ["维修面积", "验收合格率", "维修单价", "安全隐患消除", "师生满意度"]
    assert [i.name.value for i in form.indicators] == names
    assert [i.level2.value for i in form.indicators][:3] == ["数量值", "质量值", "成本值"]
    assert form.indicators[0].target.value is not None and str(form.indicators[0].target.value.value) == "1200"


def test_declaration_template_follows_its_print_in_the_gold() -> None:
    sheet = sheet_of(make_document(18, 10, family="national_project_target"))
    crumbs = declaration_page(sheet, random.Random(3))
    part = sheet.tables()[0]
    assert part.rows is not None and part.form is not None
    title = sheet.forms[part.form]["header"]["title"]
    assert crumbs and title in crumbs[0] and part.rows[0][0] == title and title.endswith("项目支出目标申报表")
    printed = {t for row in part.rows for t in row}
    assert {"一级", "二级", "三级"} <= printed and "一级指标" not in printed and "绩效指标" not in printed
    labels = [f["label"] for f in sheet.forms[part.form]["funds"]]
    assert labels[0] == "资金总额:" and all(label in printed for label in labels)
    assert "overall_goal" not in sheet.forms[part.form]


_FUND_PAGE = "\n\n".join([
    "某省2023年度区域绩效目标自评表", "专项名称", "农村饮水安全巩固提升", "中央主管部门", "水利部", "自评得分",
    "省级财政部门", "某省财政厅", "省级主管部门", "某省水利厅", "92.5", "预算执行情况", "预算数:", "120.00", "执行数:",
    "110.40", "10", "其中:中央补助", "      80.00  万元", "其中:中央补助", "      76.40  万元", "地方资金/其他",
    "万元", "地方资金/其他", "万元", " ", "年度总体目标", "预期目标", "实际完成情况",
    "完成农村供水工程维修养护，保障农村群众饮水安全。", "完成农村供水工程维修养护，农村群众饮水安全得到保障。",
    "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "产出指标", "数量指标",
    "维修养护工程处数", ">=40处", "42处", "50", "50", "效益指标", "社会效益指标", "受益人口", ">=2万人", "2.1万人",
    "30", "30", "满意度指标", "服务对象满意度指标", "群众满意度", ">=90%", "93%", "10", "10", "总分", "100", "92.5",
]) + "\n"


def test_special_fund_page_reads_its_budget_line_and_side_pairs() -> None:
    (form,) = jixiao.extract_text(_FUND_PAGE).forms
    assert form.schema_name == "project_self_eval"
    assert form.header.project_name.value == "农村饮水安全巩固提升" and form.header.department.value is None
    got = [(f.role, f.label.value, f.budget.value, f.executed.value) for f in form.funds]
    shown = [(r, lab, None if b is None else str(b), None if e is None else str(e)) for r, lab, b, e in got]
    assert shown == [
        ("total", "预算数:", "120.00", "110.40"), ("central_provincial", "其中:中央补助", "80.00", "76.40"),
        ("county", "地方资金/其他", None, None)]
    assert str(form.funds[0].weight.value) == "10"


def test_special_fund_template_keeps_what_it_prints_in_the_gold() -> None:
    sheet = sheet_of(make_document(18, 0, family="national"))
    assert special_fund(sheet, random.Random(5))
    part = sheet.tables()[0]
    assert part.rows is not None and part.form is not None
    form = sheet.forms[part.form]
    printed = " ".join(t for row in part.rows for t in row)
    assert "department" not in form["header"] and "unit_name" not in form["header"]
    assert "省级财政部门" in printed and "中央主管部门" in printed
    for fund in form["funds"]:
        assert fund["label"] in printed and not {"initial_budget", "rate", "score"} & set(fund)
        assert all(fund[f] in printed for f in ("budget", "executed") if f in fund)
