"""A central transfer payment's self-evaluation page printed one row per line (shape ``transfer_rows``).

What the lead saw on such pages (中央对地方转移支付 绩效目标自评表; invented examples): the page is a
``web_rows`` print (each table row on a line of its own, its cells glued, blank-line runs between
rows), and its template differs from the national one in three ways this module prints:

- the title is the project's name and ``绩效目标自评``, wrapped before its year: ``   某某补助资金绩效目标自评``
  / ``(2021年度)``;
- the funds table has three columns only, 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A), so a funds
  row is its label and three glued figures (``年度资金总额:171.37132.4177.26%``); on half the pages
  the funds are whole 万元 spent in full (``年度资金总额:25002500100%``, parts too);
- the indicator header names 指标值 | 全年实际完成值 | 未完成原因和改进措施, yet each row prints its
  name, its target and then two bare figures that are the row's points (分值, 得分: ``1515``), no
  actual and no reason; there is no 总分 row.

Gold (what a person labels): the title as printed, both lines joined, and its year; the funds'
budget, executed amount and rate (the three columns; fused figures follow the run-together rule,
``fused_pairs``); each indicator's levels, its name and its target where the print shows where the
target ends (a unit, ``%`` or a text before the points; a target ending in a digit runs into the
points and leaves the gold); never an actual, a weight or a score (the header names none of them,
so the trailing points cannot be told from a target and an actual), no totals, no findings.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from tests.synth.messify import web_rows as rows_print
from tests.synth.messify.base import Rows, Sheet, forget_findings

_TRANSFER_NAME = "转移支付(项目)名称"
_DROPPED_FUNDS = ("年初预算数", "分值", "得分")
_KEPT_INDICATOR = ("level1", "level2", "name", "target")
_YEAR_LINE = re.compile(r"^[(（]\d{4}年度?[)）]$")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _amount(text: Any) -> Decimal | None:
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return None


def transfer_rows(sheet: Sheet, rng: random.Random) -> str:
    """Every project self-evaluation that can be printed as a transfer payment's page, the
    document as ``web_rows`` prints it otherwise."""
    return rows_print.web_rows(sheet, rng, page=transfer_page)


def transfer_page(sheet: Sheet, rng: random.Random) -> None:
    """The transfer payment's words (``web_rows.transfer_words``), then per document whole
    amounts spent in full (half) and per form the template's title, funds and rows."""
    rows_print.transfer_words(sheet, random.Random(rng.random()))
    whole = rng.random() < 0.5
    for k, part in enumerate(sheet.parts):
        if part.rows is None or part.form is None:
            continue
        form = sheet.forms[part.form]
        header = form.get("header") or {}
        rows = part.rows
        if (form.get("schema_name") != "project_self_eval" or not header.get("project_name")
                or not header.get("year") or not any(_squash(c) == _TRANSFER_NAME for row in rows for c in row)):
            continue
        if _funds_header(rows) is None or _indicator_header(rows) is None or not _title(sheet, k, form, rng):
            continue
        funds_at, ind_at = _funds_header(rows), _indicator_header(rows)
        assert funds_at is not None and ind_at is not None
        _indicators(rows, form, ind_at)
        _funds(rows, form, funds_at, whole)
        forget_findings(sheet, part.form)


def _funds_header(rows: Rows) -> int | None:
    for r, row in enumerate(rows):
        keys = [_squash(c) for c in row]
        if "全年执行数(B)" in keys and "全年预算数(A)" in keys and any(k.startswith("预算执行率") for k in keys):
            return r
    return None


def _indicator_header(rows: Rows) -> int | None:
    for r, row in enumerate(rows):
        keys = [_squash(c) for c in row]
        if "三级指标" in keys and {"指标值", "全年实际完成值", "分值", "得分"} <= set(keys):
            return r
    return None


def _title(sheet: Sheet, k: int, form: dict[str, Any], rng: random.Random) -> bool:
    """The title line (a prose line above the table, or the table's first row) becomes the
    project's name and 绩效目标自评 on one line and the year in brackets on the next."""
    header = form["header"]
    old = header.get("title")
    name = f"{header['project_name']}绩效目标自评"
    year = ("（{}年度）" if rng.random() < 0.3 else "({}年度)").format(header["year"])
    rows = sheet.parts[k].rows
    assert rows is not None
    prose = sheet.parts[k - 1].prose if k > 0 else []
    if rows and rows[0][0].strip() == old and not any(c.strip() for c in rows[0][1:]):
        width = len(rows[0])
        rows[0] = [name] + [""] * (width - 1)
        if len(rows) > 1 and _YEAR_LINE.match(rows[1][0].strip()) and not any(c.strip() for c in rows[1][1:]):
            del rows[1]  # the template's own year line under the title: the wrapped year stands for it
        rows.insert(1, [year] + [""] * (width - 1))
        at = len(prose)
    else:
        found = next((i for i, line in enumerate(prose) if line.strip() == old), None)
        if found is None:
            return False
        at = found
        below = at + 2 if at + 1 < len(prose) and _YEAR_LINE.match(prose[at + 1].strip()) else at + 1
        last = below == len(prose)
        prose[at:below] = [name, year]
        if last and rows and _YEAR_LINE.match(rows[0][0].strip()) and not any(c.strip() for c in rows[0][1:]):
            del rows[0]  # the template's year line, printed as the table's first row
    if at > 0 and _YEAR_LINE.match(prose[at - 1].strip()):
        del prose[at - 1]  # the year prints under the title now, not above it
    header["title"] = name + year
    return True


def _funds(rows: Rows, form: dict[str, Any], at: int, whole: bool) -> None:
    """Three columns (A, B, B/A) in the funds header and rows; on ``whole`` pages every amount a
    whole figure spent in full, each row with figures at 100 %."""
    end = next((r for r in range(at + 1, len(rows)) if any("目标" in c or "指标" in c for c in rows[r])), len(rows))
    drop = {c for c, t in enumerate(rows[at]) if _squash(t) in _DROPPED_FUNDS}
    for r in range(at, end):
        rows[r] = [t for c, t in enumerate(rows[r]) if c not in drop]
    funds = form.get("funds") or []
    for entry in funds:
        for fld in ("initial_budget", "weight", "score"):
            entry.pop(fld, None)
    if whole:
        _spent_in_full(rows, funds, at, end)


def _spent_in_full(rows: Rows, funds: list[dict[str, Any]], at: int, end: int) -> None:
    keys = [_squash(c) for c in rows[at]]
    a, b = keys.index("全年预算数(A)"), keys.index("全年执行数(B)")
    rate = next(c for c, k in enumerate(keys) if k.startswith("预算执行率"))
    total = next((e for e in funds if e.get("role") == "total"), None)
    budget = _amount(total.get("budget")) if total else None
    if total is None or budget is None or budget < 1:
        return
    parts = [e for e in funds if e is not total and _amount(e.get("budget")) is not None]
    whole_total = int(budget.to_integral_value())
    amounts = {id(e): int(_amount(e["budget"]).to_integral_value()) for e in parts}  # type: ignore[union-attr]
    if parts and abs(sum(_amount(e["budget"]) for e in parts) - budget) <= Decimal("0.011"):  # type: ignore[misc]
        amounts[id(parts[-1])] = whole_total - sum(amounts[id(e)] for e in parts[:-1])
    if any(v < 1 for v in amounts.values()):
        return
    for entry, value in [(total, whole_total)] + [(e, amounts[id(e)]) for e in parts]:
        r = next((r for r in range(at + 1, end) if entry.get("label") in rows[r]), None)
        if r is None:
            continue
        rows[r][a] = rows[r][b] = str(value)
        rows[r][rate] = "100%"
        entry["budget"] = entry["executed"] = str(value)
        entry["rate"] = "100"


def _indicators(rows: Rows, form: dict[str, Any], at: int) -> None:
    """Header 指标值 | 全年实际完成值 | 未完成原因和改进措施; each row its levels, name and target, then
    its 分值 and 得分 in the last two columns; no 总分 row."""
    keys = [_squash(c) for c in rows[at]]
    weight, score, actual = keys.index("分值"), keys.index("得分"), keys.index("全年实际完成值")
    reason = next((c for c, k in enumerate(keys) if "原因" in k), None)
    gone = {weight, score, actual} | ({reason} if reason is not None else set())
    rows[at] = [t for c, t in enumerate(rows[at]) if c not in {weight, score}]
    r = at + 1
    while r < len(rows):
        if _squash(rows[r][0]) in ("总分", "合计"):
            del rows[r]
            continue
        row = rows[r]
        rows[r] = [t for c, t in enumerate(row) if c not in gone] + [row[weight], row[score]]
        r += 1
    form.pop("totals", None)
    for entry in form.get("indicators") or []:
        for fld in [f for f in entry if f not in _KEPT_INDICATOR]:
            del entry[fld]
