"""Put back an indicator row's name that a PDF text layer emitted after the row's figures.

A text layer (and an Excel export) often emits a row's short cells first and its tall ones —
a name over two lines, a deviation sentence — after them, at the end of the row.  Cut by
``restream``, such a row has levels and figures but no name, and the next row opens with the
name that belongs to it (``产出指标 | 数量指标 | ≥6051人 | 6419人 | 25 | 25`` then ``指标1：发放补助人数 |
≥5次 …``).  Only that pattern is repaired: an indicator row without a name whose successor opens
with a long name followed by another name or by a figure; the name (with a deviation sentence
right after it) moves back to its row, into the name's place after the level words; so do a long
二级 word and the name standing alone on the next line.  A row of figures alone followed by a row
of levels and a name alone is one row whose cells were rotated, and header words printed before
their header's first word (a rotated header row) go back to its end.  Anything
else stays as cut, for the readers to place or flag.
"""

from __future__ import annotations

import re

from extractor.grid import Cell
from extractor.values import is_numeric, is_placeholder, normalize_operator, squash
from extractor.vocab import (
    FUNDS_COLUMNS,
    INDICATOR_COLUMNS,
    TOTAL_ROW_RE,
    is_any_level,
    is_header_word,
    match_column,
)

_TALL = 8  # the messy forms' experience: cells over 8 characters print on two lines
_SENTENCE = re.compile(r"[，。；,;]")


def _is_figure(text: str) -> bool:
    key = squash(text)
    return is_numeric(key) or normalize_operator(key) is not None or bool(re.match(r"^[≥≤=<>≧≦＞＜\d.]", key))


def _is_name(text: str) -> bool:
    key = squash(text)
    return bool(key) and not (is_any_level(text) or _is_figure(text) or is_placeholder(key)
                              or _SENTENCE.search(key) or is_header_word(key))


def _levels(row: list[Cell]) -> int:
    k = 0
    while k < len(row) and is_any_level(row[k].clean):
        k += 1
    return k


def _nameless(row: list[Cell]) -> bool:
    """Levels (or nothing) then figures only: the row's name was emitted after it."""
    rest = row[_levels(row):]
    return bool(rest) and _is_figure(rest[0].clean) and not any(_is_name(c.clean) for c in rest)


def _levels_and_name(row: list[Cell]) -> bool:
    """Level words, then a name and no figure (words of a qualitative target, a deviation
    sentence may follow): what a rotated row prints after its figures.  A sentence, a label row
    (其他需要说明 | 无, 项目名称 | …, 单位：万元) or a signature prints no level word first."""
    lv = _levels(row)
    rest = row[lv:]
    return lv > 0 and bool(rest) and _is_name(rest[0].clean) and not any(_is_figure(c.clean) for c in rest)


def _tall_tail(row: list[Cell]) -> bool:
    """Level words then one long name (and deviation sentences), no figure: a row's tall cells."""
    lv = _levels(row)
    rest = row[lv:]
    return (bool(rest) and _is_name(rest[0].clean) and len(squash(rest[0].clean)) > _TALL
            and all(_SENTENCE.search(squash(c.clean)) for c in rest[1:]))


def restore_tall_names(rows: list[list[Cell]]) -> list[list[Cell]]:
    """``rows`` (cut by ``restream``) with names emitted after their rows' figures put back."""
    out = [list(r) for r in rows]
    in_table = False
    for k in range(len(out) - 1):
        row, nxt = out[k], out[k + 1]
        if any(squash(c.clean).startswith("一级") for c in row):
            in_table = True
            continue
        if not in_table or not row or TOTAL_ROW_RE.match(squash(row[0].clean)):
            in_table = in_table and not (row and TOTAL_ROW_RE.match(squash(row[0].clean)))
            continue
        if _levels(row) == 0 and _nameless(row) and _levels_and_name(nxt):
            # a row rotated: its figures first, its levels and name after them
            out[k], out[k + 1] = [], [*nxt, *row]
            continue
        if _nameless(row) and _tall_tail(nxt):
            # its tall cells alone on the next line: a long 二级 word and the name, or the name
            lv = _levels(nxt)
            at = _levels(row)
            out[k], out[k + 1] = [*row[:at], *nxt[:lv], nxt[lv], *row[at:], *nxt[lv + 1:]], []
            continue
        if not _nameless(row) or len(nxt) < 2 or not _is_name(nxt[0].clean) or len(squash(nxt[0].clean)) <= _TALL:
            continue
        if not (_is_name(nxt[1].clean) or _is_figure(nxt[1].clean)):
            continue
        name = nxt.pop(0)
        notes: list[Cell] = []
        while nxt and _SENTENCE.search(squash(nxt[0].clean)):
            notes.append(nxt.pop(0))
        at = _levels(row)
        out[k] = [*row[:at], name, *row[at:], *notes]
    out = [r for r in out if r]
    _return_rotated_tails(out)
    _return_rotated_header_cells(out)
    _return_rotated_indicator_header(out)
    return [r for r in out if r]


def _indicator_word(cell: Cell) -> str | None:
    key = squash(cell.clean)
    return match_column(key, INDICATOR_COLUMNS) if is_header_word(key) else None


def _return_rotated_indicator_header(rows: list[list[Cell]]) -> None:
    """An indicator header row rotated prints its last column words before 一级指标: they end
    the row above (the goals text) or stand as a row of their own, before the block label
    (绩效指标).  Words of columns the header row lacks go back to its end, in print order."""
    for h, header in enumerate(rows):
        if not header or not squash(header[0].clean).startswith("一级"):
            continue
        have = {_indicator_word(c) for c in header}
        moved: list[Cell] = []
        k = h - 1
        if k >= 0 and len(rows[k]) == 1 and _indicator_word(rows[k][0]) is None and not _is_figure(rows[k][0].clean):
            k -= 1  # 绩效指标, the block's label
        while k >= 0 and rows[k] and all(_indicator_word(c) for c in rows[k]):
            moved[:0] = rows[k]
            k -= 1
        if k >= 0 and moved:
            tail: list[Cell] = []
            while len(rows[k]) > len(tail) + 1 and _indicator_word(rows[k][-1 - len(tail)]):
                tail.insert(0, rows[k][-1 - len(tail)])
            moved[:0] = tail
        kinds = [_indicator_word(c) for c in moved]
        if not moved or any(w in have for w in kinds) or len(set(kinds)) < len(kinds):
            continue
        for cell in moved:
            for row in rows[:h]:
                if cell in row:
                    row.remove(cell)
        header.extend(moved)


def _funds_header_cells(row: list[Cell]) -> bool:
    return bool(row) and all(match_column(c.clean, FUNDS_COLUMNS) and not is_numeric(squash(c.clean)) for c in row)


def _return_rotated_header_cells(rows: list[list[Cell]]) -> None:
    """A funds header row rotated prints its last column words before its label
    (``得分`` | ``项目资金（万元）`` | ``年初预算数`` … ``执行率``): a row of funds column words alone,
    followed by a label row and then the header's row, goes back to the header's end."""
    for k in range(len(rows) - 2):
        lone, label, header = rows[k], rows[k + 1], rows[k + 2]
        if len(lone) > 2 or not _funds_header_cells(lone) or len(label) != 1 or _funds_header_cells(label):
            continue
        if len(header) < 3 or not _funds_header_cells(header):
            continue
        words = {match_column(c.clean, FUNDS_COLUMNS) for c in header}
        if any(match_column(c.clean, FUNDS_COLUMNS) in words for c in lone):
            continue  # a column the header already has: no part of it
        header.extend(lone)
        lone.clear()


def _payload(row: list[Cell]) -> int:
    """The row's cells besides its levels, its name and its deviation sentences."""
    return sum(1 for c in row[_levels(row):] if not _SENTENCE.search(squash(c.clean))) - 1


def _return_rotated_tails(rows: list[list[Cell]]) -> None:
    """A row rotated by all but its last figures prints them before its levels: they end the row
    above.  Where the row above holds e figures more than the table's rows do and the row below
    e fewer, the e trailing figures move back to the end of the row below."""
    start = next((k + 1 for k, r in enumerate(rows) if any(squash(c.clean).startswith("一级") for c in r)), None)
    if start is None:
        return
    end = next((k for k in range(start, len(rows)) if rows[k] and TOTAL_ROW_RE.match(squash(rows[k][0].clean))),
               len(rows))
    table = rows[start:end]
    sizes = [_payload(r) for r in table]
    if len(sizes) < 3:
        return
    usual = max(set(sizes), key=sizes.count)
    for k in range(len(table) - 1):
        above, below = table[k], table[k + 1]
        extra = _payload(above) - usual
        if extra <= 0 or _payload(below) != usual - extra:
            continue
        tail = above[-extra:]
        if not all(_is_figure(c.clean) for c in tail):
            continue
        del above[-extra:]
        below.extend(tail)
