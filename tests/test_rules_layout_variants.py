"""Readers for layout variants: paired funds groups, weight-share scores, shifted funds labels,
scrambled indicator headers, wrapped indicator rows and column-scrambled PDF streams.

All inputs are made up; they only reuse the forms' header vocabulary.
"""

from __future__ import annotations

from decimal import Decimal

from extractor.grid import Cell
from extractor.ingest import ingest_text
from extractor.layouts import extract_form, segment
from extractor.rules.funds import find_funds_header
from extractor.rules.funds_paired import read_paired_funds
from extractor.rules.funds_shifted import read_shifted_funds
from extractor.rules.indicator_header_order import reorder_scrambled_header
from extractor.rules.indicator_row_join import fill_free_columns, rejoin_wrapped_rows
from extractor.rules.indicators import find_indicator_header, read_indicators
from extractor.layouts.scrambled.stream import is_scrambled_stream
from extractor.rules.weighted_indicators import find_weighted_layout, read_weighted_indicators
from extractor.segment.types import Row

from fixtures.streams import SCRAMBLED_STREAM


def _rows(*lines: list[str]) -> list[Row]:
    out: list[Row] = []
    pos = 0
    for r, texts in enumerate(lines):
        cells = []
        for c, t in enumerate(texts):
            cells.append(Cell(t, r, c, char_start=pos, char_end=pos + len(t)))
            pos += len(t) + 1
        out.append(Row(cells, "g1"))
    return out


def test_paired_funds_groups() -> None:
    rows = _rows(
        ["二、预算执行情况", "预算安排情况(调整后)", "资金到位情况", "资金执行情况", "预算执行进度(%)"],
        ["预算数", "12.00", "到位数", "12.00", "执行数", "9.00", "75.00"],
        ["其中:财政资金", "12.00", "其中:财政资金", "12.00", "其中:财政资金", "9.00"],
        ["其他", "0.00", "其他", "0.00", "其他", "0.00"],
    )
    funds = read_paired_funds(rows, len(rows))
    assert [f.role for f in funds] == ["total", "fiscal", "other"]
    total = funds[0]
    assert (total.budget.value, total.executed.value, total.rate.value) == (Decimal("12.00"), Decimal("9.00"), Decimal("75.00"))
    assert total.executed.source[0].col == 5  # the 执行数 group's amount, not the 到位数 one
    assert funds[1].rate.value is None


def test_weighted_indicator_rows_read_from_the_operator_outwards() -> None:
    rows = _rows(
        ["一级指标", "二级指标", "三级指标", "指标分值", "预期指标值", "单项指标实际完成值", "单项指标完成情况", "自评得分"],
        ["符号", "单位(文字描述)", "单项指标得分", "权重占比(%)", "单项指标折算得分"],
        ["产出指标", "数量指标", "培训人数", "说明文字", ">=", "50", "人", "60", "完成", "40.00", "40.00", "16.00"],
        ["时效指标", "按时完成", "说明文字", "=", "100", "%", "100%", "完成", "30.00", "30.00", "9.00"],
        ["合计", "", ""],
    )
    header = find_indicator_header(rows)
    assert header is not None
    layout = find_weighted_layout(rows, header.first_row)
    assert layout is not None
    inds = read_weighted_indicators(rows, layout)
    assert [i.name.value for i in inds] == ["培训人数", "按时完成"]
    first, second = inds
    assert first.weight.value == Decimal("40.00") and first.score.value == Decimal("16.00")
    assert first.target.value.operator == "≥" and first.target.value.unit == "人" and first.nature.value == ">="
    assert second.level1.value == "产出指标" and second.level2.value == "时效指标"
    assert second.completion.value == "完成"


def test_shifted_funds_labels_rebuilt_in_label_value_order() -> None:
    rows = _rows(
        ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "年度资金总额"],
        ["500.00", "400.00", "10", "80%", "8", "其中:当年财政拨款"],
        ["500.00", "400.00", "—"],
        ["—", "其他资金", "—", "—"],
        ["年度总体目标", "预期目标", "实际完成情况"],
    )
    header = find_funds_header(rows, len(rows))
    assert header is not None
    funds, findings = read_shifted_funds(rows, header, len(rows))
    assert [f.role for f in funds] == ["total", "fiscal", "other"]
    total, fiscal, other = funds
    assert (total.budget.value, total.executed.value, total.rate.value) == (Decimal("500.00"), Decimal("400.00"), Decimal("80"))
    assert total.initial_budget.value is None
    assert (fiscal.budget.value, fiscal.executed.value) == (Decimal("500.00"), Decimal("400.00"))
    assert other.budget.value is None
    assert findings and findings[0].code == "LAYOUT_FUNDS_SHIFTED"


def test_scrambled_header_reordered_and_wrapped_rows_joined() -> None:
    rows = _rows(
        ["绩效指标", "年度指标值", "实际完成值"],
        ["分值", "得分", "偏差原因分析及改进措施", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
        ["产出指标", "数量指标", "培训人数", "≧", "50", "人", "50", "20", "20"],
        ["效益指标", "社会效益指标", "群众认可"],
        ["较好"],
        ["较好", "20", "18"],
        ["其他需要说明事项", "无", "总分", "40", "38"],
    )
    header = find_indicator_header(rows)
    assert header is not None
    header, finding = reorder_scrambled_header(rows, header)
    assert finding is not None and header.first_row == 0
    assert list(header.columns.values())[:3] == ["level1", "level2", "name"]
    joined = rejoin_wrapped_rows(rows, header.last_row + 1, len(header.columns))
    inds, _, totals, _ = read_indicators(joined, header)
    assert [i.name.value for i in inds] == ["培训人数", "群众认可"]
    assert inds[0].target.value.operator == "≥" and inds[0].target.value.unit == "人"
    assert inds[1].target.value.text == "较好" and inds[1].actual.value.text == "较好"
    assert inds[1].score.value == Decimal("18")
    assert (totals.weight.value, totals.score.value) == (Decimal("40"), Decimal("38"))


def test_fill_free_columns_skips_columns_the_cells_do_not_fit() -> None:
    columns = {3: "nature", 4: "target", 5: "unit", 6: "actual"}
    cells = [Cell("达标", 0, 0), Cell("达标", 0, 1)]
    placed = fill_free_columns([3, 4, 5, 6], cells, columns)
    assert placed is not None and {columns[p] for p in placed} == {"target", "actual"}


def test_repeated_title_stub_dropped_and_indicator_part_joined() -> None:
    text = "\n".join([
        "某县某局2021年度预算项目绩效自评表",
        "发布日期: 2022.01.01 索引号: 0001",
        "某县某局2021年度预算项目绩效自评表",
        "一、基本情况 项目名称: 测试项目 金额单位: 万元",
        "二、预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)",
        "预算数 5.00 到位数 5.00 执行数 5.00 100.00",
        "这是一段很长的目标说明文字，用来模拟年度目标完成情况的叙述，长度超过六十个字符，以便分段逻辑把它当作正文处理而结束表格。",
        "四、年度绩效指标完成情况 一级指标 二级指标 三级指标 预期指标值 实际完成值",
        "产出指标 数量指标 培训次数 >= 2 次 2",
    ])
    chunks = segment(ingest_text(text))
    assert len(chunks) == 1
    assert any("一级指标" in t for r in chunks[0].rows for t in r.texts)
    form = extract_form(chunks[0])
    assert form.header.money_unit.value == "万元"
    assert form.funds[0].role == "total" and form.funds[0].rate.value == Decimal("100.00")




def test_column_scrambled_stream_paired_only_by_counts_and_arithmetic() -> None:
    chunks = segment(ingest_text(SCRAMBLED_STREAM))
    assert len(chunks) == 1 and is_scrambled_stream(chunks[0].rows)
    form = extract_form(chunks[0])
    assert form.header.year.value == 2021
    assert form.header.project_name.value == "测试项目"
    assert form.header.unit_name.value == "某某中心"
    roles = {f.role: f for f in form.funds}
    total = roles["total"]
    assert (total.budget.value, total.executed.value, total.weight.value, total.score.value) == (
        Decimal("100.00"), Decimal("80"), Decimal("10"), Decimal("8"))
    assert total.rate.value == Decimal("80.00") and total.rate.confidence < 0.8
    assert roles["fiscal"].executed.value == Decimal("80")
    assert roles["carry_over"].budget.value is None  # "0 0 —": positions unknown, label only
    assert form.goals.actual.value == "已完成全部工作任务内容。" and form.goals.expected.value is None
    names = [i.name.value for i in form.indicators]
    assert names == ["培训人次", "完成时间"]
    assert [i.level2.value for i in form.indicators] == ["数量指标", "时效指标"]
    assert all(i.level1.value == "产出指标" for i in form.indicators)
    assert form.indicators[1].target.value.text == "及时"
    assert (form.totals.weight.value, form.totals.score.value) == (Decimal("100"), Decimal("98"))
    assert {f.code for f in form.findings} >= {"LAYOUT_FUNDS_SCRAMBLED", "LAYOUT_INDICATORS_SCRAMBLED"}


def test_scrambled_stream_with_unequal_counts_extracts_no_indicators() -> None:
    text = SCRAMBLED_STREAM.replace("及时 及时 40 40 ", "")
    form = extract_form(segment(ingest_text(text))[0])
    assert form.indicators == []
    assert any(f.code == "LAYOUT_INDICATORS_SCRAMBLED" for f in form.findings)
