"""Indicator rows: score within weight, score consistent with whether the target was met.

A met quantitative target earns its weight; a missed one earns weight × actual/target (正向)
or weight × target/actual (反向), never more than the weight.  A target cell that states its
own scoring standard (Fushun: "差异率=0，得满分；…每增加5%扣减0.5分") is re-derived from that
standard instead.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from extractor.validate.arith import fmt, fmt_printed, num, score_matches
from extractor.validate.context import FormContext, PrintedArgs, is_placeholder, is_sub_row, text
from extractor.validate.measures import Outcome, compare, measured_value
from extractor.validate.profiles import TARGET_FORMS
from extractor.validate.score_rules import is_rule_text, parse_rule


def check_indicators(ctx: FormContext) -> None:
    indicators = list(getattr(ctx.form, "indicators", []) or [])
    weighted = any(num(ind.weight) is not None for ind in indicators)
    for i, ind in enumerate(indicators):
        check_indicator(ctx, i, ind, weighted)


def check_indicator(ctx: FormContext, i: int, ind: Any, table_weighted: bool) -> None:
    prefix, label = f"indicators[{i}]", indicator_label(ind)
    weight, score = num(ind.weight), num(ind.score)
    if weight is None:
        if table_weighted and not is_sub_row(ind) and is_real_row(ind):
            ctx.emit("INDICATOR_NO_WEIGHT", path=f"{prefix}.weight", label=label,
                     fields=[f"{prefix}.name"], values=[ind.name, ind.target, ind.score])
        return
    if score is None:
        return
    common: PrintedArgs = {"label": label, "printed": fmt_printed(score),
                        "fields": [f"{prefix}.weight", f"{prefix}.target", f"{prefix}.actual"],
                        "values": [ind.score, ind.weight, ind.target, ind.actual]}
    if score > weight:
        ctx.emit("INDICATOR_SCORE_OVER_WEIGHT", path=f"{prefix}.score",
                 derived=f"≤ {fmt_printed(weight)}", **common)
        return
    target = getattr(ind.target, "value", None)
    rule_text = target.text if target is not None else ""
    if is_rule_text(rule_text):
        check_stated_rule(ctx, prefix, rule_text, ind, weight, score, common)
        return
    outcome = compare(ind)
    if outcome.status == "met":
        if outcome.kind != "qualitative" and not score_matches(score, weight):
            ctx.emit("INDICATOR_MET_NOT_FULL", path=f"{prefix}.score", derived=fmt(weight),
                     detail_en=outcome.basis, detail_zh=outcome.basis, **common)
    elif outcome.status == "missed":
        check_missed(ctx, prefix, ind, weight, score, outcome, common)


def check_missed(
    ctx: FormContext, prefix: str, ind: Any, weight: Decimal, score: Decimal,
    outcome: Outcome, common: PrintedArgs,
) -> None:
    proportional = weight * outcome.ratio if outcome.ratio is not None else None
    if proportional is not None and score_matches(score, proportional):
        pass
    elif score_matches(score, weight):
        ctx.emit("INDICATOR_FULL_SCORE_MISSED_TARGET", path=f"{prefix}.score",
                 derived=fmt(proportional, 2) if proportional is not None else f"< {fmt(weight)}",
                 detail_en=outcome.basis, detail_zh=outcome.basis, **common)
    elif proportional is not None:
        formula = ("weight × actual/target" if outcome.direction == "正向"
                   else "weight × target/actual")
        ctx.emit("INDICATOR_SCORE_NOT_PROPORTIONAL", path=f"{prefix}.score",
                 derived=fmt(proportional, 2),
                 detail_en=f"{outcome.direction} {formula}; {outcome.basis}",
                 detail_zh=f"{outcome.direction}；{outcome.basis}", **common)
    if ctx.schema not in TARGET_FORMS and is_placeholder(ind.deviation_reason) and not _table_note(ctx.form):
        ctx.emit("INDICATOR_MISSED_NO_REASON", path=f"{prefix}.deviation_reason",
                 label=indicator_label(ind), printed=text(ind.deviation_reason) or None,
                 fields=[f"{prefix}.target", f"{prefix}.actual"],
                 values=[ind.deviation_reason, ind.target, ind.actual],
                 detail_en=outcome.basis, detail_zh=outcome.basis)


def _table_note(form: Any) -> bool:
    """The form gives its deviation reasons once, in a free-text row under the table (Hubei)."""
    return not is_placeholder(getattr(form, "deviation_note", None))


def check_stated_rule(
    ctx: FormContext, prefix: str, rule_text: str, ind: Any, weight: Decimal, score: Decimal,
    common: PrintedArgs,
) -> None:
    """Re-derive the score from the deduction rule printed in the target cell."""
    rule = parse_rule(rule_text)
    actual = getattr(ind.actual, "value", None)
    measured = measured_value(actual) if actual is not None else None
    if rule is None or measured is None:
        return
    candidates = rule.derive(measured, weight)
    if candidates and not any(score_matches(score, c) for c in candidates):
        ctx.emit("SCORE_RULE_MISMATCH", path=f"{prefix}.score",
                 derived=" / ".join(fmt(c, 2) for c in candidates),
                 detail_en=f"measured {fmt(measured)}", detail_zh=f"实际值 {fmt(measured)}",
                 **common)


def indicator_label(ind: Any) -> str:
    return text(ind.name) or text(ind.level2) or text(ind.level1)


def is_real_row(ind: Any) -> bool:
    """A row that prints a target, an actual or a score: a name alone is a wrapped label or a
    row cut off by the end of an excerpt, and gold drops all-placeholder rows anyway."""
    for measure in (ind.target, ind.actual):
        value = getattr(measure, "value", None)
        if value is not None and (value.value is not None or not is_placeholder(value.text)):
            return True
    return num(ind.score) is not None
