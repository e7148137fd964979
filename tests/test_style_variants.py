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
    doc = next(d for i in range(80) if (d := make_document(17, i, family="fushun", wording=True)).style.filler == "无"
               and d.style.wording.rate_in_header)
    tasks = jixiao.extract_text(render_text.one_cell_per_line(doc)).forms[0].tasks
    assert [t.budget.value for t in tasks] == [t.budget for t in doc.forms[0].tasks]
    assert all(t.initial_budget.value is None for t in tasks)


def test_year_label_line_above_a_title_in_its_table() -> None:
    doc = next(d for i in range(200) if (d := make_document(23, i, family="dept_national_nobudget", wording=True))
               .forms[0].title_in_table and d.forms[0].lines[:1] and d.forms[0].lines[0].startswith("填报年度"))
    for text in (render_text.tsv(doc), render_text.one_cell_per_line(doc)):
        assert jixiao.extract_text(text).forms[0].header.year.value == doc.forms[0].header["year"]


def test_project_department_label_opens_its_own_tsv_row() -> None:
    doc = next(d for i in range(200) if (d := make_document(17, i, family="hubei", wording=True)).style.tsv_merge
               == "drop" and d.style.wording.word("dept_label", "") == "项目主管部门")
    header = jixiao.extract_text(render_text.tsv(doc)).forms[0].header
    assert header.project_name.value == doc.forms[0].header["project_name"]
    assert header.department.value == doc.forms[0].header["department"]


SIDES = """部门整体支出绩效目标申报表
部门名称\t云溪县教育局
收入构成\t金额\t占比\t支出构成\t金额\t占比
收入合计\t332.47\t100%\t支出合计\t332.47\t100%
财政拨款\t332.47\t100%\t基本支出\t221.26\t66.55%
其他资金\t无\t无\t项目支出\t111.21\t33.45%
一级指标\t二级指标\t三级指标\t指标值\t分值
产出指标\t数量指标\t办理群众诉求件数\t≥931件\t100
"""


def test_none_word_beside_a_side_label_is_no_label() -> None:
    funds = jixiao.extract_text(SIDES).forms[0].funds
    assert [(f.role, f.budget.value) for f in funds] == [
        ("total", Decimal("332.47")), ("fiscal", Decimal("332.47")), ("other", None),
        ("total", Decimal("332.47")), ("basic", Decimal("221.26")), ("project", Decimal("111.21"))]


TARGET = """项目支出绩效目标表
项目名称\t基本公共卫生服务项目
资金情况（元）\t年度资金总额：\t４６１，４００．００
\t其中：财政拨款\t４６１，４００．００
\t其他资金\t
总体目标\t按期完成年度建设任务。
一级指标\t二级指标\t三级指标\t指标值\t权重
产出指标\t数量指标\t培训人次\t≥200人次\t100
"""


def test_a_full_width_figure_ends_a_tsv_row() -> None:
    """A row ending in ４６１，４００．００ is not wrapped into the next one (it ends in a figure)."""
    funds = jixiao.extract_text(TARGET).forms[0].funds
    assert [(f.role, f.budget.value) for f in funds] == [
        ("total", Decimal("461400.00")), ("fiscal", Decimal("461400.00")), ("other", None)]


def test_score_sheet_criteria_and_note_in_other_words() -> None:
    text = ("项目绩效评价评分表\n一级指标\t二级指标\t三级指标\t标准分值\t评分要点\t自评分\t扣分说明\n"
            "项目决策\t项目立项\t立项依据充分性\t5\t符合要求得满分。\t4\t部分资料不完整\n"
            "项目过程\t资金管理\t资金到位率\t5\t到位率100%得满分。\t5\t\n合计\t\t\t10\t\t9\t\n")
    items = jixiao.extract_text(text).forms[0].items
    assert [(i.criteria.value, i.score.value, i.note.value) for i in items] == [
        ("符合要求得满分。", Decimal(4), "部分资料不完整"), ("到位率100%得满分。", Decimal(5), None)]


def test_fushun_total_score_merged_over_two_columns_is_one_number() -> None:
    doc = next(d for i in range(60) if (d := make_document(23, i, family="fushun")).style.tsv_merge == "repeat")
    totals = jixiao.extract_text(render_text.tsv(doc)).forms[0].totals
    assert totals.weight.value is None and totals.score.value == doc.forms[0].total_score
