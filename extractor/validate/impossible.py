"""Values no form can hold: negative figures, numbers beyond any budget, an over-weight budget score.

The arithmetic rules compare figures with each other and read an unusable number as missing
(``arith.num``), so a score of ``-5`` or ``1e999999999`` — typed as an operator's correction,
edited into the JSON ``jixiao validate`` reads, or an OCR run of digits — would otherwise pass
without a word.  These checks look at each figure on its own:

* ``VALUE_NEGATIVE``: amounts, rates, weights and scores are never below zero.  A score sheet's
  扣分项 is the exception: its score is a deduction and may be printed as ``-2``.
* ``VALUE_OUT_OF_RANGE``: a number with more than ``MAX_MAGNITUDE`` digits before the point (or
  smaller than 10⁻¹²) is no printed figure; the other rules skip it as missing.
* ``BUDGET_SCORE_OVER_WEIGHT``: the budget-execution score above its weight where no execution
  rate lets ``BUDGET_SCORE_MISMATCH`` re-derive it (one inconsistency, one finding).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from schemas.common import Value

from extractor.validate.arith import fmt_printed, num
from extractor.validate.context import FormContext, text
from extractor.validate.funds import budget_rows, derived_budget_scores
from extractor.validate.score_sheet import is_deduction

# The row collections that carry figures, as findings name them; header fields are not figures.
_ROWS = ("funds", "tasks", "indicators", "items", "groups")
_SHOWN_DIGITS = 24  # a huge number is shown in scientific form, never expanded


def check_values(ctx: FormContext) -> None:
    for path, label, value, deduction in figures(ctx):
        raw = value.value
        if not isinstance(raw, Decimal):
            continue
        if num(raw) is None:
            ctx.emit("VALUE_OUT_OF_RANGE", path=path, label=label, printed=_shown(raw), values=[value])
        elif raw < 0 and not (deduction and path.endswith(".score")):
            ctx.emit("VALUE_NEGATIVE", path=path, label=label, printed=fmt_printed(raw), derived="≥ 0",
                     values=[value])
    check_budget_over_weight(ctx)


def check_budget_over_weight(ctx: FormContext) -> None:
    rows = list(getattr(ctx.form, "funds", []) or [])
    for i in budget_rows(rows):
        row = rows[i]
        weight, score = num(row.weight), num(row.score)
        if weight is None or score is None or score <= weight or derived_budget_scores(row):
            continue
        prefix = ctx.funds_paths[i]
        ctx.emit("BUDGET_SCORE_OVER_WEIGHT", path=f"{prefix}.score", label=text(row.label) or row.role,
                 printed=fmt_printed(score), derived=f"≤ {fmt_printed(weight)}",
                 fields=[f"{prefix}.weight"], values=[row.score, row.weight])


def figures(ctx: FormContext) -> Iterator[tuple[str, str, Value[Any], bool]]:
    """Every numeric ``Value`` of the form: ``(path, row label, value, is a 扣分项 row)``."""
    form = ctx.form
    for collection in _ROWS:
        for i, row in enumerate(getattr(form, collection, None) or []):
            prefix = ctx.funds_paths[i] if collection == "funds" else f"{collection}[{i}]"
            label = _row_label(row)
            deduction = collection == "items" and is_deduction(row)
            yield from _numeric(row, prefix, label, deduction)
    totals = getattr(form, "totals", None)
    if totals is not None:
        yield from _numeric(totals, "totals", "", False)


def _numeric(row: Any, prefix: str, label: str, deduction: bool) -> Iterator[tuple[str, str, Value[Any], bool]]:
    for name in type(row).model_fields:
        value = getattr(row, name)
        if isinstance(value, Value) and isinstance(value.value, Decimal):
            yield f"{prefix}.{name}", label, value, deduction


def _row_label(row: Any) -> str:
    for attr in ("name", "label", "level2", "level1"):
        found = getattr(row, attr, None)
        shown = found if isinstance(found, str) else text(found)
        if shown:
            return shown
    return str(getattr(row, "role", ""))


def _shown(value: Decimal) -> str:
    """``1E+999999999`` as such: ``{:f}`` would write a billion digits."""
    shown = str(value)
    return shown if len(shown) <= _SHOWN_DIGITS else f"{shown[:_SHOWN_DIGITS]}…"
