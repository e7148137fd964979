"""Fushun's indicator rows, recognised by their own shape: a form may start on them.

Fushun's 部门整体 template keeps the pre-printed ``指标N`` label in its 三级 column, then the name,
target, actual, a 完成程度 word (完成 / 部分完成 / 未完成) and the 分值 / 得分 figures.  An excerpt
that begins inside its 分解目标评价 table prints none of the body words that start a form (一级指标,
指标值 …) and the level words are its own (履职效能, 管理效率), so without this the segmenter found no
form at all.  The row's shape is the template's alone: a slot label four cells before a
completion word that two figures follow.
"""

from __future__ import annotations

import re

from extractor.segment.types import Row
from extractor.values import is_numeric, squash

_SLOT = re.compile(r"^指标\d+$")
_COMPLETION = re.compile(r"^(完成|部分完成|未完成)$")


def slot_column(row: Row) -> int | None:
    """The column of the row's ``指标N`` slot when the row reads as a Fushun indicator row (slot,
    name, target, actual, completion word, 分值, 得分); else None."""
    if row.is_paragraph:
        return None
    texts = [c.clean for c in row.cells]
    k = next((i for i, t in enumerate(texts) if _SLOT.match(squash(t))), None)
    if k is None or len(texts) < k + 7:
        return None
    name, completion, weight, score = texts[k + 1], texts[k + 4], texts[k + 5], texts[k + 6]
    if name and not is_numeric(name) and _COMPLETION.match(squash(completion)) and is_numeric(weight) \
            and is_numeric(score):
        return k
    return None
