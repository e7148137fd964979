"""An xlsx export whose vertically merged cells interleave two indicator rows (a real print no dev
sample shows; invented example below).

Two indicator rows under one merged level cell export column by column: both names first, then
the two targets, then the two actuals, and so on (``数量指标 指标1：某某档案 指标2：发放资料 12000人
不少于10种 11800人 12种 3 3 3 2``); the rows after them print as usual.  Which figure belongs to which
name is certain only by the column order, so a reader may leave the pair unread: the gold keeps
every value (the form still says them), a wrong pairing is spurious.
"""

from __future__ import annotations

import random

from extractor.values import is_numeric
from tests.synth.messify.base import Rows


def _name_at(row: list[str], names: set[str]) -> int | None:
    """Where an indicator row's name sits: its one cell that is a gold indicator name."""
    at = [k for k, t in enumerate(row) if t in names]
    return at[0] if len(at) == 1 else None


def interleave_rows(rows: Rows, names: set[str], rng: random.Random) -> Rows:
    """One pair of indicator rows printed column by column: the upper row's leading cells, both
    names, then the cells after the names in turn (upper, lower).  A pair qualifies when the lower
    row opens with its name (its level cells merged upward) and both rows hold as many cells after
    the name, at least two of them figures; the pair is drawn among those; no pair, rows as they were."""
    pairs = []
    for k in range(len(rows) - 1):
        upper, lower = rows[k], rows[k + 1]
        at, below = _name_at(upper, names), _name_at(lower, names)
        if at is None or below is None or below > at or lower[:below] != upper[at - below:at]:
            continue
        if len(upper) - at == len(lower) - below and sum(is_numeric(t) for t in lower[below + 1:]) >= 2:
            pairs.append((k, at, below))
    if not pairs:
        return rows
    k, at, below = rng.choice(pairs)
    upper, lower = rows[k], rows[k + 1]
    merged = upper[:at] + [upper[at], lower[below]]
    for a, b in zip(upper[at + 1:], lower[below + 1:], strict=True):
        merged += [a, b]
    return rows[:k] + [merged] + rows[k + 2:]
