"""Was an indicator's target met?  Compares target and actual by operator, unit and date.

The answer is three-valued on purpose: where a target is qualitative (达成预期指标), the units
cannot be reconciled, or a bare number carries no operator, the validator reports nothing
rather than guess.  A bare 100% may be a floor (满意度), a ceiling (控制率, 调整率, 结余率) or a
budget (成本指标): only an actual equal to it is met under every reading.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from extractor.validate.arith import fmt, num
from extractor.validate.context import text
from extractor.vocab.units import UNIT_SCALES

Status = Literal["met", "missed", "unknown"]
Kind = Literal["quantitative", "date", "qualitative"]

_UNIT_NOISE = re.compile(r"[\s\u3000()（）]")
_BARE_NUMBER = re.compile(r"^(?:[≥≤=<>≧≦]|>=|<=)?\s*(-?\d+(?:\.\d+)?)\s*([^\d\s]{0,6})$")
_FULL_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_MONTH_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(?<![\d个])(\d{1,2})\s*月(?:份)?\s*(底|末|上旬|中旬|下旬)?")
_DATE_CUE = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*(?:底|末|上旬|中旬|下旬|\d{1,2}\s*[日号])"
    r"|\d{1,2}\s*月(?:份)?\s*(?:前|以前|之前)"
)
_NEGATIVE = ("未完成", "未达到", "未达成", "未实现", "未按时", "没有完成", "部分完成", "滞后")


@dataclass(frozen=True, slots=True)
class Outcome:
    """The verdict, what kind of comparison gave it, and the share earned when missed."""

    status: Status
    kind: Kind = "qualitative"
    ratio: Decimal | None = None  # proportional share of the weight (0..1) for a missed target
    direction: str = ""  # 正向 / 反向 for the message
    basis: str = ""  # "actual 4604人 vs target ≥4754人"


UNKNOWN = Outcome("unknown")


def compare(indicator: Any) -> Outcome:
    target = getattr(getattr(indicator, "target", None), "value", None)
    actual = getattr(getattr(indicator, "actual", None), "value", None)
    if target is None or actual is None:
        return _from_completion(indicator)
    t_text, a_text = target.text or "", actual.text or ""
    if _DATE_CUE.search(t_text):
        outcome = _compare_dates(t_text, a_text)
        if outcome.status != "unknown":
            return outcome
    outcome = _compare_numbers(indicator, target, actual)
    if outcome.status != "unknown":
        return outcome
    return _compare_texts(indicator, t_text, a_text)


def _number(measure: Any) -> tuple[Decimal | None, str | None]:
    """The measure's number and unit, from its parsed value or a cell that is just a number."""
    value = num(measure.value)
    if value is not None:
        return value, measure.unit
    match = _BARE_NUMBER.match((measure.text or "").strip())
    if match:
        value = num(match.group(1))
        return (value, match.group(2) or None) if value is not None else (None, None)
    return None, None


def _convert(value: Decimal, unit: str | None, target_unit: str | None) -> Decimal | None:
    """``value`` expressed in ``target_unit``; a side without a unit takes the other's."""
    u, t = _norm_unit(unit), _norm_unit(target_unit)
    if not u or not t or u == t:
        return value
    if u in UNIT_SCALES and t in UNIT_SCALES and UNIT_SCALES[u][0] == UNIT_SCALES[t][0]:
        return value * UNIT_SCALES[u][1] / UNIT_SCALES[t][1]
    return None


def _norm_unit(unit: str | None) -> str:
    clean = _UNIT_NOISE.sub("", unit or "").replace("％", "%")
    return clean.replace("*", "·").replace("×", "·")


def _compare_numbers(indicator: Any, target: Any, actual: Any) -> Outcome:
    op = target.operator
    t_val, t_unit = _number(target)
    a_val, a_unit = _number(actual)
    if t_val is None or a_val is None or op in ("qualitative", "≈"):
        return UNKNOWN
    t_unit = t_unit or text(getattr(indicator, "unit", None)) or None
    a_conv = _convert(a_val, a_unit, t_unit)
    if a_conv is None:
        return UNKNOWN
    unit = _norm_unit(t_unit)
    if op is None:  # no operator printed: only equality is met under every reading
        if a_conv != t_val:
            return UNKNOWN
        return Outcome("met", "quantitative",
                       basis=f"actual {fmt(a_conv)}{unit} = target {fmt(t_val)}{unit}")
    basis = f"actual {fmt(a_conv)}{unit} vs target {op}{fmt(t_val)}{unit}"
    met = {
        "≥": a_conv >= t_val, ">": a_conv > t_val, "≤": a_conv <= t_val,
        "<": a_conv < t_val, "=": a_conv == t_val,
    }[op]
    if met:
        return Outcome("met", "quantitative", basis=basis)
    ratio, direction = None, ""
    if op in ("≥", ">") and t_val > 0 and a_conv >= 0:
        ratio, direction = a_conv / t_val, "正向"
    elif op in ("≤", "<") and a_conv > 0 and t_val >= 0:
        ratio, direction = t_val / a_conv, "反向"
    elif op == "=" and t_val > 0 and a_conv > 0:
        ratio, direction = min(a_conv, t_val) / max(a_conv, t_val), "正向" if a_conv < t_val else "反向"
    if ratio is not None and ratio >= 1:
        ratio = None
    return Outcome("missed", "quantitative", ratio=ratio, direction=direction, basis=basis)


def _compare_dates(t_text: str, a_text: str) -> Outcome:
    """A time target is a deadline; an actual that straddles it gives no verdict.

    ``9月前`` read strictly is "before September", leniently "by the end of September"; the
    target is met only under the strict reading and missed only under the lenient one.
    """
    target, actual = _date_spec(t_text), _date_spec(a_text)
    if target is None or actual is None:
        return UNKNOWN
    year = target.year or actual.year or 2000
    t_lo, t_hi = target.span(target.year or year)
    a_lo, a_hi = actual.span(actual.year or year)
    loose_month = target.day is None and target.tail not in ("底", "末")
    strict = t_lo - timedelta(days=1) if target.before and loose_month else t_hi
    basis = f"actual {a_text.strip()} vs deadline {t_text.strip()}"
    if a_hi <= strict:
        return Outcome("met", "date", basis=basis)
    if a_lo > t_hi:
        return Outcome("missed", "date", basis=basis)
    return UNKNOWN


@dataclass(frozen=True, slots=True)
class DateSpec:
    """A printed date: a day, a month (with 底/上旬/… narrowing it) and whether 前 follows."""

    year: int | None
    month: int
    day: int | None
    tail: str
    before: bool

    def span(self, year: int) -> tuple[date, date]:
        last = calendar.monthrange(year, self.month)[1]
        if self.day is not None:
            d = date(year, self.month, min(self.day, last))
            return d, d
        lo, hi = {"底": (last, last), "末": (last, last), "上旬": (1, 10),
                  "中旬": (11, 20), "下旬": (21, last)}.get(self.tail, (1, last))
        return date(year, self.month, lo), date(year, self.month, hi)


def _date_spec(source: str) -> DateSpec | None:
    """The first date printed in ``source``, if any."""
    for pattern, has_day in ((_FULL_DATE, True), (_MONTH_DATE, False)):
        match = pattern.search(source)
        if not match or not 1 <= int(match.group(2)) <= 12:
            continue
        year = int(match.group(1)) if match.group(1) else None
        if year is not None and not 1900 <= year <= 2100:
            year = None  # an OCR'd or placeholder year; compare within one year instead
        day = int(match.group(3)) if has_day else None
        tail = "" if has_day else (match.group(3) or "")
        before = source[match.end():].lstrip().startswith(("前", "以前", "之前"))
        return DateSpec(year, int(match.group(2)), day, tail, before)
    return None


def _compare_texts(indicator: Any, t_text: str, a_text: str) -> Outcome:
    if any(marker in a_text for marker in _NEGATIVE):
        return Outcome("missed", "qualitative", basis=f"actual {a_text.strip()}")
    completion = _from_completion(indicator)
    if completion.status != "unknown":
        return completion
    if t_text.strip() and t_text.strip() == a_text.strip():
        return Outcome("met", "qualitative", basis=f"actual = target {t_text.strip()}")
    return UNKNOWN


def _from_completion(indicator: Any) -> Outcome:
    done = text(getattr(indicator, "completion", None))
    if any(marker in done for marker in _NEGATIVE):
        return Outcome("missed", "qualitative", basis=f"完成程度 {done}")
    return UNKNOWN


def measured_value(measure: Any) -> Decimal | None:
    """The number an actual measure states (``40%`` → 40), for stated-rule re-derivation."""
    value, _ = _number(measure)
    return value
