"""一级 groups of a table with no 分值 column, placed by the 得分 its rows print against each group's points.

A row's 得分 never exceeds its 分值 and a 一级 word's printed points are the 分值 of its rows, so the
rows of each group (in the template's order, each holding one row per 二级 word printed under it at
least) score no more than its points.  Where exactly one cut of the rows into groups keeps every
group within its points, that cut is the table's; where several do, nothing is placed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from schemas.common import Indicator

_MAX_CUTS = 2  # a second cut that fits makes the reading uncertain: stop looking


class _Pointed(Protocol):
    points: Decimal | None


def groups_by_scores(
    level1: Sequence[_Pointed], least: list[int], indicators: list[Indicator]
) -> list[list[int]] | None:
    """Row indexes of each 一级 word (template order) when one cut alone fits every group's points;
    ``least`` is each group's fewest rows (the 二级 words printed under it, one at least)."""
    scores = [i.score.value for i in indicators]
    points = [w.points for w in level1]
    if not level1 or any(s is None for s in scores) or any(p is None for p in points):
        return None
    found: list[list[list[int]]] = []
    _cut([s for s in scores if s is not None], [p for p in points if p is not None], [max(1, n) for n in least],
         0, [], found)
    return found[0] if len(found) == 1 else None


def _cut(scores: list[Decimal], points: list[Decimal], least: list[int], start: int, done: list[list[int]],
         found: list[list[list[int]]]) -> None:
    j = len(done)
    if len(found) >= _MAX_CUTS:
        return
    if j == len(points) - 1:
        rows = list(range(start, len(scores)))
        if len(rows) >= least[j] and sum(scores[start:], Decimal(0)) <= points[j]:
            found.append([*done, rows])
        return
    room = len(scores) - start - sum(least[j + 1:])
    for size in range(least[j], room + 1):
        if sum(scores[start:start + size], Decimal(0)) > points[j]:
            break
        _cut(scores, points, least, start + size, [*done, list(range(start, start + size))], found)
