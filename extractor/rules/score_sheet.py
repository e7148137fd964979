"""Read a scoring sheet (打分表/评分表/评价指标体系), department or project: scored items with their rules.

Rows are read by the type of their cells rather than by position: the tree labels come first,
then the 指标分值 (the first number), the explanation and 计分标准 texts, the √ marks of the
evaluation-method columns, then the 自评打分 (the last number) and an optional 备注/扣分原因.
The header row still says what a lone figure is and where the labels sit, for the variants
that print less: a blank template (no figures at all: the points stated in the labels,
``预算编制（10分）``, are the weights), a sheet with only a 得分 column (the figure is the score,
the weight is in the label), a 序号 column (never a weight), and 分值 and 得分 fused into one
figure (split only when the arithmetic leaves one reading; ``score_fused``).  A sheet with no
header row (its cells pasted one per line) is read as a cell stream instead.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.cells import number_value, text_value, traced
from extractor.rules.score_fused import read_fused
from extractor.rules.score_narrow import TEXT_KINDS, narrow_labels, narrow_unscored, place_texts, shifted
from extractor.rules.score_order import restore_score_rows
from extractor.rules.score_stream import header_kind, is_total_label, read_stream
from extractor.segment.types import Row
from extractor.values import is_numeric, parse_decimal, squash
from extractor.vocab import split_subtotal
from schemas.common import Finding, GroupLevel, Totals, Value
from schemas.dept_score_sheet import ScoreGroup, ScoreItem

_HEADER_WORDS = ("指标分值", "计分标准", "评分标准", "自评打分", "指标解释", "一级指标", "评价方式")
_MARK = re.compile(r"^[√✓✔☑]$")
_FIGURES = re.compile(r"^\d[\d.]*\d$")  # digits that may be two figures run together (1313, 3.53.5)
_LABEL_KINDS = ("level", "frag")
_TEXT_KINDS = TEXT_KINDS

Ctx = dict[str, tuple[Row, Cell] | None]


def read_score_sheet(rows: list[Row], findings: list[Finding] | None = None,
                     ) -> tuple[list[ScoreItem], list[ScoreGroup], Totals]:
    """Items, stated groups and the printed total; doubts are appended to ``findings``."""
    items: list[ScoreItem] = []
    groups: list[ScoreGroup] = []
    totals = Totals()
    ctx: Ctx = {"level1": None, "level2": None, "name": None}
    columns: dict[int, str] = {}
    started = False
    sink: list[Finding] = findings if findings is not None else []
    restored = restore_score_rows(rows)
    if restored is not None:
        rows = restored.rows
        if restored.ambiguous:
            sink.append(_reordered_finding())
    for row in rows:
        texts = [squash(t) for t in row.texts]
        joined = "".join(texts)
        if not started:
            columns = header_columns(row)
            started = is_header_row(row)
            continue
        if any(w in joined for w in ("一级指标", "整体评价", "样本评价")) and not any(is_numeric(t) for t in texts):
            columns.update(header_columns(row))
            continue  # second header row
        first = next((t for t in texts if t), "")
        if first and is_total_label(first):
            _read_totals(row, columns, totals)
            break
        item = _read_item(row, ctx, groups, columns, sink)
        if item is not None:
            items.append(item)
    if not items:
        return read_stream(rows)  # no header row with items under it: the cells came one per line
    return items, groups, totals


def _reordered_finding() -> Finding:
    return Finding(
        code="LAYOUT_SCORE_ROWS_REORDERED", severity="warning",
        message_zh="评分表逐格粘贴且行内顺序打乱，行的切分有多种同样合理的读法，请核对各项的分值与得分",
        message_en="the sheet was pasted one cell per line with each row's cells out of order, and more "
                   "than one cut into rows fits equally well; check each item's weight and score",
        rule="rules.score_order",
    )


def _read_totals(row: Row, columns: dict[int, str], totals: Totals) -> None:
    """合计 | 100 | … | 94.5: the weight column's total, then the score's; a lone figure is the
    score unless it stands under the 分值 column."""
    nums = [c for c in row.cells if is_numeric(c.clean) and columns.get(c.col) != "serial"]
    if len(nums) >= 2:
        totals.weight = number_value(row, nums[0])
    if len(nums) == 1 and columns.get(nums[0].col) == "weight":
        totals.weight = number_value(row, nums[0])
    elif nums:
        totals.score = number_value(row, nums[-1])


def is_header_row(row: Row) -> bool:
    """Two header words, or the label columns and another kind (一级指标 … 得分: a sheet printing
    only scores); a header broken over lines (分值 | 自评得分 alone) is a stream's, not a row's."""
    joined = "".join(squash(t) for t in row.texts)
    kinds = set(header_columns(row).values())
    return sum(w in joined for w in _HEADER_WORDS) >= 2 or ("level" in kinds and len(kinds - {"frag"}) >= 2)


def header_columns(row: Row) -> dict[int, str]:
    """Grid column → what its header names (level, weight, score, criteria, serial …)."""
    out: dict[int, str] = {}
    for cell in row.cells:
        kind = header_kind(cell.clean) if cell.clean else None
        if kind is not None:
            out[cell.col] = kind
    return out


def _read_item(row: Row, ctx: Ctx, groups: list[ScoreGroup], columns: dict[int, str],
               findings: list[Finding]) -> ScoreItem | None:
    cells = [c for c in own_cells(row) if columns.get(c.col) != "serial"]
    kinds = set(columns.values())
    first_num = next((k for k, c in enumerate(cells) if is_numeric(c.clean)), None)
    if first_num is None and {"weight", "score"} <= kinds:
        first_num = next((k for k, c in enumerate(cells) if _FIGURES.match(squash(c.clean))), None)
    if first_num is None:
        return _read_unscored(row, cells, ctx, groups, columns)
    labels = cells[:first_num]
    narrow = narrow_labels(labels, cells, columns)
    before = [(columns[c.col], c) for c in labels if columns.get(c.col) in _TEXT_KINDS]
    if narrow is not None:  # empty cells dropped: labels, then rules, told apart by type
        labels, before = narrow
    elif before:  # 评分标准 printed before the figure (no 分值 column): labels are the label columns only
        labels = [c for c in labels if columns.get(c.col) in _LABEL_KINDS]
    _take_labels(row, labels, ctx, groups, _n_levels(columns))
    item = _new_item(ctx)
    for kind, cell in before:
        if cell.clean:
            setattr(item, kind, text_value(row, cell))
    stated = _stated_points(row, ctx)
    lone = cells[first_num]
    rest = cells[first_num + 1:]
    score_idx = max((k for k, c in enumerate(rest) if is_numeric(c.clean)), default=None)
    if columns.get(lone.col) == "score" or ("weight" not in kinds and "score" in kinds and score_idx is None):
        # the sheet prints no 分值 column (or left it blank): the figure is the score
        item.weight = stated if stated is not None else Value[Decimal]()
        item.score = number_value(row, lone)
        _fill_texts(row, item, [c for c in rest if _is_text(c)], None, rest, columns, after_score=True)
        return item
    if score_idx is None and {"weight", "score"} <= kinds:
        _read_lone_figure(row, lone, item, stated, _ceiling(ctx, groups), findings)
        _fill_texts(row, item, [c for c in rest if _is_text(c)], None, rest, columns)
        return item
    item.weight = number_value(row, lone)
    if score_idx is not None and parse_decimal(rest[score_idx].clean) is not None:
        item.score = number_value(row, rest[score_idx])
    _fill_texts(row, item, [c for c in rest if _is_text(c)], score_idx, rest, columns)
    return item


def own_cells(row: Row) -> list[Cell]:
    """The row's cells without the copies a horizontal merge leaves beside its anchor (PDF grids
    split one printed cell over two columns): one printed cell, one value."""
    out: list[Cell] = []
    for cell in row.cells:
        if cell.continuation and out and out[-1].col == cell.col:
            continue
        out.append(cell)
    return out


def _read_unscored(row: Row, cells: list[Cell], ctx: Ctx, groups: list[ScoreGroup],
                   columns: dict[int, str]) -> ScoreItem | None:
    """A row of a blank template: labels and rules, the weight only in the 三级 label."""
    if not any(k in _LABEL_KINDS for k in columns.values()):
        return None
    narrow = narrow_unscored(cells, columns)  # empty cells dropped: labels, then rules by type
    labels = narrow[0] if narrow else [c for c in cells if columns.get(c.col) in _LABEL_KINDS]
    if not any(c.clean for c in labels):
        return None
    _take_labels(row, labels, ctx, groups, _n_levels(columns))
    item = _new_item(ctx)
    item.weight = _stated_points(row, ctx) or Value[Decimal]()
    by_kind = dict(narrow[1]) if narrow else \
        {columns[c.col]: c for c in cells if columns.get(c.col) in _TEXT_KINDS and c.clean}
    if item.weight.value is None and not by_kind:
        return None  # a heading line, not an item
    for kind in _TEXT_KINDS:
        if kind in by_kind:
            setattr(item, kind, text_value(row, by_kind[kind]))
    return item


def _read_lone_figure(row: Row, cell: Cell, item: ScoreItem, stated: Value[Decimal] | None,
                      ceiling: Decimal | None, findings: list[Finding]) -> None:
    """One figure where the sheet has 分值 and 得分 columns: a weight, or both run together."""
    reading = read_fused(squash(cell.clean), stated.value if stated is not None else None, ceiling)
    if reading.ambiguous:
        findings.append(Finding(
            code="LAYOUT_SCORE_FUSED", severity="warning",
            message_zh=f"“{cell.clean}”可能是分值与得分连排，无法确定分界，未读取",
            message_en=f"'{cell.clean}' may be the weight and the score run together and cannot be split "
                       "with certainty; neither was read — enter them by hand",
            rule="rules.score_sheet", cells=traced(row, [cell], None).source,
        ))
        return
    confidence = 0.9 if reading.split else 1.0
    if reading.weight is not None:
        item.weight = traced(row, [cell], reading.weight, confidence=confidence)
    if reading.score is not None:
        item.score = traced(row, [cell], reading.score, confidence=confidence)


def _fill_texts(row: Row, item: ScoreItem, texts: list[Cell], score_idx: int | None, rest: list[Cell],
                columns: dict[int, str], after_score: bool = False) -> None:
    """Texts under a 指标解释 / 评分标准 / 扣分原因 header go there; a row that lost its empty cells
    fills the header's text columns in order on each side of the score; without such a header,
    by place around the score (explanation, rule, then the note after the score)."""
    placed = {c.col: columns[c.col] for c in texts if columns.get(c.col) in _TEXT_KINDS}
    if placed and len(placed) == len(texts) and not shifted(own_cells(row), columns):
        for cell in texts:
            setattr(item, placed[cell.col], text_value(row, cell))
        return
    before = [c for c in texts if score_idx is None or rest.index(c) < score_idx]
    after = [c for c in texts if score_idx is not None and rest.index(c) > score_idx]
    # the header's text columns in order (all after the score when the row's figure is the score)
    by_order = place_texts([], texts, columns) if after_score else place_texts(before, after, columns)
    if by_order is not None:
        for kind, cell in by_order:
            setattr(item, kind, text_value(row, cell))
        return
    if before:
        item.description = text_value(row, before[0])
    if len(before) > 1:
        item.criteria = text_value(row, before[1])
    if after:
        item.note = text_value(row, after[0])


def _take_labels(row: Row, labels: list[Cell], ctx: Ctx, groups: list[ScoreGroup], n_levels: int = 3) -> None:
    """The last up-to-three label cells are 一级/二级/三级; stated subtotals become groups.  A
    header with two label columns (一级指标 | 二级指标) makes the 二级 the item itself."""
    levels = labels[-3:] if len(labels) >= 3 else labels
    keys = ["level1", "level2", "name"][-len(levels):] if levels else []
    if n_levels == 2 and len(levels) == 2:
        keys = ["level1", "name"]
    elif len(levels) == 1 and _names_state_points(ctx):
        keys = ["name"]  # a lone label stating points where the names state theirs: the next item
    elif len(levels) < 3 and levels and split_subtotal(levels[0].clean)[1] is not None:
        keys = ["level1", "level2", "name"][: len(levels)]
    for key, cell in zip(keys, levels, strict=False):
        if cell.clean:
            ctx[key] = (row, cell)
            if key == "level1":
                ctx["level2"] = ctx["name"] = None
            elif key == "level2":
                ctx["name"] = None
            name, stated = split_subtotal(cell.clean)
            if stated is not None and key != "name":
                level: GroupLevel = 1 if key == "level1" else 2
                if not any(g.name == name and g.level == level for g in groups):
                    stated_weight = traced(row, [cell], Decimal(stated))
                    groups.append(ScoreGroup(level=level, name=name, stated_weight=stated_weight))


def _names_state_points(ctx: Ctx) -> bool:
    """The item read last printed its points in its name (``绩效指标明确性（5分）``), so a row that
    lost its merged level cells (a web page's empty cells dropped) and prints one label stating
    points names its item, not a new 一级."""
    found = ctx["name"]
    return found is not None and split_subtotal(found[1].clean)[1] is not None


def _n_levels(columns: dict[int, str]) -> int:
    """How many label columns the header names (3 when it does not say)."""
    return sum(1 for kind in columns.values() if kind == "level") or 3


def _new_item(ctx: Ctx) -> ScoreItem:
    return ScoreItem(level1=_ctx_value(ctx["level1"]), level2=_ctx_value(ctx["level2"]), name=_ctx_value(ctx["name"]))


def _stated_points(row: Row, ctx: Ctx) -> Value[Decimal] | None:
    """The points a 三级 label printed on this row states (``绩效目标合理性（5分）``)."""
    found = ctx["name"]
    if found is None or found[0] is not row:
        return None
    stated = split_subtotal(found[1].clean)[1]
    return traced(row, [found[1]], Decimal(stated)) if stated is not None else None


def _ceiling(ctx: Ctx, groups: list[ScoreGroup]) -> Decimal | None:
    """The smallest stated subtotal above the current item: no item weighs more."""
    names = {(1, split_subtotal(c[1].clean)[0]) for c in (ctx["level1"],) if c} | \
            {(2, split_subtotal(c[1].clean)[0]) for c in (ctx["level2"],) if c}
    stated = [g.stated_weight.value for g in groups if (g.level, g.name) in names and g.stated_weight.value is not None]
    return min(stated) if stated else None


def _is_text(cell: Cell) -> bool:
    return bool(cell.clean) and not _MARK.match(cell.clean) and not is_numeric(cell.clean)


def _ctx_value(ctx: tuple[Row, Cell] | None) -> Value[str]:
    if ctx is None:
        return Value[str]()
    row, cell = ctx
    name = split_subtotal(cell.clean)[0]
    return traced(row, [cell], name) if name else Value[str]()
