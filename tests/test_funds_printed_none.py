"""Funds rows whose empty cells print 无 (not a blank mark) and amounts typed in full width
(``８，０５０，４００．００``) are read like their plain counterparts: 无 answers "none" in a figure
column, and a full-width comma groups thousands only beside full-width digits."""

from __future__ import annotations

from decimal import Decimal

import jixiao
from extractor.values import parse_decimal

TEXT = """项目支出绩效自评表
| 项目名称 | 野生动物收容所建设 |
| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
| 年度资金总额 | 32.4 | 32.4 | 31.69 | 10 | 97.81% | 9.78 |
| 其中：当年财政拨款 | 20.4 | 20.4 | 19.69 | 无 | 无 | 无 |
| 其他资金 | 12 | 12 | 12 | 无 | 无 | 无 |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| 产出指标 | 数量指标 | 收容所面积 | ≥200平方米 | 204平方米 | 10 | 10 |
"""


def test_none_word_in_figure_columns_keeps_the_row_figures() -> None:
    form = jixiao.extract_text(TEXT).forms[0]
    fiscal = next(f for f in form.funds if f.role == "fiscal")
    assert (fiscal.budget.value, fiscal.executed.value) == (Decimal("20.4"), Decimal("19.69"))
    assert fiscal.weight.value is None and fiscal.score.value is None
    other = next(f for f in form.funds if f.role == "other")
    assert other.executed.value == Decimal("12")


def test_full_width_amounts_are_read() -> None:
    text = TEXT.replace("| 32.4 | 32.4 | 31.69 |", "| ３２．４ | ３，２４０．００ | ３，１６９ |")
    total = next(f for f in jixiao.extract_text(text).forms[0].funds if f.role == "total")
    assert (total.initial_budget.value, total.budget.value, total.executed.value) == (
        Decimal("32.4"), Decimal("3240.00"), Decimal("3169"))


def test_full_width_comma_between_plain_digits_is_no_thousands_mark() -> None:
    assert parse_decimal("８，０５０") == Decimal("8050")
    assert parse_decimal("8，050") is None  # 8 and 050, or a list: not certain
    assert parse_decimal("８，０５") is None
