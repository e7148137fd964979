"""Department target declarations' funds: one 预算支出总额 line split into 基本支出/项目支出 groups
whose columns drift in pasted text, read by label and arithmetic rather than by column position
(target forms' ``label | amount`` blocks: ``funds_labelled``).
"""

from __future__ import annotations

from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.align import Reading, choose
from extractor.rules.cells import number_value, text_value
from extractor.segment.types import Row
from extractor.values import parse_decimal, squash
from schemas.common import FundsRow


def read_budget_split(rows: list[Row], limit: int) -> list[FundsRow]:
    """预算支出总额 = 基本支出 + 项目支出 (department target declarations).

    The total is the first amount under the 预算支出总额 header; 基本支出 and 项目支出 are the
    first amounts of their groups, chosen so that they add up to the total when the pasted
    columns have drifted (each amount that does is a reading for the column aligner; the first
    printed wins).
    """
    for i, row in enumerate(rows[:limit]):
        texts = [squash(t) for t in row.texts]
        if not any("预算支出总额" in t or t == "资金总额" for t in texts) or not any("基本支出" in t for t in texts):
            continue
        for nxt in rows[i + 1:i + 4]:
            amounts = [c for c in nxt.cells if parse_decimal(c.clean) is not None]
            if len(amounts) < 2:
                continue
            values = [v for c in amounts if (v := parse_decimal(c.clean)) is not None]  # one per amount
            total = amounts[0]
            basic_idx = 1
            sums = (Reading(j, 0.0) for j in range(2, len(amounts)) if values[1] + values[j] == values[0])
            choice = choose(sums, reader="funds_split")  # the first amount that completes the sum
            project_idx = choice.best.placed if choice is not None else None
            if project_idx is None:  # the two do not add up (a slip the validator reports)
                project_idx = _after_parts(values)
            out = [FundsRow(role="total", label=text_value(row, _label(row, "预算支出总额")),
                            budget=number_value(nxt, total))]
            out.append(FundsRow(role="basic", label=text_value(row, _label(row, "基本支出")),
                                budget=number_value(nxt, amounts[basic_idx])))
            if project_idx is not None:
                out.append(FundsRow(role="project", label=text_value(row, _label(row, "项目支出")),
                                    budget=number_value(nxt, amounts[project_idx])))
            return out
    return []


def _after_parts(values: list[Decimal]) -> int | None:
    """The 项目支出 amount's index when 基本支出 is followed by its own 财政拨款/单位资金 parts: the
    first amount after the parts that add up to 基本支出 (its 合计)."""
    running = Decimal(0)
    for j in range(2, len(values) - 1):
        running += values[j]
        if running == values[1]:
            return j + 1
    return None


def _label(row: Row, word: str) -> Cell | None:
    return next((c for c in row.cells if word in squash(c.clean)), None)
