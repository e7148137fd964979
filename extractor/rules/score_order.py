"""Put back the cell order of a scoring sheet pasted one cell per line with its rows' cells permuted.

A PDF text layer or an Excel export emits a row's cells out of order: the short cells before the
tall ones (``立项程序规范性 | 5 | 5 | 完成率达到100%…``), or the row rotated (``完成率达到100%… | 10 |
项目决策 | 项目立项 | 立项依据充分性 | 10``).  A row's cells still come together, so the stream is
a sequence of rows, each printed in its own order.  The header says the column order (一级 … 三级,
分值, 评分标准, 自评得分, 扣分原因); each cell's type (a figure, a sentence, a short text) says
which columns it can fill.  The stream is cut into rows by dynamic programming: every row must be
a rotation, a short-before-tall order or the header's own order of cells of the header's types,
holding exactly one item name; the cut that needs the fewest reorders and leaves the fewest
columns blank wins.  When two different readings tie, the sheet is read as cut and flagged.

Only streams that need a reorder are rebuilt (an in-order stream stays with the stream reader),
and only sheets whose header this model covers: label columns, 分值, criteria/explanation texts,
得分 and a note.  Marks (√), serial numbers and anything unknown leave the stream as it was.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import combinations

from extractor.grid import Cell
from extractor.rules.align import TIE, Reading, choose
from extractor.rules.score_stream import SHEET_END, header_kind, is_total_label
from extractor.segment.row_cut import placed
from extractor.segment.types import LINES_GRID, Row
from extractor.values import is_numeric, is_placeholder, parse_decimal, squash
from extractor.vocab import split_subtotal
from extractor.vocab.forms import DEPT_RUBRIC_WORDS, PROJECT_RUBRIC_WORDS
from extractor.vocab.page import is_page_furniture

_RUBRIC = frozenset(PROJECT_RUBRIC_WORDS + DEPT_RUBRIC_WORDS)
_TALL = 8  # cells over 8 characters print on two lines, after their row's short cells
_SENTENCE = re.compile(r"[，。；;,：:]")
_KINDS = frozenset({"serial", "level", "weight", "criteria", "description", "score", "note"})
_REORDER = 1.0  # a row printed out of its header's order
_BLANK = 0.5  # a figure or rule column left blank in a row
_NOTE = 0.25  # a note is rare: prefer a short text as the next row's label
_MOVED = 1.5  # a label read in another level column than on most rows
_MAX_ROW = 9
_SCRAMBLED_SHARE = 0.2  # a scrambled export reorders about half its rows; an in-order paste none
_LINES_PER_CELL = 0.95  # a text grid of one-cell lines may hold a few paragraph cells (all on "line 0")


@dataclass(slots=True)
class Restored:
    """The sheet's rows rebuilt in header order; ``ambiguous`` when two cuts read differently."""

    rows: list[Row]
    ambiguous: bool


@dataclass(slots=True)
class _Prior:
    """What the whole sheet says about single rows: the item-name column, the texts printed more
    than once (never a name), whether its 一级 are the standard rubric's words (then only they
    stand in the 一级 column), each 一级/二级 label's usual column and whether each level column
    states points (after a first cut)."""

    name_col: int
    level1_col: int
    repeated: set[str]
    rubric: bool
    home: dict[str, int] = field(default_factory=dict)
    pointed: dict[int, bool] = field(default_factory=dict)  # level column → its labels state points


def _rubric(cell: Cell) -> bool:
    """A 一级 heading of the standard rubric (项目决策, 部门管理 …), its points stated or not."""
    return split_subtotal(squash(cell.clean))[0] in _RUBRIC


def _type(cell: Cell) -> str:
    """N a figure, S a sentence (a rule or an explanation), T a short text (a label or a note)."""
    key = squash(cell.clean)
    if is_numeric(cell.clean):
        return "N"
    if _SENTENCE.search(key) or len(key) >= 16:
        return "S"
    return "T"


def _column_type(kind: str) -> str:
    return {"serial": "N", "level": "T", "weight": "N", "score": "N", "note": "T"}.get(kind, "S")


def _canonical_header(cells: list[Cell]) -> list[Cell] | None:
    """The header cells rotated back to start at their first label column, or at the 序号 before it
    (a rotated header prints 自评得分 | 扣分原因 before 一级指标); None when the header holds a
    column this model lacks."""
    kinds = [header_kind(c.clean) for c in cells]
    if any(k not in _KINDS for k in kinds) or "level" not in kinds:
        return None
    first = kinds.index("level")
    if kinds[first - 1] == "serial":
        first = (first - 1) % len(kinds)
    out = cells[first:] + cells[:first]
    kinds = [header_kind(c.clean) for c in out]
    lead = kinds[0] == "serial"
    n_levels = kinds.count("level")
    if kinds[lead:lead + n_levels] != ["level"] * n_levels or len(set(kinds)) != len(kinds) - n_levels + 1:
        return None
    return out


def _fit(types: list[str], columns: list[str]) -> tuple[float, list[int]] | None:
    """How ``types`` (a row in header order) fills the columns: leading labels may be blank (a
    merged 一级/二级 printed once), the item name (last label column) is required, every other column
    is optional at a cost.  Returns (cost, column index per cell), the cheapest assignment."""
    lead = int(columns[0] == "serial")  # 序号 first, always printed
    if lead and (not types or types[0] != "N"):
        return None
    n_levels = columns.count("level")
    k = lead
    while k < len(types) and types[k] == "T" and k < n_levels + lead:
        k += 1
    if k == lead:
        return None
    cols = [0] * lead + list(range(n_levels + lead - (k - lead), n_levels + lead))
    cost = 0.0
    c = n_levels + lead
    for t in types[k:]:
        while c < len(columns) and _column_type(columns[c]) != t:
            cost += 0 if columns[c] == "note" else _BLANK
            c += 1
        if c == len(columns):
            return None
        cols.append(c)
        cost += _NOTE if columns[c] == "note" else 0
        c += 1
    cost += sum(_BLANK for kind in columns[c:] if kind != "note")
    return cost, cols


def _orders(seg: list[Cell]) -> list[tuple[float, list[Cell]]]:
    """The header-order rows ``seg`` may have been printed from: itself, each rotation, and each
    interleaving of its short and tall cells when it prints the short ones first."""
    out: list[tuple[float, list[Cell]]] = [(0.0, seg)]
    out += [(_REORDER, seg[k:] + seg[:k]) for k in range(1, len(seg))]
    lengths = [len(c.clean) for c in seg]
    n_short = next((k for k, n in enumerate(lengths) if n > _TALL), len(seg))
    if 0 < n_short < len(seg) and all(n > _TALL for n in lengths[n_short:]):
        short, tall = seg[:n_short], seg[n_short:]
        for places in combinations(range(len(seg)), len(tall)):
            merged = placed(short, tall, places)
            if merged != seg:
                out.append((_REORDER, merged))
    return out


def _read_row(seg: list[Cell], columns: list[str], prior: _Prior, serial: int | None = None
              ) -> tuple[float, list[tuple[int, Cell]], bool] | None:
    """The cheapest header-order reading of one row, chosen by the aligner (rivals that place cells
    differently make it ambiguous).
    A label placed in another level column than the one it takes on most rows costs more than a
    reorder (a merged 一级 label printed on every row keeps its column), and so does a text printed
    more than once read as an item name (names are unique).  ``serial``: the
    序号 this row must print."""
    readings: list[Reading[list[tuple[int, Cell]]]] = []
    for cost, order in _orders(seg):
        fit = _fit([_type(c) for c in order], columns)
        if fit is None:
            continue
        placed = list(zip(fit[1], order, strict=True))
        if serial is not None and squash(placed[0][1].clean) != str(serial):
            continue
        total = cost + fit[0] + sum(_MOVED for col, c in placed if prior.home.get(squash(c.clean), col) != col)
        total += sum(_MOVED for col, c in placed if prior.pointed.get(col, _states_points(c)) != _states_points(c))
        total += sum(_MOVED for col, c in placed if col == prior.name_col and squash(c.clean) in prior.repeated)
        if "note" in columns:
            total += _deduction_cost([(columns[col], c) for col, c in placed])
        if prior.rubric:  # the sheet's 一级 are the rubric's words: no other text in that column
            total += sum(_MOVED for col, c in placed if (col == prior.level1_col) != _rubric(c))
        readings.append(Reading(placed=placed, fit=-total))
    choice = choose(readings, reader="score_order")
    return None if choice is None else (-choice.score, choice.best.placed, choice.doubtful)


def _deduction_cost(placed: list[tuple[str, Cell]]) -> float:
    """A sheet with a 扣分原因 column prints one where points were taken off: a note beside a full
    score, or a score below its weight without one, is an unlikely reading of the row."""
    by_kind = {kind: parse_decimal(c.clean) if kind in ("weight", "score") else c for kind, c in placed}
    weight, score = by_kind.get("weight"), by_kind.get("score")
    if not isinstance(weight, Decimal) or not isinstance(score, Decimal):
        return 0.0
    if "note" in by_kind:
        return _MOVED if score >= weight else 0.0
    return _MOVED if score < weight else 0.0


def _cut(body: list[Cell], columns: list[str], prior: _Prior
         ) -> tuple[list[list[tuple[int, Cell]]], bool, bool] | None:
    """Rows of ``body`` (fewest reorders and blanks); whether the sheet was scrambled (enough rows
    reordered: one odd row of a sheet printed in order is the stream reader's); whether ambiguous."""
    n = len(body)
    numbered = columns[0] == "serial"  # rows print 序号 1, 2, 3 …: the state counts rows
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[tuple[int, int], list[tuple[int, Cell]]]] = {}
    ties: dict[tuple[int, int], bool] = {(0, 0): False}
    max_row = min(_MAX_ROW, len(columns))
    for j in range(1, n + 1):
        for i in range(max(0, j - max_row), j):
            for state in [s for s in best if s[0] == i]:
                read = _read_row(body[i:j], columns, prior, state[1] + 1 if numbered else None)
                if read is None:
                    continue
                to = (j, state[1] + 1 if numbered else 0)
                total = best[state] + read[0]
                if to not in best or total < best[to] - TIE:
                    best[to], back[to], ties[to] = total, (state, read[1]), ties[state] or read[2]
                elif abs(total - best[to]) < TIE:
                    ties[to] = True
    ends = [s for s in best if s[0] == n]
    if not ends:
        return None
    end = min(ends, key=lambda s: best[s])
    rows: list[list[tuple[int, Cell]]] = []
    at = end
    while at[0] > 0:
        prev, row = back[at]
        rows.insert(0, row)
        at = prev
    moved = sum(1 for k, row in enumerate(rows)
                if [c for _, c in row] != body[sum(len(r) for r in rows[:k]):][:len(row)])
    reordered = moved >= max(2, _SCRAMBLED_SHARE * len(rows))
    return rows, reordered, ties[end] or sum(1 for s in ends if abs(best[s] - best[end]) < TIE) > 1


def restore_score_rows(rows: list[Row]) -> Restored | None:
    """The sheet's rows rebuilt in header order, or None when the stream needs no reorder or the
    model does not cover it (the stream reader then reads it as printed)."""
    table = [r for r in rows if not r.is_paragraph]
    cells = sorted((c for r in table for c in r.cells if c.clean), key=lambda c: c.char_start or 0)
    lines = len({(r.grid_id, c.row) for r in table for c in r.cells if c.clean})
    if not cells or lines != 1 and lines < _LINES_PER_CELL * len(cells):
        return None  # not cell lines re-rowed by the segmenter: one stream, or (nearly) one cell a line
    if any(c.char_start is None for c in cells):
        return None
    start = next((i for i, c in enumerate(cells) if header_kind(c.clean) == "level"), None)
    if start is None:
        return None
    while start > 0 and header_kind(cells[start - 1].clean) not in (None, "frag"):
        start -= 1
    end = start
    while end < len(cells) and header_kind(cells[end].clean) not in (None, "frag"):
        end += 1
    header = _canonical_header(cells[start:end])
    if header is None:
        return None
    columns = [header_kind(c.clean) or "" for c in header]
    stop = next((k for k in range(end, len(cells)) if _closes(cells[k])), len(cells))
    body = cells[end:stop]
    if not body or any(is_placeholder(squash(c.clean)) or len(c.clean) == 1 and not c.clean.isdigit()
                       for c in body):
        return None
    levels = [k for k, kind in enumerate(columns) if kind == "level"]
    residue: list[Cell] = []
    cut = _cut_twice(body, columns, levels)
    while cut is None and body and is_numeric(body[-1].clean) and stop < len(cells):
        residue.insert(0, body.pop())  # a rotated total row: its figures before 合计
        cut = _cut_twice(body, columns, levels) if body else None
    if cut is None or not cut[1] and (cut[2] or any(r.grid_id != LINES_GRID for r in table)):
        return None
    items, _, ambiguous = cut
    grid_id, page = table[0].grid_id, table[0].page
    out = [r for r in rows if r.is_paragraph]
    out += [Row(cells=[c], grid_id=grid_id, page=page) for c in cells[:start]]
    out.append(Row(cells=[replace(c, col=k) for k, c in enumerate(header)], grid_id=grid_id, page=page))
    for item in items:  # merged 一级/二级 printed once: blank cells keep the labels' columns
        first = min((col for col, _ in item if col in levels), default=levels[-1])
        blank = [Cell("", row=item[0][1].row, col=k) for k in levels if k < first]
        placed = [replace(c, col=k) for k, c in item]
        out.append(Row(cells=sorted(blank + placed, key=lambda c: c.col), grid_id=grid_id, page=page))
    tail = cells[stop:]
    if tail:
        total = [tail[0], *residue]
        rest = tail[1:]
        while rest and is_numeric(rest[0].clean):
            total.append(rest.pop(0))
        out.append(Row(cells=[replace(c, col=k) for k, c in enumerate(total)], grid_id=grid_id, page=page))
        out += [Row(cells=[c], grid_id=grid_id, page=page) for c in rest]
    return Restored(rows=out, ambiguous=ambiguous)


def _cut_twice(body: list[Cell], columns: list[str], levels: list[int]
               ) -> tuple[list[list[tuple[int, Cell]]], bool, bool] | None:
    """The cut, then the cut again with each label kept in the level column most rows give it."""
    keys = Counter(squash(c.clean) for c in body if _type(c) == "T")
    prior = _Prior(name_col=levels[-1], level1_col=levels[0], repeated={k for k, n in keys.items() if n > 1},
                   rubric=len(levels) == 3 and any(_rubric(c) for c in body))
    cut = _cut(body, columns, prior)
    if cut is None:
        return None
    prior.home = _homes(cut[0], columns)
    prior.pointed = _pointed(cut[0], columns)
    return _cut(body, columns, prior)


def _homes(rows: list[list[tuple[int, Cell]]], columns: list[str]) -> dict[str, int]:
    """Each 一级/二级 label's most frequent level column in a first cut."""
    upper = [k for k, kind in enumerate(columns) if kind == "level"][:-1]  # 一级/二级, not the item name
    votes: dict[str, Counter[int]] = {}
    for row in rows:
        for col, cell in row:
            if col in upper:
                votes.setdefault(squash(cell.clean), Counter())[col] += 1
    return {key: count.most_common(1)[0][0] for key, count in votes.items()
            if sum(count.values()) >= 2}


def _states_points(cell: Cell) -> bool:
    return split_subtotal(squash(cell.clean))[1] is not None


def _pointed(rows: list[list[tuple[int, Cell]]], columns: list[str]) -> dict[int, bool]:
    """Whether each level column's labels state their points (``绩效目标合理性（5分）``) on most
    rows of a first cut: a sheet states them in some columns and not in others."""
    levels = {k for k, kind in enumerate(columns) if kind == "level"}
    votes: dict[int, Counter[bool]] = {}
    for row in rows:
        for col, cell in row:
            if col in levels:
                votes.setdefault(col, Counter())[_states_points(cell)] += 1
    return {col: count[True] > count[False] for col, count in votes.items() if count[True] != count[False]}


def _closes(cell: Cell) -> bool:
    key = squash(cell.clean)
    return is_total_label(key) or bool(SHEET_END.match(key)) or is_page_furniture(cell.clean)
