"""A project self-evaluation whose indicator table is a scoring rubric (项目决策 / 项目管理 rows).

Rubric-style county templates copied from document-sharing sites print the evaluation
framework's groups before the form's own indicators: ``项目决策(10分)`` and ``项目管理(25分)``
with 二级 words such as 项目目标 / 投入管理 / 财务管理, each row a criterion scored by a rubric.
The table's columns put 分值 before the target (``一级指标 二级指标 三级指标 分值 指标值(A)
全年实际值(B) 得分 未完成原因分析及改进措施``, 分值 printed as 参考分值 or OCR'd ``考值参分``);
a criterion's target is an empty cell printed as a dash (``一`` ``—`` ``-``) or nothing, and its actual is
the criterion met, a text (``目标明确、内容细化``) or a rate (``100%``): run together
``目标完整性4一目标明确、内容细化4``.  The form's own groups head as 项目产出 / 项目效益 with
their points.  A fifth of the reprints are an EMPTY template: every figure of the indicator
table and the funds block is blank (the labels, levels and names print), the 分值 cell
printing its unit alone (``分``) in half of them.

The gold follows the print: the criteria rows join the indicators (no target; the actual as
printed), the rubric groups with their stated points join the groups, the totals are the
printed sums; an empty template keeps names and levels only, no funds figure, weight, score or
total.  The form's expected findings are forgotten (the criteria change its sums).
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from typing import Any

from tests.synth.messify.base import Sheet, forget_findings
from tests.synth.messify.county_fund import county_fund
from tests.synth.messify.header_columns import indicator_columns, key
from tests.synth.messify.layout_shapes import run_together
from tests.synth.messify.rubric_review import Entry, review_gold, review_table

# (一级, 二级, criteria) of the two framework groups printed before the form's own indicators;
# a criterion is (name, text it prints as met, or None for a rate)
FRAMEWORK: tuple[tuple[str, tuple[tuple[str, tuple[tuple[str, str | None], ...]], ...]], ...] = (
    ("项目决策", (
        ("项目立项", (("立项依据充分性", "依据充分、符合规划"), ("立项程序规范性", "程序规范、手续齐全"))),
        ("项目目标", (("目标完整性", "目标明确、内容细化"), ("目标合理性", "目标合理、可衡量"),
                     ("绩效指标明确性", "指标清晰、细化量化"))),
        ("决策过程", (("决策程序规范性", "按规定程序决策"), ("资金分配合理性", "分配合理、标准明确"))),
    )),
    ("项目管理", (
        ("投入管理", (("资金到位率", None), ("资金到位及时性", "按时足额到位"))),
        ("财务管理", (("财务制度有效性", "制度健全、执行有效"), ("资金使用合规性", "使用合规、无截留挪用"),
                     ("预算执行率", None))),
        ("业务管理", (("管理制度健全性", "制度健全"), ("项目质量可控性", "质量标准明确、检查到位"))),
    )),
)
_RUBRIC_LEVEL1 = {"产出指标": "项目产出", "效益指标": "项目效益"}
# the form's own 二级 words in the framework's wording (2020 rubric: 产出数量 … 满意度), half the reprints
_RUBRIC_LEVEL2 = {"数量指标": "产出数量", "质量指标": "产出质量", "时效指标": "产出时效", "成本指标": "产出成本",
                  "经济效益指标": "经济效益", "社会效益指标": "社会效益", "生态效益指标": "生态效益",
                  "可持续影响指标": "可持续影响", "服务对象满意度指标": "满意度"}
# 项目过程: the 2013 framework's name for the management group (a third of the reprints)
_PROCESS = "项目过程"
_DASHES = ("一", "—", "-", "")  # "": the empty target prints nothing (``目标完整性4目标明确、内容细化4``)
_WEIGHT_WORDS = ("分值", "参考分值", "考值参分")  # 考值参分: 参考分值 OCR'd column by column
HEADER_AFTER_NAME = ("指标值(A)", "全年实际值(B)", "得分", "未完成原因分析及改进措施")
_NAME_ROW = ("名称", "名称", "名称")  # the level headings' last word, wrapped under them
_TARGET_WORDS = ("年度指标值", "年初目标值", "指标值")
_ACTUAL_WORDS = ("实际完成值", "全年实际值", "实际值", "完成值")
_OTHER_COLUMNS = ("符号", "指标性质", "度量单位")
_POINTS = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]")


def rubric_rows(sheet: Sheet, rng: random.Random, wraps: random.Random | None = None) -> None:
    """Each project self-evaluation whose indicator table has one header row of 一级 / 二级 /
    三级 / target / actual / 分值 / 得分 columns reprinted as a rubric with probability 0.9; with
    ``wraps`` (a stream of its own, so the other draws print as before) a quarter of the rubrics
    wrap their level headings, printing the 名称 words on a row of their own (sample 55)."""
    for part, form in sheet.tables_of("project_self_eval"):
        assert part.rows is not None and part.form is not None
        if rng.random() >= 0.9:
            continue
        empty = rng.random() < 0.2
        named = wraps is not None and wraps.random() < 0.25
        rows = _reprinted(part.rows, form, rng, empty, named)
        if rows is None:
            continue
        part.rows = rows
        forget_findings(sheet, part.form)


def _reprinted(rows: list[list[str]], form: dict[str, Any], rng: random.Random, empty: bool,
               named: bool = False) -> list[list[str]] | None:
    found = indicator_columns(rows, _TARGET_WORDS, _ACTUAL_WORDS, _OTHER_COLUMNS)
    if found is None:
        return None
    head, (l1c, l2c, namec, wc, tc, ac, sc) = found
    hrow = rows[head]
    if not empty and rng.random() < 0.3:
        return _review(rows, head, form, rng)
    lead = hrow[:l1c]
    dash = rng.choice(_DASHES)
    repeat = _repeats_level1(rows[head + 1:], l1c, namec)
    header = [*lead, "一级指标", "二级指标", "三级指标", rng.choice(_WEIGHT_WORDS), *HEADER_AFTER_NAME]
    body: list[list[str]] = []
    gold_rows: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    process, words2 = rng.random() < 1 / 3, rng.random() < 0.5
    for level1, blocks in FRAMEWORK:
        level1 = _PROCESS if process and level1 == "项目管理" else level1
        picked = [(l2, rng.sample(items, rng.randint(1, len(items)))) for l2, items in blocks if rng.random() < 0.7]
        if not picked:
            picked = [(blocks[0][0], list(blocks[0][1][:1]))]
        entries: list[tuple[str, str, int, str, str]] = []
        for l2, items in picked:
            for name, text in items:
                weight = rng.randint(2, 8)
                score = str(weight) if rng.random() < 0.7 else _short(weight, rng)
                actual = text if text is not None else f"{rng.choice((100, 100, 98, 95.5))}%"
                entries.append((l2, name, weight, score, actual))
        points = sum(e[2] for e in entries)
        shown1 = level1 if empty else f"{level1}（{points}分）"  # an empty template states no points
        groups.append({"level": 1, "name": level1, "stated_weight": str(points)})
        last2 = ""
        for k, (l2, name, weight, score, actual) in enumerate(entries):
            cell1 = shown1 if k == 0 or repeat else ""
            cell2 = l2 if l2 != last2 or repeat else ""
            last2 = l2
            figures = ["分" if empty and rng.random() < 0.5 else "", "", "", ""] if empty else \
                [str(weight), dash, actual, score]
            body.append([*["" for _ in lead], cell1, cell2, name, *figures, ""])
            entry: dict[str, Any] = {"level1": level1, "level2": l2, "name": name}
            if not empty:
                entry.update(weight=str(weight), score=score, actual=_measure(actual))
            gold_rows.append(entry)
    sums = _group_points(rows[head + 1:], l1c, namec, wc)
    total = next((r for r in range(head + 1, len(rows)) if key(rows[r][0]) in ("总分", "合计")), None)
    last1 = ""
    for row in rows[head + 1:total]:
        if not row[namec].strip():
            continue
        l1 = _POINTS.sub("", row[l1c]).strip()
        word = _RUBRIC_LEVEL1.get(key(l1))
        if word is not None and l1:
            row = list(row)
            shown = word if empty else f"{word}（{sums[key(l1)]}分）"
            if l1 != last1:
                groups.append({"level": 1, "name": word, "stated_weight": str(sums[key(l1)])})
            row[l1c] = shown
        last1 = l1 or last1
        figures = ["分" if empty and rng.random() < 0.5 else "", "", "", ""] if empty else \
            [row[wc], row[tc], row[ac], row[sc]]
        last = max(wc, tc, ac, sc)
        reason = "" if empty else next((row[c] for c in range(len(row)) if c > last and row[c].strip()), "")
        if words2 and (l2 := _POINTS.sub("", row[l2c]).strip()) in _RUBRIC_LEVEL2:
            row = list(row)
            row[l2c] = _RUBRIC_LEVEL2[l2] + row[l2c].strip()[len(l2):]  # 数量指标（20分） → 产出数量（20分）
        levels = [_POINTS.sub("", row[c]) if empty else row[c] for c in (l1c, l2c)]
        body.append([*row[:l1c], *levels, row[namec], *figures, reason])
    _relevel(form, empty, _RUBRIC_LEVEL2 if words2 else {})
    form["indicators"] = gold_rows + list(form.get("indicators") or [])
    form["groups"] = [g for g in groups if not empty] + [  # a group not renamed keeps its printed points
        g for g in form.get("groups") or [] if not empty and g.get("name") not in (*_RUBRIC_LEVEL1.values(),
                                                                                     *_RUBRIC_LEVEL1)]
    if not form["groups"]:
        del form["groups"]
    weights = [Decimal(str(i["weight"])) for i in form["indicators"] if i.get("weight")]
    scores = [Decimal(str(i["score"])) for i in form["indicators"] if i.get("score")]
    wrapped = [*["" for _ in lead], *_NAME_ROW, *["" for _ in HEADER_AFTER_NAME], ""] if named else []
    out = [*rows[:head], header, *([wrapped] if wrapped else []), *body]
    if total is not None and not empty:
        w, s = sum(weights, Decimal(0)), sum(scores, Decimal(0))
        line = [""] * len(header)
        line[0], line[len(lead) + 3], line[len(lead) + 6] = rows[total][0], str(w), str(s)
        out.append(line)
        form["totals"] = {"weight": str(w), "score": str(s)}
    elif total is not None:
        out.append([rows[total][0]])
        form.pop("totals", None)
    if empty:
        _blank_funds(out[:head], form)
    width = max(len(row) for row in out)
    return [row + [""] * (width - len(row)) for row in out]


def _review(rows: list[list[str]], head: int, form: dict[str, Any], rng: random.Random
            ) -> list[list[str]] | None:
    """The table reprinted with a review column (``rubric_review``): the framework's criteria,
    then the form's own indicators under 项目产出 / 项目效益, each with its weight and self score."""
    entries: list[Entry] = []
    for level1, blocks in FRAMEWORK:
        for _, items in blocks:
            for name, _ in rng.sample(items, rng.randint(0, min(2, len(items)))):
                weight = rng.randint(2, 8)
                score = Decimal(weight) if rng.random() < 0.7 else Decimal(_short(weight, rng))
                entries.append((level1, name, Decimal(weight), score))
    for ind in form.get("indicators") or []:
        try:
            weight, score = Decimal(str(ind["weight"])), Decimal(str(ind["score"]))
        except (KeyError, ArithmeticError):
            return None  # a form without a weight and a score on every row prints no review table
        level1 = str(ind.get("level1") or "")
        entries.append((_RUBRIC_LEVEL1.get(level1, level1), str(ind["name"]), weight, score))
    if not entries or any(not e[0] for e in entries):
        return None
    table, groups = review_table(entries, rng)
    review_gold(form, entries, groups)
    total = next((r for r in range(head + 1, len(rows)) if key(rows[r][0]) in ("总分", "合计")), None)
    out = [*rows[:head], *table, *(rows[total + 1:] if total is not None else [])]
    width = max(len(row) for row in out)
    return [row + [""] * (width - len(row)) for row in out]


def _repeats_level1(rows: list[list[str]], l1c: int, namec: int) -> bool:
    """The table prints its merged 一级 cell on every row (Hubei's style)."""
    named = [row for row in rows if row[namec].strip()]
    return len(named) > 1 and bool(named[1][l1c].strip())


def _group_points(rows: list[list[str]], l1c: int, namec: int, wc: int) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    current = ""
    for row in rows:
        if not row[namec].strip():
            continue
        current = key(_POINTS.sub("", row[l1c])) or current
        try:
            out[current] = out.get(current, Decimal(0)) + Decimal(row[wc].strip())
        except ArithmeticError:
            continue
    return out


def _short(weight: int, rng: random.Random) -> str:
    """A score short of its weight: a whole point or a fraction off."""
    return str(weight - 1) if rng.random() < 0.5 else str((Decimal(weight) * Decimal("0.8")).quantize(Decimal("0.1")))


def _measure(actual: str) -> dict[str, Any]:
    if actual.endswith("%"):
        return {"value": actual[:-1], "unit": "%", "text": actual}
    return {"operator": "qualitative", "text": actual}


def _relevel(form: dict[str, Any], empty: bool, level2: dict[str, str]) -> None:
    """The form's own indicators under 项目产出 / 项目效益 (their 二级 words reworded by
    ``level2``); an empty template keeps no figure."""
    for group in form.get("groups") or []:
        if group.get("level") == 2 and group.get("name") in level2:
            group["name"] = level2[group["name"]]
    for ind in form.get("indicators") or []:
        if ind.get("level1") in _RUBRIC_LEVEL1:
            ind["level1"] = _RUBRIC_LEVEL1[ind["level1"]]
        if ind.get("level2") in level2:
            ind["level2"] = level2[ind["level2"]]
        if empty:
            for key in ("target", "actual", "weight", "score", "deviation_reason"):
                ind.pop(key, None)


_FUND_FIGURE = re.compile(r"^[\d.,]+%?$")


def _blank_funds(rows: list[list[str]], form: dict[str, Any]) -> None:
    """An empty template's funds rows print no figure (in place); the gold keeps their labels."""
    for row in rows:
        for c, text in enumerate(row):
            if _FUND_FIGURE.match(text.strip()):
                row[c] = ""
    for fund in form.get("funds") or []:
        for field in [k for k in fund if k not in ("role", "label")]:
            del fund[field]


def rubric_runon(sheet: Sheet, rng: random.Random) -> str:
    """The ``rubric_runon`` shape: project self-evaluations reprinted as rubrics (``rubric_rows``),
    then the whole document run together as ``run_together`` prints it, less the county
    special-fund reprint (a template with no 分值 column, which would print no rubric)."""
    seed = rng.random()
    rubric_rows(sheet, random.Random(seed), random.Random(f"{seed}:wraps"))
    return run_together(sheet, rng, without=(county_fund,))
