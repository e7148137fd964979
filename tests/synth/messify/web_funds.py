"""A department form's funds sources as Hunan's web page prints them (sample 45).

Under the 年度资金总额 row, two classifications side by side — ``按收入性质分:`` (一般公共预算,
政府性基金拨款, 纳入专户管理的非税收入拨款, 其他资金) beside ``按支出性质分:`` (基本支出, 项目支出) —
each source one cell holding its label and, where it has one, its budget with the unit
(``其中:基本支出:1768.16万元``, ``政府性基金拨款:`` alone).  The gold follows the print: the
sources' labels as printed, their budget the only figure (the 基本支出 / 项目支出 rows' other
columns are not printed); the income side is drawn to add up to the total's budget.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from tests.synth.messify.base import Rows

_UNIT_LABELS = ("一级预算单位名称", "级预算单位名称", "部门（单位）名称")


def _fits(form: dict[str, Any], findings: list[dict[str, Any]], index: int) -> bool:
    """A department self-evaluation printing total, 基本支出 and 项目支出 with budgets, and no
    expected finding about its funds (the columns this print drops could raise none)."""
    funds = form.get("funds") or []
    roles = [f.get("role") for f in funds]
    return (form.get("schema_name") == "dept_self_eval" and roles == ["total", "basic", "project"]
            and all(f.get("budget") is not None for f in funds)
            and not any(f.get("form") == index and str(f.get("field", "")).startswith("funds") for f in findings))


def glue_sources(rows: Rows, form: dict[str, Any], findings: list[dict[str, Any]], index: int,
                 rng: random.Random) -> bool:
    """Print ``form``'s sources under its total as glued ``label:amount`` cells; False (nothing
    changed) where the form does not fit or its rows are not found."""
    if not _fits(form, findings, index):
        return False
    total, basic, project = form["funds"]
    for row in rows:  # the unit's label in Hunan's words (the value, and so the gold, as it was)
        row[:] = [rng.choice(_UNIT_LABELS) if t.strip() == "部门（单位）名称" else t for t in row]
    start = next((k for k, row in enumerate(rows[:-1]) if any(t.strip() == basic["label"] for t in row)
                  and any(t.strip() == project["label"] for t in rows[k + 1])), None)
    if start is None:
        return False
    colon = rng.choice((":", "：", ":"))
    unit = {"万元": "万元", "元": "元"}.get(str((form.get("header") or {}).get("money_unit")), "")
    unit = unit if rng.random() < 0.7 else ""
    budget = Decimal(str(total["budget"]))
    share = Decimal(str(round(rng.uniform(0.3, 0.9), 2)))
    fiscal = budget if rng.random() < 0.5 else (budget * share).quantize(Decimal("0.01"))
    other = budget - fiscal

    def cell(label: str, amount: Decimal | str | None) -> str:
        return f"{label}{colon}{amount}{unit}" if amount is not None else f"{label}{colon}"

    fiscal_label = f"其中{colon} 一般公共预算" if rng.random() < 0.5 else f"其中{colon}一般公共预算"
    printed = [
        ("fiscal", fiscal_label, fiscal), ("basic", f"其中{colon}基本支出", basic["budget"]),
        ("line_item", "政府性基金拨款", None), ("project", "项目支出", project["budget"]),
        ("special_account", "纳入专户管理的非税收入拨款", None), ("other", "其他资金", other if other else None),
    ]
    cells = [cell(label, amount) for _, label, amount in printed]
    captions = [f"按收入性质分{colon}", f"按支出性质分{colon}"]
    rows[start:start + 2] = [[*captions, cells[0], cells[1]], *[[c] for c in cells[2:]]]
    gold = [{"role": role, "label": f"{label}{colon}", **({"budget": str(amount)} if amount is not None else {})}
            for role, label, amount in printed]
    form["funds"] = [total, *[g for g in gold if g["role"] not in ("basic", "project")],
                     *[g for g in gold if g["role"] in ("basic", "project")]]
    return True
