"""A project target form reprinted as a township's project-library declaration (项目库 项目绩效目标表).

Such a declaration (dev sample 10's family, printed run together by a sharing site) opens
``项目绩效目标表 | (2021年度)`` and ``填报单位(盖章):…``, then labels in pairs (项目名称 | 项目属性
新增项目□延续项目√ / 主管部门 | 主管部门编码 / 项目单位 | 项目负责人 | 联系电话 / 项目起止时间), its funds
in one cell (``总额85.99万元财政拨款:60万元(其中:上级财政资金:40万元;本级财政:20万元)二、自有资金:0万元
三、其他:25.99万元``), 项目概况, 立项情况 (依据, 可行性, 必要性), a 项目实施进度计划 table (content,
start and end years), the goals as 长期目标 | 年度目标, and the indicator table twice, 长期绩效指标
then 年度绩效指标, each ``一级指标 | 二级指标 | 指标内容 | 指标值 | 备注``.  In half the
declarations 指标内容 is left empty and each row prints a bare figure and a figure in 备注, which
run together read as one (``88100``: 88 | 100, or 8 | 8100 …).

The gold follows the print: title 项目绩效目标表, the year, project, 主管部门, 项目单位 and the money
unit; the funds as the cell's labels print them (总额 total, 财政拨款: fiscal, 上级财政资金:
central_provincial, 本级财政: county, 二、自有资金: unit_funds, 三、其他: other); the goal is the
年度目标; the indicators are the 年度 table's rows — level words only where 指标内容 is empty (what
the fused figure holds cannot be told), level words, name and target where it is printed; no
weights, scores, groups or totals (none printed).
"""

from __future__ import annotations

import copy
import random
from decimal import Decimal
from typing import Any

from tests.synth.messify.base import Sheet, forget_findings, number_of

TITLE = "项目绩效目标表"
HEAD = ("一级指标", "二级指标", "指标内容", "指标值", "备注")
PEOPLE = ("蒋建华", "李明", "张丽", "刘志强", "陈静", "杨帆")
SURVEY = ("镇域内水利、道路及乡村振兴等基础设施建设", "改善辖区内人居环境和公共服务设施",
          "保障项目按计划实施并发挥效益")
PLAN = ("总体概念规划", "核心区规划", "工程施工", "竣工验收")
LONG_GOALS = ("改善镇域内基础设施,振兴乡村经济", "持续提升公共服务水平,群众满意度稳步提高")
_GOAL_WORDS = ("总体目标", "年度绩效目标", "绩效目标", "年度总体目标")
_OPERATORS = ("≥", "≤", ">", "<", "=")


def library_together(sheet: Sheet, rng: random.Random) -> str:
    """The family's print: the project target forms reprinted as declarations, then the whole
    document run together (``run_together``, with its own parameters)."""
    from tests.synth.messify.layout_shapes import run_together

    library_decl(sheet, random.Random(rng.random()), share=1.0)
    return run_together(sheet, rng)


def library_decl(sheet: Sheet, rng: random.Random, share: float = 0.6) -> None:
    """Each project target form whose rows print a goal and a plain indicator header is
    reprinted as the declaration (in place, with probability ``share``); the gold follows."""
    for k, part in enumerate(sheet.parts):
        if part.rows is None or part.form is None:
            continue
        form = sheet.forms[part.form]
        if form.get("schema_name") != "project_target" or rng.random() >= share:
            continue
        old = str((form.get("header") or {}).get("title") or "")
        rows = _reprinted(part.rows, form, rng)
        if rows is None:
            continue
        part.rows = rows
        if k > 0 and sheet.parts[k - 1].rows is None:  # the old title printed above the table: gone
            sheet.parts[k - 1].prose = [line for line in sheet.parts[k - 1].prose if line != old]
        forget_findings(sheet, part.form)


def _key(text: str) -> str:
    return text.replace(" ", "").replace("\u3000", "")


def _col(row: list[str], *words: str) -> int | None:
    return next((c for c, t in enumerate(row) if _key(t) in words), None)


def _reprinted(rows: list[list[str]], form: dict[str, Any], rng: random.Random) -> list[list[str]] | None:
    header = form.get("header") or {}
    goal_row = next((row for row in rows if row and _key(row[0]) in _GOAL_WORDS), None)
    head = next((r for r, row in enumerate(rows) if _col(row, "三级指标") is not None), None)
    if goal_row is None or head is None or not header.get("year") or not header.get("project_name"):
        return None
    goal = next((t for t in goal_row[1:] if t.strip()), "")
    if not goal:
        return None
    funds = _funds(form, rng)
    if funds is None:
        return None
    year = int(header["year"])
    unit = str(header.get("unit_name") or header.get("department") or "")
    named = rng.random() < 0.5
    out: list[list[str]] = [[TITLE, f"({year}年度)"], [f"填报单位(盖章):{unit}"]]
    out.append(["项目名称", str(header["project_name"]), "项目属性",
                rng.choice(("新增项目□延续项目√", "新增项目√延续项目□"))])
    out.append(["主管部门", str(header.get("department") or ""), "主管部门编码", ""])
    out.append(["项目单位", unit, "项目负责人", rng.choice(PEOPLE), "联系电话", ""])
    out.append(["项目起止时间", f"{year}年度"])
    out.append(["年度资金总额及构成", funds])
    out.append(["项目概况", rng.choice(SURVEY) + "项目"])
    out.append(["立项情况", "项目立项的依据", "按发改立项", "项目申报的可行性", "已申报项目可行性评估",
                "项目申报的必要性", "为改善镇域内基础设施"])
    out.append(["项目实施进度计划", "项目实施内容", "开始时间", "完成时间"])
    for k, step in enumerate(rng.sample(PLAN, rng.randint(1, 3)), start=1):
        out.append([f"{k}" if k == 1 else f"{k}、", step, str(year - rng.randint(0, 4)), str(year)])
    out.append(["项目绩效目标", "长期目标", "年度目标"])
    out.append(["", rng.choice(LONG_GOALS), goal])
    table, gold = _indicators(form, named, rng)
    for word in ("长期绩效指标", "年度绩效指标"):
        out.append([word, *HEAD])
        out += [["", *row] for row in table]  # under the merged 长期/年度绩效指标 cell
    header["title"] = TITLE
    form["indicators"] = gold
    for key in ("totals", "groups", "deviation_note"):
        form.pop(key, None)
    width = max(len(row) for row in out)
    return [row + [""] * (width - len(row)) for row in out]


def _money(value: Decimal) -> str:
    return f"{value:f}"


def _funds(form: dict[str, Any], rng: random.Random) -> str | None:
    """The funds cell; the gold's funds become its labelled amounts (None where the form has no
    total budget)."""
    unit = str((form.get("header") or {}).get("money_unit") or "万元")
    by_role = {r.get("role"): r for r in form.get("funds") or []}
    total = number_of(str((by_role.get("total") or {}).get("budget") or ""))
    if total is None or total <= 0:
        return None
    fiscal = number_of(str((by_role.get("fiscal") or {}).get("budget") or "")) or total
    upper = (fiscal * Decimal(rng.choice((0, 50, 80, 100))) / 100).quantize(Decimal("0.01"))
    local = fiscal - upper
    own = Decimal(0)
    other = total - fiscal - own
    parts = [("总额", "total", total), ("财政拨款:", "fiscal", fiscal), ("上级财政资金:", "central_provincial", upper),
             ("本级财政:", "county", local), ("二、自有资金:", "unit_funds", own), ("三、其他:", "other", other)]
    form["funds"] = [{"role": role, "label": label, "budget": _money(v)} for label, role, v in parts]
    a = {role: f"{_money(v)}{unit}" for _, role, v in parts}
    return (f"总额{a['total']}财政拨款:{a['fiscal']}(其中:上级财政资金:{a['central_provincial']};"
            f"本级财政:{a['county']})二、自有资金:{a['unit_funds']}三、其他:{a['other']}")


def _indicators(form: dict[str, Any], named: bool,
                rng: random.Random) -> tuple[list[list[str]], list[dict[str, Any]]]:
    """The table's rows (levels once per group) and their gold: with 指标内容 printed, the name and
    its target (an operator the form printed in a column of its own now before the figure); without
    it, a bare figure and a 备注 figure that fuse, and the level words only."""
    out: list[list[str]] = []
    gold: list[dict[str, Any]] = []
    last1 = last2 = ""
    for ind in form.get("indicators") or []:
        l1, l2, name = str(ind.get("level1") or ""), str(ind.get("level2") or ""), str(ind.get("name") or "")
        if not l1 or not l2 or not name:
            continue
        shown1 = l1 if l1 != last1 else ""
        shown2 = l2 if (l1, l2) != (last1, last2) else ""
        last1, last2 = l1, l2
        entry: dict[str, Any] = {"level1": l1, "level2": l2}
        if named:
            target = copy.deepcopy(ind.get("target") or {})
            text = str(target.get("text") or "")
            op = str(target.get("operator") or "")
            if op in _OPERATORS and text[:1].isdigit():  # the operator printed in a column of its own
                text = op + text
                target["text"] = text
            out.append([shown1, shown2, name, text, ""])
            entry["name"] = name
            if text:
                entry["target"] = target
        else:
            out.append([shown1, shown2, "", str(rng.randint(20, 99)), "100"])
        gold.append(entry)
    return out, gold
