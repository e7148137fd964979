"""Readers on the print variants the drawn wording (tests/synth/wording.py) brought out: 一级 and
二级 in one cell, 无 in Fushun task amounts, a 填报年度 line above a title that sits in its table,
项目主管部门 opening a TSV row of its own."""

from __future__ import annotations

from decimal import Decimal

import jixiao
from extractor.rules.levels_joined import split_level_text
from tests.synth import render_text
from tests.synth.corpus import make_document

JOINED = """项目支出绩效自评表
项目名称\t农村公路养护资金
一级/二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
产出指标（60分）-数量指标\t养护道路里程\t≥300公里\t310公里\t30\t30
产出指标（60分）-质量指标\t验收合格率\t≥95%\t96%\t30\t30
满意度指标（10分）－服务对象满意度指标\t服务对象满意度\t≥90%\t92%\t10\t10
总分\t\t\t\t70\t70
"""


def test_levels_printed_in_one_cell_are_split() -> None:
    rows = [(i.level1.value, i.level2.value, i.name.value, i.weight.value)
            for i in jixiao.extract_text(JOINED).forms[0].indicators]
    assert rows == [("产出指标", "数量指标", "养护道路里程", Decimal(30)),
                    ("产出指标", "质量指标", "验收合格率", Decimal(30)),
                    ("满意度指标", "服务对象满意度指标", "服务对象满意度", Decimal(10))]


def test_only_two_level_words_make_a_joined_cell() -> None:
    assert split_level_text("效益指标/社会效益指标") == ("效益指标", "社会效益指标")
    assert split_level_text("产出指标-培训人次") is None  # a name after the dash: not two levels
    assert split_level_text("产出指标") is None


def test_none_word_in_fushun_task_amounts() -> None:
    doc = make_document(17, 43, family="fushun", wording=True)
    assert doc.style.filler == "无"
    tasks = jixiao.extract_text(render_text.one_cell_per_line(doc)).forms[0].tasks
    assert [t.budget.value for t in tasks] == [t.budget for t in doc.forms[0].tasks]
    assert all(t.initial_budget.value is None for t in tasks)


def test_year_label_line_above_a_title_in_its_table() -> None:
    doc = make_document(23, 84, family="dept_national_nobudget", wording=True)
    assert doc.forms[0].title_in_table and doc.forms[0].lines[0].startswith("填报年度")
    for text in (render_text.tsv(doc), render_text.one_cell_per_line(doc)):
        assert jixiao.extract_text(text).forms[0].header.year.value == doc.forms[0].header["year"]


def test_project_department_label_opens_its_own_tsv_row() -> None:
    doc = make_document(17, 94, family="hubei", wording=True)
    header = jixiao.extract_text(render_text.tsv(doc)).forms[0].header
    assert header.project_name.value == doc.forms[0].header["project_name"]
    assert header.department.value == doc.forms[0].header["department"]
