"""Indicator rows that text extraction broke over several lines, and typed filling of split targets.

A PDF copy can print ``效益指标 | 经济效益指标 | 减轻…负担`` on one line and its target, actual,
分值 and 得分 on the next lines (``有效`` / ``有效 | 10 | 10``).  A named row without any payload
is joined with the following short lines that carry no level word, up to the line that ends with
its numbers; nothing is joined when no such line comes.

``fill_free_columns`` places the leftover cells of a row whose empty cells were dropped: a
指标性质 column only takes an operator, a 度量单位 column only follows a numeric 指标值.
"""

from __future__ import annotations

from extractor.grid import Cell
from extractor.segment.types import Row
from extractor.values import is_numeric, is_placeholder, normalize_operator, squash
from extractor.vocab import TOTAL_ROW_RE, is_any_level

_MAX_JOIN = 3
_QUALIFIERS = {"定性", "定量", "正向", "反向"}


def _printed(row: Row) -> list[Cell]:
    return [c for c in row.cells if c.clean and not is_placeholder(c.clean)]


def _ends_with_numbers(cells: list[Cell]) -> bool:
    return len(cells) >= 2 and is_numeric(cells[-1].clean) and is_numeric(cells[-2].clean)


def _named_without_payload(row: Row) -> bool:
    cells = _printed(row)
    rest = [c for c in cells if not is_any_level(c.clean)]
    return len(rest) == 1 and not is_numeric(rest[0].clean) and not row.is_paragraph


def rejoin_wrapped_rows(rows: list[Row], first_data_row: int, width: int) -> list[Row]:
    """``rows`` with wrapped indicator rows (from ``first_data_row`` on) joined into one row each."""
    out = list(rows[:first_data_row])
    i = first_data_row
    while i < len(rows):
        row = rows[i]
        joined = _try_join(rows, i, width) if _named_without_payload(row) else None
        if joined is None:
            out.append(row)
            i += 1
            continue
        merged, used = joined
        out.append(merged)
        i += used
    return out


def _try_join(rows: list[Row], i: int, width: int) -> tuple[Row, int] | None:
    cells = _printed(rows[i])
    for k in range(i + 1, min(i + 1 + _MAX_JOIN, len(rows))):
        nxt = rows[k]
        more = _printed(nxt)
        if nxt.is_paragraph or not more or any(is_any_level(c.clean) for c in more):
            return None
        if TOTAL_ROW_RE.match(squash(more[0].clean)):
            return None
        cells = cells + more
        if len(cells) > width:
            return None
        if _ends_with_numbers(more):
            return Row(cells, rows[i].grid_id, rows[i].page), k - i + 1
    return None


def fill_free_columns(free: list[int], rest: list[Cell], columns: dict[int, str]) -> dict[int, Cell] | None:
    """Leftover cells in header order, skipping 指标性质 / 度量单位 columns that the cells do not fit."""
    placed: dict[int, Cell] = {}
    cells = list(rest)
    target_numeric = False
    for pos in free:
        if not cells:
            break
        field = columns[pos]
        text = squash(cells[0].clean)
        if field == "nature" and normalize_operator(text) is None and text not in _QUALIFIERS:
            continue
        if field == "unit" and (not target_numeric or is_numeric(text)):
            continue
        placed[pos] = cells.pop(0)
        if field == "target":
            target_numeric = is_numeric(text)
    return placed if not cells else None
