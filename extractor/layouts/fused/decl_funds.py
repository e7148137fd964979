"""A project-library declaration's funds cell, run together.

A township's declaration (项目库 项目绩效目标表) prints its funds in one labelled cell after
``年度资金总额及构成``: ``总额120.5万元财政拨款:100万元(其中:上级财政资金:80万元;本级财政:20万元)
二、自有资金:0万元三、其他:20.5万元``.  There is no funds header, so the column readers never see
it.  Each amount carries its own label and unit, so the cell can be read with certainty — but only
where it parses whole and its arithmetic confirms every role: the cell is a run of known source
labels each followed by one amount and one unit (the same unit throughout), the first the total,
no role twice; the total is the sum of the parts outside brackets, and each ``(其中:…)`` bracket
adds up to the part before it.  Anything else is left unread (the caller flags it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from schemas.common import FundRole

Span = tuple[int, int]

# the cell's caption: it opens the cell, whose amounts follow
CELL = re.compile(r"(?:年度)?资金总额及构成:?")
# a source's label as the declarations print it, with its role (an ordinal 二、 may lead it)
_WORDS: list[tuple[str, FundRole]] = [
    (r"总额", "total"), (r"财政拨款(?:资金)?", "fiscal"), (r"上级财政(?:资金)?|上级资金", "central_provincial"),
    (r"本级财政(?:资金)?|本级资金", "county"), (r"自有资金|单位自筹(?:资金)?", "unit_funds"),
    (r"其他(?:资金)?", "other"),
]
_LABEL = "|".join(f"(?P<r{k}>{w})" for k, (w, _) in enumerate(_WORDS))
_PART = re.compile(
    r"(?P<open>\(其中:?)?(?P<label>(?:[一二三四五六七八九]、)?(?:" + _LABEL + r"):?)"
    r"(?P<amount>\d+(?:\.\d+)?)(?P<unit>万元|元)(?P<close>\))?[;,]?"
)
# most parts a cell may hold (a bound on the parse, not a template)
_MAX_PARTS = 12


@dataclass(frozen=True, slots=True)
class CellPart:
    role: FundRole
    label: Span
    amount: Span
    value: Decimal


@dataclass(frozen=True, slots=True)
class FundsCell:
    parts: list[CellPart]
    unit: Span  # the first amount's unit (the cell's one unit)
    end: int  # where the parse stopped


def read_cell(t: str, pos: int) -> FundsCell | None:
    """The cell's parts from ``pos`` (just after ``CELL``) when it parses whole and adds up, else None."""
    parts: list[CellPart] = []
    parent: dict[int, int] = {}  # part index → the index of the part its bracket belongs to
    units: set[str] = set()
    unit: Span | None = None
    inside: int | None = None  # the bracket's parent while inside ``(其中:…)``
    while len(parts) < _MAX_PARTS and (m := _PART.match(t, pos)) is not None:
        if m.group("open"):
            if inside is not None or not parts:
                return None
            inside = len(parts) - 1
        role = next(_WORDS[k][1] for k in range(len(_WORDS)) if m.group(f"r{k}") is not None)
        try:
            value = Decimal(m.group("amount"))
        except InvalidOperation:
            return None
        if inside is not None:
            parent[len(parts)] = inside
        parts.append(CellPart(role, m.span("label"), m.span("amount"), value))
        units.add(m.group("unit"))
        unit = unit or m.span("unit")
        if m.group("close"):
            if inside is None:
                return None
            inside = None
        pos = m.end()
    if inside is not None or unit is None or len(units) != 1 or pos < len(t) and t[pos].isdigit():
        return None
    if not _adds_up(parts, parent):
        return None
    return FundsCell(parts, unit, pos)


def _adds_up(parts: list[CellPart], parent: dict[int, int]) -> bool:
    """One total first, no role twice, the total the sum of the top-level parts, each bracket the
    sum of its parent."""
    roles = [p.role for p in parts]
    if len(parts) < 2 or roles[0] != "total" or len(set(roles)) != len(roles):
        return False
    top = [p.value for k, p in enumerate(parts[1:], start=1) if k not in parent]
    if not top or sum(top, Decimal(0)) != parts[0].value:
        return False
    for k in set(parent.values()):
        if k == 0 or sum((parts[c].value for c, p in parent.items() if p == k), Decimal(0)) != parts[k].value:
            return False
    return True
