"""Line numbers printed as a table's first column (``| 1 | 项目名称 | … |``, ``| 2 | …``).

Some exports number every printed line of a table, header rows included, in a column of their
own.  That column shifts every cell one place to the right of where the header words put it,
so the readers would place each row one column off.  A 序号 column under its own heading is
data (project lists are numbered that way) and stays: only a column that numbers the grid's
very first row ``1`` and then keeps counting (again from ``1`` for the next form's table) is
dropped.
"""

from __future__ import annotations

import re

from extractor.grid import Block, Grid

_INT = re.compile(r"^\d{1,3}$")
_MIN_ROWS = 4


def _numbers_lines(grid: Grid) -> bool:
    """The first cells read 1, 2, 3 … down the grid (a few rows may lack theirs), starting again
    at 1 where the next form's table follows without a break (one grid, several forms)."""
    firsts = [row[0].clean if row else "" for row in grid.rows]
    if len(firsts) < _MIN_ROWS or firsts[0] != "1":
        return False
    expected, hits = 1, 0
    for text in firsts:
        if _INT.match(text) and (int(text) == expected or (text == "1" and expected >= _MIN_ROWS)):
            hits += 1
            expected = int(text) + 1
        elif _INT.match(text):
            return False
    return hits >= 0.8 * len(firsts)


def drop_line_numbers(blocks: list[Block]) -> list[Block]:
    """Grids with their line-number column removed; other blocks as they are."""
    for block in blocks:
        if not isinstance(block, Grid) or not _numbers_lines(block):
            continue
        for r, row in enumerate(block.rows):
            if row and _INT.match(row[0].clean):
                del row[0]
            for k, cell in enumerate(row):
                cell.col = k
                cell.row = r
    return blocks
