"""A PDF page's number printed inside a one-line text layer (``… 权重 — 2 — 年度绩效指标 …``).

A text layer copied as one line carries the page footer where the page broke (dev 17: ``— 1 —``
inside a duties row).  As three cells it would cut a row in two and take a column; a page number
between two dashes is no cell of any form, so the three tokens leave the row.
"""

from __future__ import annotations

import re

_DASH = re.compile(r"^[—－]$")
_PAGE = re.compile(r"^\d{1,3}$")
_STREAM_MIN = 25  # tokens of a line that is a whole table run together, not a row


def drop_page_marks(cells: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``cells`` (text, offset) of a run-together line without its ``— N —`` page marks."""
    if len(cells) < _STREAM_MIN:
        return cells
    out: list[tuple[str, int]] = []
    k = 0
    while k < len(cells):
        if (k + 2 < len(cells) and _DASH.match(cells[k][0]) and _PAGE.match(cells[k + 1][0])
                and cells[k + 2][0] == cells[k][0]):
            k += 3
            continue
        out.append(cells[k])
        k += 1
    return out


_MARK_LINE = re.compile(r"^\s*[—－-]\s*\d{1,3}\s*[—－-]\s*$")


def is_page_mark(line: str) -> bool:
    """A line that is only a page number between dashes (``— 2 —``): page furniture, no row."""
    return _MARK_LINE.match(line) is not None
