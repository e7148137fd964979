"""A bare month on a 时效 row: a date beside a date, a quantity beside a quantity (issue 17)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.rules.month_dates import settle_month_dates
from extractor.values import parse_measure
from schemas.common import Indicator, Measure, Value


def _row(target: str | None, actual: str | None) -> Indicator:
    def value(text: str | None) -> Value[Measure]:
        return Value[Measure](value=parse_measure(text)) if text else Value[Measure]()
    return Indicator(target=value(target), actual=value(actual))


@pytest.mark.parametrize(("target", "actual"), [
    ("9月前", "7月"),  # sample 33
    ("2023年12月底前", "11月份"),
    ("6月", "6月"),
    (None, "6月"),
])
def test_a_bare_month_beside_a_date_is_a_date(target: str | None, actual: str) -> None:
    row = _row(target, actual)
    settle_month_dates([row])
    assert row.actual.value == Measure(operator="qualitative", text=actual)
    assert row.target.value is None or row.target.value.value is None


def test_a_bare_month_beside_a_quantity_stays_a_number() -> None:
    row = _row("=12月", "12月")  # seed 001: a duration
    settle_month_dates([row])
    assert row.actual.value is not None and row.actual.value.value == Decimal(12)
    assert row.target.value is not None and row.target.value.operator == "="
