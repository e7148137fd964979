"""Several projects' tables under one title: a form cut where the next one's header starts.

Pages that list a unit's projects print one title and then each project's table in turn, its
header (项目名称 …) repeated, no title of its own.  Segmentation cuts forms at titles, so all the
projects would be read as one form whose indicator table runs on into the next project's header.
A chunk is cut where a row opens with the label that opened the chunk's header (项目名称, 单位名称 …)
once an indicator table was printed since that label and another follows: the new form starts
there, untitled, of the same type (a label repeated under the last table, a signature block, cuts
nothing).  The lines just above it that name its unit or money unit (``207101某单位 | 单位：
万元``, ``单位：万元``) go with it.
"""

from __future__ import annotations

import re

from extractor.segment.types import FormChunk, Row
from extractor.values import squash

_HEAD_LABEL = re.compile(r"^(项目名称|单位名称|部门名称|部门[（(]单位[)）]名称|预算单位名称|专项名称)")
_INDICATOR_HEAD = re.compile(r"一级指标|三级指标")
_UNIT_CELL = re.compile(r"^(金额)?单位[:：]\s*(万元|元|千元)$")


def _label(row: Row) -> str | None:
    first = next((squash(t) for t in row.texts if t.strip()), "")
    m = _HEAD_LABEL.match(first)
    return m.group(1) if m else None


def _leads_next(row: Row) -> bool:
    """A line above a form's header that belongs to it: a short paragraph, or a row naming the
    money unit (``单位：万元``) beside at most two other cells."""
    texts = row.nonblank
    if row.is_paragraph:
        return len(texts) == 1 and len(texts[0]) <= 40
    return len(texts) <= 3 and any(_UNIT_CELL.match(squash(t)) for t in texts)


def _heads_table(row: Row) -> bool:
    return any(_INDICATOR_HEAD.search(squash(t)) for t in row.texts)


def _cut(rows: list[Row]) -> int | None:
    """Where the next project's form starts, or None."""
    opened: str | None = None
    table_since = False
    for k, row in enumerate(rows):
        label = _label(row)
        if label is not None and opened is None:
            opened = label
            continue
        if opened is None:
            continue
        if _heads_table(row):
            table_since = True
        elif label == opened and table_since and any(_heads_table(r) for r in rows[k + 1:]):
            while k > 0 and _leads_next(rows[k - 1]):
                k -= 1
            return k
    return None


def split_repeated_forms(chunk: FormChunk) -> list[FormChunk]:
    """``chunk`` cut into one form per project (see the module's docstring)."""
    parts = [chunk]
    while (cut := _cut(parts[-1].rows)) is not None and cut > 0:
        last = parts[-1]
        moved = last.rows[cut:]
        del last.rows[cut:]
        lead = [r.cells[0].clean for r in moved if r.is_paragraph]
        if lead:
            last.context = [t for t in last.context if t not in lead]
        nxt = FormChunk(last.index, last.form_type, last.type_confidence, "", None, moved, lead)
        parts.append(nxt)
    return parts
