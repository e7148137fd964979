"""Score sheets: 部门整体支出绩效评价评分表 and 项目支出绩效评价指标体系及评分表.

Items carry a weight, a 评分标准 and a self-assigned score (full, or less with a 扣分 note);
weights add to 100 and the printed 合计 is the sum of the scores.  A sheet prints its figures in
one of ``SHEET_VARIANTS`` (a 序号 column, points only in the labels, a blank template).  The project sheet's gold is
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

# how a sheet prints its figures: every variant issue 19 met in real sheets
#   standard      分值 | 评分标准 | 自评得分 | 扣分原因
#   serial        a 序号 column first (never a weight)
#   label_points  no 分值 column: each item's points inside its label (立项依据充分性（5分）)
#   blank         a template: points only in the labels, 得分 column empty, no 合计 (weights, no scores)
SHEET_VARIANTS = ("standard", "serial", "label_points", "blank")


def _sheet(rng: random.Random, style: Style, ctx: Context, family: str, schema: str, title: str,
           rubric: list[tuple[str, str, list[str]]]) -> Form:
    form = Form(family, schema, title)
    variant = rng.choice(SHEET_VARIANTS)
    entries = [(l1, l2, name) for l1, l2, names in rubric for name in names]
    weights = arith.split_weight(rng, 100, len(entries), least=2)
    for (l1, l2, name), w in zip(entries, weights, strict=True):
        weight = Decimal(w)
        if rng.random() < 0.25 and w >= 2:
            score: Decimal | None = weight - Decimal(rng.choice(("0.5", "1", "1.5")))
            note = rng.choice(pools.DEDUCTIONS)
        else:
            score, note = weight, ""
        if variant == "blank":
            score, note = None, ""
        form.items.append(ScoreItem(l1, l2, name, weight, rng.choice(pools.CRITERIA), score, note))
    sums: dict[str, Decimal] = {}
    for item in form.items:
        sums[item.level1] = sums.get(item.level1, Decimal(0)) + item.weight
    form.groups = [Group(1, name, w) for name, w in sums.items()] if style.group_points else []
    weight_column = variant in ("standard", "serial")
    form.total_weight = Decimal(100) if weight_column else None
    form.total_score = arith.scored_total(form) if variant != "blank" else None
    ctx.hook(form)
    serial = variant == "serial"
    word = style.wording.word
    heads = ["一级指标", "二级指标", "三级指标", *([word("sheet_weight", "分值")] if weight_column else []),
             word("sheet_criteria", "评分标准"), word("sheet_score", "自评得分"),
             *([word("sheet_note", "扣分原因")] if variant != "blank" else [])]
    widths = [1.6, 1.6, 2.0, *([1.0] if weight_column else []), 4.5, 1.2, *([2.2] if variant != "blank" else [])]
    grid = Grid([0.6, *widths] if serial else widths)
    start_table(form, style, grid)
    grid.row(*[style.label(h) for h in (["序号", *heads] if serial else heads)])
    runs1 = layout.runs([i.level1 for i in form.items])
    runs2 = layout.runs([(i.level1, i.level2) for i in form.items])
    points = {g.name: plain(g.stated_weight) for g in form.groups}
    for k, item in enumerate(form.items):
        cells: list[str | tuple[str, int] | tuple[str, int, int]] = [str(k + 1)] if serial else []
        for runs, text in ((runs1, item.level1 + (f"（{points[item.level1]}分）" if item.level1 in points else "")),
                           (runs2, item.level2)):
            if style.repeat_merged:
                cells.append(text)
            elif k in runs:
                cells.append((text, 1, runs[k]))
        cells.append(item.name if weight_column else f"{item.name}（{plain(item.weight)}分）")
        if weight_column:
            cells.append(plain(item.weight))
        cells += [item.criteria, plain(item.score) if item.score is not None else ""]
        if variant != "blank":
            cells.append(item.note)
        grid.row(*cells)
    if variant != "blank":
        lead = 4 if serial else 3
        grid.row(("合计", lead), *([plain(form.total_weight)] if form.total_weight is not None else []), "",
                 plain(form.total_score) if form.total_score is not None else "", "")
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
