"""A department's funds sources printed as ``label:amount`` cells under its total row.

Hunan's 部门整体支出绩效自评表 (sample 45) prints, under the 年度资金总额 row of a money-column
block, two classifications side by side — ``按收入性质分:`` (一般公共预算 / 政府性基金拨款 /
纳入专户管理的非税收入拨款 / 其他资金) and ``按支出性质分:`` (基本支出 / 项目支出) — each source one
cell holding its label and, where it has one, its amount with the unit (``其中:基本支出:1768.16万元``,
``政府性基金拨款:`` with none).  The column reader stops there: the cells are neither labels nor
figures.  Each such cell is one source row, its amount the budget (the block's 预算申请 figure);
the block ends at the first row holding anything else, and it opens with a classification.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.grid import Cell
from extractor.rules.cells import number_value, text_value
from extractor.segment.types import Row
from extractor.vocab import fund_role
from schemas.common import FundsRow

# ``label:`` and an optional amount with its unit; the label keeps its colon as printed
_GLUED = re.compile(r"^(?P<label>\S.*?[:：])\s*(?:(?P<amount>\d[\d,]*(?:\.\d+)?)\s*(?:万元|万|元)?)?$")
_KINDS = ("basic", "project")
_CLASSIFICATION = re.compile(r"^按(收入|支出)(性质|来源|类型|功能)分[:：]?$")


def _part(cell: Cell, start: int, end: int) -> Cell:
    """The cell narrowed to ``text[start:end]`` (its span too, where the source gives one)."""
    text = cell.clean
    offset = cell.text.find(text) if cell.char_start is not None else -1
    if offset < 0 or cell.char_start is None:
        return replace(cell, text=text[start:end])
    base = cell.char_start + offset
    return replace(cell, text=text[start:end], char_start=base + start, char_end=base + end)


def _source(row: Row, cell: Cell) -> FundsRow | None:
    m = _GLUED.match(cell.clean)
    if m is None or (role := fund_role(m["label"])) is None or role == "total":
        return None
    out = FundsRow(role=role, label=text_value(row, _part(cell, 0, m.end("label"))))
    if m["amount"] is not None:
        out.budget = number_value(row, _part(cell, m.start("amount"), m.end("amount")))
    return out


def read_glued_sources(rows: list[Row], start: int) -> list[FundsRow]:
    """The ``label:amount`` source rows from ``rows[start]`` on (see the module docstring); none
    unless the first row opens with a classification caption or a glued source."""
    out: list[FundsRow] = []
    opened = False  # a classification caption seen
    for row in rows[start:]:
        cells = [c for c in row.cells if c.clean]
        if not cells:
            continue
        sources = [s for c in cells if not _CLASSIFICATION.match(c.clean) and (s := _source(row, c)) is not None]
        captions = sum(1 for c in cells if _CLASSIFICATION.match(c.clean))
        opened = opened or captions > 0
        if len(sources) + captions != len(cells) or not opened:
            break
        out += sources
    # the two classifications are printed interleaved, cell by cell; each adds up to the total on
    # its own, so the income side comes first and the 基本支出 / 项目支出 side after it (the
    # validator nests a source under the nearest 基本支出 / 项目支出 above it)
    return [r for r in out if r.role not in _KINDS] + [r for r in out if r.role in _KINDS]
