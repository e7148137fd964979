"""A Fushun 部门整体 self-evaluation excerpt that begins inside its 分解目标评价 table.

A page copied from the middle of the form opens on its indicator rows (no title, no sections,
no indicator header, or only the header line's last words) and ends on 总评价得分.  The generic
headless reader (``rules.headless_indicators``) names columns from a name right after the level
words, but here the pre-printed ``指标N`` slot stands between them, and the total row prints the
得分 alone.  The slot itself says where every column is: the template prints 一级 / 二级 before
it and name, target, actual, 完成程度, 分值, 得分 and 原因说明 after it, one cell each
(``segment.slot_rows``).  The rows are then placed and read as the whole form's
(``read.read_indicator_rows``); nothing above the rows (header, funds, goals) is guessed.
"""

from __future__ import annotations

from extractor.layouts.fushun.read import is_fushun, read_indicator_rows
from extractor.rules.align import Columns
from extractor.segment.slot_rows import slot_column
from extractor.segment.types import FormChunk, Row
from extractor.values import squash
from extractor.vocab import INDICATOR_COLUMNS, TOTAL_ROW_RE, match_column
from schemas.common import Finding, Goals
from schemas.dept_self_eval import DeptSelfEval

_MIN_ROWS = 2
_AFTER_SLOT = ("content", "target", "actual", "completion", "weight", "score", "reason")


def _rows_at(rows: list[Row]) -> tuple[int, int] | None:
    """(index of the first slot row, the slot column) when the chunk is an untitled run of Fushun
    indicator rows in one column layout closed by a total row, with only header words above."""
    first = next((i for i, r in enumerate(rows) if slot_column(r) is not None), None)
    if first is None:
        return None
    k = slot_column(rows[first])
    if k is None or k < 2:
        return None  # the level columns must stand before the slot
    if any(r.nonblank and not all(match_column(t, INDICATOR_COLUMNS) for t in r.nonblank) for r in rows[:first]):
        return None  # something other than the header's cut line above the rows
    count = 0
    for row in rows[first:]:
        if not row.nonblank:
            continue
        if TOTAL_ROW_RE.match(squash(row.nonblank[0])):
            return (first, k) if count >= _MIN_ROWS else None
        if slot_column(row) != k:
            return None
        count += 1
    return None


def is_fushun_headless(chunk: FormChunk) -> bool:
    return not chunk.title and not is_fushun(chunk.rows) and _rows_at(chunk.rows) is not None


def read_headless(chunk: FormChunk, form: DeptSelfEval) -> list[Finding]:
    """Fill ``form``'s indicators and total from the rows; returns the layout finding."""
    at = _rows_at(chunk.rows)
    assert at is not None  # detect() said so
    first, k = at
    columns: Columns = {k - 2: "level1", k - 1: "level2", k: "label"}
    columns |= {k + 1 + i: field for i, field in enumerate(_AFTER_SLOT)}
    findings: list[Finding] = []
    form.goals = Goals()
    form.groups = []
    form.indicators, form.totals = read_indicator_rows(chunk.rows, first - 1, columns, findings)
    findings.append(Finding(
        code="LAYOUT_HEADERLESS_TABLE",
        severity="warning",
        message_zh="抚顺版式整体自评表的节选从分解目标评价的指标行开始（标题、表头及指标表头均未打印）；按指标N栏定位各列，表头信息未读取",
        message_en="an excerpt of a Fushun form that begins with its 分解目标评价 rows (no title, header or "
                   "indicator header printed); columns placed from the 指标N slot; no header read",
        rule="layouts.fushun.headless",
    ))
    return findings
