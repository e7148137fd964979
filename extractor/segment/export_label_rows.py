"""Indicator rows of a one-line export that keep a pre-printed ``指标 N`` label, their wrapped
名称 / 内容 cell joined back (Fushun's 分解目标评价 table).

An export prints a cell's wrap as one space and ingest cuts the line there, so a row's content
arrives in pieces (``指标1 重点 工作完成率 ≥90% 92% 完成 30 30``, ``指标1 服务群众 满意度 …``); the
re-rowing then cuts the row at a piece that reads as a level word (``满意度``) and the column
placement puts pieces under the target and the actual.  The row's own shape says where the
content ends, counting back from its 完成程度 verdict, which two figures (分值, 得分) follow:
the actual stands just before the verdict and the target before it.  The pieces are joined only
where that is certain: the target is the row's first figure-like cell (an operator or a digit
opens it) or the row prints one short verdict twice (``及时 及时``, a target met), and nothing
else lies between the label and the target but text pieces.
"""

from __future__ import annotations

import re

from extractor.grid import Cell, joined_cell
from extractor.values import is_numeric, is_placeholder, squash

_LABEL = re.compile(r"^指标\d{1,2}$")  # the pre-printed 三级 label
_VERDICT = re.compile(r"^(完成|部分完成|未完成|达到|达成|未达到|基本完成)$")
_VALUE_HEAD = re.compile(r"^[≥≤=＝><＞＜≧≦]*\d|^[≥≤=＝><＞＜≧≦]+$")
_SENTENCE = re.compile(r"[，。；,;：:]")
_MAX_PIECES = 4


def _figure(cell: Cell) -> bool:
    return is_numeric(cell.clean) or is_placeholder(cell.clean)


def _value_like(cell: Cell) -> bool:
    return _figure(cell) or bool(_VALUE_HEAD.match(squash(cell.clean)))


def _piece(cell: Cell) -> bool:
    key = squash(cell.clean)
    return bool(key) and not _value_like(cell) and not _LABEL.match(key) and not _VERDICT.match(key) \
        and not _SENTENCE.search(key)


def _content_end(cells: list[Cell], label: int) -> int | None:
    """Where the target of the row the label at ``label`` opens stands, when certain (see module)."""
    verdict = next((j for j in range(label + 1, min(len(cells), label + 4 + _MAX_PIECES))
                    if _VERDICT.match(squash(cells[j].clean))), None)
    if verdict is None or verdict + 2 >= len(cells):
        return None
    if not (_figure(cells[verdict + 1]) and _figure(cells[verdict + 2])):
        return None  # not 分值 and 得分 after the verdict: not the row's end
    target = verdict - 2
    if target <= label + 1:
        return None
    between = cells[label + 1:target]
    first_value = next((j for j in range(label + 1, verdict) if _value_like(cells[j])), None)
    if first_value is not None:
        return target if first_value == target and all(_piece(c) for c in between) else None
    same = squash(cells[target].clean) == squash(cells[target + 1].clean)
    return target if same and all(_piece(c) for c in between) else None


def join_label_row_content(cells: list[Cell]) -> list[Cell]:
    """``cells`` with each labelled row's content pieces made one cell where the row's shape says
    where the content ends; other cells as they were."""
    if sum(1 for c in cells if _LABEL.match(squash(c.clean))) < 2:
        return cells
    out: list[Cell] = []
    k = 0
    while k < len(cells):
        cell = cells[k]
        out.append(cell)
        k += 1
        if not _LABEL.match(squash(cell.clean)):
            continue
        end = _content_end(cells, k - 1)
        if end is not None and end - k > 1:
            out.append(joined_cell(cells[k:end]))
            k = end
    return out
