"""Read a scoring sheet (打分表/评分表) whose cells arrive as one stream, not as table rows.

Web pages pasted one cell per paragraph, or cell by cell between ``|`` lines, keep the cells'
order but not their rows; merged cells are printed once and blank cells vanish.  The sheet is
still readable because its header states the column order (一级/二级/三级, then 指标分值,
指标解释, 计分标准, 自评得分 … in whatever order the sheet uses): every item is a run of label
texts, the text columns the header places before the weight, the weight (a number), the text
columns placed after it, then the score (a number).  Labels split over several lines are joined
at the stated subtotal that closes them (``部门预`` ``算管理`` ``80分)``).  Notes (备注) cannot be
told from the next item's labels in a stream, so they are left empty rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.cells import number_value, traced
from extractor.segment.types import Row
from extractor.values import is_numeric, is_placeholder, squash
from extractor.vocab import TOTAL_ROW_RE
from schemas.common import GroupLevel, Totals, Value
from schemas.dept_score_sheet import ScoreGroup, ScoreItem

# header cell → column kind; fragments of a header split over lines (一级 / 指标, 自评 / 得分) count too
_HEADER: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(一级|二级|三级|四级)(指标)?$"), "level"),
    (re.compile(r"^(绩效指标|评价指标|指标名称|指标|指标体系)$"), "frag"),
    (re.compile(r"^(指标分值|分值|标准分值?|权重|满分)(\(分\))?$"), "weight"),
    (re.compile(r"^(指标解释|指标说明|指标内涵|评价要点|评价内容|考核内容)$"), "description"),
    (re.compile(r"^(计分标准|评分标准|评分细则|评分办法|评分规则|评分要点|考核标准|扣分标准)$"), "criteria"),
    (re.compile(r"^(自评得分|自评打分|自评分|得分|评价得分)$"), "score"),
    (re.compile(r"^自评$"), "frag"),
    (re.compile(r"^(备注|扣分原因.*|扣分说明|扣分理由|扣分情况|说明)$"), "note"),
    (re.compile(r"^(评价方式|评价属性|整体评价|样本评价|定性评价|定量评价)$"), "mark"),
    (re.compile(r"^(序号|编号)$"), "serial"),
]
_MARK = re.compile(r"^[√✓✔☑]$")
_TEXT_FIELDS = ("description", "criteria")
# a label that closes with its stated subtotal; the opening bracket is sometimes lost in pastes
_CLOSED = re.compile(r"[（(]?\s*(\d+(?:\.\d+)?)\s*分\s*[）)]$")
_TOTAL = re.compile(r"(自评得分|总分|合计|总计)$")
_SPACE = re.compile(r"[\s\u3000]+")
# the notes, conclusions and signatures under a sheet: its rows have ended
SHEET_END = re.compile(r"^(注[:：]|说明[:：]|评价结论|存在问题|改进措施|填报人|联系电话)")


def is_total_label(text: str) -> bool:
    """A score sheet's total row label (合计, 总分, …自评得分)."""
    return bool(_TOTAL.search(text) or TOTAL_ROW_RE.match(text))


def header_kind(text: str) -> str | None:
    """The column a header cell names, or None when the cell is not header vocabulary."""
    key = squash(text)
    for pattern, kind in _HEADER:
        if pattern.match(key):
            return kind
    return None


@dataclass(slots=True)
class StreamLayout:
    """Column order stated by the header: how many label levels, and which text columns
    come before the weight, between weight and score, and whether a score column exists."""

    levels: int = 3
    before_weight: list[str] = field(default_factory=list)
    after_weight: list[str] = field(default_factory=list)
    has_score: bool = True


def read_layout(kinds: list[str]) -> StreamLayout:
    """Layout from the header cells' kinds in printed order."""
    layout = StreamLayout(levels=max(1, min(3, kinds.count("level"))) if "level" in kinds else 3)
    order = [k for i, k in enumerate(kinds) if k in ("weight", "score", *_TEXT_FIELDS) and k not in kinds[:i]]
    layout.has_score = "score" in order
    if "weight" in order:
        w = order.index("weight")
        layout.before_weight = [k for k in order[:w] if k in _TEXT_FIELDS]
        end = order.index("score") if layout.has_score else len(order)
        layout.after_weight = [k for k in order[w + 1:end] if k in _TEXT_FIELDS]
    return layout


Slot = tuple[Row, Cell]


def stream_cells(rows: list[Row]) -> list[Slot]:
    """Every printed cell of the rows, in order, with the row it came from (for provenance)."""
    return [(row, cell) for row in rows for cell in row.cells if cell.clean and not cell.continuation]


def read_stream(rows: list[Row]) -> tuple[list[ScoreItem], list[ScoreGroup], Totals]:
    cells = stream_cells(rows)
    start = next((i for i, (_, c) in enumerate(cells) if header_kind(c.clean) not in (None, "frag")), None)
    if start is None:
        return [], [], Totals()
    end = start
    while end < len(cells) and header_kind(cells[end][1].clean) is not None:
        end += 1
    layout = read_layout([header_kind(c.clean) or "" for _, c in cells[start:end]])
    reader = _Reader(layout)
    for slot in cells[end:]:
        if not reader.feed(slot):
            break
    return reader.items, reader.groups, reader.totals


class _Reader:
    """Consumes the data cells one by one: texts pile up until a number closes a step."""

    def __init__(self, layout: StreamLayout) -> None:
        self.layout = layout
        self.items: list[ScoreItem] = []
        self.groups: list[ScoreGroup] = []
        self.totals = Totals()
        self.ctx: dict[str, Value[str]] = {}
        self.pending: list[Slot] = []
        self.item: ScoreItem | None = None  # weight read, score awaited
        self.in_total = False

    def feed(self, slot: Slot) -> bool:
        """Take one cell; False once the table has ended."""
        row, cell = slot
        text = squash(cell.clean)
        if _MARK.match(text) or is_placeholder(text):
            return True
        if self.in_total:
            if is_numeric(cell.clean):
                self.totals.score = number_value(row, cell)
                return True
            return False
        if SHEET_END.match(text):
            return False
        if not is_numeric(cell.clean):
            if self.item is None and not self.pending and is_total_label(text):
                self.in_total = True
                return True
            self.pending.append(slot)
            return True
        if self.item is None:
            self._open(slot)
        else:
            self._close(slot)
        return True

    def _open(self, weight: Slot) -> None:
        """A number after labels (and pre-weight texts) is the item's weight."""
        texts, self.pending = self.pending, []
        n_before = len(self.layout.before_weight)
        labels = texts[: max(0, len(texts) - n_before)] if n_before else texts
        before = texts[len(labels):]
        self._labels(labels)
        item = ScoreItem(
            level1=self.ctx.get("level1", Value[str]()),
            level2=self.ctx.get("level2", Value[str]()),
            name=self.ctx.get("name", Value[str]()),
            weight=number_value(*weight),
        )
        self._texts(item, self.layout.before_weight, before)
        if self.layout.has_score:
            self.item = item
        else:
            self.items.append(item)

    def _close(self, score: Slot) -> None:
        """The next number is the score; the texts between are the post-weight columns."""
        item, self.item = self.item, None
        assert item is not None
        texts, self.pending = self.pending, []
        expected = self.layout.after_weight
        self._texts(item, expected, texts[: len(expected)])
        self.pending = texts[len(expected):]  # more texts than columns: the next item's labels
        item.score = number_value(*score)
        self.items.append(item)

    def _texts(self, item: ScoreItem, kinds: list[str], slots: list[Slot]) -> None:
        confidence = 1.0 if len(slots) == len(kinds) else 0.6  # a blank column shifts the rest
        for kind, (row, cell) in zip(kinds, slots, strict=False):
            setattr(item, kind, traced(row, [cell], cell.clean, confidence=confidence))

    def _labels(self, slots: list[Slot]) -> None:
        """Group label fragments into labels, then fill the levels from the right (三级 last)."""
        units: list[list[Slot]] = []
        open_unit: list[Slot] = []
        for slot in slots:
            open_unit.append(slot)
            if _CLOSED.search(squash(slot[1].clean)):
                units.append(open_unit)
                open_unit = []
        units.extend([s] for s in open_unit)  # unclosed fragments: one label each
        if not units:
            return
        keys = ["level1", "level2", "name"][3 - min(self.layout.levels, 3):]
        ambiguous = len(units) > len(keys) or len(open_unit) > 1
        units = units[-len(keys):]
        placed = keys[len(keys) - len(units):]
        for key, unit in zip(placed, units, strict=False):
            self._set_label(key, unit, 0.6 if ambiguous else 1.0)

    def _set_label(self, key: str, unit: list[Slot], confidence: float) -> None:
        row = unit[0][0]
        raw = "".join(_SPACE.sub("", c.clean) for _, c in unit)
        m = _CLOSED.search(raw)
        name = raw[: m.start()] if m else raw
        self.ctx[key] = traced(row, [c for _, c in unit], name, confidence=confidence) if name else Value[str]()
        if key == "level1":
            self.ctx.pop("level2", None)
            self.ctx.pop("name", None)
        elif key == "level2":
            self.ctx.pop("name", None)
        if m is not None and key != "name" and name:
            level: GroupLevel = 1 if key == "level1" else 2
            if not any(g.name == name and g.level == level for g in self.groups):
                stated = traced(row, [c for _, c in unit], Decimal(m.group(1)), confidence=confidence)
                self.groups.append(ScoreGroup(level=level, name=name, stated_weight=stated))
