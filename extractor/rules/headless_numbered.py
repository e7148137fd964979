"""Numbered indicator rows of a one-line export whose header never prints whole.

An xlsx sheet copied as one line wraps its header words in their narrow cells and prints the
pieces among the first rows (``一级 指标 … 指标1:接种人数 年度 实际 指标值 完成值 ≥4000人 …``,
``分值 得分`` between a name and its values): no header row can be rebuilt, and a header read
from the pieces puts values under the wrong columns.  The rows still show what they are: a
numbered name (``指标N:``) followed by exactly the target (a figure with a unit or an operator),
the actual (a figure in the target's unit; or both the same short verdict, ``良好 良好``), the
分值 and the 得分 (bare figures, 分值 ≥ 得分), as the template prints them.  Only such rows
are read, the header pieces among them left out, the 一级/二级 words between rows taken as their
levels, a short text after the figures as the reason; every other row is left out and
``LAYOUT_HEADERLESS_TABLE`` says how many.  Nothing is read unless the header is scattered (see
``scattered``), two rows are certain and their 分值 stay within the total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from extractor.grid import Cell
from extractor.rules.indicators import IndicatorHeader
from extractor.segment.types import Row
from extractor.values import squash
from extractor.vocab import (
    HEADER_WORDS,
    INDICATOR_COLUMNS,
    LEVEL1_RE,
    LEVEL2_RE,
    TOTAL_ROW_RE,
    is_header_word,
    is_level,
    match_column,
)
from schemas.common import Finding

_NUMBERED = re.compile(r"^★?指标\d+[：:]\S")
_MEASURE = re.compile(r"^(?P<op>[≥≤=＝><＞＜≧≦]{0,2})(?P<num>\d+(?:\.\d+)?)(?P<unit>[^\d\s.]{0,4})$")
_SENTENCE = re.compile(r"[。，；！？,;：:]")
_BARE = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")  # a 分值 or 得分: no unit, no sign
_BLOCK = frozenset({"绩效指标", "年度绩效指标"})
_COLUMNS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation_reason")
_MIN_ROWS = 2
_MAX_WEIGHT = Decimal(100)


@dataclass
class _Read:
    """The rows read so far and the level words in force."""

    rows: list[list[Cell | None]] = field(default_factory=list)
    level1: Cell | None = None
    level2: Cell | None = None
    total: list[Cell] = field(default_factory=list)


def _piece(text: str) -> bool:
    """A header word or a piece of one wrapped in its cell (``年度``, ``指标值``, ``(A)``)."""
    key = squash(text)
    if not key or any(ch.isdigit() for ch in key) and key not in ("(A)", "(B)", "（A）", "（B）"):
        return False
    if is_header_word(key):
        return True
    return len(key) >= 2 and any(key in word for word in _WORDS)


_WORDS = tuple(HEADER_WORDS) + ("年初目标值(A)", "实际完成值(B)", "年初目标值（A）", "实际完成值（B）")


def _level(text: str) -> str | None:
    if is_level(LEVEL1_RE, text):
        return "level1"
    return "level2" if is_level(LEVEL2_RE, text) else None


def _stream(rows: list[Row]) -> list[Cell]:
    return [c for r in rows if not r.is_paragraph for c in r.cells if c.clean]


def scattered(rows: list[Row]) -> bool:
    """Whether the indicator header is scattered: the words from the last ``一级…`` cell before
    the first numbered name up to it do not name the target, actual, 分值 and 得分 columns, and
    either header words (or pieces of them, which the segment stage may have joined back) print
    after that name (before the total row; a block label repeated per row aside) or the words
    before it hold a piece of a header word.  A whole header printed before the rows (a repeated
    copy of it later or not) is read as before."""
    cells = _stream(rows)
    first = next((k for k, c in enumerate(cells) if _NUMBERED.match(c.clean)), None)
    if first is None:
        return False
    top = next((k for k in range(first - 1, -1, -1) if squash(cells[k].clean).startswith("一级")), None)
    head = cells[top:first] if top is not None else []
    if {"target", "actual", "weight", "score"} <= {match_column(c.clean, INDICATOR_COLUMNS) for c in head}:
        return False
    end = next((k for k in range(first, len(cells)) if TOTAL_ROW_RE.match(squash(cells[k].clean))), len(cells))
    after = any(_piece(c.clean) and _level(c.clean) is None and squash(c.clean) not in _BLOCK
                for c in cells[first + 1:end])
    return after or any(_piece(c.clean) and not is_header_word(squash(c.clean)) and _level(c.clean) is None
                        for c in head)


def _certain(values: list[Cell]) -> bool:
    """Target, actual, 分值, 得分 by their shapes: a figure with a unit or an operator, a figure in
    the target's unit, two bare figures with the 分值 not below the 得分."""
    if not all(_BARE.match(c.clean) for c in values[2:]) or Decimal(values[2].clean) < Decimal(values[3].clean):
        return False
    if _same_verdict(values[0].clean, values[1].clean):
        return True
    target, actual = _MEASURE.match(values[0].clean), _MEASURE.match(values[1].clean)
    if target is None or actual is None or not (target["op"] or target["unit"]):
        return False
    return bool(actual["unit"] == target["unit"])


def _same_verdict(target: str, actual: str) -> bool:
    """A qualitative row that reached its target prints the same short text twice (``良好 良好``):
    no wrapped name piece does that.  A sentence or a figure is not such a verdict."""
    return target == actual and len(target) <= 12 and not _SENTENCE.search(target) and not any(
        ch.isdigit() for ch in target)


def _boundary(cells: list[Cell], k: int) -> bool:
    """Whether a row may end before ``cells[k]``: the stream's end, a level word, a numbered name,
    a total row, a block label or a header piece."""
    if k >= len(cells):
        return True
    text = cells[k].clean
    return bool(_level(text) or _NUMBERED.match(text) or TOTAL_ROW_RE.match(squash(text))
                or squash(text) in _BLOCK or _piece(text))


def _read(cells: list[Cell]) -> _Read:
    out = _Read()
    k = 0
    while k < len(cells):
        text = cells[k].clean
        lvl = _level(text)
        if lvl == "level1" and is_level(LEVEL2_RE, text) and not (k + 1 < len(cells) and _level(cells[k + 1].clean)):
            lvl = "level2"  # 成本指标 is a 一级 word only above 经济成本指标 …; alone it is 二级 under 产出指标
        if lvl == "level1":
            out.level1, out.level2 = cells[k], None
        elif lvl == "level2":
            out.level2 = cells[k]
        elif TOTAL_ROW_RE.match(squash(text)) and out.rows:
            figures = cells[k + 1:k + 3]
            if len(figures) == 2 and all(_BARE.match(c.clean) for c in figures) and _boundary(cells, k + 3):
                out.total = [cells[k], *figures]
            break
        elif _NUMBERED.match(text):
            k = _row(cells, k, out)
            continue
        k += 1
    return out


def _row(cells: list[Cell], k: int, out: _Read) -> int:
    """The row a numbered name at ``k`` opens, read into ``out`` where certain; the next index."""
    values: list[Cell] = []
    j = k + 1
    while j < len(cells) and len(values) < 4:
        text = cells[j].clean
        if _level(text) or _NUMBERED.match(text) or TOTAL_ROW_RE.match(squash(text)):
            break
        if not _piece(text):
            values.append(cells[j])
        j += 1
    if len(values) < 4 or not _certain(values):
        return k + 1
    reason: Cell | None = None
    if not _boundary(cells, j) and _boundary(cells, j + 1) and not _MEASURE.match(cells[j].clean):
        reason, j = cells[j], j + 1  # a reason text after the row's figures
    if not _boundary(cells, j):
        return k + 1  # the row is followed by something else: its end is not certain
    out.rows.append([out.level1, out.level2, cells[k], *values, reason])
    return j


def headless_numbered(rows: list[Row]) -> tuple[list[Row], IndicatorHeader, Finding] | None:
    """The certain numbered rows of a table whose header is scattered in pieces, as rows under
    a blank stand-in header (columns ``_COLUMNS``) with the total row where printed whole, and the
    finding that says so (and how many numbered rows were left out); None unless the header is
    scattered and two rows or more are certain with consistent 分值."""
    if not scattered(rows):
        return None
    read = _read(_stream(rows))
    if len(read.rows) < _MIN_ROWS:
        return None
    weights = sum(Decimal(r[5].clean) for r in read.rows if r[5] is not None)
    limit = Decimal(read.total[1].clean) if read.total else _MAX_WEIGHT
    if weights > limit:
        return None  # the 分值 read disagree with the table's total: a column is not what it seems
    grid = next(r.grid_id for r in rows if not r.is_paragraph)
    page = next(r.page for r in rows if not r.is_paragraph)
    out = [Row([], grid, page)]
    for r, cells in enumerate(read.rows, start=1):
        out.append(Row([c if c is not None else Cell("", r, k) for k, c in enumerate(cells)], grid, page))
    if read.total:
        label, weight, score = read.total
        n = len(out)
        out.append(Row([label, *(Cell("", n, k) for k in range(1, 5)), weight, score], grid, page))
    names = sum(1 for c in _stream(rows) if _NUMBERED.match(c.clean))
    return out, IndicatorHeader(0, 0, dict(enumerate(_COLUMNS))), _finding(names - len(read.rows))


def _finding(left: int) -> Finding:
    return Finding(
        code="LAYOUT_HEADERLESS_TABLE",
        severity="warning",
        message_zh=f"指标表头被拆散在指标行之间，无法还原；仅按行形态（编号指标名、指标值、实际值、分值、得分）读取，"
                   f"另有 {left} 行未读取",
        message_en=f"the indicator header prints in pieces among the rows and cannot be rebuilt; only rows of a "
                   f"certain shape (numbered name, target, actual, weight, score) were read, {left} left out",
        rule="rules.headless_numbered",
    )
