"""A 基础数据表 printed before a department score sheet: the figures the sheet is scored from.

It is not a form of its own (no schema describes it; typed by its words it would pass for a
self-evaluation with funds and no indicators), so segmentation holds its rows back and hands
them to the form that follows: the rows naming the unit (单位名称 …) join the form's rows, where
its header reader finds them, and every row is kept as context, one line per row.
"""

from __future__ import annotations

import re

from extractor.segment.types import FormChunk, Row
from extractor.values import squash
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
    labels = [r for r in rows if r.texts and _HEADER_LABEL.match(squash(next((t for t in r.texts if t.strip()), "")))]
    chunk.rows[:0] = labels
    chunk.context[:0] = [" | ".join(t.strip() for t in r.texts if t.strip()) for r in rows]
