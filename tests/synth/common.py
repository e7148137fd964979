"""Pieces every family builder shares: the document context, project names, the budget rows,
titles, totals and the start of a table.

Kept apart from the family modules so that each of those holds layouts only.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from tests.synth import arith, layout, pools
from tests.synth.model import Form, FundsLine, Grid, plain
from tests.synth.style import Style


@dataclass
class Context:
    """What the forms of one document share: year, place and the issuing department."""

    year: int
    place: str
    department: str
    hook: Callable[[Form], None] = field(default=lambda form: None)  # runs between content and layout


def names(rng: random.Random, ctx: Context) -> tuple[str, str, str]:
    """(project, 主管部门, 实施单位) for one project."""
    project = rng.choice(pools.PROJECTS)
    unit = ctx.place + rng.choice(pools.UNITS)
    return project, ctx.place + ctx.department, unit


def budget_total(rng: random.Random, style: Style, label: str, weight: int | None) -> FundsLine:
    """The total funds row with its rate, and its weight and score when the form scores the budget."""
    initial, budget, executed = arith.draw_budget(rng, style)
    rate = arith.rate_of(executed, budget)
    w = Decimal(weight) if weight is not None else None
    score = arith.budget_score(w, rate) if w is not None else None
    return FundsLine("total", label, initial, budget, executed, w, rate, score)


def with_sources(rng: random.Random, total: FundsLine, labels: tuple[str, str], roles: tuple[str, str],
                 rates: bool) -> list[FundsLine]:
    """The total row and two source rows under it (or the fiscal row repeating the total)."""
    if rng.random() < 0.5:
        rows = arith.source_rows(total, labels, roles, rng.uniform(0.55, 0.9))
    else:
        rows = [FundsLine(roles[0], labels[0], total.initial, total.budget, total.executed),
                FundsLine(roles[1], labels[1])]
    if rates:
        for row in rows:
            if row.budget and row.executed is not None:
                row.rate = arith.rate_of(row.executed, row.budget)
    return [total, *rows]


def title_of(rng: random.Random, ctx: Context, base: str, style: Style | None = None) -> tuple[str, list[str]]:
    """A title with the year in it, or the bare title and its year where the wording puts it:
    a （N年度） line under it, the title's end (``…自评表（2023年度）``) or a 填报年度 line."""
    choice = rng.randrange(3)
    if choice == 0:
        return f"{ctx.year}年度{base}", []
    if choice == 1:
        return f"{ctx.place}{ctx.year}年{base}", []
    wording = style.wording if style is not None else None
    if wording is not None and wording.year_at == "suffix":
        return f"{base}（{ctx.year}年度）", []
    if wording is not None and wording.year_at == "label":
        return base, [wording.year_label.format(y=ctx.year)]
    return base, [f"（{ctx.year}年度）"]


def carry_over(style: Style, funds: list[FundsLine]) -> list[FundsLine]:
    """The sources with an empty 上年结转 row before the last one, where the wording prints it."""
    if not style.wording.carry_row:
        return funds
    return [*funds[:-1], FundsLine("carry_over", "上年结转资金"), funds[-1]]


def finish(form: Form, style: Style, total_weight: int) -> None:
    """Groups (when （N分） is printed) and the printed totals."""
    form.groups = arith.groups_of(form.indicators) if style.group_points else []
    form.total_weight = Decimal(total_weight)
    form.total_score = arith.scored_total(form)


def project_header(form: Form, project: str, dept: str, unit: str, style: Style, year: int) -> None:
    """The header fields a project form prints (title, year, project, 主管部门, 实施单位, money unit)."""
    form.header = {"title": form.title, "year": year, "project_name": project, "department": dept,
                   "unit_name": unit, "money_unit": style.money_unit}


def start_table(form: Form, style: Style, grid: Grid) -> None:
    """The title as the merged first table row, when the style puts it there; the unit line above
    the table of a self-evaluation when the wording prints it there (its captions then print none)."""
    if style.title_in_table:
        layout.full_row(grid, form.title)
        form.title_in_table = True
    line = style.unit_line()
    if line and form.schema in ("project_self_eval", "dept_self_eval"):
        form.lines.append(line)


def totals_row(grid: Grid, form: Form, columns: list[layout.Column], label: str, lead: bool, note: str = "") -> None:
    """The 总分 row: the label spans up to the first figure column, then weight and score in place;
    ``note`` fills the 原因 column beside them (a Sichuan total row's long remark)."""
    keys = [k for k, _ in columns]
    first = min(keys.index("weight"), keys.index("score"))
    items: list[str | tuple[str, int]] = [(label, first + int(lead))]
    for key in keys[first:]:
        items.append(plain(form.total_weight) if key == "weight" else plain(form.total_score) if key == "score"
                     else note if key == "reason" else "")
    grid.row(*items)


def group_points(form: Form) -> dict[str, str]:
    """一级 name → the （N分） it prints."""
    return {g.name: str(g.stated_weight) for g in form.groups}
