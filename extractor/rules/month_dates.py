"""A bare month (``7月``, ``10月份``) beside a date is a date, not seven months.

``7月`` reads as a number with the unit 月 by itself; on a 时效 row it is as often the month a
deadline was met (sample 33: target ``9月前``, actual ``7月``) as a duration (seed 001: target
``=12月``, actual ``12月``).  The row tells which: a bare month is a quantity only when the other
side of the row is one (a number with an operator or a unit); beside a date or a text, or
alone, it is the date it prints and is kept as text, so no arithmetic runs on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractor.values import squash
from schemas.common import Indicator, Measure, Value

_BARE_MONTH = re.compile(r"^(\d{1,2})月份?$")


def _bare_month(measure: Measure | None) -> bool:
    if measure is None or measure.operator is not None:
        return False
    m = _BARE_MONTH.match(squash(measure.text))
    return m is not None and 1 <= int(m.group(1)) <= 12


def _quantity(measure: Measure | None) -> bool:
    """A number to compare with: an operator or a unit other than a month's."""
    if measure is None or measure.value is None or _bare_month(measure):
        return False
    return measure.operator not in (None, "qualitative") or bool(measure.unit)


def settle_month_dates(indicators: Iterable[Indicator]) -> None:
    """Turn each bare month whose row holds no quantity beside it into the date it prints."""
    for ind in indicators:
        for mine, other in ((ind.target, ind.actual), (ind.actual, ind.target)):
            if _bare_month(mine.value) and not _quantity(other.value):
                _as_date(mine)


def _as_date(value: Value[Measure]) -> None:
    assert value.value is not None  # _bare_month said so
    value.value = Measure(operator="qualitative", text=value.value.text)
