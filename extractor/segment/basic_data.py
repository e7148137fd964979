"""A 基础数据表 printed before a department score sheet: the figures the sheet is scored from.

It is not a form of its own (no schema describes it; typed by its words it would pass for a
self-evaluation with funds and no indicators), so segmentation holds its rows back and hands
them to the form that follows: the rows naming the unit (单位名称 | X) join the form's rows, where
its header reader finds them (not a row of column headings over figures, whose cell after
单位名称 is another heading), and every row is kept as context, one line per row.
"""

from __future__ import annotations

import re

from extractor.segment.types import FormChunk, Row
from extractor.values import is_numeric, squash
from extractor.vocab.forms import SCORE_SHEET_WORDS

_HEADING = re.compile(r"基础数据(表|采集表|统计表|情况表)?$")
_HEADER_LABEL = re.compile(r"^(单位名称|部门名称|部门（单位）名称|填报单位|预算单位|主管部门)")


def is_basic_data_heading(row: Row) -> bool:
    """The row's only text names a basic-data table (部门整体支出绩效评价基础数据表)."""
    texts = [squash(t) for t in row.texts if t.strip()]
    return len(texts) == 1 and len(texts[0]) <= 40 and bool(_HEADING.search(texts[0]))


def starts_sheet(row: Row) -> bool:
    """An untitled score sheet's header row ends the basic data."""
    joined = "".join(squash(t) for t in row.texts)
    return "一级指标" in joined or sum(w in joined for w in SCORE_SHEET_WORDS) >= 2


def attach(rows: list[Row], chunk: FormChunk) -> None:
    """Give the held-back basic-data rows to ``chunk``: label rows into its rows (before its
    own), every row as a context line."""
    labels = [r for k, r in enumerate(rows)
              if r.texts and _HEADER_LABEL.match(squash(next((t for t in r.texts if t.strip()), "")))
              and not _column_heads(r, rows[k + 1] if k + 1 < len(rows) else None)]
    chunk.rows[:0] = labels
    chunk.context[:0] = [" | ".join(t.strip() for t in r.texts if t.strip()) for r in rows]


def _column_heads(row: Row, below: Row | None) -> bool:
    """``单位名称 | 编制人数 | 实有人数 | 年末资产总额（万元）`` over a row of figures: the labels head
    columns whose values are printed below, so the cell after 单位名称 is a heading, not the unit."""
    texts = [t for t in row.texts if t.strip()]
    return len(texts) >= 3 and below is not None and not any(is_numeric(t) for t in texts) and \
        any(is_numeric(t) for t in below.texts)
