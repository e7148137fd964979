"""Funds rows whose labels were shifted onto the previous line by PDF text extraction.

Some PDF mirrors (Yunnan 公开14表) print a row's label at the end of the line above it:
``年初预算数 … 得分 | 年度资金总额`` then ``387664.62 | 387664.62 | 10 | 100% | 10 | 其中:当年财政拨款``.
Reading the block as one stream of cells restores the order label → values.  The first row's
values are aligned by type and the printed rate; later rows only reuse the money columns that the
first row filled, and rows printing anything else keep their label only (positions unknown).
"""

from __future__ import annotations

from extractor.grid import Cell
from extractor.rules.cells import number_value, percent_value, text_value
from extractor.rules.funds import FundsHeader, typed_alignment
from extractor.segment.types import Row
from extractor.values import is_placeholder, parse_decimal, parse_percent, squash
from extractor.vocab import MONEY_FIELDS, fund_role
from schemas.common import Finding, FundsRow

_STOP_WORDS = ("总体目标", "预期目标", "绩效指标", "一级指标", "实际完成情况", "年度绩效目标")
_SHIFTED_CONFIDENCE = 0.8


def _is_label(cell: Cell) -> bool:
    t = cell.clean
    return bool(t) and not is_placeholder(t) and parse_percent(t) is None and fund_role(t) is not None


def _stream(rows: list[Row], header: FundsHeader, limit: int) -> list[tuple[Row, Cell]] | None:
    """Cells from the header's trailing label to the end of the block; None when not this layout."""
    head = rows[header.row_index]
    last_col = max(k for k, _ in header.fields)
    trailing = [c for c in head.cells[last_col + 1:] if c.clean]
    if len(trailing) != 1 or not _is_label(trailing[0]):
        return None
    out: list[tuple[Row, Cell]] = [(head, trailing[0])]
    for row in rows[header.row_index + 1:limit]:
        if row.is_paragraph or any(w in squash(t) for t in row.texts for w in _STOP_WORDS):
            break
        out.extend((row, c) for c in row.cells if c.clean)
    return out


def read_shifted_funds(rows: list[Row], header: FundsHeader, limit: int) -> tuple[list[FundsRow], list[Finding]]:
    stream = _stream(rows, header, limit)
    if stream is None:
        return [], []
    groups: list[tuple[Row, Cell, list[tuple[Row, Cell]]]] = []
    for row, cell in stream:
        if _is_label(cell):
            groups.append((row, cell, []))
        elif groups:
            groups[-1][2].append((row, cell))
    fields = [f for _, f in header.fields]
    out: list[FundsRow] = []
    money_fields: list[str] = []
    for k, (row, label, values) in enumerate(groups):
        role = fund_role(label.clean) or "line_item"  # every label passed _is_label: it has a role
        fr = FundsRow(role=role, label=text_value(row, label))
        printed = [(r, c) for r, c in values if not is_placeholder(c.clean)]
        if k == 0:
            pairs, _, _ = typed_alignment([c for _, c in printed], fields, reader="funds_shifted")
            owner = {id(c): r for r, c in printed}
            for cell, field in pairs:
                _set(fr, owner[id(cell)], cell, field)
            money_fields = [f for _, f in pairs if f in MONEY_FIELDS]
        elif (printed and len(printed) == len(money_fields)
              and all(parse_decimal(c.clean) is not None for _, c in printed)):
            for (r, cell), field in zip(printed, money_fields, strict=True):
                _set(fr, r, cell, field)
        out.append(fr)
    return out, [_finding(rows[header.row_index])] if out else []


def _set(fr: FundsRow, row: Row, cell: Cell, field: str) -> None:
    parse = percent_value if field == "rate" else number_value
    value = parse(row, cell, confidence=_SHIFTED_CONFIDENCE)
    if value.value is not None:
        setattr(fr, field, value)


def _finding(head: Row) -> Finding:
    return Finding(
        code="LAYOUT_FUNDS_SHIFTED",
        severity="info",
        message_zh="资金行的行标签打印在上一行末尾，已按标签→数值的顺序重组并按类型对齐",
        message_en="funds row labels were printed at the end of the line above; rows rebuilt as label then values",
        cells=[c.ref(head.grid_id or "text") for c in head.cells if c.clean][-1:],
        rule="funds.shifted_labels",
    )
