"""Chongqing 部门整体绩效自评表 (dev 42's template, written from scratch with drawn content).

What sets it apart from the national department form: a first row 主管部门 | unit | 部门联系人 |
name | 联系电话 | number | 自评总分（分） | score; a funds block 年初预算数 | 全年（调整）预算数 |
全年执行数 | 执行率 | 执行率权重 | 执行率得分 whose last three cells are merged over the
年度总金额 and 其中财政拨款 rows; three goal columns (年初 / 全年（调整） / 全年目标实际完成情况);
a flat indicator list 指标名称 | 计量单位 | 指标性质 | 指标值 | 指标权重（分） | 全年完成值 |
指标得分（分） | 说明 with no 一级/二级 levels and the unit in its own column.

The gold follows the samples' convention: 主管部门 is the department, 自评总分 the total score,
rate / weight / score belong to the total row; the goal pair is (年初, 实际完成情况).  Kept out
of the default rotation (``corpus.EXTRA_FAMILIES``) so the other families' documents stay as
they were; ``bench_shapes.py --families chongqing_dept`` measures it.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal

from tests.synth import arith, pools
from tests.synth.common import Context
from tests.synth.model import Form, FundsLine, Grid, Indicator, Measure, plain
from tests.synth.style import Style

CONTACTS = ("王丽", "李明", "张华", "刘洋", "陈静", "杨帆", "赵敏", "周强", "吴霞", "徐磊")
SHARES = {"产出指标": 50, "效益指标": 30, "满意度指标": 10}  # the budget row holds the other 10


def _flat(row: Indicator, nature: bool) -> Indicator:
    """An indicator without levels whose target and actual print as bare cells beside the unit column
    (the unit holds for both, as the samples read it); the operator and 指标性质 are gold only where
    that column prints them (as ``layout._print_measures`` has it)."""
    row.level1 = row.level2 = ""
    unit = row.target.unit if row.target.op != "qualitative" else ""
    row.unit = unit or None
    if nature:
        row.nature = "定性" if row.target.op == "qualitative" else (row.target.glyph or "=")
    for attr in ("target", "actual"):
        m: Measure | None = getattr(row, attr)
        if m is None or m.op == "qualitative":
            continue
        assert m.value is not None
        op = (m.op or "=") if (nature and attr == "target") else None
        setattr(row, attr, Measure(op, m.value, unit, plain(m.value), plain(m.value)))
    return row


def chongqing_dept(rng: random.Random, style: Style, ctx: Context) -> Form:
    """Chongqing 部门整体绩效自评表 (see the module docstring)."""
    unit = ctx.place + ctx.department
    title = f"{ctx.place}{ctx.department}{ctx.year}年度部门整体绩效自评表"
    form = Form("chongqing_dept", "dept_self_eval", title)
    initial, budget, executed = arith.draw_budget(rng, style)
    total = FundsLine("total", "年度总金额", initial, budget, executed)
    total.rate = arith.rate_of(executed, budget)
    total.weight = Decimal(10)
    total.score = arith.budget_score(total.weight, total.rate)
    fiscal = FundsLine("fiscal", "其中财政拨款", initial, budget, executed)  # the whole budget, as printed there
    form.funds = [total, fiscal]
    goal, result = rng.choice(pools.GOALS), rng.choice(pools.RESULTS)
    adjusted = goal if rng.random() < 0.7 else rng.choice(pools.GOALS)
    form.goals = (goal, result)
    nature = rng.random() < 0.4
    style = replace(style, unit_brackets=False, name_prefix=False)  # names print bare, the unit has its column
    drawn = arith.draw_indicators(rng, style, pools.DEPT_INDICATORS, SHARES, ctx.year, scored=True, actuals=True)
    form.indicators = [_flat(row, nature) for row in drawn]
    ctx.hook(form)
    form.total_score = sum((r.score or Decimal(0) for r in form.indicators), total.score)
    grid = Grid([1.5] * 8)
    phone = f"023-{rng.randint(40000000, 89999999)}"
    grid.row("主管部门", unit, "部门联系人", rng.choice(CONTACTS), "联系电话", phone, "自评总分（分）",
             plain(form.total_score))
    grid.row(("", 2), "年初预算数", "全年（调整）预算数", "全年执行数", "执行率", "执行率权重", "执行率得分")
    grid.row((total.label, 2), style.money(total.initial), style.money(total.budget), style.money(total.executed),
             (plain(total.rate), 1, 2), (plain(total.weight), 1, 2), (plain(total.score), 1, 2))
    grid.row((fiscal.label, 2), style.money(fiscal.initial), style.money(fiscal.budget), style.money(fiscal.executed))
    grid.row(("年初绩效目标", 3), ("全年（调整）绩效目标", 3), ("全年目标实际完成情况", 2))
    grid.row((goal, 3), (adjusted, 3), (result, 2))
    grid.row(("绩效指标", 8))
    grid.row("指标名称", "计量单位", "指标性质", "指标值", "指标权重（分）", "全年完成值", "指标得分（分）", "说明")
    for row in form.indicators:
        assert row.actual is not None
        grid.row(row.name, row.unit or "", row.nature or "", row.target.text, plain(row.weight or Decimal(0)),
                 row.actual.text, plain(row.score or Decimal(0)), row.reason)
    form.table, form.wide = grid.build(), True
    form.header = {"title": title, "year": ctx.year, "department": unit}
    return form
