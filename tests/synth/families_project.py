"""Project self-evaluation families: national template, 分值-first (衔接资金), Sichuan, Hubei 20-point.

Each builder draws coherent content (``arith``) in the document's style and lays it out the
way that family prints it (``layout``).  DOMAIN.md's layout families 1–4 are the models.
"""

from __future__ import annotations

import random

from tests.synth import arith, layout, pools
from tests.synth.common import (
    Context,
    budget_total,
    carry_over,
    finish,
    group_points,
    names,
    project_header,
    start_table,
    title_of,
    totals_row,
    with_sources,
)
from tests.synth.model import Form, FundsLine, Grid
from tests.synth.style import Style


def national(rng: random.Random, style: Style, ctx: Context) -> Form:
    """National template: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, indicators 90."""
    project, dept, unit = names(rng, ctx)
    title, lines = title_of(rng, ctx, style.wording.word("project_title", "项目支出绩效自评表"), style)
    form = Form("national", "project_self_eval", title, lines=lines)
    total = budget_total(rng, style, "年度资金总额", 10)
    fiscal = style.wording.word("fiscal", "其中：当年财政拨款")
    sources = with_sources(rng, total, (fiscal, "其他资金"), ("fiscal", "other"), rng.random() < 0.3)
    form.funds = carry_over(style, sources)
    form.goals = (rng.choice(pools.GOALS), rng.choice(pools.RESULTS))
    shares = rng.choice(({"产出指标": 50, "效益指标": 30, "满意度指标": 10},
                         {"产出指标": 40, "效益指标": 40, "满意度指标": 10},
                         {"产出指标": 60, "效益指标": 20, "满意度指标": 10}))
    form.indicators = arith.draw_indicators(rng, style, pools.INDICATORS, shares, ctx.year, scored=True, actuals=True)
    finish(form, style, 100)
    ctx.hook(form)
    columns = [("l1", "一级指标"), ("l2", "二级指标"), ("l3", "三级指标"),
               *([("nature", style.op_word)] if style.op_column else []), ("target", "年度|指标值"),
               ("actual", "实际|完成值"), ("weight", "分值"), ("score", "得分"), ("reason", "偏差原因分析及改进措施")]
    columns = layout.worded(style, columns, floor=7)  # the funds block's width
    grid = Grid([1.4] + [1.6] * (len(columns) - 1) + [2.4])
    start_table(form, style, grid)
    layout.pairs_row(grid, style, [("项目名称", project)])
    layout.pairs_row(grid, style, [(style.wording.word("dept_label", "主管部门"), dept),
                                   (style.wording.word("unit_label", "实施单位"), unit)])
    fcols = layout.funds_columns(style, ["initial", "budget", "executed", "weight", "rate", "score"],
                                 {"initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数",
                                  "weight": "分值", "rate": "执行率", "score": "得分"})
    layout.funds_block(grid, style, style.caption("项目资金"), form.funds, fcols)
    layout.goals_block(grid, style, "年度总体目标", ("预期目标", "实际完成情况"), form.goals)
    layout.indicator_block(grid, style, form.indicators, columns, points=group_points(form), lead="绩效指标")
    totals_row(grid, form, columns, "总分", lead=True)
    form.table = grid.build()
    form.wide = True
    project_header(form, project, dept, unit, style, ctx.year)
    return form


def xianjie(rng: random.Random, style: Style, ctx: Context) -> Form:
    """衔接资金 / 扶贫 绩效目标自评表: no 年初预算数, 分值 before 年度指标值, ★ core indicators."""
    project, dept, unit = names(rng, ctx)
    title, lines = title_of(rng, ctx, "衔接资金项目绩效目标自评表", style)
    form = Form("xianjie", "project_self_eval", title, lines=lines)
    total = budget_total(rng, style, "年度资金总额：", 10)
    total.initial = None
    form.funds = carry_over(style, with_sources(rng, total, ("其中：本年财政拨款", "其他资金"), ("fiscal", "other"),
                                                False))
    for row in form.funds:
        row.initial = None
    form.goals = (rng.choice(pools.GOALS), rng.choice(pools.RESULTS))
    shares = rng.choice(({"产出指标": 50, "效益指标": 30, "满意度指标": 10},
                         {"产出指标": 70, "效益指标": 10, "满意度指标": 10}))
    form.indicators = arith.draw_indicators(rng, style, pools.INDICATORS, shares, ctx.year, scored=True, actuals=True)
    for row in form.indicators:
        if rng.random() < 0.3:
            row.name, row.core = "★" + row.name, True
    finish(form, style, 100)
    ctx.hook(form)
    columns = [("l1", "一级指标"), ("l2", "二级指标"), ("l3", "三级指标"), ("weight", "分值"), ("target", "年度指标值"),
               ("actual", "全年实际值"), ("score", "得分"), ("reason", "未完成原因及拟采取的改进措施")]
    columns = layout.worded(style, columns, floor=6)  # the funds block's width
    grid = Grid([1.4] * len(columns) + [2.0])
    start_table(form, style, grid)
    layout.pairs_row(grid, style, [("项目名称", project)])
    layout.pairs_row(grid, style, [(style.wording.word("dept_label", "主管部门"), dept),
                                   (style.wording.word("unit_label", "实施单位"), unit)])
    fcols = layout.funds_columns(style, ["budget", "executed", "weight", "rate", "score"],
                                 {"budget": "全年预算数(A)", "executed": "全年执行数(B)", "weight": "分值",
                                  "rate": "执行率(B/A)", "score": "得分"})
    layout.funds_block(grid, style, style.caption("资金情况"), form.funds, fcols)
    layout.goals_block(grid, style, "年度总体目标", ("年初设定目标", "年度总体目标完成情况综述"), form.goals)
    layout.indicator_block(grid, style, form.indicators, columns, points=group_points(form), lead="绩效指标")
    totals_row(grid, form, columns, "总分", lead=True)
    form.table = grid.build()
    form.wide = True
    project_header(form, project, dept, unit, style, ctx.year)
    return form


def sichuan(rng: random.Random, style: Style, ctx: Context) -> Form:
    """Sichuan 部门预算项目支出绩效自评表: 调整后预算数 / 预算执行率 / 权重, 指标性质 and 度量单位 columns."""
    project, dept, unit = names(rng, ctx)
    title = "部门预算项目支出绩效自评表"
    form = Form("sichuan", "project_self_eval", title, lines=[f"（{ctx.year}年度）"])
    total = budget_total(rng, style, "年度资金总额", 10)
    form.funds = with_sources(rng, total, ("其中：财政拨款", "财政专户管理资金"), ("fiscal", "special_account"), False)
    form.funds.append(FundsLine("unit_funds", "单位资金"))
    form.goals = (rng.choice(pools.GOALS), rng.choice(pools.RESULTS))
    shares = rng.choice(({"产出指标": 50, "效益指标": 30, "满意度指标": 10},
                         {"产出指标": 60, "效益指标": 20, "满意度指标": 10}))
    form.indicators = arith.draw_indicators(rng, style, pools.INDICATORS, shares, ctx.year, scored=True, actuals=True)
    finish(form, style, 100)
    ctx.hook(form)
    columns = [("l1", "一级指标"), ("l2", "二级指标"), ("l3", "三级指标"), ("nature", "年度指标值|指标性质"),
               ("target", "年度指标值|指标值"), ("unit", "年度指标值|度量单位"), ("actual", "实际完成值"),
               ("weight", "权重"), ("score", "得分"), ("reason", "原因")]
    columns = layout.worded(style, columns, floor=7)  # the funds block's width
    grid = Grid([1.3] * len(columns) + [1.6])
    start_table(form, style, grid)
    layout.pairs_row(grid, style, [("项目名称", project)])
    layout.pairs_row(grid, style, [(style.wording.word("dept_label", "主管部门"), dept),
                                   (style.wording.word("unit_label", "实施单位"), unit)])
    fcols = layout.funds_columns(style, ["initial", "budget", "executed", "rate", "weight", "score"],
                                 {"initial": "年初预算", "budget": "调整后预算数", "executed": "预算执行数",
                                  "rate": "预算执行率", "weight": "权重", "score": "得分"})
    layout.funds_block(grid, style, style.caption("项目资金"), form.funds, fcols)
    layout.goals_block(grid, style, "年度总体目标", ("预期目标", "实际完成目标"), form.goals)
    layout.indicator_block(grid, style, form.indicators, columns, points=group_points(form), lead="绩效指标")
    note = random.Random(f"{ctx.year}:{project}:note").choice(("", "", pools.TOTAL_NOTE))  # a stream of its own
    totals_row(grid, form, columns, "合计", lead=True, note=note)
    for label, text in (("评价结论", pools.CONCLUSIONS[0]), ("存在问题", pools.CONCLUSIONS[1]),
                        ("改进措施", pools.CONCLUSIONS[2])):
        grid.row(label, (text, grid.table.n_cols - 1))
    form.table = grid.build()
    form.wide = True
    project_header(form, project, dept, unit, style, ctx.year)
    return form


def hubei(rng: random.Random, style: Style, ctx: Context) -> Form:
    """Hubei 20-point form: budget execution worth 20, indicators 80, 年初目标值(A) / 实际完成值(B)."""
    project, dept, unit = names(rng, ctx)
    title, lines = title_of(rng, ctx, style.wording.word("project_title", "项目支出绩效自评表"), style)
    form = Form("hubei", "project_self_eval", title, lines=lines)
    total = budget_total(rng, style, "年度财政资金总额", 20)
    form.funds = with_sources(rng, total, ("其中：中央和省级资金", "市县级资金"), ("central_provincial", "county"),
                              False)
    form.goals = (rng.choice(pools.GOALS), rng.choice(pools.RESULTS))
    shares = rng.choice(({"产出指标": 40, "效益指标": 30, "满意度指标": 10},
                         {"产出指标": 50, "效益指标": 20, "满意度指标": 10}))
    form.indicators = arith.draw_indicators(rng, style, pools.INDICATORS, shares, ctx.year, scored=True, actuals=True)
    finish(form, style, 100)
    ctx.hook(form)
    # the reasons in one free-text row under the table instead of a column (a stream of its own)
    free_text = random.Random(f"{ctx.year}:{project}:reasons").random() < 0.4
    columns = [("l1", "一级指标"), ("l2", "二级指标"), ("l3", "三级指标"),
               *([("nature", style.op_word)] if style.op_column else []), ("target", "年初目标值(A)"),
               ("actual", "实际完成值(B)"), ("weight", "分值"), ("score", "得分"),
               *([] if free_text else [("reason", "未完成原因分析")])]
    if free_text:
        missed = [row for row in form.indicators if row.reason]
        form.deviation_note = ("；".join(f"{row.name}：{row.reason.rstrip('。')}" for row in missed) + "。"
                               if missed else "各项指标均已完成，无偏差。")
        for row in missed:
            row.reason = ""
    columns = layout.worded(style, columns, floor=7)  # the funds block's width
    grid = Grid([1.4] * len(columns) + [2.0])
    start_table(form, style, grid)
    layout.pairs_row(grid, style, [("项目名称", project)])
    layout.pairs_row(grid, style, [(style.wording.word("dept_label", "主管部门"), dept),
                                   (style.wording.word("unit_label", "实施单位"), unit)])
    fcols = layout.funds_columns(style, ["initial", "budget", "executed", "weight", "rate", "score"],
                                 {"initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数",
                                  "weight": "分值", "rate": "执行率", "score": "得分"})
    layout.funds_block(grid, style, style.caption("预算执行情况", "（20分）"), form.funds, fcols)
    layout.goals_block(grid, style, "年度总体目标", ("预期目标", "实际完成情况"), form.goals)
    layout.indicator_block(grid, style, form.indicators, columns, points=group_points(form), lead="绩效指标")
    totals_row(grid, form, columns, "总分", lead=True)
    if form.deviation_note:
        grid.row(style.label("偏差原因分析"), (form.deviation_note, grid.table.n_cols - 1))
    form.table = grid.build()
    form.wide = True
    project_header(form, project, dept, unit, style, ctx.year)
    return form
