"""The Fushun template run together: its own reader cuts sections, 指标N rows and figures."""

from __future__ import annotations

from decimal import Decimal

from extractor.pipeline import extract_text

_TEXT = (
    "2021年某县文旅局整体绩效自评表部门（单位）名称某县文旅局财政供养人员数量23年度部门（单位）整体收支情况（万元）"
    "名称年初预算数预算数(A)执行数(B)执行率(B/A)年度部门预算收入小计（1至2项）50.0060.00————"
    "年度主要任务工作名称对应项目年初预算数预算数(A)执行数(B)执行率(B/A)重点工作一文物保护经费—12.512.5100%"
    "合计—12.512.5100%年度绩效目标年初设定目标全年完成情况目标1：完成文物普查。完成：已完成普查。"
    "分解目标评价一级指标二级指标三级指标内容年度指标值全年完成值完成程度分值得分原因说明"
    "履职效能重点工作履行情况指标1普查点位数≥30个28个部分完成3028.5个别点位延后，下年补齐。"
    "管理效率预算编制管理指标1预算编制按时编制按时编制完成2020"
    "运行成本成本控制成效指标1三公经费变动率≤5%4%完成2023总评价得分98.5"
)


def test_run_on_fushun_rows() -> None:
    form = extract_text(_TEXT).forms[0]
    assert form.layout is not None and form.layout.name == "fushun_runon"
    assert form.header.unit_name.value == "某县文旅局" and form.staff_count.value == 23
    assert [(f.role, f.label.value) for f in form.funds] == [("income", "年度部门预算收入小计(1至2项)")]
    assert form.funds[0].budget.value is None  # 50.0060.00: the money runs are left unread
    assert [t.name.value for t in form.tasks] == ["重点工作一"]
    assert form.tasks[0].project.value == "文物保护经费"
    assert form.goal_list[0].outcome.value == "完成：已完成普查。".replace("：", ":")
    first, second, third = form.indicators
    assert (first.level1.value, first.level2.value, first.name.value) == ("履职效能", "重点工作履行情况", "普查点位数")
    assert first.target.value is not None and first.target.value.value == Decimal(30)
    assert (first.weight.value, first.score.value) == (Decimal(30), Decimal("28.5"))
    assert first.deviation_reason.value == "个别点位延后，下年补齐。".replace("，", ",")
    assert second.name.value == "预算编制" and second.target.value is not None
    assert second.target.value.text == "按时编制"
    # 20 | 23 scores over its weight and no other cut is allowed: left unread, not guessed
    assert third.weight.value is None and third.score.value is None
    assert form.totals.score.value == Decimal("98.5")
    assert any(f.code == "LAYOUT_FUSHUN_RUN_ON" for f in form.findings)
