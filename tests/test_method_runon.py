"""A run-together county self-evaluation with 分值 before the values and a 得分计算方法 column
(``method_column`` / the ``method_runon`` shape; the fused reader's ``method`` column)."""

from __future__ import annotations

import random
from decimal import Decimal

import jixiao
from tests.synth.corpus import make_document
from tests.synth.messify import messify
from tests.synth.messify.base import sheet_of
from tests.synth.messify.method_column import HEADER_AFTER_NAME, method_column

# invented: the template's header and rows run together, the 计算方法 cell empty, a text or a figure
HEAD = ("2022年度项目支出绩效自评表项目名称慰问困难群众项目主管部门及代码某县民政局116422实施单位某县民政局"
        "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额50.0050.0048.00"
        "年度总体目标预期目标实际完成情况完成慰问任务完成慰问任务"
        "一级指标二级指标三级指标分值指标值(A)全年实际值(B)得分计算方法得分未完成原因分析")
ROWS = ("产出指标(50分)数量指标(必填硬性指标)发放慰问品户数20100%100%10020"
        "质量指标(必填)慰问对象识别准确率30≥95%96%按完成比例得分30"
        "效益指标(50分)社会效益指标困难群众生活改善程度40明显改善明显改善40"
        "满意度指标服务对象满意度指标受益群众满意度10≥90%92%10010总分100100")


def test_method_column_is_read_as_its_own_cell() -> None:
    form = jixiao.extract_text(HEAD + ROWS).forms[0]
    rows = {str(i.name.value): i for i in form.indicators}
    assert set(rows) == {"发放慰问品户数", "慰问对象识别准确率", "困难群众生活改善程度", "受益群众满意度"}
    count = rows["发放慰问品户数"]
    assert (count.weight.value, count.score.value) == (Decimal(20), Decimal(20))  # 100 is the 计算方法's
    assert count.target.value is not None and count.target.value.text == "100%"
    assert count.level2.value == "数量指标"
    rate = rows["慰问对象识别准确率"]
    assert (rate.weight.value, rate.score.value) == (Decimal(30), Decimal(30))  # the formula text is no value
    assert rate.actual.value is not None and rate.actual.value.text == "96%"
    assert rows["受益群众满意度"].score.value == Decimal(10)
    assert form.header.department.value == "某县民政局116422"  # 及代码 is the label's, the code the print's


def test_a_run_the_rules_cannot_cut_is_flagged_not_guessed() -> None:
    # ``111100%``: 分值 1 | 100%... or 11 | 1100%?  Two cuts, so no 分值 is read (flagged); ``1001`` has
    # one cut, 计算方法 100 | 得分 1 (10 | 01 and 1 | 001 print a leading zero), so its 得分 is read
    text = HEAD + "产出指标数量指标发放慰问品户数111100%100%1001" + ROWS[ROWS.index("质量指标"):]
    form = jixiao.extract_text(text).forms[0]
    count = next(i for i in form.indicators if i.name.value and "户数" in i.name.value)
    assert count.weight.value is None and count.target.value is None
    assert count.score.value == Decimal(1)
    assert any(f.code == "LAYOUT_FIGURES_FUSED" for f in form.findings)


def test_method_column_prints_the_template_and_keeps_the_gold_honest() -> None:
    printed = 0
    for k in range(16):
        sheet = sheet_of(make_document("national", k, 0))
        method_column(sheet, random.Random(k))
        for part, form in sheet.tables_of("project_self_eval"):
            head = next((row for row in part.rows or [] if "得分计算方法" in row), None)
            if head is None:
                continue
            printed += 1
            col = head.index("得分计算方法")
            assert head[col - 4:col + 3] == ["三级指标", *HEADER_AFTER_NAME]
            names = {str(i.get("name")) for i in form.get("indicators") or []}
            for row in part.rows or []:
                name = next((t for t in row if t in names), None)
                if name is None:
                    continue
                entry = next(i for i in form["indicators"] if i.get("name") == name)
                assert "method" not in entry or entry["method"] == row[col]
    assert printed >= 4


def test_method_runon_gold_keeps_no_method_and_prints_the_header() -> None:
    seen = 0
    for k in range(6):
        messy = messify(make_document("national", k, 0), "method_runon", 5)
        assert all("method" not in i for f in messy.forms for i in f.get("indicators") or [])
        seen += "得分计算方法" in messy.text
    assert seen >= 3
