"""Property tests: forms whose arithmetic holds raise no error; one perturbed number raises
exactly the expected finding on exactly that field (plus the total it feeds, where it feeds one).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extractor.validate import CATALOGUE, validate_form
from extractor.validate.plain import record_from_plain

CENTS = Decimal("0.01")
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
Plain = dict[str, Any]
Expect = set[tuple[str, str]]


def q2(value: Decimal) -> Decimal:
    return value.quantize(CENTS, rounding=ROUND_HALF_UP)


def s(value: Decimal) -> str:
    return f"{value:f}"


def found(plain: Plain) -> Expect:
    """(code, field) of every error and warning; info findings are not inconsistencies."""
    return {(f.code, f.fields[0]) for f in validate_form(record_from_plain(plain))
            if f.severity != "info"}


def errors(plain: Plain) -> Expect:
    return {(f.code, f.fields[0]) for f in validate_form(record_from_plain(plain))
            if f.severity == "error"}


@st.composite
def amounts(draw: st.DrawFn) -> tuple[Decimal, Decimal]:
    budget = Decimal(draw(st.integers(100, 10_000_000))) / 100
    executed = q2(budget * Decimal(draw(st.integers(30, 120))) / 100)
    return budget, executed


@st.composite
def funds_block(draw: st.DrawFn, weight: int) -> tuple[list[Plain], Decimal]:
    """Total, 财政拨款 and 上年结转 rows that add up; returns the rows and the budget score."""
    budget, executed = draw(amounts())
    initial = budget if draw(st.booleans()) else q2(budget * Decimal(draw(st.integers(50, 150))) / 100)
    fiscal_b = q2(budget * Decimal(draw(st.integers(0, 100))) / 100)
    fiscal_e = q2(executed * Decimal(draw(st.integers(0, 100))) / 100)
    rate = q2(executed / budget * 100)
    score = q2(Decimal(weight) * min(rate, Decimal(100)) / 100)
    fiscal: Plain = {"role": "fiscal", "label": "其中：当年财政拨款", "budget": s(fiscal_b),
                     "executed": s(fiscal_e)}
    if fiscal_b > 0:
        fiscal["rate"] = s(q2(fiscal_e / fiscal_b * 100))
    rows = [
        {"role": "total", "label": "年度资金总额", "initial_budget": s(initial), "budget": s(budget),
         "executed": s(executed), "weight": str(weight), "rate": s(rate), "score": s(score)},
        fiscal,
        {"role": "carry_over", "label": "上年结转资金", "budget": s(budget - fiscal_b),
         "executed": s(executed - fiscal_e)},
    ]
    return rows, score


@st.composite
def weights(draw: st.DrawFn, total: int) -> list[int]:
    n = draw(st.integers(2, min(8, total)))
    cuts = sorted(draw(st.lists(st.integers(1, total - 1), unique=True, min_size=n - 1,
                                max_size=n - 1)))
    bounds = [0, *cuts, total]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


@st.composite
def indicator(draw: st.DrawFn, weight: int, level1: str, level2: str) -> tuple[Plain, str]:
    """A scored indicator row whose score follows the rules; returns it and its kind."""
    kind = draw(st.sampled_from(["met", "missed", "reverse", "money", "date", "qualitative"]))
    w = Decimal(weight)
    row: Plain = {"level1": level1, "level2": level2, "name": f"指标{kind}", "weight": str(weight)}
    target = draw(st.integers(2, 1000))
    unit = draw(st.sampled_from(["%", "件", "人次", ""]))
    if kind == "met":
        actual, score = target + draw(st.integers(0, 100)), w
        row |= {"target": {"operator": "≥", "value": str(target), "unit": unit or None,
                           "text": f"≥{target}{unit}"},
                "actual": {"value": str(actual), "unit": unit or None, "text": f"{actual}{unit}"}}
    elif kind == "missed":
        actual = draw(st.integers(1, target - 1))
        score = q2(w * actual / target)
        row |= {"target": {"operator": "≥", "value": str(target), "unit": unit or None,
                           "text": f"≥{target}{unit}"},
                "actual": {"value": str(actual), "unit": unit or None, "text": f"{actual}{unit}"},
                "deviation_reason": "受政策调整影响"}
    elif kind == "reverse":
        actual = target + draw(st.integers(1, target))
        score = q2(w * target / actual)
        row |= {"target": {"operator": "≤", "value": str(target), "unit": "万元",
                           "text": f"≤{target}万元"},
                "actual": {"value": str(actual), "unit": "万元", "text": f"{actual}万元"},
                "deviation_reason": "价格上涨"}
    elif kind == "money":  # target in 万元, actual printed in 元, under the ceiling
        actual = draw(st.integers(1, target)) * 10000
        score = w
        row |= {"target": {"operator": "≤", "value": str(target), "unit": "万元",
                           "text": f"≤{target}万元"},
                "actual": {"value": str(actual), "unit": "元", "text": f"{actual}元"}}
    elif kind == "date":
        month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
        score = w
        row |= {"target": {"operator": "qualitative", "text": "2023年12月底前"},
                "actual": {"operator": "qualitative", "text": f"2023年{month}月{day}日"}}
    else:
        score = q2(w * Decimal(draw(st.integers(50, 100))) / 100)
        row |= {"target": {"operator": "qualitative", "text": "达成预期指标"},
                "actual": {"operator": "qualitative", "text": "达成预期指标"}}
    row["score"] = s(score)
    return row, kind


@st.composite
def self_eval_form(draw: st.DrawFn) -> tuple[Plain, list[str]]:
    """A consistent project self-evaluation and the kind of each indicator row."""
    budget_weight = draw(st.sampled_from([10, 20]))
    funds, budget_score = draw(funds_block(budget_weight))
    rows, kinds = [], []
    shares = draw(weights(100 - budget_weight))
    for n, w in enumerate(shares):
        # the table closes with its 满意度 block, so it is seen to its end
        last = n == len(shares) - 1
        level1 = "满意度指标" if last else draw(st.sampled_from(["产出指标", "效益指标", "满意度指标"]))
        level2 = draw(st.sampled_from(["数量指标", "质量指标"]))
        row, kind = draw(indicator(w, level1, level2))
        rows.append(row)
        kinds.append(kind)
    groups: list[Plain] = []
    for level1 in dict.fromkeys(r["level1"] for r in rows):
        members = [r for r in rows if r["level1"] == level1]
        groups.append({"level": 1, "name": f"{level1}({sum(int(r['weight']) for r in members)}分)",
                       "stated_weight": str(sum(int(r["weight"]) for r in members))})
        for level2 in dict.fromkeys(r["level2"] for r in members):
            sub = [int(r["weight"]) for r in members if r["level2"] == level2]
            groups.append({"level": 2, "name": level2, "stated_weight": str(sum(sub))})
    total_score = budget_score + sum((Decimal(r["score"]) for r in rows), Decimal(0))
    plain = {"schema_name": "project_self_eval", "funds": funds, "indicators": rows,
             "groups": groups, "totals": {"weight": "100", "score": s(total_score)}}
    return plain, kinds


@given(self_eval_form())
@SETTINGS
def test_consistent_self_evaluations_raise_no_error(case: tuple[Plain, list[str]]) -> None:
    plain, _ = case
    assert errors(plain) == set()
    assert found(plain) <= {("EXECUTED_OVER_BUDGET", "funds[total].executed"),
                            ("EXECUTED_OVER_BUDGET", "funds[fiscal].executed"),
                            ("EXECUTED_OVER_BUDGET", "funds[carry_over].executed")}


def _nudge(draw: st.DrawFn, low: str, high: str) -> Decimal:
    size = Decimal(draw(st.integers(int(Decimal(low) * 100), int(Decimal(high) * 100)))) / 100
    return size if draw(st.booleans()) else -size


Perturbation = Callable[[Plain], Expect]


@st.composite
def perturbed(draw: st.DrawFn) -> tuple[Plain, Plain, Expect]:
    """A consistent form, a copy with one printed number changed, and the findings expected."""
    plain, kinds = draw(self_eval_form())
    edit = copy.deepcopy(plain)
    total, funds_total = edit["totals"], edit["funds"][0]
    choice = draw(st.sampled_from(["total_score", "total_weight", "rate", "budget_score",
                                   "group", "source_row", "indicator_score", "indicator_actual"]))
    expected: Expect
    if choice == "total_score":
        total["score"] = s(Decimal(total["score"]) + _nudge(draw, "0.1", "30"))
        expected = {("TOTAL_SCORE_MISMATCH", "totals.score")}
    elif choice == "total_weight":
        total["weight"] = str(100 + int(_nudge(draw, "1", "20")))
        expected = {("TOTAL_WEIGHT_MISMATCH", "totals.weight")}
    elif choice == "rate":
        new = Decimal(funds_total["rate"]) + _nudge(draw, "1", "30")
        assume(new >= 0)
        initial, executed = Decimal(funds_total["initial_budget"]), Decimal(funds_total["executed"])
        assume(abs(new - executed / initial * 100) > 1)  # not the 年初预算数 quotient by chance
        funds_total["rate"] = s(new)
        expected = {("EXEC_RATE_MISMATCH", "funds[total].rate")}
    elif choice == "budget_score":
        new = Decimal(funds_total["score"]) + _nudge(draw, "0.1", "5")
        assume(new >= 0)
        funds_total["score"] = s(new)
        expected = {("BUDGET_SCORE_MISMATCH", "funds[total].score"),
                    ("TOTAL_SCORE_MISMATCH", "totals.score")}
    elif choice == "group":
        g = draw(st.integers(0, len(edit["groups"]) - 1))
        group = edit["groups"][g]
        group["stated_weight"] = str(int(group["stated_weight"]) + int(_nudge(draw, "1", "10")))
        expected = {("GROUP_SUBTOTAL_MISMATCH", f"groups[{g}].stated_weight")}
        if int(group["stated_weight"]) < 0:  # nudged below zero: a weight no form can print, too
            expected.add(("VALUE_NEGATIVE", f"groups[{g}].stated_weight"))
    elif choice == "source_row":
        carry = edit["funds"][2]
        assume(Decimal(carry["executed"]) <= Decimal(carry["budget"]))  # no warning to lift
        carry["budget"] = s(Decimal(carry["budget"]) + Decimal(draw(st.integers(1, 1000))))
        expected = {("FUNDS_TOTAL_MISMATCH", "funds[total].budget")}
    elif choice == "indicator_score":
        i = draw(st.sampled_from([k for k, kind in enumerate(kinds)
                                  if kind in ("met", "missed", "reverse")] or [None]))
        assume(i is not None)
        row = edit["indicators"][i]
        weight = Decimal(row["weight"])
        if kinds[i] == "met":
            row["score"] = s(weight + Decimal(draw(st.integers(10, 500))) / 100)
            code = "INDICATOR_SCORE_OVER_WEIGHT"
        else:
            assume(weight - Decimal(row["score"]) > Decimal("0.05"))
            row["score"] = s(weight)
            code = "INDICATOR_FULL_SCORE_MISSED_TARGET"
        expected = {(code, f"indicators[{i}].score"), ("TOTAL_SCORE_MISMATCH", "totals.score")}
    else:  # a met ≥ target whose printed actual falls short, still scored in full
        i = draw(st.sampled_from([k for k, kind in enumerate(kinds) if kind == "met"] or [None]))
        assume(i is not None)
        actual = edit["indicators"][i]["actual"]
        target = int(edit["indicators"][i]["target"]["value"])
        short = draw(st.integers(0, target - 1))
        assume(Decimal(edit["indicators"][i]["weight"]) * (target - short) / target > Decimal("0.06"))
        actual |= {"value": str(short), "text": f"{short}{actual.get('unit') or ''}"}
        expected = {("INDICATOR_FULL_SCORE_MISSED_TARGET", f"indicators[{i}].score"),
                    ("INDICATOR_MISSED_NO_REASON", f"indicators[{i}].deviation_reason")}
    return plain, edit, expected


@given(perturbed())
@SETTINGS
def test_one_perturbed_number_raises_exactly_its_finding(
    case: tuple[Plain, Plain, Expect],
) -> None:
    original, edit, expected = case
    assert found(edit) == found(original) | expected


@st.composite
def score_sheet(draw: st.DrawFn) -> Plain:
    """A consistent score sheet: 一级/二级 headers with subtotals, items, one deduction row."""
    items: list[Plain] = []
    groups: list[Plain] = []
    for level1, level1_total in (("部门预算管理", 60), ("绩效结果应用", 40)):
        groups.append({"level": 1, "name": f"{level1}（{level1_total}分）",
                       "stated_weight": str(level1_total)})
        parts = draw(weights(level1_total))
        half = len(parts) // 2
        for index, chunk in enumerate((parts[:half], parts[half:])):
            level2 = f"二级{index}"  # the same 二级 names recur under each 一级
            groups.append({"level": 2, "name": level2, "stated_weight": str(sum(chunk))})
            for w in chunk:
                score = q2(Decimal(w) * Decimal(draw(st.integers(0, 100))) / 100)
                items.append({"level1": level1, "level2": level2, "name": "项",
                              "weight": str(w), "score": s(score)})
    earned = sum((Decimal(i["score"]) for i in items), Decimal(0))
    # a deduction never takes a consistent sheet below 0 (a negative total is its own finding)
    deduction = min(Decimal(draw(st.integers(0, 4))), earned.to_integral_value(rounding="ROUND_FLOOR"))
    items.append({"level1": "扣分项", "name": "配合评价", "weight": "10", "score": s(deduction)})
    total = sum((Decimal(i["score"]) for i in items[:-1]), Decimal(0)) - deduction
    return {"schema_name": "dept_score_sheet", "items": items, "groups": groups,
            "totals": {"score": s(total)}}


@given(score_sheet(), st.data())
@SETTINGS
def test_score_sheets(sheet: Plain, data: st.DataObject) -> None:
    assert found(sheet) == set()
    edit = copy.deepcopy(sheet)
    if data.draw(st.booleans()):
        edit["totals"]["score"] = s(Decimal(edit["totals"]["score"]) + data.draw(
            st.sampled_from([Decimal("-3"), Decimal("0.5"), Decimal(7)])))
        expected = {("SCORE_SHEET_TOTAL_MISMATCH", "totals.score")}
        if Decimal(edit["totals"]["score"]) < 0:  # a blank sheet's 0 lowered by 3: no total is negative
            expected.add(("VALUE_NEGATIVE", "totals.score"))
    else:
        g = data.draw(st.integers(0, len(edit["groups"]) - 1))
        edit["groups"][g]["stated_weight"] = str(int(edit["groups"][g]["stated_weight"]) + 5)
        expected = {("GROUP_SUBTOTAL_MISMATCH", f"groups[{g}].stated_weight")}
    assert found(edit) == expected


_numbers = st.one_of(st.none(), st.decimals(min_value=-10**6, max_value=10**6, places=3,
                                            allow_nan=False, allow_infinity=False).map(s),
                     st.sampled_from(["0", "-0", "1E+100", "1E-30", "100.00", "0.001"]))
_measures = st.one_of(
    st.none(),
    st.fixed_dictionaries({"operator": st.sampled_from(["≥", "≤", "=", ">", "<", "≈", "qualitative"]),
                           "text": st.sampled_from(["", "2020年12月底前", "9月前", "7月", "较好",
                                                    "未完成", "≥95%", "≥" + "9" * 60, "0000年2月30日",
                                                    "差异率≤0，得满分；每增加5%扣0.5分"])},
                          optional={"value": _numbers.filter(lambda v: v is not None),
                                    "unit": st.sampled_from(["%", "万元", "元", "个月", "年", "件"])}),
)


@st.composite
def arbitrary_form(draw: st.DrawFn) -> Plain:
    """Any shape the schema admits, with numbers anywhere, missing anywhere."""
    def drop_none(row: Plain) -> Plain:
        return {k: v for k, v in row.items() if v is not None}

    schema = draw(st.sampled_from(["project_self_eval", "dept_self_eval", "dept_target",
                                   "project_target", "dept_score_sheet"]))
    plain: Plain = {"schema_name": schema,
                    "totals": drop_none({"score": draw(_numbers), "weight": draw(_numbers)})}
    if schema == "dept_score_sheet":
        plain["items"] = [drop_none({"level1": draw(st.sampled_from(["目标", "扣分项"])),
                                     "weight": draw(_numbers), "score": draw(_numbers),
                                     "criteria": "每超过一个百分点扣0.5分", "note": draw(_numbers)})
                          for _ in range(draw(st.integers(0, 4)))]
    else:
        plain["funds"] = [drop_none({"role": draw(st.sampled_from(["total", "fiscal", "basic",
                                                                    "line_item", "other"])),
                                     **{c: draw(_numbers) for c in ("initial_budget", "budget",
                                        "executed", "weight", "rate", "score")}})
                          for _ in range(draw(st.integers(0, 4)))]
        plain["indicators"] = [drop_none({"level1": "产出指标", "target": draw(_measures),
                                          "actual": draw(_measures), "weight": draw(_numbers),
                                          "score": draw(_numbers)})
                               for _ in range(draw(st.integers(0, 5)))]
    plain["groups"] = [{"level": draw(st.sampled_from([1, 2])), "name": "产出指标",
                        "stated_weight": draw(_numbers) or "0"}]
    return plain


@given(arbitrary_form())
@settings(max_examples=300, deadline=None)
def test_any_form_validates_without_crashing(plain: Plain) -> None:
    for finding in validate_form(record_from_plain(plain)):
        assert finding.code in CATALOGUE and finding.fields
