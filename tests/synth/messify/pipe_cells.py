"""Pipe tables printed one cell per line (a markdown-ish converter's print of a web or Word table).

Each filled cell sits on a line of its own ending in `` |``; the row ends with a line of pipes
only (a lone ``|`` in some documents, a run such as ``||||||`` in others).  A cell followed by
empty cells of a horizontal merge carries their pipes on its own line (``产出指标 |||``); the
empty cells a vertical merge leaves at the start of a row print nothing, so a table whose 一级
column is merged prints it on the first row of its block only and the later rows open at their
二级 (or 三级) cell.  Some documents print a ``填报单位:(盖章) 单位:万元 |`` line above each table.

Nothing is lost from the gold: every filled cell is printed whole and in its row; the unit line
states the form's own money unit (the gold's), and no unit is printed where the gold has none.
Some indicator rows leave their 实际完成值 blank (its gold goes): where the document prints a
merge's pipes the target keeps its place (``3 ||``); where it prints nothing for empty cells, a
target with an operator (``≥100人``) is still one, but a bare figure alone before 分值/得分 could
be either value, so its gold goes too (dev 64:
``配套电力设施1250KVA变压器3台 | 3 | 9.3 | 9.3``).
"""

from __future__ import annotations

import random
import re
from typing import Any

from tests.synth.messify.base import Sheet


def _unit_line(form: dict[str, Any]) -> str | None:
    """``填报单位:(盖章) 单位:万元 |`` for a form whose gold states its money unit."""
    unit = ((form.get("header") or {}).get("money_unit"))
    if unit not in ("万元", "元"):
        return None
    return f"填报单位:(盖章) 单位:{unit} |"


def _row_lines(row: list[str], merged_pipes: bool) -> list[str]:
    """One line per filled cell; the empty cells after a filled one add their pipes to its line
    (``merged_pipes``) or print nothing; leading empty cells print nothing."""
    lines: list[str] = []
    for text in row:
        if text.strip():
            lines.append(f"{text.strip()} |")
        elif lines and merged_pipes:
            lines[-1] += "|"
    return lines


_FIGURE = re.compile(r"^\d[\d,.]*\S{0,4}$")  # a figure, maybe with its unit, no operator


def _blank_actual(row: list[str], form: dict[str, Any], keeps_place: bool) -> None:
    """Leave the actual of the indicator ``row`` prints blank, when its target is printed just
    before a different actual; the gold loses the actual, and a target printed as a figure with
    no operator (``3``, ``1785套``, ``100%``) before 分值/得分 too unless the print ``keeps_place``."""
    for entry in form.get("indicators") or []:
        name, target, actual = entry.get("name"), entry.get("target"), entry.get("actual")
        if not (isinstance(name, str) and name in row and isinstance(target, dict) and isinstance(actual, dict)):
            continue
        t, a = target.get("text"), actual.get("text")
        if not (isinstance(t, str) and isinstance(a, str) and t != a and t in row
                and row.index(t) + 1 < len(row) and row[row.index(t) + 1] == a):
            return
        at = row.index(t) + 1
        row[at] = ""
        del entry["actual"]
        scored = any(_FIGURE.match(x) for x in row[at + 1:])  # 分值/得分 printed after the gap
        if not keeps_place and _FIGURE.match(t) and "nature" not in entry and scored:
            del entry["target"]  # an operator (≥100人, or a 指标性质 cell) says it is the target; a figure does not
        return


def _planted(sheet: Sheet, form: int) -> set[str]:
    """The indicator paths of ``form`` an expected finding names (their rows stay as they are)."""
    return {f["field"].split(".")[0] for f in sheet.findings if f["form"] == form}


def cell_lines(sheet: Sheet, rng: random.Random) -> str:
    """Every table of ``sheet`` one cell per line, rows closed by a line of pipes."""
    closer = rng.choice(("|", "||", "|" * rng.randint(3, 8)))
    merged_pipes = rng.random() < 0.7
    unit_line = rng.random() < 0.5
    lines: list[str] = []
    for part in sheet.parts:
        lines += part.prose
        if part.rows is None:
            continue
        assert part.form is not None
        stated = _unit_line(sheet.forms[part.form]) if unit_line else None
        form = sheet.forms[part.form]
        planted = _planted(sheet, part.form)
        titled = [t for t in part.rows[0] if t.strip()][-1:] == [part.rows[0][0]] and part.rows[0][0].endswith("表")
        if stated is not None and not titled:
            lines += [stated, closer]
        for n, row in enumerate(part.rows):
            if stated is not None and titled and n == 1:
                lines += [stated, closer]  # under the title row
            if rng.random() < 0.25 and not any(p.startswith("indicators") for p in planted):
                row = list(row)
                _blank_actual(row, form, merged_pipes)
            cells = _row_lines(row, merged_pipes)
            if cells:
                lines += cells + [closer]
        lines.append("")
    return "\n".join(lines) + "\n"
