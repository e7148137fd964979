"""Cells of a one-line export that wrapped inside their column, joined back.

An export prints a cell's wrap as one space, and ingest cuts the line at every space, so a
wrapped cell arrives as two: a header word (``年初设定`` / ``目标``, ``年度`` / ``总体目标完成情况综述``)
or a header value (``项目名称 高标 准农田建设项目``).  Joined only where the cut is certain: a
piece that is no header word and makes one with the next, and the two pieces after a header
label on a row of its own, the next row opening with the next label (a label names one value).
"""

from __future__ import annotations

import re

from extractor.grid import Cell, joined_cell
from extractor.segment.types import Row
from extractor.values import is_numeric, is_placeholder, squash
from extractor.vocab import fund_role, is_any_level, is_header_word

# the goal columns' headings as templates print them (is_header_word knows the short ones)
_GOAL_WORDS = frozenset({"年初设定目标", "年度总体目标完成情况综述", "总体目标完成情况综述", "年度目标完成情况",
                         "全年实际完成情况", "预期目标完成情况", "全年完成情况"})
_LABELS = "项目名称|主管部门|实施单位|单位名称|部门名称|项目单位|预算单位|资金使用单位"
_VALUE_LABEL = re.compile(rf"^({_LABELS})[:：]?$")
_NEXT = re.compile(rf"^({_LABELS}|项目资金|资金情况|项目负责人)")


# a section label a Word table's narrow cell wrapped (``分解 目标评价``, Fushun's indicator section)
_SECTION_WORDS = frozenset({"分解目标评价"})


def _word(key: str) -> bool:
    return is_header_word(key) or key in _GOAL_WORDS or key in _SECTION_WORDS


def _text(cell: Cell) -> bool:
    return bool(cell.clean) and not is_numeric(cell.clean) and not is_placeholder(cell.clean)


def join_header_pieces(cells: list[Cell]) -> list[Cell]:
    """Two neighbouring pieces that make a header word, neither one alone, as one cell."""
    out: list[Cell] = []
    for cell in cells:
        prev = out[-1] if out else None
        if prev is not None and _text(prev) and _text(cell):
            a, b = squash(prev.clean), squash(cell.clean)
            if _word(a + b) and not _word(a):
                out[-1] = joined_cell([prev, cell])
                continue
        out.append(cell)
    return out


_VERDICT_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
_VERDICT_TAIL = re.compile(r"^[\u4e00-\u9fff]?指标$")  # 指标, or the wrap one character earlier (完成年 / 度指标)


def _key(*cells: Cell) -> str:
    return "".join(squash(c.clean) for c in cells)


def join_verdict_tails(cells: list[Cell]) -> list[Cell]:
    """A lone ``指标`` (or ``度指标``) after a short text (``达成预期`` / ``指标``, ``完成年`` / ``度指标``): a
    verdict cell such as 达成预期指标 or 完成年度指标 wrapped near its end.  Neither is a cell of an
    indicator row on its own, and the text
    before it joined must be no level or header word (``满意度`` / ``指标`` is a level word's wrap,
    left to the readers that know those)."""
    out: list[Cell] = []
    for cell in cells:
        prev = out[-1] if out else None
        if (prev is not None and _VERDICT_TAIL.match(squash(cell.clean)) and _VERDICT_HEAD.match(squash(prev.clean))
                and not any(_word(t) or is_any_level(t) for t in (squash(prev.clean), _key(prev, cell)))):
            out[-1] = joined_cell([prev, cell])
            continue
        out.append(cell)
    return out


def join_label_values(rows: list[Row]) -> list[Row]:
    """A header label's row printing exactly two texts after it, the next row opening with
    another header label or the funds caption: one value wrapped in its cell (a label names one
    value; a second label opens a row of its own)."""
    out: list[Row] = []
    for k, row in enumerate(rows):
        cells = row.cells
        nxt = rows[k + 1].cells if k + 1 < len(rows) else []
        if (len(cells) == 3 and _VALUE_LABEL.match(squash(cells[0].clean)) and all(_text(c) for c in cells[1:])
                and not any(_VALUE_LABEL.match(squash(c.clean)) or _word(squash(c.clean)) for c in cells[1:])
                and nxt and _NEXT.match(squash(nxt[0].clean))):
            row = Row([cells[0], joined_cell(cells[1:])], row.grid_id, row.page)
        out.append(row)
    return out




_WHEREOF = re.compile(r"^其中[:：]?$")


def join_whereof(rows: list[Row]) -> list[Row]:
    """``其中：`` cut from its funds label at the label's wrap (``其中：`` / ``财政拨款 530.03 …``):
    a row of ``其中`` alone heads the funds row after it, whose label then reads as printed."""
    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        if (prev is not None and len(prev.cells) == 1 and _WHEREOF.match(squash(prev.cells[0].clean))
                and row.cells and fund_role(row.cells[0].clean) is not None):
            out[-1] = Row([joined_cell([prev.cells[0], row.cells[0]]), *row.cells[1:]], row.grid_id, row.page)
            continue
        out.append(row)
    return out


_BOX = re.compile(r"^[□☑☐■√✓✔]$")
_OPTION = re.compile(r"^\d{1,2}[、.．]\S+$")


def lift_choices(rows: list[Row]) -> list[Row]:
    """A choice field's options (``1、部门预算项目 ☑ 2、区直专项 □``, a merged 项目类别 cell) exported
    between a header label and its value: the run of numbered options and boxes, a box among
    them, moved to a row of its own after the label's row, so the label keeps its value."""
    out: list[Row] = []
    for row in rows:
        cells = row.cells
        end = 1
        while end < len(cells) and (_BOX.match(cells[end].clean) or _OPTION.match(cells[end].clean)):
            end += 1
        run = cells[1:end]
        if (len(cells) > end and _VALUE_LABEL.match(squash(cells[0].clean)) and len(run) >= 2
                and any(_BOX.match(c.clean) for c in run)):
            out += [Row([cells[0], *cells[end:]], row.grid_id, row.page), Row(run, row.grid_id, row.page)]
            continue
        out.append(row)
    return out
