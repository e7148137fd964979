"""A stream row's values where the table prints a 指标性质 / 运算符号 column (and a 度量单位 column).

Seen (Sichuan's ``指标性质 | 指标值 | 度量单位 | 实际完成值 | 权重 | 得分`` and Hubei's ``运算符号 |
年初目标值(A) | 实际完成值(B) | 分值 | 得分``, each printed as one PDF stream, figures before the name):
a row opens with its sign (``≦``, ``═``, ``>=``) or ``定性``, then the target, the unit where the table
has that column, and the actual — ``≦ 2988 元/人 2988元/人 45 45 人均补助标准``, ``定性 健全 健全 5 5
长效管护机制``.  The sign makes the cut certain: a signed row's target and actual each print a figure,
its unit none; a 定性 row prints two text cells and no unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractor.grid import Cell
from extractor.rules.cells import measure_value, text_value
from extractor.segment.types import Row
from extractor.values import normalize_operator, parse_measure, squash
from extractor.vocab import is_level_word
from schemas.common import Indicator, Measure, Value

Token = tuple[Row, Cell]
QUALITATIVE = "定性"
NATURE_WORDS = ("指标性质", "运算符号", "计算符号")
UNIT_WORDS = ("度量单位", "计量单位")
_UNIT = re.compile(r"^[^\d\s，。；;]{1,4}$")  # 元/人, %, 万元, 人次
_MAX_VALUE = 16
# a name the text layer glued to the next row's sign (``受益对象满意度（%）>=``, ``建设面积（亩）定性``)
_GLUED_SIGN = re.compile(r"^(?P<name>[^\d\s]*[^\d\s<>=≥≤≧≦＝═])\s*(?P<sign>>=|<=|[≥≤≧≦＝═=<>]|定性)$")


@dataclass(slots=True)
class NatureCells:
    nature: Token
    target: Token
    unit: Token | None
    actual: Token
    span: int


def _text(tok: Token) -> str:
    return squash(tok[1].clean)


def _figure_cell(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and len(text) <= _MAX_VALUE


def _text_cell(text: str) -> bool:
    return bool(text) and len(text) <= _MAX_VALUE and not text.endswith(("。", "；", ";")) and not is_level_word(text)


def is_nature(text: str) -> bool:
    """A row's sign or 定性 (a sign of one or two characters: ``≦``, ``>=``; never ``≥96%``)."""
    key = squash(text)
    return key == QUALITATIVE or len(key) <= 2 and normalize_operator(key) is not None


def split_signs(tokens: list[Token]) -> list[Token]:
    """The tokens with each name glued to the next row's sign cut in two (the sign its own cell, its
    characters at the end of the glued cell's span)."""
    out: list[Token] = []
    for row, cell in tokens:
        m = _GLUED_SIGN.match(cell.clean)
        if m is None or cell.char_end is None or cell.char_start is None:
            out.append((row, cell))
            continue
        sign, name = m.group("sign"), m.group("name")
        out.append((row, replace(cell, text=name, char_end=cell.char_start + len(name))))
        out.append((row, replace(cell, text=sign, char_start=cell.char_end - len(sign))))
    return out


def nature_cells(body: list[Token], i: int, unit_column: bool) -> NatureCells | None:
    """The sign, target, [unit,] actual that start at ``i``, where the sign makes each certain."""
    if i >= len(body) or not is_nature(_text(body[i])):
        return None
    if _text(body[i]) == QUALITATIVE:
        cells = body[i + 1:i + 3]
        if len(cells) < 2 or not all(_text_cell(_text(t)) for t in cells):
            return None
        return NatureCells(body[i], cells[0], None, cells[1], 3)
    # a unit where the table has its column and the row prints one (a unit in the name leaves it empty)
    width = 4 if unit_column and i + 2 < len(body) and _UNIT.match(_text(body[i + 2])) else 3
    cells = body[i + 1:i + width]
    if len(cells) < width - 1:
        return None
    target, actual = cells[0], cells[-1]
    unit = cells[1] if width == 4 else None
    if not (_figure_cell(_text(target)) and _figure_cell(_text(actual))):
        return None
    if unit is not None and not (_UNIT.match(_text(unit)) and not is_level_word(_text(unit))):
        return None
    return NatureCells(body[i], target, unit, actual, width)


def fill_nature(ind: Indicator, cells: NatureCells, confidence: float) -> None:
    """The row's sign, unit, target and actual, read as the 指标性质 / 度量单位 columns say."""
    (nr, nc), (tr, tc), (ar, ac) = cells.nature, cells.target, cells.actual
    ind.nature = text_value(nr, nc, confidence=confidence)
    unit_text = None
    if cells.unit is not None:
        ur, uc = cells.unit
        unit_text = uc.clean
        ind.unit = text_value(ur, uc, confidence=confidence).model_copy(update={"value": squash(uc.clean)})
    qualitative = _text(cells.nature) == QUALITATIVE
    ind.target = _measure(tr, tc, parse_measure(tc.clean, operator_hint=nc.clean, unit_hint=unit_text), qualitative,
                          confidence)
    ind.actual = _measure(ar, ac, parse_measure(ac.clean, unit_hint=unit_text), qualitative, confidence)


def _measure(row: Row, cell: Cell, measure: Measure | None, qualitative: bool, confidence: float) -> Value[Measure]:
    if measure is not None and qualitative:
        measure = measure.model_copy(update={"operator": "qualitative", "value": None, "unit": None})
    return measure_value(row, cell, measure, confidence=confidence)
