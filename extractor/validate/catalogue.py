"""Every finding code the validator can raise, as data.

One table is the source of truth for a code's severity and the rule it checks; the messages
module reads the rule text from here and ``docs/findings.md`` documents the same entries (a
test keeps the two in step).  Codes are stable: the eval harness and gold files match on them.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas.common import Severity


@dataclass(frozen=True, slots=True)
class FindingSpec:
    """A code's fixed facts: severity, the rule in both languages and a worked example."""

    code: str
    severity: Severity
    family: str  # funds | budget_score | indicators | totals | score_sheet | values
    rule_en: str
    rule_zh: str
    example: str


_SPECS = [
    FindingSpec(
        "FUNDS_TOTAL_MISMATCH", "error", "funds",
        "total row = sum of its source rows, per column",
        "合计行 = 各来源行之和（逐列）",
        "年度资金总额 全年预算数 0 while 本年财政拨款 90 and no other source",
    ),
    FindingSpec(
        "EXEC_RATE_MISMATCH", "error", "funds",
        "rate = executed / budget (全年预算数) × 100",
        "执行率 = 全年执行数 ÷ 全年预算数（调整后预算数）× 100%",
        "printed 90%, 26.61 / 35 = 76.03%",
    ),
    FindingSpec(
        "EXEC_RATE_ROUNDING", "info", "funds",
        "rate = executed / budget × 100, printed with a rounding slip or truncated",
        "执行率 = 全年执行数 ÷ 全年预算数 × 100%，印制数存在舍入偏差或截尾",
        "215457.6 / 250000 = 86.18% printed 86.19%; 31.69 / 32.4 = 97.81% printed 97.80%",
    ),
    FindingSpec(
        "EXEC_RATE_WRONG_BASE", "error", "funds",
        "rate = executed / budget (全年预算数), not executed / 年初预算数",
        "执行率 = 全年执行数 ÷ 全年预算数，而非 ÷ 年初预算数",
        "printed 140%, 890.85 / 890.85 = 100%, but 890.85 / 636.34 = 140%",
    ),
    FindingSpec(
        "EXECUTED_OVER_BUDGET", "warning", "funds",
        "executed ≤ budget (全年执行数 ≤ 全年预算数)",
        "全年执行数不应超过全年预算数",
        "全年执行数 459.62 > 全年预算数 458.55",
    ),
    FindingSpec(
        "BUDGET_SCORE_MISMATCH", "error", "budget_score",
        "budget score = weight × min(rate, 100%), ±0.01",
        "预算执行得分 = 分值 × min(执行率, 100%)，允许 ±0.01",
        "分值 10, 执行率 97.81%: printed 9, derived 9.78",
    ),
    FindingSpec(
        "BUDGET_SCORE_MISSING", "warning", "budget_score",
        "a weighted funds row with a rate needs a score",
        "有分值和执行率的资金行应填写得分",
        "分值 10, 执行率 102.59%, 得分 blank (derived 10)",
    ),
    FindingSpec(
        "BUDGET_SCORE_OVER_WEIGHT", "error", "budget_score",
        "budget score ≤ its weight (checked where no rate re-derives the score)",
        "预算执行得分不得超过其分值（无执行率可推算得分时检查）",
        "分值 10, 执行率 blank, 得分 15",
    ),
    FindingSpec(
        "INDICATOR_SCORE_OVER_WEIGHT", "error", "indicators",
        "indicator score ≤ its weight",
        "指标得分不得超过其分值",
        "分值 10, 得分 12",
    ),
    FindingSpec(
        "INDICATOR_FULL_SCORE_MISSED_TARGET", "error", "indicators",
        "a missed target (per its operator and unit) cannot score full marks",
        "未完成年度指标值（按运算符和单位比较）不应得满分",
        "target ≥4754人, actual 4604人, 5 of 5; target ≤5300元/户, actual 5830元/户, 10 of 10",
    ),
    FindingSpec(
        "INDICATOR_SCORE_NOT_PROPORTIONAL", "error", "indicators",
        "missed target: score = weight × actual/target (正向) or weight × target/actual (反向), "
        "capped at the weight, ±0.01",
        "未完成指标按比例得分：正向 分值 × 实际值/目标值，反向 分值 × 目标值/实际值，不超过分值",
        "target =100, actual 98%, weight 10: printed 9, derived 9.8",
    ),
    FindingSpec(
        "INDICATOR_MISSED_NO_REASON", "warning", "indicators",
        "a missed target needs a deviation reason",
        "未完成指标应填写偏差原因分析",
        "target ≤5300元/户, actual 5830元/户, 偏差原因 blank",
    ),
    FindingSpec(
        "INDICATOR_MET_NOT_FULL", "warning", "indicators",
        "a met quantitative target earns full marks",
        "已完成的定量指标应得满分",
        "target ≧100%, actual 100%, 7 of 10",
    ),
    FindingSpec(
        "INDICATOR_NO_WEIGHT", "error", "indicators",
        "every indicator row of a weighted table has a weight",
        "有分值的指标表中每个指标都应有分值（权重）",
        "信访移动专线网络安全性 较好, 权重 blank while the other rows carry weights",
    ),
    FindingSpec(
        "TOTAL_SCORE_MISMATCH", "error", "totals",
        "total score = budget score + Σ indicator scores",
        "总分得分 = 预算执行得分 + 各指标得分之和",
        "总分 printed 10, Σ indicator scores 100",
    ),
    FindingSpec(
        "TOTAL_WEIGHT_MISMATCH", "error", "totals",
        "total weight = budget weight + Σ indicator weights",
        "总分分值 = 预算执行分值 + 各指标分值之和",
        "总分 printed 100, 10 + Σ indicator weights 100 = 110",
    ),
    FindingSpec(
        "WEIGHTS_NOT_PROFILE_TOTAL", "error", "totals",
        "budget weight + Σ indicator weights = the profile's total (100, or 90 on target forms)",
        "预算执行分值 + 各指标分值之和 应等于评分口径总分（100，目标表可为 90）",
        "target form: Σ 权重 90 with one row unweighted, profile total 100",
    ),
    FindingSpec(
        "GROUP_SUBTOTAL_MISMATCH", "error", "totals",
        "a header's stated weight = Σ weights of its rows",
        "标题行标注的分值 = 其下各行分值之和",
        "动态调整（15分） over rows 10 + 5 + 5 = 20",
    ),
    FindingSpec(
        "SCORE_SHEET_TOTAL_MISMATCH", "error", "score_sheet",
        "sheet total = Σ item scores − deductions",
        "打分表总得分 = 各项得分之和 − 扣分项",
        "部门整体自评得分 printed 95, Σ item scores 98",
    ),
    FindingSpec(
        "SCORE_SHEET_ITEM_OVER_WEIGHT", "error", "score_sheet",
        "item score ≤ item weight",
        "单项得分不得超过该项分值",
        "执行进度 分值 5, 自评打分 6",
    ),
    FindingSpec(
        "SCORE_RULE_MISMATCH", "error", "score_sheet",
        "score re-derived from the deduction rule the form states",
        "按表内列明的计分标准重新计算得分",
        "差异率 40%, each +5% −0.5 of 5: derived 1",
    ),
    FindingSpec(
        "VALUE_NEGATIVE", "error", "values",
        "amounts, rates, weights and scores are ≥ 0 (a 扣分项 score may be printed negative)",
        "金额、执行率、分值和得分不得为负数（扣分项得分可印为负数）",
        "indicator 得分 −5",
    ),
    FindingSpec(
        "VALUE_OUT_OF_RANGE", "error", "values",
        "a figure has at most 15 digits before the point and is not below 10⁻¹²; "
        "the other rules treat it as missing",
        "数值整数部分不超过 15 位且不小于 10⁻¹²，超出范围的数值其他规则视为空缺",
        "得分 1E+999999999",
    ),
]

CATALOGUE: dict[str, FindingSpec] = {spec.code: spec for spec in _SPECS}
VALIDATOR_CODES = frozenset(CATALOGUE)
# Findings an extraction stage raised; re-validation keeps them and replaces everything else.
EXTRACTION_PREFIXES = ("LAYOUT_", "EXTRACT_")


def spec(code: str) -> FindingSpec:
    return CATALOGUE[code]
