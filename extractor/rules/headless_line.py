"""A table's tail printed on one line: indicator rows with no header, run together.

A page's text layer copied from the end of a self-evaluation prints its last indicator rows, the
合计 row and the closing rows on one line: text cells glued to each other, a space only where a
figure meets its neighbour (``产出指标数量指标足额保障率=100% 20 调整次数≤8次 20 … 合计100 评价结论…``).
Ingest cuts the line at its spaces.  Here the pieces are re-rowed into indicator rows only where
the row is certain: its 一级/二级 words (ending in 指标) peeled off the front, the name up to an
operator, the operator-led target (and an actual glued after it in the same unit), then the bare
figures up to the next text.  A row whose target has no operator (name and target cannot be cut
apart) or whose pieces break that pattern is not printed, its level words carried to the next
row; a row whose figure count differs from the 合计 row's keeps its name and measures only.  The
rebuilt rows go to ``headless_header``, which names the columns as for any excerpt without a
header; nothing is read unless it names them with certainty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.headless_indicators import headless_header
from extractor.rules.indicators import IndicatorHeader
from extractor.segment.types import Row
from extractor.vocab import TOTAL_ROW_RE

_PREFIX = "绩效指标"  # a column above the 一级 words that some templates print (湖北, 衔接资金)
_POINTS = r"(?:[（(]\d{1,3}(?:\.\d{1,2})?分[）)])?"  # the group's points stated after its word: 效益指标（30分）
_L1 = r"(?:产出|效益|效果|满意度|成本)指标"
_L2 = (r"(?:数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|可持续影响|"
       r"服务对象满意度|满意度)指标")
_LEVEL1 = re.compile(_L1 + _POINTS)
_LEVEL2 = re.compile(_L2 + _POINTS)
_ANY_LEVEL = re.compile(rf"{_PREFIX}|{_L1}|{_L2}")
# rows only a self-evaluation closes with: printed after the total, they type a form without actuals
CLOSING_RE = re.compile(r"评价结论|存在问题|改进措施|自评结论")
_OPERATOR = re.compile(r"[≥≤=＝><＞＜≧≦]")
_MEASURE = re.compile(r"(?P<op>[≥≤=＝><＞＜≧≦]{1,2})(?P<num>\d+(?:\.\d+)?)(?P<unit>[^\d\s]{0,4})(?P<rest>.*)$")
_ACTUAL = re.compile(r"^(?P<num>\d+(?:\.\d+)?)(?P<unit>[^\d\s]{0,4})$")
_BARE = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")  # a weight or a score: no unit, no sign
_SENTENCE = re.compile(r"[。，；！？,;]")
_MIN_ROWS = 2
_MAX_TOTAL = 100


@dataclass
class _Piece:
    """A stretch of one ingested cell: its text and its offset in that cell."""

    cell: Cell
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.cell.text[self.start:self.end]

    def sub(self, start: int, end: int | None = None) -> _Piece:
        return _Piece(self.cell, self.start + start, self.end if end is None else self.start + end)


@dataclass
class _Line:
    """One indicator row being read; ``broken`` once its pieces leave the certain pattern."""

    level1: _Piece | None = None
    level2: _Piece | None = None
    name: _Piece | None = None
    target: _Piece | None = None
    actual: _Piece | None = None
    unit: str = ""
    figures: list[_Piece] = field(default_factory=list)
    reason: _Piece | None = None
    broken: bool = False


def closes_evaluation(rows: list[Row]) -> bool:
    """Whether a self-evaluation's closing rows (评价结论, 存在问题 …) are printed among ``rows``."""
    return any(CLOSING_RE.search(t) for r in rows for t in r.nonblank)


def headless_line(rows: list[Row]) -> tuple[list[Row], IndicatorHeader, bool] | None:
    """The one-line tail among ``rows`` re-rowed and read by ``headless_header``; None unless a
    grid row holds one and its columns are certain."""
    for k, row in enumerate(rows):
        rebuilt = _rebuild(row)
        if rebuilt is not None:
            return headless_header([*rows[:k], *rebuilt])
    return None


def _rebuild(row: Row) -> list[Row] | None:
    """The indicator rows and the total row a one-line tail prints; None when ``row`` is not one."""
    if row.is_paragraph or len(row.cells) < 4:
        return None
    if not all(c.ruby == 0 and c.text == c.clean and c.char_start is not None for c in row.cells if c.text):
        return None  # a span per piece needs the printed text itself
    if sum(len(_ANY_LEVEL.findall(c.text)) for c in row.cells) < 1:
        return None
    lines, total = _read(row)
    kept = [ln for ln in lines if not ln.broken]
    if len(kept) < _MIN_ROWS:
        return None
    if total is None:  # a target table prints no total: its rows' one figure is the weight
        printed = any(TOTAL_ROW_RE.match(c.text) or CLOSING_RE.search(c.text) for c in row.cells)
        if printed or any(ln.actual is not None or len(ln.figures) != 1 for ln in kept):
            return None  # a total or an evaluation's rows printed and not read, or figures that may be fused
        return _rows(kept, [], row)
    return _rows(kept, total, row)


def _read(row: Row) -> tuple[list[_Line], list[_Piece] | None]:
    """The rows in print order and the total row's figures (None when none is printed whole)."""
    lines: list[_Line] = []
    total: list[_Piece] | None = None
    for cell in row.cells:
        if not cell.text:
            continue
        piece = _Piece(cell, 0, len(cell.text))
        text = piece.text
        if total is not None:
            if not _BARE.match(text):
                break  # the closing rows (评价结论 …)
            total.append(piece)
            continue
        current = lines[-1] if lines else None
        if (m := TOTAL_ROW_RE.match(text)) is not None:
            total = []
            if m.end() < len(text):
                rest = piece.sub(m.end())
                if not _BARE.match(rest.text):
                    return lines, None
                total.append(rest)
            continue
        if _BARE.match(text):
            if current is not None:
                current.figures.append(piece)
            continue
        if current is not None and not current.figures and not current.broken:
            if current.target is not None and current.actual is None and (a := _ACTUAL.match(text)) \
                    and a["unit"] == current.unit:
                current.actual = piece
            else:
                current.broken = True  # text between a row's measures and its figures: not the pattern
            continue
        at = _ANY_LEVEL.search(text)
        if at is None and (current is None or _OPERATOR.search(text) and not _SENTENCE.search(text)):
            at_start = 0
        elif at is not None:
            at_start = at.start()
        else:
            if current is not None and current.reason is None:
                current.reason = piece  # the text after a row's figures: its reason column
            continue
        if at_start > 0 and current is not None:
            current.reason = piece.sub(0, at_start)
        lines.append(_start(piece.sub(at_start), current))
    return lines, total if total else None


def _start(piece: _Piece, before: _Line | None) -> _Line:
    """A row from its first text: level words, the name, the operator-led target (and actual).
    A broken row before it hands on the level words it printed."""
    line = _Line()
    if before is not None and before.broken:
        line.level1, line.level2 = before.level1, before.level2
    pos, text = 0, piece.text
    if text.startswith(_PREFIX):
        pos = len(_PREFIX)
    if (m := _LEVEL1.match(text, pos)) is not None and (not m.group().startswith("成本")
                                                       or _LEVEL2.match(text, m.end()) is not None):
        # 成本指标 is a 一级 word only above 经济成本指标 …; alone it is 二级 under 产出指标
        line.level1, line.level2, pos = piece.sub(m.start(), m.end()), None, m.end()
    if (m := _LEVEL2.match(text, pos)) is not None:
        line.level2, pos = piece.sub(m.start(), m.end()), m.end()
    op = _OPERATOR.search(text, pos)
    if op is None or op.start() == pos or _ANY_LEVEL.search(text, pos) or _SENTENCE.search(text, pos, op.start()):
        line.broken = True  # no operator: the name and a qualitative target cannot be cut apart
        return line
    line.name = piece.sub(pos, op.start())
    m = _MEASURE.match(text, op.start())
    if m is None:
        line.broken = True
        return line
    rest = m["rest"]
    line.unit = m["unit"]
    line.target = piece.sub(op.start(), m.start("rest"))
    if rest:
        a = _ACTUAL.match(rest)
        if a is None or a["unit"] != line.unit:
            line.broken = True  # a target glued to something other than an actual in its unit
            return line
        line.actual = piece.sub(m.start("rest"))
    return line


def _rows(lines: list[_Line], total: list[_Piece], row: Row) -> list[Row] | None:
    """The rows as a table: 一级, 二级, name, target, actual, the figures, reason (columns nothing
    prints left out), then the total row with its figures under the rows' figure columns (none
    for a target table's rows, ``total`` empty: one figure each)."""
    if any(Decimal(p.text) > _MAX_TOTAL for p in total):
        return None  # a total fused with the next figure
    n = len(total) or 1
    grid: list[list[_Piece | None]] = []
    for ln in lines:
        figures: list[_Piece | None] = list(ln.figures) if len(ln.figures) == n else [None] * n
        grid.append([ln.level1, ln.level2, ln.name, ln.target, ln.actual, *figures, ln.reason])
    width = 5 + n + 1
    keep = [j for j in range(width) if any(g[j] is not None for g in grid) or 5 <= j < 5 + n]
    out: list[Row] = []
    for r, g in enumerate(grid):
        out.append(Row([_cell(g[j], r, c) for c, j in enumerate(keep)], row.grid_id, row.page))
    label = next((c for c in row.cells if TOTAL_ROW_RE.match(c.text)), None)
    if label is None:
        return out
    figures_at = {j: total[j - 5] for j in range(5, 5 + n)}
    total_cells = [_cell(_Piece(label, 0, TOTAL_ROW_RE.match(label.text).end()), len(grid), 0)]  # type: ignore[union-attr]
    total_cells += [_cell(figures_at.get(j), len(grid), c) for c, j in enumerate(keep) if c > 0]
    out.append(Row(total_cells, row.grid_id, row.page))
    return out


def _cell(piece: _Piece | None, r: int, c: int) -> Cell:
    if piece is None:
        return Cell("", r, c)
    src = piece.cell
    assert src.char_start is not None
    return Cell(piece.text, src.row, src.col, char_start=src.char_start + piece.start,
                char_end=src.char_start + piece.end, page=src.page)
