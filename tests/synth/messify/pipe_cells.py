"""Pipe tables printed one cell per line (a markdown-ish converter's print of a web or Word table).

Each filled cell sits on a line of its own ending in `` |``; the row ends with a line of pipes
only (a lone ``|`` in some documents, a run such as ``||||||`` in others).  A cell followed by
empty cells of a horizontal merge carries their pipes on its own line (``产出指标 |||``); the
empty cells a vertical merge leaves at the start of a row print nothing, so a table whose 一级
column is merged prints it on the first row of its block only and the later rows open at their
二级 (or 三级) cell.  Some documents print a ``填报单位:(盖章) 单位:万元 |`` line above each table.

Nothing is lost from the gold: every filled cell is printed whole and in its row; the unit line
states the form's own money unit (the gold's), and no unit is printed where the gold has none.
"""

from __future__ import annotations

import random
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
        if stated is not None:
            lines += [stated, closer]
        for row in part.rows:
            cells = _row_lines(row, merged_pipes)
            if cells:
                lines += cells + [closer]
        lines.append("")
    return "\n".join(lines) + "\n"
