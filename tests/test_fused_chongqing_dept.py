"""Chongqing 部门整体绩效自评表 run together (tests/synth families_chongqing, dev 42's template):
指标名称 | 计量单位 | 指标性质 | 指标值 | 指标权重（分） | 全年完成值 | 指标得分（分） | 说明 — the weight sits
between the target and its actual, so a text target and its actual are read as one group."""

from __future__ import annotations

from extractor.layouts.fused.lexicon import INDICATOR_HEADER
from extractor.layouts.fused.rows import groups_of
from tests.fused_cells import cut_cells

_TEMPLATE = ["unit", "nature", "target", "weight", "actual", "score"]


def _cells(body: str) -> list[dict[str, str]]:
    return cut_cells(body, _TEMPLATE)


def test_weight_between_target_and_actual_is_one_group() -> None:
    assert groups_of(_TEMPLATE) == [_TEMPLATE]
    assert groups_of(["unit", "target", "actual", "weight", "score"]) == [["unit", "target", "actual"],
                                                                          ["weight", "score"]]


def test_text_targets_repeated_after_their_weight() -> None:
    rows = _cells("履职效能定性显著提升5显著提升5社会稳定程度定性良好10良好10制度建设定性健全完善15健全完善15")
    assert [(r["name"], r["target"], r["weight"], r["actual"], r["score"]) for r in rows] == [
        ("履职效能", "显著提升", "5", "显著提升", "5"), ("社会稳定程度", "良好", "10", "良好", "10"),
        ("制度建设", "健全完善", "15", "健全完善", "15")]
    assert {r["nature"] for r in rows} == {"定性"}


def test_the_remark_column_after_the_score_is_a_column() -> None:
    header = "指标名称计量单位指标性质指标值指标权重(分)全年完成值指标得分(分)说明"
    fields = [fld for pattern, fld in INDICATOR_HEADER if pattern.search(header)]
    assert "deviation" in fields
    assert not any(fld == "deviation" for pattern, fld in INDICATOR_HEADER if pattern.search("说明天然林"))


def test_an_ocr_slipped_label_still_opens_the_form() -> None:
    """``主管部n`` (门 OCR'd as n) is still the 主管部门 label: the title before it opens a form."""
    from extractor.layouts.fused.scan import scan

    text = ("某县林业局2023年度部门整体绩效自评表主管部n某县林业局部n联系人王丽自评总分(分)95"
            "绩效指标指标名称计量单位指标性质指标值指标权重(分)全年完成值指标得分(分)说明森林火灾受害率%0.9100.510")
    forms = scan(text)
    assert len(forms) == 1 and forms[0].title is not None
    assert text[slice(*forms[0].title)] == "某县林业局2023年度部门整体绩效自评表"
    assert [f for f, _ in forms[0].labels if f == "department"] == ["department"]


def test_the_ocr_print_interleaves_goal_columns_and_slips_labels() -> None:
    import random

    from tests.synth.messify.ocr_print import interleave_goals, slip_labels

    rows = [["主管部门", "某局", "部门联系人", "王丽"], ["年初目标甲乙丙丁戊", "", "完成情况子丑寅卯", ""]]
    slip_labels(rows[:1], random.Random(1), 1.0)
    assert rows[0] == ["主管部n", "某局", "部n联系人", "王丽"]
    interleave_goals(rows, 1, random.Random(2))
    text = rows[1][0]
    assert sorted(text) == sorted("年初目标甲乙丙丁戊完成情况子丑寅卯") and rows[1][1:] == ["", "", ""]


def test_fused_figures_read_near_their_target_with_full_marks() -> None:
    """``901010010`` after ``%``: 90 | 10 | 100 | 10 (an actual near its target, full marks), never
    9 | 0 | 101001 | 0; a 万亩 unit cell is one unit."""
    assert _cells("天然林管护任务完成率%901010010主要有害生物成灾率%0.4100.110") == [
        {"name": "天然林管护任务完成率", "unit": "%", "target": "90", "weight": "10", "actual": "100", "score": "10"},
        {"name": "主要有害生物成灾率", "unit": "%", "target": "0.4", "weight": "10", "actual": "0.1", "score": "10"},
    ]
    rows = _cells("营造林面积万亩121012.510")
    assert rows[0]["unit"] == "万亩" and (rows[0]["target"], rows[0]["weight"]) == ("12", "10")


def test_the_total_score_before_the_funds_header_ends_there() -> None:
    """``自评总分(分)97.93年初预算数全年(调整)预算数…``: the score is the figure before the funds header."""
    from extractor.layouts.fused.scan import scan

    text = ("某县林业局2023年度部门整体绩效自评表主管部门某县林业局联系电话自评总分(分)97.93"
            "年初预算数全年(调整)预算数全年执行数执行率执行率权重执行率得分年度总金额"
            "绩效指标指标名称计量单位指标性质指标值指标权重(分)全年完成值指标得分(分)说明森林火灾受害率%0.9100.510")
    form = scan(text)[0]
    assert form.totals is not None and text[slice(*form.totals)] == "97.93"
    assert form.funds_columns[:2] == ["initial_budget", "budget"]


def test_a_label_whose_mu_was_ocrd_as_fl_still_opens_the_form() -> None:
    """``项Fl名称`` (目 OCR'd as Fl) is the 项目名称 label: the title before it opens a form and the
    name is read as the project's; a lookbehind in a label pattern keeps its fixed width."""
    from extractor.layouts.fused.scan import scan

    text = ("2021年度项目支出绩效自评表项Fl名称道路养护经费主管部门某县交通局实施单位某县公路中心"
            "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额101010100%10")
    forms = scan(text)
    assert len(forms) == 1 and forms[0].title is not None
    names = [text[slice(*span)] for f, span in forms[0].labels if f == "project_name"]
    assert names == ["道路养护经费"]
