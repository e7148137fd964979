"""Read a run-together form (see ``extractor.layouts.fused``) into its schema, every value with its span.

The sections come from ``fused.scan``; fused numbers are split by ``fused.numbers`` and indicator
rows by ``fused.rows``.  What the text cannot settle is left empty and reported: money printed in
fewer cells than the header has columns when the amounts are equal (which column is blank cannot
be told), goal texts with no sentence boundary between 预期目标 and 实际完成情况, garbled cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import extractor.layouts.fused.lexicon as lx
from extractor.grid import Cell
from extractor.layouts.fused.borders import borders_of
from extractor.layouts.fused.chunks import chunk_text
from extractor.layouts.fused.cost import read_cost
from extractor.layouts.fused.decl_funds import read_cell
from extractor.layouts.fused.numbers import Placement, Split, best_split, close
from extractor.layouts.fused.pairs import (
    Checker,
    certain_fields,
    funds_rules,
    indicator_check,
    touches_left,
    touches_right,
)
from extractor.layouts.fused.points_tail import points_not_actual
from extractor.layouts.fused.prose_funds import certain_amount, is_prose
from extractor.layouts.fused.review import ReviewTable, find_review
from extractor.layouts.fused.rows import OPERATOR, RowCut, Slot, cut_rows, row_template
from extractor.layouts.fused.scan import FusedForm, Span, read_one
from extractor.layouts.fused.scoring import CompletionScoring
from extractor.layouts.fused.stock import bare_level2, learn_stock
from extractor.layouts.fused.stock_actual import split_at_stock, stock_as_actual, stock_in_actual
from extractor.layouts.fused.text import CleanText
from extractor.layouts.fused.unit_split import move_units
from extractor.rules.align import doubt
from extractor.rules.cells import traced
from extractor.rules.funds_scale import drop_off_scale
from extractor.rules.table import TableForm
from extractor.segment.types import FormChunk, Row
from extractor.values import is_placeholder, parse_measure
from extractor.vocab import MONEY_FIELDS, fund_role, split_subtotal
from schemas.common import (
    Finding,
    FundsRow,
    Goals,
    Header,
    Indicator,
    IndicatorGroup,
    Measure,
    Severity,
    SourceRef,
    Totals,
    Value,
)

CONFIDENCE = 0.9  # boundaries inferred from vocabulary and arithmetic, not printed
_SENTENCE_END = re.compile(r"[。；;!！]")
_FIGURE_RUN = re.compile(r"[\d.%]+")  # a body of figures only
_MAX_HEADER_VALUE = 40


class _Reader:
    """Builds traced values from spans of the chunk's matching text (``t``, simplified characters);
    a text value holds the characters printed there (``p``: traditional where the source is)."""

    def __init__(self, ct: CleanText) -> None:
        self.ct = ct
        self.t = ct.text
        self.p = ct.printed
        self.row = 0
        self.fused: list[tuple[int, int]] = []  # figures left unread: their edges touch other digits

    def value(self, span: Span, value: Any, col: int = 0, confidence: float = CONFIDENCE) -> Value[Any]:
        start, end = self.ct.span(*span)
        cell = Cell(self.p[span[0]:span[1]], self.row, col, char_start=start, char_end=end)
        return traced(Row([cell], "fused"), [cell], value, confidence=confidence)

    def text(self, span: Span, col: int = 0) -> Value[str]:
        body = self.p[span[0]:span[1]].strip(":")
        return self.value(span, body, col) if body and not is_placeholder(body) else Value[str]()


def read_fused(chunk: FormChunk, form: TableForm) -> TableForm:
    """Fill ``form`` (a self-evaluation or target model) from a fused chunk."""
    reader = _Reader(chunk_text(chunk))
    review = find_review(reader.t) if hasattr(form, "indicators") else None
    fm = read_one(reader.t if review is None else reader.t[:review.start])  # the rubric read on its own
    findings: list[Finding] = [_finding("LAYOUT_FUSED_TEXT", "info", "表格文字连排无分隔，按表头词汇和数值关系切分",
                                        "table text ran together without separators; cells were split by header "
                                        "vocabulary and arithmetic", [])]
    form.header = Header()  # the generic header reader saw one long cell
    _read_header(reader, fm, form)
    # amounts after their labels with no column header: a target form's one budget column; in a
    # self-evaluation the header was lost (OCR, a cut excerpt) and which column is which is not known
    if hasattr(form, "funds") and (fm.funds_columns != ["budget"] or hasattr(form, "overall_goal")):
        form.funds = _read_funds(reader, fm, findings)
        findings.extend(drop_off_scale(form.funds))
    elif hasattr(form, "funds") and fm.fund_lines:  # certain or flagged: say the amounts were left
        findings.append(_finding(
            "LAYOUT_FUNDS_AMBIGUOUS", "warning", "资金行金额前无列标题，无法确定各数值所属列，金额未读取",
            "funds amounts follow their labels without column headers; which column each belongs to "
            "cannot be told, so they were not read", ["funds"],
            reader.ct.span(*_fund_lines_span(fm))))
    if hasattr(form, "funds") and fm.funds_cell is not None and not fm.fund_lines:
        form.funds = _read_cell(reader, fm.funds_cell, form.header, findings)
    if hasattr(form, "funds") and fm.cost is not None:
        form.funds = [*(form.funds or []), *_read_cost(reader, fm.cost, findings)]
    if hasattr(form, "goals"):
        form.goals = _read_goals(reader, fm, findings)
    if hasattr(form, "overall_goal") and fm.goal_columns == ["overall"] and fm.goal_text is not None:
        reader.row += 1
        form.overall_goal = reader.text(fm.goal_text)
    if hasattr(form, "indicators") and review is not None:
        form.indicators, form.groups, form.totals = _read_review(reader, review, findings)
    elif hasattr(form, "indicators"):
        indicators, groups = _read_indicators(reader, fm, findings)
        form.indicators = indicators
        form.groups = groups
        form.totals = _read_totals(reader, fm, indicators)
    if reader.fused:
        findings.append(_finding(
            "LAYOUT_FIGURES_FUSED", "warning", f"{len(reader.fused)}个数值与相邻数字连排，分界不确定，未读取",
            f"{len(reader.fused)} figures run into neighbouring digits with no certain boundary; they were not read",
            [], reader.ct.span(min(a for a, _ in reader.fused), max(b for _, b in reader.fused))))
    form.findings = findings
    return form


def _read_review(r: _Reader, table: ReviewTable, findings: list[Finding]
                 ) -> tuple[list[Indicator], list[IndicatorGroup], Totals]:
    """A rubric with a review column (``review``): names and 一级 words, figures where certain."""
    indicators: list[Indicator] = []
    for row in table.rows:
        r.row += 1
        ind = Indicator(level1=r.value(row.name, row.level1, 0, confidence=0.8), name=r.text(row.name, 2))
        a, b = row.run
        edges = touches_left(r.ct, a) or touches_right(r.ct, b) or any(
            r.ct.offsets[c] != r.ct.offsets[c - 1] + 1 for c in range(a + 1, b))  # a page marker cut out
        if edges and row.weight is not None:
            table.unsure.append(row.run)
        elif row.weight is not None and row.score is not None:
            ind.weight = r.value(row.weight[0], row.weight[1], 3)
            ind.score = r.value(row.score[0], row.score[1], 4)
        indicators.append(ind)
    groups = [IndicatorGroup(level=1, name=name, stated_weight=r.value(span, points))
              for name, span, points in table.groups]
    totals = Totals()
    if table.total is not None:
        totals.score = r.value(*table.total)
    if table.unsure:
        findings.append(_finding(
            "LAYOUT_FIGURES_FUSED", "warning", f"{len(table.unsure)}行的分值与自评分连排，分界不确定，未读取",
            f"{len(table.unsure)} rows print their weight and score run together with no certain boundary; "
            "they were not read", ["indicators"], r.ct.span(table.unsure[0][0], table.unsure[-1][1])))
    return indicators, groups, totals


def _read_header(r: _Reader, fm: FusedForm, form: TableForm) -> None:
    header = form.header
    if fm.title is not None:
        header.title = r.text(fm.title)
    if fm.year is not None:
        header.year = r.value(fm.year, int(r.t[fm.year[0]:fm.year[1]]))
    for name, span in fm.labels:
        # a header value is a name; a longer stretch means the next label was not recognised
        if getattr(header, name).value is None and span[1] - span[0] <= _MAX_HEADER_VALUE:
            setattr(header, name, r.text(span))
    if fm.money_unit is not None:
        word = r.t[fm.money_unit[0]:fm.money_unit[1]]  # lexicon.MONEY_UNIT matches only 万元 or 元
        header.money_unit = r.value(fm.money_unit, "万元" if word == "万元" else "元")


def _read_funds(r: _Reader, fm: FusedForm, findings: list[Finding]) -> list[FundsRow]:
    out: list[FundsRow] = []
    prose: list[FundsRow] = []
    total: dict[str, Decimal] = {}
    for k, line in enumerate(fm.fund_lines):
        r.row += 1
        label = r.t[line.role_label[0]:line.role_label[1]] if line.role_label else ""
        role = fund_role(label) if label else ("total" if k == 0 else None)
        if role is None:
            continue
        row = FundsRow(role=role)
        if line.role_label is not None:
            row.label = r.value(line.role_label, r.p[line.role_label[0]:line.role_label[1]])
        run = r.t[line.values[0]:line.values[1]]
        if is_prose(run):  # amounts with their unit: never columns (figures in brackets)
            # the prose's amount is the year's budget only where the header has a 全年预算数 column;
            # under 年初预算数 | 全年执行数 the sentence stands for both, which no column tells apart
            _read_prose(r, row, label, line.values[0], run, findings, "budget" in fm.funds_columns)
            prose.append(row)
            out.append(row)
            continue
        split = best_split(run, fm.funds_columns, _funds_scorer(role == "total", total)) if run else None
        if split is not None:
            _place_funds(r, row, line.values[0], split, fm.funds_columns, findings, funds_rules(total))
        if role == "total":
            total = {f: getattr(row, f).value for f in MONEY_FIELDS if getattr(row, f).value is not None}
        out.append(row)
    if prose and not _prose_adds_up(prose):
        for row in prose:
            row.budget = Value()
        if not any(f.code == "LAYOUT_FUNDS_AMBIGUOUS" for f in findings):
            findings.append(_finding(
                "LAYOUT_FUNDS_AMBIGUOUS", "warning", "资金以文字叙述填写，合计与来源金额不符或不全，金额未读取",
                "funds are written as prose and the total and its sources do not add up (or were not all read), "
                "so the amounts were not read", ["funds"], None))
    return out


def _read_cost(r: _Reader, span: Span, findings: list[Finding]) -> list[FundsRow]:
    """A cost composition's items (line items: label where certain, 金额 as budget) and its 合计
    (a total), in print order after the funds; when the amounts are not certain, nothing and
    ``LAYOUT_COST_AMBIGUOUS``."""
    block = read_cost(r.ct, span)
    if block.unread is not None:
        findings.append(_finding(
            "LAYOUT_COST_AMBIGUOUS", "warning", "项目预算成本构成连排，金额与合计无法由算术确定，未读取",
            "the cost composition ran together and its amounts and 合计 could not be settled by arithmetic; "
            "they were not read", ["funds"], r.ct.span(*span)))
        return []
    out = []
    for item in block.items:  # a row with neither (a marker touched its amount) keeps the rows' order
        r.row += 1
        row = FundsRow(role="line_item")
        if item.amount is not None:
            row.budget = r.value(item.amount, Decimal(r.t[item.amount[0]:item.amount[1]]), 2)
        if item.label is not None:
            row.label = r.value(item.label, r.p[item.label[0]:item.label[1]], 1)
        out.append(row)
    r.row += 1
    total = FundsRow(role="total", label=r.value(block.total_label, r.p[block.total_label[0]:block.total_label[1]], 1))
    if block.total is not None:
        total.budget = r.value(block.total, Decimal(r.t[block.total[0]:block.total[1]]), 2)
    return [*out, total]
def _read_cell(r: _Reader, start: int, header: Header, findings: list[Finding]) -> list[FundsRow]:
    """A declaration's labelled funds cell (``decl_funds``): every row with its label and budget,
    and the money unit its amounts print; or, where the cell does not parse whole or add up, none
    and ``LAYOUT_FUNDS_AMBIGUOUS``."""
    cell = read_cell(r.t, start)
    if cell is None:
        findings.append(_finding(
            "LAYOUT_FUNDS_AMBIGUOUS", "warning", "资金总额及构成单元格中的金额无法完整切分或合计不符，金额未读取",
            "the funds cell's labelled amounts could not all be split or do not add up to the total, "
            "so they were not read", ["funds"], None))
        return []
    r.row += 1
    out: list[FundsRow] = []
    for col, part in enumerate(cell.parts):
        row = FundsRow(role=part.role)
        row.label = r.value(part.label, r.p[part.label[0]:part.label[1]], col)
        row.budget = r.value(part.amount, part.value, col)
        out.append(row)
    if header.money_unit.value is None:  # every amount prints the one unit
        header.money_unit = r.value(cell.unit, "万元" if r.t[cell.unit[0]:cell.unit[1]] == "万元" else "元")
    return out


def _prose_adds_up(rows: list[FundsRow]) -> bool:
    """Prose amounts are kept only when arithmetic confirms every role: one total, at least one
    source, every source read, and the sources adding up to the total."""
    totals = [row.budget.value for row in rows if row.role == "total"]
    parts = [row.budget.value for row in rows if row.role != "total"]
    if len(totals) != 1 or totals[0] is None or not parts or any(v is None for v in parts):
        return False
    return close(sum((v for v in parts if v is not None), Decimal(0)), totals[0], "0.01")


def _read_prose(r: _Reader, row: FundsRow, label: str, base: int, run: str, findings: list[Finding],
                budget_column: bool) -> None:
    """A funds row written as prose: its budget where the header has that column and the words make
    the amount's role certain, else nothing read and ``LAYOUT_FUNDS_AMBIGUOUS`` (once per form)."""
    span = certain_amount(label, run, row.role) if budget_column else None
    if span is not None:
        at = (base + span[0], base + span[1])
        row.budget = r.value(at, Decimal(r.t[at[0]:at[1]]))
        return
    if any(f.code == "LAYOUT_FUNDS_AMBIGUOUS" for f in findings):
        return
    findings.append(_finding(
        "LAYOUT_FUNDS_AMBIGUOUS", "warning",
        "资金以文字叙述填写（金额带单位、括号内列来源），无法确定各金额所属列，金额未读取",
        "funds are written as prose (amounts with their unit, sources in brackets); which column each amount "
        "belongs to cannot be told, so they were not read", [f"funds[{row.role}].budget"],
        r.ct.span(base, base + len(run)),
    ))


def _place_funds(
    r: _Reader, row: FundsRow, base: int, split: Split, columns: list[str], findings: list[Finding],
    rules: Checker,
) -> None:
    placed = split.placement
    money = [f for f in placed if f in MONEY_FIELDS]
    blank_money = [c for c in columns if c in MONEY_FIELDS and c not in placed]
    unsure = split.ambiguous or (money and blank_money and len({placed[f].value for f in money}) == 1)
    figures = [(f, "pct" if f == "rate" else "num", base + n.start, base + n.end) for f, n in placed.items()]
    certain = certain_fields(r.ct, figures, rules, funds=True)
    for col, (fld, num) in enumerate(placed.items()):
        if unsure and (fld in MONEY_FIELDS or split.ambiguous):
            continue
        span = (base + num.start, base + num.end)
        if fld not in certain:
            r.fused.append(span)
            continue
        setattr(row, fld, r.value(span, num.value, col))
    if unsure:
        span = r.ct.span(base, base + max(n.end for n in placed.values()))
        findings.append(_finding(
            "LAYOUT_FUNDS_AMBIGUOUS", "warning", "资金行数值连排且少于表头列数，无法确定空白列，金额未读取",
            "funds values run together and fewer than the header's columns; the blank column cannot be told, "
            "so the amounts were not read", [f"funds[{row.role}].budget"], span,
        ))


def _funds_scorer(is_total: bool, total: dict[str, Decimal]) -> Callable[[Placement], float]:
    """Rank a funds reading by 执行数/预算数 = 执行率, 得分 = 分值 × 执行率, parts within the total,
    amounts of one size along the row; zeros (nothing executed, a 0-point line) are unusual."""
    def score(p: Placement) -> float:
        v = {f: n.value for f, n in p.items()}
        s = 0.1 * len(v)
        budget, executed, rate, weight, got = (v.get(f) for f in ("budget", "executed", "rate", "weight", "score"))
        if budget and executed is not None and rate is not None:
            s += 3.0 if close(executed / budget * 100, rate) else -3.0
        if weight is not None:
            s += (0.5 if weight <= 30 else -3.0) - (0.0 if is_total else 2.0)
        if got is not None:
            s -= 0.0 if is_total else 2.0
            if weight is not None and got > weight:
                s -= 3.0
            if weight is not None and rate is not None:
                s += 2.0 if close(weight * min(rate, Decimal(100)) / 100, got, "0.06") else -1.0
        for f in MONEY_FIELDS:
            if f in v and f in total and not is_total and v[f] > total[f]:
                s -= 3.0
        amounts = [v[f] for f in MONEY_FIELDS if v.get(f)]
        if amounts and max(amounts) > 3 * min(amounts):
            s -= 2.0  # the budget columns of one row are amounts of one size
        s -= sum(1.0 for f in ("executed", "rate", "weight") if v.get(f) == 0)
        return s

    return score


def _read_goals(r: _Reader, fm: FusedForm, findings: list[Finding]) -> Goals:
    """Two goal columns (预期目标 / 实际完成情况) run together: the texts part at the last sentence end."""
    goals = Goals()
    if fm.goal_columns != ["expected", "actual"] or fm.goal_text is None:
        return goals
    a, b = fm.goal_text
    ends = [m.end() for m in _SENTENCE_END.finditer(r.t, a, b) if m.end() < b]
    if not ends:
        findings.append(_finding("LAYOUT_GOALS_UNSPLIT", "info", "预期目标与实际完成情况连排，无法确定分界",
                                 "expected and actual goal texts run together with no boundary", ["goals"],
                                 r.ct.span(a, b)))
        return goals
    r.row += 1
    goals.expected = r.text((a, ends[-1]), 0)
    goals.actual = r.text((ends[-1], b), 1)
    return goals


def _read_indicators(
    r: _Reader, fm: FusedForm, findings: list[Finding]
) -> tuple[list[Indicator], list[IndicatorGroup]]:
    template = row_template(fm.ind_columns)
    # the free-text 偏差原因 column after the figures: read only where a sentence end closes it
    reads_reason = fm.ind_columns[len(fm.ind_columns) - 1:] == ["deviation"] and bool(template) and (
        fm.ind_columns.index("deviation") == fm.ind_columns.index(template[-1]) + 1)
    first: list[Finding] = []
    in_actual = False  # the stock text fills the actual column (``stock_actual``)
    cuts = _cut_bodies(r, fm, template, first)
    # a reason column after the figures may print one stock text on every row: learnt, then cut again
    stock = _stock_text(r, fm, cuts) if "deviation" in fm.ind_columns and template else None
    if stock is not None:
        cuts = _cut_bodies(r, fm, template, findings, stock)
        in_actual = _stock_in_actual(r, fm, cuts, stock, findings)
    else:
        findings.extend(first)
    bare = not any(piece.kind == "level2" for piece in fm.pieces)  # no ``…指标`` 二级 word printed
    group: str | None = None  # the 一级 word whose bare 二级 words may open a name (read, or OCR'd out of order)
    prev: Indicator | None = None
    indicators: list[Indicator] = []
    groups: list[IndicatorGroup] = []
    level1: Value[str] = Value[str]()
    level2: Value[str] = Value[str]()
    max_weight = Decimal(100)
    seen: set[tuple[str, str, str | None, str | None]] = set()
    scoring = CompletionScoring()
    for k, piece in enumerate(fm.pieces):
        a, b = piece.span
        if piece.kind == "garbled1":  # a rubric 一级 cell OCR'd out of order: its level and points unread
            level1, level2, max_weight, prev, group = Value[str](), Value[str](), Decimal(100), None, None
            continue
        if piece.kind in ("level1", "level2"):
            name, stated = split_subtotal(r.t[a:b])
            value = r.value((a, a + len(name)), r.p[a:a + len(name)])
            if piece.kind == "level1":
                level1, level2, group = value, Value[str](), name
                max_weight = Decimal(stated) if stated else Decimal(100)
            else:
                level2 = value
            key = (piece.kind, name, stated, level1.value)
            if stated is not None and key not in seen:
                seen.add(key)  # a merged level cell printed again on every row of its block is one group
                groups.append(IndicatorGroup(level=1 if piece.kind == "level1" else 2, name=value.value or name,
                                             stated_weight=r.value((a, b), Decimal(stated))))
            continue
        if piece.kind != "body":
            prev = None if piece.kind == "slot" else prev  # an empty template row has no reason to print
            continue
        if "remark" in fm.ind_columns and level2.value and _FIGURE_RUN.fullmatch(r.t[a:b]):
            # a declaration's row with its 指标内容 empty: a figure and a 备注 figure run together
            # (``88100``); the row is its level words, the figures are left unread
            indicators.append(Indicator(level1=level1, level2=level2))
            r.fused.append((a, b))
            continue
        if k not in cuts:
            continue
        rows, skipped = cuts[k]
        if "unit" not in template:  # a unit printed after its figure may open the next name
            rows, unsure = move_units(r.t[a:b], rows)
            if unsure and not any(f.code == "LAYOUT_UNIT_AMBIGUOUS" for f in findings):
                findings.append(_finding(
                    "LAYOUT_UNIT_AMBIGUOUS", "warning", "指标名称开头的计量单位可能属于上一行的指标值，未移动",
                    "a name opens with a unit word that may belong to the previous row's figure; it was left "
                    "in the name", [], r.ct.span(a + rows[unsure[0]].name[0], a + rows[unsure[0]].name[1])))
        for row_cut in rows:
            reason = _reason_before(r.t, a, row_cut)
            if reason is not None and (reason[1] < a + row_cut.name[1] or not row_cut.slots):
                if reads_reason and prev is not None:
                    prev.deviation_reason = r.text(reason, 8)
                row_cut = RowCut((reason[1] - a, row_cut.name[1]), row_cut.slots)
            if stock is not None:
                row_cut = _cut_stock(r, a, row_cut, stock, prev if reads_reason or in_actual else None, in_actual)
            if bare and (found := bare_level2(r.t[a + row_cut.name[0]:a + row_cut.name[1]], group)):
                end, word, group = found
                start = a + row_cut.name[0] + end - len(word)
                level2 = r.value((start, start + len(word)), r.p[start:start + len(word)])
                row_cut = RowCut((row_cut.name[0] + end, row_cut.name[1]), row_cut.slots)
            ind = _indicator(r, a, row_cut, level1, level2, findings, max_weight, frozenset(template),
                             scoring)
            reason_cell = next((x for x in row_cut.slots.values() if x.kind == "stock"), None)
            if ind is not None and reads_reason and reason_cell is not None:
                ind.deviation_reason = r.text((a + reason_cell.start, a + reason_cell.end), 8)
            prev = ind
            if ind is not None:
                indicators.append(ind)
    scoring.settle(r.fused)
    return indicators, groups


# the rubric groups whose rows are criteria, scored by their text (not the 产出 / 效益 groups)
_RUBRIC_CRITERIA = re.compile(r"项目(?:决策|管理|过程)$")


def _cut_bodies(r: _Reader, fm: FusedForm, template: list[str], findings: list[Finding], stock: str | None = None
                ) -> dict[int, tuple[list[RowCut], int]]:
    """Each body piece's rows (by piece index); a body too long to cut, or with characters that
    fit no cell, is reported."""
    cuts: dict[int, tuple[list[RowCut], int]] = {}
    max_weight = Decimal(100)
    criteria = False  # inside a rubric's 项目决策 / 项目管理 group: an actual may be a criterion text
    for k, piece in enumerate(fm.pieces):
        a, b = piece.span
        if piece.kind == "garbled1":  # a rubric 一级 cell OCR'd out of order (项目决策 / 项目管理 / 项目过程)
            max_weight, criteria = Decimal(100), any(ch in r.t[a:b] for ch in "决管过")
        if piece.kind == "level1":
            name, stated = split_subtotal(r.t[a:b])
            max_weight = Decimal(stated) if stated else Decimal(100)
            criteria = _RUBRIC_CRITERIA.match(name) is not None
        if piece.kind != "body":
            continue
        cut = cut_rows(r.t[a:b], template, max_weight, criteria, stock, borders_of(r.ct, a, b))
        if cut is None:
            findings.append(_finding("LAYOUT_ROWS_UNREAD", "warning", "指标行连排过长，无法可靠切分，未读取",
                                     "run-together indicator rows too long to cut reliably; they were not read",
                                     [], r.ct.span(a, b)))
            continue
        if cut[1]:
            findings.append(_finding("LAYOUT_ROW_AMBIGUOUS", "warning", f"指标行有{cut[1]}个字符无法归入单元格",
                                     f"{cut[1]} characters of the indicator rows fit no cell", [], r.ct.span(a, b)))
        cuts[k] = cut
    return cuts


def _stock_text(r: _Reader, fm: FusedForm, cuts: dict[int, tuple[list[RowCut], int]]) -> str | None:
    """The stock text the table's reason column repeats (``stock.learn_stock``), learnt from the
    names of rows that follow another row of their stretch and the texts stretches end with."""
    names: list[str] = []
    tails: list[str] = []
    firsts: list[str] = []
    bodies: list[str] = []
    for k, (rows, _) in cuts.items():
        a, b = fm.pieces[k].span
        bodies.append(r.t[a:b])
        for i, row in enumerate(rows):
            text = r.t[a + row.name[0]:a + row.name[1]]
            if not row.slots and i == len(rows) - 1 and i > 0:
                tails.append(text)
            elif i > 0:
                names.append(text)
            else:
                firsts.append(text)
    return learn_stock(names, tails, "|".join(bodies), sum(len(rows) for rows, _ in cuts.values()), tuple(firsts))


def _stock_in_actual(r: _Reader, fm: FusedForm, cuts: dict[int, tuple[list[RowCut], int]], stock: str,
                     findings: list[Finding]) -> bool:
    """Whether the table prints its stock text in the actual column (``stock_actual``); if so its
    rows are re-read in place, and rows that printed two figures before it are flagged."""
    bodies = [(r.t[fm.pieces[k].span[0]:fm.pieces[k].span[1]], rows) for k, (rows, _) in cuts.items()]
    if not stock_in_actual(bodies, stock):
        return False
    for k, (rows, skipped) in list(cuts.items()):
        a = fm.pieces[k].span[0]
        body = r.t[a:fm.pieces[k].span[1]]
        read = [stock_as_actual(body, part) for row in rows for part in split_at_stock(body, row, stock)]
        cuts[k] = ([row for row, _ in read], skipped)
        for row, two in read:
            if two:
                findings.append(_finding("LAYOUT_ROW_AMBIGUOUS", "warning",
                                         "指标行完成值文字前的目标值无法确定，未读取",
                                         "the target before the actual's stock text cannot be told (two "
                                         "figures, a bare run, or a text left in the name): not read", ["indicators"],
                                         r.ct.span(a + row.name[1], a + row.end)))
    return True


def _cut_stock(r: _Reader, base: int, cut: RowCut, stock: str, prev: Indicator | None, in_actual: bool = False
               ) -> RowCut:
    """``cut`` with the stock text its name opens with (once or more) cut off: the last row's
    reason (and, printed twice, an actual the text holds); where the table prints it in the actual
    column (``in_actual``), the last row's actual."""
    start, end = base + cut.name[0], base + cut.name[1]
    while r.t.startswith(stock, start) and (end - start > len(stock) or not cut.slots):
        if in_actual:
            if prev is not None and prev.actual.value is None:
                printed = Measure(operator="qualitative", text=r.p[start:start + len(stock)])
                prev.actual = r.value((start, start + len(stock)), printed, 4)
        elif prev is not None and prev.deviation_reason.value is None:
            prev.deviation_reason = r.text((start, start + len(stock)), 8)
        start += len(stock)
    return RowCut((start - base, cut.name[1]), cut.slots)


def _reason_before(t: str, base: int, cut: RowCut) -> Span | None:
    """The sentence a row's name starts with (``…加快支付进度。受益对象满意度``): the last row's
    偏差原因, printed after its figures with nothing between it and this row's name; a name never
    holds a sentence end."""
    a, b = base + cut.name[0], base + cut.name[1]
    ends = [m.end() for m in _SENTENCE_END.finditer(t, a, b)]
    return (a, ends[-1]) if ends else None


_AT_MOST = re.compile(r"≤|≦|<|不高于|不超过|小于|低于")
# ``method``: a 得分计算方法 cell's figure, checked with its run (never read: no schema field)
_FIGURE_FIELDS = frozenset({"target", "adjusted", "actual", "coef", "weight", "method", "score"})
_FIGURE_KIND = {"num": "num", "pct": "pct"}  # measures, qualitative and garbled cells: "measure"


# a bare figure (no unit inside it) of two digits or more: it may be a target and an actual printed
# against each other (``≧281306``: ≥281 | 306, or ≥2813 | 06 …)
_BARE_FIGURE = re.compile(r"[≥≤=<>≧≦═]*\d{2,}(?:\.\d+)?%?|"  # an operator in words before a run of three
                          f"(?:{OPERATOR.pattern})\\d{{3,}}(?:\\.\\d+)?")  # digits or more: 不低于9595


def _lone_pair(t: str, base: int, slots: dict[str, Slot], columns: frozenset[str]) -> set[str]:
    """The target or actual a row printed alone where its table has both columns (a county
    special fund's table, whose figures end the row with no 分值/得分 after them): a bare figure
    there may hold both, so its cut is not certain (``≧8593`` is never read as a target of 8593)."""
    if not {"target", "actual"} <= columns:
        return set()
    out: set[str] = set()
    for have, miss in (("target", "actual"), ("actual", "target")):
        slot = slots.get(have)
        if slot is not None and miss not in slots and _BARE_FIGURE.fullmatch(t[base + slot.start:base + slot.end]):
            out.add(have)
    return out


def _indicator(r: _Reader, base: int, cut: RowCut, level1: Value[str], level2: Value[str],
               findings: list[Finding], max_weight: Decimal, columns: frozenset[str],
               scoring: CompletionScoring) -> Indicator | None:
    slots = cut.slots
    if not any(s.field in ("target", "actual", "weight", "score") and s.kind != "blank" for s in slots.values()):
        return None  # a name with nothing after it: a cut-off row or a heading
    r.row += 1
    span = lambda s: (base + s.start, base + s.end)  # noqa: E731
    first = base + cut.name[0]
    if (note := lx.LEVEL_NOTE.match(r.t, first, base + cut.name[1])) is not None:
        first = note.end()  # the note after a 二级 word the lexicon does not know (部门管理(必填)): not the name's
    name = r.p[first:base + cut.name[1]]
    ind = Indicator(level1=level1, level2=level2, name=r.value((first, base + cut.name[1]), name))
    unit = slots.get("unit")
    unit_text = r.t[span(unit)[0]:span(unit)[1]] if unit else None
    if unit is not None:
        ind.unit = r.value(span(unit), unit_text, 1)  # a unit is an enumeration: in simplified characters
    nature = slots.get("nature")
    nature_text = r.t[span(nature)[0]:span(nature)[1]] if nature is not None else None
    operator = nature_text if nature_text is not None and OPERATOR.fullmatch(nature_text) else None
    if nature is not None and nature_text is not None and (operator or nature_text in lx.NATURE_WORDS):
        ind.nature = r.value(span(nature), r.p[span(nature)[0]:span(nature)[1]], 2)
    figures = [(s.field, _FIGURE_KIND.get(s.kind, "measure"), *span(s)) for s in slots.values()
               if s.field in _FIGURE_FIELDS and s.kind != "blank"  # a dash is an empty cell, no figure
               and (s.field != "method" or s.kind == "num")]  # a 计算方法 text is no figure
    measured = all(slots[f].kind == "measure" for f in ("target", "actual") if f in slots)
    target = slots.get("target")
    reverse = bool(_AT_MOST.match(operator or "") or (target is not None and _AT_MOST.match(r.t, base + target.start)))
    certain, by_rule, placed = scoring.certain(r.ct, figures, max_weight, unit_text, measured, reverse)
    if placed is not figures:  # the scoring rule cut the run where the row cutter did not
        slots = {**slots, **{f: Slot(f, a - base, b - base, slots[f].kind) for f, _, a, b in placed}}
    certain -= _lone_pair(r.t, base, slots, columns)
    if points := points_not_actual(r.t, base, slots, columns):
        certain -= points
        if not any(f.code == "LAYOUT_ROW_AMBIGUOUS" and f.rule == "rules.fused.points" for f in findings):
            findings.append(doubt(
                "LAYOUT_ROW_AMBIGUOUS", "warning",
                "表头无分值/得分列，行末的数字可能是分值和得分，未作为实际完成值读取",
                "the header names no weight or score, yet rows end in a bare figure run that may be their "
                "points; it was not read as the actual", fields=[],
                cells=[SourceRef(grid_id="fused", char_start=base + cut.name[0], char_end=base + cut.name[1])],
                rule="rules.fused.points"))
    r.fused.extend(span(s) for s in slots.values() if s.field in _FIGURE_FIELDS and s.field not in certain
                   and s.kind != "blank" and (s.field != "method" or s.kind == "num"))
    for col, fld in enumerate(("target", "actual"), start=3):
        slot = slots.get(fld)
        if slot is None or fld not in certain or slot.kind == "blank":
            continue
        if slot.kind == "garbled":
            findings.append(_finding("LAYOUT_CELL_GARBLED", "info", "单元格文字残缺，未读取",
                                     "a cell's text is garbled and was not read", [], r.ct.span(*span(slot))))
            continue
        measure = _measure(r.p[span(slot)[0]:span(slot)[1]], slot, unit_text, operator if fld == "target" else None)
        if _SLIPPED_AT_LEAST.fullmatch(measure.text or "") and (operator is None or fld != "target"):
            findings.append(_finding(  # ``292%``: ≥92% with its sign OCR'd as 2, or 292%: not told apart
                "LAYOUT_CELL_GARBLED", "info", "比率超过200%且首位可能为误识别的“≥”，未读取",
                "a rate over 200% whose first digit may be a misread '≥' was not read", [], r.ct.span(*span(slot))))
            continue
        setattr(ind, fld, r.value(span(slot), measure, col))
        if fld in by_rule:
            scoring.record(ind, fld, span(slot))
    for col, fld in enumerate(("weight", "score"), start=5):
        slot = slots.get(fld)
        if slot is None or fld not in certain:
            continue
        setattr(ind, fld, r.value(span(slot), Decimal(r.t[span(slot)[0]:span(slot)[1]]), col))
        if fld in by_rule:
            scoring.record(ind, fld, span(slot))
    core = slots.get("core")
    if core is not None:
        ind.core = r.value(span(core), r.t[span(core)[0]] == "是", 7)
    return ind


def _measure(text: str, slot: Slot, unit: str | None, operator: str | None = None) -> Measure:
    """The measure a cell prints; ``operator``: the 指标性质 cell before the target (``>=``)."""
    if slot.kind in ("qual", "date", "criterion"):
        return Measure(operator="qualitative", text=text)
    measure = parse_measure(text, unit_hint=unit, operator_hint=operator)
    return measure if measure is not None else Measure(operator="qualitative", text=text)


_YEAR_AFTER_TOTAL = re.compile(r"20\d{2}年")
# a rate printed 2NN% (NN ≤ 100) with no sign: ``≥`` OCR'd as ``2`` (``292%`` for ``≥92%``) or a real rate
_SLIPPED_AT_LEAST = re.compile(r"2(?:100|\d{2})(?:\.\d+)?%")


def _read_totals(r: _Reader, fm: FusedForm, indicators: list[Indicator]) -> Totals:
    totals = Totals()
    if fm.totals is None or fm.totals_label is None:
        return totals
    label = r.t[fm.totals_label[0]:fm.totals_label[1]]
    score_only = "自评" in label or "得分" in label or "weight" not in fm.ind_columns  # 自评总分: the score alone
    fields = ["score"] if score_only else ["weight", "score"] if "score" in fm.ind_columns else ["weight"]
    weights = sum((i.weight.value for i in indicators if i.weight.value is not None), Decimal(0))
    scores = sum((i.score.value for i in indicators if i.score.value is not None), Decimal(0))

    def score(p: Placement) -> float:
        v = {f: n.value for f, n in p.items()}
        s = 0.1 * len(v)
        if "weight" in v:
            s += 3.0 if v["weight"] == weights else (1.0 if v["weight"] == 100 else 0.0)
            s -= 3.0 if "score" in v and v["score"] > v["weight"] else 0.0
        if "score" in v and v["score"] == scores:
            s += 2.0
        return s

    a, b = fm.totals
    if (year := _YEAR_AFTER_TOTAL.search(r.t, a, b)) is not None:
        b = year.start()  # ``总分100 2019年度…表.xlsx``: a year opens the next line, never a total's figure
    split = best_split(r.t[a:b], fields, score)
    if split is None or split.ambiguous:
        return totals
    r.row += 1
    spans = {fld: (a + num.start, a + num.end) for fld, num in split.placement.items()}
    certain = certain_fields(r.ct, [(f, "num", *sp) for f, sp in spans.items()], indicator_check(Decimal(100)))
    for col, (fld, num) in enumerate(split.placement.items()):
        if fld not in certain:
            r.fused.append(spans[fld])
            continue
        setattr(totals, fld, r.value(spans[fld], num.value, col))
    return totals


def _fund_lines_span(fm: FusedForm) -> tuple[int, int]:
    """From the first funds row's label (or amounts) to the last row's amounts."""
    first = fm.fund_lines[0]
    return (first.role_label or first.values)[0], fm.fund_lines[-1].values[1]


def _finding(
    code: str, severity: Severity, zh: str, en: str, fields: list[str], span: tuple[int, int] | None = None
) -> Finding:
    cells = [SourceRef(grid_id="fused", char_start=span[0], char_end=span[1])] if span else []
    return doubt(code, severity, zh, en, fields=fields, cells=cells, rule="rules.fused")
