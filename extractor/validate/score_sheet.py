"""Department score sheets (打分表 / 评分表): items, headers, stated rules and the total.

A sheet's 扣分项 is a ceiling on deductions, not points to earn: it is left out of the weight
total and its score, when printed, is taken off the total (printed as 2 or as −2 alike).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from extractor.validate.arith import fmt, fmt_printed, num, score_matches
from extractor.validate.context import FormContext, PrintedArgs, text
from extractor.validate.measures import measured_value
from extractor.validate.score_rules import parse_rule
from extractor.validate.totals import Part, check_groups, check_total_score, check_total_weight
from schemas.common import Measure


def check_score_sheet(ctx: FormContext) -> None:
    items = list(getattr(ctx.form, "items", []) or [])
    weighted = any(num(item.weight) is not None for item in items)
    for i, item in enumerate(items):
        check_item(ctx, i, item, weighted)
    weight_parts = [Part(f"items[{i}].weight", item.weight, num(item.weight),
                         sign=-1 if is_deduction(item) else 1) for i, item in enumerate(items)]
    score_parts = [Part(f"items[{i}].score", item.score, num(item.score), num(item.weight),
                        sign=-1 if is_deduction(item) else 1) for i, item in enumerate(items)]
    check_total_weight(ctx, weight_parts)
    check_total_score(ctx, score_parts, "SCORE_SHEET_TOTAL_MISMATCH")
    check_groups(ctx, list(getattr(ctx.form, "groups", []) or []), items, "items")


def check_item(ctx: FormContext, i: int, item: Any, sheet_weighted: bool) -> None:
    prefix, label = f"items[{i}]", item_label(item)
    weight, score = num(item.weight), num(item.score)
    if weight is None:
        if sheet_weighted and score is not None:
            ctx.emit("INDICATOR_NO_WEIGHT", path=f"{prefix}.weight", label=label,
                     fields=[f"{prefix}.score"], values=[item.name, item.score])
        return
    if score is None:
        return
    common: PrintedArgs = {"label": label, "printed": fmt_printed(score), "fields": [f"{prefix}.weight"],
                        "values": [item.score, item.weight, item.criteria]}
    if abs(score) > weight:
        ctx.emit("SCORE_SHEET_ITEM_OVER_WEIGHT", path=f"{prefix}.score",
                 derived=f"≤ {fmt_printed(weight)}", **common)
        return
    rule = parse_rule(text(item.criteria))
    measured = stated_measure(item)
    if rule is None or measured is None or is_deduction(item):
        return
    candidates = rule.derive(measured, weight)
    if candidates and not any(score_matches(score, c) for c in candidates):
        ctx.emit("SCORE_RULE_MISMATCH", path=f"{prefix}.score",
                 derived=" / ".join(fmt(c, 2) for c in candidates),
                 detail_en=f"measured {fmt(measured)} (备注)",
                 detail_zh=f"备注所列实际值 {fmt(measured)}", **common)


def stated_measure(item: Any) -> Decimal | None:
    """The measured figure a sheet prints for an item: a note that is just a number."""
    note = text(item.note)
    if not note:
        return None
    return measured_value(Measure(text=note))


def is_deduction(item: Any) -> bool:
    return any("扣分" in text(getattr(item, attr, None)) for attr in ("level1", "level2", "name"))


def item_label(item: Any) -> str:
    return text(item.name) or text(item.level2) or text(item.level1)
