"""The messifier's statement of how generated forms score an indicator by completion.

The generator scores a quantitative row 分值 × min(1, 完成值 / 指标值) (正向, a missed target) or
full marks (a met target, 正向 or 反向), to the cent.  A reader who knows a form scores that way may
cut a run of a row's four figures (``901010010``: 90 | 10 | 100 | 10) where one cut obeys it, so the
gold keeps such a run where the rule leaves one cut (``fused_pairs.certain_run``).  A careful reader
of the print cannot tell a met 反向 target from a missed 正向 one unless the row prints ``≤`` or its
unit is ``%`` (a rate such as 受害率), so only then is a completed figure under its target with full
marks allowed; a ``%`` row's figures are at most 100; a printed target carries points; the target
and its actual are within ten times each other.  The reader states the rule in
``extractor/vocab/figure_runs.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

_AT_MOST = ("≤", "≦", "<", "不高于", "不超过", "小于", "低于")
_HUNDRED = Decimal(100)
_ONE = Decimal(1)


def completion_rule(entry: dict[str, Any], row: list[str]) -> Callable[[dict[str, Decimal]], bool] | None:
    """The rule for ``entry``'s row, printed as ``row``; None when the row has no figure target
    and actual, weight and score (texts, dates, a target form)."""
    target, actual = entry.get("target"), entry.get("actual")
    if not (isinstance(target, dict) and isinstance(actual, dict) and "value" in target and "value" in actual):
        return None
    if target.get("operator") in ("qualitative", "date") or not all(isinstance(entry.get(f), str)
                                                                   for f in ("weight", "score")):
        return None
    percent = any(c.strip() == "%" for c in row)
    reverse = percent or str(target.get("text", "")).startswith(_AT_MOST)

    def rule(v: dict[str, Decimal]) -> bool:
        t, a, w, s = (v.get(f) for f in ("target", "actual", "weight", "score"))
        if percent and any(x is not None and x > _HUNDRED for x in (t, a)):
            return False
        if t is not None and w is not None and w == 0:
            return False
        if t is not None and a is not None and t > 0 and a > 0 and max(t, a) > 10 * min(t, a):
            return False
        if t is None or a is None or w is None or s is None:
            return True
        # a zero actual reads only as a 反向 target met (a 正向 one scored 0 is a run cut before 0 | 1 | 0)
        shares = [min(_ONE, a / t) if t else _ONE] if a else []
        shares += [min(_ONE, t / a) if a else _ONE] if reverse else []
        return any(abs((w * x).quantize(Decimal("0.01"), ROUND_HALF_UP) - s) <= Decimal("0.011") for x in shares)

    return rule
