"""Two prints of xlsx self-evaluations exported onto one line (real documents no dev sample shows).

- Indicator names numbered within their table (``指标1：发放补助人数``), print and gold alike.
- The indicator header's merged cells exported late: the header row keeps ``一级指标`` (and what
  stands before it) and its other cells (``二级指标 三级指标 … 分值 得分``) follow the table's
  first indicator row, as merged cells spanning two header rows print after the cells beside them.

Nothing leaves the gold: every figure and name is printed whole, in the row it belongs to.
"""

from __future__ import annotations

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
