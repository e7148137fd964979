"""A form title that wrapped in its cell on a one-line export, made one cell again.

An export prints a long title cell's wrap as one space and ingest cuts the line there, so the
title arrives as a piece and a title-like tail (``部门预算项 目支出绩效自评表``): the tail alone is
taken for the title, the piece for a stray cell, and the year line above it (``（2019年度）``) is
left outside the form.  The piece before the first title-like cell is joined to it only where it
can be nothing else: it opens the line or follows a line's year or unit cell, it is a short run
of Han characters (no figure, colon or bracket: no year, unit or label), it is no title itself,
and the two together read as a title.
"""

from __future__ import annotations

import re

from extractor.classify import is_title
from extractor.grid import Cell
from extractor.values import squash
from extractor.vocab import is_header_word

_PIECE = re.compile(r"^[\u4e00-\u9fff]{2,10}$")
_BEFORE = re.compile(r"(年度?[)）]?|单位[:：].*)$")  # a year line or a unit line run onto the table's line
_SCAN = 4  # cells at the line's start a title may stand after


def join_title_piece(cells: list[Cell]) -> list[Cell]:
    """``cells`` with a wrapped title's two pieces made one cell (see the module)."""
    at = next((k for k, c in enumerate(cells[:_SCAN]) if is_title(c.clean)), None)
    if not at:
        return cells
    piece, tail = cells[at - 1], cells[at]
    key = squash(piece.clean)
    if not _PIECE.match(key) or is_title(key) or is_header_word(key) or not is_title(key + squash(tail.clean)):
        return cells
    if at >= 2 and not _BEFORE.search(squash(cells[at - 2].clean)):
        return cells
    joined = Cell(f"{piece.clean} {tail.clean}", piece.row, piece.col, char_start=piece.char_start,
                  char_end=tail.char_end, page=piece.page)
    return [*cells[:at - 1], joined, *cells[at + 1:]]
