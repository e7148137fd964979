"""Score sheets: 部门整体支出绩效评价评分表 and 项目支出绩效评价指标体系及评分表.

Items carry a weight, a 评分标准 and a self-assigned score (full, or less with a 扣分 note);
weights add to 100 and the printed 合计 is the sum of the scores.  The project sheet's gold is
written as ``project_score_sheet`` (the form type issue 19 adds); until the schemas know that
type the corpus leaves the family out (``corpus.available_families``).
"""

from __future__ import annotations

import random
from decimal import Decimal

from tests.synth import arith, layout, pools
from tests.synth.common import Context, start_table
from tests.synth.model import Form, Grid, Group, ScoreItem, plain
from tests.synth.style import Style


def _sheet(rng: random.Random, style: Style, ctx: Context, family: str, schema: str, title: str,
           rubric: list[tuple[str, str, list[str]]]) -> Form:
    form = Form(family, schema, title)
    entries = [(l1, l2, name) for l1, l2, names in rubric for name in names]
    weights = arith.split_weight(rng, 100, len(entries), least=2)
    for (l1, l2, name), w in zip(entries, weights):
        weight = Decimal(w)
        if rng.random() < 0.25 and w >= 2:
            score = weight - Decimal(rng.choice(("0.5", "1", "1.5")))
            note = rng.choice(pools.DEDUCTIONS)
        else:
            score, note = weight, ""
        form.items.append(ScoreItem(l1, l2, name, weight, rng.choice(pools.CRITERIA), score, note))
    sums: dict[str, Decimal] = {}
    for item in form.items:
        sums[item.level1] = sums.get(item.level1, Decimal(0)) + item.weight
    form.groups = [Group(1, name, w) for name, w in sums.items()] if style.group_points else []
    form.total_weight = Decimal(100)
    form.total_score = arith.scored_total(form)
    ctx.hook(form)
    grid = Grid([1.6, 1.6, 2.0, 1.0, 4.5, 1.2, 2.2])
    start_table(form, style, grid)
    grid.row(*[style.label(h) for h in ("一级指标", "二级指标", "三级指标", "分值", "评分标准", "自评得分", "扣分原因")])
    runs1 = layout.runs([i.level1 for i in form.items])
    runs2 = layout.runs([(i.level1, i.level2) for i in form.items])
    points = {g.name: plain(g.stated_weight) for g in form.groups}
    for k, item in enumerate(form.items):
        cells: list[str | tuple[str, int] | tuple[str, int, int]] = []
        for runs, text in ((runs1, item.level1 + (f"（{points[item.level1]}分）" if item.level1 in points else "")),
                           (runs2, item.level2)):
            if style.repeat_merged:
                cells.append(text)
            elif k in runs:
                cells.append((text, 1, runs[k]))
        cells += [item.name, plain(item.weight), item.criteria, plain(item.score) if item.score is not None else "",
                  item.note]
        grid.row(*cells)
    grid.row(("合计", 3), plain(form.total_weight), "", plain(form.total_score), "")
    form.table, form.wide = grid.build(), True
    form.header = {"title": title, "year": ctx.year if str(ctx.year) in title else None}
    return form


def dept_score_sheet(rng: random.Random, style: Style, ctx: Context) -> Form:
    unit = ctx.place + ctx.department
    title = rng.choice((f"{unit}{ctx.year}年度部门整体支出绩效评价评分表", f"{unit}部门整体绩效自评打分表"))
    return _sheet(rng, style, ctx, "dept_score_sheet", "dept_score_sheet", title, pools.SCORE_SHEET_DEPT)


def project_score_sheet(rng: random.Random, style: Style, ctx: Context) -> Form:
    title = f"{rng.choice(pools.PROJECTS)}绩效评价指标体系及评分表"
    return _sheet(rng, style, ctx, "project_score_sheet", "project_score_sheet", title, pools.SCORE_SHEET_PROJECT)
