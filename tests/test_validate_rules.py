"""Each validator rule on small hand-built forms, with figures taken from the samples' notes."""

from __future__ import annotations

import copy
import re
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import InputError, ValidationConfigError
from extractor.result import DocumentResult
from extractor.validate import CATALOGUE, revalidate_output, validate_form, validate_forms
from extractor.validate.plain import record_from_plain
from extractor.validate.score_rules import BandRule, StepRule, ZeroRule, parse_rule
from schemas.common import Finding, SourceRef

_MEASURE = re.compile(r"^(>=|<=|[≥≧≤≦=><])?\s*(-?\d+(?:\.\d+)?)\s*(\S{0,6})$")
_OPS = {">=": "≥", "≧": "≥", "<=": "≤", "≦": "≤"}


def m(text: str) -> dict[str, Any]:
    match = _MEASURE.match(text)
    if not match:
        return {"operator": "qualitative", "text": text}
    op, value, unit = match.groups()
    out: dict[str, Any] = {"value": value, "text": text}
    if op:
        out["operator"] = _OPS.get(op, op)
    if unit:
        out["unit"] = unit
    return out


def project(funds: list[dict[str, Any]] | None = None, indicators: list[dict[str, Any]] | None = None,
            **extra: Any) -> dict[str, Any]:
    return {"schema_name": "project_self_eval", "funds": funds or [],
            "indicators": indicators or [], **extra}


def row(target: str | None, actual: str | None, weight: str | None, score: str | None,
        l2: str = "数量指标", reason: str | None = None, name: str = "指标") -> dict[str, Any]:
    out: dict[str, Any] = {"level1": "产出指标", "level2": l2, "name": name}
    for key, value in (("target", target), ("actual", actual)):
        if value is not None:
            out[key] = m(value)
    for key, value in (("weight", weight), ("score", score), ("deviation_reason", reason)):
        if value is not None:
            out[key] = value
    return out


def total_row(**values: str) -> dict[str, Any]:
    return {"role": "total", "label": "年度资金总额", **values}


def codes(plain: dict[str, Any], profile: str | None = None) -> set[tuple[str, str]]:
    return {(f.code, f.fields[0]) for f in validate_form(record_from_plain(plain), profile)}


def row_codes(plain: dict[str, Any]) -> set[tuple[str, str]]:
    """Findings about indicator rows only (one-row test forms do not reach 100 points)."""
    return {c for c in codes(plain) if c[1].startswith("indicators[")}


def only(plain: dict[str, Any]) -> Finding:
    (finding,) = validate_form(record_from_plain(plain))
    return finding


# --- funds -------------------------------------------------------------------------------------

def test_rate_rounded_half_up_at_printed_precision_is_silent() -> None:
    """692.98 / 808.1 = 85.75%, printed 86% (sample 36)."""
    assert codes(project([total_row(budget="808.1", executed="692.98", rate="86")])) == set()


def test_rate_slip_of_one_cent_is_info_naming_the_slip() -> None:
    """215457.6 / 250000 = 86.18%, printed 86.19% (sample 39)."""
    finding = only(project([total_row(budget="250000", executed="215457.6", rate="86.19")]))
    assert (finding.code, finding.severity, finding.fields[0]) == (
        "EXEC_RATE_ROUNDING", "info", "funds[total].rate")
    assert "slip" in finding.message_en and finding.derived == "86.18%"


def test_truncated_rate_is_info_naming_truncation() -> None:
    """31.69 / 32.4 = 97.81%, printed 97.80% (sample 40) — the raw text keeps the zero."""
    plain = project([total_row(budget="32.4", executed="31.69", rate="97.8")])
    record = record_from_plain(plain)
    record.funds[0].rate.raw = "97.80%"
    (finding,) = validate_form(record)
    assert finding.code == "EXEC_RATE_ROUNDING" and "truncated" in finding.message_en


def test_rate_against_initial_budget_names_the_wrong_base() -> None:
    plain = project([total_row(initial_budget="636.34", budget="890.85", executed="890.85",
                               rate="140")])
    finding = only(plain)
    assert (finding.code, finding.fields[0]) == ("EXEC_RATE_WRONG_BASE", "funds[total].rate")
    assert "funds[total].initial_budget" in finding.fields


def test_rate_that_matches_no_base_is_a_mismatch() -> None:
    plain = project([total_row(initial_budget="40", budget="35", executed="26.61", rate="90")])
    assert codes(plain) == {("EXEC_RATE_MISMATCH", "funds[total].rate")}


def test_total_row_of_zeros_against_fiscal_row() -> None:
    """Samples 04/12: 年度资金总额 0 while 本年财政拨款 prints 90 / 89.974 / 89.974."""
    plain = project([
        total_row(initial_budget="0", budget="0", executed="0"),
        {"role": "fiscal", "label": "本年财政拨款", "initial_budget": "90", "budget": "89.974",
         "executed": "89.974"},
        {"role": "other", "label": "其他资金"},
    ])
    assert codes(plain) == {("FUNDS_TOTAL_MISMATCH", f"funds[total].{c}")
                            for c in ("initial_budget", "budget", "executed")}


def test_funds_rows_within_rounding_add_up() -> None:
    plain = project([
        total_row(budget="100.01"),
        {"role": "fiscal", "budget": "50.004"},
        {"role": "other", "budget": "50.01"},
    ])
    assert codes(plain) == set()


def test_nested_rows_sum_into_their_own_parent() -> None:
    """基本支出 and 项目支出 hold their own 财政拨款 rows; each sums into its holder."""
    plain = {"schema_name": "dept_target", "funds": [
        total_row(budget="675.08"),
        {"role": "basic", "budget": "509.54"}, {"role": "fiscal", "budget": "509.54"},
        {"role": "project", "budget": "165.54"}, {"role": "fiscal", "budget": "160"},
    ]}
    assert codes(plain) == {("FUNDS_TOTAL_MISMATCH", "funds[project].budget")}


def test_a_hierarchy_sums_its_parts_into_their_subtotal() -> None:
    """（一）财政拨款小计 holds 1、一般公共预算 …; the subtotals add up to the total."""
    def tree(general: str) -> dict[str, Any]:
        return {"schema_name": "project_target", "funds": [
            {"role": "total", "label": "年度资金总额", "budget": "10"},
            {"role": "fiscal", "label": "（一）财政拨款小计", "budget": "7"},
            {"role": "line_item", "label": "1、一般公共预算", "budget": general},
            {"role": "line_item", "label": "2、政府性基金", "budget": "2"},
            {"role": "unit_funds", "label": "（二）自有资金小计", "budget": "3"},
            {"role": "line_item", "label": "1、事业收入", "budget": "3"},
            {"role": "other", "label": "（三）其他收入", "budget": "0"}]}
    assert codes(tree("5")) == set()
    assert codes(tree("4")) == {("FUNDS_TOTAL_MISMATCH", "funds[fiscal].budget")}


def test_overspending_is_a_warning_and_blank_score_is_flagged() -> None:
    """Sample 33: 338.31 / 329.77 = 102.59% with the 得分 cell blank."""
    plain = project([total_row(initial_budget="329.77", budget="329.77", executed="338.31",
                               weight="10", rate="102.59")], [row("≤4", "4", "90", "90")])
    found = {(f.code, f.fields[0], f.severity) for f in validate_form(record_from_plain(plain))}
    assert found == {("EXECUTED_OVER_BUDGET", "funds[total].executed", "warning"),
                     ("BUDGET_SCORE_MISSING", "funds[total].score", "warning")}


def test_unscored_template_is_not_missing_a_score() -> None:
    """Sample 01 prints weights and the rate but leaves every 得分 blank: not yet scored."""
    plain = project([total_row(budget="3.36", executed="3.36", weight="10", rate="100")],
                    [row("=100%", None, "90", None)])
    assert codes(plain) == set()


def test_budget_score_copied_on_fiscal_row_is_reported_once() -> None:
    """Sample 40 repeats 分值 10 / 得分 9 on the 财政拨款 row."""
    rows = [total_row(budget="32.4", executed="31.69", weight="10", rate="97.81", score="9"),
            {"role": "fiscal", "budget": "32.4", "executed": "31.69", "weight": "10",
             "rate": "97.81", "score": "9"}]
    assert codes(project(rows)) >= {("BUDGET_SCORE_MISMATCH", "funds[total].score")}
    assert ("BUDGET_SCORE_MISMATCH", "funds[fiscal].score") not in codes(project(rows))


def test_side_by_side_blocks_sum_into_their_own_total() -> None:
    """Sample 22 prints 资金总额 and 当年资金总额 side by side, each with its 财政拨款 row."""
    plain = {"schema_name": "project_target", "funds": [
        total_row(budget="10000"), {"role": "total", "label": "当年资金总额", "budget": "10000"},
        {"role": "fiscal", "budget": "10000"}, {"role": "fiscal", "budget": "10000"},
        {"role": "other"}, {"role": "other"}]}
    assert codes(plain) == set()
    plain["funds"][3]["budget"] = "9000"
    assert codes(plain) == {("FUNDS_TOTAL_MISMATCH", "funds[total#2].budget")}


@pytest.mark.parametrize(("weight", "budget", "executed", "rate", "score", "ok"), [
    ("10", "35", "26.61", "76", "7.6", True),  # 76% → 7.6
    ("10", "100", "79.27", "79.27", "7.93", True),  # 79.27% → 7.93 (sample 42)
    ("20", "278.4449", "30", "10.77", "2.16", True),  # 2.15 printed 2.16: within ±0.01 (29)
    ("10", "100", "102.59", "102.59", "10", True),  # above 100% the score is the weight
    ("10", "32.4", "31.69", "97.80", "9", False),  # 9 for 9.78 (sample 40)
    ("10", "100", "102.59", "102.59", "10.26", False),  # not capped
])
def test_budget_score(weight: str, budget: str, executed: str, rate: str, score: str,
                      ok: bool) -> None:
    plain = project([total_row(budget=budget, executed=executed, weight=weight, rate=rate,
                               score=score)])
    found = {c for c in codes(plain) if c[0].startswith("BUDGET_SCORE")}
    assert found == (set() if ok else {("BUDGET_SCORE_MISMATCH", "funds[total].score")})


# --- indicators --------------------------------------------------------------------------------

def test_score_over_weight() -> None:
    assert row_codes(project(indicators=[row("≥5", "6", "10", "12")])) == {
        ("INDICATOR_SCORE_OVER_WEIGHT", "indicators[0].score")}


@pytest.mark.parametrize(("target", "actual"), [(">=4754人", "4604人"), ("<=5300元/户", "5830元/户")])
def test_full_marks_on_missed_target(target: str, actual: str) -> None:
    """Sample 26 gives full marks to a missed ≥ and a breached ≤ target."""
    plain = project(indicators=[row(target, actual, "10", "10", reason="特困人员实行动态管理")])
    assert row_codes(plain) == {("INDICATOR_FULL_SCORE_MISSED_TARGET", "indicators[0].score")}


@pytest.mark.parametrize(("target", "actual", "score", "expected"), [
    ("≥100%", "98%", "9.8", set()),  # 正向 10 × 98/100
    ("≤5300元", "5830元", "9.09", set()),  # 反向 10 × 5300/5830 = 9.09
    ("=100", "98%", "9", {("INDICATOR_SCORE_NOT_PROPORTIONAL", "indicators[0].score")}),  # sample 13
    ("≥100%", "98%", "9.5", {("INDICATOR_SCORE_NOT_PROPORTIONAL", "indicators[0].score")}),
])
def test_missed_target_scores_proportionally(target: str, actual: str, score: str,
                                             expected: set[tuple[str, str]]) -> None:
    plain = project(indicators=[row(target, actual, "10", score, reason="原因")])
    assert row_codes(plain) == expected


def test_missed_target_without_reason_is_a_warning() -> None:
    plain = project(indicators=[row("≥100%", "98%", "10", "9.8", reason="/")])
    (finding,) = [f for f in validate_form(record_from_plain(plain))
                  if f.fields[0].startswith("indicators[")]
    assert (finding.code, finding.severity) == ("INDICATOR_MISSED_NO_REASON", "warning")
    assert finding.fields[0] == "indicators[0].deviation_reason"


def test_met_target_below_full_marks_is_a_warning() -> None:
    """Sample 13: 100% against ≧100 scored 7 of 10."""
    plain = project(indicators=[row("≧100%", "100%", "10", "7"), row("≥1", "1", "90", "90")])
    finding = only(plain)
    assert (finding.code, finding.severity) == ("INDICATOR_MET_NOT_FULL", "warning")


@pytest.mark.parametrize(("target", "actual", "expected"), [
    ("≤10万元", "80000元", set()),  # converted: 8 万元 ≤ 10 万元, met
    ("≤10万元", "120000元", {("INDICATOR_FULL_SCORE_MISSED_TARGET", "indicators[0].score")}),
    ("≥2年", "18个月", {("INDICATOR_FULL_SCORE_MISSED_TARGET", "indicators[0].score")}),
    ("≥20次", "5人", set()),  # units that cannot be compared: no verdict
    ("达成预期指标", "效果明显", set()),  # qualitative: no verdict
])
def test_units_are_reconciled_or_left_alone(target: str, actual: str,
                                            expected: set[tuple[str, str]]) -> None:
    plain = project(indicators=[row(target, actual, "10", "10", reason="原因")])
    assert row_codes(plain) == expected


@pytest.mark.parametrize(("target", "actual", "verdict"), [
    ("2020年12月底前完成", "2020年11月30日", "met"),
    ("2020年12月31日", "2020年11月30日", "met"),
    ("2023年12月底", "已在2023年12月全面完成该项工作。", "met"),
    ("9月前", "7月", "met"),
    ("9月前", "9月", "unknown"),  # before September, or by its end: the form does not say
    ("2020年12月底前", "2021年1月15日", "missed"),
    ("11月前", "12月", "missed"),
])
def test_date_targets_are_deadlines(target: str, actual: str, verdict: str) -> None:
    plain = project(indicators=[row(target, actual, "5", "5", l2="时效指标", reason="原因")])
    expected = ({("INDICATOR_FULL_SCORE_MISSED_TARGET", "indicators[0].score")}
                if verdict == "missed" else set())
    assert row_codes(plain) == expected


@pytest.mark.parametrize(("target", "actual", "score", "expected"), [
    ("35", "26.61", "7.6", set()),  # seed 001: a cost figure, ceiling or budget
    ("100%", "92%", "2", set()),  # sample 18: 控制率 — lower may be better
    ("3%", "0", "2", set()),  # sample 18: 预算调整率
    ("100%", "100%", "7", {("INDICATOR_MET_NOT_FULL", "indicators[0].score")}),
])
def test_bare_number_target_is_met_only_when_equal(target: str, actual: str, score: str,
                                                   expected: set[tuple[str, str]]) -> None:
    plain = project(indicators=[row(target, actual, "10", score, reason="/")])
    assert row_codes(plain) == expected


def test_indicator_without_weight_in_weighted_table() -> None:
    plain = project(indicators=[row("≥1", "1", "10", "10"), row("较好", "较好", None, None),
                                row("≥1", "1", None, None, name="其中：子项")])
    assert row_codes(plain) == {("INDICATOR_NO_WEIGHT", "indicators[1].weight")}


def test_stated_rule_in_target_cell() -> None:
    rule = "差异率=0，得满分；差异率（绝对值）>0时，每增加5%（含）扣减0.5分，减至0分为止。"
    base = row(None, "40%", "5", "1")
    base["target"] = {"operator": "qualitative", "text": rule}
    assert row_codes(project(indicators=[base])) == set()
    assert row_codes(project(indicators=[base | {"score": "3"}])) == {
        ("SCORE_RULE_MISMATCH", "indicators[0].score")}


# --- totals and profiles ----------------------------------------------------------------------

def _national(total_score: str = "98.5", total_weight: str = "100") -> dict[str, Any]:
    return project(
        [total_row(budget="100", executed="85", weight="10", rate="85", score="8.5")],
        [row("≥10", "12", "50", "50"), row("≥95%", "96%", "40", "40", l2="满意度指标")],
        totals={"score": total_score, "weight": total_weight},
        groups=[{"level": 1, "name": "产出指标", "stated_weight": "90"}],
    )


def test_consistent_national_form_is_clean() -> None:
    assert codes(_national()) == set()


def test_total_score_and_weight_mismatch() -> None:
    assert codes(_national("100", "90")) == {("TOTAL_SCORE_MISMATCH", "totals.score"),
                                             ("TOTAL_WEIGHT_MISMATCH", "totals.weight")}


def test_total_printed_to_one_decimal_is_accepted() -> None:
    plain = _national("98.5")
    plain["funds"][0] |= {"executed": "85.43", "rate": "85.43", "score": "8.54"}
    plain["totals"]["score"] = "98.5"
    assert codes(plain) == set()


def test_unscored_weighted_row_widens_the_total() -> None:
    plain = _national("100")
    plain["funds"][0].pop("score")
    found = codes(plain)
    assert ("TOTAL_SCORE_MISMATCH", "totals.score") not in found
    assert ("BUDGET_SCORE_MISSING", "funds[total].score") in found


def test_shortfall_needs_a_table_seen_to_its_end() -> None:
    """An excerpt cut before its 满意度 rows adds up short; that is no finding, an excess is."""
    cut = project([total_row(budget="1", executed="1", weight="10", rate="100", score="10")],
                  [row("≥10", "12", "50", "50"), row("≥1", "1", "20", "20", l2="质量指标")],
                  totals={"score": "97.6"},
                  groups=[{"level": 1, "name": "产出指标", "stated_weight": "80"}])
    assert codes(cut) == set()
    over = copy.deepcopy(cut)
    over["indicators"][0] |= {"weight": "85", "score": "85"}
    over["groups"][0]["stated_weight"] = "105"
    assert codes(over) == {("WEIGHTS_NOT_PROFILE_TOTAL", "totals.weight"),
                           ("TOTAL_SCORE_MISMATCH", "totals.score")}
    whole = copy.deepcopy(cut)
    whole["indicators"].append(row("≥90%", "95%", "10", "10", name="服务对象满意度"))
    assert codes(whole) == {("WEIGHTS_NOT_PROFILE_TOTAL", "totals.weight"),
                            ("TOTAL_SCORE_MISMATCH", "totals.score")}


def test_total_printed_below_its_rows_in_source_order_counts_as_complete() -> None:
    record = record_from_plain(project(
        [total_row(budget="1", executed="1", weight="10", rate="100", score="10")],
        [row("≥10", "12", "50", "50")], totals={"score": "97.6", "weight": "100"}))
    record.indicators[0].weight.source = [SourceRef(grid_id="g", row=12, col=5)]
    record.totals.weight.source = [SourceRef(grid_id="g", row=20, col=5)]
    assert {f.code for f in validate_form(record)} == {"TOTAL_WEIGHT_MISMATCH",
                                                        "TOTAL_SCORE_MISMATCH"}


def test_total_weight_shortfall_not_claimed_beside_an_unread_weight() -> None:
    """A row whose weight was left unread (a fused figure) may hold the shortfall; an excess still shows."""
    base = project([total_row(budget="1", executed="1", rate="100")],
                   [row("≥1", "1", "50", "50"), row("≥1", "1", "30", "30", name="服务对象满意度")],
                   totals={"weight": "100"})
    assert ("TOTAL_WEIGHT_MISMATCH", "totals.weight") in codes(base)
    unread = copy.deepcopy(base)
    unread["indicators"].insert(1, row("≥1", "1", "20", "20", name="资金支出率"))
    unread["indicators"][1].pop("weight")
    assert ("TOTAL_WEIGHT_MISMATCH", "totals.weight") not in codes(unread)
    unread["totals"]["weight"] = "70"
    assert ("TOTAL_WEIGHT_MISMATCH", "totals.weight") in codes(unread)


def test_unprinted_budget_weight_may_be_in_or_out() -> None:
    """No 分值 in the funds block: indicators may hold 100, or 90 with 10 kept elsewhere."""
    for total in ("90", "100"):
        plain = project([total_row(budget="1", executed="1", rate="100")],
                        [row("≥1", "1", "90", "90", name="服务对象满意度")],
                        totals={"weight": total, "score": total})
        assert codes(plain) == set()
    plain["indicators"][0] |= {"weight": "80", "score": "80"}
    assert codes(plain) == {("TOTAL_WEIGHT_MISMATCH", "totals.weight"),
                            ("TOTAL_SCORE_MISMATCH", "totals.score")}


def test_group_header_subtotal() -> None:
    plain = _national()
    plain["indicators"][0]["level1"] = "产出指标（50分）"
    plain["indicators"][1] |= {"level1": "满意度指标", "level2": "满意度指标"}
    plain["groups"] = [{"level": 1, "name": "产出指标(50分)", "stated_weight": "50"},
                       {"level": 2, "name": "满意度指标", "stated_weight": "30"}]
    assert codes(plain) == {("GROUP_SUBTOTAL_MISMATCH", "groups[1].stated_weight")}


def test_hubei_profile_read_from_funds_weight() -> None:
    plain = project([total_row(budget="285.84", executed="285.84", weight="20", rate="100",
                               score="20")],
                    [row("≥20000", "23333.56", "40", "40"), row("≥3", "3", "40", "40")],
                    totals={"weight": "100", "score": "100"})
    assert codes(plain) == set()
    plain["indicators"][1]["weight"] = "50"
    plain["indicators"][1]["score"] = "50"
    plain["totals"] = {"score": "110"}
    (finding,) = validate_form(record_from_plain(plain))
    assert (finding.code, finding.profile) == ("WEIGHTS_NOT_PROFILE_TOTAL", "hubei")


def test_target_form_profiles() -> None:
    plain = {"schema_name": "project_target",
             "indicators": [row("≥3", None, "45", None),
                            row("≥95%", None, "45", None, name="服务对象满意度")]}
    assert codes(plain) == set()  # all weighted, Σ 90: the 90 profile
    assert codes(plain, profile="national") == {("WEIGHTS_NOT_PROFILE_TOTAL", "totals.weight")}
    with pytest.raises(ValidationConfigError):
        validate_form(record_from_plain(plain), profile="sichuan")


# --- score sheets --------------------------------------------------------------------------------

def _sheet(items: list[tuple[str, str, str | None, str | None]], total: str | None) -> dict[str, Any]:
    return {"schema_name": "dept_score_sheet",
            "items": [{"level1": l1, "name": name, "weight": w} | ({"score": s} if s else {})
                      for l1, name, w, s in items],
            "totals": {"score": total} if total else {}}


def test_score_sheet_total_item_and_deduction() -> None:
    items = [("投入", "目标制定", "60", "58"), ("产出", "目标实现", "40", "40"),
             ("扣分项", "配合评价", "10", "2")]
    assert codes(_sheet(items, "96")) == set()  # 58 + 40 − 2
    assert codes(_sheet(items, "98")) == {("SCORE_SHEET_TOTAL_MISMATCH", "totals.score")}
    items[1] = ("产出", "目标实现", "40", "41")
    assert ("SCORE_SHEET_ITEM_OVER_WEIGHT", "items[1].score") in codes(_sheet(items, "97"))


def test_score_sheet_rule_with_measured_note() -> None:
    """Sample 44: 控制率 ≦100% earns 5, each point over costs 0.5."""
    plain = _sheet([("投入", "财政供养人员控制率", "5", "5"), ("过程", "其他", "95", "95")], "100")
    plain["items"][0] |= {"criteria": "以100%为标准。在职人员控制率≦100%,计5分;"
                                      "每超过一个百分点扣0.5分,扣完为止。", "note": "102%"}
    assert codes(plain) == {("SCORE_RULE_MISMATCH", "items[0].score")}
    plain["items"][0]["score"] = "4"
    plain["totals"]["score"] = "99"
    assert codes(plain) == set()


@pytest.mark.parametrize(("text", "kind", "measured", "derived"), [
    ("差异率=0，得满分；差异率（绝对值）>0时，每增加5%（含）扣减0.5分，减至0分为止。", StepRule,
     "-40", ["1"]),
    ("变动率≤0，得满分；变动率>0时，每增加5%（含）扣减0.5分，减至0分为止。", StepRule, "3", ["4.5", "5"]),
    ("应缴财政款=0，得满分，应缴财政款≠0，得0分", ZeroRule, "0", ["5"]),
    ("预算调整率=0,计3分;0-10%(含),计2分;10-20%(含),计1分;20-30%(含),计0.5分;大于30%不得分",
     BandRule, "15", ["1"]),
    ("重点支出安排率≥90%,计5分;80%(含)-90%,计4分;70%(含)-80%,计3分;低于60%不得分", BandRule,
     "85", ["4"]),
])
def test_parse_stated_rules(text: str, kind: type, measured: str, derived: list[str]) -> None:
    rule = parse_rule(text)
    assert isinstance(rule, kind)
    assert rule.derive(Decimal(measured), Decimal(5)) == [Decimal(d) for d in derived]


@pytest.mark.parametrize("text", [
    "绩效目标编制科学合理的，得2分，否则酌情扣分。",
    "按要求将相关绩效信息随同决算公开的，得10分，否则不得分。",
    "",
])
def test_rules_with_judgement_are_not_parsed(text: str) -> None:
    assert parse_rule(text) is None


# --- robustness, re-validation, catalogue -------------------------------------------------------

@pytest.mark.parametrize("schema", ["project_self_eval", "dept_self_eval", "dept_target",
                                    "project_target", "dept_score_sheet"])
def test_empty_forms_raise_nothing(schema: str) -> None:
    assert validate_form(record_from_plain({"schema_name": schema})) == []


def test_odd_values_do_not_crash() -> None:
    plain = project(
        [total_row(initial_budget="0", budget="0", executed="5", weight="-10", rate="1E+40",
                   score="0"),
         {"role": "fiscal", "budget": "1E-30", "executed": "3", "rate": "7"}],
        [row("≥0", "0", "0", "0"), row("<0", "-1", "5", "5"), row("=0", "3", "5", "0"),
         row("0000年13月前", "0000年1月", "5", "5"),
         row("0000年12月前", "0000年1月31日", "5", "5", l2="时效指标")],
        totals={"score": "-3", "weight": "1E+30"},
    )
    findings = validate_form(record_from_plain(plain))
    assert all(f.code in CATALOGUE for f in findings)


def test_cells_of_the_values_involved_are_copied() -> None:
    record = record_from_plain(_national("100"))
    record.totals.score.source = [SourceRef(grid_id="g1", row=30, col=2)]
    record.indicators[0].score.source = [SourceRef(grid_id="g1", row=20, col=7)]
    (finding,) = validate_form(record)
    assert [c.label() for c in finding.cells] == ["g1:r30c2", "g1:r20c7"]


def test_validate_forms_keeps_extraction_findings() -> None:
    record = record_from_plain(_national("100"))
    stale = Finding(code="TOTAL_WEIGHT_MISMATCH", severity="error", message_zh="", message_en="")
    layout = Finding(code="LAYOUT_SCRAMBLED", severity="warning", message_zh="", message_en="")
    record.findings = [stale, layout]
    (fresh,) = validate_forms([record])
    assert [f.code for f in fresh.findings] == ["LAYOUT_SCRAMBLED", "TOTAL_SCORE_MISMATCH"]
    assert [f.code for f in record.findings] == ["TOTAL_WEIGHT_MISMATCH", "LAYOUT_SCRAMBLED"]


def test_revalidate_output_after_an_edit() -> None:
    record = record_from_plain(_national("100"))
    record.findings = [Finding(code="EXTRACT_FUSED_NUMBER", severity="info", message_zh="x",
                               message_en="x")]
    output = {"documents": [DocumentResult(source="a.txt", forms=[record]).to_output()]}
    first = revalidate_output(output)
    form = first["documents"][0]["forms"][0]
    assert [f["code"] for f in form["findings"]] == ["EXTRACT_FUSED_NUMBER", "TOTAL_SCORE_MISMATCH"]
    form["totals"]["score"]["value"] = "98.5"  # the reviewer corrects the total
    second = revalidate_output(first)
    assert [f["code"] for f in second["documents"][0]["forms"][0]["findings"]] == [
        "EXTRACT_FUSED_NUMBER"]
    assert output["documents"][0]["forms"][0]["findings"][0]["code"] == "EXTRACT_FUSED_NUMBER"


def test_revalidate_output_rejects_broken_forms() -> None:
    output = {"documents": [{"source": "a.txt", "forms": [
        {"form_type": "project_self_eval", "schema_name": "project_self_eval",
         "totals": {"score": {"value": "abc"}}}]}]}
    with pytest.raises(InputError, match="totals.score"):
        revalidate_output(output)
    with pytest.raises(InputError):
        revalidate_output([])  # type: ignore[arg-type]


def test_catalogue_is_documented() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "findings.md").read_text(encoding="utf-8")
    for code, spec in CATALOGUE.items():
        row = next((ln for ln in doc.splitlines() if ln.startswith(f"| `{code}` |")), "")
        cells = [c.strip() for c in row.split("|")]
        assert len(cells) > 4 and cells[2] == spec.severity and cells[4], (
            f"{code} needs a catalogue row with its severity and an example")


def test_every_extraction_finding_code_is_documented() -> None:
    """Readers raise LAYOUT_*/EXTRACT_* findings by literal code; each needs its catalogue row."""
    root = Path(__file__).parents[1]
    doc = (root / "docs" / "findings.md").read_text(encoding="utf-8")
    codes = {m for path in (root / "extractor").rglob("*.py")
             for m in re.findall(r'"((?:LAYOUT|EXTRACT)_[A-Z_]+)"', path.read_text(encoding="utf-8"))}
    assert codes and not sorted(c for c in codes if f"| `{c}` |" not in doc)


def test_validation_is_fast() -> None:
    plain = _national("100")
    plain["indicators"] = plain["indicators"] * 15
    record = record_from_plain(plain)
    start = time.perf_counter()
    for _ in range(50):
        validate_form(record)
    per_form = (time.perf_counter() - start) / 50
    assert per_form < 0.02, f"{per_form * 1000:.1f} ms per 30-indicator form"
