"""Department forms and target tables: Fushun, national 部门整体 (with and without budget points),
Chongqing and Hubei department targets, Chongqing and national project targets.

Models: seed 004 (Fushun), seed 000 form 1 and sample 33 (national department), seed 003
(Chongqing department and 特定目标类 project targets), sample 17 (Hubei 收入构成/支出构成).
"""

from __future__ import annotations

import random
from decimal import Decimal

from tests.synth import arith, layout, pools
from tests.synth.common import Context, finish, group_points, names, project_header, start_table, title_of, totals_row
from tests.synth.model import Form, FundsLine, Grid, Task, plain
from tests.synth.style import Style

CN_NUM = "一二三四五六七八九十"


def _unit(ctx: Context) -> str:
    return ctx.place + ctx.department


def _dept_self_eval(rng: random.Random, style: Style, ctx: Context, family: str, budget_points: bool) -> Form:
    unit = _unit(ctx)
    title, lines = title_of(rng, ctx, style.wording.word("dept_title", "部门整体支出绩效自评表"), style)
    form = Form(family, "dept_self_eval", title, lines=lines)
    total = FundsLine("total", "年度资金总额", *arith.draw_budget(rng, style))
    assert total.budget is not None and total.executed is not None
    total.rate = arith.rate_of(total.executed, total.budget)
    if budget_points:
        total.weight = Decimal(10)
        total.score = arith.budget_score(total.weight, total.rate)
    form.funds = [total, *arith.source_rows(total, ("其中：基本支出", "项目支出"), ("basic", "project"),
                                            rng.uniform(0.5, 0.85))]
    form.goals = (rng.choice(pools.GOALS), rng.choice(pools.RESULTS))
    shares = ({"产出指标": 50, "效益指标": 30, "满意度指标": 10} if budget_points
              else {"产出指标": 60, "效益指标": 30, "满意度指标": 10})
    form.indicators = arith.draw_indicators(rng, style, pools.DEPT_INDICATORS, shares, ctx.year, scored=True,
                                            actuals=True)
    finish(form, style, 100)
    ctx.hook(form)
    columns = [("l1", "一级指标"), ("l2", "二级指标"), ("l3", "三级指标"), ("target", "年度|指标值"),
               ("actual", "实际|完成值"), ("weight", "分值"), ("score", "得分"), ("reason", "偏差原因分析及改进措施")]
    columns = layout.worded(style, columns, floor=7)  # the funds block's width
    keys = (["initial", "budget", "executed", "weight", "rate", "score"] if budget_points
            else ["initial", "budget", "executed", "rate"])
    grid = Grid([1.4] * len(columns) + [2.0])
    start_table(form, style, grid)
    layout.pairs_row(grid, style, [("部门（单位）名称", unit)])
    fcols = layout.funds_columns(style, keys, {"initial": "年初预算数", "budget": "全年预算数",
                                               "executed": "全年执行数", "weight": "分值", "rate": "执行率",
                                               "score": "得分"})
    layout.funds_block(grid, style, style.caption("年度预算安排"), form.funds, fcols)
    layout.goals_block(grid, style, "年度总体目标", ("预期目标", "实际完成情况"), form.goals)
    layout.indicator_block(grid, style, form.indicators, columns, points=group_points(form), lead="绩效指标")
    totals_row(grid, form, columns, "总分", lead=True)
    form.table, form.wide = grid.build(), True
    form.header = {"title": title, "year": ctx.year, "unit_name": unit, "money_unit": style.money_unit}
    return form


def dept_national(rng: random.Random, style: Style, ctx: Context) -> Form:
    """National 部门（单位）整体支出绩效自评表 whose budget row is worth 10 points."""
    return _dept_self_eval(rng, style, ctx, "dept_national", True)


def dept_national_nobudget(rng: random.Random, style: Style, ctx: Context) -> Form:
    """The same form without 分值/得分 on the budget row: indicators carry all 100 points."""
    return _dept_self_eval(rng, style, ctx, "dept_national_nobudget", False)


def fushun(rng: random.Random, style: Style, ctx: Context) -> Form:
    """Fushun 整体绩效自评表: 收支 rows, 年度主要任务, 年度绩效目标, 分解目标评价 (指标N + 内容)."""
    unit = _unit(ctx)
    title = f"{ctx.year} 年{unit} 整体绩效自评表"
    form = Form("fushun", "dept_self_eval", title)
    form.staff_count = rng.randint(8, 120)
    initial, budget, executed = arith.draw_budget(rng, style)
    fiscal_i, other_i = arith.split_amount(initial, rng.uniform(0.8, 1.0))
    fiscal_b, other_b = arith.split_amount(budget, rng.uniform(0.8, 1.0))
    basic = arith.source_rows(FundsLine("expenditure", "", initial, budget, executed), ("一、基本支出", "二、项目支出"),
                              ("basic", "project"), rng.uniform(0.5, 0.8))
    form.funds = [FundsLine("income", "年度部门预算收入小计（1 至 2 项）", initial, budget),
                  FundsLine("income", "1. 财政拨款收入", fiscal_i, fiscal_b),
                  FundsLine("income", "2. 上年结转", other_i, other_b),
                  FundsLine("expenditure", "年度部门预算支出小计（一+二）", initial, budget, executed,
                            rate=arith.rate_of(executed, budget))]
    for row in basic:
        assert row.budget is not None and row.executed is not None
        row.rate = arith.rate_of(row.executed, row.budget)
    form.funds += basic
    project = basic[1]
    assert project.budget is not None and project.executed is not None and project.initial is not None
    k = rng.randint(2, 4)
    shares = [Decimal(str(rng.uniform(0.5, 1.5))) for _ in range(k)]
    amounts = [arith.q2(project.budget * s / sum(shares)) for s in shares]
    amounts[-1] = project.budget - sum(amounts[:-1])
    for i, amount in enumerate(amounts):
        form.tasks.append(Task(f"重点工作{CN_NUM[i]}", rng.choice(pools.PROJECTS), None, amount, amount, Decimal(100)))
    form.goal_list = [(f"目标{i + 1}：{g}", f"完成：{r}") for i, (g, r) in
                      enumerate(zip(rng.sample(pools.GOALS, 2), rng.sample(pools.RESULTS, 2), strict=True))]
    shares_l1 = {"履职效能": 40, "管理效率": 20, "运行成本": 20, "社会效应": 20}
    form.indicators = arith.draw_indicators(rng, style, pools.FUSHUN_INDICATORS, shares_l1, ctx.year, scored=True,
                                            actuals=True, per_level2=(1, 2))
    for row in form.indicators:
        row.completion = "部分完成" if row.missed else "完成"
    form.total_score = arith.scored_total(form)
    ctx.hook(form)
    n = 10
    grid = Grid([1.2] * n)
    start_table(form, style, grid)
    grid.row((style.label("部门（单位）名称"), 2), (unit, 4), (style.label("财政供养人员数量"), 2),
             (str(form.staff_count), 2))
    money = [style.money_label(w) for w in ("年初预算数", "全年预算数", "全年执行数")]
    grid.row((style.caption("年度部门（单位）整体收支情况"), 2, len(form.funds) + 1), ("名 称", 4),
             *money, style.rate_label("执行率"))
    for row in form.funds:
        dash = "——"
        grid.row((row.label, 4), style.money(row.initial), style.money(row.budget),
                 style.money(row.executed) if row.executed is not None else dash,
                 style.rate(row.rate) if row.rate is not None else dash)
    grid.row(("年度主要任务", 2, len(form.tasks) + 2), ("工作名称", 2), ("对应项目", 2), *money,
             style.rate_label("执行率"))
    for t in form.tasks:
        grid.row((t.name, 2), (t.project, 2), style.money(t.initial), style.money(t.budget), style.money(t.executed),
                 style.rate(t.rate))
    grid.row(("合计", 2), ("", 2), style.money(None), style.money(project.budget), style.money(project.budget),
             style.rate(Decimal(100)))
    grid.row(("年度绩效目标", 2, len(form.goal_list) + 1), ("年初设定目标", 4), ("全年完成情况", 4))
    for a, b in form.goal_list:
        grid.row((a, 4), (b, 4))
    full = "分解目标评价"
    layout.full_row(grid, full)
    grid.row("一级指标", "二级指标", "三级指标", "内容", "年度指标值", "全年完成值", "完成程度", "分值", "得分",
             "原因说明")
    counters: dict[str, int] = {}
    runs1, runs2 = layout.runs([r.level1 for r in form.indicators]), layout.runs(
        [(r.level1, r.level2) for r in form.indicators])
    for i, row in enumerate(form.indicators):
        counters[row.level2] = counters.get(row.level2, 0) + 1
        items: list[str | tuple[str, int] | tuple[str, int, int]] = []
        for runs, text in ((runs1, row.level1), (runs2, row.level2)):
            if style.repeat_merged:
                items.append(text)
            elif i in runs:
                items.append((text, 1, runs[i]))
        assert row.actual is not None
        items += [f"指标{counters[row.level2]}", row.name, row.target.text, row.actual.text, row.completion or "",
                  plain(row.weight or Decimal(0)), plain(row.score or Decimal(0)), row.reason]
        grid.row(*items)
    grid.row(("总评价得分", 8), (plain(form.total_score), 2))
    form.table, form.wide = grid.build(), True
    form.header = {"title": title, "year": ctx.year, "unit_name": unit, "money_unit": style.money_unit}
    return form


def _target_columns(style: Style, unit_column: bool) -> list[layout.Column]:
    columns = [("l1", "一级指标"), ("l2", "二级指标"), ("l3", "三级指标"), ("nature", style.op_word),
               ("target", "指标值"), *([("unit", "度量单位")] if unit_column else []),
               ("weight", style.wording.word("target_weight", "权重"))]
    return layout.worded(style, columns, floor=len(columns))  # its words and order, the levels apart


def chongqing_dept_target(rng: random.Random, style: Style, ctx: Context) -> Form:
    """Chongqing 部门（单位）整体支出绩效目标申报表: 预算支出总额 | 基本支出 | 项目支出 by source."""
    unit = _unit(ctx)
    form = Form("chongqing_dept_target", "dept_target", "部门（单位）整体支出绩效目标申报表",
                lines=[f"预算年度：{ctx.year}", f"预算（单位）名称：{unit}", f"单位：{style.money_unit}"])
    _, budget, _ = arith.draw_budget(rng, style)
    basic, project = arith.split_amount(budget, rng.uniform(0.5, 0.85))
    form.funds = [FundsLine("total", "预算支出总额", budget=budget), FundsLine("basic", "基本支出", budget=basic),
                  FundsLine("project", "项目支出", budget=project)]
    form.overall_goal = rng.choice(pools.GOALS)
    form.indicators = arith.draw_indicators(rng, style, pools.DEPT_INDICATORS,
                                            {"产出指标": 60, "效益指标": 30, "满意度指标": 10},
                                            ctx.year, scored=False, actuals=False)
    ctx.hook(form)
    columns = _target_columns(style, True)
    grid = Grid([1.5] * 8)
    start_table(form, style, grid)
    grid.row(("总体资金情况", 1, 3), ("预算支出总额", 1, 2), ("基本支出", 3), ("项目支出", 3))
    grid.row("合计", "财政拨款", "单位资金", "合计", "财政拨款", "单位资金")
    basic_row, project_row = form.funds[1:]  # as planted: a funds_sum error breaks one of them
    grid.row(style.money(budget), style.money(basic_row.budget), style.money(basic_row.budget), "",
             style.money(project_row.budget), style.money(project_row.budget), "")
    grid.row("整体绩效目标", (form.overall_goal, 7))
    grid.row((style.label("部门整体绩效情况"), 8))
    layout.indicator_block(grid, style, form.indicators, columns, lead="年度绩效指标")
    form.table = grid.build()
    form.header = {"title": form.title, "year": ctx.year, "unit_name": unit, "money_unit": style.money_unit}
    return form


def hubei_dept_target(rng: random.Random, style: Style, ctx: Context) -> Form:
    """Hubei 部门整体支出绩效目标申报表: 收入构成 | 金额 | 占比 beside 支出构成 | 金额 | 占比.

    Each side has its own 合计 row, printed first (收入合计 / 支出合计) or last (合计, as in sample
    17).  The gold follows the real sample's convention: sources by their role (fiscal, other),
    spending by its kind (basic, project), each side's 合计 a ``total``, the 收入 side listed
    before the 支出 side — the roles say which side a row is on, the order which total is whose.
    """
    unit = _unit(ctx)
    title, lines = title_of(rng, ctx, "部门整体支出绩效目标申报表")
    form = Form("hubei_dept_target", "dept_target", title, lines=lines + [f"单位：{style.money_unit}"])
    _, budget, _ = arith.draw_budget(rng, style)
    no_other = rng.random() < 0.2  # 其他资金 printed with no amount (sample 17)
    fiscal, other = (budget, None) if no_other else arith.split_amount(budget, rng.uniform(0.6, 0.95))
    basic, project = arith.split_amount(budget, rng.uniform(0.5, 0.85))
    assert budget and fiscal is not None and basic is not None and project is not None
    totals_first = rng.random() < 0.5
    income_total = FundsLine("total", "收入合计" if totals_first else "合计", budget=budget)
    spend_total = FundsLine("total", "支出合计" if totals_first else "合计", budget=budget)
    income = [FundsLine("fiscal", "财政拨款", budget=fiscal),
              FundsLine("other", rng.choice(("其他资金", "其他收入")), budget=other)]
    spend = [FundsLine("basic", "基本支出", budget=basic), FundsLine("project", "项目支出", budget=project)]
    income = [income_total, *income] if totals_first else [*income, income_total]
    spend = [spend_total, *spend] if totals_first else [*spend, spend_total]
    form.funds = [*income, *spend]
    form.overall_goal = rng.choice(pools.GOALS)
    form.indicators = arith.draw_indicators(rng, style, pools.DEPT_INDICATORS,
                                            {"产出指标": 60, "效益指标": 30, "满意度指标": 10},
                                            ctx.year, scored=False, actuals=False)
    ctx.hook(form)
    columns = [("l1", "一级指标"), ("l2", "二级指标"), ("l3", "三级指标"), ("target", "指标值"),
               ("weight", style.wording.word("target_weight", "分值"))]
    columns = layout.worded(style, columns, floor=len(columns))  # 5 columns and the lead: the 收支 sides' width
    grid = Grid([1.5] * 6)
    start_table(form, style, grid)
    layout.pairs_row(grid, style, [("部门名称", unit)])
    grid.row("收入构成", "金额", "占比", "支出构成", "金额", "占比")
    for a, b in zip(income, spend, strict=True):
        grid.row(*_side_cells(style, a, income_total), *_side_cells(style, b, spend_total))
    grid.row("整体绩效目标", (form.overall_goal, 5))
    layout.indicator_block(grid, style, form.indicators, columns, lead="年度绩效指标")
    form.table = grid.build()
    form.header = {"title": title, "year": ctx.year, "unit_name": unit, "money_unit": style.money_unit}
    return form


def _side_cells(style: Style, line: FundsLine, total: FundsLine) -> tuple[str, str, str]:
    """One side's label, 金额 and 占比 (blank, or the style's filler, where no amount is printed)."""
    if line.budget is None or total.budget is None:
        return line.label, style.filler, style.filler
    return line.label, style.money(line.budget), arith.pct_text(arith.rate_of(line.budget, total.budget))


def _project_target(rng: random.Random, style: Style, ctx: Context, family: str, title: str, level1: dict[str, int],
                    op_column: bool) -> Form:
    project, dept, unit = names(rng, ctx)
    form = Form(family, "project_target", title, lines=[f"单位：{style.money_unit}"])
    _, budget, _ = arith.draw_budget(rng, style)
    fiscal, other = (budget, None) if rng.random() < 0.5 else arith.split_amount(budget, rng.uniform(0.6, 0.95))
    form.funds = [FundsLine("total", "年度资金总额", budget=budget),
                  FundsLine("fiscal", "其中：财政拨款", budget=fiscal),
                  FundsLine("other", "其他资金", budget=other)]
    form.overall_goal = rng.choice(pools.GOALS)
    pool = dict(pools.INDICATORS)
    if "效果指标" in level1:
        pool = {"产出指标": pools.INDICATORS["产出指标"],
                "效果指标": {**pools.INDICATORS["效益指标"], **pools.INDICATORS["满意度指标"]}}
    form.indicators = arith.draw_indicators(rng, style, pool, level1, ctx.year, scored=False, actuals=False)
    ctx.hook(form)
    columns = _target_columns(style, False) if op_column else layout.worded(style, [
        ("l1", "一级指标"), ("l2", "二级指标"), ("l3", "三级指标"), ("target", "指标值"),
        ("weight", style.wording.word("target_weight", "指标权重")),
    ], floor=5)
    grid = Grid([1.5] * (len(columns) + 1))
    start_table(form, style, grid)
    layout.pairs_row(grid, style, [("项目名称", project)])
    layout.pairs_row(grid, style, [("主管部门", dept), ("实施单位", unit)])
    n = grid.table.n_cols
    total_row, fiscal_row, other_row = form.funds
    grid.row((f"资金情况（{style.money_unit}）", 1, 3), ("年度资金总额：", n - 2), style.money(total_row.budget))
    grid.row(("其中：财政拨款", n - 2), style.money(fiscal_row.budget))
    grid.row(("其他资金", n - 2), style.money(other_row.budget) if other_row.budget is not None else "")
    grid.row("总体目标", (form.overall_goal, n - 1))
    layout.indicator_block(grid, style, form.indicators, columns, lead="绩效指标")
    form.table = grid.build()
    form.funds[0].label = "年度资金总额："
    if other is None:
        form.funds[2] = FundsLine("other", "其他资金")
    project_header(form, project, dept, unit, style, ctx.year)
    return form


def chongqing_project_target(rng: random.Random, style: Style, ctx: Context) -> Form:
    """Chongqing 特定目标类项目绩效目标表: 产出指标 and 效果指标, 指标性质 column, weights 100."""
    return _project_target(rng, style, ctx, "chongqing_project_target", f"{ctx.year}年特定目标类项目绩效目标表",
                           {"产出指标": 60, "效果指标": 40}, True)


def national_project_target(rng: random.Random, style: Style, ctx: Context) -> Form:
    """National 项目支出绩效目标表: weights add to 90 (10 kept for the later execution rate)."""
    return _project_target(rng, style, ctx, "national_project_target", f"{ctx.year}年度项目支出绩效目标表",
                           {"产出指标": 50, "效益指标": 30, "满意度指标": 10}, style.op_column)
