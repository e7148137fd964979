"""A rubric self-evaluation printed with a review column (``项目 权重 评价内容 分值 自评分 复核分 评价标准及依据``).

Some county templates print the whole indicator table as a scoring rubric with no 二级 or
target/actual columns: each row is the 一级 word with its points run into it (``项目决策10分``,
no brackets), the item evaluated, its 分值, the 自评分, a 复核分 the reviewer fills in (blank
in most reprints) and the 评价标准 sentence, which holds its own figures and numbered items
(``有项目年度工作计划计2分,没有不得分。`` / ``1、单位财务管理制度1分;2、项目管理制度1分。``).
The self-evaluation's total prints as a line of its own (``自评总分:98``) above the table.

The gold follows the print: every row an indicator with its 一级 word, name, weight and the
SELF score (the review score is the reviewer's, not the form's); no 二级, target or actual (the
layout prints none); the 一级 groups with their printed points; totals the printed self total.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

REVIEW_HEADER = ("项目", "权重", "评价内容", "分值", "自评分", "复核分", "评价标准及依据")
_TOTAL_WORDS = ("自评总分:", "自评总分：", "自评得分:")
# how a criterion sentence is worded (invented): {w} the weight, {a}/{b} a split of it
_SENTENCES = (
    "{name}符合要求的计{w}分,没有不得分。",
    "{name}达到要求得{w}分,每发现一处问题扣1分,扣完为止。",
    "1、制度健全{a}分;2、执行有效{b}分。",
    "1、按规定执行{a}分;2、资料完整{b}分,否则酌情扣分。",
    "完成年度目标的得{w}分,每降低10%扣1分。",
)

Entry = tuple[str, str, Decimal, Decimal]  # 一级, name, weight, self score


def review_table(entries: list[Entry], rng: random.Random) -> tuple[list[list[str]], list[dict[str, Any]]]:
    """The rows (a total line, the header, one row per entry) and the 一级 groups of ``entries``."""
    points: dict[str, Decimal] = {}
    for level1, _, weight, _ in entries:
        points[level1] = points.get(level1, Decimal(0)) + weight
    reviewed = rng.random() < 0.3
    total = sum((e[3] for e in entries), Decimal(0))
    rows: list[list[str]] = [[f"{rng.choice(_TOTAL_WORDS)}{total}"], list(REVIEW_HEADER)]
    last = ""
    for level1, name, weight, score in entries:
        first = level1 != last
        last = level1
        rows.append([level1 if first else "", f"{points[level1]}分" if first else "", name, str(weight),
                     str(score), str(score) if reviewed else "", _sentence(name, weight, rng)])
    groups = [{"level": 1, "name": k, "stated_weight": str(v)} for k, v in points.items()]
    return rows, groups


def _sentence(name: str, weight: Decimal, rng: random.Random) -> str:
    a = max(Decimal(1), (weight / 2).quantize(Decimal(1)))
    return rng.choice(_SENTENCES).format(name=name, w=weight, a=a, b=weight - a)


def review_gold(form: dict[str, Any], entries: list[Entry], groups: list[dict[str, Any]]) -> None:
    """The form's gold as the review table prints it (in place)."""
    form["indicators"] = [{"level1": l1, "name": name, "weight": str(w), "score": str(s)}
                          for l1, name, w, s in entries]
    form["groups"] = groups
    form["totals"] = {"score": str(sum((e[3] for e in entries), Decimal(0)))}
