"""The Hubei funds block as a PDF column print scatters it (``levels_after_stream``).

Seen (lead, invented example): the template with no 年初预算数 and no 分值 column (``预算数(A) 执行数(B)
执行率(B/A) 得分(20分*执行率)``) whose text layer prints the total row's label among the header words,
each wrapped into pieces: ``预算执行 情况(万元)(20分) 年度财政 资金总额 预算数 (A) 执行数(B) 执行率(B/A)
得分 (20分*执行率) 285.84 285.84 100% 20``.  Drawn per document (probability 0.5), on the tables whose
funds header prints 执行数(B).

Gold: 年初预算数 and 分值 leave with their columns (the points stay in the header's rule, which has
no field); budget, executed, rate and score keep their values.
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.synth.messify.base import Rows, Sheet

_DROP = re.compile(r"^(年初预算数|分值)$")
_END = re.compile(r"^(年度总体目标|绩效指标)")


def _wrap(text: str, rng: random.Random) -> str:
    """A long word printed in two pieces (``年度财政 资金总额``); short words stay whole."""
    if len(text) < 5 or rng.random() < 0.3:
        return text
    cut = rng.randint(2, len(text) - 2)
    return f"{text[:cut]} {text[cut:]}"


def _scatter(rows: Rows, funds: list[dict[str, Any]], rng: random.Random) -> bool:
    head = next((k for k, row in enumerate(rows) if any(t.replace(" ", "") == "执行数(B)" for t in row)), None)
    if head is None:
        return False
    end = next((k for k in range(head + 1, len(rows)) if any(_END.match(t.replace(" ", "")) for t in rows[k])),
               len(rows))
    drop = [j for j, t in enumerate(rows[head]) if _DROP.match(t.replace(" ", ""))]
    total = next((k for k in range(head + 1, end)
                  if any(t.replace(" ", "") == "年度财政资金总额" for t in rows[k])), None)
    if not drop or total is None:
        return False
    for k in range(head, end):
        rows[k][:] = [t for j, t in enumerate(rows[k]) if j not in drop]
    label_at = next(j for j, t in enumerate(rows[total]) if t.replace(" ", "") == "年度财政资金总额")
    label = rows[total][label_at]
    rows[total][label_at] = ""
    first = next((j for j, t in enumerate(rows[head]) if t.strip()), 0)
    words = [_wrap(t.replace(" ", ""), rng) if j > first and t.strip() else t for j, t in enumerate(rows[head])]
    rows[head][:] = [*words[:first + 1], _wrap(label, rng), *words[first + 1:]]
    for row in funds:
        row.pop("initial_budget", None)
        row.pop("weight", None)
    return True


def stream_funds(sheet: Sheet, rng: random.Random) -> None:
    """Each project self-evaluation's funds block scattered (in place), in half the documents."""
    if rng.random() >= 0.5:
        return
    for part, form in sheet.tables_of("project_self_eval"):
        assert part.rows is not None
        _scatter(part.rows, form.get("funds") or [], rng)
