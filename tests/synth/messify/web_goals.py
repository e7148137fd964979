"""A self-evaluation's goals as numbered items, one paragraph each (sample 45).

A page built from Word pastes the 预期目标 / 实际完成情况 cells as numbered paragraphs (``目标1:造林
1.2万亩,`` / ``目标2森林经营16.3万亩`` / …), so the copied table prints every item as a cell line of
its own, the expected goal's items and then the actual's.  The gold follows the print: each goal
is its items joined (the numbering is part of the text).
"""

from __future__ import annotations

import random
from typing import Any

from eval.textnorm import gold_text
from tests.synth.messify.base import Rows

_MARKS = ("目标{n}:", "目标{n}：", "{n}、", "（{n}）", "{n}.")


def _items(text: str, mark: str) -> list[str] | None:
    """``text`` cut after its commas into two or three numbered items; None for a single clause."""
    clauses = [c for c in text.replace("，", "，\n").split("\n") if c]
    if len(clauses) < 2:
        return None
    n = min(3, len(clauses))
    size = -(-len(clauses) // n)
    groups = ["".join(clauses[k:k + size]) for k in range(0, len(clauses), size)]
    return [mark.format(n=k + 1) + g for k, g in enumerate(groups)]


def number_goals(rows: Rows, form: dict[str, Any], rng: random.Random) -> dict[str, list[str]]:
    """The items to print for each of ``form``'s two goal cells (see the module docstring), its
    gold made to follow them; empty where the form has no expected and actual goal printed side
    by side on one row.  The rows stay as they are: the printer swaps a cell for its items."""
    goals = form.get("goals") or {}
    expected, actual = goals.get("expected"), goals.get("actual")
    if expected is None or actual is None:
        return {}
    mark = rng.choice(_MARKS)
    for row in rows:
        texts = [t.strip() for t in row if t.strip()]
        if len(texts) != 2 or gold_text(texts[0]) != expected or gold_text(texts[1]) != actual:
            continue
        exp_items, act_items = _items(texts[0], mark), _items(texts[1], mark)
        if exp_items is None or act_items is None:
            return {}
        goals["expected"], goals["actual"] = gold_text("".join(exp_items)), gold_text("".join(act_items))
        return {texts[0]: exp_items, texts[1]: act_items}
    return {}
