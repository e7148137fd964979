"""Labels a web page wrapped inside their cell, over two lines of a spaced print.

A Sichuan declaration page copied as spaced rows prints a rowspan cell where the browser broke
it: the 一级 word ``项目完成`` on a line of its own, then ``指标`` alone or opening the group's first
row (``指标 数量指标 某某人数 63人``); the goal label ``总体`` then ``目标`` (alone, or before
``年度目标``).  Read as they stand, the parts are rows of their own (names with no target, a goal
no label announces).  A one-cell grid row joins the first cell of the grid row after it when the
joined words are a level word or a goal label and neither part is one (``产出指标`` then
``数量指标`` stay two words).  No digit on either side: a name or a figure never joins.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.grid import Cell
from extractor.segment.types import Row
from extractor.vocab import is_level_word, squash

_HEAD_MAX = 6  # 项目完成, 经济效: the upper part of a wrapped label
_TAIL_MAX = 4  # 指标, 益指标, 目标
_LEVEL_HEAD_MAX = 8  # 服务对象满意度 / 指标: a 二级 word whose 指标 wrapped
_DIGIT = re.compile(r"\d")
_LEVEL_TAIL = "指标"
_BLOCK_LABEL = "绩效指标"
_GOAL_LABEL = re.compile(r"^(总体目标|年度总体目标|年度目标|绩效目标)$")


def _label(key: str) -> bool:
    return is_level_word(key) or bool(_GOAL_LABEL.match(key))


def _printed(row: Row) -> list[Cell]:
    return [c for c in row.cells if c.clean]


def _joins(head: str, tail: Cell) -> bool:
    """``head`` and the first word of ``tail`` are one label wrapped: neither part a label, or a
    二级 word printed without its ``指标`` (``社会效益`` / ``指标``: the cell's tail is the word's
    own, the whole word is what the row prints)."""
    a = squash(head)
    words = tail.clean.split()
    b = squash(words[0]) if words else ""
    if _DIGIT.search(a + b):
        return False
    if b == _LEVEL_TAIL and 0 < len(a) <= _LEVEL_HEAD_MAX and not a.endswith((_LEVEL_TAIL, "值")):
        return is_level_word(a + b)
    if not (0 < len(a) <= _HEAD_MAX and 0 < len(b) <= _TAIL_MAX):
        return False
    return _label(a + b) and not _label(a) and not _label(b)


def _upper(cell: Cell) -> str:
    """The upper part of a label in a one-cell row: the 一级 block's label may share the line
    with the first 一级 word (``绩效指标 项目完成``)."""
    words = cell.clean.split()
    return words[1] if len(words) == 2 and squash(words[0]) == _BLOCK_LABEL else cell.clean


def join_wrapped_labels(rows: list[Row]) -> list[Row]:
    """``rows`` with each label wrapped over two grid rows joined back into the lower row's first
    cell (the upper one-cell row dropped)."""
    out: list[Row] = []
    k = 0
    while k < len(rows):
        row = rows[k]
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        head = _printed(row)
        tail = _printed(nxt) if nxt is not None else []
        upper = _upper(head[0]) if len(head) == 1 else ""
        if (nxt is not None and not row.is_paragraph and not nxt.is_paragraph and len(head) == 1 and tail
                and _joins(upper, tail[0])):
            start = head[0].char_start
            skip = len(head[0].clean) - len(upper)  # the block label and its space
            joined = replace(tail[0], text=upper + tail[0].clean, char_start=None if start is None else start + skip,
                             ruby=head[0].ruby + tail[0].ruby)
            # the block label (a rowspan cell over the whole block) names no row: left out
            out.append(Row([joined if c is tail[0] else c for c in nxt.cells], nxt.grid_id, nxt.page))
            k += 2
            continue
        out.append(row)
        k += 1
    return out
