"""Project self-evaluations printed as scoring rubrics, run together (rubric_runon): 项目决策 /
项目管理 criteria rows whose target is a dash and whose actual is the criterion met, the 分值
column before the target, 参考分值 OCR'd, a rubric 一级 cell OCR'd out of order.  All inputs are
synthetic."""

from __future__ import annotations

from decimal import Decimal

from extractor.pipeline import extract_text

HEAD = ("2022年度项目支出绩效自评表项目名称乡村道路养护资金主管部门东林县交通运输局实施单位东林县公路养护中心"
        "项目资金(万元)全年预算数全年执行数分值执行率得分年度资金总额120.5090.361074.99%7.50"
        "年度总体目标预期目标实际完成情况完成年度养护任务。已完成养护任务。绩效指标一级指标二级指标三级指标")
ROWS = ("项目决策(9分)项目目标目标完整性4一目标明确、内容细化4决策过程决策程序规范性5—按规定程序决策4"
        "项目管理(13分)投入管理资金到位率3—100%3财务管理财务制度有效性7一制度健全、执行有效7预算执行率3—95.5%2"
        "项目产出(40分)数量指标养护里程40≥120公里126公里40总分6560\n")


def _indicators(text: str):  # type: ignore[no-untyped-def]
    (form,) = extract_text(text).forms
    return form, {ind.name.value: ind for ind in form.indicators}


def test_criteria_rows_read_weight_criterion_and_score_under_their_levels() -> None:
    form, rows = _indicators(HEAD + "分值指标值(A)全年实际值(B)得分未完成原因分析及改进措施" + ROWS)
    assert list(rows)[:5] == ["目标完整性", "决策程序规范性", "资金到位率", "财务制度有效性", "预算执行率"]
    first = rows["目标完整性"]
    assert (first.level1.value, first.level2.value) == ("项目决策", "项目目标")
    assert (first.weight.value, first.score.value) == (Decimal(4), Decimal(4))
    assert first.target.value is None  # the dash is an empty cell
    assert (first.actual.value.operator, first.actual.value.text) == ("qualitative", "目标明确、内容细化")
    assert rows["财务制度有效性"].level2.value == "财务管理"
    rate = rows["预算执行率"]
    assert (rate.actual.value.value, rate.weight.value, rate.score.value) == (Decimal("95.5"), Decimal(3), Decimal(2))
    assert rows["养护里程"].level1.value == "项目产出"
    assert [(g.name, g.stated_weight.value) for g in form.groups][:2] == [("项目决策", Decimal(9)),
                                                                          ("项目管理", Decimal(13))]


def test_an_ocr_scrambled_weight_header_still_opens_the_columns() -> None:
    _, rows = _indicators(HEAD + "考值参分指标值(A)全年实际值(B)得分未完成原因分析及改进措施" + ROWS)
    assert rows["目标完整性"].weight.value == Decimal(4)
    assert rows["目标完整性"].actual.value.text == "目标明确、内容细化"


def test_a_scrambled_rubric_level_ends_the_row_before_and_is_not_read() -> None:
    rows_text = ROWS.replace("项目管理(13分)", "理1(项)管分3目")
    _, rows = _indicators(HEAD + "分值指标值(A)全年实际值(B)得分未完成原因分析及改进措施" + rows_text)
    assert rows["决策程序规范性"].score.value == Decimal(4)
    assert rows["资金到位率"].level1.value is None  # its level cell cannot be read
    assert rows["财务制度有效性"].level2.value == "财务管理"


def test_a_swallowed_criterion_row_is_never_one_name() -> None:
    _, rows = _indicators(HEAD + "分值指标值(A)全年实际值(B)得分未完成原因分析及改进措施" + ROWS)
    assert not any("一" in name or "—" in name for name in rows)


def test_a_criterion_with_no_dash_is_bounded_by_its_weight_and_score() -> None:
    """Inside 项目决策 / 项目管理 the text between 分值 and 得分 is the criterion met, never the next
    row's name with the score read as its weight."""
    text = ROWS.replace("4一目标明确", "4目标明确").replace("5—按规定", "5按规定")
    _, rows = _indicators(HEAD + "分值指标值(A)全年实际值(B)得分未完成原因分析及改进措施" + text)
    assert "目标明确、内容细化" not in rows
    first = rows["目标完整性"]
    assert (first.weight.value, first.actual.value.text, first.score.value) == (Decimal(4), "目标明确、内容细化",
                                                                               Decimal(4))


def test_framework_level2_words_under_output_groups() -> None:
    text = ROWS.replace("数量指标养护里程", "产出数量养护里程")
    _, rows = _indicators(HEAD + "分值指标值(A)全年实际值(B)得分未完成原因分析及改进措施" + text)
    assert (rows["养护里程"].level1.value, rows["养护里程"].level2.value) == ("项目产出", "产出数量")
