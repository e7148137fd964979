"""An excerpt of a Fushun form's last rows on one line: the tail layout reads its 指标N rows."""

from __future__ import annotations

from decimal import Decimal

from extractor.pipeline import extract_text

# invented: the header's last words, a row under a merged 一级 cell, a full-width ＝, figures spaced
_TAIL = ("得分原因说明履职效能重点工作履行情况指标1重点工作完成率≥88% 90% 完成 30 30整体工作完成情况指标1工作任务"
         "及时及时完成 10 10 管理效率财务管理指标1应缴财政款上缴率＝100% 100% 完成 20 18 总评价得分 96\n")


def test_fushun_tail_rows() -> None:
    result = extract_text(_TAIL)
    assert len(result.forms) == 1
    form = result.forms[0]
    assert form.layout is not None and form.layout.name == "fushun_tail"
    assert form.schema_name == "dept_self_eval"
    first, second, third = form.indicators
    assert (first.level1.value, first.level2.value) == ("履职效能", "重点工作履行情况")
    assert first.name.value == "重点工作完成率"
    assert first.actual.value is not None and first.actual.value.value == Decimal(90)
    assert (second.level1.value, second.level2.value, second.name.value) == ("履职效能", "整体工作完成情况", "工作任务")
    assert third.name.value == "应缴财政款上缴率" and third.target.value is not None
    assert third.target.value.operator == "="
    assert (third.weight.value, third.score.value) == (Decimal(20), Decimal(18))
    assert form.totals.score.value == Decimal(96)
    assert any(f.code == "LAYOUT_FUSHUN_TAIL" for f in form.findings)


def test_cut_row_before_first_slot_names_no_levels() -> None:
    """Figures before the first slot are a cut row's end: the first row's level words are not guessed."""
    text = ("20 20 预算编制管理指标1预算编制按时编制按时编制完成 10 10 "
            "财务管理指标1应缴财政款上缴率=100% 100% 完成 10 10 总评价得分 100\n")
    form = extract_text(text).forms[0]
    assert form.layout is not None and form.layout.name == "fushun_tail"
    assert form.indicators[0].level2.value is None and form.indicators[0].name.value == "预算编制"
