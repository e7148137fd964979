"""Funds rows aligned by type where position fails: a blank 年初预算数 dropped from the print is
not read one column off (a percent under 分值 is no 分值), a sentence after the figures (a
原因说明 column) is no figure."""

from __future__ import annotations

from decimal import Decimal

import jixiao

TEXT = """项目支出绩效自评表
| 项目名称 | 野生动物收容所建设 |
| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| 年度资金总额 | 32.4 | 31.69 | 10 | 97.80% | 9 |
| 其中：当年财政拨款 | 32.4 | 31.69 | 10 | 97.80% | 9 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 收容所面积 | ≥200平方米 | 204平方米 | 10 | 10 |
"""


def test_dropped_blank_initial_budget_is_not_read_one_column_off() -> None:
    form = jixiao.extract_text(TEXT).forms[0]
    total = next(f for f in form.funds if f.role == "total")
    assert total.initial_budget.value is None
    assert (total.budget.value, total.executed.value) == (Decimal("32.4"), Decimal("31.69"))
    assert total.rate.value == Decimal("97.80") and total.weight.value == Decimal("10")
    assert total.score.value == Decimal("9")


def test_a_sentence_after_the_figures_is_no_figure() -> None:
    text = TEXT.replace("| 得分 |\n", "| 得分 | 原因说明 |\n", 1).replace(
        "| 年度资金总额 | 32.4 | 31.69 | 10 | 97.80% | 9 |",
        "| 年度资金总额 | 0.00 | 32.4 | 31.69 | 10 | 97.80% | 9 | 预算执行率=预算执行数/调整后预算数。 |")
    form = jixiao.extract_text(text).forms[0]
    total = next(f for f in form.funds if f.role == "total")
    assert (total.budget.value, total.executed.value, total.score.value) == (
        Decimal("32.4"), Decimal("31.69"), Decimal("9"))
    assert total.initial_budget.value == Decimal("0.00") and total.rate.value == Decimal("97.80")
