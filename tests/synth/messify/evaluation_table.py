"""A target form's indicator table in the words of a 绩效评价指标表 (Hebei 宁晋, dev sample 15).

That template heads its indicators ``评价指标 | 评价内容 | 指标名称 | 指标说明 | 目标值 | 分值 | 备注``:
the 一级/二级/三级 columns renamed, a 指标说明 column between the name and its target holding a
stock phrase (``达到预计值``, ``达到目标值``) or nothing, and an empty 备注 column at the end.
Run together (``产出数量指标享受资助人数达到预计值210010``) the phrase is the only thing between a
name and its figures, so a reader must know the column to cut the name.

The template also prints a lower bound after its figure (``95%以上`` for ``≥95%``) and, in half
the documents, nothing between the title and the indicator header (no labels, funds or goal).

The gold follows the print: 指标说明 and 备注 have no field, and the phrases come from a closed list
(the name/说明 boundary is certain, as sample 15's gold states), so every name, target and weight
keeps its value; a target printed ``95%以上`` keeps operator ≥ with that text; a form printing no
labels loses its header fields but the title and year, its funds and its goal.
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.synth.messify.base import Sheet, forget_findings

HEADER_WORDS = {"一级指标": "评价指标", "二级指标": "评价内容", "三级指标": "指标名称", "指标值": "目标值",
                "年度指标值": "目标值", "指标权重": "分值", "权重": "分值"}  # fmt: skip
# what the template prints in 指标说明: a stock phrase, or nothing
EXPLAIN_PHRASES = ("达到预计值", "达到目标值", "达到预期值")


_AT_LEAST = re.compile(r"^[≥≧](\d+(?:\.\d+)?\D*)$")  # ≥95% → 95%以上


def evaluation_table(sheet: Sheet, rng: random.Random) -> None:
    """Each project target form's indicator header and rows reprinted in the 评价指标表 template
    (in place): header words renamed, a 指标说明 cell after the name (a phrase with probability
    0.6), a lower bound printed ``95%以上`` (probability 0.5), an empty 备注 cell closing every row
    from the header down; half the forms print nothing between title and indicator header."""
    for part, form in sheet.tables_of("project_target"):
        assert part.rows is not None
        rows = part.rows
        head = next((r for r, row in enumerate(rows) if any(t.replace(" ", "") == "三级指标" for t in row)), None)
        if head is None:
            continue
        name_col = next(c for c, t in enumerate(rows[head]) if t.replace(" ", "") == "三级指标")
        target_col = next((c for c, t in enumerate(rows[head]) if t.replace(" ", "") in ("指标值", "年度指标值")), None)
        for r in range(head, len(rows)):
            row = rows[r]
            if r == head:
                row[:] = [HEADER_WORDS.get(t.replace(" ", ""), t) for t in row]
                explain = "指标说明"
            else:
                if not row[name_col].strip():
                    continue  # a row without a name (a merged cell's lower part): no 说明 either
                explain = rng.choice(EXPLAIN_PHRASES) if rng.random() < 0.6 else ""
                if target_col is not None and (m := _AT_LEAST.match(row[target_col])) and rng.random() < 0.5:
                    row[target_col] = _lower_bound(form, row[name_col], m.group(1))
            row[:] = [*row[:name_col + 1], explain, *row[name_col + 1:], "备注" if r == head else ""]
        width = max(len(row) for row in rows)
        for row in rows:
            row.extend([""] * (width - len(row)))
        if head > 1 and rng.random() < 0.5 and _titled(rows[0], form):
            del rows[1:head]
            _indicators_only(form)
            forget_findings(sheet, part.form)


def _lower_bound(form: dict[str, Any], name_cell: str, figure: str) -> str:
    """``95%以上`` printed for ``≥95%``; the gold target's text follows the print."""
    text = f"{figure}以上"
    name = name_cell.replace(" ", "")
    for ind in form.get("indicators") or []:
        target = ind.get("target")
        at_least = isinstance(target, dict) and target.get("operator") == "≥"
        if ind.get("name") and name.endswith(ind["name"]) and at_least:
            target["text"] = text
    return text


def _titled(row: list[str], form: dict[str, Any]) -> bool:
    """The first row prints the form's title, and its year where the gold has one."""
    header = form.get("header") or {}
    first = "".join(row).replace(" ", "")
    return bool(header.get("title")) and header["title"] in first and str(header.get("year", "")) in first


def _indicators_only(form: dict[str, Any]) -> None:
    """The gold of a form printing its title and indicator table only."""
    header = form.get("header") or {}
    form["header"] = {k: v for k, v in header.items() if k in ("title", "year")}
    for key in ("funds", "overall_goal", "goals"):
        form.pop(key, None)
