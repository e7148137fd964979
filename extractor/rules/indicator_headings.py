"""Indicator tables whose 一级 column survives only as heading lines (web pages copied as text).

A copied page can lose the 一级指标 column's geometry: its cells come out as lines of their own
between the rows (``(50分)``, ``满意度指标`` / ``(10分)``), while the header row keeps only
二级指标 | 三级指标 | ….  Labels are also broken over lines (``经济效益`` / ``指标``,
``可持续影`` / ``响指标``) and a row may keep its trailing numbers inside one cell
(``指标1:… 10 10``).  This pass repairs such a region before the indicator reader runs: broken
labels are joined, trailing numbers split off and the heading lines taken out; after the
reader has run, each indicator gets the 一级 of the heading above its row.  A heading that prints
only its subtotal is named from the 二级 words beneath it (数量/质量/时效/成本 → 产出指标, …) at
low confidence; when those words disagree it stays unnamed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.cells import traced
from extractor.rules.indicators import IndicatorHeader
from extractor.segment.types import Row
from extractor.values import is_numeric, is_placeholder, squash
from extractor.vocab import (
    LEVEL1_OF_LEVEL2,
    LEVEL1_WORDS,
    LEVEL2_RE,
    TOTAL_ROW_RE,
    is_level,
    is_level_word,
    split_subtotal,
)
from schemas.common import Indicator, IndicatorGroup

_BARE_SUBTOTAL = re.compile(r"^[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]$")
_TRAILING_NUMBERS = re.compile(r"^(.*?\S)((?:[ \u3000]+[-+]?\d+(?:\.\d+)?%?){2,})$")
_INFERRED_CONFIDENCE = 0.5


Key = tuple[str | None, int, int, int | None]


@dataclass(slots=True)
class Heading:
    """A 一级 heading line: its cell as printed, the 一级 name and stated subtotal it gives."""

    row: Row
    cell: Cell
    name: str
    stated: str | None
    confidence: float = 1.0


@dataclass(slots=True)
class HeadingPlan:
    """The repaired rows (headings taken out) and the 一级 heading that owns each data cell."""

    rows: list[Row]
    owner: dict[Key, Heading] = field(default_factory=dict)
    headings: list[Heading] = field(default_factory=list)


def _key(grid_id: str | None, cell: Cell) -> Key:
    return (grid_id or "text", cell.row, cell.col, cell.char_start)


def plan_headings(rows: list[Row], header: IndicatorHeader) -> HeadingPlan | None:
    """Repaired rows for a table whose header has 二级 but no 一级 column and whose body
    prints 一级 headings as lines of their own; None when the table needs no repair."""
    if "level1" in header.columns.values() or "level2" not in header.columns.values():
        return None
    start = header.last_row + 1
    end = _region_end(rows, start)
    body = _split_numbers(_join_fragments(rows[start:end]))
    if not any(_is_heading(r) or _heading_pair(r) for r in body):
        return None
    plan = HeadingPlan(rows=list(rows[:start]))
    current: Heading | None = None
    for k, row in enumerate(body):
        cell = _single(row)
        pair = _heading_pair(row)
        if pair is not None:  # 效益指标(30分) | 经济效益指标: the heading, then its first 二级 word
            cell, level2 = pair
            current = _heading(row, cell, body[k + 1:])
            plan.headings.append(current)
            row = Row([level2], row.grid_id, row.page)
        elif cell is not None and _is_heading(row):
            current = _heading(row, cell, body[k + 1:])
            plan.headings.append(current)
            continue
        plan.rows.append(row)
        if current is not None:
            for c in row.cells:
                plan.owner[_key(row.grid_id, c)] = current
    plan.rows.extend(rows[end:])
    return plan


def apply_headings(plan: HeadingPlan, indicators: list[Indicator], groups: list[IndicatorGroup]) -> None:
    """Give each indicator its heading's 一级 name, and each named heading its group."""
    for ind in indicators:
        if ind.level1.value:
            continue
        refs = [v.source[0] for v in (ind.name, ind.weight, ind.score, ind.target) if v.source]
        keys = ((r.grid_id, r.row, r.col, r.char_start) for r in refs)
        owner = next((plan.owner[k] for k in keys if k in plan.owner), None)
        if owner is None:
            continue
        if owner.name:
            ind.level1 = traced(owner.row, [owner.cell], owner.name, confidence=owner.confidence)
    level1 = [g for g in groups if g.level == 1]
    for h in plan.headings:
        if h.name and h.stated is not None and not any(g.name == h.name for g in level1):
            stated = traced(h.row, [h.cell], Decimal(h.stated), confidence=h.confidence)
            level1.append(IndicatorGroup(level=1, name=h.name, stated_weight=stated))
    groups[:] = level1 + [g for g in groups if g.level != 1]


def _region_end(rows: list[Row], start: int) -> int:
    for i in range(start, len(rows)):
        first = next((squash(t) for t in rows[i].texts if t.strip()), "")
        if rows[i].is_paragraph or TOTAL_ROW_RE.match(first):
            return i
    return len(rows)


def _single(row: Row) -> Cell | None:
    printed = [c for c in row.cells if c.clean]
    return printed[0] if len(printed) == 1 and not is_numeric(printed[0].clean) else None


def _join_fragments(rows: list[Row]) -> list[Row]:
    """One-cell lines that only make a label together (``可持续影`` + ``响指标``, ``满意度指标``
    + ``(10分)``) become one cell spanning both."""
    out: list[Row] = []
    for row in rows:
        cell = _single(row)
        prev = _single(out[-1]) if out else None
        if cell is not None and prev is not None and _joins(prev.clean, cell.clean):
            out[-1] = Row([_merged(prev, cell)], out[-1].grid_id, out[-1].page)
            continue
        out.append(row)
    return out


def _joins(a: str, b: str) -> bool:
    joined = squash(a) + squash(b)
    whole = is_level_word(joined) or _BARE_SUBTOTAL.match(squash(b)) is not None and is_level_word(a)
    closed = split_subtotal(squash(a))[1] is not None  # a label ends at its stated subtotal
    return whole and not closed and not (is_level_word(a) and is_level_word(b))


def _merged(a: Cell, b: Cell) -> Cell:
    return replace(a, text=a.clean + b.clean, char_end=b.char_end if b.char_end is not None else a.char_end)


def _split_numbers(rows: list[Row]) -> list[Row]:
    """``指标1:… 10 10`` kept in one cell: the trailing numbers become cells of their own."""
    out: list[Row] = []
    for row in rows:
        cell = _single(row)
        m = _TRAILING_NUMBERS.match(cell.clean) if cell is not None else None
        if cell is None or m is None or cell.char_start is None:
            out.append(row)
            continue
        offset = cell.char_start + len(cell.text) - len(cell.text.lstrip())
        cells = [replace(cell, text=m.group(1), char_end=offset + len(m.group(1)))]
        for num in re.finditer(r"\S+", m.group(2)):
            begin = offset + len(m.group(1)) + num.start()
            cells.append(replace(cell, text=num.group(0), col=cell.col + len(cells), char_start=begin,
                                 char_end=begin + len(num.group(0))))
        out.append(Row(cells, row.grid_id, row.page))
    return out


def _is_heading(row: Row) -> bool:
    """A line holding only a 一级 heading: a bare subtotal, or a 一级 word with its subtotal."""
    cell = _single(row)
    if cell is None:
        return False
    text = squash(cell.clean)
    if _BARE_SUBTOTAL.match(text):
        return True
    name, stated = split_subtotal(text)
    return stated is not None and name in LEVEL1_WORDS


def _heading_pair(row: Row) -> tuple[Cell, Cell] | None:
    """A heading line that also prints its group's first 二级 word (sample 32:
    ``效 益 指 标 (30分) | 经济效益 指标``): the heading cell and the 二级 cell."""
    printed = [c for c in row.cells if c.clean]
    if len(printed) != 2 or not _is_heading(Row([printed[0]], row.grid_id, row.page)):
        return None
    return (printed[0], printed[1]) if is_level(LEVEL2_RE, printed[1].clean) else None


def _heading(row: Row, cell: Cell, below: list[Row]) -> Heading:
    """The heading's name; a bare ``(50分)`` is named after the 二级 words under it when they
    agree on one 一级, and stays unnamed otherwise."""
    name, stated = split_subtotal(squash(cell.clean))
    if name:
        return Heading(row, cell, name, stated)
    parents: set[str] = set()
    for row in below:
        if _is_heading(row):
            break
        first = next((c.clean for c in row.cells if c.clean and not is_placeholder(c.clean)), "")
        word = squash(split_subtotal(first)[0])
        if LEVEL2_RE.match(word):
            parents.add(next((p for pattern, p in LEVEL1_OF_LEVEL2 if pattern.match(word)), "?"))
    if len(parents) != 1 or "?" in parents:
        return Heading(row, cell, "", stated)
    return Heading(row, cell, parents.pop(), stated, _INFERRED_CONFIDENCE)
