"""Units in traditional script (a mirror's s2t conversion) are the simplified units they spell:
the money unit of ``資金情況（萬元）`` and a 度量單位 column's ``萬元`` read as 万元, as a measure's
unit already was (the ``traditional`` shape)."""

from __future__ import annotations

from extractor.pipeline import extract_text
from schemas import ProjectSelfEval

# fictional, traditional script with a mirror's pinyin
TEXT = "\n".join("\t".join(r) for r in [
    ["項目支出績效自評表"],
    ["項目名稱", "鄉村道路養護經費"],
    ["資(zī)金(jīn)情況（萬元）", "", "全年預算數", "全年執行數", "分值", "執行率", "得分"],
    ["資金情況（萬元）", "年度資金總額", "100", "90", "10", "90%", "9"],
    ["一級指標", "二級指標", "三級指標", "指標性質", "指標值", "度量單位", "實際完成值", "分值", "得分"],
    ["產出指標", "成本指標", "項目成本控制", "≤", "336", "萬元", "330", "90", "90"],
]) + "\n"


def test_traditional_units_read_as_the_simplified_unit() -> None:
    [form] = extract_text(TEXT, "trad.txt").forms
    assert isinstance(form, ProjectSelfEval)
    assert form.header.money_unit.value == "万元"
    [ind] = form.indicators
    assert ind.unit.value == "万元"
    assert ind.target.value is not None and ind.target.value.unit == "万元"
