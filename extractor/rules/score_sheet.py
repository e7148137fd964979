"""Read a department scoring sheet (打分表/评分表): scored items with their stated rules.

Rows are read by the type of their cells rather than by position: the tree labels come first,
then the 指标分值 (the first number), the explanation and 计分标准 texts, the √ marks of the
evaluation-method columns, then the 自评打分 (the last number) and an optional 备注.  A sheet
with no header row (its cells pasted one per line) is read as a cell stream instead.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.cells import number_value, text_value, traced
from extractor.rules.score_stream import read_stream
from extractor.values import is_numeric, parse_decimal, squash
from extractor.vocab import TOTAL_ROW_RE, split_subtotal
from extractor.segment.types import Row
from schemas.common import Totals, Value
from schemas.dept_score_sheet import ScoreGroup, ScoreItem

_HEADER_WORDS = ("指标分值", "计分标准", "评分标准", "自评打分", "指标解释", "一级指标", "评价方式")
_MARK = re.compile(r"^[√✓✔☑]$")
_TOTAL = re.compile(r"(自评得分|总分|合计|总计)$")


def read_score_sheet(rows: list[Row]) -> tuple[list[ScoreItem], list[ScoreGroup], Totals]:
    items: list[ScoreItem] = []
    groups: list[ScoreGroup] = []
    totals = Totals()
    ctx: dict[str, tuple[Row, Cell] | None] = {"level1": None, "level2": None, "name": None}
    started = False
    for row in rows:
        texts = [squash(t) for t in row.texts]
        joined = "".join(texts)
        if not started:
            started = sum(w in joined for w in _HEADER_WORDS) >= 2
            continue
        if any(w in joined for w in ("一级指标", "整体评价", "样本评价")) and not any(is_numeric(t) for t in texts):
            continue  # second header row
        first = next((t for t in texts if t), "")
        if first and (_TOTAL.search(first) or TOTAL_ROW_RE.match(first)):
            nums = [c for c in row.cells if is_numeric(c.clean)]
            if len(nums) >= 2:  # 合计 | 100 | … | 94.5: the weight column's total, then the score's
                totals.weight = number_value(row, nums[0])
            if nums:
                totals.score = number_value(row, nums[-1])
            break
        item = _read_item(row, ctx, groups)
        if item is not None:
            items.append(item)
    if not items:
        return read_stream(rows)  # no header row with items under it: the cells came one per line
    return items, groups, totals


def _read_item(row: Row, ctx: dict[str, tuple[Row, Cell] | None], groups: list[ScoreGroup]) -> ScoreItem | None:
    cells = row.cells
    first_num = next((k for k, c in enumerate(cells) if is_numeric(c.clean)), None)
    if first_num is None:
        return None
    labels = cells[:first_num]
    # label positions: the last up-to-three cells before the weight are 一级/二级/三级
    levels = labels[-3:] if len(labels) >= 3 else labels
    keys = ["level1", "level2", "name"][-len(levels):] if levels else []
    if len(levels) < 3 and levels and split_subtotal(levels[0].clean)[1] is not None:
        keys = ["level1", "level2", "name"][: len(levels)]
    for key, cell in zip(keys, levels):
        if cell.clean:
            ctx[key] = (row, cell)
            if key == "level1":
                ctx["level2"] = ctx["name"] = None
            elif key == "level2":
                ctx["name"] = None
            name, stated = split_subtotal(cell.clean)
            if stated is not None and key != "name":
                level = 1 if key == "level1" else 2
                if not any(g.name == name and g.level == level for g in groups):
                    groups.append(ScoreGroup(level=level, name=name, stated_weight=traced(row, [cell], Decimal(stated))))  # type: ignore[arg-type]
    rest = cells[first_num + 1:]
    texts = [c for c in rest if c.clean and not _MARK.match(c.clean) and not is_numeric(c.clean)]
    score_idx = max((k for k, c in enumerate(rest) if is_numeric(c.clean)), default=None)
    item = ScoreItem(
        level1=_ctx_value(ctx["level1"]),
        level2=_ctx_value(ctx["level2"]),
        name=_ctx_value(ctx["name"]),
        weight=number_value(row, cells[first_num]),
    )
    before_score = [c for c in texts if score_idx is None or rest.index(c) < score_idx]
    after_score = [c for c in texts if score_idx is not None and rest.index(c) > score_idx]
    if before_score:
        item.description = text_value(row, before_score[0])
    if len(before_score) > 1:
        item.criteria = text_value(row, before_score[1])
    if score_idx is not None and parse_decimal(rest[score_idx].clean) is not None:
        item.score = number_value(row, rest[score_idx])
    if after_score:
        item.note = text_value(row, after_score[0])
    return item


def _ctx_value(ctx: tuple[Row, Cell] | None) -> Value[str]:
    if ctx is None:
        return Value[str]()
    row, cell = ctx
    name = split_subtotal(cell.clean)[0]
    return traced(row, [cell], name) if name else Value[str]()
