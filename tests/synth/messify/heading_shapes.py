"""The 一级指标 column printed as heading lines (a web page's indicator table copied as text,
samples 32 and 58): the header keeps 二级指标 | 三级指标 | …, each 一级 cell that states its points
(``产出指标（50分）``) becomes a line of its own above its rows, and in half of the groups the
first row's 二级 word is printed on that line beside it (``效益指标（30分） | 经济效益指标``,
sample 32).  Only tables whose 一级 cells state their points are printed so (a heading line
without points is not told from an indicator); the gold does not change.
"""

from __future__ import annotations

import random
import re

from tests.synth.messify.base import Sheet, tsv_text

_POINTS = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]$")
_TOTALS = ("总分", "合计")


def headings(sheet: Sheet, rng: random.Random) -> str:
    for part in sheet.tables():
        assert part.rows is not None and part.form is not None
        if "items" in sheet.forms[part.form]:
            continue  # a score sheet's rubric: its own shape (pdf_sheet)
        rows = part.rows
        head = next((r for r, row in enumerate(rows) if any(t.replace(" ", "") == "一级指标" for t in row)), None)
        if head is None:
            continue
        col = next(c for c, t in enumerate(rows[head]) if t.replace(" ", "") == "一级指标")
        end = next((r for r in range(head + 1, len(rows))
                    if any(t.replace(" ", "") in _TOTALS for t in rows[r])), len(rows))
        body = rows[head + 1:end]
        starts = [row[col] for row in body if col < len(row) and row[col].strip()]
        beside = rows[head][col + 1].replace(" ", "") if col + 1 < len(rows[head]) else ""
        if not starts or not all(_POINTS.search(t.strip()) for t in starts) or beside != "二级指标":
            continue
        out = [*rows[:head], rows[head][:col] + rows[head][col + 1:]]
        previous = ""
        for row in body:
            level1 = row[col] if col < len(row) else ""
            rest = row[:col] + row[col + 1:]
            if level1.strip() and level1 != previous:  # a merge printed again in every row: one heading
                previous = level1
                # a row of its own spanning the table (its further positions empty), no lead cells
                line = [level1] + [""] * (len(rows[head]) - 2)
                if rest[col:col + 1] and rest[col].strip() and rng.random() < 0.5:
                    line[1] = rest[col]  # the group's first 二级 word beside its heading
                    rest = rest[:col] + [""] + rest[col + 1:]
                out.append(line)
            while rest and not rest[-1].strip():
                rest = rest[:-1]  # a copied page drops the empty cells a row ends with
            out.append(rest)
        out += rows[end:]
        part.rows = out
    return tsv_text(sheet.parts)
