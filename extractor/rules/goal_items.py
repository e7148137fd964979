"""A goal row printed as numbered items, the expected goal's and then the actual's (sample 45).

A web page pastes the 预期目标 / 实际完成情况 cells as numbered paragraphs, one cell line each, so the
goal row holds ``目标1:… | 目标2… | 目标3:… | 目标1:… | 目标2… | 目标3:…``.  The numbering says where
the actual goal begins: the row is cut where it starts again at 1, and only when both halves count
1, 2, … without a gap — any other row is left to the column reader.
"""

from __future__ import annotations

import re

from extractor.grid import Cell
from extractor.rules.cells import joined_value
from extractor.segment.types import Row
from schemas.common import Value

_NUMBER = re.compile(r"^(?:目标|任务)?\s*[（(]?(\d{1,2})(?:[)）:：、．]|\.(?!\d)|(?=[\u4e00-\u9fff]))")


def _number(cell: Cell) -> int | None:
    m = _NUMBER.match(cell.clean)
    return int(m.group(1)) if m else None


def item_halves(row: Row, cells: list[Cell]) -> tuple[Value[str], Value[str]] | None:
    """The expected and actual goals when ``cells`` are two runs of items numbered from 1."""
    numbers = [_number(c) for c in cells]
    restarts = [k for k, n in enumerate(numbers) if n == 1]
    if len(cells) < 4 or restarts[:1] != [0] or len(restarts) != 2:
        return None
    cut = restarts[1]
    halves = (numbers[:cut], numbers[cut:])
    if any(h != list(range(1, len(h) + 1)) for h in halves):
        return None
    return (joined_value([(row, c) for c in cells[:cut]]), joined_value([(row, c) for c in cells[cut:]]))
