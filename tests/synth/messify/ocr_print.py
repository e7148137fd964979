"""A document-sharing site's OCR of a Chongqing 部门整体绩效自评表 (dev 42's print, made a family).

Two things the OCR does to this template, each drawn per document:

- ``slip_labels``: a label's 门 read as the Latin ``n`` it looks like (``主管部n``, ``部n联系人``),
  each label cell holding 门 at a rate of 0.3–1.0.  The gold keeps every value: the label still
  names its field.
- ``interleave_goals``: the three goal columns (年初 / 全年（调整） / 实际完成情况) read line by
  line across the page, each column's text cut into lines of 10–18 characters and the lines of the
  columns printed in turn.  No goal text can be told apart any more, so the gold loses ``goals``.

Only the template that prints three goal columns is touched (``全年目标实际完成情况``), so the other
families' documents stay as they were.
"""

from __future__ import annotations

import random

from tests.synth.messify.base import Sheet

GOALS_HEAD = "全年目标实际完成情况"
SLIP = ("门", "n")


def ocr_print(sheet: Sheet, rng: random.Random) -> None:
    """Apply this print to every Chongqing department table of ``sheet`` (in place, gold too)."""
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        rows = part.rows
        head = next((r for r, row in enumerate(rows) if any(c.strip() == GOALS_HEAD for c in row)), None)
        if head is None:
            continue
        rate = rng.uniform(0.3, 1.0)
        slip_labels(rows[:head], rng, rate)
        if rng.random() < 0.7 and head + 1 < len(rows):
            interleave_goals(rows, head + 1, rng)
            sheet.forms[part.form].pop("goals", None)


def slip_labels(rows: list[list[str]], rng: random.Random, rate: float) -> None:
    """Label cells (no digits, at most 8 characters) with 门 in them print ``n`` for it at ``rate``."""
    for row in rows:
        for c, text in enumerate(row):
            if SLIP[0] in text and len(text) <= 8 and not any(ch.isdigit() for ch in text) and rng.random() < rate:
                row[c] = text.replace(*SLIP)


def interleave_goals(rows: list[list[str]], r: int, rng: random.Random) -> None:
    """Row ``r``'s text cells cut into lines of one width and printed line by line across them."""
    texts = [t for t in rows[r] if t.strip()]
    width = rng.randint(10, 18)
    lines = [[t[i:i + width] for i in range(0, len(t), width)] for t in texts]
    out: list[str] = []
    for k in range(max(len(x) for x in lines)):
        out += [x[k] for x in lines if k < len(x)]
    rows[r] = ["".join(out)] + [""] * (len(rows[r]) - 1)
