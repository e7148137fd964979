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
from extractor.vocab import INDICATOR_COLUMNS, LEVEL1_RE, LEVEL2_RE, TOTAL_ROW_RE, is_level, match_column
from schemas.common import Finding

_DIGIT = re.compile(r"\d")
_NATURE = re.compile(r"^(定性|定量|正向|反向|定性指标|定量指标|正向指标|反向指标)$")
_MIN_ROWS = 2
_BARE = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")  # a weight: no unit, no sign, no thousands


def headless_header(rows: list[Row]) -> tuple[list[Row], IndicatorHeader, bool] | None:
    """The rows behind an empty stand-in header row, the columns named from the rows' shapes and
    whether anything was printed above them; None unless the form's rows (up to a total row, or
    a target table's whole run of rows) read as indicator rows with certain columns."""
    total_at = next((i for i, r in enumerate(rows) if not r.is_paragraph and r.nonblank
                     and TOTAL_ROW_RE.match(squash(r.nonblank[0]))), None)
    if total_at is not None:
        start, end = total_at, total_at
        while start > 0 and _tabular(rows[start - 1]):
            start -= 1
    else:
        run = _first_run(rows)
        if run is None:
            return None
        start, end = run
    body = rows[start:end]
    if len(body) < _MIN_ROWS or len({r.grid_id for r in body}) != 1:
        return None
    columns = _columns(body, rows[total_at] if total_at is not None else None)
    if columns is None:
        return None
    blank = Row([], body[0].grid_id, body[0].page)
    above = any(r.nonblank and not _header_words(r) for r in rows[:start])  # the cut header line aside
    return [blank, *rows[start:]], IndicatorHeader(0, 0, columns), above


def _tabular(row: Row) -> bool:
    """A table row that may be an indicator row: three cells or more, not only header words (the
    line the excerpt was cut in: ``年度指标值 | 全年实际值 | 得分 | …``)."""
    return not row.is_paragraph and len(row.nonblank) >= 3 and not _header_words(row)


def _header_words(row: Row) -> bool:
    return all(match_column(t, INDICATOR_COLUMNS) for t in row.nonblank)


def _first_run(rows: list[Row]) -> tuple[int, int] | None:
    """The first run of table rows that prints a 一级/二级 word: a table with no total row."""
    i = 0
    while i < len(rows):
        if not _tabular(rows[i]):
            i += 1
            continue
        j = i
        while j < len(rows) and _tabular(rows[j]) and rows[j].grid_id == rows[i].grid_id:
            j += 1
        if any(_is_level(t) for r in rows[i:j] for t in r.nonblank):
            return i, j
        i = j
    return None


def _is_level(text: str) -> bool:
    return is_level(LEVEL1_RE, text) or is_level(LEVEL2_RE, text)


def _column_texts(rows: list[Row]) -> list[list[str]]:
    """Each column's printed texts, top to bottom, read in one pass over the cells (column by
    column would cost rows x width: one hostile row of 25,000 cells over 8,000 short rows)."""
    out: list[list[str]] = [[] for _ in range(max(len(r.cells) for r in rows))]
    for r in rows:
        for k, cell in enumerate(r.cells):
            if cell.clean:
                out[k].append(cell.clean)
    return out


def _columns(body: list[Row], total: Row | None) -> dict[int, str] | None:
    texts_of = _column_texts(body)
    width = len(texts_of)

    def column(k: int) -> list[str]:
        return texts_of[k] if k < width else []  # the total row may be wider than the body

    levels = [k for k in range(width) if (texts := column(k)) and all(_is_level(t) for t in texts)]
    if not levels or len(levels) > 2 or levels != list(range(levels[0], levels[0] + len(levels))):
        return None
    cols: dict[int, str] = {}
    if len(levels) == 2:
        cols[levels[0]], cols[levels[1]] = "level1", "level2"
    else:
        texts = column(levels[0])
        cols[levels[0]] = "level1" if all(is_level(LEVEL1_RE, t) for t in texts) else "level2"
    for k in range(levels[0]):  # a merged label (绩效指标) printed again on every row: no field, and no
        if len(set(column(k))) == 1 and len(column(k)) == len(body):  # stray cell for the aligner to move
            cols[k] = "margin"
    name_at = levels[-1] + 1
    names = column(name_at)
    if len(names) != len(body) or any(is_numeric(t) for t in names):
        return None  # every row prints its name
    cols[name_at] = "name"
    if total is not None:
        figures = [k for k, c in enumerate(total.cells) if k > name_at and is_numeric(c.clean)]
    else:  # no total row: a target table's last column, a bare figure on every row, is its weight
        last = max(k for k in range(width) if column(k))
        # a row printing its name alone (its target and weight run together, neither read) prints no weight
        named_only = [r for r in body if not any(c.clean for c in r.cells[name_at + 1:])]
        figures = [last] if len(column(last)) == len(body) - len(named_only) >= _MIN_ROWS and all(
            _BARE.match(t) for t in column(last)) else []
    if not figures or len(figures) > 2:
        return None
    cols[figures[0]] = "weight"
    if len(figures) == 2:
        cols[figures[1]] = "score"
    if any(not is_numeric(t) for k in figures for t in column(k)):
        return None
    measures: list[int] = []
    for k in range(name_at + 1, width):
        if k in cols:
            continue
        texts = column(k)
        if not texts:
            continue
        if all(normalize_operator(t) is not None and not _DIGIT.search(t) or _NATURE.match(t) for t in texts):
            cols[k] = "nature"
        elif k > figures[-1]:
            if k != width - 1 and any(column(j) for j in range(k + 1, width)):
                return None
            cols[k] = "deviation_reason"
        elif not any(_DIGIT.search(t) for t in texts) and all(len(t) <= 4 for t in texts) and measures \
                and not _repeats(body, measures[-1], k):
            cols[k] = "unit"
        else:
            measures.append(k)
    if not measures or len(measures) > (2 if total is not None else 1):
        return None  # without a total row a second figure column may be the 分值 or the 得分
    cols[measures[0]] = "target"
    if len(measures) == 2:
        cols[measures[1]] = "actual"
    return cols


def _repeats(body: list[Row], left: int, k: int) -> bool:
    """Whether column ``k`` prints, on every row printing it, the text of column ``left``: a
    qualitative actual met as targeted (``逐年提升 | 逐年提升``), never a unit after its measure."""
    pairs = [(r.cells[left].clean if left < len(r.cells) else "", r.cells[k].clean)
             for r in body if k < len(r.cells) and r.cells[k].clean]
    return bool(pairs) and all(a == b for a, b in pairs)


def headless_finding() -> Finding:
    return Finding(
        code="LAYOUT_HEADERLESS_TABLE",
        severity="warning",
        message_zh="表格从指标行开始（标题、表头及指标表头均未打印）；按一级/二级指标词、数值形态及合计行识别各列，表头信息未读取",
        message_en="the excerpt begins with indicator rows (no title, header or indicator header printed); "
                   "columns were named from the level words, the values' shapes and the total row; no header read",
        rule="rules.headless_indicators",
    )
