"""Repairs OCR misreadings that the form itself can decide, and marks every repair.

PP-OCR reads these forms well, but a few confusions recur and each one turns a value into a
different, plausible-looking value:

- ``≥90%`` read as ``290%``: the ``≥`` glyph (often drawn ``⩾``) looks like a ``2``.  A
  percentage over 100 in a target/actual column whose tail is a percentage ≤ 100 is the
  operator; the column decides (its header, or other cells of it that carry operators).
- full-width digits, ``％`` and ``．``: the same digit in another code point, folded to ASCII.
  Operator glyphs (``≧ ≦ ═ ＝ >=``) are left as read: the cell text must stay as printed, and
  the readers normalise the operator itself (``extractor/vocab/operators.py``).
- ``═0起`` read as ``一0起``: the double bar, blurred into one thick bar, is read as the numeral
  one — a word where the form printed "equal to".  In a target/actual column a number led by
  ``一`` or a long dash is the operator.  (Read as a minus, ``-100``, the ink decides, in
  ``glyphs``: a minus sign before a number is how a negative value is printed.)
- ``级指标`` beside ``二级指标``: the recogniser drops a leading ``一`` (one thin stroke at the
  start of a line), and the column of level-1 names loses its header.  In a row that holds
  ``二级指标``, ``级指标`` is ``一级指标``.
- ``O``/``l``/``I`` inside a number: letters that look like digits.
- the placeholder ``—`` read as ``一`` (the numeral one) or ``-``: a cell holding only that,
  in a row or column of numbers, is the placeholder, never the word "one".
- a bracket pair of mixed widths (``（20分)``): the recogniser picks the width of each bracket
  on its own, but a printed pair is of one width, and a label repeated down a merged column
  (``预算执行情况（万元）（20分）``) must read the same in every row to be known as one cell.  The
  closing bracket takes the opening one's width, and copies of one label in a grid that differ
  only in the width of their brackets or colons are given the spelling most of them have
  (exact: the same characters in another width).
- fused numbers (``2020`` for ``20 | 20``): two score cells whose rule was lost.  When a number
  over 100 in a weight/score column sits beside an empty weight/score cell and only one split
  gives two values ≤ 100, that split is taken.

A repair that guesses (operator, fused number, letters for digits) caps the cell's confidence at
:data:`GUESS_CONFIDENCE`, below the review threshold, so a person confirms it: context makes the
guess likely, not certain.  Folding code points is exact and keeps the confidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractor.grid import Cell, Grid

GUESS_CONFIDENCE = 0.6

_FULLWIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_OPERATOR_START = re.compile(r"^\s*(?:[≥≤><=≧≦═＝＞＜⩾⩽]|不低于|不高于|不超过|不少于|小于|大于)")
_GE_AS_2 = re.compile(r"^2([1-9]\d(?:\.\d+)?|100(?:\.0+)?)%$")  # 210%–2100%: over 100 whole
_BAR_FOR_EQUALS = re.compile(r"^[一—_ー]\s*(\d[\d,]*(?:\.\d+)?\s*\S{0,6})$")
_DIGITISH = re.compile(r"^[0-9OolI|.%]+$")
_NUMBER = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d+)?$")
_NUMERIC = re.compile(r"^(?:[≥≤><=≧≦═＝＞＜⩾⩽]|>=|<=)?\s*-?\d[\d,]*(?:\.\d+)?\s*%?$")
DASH_LOOKALIKES = frozenset({"—", "一", "一一", "-", "--", "_", "——", "－", "ー", "–"})
_FUSED = re.compile(r"^\d{3,}(?:\.\d+)?$|^\d+(?:\.\d+)?\s+\d+(?:\.\d+)?$")

MEASURE_HEADERS = ("指标值", "目标值", "完成值", "实际值", "实际完成", "绩效标准", "实现值", "业绩指标")
SCORE_HEADERS = ("分值", "权重", "得分", "分数", "评分", "打分")


@dataclass(frozen=True, slots=True)
class Correction:
    """One repaired cell: what was read, what it became and why."""

    grid_id: str
    row: int
    col: int
    before: str
    after: str
    rule: str
    guess: bool


def fold_digits(text: str) -> str:
    """Full-width digits, ``％`` and ``．`` as ASCII (exact: the same characters)."""
    return text.translate(_FULLWIDTH)


_CLOSING = {"（": "）", "(": ")"}


def pair_brackets(text: str) -> str:
    """Each closing bracket in the width of the bracket it closes: ``（20分)`` → ``（20分）``."""
    out: list[str] = []
    opened: list[str] = []
    for ch in text:
        if ch in _CLOSING:
            opened.append(ch)
        elif ch in "）)" and opened:
            ch = _CLOSING[opened.pop()]
        out.append(ch)
    return "".join(out)


def fix_grid(grid: Grid) -> list[Correction]:
    """Apply every rule to the grid's cells in place; return what changed."""
    fixes: list[Correction] = []
    filled = grid.filled()
    anchors = {(c.row, c.col): c for row in grid.rows for c in row}
    width = max((len(r) for r in filled), default=0)
    measure_cols = {k for k in range(width) if _is_measure_column(filled, k)}
    number_cols = {k for k in range(width) if _is_number_column(filled, k)}
    number_rows = {r for r, row in enumerate(filled) if any(_NUMERIC.match(c.clean) for c in row)}
    for cell in anchors.values():
        _fix_cell(grid.id, cell, cell.col in measure_cols, fixes)
        in_numbers = cell.col in number_cols or cell.row in number_rows
        if in_numbers and cell.clean in DASH_LOOKALIKES and cell.clean != "—":
            fixes.append(Correction(grid.id, cell.row, cell.col, cell.text, "—", "dash-read-as-yi", guess=False))
            cell.text = "—"
    _unify_widths(grid.id, list(anchors.values()), fixes)
    _restore_level_one(grid, fixes)
    _split_fused(grid, filled, anchors, fixes)
    return fixes


def _restore_level_one(grid: Grid, fixes: list[Correction]) -> None:
    for row in grid.rows:
        texts = {re.sub(r"\s+", "", c.text) for c in row}
        if "二级指标" not in texts:
            continue
        for cell in row:
            if re.sub(r"\s+", "", cell.text) == "级指标":
                _guess(grid.id, cell, "一级指标", "yi-dropped", fixes)


_WIDE = str.maketrans({"(": "（", ")": "）", ":": "："})


def _unify_widths(grid_id: str, cells: list[Cell], fixes: list[Correction]) -> None:
    """Copies of a label differing only in bracket/colon width take the commonest spelling."""
    groups: dict[str, list[Cell]] = {}
    for cell in cells:
        if any(ch in cell.text for ch in "()（）:："):
            groups.setdefault(cell.text.translate(_WIDE), []).append(cell)
    for copies in groups.values():
        spellings = Counter(c.text for c in copies)
        if len(spellings) < 2:
            continue
        # the commonest; a tie goes to the wider spelling (Chinese forms print full-width brackets)
        best = max(spellings, key=lambda t: (spellings[t], sum(ch in "（）：" for ch in t)))
        for cell in copies:
            if cell.text != best:
                fixes.append(Correction(grid_id, cell.row, cell.col, cell.text, best, "bracket-width", guess=False))
                cell.text = best


def _fix_cell(grid_id: str, cell: Cell, measure_column: bool, fixes: list[Correction]) -> None:
    before = cell.text
    folded = fold_digits(before)
    text = pair_brackets(folded)
    for rule, was, now in (("fold", before, folded), ("bracket-pair", folded, text)):
        if now != was:
            fixes.append(Correction(grid_id, cell.row, cell.col, was, now, rule, guess=False))
    cell.text = text
    stripped = text.strip()
    if measure_column and (m := _GE_AS_2.match(stripped)):
        _guess(grid_id, cell, "≥" + m.group(1) + "%", "ge-read-as-2", fixes)
    elif measure_column and (m := _BAR_FOR_EQUALS.match(stripped)):
        _guess(grid_id, cell, "═" + m.group(1), "equals-read-as-bar", fixes)
    elif _DIGITISH.match(stripped) and any(ch.isdigit() for ch in stripped) and any(ch in "OolI|" for ch in stripped):
        digits = stripped.translate(str.maketrans("OolI|", "00111"))
        _guess(grid_id, cell, digits, "letter-for-digit", fixes)


def _guess(grid_id: str, cell: Cell, after: str, rule: str, fixes: list[Correction]) -> None:
    fixes.append(Correction(grid_id, cell.row, cell.col, cell.text, after, rule, guess=True))
    cell.text = after
    cell.confidence = min(cell.confidence, GUESS_CONFIDENCE)


def _header_above(filled: list[list[Cell]], row: int, col: int) -> str:
    """The nearest wordy cell above: the column label in force at this row."""
    for r in range(row - 1, -1, -1):
        if col >= len(filled[r]):
            continue
        text = filled[r][col].clean
        if text and not any(ch.isdigit() for ch in text):
            return text
    return ""


def _is_measure_column(filled: list[list[Cell]], col: int) -> bool:
    cells = [row[col] for row in filled if col < len(row) and not row[col].continuation]
    with_operator = sum(1 for c in cells if _OPERATOR_START.match(c.text))
    if with_operator >= 2:
        return True
    return any(any(h in c.clean for h in MEASURE_HEADERS) for c in cells)


def _is_number_column(filled: list[list[Cell]], col: int) -> bool:
    """Most filled cells of the column are numbers (amounts, rates, scores)."""
    texts = [row[col].clean for row in filled if col < len(row) and not row[col].continuation and row[col].clean]
    numbers = sum(1 for t in texts if _NUMERIC.match(t))
    return numbers >= 2 and numbers >= 0.4 * len(texts)


def _is_score_column(filled: list[list[Cell]], row: int, col: int) -> bool:
    return any(h in _header_above(filled, row, col) for h in SCORE_HEADERS)


def _split_fused(
    grid: Grid, filled: list[list[Cell]], anchors: dict[tuple[int, int], Cell], fixes: list[Correction]
) -> None:
    for (r, c), cell in sorted(anchors.items()):
        if cell.colspan != 1 or not _FUSED.match(cell.clean):
            continue
        if " " not in cell.clean and float(cell.clean) <= 100:
            continue  # a plausible score on its own (100 with a blank 得分 is common)
        for dc in (1, -1):
            other = anchors.get((r, c + dc))
            if other is None or not other.is_blank or other.colspan != 1:
                continue
            if not (_is_score_column(filled, r, c) and _is_score_column(filled, r, c + dc)):
                continue
            split = _unique_split(cell.clean)
            if split is None:
                continue
            left, right = split
            first, second = (cell, other) if dc == 1 else (other, cell)
            before, conf = cell.text, min(cell.confidence, GUESS_CONFIDENCE)
            first.text, second.text = left, right
            first.confidence = second.confidence = conf
            fixes.append(Correction(grid.id, r, c, before, f"{left} | {right}", "fused-numbers", guess=True))
            break


def _unique_split(text: str) -> tuple[str, str] | None:
    """The one way to cut ``text`` into two well-formed numbers both ≤ 100, if there is one."""
    if " " in text.strip():
        parts = text.split()
        if len(parts) == 2 and all(_NUMBER.match(p) and float(p) <= 100 for p in parts):
            return parts[0], parts[1]
        return None
    options = []
    for i in range(1, len(text)):
        a, b = text[:i], text[i:]
        if _NUMBER.match(a) and _NUMBER.match(b) and float(a) <= 100 and float(b) <= 100:
            options.append((a, b))
    return options[0] if len(options) == 1 else None
