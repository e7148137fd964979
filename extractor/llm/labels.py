"""Column labels: the header text over each cell, printed next to the cell in the model's grid.

A small model reads a table row by counting columns back to the header a few lines up, and it
slips: where a blank column sits between 三级指标 and 指标性质 the whole row slides one field to
the left, a funds row that prints a merged amount twice shifts every figure after it.  Printing
the header's words at every cell (``c5[指标性质]=≥``) makes each cell say which column it is in,
so the model matches fields to headers word by word instead of by position.

A header row is found by its shape: three or more short, non-numeric cells ending like header
words, followed by a row that prints values under at least two of them (the indicator table's
header comes from the indicator header finder, which also knows two-line headers).  It labels the
rows below it up to the next header.  A funds row that prints a merged amount twice is wider than
its header: its cells are labelled from the right (its last figure is the header's last column).
A two-line header labels a cell ``upper·lower`` when an upper cell spans the lower ones (年度指标值
over 运算符号/内容/度量单位); when the body prints columns beyond the header's last one, the upper
line was pasted without its merged cells and cannot be aligned — then only the lower line labels.
Indicator rows are labelled by where the deterministic reader places their cells (``table_fields``),
not by the column the pasted text put them in.
"""

from __future__ import annotations

import re

from extractor.layouts import cell_template, owns_cells
from extractor.rules.indicators import IndicatorHeader, align_row, find_indicator_header
from extractor.segment import FormChunk, Row
from extractor.values import is_numeric, is_placeholder, squash
from extractor.vocab import LEVEL1_RE, LEVEL2_RE, TOTAL_ROW_RE
from schemas.common import SCORE_SHEET_TYPES

LABEL_CHARS = 8  # characters shown of each header word; enough to tell 全年预算数 from 全年执行数
_HEADER_CELL_CHARS = 24  # a longer cell is a value (a goal, a criterion), not a header word
# how column headers end (年初预算数, 执行率, 对应项目, 实际完成情况 …) and names do not (…信访局)
_HEADER_WORD = re.compile(r"(数|率|额|值|分|名称|项目|目标|情况|指标|性质|单位|权重|标准|资金|拨款|合计|小计|原因|措施|"
                          r"说明|备注|依据|内容|方式|属性|打分|评价|程度|完成|金额|类别|类型)$|预算|执行")


def column_labels(chunk: FormChunk, fields: dict[int, dict[int, str]]) -> dict[int, dict[int, str]]:
    """Row index → column → label, for the body rows under every header found; ``fields`` is the
    chunk's ``table_fields`` (the view computes it once for the labels and the level fill)."""
    rows = chunk.rows
    table = find_indicator_header(rows)
    headers = _header_spans(rows, table)
    placed = fields if table is not None and _realigns(chunk) else {}
    out: dict[int, dict[int, str]] = {}
    for n, (first, last) in enumerate(headers):
        labels = _labels(rows, first, last)
        is_table = table is not None and first == table.first_row
        if table is not None and is_table and placed:
            out |= _aligned_labels(rows, placed, table, labels, whole_target=owns_cells(chunk))
        end = headers[n + 1][0] if n + 1 < len(headers) else len(rows)
        for i in range(last + 1, end):
            row = rows[i]
            if not row.nonblank or i in out:
                continue
            if row.is_paragraph:
                break
            if is_table and is_total_row(row.texts):
                continue  # a pasted 总分 row prints its figures from the first columns on
            width = _width(row.texts)
            shift = 0 if is_table else max(0, width - (max(labels, default=0) + 1))
            if shift:
                shown = {k: labels[k - shift] for k, t in enumerate(row.texts)
                         if t and k - shift in labels and k - shift > min(labels)}
            else:  # blank cells too: a 一级/二级 label filled down into them is shown labelled
                shown = dict(labels)
            if shown:
                out[i] = shown
    return out


def table_fields(chunk: FormChunk) -> dict[int, dict[int, str]]:
    """Row → cell position → indicator field, for the body rows of the indicator table (up to
    its total row or the prose after it).

    Pasted rows lose their leading cells (a 二级 word lands in the 一级 column, every figure one
    column left of its header) or gain a stray one; the deterministic reader places each row by
    the most plausible reading, and the model is shown that placement.  The Fushun template's
    columns do not hold what their headers say (its 三级 column keeps a 指标N label, the name sits
    under 内容 and the target under 度量单位): its own reader's placement is shown.  A score
    sheet's header is no indicator header: there a cell's field is its column's."""
    rows = chunk.rows
    table = find_indicator_header(rows)
    if table is None:
        return {}
    template = cell_template(chunk)
    realign = _realigns(chunk)
    out: dict[int, dict[int, str]] = {}
    for i in range(table.last_row + 1, len(rows)):
        row = rows[i]
        if not row.nonblank:
            continue  # a spacer row (the second line of a two-line header, pasted blank)
        if row.is_paragraph or is_total_row(row.texts):
            break
        if not realign:
            out[i] = {k: table.columns[k] for k, t in enumerate(row.texts) if t and k in table.columns}
            continue
        cells = template.get(i, {}) if template is not None else align_row(row, table.columns)
        position = {id(c): k for k, c in enumerate(row.cells)}
        out[i] = {position[id(c)]: f for f, c in cells.items() if c.clean and id(c) in position}
    return out


def _realigns(chunk: FormChunk) -> bool:
    return chunk.form_type not in SCORE_SHEET_TYPES


def _aligned_labels(rows: list[Row], placed: dict[int, dict[int, str]], table: IndicatorHeader,
                    labels: dict[int, str], *, whole_target: bool) -> dict[int, dict[int, str]]:
    """Each placed cell labelled with its field's header words; a blank 一级/二级 cell keeps its
    column's label (a heading filled down into it is shown labelled).  With ``whole_target``
    a cell is labelled with the upper line of a split header (年度指标值 over 运算符号/内容/度量
    单位): the placed cell holds the whole target, not the part its column was printed for."""
    field_label = {f: labels[k] for k, f in table.columns.items() if k in labels}
    if whole_target:  # the split header's upper line names the field a placed cell holds whole
        parts = [labels[k] for k, f in sorted(table.columns.items()) if f in ("nature", "unit") and k in labels]
        field_label = {f: label.split("·")[0] for f, label in field_label.items()}
        if parts:
            field_label["target"] = parts[0].split("·")[0]
    out: dict[int, dict[int, str]] = {}
    for i, fields in placed.items():
        texts = rows[i].texts
        shown = {k: field_label[f] for k, f in fields.items() if f in field_label}
        for k, f in table.columns.items():
            if f in ("level1", "level2") and k in labels and k not in fields and not (k < len(texts) and texts[k]):
                shown[k] = labels[k]
        if shown:
            out[i] = shown
    return out


def header_rows(chunk: FormChunk) -> set[int]:
    """Every row that is part of a header (shown unlabelled: it is the labels' source)."""
    spans = _header_spans(chunk.rows, find_indicator_header(chunk.rows))
    return {i for first, last in spans for i in range(first, last + 1)}


def _header_spans(rows: list[Row], table: IndicatorHeader | None) -> list[tuple[int, int]]:
    """(first, last) row of every header, in order; ``table`` is the indicator header found."""
    spans = [(table.first_row, table.last_row)] if table is not None else []
    # above the indicator table only: a qualitative indicator row has a header's shape too
    for i, row in enumerate(rows[:table.first_row] if table is not None else rows):
        if not _header_like(row):
            continue
        body = _next_nonblank(rows, i)
        if body is None or _header_like(rows[body]):
            continue
        under = [k for k, t in enumerate(rows[body].texts) if t and k < len(row.texts) and row.texts[k]]
        if len(under) >= 2:
            spans.append((i, i))
    return sorted(spans)


def _header_like(row: Row) -> bool:
    texts = [squash(t) for t in row.nonblank]
    if row.is_paragraph or len(texts) < 3 or any(is_placeholder(t) for t in texts):
        return False
    words = texts[1:] if row.texts[0].strip() else texts  # a first cell may name the section
    return (all(len(t) <= _HEADER_CELL_CHARS and not is_numeric(t) and not LEVEL1_RE.match(t)
                and not LEVEL2_RE.match(t) for t in texts)
            and all(_HEADER_WORD.search(t) for t in words))


def _width(texts: list[str]) -> int:
    """Columns up to the last printed cell (a row may carry blank cells past it)."""
    return max((k for k, t in enumerate(texts) if t), default=-1) + 1


def _next_nonblank(rows: list[Row], i: int) -> int | None:
    return next((j for j in range(i + 1, len(rows)) if rows[j].nonblank), None)


def _labels(rows: list[Row], first: int, last: int) -> dict[int, str]:
    """Column → label of one header (one or more lines, the lowest line the most specific)."""
    lines = [[squash(t) for t in rows[i].texts] for i in range(first, last + 1) if rows[i].nonblank]
    lowest = lines[-1]
    labels = {k: t[:LABEL_CHARS] for k, t in enumerate(lowest) if t}
    body_width = max((_width(r.texts) for r in rows[last + 1:]), default=0)
    header_width = max(_width(line) for line in lines)
    if len(lines) == 1 or body_width > header_width:
        return labels
    for upper in lines[:-1]:
        group = ""
        for k in range(max(len(upper), len(lowest))):
            word = upper[k] if k < len(upper) else ""
            low = lowest[k] if k < len(lowest) else ""
            if word:
                group = word[:LABEL_CHARS]
                labels[k] = f"{group}·{labels[k]}" if low and low[:LABEL_CHARS] != group else group
            elif low and group:
                labels[k] = f"{group}·{labels[k]}"  # the upper cell spans the lower ones
            else:
                group = ""
    return labels


def is_total_row(texts: list[str]) -> bool:
    """A 合计/总分 row: its first printed cell names the total."""
    first = next((squash(t) for t in texts if t.strip()), "")
    return bool(TOTAL_ROW_RE.match(first))
