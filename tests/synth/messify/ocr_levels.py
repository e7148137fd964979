"""The 一级 column of an indicator table OCR'd out of order (dev sample 20: ``出标产指`` for 产出指标).

A scan's merged 一级 cells are tall and narrow; OCR reads them column by column and prints their
characters in another order (``益标效指``), the header's 一级指标 cell with them.  The other
columns read fine, so the table's header starts at 二级指标 as far as any reader can tell.

The gold follows: no 一级 value can be read from a scrambled cell, so every indicator of the form
loses its level1 and the form its level-1 groups (their stated points sat in those cells); the
rest of each row is unchanged.
"""

from __future__ import annotations

import random
from typing import Any

from tests.synth.messify.base import Sheet

LEVEL1_HEADERS = ("一级指标", "指标类型")


def garble_levels(sheet: Sheet, rng: random.Random) -> None:
    """Every indicator table's 一级 column (header cell included) printed with its characters
    shuffled, in place; the gold loses the level1 values and level-1 groups of those forms."""
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        rows = part.rows
        found = next(((r, c) for r, row in enumerate(rows) for c, t in enumerate(row)
                      if t.replace(" ", "") in LEVEL1_HEADERS), None)
        if found is None:
            continue
        head, col = found
        for row in rows[head:]:
            if col < len(row) and len(row[col].replace(" ", "")) >= 2:
                row[col] = _shuffled(row[col].replace(" ", ""), rng)
        _forget_level1(sheet.forms[part.form])


def _shuffled(text: str, rng: random.Random) -> str:
    """``text``'s characters in another order (never the original one)."""
    chars = list(text)
    for _ in range(8):
        rng.shuffle(chars)
        if "".join(chars) != text:
            break
    return "".join(chars)


def _forget_level1(form: dict[str, Any]) -> None:
    for ind in form.get("indicators") or []:
        ind.pop("level1", None)
    if "groups" in form:
        form["groups"] = [g for g in form["groups"] if g.get("level") != 1]
        if not form["groups"]:
            del form["groups"]
