"""Read the indicator table (一级 → 二级 → 三级 with target, actual, weight, score …).

Columns are named by the header's vocabulary (a header split over two rows, 年度 / 指标值, is
joined first).  Each data row is placed under the header by the column aligner
(``extractor.rules.align``), offered the row as printed, small column shifts, a right-anchored and
a typed placement, each scored by how plausibly its cells read (a 二级 word under 二级, a name
under 三级, numbers under 分值/得分): pasted rows often drop or add an empty merged cell on the left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.align import OUTSIDE, Reading, choose
from extractor.rules.cells import measure_value, number_value, own_texts, same_text, text_value, traced
from extractor.rules.indicator_row_join import fill_free_columns
from extractor.rules.indicator_subheader import is_subheader_words, merge_header, place_subheader
from extractor.rules.levels_joined import split_level_text, split_levels
from extractor.segment.types import Row
from extractor.values import is_numeric, is_placeholder, normalize_operator, parse_measure, squash
from extractor.vocab import (
    INDICATOR_COLUMNS,
    LEVEL1_RE,
    LEVEL2_RE,
    TOTAL_ROW_RE,
    is_level,
    is_level_word,
    is_slipped_figure,
    is_standard_header,
    is_standard_word,
    match_column,
    split_subtotal,
)
from schemas.common import GroupLevel, Indicator, IndicatorGroup, Totals, Value

_END_RE = re.compile(
    r"^(其他需要说明|其他说明|评价结论|存在问题|改进措施|注[:：]|备注|说明[:：]|项目负责人|填报人|附件[:：])"
)
# a choice field (优秀□ 良好□ 合格□, 新增□ 延续□): a form's own row after the table, never an indicator
_CHOICE_RE = re.compile(r"[□☐■☑].*[□☐■☑]|(?:[□☐■☑].*){2,}")
_DIGIT_RE = re.compile(r"\d")


def _choice_row(row: Row) -> bool:
    """A choice field's own row (最近年度绩效评价情况 | 优秀□ 良好□ …), which ends the table; an
    indicator row that ticks a box in one cell (是否核心指标 | 是☑否□) still prints figures
    (weight, target) in others and reads on."""
    texts = [t for t in row.texts if t.strip()]
    return any(_CHOICE_RE.search(t) for t in texts) and not any(
        _DIGIT_RE.search(t) for t in texts if not _CHOICE_RE.search(t))


EMPTY_SLOT = re.compile(r"^指标\d+[:：]?[/／—-]*$")  # an unused slot, maybe with a placeholder
# ``1.2024年度项目资金预算测算相关材料。``: a numbered item ending a sentence is a note, never a name
_NUMBERED_NOTE = re.compile(r"^\d{1,2}[.、．].*[\u4e00-\u9fff].*。$")
_GRADE_RE = re.compile(r"^(优秀?|良好?|中|差|合格|不合格|较好|一般)$")


@dataclass(slots=True)
class IndicatorHeader:
    first_row: int
    last_row: int
    columns: dict[int, str]  # column position → Indicator field


def _map_columns(texts: list[str]) -> dict[int, str]:
    """Column position → field; a 绩效标准 column beside another target column is the target's
    basis (``standard``: 计划标准 / 行业标准), read by no one but a column, so its cells are
    placed under it rather than taken for the actual."""
    cols: dict[int, str] = {}
    beside = any(match_column(t, INDICATOR_COLUMNS) == "target" and not is_standard_header(t) for t in texts)
    for k, t in enumerate(texts):
        if beside and is_standard_header(t):
            cols[k] = "standard"
            continue
        name = match_column(t, INDICATOR_COLUMNS)
        if name and name not in cols.values():
            cols[k] = name
    return cols


def find_indicator_header(rows: list[Row], start: int = 0) -> IndicatorHeader | None:
    for i in range(start, len(rows)):
        texts = rows[i].texts
        cols = _map_columns(texts)
        names = set(cols.values())
        if "name" not in names or not (names & {"level1", "level2", "target"}):
            continue
        last = i
        nxt = own_texts(rows[i + 1], rows[i]) if i + 1 < len(rows) else []
        placed = _unpositioned_subheader(rows[i + 1], nxt, texts) if i + 1 < len(rows) else None
        if placed is not None or (i + 1 < len(rows) and _is_header_continuation(rows[i + 1], nxt)):
            texts, cols = merge_header(texts, placed if placed is not None else nxt)
            last = i + 1
        else:
            last = _append_wrapped_header(rows, i, cols)
        while last + 1 < len(rows) and _is_name_suffix_row(rows[last + 1]):
            last += 1
        return IndicatorHeader(i, last, _names_as_level2(rows, last, cols, texts))
    return None


def _names_as_level2(rows: list[Row], last: int, cols: dict[int, str], heads: list[str]) -> dict[int, str]:
    """指标类型 | 指标名称 | 指标值 (sample 61): a table with a 一级 column, no 二级 column and 二级
    words under 指标名称 (not 三级指标) in its first row has no 三级: that column is its 二级 (so a
    row that lost its merged 一级 cell is shifted to it, not read with its 二级 word as a 一级)."""
    if ("level2" in cols.values() or "level1" not in cols.values() or "name" not in cols.values()
            or last + 1 >= len(rows)):
        return cols
    at = {f: k for k, f in cols.items()}
    if at["name"] >= len(heads) or "三级" in squash(heads[at["name"]]) or "二级" in squash(heads[at["level1"]]):
        return cols  # a 三级 column, or a 二级 heading merged into the 一级 one by a broken header
    first = rows[last + 1].cells
    texts = [first[at[f]].clean if at[f] < len(first) else "" for f in ("level1", "name")]
    if not (is_level(LEVEL1_RE, texts[0]) and is_level(LEVEL2_RE, texts[1])):
        return cols
    return {k: "level2" if f == "name" else f for k, f in cols.items()}


def _append_wrapped_header(rows: list[Row], first: int, cols: dict[int, str]) -> int:
    """A header wrapped over several rows (``一级 二级 三级 年度指标值`` / ``实际完成值`` / ``分值 得分 …``):
    rows that start in the first column and print only new header words extend the columns."""
    last = first
    next_pos = max(cols) + 1 if cols else 0
    for row in rows[first + 1:first + 4]:
        words = [t for t in row.texts if t.strip()]
        if not words or not row.texts[0].strip():
            break
        fields = [match_column(t, INDICATOR_COLUMNS) for t in words]
        new = [f for f in fields if f is not None and f not in cols.values()]
        if len(new) != len(fields):
            break
        for f in new:
            cols[next_pos] = f
            next_pos += 1
        last += 1
    return last


_NAME_SUFFIX = {"名称", "指标名称"}


def _is_name_suffix_row(row: Row) -> bool:
    """``一级指标 二级指标 三级指标`` wrapped over two lines prints its last word as a row of its own
    (``名称 名称 名称``, sample 55): a row of nothing but 名称 cells ends the header, not a data row."""
    texts = [squash(t) for t in row.texts if t.strip()]
    return bool(texts) and not row.is_paragraph and all(t in _NAME_SUFFIX for t in texts)


def _is_header_continuation(row: Row, own: list[str]) -> bool:
    """``own`` is the row's texts with merge copies from the header row above blanked."""
    texts = [squash(t) for t in own if t.strip()]
    if not texts or row.is_paragraph or own[0].strip():
        return False  # a second header line sits under the first, leaving the label column empty
    return all(
        len(t) <= 6 and not is_numeric(t) and not LEVEL1_RE.match(t) and not LEVEL2_RE.match(t) for t in texts
    )


def _unpositioned_subheader(row: Row, own: list[str], upper: list[str]) -> list[str] | None:
    """A lower header row printed from the first column (its empty leading cells dropped, as a
    web page copied with space runs or pipes prints it), padded back under the upper cells it
    completes; None for any other row."""
    if row.is_paragraph or not own or not own[0].strip() or not is_subheader_words(own, upper):
        return None
    return place_subheader(upper, own)


def _operatorish(text: str) -> bool:
    t = squash(text)
    return not t or normalize_operator(t) is not None or t in {"定性", "定量", "正向", "反向", "无", "“=”"}


def _readings(row: Row, columns: dict[int, str]) -> list[Reading[dict[str, Cell]]]:
    """Possible placements of a row under the header, each repaired, for the column aligner: as
    printed (no edit), shifted by one or two columns, right-anchored, typed (one edit each)."""
    cells = list(row.cells)
    while cells and not cells[-1].clean:
        cells.pop()
    placements: list[tuple[int, dict[int, Cell]]] = []
    for shift in range(-2, 3):
        placements.append((shift, {k + shift: c for k, c in enumerate(cells)}))
    # right-anchored: the last printed cell under the last column, earlier cells leftwards,
    # with empty cells dropped (pasted rows often carry a stray empty merged cell)
    printed = [c for c in cells if c.clean]
    ordered = sorted(columns)
    if printed and len(printed) <= len(ordered):
        placements.append((9, dict(zip(ordered[len(ordered) - len(printed):], printed, strict=True))))
    typed = _typed_placement(printed, columns)
    if typed is not None:
        placements.append((8, typed))
    out: list[Reading[dict[str, Cell]]] = []
    for shift, placed in placements:
        stray = sum(1 for pos, c in placed.items() if pos not in columns and c.clean and not c.continuation)
        fields: dict[str, Cell] = {}
        for pos, cell in sorted(placed.items()):
            name = columns.get(pos)
            if name and name not in fields:
                fields[name] = cell
        _repair_levels(fields)
        out.append(Reading(fields, _plausibility(fields) + OUTSIDE * stray, 0 if shift == 0 else 1,
                           {f: c.clean for f, c in fields.items()}))
    return out


def _typed_placement(printed: list[Cell], columns: dict[int, str]) -> dict[int, Cell] | None:
    """Place a short row by cell type: 一级/二级 words under their columns, the first other text
    under 三级, trailing numbers under 分值/得分, and what is left in header order.

    Rows copied from web pages drop empty cells, so ``工程质量合格 10 10`` must put its numbers
    under 分值/得分 rather than under 年度指标值/实际完成值; where 分值 is the column after the name
    (``★长效管护机制 5 健全 健全 5``), the figure after the name is the weight.
    """
    by_field = {f: pos for pos, f in columns.items()}
    if "name" not in by_field:
        return None
    placed: dict[int, Cell] = {}
    rest = list(printed)
    for field, pattern in (("level1", LEVEL1_RE), ("level2", LEVEL2_RE)):
        if rest and field in by_field and is_level(pattern, rest[0].clean):
            placed[by_field[field]] = rest.pop(0)
    if not rest:
        return None
    placed[by_field["name"]] = rest.pop(0)
    basis = [c for c in rest if is_standard_word(c.clean)]
    if "standard" in by_field and len(basis) == 1:
        placed[by_field["standard"]] = basis[0]  # 计划标准: the 绩效标准 column's, wherever it printed
        rest.remove(basis[0])
    numeric_cols = [by_field[f] for f in ("weight", "score") if f in by_field]
    after_name = [p for p in sorted(columns) if p > by_field["name"]]
    if after_name and columns[after_name[0]] == "weight" and rest and is_numeric(rest[0].clean) and len(rest) > 1:
        placed[after_name[0]] = rest.pop(0)  # 分值 printed before 年度指标值 (衔接资金 forms)
        numeric_cols.remove(after_name[0])
    reason = by_field.get("deviation_reason")
    if reason == max(columns) and len(rest) >= 2 and not is_numeric(rest[-1].clean) and is_numeric(rest[-2].clean):
        placed[reason] = rest.pop()  # the reason after 分值/得分, a blank cell before them dropped
    tail: list[Cell] = []
    while rest and is_numeric(rest[-1].clean) and len(tail) < len(numeric_cols):
        tail.insert(0, rest.pop())
    for pos, cell in zip(numeric_cols[len(numeric_cols) - len(tail):], tail, strict=True):
        placed[pos] = cell
    free = [p for p in sorted(columns)
            if p > by_field["name"] and p not in placed and columns[p] not in ("weight", "score")]
    if {"nature", "unit"} <= by_field.keys():  # split target: 指标性质 | 指标值 | 度量单位
        split = fill_free_columns(free, rest, columns)
        if split is not None:
            return placed | split
    if len(rest) > len(free):
        return None
    if tail and len(rest) == 1 and {"target", "actual"} <= {columns[p] for p in free} and _bare_figure(rest[0].clean):
        rest = []  # a lone figure between the name and 分值/得分 where 年度指标值 and 实际完成值 had cells
    for pos, cell in zip(free, rest, strict=False):
        placed[pos] = cell
    return placed


_FIGURE = re.compile(r"^\d[\d,.]*\s*\S{0,4}$")


def _bare_figure(text: str) -> bool:
    """A figure, maybe with its unit, and no operator (``3``, ``1785套``): printed alone between the
    name and the figures of 分值/得分 where the target and the actual both had a cell, it could be
    either (dev 64's ``…变压器3台 | 3 | 9.3 | 9.3``); right after the name with nothing after it
    (``…学生数 | 100% | |``, dev 62) it is the target."""
    return bool(_FIGURE.match(squash(text)))


def _repair_levels(fields: dict[str, Cell]) -> None:
    """A 二级 word under 一级 (or under 三级) moves to 二级 when that column is empty (not when the
    一级 cell prints both levels: 满意度指标-服务对象满意度指标 | 服务对象满意度 names the indicator)."""
    joined = fields.get("level1")
    if joined is not None and split_level_text(joined.clean) is not None:
        return
    for src in ("level1", "name"):
        cell = fields.get(src)
        l2 = fields.get("level2")
        if cell is None or not cell.clean or (l2 is not None and l2.clean):
            continue
        word = squash(split_subtotal(cell.clean)[0])
        if LEVEL2_RE.fullmatch(word) and not (src == "level1" and LEVEL1_RE.fullmatch(word)):
            fields["level2"] = cell
            del fields[src]


def _plausibility(fields: dict[str, Cell]) -> float:
    score = 0.0
    text = {k: c.clean for k, c in fields.items() if c.clean}
    l1, l2, name = text.get("level1", ""), text.get("level2", ""), text.get("name", "")
    if l1 and split_level_text(l1) is not None:
        score += 2.0  # 产出指标-数量指标: both levels in the 一级 column's cell
    elif l1:
        score += 1.0 if is_level(LEVEL1_RE, l1) else (-1.5 if is_level(LEVEL2_RE, l1) else -0.5)
    if l2:
        score += 1.0 if is_level(LEVEL2_RE, l2) else -1.0
    if name:
        score += -1.5 if (is_numeric(name) or _operatorish(name)) else 1.5
        if is_level_word(name) and not any(text.get(f) for f in ("target", "actual", "weight", "score")):
            score -= 1.5  # a bare 二级 word under 三级: the row is 一级 | 二级 headings
    elif any(text.get(f) for f in ("target", "weight", "score")):
        score -= 0.5
    if "nature" in text:
        score += 0.5 if _operatorish(text["nature"]) else -1.0
    for f in ("target", "actual"):
        if f in text and is_standard_word(text[f]):
            score -= 1.5  # 计划标准 is a 绩效标准 cell, never a value
    if "standard" in text:
        score += 0.5 if is_standard_word(text["standard"]) else -1.0
    for f in ("weight", "score"):
        if f in text:  # a figure with a digit OCR'd as a letter (1O) stands where a figure stands
            figure = is_numeric(text[f]) or is_placeholder(text[f]) or is_slipped_figure(squash(text[f]))
            score += 0.5 if figure else -1.0
    return score


def align_row(row: Row, columns: dict[int, str]) -> dict[str, Cell]:
    """Field → cell of one indicator row, placed under the header by the column aligner (as
    printed, shifted, right-anchored or by cell type): pasted rows lose or gain cells.  Rivals
    are not reported: the validator's arithmetic catches a misplaced number."""
    choice = choose(_readings(row, columns), reader="indicators")
    assert choice is not None  # the row as printed is always a reading
    return choice.best.placed


def read_indicators(
    rows: list[Row], header: IndicatorHeader
) -> tuple[list[Indicator], list[IndicatorGroup], Totals, int]:
    indicators: list[Indicator] = []
    groups: list[IndicatorGroup] = []
    totals = Totals()
    level1: tuple[Row, Cell] | None = None
    level2: tuple[Row, Cell] | None = None
    i = header.last_row + 1
    while i < len(rows):
        row = rows[i]
        first = next((squash(t) for t in row.texts if t.strip()), "")
        if row.is_paragraph:
            break  # prose (or an annex heading) after the table
        if TOTAL_ROW_RE.match(first):
            totals = _read_totals(row, header)
            i += 1
            break
        if _END_RE.match(first):
            totals = _trailing_totals(row, header) or totals  # 其他需要说明 | 无 | 总分 | 100 | 96
            break
        if _choice_row(row):
            break
        cells = align_row(_without_header_copies(row, rows[header.first_row]), header.columns)
        l1_cell, l2_cell = cells.get("level1"), cells.get("level2")
        if l1_cell is not None and (l2_cell is None or not l2_cell.clean):
            l1_cell, l2_cell = split_levels(l1_cell) or (l1_cell, l2_cell)  # 产出指标-数量指标 in one cell
        if l1_cell is not None and l1_cell.clean:
            level1, level2 = (row, l1_cell), None
            _note_group(groups, 1, row, l1_cell)
        if l2_cell is not None and l2_cell.clean:
            level2 = (row, l2_cell)
            _note_group(groups, 2, row, l2_cell)
        ind = _read_row(row, cells, level1, level2)
        if ind is not None:
            indicators.append(ind)
        i += 1
    return indicators, groups, totals, i


def _without_header_copies(row: Row, head: Row) -> Row:
    """The row with copies of the header's own text emptied.

    A block label merged down the table's left edge (绩效指标) is printed again in every row by
    Word authors and exports; it is not a 一级 name and must not pull the row's cells leftwards.
    """
    copies = {k for k, c in enumerate(row.cells)
              if k < len(head.cells) and c.clean and not c.continuation and same_text(c.clean, head.cells[k].clean)}
    if not copies:
        return row  # (a real merge's copies are marked already and read as before)
    cells = [replace(c, text="", continuation=True) if k in copies else c for k, c in enumerate(row.cells)]
    return Row(cells, row.grid_id, row.page)


def _note_group(groups: list[IndicatorGroup], level: GroupLevel, row: Row, cell: Cell) -> None:
    name, stated = split_subtotal(cell.clean)
    if stated is None or any(g.level == level and g.name == name for g in groups):
        return
    groups.append(
        IndicatorGroup(level=level, name=name, stated_weight=traced(row, [cell], Decimal(stated)))
    )


def _level_value(ctx: tuple[Row, Cell] | None) -> Value[str]:
    if ctx is None:
        return Value[str]()
    row, cell = ctx
    name, _ = split_subtotal(cell.clean)
    return traced(row, [cell], name) if name and not is_placeholder(name) else Value[str]()


def _read_row(
    row: Row, cells: dict[str, Cell], level1: tuple[Row, Cell] | None, level2: tuple[Row, Cell] | None
) -> Indicator | None:
    name_cell = cells.get("name")
    payload = [cells.get(f) for f in ("target", "actual", "weight", "score")]
    has_payload = any(c is not None and c.clean and not is_placeholder(c.clean) for c in payload)
    own_level2 = cells.get("level2") is not None and bool(cells["level2"].clean)
    if name_cell is None or not name_cell.clean or is_placeholder(name_cell.clean):
        if not (own_level2 and has_payload):
            return None
        name_cell = None
    elif not has_payload and (is_level_word(name_cell.clean) or EMPTY_SLOT.match(squash(name_cell.clean))):
        return None  # a group heading, or a template's unused 指标2: slot
    elif not has_payload and _NUMBERED_NOTE.match(squash(name_cell.clean)):
        return None  # a numbered sentence of a 支撑材料 column wrapped onto a line of its own
    nature_cell = cells.get("nature")
    unit_cell = cells.get("unit")
    nature_text = nature_cell.clean if nature_cell is not None else ""
    op_hint = nature_text if normalize_operator(squash(nature_text)) else None
    unit_hint = unit_cell.clean if unit_cell is not None else None
    qualitative = squash(nature_text) == "定性"
    ind = Indicator(
        level1=_level_value(level1),
        level2=_level_value(level2),
        name=text_value(row, name_cell),
        weight=number_value(row, cells.get("weight")),
        score=number_value(row, cells.get("score")),
        completion=text_value(row, cells.get("completion")),
        deviation_reason=text_value(row, cells.get("deviation_reason")),
        nature=text_value(row, nature_cell),
        unit=_unit_value(row, unit_cell),
    )
    for field in ("target", "actual"):
        cell = cells.get(field)
        if cell is None:
            continue
        hint = op_hint if field == "target" else None
        measure = parse_measure(cell.clean, operator_hint=hint, unit_hint=unit_hint)  # a 计量单位 column: both
        if measure is not None and qualitative:
            measure = measure.model_copy(update={"operator": "qualitative", "value": None, "unit": None})
        setattr(ind, field, measure_value(row, cell, measure))
    if name_cell is not None and "★" in name_cell.clean:
        ind.core = traced(row, [name_cell], True)
    return ind


def _unit_value(row: Row, cell: Cell | None) -> Value[str]:
    """A 度量单位 cell's unit by its matching key, as a measure's unit is read (萬元 is 万元)."""
    value = text_value(row, cell)
    return value if value.value is None else value.model_copy(update={"value": squash(value.value)})


def _trailing_totals(row: Row, header: IndicatorHeader) -> Totals | None:
    """A 总分 cell printed later in a closing row: the totals are read from it on."""
    k = next((k for k, c in enumerate(row.cells) if TOTAL_ROW_RE.match(squash(c.clean))), None)
    return None if k is None else _read_totals(Row(row.cells[k:], row.grid_id, row.page), header)


def _read_totals(row: Row, header: IndicatorHeader) -> Totals:
    """总分 row: numbers in order are weight then score (or only score when no weight column)."""
    totals = Totals()
    nums = [c for c in row.cells if is_numeric(c.clean)]
    has_weight = "weight" in header.columns.values()
    if has_weight and len(nums) >= 2:
        totals.weight = number_value(row, nums[0])
        totals.score = number_value(row, nums[1])
    elif len(nums) == 1:
        field = "score" if not has_weight or "score" in header.columns.values() else "weight"
        if has_weight and "score" in header.columns.values():
            # one number under a form that prints both: it is the weight column when it sits there
            pos = row.cells.index(nums[0])
            col = header.columns.get(pos)
            field = "weight" if col == "weight" else "score"
        setattr(totals, field, number_value(row, nums[0]))
    grade = next((c for c in row.cells if _GRADE_RE.match(squash(c.clean))), None)
    if grade is not None:
        totals.grade = text_value(row, grade)
    return totals
