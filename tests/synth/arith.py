"""Coherent numbers: funds that add up, rates and scores that follow the rules filled forms use.

The rules are the ones in ``docs/findings.md`` (rate = executed / budget, budget score =
weight × rate, a met target earns full marks, a missed one weight × actual / target with a
reason, totals = sums).  A clean form therefore raises no validator finding; ``plant`` then
breaks exactly one figure and records the (code, field) the validator must raise for it.
"""

from __future__ import annotations

import random
from decimal import Decimal

from extractor.errors import ConfigError
from tests.synth import pools
from tests.synth.model import Form, FundsLine, Group, Indicator, plain, q2
from tests.synth.style import Style

Pool = dict[str, dict[str, list[tuple[str, str | None, int, int, str]]]]
PLANT_KINDS = ("exec_rate", "budget_score", "total_score", "over_weight", "subtotal", "funds_sum",
               "weight_sum", "sheet_over_weight", "sheet_total")
SOURCE_ROLES = ("fiscal", "other", "basic", "project")


def split_weight(rng: random.Random, total: int, k: int, least: int = 2) -> list[int]:
    """``k`` integer weights ≥ ``least`` adding to ``total``, mostly multiples of 5 when they fit."""
    if k <= 1:
        return [total]
    step = 5 if total >= 5 * k and total % 5 == 0 else 1
    units = total // step
    cuts = sorted(rng.sample(range(1, units), k - 1)) if units > k else list(range(1, k))
    parts = [(b - a) * step for a, b in zip([0, *cuts], [*cuts, units], strict=True)]
    parts[-1] += total - sum(parts)
    if min(parts) < least:
        base = [total // k] * k
        base[-1] += total - sum(base)
        return base
    return parts


def draw_indicators(
    rng: random.Random, style: Style, pool: Pool, shares: dict[str, int], year: int, *,
    scored: bool, actuals: bool, per_level2: tuple[int, int] = (1, 2),
) -> list[Indicator]:  # fmt: skip
    """Indicator rows under each 一级 of ``shares`` with weights adding to its share."""
    rows: list[Indicator] = []
    for level1, share in shares.items():
        level2s = list(pool[level1])
        chosen = rng.sample(level2s, min(len(level2s), rng.randint(1, 3) if len(level2s) > 1 else 1))
        chosen.sort(key=level2s.index)
        picks: list[tuple[str, tuple[str, str | None, int, int, str]]] = []
        for level2 in chosen:
            entries = pool[level1][level2]
            for entry in rng.sample(entries, min(len(entries), rng.randint(*per_level2))):
                picks.append((level2, entry))
        weights = split_weight(rng, share, len(picks))
        counter: dict[str, int] = {}
        for (level2, entry), weight in zip(picks, weights, strict=True):
            counter[level2] = counter.get(level2, 0) + 1
            rows.append(_indicator(rng, style, level1, level2, entry, Decimal(weight), year, scored, actuals,
                                   counter[level2]))
    return rows


def _indicator(
    rng: random.Random, style: Style, level1: str, level2: str, entry: tuple[str, str | None, int, int, str],
    weight: Decimal, year: int, scored: bool, actuals: bool, number: int,
) -> Indicator:  # fmt: skip
    name, op, low, high, unit = entry
    if style.unit_brackets and op not in (None, "date") and unit:
        name = f"{name}（{unit}）"
    if style.name_prefix:
        name = f"指标{number}：{name}"
    row = Indicator(level1, level2, name, style.measure(None, Decimal(0), ""), weight=weight)
    if op is None or op == "date":
        text, done = (unit, unit) if op is None else _dates(rng, year, rng.randint(low, high))
        row.target = style.measure(None, None, "", qualitative=text)
        row.actual = style.measure(None, None, "", qualitative=done) if actuals else None
        row.score = weight if scored and actuals else None
        return row
    target = Decimal(rng.randint(low, high))
    row.target = style.measure(op, target, unit)
    if not actuals:
        return row
    missed = op == "≥" and target > 0 and rng.random() < 0.2
    if missed:
        actual = q2(target * Decimal(str(rng.uniform(0.8, 0.97))), "1" if unit != "%" else "0.1")
        row.missed = True
        row.reason = rng.choice(pools.REASONS)
        row.score = q2(weight * actual / target) if scored else None
    else:
        if op == "≥":
            room = 100 - target if unit == "%" else max(1, int(target) // 10)
            actual = target + (rng.randint(0, int(room)) if room > 0 and rng.random() < 0.5 else 0)
        elif op == "≤":
            actual = target - (rng.randint(0, max(1, int(target) // 10)) if target > 2 and rng.random() < 0.5 else 0)
        else:
            actual = target
        row.score = weight if scored else None
    row.actual = style.measure(None, actual, unit)
    return row


def _dates(rng: random.Random, year: int, month: int) -> tuple[str, str]:
    """A deadline and the date it was met, as forms print them: with or without the year, 底前
    or 前, a day or only the month (``7月`` is a date here, not seven months)."""
    target = rng.choice((f"{year}年{month}月底前", f"{month}月底前", f"{month}月前"))
    done, day = rng.randint(max(1, month - 3), month), rng.randint(10, 28)
    actual = rng.choice((f"{year}年{done}月{day}日", f"{done}月{day}日", f"{done}月", f"{year}年{done}月"))
    return target, actual


def draw_budget(rng: random.Random, style: Style) -> tuple[Decimal, Decimal, Decimal]:
    """(年初预算数, 全年预算数, 全年执行数) in the document's unit; executed ≤ budget."""
    budget_wan = q2(Decimal(str(rng.uniform(5, 900))))
    initial_wan = budget_wan if rng.random() < 0.6 else q2(budget_wan * Decimal(str(rng.uniform(0.7, 1.0))))
    executed_wan = budget_wan if rng.random() < 0.45 else q2(budget_wan * Decimal(str(rng.uniform(0.72, 0.999))))
    return style.to_money(initial_wan), style.to_money(budget_wan), style.to_money(executed_wan)


def rate_of(executed: Decimal, budget: Decimal) -> Decimal:
    return q2(executed / budget * 100) if budget else Decimal(0)


def budget_score(weight: Decimal, rate: Decimal) -> Decimal:
    return q2(weight * min(rate, Decimal(100)) / 100)


def split_amount(total: Decimal | None, share: float) -> tuple[Decimal | None, Decimal | None]:
    """``total`` cut in two parts that add up exactly."""
    if total is None:
        return None, None
    first = q2(total * Decimal(str(share)))
    return first, total - first


def source_rows(total: FundsLine, labels: tuple[str, str], roles: tuple[str, str], share: float) -> list[FundsLine]:
    """Two source rows (财政拨款 and 其他) that add up to the total row, column by column."""
    initial = split_amount(total.initial, share)
    budget = split_amount(total.budget, share)
    assert total.budget is not None and total.executed is not None and budget[0] is not None
    executed_first = min(budget[0], q2(total.executed * budget[0] / total.budget)) if total.budget else Decimal(0)
    executed = (executed_first, total.executed - executed_first)
    if budget[1] is not None and executed[1] > budget[1]:
        executed = (executed_first + executed[1] - budget[1], budget[1])
    return [FundsLine(role, label, initial[k], budget[k], executed[k]) for k, (role, label) in
            enumerate(zip(roles, labels, strict=False))]


def groups_of(indicators: list[Indicator]) -> list[Group]:
    """The 一级 groups with the sum of their rows' weights (what （N分） prints)."""
    sums: dict[str, Decimal] = {}
    for row in indicators:
        sums[row.level1] = sums.get(row.level1, Decimal(0)) + (row.weight or 0)
    return [Group(1, name, weight) for name, weight in sums.items()]


def scored_total(form: Form) -> Decimal:
    """Budget score plus every printed indicator or item score."""
    parts = [line.score for line in form.funds if line.score is not None and line.weight is not None]
    parts += [row.score for row in form.indicators if row.score is not None]
    parts += [item.score for item in form.items if item.score is not None]
    return sum(parts, Decimal(0))


def applicable(form: Form) -> list[str]:
    """Planted-error kinds this form prints the figures for."""
    kinds: list[str] = []
    total = next((line for line in form.funds if line.role == "total"), None)
    if total is not None and total.rate is not None and total.budget:
        kinds.append("exec_rate")
    if total is not None and total.score is not None:
        kinds.append("budget_score")
    if form.total_score is not None:
        kinds.append("sheet_total" if form.items else "total_score")
    if any(row.score is not None and row.weight and not row.missed for row in form.indicators):
        kinds.append("over_weight")
    if form.items and any(item.score is not None for item in form.items):
        kinds.append("sheet_over_weight")
    if form.groups and form.indicators:
        kinds.append("subtotal")
    sources = [line for line in form.funds if line.role in SOURCE_ROLES]
    if total is not None and total.budget is not None and sources and all(s.budget is not None for s in sources):
        kinds.append("funds_sum")
    if (form.indicators and all(row.weight for row in form.indicators)
            and all(row.score is None for row in form.indicators)):
        kinds.append("weight_sum")
    return kinds


def plant(form: Form, kind: str, rng: random.Random) -> None:
    """Break one figure of ``form`` and record the finding the validator must raise."""
    total = next((line for line in form.funds if line.role == "total"), None)
    if kind == "exec_rate":
        assert total is not None and total.rate is not None
        delta = Decimal(str(rng.choice((-1, 1)) * rng.randint(3, 15))) + Decimal("0.37")
        total.rate = total.rate + delta if total.rate + delta <= 100 else total.rate - abs(delta)
        form.findings.append(("EXEC_RATE_MISMATCH", "funds[total].rate"))
    elif kind == "budget_score":
        assert total is not None and total.score is not None and total.weight is not None
        total.score = max(Decimal(0), q2(total.score - Decimal(rng.randint(1, 3)) - Decimal("0.4"), "0.1"))
        form.findings.append(("BUDGET_SCORE_MISMATCH", "funds[total].score"))
        _retotal(form)
    elif kind in ("total_score", "sheet_total"):
        assert form.total_score is not None
        # below the sum of its rows: an excess is reported even where the table's end is not certain
        form.total_score -= Decimal(rng.randint(2, 6))
        code = "SCORE_SHEET_TOTAL_MISMATCH" if kind == "sheet_total" else "TOTAL_SCORE_MISMATCH"
        form.findings.append((code, "totals.score"))
    elif kind == "over_weight":
        k = rng.choice([i for i, row in enumerate(form.indicators) if row.score is not None and row.weight
                        and not row.missed])
        row = form.indicators[k]
        assert row.weight is not None
        row.score = row.weight + rng.randint(1, 4)
        form.findings.append(("INDICATOR_SCORE_OVER_WEIGHT", f"indicators[{k}].score"))
        _retotal(form)
    elif kind == "sheet_over_weight":
        k = rng.choice([i for i, item in enumerate(form.items) if item.score is not None])
        form.items[k].score = form.items[k].weight + rng.randint(1, 3)
        form.findings.append(("SCORE_SHEET_ITEM_OVER_WEIGHT", f"items[{k}].score"))
        _retotal(form)
    elif kind == "subtotal":
        k = rng.randrange(len(form.groups))
        form.groups[k].stated_weight += rng.choice((5, 10, -5)) if form.groups[k].stated_weight > 5 else 5
        form.findings.append(("GROUP_SUBTOTAL_MISMATCH", f"groups[{k}].stated_weight"))
    elif kind == "funds_sum":
        assert total is not None
        source = next(line for line in form.funds if line.role in SOURCE_ROLES and line.budget is not None)
        assert source.budget is not None
        source.budget += q2(max(Decimal(1), source.budget * Decimal("0.1")))
        source.rate = None
        form.findings.append(("FUNDS_TOTAL_MISMATCH", "funds[total].budget"))
    elif kind == "weight_sum":  # a target table whose weights no longer add to the profile's total
        row = rng.choice(form.indicators)
        assert row.weight is not None
        row.weight += 5
        form.findings.append(("WEIGHTS_NOT_PROFILE_TOTAL", "totals.weight"))
    else:
        raise ConfigError(f"unknown planted error kind {kind!r}", hint=f"use one of {', '.join(PLANT_KINDS)}")


def _retotal(form: Form) -> None:
    """After a planted score, the printed total follows the printed parts (one error, one finding)."""
    if form.total_score is not None:
        form.total_score = scored_total(form)


def pct_text(x: Decimal) -> str:
    return plain(x) + "%"
