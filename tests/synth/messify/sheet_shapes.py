"""The shape of a score sheet's PDF text layer (issue 19, sample 09): label lines, then figures.

A PDF rubric with merged 一级/二级 cells loses its columns when its text is copied: every row
comes out as one line holding the row's labels, and the row's figures (分值 得分, or the score
alone where the points sit in the labels) open the next line, in front of the next row's
labels.  A merged cell's label is printed once, glued to the first row it spans
(``科学决策必要性``), and its stated points often come out *before* its name, the bracket broken
over the line end (``(`` / ``10 分)项目管理``), without 分 (``(10 ) 绩效目标``) or with a
qualifier inside (``(特性指标70 分)项目绩效``).  A page number can fall between two rows.

``pdf_sheet`` prints every score sheet of a document that way (other forms print as the clean
TSV: the shape is defined for sheets) with its parameters drawn per document: points before or
after the names, which bracket break each label takes, a header line or none, the title kept or
cut off above the excerpt (then the gold loses title and year).  The sheet prints its labels'
points at both levels, so the gold's groups are the 一级 and 二级 sums of its items; text
columns (评分标准, 扣分原因) and the 序号 are not printed and leave the gold.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from tests.synth.messify.base import Part, Sheet, tsv_text

_SHEETS = ("dept_score_sheet", "project_score_sheet")


def pdf_sheet(sheet: Sheet, rng: random.Random) -> str:
    """Every score sheet of the document printed as its PDF text layer (see the module doc)."""
    first = True
    parts: list[Part] = []
    for part in sheet.parts:
        if part.rows is None or part.form is None or sheet.forms[part.form].get("schema_name") not in _SHEETS:
            parts.append(part)
            continue
        form = sheet.forms[part.form]
        title = form.get("header", {}).get("title")
        if parts and title and parts[-1].prose and parts[-1].prose[-1] == title:
            parts[-1].prose = parts[-1].prose[:-1]  # the title is printed (or not) with the sheet below
        keep_title = not first or rng.random() < 0.6
        lines = _sheet_lines(form, rng, title if keep_title else None)
        if not keep_title:
            form.get("header", {}).pop("title", None)
            form.get("header", {}).pop("year", None)
        parts.append(Part(prose=lines))
        first = False
    return tsv_text(parts)


def _points(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _label(name: str, points: Decimal, before: bool, rng: random.Random, qualifier: str,
           first: bool, top: bool) -> tuple[str, str]:
    """(tail of the previous line, the label as printed): the first label of a row may open its
    bracket on the line above; the sheet's very first may lose it above the excerpt."""
    p = _points(points)
    gap = rng.choice(("", " "))
    if not before:
        return "", f"{name}{rng.choice(('(', '（'))}{p}{gap}分{rng.choice((')', '）'))}"
    forms = ("whole", "broken", "no_fen", *(("lost",) if top else ())) if first else ("whole", "no_fen")
    form = rng.choice(forms)
    inner = f"{qualifier}{p}{gap}{'' if form == 'no_fen' else '分'}"
    if form == "lost":
        return "", f"{p} 分){name}"
    if form == "broken":
        return " (", f"{inner}){name}"
    return "", f"({inner}){name}" if form == "whole" or rng.random() < 0.5 else f"({inner} ){name}"


def _sheet_lines(form: dict[str, Any], rng: random.Random, title: str | None) -> list[str]:
    items: list[dict[str, Any]] = form.get("items") or []
    totals: dict[str, Any] = form.get("totals") or {}
    weight_column = totals.get("weight") is not None  # a 分值 column: the gold names a total weight
    before = rng.random() < 0.6  # points printed before the names (sample 09) or after them
    sums1: dict[str, Decimal] = {}
    sums2: dict[tuple[str, str], Decimal] = {}
    for it in items:
        w = Decimal(it["weight"])
        sums1[it["level1"]] = sums1.get(it["level1"], Decimal(0)) + w
        sums2[(it["level1"], it["level2"])] = sums2.get((it["level1"], it["level2"]), Decimal(0)) + w
    groups: list[dict[str, Any]] = []
    text = f"{title}\n" if title else ""
    if rng.random() < 0.5:
        text += " ".join(["一级指标", "二级指标", "三级指标", *(["分值"] if weight_column else []), "得分"]) + "\n"
    qualifier = rng.choice(("", "", "共性指标", "个性指标")) if before else ""
    page_at = rng.randrange(1, len(items)) if len(items) > 2 and rng.random() < 0.4 else None
    prev: tuple[str, str] | None = None
    for k, it in enumerate(items):
        l1, l2 = it["level1"], it["level2"]
        labels: list[tuple[str, Decimal, str]] = []
        if prev is None or l1 != prev[0]:
            labels.append((l1, sums1[l1], qualifier))
            groups.append({"level": 1, "name": l1, "stated_weight": _points(sums1[l1])})
        if prev != (l1, l2):
            labels.append((l2, sums2[(l1, l2)], ""))
            groups.append({"level": 2, "name": l2, "stated_weight": _points(sums2[(l1, l2)])})
        if not weight_column:
            labels.append((it["name"], Decimal(it["weight"]), ""))
        prev = (l1, l2)
        if page_at == k:
            text += f"\n{rng.randint(2, 30)} "  # a page number between two rows
        printed = ""
        for n, (name, points, qual) in enumerate(labels):
            tail, label = _label(name, points, before, rng, qual, first=n == 0, top=k == 0 and n == 0)
            if tail:
                text += tail + "\n"  # a bracket broken over the line end opens on the line above
            printed += label
        if weight_column:
            printed += it["name"]
        text += printed + "\n"
        figures = ([it["weight"]] if weight_column else []) + ([it["score"]] if "score" in it else [])
        text += " ".join(figures) + (" " if figures else "")
    if totals:
        text = text.rstrip(" ") + "\n" + rng.choice(("合计", "总分")) + "\n"
        text += " ".join(totals[key] for key in ("weight", "score") if key in totals)
    for it in items:
        for key in ("criteria", "description", "note"):
            it.pop(key, None)
    form["groups"] = groups
    return [line.rstrip() for line in text.rstrip().split("\n")]
