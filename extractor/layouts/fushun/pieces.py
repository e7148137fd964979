"""Text cells a one-line Word export printed in pieces, joined back in the Fushun money tables.

A Word table's text layer prints each line of a narrow cell as its own token, so a label or a
project name can arrive in two or more pieces (``年度部门预 算支出小计（一+二）``, ``农村公路 养护资金``)
and every later cell of the row stands one token further on.  The 收支 and 年度主要任务 tables print
their text columns first and figures after them, so where a row prints more texts before its
figures than the table has text columns, which texts are pieces of one cell is certain in two
cases only: the 收支 table's one label column (every text before the figures is the label), and
a task whose 工作名称 is a numbered work item (``重点工作一``, whole: the project name holds the rest).
In the indicator table the 内容 column (the name) is the only text between the template's ``指标 N``
and a target that prints a figure or a sign, so the texts there are the name's pieces.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.grid import Cell
from extractor.rules.align import Columns
from extractor.segment.types import Row
from extractor.values import is_numeric, is_placeholder, normalize_operator, squash

_NUMBERED_TASK = re.compile(r"^(重点)?(工作|任务)[一二三四五六七八九十\d]{1,3}$")
_INDICATOR_LABEL = re.compile(r"^指标\d{1,2}$")  # the template's 三级 cell
_AFTER_NAME = 5  # cells a whole indicator row prints from its target on
_VALUE_COLUMNS = ("legend", "target", "unit_col", "actual")


def _figure(cell: Cell) -> bool:
    return is_numeric(cell.clean) or is_placeholder(cell.clean)


def _printed(row: Row, margin: str) -> list[int]:
    """Indices of the row's printed cells: not empty, no merge copy, not the section label a
    paste repeats (``margin``), and not a text printed again right after itself (a print that
    repeats a merged cell's text in every column it spans: a copy, never a piece)."""
    at: list[int] = []
    for k, c in enumerate(row.cells):
        if not c.clean or c.continuation or (margin and squash(c.clean) == margin):
            continue
        if at and not _figure(c) and squash(c.clean) == squash(row.cells[at[-1]].clean):
            continue
        at.append(k)
    return at


def _texts_then_figures(row: Row, at: list[int]) -> int | None:
    """How many texts the cells at ``at`` print before their figures, when every cell after them
    is a figure."""
    k = next((j for j, i in enumerate(at) if _figure(row.cells[i])), None)
    if k is None or not all(_figure(row.cells[i]) for i in at[k:]):
        return None
    return k


def _join(row: Row, pieces: list[int]) -> Row:
    """The row with its cells at ``pieces`` made one cell in the first one's place, the others
    emptied (every cell keeps its column)."""
    first, last = row.cells[pieces[0]], row.cells[pieces[-1]]
    whole = replace(first, text=" ".join(row.cells[i].clean for i in pieces), char_end=last.char_end,
                    ruby=sum(row.cells[i].ruby for i in pieces))
    cells = [whole if k == pieces[0] else replace(c, text="") if k in pieces else c for k, c in enumerate(row.cells)]
    return Row(cells, row.grid_id, row.page)


def join_label_pieces(row: Row, margin: str) -> Row:
    """A 收支 row whose label printed in pieces, the label made one cell."""
    at = _printed(row, margin)
    k = _texts_then_figures(row, at)
    return _join(row, at[:k]) if k is not None and k > 1 else row


def join_project_pieces(row: Row, margin: str) -> Row:
    """A 年度主要任务 row whose project name printed in pieces after a numbered work item, the
    project made one cell."""
    at = _printed(row, margin)
    k = _texts_then_figures(row, at)
    if k is None or k <= 2 or not _NUMBERED_TASK.match(squash(row.cells[at[0]].clean)):
        return row
    return _join(row, at[1:k])


def _measured(text: str) -> bool:
    """A target that prints a figure or a sign (``≥96%``, ``=0起``, ``11次``): never a name's piece."""
    key = squash(text)
    return bool(re.search(r"\d", key)) or normalize_operator(key[:1]) is not None or normalize_operator(key) is not None


def join_indicator_name(row: Row) -> Row:
    """An indicator row whose name (内容) printed in pieces between ``指标 N`` and a measured target
    (``指标1 应缴财政 款上缴率 =100% …``), the name made one cell."""
    at = [k for k, c in enumerate(row.cells) if c.clean and not c.continuation]
    label = next((j for j, i in enumerate(at) if _INDICATOR_LABEL.match(squash(row.cells[i].clean))), None)
    if label is None:
        return row
    end = next((j for j in range(label + 1, len(at)) if _measured(row.cells[at[j]].clean)), None)
    # the target, then 全年完成值 / 完成程度 / 分值 / 得分: a measured cell fewer cells from the end is
    # an actual after a text target, and the texts before it are no name alone
    if end is None or end - label - 1 < 2 or len(at) - end < _AFTER_NAME:
        return row
    return _join(row, at[label + 1:end])


def name_alone(columns: Columns) -> bool:
    """The header prints one column (内容) between the ``指标 N`` column and the target's: no
    other text column (a 指标描述 or 指标方向 beside the name) a name's piece could be."""
    label = next((k for k, f in sorted(columns.items()) if f == "label"), None)
    value = next((k for k, f in sorted(columns.items()) if f in _VALUE_COLUMNS), None)
    if label is None or value is None:
        return False
    between = [f for k, f in sorted(columns.items()) if label < k < value]
    return between == ["content"] and value - label == 2
