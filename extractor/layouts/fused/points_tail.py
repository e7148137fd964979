"""Points printed where a header names a target and an actual (a transfer payment page's rows).

A central transfer payment's self-evaluation page heads its indicator table 指标值 | 全年实际完成值
| 未完成原因和改进措施 and no 分值 / 得分, yet each row ends in its points: ``养护公路里程120公里1515``
is a name, a target and 15 | 15, not an actual of 1515.  Where the header names no weight and no
score, a row's "actual" that is a bare run of digits and could be a 分值 and an 得分 run together
(two figures, the second no greater than the first, at most 100) is therefore not read, nor a target
ending in a digit that touches it (its end is not printed).  Rows with an actual in a unit or a
percentage, and tables whose header prints 分值/得分, read as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol


class _Slot(Protocol):
    """A row cutter's cell (``rows.Slot``; named here so that ``rows`` may ask ``points_run``)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def kind(self) -> str: ...


_DIGITS = re.compile(r"[1-9]\d{1,5}")
_MAX_POINTS = 100


def _as_points(text: str) -> bool:
    """``text`` cuts into a 分值 and an 得分 somewhere (no leading zero, 得分 ≤ 分值 ≤ 100)."""
    for k in range(1, len(text)):
        weight, score = text[:k], text[k:]
        if score[0] == "0" and len(score) > 1:
            continue
        if int(score) <= int(weight) <= _MAX_POINTS:
            return True
    return False


def points_run(text: str) -> bool:
    """``text`` is a bare run of digits that may be a 分值 and an 得分 printed against each other."""
    return _DIGITS.fullmatch(text) is not None and _as_points(text)


def points_not_actual(t: str, base: int, slots: Mapping[str, _Slot], columns: frozenset[str]) -> set[str]:
    """The fields of a row (``actual``, and ``target`` where it ends in a digit) not to read because
    the row's last figures are its points under a header that names none (see the module)."""
    if not {"target", "actual"} <= columns or columns & {"weight", "score"}:
        return set()
    actual = slots.get("actual")
    if actual is None or actual.kind == "blank":
        return set()
    text = t[base + actual.start:base + actual.end]
    if not points_run(text):
        return set()
    out = {"actual"}
    target = slots.get("target")
    if target is not None and target.kind != "blank" and t[base + target.end - 1].isdigit():
        out.add("target")
    return out
