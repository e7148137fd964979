"""A 年度主要任务 row whose 对应项目 wrapped in its narrow cell (a one-line export prints the wrap
as a space: ``重点工作一 农村公 路养护资金 —— 42.01 42.01 100%``), its project made one cell again.

The row then prints three texts before its money for two text columns, and the aligner places
the pieces as name and project.  Which two pieces are one is certain only where the names are a
numbered series (``重点工作一``, ``重点工作二`` …: the same words and a numeral, every row of the
table): the first cell is then the name and every text after it up to the money the project.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.grid import Cell
from extractor.segment.types import Row
from extractor.values import is_numeric, is_placeholder, squash

_SERIAL = re.compile(r"^(?P<stem>\D{2,8}?)(?:[一二三四五六七八九十]{1,3}|\d{1,2})$")
_MAX_PIECES = 3


def _money(cell: Cell) -> bool:
    return is_numeric(cell.clean) or is_placeholder(cell.clean) or cell.clean.endswith("%")


def serial_stem(rows: list[Row]) -> str | None:
    """The words every task row's first cell shares before its numeral, when each row opens with
    one (two rows at least); else None."""
    stems = set()
    for row in rows:
        cells = [c for c in row.cells if c.clean]
        match = _SERIAL.match(squash(cells[0].clean)) if cells else None
        if match is None:
            return None
        stems.add(match["stem"])
    return stems.pop() if len(rows) >= 2 and len(stems) == 1 else None


def join_project(row: Row) -> Row:
    """The row with the texts between its (serial) name and its money joined into one project cell,
    where there are two or three of them; else the row as it was."""
    cells = [c for c in row.cells if c.clean]
    end = next((k for k, c in enumerate(cells) if _money(c)), len(cells))
    pieces = cells[1:end]
    if not 2 <= len(pieces) <= _MAX_PIECES:
        return row
    first, last = pieces[0], pieces[-1]
    project = replace(first, text=" ".join(c.clean for c in pieces), char_end=last.char_end)
    out = [cells[0], project, *cells[end:]]
    return Row([replace(c, col=k) for k, c in enumerate(out)], row.grid_id, row.page)
