"""The type of an untitled excerpt known only by what it prints (rules/headless_type.py): a
department's where a department-only indicator is printed, read or not; a target form's where
rows print no actual, no total and no closing row.  Texts are invented."""

from __future__ import annotations

from decimal import Decimal

import jixiao
from extractor.rules.headless_type import headless_type, unread_type

# a department target table's tail, one line; the qualitative rows' names and targets cannot be cut apart
DEPT_TARGET_TAIL = ("效益指标社会效益指标履职效能显著提升 10 群众安全感较高 15可持续影响指标长效机制健全完善 5"
                    "满意度指标服务对象满意度指标办事群众满意度≥93% 10")
# a 重庆 target table's tail: a 年度绩效指标 column above the 一级 words on every row
CQ_TAIL = ("指标值分值年度绩效指标产出指标时效指标资金拨付及时率>=95% 20 年度绩效指标产出指标成本指标"
           "三公经费控制率<=98% 30 年度绩效指标满意度指标服务对象满意度指标群众满意度>=90% 10")


def _form(text: str) -> jixiao.FormRecord:
    result = jixiao.extract_text(text)
    assert len(result.forms) == 1
    return result.forms[0]


def test_unread_tail_with_department_word_is_a_department_target() -> None:
    form = _form(DEPT_TARGET_TAIL)
    assert form.schema_name == "dept_target"
    assert "EXTRACT_FORM_TYPE_UNCERTAIN" in {f.code for f in form.findings}  # still flagged: no title


def test_unread_tail_closed_by_a_total_stays_a_self_evaluation() -> None:
    assert unread_type("project_self_eval", 0.3, ["履职效能显著提升显著提升10 9 总分 100 95"]) == "dept_self_eval"
    assert unread_type("project_self_eval", 0.3, ["质量指标工程质量达到标准 10 评价结论完成"]) == "project_self_eval"
    assert unread_type("project_self_eval", 0.3, ["质量指标工程质量达到标准 10"]) == "project_target"


def test_typed_by_words_or_prose_keeps_its_type() -> None:
    assert unread_type("project_self_eval", 0.7, ["质量指标工程质量达到标准 10"]) == "project_self_eval"
    assert unread_type("project_self_eval", 0.3, ["本单位三公经费较上年下降"]) == "dept_self_eval"
    assert unread_type("project_score_sheet", 0.3, ["产出指标 三公经费"]) == "project_score_sheet"
    # typed a self-evaluation by its words (得分): a department's where one of its indicators is printed
    fushun = ["运行成本三公经费变动率≤9% 9% 20 20 总评价得分 100"]
    assert unread_type("project_self_eval", 0.7, fushun) == "dept_self_eval"
    assert unread_type("project_self_eval", 0.7, ["项目名称 公用经费 三公经费控制率≤9% 20"]) == "project_self_eval"


def test_read_rows_typed_by_every_printed_word() -> None:
    printed = ["群众满意度", "公用经费控制率≤95%"]
    assert headless_type("project_self_eval", {"target", "weight"}, printed) == "dept_target"
    assert headless_type("project_self_eval", {"target", "score"}, ["群众满意度"]) == "project_self_eval"


def test_year_column_above_the_levels_is_no_reason() -> None:
    form = _form(CQ_TAIL)
    assert form.schema_name == "dept_target"
    rows = [(i.level1.value, i.level2.value, i.name.value, i.weight.value, i.deviation_reason.value)
            for i in form.indicators]
    assert rows == [("产出指标", "时效指标", "资金拨付及时率", Decimal("20"), None),
                    ("产出指标", "成本指标", "三公经费控制率", Decimal("30"), None),
                    ("满意度指标", "服务对象满意度指标", "群众满意度", Decimal("10"), None)]
