"""A column-scrambled stream with its level block after the rows (rules/levels_stream.py)."""

from __future__ import annotations

from decimal import Decimal

from extractor.ingest import ingest_text
from extractor.layouts import extract_form, segment
from extractor.layouts.scrambled.stream import is_scrambled_stream

HEAD = (
    "财政项目支出绩效自评表 (2021 年度) 测试 项目 项目名称 主管部门 某某局 "
    "年初预算数 预算数(A) 执行数(B) 执行率(B/A) 得分(20分*执行率) "
    "100.00 100.00 80 — 其他资金 0 0 — 年度资金总额 项目资金 (万元) 某某 中心 实施单位 "
    "预期目标 年度 总体 目标 实际完成情况 已完成全部工作任务内容。 "
)
ROWS = "≥10次 12次 20 培训 人次 及时 及时 10 完成时间 ≥90% 95% 10 受益群众满意度 "
BLOCK = "产出指标 数量指标 时效指标 满意度指标 服务对象满意度指标 "


def _form(text: str):  # type: ignore[no-untyped-def]
    chunks = segment(ingest_text(text))
    assert len(chunks) == 1 and is_scrambled_stream(chunks[0].rows)
    return extract_form(chunks[0])


def test_three_figure_rows_read_and_block_levels_placed_by_template_order() -> None:
    header = "一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分 "
    form = _form(HEAD + header + ROWS + BLOCK + "总分 40")
    assert [i.name.value for i in form.indicators] == ["培训人次", "完成时间", "受益群众满意度"]
    assert [i.score.value for i in form.indicators] == [Decimal(20), Decimal(10), Decimal(10)]
    assert all(i.weight.value is None for i in form.indicators)
    assert form.indicators[0].target.value is not None and form.indicators[0].target.value.text == "≥10次"
    assert [i.level1.value for i in form.indicators] == ["产出指标", "产出指标", "满意度指标"]
    assert [i.level2.value for i in form.indicators] == ["数量指标", "时效指标", "服务对象满意度指标"]
    assert form.totals.score.value == Decimal(40) and form.totals.weight.value is None
    assert any(f.code == "LAYOUT_LEVELS_AFTER_ROWS" for f in form.findings)


def test_block_with_points_but_no_weights_and_two_fitting_cuts_leaves_the_levels_empty() -> None:
    header = "一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分 "
    rows = "≥10次 12次 10 培训人次 ≥5处 5处 10 维修设施数量 ≥90% 95% 5 受益群众满意度 ≥90% 92% 5 群众满意度 "
    block = "产出指标 (30 分) 数量指标 满意度指标 (10 分) 服务对象满意度指标 "
    form = _form(HEAD + header + rows + block + "总分 30")
    assert len(form.indicators) == 4  # 产出 two or three rows: both fit their points
    assert all(i.level1.value is None and i.level2.value is None for i in form.indicators)
    finding = next(f for f in form.findings if f.code == "LAYOUT_LEVELS_AFTER_ROWS")
    assert finding.severity == "warning"


def test_block_with_points_but_no_weights_groups_the_rows_where_one_cut_fits_the_scores() -> None:
    header = "一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分 "
    rows = "≥10次 12次 20 培训人次 ≥5处 5处 10 维修设施数量 ≥90% 95% 5 受益群众满意度 ≥90% 92% 5 群众满意度 "
    block = "产出指标 (30 分) 数量指标 满意度指标 (10 分) 服务对象满意度指标 "
    form = _form(HEAD + header + rows + block + "总分 40")
    assert [i.level1.value for i in form.indicators] == ["产出指标", "产出指标", "满意度指标", "满意度指标"]
    level2 = ["数量指标", "数量指标", "服务对象满意度指标", "服务对象满意度指标"]
    assert [i.level2.value for i in form.indicators] == level2


def test_block_with_points_but_no_weights_places_one_level2_word_per_row() -> None:
    header = "一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分 "
    block = "产出指标 (30 分) 数量指标 时效指标 满意度指标 (10 分) 服务对象满意度指标 "
    form = _form(HEAD + header + ROWS + block + "总分 40")
    assert [i.name.value for i in form.indicators] == ["培训人次", "完成时间", "受益群众满意度"]
    assert [i.level2.value for i in form.indicators] == ["数量指标", "时效指标", "服务对象满意度指标"]


def test_four_figure_rows_grouped_by_the_printed_points() -> None:
    header = "一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 分值 得分 "
    rows = "≥10次 12次 20 20 培训 人次 及时 及时 10 10 完成时间 ≥90% 95% 10 10 受益群众满意度 "
    block = "满意度指标 (10 分) 数量指标 产出指标 (30 分) 时效指标 服务对象满意度指标 "
    form = _form(HEAD + header + rows + block + "总分 40 40")
    assert [i.weight.value for i in form.indicators] == [Decimal(20), Decimal(10), Decimal(10)]
    assert [i.level1.value for i in form.indicators] == ["产出指标", "产出指标", "满意度指标"]
    assert [i.level2.value for i in form.indicators] == ["数量指标", "时效指标", "服务对象满意度指标"]
    assert (form.totals.weight.value, form.totals.score.value) == (Decimal(40), Decimal(40))
    assert {g.name for g in form.groups} == {"产出指标", "满意度指标"}


def test_a_text_value_in_pieces_reads_no_row_rather_than_a_wrong_one() -> None:
    header = "一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分 "
    rows = "≥10次 12次 20 培训人次 达到验收标准 达到 验收标准 10 工程质量 ≥90% 95% 10 受益群众满意度 "
    form = _form(HEAD + header + rows + BLOCK + "总分 40")
    assert all("验收" not in (i.name.value or "") for i in form.indicators)
    assert not any(i.name.value == "培训人次" and i.score.value == Decimal(10) for i in form.indicators)


def test_a_wrapped_reason_before_the_name_stays_out_of_the_name() -> None:
    header = "一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分 未完成原因分析 "
    rows = ("≥10次 12次 20 培训 人次 ≥9万元 8万元 8.89 部分资金 尚未拨付到位，将加快支付进度。 节约运行成本 "
            "≥90% 95% 10 受益群众满意度 ")
    form = _form(HEAD + header + rows + BLOCK + "总分 38.89")
    assert [i.name.value for i in form.indicators] == ["培训人次", "节约运行成本", "受益群众满意度"]


def test_a_unit_line_the_form_took_in_does_not_stop_the_claim() -> None:
    header = "一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分 "
    text = HEAD + header + ROWS + BLOCK + "总分 40\n单位名称:某某中心 填报日期:2021 年 4 月 22 日\n"
    chunks = segment(ingest_text(text))
    assert is_scrambled_stream(chunks[0].rows)


HEADER3 = "一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分 "


def test_text_value_wrapped_into_pieces_or_glued_twice_is_one_value() -> None:
    rows = ("≥10次 12次 20 培训 人次 达到验收标准 达到 验收标准 10 工程质量 持续改善持续改善 5 生态环境 "
            "≥90% 95% 10 受益群众满意度 ")
    form = _form(HEAD + HEADER3 + rows + "产出指标 数量指标 质量指标 效益指标 生态效益指标 满意度指标 "
                 "服务对象满意度指标 总分 45")
    assert [i.name.value for i in form.indicators] == ["培训人次", "工程质量", "生态环境", "受益群众满意度"]
    quality, ecology = form.indicators[1], form.indicators[2]
    assert quality.target.value is not None and quality.target.value.text == "达到验收标准"
    assert quality.actual.value is not None and quality.actual.value.text == "达到验收标准"
    assert ecology.target.value is not None and ecology.target.value.text == "持续改善"
    assert ecology.actual.value is not None and ecology.actual.value.text == "持续改善"
    assert [i.score.value for i in form.indicators] == [Decimal(20), Decimal(10), Decimal(5), Decimal(10)]


def test_scores_printed_after_the_last_row_go_to_the_rows_short_of_one() -> None:
    rows = "≥10次 12次 培训人次 及时 及时 10 完成时间 ≥90% 95% 受益群众满意度 20 8 "
    form = _form(HEAD + HEADER3 + rows + BLOCK + "总分 38")
    assert [i.name.value for i in form.indicators] == ["培训人次", "完成时间", "受益群众满意度"]
    assert [i.score.value for i in form.indicators] == [Decimal(20), Decimal(10), Decimal(8)]


def test_late_scores_that_do_not_match_the_short_rows_leave_the_table_unread() -> None:
    rows = "≥10次 12次 培训人次 及时 及时 10 完成时间 ≥90% 95% 10 受益群众满意度 20 8 "
    form = _form(HEAD + HEADER3 + rows + BLOCK + "总分 38")
    assert not any(i.name.value == "完成时间" and i.score.value == Decimal(10) and i.level1.value
                   for i in form.indicators)
    assert all(i.score.value != Decimal(8) for i in form.indicators)


def test_a_serial_name_is_no_target() -> None:
    rows = "<=8 7 10 指标1：完成时限（个月） >=92 93 10 指标2：资金拨付及时率（%） "
    form = _form(HEAD + HEADER3 + rows + "产出指标 时效指标 满意度指标 服务对象满意度指标 总分 20")
    assert [i.name.value for i in form.indicators] == ["指标1：完成时限（个月）", "指标2：资金拨付及时率（%）"]
    assert [i.target.value.text for i in form.indicators if i.target.value] == ["<=8", ">=92"]


def test_two_verdicts_after_a_one_piece_name_are_certain() -> None:
    rows = "≥10次 12次 20 培训人次 明显提升 较好 10 服务保障能力 ≥90% 95% 10 受益群众满意度 "
    form = _form(HEAD + HEADER3 + rows + BLOCK + "总分 40")
    assert [i.name.value for i in form.indicators] == ["培训人次", "服务保障能力", "受益群众满意度"]
    verdict = form.indicators[1]
    assert verdict.target.value is not None and verdict.target.value.text == "明显提升"
    assert verdict.actual.value is not None and verdict.actual.value.text == "较好"
    assert not any(f.code == "LAYOUT_ROW_AMBIGUOUS" for f in form.findings)


def test_two_verdicts_after_a_wrapped_name_read_in_part_and_flagged() -> None:
    rows = "≥10次 12次 20 培训 人次 明显提升 较好 10 服务保障能力 ≥90% 95% 10 受益群众满意度 "
    form = _form(HEAD + HEADER3 + rows + BLOCK + "总分 40")
    names = [i.name.value for i in form.indicators]
    assert names == [None, "服务保障能力", "受益群众满意度"]
    first, hidden = form.indicators[0], form.indicators[1]
    assert first.target.value is not None and first.target.value.text == "≥10次" and first.score.value == Decimal(20)
    assert hidden.target.value is None and hidden.actual.value is None and hidden.score.value == Decimal(10)
    assert all(i.level1.value is None and i.level2.value is None for i in form.indicators)
    finding = next(f for f in form.findings if f.code == "LAYOUT_ROW_AMBIGUOUS")
    assert finding.fields == ["indicators[0]", "indicators[1]"]


def test_a_first_row_of_two_verdicts_is_certain() -> None:
    rows = "达到验收标准 达到预期 20 工程质量 ≥10次 12次 10 培训人次 ≥90% 95% 10 受益群众满意度 "
    form = _form(HEAD + HEADER3 + rows + BLOCK + "总分 40")
    first = form.indicators[0]
    assert first.name.value == "工程质量" and first.target.value is not None
    assert (first.target.value.text, first.actual.value and first.actual.value.text) == ("达到验收标准", "达到预期")


def test_a_lower_bound_after_its_figure_is_a_target() -> None:
    rows = "98%以上 99% 20 培训合格率 及时 及时 10 完成时间 ≥90% 95% 10 受益群众满意度 "
    form = _form(HEAD + HEADER3 + rows + BLOCK + "总分 40")
    target = form.indicators[0].target.value
    assert target is not None and (target.operator, target.value, target.text) == ("≥", Decimal(98), "98%以上")


def test_a_nature_and_unit_column_make_each_row_certain() -> None:
    header = "一级指标 二级指标 三级指标 指标性质 指标值 度量单位 实际完成值 权重 得分 原因 "
    rows = "≦ 2988 元/人 2988元/人 20 20 人均补助标准 定性 健全 较好 10 8 长效管护机制 ≧ 90 % 95% 10 10 受益群众满意度 "
    form = _form(HEAD + header + rows + BLOCK + "合计 40 38")
    assert [i.name.value for i in form.indicators] == ["人均补助标准", "长效管护机制", "受益群众满意度"]
    first, verdict = form.indicators[0], form.indicators[1]
    assert first.nature.value == "≦" and first.unit.value == "元/人" and first.weight.value == Decimal(20)
    assert first.target.value is not None and (first.target.value.operator, first.target.value.value) == ("≤", 2988)
    assert verdict.target.value is not None and verdict.target.value.operator == "qualitative"
    assert verdict.actual.value is not None and verdict.actual.value.text == "较好"
    assert verdict.unit.value is None and verdict.score.value == Decimal(8)


def test_a_name_glued_to_the_next_sign_is_cut_and_a_unit_in_the_name_leaves_the_unit_empty() -> None:
    header = "一级指标 二级指标 三级指标 年度指标值 实际完成值 得分 原因 指标值 度量单位 指标性质 "
    rows = ">= 1180 1180 20 发放补助人数（人） 定性 健全 健全 10 长效管护机制>= 90 95 10 受益群众满意度（%） "
    form = _form(HEAD + header + rows + BLOCK + "合计 40")
    assert [i.name.value for i in form.indicators] == ["发放补助人数（人）", "长效管护机制", "受益群众满意度（%）"]
    last = form.indicators[2]
    assert last.nature.value == ">=" and last.unit.value is None
    assert last.target.value is not None and (last.target.value.operator, last.target.value.value) == ("≥", 90)
