"""Level words a PDF text layer printed after an indicator table's rows (rules/levels_after.py):
placed only where the points or the one-word-per-row count make it certain, never by the
block's own order; the late 得分 figures paired with the rows that lost them."""

from __future__ import annotations

from extractor.pipeline import extract_text
from schemas import ProjectSelfEval

_HEAD = """项目支出绩效自评表
项目名称  某某补助资金
主管部门  某局  实施单位  某中心
绩效指标  一级指标  二级指标  三级指标  年初目标值(A)  实际完成值(B)  分值  得分
"""


def _form(body: str) -> ProjectSelfEval:
    result = extract_text(_HEAD + body)
    form = result.forms[0]
    assert isinstance(form, ProjectSelfEval)
    return form


def _levels(form: ProjectSelfEval) -> list[tuple[str | None, str | None, str | None]]:
    return [(i.level1.value, i.level2.value, i.name.value) for i in form.indicators]


def test_points_place_level1_and_single_level2_words() -> None:
    form = _form("""培训人次  ≥500人次  520人次  30  30
建设面积  ≥200亩  210亩  20  20
带动农户增收  ≥50万元  52万元  30  30
受益对象满意度  ≥90%  92%  10  10
效益指标 (30 分) 数量指标 满意度指标 (10 分) 经济效益指标 产出指标 (50 分) 服务对象满意度指标
总分  90  90
""")
    assert _levels(form) == [
        ("产出指标", "数量指标", "培训人次"), ("产出指标", "数量指标", "建设面积"),
        ("效益指标", "经济效益指标", "带动农户增收"), ("满意度指标", "服务对象满意度指标", "受益对象满意度")]
    assert {g.name: g.stated_weight.value for g in form.groups} == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert any(f.code == "LAYOUT_LEVELS_AFTER_ROWS" for f in form.findings)


def test_level2_left_empty_when_a_group_is_not_certain() -> None:
    # 产出 holds three rows and two 二级 words: which row is 质量 cannot be told by position
    form = _form("""培训人次  ≥500人次  520人次  20  20
建设面积  ≥200亩  210亩  20  20
补助发放准确率  ≥95%  96%  10  10
受益对象满意度  ≥90%  92%  10  10
质量指标 产出指标 (50 分) 数量指标 满意度指标 (10 分) 服务对象满意度指标
总分  60  60
""")
    assert _levels(form) == [
        ("产出指标", None, "培训人次"), ("产出指标", None, "建设面积"), ("产出指标", None, "补助发放准确率"),
        ("满意度指标", "服务对象满意度指标", "受益对象满意度")]
    finding = next(f for f in form.findings if f.code == "LAYOUT_LEVELS_AFTER_ROWS")
    assert finding.severity == "warning"


def test_points_that_do_not_add_up_place_nothing() -> None:
    form = _form("""培训人次  ≥500人次  520人次  30  30
受益对象满意度  ≥90%  92%  10  10
满意度指标 (20 分) 产出指标 (20 分) 数量指标 服务对象满意度指标
总分  40  40
""")
    assert [(i.level1.value, i.level2.value) for i in form.indicators] == [(None, None), (None, None)]


def test_late_scores_and_a_wrapped_name() -> None:
    form = _form("""培训  人次  ≥500人次  520人次  30
建设面积  ≥200亩  210亩  20
受益对象满意度  ≥90%  92%  10  9
30  18
产出指标 (50 分) 数量指标 满意度指标 (10 分) 服务对象满意度指标
总分  60  57
""")
    assert [(i.name.value, i.weight.value, i.score.value) for i in form.indicators] == [
        ("培训人次", 30, 30), ("建设面积", 20, 18), ("受益对象满意度", 10, 9)]
    assert [i.level2.value for i in form.indicators] == ["数量指标", "数量指标", "服务对象满意度指标"]
