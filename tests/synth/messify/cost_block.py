"""A project target form printing its budget's cost composition (项目预算成本构成) before the goal.

Some templates of 项目支出绩效目标表 put a small table between the funds and the goal: ``项目预算成本构成
| 成本构成 | 金额 | 测算(公式)依据 | 前两年实际执行数`` with a few cost items and a closing ``合计`` row,
and head the indicator table's target column ``当年预期实现值``.  Run together, the block's figures
and its 合计 stand where a reader looks for funds, a goal or a total.

The block has no field in the schema: the gold is unchanged (the target column's values are the
same); only the reader must not take its amounts, words or 合计 for anything.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from tests.synth.messify.base import Sheet

ITEMS = ("设备购置费", "人员劳务费", "宣传印刷费", "工程建设费", "培训费", "差旅费", "材料费", "运行维护费")
BASES = ("按采购计划测算", "单价×数量", "参照上年标准", "按合同金额", "人数×标准×月数", "按实际工作量测算")
GOAL_WORDS = ("总体目标", "年度绩效目标", "绩效目标")


def cost_block(sheet: Sheet, rng: random.Random) -> None:
    """Each project target form's rows get the cost block before the goal row (in place); in half
    of them the target column is headed 当年预期实现值."""
    for part, form in sheet.tables_of("project_target"):
        assert part.rows is not None
        rows = part.rows
        goal = next((r for r, row in enumerate(rows) if row and row[0].replace(" ", "") in GOAL_WORDS), None)
        if goal is None:
            continue
        width = max(len(row) for row in rows)
        block = _block(form, rng)
        rows[goal:goal] = [row + [""] * (width - len(row)) for row in block]
        if rng.random() < 0.5:
            for row in rows:
                if any(t.replace(" ", "") == "三级指标" for t in row):
                    row[:] = ["当年预期实现值" if t.replace(" ", "") in ("指标值", "年度指标值") else t for t in row]


def _block(form: dict[str, Any], rng: random.Random) -> list[list[str]]:
    """The block's rows: header, 2–4 cost items whose amounts add up to the budget, 合计."""
    total = next((Decimal(str(r["budget"])) for r in form.get("funds") or []
                  if r.get("role") == "total" and r.get("budget")), None)
    if total is None or total <= 0:
        total = Decimal(rng.randint(1000, 90000)) / 100
    n = rng.randint(2, 4)
    cents = int(total * 100)
    cuts = sorted(rng.sample(range(1, cents), n - 1)) if cents > n else []
    parts = [Decimal(b - a) / 100 for a, b in zip([0, *cuts], [*cuts, cents], strict=False)]
    prior = rng.random() < 0.5
    years = _prior_years(form, random.Random(f"{rng.getstate()}:years")) if prior else []
    head = ["项目预算成本构成", "成本构成", "金额", "测算(公式)依据"]
    head += years or (["前两年实际执行数"] if prior else [])
    out = [head]
    for item, amount in zip(rng.sample(ITEMS, len(parts)), parts, strict=False):
        row = ["", item, f"{amount:.2f}", rng.choice(BASES)]
        if prior:
            row.append(f"{amount * Decimal(rng.randint(80, 110)) / 100:.2f}")
            row += [f"{amount * Decimal(90 + k) / 100:.2f}" for k in range(len(years) - 1)]
        out.append(row)
    out.append(["", "合计", f"{total:.2f}", ""] + [""] * len(head[4:]))
    return out


def _prior_years(form: dict[str, Any], rng: random.Random) -> list[str]:
    """Half the blocks print the two prior years' columns by name (``2020年实际执行数``
    ``2021年实际执行数``, a download site's copy) instead of one 前两年 column; drawn from a
    generator of its own, so no other draw moves."""
    year = (form.get("header") or {}).get("year")
    if not isinstance(year, int) or rng.random() < 0.5:
        return []
    return [f"{year - 2}年实际执行数", f"{year - 1}年实际执行数"]
