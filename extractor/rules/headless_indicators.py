"""Indicator rows whose header was not printed: an excerpt that begins mid-table.

A page copied from the middle of a report (or the second page of a scan) opens on a form's
indicator rows: no title, no header labels, no funds and no indicator header, or only the line
it was cut in.  Its rows still show what each column holds: the 一级/二级 words where a group
opens, the name after them, operators and units in columns of their own, measures, and the
合计/总分 row whose figures stand under the 分值 and 得分 columns.  The columns are named from
those shapes only when every one of them is certain (a weight column under the total row's first
figure, at most two measure columns after the name); otherwise nothing is read, as before.  The
form's header is never guessed: ``LAYOUT_HEADERLESS_TABLE`` says the rows were read without one.
"""

from __future__ import annotations

import re

from extractor.rules.indicators import IndicatorHeader
from extractor.segment.types import Row
from extractor.values import is_numeric, normalize_operator, squash
from extractor.vocab import LEVEL1_RE, LEVEL2_RE, TOTAL_ROW_RE, is_level
from schemas.common import Finding

_DIGIT = re.compile(r"\d")
_NATURE = re.compile(r"^(定性|定量|正向|反向|定性指标|定量指标|正向指标|反向指标)$")
_MIN_ROWS = 2


def headless_header(rows: list[Row]) -> tuple[list[Row], IndicatorHeader, bool] | None:
    """The rows behind an empty stand-in header row, the columns named from the rows' shapes and
    whether anything was printed above them; None unless the form's rows up to a total row read
    as indicator rows with certain columns."""
    total_at = next((i for i, r in enumerate(rows) if not r.is_paragraph and r.nonblank
                     and TOTAL_ROW_RE.match(squash(r.nonblank[0]))), None)
    if total_at is None:
        return None
    start = total_at
    while start > 0 and not rows[start - 1].is_paragraph and len(rows[start - 1].nonblank) >= 3:
        start -= 1
    body = rows[start:total_at]
    if len(body) < _MIN_ROWS or len({r.grid_id for r in body}) != 1:
        return None
    columns = _columns(body, rows[total_at])
    if columns is None:
        return None
    blank = Row([], body[0].grid_id, body[0].page)
    above = any(r.nonblank for r in rows[:start])
    return [blank, *rows[start:]], IndicatorHeader(0, 0, columns), above


def _column(rows: list[Row], k: int) -> list[str]:
    return [r.cells[k].clean for r in rows if k < len(r.cells) and r.cells[k].clean]


def _columns(body: list[Row], total: Row) -> dict[int, str] | None:
    width = max(len(r.cells) for r in body)
    levels = [k for k in range(width) if (texts := _column(body, k))
              and all(is_level(LEVEL1_RE, t) or is_level(LEVEL2_RE, t) for t in texts)]
    if not levels or len(levels) > 2 or levels != list(range(levels[0], levels[0] + len(levels))):
        return None
    cols: dict[int, str] = {}
    if len(levels) == 2:
        cols[levels[0]], cols[levels[1]] = "level1", "level2"
    else:
        texts = _column(body, levels[0])
        cols[levels[0]] = "level1" if all(is_level(LEVEL1_RE, t) for t in texts) else "level2"
    name_at = levels[-1] + 1
    names = _column(body, name_at)
    if len(names) != len(body) or any(is_numeric(t) for t in names):
        return None  # every row prints its name
    cols[name_at] = "name"
    figures = [k for k, c in enumerate(total.cells) if k > name_at and is_numeric(c.clean)]
    if not figures or len(figures) > 2:
        return None
    cols[figures[0]] = "weight"
    if len(figures) == 2:
        cols[figures[1]] = "score"
    if any(not is_numeric(t) for k in figures for t in _column(body, k)):
        return None
    measures: list[int] = []
    for k in range(name_at + 1, width):
        if k in cols:
            continue
        texts = _column(body, k)
        if not texts:
            continue
        if all(normalize_operator(t) is not None and not _DIGIT.search(t) or _NATURE.match(t) for t in texts):
            cols[k] = "nature"
        elif k > figures[-1]:
            if k != width - 1 and any(_column(body, j) for j in range(k + 1, width)):
                return None
            cols[k] = "deviation_reason"
        elif not any(_DIGIT.search(t) for t in texts) and all(len(t) <= 4 for t in texts) and measures:
            cols[k] = "unit"
        else:
            measures.append(k)
    if not measures or len(measures) > 2:
        return None
    cols[measures[0]] = "target"
    if len(measures) == 2:
        cols[measures[1]] = "actual"
    return cols


def headless_finding() -> Finding:
    return Finding(
        code="LAYOUT_HEADERLESS_TABLE",
        severity="warning",
        message_zh="表格从指标行开始（标题、表头及指标表头均未打印）；按一级/二级指标词、数值形态及合计行识别各列，表头信息未读取",
        message_en="the excerpt begins with indicator rows (no title, header or indicator header printed); "
                   "columns were named from the level words, the values' shapes and the total row; no header read",
        rule="rules.headless_indicators",
    )
