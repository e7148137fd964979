"""Notes beside a run-together form's words (``level_notes``): a 二级 word's annotation and the
department's code are not read as part of any value."""

from __future__ import annotations

import random

import jixiao
from tests.synth.corpus import make_document
from tests.synth.messify.base import sheet_of
from tests.synth.messify.level_notes import NOTES, level_notes

# invented: a run-together project self-evaluation whose 二级 words carry a note
TEXT = ("2024年度项目支出绩效自评表项目名称农村饮水安全维修项目主管部门及代码123456789某县水利局实施单位某县水利站"
        "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额50.0050.0048.00"
        "年度总体目标预期目标实际完成情况完成维修工程12处完成维修工程12处"
        "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
        "产出指标数量指标(必填硬性指标)维修工程数量≥12处12处 30 30 "
        "质量指标(必填硬性指标)工程验收合格率=100%100% 30 30 "
        "效益指标社会效益指标(选填)受益人口≥3000人3200人 30 30 "
        "满意度指标服务对象满意度指标(必填硬性指标)群众满意度≥90%93% 10 10 总分 100 100")


def test_notes_and_code_not_read_into_values() -> None:
    form = jixiao.extract_text(TEXT).forms[0]
    assert form.header.department.value == "某县水利局"
    rows = [(i.level2.value, i.name.value) for i in form.indicators]
    assert ("数量指标", "维修工程数量") in rows and ("社会效益指标", "受益人口") in rows
    assert all("必填" not in (n or "") and "选填" not in (l2 or "") for l2, n in rows)


def test_level_notes_print_notes_and_keep_the_gold() -> None:
    printed = 0
    for k in range(12):
        doc = make_document("national", k, 0)
        sheet = sheet_of(doc)
        before = [dict(f) for f in sheet.forms]
        level_notes(sheet, random.Random(k))
        cells = [t for p in sheet.tables() for row in p.rows or [] for t in row]
        printed += any(t.endswith(NOTES) for t in cells)
        assert [f.get("indicators") for f in sheet.forms] == [f.get("indicators") for f in before]
        assert [f.get("header") for f in sheet.forms] == [f.get("header") for f in before]
    assert printed >= 2
