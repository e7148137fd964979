"""Funds block rules: totals vs their rows, execution rates, overspending, the budget score.

The execution rate is the one figure every form derives from two others it prints, so it is
where the commonest slips show: rounding (reported as info, naming which kind), a rate taken
against 年初预算数 instead of 全年预算数 (named as the cause when it reproduces the printed
figure), and plain mismatches.  The budget score follows from the rate and the row's weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from extractor.validate.arith import (
    HUNDRED,
    RoundingMatch,
    decimals,
    fmt,
    fmt_printed,
    match_rounding,
    money_tolerance,
    num,
    score_matches,
)
from extractor.validate.context import FormContext, PrintedArgs, SubjectArgs, text
from extractor.validate.profiles import TARGET_FORMS
from extractor.vocab import is_numbered_part, is_subtotal_head
from extractor.vocab.key import simplified

SOURCE_ROLES = frozenset(
    {"fiscal", "central_provincial", "county", "carry_over", "other", "special_account",
     "unit_funds", "line_item"}
)
KIND_ROLES = frozenset({"basic", "project"})
COLUMNS = ("initial_budget", "budget", "executed")
TASK_TOTAL_NAMES = ("合计", "小计", "总计")


class _RateArgs(PrintedArgs):
    """A rate finding's common arguments: the rate cell and the rate derived from the amounts."""

    path: str
    derived: str | None


class _ScoreArgs(SubjectArgs):
    """A budget-score finding's common arguments: the score cell and the score derived from the rate."""

    path: str
    derived: str | None


def check_funds(ctx: FormContext) -> None:
    rows = list(getattr(ctx.form, "funds", []) or [])
    overspent: set[tuple[Decimal | None, Decimal | None]] = set()
    for i, row in enumerate(rows):
        label = text(row.label)
        check_rate(ctx, ctx.funds_paths[i], row, label)
        figures = (num(row.budget), num(row.executed))
        if figures not in overspent and check_over_budget(ctx, ctx.funds_paths[i], row, label):
            overspent.add(figures)  # a 财政拨款 row repeating the total's figures: once
    for parent, children in funds_families(rows):
        check_sum(ctx, rows, ctx.funds_paths, parent, children)
    check_budget_scores(ctx, rows)
    tasks = list(getattr(ctx.form, "tasks", []) or [])
    if tasks:
        check_tasks(ctx, tasks)


def funds_families(rows: Sequence[Any]) -> list[tuple[int, list[int]]]:
    """``(parent, children)`` pairs whose figures must add up, read off the row order.

    A source or line-item row belongs to the nearest row above it that can hold it (total,
    收入/支出 subtotal, 基本支出, 项目支出); 基本支出/项目支出 belong to the total or 支出 row.
    Where both 财政拨款 and 中央/县级 rows are printed the latter may be 其中 parts of the
    former, so they are left out rather than double counted.  In a printed hierarchy the
    numbered parts under a numbered 小计 (``vocab.fund_tree``) add up to that subtotal, not to
    the total.
    """
    roles = [row.role for row in rows]
    sides = side_families(roles)
    if sides is not None:
        return sides
    nested = "fiscal" in roles
    totals = [i for i, role in enumerate(roles) if role == "total"]
    seen: dict[str, int] = {}
    groups: dict[tuple[int, str], list[int]] = {}
    holders: tuple[str, ...]
    head: int | None = None  # the numbered 小计 whose numbered parts follow
    closing = closing_totals(rows)
    for i, role in enumerate(roles):
        label = text(rows[i].label)
        if head is not None and role == "line_item" and is_numbered_part(label):
            groups.setdefault((head, "tree"), []).append(i)
            continue
        if i in closing:
            groups.setdefault((closing[i], "closing"), []).append(i)
            continue
        head = i if is_subtotal_head(label) else None
        occurrence = seen[role] = seen.get(role, 0) + 1
        if role in KIND_ROLES:
            holders, family = ("total", "expenditure"), "kind"
        elif role in SOURCE_ROLES:
            if nested and role in ("central_provincial", "county"):
                continue
            holders, family = ("total", "income", "expenditure", "basic", "project"), "part"
        else:
            continue
        parent = next((j for j in range(i - 1, -1, -1) if roles[j] in holders), None)
        if len(totals) > 1 and parent in totals:
            # side-by-side blocks (中长期 | 年度) flattened: the n-th 财政拨款 is the n-th total's
            parent = totals[min(occurrence, len(totals)) - 1]
        if parent is not None:
            groups.setdefault((parent, family), []).append(i)
    # a cost block with an amount left unread (a page marker touched it) cannot be summed
    return [(parent, children) for (parent, family), children in groups.items()
            if family != "closing" or all(num(rows[c].budget) is not None for c in children)]


def closing_totals(rows: Sequence[Any]) -> dict[int, int]:
    """Line items closed by a 合计 row printed right after them (a target form's cost composition:
    cost items, then 合计): item index → that total's index.  Such items break the budget down by
    cost, apart from the funds rows above them, so they add up to their own 合计, not to the form's
    total."""
    out: dict[int, int] = {}
    run: list[int] = []
    for i, row in enumerate(rows):
        if row.role == "line_item":
            run.append(i)
            continue
        if run and row.role == "total" and simplified(text(row.label).replace(" ", "")) in TASK_TOTAL_NAMES:
            out.update((k, i) for k in run)
        run = []
    return out


def side_families(roles: Sequence[str]) -> list[tuple[int, list[int]]] | None:
    """收入构成 beside 支出构成 (Hubei department target): each side's 合计 over its own rows.

    The rows come side by side, 收入 first, each side closed (or opened) by its own 合计: the
    sources (财政拨款, 其他资金 …) add up to one total, 基本支出 and 项目支出 to the other.
    Whether the totals open or close their sides is read from the first row.  None when the
    rows are not two such sides (one total, or sources on both sides), so the nesting rules apply.
    """
    totals = [i for i, role in enumerate(roles) if role == "total"]
    if len(totals) != 2 or not roles:
        return None
    if roles[0] == "total":
        bounds = [(totals[0], totals[1]), (totals[1], len(roles))]
    else:
        bounds = [(0, totals[0] + 1), (totals[0] + 1, totals[1] + 1)]
    out: list[tuple[int, list[int]]] = []
    kinds: list[frozenset[str]] = []
    for (start, end), total in zip(bounds, totals, strict=True):
        members = [i for i in range(start, end) if i != total]
        side_roles = {roles[i] for i in members}
        kind = next((k for k in (SOURCE_ROLES, KIND_ROLES) if side_roles and side_roles <= k), None)
        if kind is None:
            return None
        kinds.append(kind)
        nested = "fiscal" in side_roles
        out.append((total, [i for i in members if not (nested and roles[i] in ("central_provincial", "county"))]))
    return out if kinds[0] is not kinds[1] else None


def check_sum(
    ctx: FormContext, rows: Sequence[Any], paths: Sequence[str], parent: int, children: list[int]
) -> None:
    """Per column: the parent's printed amount equals the sum of its children's."""
    for column in COLUMNS:
        total = num(getattr(rows[parent], column))
        parts = [num(getattr(rows[c], column)) for c in children]
        present = [p for p in parts if p is not None]
        if total is None or not present:
            continue
        derived = sum(present, Decimal(0))
        if abs(total - derived) <= money_tolerance([total, *present]):
            continue
        child_paths = [f"{paths[c]}.{column}" for c in children]
        ctx.emit(
            "FUNDS_TOTAL_MISMATCH",
            path=f"{paths[parent]}.{column}",
            label=_label(rows[parent]),
            printed=fmt_printed(total),
            derived=fmt(derived),
            fields=child_paths,
            values=[getattr(rows[parent], column), *(getattr(rows[c], column) for c in children)],
            detail_en="rows " + " + ".join(f"{_label(rows[c]) or paths[c]}" for c in children),
            detail_zh="各行：" + "、".join(f"{_label(rows[c]) or paths[c]}" for c in children),
        )


def check_rate(ctx: FormContext, prefix: str, row: Any, label: str) -> None:
    """Printed 执行率 against executed / budget, naming rounding kind or the wrong base."""
    printed, budget, executed = num(row.rate), num(row.budget), num(row.executed)
    if printed is None or budget is None or executed is None or budget <= 0:
        return
    places = decimals(row.rate)
    exact = executed / budget * HUNDRED
    kind = match_rounding(printed, exact, places)
    if kind is RoundingMatch.EXACT:
        return
    common: _RateArgs = {
        "path": f"{prefix}.rate",
        "label": label,
        "printed": fmt_printed(printed, percent=True),
        "derived": fmt(exact, 2, percent=True),
        "fields": [f"{prefix}.executed", f"{prefix}.budget"],
        "values": [row.rate, row.executed, row.budget],
    }
    if kind is RoundingMatch.TRUNCATED:
        ctx.emit("EXEC_RATE_ROUNDING", **common,
                 detail_en=f"truncated to {places} decimals instead of rounded",
                 detail_zh=f"按{places}位小数截尾而非四舍五入")
        return
    if kind is RoundingMatch.SLIP:
        ctx.emit("EXEC_RATE_ROUNDING", **common,
                 detail_en="off by one in the last decimal (rounding slip)",
                 detail_zh="末位相差1（舍入偏差）")
        return
    initial = num(getattr(row, "initial_budget", None))
    if initial is not None and initial > 0 and initial != budget:
        wrong = executed / initial * HUNDRED
        if match_rounding(printed, wrong, places) is not RoundingMatch.NONE:
            common["fields"] = [*common["fields"], f"{prefix}.initial_budget"]
            common["values"] = [*common["values"], row.initial_budget]
            ctx.emit("EXEC_RATE_WRONG_BASE", **common,
                     detail_en=f"executed / 年初预算数 {fmt_printed(initial)} = "
                               f"{fmt(wrong, 2, percent=True)} reproduces the printed rate",
                     detail_zh=f"全年执行数 ÷ 年初预算数 {fmt_printed(initial)} = "
                               f"{fmt(wrong, 2, percent=True)}，与表中执行率一致")
            return
    ctx.emit("EXEC_RATE_MISMATCH", **common)


def check_over_budget(ctx: FormContext, prefix: str, row: Any, label: str) -> bool:
    """Executed above budget; True when reported."""
    budget, executed = num(row.budget), num(row.executed)
    if budget is None or executed is None or executed <= budget:
        return False
    ctx.emit(
        "EXECUTED_OVER_BUDGET",
        path=f"{prefix}.executed",
        label=label,
        printed=fmt_printed(executed),
        derived=f"≤ {fmt_printed(budget)}",
        fields=[f"{prefix}.budget"],
        values=[row.executed, row.budget],
    )
    return True


def budget_rows(rows: Sequence[Any]) -> list[int]:
    """The funds rows whose score is the budget-execution score of the form.

    Some templates repeat 分值/得分 on the 财政拨款 row; the total row's figures then count once.
    """
    weighted = [i for i, row in enumerate(rows) if (num(row.weight) or 0) > 0]
    totals = [i for i in weighted if rows[i].role == "total"]
    return totals[:1] if totals else weighted


def derived_budget_scores(row: Any) -> list[Decimal]:
    """weight × min(rate, 100%) for the printed rate and for executed / budget."""
    weight = num(row.weight)
    if weight is None:
        return []
    rates = [num(row.rate)]
    budget, executed = num(row.budget), num(row.executed)
    if budget is not None and executed is not None and budget > 0:
        rates.append(executed / budget * HUNDRED)
    return [weight * min(r, HUNDRED) / HUNDRED for r in rates if r is not None and r >= 0]


def check_budget_scores(ctx: FormContext, rows: Sequence[Any]) -> None:
    """The budget score of the row(s) that carry it; a copy on the 财政拨款 row is not re-checked.

    A blank score is worth a warning only on a form that scores something else: a template
    left unscored throughout is not yet a self-evaluation.
    """
    for i in budget_rows(rows):
        row = rows[i]
        candidates = derived_budget_scores(row)
        if not candidates:
            continue
        prefix, score = ctx.funds_paths[i], num(row.score)
        common: _ScoreArgs = {
            "path": f"{prefix}.score",
            "label": _label(row),
            "derived": fmt(candidates[-1]),
            "fields": [f"{prefix}.weight", f"{prefix}.rate"],
            "values": [row.score, row.weight, row.rate, row.executed, row.budget],
        }
        if score is None:
            if ctx.schema not in TARGET_FORMS and scores_anything(ctx.form):
                ctx.emit("BUDGET_SCORE_MISSING", printed=None, **common)
            continue
        if not any(score_matches(score, c) for c in candidates):
            ctx.emit("BUDGET_SCORE_MISMATCH", printed=fmt_printed(score), **common)


def scores_anything(form: Any) -> bool:
    """Whether the form prints any indicator score or a total score."""
    if num(form.totals.score) is not None:
        return True
    return any(num(ind.score) is not None for ind in getattr(form, "indicators", []) or [])


def check_tasks(ctx: FormContext, tasks: Sequence[Any]) -> None:
    """年度主要任务 rows (Fushun): each rate, and the 合计 row against the rows above it."""
    total_index = None
    for i, task in enumerate(tasks):
        name = text(task.name) or text(task.project)
        if name.startswith(TASK_TOTAL_NAMES):
            total_index = i
        check_rate(ctx, f"tasks[{i}]", task, name)
        check_over_budget(ctx, f"tasks[{i}]", task, name)
    if total_index is not None:
        paths = [f"tasks[{i}]" for i in range(len(tasks))]
        children = [i for i in range(len(tasks)) if i != total_index]
        check_sum(ctx, tasks, paths, total_index, children)


def _label(row: Any) -> str:
    return text(getattr(row, "label", None)) or text(getattr(row, "name", None))
