"""Deduction rules a form states in its own words, parsed so the score can be re-derived.

Department sheets (and the Fushun 分解目标 table) print their scoring standard next to the
score: "差异率=0，得满分；…每增加5%（含）扣减0.5分，减至0分为止", "每超过一个百分点扣0.5分",
bands such as "0-10%(含),计2分;10-20%(含),计1分".  Only these regular shapes are parsed; a
rule with judgement in it (酌情扣分) yields nothing.  Where the wording leaves a choice (does
3% over a 5% step cost a step?) every reading is returned and any of them is accepted.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

_NUM = r"(-?\d+(?:\.\d+)?)"
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}
_STEP = re.compile(
    r"每(?:增加|超过|超出|上升|提高|增长|高于|多)\s*(\d+(?:\.\d+)?|[一二两三四五六七八九十])\s*"
    r"(?:%|％|个百分点|百分点)?\s*(?:[（(]含[)）])?\s*[，,]?\s*(?:扣减|扣除|扣)\s*(\d+(?:\.\d+)?)\s*分"
)
_FULL_AT = re.compile(
    r"(≤|≦|<=|=|＝|<)\s*" + _NUM + r"\s*[%％]?\s*时?\s*[，,]?\s*"
    r"(?:得满分|计满分|满分|[得计]\s*\d+(?:\.\d+)?\s*分)"
)
_STANDARD = re.compile(r"以\s*" + _NUM + r"\s*[%％]\s*为标准")
_ABOVE = re.compile(r">\s*" + _NUM + r"\s*[%％]?\s*时")
_ZERO_FULL = re.compile(r"=\s*0\s*[，,]?\s*(?:得|计)?满分")
_NONZERO_NONE = re.compile(r"≠\s*0\s*[，,]?\s*(?:得|计)\s*0\s*分")
_POINTS = re.compile(r"(?:[得计]\s*(\d+(?:\.\d+)?)\s*分|(不得分|不计分|得0分))")


@dataclass(frozen=True, slots=True)
class StepRule:
    """Full marks up to ``threshold``; each ``step`` beyond it costs ``deduction`` points."""

    threshold: Decimal
    step: Decimal
    deduction: Decimal
    absolute: bool

    def derive(self, measured: Decimal, weight: Decimal) -> list[Decimal]:
        value = abs(measured) if self.absolute else measured
        excess = value - self.threshold
        if excess <= 0:
            return [weight]
        steps = {math.floor(excess / self.step), math.ceil(excess / self.step)}
        return sorted({max(Decimal(0), weight - Decimal(n) * self.deduction) for n in steps})


@dataclass(frozen=True, slots=True)
class ZeroRule:
    """Full marks when the figure is 0, nothing otherwise (应缴财政款=0)."""

    def derive(self, measured: Decimal, weight: Decimal) -> list[Decimal]:
        return [weight if measured == 0 else Decimal(0)]


@dataclass(frozen=True, slots=True)
class BandRule:
    """Fixed points per range of the figure; boundaries count on both sides."""

    bands: tuple[tuple[Decimal | None, Decimal | None, Decimal], ...]  # (low, high, points)

    def derive(self, measured: Decimal, weight: Decimal) -> list[Decimal]:
        hits = {
            min(points, weight)
            for low, high, points in self.bands
            if (low is None or measured >= low) and (high is None or measured <= high)
        }
        return sorted(hits)


Rule = StepRule | ZeroRule | BandRule


def parse_rule(source: str) -> Rule | None:
    """The regular rule stated in ``source``, or None when there is none to re-derive."""
    if not source or "酌情" in source:
        return None
    step = _STEP.search(source)
    if step:
        threshold = _threshold(source[: step.start()] or source)
        if threshold is None:
            return None
        amount = step.group(1)
        size = Decimal(_CN_DIGITS[amount]) if amount in _CN_DIGITS else Decimal(amount)
        if size <= 0:
            return None
        return StepRule(threshold, size, Decimal(step.group(2)), "绝对值" in source)
    if _ZERO_FULL.search(source) and _NONZERO_NONE.search(source):
        return ZeroRule()
    return _bands(source)


def is_rule_text(source: str) -> bool:
    """Whether a target cell holds a scoring standard rather than a target value."""
    return bool(source) and ("满分" in source or "扣" in source) and "分" in source


def _threshold(source: str) -> Decimal | None:
    for pattern in (_FULL_AT, _STANDARD, _ABOVE):
        match = pattern.search(source)
        if match:
            return Decimal(match.group(match.lastindex or 1))
    return None


_RANGE = re.compile(_NUM + r"\s*[%％]?\s*(?:[（(]含[)）])?\s*[-—~～至]\s*" + _NUM)
_LOWER = re.compile(r"(?:≥|≧|>=|>|大于|高于|不低于)\s*" + _NUM + r"|" + _NUM + r"\s*[%％]?\s*(?:以上|及以上)")
_UPPER = re.compile(r"(?:≤|≦|<=|<|小于|低于|不高于)\s*" + _NUM + r"|" + _NUM + r"\s*[%％]?\s*(?:以下|及以下|以内)")
_EQUAL = re.compile(r"[=＝]\s*" + _NUM)


def _bands(source: str) -> BandRule | None:
    bands: list[tuple[Decimal | None, Decimal | None, Decimal]] = []
    for segment in re.split(r"[;；。]", source):
        points_match = _POINTS.search(segment)
        if not points_match:
            continue
        points = Decimal(points_match.group(1)) if points_match.group(1) else Decimal(0)
        condition = segment[: points_match.start()]
        band = _band(condition)
        if band is None:
            return None  # a segment we cannot read: better no rule than a wrong one
        bands.append((*band, points))
    return BandRule(tuple(bands)) if len(bands) >= 2 else None


def _band(condition: str) -> tuple[Decimal | None, Decimal | None] | None:
    if match := _RANGE.search(condition):
        low, high = Decimal(match.group(1)), Decimal(match.group(2))
        return (low, high) if low <= high else (high, low)
    if match := _LOWER.search(condition):
        return Decimal(match.group(1) or match.group(2)), None
    if match := _UPPER.search(condition):
        return None, Decimal(match.group(1) or match.group(2))
    if match := _EQUAL.search(condition):
        value = Decimal(match.group(1))
        return value, value
    return None
