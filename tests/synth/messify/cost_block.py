"""A project target form printing its budget's cost composition (项目预算成本构成) before the goal.

Some templates of 项目支出绩效目标表 put a small table between the funds and the goal: ``项目预算成本构成
| 成本构成 | 金额 | 测算(公式)依据 | 前两年实际执行数`` with a few cost items and a closing ``合计`` row,
and head the indicator table's target column ``当年预期实现值``.  Run together, the block's figures
and its 合计 stand where a reader looks for funds, a goal or a total (a held-out download-site copy:
``保安服务费191依据招标文件191191…合计814662.98794.55``).

Gold (eval/gold/README.md, "cost composition"): each cost item is a funds ``line_item`` (label, budget
= its 金额) and the 合计 row a ``total`` (label 合计, budget), after the form's own funds rows in
print order; the prior years' execution columns are not funds of this year and hold no field.  Items
number 2–6; a 测算依据 may hold figures inside its words (``按10人×2万元测算``); in one block of seven the
items do not add up to the 合计 (one amount misprinted), which the validator reports
(``FUNDS_TOTAL_MISMATCH``, listed as expected).
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from tests.synth.messify.base import Sheet
from tests.synth.messify.ge_slips import ge_slips

ITEMS = ("设备购置费", "人员劳务费", "宣传印刷费", "工程建设费", "培训费", "差旅费", "材料费", "运行维护费",
         "保安服务费", "物业管理费", "水电费", "专家咨询费", "租赁费", "信息化建设费")
BASES = ("按采购计划测算", "单价×数量", "参照上年标准", "按合同金额", "人数×标准×月数", "按实际工作量测算",
         "依据招标文件", "按合同约定支付")
# a basis with figures inside its words: they never open or close it (a reader cannot cut those)
FIGURE_BASES = ("按{a}人×{b}万元测算", "按{a}台×{b}万元计", "每月{b}万元×{a}个月", "按{a}个点位测算")
GOAL_WORDS = ("总体目标", "年度绩效目标", "绩效目标")
TOTAL_LABEL = "合计"


def cost_block(sheet: Sheet, rng: random.Random) -> None:
    """Each project target form's rows get the cost block before the goal row (in place) and its
    items and 合计 in the gold's funds; in half of them the target column is headed 当年预期实现值."""
    for part, form in sheet.tables_of("project_target"):
        assert part.rows is not None and part.form is not None
        rows = part.rows
        goal = next((r for r, row in enumerate(rows) if row and row[0].replace(" ", "") in GOAL_WORDS), None)
        if goal is None:
            continue
        width = max(len(row) for row in rows)
        style = random.Random(f"{rng.getstate()}:style").random() < 0.5  # no draw below moves
        block, funds = _block(form, rng)
        rows[goal:goal] = [row + [""] * (width - len(row)) for row in block]
        at = len(form.get("funds") or [])
        form["funds"] = (form.get("funds") or []) + funds
        if not _adds_up(funds):
            sheet.findings.append({"form": part.form, "code": "FUNDS_TOTAL_MISMATCH",
                                   "field": _total_path(form["funds"], at + len(funds) - 1)})
        if rng.random() < 0.5:
            for row in rows:
                if any(t.replace(" ", "") == "三级指标" for t in row):
                    row[:] = ["当年预期实现值" if t.replace(" ", "") in ("指标值", "年度指标值") else t for t in row]
        if style:  # the download-site copy's template: its header and ≥ read as 2 (``ge_slips``)
            _standard_header(rows)
            ge_slips(rows, random.Random(f"{rng.getstate()}:slips"))


def _standard_header(rows: list[list[str]]) -> None:
    """The template of a download site's copy: the indicator header names its third column 绩效标准
    and its caption 绩效指标 is followed by 保障绩效目标实现措施 (no value changes)."""
    for row in rows:
        if any(t.replace(" ", "") == "三级指标" for t in row):
            row[:] = ["绩效标准" if t.replace(" ", "") == "三级指标" else
                      "绩效指标保障绩效目标实现措施" if t.replace(" ", "") == "绩效指标" else t for t in row]


def plain(amount: Decimal) -> str:
    """A figure as the gold writes numbers: its decimal value (``191``, ``662.98``)."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def certain_cost_total(form: dict[str, Any], row: list[str], cols: list[int]) -> bool:
    """Whether a cost block's 合计 row, its amount run into the prior years' totals
    (``814662.98794.55``), is cut with certainty: its items (the line items printed before it)
    add up to the amount the run opens with, and no longer or shorter opening of the run has
    that value."""
    if TOTAL_LABEL not in (c.strip() for c in row) or not cols:
        return False
    funds = form.get("funds") or []
    at = next((i for i in range(len(funds) - 1, -1, -1)
               if funds[i].get("role") == "total" and funds[i].get("label") == TOTAL_LABEL), None)
    if at is None or not funds[at].get("budget"):
        return False
    items = []
    for entry in reversed(funds[:at]):
        if entry.get("role") != "line_item":
            break
        items.append(entry.get("budget"))
    if not items or any(not isinstance(b, str) for b in items):
        return False
    run = "".join(row[c].strip() for c in cols)
    return run_opening(run, sum((Decimal(b) for b in items), Decimal(0))) == row[cols[0]].strip()


def run_opening(run: str, value: Decimal) -> str | None:
    """The one opening of ``run`` printing ``value`` after which the rest may start a figure (not
    ``0`` before a digit, not a point); None when none or more than one does."""
    found = []
    for k in range(1, len(run) + 1):
        head, rest = run[:k], run[k:]
        if head.endswith(".") or head.count(".") > 1:
            continue
        try:
            if Decimal(head) != value:
                continue
        except ArithmeticError:
            continue
        if rest.startswith(".") or (len(rest) > 1 and rest[0] == "0" and rest[1].isdigit()):
            continue
        found.append(head)
    return found[0] if len(found) == 1 else None


def _block(form: dict[str, Any], rng: random.Random) -> tuple[list[list[str]], list[dict[str, Any]]]:
    """The block's rows (header, 2–6 cost items whose amounts add up to the budget, 合计) and
    their gold funds rows."""
    total = next((Decimal(str(r["budget"])) for r in form.get("funds") or []
                  if r.get("role") == "total" and r.get("budget")), None)
    if total is None or total <= 0:
        total = Decimal(rng.randint(1000, 90000)) / 100
    n = rng.randint(2, 6)
    cents = int(total * 100)
    cuts = sorted(rng.sample(range(1, cents), n - 1)) if cents > n else []
    parts = [Decimal(b - a) / 100 for a, b in zip([0, *cuts], [*cuts, cents], strict=False)]
    prior = rng.random() < 0.5
    years = _prior_years(form, random.Random(f"{rng.getstate()}:years")) if prior else []
    more = random.Random(f"{rng.getstate()}:more")  # the newer draws: no draw above moves
    if more.random() < 1 / 7:  # one amount misprinted: the items no longer add up to the 合计
        k = more.randrange(len(parts))
        parts[k] += Decimal(more.choice((1, 10, -1))) if parts[k] > 10 else Decimal(1)
    head = ["项目预算成本构成", "成本构成", "金额", "测算(公式)依据"]
    head += years or (["前两年实际执行数"] if prior else [])
    out = [head]
    funds: list[dict[str, Any]] = []
    for item, amount in zip(rng.sample(ITEMS, len(parts)), parts, strict=False):
        basis = rng.choice(BASES)
        if more.random() < 0.3:
            basis = more.choice(FIGURE_BASES).format(a=more.randint(2, 30), b=more.choice(("2", "1.5", "0.8", "3")))
        row = ["", item, _printed(amount, more), basis]
        if prior:
            row.append(f"{amount * Decimal(rng.randint(80, 110)) / 100:.2f}")
            row += [f"{amount * Decimal(90 + k) / 100:.2f}" for k in range(len(years) - 1)]
        out.append(row)
        funds.append({"role": "line_item", "label": item, "budget": plain(amount)})
    priors = [sum((Decimal(row[c]) for row in out[1:]), Decimal(0)) for c in range(4, len(head))]
    out.append(["", TOTAL_LABEL, _printed(total, more), ""] + [f"{p:.2f}" for p in priors])
    funds.append({"role": "total", "label": TOTAL_LABEL, "budget": plain(total)})
    return out, funds


def _printed(amount: Decimal, rng: random.Random) -> str:
    """An amount as a cost block prints it: two decimals, or its plain value (``191``)."""
    return f"{amount:.2f}" if rng.random() < 0.6 else plain(amount)


def _adds_up(funds: list[dict[str, Any]]) -> bool:
    return sum(Decimal(r["budget"]) for r in funds[:-1]) == Decimal(funds[-1]["budget"])


def _total_path(funds: list[dict[str, Any]], at: int) -> str:
    """The validator's path of the funds row ``at`` (``funds[total#2].budget``)."""
    role = funds[at]["role"]
    n = sum(1 for r in funds[:at + 1] if r["role"] == role)
    return f"funds[{role}].budget" if n == 1 else f"funds[{role}#{n}].budget"


def _prior_years(form: dict[str, Any], rng: random.Random) -> list[str]:
    """Half the blocks print the two prior years' columns by name (``2020年实际执行数``
    ``2021年实际执行数``, a download site's copy) instead of one 前两年 column; drawn from a
    generator of its own, so no other draw moves."""
    year = (form.get("header") or {}).get("year")
    if not isinstance(year, int) or rng.random() < 0.5:
        return []
    return [f"{year - 2}年实际执行数", f"{year - 1}年实际执行数"]
