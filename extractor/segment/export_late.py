"""An xlsx export on one line whose indicator header cells come after the first rows' names.

Merged header cells print after the cells beside them and rows under merged level cells print
column by column, so the indicator part can open with the first rows' names (``一级指标 产出指标
数量指标 指标1:接种人数 指标2:宣传材料``), each perhaps with its first value, then the header's other
cells in one or two runs (``二级指标 三级指标 年度指标值`` … ``实际完成值 分值 得分``), perhaps the
next row's name between or after the runs, and only then the earlier rows' other values as one
batch in row order, then the late name's values; the rows after it print as usual.

The rows are put back in the header's column order only where that is certain: every pending
name found (numbered names, or texts where no pending value is a text), the batch exactly as long
as the pending rows lack, the late names' values exactly one row each, and every weight and score
a figure.  Where it is not, the header goes back in place, the pending names stand alone (no value
is guessed) and the cells up to the next row that opens with a level word or a numbered name are
left out: no value is read as a name.
"""

from __future__ import annotations

import re

from extractor.grid import Cell, joined_cell
from extractor.segment.types import Row
from extractor.values import is_numeric, is_placeholder, squash
from extractor.vocab import (
    FUNDS_COLUMNS,
    INDICATOR_COLUMNS,
    TOTAL_ROW_RE,
    fund_role,
    is_any_level,
    is_header_word,
    is_level_word,
    match_column,
)

_NUMBERED = re.compile(r"^★?指标\d+[：:]")
_BLOCK_LABELS = frozenset({"绩效指标", "年度绩效指标"})  # merged labels a template repeats per row
_REASON = re.compile(r"(原因|备注|说明|措施)")
_MEASURE_HEAD = re.compile(r"^[≥≤=＝><＞＜≧≦]*\d")
_OPERATOR = re.compile(r"^[≥≤=＝><＞＜≧≦]+$|^定[性量]$")
_WITHIN = 40  # cells between 一级指标 and the header's first late cell
_GAP = 6  # cells between the header's two runs: a late row's level words and name, each perhaps wrapped


def _header(key: str) -> bool:
    return is_header_word(key) and key not in _BLOCK_LABELS and key != "一级指标"


def _figure(text: str) -> bool:
    return is_numeric(text) or is_placeholder(text)


def _lead(text: str) -> bool:
    """A row's leading cell: a level word or a block label the template repeats."""
    return is_any_level(text) or squash(text) in _BLOCK_LABELS


def _run(keys: list[str], start: int) -> int:
    end = start
    while end < len(keys) and _header(keys[end]):
        end += 1
    return end


Pending = tuple[list[Cell], Cell, list[Cell]]  # lead cells, name, values


def _whole_lead(a: str, b: str) -> bool:
    """``a`` and ``b`` one level word or block label wrapped at a space in its narrow column
    (``生态 效益指标``, ``经济效益 指标``, ``年度 绩效指标``), not two of them side by side."""
    joined = squash(a + b)
    whole = is_level_word(joined) or joined in _BLOCK_LABELS
    return whole and not (_figure(a) or _figure(b)) and not (is_level_word(a) and is_level_word(b))


def _join_leads(cells: list[Cell]) -> list[Cell]:
    out: list[Cell] = []
    for cell in cells:
        if out and _whole_lead(out[-1].clean, cell.clean):
            first = out[-1]
            out[-1] = Cell(f"{first.clean} {cell.clean}", first.row, first.col, char_start=first.char_start,
                           char_end=cell.char_end, page=first.page)
        else:
            out.append(cell)
    return out


def _name_piece(text: str) -> bool:
    """A text that may be part of a name: no figure, no operator, no level word or header word."""
    key = squash(text)
    return bool(key) and not _figure(text) and not any(ch.isdigit() for ch in key) \
        and not _lead(text) and not is_header_word(key) and not _OPERATOR.match(key)


def _value_like(text: str) -> bool:
    """A figure, a text with a digit or an operator: a value, never a level word's or name's piece
    (a level word before it is a wrapped name's tail: ``节约运行 成本 >=``)."""
    key = squash(text)
    return _figure(text) or bool(_OPERATOR.match(key) or _MEASURE_HEAD.match(key))


def _tail_piece(text: str, numbered: bool) -> bool:
    """A text that may end a wrapped name (a level word's form allowed: ``成本``; a header word's
    too where names are plain: ``重点工作 完成率``, for only a scattered header, whose names are
    numbered, prints header pieces among the rows)."""
    key = squash(text)
    return bool(key) and not _value_like(text) and not _NUMBERED.match(key) and not (
        numbered and is_header_word(key))


def _parse_pending(cells: list[Cell], numbered: bool) -> list[Pending] | None:
    """The rows of ``cells`` (leads, a name, its values); None where a cell fits no row."""
    rows: list[Pending] = []
    lead: list[Cell] = []
    cells = _join_leads(cells)
    k = 0
    while k < len(cells):
        cell, k = cells[k], k + 1
        text = cell.clean
        if _lead(text) and not (rows and not lead and k < len(cells) and _value_like(cells[k].clean)):
            lead.append(cell)
            continue
        name = bool(_NUMBERED.match(text)) if numbered else not _figure(text) and len(squash(text)) >= 4
        if not numbered and not name and lead and k < len(cells) and _name_piece(text) \
                and _name_piece(cells[k].clean):
            # a short piece right after the level words is no value: a name wrapped in its narrow
            # cell (``项目 成本控制``), whole with the text after it
            cell, k, name = joined_cell([cell, cells[k]]), k + 1, True
        if name:
            rows.append((lead, cell, []))
            lead = []
        elif rows and not lead:
            rows[-1][2].append(cell)
        else:
            return None
    return _mended(rows, numbered) if not lead else None


def _mended(rows: list[Pending], numbered: bool) -> list[Pending]:
    """Pending rows whose counts of values differ mended where a name wrapped in its cell explains
    it: the print gives every pending name the same count (none, or its first value), so a row
    with one value more whose first is a name piece (``节约运行 成本 >=``) holds the name's tail, and
    a name without a value right before one with it (no level word between) is the name's head.
    Rows as they were where that does not make the counts equal."""
    counts = {len(vals) for _, _, vals in rows}
    if len(counts) == 1:
        return rows
    for n in sorted(counts)[:2]:
        out: list[Pending] = []
        for lead, name, vals in rows:
            if len(vals) == n + 1 and _tail_piece(vals[0].clean, numbered):
                name, vals = joined_cell([name, vals[0]]), vals[1:]
            elif n and out and not lead and not out[-1][2] and len(vals) == n:
                head = out.pop()
                lead, name = head[0], joined_cell([head[1], name])
            out.append((lead, name, vals))
        if len({len(vals) for _, _, vals in out}) == 1:
            return out
    return rows


def _columns(header: list[Cell]) -> tuple[list[str | None], int] | None:
    """The fields of the header's columns after its name column and how many cells a row prints
    after its name (a last reason column rows leave empty prints nothing)."""
    fields = [match_column(c.clean, INDICATOR_COLUMNS) for c in header]
    if "name" not in fields:
        return None
    after = fields[fields.index("name") + 1:]
    width = len(after) - (_REASON.search(header[-1].clean) is not None)
    return (after, width) if width >= 2 else None


def _fits(values: list[Cell], after: list[str | None]) -> bool:
    """Every weight and score of a row a figure, no name, level word or header word among its
    values (a row's values never are: the count would have run into the next row)."""
    return all(not _NUMBERED.match(c.clean) and not _lead(c.clean) and not _header(squash(c.clean))
               for c in values) and all(
        _figure(c.clean) for c, field in zip(values, after, strict=False) if field in ("weight", "score"))


def _next_start(cells: list[Cell], start: int) -> int | None:
    """The first cell from ``start`` on that opens a row: a level word or a numbered name."""
    return next((j for j in range(start, len(cells)) if _lead(cells[j].clean) or _NUMBERED.match(cells[j].clean)),
                None)


def restore_late_rows(cells: list[Cell]) -> list[Cell]:
    """``cells`` with a late indicator header put back after ``一级指标`` and the rows printed
    around it in row order (see the module); other lines as they were."""
    return restore_late_table(cells)[0]


def restore_late_table(cells: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """``restore_late_rows`` and the cells that open a row put back or read after it: the
    re-rowing of a one-line export does not cut before a numbered name that follows a row's
    figures (``… 3 3 指标2:宣传材料``), so these are cut here (``cut_rows_at``)."""
    keys = [squash(c.clean) for c in cells]
    for k, key in enumerate(keys):
        if key != "一级指标" or k + 1 >= len(keys) or _header(keys[k + 1]):
            continue
        a0 = next((j for j in range(k + 2, min(len(keys), k + 2 + _WITHIN)) if keys[j] == "二级指标"), None)
        if a0 is None:
            return cells, []
        a1 = _run(keys, a0)
        # a header word that ends a wrapped level word (``经济效益 指标``) is the late row's, not the run's
        b0 = next((j for j in range(a1, min(len(keys), a1 + _GAP + 1)) if _header(keys[j])
                   and not (j > a1 and _whole_lead(cells[j - 1].clean, cells[j].clean))), None)
        b1 = _run(keys, b0) if b0 is not None else a1
        header = cells[a0:a1] + (cells[b0:b1] if b0 is not None else [])
        if b0 is None or len({squash(c.clean) for c in header}) != len(header):
            b0, b1, header = a1, a1, cells[a0:a1]
        cols = _columns(header)
        if cols is None:
            return cells, []
        after, width = cols
        numbered = any(_NUMBERED.match(c.clean) for c in cells[k + 1:a0])
        pending = _parse_pending(cells[k + 1:a0], numbered)
        # the print's pending rows: two or more names, each with no value or one (its first)
        if pending is None or len(pending) < 2 or len({len(vals) for _, _, vals in pending}) != 1 \
                or len(pending[0][2]) > 1:
            return cells, []
        tail = b1
        late_cells = cells[a1:b0]
        if numbered:  # a late numbered name after the header's runs
            tail = _past_leads(cells, tail)
            if tail < len(cells) and _NUMBERED.match(cells[tail].clean):
                late_cells, tail = late_cells + cells[b1:tail + 1], tail + 1
            else:
                tail = b1
        elif not late_cells:  # a late plain name after the runs: only after its level words
            late_cells, tail = _late_plain(cells, b1)
        late = _parse_pending(late_cells, numbered) if late_cells else []
        if late is None or any(vals for _, _, vals in late):
            return _names_alone(cells, k, header, pending, b1), []
        rows: list[Pending] = []
        for lead, name, vals in pending + late:
            need = width - len(vals)
            if need < 0 or tail + need > len(cells):
                return _names_alone(cells, k, header, pending, b1), []
            values = vals + cells[tail:tail + need]
            if not _fits(values, after):
                return _names_alone(cells, k, header, pending, b1), []
            rows.append((lead, name, values))
            tail += need
        if tail < len(cells) and not (_lead(cells[tail].clean) or _NUMBERED.match(cells[tail].clean)
                                      or not _figure(cells[tail].clean)):
            return _names_alone(cells, k, header, pending, b1), []
        body = [c for lead, name, values in rows for c in [*lead, name, *values]]
        starts = [lead[0] if lead else name for lead, name, _ in rows]
        if numbered:
            starts += _regular_starts(cells, tail, after, width)
        return cells[:k + 1] + header + body + cells[tail:], starts
    return cells, []


def _past_leads(cells: list[Cell], start: int) -> int:
    """The first cell from ``start`` on that is no level word (nor one wrapped: ``可持续影响 指标``)."""
    j = start
    while j < len(cells):
        if j + 1 < len(cells) and _whole_lead(cells[j].clean, cells[j + 1].clean):
            j += 2
        elif _lead(cells[j].clean):
            j += 1
        else:
            break
    return j


def _late_plain(cells: list[Cell], start: int) -> tuple[list[Cell], int]:
    """A plain late row after the header's runs: level words, then a name (``效果指标 经济效益 指标
    节约运 行成本``; a short first piece joined to the next) followed by a value, and where the
    batch starts; no cells and ``start`` when the print holds none such (a text right after the
    runs with no level word before it may be a value, so it is never taken for a name)."""
    j = _past_leads(cells, start)
    if j == start or j >= len(cells) or not _name_piece(cells[j].clean):
        return [], start
    end = j + 1
    if len(squash(cells[j].clean)) < 4 and end < len(cells) and _name_piece(cells[end].clean):
        end += 1
    if len(squash("".join(c.clean for c in cells[j:end]))) < 4 or end >= len(cells) \
            or _name_piece(cells[end].clean) and not _OPERATOR.match(squash(cells[end].clean)):
        return [], start
    return cells[start:end], end


def _regular_starts(cells: list[Cell], start: int, after: list[str | None], width: int) -> list[Cell]:
    """The rows after the put-back ones, each certain: level words, a numbered name, exactly one
    cell per column after the name (every weight and score a figure, no level word or numbered
    name among them), then a reason text where the header ends in one; the first cell of each,
    up to the first row that is not so."""
    starts: list[Cell] = []
    reason = len(after) > width
    j = start
    while j < len(cells):
        first = j
        while j < len(cells) and _lead(cells[j].clean):
            j += 1
        if j >= len(cells) or not _NUMBERED.match(cells[j].clean):
            break
        values = cells[j + 1:j + 1 + width]
        if len(values) < width or not _fits(values, after) or any(_lead(c.clean) for c in values):
            break
        j += 1 + width
        if reason and j < len(cells) and not (_figure(cells[j].clean) or _lead(cells[j].clean)
                                              or _NUMBERED.match(cells[j].clean)):
            j += 1
        if j < len(cells) and not (_lead(cells[j].clean) or _NUMBERED.match(cells[j].clean)
                                   or TOTAL_ROW_RE.match(squash(cells[j].clean))):
            break  # the row is followed by something else: its cut is not certain
        starts.append(cells[first])
    return starts


def cut_rows_at(rows: list[Row], starts: list[Cell]) -> list[Row]:
    """``rows`` cut before each of ``starts`` (the very cells) that is not already a row's first."""
    marks = {id(c) for c in starts}
    if not marks:
        return rows
    out: list[Row] = []
    for row in rows:
        cut = [0] + [k for k, c in enumerate(row.cells) if k and id(c) in marks] + [len(row.cells)]
        out += [Row(row.cells[a:b], row.grid_id, row.page) for a, b in zip(cut, cut[1:], strict=False) if b > a]
    return out


def _names_alone(cells: list[Cell], k: int, header: list[Cell], pending: list[Pending], b1: int) -> list[Cell]:
    """The header back in place and the pending rows' names alone; the cells after the header up to
    the next row that opens with a level word or a numbered name left out (which row they belong
    to is not certain).  Without such a row, ``cells`` as they were."""
    start = _next_start(cells, b1)
    if start is None:
        return cells
    body = [c for lead, name, _ in pending for c in [*lead, name]]
    return cells[:k + 1] + header + body + cells[start:]


_FIGURE_FIELDS = frozenset({"initial_budget", "budget", "executed"})


def _funds_fields(cells: list[Cell], start: int) -> tuple[list[str], int]:
    """The funds columns a run of header cells from ``start`` names (another cell, a total label
    or a merged caption, may stand among them) and where the run ends: at the first figure."""
    fields: list[str] = []
    end = start
    while end < len(cells) and not _figure(cells[end].clean):
        name = match_column(cells[end].clean, FUNDS_COLUMNS)
        if name:
            fields.append(name)
        end += 1
    return fields, end


def restore_late_funds(cells: list[Cell]) -> list[Cell]:
    """A funds block whose labels print after their figures put back in rows (``年初预算数 全年预算数
    年度资金总额 全年执行数 分值 执行率 得分 0 180.25 180.25 10 100% 10 0 180.25 180.25 — 100% —
    其中:当年财政拨款 上年结转资金 其他资金``): the total label standing among the header cells heads
    the first row of figures, one per header column; the labels after the figures take the rest in
    order where the rest is exactly one row per label (every column, or the amount columns
    alone); where it is not, the labels stand alone and those figures are left out (which label
    prints them is not certain).  Other lines as they were."""
    for k, cell in enumerate(cells):
        if match_column(cell.clean, FUNDS_COLUMNS) not in _FIGURE_FIELDS:
            continue
        fields, end = _funds_fields(cells, k)
        totals = [j for j in range(k, end) if fund_role(cells[j].clean) == "total"]
        others = [j for j in range(k, end) if j not in totals and not match_column(cells[j].clean, FUNDS_COLUMNS)]
        before = not totals and not others and k > 0 and fund_role(cells[k - 1].clean) == "total"
        if before:
            totals, k = [k - 1], k - 1  # the total label just before the header cells (no label column heading)
        # the total label among the header cells, not its last (that is a row's label before its figures)
        elif len(fields) < 2 or len(totals) != 1 or others or totals[0] in (k, end - 1):
            return cells
        if len(fields) < 2:
            return cells
        fig_end = end
        while fig_end < len(cells) and _figure(cells[fig_end].clean):
            fig_end += 1
        lab_end = fig_end
        while lab_end < len(cells) and fund_role(cells[lab_end].clean) not in (None, "total"):
            lab_end += 1
        width, labels = len(fields), cells[fig_end:lab_end]
        rest = cells[end + width:fig_end]
        if fig_end - end < width or not labels or (lab_end < len(cells) and _figure(cells[lab_end].clean)):
            return cells
        amounts = sum(f in _FIGURE_FIELDS for f in fields)
        each = next((x for x in (width, amounts) if x and len(rest) == x * len(labels)), None)
        if before and each is None:
            return cells  # read as late labels only where every row's figures are certain
        head = [c for j, c in enumerate(cells[k:end]) if j + k != totals[0]]
        out = cells[:k] + head + [cells[totals[0]]] + cells[end:end + width]
        for n, label in enumerate(labels):
            out += [label] + (rest[n * each:(n + 1) * each] if each else [])
        return out + cells[lab_end:]
    return cells
