"""A figure's unit printed at the start of the next row's name, run together (``≥24万元带动农户增收``).

A table with no 计量单位 column prints each target's unit after its figure; run together, the
unit touches the next row's name, and the row cutter ranks ``≥24`` | ``万元带动农户增收`` as well
as ``≥24万元`` | ``带动农户增收`` (a printed unit with no unit column is no evidence to it).  The
unit is moved back to its figure only where the words make the cut certain:

- the row's name states its unit in brackets (``养护道路里程(公里)``) and the next name starts with
  that unit; or
- the longest unit word the next name starts with has two characters or more (万元, 个月, 人次,
  公里, 元/人): no name opens with such a word; a single-character unit (处, 亩, 次, 年, 项) may
  open a name (处理率, 年度…, 项目…), so that row is left as cut and reported;

and in both the name left has two characters or more and starts with a Han character.
"""

from __future__ import annotations

import re

from extractor.layouts.fused.rows import RowCut, Slot
from extractor.vocab.units import MEASURE_UNITS

_HAN = re.compile(r"[\u4e00-\u9fff]")
_BRACKETED = re.compile(r"\(([^()]{1,6})\)$")


def _units_at(b: str, q: int) -> list[str]:
    """Unit words printed at ``q``, a rate (``元/人``) as one; longest first."""
    units = [u for u in MEASURE_UNITS if u != "%" and b.startswith(u, q)]
    rates = [f"{u}/{v}" for u in units if b.startswith("/", q + len(u))
             for v in MEASURE_UNITS if b.startswith(v, q + len(u) + 1)]
    return sorted(units + rates, key=len, reverse=True)


def move_units(b: str, rows: list[RowCut]) -> tuple[list[RowCut], list[int]]:
    """``rows`` (cut from ``b``) with each certain unit moved from a name's start to the figure
    just before it; and the indices of the rows whose name may open with that figure's unit."""
    out = list(rows)
    unsure: list[int] = []
    for k in range(1, len(out)):
        prev, row = out[k - 1], out[k]
        last = max(prev.slots.values(), key=lambda s: s.end, default=None)
        if last is None or last.kind != "measure" or last.end != row.name[0] or not b[last.end - 1].isdigit():
            continue
        units = _units_at(b, row.name[0])
        if not units:
            continue
        stated = _BRACKETED.search(b[prev.name[0]:prev.name[1]])
        unit = stated.group(1) if stated and stated.group(1) in units else units[0]
        rest = b[row.name[0] + len(unit):row.name[1]]
        if (len(unit) < 2 and unit != (stated.group(1) if stated else None)) or len(rest) < 2 \
                or not _HAN.match(rest):
            unsure.append(k)
            continue
        slots = dict(prev.slots)
        slots[last.field] = Slot(last.field, last.start, last.end + len(unit), last.kind)
        out[k - 1] = RowCut(prev.name, slots)
        out[k] = RowCut((row.name[0] + len(unit), row.name[1]), row.slots)
    return out, unsure
