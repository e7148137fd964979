"""A project target form in a 项目支出 declaration's words (项目库 exports of some provinces).

The header rows name the project 项目支出名称 and the department 预算部门; the funds block is one
row of this level's budget and the funds from above, each amount with 万 inside its cell
(``年度本级预算金额 | 250万 | 该项目支出上级资金 | 0``); a 项目支出实施期 row gives the term
(``2023.07-2024.01``); the goal is printed twice, the term's (实施期绩效目标) then the year's
(本年度绩效目标).

The gold follows the print: the project and department as before; the funds are the two printed
rows (本级 ``county``, 上级 ``central_provincial``, labels as printed, the amounts without 万);
the overall goal is the year's text.  The term has no field.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from tests.synth.messify.base import number_of

GOAL_LABELS = ("总体目标", "年度绩效目标", "绩效目标", "年度目标")
TERM_GOALS = ("项目实施期内完成全部建设内容，形成长效管护机制。", "通过项目实施，全面提升公共服务水平和群众满意度。",
              "实施期内资金全部拨付到位，项目建成并投入使用，发挥预期效益。")
OWN_LABELS = ("年度本级预算金额", "本级预算金额")
UPPER_LABELS = ("该项目支出上级资金", "上级资金")
DEPT_LABELS = ("主管部门", "项目主管部门")


def _wan(value: Decimal, unit: str) -> str:
    """An amount with its unit inside the cell: ``250万`` (万元 forms), ``2500元`` (元 forms);
    a zero printed bare."""
    if value == 0:
        return "0"
    text = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"
    return text + ("万" if unit == "万元" else "元")


def declaration(rows: list[list[str]], form: dict[str, Any], rng: random.Random) -> bool:
    """Reword ``form``'s rows (in place) as a 项目支出 declaration; False where its rows are not
    the plain project / department / funds / goal rows this needs (nothing changed then)."""
    funds = form.get("funds") or []
    labels = {f["label"] for f in funds}
    header = form.get("header") or {}
    body = [r for r, row in enumerate(rows) if any(t in labels for t in row)]
    name = next((r for r, row in enumerate(rows) if row and row[0].replace(" ", "") == "项目名称"), None)
    dept = next((r for r, row in enumerate(rows) if row and row[0].replace(" ", "") in DEPT_LABELS), None)
    goal = next((r for r, row in enumerate(rows) if row and row[0].replace(" ", "") in GOAL_LABELS
                 and sum(1 for t in row if t.strip()) == 2), None)
    total = number_of(next((f.get("budget") or "" for f in funds if f["role"] == "total"), ""))
    if (None in (name, dept, goal, total) or not body or body != list(range(body[0], body[0] + len(body)))
            or goal is None or goal < body[-1]
            or "overall_goal" not in form or "department" not in header):
        return False
    assert name is not None and dept is not None and goal is not None and total is not None
    width = max(len(r) for r in rows)
    unit = header.get("money_unit") or "万元"
    upper = Decimal(0) if rng.random() < 0.5 else (total * Decimal(rng.randint(10, 45)) / 100).quantize(Decimal("0.01"))
    own = total - upper
    own_label, upper_label = rng.choice(OWN_LABELS), rng.choice(UPPER_LABELS)
    year = int(header.get("year") or 2023)
    start, end = rng.randint(1, 9), rng.randint(1, 12)
    term = f"{year}.{start:02d}-{year + (end <= start or rng.random() < 0.3)}.{end:02d}"
    text = next(t for t in rows[goal][1:] if t.strip())
    pad = [""] * (width - 2)
    rows[name][0] = "项目支出名称"
    rows[dept][0] = "预算部门"
    goal_rows = [["实施期绩效目标", rng.choice(TERM_GOALS), *pad], ["本年度绩效目标", text, *pad]]
    funds_row = [own_label, _wan(own, unit), upper_label, _wan(upper, unit), *[""] * (width - 4)]
    rows[goal:goal + 1] = goal_rows
    rows[body[0]:body[0] + len(body)] = [funds_row, ["项目支出实施期", term, *pad]]
    form["funds"] = [{"role": "county", "label": own_label, "budget": f"{own:f}"},
                     {"role": "central_provincial", "label": upper_label, "budget": f"{upper:f}"}]
    return True
