"""A project self-evaluation REPORT (财政支出项目绩效评价自评报告) whose tables carry the form.

Hunan's report template (dev sample 28) prints a cover (评价类型 choices, 项目名称, 项目单位, 主管部门,
评价方式, 报告日期), then 一、项目基本概况 as a table whose funds are label/amount pairs per column
(``计划安排资金 (万元) | B | 实际到位资金 (万元) | A | 实际支出 (万元) | E | 结余(万元) | R``) and one row
per fiscal level with its label repeated before each amount (中央 / 省 / 市 / 区|县财政 / 其它, a level
with nothing printing its labels alone), then 二、项目支出明细情况 (monthly payments with voucher
numbers: not funds rows).  The shape prints each document's first project (or a drawn one where the
document has none) as such a report; the gold is the one project_self_eval the report's tables
print, labelled like sample 28: 计划安排资金 → budget, 实际支出 → executed, 中央/省 → central_provincial,
市 → line_item, 区/县 → county, 其它 → other; no form year (the report prints only dates).

Drawn per document: the title (with its place, or none), the 附件 line, the cover fields' order and
separators, a blank or printed 主管部门, which levels hold money, the column labels' unit brackets,
the 基本概况 heading's spacing, the payments' count, the print: one cell per line with pipes
(row ends as pipe runs, blank cells dropped or printed), pipe rows, or TSV; and (70 % of the documents
whose project is a self-evaluation without planted errors) its indicator table after the payments as
三、绩效指标完成情况, without its 分值 column and total row (the form's points count the funds' share,
which the report does not print), carrying the indicators and groups without weights.
"""

from __future__ import annotations

import random
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tests.synth.messify.base import Part, Sheet

Rows = list[list[str]]

_PLACES = ("岳阳市南湖新区", "岳阳县", "湘阴县", "平江县", "汨罗市", "临湘市", "华容县", "君山区")
_TITLES = ("{place}财政支出项目绩效评价自评报告", "{place}项目支出绩效评价自评报告", "{place}财政支出项目绩效自评报告")
_PROJECTS = ("低保专项", "农村公路养护", "城乡医疗救助", "特困人员供养", "农田水利建设", "村级公益事业奖补")
_UNITS = ("民政局", "交通运输局", "农业农村局", "水利局", "卫生健康局")
_PEOPLE = ("胡 军", "刘军勇", "李 明", "王建华", "张 丽")
_CENT = Decimal("0.01")


def _fmt(value: Decimal) -> str:
    text = format(value.quantize(_CENT, rounding=ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _project(sheet: Sheet, rng: random.Random) -> tuple[str, str, str | None, Decimal, Decimal, int | None]:
    """Name, unit, department, budget and executed of the document's first project (or drawn), and
    the index of its form (None when drawn)."""
    for index, form in enumerate(sheet.forms):
        header = form.get("header") or {}
        total = next((f for f in form.get("funds") or [] if f.get("role") == "total"), {})
        if header.get("project_name") and header.get("money_unit") == "万元" and total.get("budget"):
            budget = Decimal(str(total["budget"]))
            executed = Decimal(str(total.get("executed") or budget * Decimal(rng.uniform(0.7, 1.0))))
            return (header["project_name"], header.get("unit_name") or rng.choice(_PLACES) + rng.choice(_UNITS),
                    header.get("department"), budget, executed.quantize(_CENT), index)
    place = rng.choice(_PLACES)
    budget = Decimal(rng.uniform(20, 1500)).quantize(_CENT)
    executed = (budget * Decimal(rng.uniform(0.7, 1.0))).quantize(_CENT)
    return rng.choice(_PROJECTS), place + rng.choice(_UNITS), None, budget, executed, None


_LEVEL1_HEAD = "一级指标"
_TOTAL_ROW = re.compile(r"^(总分|合计|总计)")
# the gold of the indicator table: what its rows print (goals, funds and notes lie elsewhere)
_TABLE_KEYS = ("indicators", "groups")


def _indicator_rows(sheet: Sheet, index: int) -> tuple[Rows, dict[str, Any]] | None:
    """The project's indicator table (its header to the row above its total) without its 分值
    column, with the gold it carries; None when the form has none, prints no 分值 column, or prints a
    note the table would not carry.  The total row and the weights are left out: the form's points
    count the funds' share, which the report does not print, so its weights would not add up."""
    form = sheet.forms[index]
    if form.get("schema_name") != "project_self_eval" or not form.get("indicators") or set(form) - {
            "schema_name", "layout", "header", "funds", "goals", "totals", *_TABLE_KEYS}:
        return None
    part = next((p for p in sheet.parts if p.form == index and p.rows is not None), None)
    if part is None or part.rows is None:
        return None
    rows = part.rows
    start = next((k for k, r in enumerate(rows) if any(c.replace(" ", "") == _LEVEL1_HEAD for c in r)), None)
    end = next((k for k, r in enumerate(rows) if r and _TOTAL_ROW.match(r[0].replace(" ", ""))), None)
    if start is None or end is None or end < start or end != len(rows) - 1:
        return None
    heads = rows[start:start + 2]
    weight_at = next((k for r in heads for k, c in enumerate(r) if c.replace(" ", "") == "分值"), None)
    if weight_at is None:
        return None
    table = [[c for k, c in enumerate(r) if k != weight_at] for r in rows[start:end]]
    carried = {k: [{f: v for f, v in item.items() if f != "weight"} for item in form[k]]
               for k in _TABLE_KEYS if k in form}
    return table, carried


def _split(total: Decimal, shares: list[float]) -> list[Decimal]:
    """``total`` in parts by ``shares``, rounded to the cent, the last part taking the rest."""
    out = [(total * Decimal(s / sum(shares))).quantize(_CENT) for s in shares[:-1]]
    return [*out, total - sum(out, Decimal(0))]


def _levels(rng: random.Random) -> list[tuple[str, str]]:
    """The printed level labels with their roles, in the template's order."""
    where = "其中:" if rng.random() < 0.5 else "其中："
    county = rng.choice(("区财政", "县财政"))
    other = rng.choice(("其它", "其他"))
    return [(where + "中央财政", "central_provincial"), ("省财政", "central_provincial"),
            ("市财政", "line_item"), (county, "county"), (other, "other")]


def self_report(sheet: Sheet, rng: random.Random) -> str:
    """The document's first project printed as a self-evaluation report; gold is its one form."""
    name, unit, department, budget, executed, index = _project(sheet, rng)
    # the indicator table after the payments (a document with planted errors keeps its table to itself:
    # its findings would need its other parts)
    table = _indicator_rows(sheet, index) if index is not None and not sheet.findings and rng.random() < 0.7 \
        else None
    place = rng.choice(_PLACES)
    title = rng.choice(_TITLES).format(place=place) if rng.random() < 0.8 else None
    dept_printed = department if department and rng.random() < 0.6 else None
    sep = rng.choice((" ", ":", "："))
    cover = [f"项目名称{sep}{name}", f"项目单位{sep}{unit}", f"主管部门{sep}{dept_printed}" if dept_printed
             else "主管部门"]
    if rng.random() < 0.3:
        cover = rng.sample(cover, len(cover))
    choices = "评价类型:项目实施过程评价□ 项目完成结果评价■"
    year = rng.randint(2016, 2023)
    prose = ([f"附件{rng.randint(1, 4)}-{rng.randint(1, 3)}"] if rng.random() < 0.5 else [])
    prose += [title] if title else []
    prose += ([choices] if rng.random() < 0.8 else []) + cover
    prose += ["评价方式:部门(单位)绩效自评", "评价机构:部门(单位)评价组",
              f"报告日期:{year + 1}年 {rng.randint(1, 12)}月 {rng.randint(1, 28)}日"]
    prose += [f"{place}财政局(制)"] if rng.random() < 0.6 else []

    levels = _levels(rng)
    held = [k for k in range(5) if rng.random() < 0.5] or [rng.randrange(5)]
    shares = [rng.uniform(0.1, 1.0) for _ in held]
    budgets = dict(zip(held, _split(budget, shares), strict=True))
    spent = dict(zip(held, _split(executed, shares), strict=True))
    unit_tag = rng.choice((" (万元)", "（万元）", "(万元)"))
    every = rng.random() < 0.6  # the unit bracket on every column label, else on the first only
    heads = ["计划安排资金", "实际到位资金", "实际支出", "结余"]
    heads = [h + (unit_tag if every or k == 0 else "") for k, h in enumerate(heads)]
    rows: Rows = [[rng.choice(("一、项目基本概况", "一、项 目 基 本 概 况"))],
                  ["项目负责人", rng.choice(_PEOPLE), "联系电话", f"13{rng.randint(100000000, 999999999)}"],
                  ["项目地址", unit, "邮 编", f"41{rng.randint(1000, 9999)}"],
                  ["项目起止时间", f"{year} 年 1 月起至 {year} 年 12 月止"],
                  [heads[0], _fmt(budget), heads[1], _fmt(budget), heads[2], _fmt(executed), heads[3],
                   _fmt(budget - executed)]]
    funds: list[dict[str, Any]] = [{"role": "total", "label": heads[0].strip(), "budget": _fmt(budget),
                                    "executed": _fmt(executed)}]
    for k, (label, role) in enumerate(levels):
        b, e = budgets.get(k), spent.get(k)
        amounts = ["", "", "", ""] if b is None or e is None else [_fmt(b), _fmt(b), _fmt(e), _fmt(b - e)]
        rows.append([cell for a in amounts for cell in (label, a)])
        gold_row: dict[str, Any] = {"role": role, "label": label}
        if b is not None and e is not None:
            gold_row |= {"budget": _fmt(b), "executed": _fmt(e)}
        funds.append(gold_row)
    rows += [["二、项目支出明细情况"], ["支出内容", "实际支出数", "会计凭证号", "备注"]]
    for month in range(1, rng.randint(3, 9)):
        rows.append([f"{year}年{month}月{name}", _fmt(executed / 12), f"{month}月{rng.randint(1, 30)}日"
                     f"{rng.randint(1, 60)}号凭证", ""])

    if table is not None:  # the indicator table after the payments, as 三、
        rows += [["三、绩效指标完成情况"], *table[0]]
    header: dict[str, Any] = {"project_name": name, "unit_name": unit, "money_unit": "万元"}
    if title:
        header["title"] = title
    if dept_printed:
        header["department"] = dept_printed
    form: dict[str, Any] = {"schema_name": "project_self_eval", "layout": "table", "header": header, "funds": funds}
    sheet.forms = [form | (table[1] if table is not None else {})]
    sheet.findings = []
    sheet.parts = [Part(prose=prose), Part(rows=rows, form=0)]
    return "\n".join(prose) + "\n" + _print(rows, rng) + "\n"


def _print(rows: Rows, rng: random.Random) -> str:
    """The table in one of the prints a report's text takes."""
    style = rng.choice(("cells", "cells", "pipes", "tsv"))
    if style == "tsv":
        return "\n".join("\t".join(row) for row in rows)
    if style == "pipes":
        return "\n".join(" | ".join(row) for row in rows)
    keep_blank = rng.random() < 0.5  # a blank cell as its own `` |`` line, or dropped
    width = max(len(r) for r in rows) + rng.randint(6, 14)
    lines: list[str] = []
    for row in rows:
        lines += [f"{cell} |" for cell in row if cell or keep_blank]
        lines.append("|" * max(1, width - len(row)))
    return "\n".join(lines)
