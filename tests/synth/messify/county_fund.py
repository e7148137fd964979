"""A project self-evaluation reprinted as a county special-fund form (县级专项资金绩效目标自评表).

Text copied from document-sharing sites prints this template run together: the labels 专项资金名称
/ 负责人及电话 / 县级主管部门 / 实施单位, a funds block of budget, execution and rate only
(``项目资金(万元) 全年预算数(A) 全年执行数(B) 执行率(B/A)``; rows 年度资金总额 / 其中:中央、省、市补助 /
县级资金 / 其他资金, an empty row printing its label alone), the goals under ``年度总体目标 年初设定目标
全年实际完成情况`` and an indicator table with no weight or score columns (``一级指标 二级指标 三级指标
年度指标值 全年完成值 未完成原因和改进措施``).  Level words, header words and names are broken by
stray spaces (``产 出 指 标``, ``年度指标 值``, ``成 品粮``).

The gold follows the print: the title as printed, funds labels and roles as printed (the fiscal
row's figures under 其中:中央、省、市补助), no initial budget, weights, scores or totals; names and
levels keep their text (scoring ignores whitespace); the form's expected findings are forgotten.
"""

from __future__ import annotations

import copy
import random
import re
from typing import Any

from tests.synth.messify.base import Sheet, forget_findings

TITLE = "县级专项资金绩效目标自评表"
FUNDS_HEADER = ("项目资金(万元)", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)")
GOAL_HEADER = ("年度总体目标", "年初设定目标", "全年实际完成情况")
INDICATOR_HEADER = ("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "全年完成值", "未完成原因和改进措施")
# the funds rows the template prints, with the generated role whose figures each takes
FUNDS_ROWS = (("年度资金总额", "total"), ("其中:中央、省、市补助", "fiscal"), ("县级资金", None), ("其他资金", "other"))
PEOPLE = ("王建华", "李明", "张丽", "刘志强", "陈静", "杨帆")
_POINTS = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]")  # a level's stated points: no weights here
_OTHER_COLUMNS = ("符号", "指标性质", "度量单位")  # an operator or unit column: not this template's table
_TARGET_WORDS = ("年度指标值", "年初目标值", "指标值")
_ACTUAL_WORDS = ("实际完成值", "全年实际值", "实际值", "完成值")
_REASON_WORDS = ("偏差原因", "未完成原因", "原因")


def county_fund(sheet: Sheet, rng: random.Random) -> None:
    """Each project self-evaluation whose tables this template can print (one indicator header
    row of name, target, actual, weight, score and reason columns) reprinted in place with
    probability 0.8; a title printed on a prose line above the table is reworded there."""
    for k, part in enumerate(sheet.parts):
        if part.rows is None or part.form is None:
            continue
        form = sheet.forms[part.form]
        header = form.get("header") or {}
        if form.get("schema_name") != "project_self_eval" or not header.get("title") or rng.random() >= 0.8:
            continue
        old = str(header["title"])
        gold = copy.deepcopy(form)
        rows = _reprinted(part.rows, gold, rng)
        before = sheet.parts[k - 1] if k > 0 and sheet.parts[k - 1].rows is None else None
        above = before is not None and old in before.prose
        if rows is None or not (above or any(gold["header"]["title"] in row for row in rows)):
            continue  # not this template's table, or its title printed where the template does not
        if before is not None and above:
            before.prose = [gold["header"]["title"] if line == old else line for line in before.prose]
        part.rows = rows
        sheet.forms[part.form] = gold
        forget_findings(sheet, part.form)


def _key(text: str) -> str:
    return text.replace(" ", "").replace("\u3000", "")


def _find(row: list[str], words: tuple[str, ...]) -> int | None:
    return next((c for c, t in enumerate(row) if any(_key(t).startswith(w) for w in words)), None)


def _reprinted(rows: list[list[str]], form: dict[str, Any], rng: random.Random) -> list[list[str]] | None:
    """The template's rows for ``form``, or None when its table is not one this template prints
    (the rows above its labels kept, its title cell reworded; the gold title follows)."""
    header = form.get("header") or {}
    old_title = str(header.get("title"))
    head = next((r for r, row in enumerate(rows) if any(_key(t) == "三级指标" for t in row)), None)
    goal = next((r for r, row in enumerate(rows) if any(_key(t) == "年度总体目标" for t in row)), None)
    if head is None or goal is None or goal + 1 >= head or not header.get("title"):
        return None
    if head + 1 < len(rows) and any(_key(t) == "三级指标" for t in rows[head + 1]):
        head += 1  # a header over two rows: the second names every column
    hrow = rows[head]
    if _find(hrow, _TARGET_WORDS) is None and head + 1 < len(rows):
        hrow = [a + b for a, b in zip(hrow, rows[head + 1], strict=False)]  # 年度 / 指标值 over two rows
        head += 1
    cols = [_find(hrow, ("一级指标",)), _find(hrow, ("二级指标",)), _find(hrow, ("三级指标",)),
            _find(hrow, _TARGET_WORDS), _find(hrow, _ACTUAL_WORDS)]
    below = rows[head + 1] if head + 1 < len(rows) else []
    if any(c is None for c in cols) or any(w in _key(t) for t in [*hrow, *below] for w in _OTHER_COLUMNS):
        return None
    reason = _find(hrow, _REASON_WORDS)
    goals = [t for t in rows[goal + 1] if t.strip() and _key(t) != "年度总体目标"]
    if len(goals) != 2:
        return None
    label = next((r for r, row in enumerate(rows) if any(_key(t) == "项目名称" for t in row)), None)
    if label is None or label >= goal:
        return None
    title = _title(header)
    out = [[title if t == old_title else t for t in row] for row in rows[:label]]
    out.append(["专项资金名称", str(header.get("project_name", "")), "负责人及电话",
                f"{rng.choice(PEOPLE)} 1{rng.randint(3, 9)}{rng.randint(0, 10**9 - 1):09d}"])
    out.append(["县级主管部门", str(header.get("department", "")), "实施单位", str(header.get("unit_name", ""))])
    out += _funds(form, rng)
    out.append(list(GOAL_HEADER))
    out.append(["", *goals])
    out.append([_spaced(w, rng, 0.5 if i < 4 else 0.15) for i, w in enumerate(INDICATOR_HEADER)])
    out += _indicators(rows[head + 1:], form, [c for c in cols if c is not None], reason, rng)
    width = max(len(row) for row in out)
    return [row + [""] * (width - len(row)) for row in out]


def _title(header: dict[str, Any]) -> str:
    """The template's title, after the year where the form's title printed one (the year stays
    printed); the gold follows."""
    year = header.get("year")
    title = f"{year}年度{TITLE}" if year and str(year) in str(header["title"]) else TITLE
    header["title"] = title
    return title


def _spaced(word: str, rng: random.Random, p: float, every: float = 0.5) -> str:
    """``word`` with a stray space: between every character (``产 出 指 标``, probability
    ``every``) or once inside (``年度指标 值``)."""
    if len(word) < 2 or rng.random() >= p:
        return word
    if rng.random() < every:
        return " ".join(word)
    cut = rng.randint(1, len(word) - 1)
    return f"{word[:cut]} {word[cut:]}"


def _funds(form: dict[str, Any], rng: random.Random) -> list[list[str]]:
    """The funds header and rows; the gold's funds become the printed rows (an empty one keeps its
    label only; weights, scores and initial budgets are not printed)."""
    by_role = {r.get("role"): r for r in form.get("funds") or []}
    if "total" not in by_role:
        return []
    rows = [[f"项目资金({form.get('header', {}).get('money_unit') or '万元'})", *FUNDS_HEADER[1:]]]
    gold: list[dict[str, Any]] = []
    for label, source in FUNDS_ROWS:
        old = by_role.get(source) if source else None
        figures = {k: old[k] for k in ("budget", "executed", "rate") if old and old.get(k)}
        role = "total" if source == "total" else ("central_provincial" if source == "fiscal" else
                                                   "county" if source is None else "other")
        if not figures and rng.random() < 0.3:
            continue  # an empty row left out
        rate = f"{figures['rate']}%" if "rate" in figures else ""
        rows.append([label, figures.get("budget", ""), figures.get("executed", ""), rate])
        gold.append({"role": role, "label": label, **figures})
    form["funds"] = gold
    return rows


def _indicators(rows: list[list[str]], form: dict[str, Any], cols: list[int], reason: int | None,
                rng: random.Random) -> list[list[str]]:
    """The indicator rows without weight and score (the gold loses them, its totals and groups;
    a level's stated points are not printed),
    levels printed once per group, some with stray spaces, as are a few names."""
    l1_col, l2_col, name_col, target_col, actual_col = cols
    out: list[list[str]] = []
    by_name = {str(ind.get("name", "")): ind for ind in form.get("indicators") or []}
    last1 = last2 = ""
    for row in rows:
        name = row[name_col].strip() if name_col < len(row) else ""
        if not name:
            continue  # 总分 and other rows without a name
        l1, l2 = _POINTS.sub("", row[l1_col]).strip() or last1, _POINTS.sub("", row[l2_col]).strip() or last2
        shown1 = _spaced(l1, rng, 0.6) if l1 != last1 else ""
        shown2 = _spaced(l2, rng, 0.2) if (l1, l2) != (last1, last2) else ""
        last1, last2 = l1, l2
        ind = by_name.get(name)
        if ind is not None and rng.random() < 0.15:
            name = _spaced(name, rng, 1.0, every=0.0) if " " not in name else name
        why = row[reason].strip() if reason is not None and reason < len(row) else ""
        out.append(["", shown1, shown2, name, row[target_col], row[actual_col], why])
    for ind in form.get("indicators") or []:
        ind.pop("weight", None)
        ind.pop("score", None)
    for key in ("totals", "groups", "deviation_note"):
        form.pop(key, None)  # not printed: no 总分 row, no weights, no note row
    return out
