"""Build traced ``Value``s from grid cells: every value keeps its cell reference and raw text."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from extractor.grid import Cell
from extractor.segment.types import Row
from extractor.values import is_placeholder, parse_decimal, parse_percent
from schemas.common import Measure, SourceRef, Value

T = TypeVar("T")


def ref(row: Row, cell: Cell) -> SourceRef:
    return cell.ref(row.grid_id or "text")


def traced(row: Row, cells: list[Cell], value: T | None, *, confidence: float = 1.0) -> Value[T]:
    """A value with the text and references of the cells it was read from."""
    raw = " ".join(c.clean for c in cells if c.clean) or None
    conf = min([confidence, *[c.confidence for c in cells]]) if cells else confidence
    return Value[T](value=value, raw=raw, source=[ref(row, c) for c in cells], confidence=conf)


def text_value(row: Row, cell: Cell | None, *, confidence: float = 1.0) -> Value[str]:
    if cell is None or is_placeholder(cell.clean):
        return Value[str]()
    return traced(row, [cell], cell.clean, confidence=confidence)


def joined_value(parts: list[tuple[Row, Cell]], *, confidence: float = 1.0) -> Value[str]:
    """Text the source broke over several cells (a name wrapped by a PDF), joined without spaces;
    ``raw`` keeps the cells apart."""
    cells = [c for _, c in parts]
    return Value[str](
        value="".join(c.clean for c in cells),
        raw=" ".join(c.clean for c in cells),
        source=[ref(r, c) for r, c in parts],
        confidence=min([confidence, *[c.confidence for c in cells]]),
    )


def number_value(row: Row, cell: Cell | None, *, confidence: float = 1.0) -> Value[Decimal]:
    return _parsed(row, cell, parse_decimal, confidence)


def percent_value(row: Row, cell: Cell | None, *, confidence: float = 1.0) -> Value[Decimal]:
    return _parsed(row, cell, parse_percent, confidence)


def measure_value(row: Row, cell: Cell | None, measure: Measure | None, *, confidence: float = 1.0) -> Value[Measure]:
    if cell is None or measure is None:
        return Value[Measure]()
    return traced(row, [cell], measure, confidence=confidence)


def _parsed(
    row: Row, cell: Cell | None, parse: Callable[[str], Decimal | None], confidence: float
) -> Value[Decimal]:
    if cell is None:
        return Value[Decimal]()
    number = parse(cell.clean)
    if number is None:
        return Value[Decimal]()
    return traced(row, [cell], number, confidence=confidence)
