"""The 总分 row and the stated subtotals: printed sums against the rows they summarise.

Shared by indicator forms and score sheets: both print a total score, sometimes a total
weight, and headers such as 产出指标(50分) or 动态调整（15分） that state a subtotal.  When a
printed total disagrees with its rows the validator cannot tell which side is wrong; it reports
the printed total, and lists the rows after it in ``fields``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from extractor.validate.arith import CENT, fmt, fmt_printed, num, sum_matches
from extractor.validate.context import FormContext, norm_name, text
from extractor.validate.funds import budget_rows
from schemas.common import SCORE_SHEET_TYPES

_ALL_INDICATORS = ("绩效目标", "绩效指标")  # 年度绩效目标(80分) covers every indicator row
_BUDGET_HEADERS = ("预算执行", "资金执行", "执行率")
# readers' findings that say rows or figures were left unread: the rows read are not the whole table
_LEFT_UNREAD = frozenset({"LAYOUT_SCORE_ITEM_UNREAD", "LAYOUT_FIGURES_FUSED", "LAYOUT_ROWS_UNREAD",
                          "LAYOUT_SCORE_ROW_UNREAD", "LAYOUT_HEADERLESS_TABLE"})  # rows above the excerpt lost


@dataclass(frozen=True, slots=True)
class Part:
    """One row's contribution to a total: its path, printed value and (for scores) weight."""

    path: str
    value: Any
    amount: Decimal | None
    weight: Decimal | None = None
    sign: int = 1  # -1 for a 扣分项 whose score is taken off the total


def indicator_parts(ctx: FormContext, field: str) -> list[Part]:
    """Budget-execution rows then indicator rows, for ``weight`` or ``score``."""
    parts: list[Part] = []
    rows = list(getattr(ctx.form, "funds", []) or [])
    for i in budget_rows(rows):
        value = getattr(rows[i], field)
        parts.append(Part(f"{ctx.funds_paths[i]}.{field}", value, num(value), num(rows[i].weight)))
    for i, ind in enumerate(getattr(ctx.form, "indicators", []) or []):
        value = getattr(ind, field)
        parts.append(Part(f"indicators[{i}].{field}", value, num(value), num(ind.weight)))
    return parts


def visibly_complete(form: Any) -> bool:
    """Whether the table is seen to its end, so that a shortfall of rows means something.

    Excerpts, page breaks and mis-read tails cut rows off the end of a table; the rows left add
    up to less than the printed total through no fault of the form.  A table is taken to be
    complete when its last row is the closing 满意度 block, or when its printed total sits
    below every row (a score sheet's 总分 always closes it).  A reader that left rows or figures
    unread (run-together text: ``LAYOUT_*_UNREAD``, ``LAYOUT_FIGURES_FUSED``) has not seen it whole.
    """
    if any(f.code in _LEFT_UNREAD for f in getattr(form, "findings", []) or []):
        return False
    sheet = getattr(form, "schema_name", "") in SCORE_SHEET_TYPES
    rows = list(getattr(form, "items" if sheet else "indicators", []) or [])
    if not rows:
        return False
    last = rows[-1]
    if any("满意" in text(getattr(last, attr, None)) for attr in ("level1", "level2", "name")):
        return True
    totals = [form.totals.score, form.totals.weight]
    if sheet and any(num(v) is not None for v in totals):
        return True
    total_rows = [ref.row for v in totals for ref in v.source if ref.row is not None]
    row_rows = [ref.row for row in rows for v in (row.weight, row.score)
                for ref in v.source if ref.row is not None]
    return bool(total_rows and row_rows and min(total_rows) > max(row_rows))


def open_budget_weight(ctx: FormContext) -> Decimal:
    """The budget weight a self-evaluation leaves unprinted: 0, or the profile's, unknown which.

    A self-evaluation whose funds rows carry no 分值 either scores indicators to the full total
    (Fushun, 部门整体) or keeps the execution points in a row the form does not show (a cut-off
    funds block, Hebei's closing 预算执行率 row); both readings are accepted.
    """
    if ctx.schema not in ("project_self_eval", "dept_self_eval"):
        return Decimal(0)
    if budget_rows(list(getattr(ctx.form, "funds", []) or [])):
        return Decimal(0)
    return ctx.profile.budget_weight or Decimal(0)


def check_total_score(ctx: FormContext, parts: list[Part], code: str,
                      open_weight: Decimal = Decimal(0)) -> None:
    """Printed total score against Σ scores; an unscored weighted row widens the range.

    A printed total above the rows of a table not seen to its end is not reported (rows may be
    missing); one below them always is.
    """
    printed_value = ctx.form.totals.score
    printed = num(printed_value)
    scored = [p for p in parts if p.amount is not None]
    if printed is None or not scored:
        return
    known = sum((-abs(a) if p.sign < 0 else a for p in scored if (a := p.amount) is not None), Decimal(0))
    open_weight += sum((p.weight for p in parts
                        if p.amount is None and p.weight is not None and p.sign > 0), Decimal(0))
    if sum_matches(printed, known) or known - CENT <= printed <= known + open_weight + CENT:
        return
    if printed > known and not visibly_complete(ctx.form):
        return
    derived = fmt(known) if open_weight == 0 else f"{fmt(known)}–{fmt(known + open_weight)}"
    ctx.emit(code, path="totals.score", printed=fmt_printed(printed), derived=derived,
             fields=[p.path for p in scored], values=[printed_value, *(p.value for p in scored)],
             detail_en=f"{len(scored)} scored rows", detail_zh=f"共{len(scored)}行得分")


def check_total_weight(ctx: FormContext, parts: list[Part],
                       open_weight: Decimal = Decimal(0)) -> None:
    """Printed total weight against Σ weights, and Σ weights against the profile's total.

    The profile finding is raised only where the printed total does not already disagree: one
    inconsistency, one finding.  Shortfalls need a table seen to its end (``visibly_complete``).
    """
    weighted = [p for p in parts if p.amount is not None and p.sign > 0]
    if not weighted:
        return
    derived = sum((p.amount for p in weighted if p.amount is not None), Decimal(0))
    readings = {derived, derived + open_weight}
    complete = visibly_complete(ctx.form)
    printed_value = ctx.form.totals.weight
    printed = num(printed_value)
    fields = [p.path for p in weighted]
    values = [printed_value, *(p.value for p in weighted)]
    # a row whose weight was left unread (a fused figure) may hold the shortfall: only an excess shows
    unread = any(p.amount is None and p.sign > 0 and p.path.startswith("indicators") for p in parts)
    if printed is not None and all(abs(printed - r) > CENT for r in readings):
        if printed < derived or (complete and not unread):
            ctx.emit("TOTAL_WEIGHT_MISMATCH", path="totals.weight", printed=fmt_printed(printed),
                     derived=fmt(derived), fields=fields, values=values,
                     detail_en=f"profile {ctx.profile.name}: {ctx.profile.description}",
                     detail_zh=f"评分口径 {ctx.profile.name}")
        return
    total = ctx.profile.total
    if all(abs(r - total) > CENT for r in readings) and (derived > total or complete):
        ctx.emit("WEIGHTS_NOT_PROFILE_TOTAL", path="totals.weight",
                 printed=fmt_printed(printed) if printed is not None else None,
                 derived=fmt(derived), fields=fields, values=values,
                 detail_en=f"profile {ctx.profile.name} expects {fmt(total)} "
                           f"({ctx.profile.description})",
                 detail_zh=f"评分口径 {ctx.profile.name} 应为 {fmt(total)}")


def check_groups(
    ctx: FormContext, groups: Sequence[Any], rows: Sequence[Any], row_prefix: str,
    budget: list[Part] | None = None,
) -> None:
    """Each header's stated weight against the weights of the rows it heads.

    A header whose rows run to the end of a table not seen to its end, and add up to less than
    it states, may have lost rows to the cut: not reported.
    """
    parent = ""
    complete: bool | None = None
    labels = [(_label(row, "level1"), _label(row, "level2")) for row in rows] if groups else []
    for g, group in enumerate(groups):
        name = norm_name(group.name)
        if group.level == 1:
            parent = name
        stated = num(group.stated_weight)
        if stated is None or not name:
            continue
        members = group_members(name, group.level, parent, labels)
        parts = [Part(f"{row_prefix}[{i}].weight", rows[i].weight, num(rows[i].weight))
                 for i in members]
        if not members:
            if any(word in name for word in _BUDGET_HEADERS) and budget:
                parts = budget
            elif any(word in name for word in _ALL_INDICATORS):
                members = list(range(len(rows)))
                parts = [Part(f"{row_prefix}[{i}].weight", row.weight, num(row.weight))
                         for i, row in enumerate(rows)]
        parts = [p for p in parts if p.amount is not None]
        if not parts:
            continue
        derived = sum((p.amount for p in parts if p.amount is not None), Decimal(0))
        if abs(derived - stated) <= CENT:
            continue
        if derived < stated and members and members[-1] == len(rows) - 1:
            complete = visibly_complete(ctx.form) if complete is None else complete
            if not complete:
                continue
        ctx.emit("GROUP_SUBTOTAL_MISMATCH", path=f"groups[{g}].stated_weight",
                 label=group.name, printed=fmt_printed(stated), derived=fmt(derived),
                 fields=[p.path for p in parts],
                 values=[group.stated_weight, *(p.value for p in parts)])


def group_members(name: str, level: int, parent: str, labels: Sequence[tuple[str, str]]) -> list[int]:
    """Rows under a header, from each row's normalised (一级, 二级) labels; a 二级 header is
    looked for within its 一级 parent first."""
    if level == 1:
        hits = [i for i, (l1, _) in enumerate(labels) if l1 == name]
        return hits or [i for i, (_, l2) in enumerate(labels) if l2 == name]
    hits = [i for i, (_, l2) in enumerate(labels) if l2 == name]
    scoped = [i for i in hits if not parent or labels[i][0] in ("", parent)]
    return scoped or hits or [i for i, (l1, _) in enumerate(labels) if l1 == name]


def _label(row: Any, attr: str) -> str:
    return norm_name(text(getattr(row, attr, None)))
