"""A target text wrapped in its cell, printed in two pieces before the same text whole as the
actual (``达到验收 标准 达到验收标准``): one cell again.

A qualitative row that met its target prints the same verdict twice; an export prints the
narrower cell's wrap as one space and ingest cuts the line there, so the row counts one cell
more than its columns and a reader counting cells (``export_late.restore_late_table``) puts
every later value a column off and gives up.  Two pieces whose join is exactly the next cell
can only be that twin's first half: they are joined, nothing else is.
"""

from __future__ import annotations

from extractor.grid import Cell
from extractor.values import is_numeric, is_placeholder, squash

_MIN = 4  # characters of a verdict worth wrapping (达到验收标准, 持续改善)


def _text(cell: Cell) -> bool:
    return bool(cell.clean) and not is_numeric(cell.clean) and not is_placeholder(cell.clean)


def join_twin_pieces(cells: list[Cell]) -> list[Cell]:
    """``cells`` with every pair of text pieces followed by their join whole made one cell."""
    out: list[Cell] = []
    k = 0
    while k < len(cells):
        if k + 2 < len(cells) and all(_text(c) for c in cells[k:k + 3]):
            a, b, c = cells[k:k + 3]
            joined = squash(a.clean) + squash(b.clean)
            if len(joined) >= _MIN and joined == squash(c.clean):
                out.append(Cell(f"{a.clean} {b.clean}", a.row, a.col, char_start=a.char_start,
                                char_end=b.char_end, page=a.page))
                k += 2
                continue
        out.append(cells[k])
        k += 1
    return out
