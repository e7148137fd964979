"""The eval harness scores itself correctly: hand-built records against a hand-written gold form.

The gold form below has exactly 30 scored leaves (counted by hand in ``GOLD_LEAVES``), so every
expected precision/recall is a fraction written out in the test, not recomputed by the code
under test.
"""

from __future__ import annotations

import itertools
import random
from decimal import Decimal
from typing import Any

import pytest

from eval.assign import max_weight_assignment
from eval.compare import Comparator, text_similarity, to_decimal
from eval.flatten import Leaf
from eval.goldfile import check_gold
from eval.score import score_document
from eval.textnorm import digest
from schemas import (
    DeptSelfEval,
    Finding,
    FundsRow,
    Goals,
    Header,
    Indicator,
    Measure,
    ProjectSelfEval,
    ProjectTarget,
    SourceRef,
    Totals,
    Value,
)

LONG_GOAL = "维持我办网上信访业务工作正常开展，网上信访工作占比逐年提高，减少群众访累，降低信访成本。"

GOLD: dict[str, Any] = {
    "schema_name": "project_self_eval",
    "header": {"title": "云阳县2021年项目支出绩效自评明细表", "year": 2021, "project_name": "信访维稳专网费",
               "money_unit": "万元"},
    "funds": [{"role": "total", "label": "年度资金总额", "budget": "10", "executed": "9.5", "rate": "95"}],
    "goals": {"expected": digest(LONG_GOAL)},
    "indicators": [
        {"level1": "产出指标", "name": "处理各级各类信访件",
         "target": {"operator": "≤", "value": "500", "unit": "件", "text": "≤500件"}, "weight": "15", "score": "15"},
        {"level1": "产出指标", "name": "接听群众咨询投诉", "weight": "15", "score": "12"},
        {"level1": "满意度指标", "name": "受益群体满意度",
         "target": {"operator": "≥", "value": "95", "unit": "%", "text": "≥95%"}, "weight": "10", "score": "10"},
    ],
    "totals": {"weight": "100", "score": "97"},
}  # fmt: skip
# header 4 + funds row 4 (label, budget, executed, rate; the role is the row's key) + goals 1
# + indicators 8 + 4 + 8 + totals 2
GOLD_LEAVES = 31


def V(value: Any, cell: tuple[int, int] | None = None, raw: str | None = None) -> Value:
    source = [SourceRef(grid_id="g0", row=cell[0], col=cell[1])] if cell else []
    return Value(value=value, raw=raw, source=source)


def measure(op: str, value: str, unit: str, text: str) -> Value:
    return V(Measure(operator=op, value=Decimal(value), unit=unit, text=text))


def indicator(level1: str, name: str, weight: str, score: str, target: Value | None = None, **extra: Any) -> Indicator:
    row = Indicator(level1=V(level1), name=V(name), weight=V(Decimal(weight)), score=V(Decimal(score)), **extra)
    if target is not None:
        row.target = target
    return row


def perfect_record(**changes: Any) -> ProjectSelfEval:
    record = ProjectSelfEval(
        header=Header(title=V("云阳县2021年项目支出绩效自评明细表"), year=V(2021), project_name=V("信访维稳专网费"),
                      money_unit=V("万元")),
        funds=[FundsRow(role="total", label=V("年度资金总额"), budget=V(Decimal("10")),
                        executed=V(Decimal("9.5"), cell=(3, 3), raw="9.5"), rate=V(Decimal("95")))],
        goals=Goals(expected=V(LONG_GOAL)),
        indicators=[
            indicator("产出指标", "处理各级各类信访件", "15", "15", measure("≤", "500", "件", "≤500件")),
            indicator("产出指标", "接听群众咨询投诉", "15", "12"),
            indicator("满意度指标", "受益群体满意度", "10", "10", measure("≥", "95", "%", "≥95%")),
        ],
        totals=Totals(weight=V(Decimal("100")), score=V(Decimal("97"))),
    )  # fmt: skip
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def test_perfect_extraction_scores_one_everywhere() -> None:
    score = score_document([GOLD], [perfect_record()])
    assert (score.fields.tp, score.fields.fp, score.fields.fn) == (GOLD_LEAVES, 0, 0)
    assert score.fields.precision == score.fields.recall == score.fields.f1 == 1.0
    assert set(score.by_form_type) == {"project_self_eval"}
    assert all(c.f1 == 1.0 for c in [*score.by_form_type.values(), *score.by_field.values()])
    assert "funds[total].executed" in score.by_field and "indicators[].target.value" in score.by_field
    assert score.rows["indicators"].exact == 3 and score.rows["indicators"].row_level.f1 == 1.0
    assert score.forms.matched == 1 and score.forms.type_accuracy == 1.0
    assert score.mismatches == []


def test_one_wrong_number_costs_one_precision_and_one_recall_point() -> None:
    record = perfect_record()
    record.funds[0].executed = V(Decimal("9.4"), cell=(3, 3), raw="9.4")
    score = score_document([GOLD], [record])
    assert (score.fields.tp, score.fields.fp, score.fields.fn) == (GOLD_LEAVES - 1, 1, 1)
    assert score.fields.precision == pytest.approx(30 / 31)
    assert score.fields.recall == pytest.approx(30 / 31)
    executed = score.by_field["funds[total].executed"]
    assert (executed.tp, executed.fp, executed.fn, executed.f1) == (0, 1, 1, 0.0)
    assert score.rows["funds"].matched == 1 and score.rows["funds"].exact == 0
    [mismatch] = score.mismatches
    assert (mismatch.path, mismatch.kind, mismatch.expected, mismatch.got) == (
        "funds[total].executed",
        "wrong",
        "9.5",
        "9.4",
    )
    assert (mismatch.raw, mismatch.where) == ("9.4", "g0:r3c3")


def test_missing_indicator_row_and_spurious_row_are_counted() -> None:
    record = perfect_record()
    spurious = indicator("产出指标", "召开信访联席会议次数", "15", "12")  # same figures, other indicator
    record.indicators = [record.indicators[0], record.indicators[2], spurious]
    score = score_document([GOLD], [record])
    rows = score.rows["indicators"]
    assert (rows.gold, rows.extracted, rows.matched, rows.missed, rows.spurious, rows.exact) == (3, 3, 2, 1, 1, 2)
    assert rows.row_level.precision == pytest.approx(2 / 3) and rows.row_level.recall == pytest.approx(2 / 3)
    # the missed row's 4 leaves are false negatives, the spurious row's 4 false positives
    assert (score.fields.tp, score.fields.fp, score.fields.fn) == (GOLD_LEAVES - 4, 4, 4)
    kinds = {(m.path, m.kind) for m in score.mismatches}
    assert ("indicators[1].name", "missing") in kinds and ("indicators[extra 2].name", "spurious") in kinds


def test_full_width_digits_and_ideographic_space_count_as_equal() -> None:
    record = perfect_record()
    record.header.title = V("云阳县２０２１年项目支出绩效自评明细表\u3000")
    record.indicators[0].name = V("处理各级各类\u3000信访件 ")
    record.indicators[0].target = measure("≤", "500", "件", "≤５００件")
    record.goals.expected = V(LONG_GOAL.replace("，", "，\u3000").replace("。", " 。"))
    score = score_document([GOLD], [record])
    assert score.fields.f1 == 1.0, score.mismatches


def test_money_compared_in_yuan_but_rates_are_not_money() -> None:
    record = perfect_record()
    record.header.money_unit = V("元")
    record.funds[0].budget = V(Decimal("100000"))
    record.funds[0].executed = V(Decimal("95000.00"))
    score = score_document([GOLD], [record])
    assert score.by_field["funds[total].budget"].tp == 1
    assert score.by_field["funds[total].executed"].tp == 1
    assert score.by_field["funds[total].rate"].tp == 1  # 95 stays 95, not 950000
    assert score.by_field["header.money_unit"].f1 == 0.0  # the printed unit itself differs
    assert (score.fields.fp, score.fields.fn) == (1, 1)


def test_money_without_a_unit_on_one_side_is_read_in_the_other_sides_unit() -> None:
    cmp = Comparator(gold_factor=Decimal(10000), got_factor=None)
    assert cmp.equal("funds", "budget", Leaf("10"), Leaf(Decimal("10")))
    assert not cmp.equal("funds", "budget", Leaf("10"), Leaf(Decimal("100000")))
    assert Comparator(Decimal(10000), Decimal(1)).equal("tasks", "executed", Leaf("1.5"), Leaf(Decimal("15000")))


def test_numbers_and_percentages_compare_as_numbers() -> None:
    assert to_decimal("７６%") == Decimal("76")
    assert to_decimal("1,234.50") == Decimal("1234.5")
    assert to_decimal("达成预期") is None and to_decimal(True) is None
    cmp = Comparator()
    assert cmp.equal("indicators", "score", Leaf("15"), Leaf(Decimal("15.00")))
    assert cmp.equal("indicators", "target.value", Leaf("95"), Leaf(Decimal("95.0")))
    assert not cmp.equal("indicators", "score", Leaf("15"), Leaf(Decimal("1.5")))
    assert cmp.equal("indicators", "core", Leaf(True), Leaf(True))
    assert not cmp.equal("indicators", "core", Leaf(True), Leaf(False))


def test_rows_with_equal_names_are_assigned_by_their_other_fields() -> None:
    """First-match by name would pair both rows wrongly; the assignment uses level2 and weight."""
    gold = {"schema_name": "project_self_eval", "indicators": [
        {"level2": "数量指标", "name": "受益群体满意度", "weight": "5"},
        {"level2": "质量指标", "name": "受益群体满意度", "weight": "10"},
    ]}  # fmt: skip
    rows = [
        Indicator(level2=V("质量指标"), name=V("受益群体满意度"), weight=V(Decimal("10"))),
        Indicator(level2=V("数量指标"), name=V("受益群体满意度"), weight=V(Decimal("5"))),
    ]
    score = score_document([gold], [ProjectSelfEval(indicators=rows)])
    assert score.rows["indicators"].exact == 2
    assert score.fields.f1 == 1.0


def test_assignment_beats_greedy_on_sorted_similarity() -> None:
    # greedy takes (0, 0) = 0.9 first and strands row 1 (its only partner was column 0)
    weights = [[0.9, 0.8], [0.8, 0.0]]
    assert max_weight_assignment(weights) == [(0, 1), (1, 0)]


def test_assignment_is_optimal_on_random_matrices() -> None:
    rng = random.Random(7)
    for _ in range(150):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        weights = [[rng.choice([0.0, rng.random()]) for _ in range(m)] for _ in range(n)]
        pairs = max_weight_assignment(weights)
        assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
        assert all(weights[r][c] > 0 for r, c in pairs)
        best = max(
            sum(weights[r][c] for r, c in zip(rows, cols, strict=True))
            for rows in itertools.permutations(range(n), min(n, m))
            for cols in itertools.permutations(range(m), min(n, m))
        )
        assert sum(weights[r][c] for r, c in pairs) == pytest.approx(best)


def test_forms_are_matched_by_header_not_by_position() -> None:
    other = {**GOLD, "header": {**GOLD["header"], "project_name": "心连心热线服务平台维护和通信费"}}
    second = perfect_record()
    second.header.project_name = V("心连心热线服务平台维护和通信费")
    score = score_document([GOLD, other], [second, perfect_record()])
    assert score.forms.matched == 2 and score.fields.f1 == 1.0


def test_wrong_form_type_is_matched_and_counted_in_type_accuracy() -> None:
    gold = {"schema_name": "project_self_eval", "header": GOLD["header"]}
    record = ProjectTarget(header=perfect_record().header)
    score = score_document([gold], [record])
    assert (score.forms.matched, score.forms.type_correct, score.forms.type_accuracy) == (1, 0, 0.0)
    assert score.fields.f1 == 1.0  # the header itself was read right


def test_missed_form_counts_all_its_leaves_as_false_negatives() -> None:
    other = {"schema_name": "project_target", "header": {"title": "项目绩效目标表", "year": 2022},
             "overall_goal": "完成年度任务"}  # fmt: skip
    score = score_document([GOLD, other], [perfect_record()])
    assert (score.forms.gold, score.forms.matched, score.forms.missed, score.forms.spurious) == (2, 1, 1, 0)
    assert (score.fields.tp, score.fields.fp, score.fields.fn) == (GOLD_LEAVES, 0, 3)
    assert score.by_form_type["project_target"].recall == 0.0


def _finding(code: str, severity: str, field: str | None) -> Finding:
    return Finding(code=code, severity=severity, message_zh="", message_en="", fields=[field] if field else [])


def test_findings_precision_and_recall_on_the_right_field() -> None:
    expected = [
        {"form": 0, "code": "TOTAL_SCORE_MISMATCH", "field": "totals.score"},
        {"form": 0, "code": "FUNDS_RATE_MISMATCH", "field": "funds[0].rate"},
        {"form": 0, "code": "SCORE_ABOVE_WEIGHT", "field": "indicators[2].score"},
    ]
    record = perfect_record()
    record.indicators = [record.indicators[2], record.indicators[0], record.indicators[1]]  # other order
    record.findings = [
        _finding("TOTAL_SCORE_MISMATCH", "error", "totals.score"),
        _finding("FUNDS_RATE_MISMATCH", "warning", "funds[total].rate"),  # by role: same field
        _finding("SCORE_ABOVE_WEIGHT", "error", "indicators[0].score"),  # extracted row 0 = gold row 2
        _finding("TOTAL_WEIGHT_MISMATCH", "error", "totals.weight"),  # not expected: false positive
        _finding("SCORE_ABOVE_WEIGHT", "info", "indicators[1].score"),  # info: not a prediction
        _finding("LAYOUT_MERGED_HEADER", "warning", "indicators[1].name"),  # extraction doubt
    ]
    score = score_document([GOLD], [record], expected)
    assert score.findings is not None
    assert (score.findings.tp, score.findings.fp, score.findings.fn) == (3, 1, 0)
    record.findings = [_finding("TOTAL_SCORE_MISMATCH", "error", "totals.weight")]  # right code, wrong field
    score = score_document([GOLD], [record], expected)
    assert score.findings is not None and (score.findings.tp, score.findings.fp, score.findings.fn) == (0, 1, 3)
    assert score_document([GOLD], [record]).findings is None  # gold without expected_findings


def test_text_similarity_of_digests_never_beats_an_exact_match() -> None:
    gold = digest(LONG_GOAL)
    assert text_similarity(gold, LONG_GOAL) == 1.0
    assert 0.5 < text_similarity(gold, LONG_GOAL[:-3]) < 1.0
    assert text_similarity(gold, "完全不同的文字") == 0.0
    assert text_similarity("受益群体满意度", "受益群体满意度\u3000") == 1.0


def test_gold_format_check_reports_typos_with_their_path() -> None:
    assert check_gold({"source": "../shared/seeds/x.txt", "forms": [GOLD]}) == []
    bad = {**GOLD, "funds": [{"role": "totl", "excuted": "1", "rate": "76%"}]}
    problems = check_gold({"source": "x", "forms": [bad], "expected_findings": [{"form": 3, "code": "X"}]})
    assert any(p.startswith("forms[0].funds[0].role:") for p in problems)
    assert any(p.startswith("forms[0].funds[0].excuted: unknown field") for p in problems)
    assert any(p.startswith("forms[0].funds[0].rate: numbers are strings") for p in problems)
    assert any(p.startswith("expected_findings[0]") for p in problems)


def test_repeated_funds_roles_are_keyed_by_occurrence() -> None:
    gold = {
        "schema_name": "dept_self_eval",
        "funds": [
            {"role": "line_item", "label": "办公费", "budget": "2"},
            {"role": "line_item", "label": "差旅费", "budget": "3"},
        ],
    }
    record = DeptSelfEval(
        funds=[
            FundsRow(role="line_item", label=V("办公费"), budget=V(Decimal("2"))),
            FundsRow(role="line_item", label=V("差旅费"), budget=V(Decimal("30"))),
        ]
    )
    score = score_document([gold], [record])
    assert [m.path for m in score.mismatches] == ["funds[line_item#2].budget"]
    budget = score.by_field["funds[line_item].budget"]  # repeats fold into one field
    assert (budget.tp, budget.fp, budget.fn) == (1, 1, 1)
