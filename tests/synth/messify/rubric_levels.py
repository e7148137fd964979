"""A project self-evaluation's 一级 column in a rubric's words (项目产出 / 项目效益).

Rubric-style county templates head their indicator groups with the evaluation framework's
names — 项目决策, 项目管理, 项目产出, 项目效益 — instead of 产出指标 / 效益指标.  Run together, the
reader must know them to cut the group word from the first row's 二级 word and name.

The gold's level1 follows the print; nothing else changes.
"""

from __future__ import annotations

import random
from typing import Any

from tests.synth.messify.base import Sheet

RUBRIC = {"产出指标": "项目产出", "效益指标": "项目效益", "效果指标": "项目效益"}


def rubric_levels(sheet: Sheet, rng: random.Random) -> None:
    """Each project self-evaluation's 一级 cells reworded (in place) with probability 0.7; the
    gold's level1 follows."""
    for part, form in sheet.tables_of("project_self_eval"):
        assert part.rows is not None and part.form is not None
        if rng.random() >= 0.7:
            continue
        for row in part.rows:
            for c, text in enumerate(row):
                word = text.replace(" ", "")
                head = next((k for k in RUBRIC if word == k or (word.startswith(k) and word[len(k)] in "（(")), None)
                if head is not None:
                    row[c] = RUBRIC[head] + word[len(head):]  # 产出指标（40分） → 项目产出（40分）
        _relevel(form)


def _relevel(form: dict[str, Any]) -> None:
    for ind in form.get("indicators") or []:
        if ind.get("level1") in RUBRIC:
            ind["level1"] = RUBRIC[ind["level1"]]
    for group in form.get("groups") or []:
        if group.get("level") == 1 and group.get("name") in RUBRIC:
            group["name"] = RUBRIC[group["name"]]
