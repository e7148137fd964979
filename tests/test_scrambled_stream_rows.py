"""Rows of a Hubei-style stream printed in order under their headers (layouts/scrambled): the funds
total after its own label with 分值 / 执行率 / 得分, and the goal row after its column headers."""

from __future__ import annotations

from decimal import Decimal

from extractor.ingest import ingest_text
from extractor.layouts import extract_form, segment
from extractor.layouts.scrambled.stream import is_scrambled_stream

TITLE = "项目支出绩效自评表 项目名称 测试项目 主管部门 某某局 实施单位 某某中心 "
FUNDS = (
    "预算执行情况（万元）（20分） 年初预算数 预算数(A) 执行数(B) 分值 执行率(B/A) 得分(20分*执行率) "
    "预算执行情况（万元）（20分） 年度财政资金总额 {row} "
    "预算执行情况（万元）（20分） 其中：中央和省级资金 80.00 110.00 99.00 / / / "
)
GOALS = (
    "年度总体目标 预期目标 实际完成情况 年度总体目标 按期完成年度建设任务，资金使用规范，群众满意。 "
    "已按期完成年度建设任务，资金拨付及时，服务对象总体满意。 "
)
TABLE = (
    "绩效指标 一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分 ≥10次 12次 20 培训人次 "
    "≥90% 95% 10 受益群众满意度 产出指标 数量指标 满意度指标 服务对象满意度指标 总分 48"
)


def _form(row: str):  # type: ignore[no-untyped-def]
    chunks = segment(ingest_text(TITLE + FUNDS.format(row=row) + GOALS + TABLE))
    assert len(chunks) == 1 and is_scrambled_stream(chunks[0].rows)
    return extract_form(chunks[0])


def test_labelled_total_row_read_where_the_arithmetic_confirms_it() -> None:
    form = _form("80.00 110.00 99.00 20 90.00% 18")
    total = next(r for r in form.funds if r.role == "total")
    got = (total.initial_budget.value, total.budget.value, total.executed.value, total.weight.value,
           total.rate.value, total.score.value)
    assert got == (Decimal("80.00"), Decimal("110.00"), Decimal("99.00"), Decimal(20), Decimal("90.00"), Decimal(18))


def test_labelled_total_row_left_empty_when_neither_arithmetic_nor_columns_hold() -> None:
    form = _form("80.00 110.00 99.00 75.00% 18")
    total = next(r for r in form.funds if r.role == "total")
    assert total.budget.value is None and total.score.value is None and total.initial_budget.value is None


def test_goal_row_after_its_column_headers() -> None:
    form = _form("80.00 110.00 99.00 20 90.00% 18")
    assert form.goals.expected.value == "按期完成年度建设任务，资金使用规范，群众满意。"
    assert form.goals.actual.value == "已按期完成年度建设任务，资金拨付及时，服务对象总体满意。"


def test_labelled_total_row_with_a_slip_read_by_column_order_and_reported() -> None:
    form = _form("80.00 110.00 99.00 20 90.00% 15")
    total = next(r for r in form.funds if r.role == "total")
    got = (total.budget.value, total.rate.value, total.score.value)
    assert got == (Decimal("110.00"), Decimal("90.00"), Decimal(15))
    assert total.weight.value == Decimal(20) and total.initial_budget.value == Decimal("80.00")


def test_a_stream_whose_first_row_prints_text_values_is_read() -> None:
    table = TABLE.replace("≥10次 12次 20 培训人次", "达到验收标准 达到 验收标准 20 工程质量")
    table = table.replace("数量指标", "质量指标")
    chunks = segment(ingest_text(TITLE + FUNDS.format(row="80.00 110.00 99.00 20 90.00% 18") + GOALS + table))
    assert len(chunks) == 1 and is_scrambled_stream(chunks[0].rows)
    form = extract_form(chunks[0])
    assert [i.name.value for i in form.indicators] == ["工程质量", "受益群众满意度"]
    assert form.indicators[0].actual.value is not None and form.indicators[0].actual.value.text == "达到验收标准"


SCATTERED = (
    "预算执行情况（万元）（20分） 年度财政 资金总额 预算数 (A) 执行数(B) 执行率(B/A) 得分 (20分*执行率) "
    "{row} 其中：中央和省级资金 100.00 90.00 市县级资金 10.00 9.00 "
)


def _scattered(row: str):  # type: ignore[no-untyped-def]
    chunks = segment(ingest_text(TITLE + SCATTERED.format(row=row) + GOALS + TABLE))
    assert len(chunks) == 1 and is_scrambled_stream(chunks[0].rows)
    return extract_form(chunks[0])


def test_total_label_among_the_header_words_read_with_the_rule_points() -> None:
    form = _scattered("110.00 99.00 90.00% 18")
    total = next(r for r in form.funds if r.role == "total")
    got = (total.budget.value, total.executed.value, total.rate.value, total.score.value, total.weight.value)
    assert got == (Decimal("110.00"), Decimal("99.00"), Decimal("90.00"), Decimal(18), None)
    assert total.label.value == "年度财政资金总额"
