"""A Sichuan 项目支出绩效目标申报表 on a government web page, its rows as space-separated lines.

A page template of ``web_lines`` (held-out pages the lead described; every example here invented):
the site's lines (breadcrumb, the page's own title, ``发布时间:… 来源:…``), then the form with
each table row on one line, its cells one space apart and some lines indented::

    项目支出绩效目标申报表
    (2023年度)
    项目名称 某某补助经费
    预算单位 某区卫生健康局
    项目资金(万元) 年度资金总额 金额(万元)
       (一)财政拨款小计 8.40
           1、一般公共预算 8.40
           2、政府性基金 0.00
       (二)自有资金小计 0.00
           1、事业收入 0.00
       (三)其他收入 0.00
    总体
    目标
    年度目标
     某某目标的文字……
    绩效指标 一级指标 二级指标 三级指标 指标值(包含数字及文字描述)
    项目完成
    指标
     数量指标 某某人数 63人
     资金拨付及时率 100%
    项目效益
    指标 社会效益指标 某某水平 长期
    满意度指标 满意度指标 受益群众满意度 ≥90%

Per page: the total's amount printed or a ``金额(万元)`` column word in its place; the funds
hierarchy of ``funds_tree`` (zero amounts ``0.00``, ``0`` or blank); the goal label wrapped
(``总体`` / ``目标``) with ``年度目标`` on its line or the next; level-1 words in Sichuan's words
(项目完成指标, 项目效益指标; 满意度指标 its own, its 二级 often 满意度指标 too), wrapped over two
lines (the tail alone or opening the group's first row) or whole; a 二级 word printed once for
its rows (a rowspan cell); some qualitative targets the texts such pages print (长期, 逐步提高).

Gold follows the print: the title line, the year, 项目名称, 预算单位 as the unit (no department
where 主管部门 is not printed), the funds as ``funds_tree`` labels them (subtotals their source's
role, numbered parts ``line_item``; an amount printed blank has no budget), the goal, indicators
with the printed level words and targets (an operator column joined into the target), no
weights, groups or totals (the template prints none) and none of their findings.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from typing import Any

from extractor.classify import is_title
from tests.synth.messify import sichuan_rows
from tests.synth.messify.base import Sheet, number_of

_TITLE = "项目支出绩效目标申报表"
_UNIT_LINE = re.compile(r"^(金额)?单位[:：]")
_CRUMBS = ("首页 > 信息公开 > 财政预决算 > 部门预算", "当前位置：首页 > 政务公开 > 预决算公开",
           "您现在的位置: 首页 >> 信息公开 >> 财政资金")
_FOOTER = ("【打印本页】 【关闭窗口】", "上一篇：{place}2023年部门预算公开", "版权所有：{place} 网站标识码：{code}")
_LEVEL1 = (("产出", "项目完成指标"), ("效益", "项目效益指标"), ("效果", "项目效益指标"), ("满意度", "满意度指标"))
_TEXT_TARGETS = ("长期", "逐步提高", "有效提升", "持续发挥作用")
_OPERATOR = re.compile(r"^[≥≤=><≧≦＝＞＜═]+$")
_GLYPH = {"≧": "≥", "≦": "≤", "＝": "=", "═": "=", "＞": ">", "＜": "<"}


def _amount(value: Decimal | None, zero: str) -> str:
    return zero if value is None or value == 0 else f"{value:.2f}"


def _split(value: Decimal, rng: random.Random) -> tuple[Decimal, Decimal]:
    """``value`` as two parts to the cent (or all in the first)."""
    if value < Decimal("0.1") or rng.random() < 0.5:
        return value, Decimal(0)
    first = (value * Decimal(rng.randint(55, 90)) / 100).quantize(Decimal("0.01"))
    return first, value - first


def _funds(form: dict[str, Any], unit: str, rng: random.Random) -> tuple[list[str], list[dict[str, Any]]] | None:
    """The funds lines and their gold; None where the form's funds are not total / fiscal / other."""
    by_role = {f["role"]: f for f in form.get("funds") or []}
    if set(by_role) != {"total", "fiscal", "other"}:
        return None
    total = number_of(str(by_role["total"].get("budget") or ""))
    if total is None:
        return None
    fiscal = number_of(str(by_role["fiscal"].get("budget") or "")) or Decimal(0)
    other = number_of(str(by_role["other"].get("budget") or "")) or Decimal(0)
    zero = rng.choice(("0.00", "0.00", "0", ""))
    head, part = rng.choice((("(一)", "(二)", "(三)"), ("（一）", "（二）", "（三）"))), rng.choice(("、", "."))
    outer, inner = " " * rng.choice((0, 2, 3, 4)), " " * rng.choice((4, 6, 7, 8))
    general, fund = _split(fiscal, rng) if rng.random() < 1 / 3 else (fiscal, Decimal(0))
    business, operating = _split(other, rng)
    printed: list[tuple[str, str, str, Decimal | None]] = [  # (indent, label, role, amount)
        (outer, f"{head[0]}财政拨款小计", "fiscal", fiscal),
        (inner, f"1{part}一般公共预算", "line_item", general),
        (inner, f"2{part}政府性基金", "line_item", fund),
        (inner, f"3{part}国有资本经营预算", "line_item", Decimal(0)),
        (outer, f"{head[1]}自有资金小计", "unit_funds", other),
        (inner, f"1{part}事业收入", "line_item", business),
        (inner, f"2{part}经营性收入", "line_item", operating),
        (outer, f"{head[2]}其他收入", "other", Decimal(0)),
    ]
    caption = f"项目资金({unit})"
    with_total = rng.random() < 0.5
    lines = [f"{caption} 年度资金总额 {total:.2f}" if with_total else f"{caption} 年度资金总额 金额({unit})"]
    gold: list[dict[str, Any]] = [{"role": "total", "label": "年度资金总额"}]
    if with_total:
        gold[0]["budget"] = f"{total:.2f}"
    for indent, label, role, value in printed:
        amount = _amount(value, zero)
        lines.append(f"{indent}{label} {amount}".rstrip())
        entry: dict[str, Any] = {"role": role, "label": label}
        if amount:
            entry["budget"] = amount
        gold.append(entry)
    return lines, gold


def _level1(word: str) -> str:
    return next((new for start, new in _LEVEL1 if word.startswith(start)), word)


def _target(entry: dict[str, Any], rng: random.Random) -> tuple[str, dict[str, Any]] | None:
    """The printed target (an operator column joined into it) and its gold."""
    target = entry.get("target")
    if not isinstance(target, dict) or not target.get("text"):
        return None
    gold = dict(target)
    nature = str(entry.get("nature") or "")
    text = str(target["text"])
    if _OPERATOR.match(nature):
        text = _GLYPH.get(nature, nature) + text
    if isinstance(entry.get("unit"), str) and entry["unit"] and not text.endswith(entry["unit"]):
        text += entry["unit"]
        gold["unit"] = entry["unit"]
    if gold.get("operator") == "qualitative" and rng.random() < 0.3:
        text = rng.choice(_TEXT_TARGETS)
    gold["text"] = text
    return text, gold


def _indicators(form: dict[str, Any], rng: random.Random) -> tuple[list[str], list[dict[str, Any]]]:
    """The indicator header and rows in Sichuan's words, and the rows' gold."""
    value_word = rng.choice(("指标值(包含数字及文字描述)", "指标值（包含数字及文字描述）", "指标值"))
    lines = [f"绩效指标 一级指标 二级指标 三级指标 {value_word}"]
    wrap = rng.choice(("alone", "opens", "whole"))  # where a wrapped 一级 word's tail prints
    same_satisfaction = rng.random() < 0.6
    # sichuan_rows.py's ways, drawn from the state without consuming it
    rows_rng = random.Random("sichuan_rows:" + ",".join(map(str, rng.getstate()[1][:8])))
    style = sichuan_rows.draw(rows_rng)
    year = (form.get("header") or {}).get("year")
    gold: list[dict[str, Any]] = []
    last1 = last2 = None
    for entry in sichuan_rows.reword(form.get("indicators") or [], style, year, rows_rng):
        printed = _target(entry, rng)
        if printed is None or not entry.get("name"):
            continue
        level1 = _level1(str(entry.get("level1") or ""))
        level2 = str(entry.get("level2") or "")
        if level1 == "满意度指标" and same_satisfaction and level2.startswith(("服务对象满意度", "满意度")):
            level2 = "满意度指标"
        cells: list[str] = []
        if level1 != last1:
            word = level1
            if wrap != "whole" and len(word) > 5 and word.endswith("指标"):
                lines.append(word[:-2])
                word = "指标"
                if wrap == "alone":
                    lines.append(word)
                    word = ""
            if word:
                cells.append(word)
            last2 = None
        if level2 != last2:
            before, word = sichuan_rows.level2_lines(level2, style, not cells)
            lines += before
            cells += [word] if word else []
        cells += [str(entry["name"]), printed[0]]
        lines.append(" " * rng.choice((0, 1, 1, 2, 4)) + " ".join(cells))
        last1, last2 = level1, level2
        row: dict[str, Any] = {"level1": level1, "level2": level2, "name": entry["name"], "target": printed[1]}
        gold.append(row)
    return sichuan_rows.block_first(lines, style), gold


def declaration(sheet: Sheet, rng: random.Random) -> list[str] | None:
    """The whole document as the page (prose lines kept) with every form reprinted in the
    template and its gold rewritten; None (nothing changed) unless every form is a project target
    form whose funds the hierarchy can hold."""
    tables = sheet.tables()
    if not tables or any(p.form is None or sheet.forms[p.form].get("schema_name") != "project_target" for p in tables):
        return None
    printed: dict[int, list[str]] = {}
    golds: dict[int, dict[str, Any]] = {}
    for part in tables:
        assert part.form is not None and part.rows is not None
        made = _form(sheet.forms[part.form], _goal_text(part.rows), rng)
        if made is None:
            return None
        printed[part.form], golds[part.form] = made
    for form, gold in golds.items():
        sheet.forms[form] = gold
        # a source that does not add up to the printed total still raises its finding
        total_printed = "budget" in gold["funds"][0]
        sheet.findings = [f for f in sheet.findings if f["form"] != form
                          or (total_printed and f["code"] == "FUNDS_TOTAL_MISMATCH")]
    header = sheet.forms[0].get("header", {})
    place = str(header.get("unit_name") or "某区")
    fill = {"place": place, "code": str(rng.randint(5100000000, 5199999999))}
    project = str(header.get("project_name") or "")
    out = [rng.choice(_CRUMBS), ""]
    date = f"{header.get('year') or 2023}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    out += [f"{place}{project}绩效目标", f"发布时间:{date} 来源:{place}", ""]
    for part in sheet.parts:
        # the narrative stays; the form's own title and unit lines are the template's now
        out += [line.strip() for line in part.prose if line.strip() and not is_title(line.strip())
                and not _UNIT_LINE.match(line.strip())]
        if part.form is not None and part.form in printed:
            out += printed[part.form] + [""]
    out += [line.format(**fill) for line in rng.sample(_FOOTER, rng.randint(0, 2))]
    return out


def _goal_text(rows: list[list[str]]) -> str | None:
    """The goal as the rows print it (the gold may hold a digest): the longest cell of the row
    labelled with a goal word."""
    for row in rows:
        cells = [t.strip() for t in row if t.strip()]
        if cells and "目标" in cells[0] and "指标" not in cells[0] and len(cells) >= 2:
            return max(cells[1:], key=len)
    return None


def _form(form: dict[str, Any], goal_text: str | None,
          rng: random.Random) -> tuple[list[str], dict[str, Any]] | None:
    """One form's lines and the gold of what they print; None where its funds or goal do not fit."""
    header = form.get("header") or {}
    unit = str(header.get("money_unit") or "万元")
    funds = _funds(form, unit, rng)
    if funds is None or not header.get("project_name"):
        return None
    place = str(header.get("unit_name") or header.get("department") or "")
    year = header.get("year")
    title = f"{year}年度{_TITLE}" if year and rng.random() < 0.3 else _TITLE
    lines = [title] + ([f"({year}年度)"] if year and not title.startswith(str(year)) else [])
    lines.append(f"项目名称 {header['project_name']}")
    new_header: dict[str, Any] = {"title": title, "project_name": header["project_name"], "money_unit": unit}
    if year:
        new_header["year"] = year
    if header.get("department") and rng.random() < 0.3:
        lines.append(f"主管部门 {header['department']}")
        new_header["department"] = header["department"]
    if place:
        lines.append(f"预算单位 {place}")
        new_header["unit_name"] = place
    lines += funds[0]
    goal = form.get("overall_goal")
    if goal:
        if goal_text is None:
            return None
        lines += rng.choice((["总体", "目标", "年度目标"], ["总体", "目标 年度目标"], ["总体目标 年度目标"]))
        lines.append(" " * rng.choice((0, 1, 2)) + goal_text)
    rows, indicators = _indicators(form, rng)
    lines += rows
    gold = {k: v for k, v in form.items() if k not in ("header", "funds", "indicators", "groups", "totals")}
    gold.update({"header": new_header, "funds": funds[1], "indicators": indicators})
    return lines, gold
