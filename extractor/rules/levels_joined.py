"""一级 and 二级 printed in one cell (``产出指标-数量指标``, ``效益指标（30分）/社会效益指标``).

Some county templates give the two levels one column (headed 一级/二级指标 or 指标类别) and print
both words in its cell.  The cell is split only where both halves are level words, so a name that
merely holds a dash stays whole.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.grid import Cell
from extractor.vocab import LEVEL1_RE, LEVEL2_RE, is_level

_JOIN = re.compile(r"\s*[-—－/／]\s*")


def split_level_text(text: str) -> tuple[str, str] | None:
    """(一级, 二级) words of a text printing both, else None."""
    for m in _JOIN.finditer(text):
        first, second = text[: m.start()].strip(), text[m.end():].strip()
        if first and second and is_level(LEVEL1_RE, first) and is_level(LEVEL2_RE, second):
            return first, second
    return None


def split_levels(cell: Cell) -> tuple[Cell, Cell] | None:
    """(一级 cell, 二级 cell) cut from one cell printing both, else None."""
    words = split_level_text(cell.clean)
    return None if words is None else (replace(cell, text=words[0]), replace(cell, text=words[1]))
