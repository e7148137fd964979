"""Where a pasted table's top header row sits over its sub-header row, for drawing only.

Pasted text gives a two-row header as two rows of cells in reading order: the top row prints one
cell per *group* (绩效指标 · 指标分值 · … · 评价方式 · 评价属性 · 自评打分 · 备注) and the row below
prints the sub-headers, with an empty cell wherever the group above has none (its cell ran down
over both rows).  Drawn cell by cell, the top row is squeezed into the left columns and every
group label stands over the wrong data.  The shape of the sub-header row says where each group
goes: an empty cell takes exactly one group, and each run of printed sub-headers is shared out
between one or more groups in equal widths.  When the printed counts allow exactly one such
sharing with equal widths, the top row is drawn with those spans (and its single-column groups
running down over the empty cell below); otherwise it is drawn as printed — a guess would put a
label over the wrong column, which is worse than the plain row.

The cells keep their own (row, col) — the extraction's provenance — and get a display column.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.grid import Cell

MAX_GROUPS = 16  # more groups than this in one header row is not a two-row header worth solving
MAX_RUNS = 6


@dataclass(frozen=True, slots=True)
class Placed:
    """One top-row cell drawn at display column ``x`` with its spans."""

    cell: Cell
    x: int
    colspan: int
    rowspan: int


def place_top_row(top: list[Cell], sub: list[Cell], below: list[Cell] | None) -> list[Placed] | None:
    """The top header row placed over ``sub``, or None when the shape does not say where uniquely.

    ``below`` (the first data row) must be as wide as ``sub``: that is what shows the sub-header
    row spans the table and the top row is the short one.
    """
    groups = [c for c in top if not c.is_blank]
    if len(groups) != len(top) or not 2 <= len(groups) <= MAX_GROUPS:
        return None
    width = len(sub)
    if width <= len(groups) or below is None or len(below) != width:
        return None
    if [c.col for c in sub] != list(range(width)) or [c.col for c in top] != list(range(len(top))):
        return None
    slots = _slots(sub)
    runs = [s for s in slots if s[2]]
    blanks = len(slots) - len(runs)
    if not runs or len(runs) > MAX_RUNS:
        return None
    shares = _unique_even_sharing([n for _, n, _ in runs], len(groups) - blanks)
    if shares is None:
        return None
    placed: list[Placed] = []
    share = iter(shares)
    index = 0
    for start, length, printed in slots:
        if not printed:
            placed.append(Placed(groups[index], start, 1, 2))
            index += 1
            continue
        k = next(share)
        each = length // k
        for j in range(k):
            placed.append(Placed(groups[index], start + j * each, each, 1))
            index += 1
    return placed


def _slots(sub: list[Cell]) -> list[tuple[int, int, bool]]:
    """The sub-header row as (start, length, printed): each empty cell alone, printed cells in runs."""
    slots: list[tuple[int, int, bool]] = []
    for cell in sub:
        if cell.is_blank:
            slots.append((cell.col, 1, False))
        elif slots and slots[-1][2] and slots[-1][0] + slots[-1][1] == cell.col:
            start, length, _ = slots[-1]
            slots[-1] = (start, length + 1, True)
        else:
            slots.append((cell.col, 1, True))
    return slots


def _unique_even_sharing(lengths: list[int], groups: int) -> tuple[int, ...] | None:
    """How many groups stand over each run: the one sharing where every run divides evenly."""
    even: list[tuple[int, ...]] = []

    def share(i: int, left: int, taken: tuple[int, ...]) -> None:
        if len(even) > 1:
            return
        if i == len(lengths):
            if left == 0:
                even.append(taken)
            return
        for k in (k for k in range(1, min(lengths[i], left) + 1) if lengths[i] % k == 0):
            share(i + 1, left - k, (*taken, k))

    share(0, groups, ())
    return even[0] if len(even) == 1 else None
