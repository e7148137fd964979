"""Read the funds block (项目资金 / 年度预算安排 / 资金情况): one FundsRow per printed source row.

Columns are named by the header row's vocabulary.  When a data row prints more values than the
header has columns (Word tables whose merged budget cells were pasted once per grid column, seed
001: ``35 35 35 26.61 26.61 10 76% 7.6`` under six headers) the values are aligned by type and by
the printed 执行率, and the doubt is reported instead of guessed silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.align import Reading, choose, doubt
from extractor.rules.cells import number_value, percent_value, repeats_above, same_text, text_value
from extractor.segment.types import Row
from extractor.values import is_placeholder, parse_decimal, parse_percent, squash
from extractor.vocab import FUNDS_COLUMNS, MONEY_FIELDS, fund_role, is_slipped_figure, match_column, says_nothing
from schemas.common import Finding, FundsRow

_STOP_WORDS = ("年度总体目标", "总体目标", "预期目标", "绩效指标", "一级指标", "年度绩效目标", "整体绩效目标",
               "年度主要任务", "项目基本情况", "项目总体情况", "实际完成情况")


@dataclass(slots=True)
class FundsHeader:
    row_index: int
    fields: list[tuple[int, str]]  # (column position, FundsRow field)


def find_funds_header(rows: list[Row], limit: int) -> FundsHeader | None:
    for i, row in enumerate(rows[:limit]):
        fields: list[tuple[int, str]] = []
        for k, cell in enumerate(row.cells):
            name = match_column(cell.clean, FUNDS_COLUMNS)
            if name and name not in {f for _, f in fields}:
                fields.append((k, name))
        names = {f for _, f in fields}
        if len(fields) >= 2 and names & {"budget", "executed", "initial_budget"}:
            return FundsHeader(i, fields)
    return None


def read_funds(rows: list[Row], header: FundsHeader) -> tuple[list[FundsRow], list[Finding], int]:
    """Funds rows below ``header``; returns the rows, layout findings and the index after the block."""
    out: list[FundsRow] = []
    findings: list[Finding] = []
    i = header.row_index + 1
    while i < len(rows):
        row = rows[i]
        texts = row.texts
        if row.is_paragraph or any(w in squash(t) for t in texts for w in _STOP_WORDS):
            break
        label_idx = _label_index(row, rows[i - 1])
        if label_idx is None:
            if all(not t or is_placeholder(t) for t in texts):
                i += 1
                continue
            break
        label_cell = row.cells[label_idx]
        role = fund_role(label_cell.clean)
        if role is None:
            break
        fr = FundsRow(role=role, label=text_value(row, label_cell))
        values = row.cells[label_idx + 1:]
        _assign(fr, row, values, header, label_idx, findings, role)
        out.append(fr)
        i += 1
    return out, findings, i


def _label_index(row: Row, above: Row) -> int | None:
    """The row's label: the first non-numeric, non-placeholder cell."""
    for k, cell in enumerate(row.cells):
        t = cell.clean
        if not t or is_placeholder(t) or repeats_above(row, above, k):
            continue  # merged-cell copies (项目资金 spanning the block) are not this row's label
        if parse_decimal(t) is not None or parse_percent(t) is not None:
            return None
        return k
    return None


def _assign(
    fr: FundsRow, row: Row, values: list[Cell], header: FundsHeader, label_idx: int,
    findings: list[Finding], role: str,
) -> None:
    fields = [f for _, f in header.fields]
    # trailing empty cells carry no information
    while values and not values[-1].clean:
        values = values[:-1]
    label = row.cells[label_idx].clean
    positional = _positional(values, header, label_idx, label)
    if positional is not None:
        pairs, confidence = positional, 1.0
    else:
        printed = [c for c in values if not (c.continuation or same_text(c.clean, label))]
        pairs, confidence, ambiguous = typed_alignment(printed, fields)
        if ambiguous:
            findings.append(_ambiguous(row, values, role))
            confidence = 0.6
    for cell, field in pairs:
        if field == "rate":
            value = percent_value(row, cell, confidence=confidence)
        else:
            value = number_value(row, cell, confidence=confidence)
        if value.value is not None:
            setattr(fr, field, value)


def _positional(
    values: list[Cell], header: FundsHeader, label_idx: int, label: str
) -> list[tuple[Cell, str]] | None:
    """Cells under their header columns, when every printed value sits in a named column.

    Positions are absolute (index in the row) so blank cells keep their meaning; the label must sit
    left of the first money column, otherwise the row is shifted and is aligned by type instead;
    so is a row whose figures do not fit their columns' types (``32.4 | 31.69 | 10 | 97.80% | 9``
    under 年初 | 全年 | 执行 | 分值 | 执行率 | 得分: the blank 年初预算数 was dropped).
    A label merged across columns and exported with its text in each of them (TSV) is one label.
    """
    by_col = dict(header.fields)
    if label_idx >= header.fields[0][0]:
        return None
    pairs: list[tuple[Cell, str]] = []
    for k, cell in enumerate(values):
        pos = label_idx + 1 + k
        if cell.continuation or same_text(cell.clean, label):
            continue  # a copy of a merged cell: its anchor is read under its own column
        if pos in by_col:
            pairs.append((cell, by_col[pos]))
        elif cell.clean and not says_nothing(cell.clean):
            return None
    if any(_compat(cell.clean, field) < -1.5 for cell, field in pairs):
        return None  # a percent outside 执行率 or text among figures: a blank cell was dropped
    return pairs


def _compat(text: str, field: str) -> float:
    t = squash(text)
    if not t or says_nothing(t):
        return 0.0  # 无 in a figure column answers "none", as a blank mark does
    is_pct = t.endswith("%") or t.endswith("％")
    number = parse_percent(text) if is_pct else parse_decimal(text)  # the printed text: its digits' width counts
    if number is None:  # a figure with a digit OCR'd as a letter (6B2.87) holds its column, unread
        return 0.0 if is_slipped_figure(t) and is_pct == (field == "rate") else -2.0
    if field == "rate":
        return 2.0 if is_pct else -0.5
    if is_pct:
        return -3.0
    if field == "weight":
        return 0.5 if number <= 30 else -1.0
    return 1.0


_COPY_BONUS = 0.1  # a repeated value read as the merged-cell copy of the one before it


def typed_alignment(
    values: list[Cell], fields: list[str], reader: str = "funds"
) -> tuple[list[tuple[Cell, str]], float, bool]:
    """Align more (or fewer) values than columns; repeated values may be merged-cell copies.

    Every typed walk of the values over the columns in order is a reading for the column aligner
    (each skipped column an edit, at the aligner's one edit cost); readings that tie with different
    money are its rivals."""
    readings: list[Reading[list[tuple[Cell, str]]]] = []

    def walk(v: int, f: int, fit: float, skips: int, acc: list[tuple[Cell, str]], prev: str | None) -> None:
        if v == len(values):
            readings.append(Reading(list(acc), fit + _rate_bonus(acc), skips, _money(acc)))
            return
        text = squash(values[v].clean)
        if prev is not None and text == prev and text:
            walk(v + 1, f, fit + _COPY_BONUS, skips, acc, prev)  # a merged-cell copy of the previous value
        if not text:
            walk(v + 1, f, fit, skips, acc, prev)  # an empty cell may also be a dropped column
        elif _compat(values[v].clean, "budget") < -1.5 and v == len(values) - 1:
            walk(v + 1, f, fit, skips, acc, prev)  # a sentence after the figures: a 原因说明 column
        # later columns first: of two readings that tie, the one leaving the earlier column blank
        # is offered first and wins (forms leave 年初预算数 / 全年预算数 blank, not 执行数)
        for j in range(len(fields) - 1, f - 1, -1):
            c = _compat(values[v].clean, fields[j])
            if c < -1.5:
                continue
            acc.append((values[v], fields[j]))
            walk(v + 1, j + 1, fit + c, skips + j - f, acc, text)
            acc.pop()

    walk(0, 0, 0.0, 0, [], None)
    choice = choose(readings, reader=reader)
    if choice is None:
        return [], 0.5, True
    return choice.best.placed, 0.8, choice.doubtful or len(values) != len(fields)


def _money(pairs: list[tuple[Cell, str]]) -> list[tuple[str, str]]:
    return [(f, squash(c.clean)) for c, f in pairs if f in MONEY_FIELDS]


def _rate_bonus(pairs: list[tuple[Cell, str]]) -> float:
    """Prefer the reading whose executed/budget reproduces the printed 执行率."""
    got = {f: c.clean for c, f in pairs}
    budget = parse_decimal(got.get("budget", "")) if "budget" in got else None
    executed = parse_decimal(got.get("executed", "")) if "executed" in got else None
    rate = parse_percent(got.get("rate", "")) if "rate" in got else None
    if budget and executed is not None and rate is not None and budget != 0:
        derived = executed / budget * Decimal(100)
        return 3.0 if abs(derived - rate) <= Decimal("0.6") else -1.0
    return 0.0


def _ambiguous(row: Row, values: list[Cell], role: str) -> Finding:
    printed = " ".join(c.clean for c in values if c.clean)
    return doubt(
        "LAYOUT_FUNDS_AMBIGUOUS", "warning",
        f"资金行打印了{len([c for c in values if c.clean])}个数值（{printed}），与表头列数不符，已按类型和执行率对齐",
        f"funds row prints more values than header columns ({printed}); aligned by type and the printed rate",
        fields=[f"funds[{role}].budget"], cells=[c.ref(row.grid_id or "text") for c in values if c.clean],
        rule="funds.alignment",
    )
