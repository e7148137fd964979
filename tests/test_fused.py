"""Run-together forms (extractor.layouts.fused): cells fused without separators, split by vocabulary and
arithmetic.  All inputs are synthetic."""

from __future__ import annotations

from decimal import Decimal

import extractor.layouts.fused.lexicon as lx
from extractor.layouts.fused.numbers import best_split
from extractor.layouts.fused.read import _funds_scorer
from extractor.layouts.fused.rows import cut_rows
from extractor.layouts.fused.scan import header_run, looks_fused
from extractor.layouts.fused.text import clean_text
from extractor.pipeline import extract_text

FUNDS5 = ["budget", "executed", "weight", "rate", "score"]
FUNDS6 = ["initial_budget", "budget", "executed", "weight", "rate", "score"]


def _values(split) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {f: str(n.value) for f, n in split.placement.items()}


def test_clean_text_drops_whitespace_and_page_markers_keeping_offsets() -> None:
    src = "1、项目 名称甲\n2、乙丙"
    ct = clean_text(src)
    assert ct.text == "项目名称甲乙丙"
    assert src[ct.offsets[4]] == "甲" and src[ct.offsets[5]] == "乙"
    assert ct.span(0, 4) == (2, 7)


def test_fused_funds_run_split_by_rate_and_score_arithmetic() -> None:
    split = best_split("505010100.00%10", FUNDS5, _funds_scorer(True, {}))
    assert split is not None and not split.ambiguous
    assert _values(split) == {"budget": "50", "executed": "50", "weight": "10", "rate": "100.00", "score": "10"}


def test_fused_funds_part_row_stays_within_total() -> None:
    total = {"budget": Decimal(50), "executed": Decimal(50)}
    split = best_split("5050", ["budget", "executed", "weight", "rate", "score"], _funds_scorer(False, total))
    assert split is not None and _values(split) == {"budget": "50", "executed": "50"}


def test_rate_weight_score_after_ocr_noise() -> None:
    columns = ["initial_budget", "budget", "executed", "rate", "weight", "score"]
    split = best_split("X80%108", columns, _funds_scorer(True, {}))
    assert split is not None and not split.ambiguous
    assert _values(split) == {"rate": "80", "weight": "10", "score": "8"}


def test_indicator_rows_with_weight_before_target() -> None:
    body = "道路硬化长度10≥5公里≥5公里10群众满意度10≥90%≥90%8"
    rows, skipped = cut_rows(body, ["weight", "target", "actual", "score"])
    assert skipped == 0
    assert [body[slice(*r.name)] for r in rows] == ["道路硬化长度", "群众满意度"]
    first = {f: body[s.start:s.end] for f, s in rows[0].slots.items()}
    assert first == {"weight": "10", "target": "≥5公里", "actual": "≥5公里", "score": "10"}
    assert body[rows[1].slots["score"].start:rows[1].slots["score"].end] == "8"


def test_qualitative_target_repeated_as_actual() -> None:
    body = "服务规范性良好良好2018"
    rows, _ = cut_rows(body, ["target", "actual", "weight", "score"])
    cells = {f: body[s.start:s.end] for f, s in rows[0].slots.items()}
    assert body[slice(*rows[0].name)] == "服务规范性"
    assert cells == {"target": "良好", "actual": "良好", "weight": "20", "score": "18"}


def test_flat_list_with_unit_coefficient_and_core_columns() -> None:
    template = ["unit", "nature", "target", "adjusted", "actual", "coef", "weight", "score", "core"]
    body = "设备完好率%定量指标95%98%100%33否会议次数次4次5次100%22是"
    rows, skipped = cut_rows(body, template)
    assert skipped == 0 and len(rows) == 2
    a = {f: body[s.start:s.end] for f, s in rows[0].slots.items()}
    assert a == {"unit": "%", "nature": "定量指标", "target": "95%", "actual": "98%", "coef": "100%",
                 "weight": "3", "score": "3", "core": "否"}
    b = {f: body[s.start:s.end] for f, s in rows[1].slots.items()}
    assert b["target"] == "4次" and b["actual"] == "5次" and b["core"] == "是"


def test_scrambled_header_cell_between_known_headers() -> None:
    header = "指标名称计量单位年成值全完值指标权重(分)"
    cols, end = header_run(header, 0, lx.INDICATOR_HEADER, True)
    assert cols == ["name", "unit", "actual", "weight"] and end == len(header)


def test_rate_column_read_before_rate_score_words() -> None:
    cols, _ = header_run("年初预算数全年预算数全年执行分值执行率得分", 0, lx.FUNDS_HEADER, False)
    assert cols == FUNDS6


def test_separated_tables_are_not_fused() -> None:
    assert not looks_fused("一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |\n产出指标 | 数量指标 | 甲 | 10 | 10 |")
    assert looks_fused("一级指标二级指标三级指标年度指标值实际完成值分值得分")


_FORM = (
    "说明文字。项目支出绩效自评表(2023年度)项目名称示例道路工程主管部门示例局实施单位示例中心"
    "项目资金(万元)年初预算数全年预算数全年执行分值执行率得分年度资金总额50505010100%10"
    "其中:当年财政拨款505050100%其他资金年度总体目标预期目标实际完成情况完成道路硬化。已完成"
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
    "产出指标(90分)数量指标道路硬化长度≥5公里≥5公里4545质量指标验收合格率100%100%4545"
    "总分100100"
)


def test_fused_form_end_to_end_with_spans() -> None:
    result = extract_text(_FORM)
    assert len(result.forms) == 1
    form = result.forms[0]
    assert form.header.title.value == "项目支出绩效自评表"
    assert form.header.year.value == 2023
    assert form.header.project_name.value == "示例道路工程"
    total = form.funds[0]  # type: ignore[attr-defined]
    # 50505010100% has one cut where 执行率 = 执行数 / 预算数 and nothing is spent from a zero budget
    assert total.role == "total" and total.budget.value == Decimal(50) and total.score.value == Decimal(10)
    assert not any(f.code == "LAYOUT_FIGURES_FUSED" for f in form.findings)
    names = [i.name.value for i in form.indicators]  # type: ignore[attr-defined]
    assert names == ["道路硬化长度", "验收合格率"]
    first = form.indicators[0]  # type: ignore[attr-defined]
    assert first.level1.value == "产出指标" and first.weight.value == Decimal(45)
    ref = first.target.source[0]
    assert _FORM[ref.char_start:ref.char_end] == "≥5公里"
    assert form.goals.expected.value == "完成道路硬化。" and form.goals.actual.value == "已完成"  # type: ignore[attr-defined]
    assert form.totals.weight.value == Decimal(100) and form.totals.score.value == Decimal(100)
    assert any(f.code == "LAYOUT_FUSED_TEXT" for f in form.findings)


def test_equal_amounts_with_a_blank_money_column_are_not_guessed() -> None:
    text = _FORM.replace("年度资金总额50505010100%10", "年度资金总额505010100%")
    form = extract_text(text).forms[0]
    total = form.funds[0]  # type: ignore[attr-defined]
    assert total.budget.value is None and total.executed.value is None
    # the weight and rate are printed against the unsure amounts, but every cut but 50 | 50 | 10 | 100% reads a
    # 0 % rate (50501 | 0 | 10 | 0%): the rate above 0 is the page's (wip-lines10), so they are certain
    assert total.weight.value == 10 and total.rate.value == 100
    assert any(f.code == "LAYOUT_FUNDS_AMBIGUOUS" for f in form.findings)


def test_spaced_out_labels_in_run_together_text_are_closed_up() -> None:
    from extractor.layouts.fused.chunks import _close_up, _unspaced_long_lines
    from extractor.layouts.fused.scan import looks_fused

    line = ("2023年度项目支出绩效自评表项 目 名 称法律援助经费项目资金（万元）年 初 预 算 数全 年 预 算 数"
            "全 年 执 行 数分 值执 行 率得 分年度资金总额632.87632.87552.78绩 效 指 标一 级 指 标二 级 指 标"
            "1、三 级 指 标年 度 指 标 值"
            "实 际 完 成 值分 值得 分产出指标成本指标指标1：项目成本控制≦338万元325万元1515" * 2)
    assert not looks_fused(line) and looks_fused(_unspaced_long_lines(line))
    words = "年初预算数 全年预算数 全年执行数 分值 执行率 得分 委托运营方结 算费用"
    assert _close_up(words) == words  # spaces between words are cell borders, kept


def test_fused_weight_score_pair_read_only_when_one_cut_is_allowed() -> None:
    from extractor.layouts.fused.pairs import certain_pair, pair_splits

    assert pair_splits("1515") == [("15", "15")]
    assert pair_splits("54.39") == [("5", "4.39"), ("54.3", "9")]  # two readings: left unread
    assert pair_splits("10098.12") == [("100", "98.12")]
    assert pair_splits("1213.5") == []  # 12 | 13.5 scores over its weight: no certain reading
    assert pair_splits("2010") == [("20", "10")]  # 201 | 0 weighs over 100, 2 | 010 has a leading zero
    ct = clean_text("甲1515乙")
    assert certain_pair(ct, (1, 3), (3, 5))
    ct = clean_text("≥951515乙")  # the weight touches the actual's digits: no certain boundary
    assert not certain_pair(ct, (3, 5), (5, 7))


def test_fused_figures_touching_digits_are_flagged_not_guessed() -> None:
    # 5 | 4 | 55, 5 | 45 | 5, 54 | 5 | 5: no cut scores by completion (得分 = 分值 × min(1, 完成比例))
    text = _FORM.replace("道路硬化长度≥5公里≥5公里4545", "道路硬化长度≥5公里5455")
    form = extract_text(text).forms[0]
    first = form.indicators[0]  # type: ignore[attr-defined]
    assert first.actual.value is None and first.weight.value is None and first.score.value is None
    assert any(f.code == "LAYOUT_FIGURES_FUSED" for f in form.findings)


def test_fused_figures_cut_by_the_forms_scoring_rule() -> None:
    # 5 | 45 | 45 is the one cut scoring by completion (54 | 5 | 45 scores over its weight, 54 | 54 | 5
    # is ten times the target); the other rows score that way too
    text = _FORM.replace("道路硬化长度≥5公里≥5公里4545", "道路硬化长度≥5公里54545")
    form = extract_text(text).forms[0]
    first = form.indicators[0]  # type: ignore[attr-defined]
    assert (first.actual.value.value, first.weight.value, first.score.value) == (5, 45, 45)


def test_inline_page_markers_counting_up_are_removed() -> None:
    ct = clean_text("甲1、乙≦443元/人2、419元/人")
    assert ct.text == "甲乙≦443元/人419元/人"


def test_fused_funds_read_only_where_the_arithmetic_allows_one_cut() -> None:
    from extractor.layouts.fused.pairs import funds_check, funds_rules, unique_cut

    cells = [("budget", "num"), ("executed", "num"), ("weight", "num"), ("rate", "pct")]
    # the 得分 printed after the rate's % sign settles it: 20201 | 0 | 10 | 0.00% would score 0
    assert unique_cut("202010100.00%", [2, 4, 6], cells, lambda v: funds_check({**v, "score": Decimal(10)}))
    assert not unique_cut("202010100.00%", [2, 4, 6], cells, funds_check)
    # without a rate the run 2020 | 10 allows 20 | 20 | 10, 20 | 201 | 0, 2 | 020 …: not certain
    assert not unique_cut("202010", [2, 4], cells[:3], funds_check)
    part = [("budget", "num"), ("executed", "num")]
    assert not unique_cut("2020", [2], part, funds_check)  # 202 | 0 as well
    assert unique_cut("2020", [2], part, funds_rules({"budget": Decimal(20), "executed": Decimal(20)}))


_TARGET = (
    "现将目标公开如下。单位:万元2019年度项目支出绩效目标表项目名称甲项目主管部门乙局实施单位丙中心"
    "资金情况(万元)年度资金总额:34.66其中:财政拨款34.66其他资金总体目标完成年度建设任务。"
    "绩效指标一级指标二级指标三级指标指标值指标权重产出指标数量指标培训人次≥1219人次10"
    "质量指标补助发放准确率≥95%15成本指标人均补助标准≦443元/人20"
    "满意度指标服务对象满意度指标群众满意度≥98%10"
)


def test_target_form_run_together_reads_labelled_funds_goal_and_rows() -> None:
    form = extract_text(_TARGET).forms[0]
    assert form.schema_name == "project_target"
    assert form.header.title.value == "2019年度项目支出绩效目标表" and form.header.year.value == 2019
    assert form.header.project_name.value == "甲项目" and form.header.unit_name.value == "丙中心"
    funds = {row.role: row.budget.value for row in form.funds}  # type: ignore[attr-defined]
    assert funds["total"] == Decimal("34.66") and funds["fiscal"] == Decimal("34.66")
    assert form.overall_goal.value == "完成年度建设任务。"  # type: ignore[attr-defined]
    rows = [(i.name.value, i.target.value.text if i.target.value else None, i.weight.value)
            for i in form.indicators]  # type: ignore[attr-defined]
    assert rows == [("培训人次", "≥1219人次", Decimal(10)), ("补助发放准确率", "≥95%", Decimal(15)),
                    ("人均补助标准", "≦443元/人", Decimal(20)), ("群众满意度", "≥98%", Decimal(10))]


def test_dept_self_evaluation_title_and_budget_rows_run_together() -> None:
    text = _FORM.replace("项目支出绩效自评表(2023年度)项目名称示例道路工程主管部门示例局实施单位示例中心项目资金",
                         "南江县2023年部门整体支出绩效自评表部门(单位)名称示例局年度预算安排")
    text = text.replace("其中:当年财政拨款", "其中:基本支出")
    form = extract_text(text).forms[0]
    assert form.schema_name == "dept_self_eval"
    assert form.header.title.value == "南江县2023年部门整体支出绩效自评表" and form.header.year.value == 2023
    assert form.header.unit_name.value == "示例局"
    assert [r.role for r in form.funds] == ["total", "basic", "other"]  # type: ignore[attr-defined]
    assert [i.name.value for i in form.indicators] == ["道路硬化长度", "验收合格率"]  # type: ignore[attr-defined]


def test_cutting_a_long_fused_run_takes_bounded_time() -> None:
    import time

    from extractor.layouts.fused.pairs import funds_check, unique_cut

    six = [(f"f{k}", "num") for k in range(6)]
    started = time.perf_counter()
    # every piece is a valid figure and only whole rows fail: every cut used to be tried (35 ** 5);
    # now the search gives up after MAX_CUTS pieces and leaves the run unread
    assert not unique_cut("1" * 36, [6, 12, 18, 24, 30], six, lambda v: len(v) < 6)
    money = [("initial_budget", "num"), ("budget", "num"), ("executed", "num"), ("weight", "num"), ("rate", "pct")]
    # a real funds row (run_together shape): still read, its one cut found among the valid ones
    assert unique_cut("632.87632.87552.781087.34%", [6, 12, 18, 20], money, funds_check)
    assert time.perf_counter() - started < 2.0


def test_self_evaluation_funds_without_column_headers_are_flagged_not_dropped_silently() -> None:
    # label | amount funds (a target form's layout) in a self-evaluation: which of its columns
    # each amount fills is not known, so none is read, and a finding says so
    text = (_TARGET.replace("2019年度项目支出绩效目标表", "项目支出绩效自评表(2019年度)")
            .replace("总体目标完成年度建设任务。", "年度总体目标预期目标实际完成情况完成年度建设任务。已完成")
            .replace("指标值指标权重", "年度指标值实际完成值分值得分").replace("≥1219人次10", "≥1219人次1219人次1010"))
    form = extract_text(text).forms[0]
    assert form.schema_name == "project_self_eval" and form.funds == []  # type: ignore[attr-defined]
    flagged = [f for f in form.findings if f.code == "LAYOUT_FUNDS_AMBIGUOUS"]
    assert len(flagged) == 1 and text[flagged[0].cells[0].char_start:].startswith("年度资金总额")


def test_target_form_in_other_provinces_words() -> None:
    """项目主管部门 / 项目实施单位 / 年度绩效目标 / 指标类型 (the ``labels`` words, run together)."""
    text = (_TARGET.replace("主管部门乙局实施单位", "主管部门乙局项目实施单位").replace("总体目标", "年度绩效目标")
            .replace("一级指标", "指标类型"))
    form = extract_text(text).forms[0]
    assert form.header.department.value == "乙局" and form.header.unit_name.value == "丙中心"
    assert form.overall_goal.value == "完成年度建设任务。"  # type: ignore[attr-defined]
    assert [i.name.value for i in form.indicators][:2] == ["培训人次", "补助发放准确率"]  # type: ignore[attr-defined]


def test_project_name_keeps_xiangmu_before_an_ambiguous_label() -> None:
    """``甲项目主管部门``: 甲项目 | 主管部门 or 甲 | 项目主管部门; the name keeps 项目 (as before the
    word was a label), and ``甲项目项目主管部门`` gives the label its 项目."""
    assert extract_text(_TARGET).forms[0].header.project_name.value == "甲项目"
    doubled = extract_text(_TARGET.replace("甲项目主管部门", "甲项目项目主管部门")).forms[0]
    assert doubled.header.project_name.value == "甲项目" and doubled.header.department.value == "乙局"


def test_title_with_the_unit_before_its_year_or_the_project_after_it() -> None:
    """``重庆市梁平区林业局2023年度…`` (sample 42), ``2020年度长江禁捕项目自评表`` (sample 20): the lead
    is the title's after a sentence end or a year line in brackets, not after a cell."""
    unit = extract_text(_TARGET.replace("。单位:万元2019年度", "。丙中心2019年度")).forms[0]
    assert unit.header.title.value == "丙中心2019年度项目支出绩效目标表" and unit.header.year.value == 2019
    project = extract_text(_TARGET.replace("2019年度项目支出", "2019年度甲工程项目支出")).forms[0]
    assert project.header.title.value == "2019年度甲工程项目支出绩效目标表"
    bracket = extract_text(_TARGET.replace("单位:万元2019年度", "单位:万元(2019年度)甲工程")).forms[0]
    assert bracket.header.title.value == "甲工程项目支出绩效目标表"  # the year line is not the title's
    figure = extract_text(_TARGET.replace("单位:万元2019年度", "单位:万元合计12甲工程")).forms[0]
    assert figure.header.title.value == "项目支出绩效目标表"  # after a cell: 甲工程 may be its end


def test_a_second_title_whose_lead_ran_into_the_last_row() -> None:
    """The second form's lead (``单位:万元2020年度``) follows the first form's last row with no
    break: the second form keeps its title and year, the first form's row ends before it."""
    second = _TARGET.replace("2019年度", "2020年度").replace("甲项目", "丁项目").split("单位:万元", 1)[1]
    forms = extract_text(_TARGET + "单位:万元" + second).forms
    assert [f.header.title.value for f in forms] == ["2019年度项目支出绩效目标表", "2020年度项目支出绩效目标表"]
    assert forms[1].header.year.value == 2020 and forms[1].header.project_name.value == "丁项目"
    last = forms[0].indicators[-1]  # type: ignore[attr-defined]
    assert last.name.value == "群众满意度" and last.weight.value == Decimal(10)


def test_hubei_funds_block_words() -> None:
    """预算执行情况(万元)(20分) 预算数(A) 执行数(B) 执行率(B/A) 得分(20分*执行率) over 年度财政资金总额 /
    其中:中央和省级资金 / 市县级资金 (sample 20's template): read as the funds block, not the unit's name."""
    text = _FORM.replace(
        "项目资金(万元)年初预算数全年预算数全年执行分值执行率得分年度资金总额50505010100%10其中:当年财政拨款505050100%",
        "预算执行情况(万元)(20分)年初预算数预算数(A)执行数(B)分值执行率(B/A)得分(10分*执行率)"
        "年度财政资金总额50505010100%10其中:中央和省级资金505050100%市县级资金",
    )
    form = extract_text(text).forms[0]
    assert form.header.unit_name.value == "示例中心"
    roles = [(r.role, r.budget.value) for r in form.funds]  # type: ignore[attr-defined]
    assert roles[:2] == [("total", Decimal(50)), ("central_provincial", Decimal(50))]
    assert roles[2][0] == "county"


def test_unit_name_ends_at_a_target_forms_income_table() -> None:
    """``部门名称甲局收入构成金额占比支出构成…`` (Hubei department target): the name ends at 收入构成."""
    text = ("说明。2021年部门整体支出绩效目标申报表部门名称甲局收入构成金额占比支出构成金额占比收入合计266.76100%"
            "支出合计266.76100%财政拨款266.76100%基本支出187.6770.35%整体绩效目标完成年度任务。"
            "绩效指标一级指标二级指标三级指标指标值指标权重产出指标数量指标培训人次≥1219人次10")
    form = extract_text(text).forms[0]
    assert form.header.unit_name.value == "甲局"


def _cells(body: str, template: list[str]) -> list[tuple[str, dict[str, str]]]:
    cut = cut_rows(body, template)
    assert cut is not None
    return [(body[slice(*r.name)], {f: body[s.start:s.end] for f, s in r.slots.items()}) for r in cut[0]]


def test_score_printed_after_the_measures_is_held_to_the_weight() -> None:
    """衔接资金 rows print 分值 before the measures and 得分 after them: ``10≥161610`` is 10 | ≥16… | 10,
    never 1 | 0 | … | 61610 (得分 over its 分值, over the block's points)."""
    rows = _cells("开展宣传活动次数(次)10≥161610", ["weight", "target", "actual", "score"])
    assert rows[0][0] == "开展宣传活动次数(次)"
    assert rows[0][1]["weight"] == "10" and rows[0][1]["score"] == "10"


def test_a_bracketed_unit_in_a_name_does_not_make_it_swallow_the_next_row() -> None:
    """``资金使用合规率(%)``: the ``%`` of a unit in brackets is the name's, so the name does not
    pay the cost of a swallowed measure and the row ends before ``工程质量``."""
    body = "资金使用合规率(%)5=1001005工程质量25达到验收标准达到验收标准25"
    rows = _cells(body, ["weight", "target", "actual", "score"])
    assert [name for name, _ in rows] == ["资金使用合规率(%)", "工程质量"]


def test_a_numbered_name_does_not_swallow_the_next_qualitative_row() -> None:
    body = "指标1:生态环境持续改善持续改善1515指标2:森林覆盖率≧66%66%55"
    rows = _cells(body, ["target", "actual", "weight", "score"])
    assert [name for name, _ in rows] == ["指标1:生态环境", "指标2:森林覆盖率"]
    assert rows[0][1] == {"target": "持续改善", "actual": "持续改善", "weight": "15", "score": "15"}


def test_funds_caption_repeated_on_every_row_and_level_repeated_on_every_indicator() -> None:
    """A merged 资金情况(万元) cell printed before each funds row is no row of its own (no second
    total), and a merged 产出指标(90分) printed on each of its rows is one group."""
    text = (_FORM.replace("年度资金总额", "项目资金(万元)年度资金总额").replace("其中:当年", "项目资金(万元)其中:当年")
            .replace("质量指标", "产出指标(90分)质量指标"))
    form = extract_text(text).forms[0]
    roles = [r.role for r in form.funds]  # type: ignore[attr-defined]
    assert roles.count("total") == 1
    assert [(g.level, g.name) for g in form.groups] == [(1, "产出指标")]  # type: ignore[attr-defined]


def test_a_figure_against_a_page_marker_is_flagged_and_whitespace_is_a_border() -> None:
    """``4545`` + ``2、``: the page count says which digit is the marker's, but a reader of the
    page cannot be sure, so the pair is flagged (the messifier's gold drops it too); ``45\\r\\n45``
    is two cells parted by a line break, read without doubt."""
    marked = _FORM.replace("完成道路硬化。", "1、完成道路硬化。").replace("4545质量指标", "45452、质量指标")
    form = extract_text(marked).forms[0]
    first = form.indicators[0]  # type: ignore[attr-defined]
    assert first.weight.value is None and first.score.value is None
    assert any(f.code == "LAYOUT_FIGURES_FUSED" for f in form.findings)
    spaced = _FORM.replace("4545质量指标", "45\r\n45质量指标")
    first = extract_text(spaced).forms[0].indicators[0]  # type: ignore[attr-defined]
    assert first.weight.value == Decimal(45) and first.score.value == Decimal(45)


def test_a_deviation_sentence_before_the_next_name_is_the_last_rows_reason() -> None:
    """``…4540受天气影响，已督促加快实施。验收合格率…``: the sentence closes the last row's 偏差原因
    column (the header's last), so it is that row's reason and not the head of the next name."""
    text = _FORM.replace("道路硬化长度≥5公里≥5公里4545质量指标验收合格率",
                         "道路硬化长度≥5公里≥5公里4540受天气影响，已督促加快实施。验收合格率")
    form = extract_text(text).forms[0]
    names = [i.name.value for i in form.indicators]  # type: ignore[attr-defined]
    assert names == ["道路硬化长度", "验收合格率"]
    assert form.indicators[0].deviation_reason.value == "受天气影响,已督促加快实施。"  # type: ignore[attr-defined]


def test_a_nature_column_printing_the_operator_and_a_target_forms_lone_qualitative_target() -> None:
    """``指标性质`` holds the target's operator (``>=``) or 定性 in Chongqing/Sichuan templates: the
    operator is the nature cell and the target's; a target form prints a qualitative target once."""
    template = ["nature", "target", "weight"]
    rows = _cells("建设面积>=4099亩25工程质量定性达到验收标准15", template)
    assert rows == [("建设面积", {"nature": ">=", "target": "4099亩", "weight": "25"}),
                    ("工程质量", {"nature": "定性", "target": "达到验收标准", "weight": "15"})]
    text = ("说明。2023年特定目标类项目绩效目标表项目名称示例工程主管部门示例局总体目标完成建设。"
            "绩效指标一级指标二级指标三级指标指标性质指标值权重产出指标数量指标建设面积>=4099亩25"
            "质量指标工程质量定性达到验收标准15")
    first = extract_text(text).forms[0].indicators[0]  # type: ignore[attr-defined]
    assert first.nature.value == ">=" and first.target.value.operator == "≥"
    assert first.target.value.text == "4099亩" and first.target.value.value == Decimal(4099)


def test_a_transfer_payments_title_and_header_run_together() -> None:
    """``…自评表转移支付(项目)名称甲中央主管部门乙…``: the title is found by its transfer-payment
    label, the project is read, and neither named department is the form's 主管部门."""
    text = _FORM.replace("项目名称示例道路工程主管部门示例局", "转移支付(项目)名称示例道路工程中央主管部门示例局")
    form = extract_text(text).forms[0]
    assert form.header.title.value == "项目支出绩效自评表"
    assert form.header.project_name.value == "示例道路工程" and form.header.department.value is None
    assert form.header.unit_name.value == "示例中心"


def test_indicator_headers_printed_over_two_rows_run_together() -> None:
    """年度 / 指标值 and 实际 / 完成值 halves completed by the second row in order; a heading over
    指标性质 / 指标值 / 度量单位 replaced by its columns, with the merged cells printed again or not."""
    from extractor.layouts.fused.scan import read_one

    halves = "绩效指标指标类型二级指标三级指标年度实际分值得分偏差原因分析及改进措施指标值完成值产出指标"
    assert read_one(halves).ind_columns == ["level1", "level2", "name", "target", "actual", "weight", "score",
                                            "deviation"]
    whole = ["level1", "level2", "name", "nature", "target", "unit", "actual", "weight", "score", "deviation"]
    head = "绩效指标一级指标二级指标三级指标年度指标值实际完成值权重得分原因"
    assert read_one(head + "指标性质指标值度量单位产出指标").ind_columns == whole
    assert read_one(head + "绩效指标一级指标二级指标三级指标指标性质指标值度量单位实际完成值权重得分原因产出指标"
                    ).ind_columns == whole
    one_row = "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施产出指标"
    assert read_one(one_row).ind_columns == ["level1", "level2", "name", "target", "actual", "weight", "score",
                                             "deviation"]


def test_an_operator_column_headed_jisuan_or_yunsuan_fuhao() -> None:
    """计算符号 / 运算符号 head the operator column of Chongqing templates: the header run reads on."""
    from extractor.layouts.fused.scan import read_one

    for word in ("计算符号", "运算符号"):
        cols = read_one(f"绩效指标一级指标二级指标三级指标{word}指标值权重产出指标").ind_columns
        assert cols == ["level1", "level2", "name", "nature", "target", "weight"]


def test_dates_printed_as_target_and_actual() -> None:
    """``项目完成时间2024年12月底前11月16日1010``: the dates are the row's target and actual (read as
    texts), not a name swallowing the year and two figures cut out of the dates."""
    rows = _cells("指标1:项目完成时间2024年12月底前11月16日1010", ["target", "actual", "weight", "score"])
    assert rows == [("指标1:项目完成时间", {"target": "2024年12月底前", "actual": "11月16日", "weight": "10",
                                            "score": "10"})]


def test_a_lone_qualitative_target_starts_at_its_predicate_and_a_percent_unit_cell() -> None:
    """A target form prints 健全 once: it starts at the predicate, not inside the name (管护机制健全);
    a 度量单位 column takes the % of ``100%`` (the target's text is 100, as printed in its cell)."""
    assert _cells("长效管护机制健全35", ["target", "weight"]) == [("长效管护机制", {"target": "健全", "weight": "35"})]
    assert _cells("资金使用合规率100%5", ["target", "unit", "weight"]) == [
        ("资金使用合规率", {"target": "100", "unit": "%", "weight": "5"})]


def test_a_goal_caption_printed_again_before_the_goal_texts() -> None:
    """``年度总体目标年初设定目标完成情况综述年度总体目标按期完成…``: the merged caption repeated on
    the texts' row is no part of the expected goal."""
    caption = "年度总体目标预期目标实际完成情况"
    text = _FORM.replace(caption + "完成道路硬化。", caption + "年度总体目标完成道路硬化。")
    assert extract_text(text).forms[0].goals.expected.value == "完成道路硬化。"  # type: ignore[attr-defined]


def test_funds_amounts_with_thousands_separators_run_together() -> None:
    """``3,036,900.003,036,900.002,267,100.0074.65%107.47``: a separator fixes where an amount may
    end, so the run is cut in the one way the funds arithmetic allows."""
    columns = ["initial_budget", "budget", "executed", "rate", "weight", "score"]
    split = best_split("3,036,900.003,036,900.002,267,100.0074.65%107.47", columns, _funds_scorer(True, {}))
    assert split is not None and not split.ambiguous
    assert _values(split) == {"initial_budget": "3036900.00", "budget": "3036900.00", "executed": "2267100.00",
                              "rate": "74.65", "weight": "10", "score": "7.47"}


def test_the_year_and_unit_line_printed_above_a_title() -> None:
    """``(2023年度)单位名称:甲中心填报日期:2024年1月6日项目支出绩效自评表项目名称…``: the year and the
    unit above the title are the form's (the title itself names neither)."""
    above = "(2023年度)单位名称:甲中心填报日期:2024年1月6日"
    text = _FORM.replace("项目支出绩效自评表(2023年度)", above + "项目支出绩效自评表").replace("实施单位示例中心", "")
    form = extract_text(text).forms[0]
    assert form.header.title.value == "项目支出绩效自评表" and form.header.year.value == 2023
    assert form.header.unit_name.value == "甲中心"


def test_a_title_led_by_its_unit_after_the_last_forms_total_and_a_project_unit_label() -> None:
    """``总分100100乙中心2023年项目支出绩效自评表``: the Han words between the last form's 总分 and the
    year lead the second title; ``项目单位`` ends the 主管部门 before it (no ``局项目单位中心`` value)."""
    from extractor.layouts.fused.scan import find_titles

    t = "总分100100乙中心2023年项目支出绩效自评表项目名称丙"
    assert [t[a:b] for a, b in find_titles(t)] == ["乙中心2023年项目支出绩效自评表"]
    dated = "填报日期:2024年1月6日项目支出绩效自评表项目名称丙"
    assert [dated[a:b] for a, b in find_titles(dated)] == ["项目支出绩效自评表"]  # a date's 日 leads nothing
    form = extract_text(_FORM.replace("实施单位示例中心", "项目单位示例中心")).forms[0]
    assert form.header.department.value == "示例局" and form.header.unit_name.value == "示例中心"


_EVALUATION_TABLE = (
    "2019年度某县助学金项目绩效评价指标表\n"
    "评价指标评价内容指标名称指标说明目标值分值备注\n"
    "项目年度绩效目标产出指标数量指标资金支出率达到目标值95%10\n"
    "质量指标资助对象满意度达到目标值95%以上10\n"
    "时效指标及时发放率100%20\n"
    "总分\n\n\n40\n\n\n2019年度某县助学金项目绩效评价指标表.xlsx\n"
)


def test_evaluation_table_with_explain_column_after_a_bare_title() -> None:
    """A 绩效评价指标表 (sample 15's template): the title opens straight onto the indicator header,
    a 指标说明 phrase stands between name and target, ``95%以上`` is a lower bound."""
    assert looks_fused(_EVALUATION_TABLE)
    form = extract_text(_EVALUATION_TABLE).forms[0]
    assert form.header.title.value == "2019年度某县助学金项目绩效评价指标表"
    rows = [(i.name.value, i.target.value.text if i.target.value else None,
             i.target.value.operator if i.target.value else None, i.weight.value)
            for i in form.indicators]  # type: ignore[attr-defined]
    assert rows == [("资金支出率", "95%", None, Decimal(10)), ("资助对象满意度", "95%以上", "≥", Decimal(10)),
                    ("及时发放率", "100%", None, Decimal(20))]
    # a target form's 总分 is its weights' alone; the year opening the next line is not its figure
    assert form.totals.weight.value == Decimal(40) and form.totals.score.value is None


def test_explain_phrase_is_never_part_of_the_name() -> None:
    body = "享受资助人数达到预计值2100人10"
    rows, skipped = cut_rows(body, ["explain", "target", "weight"])
    assert skipped == 0 and body[slice(*rows[0].name)] == "享受资助人数"
    assert {f: body[s.start:s.end] for f, s in rows[0].slots.items()} == {
        "explain": "达到预计值", "target": "2100人", "weight": "10"}


def test_indicator_header_after_a_scrambled_level1_cell() -> None:
    """An OCR'd 一级 header cell (``级一标指``) still opens the indicator header; garbled beyond
    recognition, the header opens at 二级指标三级指标 (sample 20)."""
    cols, _ = header_run("级一标指二级指标三级指标指标值分值", 0, lx.INDICATOR_HEADER, True)
    assert cols == ["level1", "level2", "name", "target", "weight"]
    text = ("2023年度项目支出绩效自评表项目名称甲项目主管部门乙局预算执行情况(万元)(20分)预算数(A)执行数(B)"
            "执行率(B/A)得分(20分*执行率)年度财政资金总额1.561.56120"
            "度效标O0B年二级指标三级指标年度指标值实际完成值分值得分数量指标培训人次≥100人次120人次2020总分40")
    form = extract_text(text).forms[0]
    rows = [(i.name.value, i.weight.value, i.score.value) for i in form.indicators]  # type: ignore[attr-defined]
    assert rows == [("培训人次", Decimal(20), Decimal(20))]
