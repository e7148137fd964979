"""Pipe prints one cell per line whose row ends carry the row's missing cells (``pipe_rowends``).

A web page's table converted cell by cell: each printed cell on a line of its own ending in
`` |``, an empty cell inside the indicator table as a lone ``|`` line, each row closed by a line
of pipes only whose width varies (two pipes, or two plus the cells a vertical merge kept the row
from printing, or a width drawn per row).  A vertical merge prints once: the 一级 and 二级 cells
only on the first row of their block, the side label (``绩效指标``) only on the header row, its
lower positions printed as a lone ``|`` in some documents and as nothing in others.  Above the
indicator table the header rows print their filled cells only (``主管部门 |`` / ``X |``), and
some documents print a ``编制单位：X |`` line under the title (the implementing unit).

Drawn per document: an extra 绩效标准 column right after the target (every indicator row
``计划标准`` / ``行业标准`` / ``历史标准``), and one or two level-2 blocks with no rows
(``社会效益指标`` with empty cells).

Nothing is lost from the gold: every cell is printed whole in its row; the standard column and the
empty blocks add no value (a standard is not a target, an empty block is no indicator), and the
编制单位 line names the unit the header states.
"""

from __future__ import annotations

import random
from typing import Any

from tests.synth.messify.base import Sheet

STANDARDS = ("计划标准", "行业标准", "历史标准")
# level-2 names a template lists under each level 1 (an empty block takes one the form lacks)
_LEVEL2 = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}


def _key(text: str) -> str:
    return "".join(text.split())


def _indicator_header(rows: list[list[str]]) -> int | None:
    """The row naming the indicator columns (一级指标 … 三级指标)."""
    for n, row in enumerate(rows):
        keys = [_key(t) for t in row]
        if "一级指标" in keys and "二级指标" in keys and "三级指标" in keys:
            return n
    return None


def _target_col(header: list[str]) -> int | None:
    """The target's column where it is a single printed cell with a filled one after it."""
    for c, text in enumerate(header):
        key = _key(text)
        if ("指标值" in key or key == "目标值") and "完成" not in key and "实际" not in key:
            return c if c + 1 < len(header) and header[c + 1].strip() else None
    return None


def _body_end(rows: list[list[str]], start: int) -> int:
    """The first row after the indicator header that closes the block (总分, 合计)."""
    for n in range(start + 1, len(rows)):
        if next((t for t in rows[n] if t.strip()), "").startswith(("总分", "合计", "总计")):
            return n
    return len(rows)


def _with_standard(rows: list[list[str]], head: int, end: int, col: int, rng: random.Random) -> None:
    """A 绩效标准 column after ``col`` across the indicator block (in place)."""
    for n in range(head, end):
        row = rows[n]
        if n == head:
            cell = "绩效标准"
        else:
            cell = rng.choice(STANDARDS) if any(t.strip() for t in row[col + 1:col + 2] + row[col:col + 1]) else ""
        row.insert(col + 1, cell)


def _empty_blocks(rows: list[list[str]], head: int, end: int, rng: random.Random) -> int:
    """Insert one or two level-2 blocks with no rows at the end of their level 1's block;
    returns how many rows were inserted."""
    keys = [_key(t) for t in rows[head]]
    l1, l2 = keys.index("一级指标"), keys.index("二级指标")
    blocks: list[tuple[str, int]] = []  # (level 1, the row after its block)
    present: set[str] = set()
    current = None
    for n in range(head + 1, end):
        if rows[n][l1].strip():
            if current is not None:
                blocks.append((current, n))
            current = rows[n][l1].strip()
        if rows[n][l2].strip():
            present.add(_key(rows[n][l2]))
    if current is not None:
        blocks.append((current, end))
    choices = [(lv1, at, name) for lv1, at in blocks for name in _LEVEL2.get(_key(lv1), ())
               if name not in present]
    if not choices:
        return 0
    picked = rng.sample(choices, min(len(choices), rng.choice((1, 1, 2))))
    width = len(rows[head])
    for _, at, name in sorted(picked, key=lambda p: -p[1]):
        row = [""] * width
        row[l2] = name
        rows.insert(at, row)
    return len(picked)


def _closer(omitted: int, mode: str, fixed: int, rng: random.Random) -> str:
    if mode == "fixed":
        return "|" * fixed
    if mode == "omitted":
        return "|" * (2 + omitted)
    return "|" * rng.randint(2, 6)


def _unit_line(form: dict[str, Any], rng: random.Random, closer: str) -> list[str]:
    """``编制单位：X |`` naming the implementing unit of a form that states a department too, or
    the label and the unit as two cells of a row of their own."""
    header = form.get("header") or {}
    unit, dept = header.get("unit_name"), header.get("department")
    if not (isinstance(unit, str) and isinstance(dept, str)):
        return []
    if rng.random() < 0.5:
        return ["编制单位 |", f"{unit} |", closer]
    return [f"{rng.choice(('编制单位：', '编制单位:', '编制单位 '))}{unit} |"]


def pipe_rowends(sheet: Sheet, rng: random.Random) -> str:
    """Every table of ``sheet`` one cell per line, rows closed by pipes of varying width."""
    mode = rng.choice(("fixed", "omitted", "random"))
    fixed = rng.randint(2, 6)
    side_pipe = rng.random() < 0.5  # the side label's lower positions print a lone "|"
    standard = rng.random() < 0.6
    empty_blocks = rng.random() < 0.5
    unit_line = rng.random() < 0.5
    # the rows above the indicator body (its header row too) closed by a lone "|" (drawn last)
    lone_head = random.Random(rng.random()).random() < 0.5
    lines: list[str] = []
    for part in sheet.parts:
        lines += part.prose
        if part.rows is None:
            continue
        assert part.form is not None
        form = sheet.forms[part.form]
        rows = [list(r) for r in part.rows]
        head = _indicator_header(rows)
        end = _body_end(rows, head) if head is not None else len(rows)
        if head is not None and empty_blocks:
            end += _empty_blocks(rows, head, end, rng)
        if head is not None and standard:
            col = _target_col(rows[head])
            if col is not None:
                _with_standard(rows, head, end, col, rng)
        titled = len([t for t in rows[0] if t.strip()]) == 1 and rows[0][0].strip().endswith("表")
        stated = _unit_line(form, rng, "|" if lone_head else _closer(0, mode, fixed, rng)) if unit_line else []
        if stated and not titled:
            lines += stated
        for n, row in enumerate(rows):
            if stated and titled and n == 1:
                lines += stated
            inside = head is not None and head < n < end
            if not inside:
                cells = [f"{t.strip()} |" for t in row if t.strip()]
                if cells:
                    lines += cells + ["|" if lone_head else _closer(0, mode, fixed, rng)]
                continue
            lead = next((c for c, t in enumerate(row) if t.strip()), len(row))
            out: list[str] = []
            if lead and side_pipe and not row[0].strip():
                out.append("|")  # the side label's merge, printed under it
            omitted = lead - len(out)
            for text in row[lead:]:
                out.append(f"{text.strip()} |" if text.strip() else "|")
            lines += out + [_closer(omitted, mode, fixed, rng)]
        lines.append("")
    return "\n".join(lines) + "\n"
