"""Qualitative cells that open with a level word: ``效果明显``, ``质量合格``, ``满意度较高``.

Forms fill qualitative targets and actuals with short verdicts, and many of them open with the
word of a 一级 or 二级 heading: ``效果明显`` (效果 is a 一级 word on some templates), ``质量合格``,
``成本可控``, ``时效达标``, ``满意度较高``, and the stock actual ``达成预期指标`` ends with 指标.
A reader that takes any cell opening with a level word (plus a couple of characters) for a
heading cuts the row there: the verdict becomes a 一级 cell and the next cell a name.

``with_level_values(shape)`` prints ``shape`` after replacing, in half the documents, the
qualitative target and actual cells of the indicator rows (found by the row's name cell) with
such verdicts; the gold's ``text`` follows the print.  Its draws come from a generator of their
own, so ``shape``'s draws, and every other document of the shape, stay as they were.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from tests.synth.messify.base import Sheet

TARGET_VERDICTS = ("效果明显", "质量合格", "效益显著", "成本可控", "时效达标", "数量达标", "满意度高")
ACTUAL_VERDICTS = ("达成预期指标", "效果明显", "质量达标", "满意度较高", "完成年度指标", "效益明显")

Shape = Callable[[Sheet, random.Random], str]


def with_level_values(shape: Shape) -> Shape:
    """``shape`` printed after ``level_values`` (own generator, seeded from ``rng``'s state)."""

    def printed(sheet: Sheet, rng: random.Random) -> str:
        level_values(sheet, random.Random(f"{rng.getstate()}:level_values"))
        return shape(sheet, rng)

    return printed


def level_values(sheet: Sheet, rng: random.Random) -> None:
    """In half the documents, each qualitative target or actual cell (in place) replaced with a
    verdict that opens with a level word, with probability 0.6; the gold follows."""
    if rng.random() >= 0.5:
        return
    for part in sheet.tables():
        assert part.rows is not None
        if part.form is None:
            continue
        gold: list[dict[str, Any]] = list(sheet.forms[part.form].get("indicators") or [])
        for row in part.rows:
            ind = next((i for i in gold if str(i.get("name", "")).strip() in {t.strip() for t in row if t.strip()}),
                       None)
            if ind is None:
                continue
            gold.remove(ind)  # each gold row once
            _replace(row, ind, rng)


def _replace(row: list[str], ind: dict[str, Any], rng: random.Random) -> None:
    """The row's qualitative target and actual cells replaced (each with probability 0.6).  A
    text printed in two cells is the target's in the first, the actual's in the second (the
    templates print the target column first)."""
    taken: set[int] = set()
    for field, verdicts in (("target", TARGET_VERDICTS), ("actual", ACTUAL_VERDICTS)):
        measure = ind.get(field)
        if not isinstance(measure, dict) or measure.get("operator") != "qualitative":
            continue
        text = str(measure.get("text", "")).strip()
        cells = [c for c, t in enumerate(row) if text and t.strip() == text and c not in taken]
        if not cells:
            return  # not printed as its own cell: leave the row
        taken.add(cells[0])
        if rng.random() < 0.6:
            verdict = rng.choice(verdicts)
            row[cells[0]] = verdict
            ind[field] = {**measure, "text": verdict}
