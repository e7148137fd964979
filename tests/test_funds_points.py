"""A 得分 column whose header states the reckoning (``得分（20分*执行率）``, the `funds` shape's
score-formula parameter): the column is the score, not a rate, and where no 分值 column is
printed the stated points are the total row's weight."""

from __future__ import annotations

from decimal import Decimal

import jixiao
from schemas.common import FundsRow

TEXT = """2022年度项目支出绩效自评表
| 项目名称 | 化肥减量增效示范县项目 |
| 预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | {score} |
| 年度财政资金总额 | 278.4449 | 30.00 | 10.77% | 2.15 |
| 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 分值 | 得分 |
| 产出指标 | 数量指标 | 示范区面积 | ≥20000亩 | 20000亩 | 10 | 10 |
"""


def _total(score_header: str) -> FundsRow:
    form = jixiao.extract_text(TEXT.format(score=score_header)).forms[0]
    return next(f for f in form.funds if f.role == "total")


def test_stated_points_are_the_total_weight() -> None:
    for header in ("得分 (20分*执行率)", "得分（20分×执行率）"):
        total = _total(header)
        assert (total.budget.value, total.executed.value) == (Decimal("278.4449"), Decimal("30.00"))
        assert (total.rate.value, total.score.value, total.weight.value) == (
            Decimal("10.77"), Decimal("2.15"), Decimal("20"))


def test_a_formula_without_points_gives_no_weight() -> None:
    total = _total("得分（分值×执行率）")
    assert total.score.value == Decimal("2.15") and total.weight.value is None
