"""Checkbox rows between a project self-evaluation's labels and its funds block.

Rubric-style county templates print the project's kind as numbered choices with a box after
one of them (``项目类别1、上级专项☑2、本级专项□`` ``项目属性1、持续性项目□2、新增性项目☑``,
sample 20 prints the same kind of row).  Run together, their ``1、`` ``2、`` look like a
document-sharing site's page markers.

The choices have no field in the schema: the gold is unchanged.
"""

from __future__ import annotations

import random

from tests.synth.messify.base import Sheet

CHOICES = (("项目类别", ("上级专项", "本级专项")), ("项目属性", ("持续性项目", "新增性项目")),
           ("项目类型", ("常年性项目", "延续性项目", "一次性项目")))
MARKS = (("☑", "□"), ("√", ""), ("■", "□"))


def checkbox_lines(sheet: Sheet, rng: random.Random) -> None:
    """A row of two or three choice labels inserted before the funds block of each project
    self-evaluation (in place)."""
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        if sheet.forms[part.form].get("schema_name") != "project_self_eval":
            continue
        rows = part.rows
        funds = next((r for r, row in enumerate(rows) if r > 0 and any("资金" in t and "万元" in t or "执行" in t
                                                                       for t in row)), None)
        if funds is None:
            continue
        on, off = rng.choice(MARKS)
        row: list[str] = []
        for label, options in rng.sample(CHOICES, rng.randint(2, 3)):
            chosen = rng.randrange(len(options))
            sep = rng.choice(("", " "))
            row += [label, sep.join(f"{k}、{o}{on if k - 1 == chosen else off}" for k, o in enumerate(options, 1))]
        width = max(len(r) for r in rows)
        rows.insert(funds, row + [""] * (width - len(row)))
