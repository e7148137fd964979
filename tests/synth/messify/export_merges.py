"""Two prints of xlsx self-evaluations exported onto one line (real documents no dev sample shows).

- Indicator names numbered within their table (``指标1：发放补助人数``), print and gold alike.
- The indicator header's merged cells exported late: the header row keeps ``一级指标`` (and what
  stands before it) and its other cells (``二级指标 三级指标 … 分值 得分``) follow the table's
  first indicator row, as merged cells spanning two header rows print after the cells beside them.

- A Word table's labels printed with spaces (``年度财政 资金总额``, ``预算执行情况 (20 分)``) and a
  项目类别 row's choices (``1、部门预算项目 ☑ 2、区直专项 □``) between a header label and its value.

Nothing leaves the gold: every figure and name is printed whole, in the row it belongs to.
"""

from __future__ import annotations

import random
import re
from collections import Counter

from tests.synth.messify.base import Rows, Sheet

_NUMBERED = re.compile(r"指标\d+[：:]")


def numbered_names(sheet: Sheet) -> None:
    """Each table's indicator names numbered in print order (``指标N：name``); a name printed
    more than once in its table, or already numbered, is left as it is."""
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        entries = sheet.forms[part.form].get("indicators") or []
        names = {e["name"] for e in entries if isinstance(e.get("name"), str) and not _NUMBERED.search(e["name"])}
        printed = Counter(t.strip() for row in part.rows for t in row if t.strip() in names)
        renamed: dict[str, str] = {}
        for row in part.rows:
            for k, text in enumerate(row):
                name = text.strip()
                if printed.get(name) == 1:
                    star = "★" if name.startswith("★") else ""  # the core mark stays in front
                    renamed[name] = row[k] = f"{star}指标{len(renamed) + 1}：{name[len(star):]}"
        for entry in entries:
            if isinstance(entry.get("name"), str) and entry["name"] in renamed:
                entry["name"] = renamed[entry["name"]]


def late_header(rows: Rows) -> Rows:
    """The indicator header's cells after ``一级指标`` printed after the first indicator row under
    it (rows given without their empty cells); a header over two rows, or one not followed by a
    row of figures, is left."""
    for h, row in enumerate(rows):
        if "一级指标" not in row or h + 1 >= len(rows):
            continue
        at = row.index("一级指标") + 1
        below = rows[h + 1]
        if at >= len(row) or "一级指标" in below or not any(ch.isdigit() for t in below for ch in t):
            return rows
        out = [list(r) for r in rows]
        moved = out[h][at:]
        del out[h][at:]
        out.insert(h + 2, moved)
        return out
    return rows


_FUND_WORDS = re.compile(r"(资金|拨款|结转|总额|合计)")
_POINTS_TAIL = re.compile(r"[（(](\d+)分[)）]$")


def spaced_labels(rows: Rows, rng: random.Random) -> Rows:
    """A Word table's labels printed with the spaces its narrow cells wrapped at: a funds label
    of six characters or more cut once (``年度财政 资金总额``), stated points apart from their label
    and their unit (``预算执行情况 (20 分)``).  Labels compare without whitespace: the gold holds."""
    out: Rows = []
    for row in rows:
        cells = []
        for text in row:
            points = _POINTS_TAIL.search(text)
            if points and len(text) > len(points.group(0)) + 1:
                text = f"{text[:points.start()]} {points.group(0)[:-2]} {points.group(0)[-2:]}"
            elif _FUND_WORDS.search(text) and len(text) >= 6 and not re.search(r"[\d。，]", text):
                cut = rng.randint(2, len(text) - 2)
                text = text[:cut] + " " + text[cut:]
            cells.append(text)
        out.append(cells)
    return out


_OPTIONS = (("1、部门预算项目", "2、区直专项"), ("1、经常性项目", "2、一次性项目"), ("1、新增项目", "2、延续项目"))
_VALUE_LABELS = ("主管部门", "实施单位", "项目名称")


def checkbox_options(rows: Rows, rng: random.Random) -> Rows:
    """A 项目类别 row's choices (``1、部门预算项目 ☑ 2、区直专项 □``) exported between a header
    label and its value (``实施单位 1、部门预算项目 ☑ 2、区直专项 □ 某局``): a merged choice cell printed
    inside the row beside it.  The schema holds no 项目类别: the gold holds."""
    at = [k for k, row in enumerate(rows) if len(row) >= 2 and row[0] in _VALUE_LABELS]
    if not at:
        return rows
    k = rng.choice(at)
    first, second = rng.choice(_OPTIONS)
    marks = rng.choice((("☑", "□"), ("□", "☑"), ("□", "□")))
    out = [list(r) for r in rows]
    out[k][1:1] = [first, marks[0], second, marks[1]]
    return out
