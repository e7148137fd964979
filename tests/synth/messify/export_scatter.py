"""A one-line xlsx export whose indicator header never prints whole (a real print of the
``export_late`` kind; invented examples below).

Merged header cells over two header rows export after the cells beside them, and a long header
word wraps in its narrow cell, so the header's words come out in pieces and scattered among the
first rows: ``一级 指标`` wrapped, ``二级指标 三级指标`` after the first names, the pieces of two
neighbouring cells interleaved (``年度 实际 指标值 完成值`` for ``年度指标值 | 实际完成值``), ``分值 得分``
between a row's name and its values.  No header row can be rebuilt from them; the rows are
numbered ``指标N:`` (afresh per 二级 word) and print name, target, actual, 分值, 得分 in the
template's order, so a person reads them by their shape.  The gold keeps every value.
"""

from __future__ import annotations

import random
import re

from extractor.vocab import INDICATOR_COLUMNS, match_column
from tests.synth.messify.base import Rows

_NUMBERED = re.compile(r"^★?指标\d+[：:]")
_NAME_HEADS = ("三级指标", "指标名称", "指标内容", "具体指标")
_ORDER = ["target", "actual", "weight", "score"]  # the real print's columns after the name


def _pieces(word: str, rng: random.Random) -> list[str]:
    """A header word wrapped in its narrow cell: two pieces (``年度`` ``指标值``), or whole."""
    if len(word) < 4 or rng.random() < 0.3:
        return [word]
    cut = rng.randint(2, len(word) - 2)
    return [word[:cut], word[cut:]]


def _scattered(head: list[str], rng: random.Random) -> list[list[str]]:
    """The header's cells in pieces, neighbours' pieces interleaved in some places
    (``年度 实际 指标值 完成值``), cut into two to four runs in print order."""
    words = [_pieces(t, rng) for t in head]
    flat: list[str] = []
    k = 0
    while k < len(words):
        a = words[k]
        b = words[k + 1] if k + 1 < len(words) else None
        if b is not None and len(a) == 2 and len(b) == 2 and rng.random() < 0.6:
            flat += [a[0], b[0], a[1], b[1]]
            k += 2
        else:
            flat += a
            k += 1
    n = min(len(flat), rng.randint(2, 4))
    cuts = sorted(rng.sample(range(1, len(flat)), n - 1))
    return [flat[a:b] for a, b in zip([0, *cuts], [*cuts, len(flat)], strict=False)]


def scatter_header(rows: Rows, rng: random.Random) -> Rows:
    """The indicator header row (one row holding ``一级指标``, a name column, then target,
    actual, 分值, 得分 and perhaps a reason; the rows right under it numbered ``指标N:``) printed
    in pieces among its first two to four rows' cells: its first run before the rows, the
    others each at a cell boundary of those rows, in order (between a name and its
    values, too).  Other templates' tables, and headers with no such rows, stay."""
    for h, head in enumerate(rows):
        if "一级指标" not in head:
            continue
        if not any(t in _NAME_HEADS for t in head) or any("评分" in t for t in head):
            return rows
        fields = [match_column(t, INDICATOR_COLUMNS) for t in head]
        after = fields[fields.index("name") + 1:] if "name" in fields else []
        if after not in (_ORDER, [*_ORDER, "deviation_reason"]):
            return rows  # another template's columns: not the print this shape stands for
        body: list[list[str]] = []
        for row in rows[h + 1:]:
            if not any(_NUMBERED.match(t) for t in row):
                break
            body.append(row)
        if len(body) < 3:
            return rows
        k = rng.randint(2, min(4, len(body) - 1))
        cells = [t for row in body[:k] for t in row]
        runs = _scattered(head, rng)
        # the runs after the first land at cell boundaries inside the first rows, in order
        spots = sorted(rng.sample(range(1, len(cells) + 1), len(runs) - 1))
        line = list(runs[0])
        last = 0
        for run, spot in zip(runs[1:], spots, strict=True):
            line += cells[last:spot] + run
            last = spot
        line += cells[last:]
        return rows[:h] + [line] + rows[h + 1 + k:]
    return rows
