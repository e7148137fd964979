"""Split a form into short model calls: one for its overview, a few for its indicator rows.

A 1.5B model on two cores reads ~64 prompt tokens/s and writes ~19 tokens/s, and even a large
hosted model copies cells more faithfully from a short prompt.  So a form is asked in parts: the
overview (header fields, funds block, goals — the rows above the indicator table) and the
indicator table in windows of ``rows_per_call`` rows, each window with the table's header rows
re-attached so that every call sees which column is which.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractor.llm.labels import header_rows, is_total_row
from extractor.rules.indicators import find_indicator_header
from extractor.segment import FormChunk
from extractor.values import squash
from schemas.common import SCORE_SHEET_TYPES

# header words of a score sheet's item table (计分标准 / 评分标准 …) and of any indicator table
_SCORE_HEADER = re.compile(r"计分标准|评分标准|评分细则|指标分值|自评打分|评价要点")
_TABLE_HEADER = re.compile(r"一级指标|二级指标|三级指标|指标名称|绩效指标")

Part = str  # "overview" | "rows"


@dataclass(frozen=True, slots=True)
class Call:
    """One model call: which part of the form, the rows it shows and the rows it must read."""

    part: Part
    header_rows: tuple[int, ...]  # re-attached table header rows (shown, not to be read)
    body_rows: tuple[int, ...]  # rows whose values the answer covers
    index: int = 0  # position among the form's calls of this part
    total_rows: tuple[int, ...] = ()  # the 合计/总分 rows among the body rows
    follow_up: bool = False  # asks again for rows an earlier window's answer left out

    @property
    def shows_total(self) -> bool:
        return bool(self.total_rows)

    @property
    def shown_rows(self) -> list[int]:
        return [*self.header_rows, *self.body_rows]

    @property
    def label(self) -> str:
        """What the call asks for, in findings: the overview or the range of indicator rows."""
        if self.part == "overview":
            return f"overview rows {self.body_rows[0]}–{self.body_rows[-1]} (header, funds, goals)"
        rows = f"indicator rows {self.body_rows[0]}–{self.body_rows[-1]}"
        return f"{rows} (left out by the first reading)" if self.follow_up else rows

    def follow_up_for(self, rows: list[int]) -> Call:
        """A window of its own for the ``rows`` this call's answer left out, same header shown.

        A small model reading eight rows sometimes starts at the fourth; shown only the rows it
        skipped, it reads them.  Asking once more is cheaper than a re-ask, which repeats the
        whole window and the answer, and it never repeats: a follow-up has no follow-up."""
        return Call(self.part, self.header_rows, tuple(rows), self.index, follow_up=True)


def table_header(chunk: FormChunk) -> tuple[int, int] | None:
    """First and last row of the indicator (or score-item) table header, when one is found."""
    if chunk.form_type in SCORE_SHEET_TYPES:
        found = find_indicator_header(chunk.rows)
        for i, row in enumerate(chunk.rows):
            if sum(bool(_SCORE_HEADER.search(squash(t))) for t in row.texts) >= 1 and len(row.nonblank) >= 3:
                # a second header line (一级/二级/三级 under 绩效指标) belongs to the header too
                return (i, found.last_row) if found is not None and found.first_row == i + 1 else (i, i)
        return None
    found = find_indicator_header(chunk.rows)
    if found is not None:
        return found.first_row, found.last_row
    for i, row in enumerate(chunk.rows):
        if any(_TABLE_HEADER.search(squash(t)) for t in row.texts) and len(row.nonblank) >= 3:
            return i, i
    return None


def plan_calls(chunk: FormChunk, rows_per_call: int) -> list[Call]:
    """The calls that together cover every non-empty row of the form."""
    nonempty = [i for i, r in enumerate(chunk.rows) if r.nonblank]
    header = table_header(chunk)
    if header is None:
        # unknown layout: the overview reads everything, and the rows calls read every row too
        overview = tuple(nonempty)
        body = nonempty
        table_head: tuple[int, ...] = ()
    else:
        first, last = header
        overview = tuple(i for i in nonempty if i < first)
        table_head = tuple(i for i in range(first, last + 1) if chunk.rows[i].nonblank)
        body = [i for i in nonempty if i > last]
    calls = _overview_calls(chunk, list(overview), rows_per_call + rows_per_call // 2)
    windows = [tuple(body[start:start + rows_per_call]) for start in range(0, len(body), rows_per_call)]
    # a window of one-cell rows only (其他说明, a closing note) holds no table row: not asked
    windows = [w for w in windows if any(len(chunk.rows[i].nonblank) >= 2 for i in w)]
    for k, window in enumerate(windows):
        totals = tuple(i for i in window if is_total_row(chunk.rows[i].texts))
        calls.append(Call("rows", table_head, window, k, totals))
    return calls


def _overview_calls(chunk: FormChunk, rows: list[int], size: int) -> list[Call]:
    """The rows above the indicator table in windows of at most ``size`` rows.

    A department form prints its income and spending lines, its 年度主要任务 and its ten goals
    above the table — forty rows a small model cannot answer in one go (it runs out of tokens
    half-way through the funds).  Windows break before a block's header row when the block would
    not fit (unless the window is still less than half full), and a window that starts inside a
    block shows that block's header row again, so every window says what its columns are."""
    heads = header_rows(chunk)
    section_of: dict[int, int] = {}  # row → the header row of its block
    current: int | None = None
    for i in rows:
        if i in heads:
            current = i
        if current is not None:
            section_of[i] = current
    calls: list[Call] = []
    window: list[int] = []

    def flush() -> None:
        if window:
            head = section_of.get(window[0])
            shown = (head,) if head is not None and head != window[0] else ()
            calls.append(Call("overview", shown, tuple(window), len(calls)))
            window.clear()

    block_size = Counter(section_of.values())
    for i in rows:
        if i in heads and window and len(window) + block_size[i] > size and len(window) >= size // 2:
            flush()
        if len(window) == size:
            flush()
        window.append(i)
    flush()
    return calls
