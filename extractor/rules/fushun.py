"""Read the Fushun (Liaoning) variant of 部门整体支出绩效自评表.

This template stacks five sections in one table, each introduced by a label in its first column:
整体收支情况 (income and expenditure rows), 年度主要任务 (work items with their money), 年度绩效目标
(target / outcome text pairs), 分解目标评价 (the indicator table) and 总评价得分.  Its indicator table
splits 年度指标值 into 运算符号 / 内容 / 度量单位, and departments fill it in their own way: the
三级 column keeps the pre-printed ``指标 N`` label, the name goes into 内容 and the target into
度量单位, while 运算符号 keeps only the template's legend (“=” “≤” “≥” “<” “>”), which is never an
operator of the row.  PDF text drops empty cells here and there, so every row is placed under its
header by trying one inserted or removed blank cell and keeping the reading that fits the column
vocabulary best (a number under 分值, 完成 under 完成程度, a legend under 运算符号).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from extractor.grid import Cell
from extractor.rules.cells import measure_value, number_value, percent_value, text_value, traced
from extractor.rules.vocab import FUNDS_COLUMNS, TOTAL_ROW_RE, match_column
from extractor.segment import FormChunk, Row
from extractor.values import is_numeric, is_placeholder, normalize_operator, parse_decimal, parse_measure, squash
from schemas.common import Finding, FundsRow, Goals, Indicator, Totals, Value
from schemas.dept_self_eval import AnnualTask, DeptSelfEval, GoalPair

# Section labels, matched on the first printed cell of a row.
_SECTIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"收支情况"), "funds"),  # 年度部门（单位）整体收支情况（万元）
    (re.compile(r"^(年度)?主要任务"), "tasks"),  # 年度主要任务
    (re.compile(r"^(年度|部门)?绩效目标$"), "goals"),  # 年度绩效目标
    (re.compile(r"^分解目标"), "indicators"),  # 分解目标评价
]
_STAFF = re.compile(r"财政供养人员")  # 财政供养人员数量
_TASK_COLUMNS = [(re.compile(r"工作名称|任务名称|主要任务"), "name"), (re.compile(r"对应项目|项目名称"), "project")]
_GOAL_COLUMNS = [(re.compile(r"设定目标|年度目标|绩效目标"), "target"), (re.compile(r"完成情况|实际完成"), "outcome")]
_LABEL_HEAD = re.compile(r"^(名称|项目|科目)$")  # 名 称
# 分解目标评价 header words; the second header row (运算符号 / 内容 …) overrides the first per column.
_INDICATOR_COLUMNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^一级"), "level1"),
    (re.compile(r"^二级"), "level2"),
    (re.compile(r"^三级"), "label"),
    (re.compile(r"运算符"), "legend"),  # 运算符号
    (re.compile(r"^内容$"), "content"),
    (re.compile(r"度量单位|计量单位"), "unit_col"),
    (re.compile(r"完成值|实际完成"), "actual"),  # 全年完成值
    (re.compile(r"完成程度|完成率"), "completion"),
    (re.compile(r"指标值|目标值"), "target"),  # 年度指标值 (when not split)
    (re.compile(r"^(分值|权重)"), "weight"),
    (re.compile(r"^得分"), "score"),
    (re.compile(r"原因说明"), "reason"),
    (re.compile(r"未完成原因|偏差原因"), "reason"),
    (re.compile(r"改进措施"), "improvement"),
    (re.compile(r"保障|条件|^其他$"), "cause"),  # 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他
]
_SUB_HEADER_FIELDS = {"legend", "content", "unit_col", "cause", "reason"}
_LEGEND = re.compile(r"^[“”\"'＂=＝≤≥<>＜＞≦≧]+$")
_INDICATOR_LABEL = re.compile(r"^指标\d+$")  # the pre-printed 三级 label 指标 N
_COMPLETION = re.compile(r"完成$|^达[到成]|^未达")
_TICK = re.compile(r"^[√✓✔☑]$")
_ITEM = re.compile(r"^\d+[.．、]")  # 1. 财政拨款收入
_KIND = re.compile(r"^[一二三四五六七八九十]+、")  # 一、基本支出
_SUBTOTAL = re.compile(r"小计|合计|总计")

Fit = Callable[[str], float]


def is_fushun(rows: list[Row]) -> bool:
    """The variant prints at least two of its section labels (收支情况, 主要任务, 绩效目标, 分解目标)."""
    return len({kind for kind, _ in _find_sections(rows)}) >= 2


def read_fushun(chunk: FormChunk, form: DeptSelfEval) -> list[Finding]:
    """Fill ``form`` from the chunk's sections; returns the layout findings."""
    rows = chunk.rows
    sections = _find_sections(rows)
    bounds = {kind: (start, sections[k + 1][1] if k + 1 < len(sections) else len(rows))
              for k, (kind, start) in enumerate(sections)}
    findings: list[Finding] = []
    form.staff_count = _read_staff_count(rows[: sections[0][1] if sections else len(rows)])
    if "funds" in bounds:
        form.funds = _read_funds(rows, *bounds["funds"], findings)
    if "tasks" in bounds:
        form.tasks = _read_tasks(rows, *bounds["tasks"], findings)
    if "goals" in bounds:
        form.goal_list = _read_goal_list(rows, *bounds["goals"], findings)
    form.goals = Goals()  # this variant prints no 预期目标 / 实际完成情况 pair
    form.groups = []
    start, end = bounds.get("indicators", (0, len(rows)))
    header = _indicator_header(rows, start, end)
    if header is None:
        findings.append(Finding(
            code="EXTRACT_NO_INDICATOR_TABLE", severity="warning",
            message_zh="未找到分解目标评价表（一级/二级/三级指标表头）",
            message_en="no 分解目标评价 header (一级/二级/三级指标) was found in this form",
            rule="rules.fushun",
        ))
        return findings
    form.indicators, form.totals = _read_indicators(rows, header, end, findings)
    return findings


# ---------------------------------------------------------------- sections and placement


def _first_text(row: Row) -> str:
    return next((squash(t) for t in row.texts if t), "")


def _find_sections(rows: list[Row]) -> list[tuple[str, int]]:
    """(section kind, row index) of each section label, first occurrence of each kind only."""
    found: list[tuple[str, int]] = []
    for i, row in enumerate(rows):
        first = _first_text(row)
        if not first or len(first) > 30:
            continue
        for pattern, kind in _SECTIONS:
            if pattern.search(first) and kind not in {k for k, _ in found}:
                found.append((kind, i))
                break
    return found


def _map_header(texts: list[str], table: list[tuple[re.Pattern[str], str]]) -> dict[int, str]:
    return {k: name for k, t in enumerate(texts) if (name := match_column(t, table))}


def _placements(cells: list[Cell]) -> Iterator[tuple[int, list[Cell | None]]]:
    """The row as printed, with one blank cell inserted, or with one empty cell removed."""
    yield 0, list(cells)
    for d in range(len(cells) + 1):
        yield 1, [*cells[:d], None, *cells[d:]]
    for d, cell in enumerate(cells):
        if not cell.clean:
            yield 1, [*cells[:d], *cells[d + 1:]]


def _place(row: Row, columns: dict[int, str], fits: dict[str, Fit]) -> tuple[dict[int, Cell], bool]:
    """Column position → cell for the best placement of ``row``; the flag says the call was close.

    A placement scores the fit of each printed cell to its column's field; text outside every
    column costs most.  Ties go to the placement with fewer edits, then to the earlier one.
    """
    cells = list(row.cells)
    while cells and not cells[-1].clean:
        cells.pop()
    scored: list[tuple[float, int, dict[int, Cell]]] = []
    for edits, placed in _placements(cells):
        score = -0.25 * edits
        for pos, cell in enumerate(placed):
            if cell is None or not cell.clean:
                continue
            field = columns.get(pos)
            score += fits[field](squash(cell.clean)) if field in fits else -2.0
        scored.append((score, edits, {p: c for p, c in enumerate(placed) if c is not None}))
    best = max(scored, key=lambda s: (s[0], -s[1]))
    rivals = [s for s in scored if s is not best and abs(s[0] - best[0]) < 1e-9 and _payload(s[2], columns)
              != _payload(best[2], columns)]
    return best[2], bool(rivals)


def _payload(placed: dict[int, Cell], columns: dict[int, str]) -> list[tuple[str, str]]:
    return sorted((columns.get(p, "?"), c.clean) for p, c in placed.items() if c.clean)


def _field_cells(placed: dict[int, Cell], columns: dict[int, str]) -> dict[str, list[Cell]]:
    out: dict[str, list[Cell]] = {}
    for pos, cell in sorted(placed.items()):
        if pos in columns and cell.clean:
            out.setdefault(columns[pos], []).append(cell)
    return out


def _ambiguous(row: Row, section: str) -> Finding:
    printed = " ".join(t for t in row.texts if t)
    return Finding(
        code="LAYOUT_ROW_AMBIGUOUS", severity="warning",
        message_zh=f"{section}行的单元格可按多种方式对齐表头（{printed[:60]}），已取最符合表头词汇的一种",
        message_en=f"a {section} row fits its header in more than one way ({printed[:60]}); the best vocabulary fit was kept",
        cells=[c.ref(row.grid_id or "text") for c in row.cells if c.clean],
        rule="rules.fushun",
    )


# ---------------------------------------------------------------- cell fits


def _is_legend(t: str) -> bool:
    return bool(_LEGEND.match(t))


def _fit_text(t: str) -> float:
    return -2.0 if is_numeric(t) else (-1.0 if _is_legend(t) else 1.0)


def _fit_money(t: str) -> float:
    if is_placeholder(t):
        return 0.5
    if t.endswith("%"):
        return -1.0
    return 1.0 if is_numeric(t) else -2.0


def _fit_rate(t: str) -> float:
    return 1.0 if is_numeric(t) else (0.5 if is_placeholder(t) else -2.0)


def _fit_margin(t: str) -> float:
    return -0.5  # the section-label column is blank on data rows


def _fit_level(t: str) -> float:
    return -2.0 if _INDICATOR_LABEL.match(t) or is_numeric(t) else (-1.0 if _is_legend(t) else 0.5)


def _fit_label(t: str) -> float:
    return 1.5 if _INDICATOR_LABEL.match(t) else (-2.0 if is_numeric(t) else 0.0)


def _fit_legend(t: str) -> float:
    return 1.0 if _is_legend(t) else -2.0


def _fit_content(t: str) -> float:
    return -1.0 if _is_legend(t) else (-0.5 if is_numeric(t) else 1.0)


def _fit_measure(t: str) -> float:
    if _is_legend(t) or _COMPLETION.search(t) and len(t) <= 6:
        return -1.5
    if is_numeric(t) or (normalize_operator(t) and re.search(r"\d", t)):
        return 1.0
    return 0.3 if len(t) <= 8 else 0.0


def _fit_completion(t: str) -> float:
    return 2.0 if _COMPLETION.search(t) else (0.0 if is_numeric(t) else -1.0)


def _fit_number(t: str) -> float:
    return 1.0 if is_numeric(t) else (0.0 if is_placeholder(t) else -2.0)


def _fit_cause(t: str) -> float:
    return 0.5 if _TICK.match(t) else -0.5


def _fit_reason(t: str) -> float:
    return -0.5 if is_numeric(t) else 0.5


_INDICATOR_FITS: dict[str, Fit] = {
    "level1": _fit_level, "level2": _fit_level, "label": _fit_label, "legend": _fit_legend,
    "content": _fit_content, "unit_col": _fit_measure, "target": _fit_measure, "actual": _fit_measure,
    "completion": _fit_completion, "weight": _fit_number, "score": _fit_number, "cause": _fit_cause,
    "reason": _fit_reason, "improvement": _fit_reason,
}
_MONEY_FITS: dict[str, Fit] = {
    "margin": _fit_margin, "label": _fit_text, "name": _fit_text, "project": _fit_text,
    "initial_budget": _fit_money, "budget": _fit_money, "executed": _fit_money, "weight": _fit_money,
    "rate": _fit_rate, "score": _fit_money,
}


# ---------------------------------------------------------------- header block: staff, funds, tasks, goals


def _read_staff_count(rows: list[Row]) -> Value[int]:
    """财政供养人员数量: the first number after its label on the same row."""
    for row in rows:
        for k, cell in enumerate(row.cells):
            if not _STAFF.search(squash(cell.clean)):
                continue
            nxt = next((c for c in row.cells[k + 1:] if c.clean), None)
            number = parse_decimal(nxt.clean) if nxt is not None else None
            if number is not None and number == number.to_integral_value():
                return traced(row, [nxt], int(number))  # type: ignore[list-item]
    return Value[int]()


def _money_header(rows: list[Row], start: int, end: int, extra: list[tuple[re.Pattern[str], str]]
                  ) -> tuple[int, dict[int, str]] | None:
    """The first row of the section naming at least two money columns; its label column is added."""
    for i in range(start, end):
        texts = rows[i].texts
        columns = _map_header(texts, extra + FUNDS_COLUMNS)
        money = [k for k, f in columns.items() if f in ("initial_budget", "budget", "executed")]
        if len(money) < 2:
            continue
        if i == start:
            columns = {k: f for k, f in columns.items() if k != 0} | {0: "margin"}
        if not extra:
            label = next((k for k, t in enumerate(texts) if _LABEL_HEAD.match(squash(t))), min(money) - 1)
            columns[label] = "label"
        return i, columns
    return None


def _read_funds(rows: list[Row], start: int, end: int, findings: list[Finding]) -> list[FundsRow]:
    """收支 rows: 收入 subtotal and its items, 支出 subtotal, 基本支出 / 项目支出 and their items."""
    found = _money_header(rows, start, end, [])
    if found is None:
        return []
    head, columns = found
    out: list[FundsRow] = []
    block: str | None = None
    for row in rows[head + 1:end]:
        placed, doubtful = _place(row, columns, _MONEY_FITS)
        cells = _field_cells(placed, columns)
        label = cells.get("label", [None])[0]
        if label is None or is_placeholder(label.clean):
            continue
        role, block = _fund_role(squash(label.clean), block)
        fr = FundsRow(role=role, label=text_value(row, label))  # type: ignore[arg-type]
        _set_money(fr, row, cells, 0.8 if doubtful else 1.0)
        if doubtful:
            findings.append(_ambiguous(row, "收支"))
        out.append(fr)
    return out


def _fund_role(label: str, block: str | None) -> tuple[str, str | None]:
    """Role of a 收支 row and the block it opens; numbered items belong to the block above them."""
    item_role = "income" if block == "income" else "line_item"
    if _ITEM.match(label):
        return item_role, block
    if "收入" in label:
        return "income", "income"
    if "支出" in label and (_KIND.match(label) or _SUBTOTAL.search(label) or label.startswith(("基本", "项目"))):
        for word, role in (("基本支出", "basic"), ("项目支出", "project")):
            if word in label and not label.startswith("年度"):
                return role, role
        return "expenditure", "expenditure"
    return item_role, block


def _set_money(target: FundsRow | AnnualTask, row: Row, cells: dict[str, list[Cell]], confidence: float) -> None:
    for field in ("initial_budget", "budget", "executed", "rate", "weight", "score"):
        if field not in cells or field not in type(target).model_fields:
            continue
        read = percent_value if field == "rate" else number_value
        value = read(row, cells[field][0], confidence=confidence)
        if value.value is not None:
            setattr(target, field, value)


def _read_tasks(rows: list[Row], start: int, end: int, findings: list[Finding]) -> list[AnnualTask]:
    """年度主要任务 rows (工作名称 / 对应项目 / money); the 合计 row has no slot and is skipped."""
    found = _money_header(rows, start, end, _TASK_COLUMNS)
    if found is None:
        return []
    head, columns = found
    out: list[AnnualTask] = []
    for row in rows[head + 1:end]:
        placed, doubtful = _place(row, columns, _MONEY_FITS)
        cells = _field_cells(placed, columns)
        name, project = cells.get("name", [None])[0], cells.get("project", [None])[0]
        if name is None and project is None:
            continue
        if name is not None and TOTAL_ROW_RE.match(squash(name.clean)):
            continue
        confidence = 0.8 if doubtful else 1.0
        task = AnnualTask(name=text_value(row, name, confidence=confidence),
                          project=text_value(row, project, confidence=confidence))
        _set_money(task, row, cells, confidence)
        if doubtful:
            findings.append(_ambiguous(row, "年度主要任务"))
        out.append(task)
    return out


def _read_goal_list(rows: list[Row], start: int, end: int, findings: list[Finding]) -> list[GoalPair]:
    """年度绩效目标 rows: 年初设定目标 and 全年完成情况, each cell as printed."""
    header = next(((i, cols) for i in range(start, end)
                   if {"target", "outcome"} <= set((cols := _map_header(rows[i].texts[1:], _GOAL_COLUMNS)).values())),
                  None)
    if header is None:
        return []
    head, shifted = header
    columns = {k + 1: f for k, f in shifted.items()} | {0: "margin"}
    fits: dict[str, Fit] = {"margin": _fit_margin, "target": _fit_reason, "outcome": _fit_reason}
    out: list[GoalPair] = []
    for row in rows[head + 1:end]:
        placed, doubtful = _place(row, columns, fits)
        cells = _field_cells(placed, columns)
        if not cells.get("target") and not cells.get("outcome"):
            continue
        confidence = 0.8 if doubtful else 1.0
        out.append(GoalPair(target=text_value(row, cells.get("target", [None])[0], confidence=confidence),
                            outcome=text_value(row, cells.get("outcome", [None])[0], confidence=confidence)))
        if doubtful:
            findings.append(_ambiguous(row, "年度绩效目标"))
    return out


# ---------------------------------------------------------------- 分解目标评价


def _indicator_header(rows: list[Row], start: int, end: int) -> tuple[int, dict[int, str]] | None:
    """Header row (一级 / 二级 / 三级 …) and, when present, the 运算符号 / 内容 / 度量单位 row under it."""
    for i in range(start, end):
        columns = _map_header(rows[i].texts, _INDICATOR_COLUMNS)
        if not {"level1", "label"} <= set(columns.values()):
            continue
        if i + 1 < end:
            sub = _map_header(rows[i + 1].texts, _INDICATOR_COLUMNS)
            printed = [t for t in rows[i + 1].texts if t]
            if sub and len(sub) == len(printed) and set(sub.values()) <= _SUB_HEADER_FIELDS:
                return i + 1, columns | sub
        return i, columns
    return None


def _read_indicators(
    rows: list[Row], header: tuple[int, dict[int, str]], end: int, findings: list[Finding]
) -> tuple[list[Indicator], Totals]:
    last, columns = header
    indicators: list[Indicator] = []
    level1: tuple[Row, Cell] | None = None
    level2: tuple[Row, Cell] | None = None
    under_level1: list[Indicator] = []  # rows read under the current 一级 cell
    for row in rows[last + 1:]:
        first = _first_text(row)
        if TOTAL_ROW_RE.match(first):
            return indicators, _read_totals(row)
        if row.is_paragraph and len(first) > 20:
            break
        placed, doubtful = _place(row, columns, _INDICATOR_FITS)
        cells = {f: [c for c in cs if not _is_legend(squash(c.clean))] for f, cs in _field_cells(placed, columns).items()}
        cells = {f: cs for f, cs in cells.items() if cs}
        is_row = _has_indicator(cells)
        l1, l2 = cells.get("level1", [None])[0], cells.get("level2", [None])[0]
        if l1 is not None and (level1 is None or l1.clean != level1[1].clean):
            if level1 is not None and squash(l1.clean).startswith(squash(level1[1].clean)):
                # the same merged 一级 cell, printed in full after a page break cut it short
                level1 = (row, l1)
                for ind in under_level1:
                    ind.level1 = _text(level1)
            else:
                level1, level2, under_level1 = (row, l1), None, []
        if l2 is not None and (is_row or (level2 is not None and squash(l2.clean).startswith(squash(level2[1].clean)))):
            level2 = (row, l2)  # a label-less row's 二级 text is a page-break fragment unless it extends
        if not is_row:
            continue
        ind = _indicator(row, cells, level1, level2, 0.8 if doubtful else 1.0)
        if doubtful:
            findings.append(_ambiguous(row, "分解目标评价"))
        indicators.append(ind)
        under_level1.append(ind)
    return indicators, Totals()


def _has_indicator(cells: dict[str, list[Cell]]) -> bool:
    """A row is an indicator when it names one or prints a target, actual, weight or score."""
    label = cells.get("label", [None])[0]
    named = "content" in cells or (label is not None and not _INDICATOR_LABEL.match(squash(label.clean)))
    return named or any(f in cells for f in ("unit_col", "target", "actual", "weight", "score"))


def _text(ctx: tuple[Row, Cell] | None) -> Value[str]:
    return text_value(*ctx) if ctx is not None else Value[str]()


def _indicator(
    row: Row, cells: dict[str, list[Cell]], level1: tuple[Row, Cell] | None, level2: tuple[Row, Cell] | None,
    confidence: float,
) -> Indicator:
    one = {f: cs[0] for f, cs in cells.items()}
    label = one.get("label")
    if label is not None and not _INDICATOR_LABEL.match(squash(label.clean)):
        # the template used as designed: name under 三级, the target split over 内容 / 度量单位
        name_cell, target_cells = label, [c for c in (one.get("target"), one.get("content"), one.get("unit_col")) if c]
    else:
        name_cell, target_cells = one.get("content"), [c for c in (one.get("target") or one.get("unit_col"),) if c]
    ind = Indicator(
        level1=_text(level1),
        level2=_text(level2),
        name=text_value(row, name_cell, confidence=confidence),
        weight=number_value(row, one.get("weight"), confidence=confidence),
        score=number_value(row, one.get("score"), confidence=confidence),
        completion=text_value(row, one.get("completion"), confidence=confidence),
        deviation_reason=text_value(row, (cells.get("reason") or cells.get("improvement") or [None])[0],
                                    confidence=confidence),
    )
    if target_cells:
        text = "".join(c.clean for c in target_cells)
        measure = parse_measure(text)
        ind.target = traced(row, target_cells, measure, confidence=confidence) if measure else Value()
    actual = one.get("actual")
    ind.actual = measure_value(row, actual, parse_measure(actual.clean) if actual else None, confidence=confidence)
    return ind


def _read_totals(row: Row) -> Totals:
    """总评价得分: one number is the score; two are weight then score."""
    totals = Totals()
    numbers = [c for c in row.cells if is_numeric(c.clean)]
    if len(numbers) >= 2:
        totals.weight, totals.score = number_value(row, numbers[0]), number_value(row, numbers[1])
    elif numbers:
        label = _first_text(row)
        field = "weight" if ("分值" in label or "权重" in label) and "得分" not in label else "score"
        setattr(totals, field, number_value(row, numbers[0]))
    return totals

