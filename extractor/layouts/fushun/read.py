"""Read the Fushun (Liaoning) variant of 部门整体支出绩效自评表.

The template stacks its sections in one table, each introduced by a label in the first column:
整体收支情况 (收入 and 支出 rows), 年度主要任务 (work items and their money), 年度绩效目标 (target /
outcome text pairs), 分解目标评价 (the indicator table) and 总评价得分.  Its indicator table splits
年度指标值 into 运算符号 / 内容 / 度量单位, and departments fill it their own way: the 三级 column
keeps the pre-printed ``指标 N`` label, the name goes into 内容 and the target into 度量单位, while
运算符号 keeps only the template's legend (“=” “≤” “≥” “<” “>”), which is never the row's operator.
PDF text drops empty cells here and there, so each row is placed under its header by ``place``:
one inserted or removed blank cell, keeping the reading that fits the column vocabulary best.
"""

from __future__ import annotations

import re

from extractor.grid import Cell
from extractor.layouts.fushun.pieces import join_indicator_name, join_label_pieces, join_project_pieces, name_alone
from extractor.layouts.fushun.place import (
    GOAL_FITS,
    INDICATOR_FITS,
    INDICATOR_LABEL,
    MONEY_FITS,
    Columns,
    Vocab,
    first_cell,
    is_legend,
    map_header,
    place_row,
    section_header,
)
from extractor.rules.align import ambiguous_row
from extractor.rules.cells import measure_value, number_value, percent_value, text_value, traced
from extractor.segment.types import FormChunk, Row
from extractor.values import is_numeric, is_placeholder, parse_decimal, parse_measure, squash
from extractor.vocab import FUNDS_COLUMNS, TOTAL_ROW_RE, match_column
from schemas.common import Finding, FundRole, FundsRow, Goals, Indicator, Totals, Value
from schemas.dept_self_eval import AnnualTask, DeptSelfEval, GoalPair

_SECTIONS: Vocab = [  # matched on the first printed cell of a row
    (re.compile(r"收支情况"), "funds"),  # 年度部门（单位）整体收支情况（万元）
    (re.compile(r"^(年度)?主要任务$"), "tasks"),  # 年度主要任务
    (re.compile(r"^(年度|部门)?绩效目标$"), "goals"),  # 年度绩效目标
    (re.compile(r"^分解目标"), "indicators"),  # 分解目标评价
]
_STAFF = re.compile(r"财政供养人员")  # 财政供养人员数量
_FUNDS_LABEL: Vocab = [(re.compile(r"^(名称|项目|科目)$"), "label")]  # 名 称
_TASK_COLUMNS: Vocab = [(re.compile(r"工作名称|任务名称"), "name"), (re.compile(r"对应项目|项目名称"), "project")]
_GOAL_COLUMNS: Vocab = [(re.compile(r"设定目标|年度目标"), "target"), (re.compile(r"完成情况|实际完成"), "outcome")]
_INDICATOR_COLUMNS: Vocab = [  # the second header row (运算符号 / 内容 …) overrides the first per column
    (re.compile(r"^(一级|指标类型$)"), "level1"),  # 指标类型: the shared vocabulary's word
    (re.compile(r"^二级"), "level2"),
    (re.compile(r"^三级"), "label"),
    (re.compile(r"运算符"), "legend"),  # 运算符号
    (re.compile(r"^内容$"), "content"),
    (re.compile(r"度量单位|计量单位"), "unit_col"),
    (re.compile(r"完成值|实际完成"), "actual"),  # 全年完成值
    (re.compile(r"完成程度|完成率"), "completion"),
    (re.compile(r"指标值|目标值"), "target"),  # 年度指标值, when it is not split
    (re.compile(r"^(分值|权重)"), "weight"),
    (re.compile(r"^得分"), "score"),
    (re.compile(r"原因说明|未完成原因|偏差原因"), "reason"),
    (re.compile(r"改进措施"), "improvement"),
    (re.compile(r"保障|条件|^其他$"), "cause"),  # 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他
]
_SUB_HEADER = {"legend", "content", "unit_col", "cause", "reason"}
_BARE_OPERATOR = re.compile(r"^(≥|≤|=|>|<|≧|≦|>=|<=)$")
_ITEM = re.compile(r"^\d+[.．、]")  # 1. 财政拨款收入
_KIND = re.compile(r"^[一二三四五六七八九十]+、")  # 一、基本支出
_KIND_ROLES: tuple[tuple[str, FundRole], ...] = (("基本支出", "basic"), ("项目支出", "project"))
_ROW_ROLES = ("level1", "level2", "actual", "completion", "weight", "score")  # cells an indicator row places itself
_SUBTOTAL = re.compile(r"小计|合计|总计")


def is_fushun(rows: list[Row]) -> bool:
    """Two or more of its section labels, one of them its own (年度主要任务 or 分解目标评价)."""
    kinds = {kind for kind, _ in _find_sections(rows)}
    return len(kinds) >= 2 and bool(kinds & {"tasks", "indicators"})


def read_fushun(chunk: FormChunk, form: DeptSelfEval) -> list[Finding]:
    """Fill ``form`` from the chunk's sections; returns the layout findings."""
    rows = chunk.rows
    sections = _find_sections(rows)
    bounds = _section_bounds(rows, sections)
    findings: list[Finding] = []
    form.staff_count = _read_staff_count(rows[: sections[0][1] if sections else len(rows)])
    form.funds = _read_funds(rows, *bounds["funds"], findings) if "funds" in bounds else []
    form.tasks = _read_tasks(rows, *bounds["tasks"], findings) if "tasks" in bounds else []
    form.goal_list = _read_goal_list(rows, *bounds["goals"], findings) if "goals" in bounds else []
    form.goals = Goals()  # the variant prints no 预期目标 / 实际完成情况 pair
    form.groups = []  # nor group subtotals
    start, end = bounds.get("indicators", (0, len(rows)))
    header = _indicator_header(rows, start, end)
    if header is None:
        findings.append(Finding(
            code="EXTRACT_NO_INDICATOR_TABLE",
            severity="warning",
            message_zh="未找到分解目标评价表（一级/二级/三级指标表头）",
            message_en="no 分解目标评价 table header (一级/二级/三级指标) was found in this form",
            rule="rules.fushun",
        ))
    else:
        form.indicators, form.totals = _read_indicators(rows, *header, findings)
    return findings


# ---------------------------------------------------------------- sections, headers, placement


def _first_text(row: Row) -> str:
    return next((squash(t) for t in row.texts if t), "")


def _find_sections(rows: list[Row]) -> list[tuple[str, int]]:
    """(section kind, row index) of each section label, first occurrence of each kind."""
    found: dict[str, int] = {}
    for i, row in enumerate(rows):
        first = _first_text(row)
        kind = match_column(first, _SECTIONS) if len(first) <= 30 else None
        if kind is not None:
            found.setdefault(kind, i)
            continue
        last = squash(row.cells[-1].clean) if len(row.cells) > 1 else ""
        kind = match_column(last, _SECTIONS) if len(last) <= 30 and not is_numeric(last) else None
        if kind is not None and i + 1 < len(rows):
            found.setdefault(kind, i + 1)  # a one-line export: the label ends the row above its section
    return sorted(found.items(), key=lambda item: item[1])


def _section_bounds(rows: list[Row], sections: list[tuple[str, int]]) -> dict[str, tuple[int, int]]:
    """Section kind → (its label row, the next section's label row or the end)."""
    ends = [i for _, i in sections[1:]] + [len(rows)]
    return {kind: (start, end) for (kind, start), end in zip(sections, ends, strict=True)}


# ---------------------------------------------------------------- staff, funds, tasks, goals


def _read_staff_count(rows: list[Row]) -> Value[int]:
    """财政供养人员数量: the first whole number after its label on the same row."""
    for row in rows:
        for k, cell in enumerate(row.cells):
            if not _STAFF.search(squash(cell.clean)):
                continue
            nxt = next((c for c in row.cells[k + 1:] if c.clean), None)
            number = parse_decimal(nxt.clean) if nxt is not None else None
            if nxt is not None and number is not None and number == number.to_integral_value():
                return traced(row, [nxt], int(number))
    return Value[int]()


def _has_money(columns: Columns) -> bool:
    return len([f for f in columns.values() if f in ("initial_budget", "budget", "executed")]) >= 2


def _read_funds(rows: list[Row], start: int, end: int, findings: list[Finding]) -> list[FundsRow]:
    """收支 rows: 收入 subtotal and its items, 支出 subtotal, 基本支出 / 项目支出 and their items."""
    found = section_header(rows, start, end, _FUNDS_LABEL + FUNDS_COLUMNS, _has_money)
    if found is None:
        return []
    head, columns = found
    if "label" not in columns.values():  # no 名称 heading: the label sits left of the first amount
        columns[min(k for k, f in columns.items() if f != "margin") - 1] = "label"
    out: list[FundsRow] = []
    block: str | None = None
    margin = _first_text(rows[start])
    for row in rows[head + 1:end]:
        fields, doubtful = place_row(join_label_pieces(row, margin), columns, MONEY_FITS, margin)
        label = first_cell(fields, "label")
        if label is None or is_placeholder(label.clean):
            continue
        role, block = fund_role(squash(label.clean), block)
        confidence = 0.8 if doubtful else 1.0
        fr = FundsRow(role=role, label=text_value(row, label, confidence=confidence))
        _set_money(fr, row, fields, confidence)
        out.append(fr)
        if doubtful:
            findings.append(ambiguous_row(row, "收支", "rules.fushun"))
    return out


def fund_role(label: str, block: str | None) -> tuple[FundRole, str | None]:
    """Role of a 收支 row and the block it opens; numbered items belong to the block above them."""
    item_role: FundRole = "income" if block == "income" else "line_item"
    if _ITEM.match(label):
        return item_role, block
    if "收入" in label:
        return "income", "income"
    if "支出" in label and (_KIND.match(label) or _SUBTOTAL.search(label) or label.startswith(("基本", "项目"))):
        for word, role in _KIND_ROLES:
            if word in label and not label.startswith("年度"):
                return role, role
        return "expenditure", "expenditure"
    return item_role, block


def _set_money(record: FundsRow | AnnualTask, row: Row, fields: dict[str, list[Cell]], confidence: float) -> None:
    for name in ("initial_budget", "budget", "executed", "rate"):
        cell = first_cell(fields, name)
        read = percent_value if name == "rate" else number_value
        value = read(row, cell, confidence=confidence)
        if value.value is not None:
            setattr(record, name, value)


def _read_tasks(rows: list[Row], start: int, end: int, findings: list[Finding]) -> list[AnnualTask]:
    """年度主要任务 rows (工作名称 / 对应项目 / money).  The 合计 row has no slot and ends the table:
    where the next section's label was cut (``年度绩 效目标``) its rows are not tasks."""
    found = section_header(rows, start, end, _TASK_COLUMNS + FUNDS_COLUMNS, _has_money)
    if found is None:
        return []
    head, columns = found
    out: list[AnnualTask] = []
    margin = _first_text(rows[start])
    for row in rows[head + 1:end]:
        row = join_project_pieces(row, margin)
        fields, doubtful = place_row(row, columns, MONEY_FITS, margin)
        name, project = first_cell(fields, "name"), first_cell(fields, "project")
        if name is not None and TOTAL_ROW_RE.match(squash(name.clean)):
            break
        if name is None and project is None:
            continue
        confidence = 0.8 if doubtful else 1.0
        task = AnnualTask(name=text_value(row, name, confidence=confidence),
                          project=text_value(row, project, confidence=confidence))
        _set_money(task, row, fields, confidence)
        out.append(task)
        if doubtful:
            findings.append(ambiguous_row(row, "年度主要任务", "rules.fushun"))
    return out


def _read_goal_list(rows: list[Row], start: int, end: int, findings: list[Finding]) -> list[GoalPair]:
    """年度绩效目标 rows: 年初设定目标 and 全年完成情况, each cell as printed."""
    found = section_header(rows, start, end, _GOAL_COLUMNS, lambda c: {"target", "outcome"} <= set(c.values()))
    if found is None:
        return []
    head, columns = found
    out: list[GoalPair] = []
    for row in rows[head + 1:end]:
        pairs = _numbered_goal_pairs(row)
        if pairs is not None:  # a one-line export's goals on one row: each numbered goal opens a pair
            out += [GoalPair(target=text_value(row, t), outcome=text_value(row, o)) for t, o in pairs]
            continue
        fields, doubtful = place_row(row, columns, GOAL_FITS, _first_text(rows[start]))
        target, outcome = first_cell(fields, "target"), first_cell(fields, "outcome")
        if target is None and outcome is None:
            continue
        confidence = 0.8 if doubtful else 1.0
        out.append(GoalPair(target=text_value(row, target, confidence=confidence),
                            outcome=text_value(row, outcome, confidence=confidence)))
        if doubtful:
            findings.append(ambiguous_row(row, "年度绩效目标", "rules.fushun"))
    return out


_NUMBERED_GOAL = re.compile(r"^目标\d{1,2}[：:]")


def _numbered_goal_pairs(row: Row) -> list[tuple[Cell, Cell]] | None:
    """A row of two goal pairs or more (``目标1：… 完成：… 目标2：… 完成：…``, a one-line export
    re-rowed: no row break between them), a section label the export ran on after them aside:
    each numbered goal and the text after it, where every other cell is numbered and no outcome is.
    The column placement would read them one cell off (the row has no label cell); else None."""
    cells = [c for c in row.cells if c.clean]
    while cells and match_column(squash(cells[-1].clean), _SECTIONS) is not None:
        cells.pop()
    if len(cells) < 4 or len(cells) % 2:
        return None
    targets, outcomes = cells[0::2], cells[1::2]
    if not all(_NUMBERED_GOAL.match(squash(c.clean)) for c in targets) \
            or any(_NUMBERED_GOAL.match(squash(c.clean)) or is_numeric(c.clean) for c in outcomes):
        return None
    return list(zip(targets, outcomes, strict=True))


# ---------------------------------------------------------------- 分解目标评价


def _indicator_header(rows: list[Row], start: int, end: int) -> tuple[int, Columns] | None:
    """The last header row and its columns: 一级 / 二级 / 三级 …, merged with the 运算符号 / 内容 row."""
    for i in range(start, end):
        columns = map_header(rows[i].texts, _INDICATOR_COLUMNS)
        if not {"level1", "label"} <= set(columns.values()):
            continue
        if i + 1 < end:
            # the sub-header's own words; cells copied down from the row above (merged) are not its own
            above = rows[i].texts
            own = ["" if c.continuation or (k < len(above) and c.clean == above[k]) else c.clean
                   for k, c in enumerate(rows[i + 1].cells)]
            sub = map_header(own, _INDICATOR_COLUMNS)
            if sub and len(sub) == len([t for t in own if t]) and set(sub.values()) <= _SUB_HEADER:
                return i + 1, columns | sub
        return i, columns
    return None


def _read_indicators(
    rows: list[Row], last: int, columns: Columns, findings: list[Finding]
) -> tuple[list[Indicator], Totals]:
    """Indicator rows down to 总评价得分, carrying the 一级 / 二级 cells down the rows they span.

    A row with no name and no figures (only a legend piece or an empty ``指标 N``) is not an
    indicator.  When such a row prints a 一级 text that extends the current one (``社会`` then
    ``社会 效应``), a page break cut the merged cell short: the fuller text applies to the rows
    already read under it.
    """
    indicators: list[Indicator] = []
    level1: tuple[Row, Cell] | None = None
    level2: tuple[Row, Cell] | None = None
    under_level1: list[Indicator] = []
    one_name = name_alone(columns)
    for row in rows[last + 1:]:
        first = _first_text(row)
        if TOTAL_ROW_RE.match(first):
            return indicators, _read_totals(row)
        if row.is_paragraph and len(first) > 20:
            break
        fields, legend, doubtful = _placed_indicator_row(join_indicator_name(row) if one_name else row, columns)
        is_indicator = _names_or_figures(fields)
        l1, l2 = first_cell(fields, "level1"), first_cell(fields, "level2")
        if l1 is not None and (level1 is None or l1.clean != level1[1].clean):
            if not is_indicator and level1 is not None and squash(l1.clean).startswith(squash(level1[1].clean)):
                level1 = (row, l1)
                for ind in under_level1:
                    ind.level1 = text_value(*level1)
            else:
                level1, level2, under_level1 = (row, l1), None, []
        extends = level2 is not None and l2 is not None and squash(l2.clean).startswith(squash(level2[1].clean))
        if l2 is not None and (is_indicator or extends):
            level2 = (row, l2)  # on a row with no indicator, a new 二级 text is a page-break fragment
        if not is_indicator:
            continue
        ind = _indicator(row, fields, legend, 0.8 if doubtful else 1.0)
        ind.level1 = text_value(*level1) if level1 else Value[str]()
        ind.level2 = text_value(*level2) if level2 else Value[str]()
        indicators.append(ind)
        under_level1.append(ind)
        if doubtful:
            findings.append(ambiguous_row(row, "分解目标评价", "rules.fushun"))
    return indicators, Totals()


def read_indicator_rows(
    rows: list[Row], last: int, columns: Columns, findings: list[Finding]
) -> tuple[list[Indicator], Totals]:
    """The indicator rows after row ``last`` under ``columns`` (an excerpt's columns placed from
    its slot column: ``headless``), read as the whole form's."""
    return _read_indicators(rows, last, columns, findings)


def _names_or_figures(fields: dict[str, list[Cell]]) -> bool:
    label = first_cell(fields, "label")
    named = "content" in fields or (label is not None and not INDICATOR_LABEL.match(squash(label.clean)))
    return named or any(f in fields for f in ("unit_col", "target", "actual", "weight", "score"))


def _name_and_target(
    fields: dict[str, list[Cell]], legend: Cell | None
) -> tuple[Cell | None, list[Cell], str | None]:
    """The name cell, the target's cells and the operator hint of one placed row.

    The name is in 内容 under a pre-printed ``指标 N``, else in the 三级 cell.  In the first
    (observed) filling the target is whatever 度量单位 holds.  In the template's own design the
    三级 cell names the indicator and the target is 内容 + 度量单位, with the 运算符号 cell as its
    operator only when that cell holds one bare sign rather than the legend.
    """
    label = first_cell(fields, "label")
    if label is not None and not INDICATOR_LABEL.match(squash(label.clean)):
        target_cells = [c for f in ("target", "content", "unit_col") if (c := first_cell(fields, f))]
        bare = legend is not None and _BARE_OPERATOR.match(squash(legend.clean))
        return label, target_cells, legend.clean if bare and legend is not None else None
    return first_cell(fields, "content"), [c for f in ("target", "unit_col") if (c := first_cell(fields, f))][:1], None


def _reason(fields: dict[str, list[Cell]]) -> Cell | None:
    """原因说明, else 改进措施."""
    return first_cell(fields, "reason") or first_cell(fields, "improvement")


def _placed_indicator_row(row: Row, columns: Columns) -> tuple[dict[str, list[Cell]], Cell | None, bool]:
    """The row's fields (legend pieces left out), its legend cell, and whether the placement was in doubt."""
    placed, doubtful = place_row(row, columns, INDICATOR_FITS)
    fields = {f: kept for f, cells in placed.items()
              if f != "legend" and (kept := [c for c in cells if not is_legend(c.clean)])}
    return fields, first_cell(placed, "legend"), doubtful


def indicator_cells(rows: list[Row]) -> dict[int, dict[str, Cell]]:
    """Row index → Indicator field → the cell this reader takes it from, for every row of the
    分解目标评价 table (the LLM path labels its grid with this placement: here a column's header
    does not say what its cells hold)."""
    start, end = _section_bounds(rows, _find_sections(rows)).get("indicators", (0, len(rows)))
    header = _indicator_header(rows, start, end)
    if header is None:
        return {}
    last, columns = header
    out: dict[int, dict[str, Cell]] = {}
    for i in range(last + 1, len(rows)):
        row = rows[i]
        first = _first_text(row)
        if TOTAL_ROW_RE.match(first) or (row.is_paragraph and len(first) > 20):
            break
        if not row.nonblank:
            continue
        fields, legend, _ = _placed_indicator_row(row, columns)
        name, target_cells, _ = _name_and_target(fields, legend)
        roles = {f: c for f in _ROW_ROLES if (c := first_cell(fields, f))}
        extra = {"name": name, "target": target_cells[0] if target_cells else None, "deviation_reason": _reason(fields)}
        out[i] = roles | {f: c for f, c in extra.items() if c is not None}
    return out


def _indicator(row: Row, fields: dict[str, list[Cell]], legend: Cell | None, confidence: float) -> Indicator:
    """One indicator, its name and target found as ``_name_and_target`` says."""
    name, target_cells, op_hint = _name_and_target(fields, legend)
    reason = _reason(fields)
    ind = Indicator(
        name=text_value(row, name, confidence=confidence),
        weight=number_value(row, first_cell(fields, "weight"), confidence=confidence),
        score=number_value(row, first_cell(fields, "score"), confidence=confidence),
        completion=text_value(row, first_cell(fields, "completion"), confidence=confidence),
        deviation_reason=text_value(row, reason, confidence=confidence),
    )
    target = parse_measure("".join(c.clean for c in target_cells), operator_hint=op_hint) if target_cells else None
    if target is not None:
        ind.target = traced(row, target_cells, target, confidence=confidence)
    actual = first_cell(fields, "actual")
    ind.actual = measure_value(row, actual, parse_measure(actual.clean) if actual else None, confidence=confidence)
    return ind


def _read_totals(row: Row) -> Totals:
    """总评价得分: a single number is the score (two would be weight then score); a merge's copy
    (Word: the score merged over 得分 and 原因说明; TSV: the score over 分值 and 得分 exported once
    per column) is not a second number: the same figure twice side by side under a 得分 label."""
    totals = Totals()
    numbers = [c for c in row.cells if is_numeric(c.clean) and not c.continuation]
    label = _first_text(row)
    twice = len(numbers) == 2 and numbers[1].col == numbers[0].col + 1 and numbers[0].clean == numbers[1].clean
    if twice and "得分" in label:
        numbers = numbers[1:]  # one merged score
    if len(numbers) >= 2:
        totals.weight, totals.score = number_value(row, numbers[0]), number_value(row, numbers[1])
    elif numbers:
        field = "weight" if ("分值" in label or "权重" in label) and "得分" not in label else "score"
        setattr(totals, field, number_value(row, numbers[0]))
    return totals
