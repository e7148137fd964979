"""Web pages pasted one cell per line in their own templates (``messify/web_cells.py``): a target
declaration whose indicator header prints bare level words and a 备注 column, read whole."""

from __future__ import annotations

import random

import jixiao
from tests.synth.corpus import make_document
from tests.synth.messify.base import sheet_of
from tests.synth.messify.web_cells import declaration_page

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
