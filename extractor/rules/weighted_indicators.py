"""Indicator tables whose score is converted by a weight share (Hebei 成安 layout).

The header prints ``… 预期指标值 | 单项指标实际完成值 | 单项指标完成情况 | 自评得分`` and a second row
splits the target into ``符号 | (值) | 单位`` and the score into ``单项指标得分 | 权重占比(%) |
单项指标折算得分`` (25 × 25% = 6.25).  Text copies drop empty cells and put a description column
after the name, so rows are read from the operator cell outwards: levels and name on its left, the
value, unit, actual, completion and the score sub-columns on its right.  The weight is the
权重占比 share and the score the converted score, because those are what add up to the total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.grid import Cell
from extractor.rules.cells import measure_value, number_value, text_value, traced
from extractor.segment.types import Row
from extractor.values import is_numeric, normalize_operator, parse_measure, squash
from extractor.vocab import LEVEL1_RE, LEVEL2_RE, TOTAL_ROW_RE, is_level
from schemas.common import Indicator, Value

_CONVERTED = re.compile(r"折算得分")
_SHARE = re.compile(r"权重占比|权重比例")
_SCORE_PART = re.compile(r"得分")
_SYMBOL = re.compile(r"^符号")
_UNIT = re.compile(r"^(单位|度量单位|计量单位)")
_END = re.compile(r"^(其他需要说明|评价结论|存在问题|改进措施|备注)")


@dataclass(slots=True)
class WeightedLayout:
    """Where the table starts and what the cells right of the operator are, in order."""

    first_data_row: int
    right_fields: list[str]  # after the operator: value, unit, actual, completion, raw_score, weight, score


def find_weighted_layout(rows: list[Row], header_row: int) -> WeightedLayout | None:
    """The layout when a row just under the indicator header splits 自评得分 into a weight share."""
    for k in range(header_row + 1, min(header_row + 3, len(rows))):
        texts = [squash(t) for t in rows[k].texts if t.strip()]
        if not any(_CONVERTED.search(t) for t in texts) or not any(_SHARE.search(t) for t in texts):
            continue
        main = [squash(t) for t in rows[header_row].texts if t.strip()]
        right = _right_fields(main, texts)
        return WeightedLayout(k + 1, right) if right else None
    return None


def _right_fields(main: list[str], sub: list[str]) -> list[str]:
    has_symbol = any(_SYMBOL.match(t) for t in sub)
    has_unit = any(_UNIT.match(t) for t in sub)
    if not has_symbol:
        return []
    fields = ["value"] + (["unit"] if has_unit else [])
    target_seen = False
    for word in main:
        if not target_seen:
            target_seen = "指标值" in word and "实际" not in word and "完成" not in word
            continue
        if "完成值" in word or "实际" in word:
            fields.append("actual")
        elif "完成情况" in word:
            fields.append("completion")
        elif "得分" in word:
            for part in sub:
                if _CONVERTED.search(part):
                    fields.append("score")
                elif _SHARE.search(part):
                    fields.append("weight")
                elif _SCORE_PART.search(part):
                    fields.append("raw_score")
    return fields if target_seen and "score" in fields and "weight" in fields else []


def read_weighted_indicators(rows: list[Row], layout: WeightedLayout) -> list[Indicator]:
    parsed: list[tuple[Row, list[Cell], dict[str, Cell], Cell]] = []
    for row in rows[layout.first_data_row:]:
        first = next((squash(t) for t in row.texts if t.strip()), "")
        if row.is_paragraph or TOTAL_ROW_RE.match(first) or _END.match(first):
            break
        split = _split_row(row, layout)
        if split is not None:
            parsed.append((row, *split))
    extra = max((len(left) for _, left, _, _ in parsed), default=0) - 3  # a description column after the name
    extra = max(extra, 0)
    out: list[Indicator] = []
    level1: Value[str] = Value[str]()
    level2: Value[str] = Value[str]()
    for row, left, right, op in parsed:
        if len(left) < 1 + extra:
            continue
        name = left[len(left) - 1 - extra]
        levels = left[: len(left) - 1 - extra]
        l1, l2 = _levels(levels)
        if l1 is not None:
            level1, level2 = text_value(row, l1), Value[str]()
        if l2 is not None:
            level2 = text_value(row, l2)
        out.append(_indicator(row, name, right, op, level1, level2))
    return out


def _levels(cells: list[Cell]) -> tuple[Cell | None, Cell | None]:
    """Two level cells are 一级 then 二级; a lone one is 二级 when it reads as one (满意度 is both)."""
    if len(cells) >= 2:
        return cells[-2], cells[-1]
    if not cells:
        return None, None
    if is_level(LEVEL2_RE, cells[0].clean):
        return None, cells[0]
    return (cells[0], None) if is_level(LEVEL1_RE, cells[0].clean) else (None, None)


def _split_row(row: Row, layout: WeightedLayout) -> tuple[list[Cell], dict[str, Cell], Cell] | None:
    """(cells left of the operator, right cells by field, operator cell), or None for other rows."""
    cells = [c for c in row.cells if c.clean]
    op_idx = next((k for k, c in enumerate(cells) if len(squash(c.clean)) <= 2 and normalize_operator(squash(c.clean))), None)
    if op_idx is None:
        return None
    right_cells = cells[op_idx + 1:]
    if len(right_cells) != len(layout.right_fields):
        return None
    right = dict(zip(layout.right_fields, right_cells))
    if not all(is_numeric(right[f].clean) for f in ("weight", "score")):
        return None
    return cells[:op_idx], right, cells[op_idx]


def _indicator(row: Row, name: Cell, right: dict[str, Cell], op: Cell, level1: Value[str], level2: Value[str]) -> Indicator:
    unit = right.get("unit")
    value = right["value"]
    target = parse_measure(value.clean, operator_hint=op.clean, unit_hint=unit.clean if unit else None)
    actual_cell = right.get("actual")
    actual = parse_measure(actual_cell.clean) if actual_cell is not None else None
    return Indicator(
        level1=level1,
        level2=level2,
        name=text_value(row, name),
        target=measure_value(row, value, target) if target is not None else measure_value(row, None, None),
        actual=measure_value(row, actual_cell, actual),
        weight=number_value(row, right["weight"]),
        score=number_value(row, right["score"]),
        completion=text_value(row, right.get("completion")),
        nature=traced(row, [op], op.clean),
        unit=text_value(row, unit),
    )
