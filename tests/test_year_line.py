"""A bracketed year printed just above a form's title belongs to that form (issue 17).

A Word form whose title sits in its table's merged first row prints （2024年度） above the table;
pasted as tab-separated rows, the line comes before the title and was left to the narrative.
"""

from __future__ import annotations

import jixiao

BODY = "\n".join([
    "项目名称\t某项目",
    "主管部门\t某局\t实施单位\t某中心",
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
    "产出指标\t数量指标\t培训人数\t≥100人\t120人\t50\t50",
    "效益指标\t社会效益指标\t受益人数\t≥500人\t600人\t50\t50",
])


def test_a_year_line_above_the_title_is_the_forms_year() -> None:
    lead = "为加强管理，现将自评结果报告如下。\n（2024年度）\n部门预算项目支出绩效自评表\n"
    result = jixiao.extract_text(lead + BODY + "\n")
    (form,) = result.forms
    assert form.header.year.value == 2024
