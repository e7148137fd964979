"""Two web templates pasted one cell per line that ``web_lines`` did not print: parameters of it.

(a) A school's or bureau's **target declaration** page (项目支出目标申报表): the breadcrumb already
holds the title and year (``您所在的位置 > X > 预决算信息 > X项目支出目标申报表 (2023年度)``), the
title follows with trailing spaces, the year on a line of its own; the funds caption reads
``项目资金申请(万元)`` and its labels end in a colon, deeply indented; the goal's label reads
``项目总体情况`` (a description of the project, no goal set: the gold keeps none); the indicator
header prints bare level words (``一级`` / ``二级`` / ``三级``, no 指标 anywhere) and, on
half the pages, a ``备注`` column whose cells are empty.

(b) A province's **special-fund self-evaluation** (区域绩效目标自评表 pasted from a finance
department's page): ``专项名称``, ``中央主管部门`` beside a ``自评得分`` cell spanning two rows (its
score arrives after the next row's ``省级财政部门`` and ``省级主管部门`` pairs), and a funds block of
``预算执行情况 | 预算数: | B | 执行数: | E | weight`` with each source printed as label and amount
twice (budget side, executed side), the amount with its unit inside the cell (``  2.38  万元``),
an empty amount as the unit alone.

The gold follows the print: (a) the printed title; (b) no department (a transfer payment names
one per level, ``rules/header``), no unit (省级主管部门 is none), the funds as printed (labels,
roles, budget and executed; the total's weight; no initial budget, rate or score, and no finding
that needs them; the validator's warning that the weighted budget line prints no score).
"""

from __future__ import annotations

import random
import re
from typing import Any

from extractor.classify import is_title
from extractor.vocab import FUNDS_COLUMNS, fund_role, match_column
from tests.synth.messify.base import Rows, Sheet, forget_findings, number_of

_BARE_LEVELS = {"一级指标": "一级", "二级指标": "二级", "三级指标": "三级"}
_FUNDS_CAPTION = re.compile(r"^(资金情况|项目资金)(?:[（(](万?元)[)）])?$")
_GOAL_LABELS = ("总体目标", "年度总体目标", "年度绩效目标", "绩效目标")
_PROVINCES = ("湖南省", "江西省", "贵州省", "河北省", "四川省")
_FOOTER = ("内容保障 | 公务邮箱", "网站标识码 {code}", "主办：{place}人民政府办公室  内容保障：{place}财政局")


def _key(text: str) -> str:
    return text.replace(" ", "").replace("\u3000", "")


def footer(place: str, rng: random.Random) -> list[str]:
    """The declaration page's footer lines (content owner, mail box, site code)."""
    fill = {"place": place, "code": str(rng.randint(1000000000, 9999999999))}
    return [line.format(**fill) for line in rng.sample(_FOOTER, rng.randint(1, 2))]


def declaration_page(sheet: Sheet, rng: random.Random) -> list[str]:
    """Reword each project target form as (a); returns the breadcrumb line naming the first (none
    when no form is a project target)."""
    crumbs: list[str] = []
    for part, form in sheet.tables_of("project_target"):
        assert part.rows is not None and part.form is not None
        if not part.rows or not is_title(part.rows[0][0]):
            continue
        header = form.setdefault("header", {})
        place = str(header.get("unit_name") or header.get("department") or "某县")
        year = header.get("year")
        title = f"{place}项目支出目标申报表"
        header["title"] = title
        part.rows[0] = [title, f"({year}年度)" if year else "", *[""] * (len(part.rows[0]) - 2)]
        if not crumbs:  # the page's breadcrumb names its first form
            crumbs.append(f"您所在的位置 > {place} > 预决算信息 > {title} ({year or ''}年度)".replace(" (年度)", ""))
        _reword_declaration(part.rows, form, rng)
    return crumbs


def _reword_declaration(rows: Rows, form: dict[str, Any], rng: random.Random) -> None:
    remark = rng.random() < 0.5
    two_rows = any(_key(t) in ("指标性质", "度量单位") for row in rows for t in row)
    funds = {str(f.get("label")): f for f in form.get("funds") or [] if f.get("label")}
    in_table = False
    for row in rows:
        for k, text in enumerate(row):
            key = _key(text)
            if (caption := _FUNDS_CAPTION.match(key)) is not None:
                row[k] = f"项目资金申请({caption.group(2) or '万元'})"
            elif key == "绩效指标":
                row[k] = ""  # the page prints no 指标 anywhere
            elif key in _GOAL_LABELS and k == 0:
                row[k] = "项目总体情况"  # the project described, no goal the form sets
                form.pop("overall_goal", None)
            elif key in _BARE_LEVELS:
                row[k] = _BARE_LEVELS[key]
                in_table = True
            elif key in ("年度指标值", "指标值") and not two_rows:
                row[k] = "年度数值"
            elif text in funds and (role := funds[text].get("role")) in _FUND_WORDS:
                row[k] = funds[text]["label"] = _FUND_WORDS[role]
        if remark and in_table:
            row.append("备注" if any(t in ("一级", "三级") for t in row) else "")


_FUND_WORDS = {"total": "资金总额:", "fiscal": "财政拨款:", "other": "其他:"}


def decorate(lines: list[str], rng: random.Random) -> list[str]:
    """A declaration page's whitespace: the title line with trailing spaces, a funds label ending
    in a colon deeply indented."""
    out: list[str] = []
    for line in lines:
        text = line.strip()
        if is_title(text) and "您所在的位置" not in text:
            line += " " * rng.randint(1, 4)
        elif text in _FUND_WORDS.values():
            line = " " * rng.choice((6, 10)) + text
        out.append(line)
    return out


def special_fund(sheet: Sheet, rng: random.Random) -> bool:
    """Reword each project self-evaluation as (b); True where one was."""
    done = False
    for part, form in sheet.tables_of("project_self_eval"):
        assert part.rows is not None and part.form is not None
        if _header_rows(part.rows, form, rng) and _funds_rows(part.rows, form):
            forget_findings(sheet, part.form, {"EXEC_RATE_MISMATCH", "BUDGET_SCORE_MISMATCH"})
            if form["funds"][0].get("weight") and _scores_anything(form):  # the validator's warning
                sheet.findings.append({"form": part.form, "code": "BUDGET_SCORE_MISSING",
                                       "field": "funds[total].score"})
            done = True
    return done


def _scores_anything(form: dict[str, Any]) -> bool:
    """The form prints a score elsewhere, so a weighted budget line without one is worth a warning."""
    return bool((form.get("totals") or {}).get("score")) or any(i.get("score") for i in form.get("indicators") or [])


def _header_rows(rows: Rows, form: dict[str, Any], rng: random.Random) -> bool:
    """专项名称 | name; 中央主管部门 | dept | 自评得分; 省级财政部门 | X财政厅 | 省级主管部门 | unit | score."""
    header = form.get("header", {})
    name_at = next((i for i, r in enumerate(rows[:4]) if r and _key(r[0]) == "项目名称"), None)
    dept_at = next((i for i, r in enumerate(rows[:5]) if r and _key(r[0]) == "主管部门"), None)
    if name_at is None or dept_at is None or not header.get("project_name"):
        return False
    width = len(rows[dept_at])
    values = [t for t in rows[dept_at][1:] if t.strip() and _key(t) != "实施单位"]
    if len(values) != 2:
        return False
    score = str((form.get("totals") or {}).get("score") or "")
    rows[name_at] = _pad(["专项名称", header["project_name"]], width)
    province = rng.choice(_PROVINCES)
    rows[dept_at:dept_at + 1] = [_pad(["中央主管部门", values[0], "自评得分"], width),
                                 _pad(["省级财政部门", f"{province}财政厅", "省级主管部门", values[1], score], width)]
    header.pop("department", None)
    header.pop("unit_name", None)
    return True


def _pad(row: list[str], width: int) -> list[str]:
    return row + [""] * (width - len(row))


def _funds_rows(rows: Rows, form: dict[str, Any]) -> bool:
    """The funds block as ``预算执行情况 | 预算数: | B | 执行数: | E | weight`` and one row per source
    printing label and amount twice; the gold's funds follow."""
    funds = form.get("funds") or []
    at = next((i for i, r in enumerate(rows) if sum(match_column(t, FUNDS_COLUMNS) in ("budget", "executed")
                                                     for t in r if t.strip()) >= 2), None)
    if at is None or not funds or funds[0].get("role") != "total":
        return False
    end = at + 1
    while end < len(rows) and end - at - 1 < len(funds) and any(
            fund_role(t) is not None and number_of(t) is None for t in rows[end][:3] if t.strip()):
        end += 1
    if end - at - 1 != len(funds):
        return False
    width = len(rows[at])
    total = funds[0]
    budget, executed = total.get("budget"), total.get("executed")
    if budget is None or executed is None:
        return False
    new = [_pad(["预算执行情况", "预算数:", budget, "执行数:", executed, str(total.get("weight") or "")], width)]
    kept: list[dict[str, Any]] = [{"role": "total", "label": "预算数:", "budget": budget, "executed": executed}
                                  | ({"weight": total["weight"]} if total.get("weight") else {})]
    parts = funds[1:]
    unit = str(form.get("header", {}).get("money_unit") or "万元")
    for n, fund in enumerate(parts):
        label = "其中:中央补助" if n == 0 else "地方资金/其他" if n == len(parts) - 1 else str(fund["label"])
        role = fund_role(label) or fund["role"]
        entry: dict[str, Any] = {"role": role, "label": label}
        cells: list[str] = []
        for fld in ("budget", "executed"):
            amount = fund.get(fld)
            if amount is not None:
                entry[fld] = amount
            cells += [label, f"      {amount}  {unit}" if amount is not None else unit]
        kept.append(entry)
        new.append(_pad(cells, width))
    rows[at:end] = new
    form["funds"] = kept
    return True
