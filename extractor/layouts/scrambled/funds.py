"""Funds blocks whose cells a PDF text layer emitted out of row order.

Seen: ``年初预算数 … 得分 | 250000.00 250000.00 215,457.6 10 8.62 250000.00 250000.00 215457.6 — |
上年结转资金 0 0 — | … | 年度资金总额 | … | 其中:当年财政拨款 | … 86.19%``: value runs that no label
precedes are the rows whose labels were emitted later, in the same order; a run is split where a
money amount follows a 分值/得分-sized number.  The total row is only filled when the printed
arithmetic confirms one reading (执行数/预算数 = 执行率, 分值 × 执行率 = 得分), using the stray values
printed elsewhere in the block; other rows only when they print one number per money column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import permutations

from extractor.grid import Cell
from extractor.rules.align import Reading, choose
from extractor.rules.cells import number_value, percent_value, text_value
from extractor.segment.types import Row
from extractor.values import is_placeholder, parse_decimal, parse_percent, squash
from extractor.vocab import fund_role
from schemas.common import Finding, FundRole, FundsRow

Token = tuple[Row, Cell]
CONFIDENCE = 0.7
_SMALL = Decimal(30)  # 分值 / 得分 sized numbers
# numbers (rates and amounts) the total row's arithmetic is searched over: the search tries every
# rate with every ordered four amounts, so a larger pool (a block of stray numbers) is left
# unsolved like an ambiguous one.  A total row prints six, the gold's pools hold six; 16 keeps the
# search near 50,000 trials.
MAX_POOL = 16
_RULE = re.compile(r"(\d+(?:\.\d+)?)分[*×xX]执行率")


@dataclass(slots=True)
class _Run:
    label: Token | None  # the fund label printed right before the run, if any
    values: list[Token]


def _is_value(cell: Cell) -> bool:
    return is_placeholder(cell.clean) or parse_decimal(cell.clean) is not None or _pct(cell) is not None


def _pct(cell: Cell) -> Decimal | None:
    t = squash(cell.clean)
    return parse_percent(t) if t.endswith(("%", "％")) else None


def _label(cell: Cell) -> bool:
    return not _is_value(cell) and fund_role(cell.clean) is not None


def _role(label: Token) -> FundRole:
    """The role a fund label names; every label here passed ``_label``, so ``line_item`` is never used."""
    return fund_role(label[1].clean) or "line_item"


def _runs(tokens: list[Token]) -> tuple[list[_Run], list[Token]]:
    """Value runs in order, and the fund labels that no run follows."""
    runs: list[_Run] = []
    free_labels: list[Token] = []
    prev: Token | None = None
    current: _Run | None = None
    for tok in tokens:
        cell = tok[1]
        if _is_value(cell):
            if current is None:
                current = _Run(prev if prev is not None and _label(prev[1]) else None, [])
                runs.append(current)
            current.values.append(tok)
        else:
            if _label(cell):
                free_labels.append(tok)
            current = None
        prev = tok
    bound = {id(r.label[1]) for r in runs if r.label is not None}
    return runs, [t for t in free_labels if id(t[1]) not in bound]


def _split_rows(values: list[Token]) -> list[list[Token]]:
    """A run holding several rows: a money amount after a small number starts the next row."""
    rows: list[list[Token]] = [[]]
    small_seen = False
    for tok in values:
        number = parse_decimal(tok[1].clean)
        if number is not None and number > _SMALL and small_seen:
            rows.append([])
            small_seen = False
        if number is not None and number <= _SMALL:
            small_seen = True
        rows[-1].append(tok)
    return rows


def read_scrambled_funds(tokens: list[Token], money_fields: list[str], columns: list[str] | None = None,
                         rule: Decimal | None = None) -> tuple[list[FundsRow], Finding | None]:
    """Funds rows of the stream ``tokens``; ``columns`` (the header's fields in print order) reads a total
    row printed whole after its label by position where its arithmetic does not hold (a slip the
    validator then reports); ``rule``, the points the 得分 header states, confirms a total row printed
    with no 分值."""
    runs, free_labels = _runs(tokens)
    rows: list[list[Token]] = []
    strays: list[Token] = []
    out: list[FundsRow] = []
    for run in runs:
        numbers = [t for t in run.values if not is_placeholder(t[1].clean)]
        if run.label is not None and fund_role(run.label[1].clean) == "total" and len(numbers) > len(money_fields):
            out.append(_labelled_total(run.label, numbers, money_fields, columns or [], rule))
        elif run.label is not None:
            out.append(_plain_row(run.label, numbers, money_fields))
        elif len(numbers) >= 3:
            rows.extend(_split_rows(numbers))
        else:
            strays.extend(numbers)
    if len(rows) != len(free_labels):
        out.extend(FundsRow(role=_role(lab), label=text_value(*lab)) for lab in free_labels)
        return _ordered(out), _finding(paired=False, used=[])
    for label, values in zip(free_labels, rows, strict=True):
        if fund_role(label[1].clean) == "total":
            out.append(_total_row(label, values, strays, rule))
        else:
            out.append(_plain_row(label, values, money_fields))
    return _ordered(out), _finding(paired=True, used=tokens)


def _ordered(rows: list[FundsRow]) -> list[FundsRow]:
    order = ("total", "fiscal")
    return sorted(rows, key=lambda r: order.index(r.role) if r.role in order else len(order))


def _plain_row(label: Token, values: list[Token], money_fields: list[str]) -> FundsRow:
    """Values only when they are exactly one amount per money column, in column order."""
    fr = FundsRow(role=_role(label), label=text_value(*label))
    if len(values) == len(money_fields) and all(parse_decimal(c.clean) is not None for _, c in values):
        for (row, cell), field in zip(values, money_fields, strict=True):
            setattr(fr, field, number_value(row, cell, confidence=CONFIDENCE))
    return fr


def _total_row(label: Token, values: list[Token], strays: list[Token], rule: Decimal | None = None) -> FundsRow:
    fr = FundsRow(role="total", label=text_value(*label))
    solution = _solve(values + strays)
    if solution is None and rule is not None:
        solution = _solve_by_rule(values, rule)
    if solution is None:
        return fr
    for field, (row, cell) in solution.items():
        parse = percent_value if field == "rate" else number_value
        setattr(fr, field, parse(row, cell, confidence=CONFIDENCE))
    return fr


def _labelled_total(label: Token, values: list[Token], money_fields: list[str], columns: list[str],
                    rule: Decimal | None) -> FundsRow:
    """A total row printed in order after its own label with more figures than money columns
    (``年度财政资金总额 78.06 110.02 97.11 20 88.27% 17.65``): the arithmetic confirms budget, executed,
    分值, 执行率 and 得分; a 年初预算数 column takes the one amount left, printed first."""
    fr = _total_row(label, values, [], rule)
    if fr.budget.value is None:
        return _by_position(fr, values, columns)
    if fr.initial_budget.value is not None or "initial_budget" not in money_fields:
        return fr
    in_order = len(values) == len(money_fields) + 3 and [parse_decimal(t[1].clean) for t in values[1:3]] == [
        fr.budget.value, fr.executed.value]
    if in_order and parse_decimal(values[0][1].clean) is not None:
        fr.initial_budget = number_value(*values[0], confidence=CONFIDENCE)
    return fr


def _by_position(fr: FundsRow, values: list[Token], columns: list[str]) -> FundsRow:
    """The row read in the header's column order, where it prints one value per column: the rate
    column a percentage, every other a bare number (else the row stays empty)."""
    if len(values) != len(columns) or "rate" not in columns:
        return fr
    for (row, cell), field in zip(values, columns, strict=True):
        if (field == "rate") != (_pct(cell) is not None) or field != "rate" and parse_decimal(cell.clean) is None:
            return FundsRow(role=fr.role, label=fr.label)
        parse = percent_value if field == "rate" else number_value
        setattr(fr, field, parse(row, cell, confidence=CONFIDENCE))
    return fr


def rule_weight(tokens: list[Token]) -> Decimal | None:
    """The points a header's score rule states (``得分(20分*执行率)``), where the block prints no 分值 column."""
    for _, cell in tokens:
        m = _RULE.search(squash(cell.clean))
        if m:
            return Decimal(m.group(1))
    return None


def _solve_by_rule(values: list[Token], weight: Decimal) -> dict[str, Token] | None:
    """Budget, executed, rate and score of a total row printed in that order with no 分值 (``1,840,100
    1,658,500 90.13% 18.03``), where executed / budget is the rate and the rule's points × rate the score."""
    if len(values) != 4 or _pct(values[2][1]) is None:
        return None
    b, e, s = (parse_decimal(values[k][1].clean) for k in (0, 1, 3))
    rate = _pct(values[2][1])
    if not b or e is None or s is None or rate is None:
        return None
    if abs(e / b * 100 - rate) > Decimal("0.05") or abs(weight * min(rate, Decimal(100)) / 100 - s) > Decimal("0.011"):
        return None
    return {"budget": values[0], "executed": values[1], "rate": values[2], "score": values[3]}


def _solve(pool: list[Token]) -> dict[str, Token] | None:
    """The one assignment of rate, budget, executed, weight and score that the arithmetic confirms:
    every confirmed assignment is a reading for the column aligner, and any rival leaves it unread."""
    rates = [t for t in pool if _pct(t[1]) is not None]
    plain = [t for t in pool if _pct(t[1]) is None and parse_decimal(t[1].clean) is not None]
    if len(rates) + len(plain) > MAX_POOL:
        return None  # too many candidates to confirm one reading
    amounts = [(t, parse_decimal(t[1].clean)) for t in plain]
    found: list[Reading[dict[str, Token]]] = []
    for rate_tok in rates:
        rate = _pct(rate_tok[1])
        assert rate is not None
        for (b, vb), (e, ve), (w, vw), (s, vs) in permutations(amounts, 4):
            if not vb or ve is None or vw is None or vs is None or vw > _SMALL:
                continue
            if abs(ve / vb * 100 - rate) > Decimal("0.05"):
                continue
            if abs(vw * min(rate, Decimal(100)) / 100 - vs) > Decimal("0.011"):
                continue
            placed = {"rate": rate_tok, "budget": b, "executed": e, "weight": w, "score": s}
            found.append(Reading(placed, 0.0, content=(rate, vb, ve, vw, vs)))
    choice = choose(found, reader="scrambled_funds")
    if choice is None or choice.doubtful:
        return None
    solution = dict(choice.best.placed)
    used = {id(t[1]) for t in solution.values()}
    rest = [t for t in plain if id(t[1]) not in used]
    twin = [t for t in rest if parse_decimal(t[1].clean) == parse_decimal(solution["budget"][1].clean)]
    if len(twin) == 1:  # 年初预算数 printed equal to 全年预算数: the earlier cell is the earlier column
        first, second = sorted([twin[0], solution["budget"]], key=lambda t: (t[1].char_start or 0))
        solution["initial_budget"], solution["budget"] = first, second
    return solution


def _finding(*, paired: bool, used: list[Token]) -> Finding:
    what = "已按出现顺序与标签配对，总额行以执行率和得分算术确认" if paired else "数值行与标签数量不符，仅保留标签"
    return Finding(
        code="LAYOUT_FUNDS_SCRAMBLED",
        severity="warning",
        message_zh=f"资金表单元格顺序被打乱：{what}",
        message_en="funds cells were emitted out of row order; " + (
            "rows paired with labels by order, total confirmed by rate and score arithmetic"
            if paired
            else "row count differs from labels, labels kept only"
        ),
        cells=[c.ref(r.grid_id or "text") for r, c in used if _is_value(c)],
        rule="funds.scrambled_stream",
    )
