"""A county self-evaluation template with 分值 before the values and a 得分计算方法 column.

Some county templates (a 2022 项目支出绩效自评表 pasted run together from a sharing page) print
the indicator header as ``一级指标 二级指标 三级指标 分值 指标值(A) 全年实际值(B) 得分计算方法 得分
未完成原因分析``: the weight comes before target and actual, and a 得分计算方法 column sits before
得分.  That column is often empty, or a short formula text (``按完成比例得分``), or a figure (the
completion in per cent, ``100``).  The 一级 words state their points (``产出指标(40分)``), the 二级
words carry a note (``数量指标(必填硬性指标)``, ``时效指标(必填)``), a target or an actual may print
as a bare figure (``1200`` for ``≥1200户``), and the department is labelled ``主管部门及代码`` with a
code glued after its name (``某某局116422``).  Run together a row reads
``数量指标(必填硬性指标)发放慰问品户数20100%100%10020``.

The gold follows the print: the 二级 word without its note, the 一级 groups with their stated
points, a bare target or actual as the figure printed (no operator, no unit), the department's
name with its code (the label's ``及代码`` is no part of it); the 计算方法 cell has no field.  A
figure of that column travels with its row as ``method`` while the text is run together (so
``fused_pairs`` can tell whether a run with it is cut in one way) and leaves the gold after.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from tests.synth.messify.base import Sheet, forget_findings
from tests.synth.messify.county_fund import county_fund
from tests.synth.messify.header_columns import indicator_columns, key
from tests.synth.messify.layout_shapes import run_together
from tests.synth.messify.rubric_levels import rubric_levels

SHARE = 0.9  # of the project self-evaluations with a one-row indicator header
HEADER_AFTER_NAME = ("分值", "指标值(A)", "全年实际值(B)", "得分计算方法", "得分", "未完成原因分析")
# invented formula texts a 计算方法 cell prints (never a digit: a figure there is the completion)
METHOD_TEXTS = ("按完成比例得分", "达到目标值得满分", "完成得满分，未完成酌情扣分", "按实际完成情况计分",
                "全部完成得满分", "定性评价")
_NOTES = {"数量指标": ("(必填硬性指标)", "（必填硬性指标）"), "质量指标": ("(必填硬性指标)", "(必填)"),
          "时效指标": ("(必填)", "（必填）"), "成本指标": ("(必填)", "(选填)")}
_TARGET_WORDS = ("年度指标值", "年初目标值", "指标值")
_ACTUAL_WORDS = ("实际完成值", "全年实际值", "实际值", "完成值", "全年完成值")
_OTHER_COLUMNS = ("符号", "指标性质", "度量单位", "计量单位")
_DEPARTMENT_LABELS = ("主管部门", "项目主管部门")


def method_column(sheet: Sheet, rng: random.Random) -> None:
    """Each project self-evaluation with a one-row indicator header reprinted in this template with
    probability ``SHARE`` (its findings forgotten: the print changes what a reader can check)."""
    for part, form in sheet.tables_of("project_self_eval"):
        assert part.rows is not None and part.form is not None
        if rng.random() >= SHARE:
            continue
        rows = _reprinted(part.rows, form, rng)
        if rows is None:
            continue
        part.rows = rows
        _coded_department(part.rows, form, rng)
        forget_findings(sheet, part.form)


def _reprinted(rows: list[list[str]], form: dict[str, Any], rng: random.Random) -> list[list[str]] | None:
    found = indicator_columns(rows, _TARGET_WORDS, _ACTUAL_WORDS, _OTHER_COLUMNS,
                              under=(*_OTHER_COLUMNS, *_TARGET_WORDS, *_ACTUAL_WORDS))
    if found is None:
        return None  # no indicator table, or a header over two rows (指标性质 | 指标值 | 度量单位 under 年度指标值)
    head, (l1c, l2c, namec, wc, tc, ac, sc) = found
    hrow = rows[head]
    reason_col = next((c for c in range(len(hrow)) if c > max(wc, tc, ac, sc) and hrow[c].strip()), None)
    gold = list(form.get("indicators") or [])
    if not gold:
        return None
    mode = rng.choice(("empty", "empty", "figure", "text", "mixed"))
    bare = rng.random() < 0.4  # a target / actual printed as its bare figure, in these documents
    notes = {w: rng.choice(n) for w, n in _NOTES.items()}
    total = next((r for r in range(head + 1, len(rows)) if key(rows[r][0]) in ("总分", "合计")), None)
    lead = hrow[:l1c]
    body: list[list[str]] = [[*lead, "一级指标", "二级指标", "三级指标", *HEADER_AFTER_NAME]]
    stated = any(g.get("level") == 1 for g in form.get("groups") or [])
    points = {} if stated else _points(gold)  # a table printing its own points keeps them
    pending = list(gold)
    for row in rows[head + 1:total]:
        name = row[namec].strip() if len(row) > namec else ""
        entry = next((e for e in pending if e.get("name") == name), None) if name else None
        if entry is None:
            body.append([*row[:l1c], *[""] * (3 + len(HEADER_AFTER_NAME))])
            continue
        pending.remove(entry)
        level1 = row[l1c].strip()
        if level1 and level1 in points:
            level1 = f"{level1}({points[level1]}分)"
        level2 = row[l2c].strip()
        if level2 in notes and rng.random() < 0.8:
            level2 += notes[level2]
        target, actual = row[tc].strip(), row[ac].strip()
        if bare:
            target = _bare(entry, "target", target, rng)
            actual = _bare(entry, "actual", actual, rng)
        method = _method(entry, mode, rng)
        if method and method[0].isdigit():
            entry["method"] = method  # for ``fused_pairs`` while the text is run together; dropped after
        reason = row[reason_col].strip() if reason_col is not None and reason_col < len(row) else ""
        body.append([*row[:l1c], level1, level2, name, row[wc].strip(), target, actual, method,
                     row[sc].strip(), reason])
    if points:
        form["groups"] = [{"level": 1, "name": n, "stated_weight": str(p)} for n, p in points.items()] + list(
            form.get("groups") or [])
    out = [*rows[:head], *body]
    if total is not None:
        line = [""] * len(body[0])
        line[0] = rows[total][0]
        line[len(lead) + 3] = rows[total][wc] if wc < len(rows[total]) else ""
        line[len(lead) + 7] = rows[total][sc] if sc < len(rows[total]) else ""
        out.append(line)
        out += rows[total + 1:]
    width = max(len(row) for row in out)
    return [row + [""] * (width - len(row)) for row in out]


def _points(gold: list[dict[str, Any]]) -> dict[str, Decimal]:
    """Each 一级 group's points: its rows' weights added (only where every row prints one)."""
    out: dict[str, Decimal] = {}
    for entry in gold:
        level1 = str(entry.get("level1") or "")
        if not level1:
            continue
        try:
            out[level1] = out.get(level1, Decimal(0)) + Decimal(str(entry["weight"]))
        except (KeyError, ArithmeticError):
            out[level1] = Decimal(-1)
    return {k: v for k, v in out.items() if v >= 0}


def _bare(entry: dict[str, Any], field: str, printed: str, rng: random.Random) -> str:
    """Half the rows print a target or actual with a unit other than % as its figure alone."""
    value = entry.get(field)
    if not isinstance(value, dict) or not value.get("value") or value.get("unit") in (None, "%"):
        return printed
    if value.get("text") != printed or rng.random() >= 0.5:
        return printed
    figure = str(value["value"])
    entry[field] = {"value": figure, "text": figure}
    return figure


def _method(entry: dict[str, Any], mode: str, rng: random.Random) -> str:
    """The 计算方法 cell: nothing, a formula text, or the completion in per cent (a whole figure)."""
    kind = mode if mode != "mixed" else rng.choice(("empty", "figure", "text"))
    if kind == "empty":
        return ""
    if kind == "text":
        return rng.choice(METHOD_TEXTS)
    try:
        weight, score = Decimal(str(entry["weight"])), Decimal(str(entry["score"]))
    except (KeyError, ArithmeticError):
        return ""
    if weight <= 0:
        return ""
    return str(min(100, int((score / weight * 100).to_integral_value())))


def _coded_department(rows: list[list[str]], form: dict[str, Any], rng: random.Random) -> None:
    """In six in ten forms the department labelled 主管部门及代码, its code glued after its name."""
    if rng.random() >= 0.6:
        return
    code = "".join(rng.choice("0123456789") for _ in range(6))
    header = form.get("header") or {}
    for row in rows:
        for k, text in enumerate(row):
            if key(text) in _DEPARTMENT_LABELS and k + 1 < len(row) and row[k + 1].strip() == header.get("department"):
                row[k] = "主管部门及代码"
                row[k + 1] = row[k + 1].strip() + code
                header["department"] = row[k + 1]
                return


def method_runon(sheet: Sheet, rng: random.Random) -> str:
    """The ``method_runon`` shape: project self-evaluations reprinted in this template, then the whole
    document run together as ``run_together`` prints it, less the county special-fund and rubric
    reprints (templates of their own)."""
    method_column(sheet, random.Random(rng.random()))
    text = run_together(sheet, rng, without=(county_fund, rubric_levels))
    for form in sheet.forms:
        for entry in form.get("indicators") or []:
            entry.pop("method", None)
    return text
